//! The Money view: the money as a high-needs finance lead reads it, in academic or financial
//! years: spend by funder, AWPU income, net high-needs spend against the budget, the in-year and
//! cumulative position (from the opening balance), for the plan (mitigated) and without its
//! interventions (unmitigated), as a table and a chart, with CSV and Excel downloads laid out
//! like the DSG management plan's summary. Every figure comes from `ap_engine::money`.

use ap_engine::format::{academic_year, chance, financial_year, money, money_full};
use ap_engine::money::{headings, lines, money_table, unmitigated, Basis};
use ap_engine::simulate::{Bands, MoneyBands};
use ap_exports::csv::money_csv;
use ap_exports::job::Job;
use leptos::prelude::*;

use crate::charts::figure::Figure;

use super::chart_figure::ChartFigure;
use crate::charts::data;
use crate::download::{download, file_stem};
use crate::simulation::use_simulation;
use crate::state::use_app_state;

/// A money cell: as people read it, with the exact figure kept for tests and screen readers'
/// "copy" (the title shows it in full).
fn cell(v: f64) -> impl IntoView {
    view! { <td class="num" data-value=format!("{v:.2}") title=money_full(v)>{money(v)}</td> }
}

#[component]
pub fn MoneyView() -> impl IntoView {
    let state = use_app_state();
    let basis = RwSignal::new(Basis::Academic);
    let message = RwSignal::new(None::<String>);
    let table = Memo::new(move |_| {
        let b = basis.get();
        state.last_good.with(|g| {
            g.as_ref()
                .map(|(s, pr)| money_table(s, pr, &unmitigated(s), b))
        })
    });
    let data =
        Signal::derive(move || table.with(|t| t.as_ref().map(|t| Figure::from(data::money(t)))));
    let stale = Signal::derive(move || state.is_stale());
    let suffix = move || match basis.get_untracked() {
        Basis::Academic => "academic-years",
        Basis::Financial => "financial-years",
    };
    let export_csv = move |_| {
        let result = state
            .last_good
            .with_untracked(|g| match (g, table.get_untracked()) {
                (Some((s, _)), Some(t)) => download(
                    &format!("{}-money-{}.csv", file_stem(&s.meta.name), suffix()),
                    "text/csv",
                    &money_csv(&t),
                ),
                _ => Err("There are no figures to export yet.".into()),
            });
        message.set(result.err());
    };
    // The workbook is made by the export worker (a second module, loaded on first use).
    let preparing = RwSignal::new(false);
    let export_xlsx = move |_| {
        let Some(s) = state
            .last_good
            .with_untracked(|g| g.as_ref().map(|(s, _)| s.clone()))
        else {
            message.set(Some("There are no figures to export yet.".into()));
            return;
        };
        let file = format!("{}-money-{}.xlsx", file_stem(&s.meta.name), suffix());
        let job = Job::MoneyWorkbook {
            scenario: Box::new(s),
            financial: basis.get_untracked() == Basis::Financial,
        };
        crate::export_worker::save_workbook(job, file, preparing, message);
    };
    let opening = move || {
        state.last_good.with(|g| {
            g.as_ref().map_or(String::new(), |(s, _)| {
                let m = &s.money;
                let mut note = format!(
                    "Cumulative DSG position at 31 March {} {} (negative is a deficit brought forward). Net high-needs spend is the high-needs block's spend less the AWPU recovered from excluding schools; the unmitigated run is the same scenario without the interventions new in the plan (those already in the base budget stay).",
                    s.timeline.first_year,
                    money(m.opening_balance)
                );
                note.push_str(&format!(
                    " The statutory override keeps a DSG deficit off the council's general fund to 31 March {}; a deficit after that is shown on its own line.",
                    m.override_last_year.saturating_add(1)
                ));
                if m.write_off_pct > 0.0 && m.opening_balance < 0.0 {
                    note.push_str(&format!(
                        " A grant writes off {}% of the deficit brought forward in {}.",
                        ap_engine::format::plain(m.write_off_pct, 2),
                        financial_year(m.write_off_year)
                    ));
                }
                note
            })
        })
    };
    // The simulation's spread of the money in the years shown: each draw's own years, summed
    // from its own figures (never from percentiles).
    let simulation = use_simulation().map(|s| s.current);
    let bands = Memo::new(move |_| {
        let b = basis.get();
        simulation.and_then(|c| c.with(|sim| sim.as_ref().map(|sim| sim.money(b))))
    });
    view! {
        <section class="money" id="money" aria-labelledby="money-title">
            <h3 id="money-title" class="subheading">"Money"</h3>
            <div class="field">
                <label class="field__label" for="money-basis">"Show the money by"</label>
                <select class="field__select" id="money-basis"
                    on:change=move |ev| basis.set(if event_target_value(&ev) == "financial" { Basis::Financial } else { Basis::Academic })>
                    <option value="academic" selected=move || basis.get() == Basis::Academic>"Academic years (September to August)"</option>
                    <option value="financial" selected=move || basis.get() == Basis::Financial>"Financial years (April to March, as the DSG plan)"</option>
                </select>
            </div>
            <p class="money__note" data-testid="money-opening">{opening}</p>
            {move || state.last_good.with(|g| g.as_ref().map(|(_, pr)| pr.warnings.iter()
                .filter(|w| matches!(w, ap_engine::results::Warning::WaitingCostsNothing { .. }))
                .map(|w| view! { <p class="money__note" role="note"><strong>"Check: "</strong>{w.to_string()}</p> })
                .collect_view()))}
            {move || (basis.get() == Basis::Financial).then(|| view! {
                <p class="money__note">"Each academic year is shared between the two financial years it straddles (the rule is under Costs and budget). The first and last financial years are only partly inside the projection: they are marked “(part)”."</p>
            })}
            // Laid out as the DSG management plan's summary: one row per line, one column per
            // year (the same lines, in the same order, as the CSV and Excel downloads).
            <div class="table-wrap" tabindex="0">
                <table class="table" data-testid="money-table">
                    <caption class="visually-hidden">"Money by year: spend by who pays it, income, net high-needs spend against the budget, and the position with and without the interventions"</caption>
                    <thead><tr>
                        <th scope="col">"Line"</th>
                        {move || table.with(|t| t.as_ref().map(|t| headings(t).into_iter()
                            .map(|h| view! { <th scope="col" class="num">{h}</th> }).collect_view()))}
                    </tr></thead>
                    <tbody>
                        {move || table.with(|t| t.as_ref().map(|t| lines(t).into_iter().map(|(name, values)| view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {values.into_iter().map(cell).collect_view()}
                            </tr>
                        }).collect_view()))}
                    </tbody>
                </table>
            </div>
            {move || bands.get().map(|b| view! { <MoneyBandsTable bands=b basis=basis.get_untracked()/> })}
            <ChartFigure id="chart-money" data stale/>
            <div class="money__actions">
                <button type="button" class="button button--secondary" on:click=export_csv>"Download money (CSV)"</button>
                <button type="button" class="button button--secondary" on:click=export_xlsx>"Download money (Excel)"</button>
            </div>
            {move || preparing.get().then(|| view! { <p class="notice" role="status">"Preparing the workbook…"</p> })}
            {move || message.get().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
        </section>
    }
}

