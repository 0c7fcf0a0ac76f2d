//! Tests across the charts: readable text at every displayed width, well-formed SVG whatever
//! the names, names whole, and figures that are the projection's own.

use ap_engine::examples;
use ap_engine::format::{academic_year, count};
use ap_engine::scenario::{OverCapacity, Phase, Provider, Tier, TierPhase};
use ap_engine::simulate::{Bands, Simulation, TierBands};
use ap_engine::{project, Projection, Scenario};

use super::bars::Measure;
use super::data;
use super::figure::Figure;
use super::tornado::TornadoChart;

const WIDTHS: [u32; 3] = [360, 680, 1200];

fn projected(s: &Scenario) -> Projection {
    project(s).unwrap_or_else(|e| panic!("{e:?}"))
}

/// A simulation whose spread is ±10% around each figure (only its shape matters here).
fn fake_simulation(pr: &Projection) -> Simulation {
    let spread = |v: f64| Bands {
        p10: v * 0.9,
        p25: v * 0.95,
        p50: v,
        p75: v * 1.05,
        p90: v * 1.1,
        mean: v,
    };
    Simulation {
        spend: (0..pr.years)
            .map(|t| spread(pr.year(t).total_spend))
            .collect(),
        total_places: (0..pr.years).map(|t| spread(pr.total_places(t))).collect(),
        tiers: (0..pr.tiers)
            .map(|i| TierBands {
                places_needed: (0..pr.years)
                    .map(|t| spread(pr.tier(t, i).places_needed))
                    .collect(),
                ..TierBands::default()
            })
            .collect(),
        ..Simulation::default()
    }
}

/// Every chart the results show for a scenario, with and without ranges.
fn figures(s: &Scenario) -> Vec<Figure> {
    let pr = projected(s);
    let sim = fake_simulation(&pr);
    let mut out: Vec<Figure> = vec![
        data::places(s, &pr).into(),
        data::places_with_bands(s, &pr, &sim).into(),
        data::spend(s, &pr).into(),
        data::spend_with_bands(s, &pr, &sim).into(),
        data::flows(s, &pr, 0).into(),
        data::flows(s, &pr, 99).into(),
    ];
    for i in data::managed_tiers(s) {
        out.push(data::tier_places(s, &pr, i).unwrap().into());
        out.push(
            data::tier_places_with_bands(s, &pr, &sim, i)
                .unwrap()
                .into(),
        );
    }
    out.extend(data::caseload(s, &pr).map(Figure::from));
    out.extend(data::caseload_with_bands(s, &pr, &sim).map(Figure::from));
    out.push(
        TornadoChart {
            title: "Total spend".into(),
            measure: Measure::Money,
            central: 68.0e6,
            rows: s
                .tiers
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let swing = 1.0e6 * (i + 1) as f64;
                    (
                        format!("{} · demand trend", t.name),
                        68.0e6 - swing,
                        68.0e6 + swing,
                    )
                })
                .collect(),
        }
        .into(),
    );
    out
}

/// The text of every `<text>` element, trimmed, in document order.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect()
}

#[test]
fn every_text_is_at_least_13px_at_every_width() {
    for s in examples::all() {
        for figure in figures(&s) {
            for width in WIDTHS {
                let (svg, (w, h)) = figure.svg(width).unwrap();
                assert_eq!(w, width, "{}", figure.title());
                assert!(h >= 150, "{}: {h}", figure.title());
                let doc = roxmltree::Document::parse(&svg).unwrap();
                let sizes: Vec<f64> = doc
                    .descendants()
                    .filter_map(|n| n.attribute("font-size"))
                    .map(|v| v.trim_end_matches("px").parse::<f64>().unwrap())
                    .collect();
                assert!(!sizes.is_empty(), "{}", figure.title());
                for size in sizes {
                    assert!(
                        size >= 13.0 - 1e-9,
                        "{} at {width}: font-size {size}",
                        figure.title()
                    );
                }
                assert!(!svg.contains('…'), "{} cuts a name", figure.title());
            }
        }
    }
}

