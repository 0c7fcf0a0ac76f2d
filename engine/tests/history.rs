//! Calibration from history: exact recovery from histories the engine makes itself, recovery
//! under Poisson noise over 200 seeded trials, the backtest, names that do not match, applying
//! the fit as one undoable edit, and the built-in examples' history files.

use ap_engine::address::{DemandField, Field, PhaseField, TierField};
use ap_engine::editor::Editor;
use ap_engine::examples::{self, EXAMPLES};
use ap_engine::history::generate::{history_projection, synthetic_history};
use ap_engine::history::{self, apply_edit, backtest, fit, parse, Column, History, SeriesKind};
use ap_engine::project;
use ap_engine::scenario::Scenario;

const YEARS: u32 = 5;

fn close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    let tol = tolerance * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual}, expected {expected}"
    );
}

fn read(text: &str) -> History {
    let h = parse(text).expect("a generated file reads");
    assert!(h.errors.is_empty(), "{:?}", h.errors);
    h
}

/// The history with `columns` taken out, as if the file did not have them.
fn without(h: &History, columns: &[Column]) -> History {
    let mut h = h.clone();
    h.columns.retain(|c| !columns.contains(c));
    for row in &mut h.rows {
        for c in columns {
            row.values[c.index()] = None;
        }
    }
    h
}

fn tier_field(tier: usize, what: TierField) -> Field {
    Field::Tier { tier, what }
}

/// Every input the fit can recover from an exact history of `s`, checked to `tol`.
fn check_exact(s: &Scenario, h: &History, tol: f64, with_stay: bool) {
    let f = fit(s, h);
    let (b, pr) = history_projection(s, YEARS, None);
    for (p, phase) in s.phases.iter().enumerate() {
        let pupils = Field::Phase {
            phase: p,
            what: PhaseField::Pupils,
        };
        let growth = Field::Phase {
            phase: p,
            what: PhaseField::Growth,
        };
        close(
            f.fitted(pupils).expect("pupils"),
            phase.pupils,
            tol,
            "pupils",
        );
        close(
            f.fitted(growth).expect("growth"),
            phase.growth_pct,
            tol,
            "growth",
        );
    }
    for (i, tier) in s.tiers.iter().enumerate() {
        let name = &tier.name;
        let has_entries = tier
            .phases
            .iter()
            .any(|tp| tp.referral_rate > 0.0 || tp.exclusion_rate > 0.0);
        if has_entries {
            let trend = f
                .fitted(tier_field(i, TierField::Trend))
                .expect("trend fitted");
            close(trend, tier.trend_pct, tol, &format!("{name} trend"));
        }
        if with_stay {
            let stay = f.fitted(tier_field(i, TierField::Stay)).expect("stay");
            close(stay, tier.stay_weeks, tol, &format!("{name} stay"));
        }
        let returned = f.fitted(tier_field(i, TierField::Returned)).expect("ret");
        close(
            returned,
            tier.returned_pct,
            tol,
            &format!("{name} returned"),
        );
        if i + 1 < s.tiers.len() {
            let up = f.fitted(tier_field(i, TierField::StepUp)).expect("step");
            close(up, tier.step_up_pct, tol, &format!("{name} stepped up"));
        }
        for (line, tp) in tier.phases.iter().enumerate() {
            for (what, expected) in [
                (DemandField::ReferralRate, tp.referral_rate),
                (DemandField::ExclusionRate, tp.exclusion_rate),
            ] {
                // A route with no entries that the scenario has at zero has nothing to suggest.
                let got = f
                    .fitted(Field::Demand {
                        tier: i,
                        line,
                        what,
                    })
                    .unwrap_or(0.0);
                close(got, expected, tol, &format!("{name} {what:?}"));
            }
            // The history ends the year before the scenario starts: its end stock.
            let p = s.phase_index(&tp.phase).expect("phase");
            let end = pr.flow(pr.years - 1, i, p).end;
            let got = f
                .fitted(Field::Demand {
                    tier: i,
                    line,
                    what: DemandField::StartPupils,
                })
                .expect("start");
            close(got, end, tol, &format!("{name} start pupils"));
        }
    }
    assert_eq!(f.years.first(), Some(&b.timeline.first_year));
    // Every in-sample series fits exactly.
    for series in &f.series {
        if let Some(m) = series.mape() {
            assert!(m < 1e-6, "{}: MAPE {m}", series.title());
        }
    }
}