/// The simulation's spread of the money, one column per year: the 80% range (P10 to P90) and
/// the median of net spend and of the in-year and cumulative positions, and the chance of
/// overspending in each year.
#[component]
fn MoneyBandsTable(bands: MoneyBands, basis: Basis) -> impl IntoView {
    let headings: Vec<String> = bands
        .years
        .iter()
        .zip(&bands.partial)
        .map(|(y, part)| {
            let label = match basis {
                Basis::Academic => academic_year(*y),
                Basis::Financial => financial_year(*y),
            };
            if *part {
                format!("{label} (part)")
            } else {
                label
            }
        })
        .collect();
    let range = |b: &Bands| format!("{} to {}", money(b.p10), money(b.p90));
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for (name, series) in [
        ("Net high-needs spend", &bands.spend),
        ("In-year position", &bands.variance),
        ("Cumulative position", &bands.cumulative_variance),
    ] {
        rows.push((
            format!("{name}, median (P50)"),
            series.iter().map(|b| money(b.p50)).collect(),
        ));
        rows.push((
            format!("{name}, 80% range (P10 to P90)"),
            series.iter().map(range).collect(),
        ));
    }
    rows.push((
        "Chance of overspending in the year".into(),
        bands.chance_overspend.iter().map(|p| chance(*p)).collect(),
    ));
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table" data-testid="money-bands">
                <caption>"How far the money could spread, from the simulation of the ranges"</caption>
                <thead><tr>
                    <th scope="col">"Line"</th>
                    {headings.into_iter().map(|h| view! { <th scope="col" class="num">{h}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(name, cells)| view! {
                        <tr>
                            <th scope="row">{name}</th>
                            {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
