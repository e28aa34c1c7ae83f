//! PDF, best effort: the text layer (read by pdf-extract, on lopdf) laid
//! out again from each character's place on the page. A PDF holds glyphs
//! at positions, not paragraphs, so the reader rebuilds them:
//!
//! - lines from glyphs on one baseline, a wide gap inside a line splitting
//!   it into cells (a table's columns become one paragraph each);
//! - paragraphs from lines, broken where the gap between lines is wider
//!   than a line's or the type size changes (a heading, a footnote);
//! - running headers and footers (the same first or last line on at least
//!   half of the pages, digits aside) and page numbers left out;
//! - a word hyphenated across a line end joined again (`con-` + `tinues`),
//!   and a paragraph cut by a page break joined again.
//!
//! Columns come out in the order the PDF writes them, which is reading
//! order for most generators. A PDF without text (scanned pages) is an
//! error that says to run OCR first. Malformed files are errors, never a
//! panic or a hang: the parser runs in a thread of its own (named
//! [`PDF_THREAD`]) under a time limit, and a panic in it becomes an error.

use std::sync::mpsc;
use std::time::Duration;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::codes::CodedParagraph;
use crate::formats::FormatError;
use crate::paragraph::needs_space;

/// The name of the thread a PDF is parsed in: a program that keeps its
/// standard error quiet can leave this thread's panic messages out in its
/// panic hook (the panic itself is reported as [`FormatError::PdfDamaged`]).
pub const PDF_THREAD: &str = "tandem-pdf";

/// The longest a PDF may take to parse before it is given up as damaged.
pub const PDF_TIME_LIMIT: Duration = Duration::from_secs(120);

/// The paragraphs of a PDF's text layer, in reading order (see the
/// module's documentation for how they are rebuilt).
pub fn pdf_paragraphs(bytes: &[u8]) -> Result<Vec<CodedParagraph>, FormatError> {
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(FormatError::NotA("a PDF"));
    }
    let bytes = bytes.to_vec();
    let (send, receive) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(PDF_THREAD.to_string())
        .spawn(move || {
            let pages = std::panic::catch_unwind(|| read_pages(&bytes)).unwrap_or_else(|panic| {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("the parser stopped");
                Err(FormatError::PdfDamaged(message.to_string()))
            });
            let _ = send.send(pages);
        });
    if spawned.is_err() {
        return Err(FormatError::PdfDamaged("no thread to read it in".into()));
    }
    let pages = match receive.recv_timeout(PDF_TIME_LIMIT) {
        Ok(pages) => pages?,
        Err(mpsc::RecvTimeoutError::Timeout) => return Err(FormatError::PdfTimeout),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            return Err(FormatError::PdfDamaged("the parser stopped".into()));
        }
    };
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(FormatError::PdfNoText);
    }
    Ok(layout(pages))
}

fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, FormatError> {
    let damaged = |e: OutputError| FormatError::PdfDamaged(e.to_string());
    let mut document = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| FormatError::PdfDamaged(e.to_string()))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(FormatError::PdfEncrypted);
    }
    let mut glyphs = Glyphs::default();
    pdf_extract::output_doc(&document, &mut glyphs).map_err(damaged)?;
    Ok(glyphs.pages)
}

/// One character as the page shows it: where it starts and ends along its
/// baseline (`y` down from the top of the page), in points.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    text: String,
}

#[derive(Debug, Default)]
struct Page {
    height: f64,
    glyphs: Vec<Glyph>,
}

