//! Figures written as people read them: £1.24m, 1,250, 12.5%, 2026/27.
//!
//! One place for number formatting so that validation messages, the app, the CSV and charts agree.

/// Thousands-separated number with `decimals` places: `number(1234.5, 1)` is "1,234.5".
pub fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (n, c) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A count of pupils or places, rounded to a whole number: "1,250".
pub fn count(v: f64) -> String {
    number(v, 0)
}

/// A number with up to `max_decimals` places and no trailing zeros: "2", "2.5", "1,000".
pub fn plain(v: f64, max_decimals: usize) -> String {
    let s = number(v, max_decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Money in short form: £1.24bn, £1.24m, £12.5k, £950; negative as −£1.2m.
pub fn money(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let a = v.abs();
    let body = if a >= 1e9 {
        format!("{}bn", number(a / 1e9, 2))
    } else if a >= 1e6 - 5e3 {
        format!("{}m", number(a / 1e6, 2))
    } else if a >= 1e3 - 0.5 {
        let k = a / 1e3;
        let decimals = if k < 99.95 { 1 } else { 0 };
        format!("{}k", plain(k, decimals))
    } else {
        number(a, 0)
    };
    let sign = if v < 0.0 && body.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    format!("{sign}£{body}")
}

/// Money to the pound with separators: "£1,234,567".
pub fn money_full(v: f64) -> String {
    let n = number(v, 0);
    match n.strip_prefix('−') {
        Some(rest) => format!("−£{rest}"),
        None => format!("£{n}"),
    }
}

/// A budget variance (budget minus spend) in words: "£1.20m over budget", "£300k under budget".
pub fn against_budget(variance: f64) -> String {
    if variance < 0.0 {
        format!("{} over budget", money(-variance))
    } else {
        format!("{} under budget", money(variance))
    }
}

/// A percentage with one decimal place at most: "12.5%".
pub fn percent(v: f64) -> String {
    format!("{}%", plain(v, 1))
}

/// A change or error with its sign and one decimal place: "+2.5%", "−1.0%"; "–" for none.
pub fn signed_percent(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| {
        // A difference that rounds to nothing has no sign ("0.0%", never "−0.0%").
        let rounded = (v * 10.0).round() / 10.0;
        if rounded == 0.0 {
            "0.0%".into()
        } else {
            format!("{rounded:+.1}%").replace('-', "−")
        }
    })
}

/// A chance as people say it: "35%", "under 1%", "over 99%" (never a bare 0% or 100% for
/// something that happened in some draws but not all).
pub fn chance(p: f64) -> String {
    if p > 0.0 && p < 0.005 {
        "under 1%".into()
    } else if p > 0.995 && p < 1.0 {
        "over 99%".into()
    } else {
        format!("{:.0}%", p * 100.0)
    }
}

/// An academic year from its start year: 2026 is "2026/27".
pub fn academic_year(start: i32) -> String {
    // In i64: a start year typed as i32::MAX must not overflow.
    format!("{}/{:02}", start, (i64::from(start) + 1).rem_euclid(100))
}

/// A financial year (April to March) from the calendar year it starts in: 2027 is "2027-28",
/// as the DSG management plan writes it.
pub fn financial_year(start: i32) -> String {
    format!("{}-{:02}", start, (i64::from(start) + 1).rem_euclid(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn financial_years_are_written_with_a_hyphen() {
        assert_eq!(financial_year(2027), "2027-28");
        assert_eq!(financial_year(2099), "2099-00");
    }

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(number(1234567.891, 2), "1,234,567.89");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(1000.0, 0), "1,000");
        assert_eq!(number(-1234.0, 0), "−1,234");
        assert_eq!(number(-0.2, 0), "0");
        assert_eq!(count(1249.6), "1,250");
        assert_eq!(plain(2.50, 2), "2.5");
        assert_eq!(plain(1000.0, 2), "1,000");
        assert_eq!(number(f64::NAN, 0), "–");
    }

    #[test]
    fn money_is_short_and_signed() {
        assert_eq!(money(1_240_000.0), "£1.24m");
        assert_eq!(money(12_500.0), "£12.5k");
        assert_eq!(money(125_000.0), "£125k");
        assert_eq!(money(999_999.0), "£1.00m");
        assert_eq!(money(950.0), "£950");
        assert_eq!(money(-1_200_000.0), "−£1.20m");
        assert_eq!(money(2_500_000_000.0), "£2.50bn");
        assert_eq!(money(0.0), "£0");
        assert_eq!(money_full(-1234567.0), "−£1,234,567");
        assert_eq!(money_full(10_000.0), "£10,000");
        assert_eq!(against_budget(-1_200_000.0), "£1.20m over budget");
        assert_eq!(against_budget(300_000.0), "£300k under budget");
    }

    #[test]
    fn chances_read_as_people_say_them() {
        assert_eq!(chance(0.0), "0%");
        assert_eq!(chance(0.004), "under 1%");
        assert_eq!(chance(0.354), "35%");
        assert_eq!(chance(0.996), "over 99%");
        assert_eq!(chance(1.0), "100%");
    }

    #[test]
    fn academic_years_and_percentages() {
        assert_eq!(academic_year(2026), "2026/27");
        assert_eq!(academic_year(2099), "2099/00");
        assert_eq!(percent(12.5), "12.5%");
        assert_eq!(percent(100.0), "100%");
    }
}

/// Why a typed number could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseNumberError {
    #[error("enter a number")]
    Empty,
    #[error("enter a number, using digits (for example 1,250 or 2.5)")]
    NotANumber,
}

/// Read a number as people type it: "70,000", "£12,500", "2.5%", " 39 ".
pub fn parse_number(text: &str) -> Result<f64, ParseNumberError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '£' | '%' | ' ' | '_'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err(ParseNumberError::Empty);
    }
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(ParseNumberError::NotANumber),
    }
}

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn reads_numbers_as_typed() {
        assert_eq!(parse_number("70,000"), Ok(70_000.0));
        assert_eq!(parse_number(" £12,500 "), Ok(12_500.0));
        assert_eq!(parse_number("2.5%"), Ok(2.5));
        assert_eq!(parse_number("−3"), Ok(-3.0));
        assert_eq!(parse_number(""), Err(ParseNumberError::Empty));
        assert_eq!(parse_number("lots"), Err(ParseNumberError::NotANumber));
        assert_eq!(parse_number("inf"), Err(ParseNumberError::NotANumber));
        assert_eq!(parse_number("1e400"), Err(ParseNumberError::NotANumber));
    }

    #[test]
    fn signed_percentages_carry_their_sign_and_a_dash_for_none() {
        assert_eq!(signed_percent(Some(2.54)), "+2.5%");
        assert_eq!(signed_percent(Some(-1.0)), "−1.0%");
        assert_eq!(signed_percent(None), "–");
        assert_eq!(signed_percent(Some(-0.0004)), "0.0%");
        let fit = crate::history::Point {
            year: 2025,
            actual: 200.0,
            fitted: 190.0,
        };
        assert_eq!(signed_percent(fit.difference_pct()), "−5.0%");
        let nothing = crate::history::Point { actual: 0.0, ..fit };
        assert_eq!(nothing.difference_pct(), None);
    }
}
