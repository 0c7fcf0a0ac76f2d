//! Reading a history file: CSV with a header row, one row per academic year × phase × tier (and
//! rows with no tier for the phase's pupils on roll and permanent exclusions). The template is in
//! `docs/history.md`.
//!
//! The reader is a small hand parser (quotes, doubled quotes, a byte-order mark, CRLF or LF line
//! ends) so the app carries no CSV crate. A file that cannot be read at all is a
//! [`HistoryFileError`]; a row that is wrong is a [`RowError`] with its line number, and every
//! bad row is reported at once while the good rows are kept.

use std::collections::HashMap;
use std::fmt;

use thiserror::Error;

/// Largest history file read, in bytes (checked before parsing).
pub const MAX_HISTORY_BYTES: usize = 2 * 1024 * 1024;
/// Most data rows read.
pub const MAX_ROWS: usize = 20_000;
/// Earliest and latest academic year accepted.
pub const YEARS: (i32, i32) = (2000, 2100);

/// The columns with counts, in the template's order. Names are matched case-insensitively, with
/// spaces or hyphens read as underscores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    PupilsOnRoll,
    PermanentExclusions,
    EntriesDirect,
    EntriesExclusion,
    EntriesSteppedUp,
    CensusPupils,
    LeaversReturned,
    LeaversSteppedUp,
    LeaversOther,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::PupilsOnRoll,
        Column::PermanentExclusions,
        Column::EntriesDirect,
        Column::EntriesExclusion,
        Column::EntriesSteppedUp,
        Column::CensusPupils,
        Column::LeaversReturned,
        Column::LeaversSteppedUp,
        Column::LeaversOther,
    ];

    /// The column's name in the header.
    pub fn key(self) -> &'static str {
        match self {
            Column::PupilsOnRoll => "pupils_on_roll",
            Column::PermanentExclusions => "permanent_exclusions",
            Column::EntriesDirect => "entries_direct",
            Column::EntriesExclusion => "entries_exclusion",
            Column::EntriesSteppedUp => "entries_stepped_up",
            Column::CensusPupils => "census_pupils",
            Column::LeaversReturned => "leavers_returned",
            Column::LeaversSteppedUp => "leavers_stepped_up",
            Column::LeaversOther => "leavers_other",
        }
    }

    /// Plain English, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Column::PupilsOnRoll => "pupils on roll",
            Column::PermanentExclusions => "permanent exclusions",
            Column::EntriesDirect => "direct entries",
            Column::EntriesExclusion => "entries via exclusion",
            Column::EntriesSteppedUp => "stepped-up entries",
            Column::CensusPupils => "pupils at the census",
            Column::LeaversReturned => "leavers returned to mainstream",
            Column::LeaversSteppedUp => "leavers stepped up",
            Column::LeaversOther => "leavers to other destinations",
        }
    }

    /// Whether the column belongs on a phase row (no tier) rather than a tier row.
    pub fn on_phase_row(self) -> bool {
        matches!(self, Column::PupilsOnRoll | Column::PermanentExclusions)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    fn from_key(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// One good row of a history file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Line of the file the row starts on (1 is the header).
    pub line: usize,
    /// Academic year by its start: 2023 is 2023/24.
    pub year: i32,
    /// The phase as written.
    pub phase: String,
    /// The tier as written; `None` for a phase row.
    pub tier: Option<String>,
    /// The counts, by [`Column::index`]; `None` where the cell is empty or the column absent.
    pub values: [Option<f64>; 9],
}

impl Row {
    pub fn get(&self, c: Column) -> Option<f64> {
        self.values[c.index()]
    }
}

/// What a history file holds once read: its good rows, the columns it has, and what was wrong.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    pub rows: Vec<Row>,
    /// The count columns present in the header.
    pub columns: Vec<Column>,
    /// Header names that are not columns of the template (ignored).
    pub ignored_columns: Vec<String>,
    /// Every bad row, in file order.
    pub errors: Vec<RowError>,
}

impl History {
    pub fn has(&self, c: Column) -> bool {
        self.columns.contains(&c)
    }