#[test]
fn hostile_names_give_well_formed_svg_with_the_names_as_text() {
    let hostile = "<script>alert(1)</script> & \"quoted\" 'single'";
    let mut s = examples::dfe_three_tier();
    for tier in &mut s.tiers {
        tier.name = format!("{hostile} {}", tier.id);
    }
    for figure in figures(&s) {
        for width in WIDTHS {
            let (svg, _) = figure.svg(width).unwrap();
            assert!(!svg.contains("<script>"), "{}", figure.title());
            // Parses, and the name is text, not markup (a word too long for a line may be
            // broken, so spaces are left out of the comparison).
            let all: String = texts(&svg).concat().replace(' ', "");
            // A chart whose rows are the tiers (the flow diagram, the tornado) writes their
            // names on the drawing.
            if figure
                .table()
                .rows
                .iter()
                .any(|(row, _)| row.contains(hostile))
            {
                assert!(all.contains(&hostile.replace(' ', "")), "{all}");
            }
        }
    }
    let pr = projected(&s);
    let caseload: Figure = data::caseload(&s, &pr).unwrap().into();
    let all = texts(&caseload.svg(1200).unwrap().0).join(" ");
    assert!(all.contains(hostile), "{all}");
}

#[test]
fn a_long_tier_name_is_wrapped_whole_not_cut() {
    let long = "Tier 1: targeted support in mainstream schools for pupils at risk of suspension";
    let mut s = examples::dfe_three_tier();
    s.tiers[0].name = long.into();
    let pr = projected(&s);
    let tornado = TornadoChart {
        title: "Total spend".into(),
        measure: Measure::Money,
        central: 1.0e6,
        rows: vec![(long.into(), 0.9e6, 1.2e6)],
    };
    for figure in [
        Figure::from(data::flows(&s, &pr, 1)),
        Figure::from(data::caseload(&s, &pr).unwrap()),
        Figure::from(tornado),
    ] {
        for width in WIDTHS {
            let (svg, _) = figure.svg(width).unwrap();
            let lines = texts(&svg);
            assert!(lines.join(" ").contains(long), "{width}: {lines:?}");
            assert!(!svg.contains('…'));
            if width == 360 {
                assert!(
                    !lines.iter().any(|l| l == long),
                    "at 360 px the name is wrapped over lines: {lines:?}"
                );
            }
        }
    }
}

#[test]
fn tier_places_have_their_own_capacity_line_and_the_caseload_none() {
    let s = examples::dfe_three_tier();
    let pr = projected(&s);
    assert_eq!(s.tiers[0].over_capacity, OverCapacity::NotManaged);
    assert_eq!(data::managed_tiers(&s), vec![1, 2]);
    assert!(
        data::tier_places(&s, &pr, 0).is_none(),
        "Tier 1 is a caseload"
    );
    assert!(data::tier_places(&s, &pr, 9).is_none());
    for i in [1, 2] {
        let chart = data::tier_places(&s, &pr, i).unwrap();
        assert!(chart.small);
        assert_eq!(chart.lines.len(), 1);
        assert_eq!(chart.lines[0].name, "Commissioned places");
        assert_eq!(chart.series.len(), 2);
        assert!(!chart.series[0].hatched && chart.series[1].hatched);
        assert!(chart.series[1]
            .name
            .starts_with("Not in commissioned places"));
        for t in 0..pr.years {
            let ty = pr.tier(t, i);
            assert_eq!(chart.lines[0].values[t], ty.commissioned);
            assert_eq!(chart.series[1].values[t], ty.spot + ty.unmet);
            // The two parts make up the places needed.
            assert!((chart.total(t) - ty.places_needed).abs() < 1e-6);
        }
        // The peak year's figure is written on the chart.
        let peak = (0..pr.years)
            .max_by(|&a, &b| {
                pr.tier(a, i)
                    .places_needed
                    .total_cmp(&pr.tier(b, i).places_needed)
            })
            .unwrap();
        let note = &chart.notes[0];
        assert_eq!(note.category, peak);
        assert!(note.text.starts_with(&format!(
            "Peak {}: {} places",
            academic_year(s.timeline.year(peak)),
            count(pr.tier(peak, i).places_needed)
        )));
        let (svg, _) = Figure::from(chart.clone()).svg(680).unwrap();
        assert!(texts(&svg).join(" ").contains("Peak"), "drawn");
    }
    let caseload = data::caseload(&s, &pr).unwrap();
    assert!(caseload.lines.is_empty(), "no capacity line");
    assert_eq!(caseload.series.len(), 1);
    assert_eq!(caseload.series[0].name, s.tiers[0].name);
    assert!(caseload.value_axis.starts_with("Pupils supported"));
    let sim = fake_simulation(&pr);
    let banded = data::caseload_with_bands(&s, &pr, &sim).unwrap();
    assert!(banded.lines.is_empty() && banded.band.is_some());

    // A scenario whose every tier is capacity-managed has no caseload chart.
    let mut all_managed = s.clone();
    all_managed.tiers[0].over_capacity = OverCapacity::Spot;
    let pr = projected(&all_managed);
    assert!(data::caseload(&all_managed, &pr).is_none());
    assert_eq!(data::managed_tiers(&all_managed), vec![0, 1, 2]);
}

