//! Costs and budget: the high-needs budget for AP, the opening balance, cost indices, income, the
//! financial-year rule and fixed annual cost lines.

use ap_engine::edit::Edit;
use ap_engine::fields::{CostLineField, Field, TopField};
use leptos::prelude::*;

use super::{apply, Section};
use crate::components::fields::{ChoiceField, FundingField, NumberField, NumberRow, TextField};
use crate::dialog::then_if_yes;
use crate::state::use_app_state;

#[component]
pub fn CostsAndBudget() -> impl IntoView {
    let state = use_app_state();
    let lines = Memo::new(move |_| state.scenario.with(|s| s.other_costs.len()));
    view! {
        <Section id="section-costs" title="Costs and budget">
            <div class="field-row">
                <ChoiceField state field=Field::Top(TopField::BudgetBasis)/>
                <NumberField state field=Field::Top(TopField::BudgetFirstYear)/>
                <NumberField state field=Field::Top(TopField::BudgetGrowth)/>
            </div>
            <h4 class="subheading">"The DSG position and the deficit rules"</h4>
            <NumberRow state fields=[TopField::OpeningBalance, TopField::WriteOffPct, TopField::WriteOffYear, TopField::OverrideLastYear].map(Field::Top).to_vec()/>
            <h4 class="subheading">"Cost indices (% a year)"</h4>
            <NumberRow state fields=TopField::INDICES[..4].iter().copied().map(Field::Top).collect()/>
            <NumberRow state fields=TopField::INDICES[4..].iter().copied().map(Field::Top).collect()/>
            <h4 class="subheading">"Income and financial years"</h4>
            <div class="field-row">
                <NumberField state field=Field::Top(TopField::AwpuYearLeft)/>
                <ChoiceField state field=Field::Top(TopField::FySplit)/>
            </div>
            <h4 class="subheading">"Other fixed costs"</h4>
            {move || (0..lines.get()).map(|line| {
                let at = move |what| Field::CostLine { line, what };
                let name = Signal::derive(move || state.scenario.with(|s| s.other_costs.get(line).map(|c| c.name.clone())).unwrap_or_default());
                view! {
                    <fieldset class="item">
                        <legend class="item__legend">{move || name.get()}</legend>
                        <TextField state field=at(CostLineField::Name)/>
                        <NumberRow state fields=[CostLineField::Amount, CostLineField::FirstYear, CostLineField::LastYear].map(at).to_vec()/>
                        <FundingField state field=at(CostLineField::Funder)/>
                        <button type="button" class="button button--small button--warning"
                            aria-label=move || format!("Remove cost line {}", name.get())
                            on:click=move |_| then_if_yes(format!("Remove the cost line “{}”? You can undo this.", name.get_untracked()), "Remove",
                                move || apply(state, Edit::RemoveCostLine(line)))>"Remove"</button>
                    </fieldset>
                }
            }).collect_view()}
            <button type="button" class="button button--secondary"
                on:click=move |_| apply(state, Edit::AddCostLine)>"Add a cost line"</button>
        </Section>
    }
}