/// pdf-extract's output: every glyph of every page.
#[derive(Default)]
struct Glyphs {
    pages: Vec<Page>,
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            height: media_box.ury - media_box.lly,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let (x, y) = (trm.m31, page.height - trm.m32);
        if [x, y, size, width].iter().all(|v| v.is_finite()) {
            page.glyphs.push(Glyph {
                x,
                end: x + width * size,
                y,
                size,
                text: without_ligatures(text),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A glyph's text with typographic ligatures (`ﬁ`, `ﬃ`) as their
/// letters: the ligature is how the page draws them, not what the document
/// says.
fn without_ligatures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// One line of a page: its baseline, type size and cells (text apart by
/// more than a few spaces: a table's columns).
#[derive(Debug, Clone)]
struct Line {
    y: f64,
    size: f64,
    /// Where its first glyph starts and its last ends.
    left: f64,
    right: f64,
    cells: Vec<String>,
}

impl Line {
    fn text(&self) -> String {
        self.cells.join(" ")
    }
}

fn lines_of(page: &Page) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut last_end = f64::MIN;
    // Where the PDF writes its spaces as glyphs (most generators), a
    // narrow gap between glyphs is kerning or a glyph width the font
    // misstates, not a space; only a wider one is.
    let spaces = page.glyphs.iter().filter(|g| g.text == " ").count();
    let space_gap = if spaces * 20 >= page.glyphs.len() {
        0.5
    } else {
        0.1
    };
    // Glyphs whose width the font does not give (pdf-extract then places
    // the next ones too far left until the PDF positions text again): the
    // advance they should have had, owed to the next gap.
    let mut missing = 0.0;
    for glyph in &page.glyphs {
        let same_line = lines.last().is_some_and(|line| {
            let dy = (glyph.y - line.y).abs();
            dy < 0.5 * glyph.size.max(line.size) || (dy < 1.5 * line.size && glyph.x >= last_end)
        });
        match lines.last_mut() {
            Some(line) if same_line => {
                let mut gap = glyph.x - last_end;
                if gap > 0.0 && missing > 0.0 {
                    let owed = gap.min(missing);
                    gap -= owed;
                    missing -= owed;
                }
                let cell = line.cells.last_mut().expect("a line has a cell");
                if gap > 2.5 * glyph.size {
                    line.cells.push(String::new());
                } else if gap > space_gap * glyph.size
                    && !cell.ends_with(' ')
                    && !cell.ends_with(['(', '[', '{', '„', '“', '‘', '«', '¿', '¡'])
                    && !glyph.text.starts_with([
                        '.', ',', ';', ':', '!', '?', ')', ']', '}', '”', '’', '»', '%',
                    ])
                {
                    // A gap is a space, but for one before closing
                    // punctuation or after an opening one: there a gap is a
                    // width the font misstates (`Dr .`), never a space.
                    cell.push(' ');
                }
                line.cells.last_mut().expect("a cell").push_str(&glyph.text);
                line.size = line.size.max(glyph.size);
                line.right = line.right.max(glyph.end);
            }
            _ => {
                missing = 0.0;
                lines.push(Line {
                    y: glyph.y,
                    size: glyph.size,
                    left: glyph.x,
                    right: glyph.end,
                    cells: vec![glyph.text.clone()],
                });
            }
        }
        if glyph.end <= glyph.x && !glyph.text.trim().is_empty() {
            missing += 0.55 * glyph.size;
        }
        last_end = glyph.end;
    }
    for line in &mut lines {
        line.cells = line
            .cells
            .iter()
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty())
            .collect();
    }
    lines.retain(|l| !l.cells.is_empty());
    lines
}

/// A line that is a page number: digits, perhaps with `Page`, `of`,
/// dashes or a slash (`- 3 -`, `Page 3 of 12`, `3/12`, `Seite 3`).
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    for word in [
        "page", "seite", "pagina", "página", "p.", "s.", "стр.", "第",
    ] {
        rest = rest.trim_start().strip_prefix(word).unwrap_or(rest);
    }
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || "-–—/|.".contains(c))
        .filter(|w| !w.is_empty() && !["of", "von", "de", "sur", "из", "页"].contains(w))
        .collect();
    !words.is_empty()
        && words.len() <= 2
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || w.chars().all(|c| "ivxlc".contains(c))
                || w.trim_end_matches('页').chars().all(|c| c.is_ascii_digit())
        })
}

