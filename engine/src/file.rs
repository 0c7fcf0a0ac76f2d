//! Reading a scenario from JSON text, with the schema version checked first so that a file from
//! a newer app is refused with a clear reason rather than half-read. Older versions are migrated
//! here, one step at a time, as the format changes.
//!
//! Reading is strict where a mistake would otherwise pass unseen, and says where the mistake is:
//! - a key given twice is an error naming the key, where it is and its line (JSON readers
//!   usually keep the last one silently);
//! - a value of the wrong type names the field's path and line ("`timeline.horizon` on line 7:
//!   expected a whole number, found a string");
//! - a key no field reads (a misspelling, or a key in the wrong place) is a warning, with a
//!   suggestion when a known key is close ("unknown field `horizn` in `timeline` — did you mean
//!   `horizon`?"): the scenario still opens, and [`Read::warnings`] lists them for the user;
//! - a leading byte-order mark (as some Windows editors write) is ignored;
//! - a file larger than [`MAX_FILE_BYTES`] is refused before it is parsed ([`check_file_size`]).

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use thiserror::Error;

use crate::format::{number, plain};
use crate::scenario::{Scenario, SCHEMA_VERSION};

/// The largest scenario file read, in bytes (2 MB). The largest valid scenario, pretty-printed
/// with every text at its longest, is well under this (a test checks it); real ones are 5–30 kB.
pub const MAX_FILE_BYTES: usize = 2_000_000;

/// The most values (numbers, texts, lists, objects and keys, counted alike) a file or link may
/// hold: the largest valid scenario holds about 30,000 (a test checks it), so a comparison of four
/// fits with room to spare. Reading stops there, so no file or link can make the app build
/// millions of items (2 MB of `{},{},…` would be 700,000 of them).
pub const MAX_VALUES: usize = 200_000;

/// At most this many unknown keys are listed one by one; the rest are counted in one warning.
const MAX_LISTED_WARNINGS: usize = 20;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ReadError {
    #[error("this is not a scenario file: {0}")]
    NotJson(String),
    #[error("this scenario was made by a newer version of AP Planner (format {found}; this app reads up to {supported})")]
    FutureVersion { found: u64, supported: u32 },
    #[error("this scenario file is damaged: {0}")]
    BadShape(String),
    /// Refused while parsing: see [`MAX_VALUES`].
    #[error("this is too large to be a scenario: it holds more than {} values (the largest scenario holds about 30,000)", number(MAX_VALUES as f64, 0))]
    TooManyValues,
    /// Refused before reading: see [`check_file_size`].
    #[error("this file is {}; a scenario file is at most {}", size(*bytes), size(MAX_FILE_BYTES as u64))]
    TooLarge { bytes: u64 },
    /// A key given twice in one object (`path` is the object's, empty at the top level).
    #[error(
        "this scenario file has a mistake: the key `{}` appears twice {} (line {line})",
        short(key),
        place(path)
    )]
    DuplicateKey {
        key: String,
        path: String,
        line: usize,
    },
    /// A value of the wrong type, or missing where it is required.
    #[error("this scenario file has a mistake: {}{}: {message}", quoted_path(path), on_line(*line))]
    Mistake {
        /// Where the value is, as a dot path (`tiers.1.stay_weeks`); empty for the whole file.
        path: String,
        line: Option<usize>,
        message: String,
    },
}

/// A key in a file that no field reads: ignored, and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadWarning {
    /// The key as written.
    pub key: String,
    /// The object it is in, as a dot path (`timeline`, `tiers.1`); empty at the top level.
    pub parent: String,
    pub line: Option<usize>,
    /// A known key it may have meant, as a dot path from the top of the file
    /// (`timeline.horizon`).
    pub suggestion: Option<String>,
    /// How many more unknown keys there are beyond this one (only on the last warning listed,
    /// when there are too many to list).
    pub more: usize,
}

