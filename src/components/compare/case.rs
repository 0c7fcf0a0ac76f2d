//! One scenario against the baseline: the invest-to-save figures as cards, the year-by-year
//! table, and the inputs that differ.

use ap_engine::compare::{InvestToSave, Payback};
use ap_engine::simulate::PairedCase;
use ap_engine::Scenario;

use crate::components::uncertainty::CaseUncertainty;
use ap_engine::format::{academic_year, count, money, plain};
use leptos::prelude::*;

fn payback_text(p: Payback) -> String {
    match p {
        Payback::Year(y) => academic_year(y),
        Payback::NotWithinHorizon => "Not within the horizon".into(),
        Payback::NoExtraInvestment => "No extra investment".into(),
    }
}

#[component]
pub fn Case(
    /// The baseline's label.
    base: String,
    /// This scenario's label.
    label: String,
    /// This scenario against the baseline.
    case: InvestToSave,
    /// The inputs that differ from the baseline's, in plain English.
    diffs: Vec<String>,
    /// The name of this scenario's last tier.
    last_tier: String,
    /// The same case over the simulation's draws, when the scenarios have ranges.
    paired: Option<PairedCase>,
    /// The baseline scenario and this one, for the tornado and goal seek on the net saving.
    scenarios: (Scenario, Scenario),
) -> impl IntoView {
    let (baseline, scenario) = scenarios;
    let c = case;
    let chances = paired.map(|p| {
        let by = p
            .chance_payback_by
            .iter()
            .map(|(y, chance)| format!("{}: {}", academic_year(*y), ap_engine::format::chance(*chance)))
            .collect::<Vec<_>>()
            .join("; ");
        let net = p.cumulative_net_saving;
        view! {
            <div class="card"><dt class="card__label">"Chance of paying back"</dt>
                <dd class="card__value" data-testid="chance-payback">{if p.invests { ap_engine::format::chance(p.chance_payback) } else { "No extra investment".into() }}</dd>
                <dd class="card__note">{format!("By year: {by}")}</dd></div>
            <div class="card"><dt class="card__label">"Cumulative net saving, 80% range"</dt>
                <dd class="card__value" data-testid="net-saving-range">{format!("{} to {}", money(net.p10), money(net.p90))}</dd>
                <dd class="card__note">{format!("Median {}", money(net.p50))}</dd></div>
        }
    });
    view! {
        <section class="compare__case">
            <h3 class="subheading">{format!("{label} against {base}")}</h3>
            <dl class="headline__cards">
                <div class="card"><dt class="card__label">"Payback year"</dt><dd class="card__value" data-testid="payback">{payback_text(c.payback)}</dd></div>
                <div class="card"><dt class="card__label">"Extra investment"</dt><dd class="card__value">{money(c.total_extra_investment)}</dd></div>
                <div class="card"><dt class="card__label">"Spend avoided"</dt><dd class="card__value">{money(c.total_spend_avoided)}</dd></div>
                <div class="card"><dt class="card__label">"Net saving: cashable"</dt><dd class="card__value" data-testid="cashable">{money(c.total_cashable)}</dd>
                    <dd class="card__note">"High-needs spend below the year before"</dd></div>
                <div class="card"><dt class="card__label">"Net saving: growth avoided"</dt><dd class="card__value" data-testid="avoided">{money(c.total_avoided)}</dd>
                    <dd class="card__note">"Below the baseline, not below last year's spend"</dd></div>
                <div class="card"><dt class="card__label">{format!("Pupils kept out of {last_tier}")}</dt><dd class="card__value">{count(c.kept_out_of_last_tier)}</dd></div>
                <div class="card"><dt class="card__label">"Permanent exclusions avoided"</dt><dd class="card__value">{count(c.exclusions_avoided)}</dd></div>
                <div class="card"><dt class="card__label">"Cost per extra pupil returned to mainstream"</dt>
                    <dd class="card__value">{c.cost_per_extra_returned.map(money).unwrap_or_else(|| "–".into())}</dd></div>
                {chances}
            </dl>
            <div class="table-wrap" tabindex="0">
                <table class="table">
                    <caption class="visually-hidden">{format!("{label} against {base}, year by year")}</caption>
                    <thead><tr>
                        <th scope="col">"Year"</th>
                        <th scope="col" class="num">"Places: difference"</th>
                        <th scope="col" class="num">"Spend: difference"</th>
                        <th scope="col" class="num">"Extra investment"</th>
                        <th scope="col" class="num">"Spend avoided"</th>
                        <th scope="col" class="num">"Cumulative net saving"</th>
                        <th scope="col" class="num">"Cashable"</th>
                        <th scope="col" class="num">"Growth avoided"</th>
                    </tr></thead>
                    <tbody>
                        {c.years.into_iter().map(|y| view! {
                            <tr>
                                <th scope="row">{academic_year(y.academic_year)}</th>
                                <td class="num">{format!("{}{}", if y.places_difference > 0.0 { "+" } else { "" }, plain(y.places_difference, 0))}</td>
                                <td class="num">{money(y.spend_difference)}</td>
                                <td class="num">{money(y.extra_investment)}</td>
                                <td class="num">{money(y.spend_avoided)}</td>
                                <td class="num">{money(y.cumulative_net_saving)}</td>
                                <td class="num">{money(y.cashable)}</td>
                                <td class="num">{money(y.avoided)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <CaseUncertainty baseline scenario/>
            <h4 class="subheading">"Inputs that differ"</h4>
            {if diffs.is_empty() {
                view! { <p>"None: the inputs are the same."</p> }.into_any()
            } else {
                view! { <ul class="compare__diffs">{diffs.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}
