//! SVG output whose text is measured by a fixed estimate instead of plotters' browser font
//! measurement. In the browser plotters measures each label by adding a styled `<span>` to the
//! page: a forced layout per label (slow on every keystroke) and an inline style the page's
//! Content-Security-Policy rightly refuses. SVG text is laid out by the browser anyway, so an
//! estimate is all the chart's spacing needs.
//!
//! Text is also made safe for XML here: plotters escapes `<`, `>`, `&` and quotes, but a name
//! holding a control character (U+0000–U+001F other than tab, line feed and carriage return, or
//! U+FFFE/U+FFFF) would make the SVG malformed, so the download would not open and the PNG could
//! not be drawn. Such characters are dropped from chart text (never from the scenario).

use plotters::prelude::SVGBackend;
use plotters::style::{FontDesc, FontFamily, FontStyle};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// Whether XML 1.0 allows `c` in a document (Rust strings hold no lone surrogates).
fn xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `text` without the characters XML forbids (borrowed when there are none, as is usual).
pub fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(xml_char) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|&c| xml_char(c)).collect())
    }
}

/// Average advance of a character in the system sans-serif fonts, as a share of the font size.
const CHAR_WIDTH: f64 = 0.56;

/// Estimated (width, height) of `text` at `size` pixels.
pub fn text_size(text: &str, size: f64) -> (u32, u32) {
    let width = text.chars().count() as f64 * size * CHAR_WIDTH;
    (width.ceil() as u32, size.ceil() as u32)
}

/// The size to give plotters for text shown at `px` CSS pixels: plotters' SVG backend writes
/// `font-size` as the size it is given divided by 1.24.
pub fn plotters_size(px: f64) -> f64 {
    px * 1.24
}

/// The charts' font at `px` CSS pixels. Named by its family rather than by the string
/// "sans-serif", whose conversion lower-cases it with Unicode's case tables, which would then be
/// in the page's first module (see BENCHMARKS.md).
pub fn font(px: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, plotters_size(px), FontStyle::Normal)
}

/// `text` escaped for SVG text or an attribute value, without the characters XML forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_text(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` broken into lines at most `width` pixels wide at `size` pixels (by the estimate of
/// [`text_size`]), at spaces where it can be, inside a word only where the word alone is too
/// wide. Nothing is cut: the lines joined with spaces give back the text's words.
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let fits = |n: usize| n as f64 * size * CHAR_WIDTH <= width;
    let per_line = ((width / (size * CHAR_WIDTH)).floor() as usize).max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let n = line.chars().count();
            let w = word.chars().count();
            if n == 0 && fits(w) || n > 0 && fits(n + 1 + w) {
                if n > 0 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if n > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than a line on its own: break it.
            let head: String = word.chars().take(per_line).collect();
            word = word.chars().skip(per_line).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

pub struct Svg<'a>(pub SVGBackend<'a>);

impl DrawingBackend for Svg<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_text(&xml_text(text), style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(text_size(&xml_text(text), style.size()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::bars::{svg, Measure, RefLine, Series, StackedBars};

    /// Every character a name can hold that XML forbids or escapes, and some it allows.
    fn hostile_name() -> String {
        let mut name: String = (0u32..0x20).filter_map(char::from_u32).collect();
        name.push_str("<b>&amp;\"'\u{7f}\u{85}\u{fffe}\u{ffff}\u{feff}😀 Tier ]]>");
        name
    }

    #[test]
    fn control_characters_are_dropped_from_chart_text() {
        assert_eq!(xml_text("Tier 1"), "Tier 1");
        assert!(matches!(xml_text("Tier 1"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(xml_text("a\u{0}b\u{1b}c\td\ne\u{ffff}"), "abc\td\ne");
    }

    #[test]
    fn a_chart_of_any_names_is_well_formed_xml() {
        let name = hostile_name();
        let data = StackedBars {
            title: name.clone(),
            categories: vec![name.clone(), "2027/28".into()],
            category_axis: name.clone(),
            measure: Measure::Money,
            value_axis: name.clone(),
            series: vec![Series {
                name: name.clone(),
                values: vec![1.0, 2.0],
                colour: 0,
                hatched: true,
            }],
            lines: vec![RefLine {
                name: name.clone(),
                values: vec![1.5, 1.5],
                faint: false,
                colour: None,
            }],
            band: None,
            notes: vec![crate::charts::bars::Note {
                category: 0,
                value: 1.0,
                text: name.clone(),
                rule: true,
            }],
            small: false,
        };
        let out = svg(&data, 640, 360).unwrap();
        let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        // The names are there as text, markup characters and all, without the forbidden ones.
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect();
        let shown = xml_text(&name).into_owned();
        assert!(
            texts
                .iter()
                .any(|t| t.contains("<b>&amp;\"'") && t.contains("😀 Tier ]]>")),
            "{texts:?}"
        );
        // (plotters puts each text on a line of its own.)
        assert!(
            texts
                .iter()
                .any(|t| t.strip_prefix('\n').and_then(|t| t.strip_suffix('\n')) == Some(&shown)),
            "{texts:?}"
        );
    }
}
