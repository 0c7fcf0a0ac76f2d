//! The page's address, made and read only here: `#s=<token>` opens a shared scenario read-only,
//! `#c=<token>` a shared comparison, anything else the user's own workspace. The fragment (after
//! the `#`) is never sent to a server. Making and reading fragments is pure and tested natively;
//! the few functions that touch the browser's address say so.

use ap_engine::link::{self, SharedComparison, COMPARISON_KEY, FRAGMENT_KEY};
use ap_engine::Scenario;

use crate::scenario_text::{read_comparison, read_scenario, ScenarioTextError, Source};

/// What the address asks the page to show.
// Made once per page load and matched at once: boxing the scenario would gain nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Route {
    /// The user's own work: the workspace, library and comparison of their scenarios.
    Workspace,
    /// A scenario from a share link (`#s=`), or why it cannot be opened.
    Shared(Result<Scenario, ScenarioTextError>),
    /// Scenarios compared in one link (`#c=`), or why they cannot be opened.
    Comparison(Result<SharedComparison, ScenarioTextError>),
}

/// What the address holds, before any link in it is decoded: telling which page to show costs
/// nothing, so the page can paint before a (possibly large, crafted) link is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    Workspace,
    /// The token of a shared scenario (after `#s=`).
    Shared(String),
    /// The token of a shared comparison (after `#c=`).
    Comparison(String),
}

impl Address {
    /// What an address's fragment (with or without its `#`) holds.
    pub fn from_fragment(fragment: &str) -> Address {
        if let Some(token) = link::token_in_fragment(fragment) {
            Address::Shared(token.to_string())
        } else if let Some(token) = link::comparison_in_fragment(fragment) {
            Address::Comparison(token.to_string())
        } else {
            Address::Workspace
        }
    }

    /// Whether the address changing from `loaded` (what the page was opened with) to `self`
    /// asks for another link to be opened: a share link pasted into the address bar of a tab
    /// that already shows the app. A jump to an anchor on the page (`#results-title`) does not.
    pub fn opens_another(&self, loaded: &Address) -> bool {
        matches!(self, Address::Shared(_) | Address::Comparison(_)) && self != loaded
    }

    /// Whether the fragment `now` (emptied, as by Back) leaves a link the page was opened with for
    /// the user's own workspace.
    pub fn leaves_link(&self, now: &str) -> bool {
        *self != Address::Workspace && now.trim_start_matches('#').is_empty()
    }

    /// What this page's address holds (browser only).
    pub fn current() -> Address {
        let fragment = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Address::from_fragment(&fragment)
    }

    /// Decode and check the link it holds: bounded by the link decoder's limits, but the one
    /// step that may take a moment, so the page runs it after its first paint.
    pub fn read(self) -> Route {
        match self {
            Address::Workspace => Route::Workspace,
            Address::Shared(token) => Route::Shared(read_scenario(&token, Source::Link)),
            Address::Comparison(token) => Route::Comparison(read_comparison(&token)),
        }
    }
}

impl Route {
    /// The route for an address's fragment (with or without its `#`).
    pub fn from_fragment(fragment: &str) -> Route {
        Address::from_fragment(fragment).read()
    }
}

/// The fragment sharing one scenario: `#s=1.…`.
pub fn scenario_fragment(s: &Scenario) -> String {
    format!("#{FRAGMENT_KEY}{}", link::encode(s))
}

/// The fragment sharing a comparison: `#c=1.…`.
pub fn comparison_fragment(c: &SharedComparison) -> String {
    format!("#{COMPARISON_KEY}{}", link::encode_comparison(c))
}

/// This page's address without its fragment: what a share link is built on (browser only).
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The share link of one scenario (browser only).
pub fn scenario_address(s: &Scenario) -> String {
    format!("{}{}", page_address(), scenario_fragment(s))
}

/// The share link of a comparison (browser only).
pub fn comparison_address(c: &SharedComparison) -> String {
    format!("{}{}", page_address(), comparison_fragment(c))
}