/// A line's text with its digits as `#`, to find the same running header
/// on every page whatever its page number.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Leaves out what a page prints in its margins in small type: a browser's
/// or a word processor's header and footer (date, title, address, page
/// count), even on a document of one page, where no repetition tells them.
/// A page number in a cell of a first or last line goes too.
fn strip_margins(pages: &mut [Vec<Line>], heights: &[f64]) {
    for (page, &height) in pages.iter_mut().zip(heights) {
        let mut sizes: Vec<f64> = page.iter().map(|l| l.size).collect();
        sizes.sort_by(f64::total_cmp);
        let Some(&body) = sizes.get(sizes.len() / 2) else {
            continue;
        };
        let band = 0.05 * height;
        page.retain(|l| !(l.size < body - 0.5 && (l.y < band || l.y > height - band)));
        for k in [0, page.len().saturating_sub(1)] {
            if let Some(line) = page.get_mut(k)
                && line.cells.len() > 1
            {
                line.cells.retain(|c| !is_page_number(c));
            }
        }
        page.retain(|l| !l.cells.is_empty());
    }
}

/// Leaves out each page's running header, footer and page number.
fn strip_running(pages: &mut [Vec<Line>]) {
    for _ in 0..2 {
        for first in [true, false] {
            let edge = |page: &Vec<Line>| {
                let line = if first { page.first() } else { page.last() };
                line.map(|l| shape(&l.text()))
            };
            let mut counts = std::collections::HashMap::new();
            for page in pages.iter() {
                if let Some(text) = edge(page) {
                    *counts.entry(text).or_insert(0usize) += 1;
                }
            }
            let page_count = pages.len();
            let running = |text: &String| {
                let n = counts.get(text).copied().unwrap_or(0);
                n >= 2 && n * 2 >= page_count
            };
            for page in pages.iter_mut() {
                let Some(text) = edge(page) else { continue };
                let line = if first { page.first() } else { page.last() };
                let number = line.is_some_and(|l| is_page_number(&l.text()));
                if running(&text) || number {
                    if first {
                        page.remove(0);
                    } else {
                        page.pop();
                    }
                }
            }
        }
    }
}

/// Words after which a hyphen at a line end suspends a compound
/// (`Forschungs- und Entwicklungszentrum`) rather than breaking a word.
const CONJUNCTIONS: [&str; 14] = [
    "und", "oder", "bzw.", "sowie", "and", "or", "et", "ou", "y", "e", "o", "и", "или", "en",
];

/// Joins a line to the paragraph before it. A hyphen at the line end
/// breaks a word when the next line goes on in lowercase (`con-` +
/// `tinues`); it is the word's own hyphen before a capital (`Nord-` +
/// `Süd`) or in an address or a number (`northwind-` + `robotics.example`
/// after a dot), and suspends a compound before a conjunction. Else a
/// space where the script uses them.
fn join(paragraph: &mut String, line: &str) {
    let before_hyphen = paragraph
        .strip_suffix('-')
        .or_else(|| paragraph.strip_suffix('\u{AD}'))
        .filter(|before| before.chars().last().is_some_and(char::is_alphabetic));
    if let Some(before) = before_hyphen {
        let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let next_word = line.split_whitespace().next().unwrap_or("");
        let lower = line.chars().next().is_some_and(char::is_lowercase);
        let address = word.contains(['.', '/', ':', '@'])
            || word.contains(|c: char| c.is_ascii_digit())
            || next_word.contains(['.', '/', '@'])
                && next_word.len() > 4
                && !next_word.ends_with('.');
        if CONJUNCTIONS.contains(&next_word) {
            paragraph.push(' ');
        } else if lower && !address {
            paragraph.pop();
        }
        paragraph.push_str(line);
        return;
    }
    if needs_space(paragraph, line) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// A paragraph as a page holds it, and whether it can go on on the next.
struct Block {
    text: String,
    /// The 0-based page it starts on.
    page: usize,
    /// Not a table cell, a heading or a note: plain body text.
    flowing: bool,
    size: f64,
}

/// A list item's bullet, which starts a paragraph and is not its text.
fn bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    ("•◦▪‣●■□➢–·".contains(first) && rest.starts_with(' ')).then(|| rest.trim_start())
}

