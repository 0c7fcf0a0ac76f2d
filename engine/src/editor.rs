//! The scenario being edited with its undo and redo: every change goes through
//! [`Editor::apply`] with a typed [`Edit`]. Undo keeps whole snapshots (a scenario is a few
//! kilobytes, and a snapshot undoes any edit exactly, including removals that took
//! interventions with them).
//!
//! Typing into one input produces an edit per keystroke; edits to the same input within
//! [`COALESCE_MS`] of each other form one undo step, so undo takes back a whole typed value.
//! Time is passed in, never read here, so the rule is tested natively.

use crate::edit::{Edit, EditError};
use crate::fields::{Field, TopField};
use crate::scenario::Scenario;

/// Edits of one input closer together than this are one undo step.
pub const COALESCE_MS: f64 = 1_000.0;
/// Undo steps kept.
pub const UNDO_LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    scenario: Scenario,
    past: Vec<Scenario>,
    future: Vec<Scenario>,
    /// The input and time of the last edit, to join keystrokes into one step.
    last: Option<(Field, f64)>,
}

impl Editor {
    pub fn new(scenario: Scenario) -> Self {
        Editor {
            scenario,
            past: Vec::new(),
            future: Vec::new(),
            last: None,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Apply `edit` made at `now_ms`; returns whether the scenario changed. An edit that changes
    /// nothing records no undo step; one that fails leaves everything as it was.
    pub fn apply(&mut self, edit: &Edit, now_ms: f64) -> Result<bool, EditError> {
        let mut next = self.scenario.clone();
        edit.apply(&mut next)?;
        Ok(self.commit(next, edit.typing_into(), now_ms))
    }

    /// Name the scenario `name` at `now_ms`: the same step as typing the name into its field
    /// (`Edit::text` of the name), without the general edit code, so the page's first module,
    /// which renames after "Save as", does not carry every edit (see BENCHMARKS.md).
    pub fn rename(&mut self, name: &str, now_ms: f64) -> bool {
        let mut next = self.scenario.clone();
        name.clone_into(&mut next.meta.name);
        self.commit(next, Some(Field::Top(TopField::Name)), now_ms)
    }

    /// Make `next` the scenario as one undo step, joined to the step before when it is typing
    /// into the same input as that step within [`COALESCE_MS`]; false when nothing changed.
    fn commit(&mut self, next: Scenario, typing: Option<Field>, now_ms: f64) -> bool {
        if next == self.scenario {
            return false;
        }
        let same_input = matches!((&self.last, typing),
            (Some((f, t)), Some(g)) if *f == g && now_ms - t < COALESCE_MS);
        if !same_input || self.past.is_empty() {
            self.past.push(std::mem::replace(&mut self.scenario, next));
            if self.past.len() > UNDO_LIMIT {
                self.past.remove(0);
            }
        } else if self.past.last() == Some(&next) {
            // Typing (or the field's own undo) took the input back to where the step began:
            // no step is left, so the next undo takes back the change before it.
            self.scenario = self.past.pop().unwrap_or(next);
            self.future.clear();
            // Further typing starts a new step rather than joining the one before.
            self.last = None;
            return true;
        } else {
            self.scenario = next;
        }
        self.future.clear();
        self.last = typing.map(|f| (f, now_ms));
        true
    }

    /// Go back one step; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.past.pop() else {
            return false;
        };
        self.future
            .push(std::mem::replace(&mut self.scenario, previous));
        self.last = None;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.future.pop() else {
            return false;
        };
        self.past.push(std::mem::replace(&mut self.scenario, next));
        self.last = None;
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Open another scenario: its history starts afresh.
    pub fn replace(&mut self, scenario: Scenario) {
        *self = Editor::new(scenario);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::dfe_three_tier;
    use crate::fields::{PhaseField, TierField, TopField};

    fn pupils(phase: usize) -> Field {
        Field::Phase {
            phase,
            what: PhaseField::Pupils,
        }
    }

    #[test]
    fn undo_and_redo_walk_through_edits() {
        let start = dfe_three_tier();
        let mut e = Editor::new(start.clone());
        assert!(e.apply(&Edit::number(pupils(0), 1.0), 0.0).unwrap());
        let one = e.scenario().clone();
        assert!(e.apply(&Edit::AddTier, 10.0).unwrap());
        assert!(e.undo());
        assert_eq!(e.scenario(), &one);
        assert!(e.undo());
        assert_eq!(e.scenario(), &start);
        assert!(!e.undo());
        assert!(e.redo());
        assert!(e.redo());
        assert_eq!(e.scenario().tiers.len(), 4);
        assert!(!e.redo());
    }

    #[test]
    fn typing_in_one_input_is_one_step_and_a_new_edit_drops_redo() {
        let start = dfe_three_tier();
        let mut e = Editor::new(start.clone());
        for (n, text) in ["A", "AB", "ABC"].iter().enumerate() {
            e.apply(
                &Edit::text(Field::Top(TopField::Name), *text),
                n as f64 * 200.0,
            )
            .unwrap();
        }
        assert!(e.undo());
        assert_eq!(e.scenario(), &start);
        assert!(!e.can_undo());
        e.apply(&Edit::text(Field::Top(TopField::Name), "x"), 5_000.0)
            .unwrap();
        assert!(!e.can_redo());
        // The same input after a pause is a new step; another input is always a new step.
        e.apply(&Edit::text(Field::Top(TopField::Name), "xy"), 10_000.0)
            .unwrap();
        e.apply(&Edit::number(pupils(1), 5.0), 10_100.0).unwrap();
        assert!(e.undo());
        assert_eq!(e.scenario().meta.name, "xy");
        assert!(e.undo());
        assert_eq!(e.scenario().meta.name, "x");
    }

    #[test]
    fn edits_that_change_nothing_or_fail_record_nothing() {
        let start = dfe_three_tier();
        let mut e = Editor::new(start.clone());
        let same = Field::Tier {
            tier: 0,
            what: TierField::Trend,
        };
        let v = same.number(&start).unwrap();
        assert!(!e.apply(&Edit::number(same, v), 0.0).unwrap());
        assert!(e.apply(&Edit::RemoveTier(9), 0.0).is_err());
        assert!(!e.can_undo());
        assert_eq!(e.scenario(), &start);
    }

    #[test]
    fn history_is_bounded() {
        let mut e = Editor::new(dfe_three_tier());
        for n in 0..(UNDO_LIMIT + 50) {
            e.apply(&Edit::number(pupils(0), n as f64 + 1.0), n as f64 * 2_000.0)
                .unwrap();
        }
        let mut steps = 0;
        while e.undo() {
            steps += 1;
        }
        assert_eq!(steps, UNDO_LIMIT);
        assert_eq!(e.scenario().phases[0].pupils, 50.0);
    }

    #[test]
    fn typing_a_value_back_to_where_it_was_leaves_no_step() {
        let start = dfe_three_tier();
        let before = start.phases[0].pupils;
        let mut ed = Editor::new(start.clone());
        ed.apply(&Edit::number(pupils(0), before + 5.0), 0.0)
            .unwrap();
        ed.apply(&Edit::number(pupils(0), before + 50.0), 100.0)
            .unwrap();
        assert!(ed.can_undo());
        ed.apply(&Edit::number(pupils(0), before), 200.0).unwrap();
        assert_eq!(ed.scenario(), &start);
        assert!(!ed.can_undo(), "no empty step left behind");
    }

    #[test]
    fn renaming_is_the_same_step_as_typing_the_name() {
        let name = Field::Top(TopField::Name);
        // Each step: (typed through the name field, or renamed) at a time; both editors must
        // agree after every step, undo and redo included.
        let steps: [(&str, f64); 6] = [
            ("Plan A", 0.0),
            ("Plan A", 100.0),
            ("Plan AB", 300.0),
            ("Plan B", 5_000.0),
            ("", 5_200.0),
            ("Plan C", 9_000.0),
        ];
        let mut typed = Editor::new(dfe_three_tier());
        let mut renamed = typed.clone();
        typed.apply(&Edit::number(pupils(0), 1.0), -50.0).unwrap();
        renamed.apply(&Edit::number(pupils(0), 1.0), -50.0).unwrap();
        for (text, at) in steps {
            let changed = typed.apply(&Edit::text(name, text), at).unwrap();
            assert_eq!(renamed.rename(text, at), changed, "{text} at {at}");
            assert_eq!(renamed, typed, "{text} at {at}");
        }
        while typed.undo() {
            assert!(renamed.undo());
            assert_eq!(renamed, typed);
        }
        assert!(!renamed.undo());
        while typed.redo() {
            assert!(renamed.redo());
            assert_eq!(renamed, typed);
        }
    }
}