impl fmt::Display for ReadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown field `{}` {}",
            short(&self.key),
            place(&self.parent)
        )?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        f.write_str(", ignored")?;
        if let Some(suggestion) = &self.suggestion {
            match suggestion.rsplit_once('.') {
                // In the same object: the key alone.
                Some((parent, key)) if parent == self.parent => {
                    write!(f, " — did you mean `{key}`?")?
                }
                None if self.parent.is_empty() => write!(f, " — did you mean `{suggestion}`?")?,
                None => write!(f, " — did you mean `{suggestion}` at the top level?")?,
                Some(_) => write!(f, " — did you mean `{suggestion}`?")?,
            }
        }
        if self.more > 0 {
            write!(
                f,
                " (and {} more unknown field{})",
                number(self.more as f64, 0),
                if self.more == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

/// A scenario read from text, with what was ignored in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub scenario: Scenario,
    /// Keys no field reads, in the order they appear; empty for a file the app wrote.
    pub warnings: Vec<ReadWarning>,
    /// What migrating an older format changed or kept, one plain sentence each; empty for a
    /// file of the current format.
    pub notes: Vec<String>,
}

fn size(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    let shown = plain(mb, 1);
    if bytes as usize > MAX_FILE_BYTES && shown == plain(MAX_FILE_BYTES as f64 / 1e6, 1) {
        // Just over the limit: "2 MB; … at most 2 MB" would read as a contradiction.
        format!("{} bytes", number(bytes as f64, 0))
    } else {
        format!("{shown} MB")
    }
}

/// A key or path for a message: at most 60 characters, so a crafted one cannot swamp it.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

fn place(parent: &str) -> String {
    if parent.is_empty() {
        "at the top level".into()
    } else {
        format!("in `{}`", short(parent))
    }
}

fn quoted_path(path: &str) -> String {
    if path.is_empty() {
        "the file".into()
    } else {
        format!("`{}`", short(path))
    }
}

fn on_line(line: Option<usize>) -> String {
    line.map(|l| format!(" on line {l}")).unwrap_or_default()
}

/// Refuse a file of `bytes` bytes if it is larger than [`MAX_FILE_BYTES`]: call it before
/// reading the file's text (the app with the file's size, the command with its length on disk).
pub fn check_file_size(bytes: u64) -> Result<(), ReadError> {
    if bytes > MAX_FILE_BYTES as u64 {
        Err(ReadError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// Read a scenario file's text (a bare scenario, as in `docs/examples`): strict, with warnings.
/// The result still needs validating. Files with an envelope are read by
/// [`crate::store::read_file`].
pub fn read_scenario(text: &str) -> Result<Read, ReadError> {
    let text = without_bom(text);
    let value = parse(text)?;
    read_value(value, Some(text), "")
}

/// Parse a scenario from JSON, migrating older formats. The result still needs validating.
/// As [`read_scenario`], without the warnings.
pub fn scenario_from_json(text: &str) -> Result<Scenario, ReadError> {
    read_scenario(text).map(|read| read.scenario)
}

/// As [`scenario_from_json`], from an already parsed value (without line numbers in errors).
pub fn scenario_from_value(value: Value) -> Result<Scenario, ReadError> {
    read_value(value, None, "").map(|read| read.scenario)
}

/// The scenario in `value`, found at `at` (a dot path, empty for the top level) of `text`, which
/// the value was parsed from when it is known (for line numbers).
pub(crate) fn read_value(value: Value, text: Option<&str>, at: &str) -> Result<Read, ReadError> {
    if !value.is_object() {
        return Err(ReadError::BadShape(if at.is_empty() {
            "expected an object".into()
        } else {
            format!("`{at}` is not an object")
        }));
    }
    let version = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .unwrap_or(u64::from(SCHEMA_VERSION));
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ReadError::FutureVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Version 1 → 2 added `ranges` and `simulation`, which a version 1 file simply lacks: their
    // defaults (no ranges) give exactly the figures version 1 gave.
    // Version 2 → 3: see [`migrate_to_3`].
    // A file without a version is read as the latest, but one that still has the old single
    // rate is migrated rather than losing it.
    let mut value = value;
    let mut notes = Vec::new();
    let versioned = value.get("schema_version").is_some();
    if version < 3 || !versioned {
        migrate_to_3(&mut value, &mut notes).map_err(|message| {
            let path = join(at, &[Seg::Key("inflation_pct".into())]);
            ReadError::Mistake {
                line: text.and_then(|t| line_of(t, &path)),
                path: dotted(&path),
                message,
            }
        })?;
    }
    if version < 4 && versioned {
        migrate_to_4(&mut value, &mut notes);
    }
    if !notes.is_empty() {
        notes.insert(
            0,
            format!("This scenario was saved in an earlier format ({version}) and has been brought up to date (format {SCHEMA_VERSION})."),
        );
    }
    let (mut scenario, ignored, more) = deserialize(value).map_err(|(path, message)| {
        let path = join(at, &path);
        ReadError::Mistake {
            line: text.and_then(|t| line_of(t, &path)),
            path: dotted(&path),
            message,
        }
    })?;
    scenario.schema_version = SCHEMA_VERSION;
    let warnings = warnings(&scenario, ignored, more, text, at);
    Ok(Read {
        scenario,
        warnings,
        notes,
    })
}

/// The address a version 2 range or workshop lever on the single inflation rate moves to.
pub const INFLATION_MOVES_TO: &str = "money.top_up_index_pct";

/// Version 2 → 3 replaced the single `inflation_pct` by a cost index per category. A version 2
/// file's rate becomes every category's index except place funding, which stays flat cash (the
/// national place rate has not changed since 2015/16): the file gives the figures it gave before
/// except place funding, which no longer grows. A range or workshop lever on `inflation_pct`
/// moves to the top-up index (the largest category it drove). Funders (all the high-needs
/// block), AWPU (none), the cost of waiting (none), the occupancy rule (off) and the opening
/// balance (0) take defaults that change no figure.
fn migrate_to_3(value: &mut Value, notes: &mut Vec<String>) -> Result<(), String> {
    let Some(object) = value.as_object_mut() else {
        return Ok(());
    };
    let given = object.get("inflation_pct").is_some_and(|v| !v.is_null());
    let inflation = match object.remove("inflation_pct") {
        None | Some(Value::Null) => 0.0,
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        Some(_) => return Err("expected a number".into()),
    };
    if given {
        notes.push(format!("Its single inflation rate ({}% a year) is now the cost index of every category except place funding, which stays flat cash as the national £10,000 rate has since 2015/16.", plain(inflation, 2)));
    }
    if !object.contains_key("money") {
        let money = crate::scenario::Money::from_inflation(inflation);
        if let Ok(v) = serde_json::to_value(money) {
            object.insert("money".into(), v);
        }
    }
    for list in ["ranges", "workshop"] {
        if let Some(Value::Array(items)) = object.get_mut(list) {
            for item in items {
                if let Some(field) = item.get_mut("field") {
                    if field.as_str() == Some("inflation_pct") {
                        *field = Value::String(INFLATION_MOVES_TO.into());
                    }
                }
            }
        }
    }
    Ok(())
}

/// Version 3 → 4 made the budget typed per financial year and transport paid by the council's
/// general fund, by default. A version 3 file keeps what it said: its budget stays typed per
/// academic year and a tier that named no transport funder keeps the high-needs block, so it
/// gives exactly the figures it gave. The new settings (splits between funders, the write-off,
/// interventions in the base budget, correlated ranges) take values that change no figure.
fn migrate_to_4(value: &mut Value, notes: &mut Vec<String>) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    let budget = object
        .entry("budget")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(budget) = budget.as_object_mut() {
        budget
            .entry("basis")
            .or_insert_with(|| Value::String("academic".into()));
    }
    if let Some(Value::Array(tiers)) = object.get_mut("tiers") {
        for tier in tiers.iter_mut().filter_map(Value::as_object_mut) {
            tier.entry("transport_funder")
                .or_insert_with(|| Value::String("high_needs".into()));
        }
    }
    notes.push("Its budget is still read per academic year, as it was typed; you can type it per financial year (April to March) under Costs and budget.".into());
    notes.push("Its costs keep the funders it gave them: transport is not moved to the council's general fund, as it is in new scenarios, so check who pays it.".into());
    notes.push("Interventions are taken as new in the plan (none already in the base budget), and no deficit is written off: its figures are unchanged.".into());
}

/// The scenario as pretty JSON, the format of saved files.
pub fn scenario_to_json(scenario: &Scenario) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(scenario).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Parsing: JSON text to a value, refusing duplicate keys.

/// `text` without a leading byte-order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// A path as people read it: `tiers.1.phases.0.referral_rate`.
fn dotted(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        if !out.is_empty() {
            out.push('.');
        }
        match seg {
            Seg::Key(k) => out.push_str(k),
            Seg::Index(n) => out.push_str(&n.to_string()),
        }
    }
    out
}

/// `at` (a dot path of keys) followed by `path`.
fn join(at: &str, path: &[Seg]) -> Vec<Seg> {
    at.split('.')
        .filter(|k| !k.is_empty())
        .map(|k| Seg::Key(k.to_string()))
        .chain(path.iter().cloned())
        .collect()
}

/// Where the parser is, kept on the stack and written out only for a message.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a Step<'a>, &'a str),
    Index(&'a Step<'a>, usize),
}

impl fmt::Display for Step<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (parent, own): (&Step, &dyn fmt::Display) = match self {
            Step::Root => return Ok(()),
            Step::Key(parent, key) => (parent, key),
            Step::Index(parent, n) => (parent, n),
        };
        match parent {
            Step::Root => write!(f, "{own}"),
            _ => write!(f, "{parent}.{own}"),
        }
    }
}