    /// The rows without the given academic year (for the hold-out backtest).
    pub fn without_year(&self, year: i32) -> History {
        History {
            rows: self
                .rows
                .iter()
                .filter(|r| r.year != year)
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// The years present, in order.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.rows.iter().map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

/// Why a whole file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HistoryFileError {
    #[error("the file is {0} bytes; a history file may be at most 2 MB")]
    TooLarge(usize),
    #[error("the file is empty: it needs a header row and at least one row of figures")]
    Empty,
    #[error("line 1: the header has no “{0}” column, which every row needs")]
    MissingColumn(&'static str),
    #[error("line 1: the column “{0}” is given twice")]
    RepeatedColumn(String),
    #[error("the file has more than {MAX_ROWS} rows")]
    TooManyRows,
    #[error("line {0}: a quoted cell is never closed (a \" is missing)")]
    UnclosedQuote(usize),
}

/// A bad row: its line and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: usize,
    pub problem: RowProblem,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line {}: {}", self.line, self.problem)
    }
}

/// What is wrong with a row. Each message says what is allowed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RowProblem {
    #[error("it has {found} cells but the header has {expected}")]
    TooManyCells { found: usize, expected: usize },
    #[error("the year is empty")]
    NoYear,
    #[error("the year “{0}” is not an academic year (write 2023 or 2023/24)")]
    BadYear(String),
    #[error("the year {0} is outside 2000 to 2100")]
    YearOutOfRange(i32),
    #[error("the phase is empty")]
    NoPhase,
    #[error("{column}: “{text}” is not a number")]
    NotANumber { column: &'static str, text: String },
    #[error("{column}: {value} is negative; counts are 0 or more")]
    Negative { column: &'static str, value: f64 },
    #[error("{column} belongs on a row with no tier (the phase's own row)")]
    PhaseColumnOnTierRow { column: &'static str },
    #[error("{column} belongs on a tier's row; this row names no tier")]
    TierColumnOnPhaseRow { column: &'static str },
    #[error("the same year, phase and tier as line {0}")]
    Repeated(usize),
}

/// The text of a cell, trimmed, cut short for messages.
fn shown(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() > 40 {
        format!("{}…", t.chars().take(40).collect::<String>())
    } else {
        t.to_string()
    }
}

/// Split CSV text into records, each with the line it starts on. Quotes may hold commas, line
/// ends and doubled quotes. Blank lines, and lines of empty cells (a spreadsheet's `,,,,`), are
/// skipped.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, HistoryFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                quoted = true;
                quote_line = line;
            }
            ',' => cells.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                cells.push(std::mem::take(&mut cell));
                if cells.iter().any(|c| !c.trim().is_empty()) {
                    out.push((start_line, std::mem::take(&mut cells)));
                    if out.len() > MAX_ROWS + 1 {
                        return Err(HistoryFileError::TooManyRows);
                    }
                }
                cells.clear();
                line += 1;
                start_line = line;
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(HistoryFileError::UnclosedQuote(quote_line));
    }
    cells.push(cell);
    if cells.iter().any(|c| !c.trim().is_empty()) {
        out.push((start_line, cells));
    }
    Ok(out)
}

/// Normalise a header name: trimmed, lower case, spaces and hyphens as underscores.
fn header_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// An academic year written `2023`, `2023/24`, `2023-24` or `2023/2024`.
fn parse_year(text: &str) -> Result<i32, RowProblem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(RowProblem::NoYear);
    }
    let bad = || RowProblem::BadYear(shown(t));
    let (first, second) = match t.split_once(['/', '-']) {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (t, None),
    };
    if first.len() != 4 || !first.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let year: i32 = first.parse().map_err(|_| bad())?;
    if let Some(second) = second {
        let next = year + 1;
        let ok = match second.len() {
            2 => second == format!("{:02}", next % 100),
            4 => second == next.to_string(),
            _ => false,
        };
        if !ok {
            return Err(bad());
        }
    }
    if !(YEARS.0..=YEARS.1).contains(&year) {
        return Err(RowProblem::YearOutOfRange(year));
    }
    Ok(year)
}

/// A count: digits with an optional decimal point; thousands separators are allowed.
fn parse_count(column: Column, text: &str) -> Result<Option<f64>, RowProblem> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let cleaned: String = t.chars().filter(|c| *c != ',' && *c != '_').collect();
    let v: f64 = cleaned.parse().map_err(|_| RowProblem::NotANumber {
        column: column.key(),
        text: shown(t),
    })?;
    if !v.is_finite() {
        return Err(RowProblem::NotANumber {
            column: column.key(),
            text: shown(t),
        });
    }
    if v < 0.0 {
        return Err(RowProblem::Negative {
            column: column.key(),
            value: v,
        });
    }
    Ok(Some(v))
}