#[test]
fn exact_history_is_recovered_for_every_example() {
    for example in EXAMPLES {
        let s = (example.build)();
        let h = read(&synthetic_history(&s, YEARS, None));
        check_exact(&s, &h, 1e-9, true);
    }
}

#[test]
fn exact_stay_from_census_and_entries_without_leavers() {
    // Without leavers the stay comes from the yearly recursion, solved numerically: exact to
    // the solver's tolerance (1e-7 relative), not to rounding.
    let s = examples::dfe_three_tier();
    let h = read(&synthetic_history(&s, YEARS, None));
    let h = without(
        &h,
        &[
            Column::LeaversReturned,
            Column::LeaversSteppedUp,
            Column::LeaversOther,
        ],
    );
    let f = fit(&s, &h);
    for (i, tier) in s.tiers.iter().enumerate() {
        let stay = f.fitted(tier_field(i, TierField::Stay)).expect("stay");
        close(stay, tier.stay_weeks, 1e-7, &tier.name);
        assert!(f.fitted(tier_field(i, TierField::Returned)).is_none());
    }
    assert!(f
        .notes
        .iter()
        .any(|n| n.message.contains("shares keep their values")));
}

#[test]
fn exclusions_on_phase_rows_go_to_the_one_tier_that_takes_them() {
    let mut s = examples::dfe_three_tier();
    // Only Tier 3 takes exclusions already; the rows' own column is removed.
    let h = read(&synthetic_history(&s, YEARS, None));
    let h = without(&h, &[Column::EntriesExclusion]);
    let f = fit(&s, &h);
    let rate = f
        .fitted(Field::Demand {
            tier: 2,
            line: 1,
            what: DemandField::ExclusionRate,
        })
        .expect("Tier 3 secondary exclusions");
    // The trend comes from the same counts, so the rate is exact.
    close(
        rate,
        s.tiers[2].phases[1].exclusion_rate,
        1e-9,
        "exclusion rate",
    );
    assert!(f.notes.iter().any(|n| n.message.contains("only tier")));
    // With two tiers taking exclusions they cannot be placed.
    s.tiers[1].phases[1].exclusion_rate = 0.1;
    let f = fit(&s, &h);
    assert!(f
        .notes
        .iter()
        .any(|n| n.message.contains("cannot be placed")));
}

#[test]
fn names_match_whatever_the_case_and_the_rest_are_listed() {
    let s = examples::dfe_three_tier();
    let text = synthetic_history(&s, YEARS, None)
        .replace("Tier 1: targeted support", "TIER1")
        .replace(",Secondary,", ",secondary,")
        .replace("Tier 2: time-limited placements", "Tier Two");
    let h = read(&text);
    let f = fit(&s, &h);
    assert!(f.unmatched.phases.is_empty());
    assert_eq!(f.unmatched.tiers.len(), 1);
    assert_eq!(f.unmatched.tiers[0].0, "Tier Two");
    assert_eq!(f.unmatched.tiers[0].1.len(), 10, "two phases × five years");
    // Tier 1 matched by its id, case-insensitively.
    assert!(f.fitted(tier_field(0, TierField::Trend)).is_some());
    assert!(f.fitted(tier_field(1, TierField::Trend)).is_none());
}

#[test]
fn exact_backtest_projects_the_held_out_year_exactly() {
    for example in EXAMPLES {
        let s = (example.build)();
        let h = read(&synthetic_history(&s, YEARS, None));
        let b = backtest(&s, &h).expect("backtest");
        assert_eq!(b.year, s.timeline.first_year - 1);
        assert_eq!(b.fitted_on.len(), 4);
        assert!(!b.lines.is_empty());
        for l in &b.lines {
            close(
                l.projected,
                l.actual,
                1e-9,
                &format!("{} {:?}", l.owner, l.kind),
            );
        }
        assert!(b.mape().expect("mape") < 1e-7);
    }
}

#[test]
fn backtest_needs_three_years() {
    let s = examples::dfe_three_tier();
    let h = read(&synthetic_history(&s, 2, None));
    assert_eq!(
        backtest(&s, &h).unwrap_err().to_string(),
        "the backtest needs at least three years (two to fit a trend, one to hold out); the file has 2"
    );
}