fn blocks_of(lines: &[Line], page: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut previous: Option<&Line> = None;
    // The text column's edges: a line that ends well before the right one,
    // with the next starting a new sentence, ends its paragraph (a list
    // item whose bullet is a drawing, a line broken by hand).
    let column = lines.iter().map(|l| l.right).fold(0.0, f64::max);
    let left = lines
        .iter()
        .map(|l| l.left)
        .fold(f64::MAX, f64::min)
        .min(column);
    for line in lines {
        let item = bullet(&line.cells[0]);
        let starts_anew = line.cells[0]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic());
        let short = previous.is_some_and(|p| p.right < left + 0.75 * (column - left));
        let continues = item.is_none()
            && !(short && starts_anew)
            && previous.is_some_and(|p| {
                p.cells.len() == 1
                    && line.cells.len() == 1
                    && (line.size - p.size).abs() < 0.5
                    && line.y - p.y > 0.0
                    && line.y - p.y < 1.5 * p.size
            });
        if continues && let Some(block) = blocks.last_mut() {
            join(&mut block.text, &line.cells[0]);
        } else {
            for (k, cell) in line.cells.iter().enumerate() {
                blocks.push(Block {
                    page,
                    text: match (k, item) {
                        (0, Some(item)) => item.to_string(),
                        _ => cell.clone(),
                    },
                    flowing: line.cells.len() == 1,
                    size: line.size,
                });
            }
        }
        previous = Some(line);
    }
    blocks
}

fn ends_a_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?:;。！？…\"'»”’)".contains(c))
}