/// Why parsing stopped early.
enum Trouble {
    /// A key given twice, and the path of its object.
    Repeated(String, String),
    TooManyValues,
}

/// What every value being parsed shares: the count of values so far, and what went wrong.
struct Parsing {
    values: Cell<usize>,
    trouble: RefCell<Option<Trouble>>,
}

impl Parsing {
    /// Count one more value or key; an error once there are too many.
    fn count<E: de::Error>(&self) -> Result<(), E> {
        let n = self.values.get() + 1;
        self.values.set(n);
        if n > MAX_VALUES {
            *self.trouble.borrow_mut() = Some(Trouble::TooManyValues);
            return Err(E::custom("too many values"));
        }
        Ok(())
    }
}

/// A JSON value read with every object's keys checked for repeats and every value counted.
struct Strict<'a> {
    at: Step<'a>,
    parsing: &'a Parsing,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.parsing.count()?;
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let seed = Strict {
                at: Step::Index(&self.at, items.len()),
                parsing: self.parsing,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.parsing.count()?;
            if object.contains_key(&key) {
                let path = self.at.to_string();
                *self.parsing.trouble.borrow_mut() = Some(Trouble::Repeated(key, path));
                return Err(de::Error::custom("a key appears twice"));
            }
            let seed = Strict {
                at: Step::Key(&self.at, &key),
                parsing: self.parsing,
            };
            let value = map.next_value_seed(seed)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Parse JSON text (without a BOM) to a value, refusing a key given twice in one object and
/// text holding more than [`MAX_VALUES`] values.
pub(crate) fn parse(text: &str) -> Result<Value, ReadError> {
    let parsing = Parsing {
        values: Cell::new(0),
        trouble: RefCell::new(None),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = Strict {
        at: Step::Root,
        parsing: &parsing,
    };
    let result = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    result.map_err(|e| match parsing.trouble.into_inner() {
        Some(Trouble::Repeated(key, path)) => ReadError::DuplicateKey {
            key,
            path,
            line: e.line(),
        },
        Some(Trouble::TooManyValues) => ReadError::TooManyValues,
        None => ReadError::NotJson(e.to_string()),
    })
}

// ---------------------------------------------------------------------------------------------
// Deserialising: the value to a scenario, with the path of a wrong value and the keys ignored.

type Ignored = Vec<Vec<Seg>>;

/// The scenario in `value`, the paths of keys no field read (at most [`MAX_LISTED_WARNINGS`])
/// and how many more there were; or the path of the value that is wrong and what is wrong.
fn deserialize(value: Value) -> Result<(Scenario, Ignored, usize), (Vec<Seg>, String)> {
    let mut ignored = Vec::new();
    let mut more = 0;
    let mut track = serde_path_to_error::Track::new();
    let result: Result<Scenario, _> = serde_ignored::deserialize(
        serde_path_to_error::Deserializer::new(value, &mut track),
        |path| {
            if ignored.len() < MAX_LISTED_WARNINGS {
                ignored.push(ignored_path(&path));
            } else {
                more += 1;
            }
        },
    );
    match result {
        Ok(scenario) => Ok((scenario, ignored, more)),
        Err(e) => {
            let path = track
                .path()
                .iter()
                .map_while(|seg| match seg {
                    serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                    serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                    _ => None,
                })
                .collect();
            Err((path, plain_error(&e.to_string())))
        }
    }
}

fn ignored_path(path: &serde_ignored::Path) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut at = path;
    loop {
        at = match at {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                segs.push(Seg::Index(*index));
                parent
            }
            serde_ignored::Path::Map { parent, key } => {
                segs.push(Seg::Key(key.clone()));
                parent
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => parent,
        };
    }
    segs.reverse();
    segs
}

/// serde's message in plain English: "invalid type: string \"five\", expected u32" becomes
/// "expected a whole number, found a string".
fn plain_error(message: &str) -> String {
    let expected = |what: &str| -> String {
        match what.trim() {
            "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
            "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
            "f32" | "f64" => "a number".into(),
            "a string" => "text in quotes".into(),
            "a boolean" => "true or false".into(),
            "a sequence" => "a list in [ ]".into(),
            other if other.starts_with("struct ") || other.starts_with("a map") => {
                "an object in { }".into()
            }
            other => other.to_string(),
        }
    };
    let found = |what: &str| -> String {
        let what = what.trim();
        let quoted = |prefix: &str| {
            what.strip_prefix(prefix)
                .map(|v| v.trim().trim_matches('`').to_string())
        };
        if what.starts_with("string ") {
            "a string".into()
        } else if let Some(v) = quoted("integer").or_else(|| quoted("floating point")) {
            format!("the number {v}")
        } else if let Some(v) = quoted("boolean") {
            v
        } else {
            match what {
                "map" => "an object".into(),
                "sequence" => "a list".into(),
                "unit" | "null" => "null".into(),
                other => other.to_string(),
            }
        }
    };
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((got, want)) = rest.rsplit_once(", expected ") {
                return format!("expected {}, found {}", expected(want), found(got));
            }
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("{rest} is required here");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return match rest.split_once(", expected one of ") {
            Some((got, options)) => format!("{got} is not one of the options ({options})"),
            None => rest.to_string(),
        };
    }
    message.to_string()
}

