//! The results table: one row per year and tier, with the year's totals.

use ap_engine::format::{academic_year, against_budget, count, money};
use leptos::prelude::*;

use crate::simulation::use_simulation;
use crate::state::use_app_state;

#[component]
pub fn ResultsTable() -> impl IntoView {
    let state = use_app_state();
    let simulation = use_simulation().map(|s| s.current);
    let sim = move || simulation.and_then(|c| c.get());
    let ranged = move || sim().is_some();
    let rows = move || {
        let sim = sim();
        // "205–265" and "35%": a figure's 80% range and a chance, when the scenario has ranges.
        let range = |b: Option<&ap_engine::simulate::Bands>| {
            b.map_or(String::new(), |b| {
                format!("{}–{}", count(b.p10), count(b.p90))
            })
        };
        state.last_good.with(|g| {
            let Some((s, pr)) = g else { return Vec::new() };
            let mut rows = Vec::new();
            for t in 0..pr.years {
                let year = academic_year(s.timeline.year(t));
                for (i, tier) in s.tiers.iter().enumerate() {
                    let ty = pr.tier(t, i);
                    let bands = sim.as_ref().and_then(|sim| sim.tiers.get(i));
                    rows.push((
                        false,
                        year.clone(),
                        tier.name.clone(),
                        count(ty.places_needed),
                        count(ty.commissioned),
                        count(ty.unmet + ty.spot),
                        money(ty.spend.total()),
                        range(bands.and_then(|b| b.places_needed.get(t))),
                        bands
                            .and_then(|b| b.chance_short.get(t).copied().flatten())
                            .map_or(String::new(), |p| {
                                format!("{} short of places", ap_engine::format::chance(p))
                            }),
                    ));
                }
                let y = pr.year(t);
                rows.push((
                    true,
                    year.clone(),
                    format!(
                        "High-needs total (budget {}, {})",
                        money(y.budget),
                        against_budget(y.variance)
                    ),
                    count(pr.total_places(t)),
                    count(pr.total_commissioned(t)),
                    count(pr.total_unmet_or_spot(t)),
                    money(y.total_spend),
                    range(sim.as_ref().and_then(|sim| sim.total_places.get(t))),
                    sim.as_ref()
                        .and_then(|sim| sim.chance_overspend.get(t))
                        .map_or(String::new(), |p| {
                            format!("{} over budget", ap_engine::format::chance(*p))
                        }),
                ));
            }
            rows
        })
    };
    view! {
        <section class="results-table" aria-labelledby="results-table-title">
            <h3 id="results-table-title" class="subheading">"Year by year"</h3>
            <div class="table-wrap" tabindex="0">
                <table class="table">
                    <thead><tr>
                        <th scope="col">"Year"</th>
                        <th scope="col">"Tier"</th>
                        <th scope="col" class="num">"Places needed"</th>
                        <th scope="col" class="num">"Commissioned"</th>
                        <th scope="col" class="num">"Unmet or spot"</th>
                        <th scope="col" class="num">"Spend"</th>
                        {move || ranged().then(|| view! {
                            <th scope="col" class="num">"Places needed, 80% range"</th>
                            <th scope="col" class="num">"Chance"</th>
                        })}
                    </tr></thead>
                    <tbody>
                        {move || rows().into_iter().map(|(total, year, tier, places, capacity, short, spend, places_range, chance)| view! {
                            <tr class:table__total=total>
                                <td>{year}</td>
                                <th scope="row">{tier}</th>
                                <td class="num">{places}</td>
                                <td class="num">{capacity}</td>
                                <td class="num">{short}</td>
                                <td class="num">{spend}</td>
                                {ranged().then(|| view! {
                                    <td class="num">{places_range}</td>
                                    <td class="num">{chance}</td>
                                })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
