//! The catalogue of inputs against the built-in examples: every input reads and writes back,
//! its text form names it again, an out-of-range value is refused with the catalogue's own range
//! in the message, and every kind of edit is undone exactly.

use ap_engine::edit::{Edit, Move};
use ap_engine::editor::Editor;
use ap_engine::examples;
use ap_engine::fields::{self, Field, Kind, TierField, TopField, Value};
use ap_engine::validate;

#[test]
fn every_input_round_trips_get_set_and_text_form() {
    for ex in examples::all() {
        let inputs = fields::all(&ex);
        assert!(
            inputs.len() > 50,
            "{}: {} inputs",
            ex.meta.name,
            inputs.len()
        );
        for field in inputs {
            let text = field.to_string();
            assert_eq!(text.parse::<Field>(), Ok(field), "{text}");
            let value = field
                .get(&ex)
                .unwrap_or_else(|| panic!("{text} reads nothing in {}", ex.meta.name));
            let mut s = ex.clone();
            field.set(&mut s, value.clone()).unwrap();
            assert_eq!(s, ex, "writing back {text} changed the scenario");
            // A new value is read back as written.
            let changed = match (field.spec().kind, &value) {
                (Kind::Number { whole: true, .. }, Value::Number(v)) => Value::Number(v + 1.0),
                (Kind::Number { .. }, Value::Number(v)) => Value::Number(v + 0.25),
                (Kind::Text { .. }, _) => Value::Text("Renamed".into()),
                (Kind::Choice, _) => match field.options(&ex).last() {
                    Some((key, _)) => Value::Text(key.clone()),
                    None => continue,
                },
                _ => panic!("{text}: kind and value disagree"),
            };
            field.set(&mut s, changed.clone()).unwrap();
            assert_eq!(field.get(&s), Some(changed), "{text}");
        }
    }
}

#[test]
fn every_number_out_of_range_is_refused_with_the_catalogues_range() {
    for ex in examples::all() {
        for field in fields::all(&ex) {
            let Some((min, max)) = field.range(&ex) else {
                continue;
            };
            let unit = field.unit(&ex).unwrap();
            let (low, high) = unit.show_range(min, max);
            let step = if matches!(field.spec().kind, Kind::Number { whole: true, .. }) {
                1.0
            } else {
                max.abs().max(1.0) * 1e-3
            };
            for bad in [max + step, min - step] {
                let mut s = ex.clone();
                if let Err(e) = field.set_number(&mut s, bad) {
                    // A whole number the scenario cannot hold is refused when typed, with the
                    // same range.
                    let message = e.to_string();
                    assert!(
                        message.contains(&format!("must be between {low} and {high}")),
                        "{field} = {bad}: {message}"
                    );
                    assert_eq!(s, ex);
                    continue;
                }
                let issues = validate(&s)
                    .expect_err(&format!("{field} = {bad} was accepted"))
                    .0;
                let issue = issues
                    .iter()
                    .find(|i| i.field == Some(field))
                    .unwrap_or_else(|| panic!("no issue for {field} = {bad}: {issues:#?}"));
                let message = issue.to_string();
                assert!(
                    message.contains(&format!("must be between {low} and {high}")),
                    "{field} = {bad}: {message}"
                );
                assert_eq!(issue.path, field.to_string());
            }
        }
    }
}

#[test]
fn a_choice_outside_its_options_or_a_missing_item_is_an_error_that_changes_nothing() {
    let ex = examples::dfe_three_tier();
    let mut s = ex.clone();
    let policy = Field::Tier {
        tier: 0,
        what: TierField::OverCapacity,
    };
    assert!(Edit::text(policy, "sometimes").apply(&mut s).is_err());
    assert!(Edit::number(policy, 1.0).apply(&mut s).is_err());
    let ghost = Field::Tier {
        tier: 9,
        what: TierField::Trend,
    };
    assert!(Edit::number(ghost, 1.0).apply(&mut s).is_err());
    assert!(Edit::text(Field::Top(TopField::Horizon), "5")
        .apply(&mut s)
        .is_err());
    assert_eq!(s, ex);
}

/// One of every kind of edit, each valid on the four-level example.
fn every_kind_of_edit(s: &ap_engine::Scenario) -> Vec<Edit> {
    let trend = Field::Tier {
        tier: 1,
        what: TierField::Trend,
    };
    let mut edits = vec![
        Edit::number(trend, 7.5),
        Edit::text(Field::Top(TopField::Name), "Another name"),
        Edit::text(
            Field::Tier {
                tier: 0,
                what: TierField::OverCapacity,
            },
            "waiting_list",
        ),
        Edit::AddTier,
        Edit::RemoveTier(1),
        Edit::MoveTier(2, Move::Up),
        Edit::MoveTier(0, Move::Down),
        Edit::AddPhase,
        Edit::RemovePhase(0),
        Edit::AddProvider { tier: 2 },
        Edit::RemoveProvider {
            tier: 2,
            provider: 0,
        },
        Edit::PlacesYearByYear {
            tier: 2,
            provider: 0,
        },
        Edit::AddIntervention,
        Edit::AddCostLine,
        Edit::ChooseLevers,
        Edit::AddLever(trend),
    ];
    if s.tiers[2].providers.len() > 1 {
        edits.push(Edit::MoveProvider {
            tier: 2,
            provider: 1,
            to: Move::Up,
        });
    }
    if !s.interventions.is_empty() {
        edits.push(Edit::RemoveIntervention(0));
    }
    if !s.other_costs.is_empty() {
        edits.push(Edit::RemoveCostLine(0));
    }
    edits
}

#[test]
fn every_edit_and_its_undo_returns_the_scenario_to_equality() {
    let start = examples::four_level_local();
    for edit in every_kind_of_edit(&start) {
        let mut e = Editor::new(start.clone());
        assert!(e.apply(&edit, 0.0).unwrap(), "{edit:?} changed nothing");
        assert_ne!(e.scenario(), &start, "{edit:?}");
        let after = e.scenario().clone();
        assert!(e.undo(), "{edit:?}");
        assert_eq!(e.scenario(), &start, "undo of {edit:?}");
        assert!(e.redo());
        assert_eq!(e.scenario(), &after, "redo of {edit:?}");
    }
    // The year-by-year places go back to one figure, and lever edits remove what they added.
    let mut s = start.clone();
    Edit::PlacesYearByYear {
        tier: 2,
        provider: 0,
    }
    .apply(&mut s)
    .unwrap();
    Edit::PlacesSameEveryYear {
        tier: 2,
        provider: 0,
    }
    .apply(&mut s)
    .unwrap();
    assert_eq!(s, start);
    Edit::ChooseLevers.apply(&mut s).unwrap();
    let n = s.workshop.len();
    Edit::RemoveLever(n - 1).apply(&mut s).unwrap();
    assert_eq!(s.workshop.len(), n - 1);
    assert_eq!(validate(&s), Ok(()));
}
