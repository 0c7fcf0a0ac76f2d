//! Costs and budget: the AP budget, inflation and fixed annual cost lines.

use ap_engine::edit;
use leptos::prelude::*;

use super::bind;
use super::{confirm, Section};
use crate::components::fields::{NumberField, TextField};
use crate::state::use_app_state;

#[component]
pub fn CostsAndBudget() -> impl IntoView {
    let state = use_app_state();
    let lines = Memo::new(move |_| state.scenario.with(|s| s.other_costs.len()));
    view! {
        <Section id="section-costs" title="Costs and budget">
            <div class="field-row">
                <NumberField state path="budget.first_year" label="AP budget in the first year" unit="£" step=100000.0
                    hint="From the high-needs block."
                    binding=bind::top(|s| s.budget.first_year, |s, v| s.budget.first_year = v)/>
                <NumberField state path="budget.growth_pct" label="Budget growth" unit="% a year" step=0.5
                    hint="Change in the budget each year."
                    binding=bind::top(|s| s.budget.growth_pct, |s, v| s.budget.growth_pct = v)/>
                <NumberField state path="inflation_pct" label="Inflation" unit="% a year" step=0.5
                    hint="Applied to every cost from the second year."
                    binding=bind::top(|s| s.inflation_pct, |s, v| s.inflation_pct = v)/>
            </div>
            <h4 class="subheading">"Other fixed costs"</h4>
            {move || (0..lines.get()).map(|n| {
                let name = Signal::derive(move || state.scenario.with(|s| s.other_costs.get(n).map(|c| c.name.clone())).unwrap_or_default());
                view! {
                    <fieldset class="item">
                        <legend class="item__legend">{move || name.get()}</legend>
                        <TextField state path=format!("other_costs.{n}.name") label="Name"
                            binding=bind::cost_text(n, |c| c.name.clone(), |c, v| c.name = v)/>
                        <div class="field-row">
                            <NumberField state path=format!("other_costs.{n}.amount") label="Amount" unit="£ a year" step=10000.0 hint=""
                                binding=bind::cost(n, |c| c.amount, |c, v| c.amount = v)/>
                            <NumberField state path=format!("other_costs.{n}.first_year") label="From" unit="start year" plain_digits=true hint="2026 means 2026/27."
                                binding=bind::cost(n, |c| f64::from(c.first_year), |c, v| c.first_year = v.round() as i32)/>
                            <NumberField state path=format!("other_costs.{n}.last_year") label="To" unit="start year" plain_digits=true hint="Included."
                                binding=bind::cost(n, |c| f64::from(c.last_year), |c, v| c.last_year = v.round() as i32)/>
                        </div>
                        <button type="button" class="button button--small button--warning"
                            aria-label=move || format!("Remove cost line {}", name.get())
                            on:click=move |_| if confirm(&format!("Remove the cost line “{}”? You can undo this.", name.get_untracked())) {
                                state.edit("remove cost line", |s| { edit::remove_cost_line(s, n); });
                            }>"Remove"</button>
                    </fieldset>
                }
            }).collect_view()}
            <button type="button" class="button button--secondary"
                on:click=move |_| state.edit("add cost line", |s| { edit::add_cost_line(s); })>"Add a cost line"</button>
        </Section>
    }
}
