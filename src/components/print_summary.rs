//! The assumptions as compact tables, shown only on paper (the editable form is hidden there).

use ap_engine::format::{academic_year, money_full, percent, plain};
use leptos::prelude::*;

use crate::state::use_app_state;

#[component]
pub fn PrintSummary() -> impl IntoView {
    let state = use_app_state();
    let content = move || {
        state.scenario.with(|s| {
            let timeline = format!(
                "{} years from {}; {} teaching weeks; inflation {} a year; AP budget {} in the first year, growing {} a year.",
                s.timeline.horizon,
                academic_year(s.timeline.first_year),
                plain(s.timeline.teaching_weeks, 1),
                percent(s.inflation_pct),
                money_full(s.budget.first_year),
                percent(s.budget.growth_pct),
            );
            let phases: Vec<String> = s
                .phases
                .iter()
                .map(|p| format!("{}: {} pupils, {} a year", p.name, plain(p.pupils, 0), percent(p.growth_pct)))
                .collect();
            let tiers: Vec<Vec<String>> = s
                .tiers
                .iter()
                .map(|t| {
                    let demand: Vec<String> = t
                        .phases
                        .iter()
                        .map(|d| {
                            let name = s.phases.iter().find(|p| p.id == d.phase).map_or(d.phase.as_str(), |p| p.name.as_str());
                            format!("{name} {} + {} per 1,000", plain(d.referral_rate, 2), plain(d.exclusion_rate, 2))
                        })
                        .collect();
                    let places: f64 = t.providers.iter().map(|p| p.places_in(0)).sum();
                    vec![
                        t.name.clone(),
                        demand.join("; "),
                        format!("{} weeks", plain(t.stay_weeks, 1)),
                        format!("{} / {}", percent(t.returned_pct), percent(t.step_up_pct)),
                        format!("{} ({} providers)", plain(places, 0), t.providers.len()),
                        t.over_capacity.label().to_string(),
                    ]
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
                            <th>"Tier"</th><th>"Referral + exclusion rates"</th><th>"Stay"</th>
                            <th>"Returned / stepped up"</th><th>"Places (first year)"</th><th>"Above capacity"</th>
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
