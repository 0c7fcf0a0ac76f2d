//! Undo and redo over edits to the scenario. Pure (no signals), so it is tested natively.
//!
//! Typing into one field produces an edit per keystroke; edits to the same field within
//! `COALESCE_MS` of each other form one undo step, so Ctrl+Z undoes a whole typed value.

const COALESCE_MS: f64 = 1_000.0;
const LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    /// The field and time of the last recorded edit.
    last: Option<(String, f64)>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            last: None,
        }
    }
}

impl<T: Clone> History<T> {
    /// Record the state `before` an edit of `field` made at `now_ms`.
    pub fn record(&mut self, before: &T, field: &str, now_ms: f64) {
        let same_field =
            matches!(&self.last, Some((f, t)) if f == field && now_ms - t < COALESCE_MS);
        if !same_field || self.past.is_empty() {
            self.past.push(before.clone());
            if self.past.len() > LIMIT {
                self.past.remove(0);
            }
        }
        self.future.clear();
        self.last = Some((field.to_string(), now_ms));
    }

    /// The state to go back to, given the `current` one.
    pub fn undo(&mut self, current: &T) -> Option<T> {
        let previous = self.past.pop()?;
        self.future.push(current.clone());
        self.last = None;
        Some(previous)
    }

    pub fn redo(&mut self, current: &T) -> Option<T> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        self.last = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Forget everything (a different scenario was opened).
    pub fn clear(&mut self) {
        *self = History {
            past: Vec::new(),
            future: Vec::new(),
            last: None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_through_edits() {
        let mut h = History::default();
        let mut v = 1;
        h.record(&v, "a", 0.0);
        v = 2;
        h.record(&v, "b", 10.0);
        v = 3;
        assert_eq!(h.undo(&v), Some(2));
        assert_eq!(h.undo(&2), Some(1));
        assert_eq!(h.undo(&1), None);
        assert_eq!(h.redo(&1), Some(2));
        assert_eq!(h.redo(&2), Some(3));
        assert_eq!(h.redo(&3), None);
    }

    #[test]
    fn typing_in_one_field_is_one_step_and_a_new_edit_drops_redo() {
        let mut h = History::default();
        h.record(&"", "name", 0.0);
        h.record(&"A", "name", 200.0);
        h.record(&"AB", "name", 400.0);
        assert_eq!(h.undo(&"ABC"), Some(""));
        assert!(!h.can_undo());
        h.record(&"", "name", 5_000.0);
        assert!(!h.can_redo());
        // The same field after a pause is a new step.
        h.record(&"x", "name", 10_000.0);
        assert_eq!(h.undo(&"xy"), Some("x"));
        assert_eq!(h.undo(&"x"), Some(""));
    }

    #[test]
    fn history_is_bounded() {
        let mut h = History::default();
        for n in 0..(LIMIT + 50) {
            h.record(&n, &n.to_string(), n as f64);
        }
        let mut steps = 0;
        let mut cur = LIMIT + 50;
        while let Some(prev) = h.undo(&cur) {
            cur = prev;
            steps += 1;
        }
        assert_eq!(steps, LIMIT);
        assert_eq!(cur, 50);
    }
}