// ---------------------------------------------------------------------------------------------
// Warnings: keys no field read, with a suggestion.

fn warnings(
    scenario: &Scenario,
    ignored: Ignored,
    more: usize,
    text: Option<&str>,
    at: &str,
) -> Vec<ReadWarning> {
    if ignored.is_empty() {
        return Vec::new();
    }
    // The scenario as this app writes it: every known key, where it belongs.
    let known = serde_json::to_value(scenario).unwrap_or(Value::Null);
    let count = ignored.len();
    ignored
        .into_iter()
        .enumerate()
        .map(|(n, path)| {
            let (parent, key) = match path.split_last() {
                Some((Seg::Key(key), parent)) => (parent.to_vec(), key.clone()),
                _ => (path.clone(), String::new()),
            };
            let suggestion = suggest(&known, &parent, &key).map(|p| dotted(&join(at, &p)));
            let full = join(at, &path);
            ReadWarning {
                line: text.and_then(|t| line_of(t, &full)),
                key,
                parent: dotted(&join(at, &parent)),
                suggestion,
                more: if n + 1 == count { more } else { 0 },
            }
        })
        .collect()
}

fn get<'v>(value: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(n) => v.get(n),
    })
}

/// A known key close to `key`, as a path from the top: in the same object, in an object inside
/// it (`timeline.horizon` for a `horizon` at the top level), or in the object around it.
fn suggest(known: &Value, parent: &[Seg], key: &str) -> Option<Vec<Seg>> {
    if key.chars().count() > 40 {
        return None;
    }
    let here = get(known, parent)?.as_object()?;
    let within = |path: &[Seg], k: &str| {
        let mut p = path.to_vec();
        p.push(Seg::Key(k.to_string()));
        p
    };
    let mut candidates: Vec<(Vec<Seg>, &str)> = Vec::new();
    for (k, v) in here {
        candidates.push((within(parent, k), k));
        if let Some(inner) = v.as_object() {
            let p = within(parent, k);
            candidates.extend(inner.keys().map(|ik| (within(&p, ik), ik.as_str())));
        }
    }
    if let Some((_, up)) = parent.split_last() {
        if let Some(outer) = get(known, up).and_then(Value::as_object) {
            candidates.extend(outer.keys().map(|k| (within(up, k), k.as_str())));
        }
    }
    let lower = key.to_lowercase();
    let limit = match lower.chars().count() {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .map(|(path, k)| (distance(&lower, k), path))
        .filter(|(d, _)| *d <= limit)
        // Stable: on a tie the key in the same object (listed first) wins.
        .min_by_key(|(d, _)| *d)
        .map(|(_, path)| path)
}

/// Edit distance (insertions, deletions, substitutions and swaps of neighbours count one each).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, row);
    }
    prev[b.len()]
}