#[test]
fn applying_the_fit_is_one_undoable_edit_and_changes_the_projection() {
    let s = examples::dfe_three_tier();
    let h = read(&synthetic_history(&s, YEARS, Some(7)));
    let f = fit(&s, &h);
    let before = project(&s).expect("valid").headline.total_spend;
    let mut editor = Editor::new(s.clone());
    let chosen: Vec<_> = f.suggestions.iter().collect();
    let edit = apply_edit(&s, &chosen, true);
    assert!(editor.apply(&edit, 0.0).expect("applies"));
    let after = editor.scenario().clone();
    let projected = project(&after).expect("the calibrated scenario is valid");
    assert_ne!(projected.headline.total_spend, before);
    // Every chosen value is set, and the uncertain ones carry their interval as a range.
    for sg in &f.suggestions {
        assert_eq!(sg.field.number(&after), Some(history::applied_value(sg)));
    }
    let trend = tier_field(2, TierField::Trend);
    let range = after.range_on(trend).expect("trend range");
    assert!(range.low < history::applied_value(f.suggestion(trend).expect("trend")));
    assert!(editor.undo());
    assert_eq!(editor.scenario(), &s);
    assert!(!editor.can_undo());
    // Item by item: just one suggestion.
    let one = apply_edit(&s, &[&f.suggestions[0]], false);
    let mut t = s.clone();
    one.apply(&mut t).expect("applies");
    let changed = ap_engine::diff::differences(&s, &t);
    assert!(changed.len() <= 1, "{changed:?}");
}

#[test]
fn a_failing_part_leaves_the_scenario_as_it_was() {
    use ap_engine::edit::Edit;
    let s = examples::dfe_three_tier();
    let mut t = s.clone();
    let edit = Edit::Many(vec![
        Edit::number(tier_field(0, TierField::Trend), 9.0),
        Edit::RemoveTier(99),
    ]);
    assert!(edit.apply(&mut t).is_err());
    assert_eq!(t, s);
}

#[test]
fn missing_items_keep_their_values_with_a_note() {
    let s = examples::dfe_three_tier();
    let text = "year,phase,tier,pupils_on_roll\n2024,Primary,,70000\n";
    let f = fit(&s, &read(text));
    // One year of pupils: pupils carried (with the scenario's growth), nothing else fitted.
    assert!(f
        .fitted(Field::Phase {
            phase: 1,
            what: PhaseField::Pupils
        })
        .is_none());
    assert!(f.fitted(tier_field(0, TierField::Trend)).is_none());
    assert!(f
        .notes
        .iter()
        .any(|n| n.message.contains("growth cannot be fitted")));
    assert!(f
        .notes
        .iter()
        .any(|n| n.message.contains("rates and trend keep")));
}

/// One trial: a 125,000-pupil LA (the DfE three-tier example), five years of history with
/// Poisson noise from `seed`. Returns, per tier, (trend error in pp, stay error as a share), and
/// the all-tiers trend error.
fn trial(s: &Scenario, seed: u64) -> (Vec<(f64, f64)>, f64) {
    let h = read(&synthetic_history(s, YEARS, Some(seed)));
    let f = fit(s, &h);
    let tiers = s
        .tiers
        .iter()
        .enumerate()
        .map(|(i, tier)| {
            let trend = f
                .fitted(tier_field(i, TierField::Trend))
                .unwrap_or(f64::NAN);
            let stay = f.fitted(tier_field(i, TierField::Stay)).unwrap_or(f64::NAN);
            (
                trend - tier.trend_pct,
                (stay - tier.stay_weeks) / tier.stay_weeks,
            )
        })
        .collect();
    let la = f.la_trend.map_or(f64::NAN, |t| t.pct) - s.tiers[0].trend_pct;
    (tiers, la)
}

#[test]
fn noisy_histories_recover_the_trend_and_stay_in_most_of_200_trials() {
    // Every tier shares one demand trend, so "the demand trend" is one number to recover.
    let mut s = examples::dfe_three_tier();
    for tier in &mut s.tiers {
        tier.trend_pct = 3.0;
    }
    let pupils: f64 = s.phases.iter().map(|p| p.pupils).sum();
    assert_eq!(pupils, 125_000.0);
    let trials = 200;
    let tiers = s.tiers.len();
    let (mut la_ok, mut stay_ok, mut joint_ok) = (0, 0, 0);
    let mut tier_trend_ok = vec![0; tiers];
    let mut tier_stay_ok = vec![0; tiers];
    for seed in 0..trials {
        let (per_tier, la) = trial(&s, 1000 + seed);
        let la_hit = la.abs() <= 1.5;
        let stays_hit = per_tier.iter().all(|(_, st)| st.abs() <= 0.15);
        la_ok += usize::from(la_hit);
        stay_ok += usize::from(stays_hit);
        joint_ok += usize::from(la_hit && stays_hit);
        for (i, (tr, st)) in per_tier.iter().enumerate() {
            tier_trend_ok[i] += usize::from(tr.abs() <= 1.5);
            tier_stay_ok[i] += usize::from(st.abs() <= 0.15);
        }
    }
    let share = |k: usize| 100.0 * k as f64 / trials as f64;
    println!(
        "200 trials: demand trend (all tiers) within ±1.5 pp in {:.1}%; every tier's stay within \
         ±15% in {:.1}%; both in {:.1}%",
        share(la_ok),
        share(stay_ok),
        share(joint_ok)
    );
    for (i, tier) in s.tiers.iter().enumerate() {
        println!(
            "  {}: its own trend within ±1.5 pp in {:.1}%, stay within ±15% in {:.1}%",
            tier.name,
            share(tier_trend_ok[i]),
            share(tier_stay_ok[i])
        );
    }
    assert!(
        share(joint_ok) >= 80.0,
        "joint recovery {}%",
        share(joint_ok)
    );
}

