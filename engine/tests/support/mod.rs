//! Scenarios and links built to be as hard as possible on the engine: shared by the tests in
//! `limits.rs` and the benchmark `benches/limits.rs` (`#[path]`-included there).
#![allow(dead_code)]

use ap_engine::address::{Field, TopField};
use ap_engine::examples;
use ap_engine::file::MAX_VALUES;
use ap_engine::link::{MAX_JSON_BYTES, MAX_TOKEN_CHARS};
use ap_engine::scenario::*;
use ap_engine::validate::{
    MAX_COST_LINES, MAX_DESCRIPTION, MAX_INTERVENTIONS, MAX_PHASES, MAX_PROVIDERS, MAX_TEXT,
    MAX_TIERS,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// A text of `n` characters mixing one-, two-, three- and four-byte characters and the control
/// characters JSON must escape (each six bytes in a file): the most bytes per character.
pub fn long_text(n: usize) -> String {
    const PIECES: [char; 6] = ['\u{1}', 'é', '€', '😀', '\u{1f}', '"'];
    (0..n).map(|k| PIECES[k % PIECES.len()]).collect()
}

/// How long the texts that are too long are: five times the limit.
const LONG: usize = 5 * MAX_TEXT;

/// Every list of a scenario with `n` items (many more than allowed when `n` is large), ids used
/// twice or not at all, references to nothing, numbers out of range and texts far too long: its
/// size grows in proportion to `n`.
pub fn adversarial(n: usize) -> Scenario {
    let mut s = examples::dfe_early_intervention();
    s.meta.name = "n".repeat(n);
    s.meta.area = "a".repeat(n);
    s.meta.description = "d".repeat(n);
    let ids = |k: usize| match k % 4 {
        0 => "p0".to_string(),
        1 => String::new(),
        2 => format!("p{}", k % 50),
        _ => "i".repeat(LONG),
    };
    s.phases = (0..n)
        .map(|k| Phase {
            id: ids(k),
            name: if k.is_multiple_of(2) {
                String::new()
            } else {
                "N".repeat(LONG)
            },
            pupils: -1.0,
            growth_pct: f64::NAN,
            overrides: vec![Some(-1.0); if k == 0 { n } else { 2 }],
            ..Phase::default()
        })
        .collect();
    let tier = |k: usize| Tier {
        id: ids(k),
        name: "T".repeat(if k.is_multiple_of(2) { LONG } else { 0 }),
        phases: (0..if k == 0 { n } else { 2 })
            .map(|line| TierPhase {
                // Dangling (most) or repeated (p0, p2, …) references.
                phase: format!("p{}", line % 60),
                referral_rate: -1.0,
                exclusion_rate: f64::INFINITY,
                start_pupils: -1.0,
            })
            .collect(),
        stay_weeks: 0.0,
        returned_pct: 90.0,
        step_up_pct: 90.0,
        providers: (0..if k == 0 { n } else { 1 })
            .map(|p| Provider {
                id: ids(p),
                name: "P".repeat(if p.is_multiple_of(2) { LONG } else { 0 }),
                phase: Some(if p.is_multiple_of(2) {
                    "p2".into()
                } else {
                    ids(p)
                }),
                places: vec![-1.0; if p == 0 { n } else { 3 }],
                place_funding: -1.0,
                top_up: f64::NAN,
                ..Provider::default()
            })
            .collect(),
        ..Tier::default()
    };
    s.tiers = (0..n).map(tier).collect();
    s.interventions = (0..n)
        .map(|k| Intervention {
            id: ids(k),
            name: "I".repeat(LONG),
            tier: ids(k + 1),
            phase: Some(ids(k + 3)),
            change_pct: -500.0,
            first_year: i32::MIN,
            ..Intervention::default()
        })
        .collect();
    s.other_costs = (0..n)
        .map(|k| FixedCost {
            name: "C".repeat(k % 3 * LONG),
            amount: -1.0,
            first_year: 2030,
            last_year: 2029,
            ..FixedCost::default()
        })
        .collect();
    s.workshop = (0..n)
        .map(|k| WorkshopLever {
            field: Field::Top(TopField::Name),
            label: "L".repeat(k % 2 * LONG),
            min: 1.0,
            max: 0.0,
            step: 0.0,
        })
        .collect();
    s.ranges = (0..n)
        .map(|k| InputRange {
            field: if k.is_multiple_of(2) {
                Field::Top(TopField::TopUpIndex)
            } else {
                Field::Top(TopField::Name)
            },
            low: 5.0,
            high: -5.0,
            shape: Shape::default(),
            group: Group::None,
        })
        .collect();
    s
}

/// The largest scenario validation accepts: every list at its limit, every year given, every
/// text at its longest in the characters that take the most bytes in a file.
pub fn largest_valid() -> Scenario {
    let years = MAX_HORIZON as usize;
    let mut s = examples::dfe_early_intervention();
    s.timeline.horizon = MAX_HORIZON;
    s.meta.name = long_text(MAX_TEXT);
    s.meta.area = long_text(MAX_TEXT);
    // Two UTF-16 units per emoji: the description's limit counts them as Excel does.
    s.meta.description = "😀".repeat(MAX_DESCRIPTION / 2) + "x";
    let id = |kind: &str, k: usize| format!("{kind}{k}-{}", "x".repeat(MAX_TEXT - 10));
    s.phases = (0..MAX_PHASES)
        .map(|k| Phase {
            id: id("p", k),
            name: long_text(MAX_TEXT),
            pupils: 12_345.678,
            growth_pct: 1.234,
            overrides: vec![Some(12_345.678_9); years],
            ..Phase::default()
        })
        .collect();
    let tier_ids: Vec<String> = (0..MAX_TIERS).map(|k| id("t", k)).collect();
    s.tiers = (0..MAX_TIERS)
        .map(|k| Tier {
            id: tier_ids[k].clone(),
            name: long_text(MAX_TEXT),
            phases: (0..MAX_PHASES)
                .map(|p| TierPhase {
                    phase: id("p", p),
                    referral_rate: 1.234_567,
                    exclusion_rate: 0.123_456,
                    start_pupils: 12.345_678,
                })
                .collect(),
            trend_pct: 1.5,
            stay_weeks: 20.5,
            returned_pct: 40.25,
            step_up_pct: 10.125,
            per_entry_cost: 1_234.56,
            transport_per_place: 2_345.67,
            transport_funder: Funding::One(Funder::HighNeeds),
            providers: (0..MAX_PROVIDERS)
                .map(|p| Provider {
                    id: format!("{}-{p}", id("v", k)),
                    name: long_text(MAX_TEXT),
                    kind: ProviderKind::Independent,
                    phase: Some(id("p", p % MAX_PHASES)),
                    places: vec![12.345_678_9; years],
                    place_funding: 10_000.123,
                    top_up: 20_000.456,
                    ..Provider::default()
                })
                .collect(),
            over_capacity: OverCapacity::Spot,
            spot_price: 45_678.9,
            ..Tier::default()
        })
        .collect();
    s.interventions = (0..MAX_INTERVENTIONS)
        .map(|k| Intervention {
            id: id("i", k),
            name: long_text(MAX_TEXT),
            tier: tier_ids[k % MAX_TIERS].clone(),
            phase: Some(id("p", k % MAX_PHASES)),
            target: Target::ALL[k % Target::ALL.len()],
            change_pct: -12.345,
            first_year: 2027,
            ramp_years: 3,
            annual_cost: 123_456.789,
            ..Intervention::default()
        })
        .collect();
    s.other_costs = (0..MAX_COST_LINES)
        .map(|_| FixedCost {
            name: long_text(MAX_TEXT),
            amount: 98_765.432,
            first_year: 2026,
            last_year: 2040,
            ..FixedCost::default()
        })
        .collect();
    s.workshop = ap_engine::workshop::suggested(&s)
        .into_iter()
        .map(|mut l| {
            l.label = long_text(MAX_TEXT);
            l
        })
        .collect();
    // As many ranges as allowed, each around its input's value.
    s.ranges = ap_engine::fields::all(&s)
        .into_iter()
        .filter(|f| f.spec().uncertain)
        .filter_map(|field| {
            let v = field.number(&s)?;
            Some(InputRange {
                field,
                low: v,
                high: v,
                shape: Shape::default(),
                group: Group::None,
            })
        })
        .take(ap_engine::validate::MAX_RANGES)
        .collect();
    s
}

/// A link token for `json`, as the app would make one.
pub fn token_for(json: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json, 9);
    format!("1.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// JSON of `<open><item>,<item>,…<close>` with as many items as a link may hold: within
/// [`MAX_JSON_BYTES`], and within [`MAX_VALUES`] when each item holds `values` values and the
/// text around them `around`.
fn filled(open: &str, item: &str, close: &str, values: usize, around: usize) -> String {
    let room = MAX_JSON_BYTES - open.len() - close.len();
    let count = ((room + 1) / (item.len() + 1)).min((MAX_VALUES - around) / values);
    let mut json = String::with_capacity(MAX_JSON_BYTES);
    json.push_str(open);
    json.push_str(&vec![item; count].join(","));
    json.push_str(close);
    assert!(json.len() <= MAX_JSON_BYTES);
    json
}

/// Every limit full of wrong values: the most validation messages a scenario can produce.
pub fn most_messages() -> Scenario {
    let mut s = largest_valid();
    for t in &mut s.tiers {
        t.stay_weeks = -1.0;
        for d in &mut t.phases {
            d.referral_rate = -1.0;
            d.exclusion_rate = -1.0;
            d.start_pupils = -1.0;
        }
        for p in &mut t.providers {
            p.places = vec![-1.0; MAX_HORIZON as usize];
            p.place_funding = -1.0;
            p.top_up = -1.0;
        }
    }
    for p in &mut s.phases {
        p.overrides = vec![Some(-1.0); MAX_HORIZON as usize];
    }
    s
}

/// The hardest links the decoder accepts (the token within [`MAX_TOKEN_CHARS`], its JSON within
/// [`MAX_JSON_BYTES`]), by name.
pub fn worst_links() -> Vec<(&'static str, String)> {
    let unknown_keys = {
        let mut json = String::from("{");
        // Distinct keys compress less than repeats: 60,000 is about as many as fit in a token.
        for k in 0..60_000 {
            json.push_str(&format!("\"k{k}\":0,"));
        }
        json.push_str("\"z\":0}");
        json
    };
    let links = vec![
        (
            "the most empty phases a link may hold",
            token_for(filled(r#"{"phases":["#, "{}", "]}", 1, 3).as_bytes()),
        ),
        (
            "the most empty tiers a link may hold",
            token_for(filled(r#"{"tiers":["#, "{}", "]}", 1, 3).as_bytes()),
        ),
        (
            "the most providers a link may hold",
            token_for(
                filled(
                    r#"{"tiers":[{"providers":["#,
                    r#"{"phase":"p"}"#,
                    "]}]}",
                    3,
                    6,
                )
                .as_bytes(),
            ),
        ),
        (
            "the most numbers a link may hold, in one list",
            token_for(filled(r#"{"phases":[{"overrides":["#, "0", "]}]}", 1, 6).as_bytes()),
        ),
        (
            "the most unknown keys a link may hold",
            token_for(unknown_keys.as_bytes()),
        ),
        (
            "one name of 2 MiB of escaped control characters",
            token_for(
                format!(
                    r#"{{"meta":{{"name":"{}"}}}}"#,
                    r"\u0001".repeat((MAX_JSON_BYTES - 30) / 6)
                )
                .as_bytes(),
            ),
        ),
        (
            "every limit full of wrong values",
            ap_engine::link::encode(&most_messages()),
        ),
        (
            "the largest valid scenario, names cut to fit",
            ap_engine::link::encode(&largest_fitting()),
        ),
    ];
    for (name, token) in &links {
        assert!(token.len() <= MAX_TOKEN_CHARS, "{name}: {}", token.len());
    }
    links
}

/// The largest valid scenario with texts shortened until its link fits.
pub fn largest_fitting() -> Scenario {
    let mut s = largest_valid();
    s.meta.description = "d".repeat(MAX_DESCRIPTION);
    let short = |t: &mut String| *t = t.chars().take(20).collect();
    for p in &mut s.phases {
        short(&mut p.name);
    }
    for t in &mut s.tiers {
        short(&mut t.name);
        for p in &mut t.providers {
            short(&mut p.name);
        }
    }
    for iv in &mut s.interventions {
        short(&mut iv.name);
    }
    for c in &mut s.other_costs {
        short(&mut c.name);
    }
    s
}