/// Take the shared link out of the address (without reloading), so that a reload opens the
/// user's own work (browser only).
pub fn leave_shared_link() {
    if let Some(w) = web_sys::window() {
        let _ = w.history().and_then(|h| {
            h.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&w.location().pathname().unwrap_or_default()),
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ap_engine::examples;
    use ap_engine::link::LinkError;

    #[test]
    fn a_shared_scenario_round_trips_through_its_fragment() {
        let s = examples::four_level_local();
        let fragment = scenario_fragment(&s);
        assert!(fragment.starts_with("#s=1."), "{fragment}");
        assert!(matches!(Route::from_fragment(&fragment), Route::Shared(Ok(t)) if t == s));
        // Pasting this link into a tab that shows the workspace, or another link, opens it;
        // the same link again, or an anchor on the page, does not.
        let link = Address::from_fragment(&fragment);
        assert!(link.opens_another(&Address::Workspace));
        assert!(link.opens_another(&Address::Shared("1.other".into())));
        assert!(!link.opens_another(&link.clone()));
        assert!(!Address::from_fragment("#results-title").opens_another(&link));
        // Back to an empty fragment leaves a link for the workspace; an anchor does not.
        assert!(link.leaves_link(""));
        assert!(link.leaves_link("#"));
        assert!(!link.leaves_link("#results-title"));
        assert!(!Address::Workspace.leaves_link(""));
        // Without the `#`, as some code hands it over.
        assert!(matches!(Route::from_fragment(&fragment[1..]), Route::Shared(Ok(t)) if t == s));
    }

    #[test]
    fn a_comparison_round_trips_through_its_fragment() {
        let c = SharedComparison {
            baseline: 1,
            scenarios: vec![
                examples::dfe_three_tier(),
                examples::dfe_early_intervention(),
            ],
        };
        let fragment = comparison_fragment(&c);
        assert!(fragment.starts_with("#c=1."), "{fragment}");
        assert!(matches!(Route::from_fragment(&fragment), Route::Comparison(Ok(d)) if d == c));
    }

    #[test]
    fn the_address_is_told_without_decoding_the_link() {
        // Telling which page to show reads no link: the page paints first, then decodes.
        let huge = "9".repeat(300_000);
        assert_eq!(
            Address::from_fragment(&format!("#s={huge}")),
            Address::Shared(huge.clone())
        );
        assert_eq!(
            Address::from_fragment("#c=1.abc"),
            Address::Comparison("1.abc".into())
        );
        assert_eq!(Address::from_fragment("#main"), Address::Workspace);
        assert!(matches!(
            Address::Shared(huge).read(),
            Route::Shared(Err(ScenarioTextError::Link(LinkError::TooLong(_))))
        ));
    }

    #[test]
    fn no_fragment_or_another_one_is_the_workspace() {
        for fragment in ["", "#", "#main", "#results-title", "x=1.abc"] {
            assert!(
                matches!(Route::from_fragment(fragment), Route::Workspace),
                "{fragment}"
            );
        }
    }

    #[test]
    fn a_bad_link_says_why_in_plain_english() {
        let cases = [
            ("#s=", "the link has no scenario in it"),
            ("#s=9.abc", "newer version of AP Planner"),
            ("#s=garbage!!", "damaged or incomplete"),
            ("#s=1.bm90IGEgc2NlbmFyaW8", "damaged or incomplete"),
        ];
        for (fragment, says) in cases {
            match Route::from_fragment(fragment) {
                Route::Shared(Err(e)) => assert!(e.to_string().contains(says), "{fragment}: {e}"),
                other => panic!("{fragment}: {other:?}"),
            }
        }
        assert!(matches!(
            Route::from_fragment("#c=9.abc"),
            Route::Comparison(Err(ScenarioTextError::Link(LinkError::FutureFormat(9))))
        ));
        // One scenario's token under the comparison key is not a comparison, and vice versa.
        let one = scenario_fragment(&examples::dfe_three_tier());
        assert!(matches!(
            Route::from_fragment(&one.replacen("#s=", "#c=", 1)),
            Route::Comparison(Err(_))
        ));
        let c = SharedComparison {
            baseline: 0,
            scenarios: vec![examples::dfe_three_tier(), examples::blank()],
        };
        assert!(matches!(
            Route::from_fragment(&comparison_fragment(&c).replacen("#c=", "#s=", 1)),
            Route::Shared(Err(_))
        ));
    }
}