#[test]
fn the_examples_history_files_are_what_the_generator_writes() {
    // Regenerate with: UPDATE_HISTORY=1 cargo test -p ap-engine --test history
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples");
    for (n, example) in EXAMPLES.iter().enumerate() {
        let s = (example.build)();
        let text = synthetic_history(&s, YEARS, Some(2026 + n as u64));
        let path = dir.join(format!("{}-history.csv", example.key));
        if std::env::var_os("UPDATE_HISTORY").is_some() {
            std::fs::write(&path, &text).expect("write");
        }
        let stored = std::fs::read_to_string(&path).expect("the example history file exists");
        assert_eq!(stored, text, "{} is out of date", path.display());
        // And it calibrates: every series has a fit, the backtest runs.
        let h = read(&stored);
        let f = fit(&s, &h);
        assert!(f.unmatched.is_empty());
        assert!(f.series.iter().any(|x| x.kind == SeriesKind::Census));
        assert!(backtest(&s, &h).is_ok());
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any text reads without panicking: an error, or rows and bad rows with lines in the file.
        #[test]
        fn any_text_reads_or_says_why(text in "[0-9a-zA-Z,\"\r\n /.\u{feff}-]{0,400}") {
            if let Ok(h) = parse(&text) {
                let lines = text.split('\n').count().max(1);
                for e in &h.errors {
                    prop_assert!(e.line >= 2 && e.line <= lines, "{e} of {lines}");
                }
            }
        }

        /// Any counts fit without panicking, every suggestion lies inside its input's allowed
        /// range, and applying all of them (with ranges) leaves a valid scenario.
        #[test]
        fn any_counts_fit_to_valid_inputs(
            counts in proptest::collection::vec(0u32..2000, 9 * 6 * 5),
            pupils in proptest::collection::vec(1u32..200_000, 2 * 5),
        ) {
            let s = examples::dfe_three_tier();
            let mut text = String::from(ap_engine::history::generate::HEADER);
            text.push('\n');
            let mut k = 0;
            for (t, year) in (2021..2026).enumerate() {
                for (p, phase) in s.phases.iter().enumerate() {
                    text.push_str(&format!("{year},{},,{},,,,,,,,,\n", phase.name, pupils[t * 2 + p]));
                    for tier in &s.tiers {
                        let c: Vec<String> = (0..9).map(|j| counts[(k * 9 + j) % counts.len()].to_string()).collect();
                        k += 1;
                        text.push_str(&format!("{year},{},{},,,{}\n", phase.name, tier.name, c[2..9].join(",")));
                    }
                }
            }
            let h = parse(&text).expect("reads");
            prop_assert!(h.errors.is_empty(), "{:?}", h.errors);
            let f = fit(&s, &h);
            for sg in &f.suggestions {
                let (min, max) = sg.field.range(&s).expect("a number");
                prop_assert!(sg.fitted >= min && sg.fitted <= max, "{}: {}", sg.label, sg.fitted);
            }
            let _ = backtest(&s, &h);
            let mut t = s.clone();
            let chosen: Vec<_> = f.suggestions.iter().collect();
            apply_edit(&s, &chosen, true).apply(&mut t).expect("applies");
            prop_assert!(ap_engine::validate(&t).is_ok(), "{:?}", ap_engine::validate(&t));
        }
    }
}

#[test]
fn the_template_in_docs_history_reads_and_matches_the_example() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/history.md"),
    )
    .expect("docs/history.md");
    let block = doc
        .split("```csv\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ```csv block");
    let h = read(block);
    assert_eq!(h.rows.len(), 3);
    assert_eq!(h.columns.len(), 9);
    let f = fit(&examples::dfe_three_tier(), &h);
    assert!(f.unmatched.is_empty(), "{:?}", f.unmatched);
}