// ---------------------------------------------------------------------------------------------
// Line numbers: where a path's value starts in the text.

/// The line (from 1) on which the value at `path` starts in `text` (valid JSON), if it is there.
pub(crate) fn line_of(text: &str, path: &[Seg]) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    for seg in path {
        match seg {
            Seg::Key(want) => {
                if b.get(i) != Some(&b'{') {
                    return None;
                }
                i = skip_ws(b, i + 1);
                loop {
                    if b.get(i) != Some(&b'"') {
                        return None;
                    }
                    let end = string_end(b, i)?;
                    let key: String = serde_json::from_str(&text[i..end]).ok()?;
                    i = skip_ws(b, end);
                    if b.get(i) != Some(&b':') {
                        return None;
                    }
                    i = skip_ws(b, i + 1);
                    if key == *want {
                        break;
                    }
                    i = skip_ws(b, value_end(b, i)?);
                    match b.get(i) {
                        Some(b',') => i = skip_ws(b, i + 1),
                        _ => return None,
                    }
                }
            }
            Seg::Index(n) => {
                if b.get(i) != Some(&b'[') {
                    return None;
                }
                i = skip_ws(b, i + 1);
                for _ in 0..*n {
                    i = skip_ws(b, value_end(b, i)?);
                    match b.get(i) {
                        Some(b',') => i = skip_ws(b, i + 1),
                        _ => return None,
                    }
                }
            }
        }
    }
    Some(1 + b[..i.min(b.len())].iter().filter(|&&c| c == b'\n').count())
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The index just past the string starting at `i` (its opening quote).
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match b.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The index just past the value starting at `i`.
fn value_end(b: &[u8], mut i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match b.get(i)? {
                    b'"' => {
                        i = string_end(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            while !matches!(
                b.get(i),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn round_trips_the_examples() {
        for ex in examples::all() {
            let text = scenario_to_json(&ex);
            let read = read_scenario(&text).unwrap();
            assert_eq!(read.scenario, ex);
            assert_eq!(read.warnings, vec![], "the app's own files warn of nothing");
        }
    }

    #[test]
    fn a_version_2_file_migrates_its_inflation_to_the_cost_indices() {
        let text = r#"{
  "schema_version": 2,
  "meta": {"name": "Old"},
  "phases": [{"id": "all", "name": "All", "pupils": 1000}],
  "tiers": [{"id": "t", "name": "T", "phases": [{"phase": "all", "referral_rate": 1}],
             "providers": [{"id": "p", "name": "P", "places": [5], "place_funding": 10000, "top_up": 8000}]}],
  "inflation_pct": 2.5,
  "ranges": [{"field": "inflation_pct", "low": 1, "high": 4}],
  "workshop": [{"field": "inflation_pct", "label": "Inflation", "min": 0, "max": 5, "step": 0.5}]
}"#;
        let read = read_scenario(text).unwrap();
        assert_eq!(read.warnings, vec![], "inflation_pct is read, not ignored");
        let s = read.scenario;
        assert_eq!(s.schema_version, SCHEMA_VERSION);
        let m = &s.money;
        assert_eq!(m.place_funding_index_pct, 0.0, "place funding is flat cash");
        for pct in [
            m.top_up_index_pct,
            m.spot_index_pct,
            m.per_entry_index_pct,
            m.transport_index_pct,
            m.fixed_index_pct,
            m.interventions_index_pct,
        ] {
            assert_eq!(pct, 2.5);
        }
        assert_eq!(m.opening_balance, 0.0);
        assert_eq!(s.ranges[0].field.to_string(), INFLATION_MOVES_TO);
        assert_eq!(s.workshop[0].field.to_string(), INFLATION_MOVES_TO);
        // Figures: the same as before except place funding, which no longer grows.
        let pr = crate::project(&s).unwrap();
        let p1 = pr.tier(1, 0).spend;
        assert_eq!(p1.place_funding, 50_000.0);
        assert!((p1.top_up - 5.0_f64.min(pr.tier(1, 0).occupied) * 8_000.0 * 1.025).abs() < 1e-6);
        // Written back, it is version 3 and reads the same.
        let back = scenario_from_json(&scenario_to_json(&s)).unwrap();
        assert_eq!(back, s);
        // A wrong type for the old rate is a mistake named by its address.
        let err = read_scenario(r#"{"schema_version": 2, "inflation_pct": "2"}"#).unwrap_err();
        assert!(err.to_string().contains("inflation_pct"), "{err}");
    }

    #[test]
    fn refuses_future_versions_and_garbage() {
        assert!(matches!(
            scenario_from_json(r#"{"schema_version": 99}"#),
            Err(ReadError::FutureVersion { found: 99, .. })
        ));
        assert!(matches!(
            scenario_from_json("not json"),
            Err(ReadError::NotJson(_))
        ));
        assert!(matches!(
            scenario_from_json("[1,2]"),
            Err(ReadError::BadShape(_))
        ));
        assert!(matches!(
            scenario_from_json(r#"{"timeline": {"horizon": "five"}}"#),
            Err(ReadError::Mistake { .. })
        ));
        assert!(matches!(
            scenario_from_json("{} {}"),
            Err(ReadError::NotJson(_))
        ));
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s = scenario_from_json(r#"{"meta": {"name": "Bare"}}"#).unwrap();
        assert_eq!(s.meta.name, "Bare");
        assert_eq!(s.timeline.horizon, 5);
        assert_eq!(s.schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn an_unknown_key_is_a_warning_with_a_suggestion() {
        let text =
            "{\n  \"meta\": {\"name\": \"Typo\"},\n  \"timeline\": {\n    \"horizn\": 12\n  }\n}";
        let read = read_scenario(text).unwrap();
        assert_eq!(read.scenario.timeline.horizon, 5, "the default is kept");
        assert_eq!(
            read.warnings,
            vec![ReadWarning {
                key: "horizn".into(),
                parent: "timeline".into(),
                line: Some(4),
                suggestion: Some("timeline.horizon".into()),
                more: 0,
            }]
        );
        assert_eq!(
            read.warnings[0].to_string(),
            "unknown field `horizn` in `timeline` (line 4), ignored — did you mean `horizon`?"
        );

        // In the wrong place: the suggestion names where it belongs.
        let read = read_scenario(r#"{"horizon": 12, "zzzzzz": 1}"#).unwrap();
        let shown: Vec<String> = read.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            shown,
            [
                "unknown field `horizon` at the top level (line 1), ignored — did you mean `timeline.horizon`?",
                "unknown field `zzzzzz` at the top level (line 1), ignored",
            ]
        );

        // Inside a list item, and one level too deep.
        let text =
            r#"{"tiers": [{"id": "a"}, {"id": "b", "stay_wekes": 3}], "timeline": {"ranges": 2}}"#;
        let read = read_scenario(text).unwrap();
        let shown: Vec<String> = read.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            shown,
            [
                "unknown field `stay_wekes` in `tiers.1` (line 1), ignored — did you mean `stay_weeks`?",
                "unknown field `ranges` in `timeline` (line 1), ignored — did you mean `ranges` at the top level?",
            ]
        );
    }

    #[test]
    fn many_unknown_keys_are_counted_not_listed() {
        let keys: Vec<String> = (0..500).map(|n| format!("\"junk{n}\": {n}")).collect();
        let read = read_scenario(&format!("{{{}}}", keys.join(","))).unwrap();
        assert_eq!(read.warnings.len(), MAX_LISTED_WARNINGS);
        assert_eq!(read.warnings.last().unwrap().more, 480);
        assert!(read
            .warnings
            .last()
            .unwrap()
            .to_string()
            .ends_with("(and 480 more unknown fields)"));
    }

    #[test]
    fn a_key_given_twice_is_an_error_naming_it() {
        let text = "{\n  \"timeline\": {\n    \"horizon\": 5,\n    \"horizon\": 9\n  }\n}";
        let e = read_scenario(text).unwrap_err();
        assert_eq!(
            e,
            ReadError::DuplicateKey {
                key: "horizon".into(),
                path: "timeline".into(),
                line: 4,
            }
        );
        assert_eq!(
            e.to_string(),
            "this scenario file has a mistake: the key `horizon` appears twice in `timeline` (line 4)"
        );
        let e = read_scenario(r#"{"tiers": [{}, {"name": "a", "name": "b"}]}"#).unwrap_err();
        assert!(
            matches!(&e, ReadError::DuplicateKey { key, path, .. } if key == "name" && path == "tiers.1"),
            "{e:?}"
        );
        // Unknown keys too: a repeat is a mistake wherever it is.
        let e = read_scenario(r#"{"x": 1, "x": 2}"#).unwrap_err();
        assert!(
            e.to_string().contains("`x` appears twice at the top level"),
            "{e}"
        );
    }

    #[test]
    fn a_wrong_type_names_the_field_and_its_line() {
        let text = "{\n  \"meta\": {\"name\": \"x\"},\n  \"timeline\": {\n    \"first_year\": 2026,\n    \"horizon\": \"five\"\n  }\n}";
        let e = read_scenario(text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "this scenario file has a mistake: `timeline.horizon` on line 5: expected a whole number, 0 or more, found a string"
        );
        let text = "{\"tiers\": [\n {},\n {\"phases\": [{\"referral_rate\": true}]}\n]}";
        let e = read_scenario(text).unwrap_err();
        assert_eq!(
            e,
            ReadError::Mistake {
                path: "tiers.1.phases.0.referral_rate".into(),
                line: Some(3),
                message: "expected a number, found true".into(),
            }
        );
        let e = read_scenario(r#"{"tiers": [{"over_capacity": "sometimes"}]}"#).unwrap_err();
        assert!(
            e.to_string().contains(
                "`tiers.0.over_capacity` on line 1: `sometimes` is not one of the options (`spot`, `waiting_list`, `not_managed`)"
            ),
            "{e}"
        );
        let e = read_scenario(r#"{"timeline": {"first_year": 1e40}}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("expected a whole number, found the number"),
            "{e}"
        );
        let e = read_scenario(r#"{"phases": {"id": "a"}}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("`phases` on line 1: expected a list in [ ], found an object"),
            "{e}"
        );
    }

    #[test]
    fn parsing_stops_at_the_most_values_a_scenario_can_hold() {
        let items = |n: usize| format!("{{\"phases\": [{}]}}", vec!["{}"; n].join(","));
        // The top object, its key, the list: three values before the items.
        assert!(read_scenario(&items(MAX_VALUES - 3)).is_ok());
        let e = read_scenario(&items(MAX_VALUES - 2)).unwrap_err();
        assert_eq!(e, ReadError::TooManyValues);
        assert_eq!(
            e.to_string(),
            "this is too large to be a scenario: it holds more than 200,000 values (the largest scenario holds about 30,000)"
        );
        let keys: Vec<String> = (0..MAX_VALUES).map(|k| format!("\"k{k}\": 0")).collect();
        let e = read_scenario(&format!("{{{}}}", keys.join(","))).unwrap_err();
        assert_eq!(e, ReadError::TooManyValues);
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let text = format!("\u{feff}{}", scenario_to_json(&examples::dfe_three_tier()));
        assert_eq!(
            read_scenario(&text).unwrap().scenario,
            examples::dfe_three_tier()
        );
    }

    #[test]
    fn files_over_the_limit_are_refused_with_their_size() {
        assert_eq!(check_file_size(MAX_FILE_BYTES as u64), Ok(()));
        let e = check_file_size(12_345_678).unwrap_err();
        assert_eq!(
            e.to_string(),
            "this file is 12.3 MB; a scenario file is at most 2 MB"
        );
        let e = check_file_size(MAX_FILE_BYTES as u64 + 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "this file is 2,000,001 bytes; a scenario file is at most 2 MB"
        );
    }

    #[test]
    fn lines_are_found_for_any_path() {
        let text = "{\"a\": [1, {\"b\": \"x\\\"}\"},\n  {\"c\":\n [true, null, {\"d\": 2}]}]}";
        let at = |path: &[Seg]| line_of(text, path);
        use Seg::{Index as I, Key as K};
        assert_eq!(at(&[]), Some(1));
        assert_eq!(at(&[K("a".into()), I(1), K("b".into())]), Some(1));
        assert_eq!(at(&[K("a".into()), I(2), K("c".into())]), Some(3));
        assert_eq!(
            at(&[K("a".into()), I(2), K("c".into()), I(2), K("d".into())]),
            Some(3)
        );
        assert_eq!(at(&[K("zz".into())]), None);
        assert_eq!(at(&[K("a".into()), I(7)]), None);
    }

    #[test]
    fn distances_count_typos() {
        assert_eq!(distance("horizn", "horizon"), 1);
        assert_eq!(distance("hroizon", "horizon"), 1);
        assert_eq!(distance("name", "area"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
