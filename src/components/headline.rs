//! Headline figures over the horizon.

use ap_engine::format::{academic_year, against_budget, chance, count, money};
use leptos::prelude::*;

use crate::simulation::use_simulation;
use crate::state::use_app_state;

#[component]
fn Card(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] note: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="card">
            <dt class="card__label">{label}</dt>
            <dd class="card__value" data-testid=testid>{move || value.get()}</dd>
            <dd class="card__note">{move || note.get()}</dd>
        </div>
    }
}

#[component]
pub fn Headline() -> impl IntoView {
    let state = use_app_state();
    let figure = move |f: fn(&ap_engine::results::Headline, usize) -> String| {
        Signal::derive(move || {
            state.last_good.with(|g| {
                g.as_ref()
                    .map(|(_, pr)| f(&pr.headline, pr.years))
                    .unwrap_or_else(|| "–".into())
            })
        })
    };
    let last_year_variance = Signal::derive(move || {
        state.last_good.with(|g| {
            g.as_ref()
                .and_then(|(_, pr)| pr.summaries.last())
                .map(|y| {
                    format!(
                        "By the last year: {} cumulative",
                        against_budget(y.cumulative_variance)
                    )
                })
                .unwrap_or_default()
        })
    });
    let simulation = use_simulation();
    let current = move || simulation.and_then(|s| s.current.get());
    // "80% range £64.9m–£72.0m" under the total, once the simulation has run.
    let spend_note = Signal::derive(move || {
        let years = state
            .last_good
            .with(|g| g.as_ref().map_or(0, |(_, pr)| pr.years));
        let base = state.last_good.with(|g| match g {
            Some((_, pr)) if pr.headline.total_income > 0.0 => format!(
                "Over {years} years, each year's prices, after {} AWPU recovered",
                money(pr.headline.total_income)
            ),
            _ => format!("Over {years} years, each year's prices"),
        });
        match current() {
            Some(sim) => format!(
                "{base}. Across the ranges: median {}, 80% range {} to {}",
                money(sim.total_spend.p50),
                money(sim.total_spend.p10),
                money(sim.total_spend.p90)
            ),
            None => base,
        }
    });
    let overspend = Signal::derive(move || {
        current().map(|sim| {
            let worst = sim
                .chance_overspend
                .iter()
                .zip(&sim.years)
                .max_by(|a, b| a.0.total_cmp(b.0));
            let note = match worst {
                Some((p, year)) => format!(
                    "Over the {} years. Worst year: {} ({})",
                    sim.years.len(),
                    academic_year(*year),
                    chance(*p)
                ),
                None => String::new(),
            };
            (chance(sim.chance_overspend_horizon), note)
        })
    });
    view! {
        <section class="headline" aria-labelledby="headline-title">
            <h3 id="headline-title" class="visually-hidden">"Headline figures"</h3>
            <dl class="headline__cards">
                <Card label="High-needs spend" testid="total-spend"
                    value=figure(|h, _| money(h.total_spend))
                    note=spend_note/>
                <Card label="Against the high-needs budget" testid="variance"
                    value=figure(|h, _| against_budget(h.total_variance))
                    note=last_year_variance/>
                <Card label="Whole-system spend" testid="whole-system-spend"
                    value=figure(|h, _| money(h.total_whole_system_spend))
                    note=figure(|h, _| {
                        let others = h.total_whole_system_spend - (h.total_spend + h.total_income);
                        if others.abs() < 0.5 {
                            "All of it paid by the high-needs block".into()
                        } else {
                            format!("Including {} paid by schools, grants or other budgets", money(others))
                        }
                    })/>
                <Card label="Peak places needed" testid="peak-places"
                    value=figure(|h, _| count(h.peak_total_places))
                    note=figure(|_, _| "All tiers, in the busiest year".into())/>
                <Card label="Unmet or spot-purchased places" testid="unmet-or-spot"
                    value=figure(|h, _| count(h.peak_unmet_or_spot))
                    note=figure(|h, _| match h.independent_or_spot_share_pct {
                        Some(share) => format!("Peak year; {} of place-years independent or spot", ap_engine::format::percent(share)),
                        None => "Peak year".into(),
                    })/>
                <Card label="Pupils returned to mainstream" testid="returned"
                    value=figure(|h, _| count(h.returned_to_mainstream))
                    note=figure(|h, _| format!("{} permanent exclusions over the period", count(h.permanent_exclusions)))/>
                {move || overspend.get().map(|(value, note)| view! {
                    <Card label="Chance of overspending" testid="chance-overspend" value=value note=note/>
                })}
            </dl>
        </section>
    }
}