/// Two tiers, one phase of 100,000 pupils, stays of a whole teaching year (τ = 1), nobody in
/// either tier at the start: every flow in the first year can be worked out by hand.
fn hand_checked() -> Scenario {
    let tier = |id: &str, referral: f64, exclusion: f64, returned: f64, step: f64| Tier {
        id: id.into(),
        name: format!("{id} name"),
        phases: vec![TierPhase {
            phase: "all".into(),
            referral_rate: referral,
            exclusion_rate: exclusion,
            start_pupils: 0.0,
        }],
        stay_weeks: 39.0,
        returned_pct: returned,
        step_up_pct: step,
        ..Tier::default()
    };
    let mut second = tier("Tier 2", 1.0, 2.0, 40.0, 0.0);
    second.over_capacity = OverCapacity::Spot;
    second.spot_price = 1.0;
    second.providers = vec![Provider {
        id: "p".into(),
        name: "PRU".into(),
        places: vec![100.0],
        ..Provider::default()
    }];
    Scenario {
        meta: ap_engine::scenario::Meta {
            name: "Worked by hand".into(),
            ..Default::default()
        },
        phases: vec![Phase {
            id: "all".into(),
            name: "All pupils".into(),
            pupils: 100_000.0,
            ..Phase::default()
        }],
        tiers: vec![tier("Tier 1", 10.0, 0.0, 50.0, 20.0), second],
        ..Scenario::default()
    }
}

