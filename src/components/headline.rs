//! Headline figures over the horizon.

use ap_engine::format::{count, money};
use leptos::prelude::*;

use crate::state::use_app_state;

#[component]
pub fn Headline() -> impl IntoView {
    let state = use_app_state();
    let figures = move || {
        state.projection.with(|p| {
            p.as_ref().ok().map(|pr| {
                let h = &pr.headline;
                let variance = if h.total_variance < 0.0 {
                    format!("{} over budget", money(-h.total_variance))
                } else {
                    format!("{} under budget", money(h.total_variance))
                };
                (
                    count(h.peak_total_places),
                    money(h.total_spend),
                    variance,
                    pr.years,
                )
            })
        })
    };
    view! {
        <section class="headline" aria-labelledby="headline-title">
            <h2 id="headline-title" class="visually-hidden">"Headline figures"</h2>
            {move || match figures() {
                Some((places, spend, variance, years)) => view! {
                    <dl class="headline__cards">
                        <div class="card">
                            <dt class="card__label">"Peak places needed"</dt>
                            <dd class="card__value" data-testid="peak-places">{places}</dd>
                        </div>
                        <div class="card">
                            <dt class="card__label">{format!("Total spend over {years} years")}</dt>
                            <dd class="card__value" data-testid="total-spend">{spend}</dd>
                        </div>
                        <div class="card">
                            <dt class="card__label">"Against the AP budget"</dt>
                            <dd class="card__value" data-testid="variance">{variance}</dd>
                        </div>
                    </dl>
                }.into_any(),
                None => view! {
                    <p class="notice notice--warning">"Fix the highlighted fields to see the figures."</p>
                }.into_any(),
            }}
        </section>
    }
}
