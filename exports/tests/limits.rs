//! Exports always open: a scenario with every text at the longest validation allows (in the
//! characters that are hardest to write) makes a workbook and a CSV, and the longest description
//! allowed is exactly what one Excel cell holds.

use ap_engine::compare::Comparison;
use ap_engine::validate::{MAX_DESCRIPTION, MAX_TEXT};
use ap_engine::{examples, project, validate};
use ap_exports::csv::{comparison_csv, projection_csv, HEADER};
use ap_exports::xlsx::{comparison_workbook, workbook};

/// `n` characters of control characters, markup, quotes, formula starts and four-byte emoji.
fn hostile(n: usize) -> String {
    const PIECES: [char; 10] = ['=', '\u{1}', '<', '&', '"', '\t', '\r', '😀', '\n', '@'];
    (0..n).map(|k| PIECES[k % PIECES.len()]).collect()
}

#[test]
fn every_text_at_its_limit_still_makes_a_workbook_and_a_csv() {
    let mut s = examples::dfe_early_intervention();
    // Excel's limit counts UTF-16 units: an emoji is two.
    s.meta.description = "😀".repeat(MAX_DESCRIPTION / 2) + "x";
    assert_eq!(s.meta.description.encode_utf16().count(), MAX_DESCRIPTION);
    s.meta.name = hostile(MAX_TEXT);
    s.meta.area = hostile(MAX_TEXT);
    for p in &mut s.phases {
        p.name = hostile(MAX_TEXT);
    }
    for t in &mut s.tiers {
        t.name = hostile(MAX_TEXT);
        for p in &mut t.providers {
            p.name = hostile(MAX_TEXT);
        }
    }
    for iv in &mut s.interventions {
        iv.name = hostile(MAX_TEXT);
    }
    s.workshop = ap_engine::workshop::suggested(&s);
    for l in &mut s.workshop {
        l.label = hostile(MAX_TEXT);
    }
    assert_eq!(validate(&s), Ok(()));
    let pr = project(&s).unwrap();
    let bytes = workbook(&s, &pr).unwrap_or_else(|e| panic!("the workbook failed: {e}"));
    assert_eq!(&bytes[..2], b"PK");
    let c = Comparison::new(0, &[(&s, &pr), (&s, &pr)]);
    comparison_workbook(&c).unwrap_or_else(|e| panic!("the comparison workbook failed: {e}"));

    // Every CSV text cell is defused: no row starts a cell with a formula character.
    let csv = projection_csv(&s, &pr);
    assert!(csv.contains("\"'="), "the names are quoted and defused");
    let rows = csv.lines().count();
    assert!(
        rows > 1 + pr.years * pr.tiers * pr.phases,
        "names hold line breaks, quoted"
    );
    assert!(csv.starts_with(&HEADER.join(",")));
    assert!(comparison_csv(&c).contains("\"'="));

    // One more unit than a cell holds is a validation message, with the limit in it.
    s.meta.description.push('x');
    let errors = validate(&s).unwrap_err();
    assert!(
        errors
            .0
            .iter()
            .any(|i| i.to_string() == "Description can have at most 32,767 characters"),
        "{errors}"
    );
}
