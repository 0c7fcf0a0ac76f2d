//! Years at the ends of what an `i32` holds give validation errors, never an overflow (tests run
//! as a debug build, where overflow panics).

use ap_engine::address::Field;
use ap_engine::compare::{against_baseline, Comparison};
use ap_engine::fields::Value;
use ap_engine::{examples, project, project_valid, validate, Edit, Editor};

fn extreme_years() -> Vec<i32> {
    vec![i32::MAX, i32::MAX - 1, i32::MIN, i32::MIN + 1, 0, -1]
}

#[test]
fn a_first_year_at_the_ends_of_i32_is_a_validation_error_not_a_panic() {
    for year in extreme_years() {
        let mut s = examples::dfe_early_intervention();
        s.timeline.first_year = year;
        s.timeline.horizon = 15;
        // Year-by-year figures make messages that name academic years.
        s.tiers[1].providers[0].places = vec![-1.0; 15];
        s.phases[0].overrides = vec![Some(-1.0); 15];
        s.other_costs.push(ap_engine::scenario::FixedCost {
            name: "Edge".into(),
            amount: 1.0,
            first_year: year,
            last_year: year,
            ..ap_engine::scenario::FixedCost::default()
        });
        s.interventions[0].first_year = year;
        let errors = validate(&s).unwrap_err();
        assert!(
            errors.0.iter().any(|i| i.path == "timeline.first_year"),
            "{year}: {errors}"
        );
        // Every message can be written out, and nothing else panics on it.
        for issue in &errors.0 {
            let _ = issue.to_string();
            if let Some(field) = issue.field {
                let _ = field.describe(&s);
                let _ = field.hint(&s);
                let _ = field.lever_label(&s);
            }
        }
        assert!(project(&s).is_err());
        let pr = project_valid(&s);
        let _ = against_baseline((&s, &pr), (&s, &pr));
        let _ = Comparison::new(0, &[(&s, &pr), (&s, &pr)]);
        let _ = ap_engine::diff::differences(&examples::dfe_early_intervention(), &s);
        for field in ap_engine::fields::all(&s) {
            let _ = field.describe(&s);
        }
    }
}

#[test]
fn edits_at_the_ends_of_i32_do_not_overflow() {
    for year in extreme_years() {
        let mut editor = Editor::new(examples::dfe_three_tier());
        let first_year = Edit::Set(
            Field::Top(ap_engine::fields::TopField::FirstYear),
            Value::Number(f64::from(year)),
        );
        let horizon = Edit::Set(
            Field::Top(ap_engine::fields::TopField::Horizon),
            Value::Number(f64::from(i32::MAX)),
        );
        for edit in [
            first_year,
            horizon,
            Edit::AddIntervention,
            Edit::AddCostLine,
        ] {
            let _ = editor.apply(&edit, 0.0);
        }
        assert!(validate(editor.scenario()).is_err(), "{year}");
    }
}