#[test]
fn the_flow_diagram_shows_the_projections_own_figures() {
    let s = hand_checked();
    let pr = projected(&s);
    let f = data::flows(&s, &pr, 0);
    assert_eq!(f.year, "2026/27");
    // By hand: with τ = 1 and nobody at the start, a tier keeps 1 − e⁻¹ of a year's entries at
    // its end and the rest, e⁻¹, have left.
    let left = (-1.0_f64).exp();
    let tier1_in = 10.0 * 100.0; // 10 per 1,000 of 100,000
    let tier1_out = tier1_in * left;
    let stepped = tier1_out * 0.2;
    let tier2_in = 100.0 + 200.0 + stepped;
    let tier2_out = tier2_in * left;
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * b.abs().max(1.0);
    assert!(close(f.entry(0, 0), tier1_in));
    assert_eq!(f.entry(1, 0), 0.0);
    assert!(close(f.entry(0, 1), 100.0) && close(f.entry(1, 1), 200.0));
    assert_eq!(f.step_ups.len(), 1);
    assert!(close(f.stepped_out(0), stepped) && close(f.stepped_in(1), stepped));
    assert!(close(f.exit(0, 0), tier1_out * 0.5));
    assert!(close(f.exit(0, 1), tier1_out * 0.3));
    assert!(close(f.exit(1, 0), tier2_out * 0.4));
    assert!(
        close(f.exit(1, 1), tier2_out * 0.6),
        "the last tier steps nobody up"
    );
    assert!(close(f.tiers[0].end, tier1_in - tier1_out));
    assert_eq!(f.tiers[1].start, 0.0);
    // ... which are the projection's figures, step ups matching on both sides.
    let (a, b) = (pr.tier_flow(0, 0), pr.tier_flow(0, 1));
    assert_eq!(f.entries[0], vec![a.entries_direct, b.entries_direct]);
    assert_eq!(f.entries[1], vec![a.entries_exclusion, b.entries_exclusion]);
    assert_eq!(f.step_ups, vec![a.exits_stepped_up]);
    assert_eq!(b.entries_stepped_up, a.exits_stepped_up);
    assert_eq!(f.exits[0], vec![a.exits_returned, a.exits_other]);
    assert_eq!(f.exits[1], vec![b.exits_returned, b.exits_other]);

    // Every band is labelled with its number, as hand-worked: 1,000 and 0 in to Tier 1 (the 0
    // not drawn), 100 and 200 direct and excluded into Tier 2, 74 stepped up, 184 and 110 out
    // of Tier 1, 55 and 82 out of Tier 2.
    assert_eq!(
        [
            tier1_out * 0.5,
            tier1_out * 0.3,
            stepped,
            tier2_out * 0.4,
            tier2_out * 0.6
        ]
        .map(count),
        ["184", "110", "74", "55", "82"]
    );
    for width in WIDTHS {
        let (svg, _) = Figure::from(f.clone()).svg(width).unwrap();
        let lines = texts(&svg);
        for label in ["1,000", "100", "200", "184", "110", "55", "82"] {
            assert!(lines.iter().any(|l| l == label), "{label}: {lines:?}");
        }
        assert!(
            lines.join(" ").contains("74 stepped up"),
            "{width}: {lines:?}"
        );
        assert!(!lines.iter().any(|l| l == "0"), "no band of nobody");
        for name in ["Referred directly", "Tier 1 name", "Tier 2 name"] {
            assert!(lines.join(" ").contains(name), "{name}: {lines:?}");
        }
    }

    // The table gives the same figures, one row per tier.
    let table = Figure::from(f.clone()).table();
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].0, "Tier 1 name");
    assert_eq!(table.head.len(), table.rows[0].1.len() + 1);
    assert_eq!(
        table.rows[1].1,
        vec![
            "0",
            "100",
            "200",
            "74",
            "55",
            "82",
            "0",
            &count(f.tiers[1].end)
        ]
    );
    let summary = Figure::from(f).summary();
    assert!(summary.contains("Tier 2 name: in, 100 referred directly, 200 via permanent exclusion, 74 stepped up into it; out, 55 returned to mainstream school"), "{summary}");
}

#[test]
fn over_budget_is_marked_from_the_first_year_spend_exceeds_the_budget() {
    let mut s = examples::dfe_three_tier();
    let pr = projected(&s);
    let spends: Vec<f64> = pr.summaries.iter().map(|y| y.total_spend).collect();
    // A flat budget between the first and the last year's spend (spend rises with inflation).
    assert!(spends[0] < spends[spends.len() - 1]);
    s.budget.growth_pct = 0.0;
    s.budget.first_year = (spends[1] + spends[2]) / 2.0;
    let pr = projected(&s);
    let expected = pr
        .summaries
        .iter()
        .position(|y| y.total_spend > y.budget)
        .unwrap();
    assert!(expected > 0, "under budget at first");
    assert_eq!(data::over_budget_from(&pr), Some(expected));
    let chart = data::spend(&s, &pr);
    let rule: Vec<_> = chart.notes.iter().filter(|n| n.rule).collect();
    assert_eq!(rule.len(), 1);
    assert_eq!(rule[0].category, expected);
    let year = academic_year(s.timeline.year(expected));
    assert_eq!(rule[0].text, format!("Over budget from {year}"));
    // The budget's last value is written at the end of its line.
    let last = chart.notes.iter().find(|n| !n.rule).unwrap();
    assert_eq!(last.category, pr.years - 1);
    assert_eq!(
        last.text,
        format!(
            "Budget {}",
            ap_engine::format::money(pr.summaries[pr.years - 1].budget)
        )
    );
    for width in WIDTHS {
        let (svg, _) = Figure::from(chart.clone()).svg(width).unwrap();
        let all = texts(&svg).join(" ");
        assert!(all.contains(&format!("Over budget from {year}")), "{all}");
    }

    // Never over budget: no marker.
    s.budget.first_year = spends.iter().sum::<f64>();
    let pr = projected(&s);
    assert_eq!(data::over_budget_from(&pr), None);
    assert!(data::spend(&s, &pr).notes.iter().all(|n| !n.rule));
}

