//! The results table: one row per year and tier, with the year's totals.

use ap_engine::format::{academic_year, against_budget, count, money};
use leptos::prelude::*;

use crate::state::use_app_state;

#[component]
pub fn ResultsTable() -> impl IntoView {
    let state = use_app_state();
    let rows = move || {
        state.last_good.with(|g| {
            let Some((s, pr)) = g else { return Vec::new() };
            let mut rows = Vec::new();
            for t in 0..pr.years {
                let year = academic_year(s.timeline.year(t));
                for (i, tier) in s.tiers.iter().enumerate() {
                    let ty = pr.tier(t, i);
                    rows.push((
                        false,
                        year.clone(),
                        tier.name.clone(),
                        count(ty.places_needed),
                        count(ty.commissioned),
                        count(ty.unmet + ty.spot),
                        money(ty.spend.total()),
                    ));
                }
                let y = pr.year(t);
                rows.push((
                    true,
                    year.clone(),
                    format!(
                        "Total (budget {}, {})",
                        money(y.budget),
                        against_budget(y.variance)
                    ),
                    count(pr.total_places(t)),
                    count(pr.total_commissioned(t)),
                    count(pr.total_unmet_or_spot(t)),
                    money(y.total_spend),
                ));
            }
            rows
        })
    };
    view! {
        <section class="results-table" aria-labelledby="results-table-title">
            <h3 id="results-table-title" class="subheading">"Year by year"</h3>
            <div class="table-wrap">
                <table class="table">
                    <thead><tr>
                        <th scope="col">"Year"</th>
                        <th scope="col">"Tier"</th>
                        <th scope="col" class="num">"Places needed"</th>
                        <th scope="col" class="num">"Commissioned"</th>
                        <th scope="col" class="num">"Unmet or spot"</th>
                        <th scope="col" class="num">"Spend"</th>
                    </tr></thead>
                    <tbody>
                        {move || rows().into_iter().map(|(total, year, tier, places, capacity, short, spend)| view! {
                            <tr class:table__total=total>
                                <td>{year}</td>
                                <th scope="row">{tier}</th>
                                <td class="num">{places}</td>
                                <td class="num">{capacity}</td>
                                <td class="num">{short}</td>
                                <td class="num">{spend}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