#[test]
fn a_row_repeated_under_another_name_is_not_used() {
    let s = examples::dfe_three_tier();
    let text = "year,phase,tier,entries_direct\n2023,Primary,Tier 1: targeted support,280\n2023,primary,TIER1,9999\n";
    let f = fit(&s, &read(text));
    assert!(
        f.notes.iter().any(|n| n.message.starts_with("Line 3")),
        "{:?}",
        f.notes
    );
    assert!(f
        .notes
        .iter()
        .any(|n| n.message == "Line 3: the same year, phase and tier as line 2 (under another name), so it is not used."));
    let series = f
        .series
        .iter()
        .find(|x| x.kind == SeriesKind::Entries && x.tier == Some(0))
        .expect("Tier 1 entries");
    assert_eq!(series.points[0].actual, 280.0);
}

/// A history worked by hand (calculator figures in the comments), on the blank scenario: one
/// phase, one tier, first year 2026, 39 teaching weeks.
#[test]
fn golden_history_worked_by_hand() {
    let s = examples::blank();
    let text = "year,phase,tier,pupils_on_roll,entries_direct,census_pupils,leavers_returned,leavers_stepped_up,leavers_other\n\
                2023/24,All pupils,,10000,,,,,\n\
                2024/25,All pupils,,10000,,,,,\n\
                2025/26,All pupils,,10000,,,,,\n\
                2023/24,all,Tier 1,,10,20,12,0,8\n\
                2024/25,all,Tier 1,,15,30,18,0,12\n\
                2025/26,all,Tier 1,,22.5,40,30,0,20\n";
    let f = fit(&s, &read(text));
    let get = |field: Field| f.fitted(field).expect("fitted");
    let demand = |what| Field::Demand {
        tier: 0,
        line: 0,
        what,
    };
    // Entries per pupil grow 1.5 times a year: ln(1.5) exactly on a line, so the trend is 50%
    // with a standard error of 0.
    close(get(tier_field(0, TierField::Trend)), 50.0, 1e-12, "trend");
    assert!(f.tier_trends[0].and_then(|t| t.se_pp).expect("se") < 1e-9);
    // Rate at 2026/27: 47.5 entries over 10 × (1.5⁻³ + 1.5⁻² + 1.5⁻¹) = 14.074074 thousand
    // pupil-years at 2026 rates: 3.375 per 1,000 (= 2.25 in 2025/26 × 1.5).
    close(get(demand(DemandField::ReferralRate)), 3.375, 1e-12, "rate");
    // Stay: census 90 over leavers 100 = 0.9 years = 35.1 weeks. Returned: 60 of 100 = 60%.
    close(get(tier_field(0, TierField::Stay)), 35.1, 1e-12, "stay");
    close(
        get(tier_field(0, TierField::Returned)),
        60.0,
        1e-12,
        "returned",
    );
    // The last (only) tier steps nobody up: not fitted.
    assert!(f.fitted(tier_field(0, TierField::StepUp)).is_none());
    // Start of 2026/27 from 2025/26: q = e^(−1/0.9) = 0.329193, τ(1 − q) = 0.603726, Eτ = 20.25;
    // S0 = 20.25 + (40 − 20.25)/0.603726 = 52.963499; S1 = 52.963499·0.329193 + 20.25·0.670807
    // = 31.019054.
    close(
        get(demand(DemandField::StartPupils)),
        31.019_054_439_136_64,
        1e-9,
        "start",
    );
    // Pupils on roll flat: 10,000 and 0% growth.
    let pupils = Field::Phase {
        phase: 0,
        what: PhaseField::Pupils,
    };
    close(get(pupils), 10_000.0, 1e-12, "pupils");
    // Leavers fitted as census / τ: 20 / 0.9 = 22.2 in 2023/24 (20 happened).
    let leavers = f
        .series
        .iter()
        .find(|x| x.kind == SeriesKind::Leavers)
        .expect("leavers");
    close(
        leavers.points[0].fitted,
        20.0 / 0.9,
        1e-12,
        "fitted leavers",
    );
    // MAPE of leavers: |22.2−20|/20, |33.3−30|/30, |44.4−50|/50 → (11.11 + 11.11 + 11.11)/3 %.
    close(
        leavers.mape().expect("mape"),
        100.0 / 9.0,
        1e-9,
        "leavers MAPE",
    );
}