#[test]
fn a_bars_table_has_a_row_per_category_and_a_cell_per_heading() {
    let s = examples::dfe_three_tier();
    let pr = projected(&s);
    let sim = fake_simulation(&pr);
    let figure = Figure::from(data::tier_places_with_bands(&s, &pr, &sim, 2).unwrap());
    let table = figure.table();
    assert_eq!(table.caption, figure.title());
    assert_eq!(table.rows.len(), pr.years);
    assert_eq!(
        table.head,
        vec![
            "Academic year",
            "Places filled within commissioned places",
            "Not in commissioned places: bought as spot places",
            "Total",
            "Commissioned places",
            "Places needed: P10",
            "Places needed: Median",
            "Places needed: P90",
        ]
    );
    for (t, (year, cells)) in table.rows.iter().enumerate() {
        assert_eq!(year, &academic_year(s.timeline.year(t)));
        assert_eq!(cells.len() + 1, table.head.len());
        assert_eq!(cells[2], count(pr.tier(t, 2).places_needed));
    }
    assert!(figure
        .summary()
        .contains("Hatched: Not in commissioned places"));
}

/// Writes every chart of the examples to `$CHARTS_OUT` for looking at (`cargo test -- --ignored`).
#[test]
#[ignore]
fn write_examples_for_review() {
    let Ok(dir) = std::env::var("CHARTS_OUT") else {
        return;
    };
    for (n, s) in examples::all().iter().enumerate() {
        for (k, figure) in figures(s).iter().enumerate() {
            for width in WIDTHS {
                let (svg, _) = figure.svg(width).unwrap();
                std::fs::write(format!("{dir}/ex{n}-fig{k}-{width}.svg"), svg).unwrap();
            }
        }
    }
}

#[test]
fn charts_of_an_empty_scenario_draw_without_failing() {
    let s = examples::blank();
    let pr = ap_engine::project_valid(&s);
    let mut all: Vec<Figure> = vec![
        data::places(&s, &pr).into(),
        data::spend(&s, &pr).into(),
        data::flows(&s, &pr, 3).into(),
    ];
    all.extend(data::caseload(&s, &pr).map(Figure::from));
    all.extend(
        data::managed_tiers(&s)
            .into_iter()
            .filter_map(|i| data::tier_places(&s, &pr, i))
            .map(Figure::from),
    );
    for figure in all {
        for width in WIDTHS {
            let (svg, _) = figure.svg(width).unwrap();
            texts(&svg);
            figure.table();
            figure.summary();
        }
    }
}

#[test]
fn the_ap_places_chart_stacks_only_tiers_with_places_and_its_band_only_where_it_is_the_stack() {
    let s = examples::dfe_three_tier();
    assert_eq!(s.tiers[0].over_capacity, OverCapacity::NotManaged);
    let pr = projected(&s);
    let chart = data::places(&s, &pr);
    let names: Vec<&str> = chart.series.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, [s.tiers[1].name.as_str(), s.tiers[2].name.as_str()]);
    let totals = data::ap_places(&s, &pr);
    for (t, total) in totals.iter().enumerate() {
        let by_hand = pr.tier(t, 1).places_needed + pr.tier(t, 2).places_needed;
        assert!((chart.total(t) - by_hand).abs() < 1e-9);
        assert!((total - by_hand).abs() < 1e-9);
    }
    // Two of three tiers are stacked: the simulation has no spread for that total, so no band.
    let sim = fake_simulation(&pr);
    assert!(data::places_with_bands(&s, &pr, &sim).band.is_none());
    // With every tier capacity-managed, the band is the spread of all tiers' places.
    let mut all = s.clone();
    all.tiers[0].over_capacity = OverCapacity::Spot;
    let pr = projected(&all);
    let sim = fake_simulation(&pr);
    let band = data::places_with_bands(&all, &pr, &sim)
        .band
        .expect("a band");
    assert_eq!(band.p50[0], sim.total_places[0].p50);
}