fn layout(pages: Vec<Page>) -> Vec<CodedParagraph> {
    let mut lines: Vec<Vec<Line>> = pages.iter().map(lines_of).collect();
    let heights: Vec<f64> = pages.iter().map(|p| p.height).collect();
    strip_margins(&mut lines, &heights);
    strip_running(&mut lines);
    let mut out: Vec<Block> = Vec::new();
    for (number, page) in lines.iter().enumerate() {
        let mut blocks = blocks_of(page, number).into_iter().peekable();
        // A paragraph a page break cut: the body text goes on, lowercase.
        if let (Some(last), Some(first)) = (out.last_mut(), blocks.peek()) {
            let cut = last.flowing
                && first.flowing
                && (last.size - first.size).abs() < 0.5
                && !ends_a_sentence(&last.text)
                && first.text.chars().next().is_some_and(char::is_lowercase);
            if cut {
                join(&mut last.text, &first.text);
                blocks.next();
            }
        }
        out.extend(blocks);
    }
    out.into_iter()
        .map(|b| CodedParagraph {
            text: b.text.trim().to_string(),
            origin: Some(format!("page {}", b.page + 1)),
            ..CodedParagraph::default()
        })
        .filter(|p| !p.text.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f64, size: f64, cells: &[&str]) -> Line {
        Line {
            y,
            size,
            // Each line spans the column, as wrapped text does.
            left: 50.0,
            right: 500.0,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn hyphens_at_line_ends() {
        let joined = |a: &str, b: &str| {
            let mut paragraph = a.to_string();
            join(&mut paragraph, b);
            paragraph
        };
        assert_eq!(
            joined("Universitä-", "ten in Sachsen"),
            "Universitäten in Sachsen"
        );
        assert_eq!(joined("die Nord-", "Süd-Achse"), "die Nord-Süd-Achse");
        assert_eq!(
            joined("Forschungs-", "und Entwicklungszentrum"),
            "Forschungs- und Entwicklungszentrum"
        );
        assert_eq!(
            joined("www.northwind-", "robotics.example/careers"),
            "www.northwind-robotics.example/careers"
        );
        assert_eq!(joined("see the", "next line"), "see the next line");
    }

    /// Glyphs as pdf-extract gave them for a page Chromium printed: the
    /// digits' font gives no widths, so every glyph after them is placed
    /// too far left until the PDF positions text again (`F` … `o`).
    #[test]
    fn glyphs_without_widths_owe_their_advance() {
        let glyphs = [
            ("I", 33.7, 37.3),
            ("n", 37.3, 44.9),
            (" ", 44.9, 48.7),
            ("2", 48.7, 48.7),
            ("0", 48.7, 48.7),
            ("2", 48.7, 48.7),
            ("3", 48.7, 48.7),
            (" ", 48.7, 52.5),
            ("t", 52.5, 57.2),
            ("h", 57.2, 64.8),
            ("e", 64.8, 72.2),
            (" ", 72.2, 76.0),
            ("F", 76.0, 82.9),
            ("o", 113.0, 120.4),
            ("u", 120.4, 128.0),
            (".", 140.0, 143.0),
        ];
        let page = Page {
            height: 842.0,
            glyphs: glyphs
                .iter()
                .map(|&(text, x, end)| Glyph {
                    x,
                    end,
                    y: 100.0,
                    size: 12.0,
                    text: text.into(),
                })
                .collect(),
        };
        let lines = lines_of(&page);
        assert_eq!(lines.len(), 1);
        // And a gap before a full stop is never a space.
        assert_eq!(lines[0].cells, ["In 2023 the Fou."]);
    }

    #[test]
    fn ligatures_are_their_letters() {
        assert_eq!(without_ligatures("o\u{FB03}ce"), "office");
        assert_eq!(without_ligatures("\u{FB01}le"), "file");
    }

    #[test]
    fn page_numbers_are_told_from_text() {
        for number in [
            "3",
            "- 3 -",
            "Page 3 of 12",
            "3/12",
            "Seite 3",
            "xii",
            "第3页",
        ] {
            assert!(is_page_number(number), "{number}");
        }
        for text in ["3 engineers", "Page one", "2024 results", "Chapter 3"] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn running_headers_footers_and_page_numbers_go() {
        let page = |n: &str, body: &str| {
            vec![
                line(40.0, 9.0, &["Northwind press release"]),
                line(100.0, 11.0, &[body]),
                line(800.0, 9.0, &[&format!("Page {n} of 3")]),
            ]
        };
        let mut pages = vec![page("1", "One."), page("2", "Two."), page("3", "Three.")];
        strip_running(&mut pages);
        let texts: Vec<String> = pages.iter().flatten().map(Line::text).collect();
        assert_eq!(texts, ["One.", "Two.", "Three."]);
        // One page printed by a browser: its margins in small type.
        let mut pages = vec![vec![
            line(20.0, 8.0, &["12/1/26, 2:42 PM", "Northwind"]),
            line(100.0, 12.0, &["Body text."]),
            line(120.0, 12.0, &["More body text.", "3"]),
            line(830.0, 8.0, &["file:///tmp/press.html", "1/1"]),
        ]];
        strip_margins(&mut pages, &[842.0]);
        let texts: Vec<String> = pages.iter().flatten().map(Line::text).collect();
        assert_eq!(texts, ["Body text.", "More body text."]);
    }

    #[test]
    fn lines_join_into_paragraphs_and_hyphens_go() {
        let lines = [
            line(100.0, 11.0, &["A heading"]),
            line(130.0, 11.0, &["The centre con-"]),
            line(144.0, 11.0, &["tinues to grow. Its well-"]),
            line(158.0, 11.0, &["Known name stays."]),
            line(172.0, 11.0, &["• First item"]),
            line(186.0, 11.0, &["• Second item"]),
            line(210.0, 11.0, &["Team", "Focus"]),
            line(240.0, 8.0, &["A note."]),
        ];
        let texts: Vec<String> = blocks_of(&lines, 0).into_iter().map(|b| b.text).collect();
        assert_eq!(
            texts,
            [
                "A heading",
                "The centre continues to grow. Its well-Known name stays.",
                "First item",
                "Second item",
                "Team",
                "Focus",
                "A note."
            ]
        );
    }

    #[test]
    fn what_is_not_a_pdf_with_text_says_so() {
        assert!(matches!(
            pdf_paragraphs(b"%PDF-1.4\nnot really"),
            Err(FormatError::PdfDamaged(_))
        ));
        assert_eq!(
            pdf_paragraphs(b"PK\x03\x04 a zip"),
            Err(FormatError::NotA("a PDF"))
        );
    }
}
