//! The assumptions as compact tables, shown only on paper (the editable form is hidden there).
//! Labels and units come from the engine's catalogue of inputs, so paper and screen agree.

use ap_engine::fields::{DemandField, Field, PhaseField, TierField, TopField};
use ap_engine::format::{academic_year, money_full, percent};
use ap_engine::Scenario;
use leptos::prelude::*;

use crate::state::use_app_state;

/// "Label: value" for a number of the scenario, as people read it ("Inflation: 2%").
fn stated(s: &Scenario, field: Field) -> String {
    format!("{}: {}", field.describe(s), shown(s, field))
}

/// The value of a number with its unit ("16 weeks", "£10,000", "2026/27").
fn shown(s: &Scenario, field: Field) -> String {
    match (field.number(s), field.spec().unit()) {
        (Some(v), Some(unit)) => unit.show(v),
        _ => "–".into(),
    }
}

/// The columns of the tiers table after the tier's name and demand: the catalogue's inputs.
const TIER_COLUMNS: [TierField; 4] = [
    TierField::Stay,
    TierField::Returned,
    TierField::StepUp,
    TierField::Trend,
];

#[component]
pub fn PrintSummary() -> impl IntoView {
    let state = use_app_state();
    let content = move || {
        state.scenario.with(|s| {
            let timeline = TopField::NUMBERS
                .map(|what| stated(s, Field::Top(what)))
                .join("; ");
            let phases: Vec<String> = (0..s.phases.len())
                .map(|phase| {
                    let at = |what| Field::Phase { phase, what };
                    format!(
                        "{}: {}, {} a year",
                        s.phases[phase].name,
                        shown(s, at(PhaseField::Pupils)),
                        shown(s, at(PhaseField::Growth))
                    )
                })
                .collect();
            let tiers: Vec<Vec<String>> = s
                .tiers
                .iter()
                .enumerate()
                .map(|(tier, t)| {
                    let demand: Vec<String> = (0..t.phases.len())
                        .map(|line| {
                            let at = |what| Field::Demand { tier, line, what };
                            let id = &t.phases[line].phase;
                            let phase = s
                                .phase_index(id)
                                .map_or(id.as_str(), |p| s.phases[p].name.as_str());
                            format!(
                                "{phase} {} + {}",
                                shown(s, at(DemandField::ReferralRate))
                                    .replace(" per 1,000 pupils", ""),
                                shown(s, at(DemandField::ExclusionRate))
                            )
                        })
                        .collect();
                    let places: f64 = t.providers.iter().map(|p| p.places_in(0)).sum();
                    let mut row = vec![t.name.clone(), demand.join("; ")];
                    row.extend(TIER_COLUMNS.map(|what| shown(s, Field::Tier { tier, what })));
                    row.push(format!("{places:.0} ({} providers)", t.providers.len()));
                    row.push(t.over_capacity.label().to_string());
                    row
                })
                .collect();
            let interventions: Vec<String> = s
                .interventions
                .iter()
                .map(|iv| {
                    format!(
                        "{}: {} {} from {}, over {} years, {} a year",
                        iv.name,
                        iv.target.label(),
                        percent(iv.change_pct),
                        academic_year(iv.first_year),
                        iv.ramp_years,
                        money_full(iv.annual_cost)
                    )
                })
                .collect();
            (timeline, phases, tiers, interventions)
        })
    };
    let headings = TIER_COLUMNS.map(|what| Field::Tier { tier: 0, what }.spec().label);
    view! {
        <section class="print-summary" aria-hidden="true">
            {move || {
                let (timeline, phases, tiers, interventions) = content();
                view! {
                    <h2 class="panel__title">"Key assumptions"</h2>
                    <p>{timeline}</p>
                    <p>"Pupils on roll: " {phases.join("; ")}</p>
                    <table class="table">
                        <thead><tr>
                            <th>"Tier"</th><th>"Referral + exclusion rates"</th>
                            {headings.map(|h| view! { <th>{h}</th> }).collect_view()}
                            <th>"Places (first year)"</th><th>"Above capacity"</th>
                        </tr></thead>
                        <tbody>
                            {tiers.into_iter().map(|row| view! {
                                <tr>{row.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(!interventions.is_empty()).then(|| view! {
                        <p>"Interventions: " {interventions.join("; ")}</p>
                    })}
                }
            }}
        </section>
    }
}