/// Read a history file's text. Fails only when nothing can be read (see [`HistoryFileError`]);
/// bad rows are listed in [`History::errors`] and left out.
pub fn parse(text: &str) -> Result<History, HistoryFileError> {
    if text.len() > MAX_HISTORY_BYTES {
        return Err(HistoryFileError::TooLarge(text.len()));
    }
    let mut recs = records(text)?.into_iter();
    let Some((_, header)) = recs.next() else {
        return Err(HistoryFileError::Empty);
    };
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let mut seen = HashMap::new();
    for k in &keys {
        if !k.is_empty() && seen.insert(k.clone(), ()).is_some() {
            return Err(HistoryFileError::RepeatedColumn(shown(k)));
        }
    }
    let find = |name: &str| keys.iter().position(|k| k == name);
    let year_col = find("year").ok_or(HistoryFileError::MissingColumn("year"))?;
    let phase_col = find("phase").ok_or(HistoryFileError::MissingColumn("phase"))?;
    let tier_col = find("tier");
    let mut count_cols = Vec::new();
    let mut ignored = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if i == year_col || i == phase_col || Some(i) == tier_col || k.is_empty() {
            continue;
        }
        match Column::from_key(k) {
            Some(c) => count_cols.push((i, c)),
            None => ignored.push(shown(&header[i])),
        }
    }
    let mut history = History {
        columns: count_cols.iter().map(|(_, c)| *c).collect(),
        ignored_columns: ignored,
        ..History::default()
    };
    history.columns.sort();
    let mut first_line: HashMap<(i32, String, String), usize> = HashMap::new();
    let mut any_row = false;
    for (line, cells) in recs {
        any_row = true;
        let fail = |problem| RowError { line, problem };
        // Trailing empty cells (a spreadsheet's extra commas) are harmless.
        let used = cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |i| i + 1);
        if used > keys.len() {
            history.errors.push(fail(RowProblem::TooManyCells {
                found: used,
                expected: keys.len(),
            }));
            continue;
        }
        let cell = |i: usize| cells.get(i).map_or("", |c| c.as_str());
        let year = match parse_year(cell(year_col)) {
            Ok(y) => y,
            Err(p) => {
                history.errors.push(fail(p));
                continue;
            }
        };
        let phase = cell(phase_col).trim().to_string();
        if phase.is_empty() {
            history.errors.push(fail(RowProblem::NoPhase));
            continue;
        }
        let tier = tier_col
            .map(|i| cell(i).trim().to_string())
            .filter(|t| !t.is_empty());
        let mut values = [None; 9];
        let mut problem = None;
        for &(i, c) in &count_cols {
            match parse_count(c, cell(i)) {
                Ok(Some(v)) => {
                    if c.on_phase_row() && tier.is_some() {
                        problem = Some(RowProblem::PhaseColumnOnTierRow { column: c.key() });
                    } else if !c.on_phase_row() && tier.is_none() {
                        problem = Some(RowProblem::TierColumnOnPhaseRow { column: c.key() });
                    }
                    values[c.index()] = Some(v);
                }
                Ok(None) => {}
                Err(p) => problem = Some(p),
            }
            if problem.is_some() {
                break;
            }
        }
        if let Some(p) = problem {
            history.errors.push(fail(p));
            continue;
        }
        let key = (
            year,
            phase.to_lowercase(),
            tier.as_deref().unwrap_or("").to_lowercase(),
        );
        if let Some(first) = first_line.get(&key) {
            history.errors.push(fail(RowProblem::Repeated(*first)));
            continue;
        }
        first_line.insert(key, line);
        history.rows.push(Row {
            line,
            year,
            phase,
            tier,
            values,
        });
    }
    if !any_row {
        return Err(HistoryFileError::Empty);
    }
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "year,phase,tier,pupils_on_roll,entries_direct,census_pupils\n";

    fn one_error(body: &str) -> RowError {
        let h = parse(&format!("{HEADER}{body}")).expect("readable");
        assert_eq!(h.errors.len(), 1, "{:?}", h.errors);
        h.errors[0].clone()
    }

    #[test]
    fn reads_quotes_bom_crlf_and_year_forms() {
        let text = "\u{feff}Year,Phase,Tier,Entries Direct,Notes\r\n\
                    2023/24,Primary,\"Tier 1, support\",\"1,234\",\"said \"\"hi\"\"\"\r\n\
                    \r\n\
                    ,,,,\r\n\
                    2024-25,primary,,,\r\n";
        let h = parse(text).expect("readable");
        assert!(h.errors.is_empty(), "{:?}", h.errors);
        assert_eq!(h.rows.len(), 2);
        assert_eq!(h.rows[0].year, 2023);
        assert_eq!(h.rows[0].line, 2);
        assert_eq!(h.rows[0].tier.as_deref(), Some("Tier 1, support"));
        assert_eq!(h.rows[0].get(Column::EntriesDirect), Some(1234.0));
        assert_eq!(h.rows[1].year, 2024);
        assert_eq!(h.rows[1].line, 5);
        assert_eq!(h.rows[1].tier, None);
        assert_eq!(h.ignored_columns, vec!["Notes".to_string()]);
        assert_eq!(h.columns, vec![Column::EntriesDirect]);
    }

    #[test]
    fn every_bad_row_class_has_its_line() {
        let cases: [(&str, &str); 12] = [
            (
                "2023,Primary,T1,1,2,3,4\n",
                "Line 2: it has 7 cells but the header has 6",
            ),
            (",Primary,T1,,2,\n", "Line 2: the year is empty"),
            (
                "23/24,Primary,T1,,2,\n",
                "Line 2: the year “23/24” is not an academic year (write 2023 or 2023/24)",
            ),
            (
                "2023/25,Primary,T1,,2,\n",
                "Line 2: the year “2023/25” is not an academic year (write 2023 or 2023/24)",
            ),
            (
                "1999,Primary,T1,,2,\n",
                "Line 2: the year 1999 is outside 2000 to 2100",
            ),
            ("2023,,T1,,2,\n", "Line 2: the phase is empty"),
            (
                "2023,Primary,T1,,lots,\n",
                "Line 2: entries_direct: “lots” is not a number",
            ),
            (
                "2023,Primary,T1,,NaN,\n",
                "Line 2: entries_direct: “NaN” is not a number",
            ),
            (
                "2023,Primary,T1,,-4,\n",
                "Line 2: entries_direct: -4 is negative; counts are 0 or more",
            ),
            (
                "2023,Primary,T1,7000,,\n",
                "Line 2: pupils_on_roll belongs on a row with no tier (the phase's own row)",
            ),
            (
                "2023,Primary,,,5,\n",
                "Line 2: entries_direct belongs on a tier's row; this row names no tier",
            ),
            (
                "2023,Primary,T1,,5,\n",
                "Line 2: the same year, phase and tier as line 1",
            ),
        ];
        for (i, (body, message)) in cases.iter().enumerate() {
            if i == cases.len() - 1 {
                // A repeat: the first copy is good (line 2), the second is line 3.
                let h = parse(&format!("{HEADER}{body}2023,primary,t1,,6,\n")).expect("readable");
                assert_eq!(h.errors.len(), 1);
                assert_eq!(
                    h.errors[0].to_string(),
                    "Line 3: the same year, phase and tier as line 2"
                );
                continue;
            }
            assert_eq!(one_error(body).to_string(), *message, "case {i}");
        }
    }

    #[test]
    fn bad_rows_are_listed_and_good_rows_kept() {
        let h = parse(&format!(
            "{HEADER}2023,Primary,,70000,,\n2023,Primary,T1,,x,\n2024,Primary,,70500,,\n2024,,T1,,3,\n"
        ))
        .expect("readable");
        assert_eq!(h.rows.len(), 2);
        let lines: Vec<usize> = h.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 5]);
    }

    #[test]
    fn a_quoted_line_end_counts_lines() {
        let h = parse(&format!(
            "{HEADER}2023,\"Pri\nmary\",T1,,1,\n2023,Primary,T1,,x,\n"
        ))
        .expect("readable");
        assert_eq!(h.rows[0].line, 2);
        assert_eq!(h.errors[0].line, 4);
    }

    #[test]
    fn whole_file_errors() {
        assert_eq!(parse(""), Err(HistoryFileError::Empty));
        assert_eq!(parse(HEADER), Err(HistoryFileError::Empty));
        assert_eq!(
            parse("phase,tier\nPrimary,T1\n"),
            Err(HistoryFileError::MissingColumn("year"))
        );
        assert_eq!(
            parse("year,tier\n2023,T1\n"),
            Err(HistoryFileError::MissingColumn("phase"))
        );
        assert_eq!(
            parse("year,phase,Year\n"),
            Err(HistoryFileError::RepeatedColumn("year".into()))
        );
        assert_eq!(
            parse("year,phase\n2023,\"Primary\n"),
            Err(HistoryFileError::UnclosedQuote(2))
        );
        let big = "x".repeat(MAX_HISTORY_BYTES + 1);
        assert!(matches!(parse(&big), Err(HistoryFileError::TooLarge(_))));
        assert_eq!(
            HistoryFileError::UnclosedQuote(2).to_string(),
            "line 2: a quoted cell is never closed (a \" is missing)"
        );
    }
}
