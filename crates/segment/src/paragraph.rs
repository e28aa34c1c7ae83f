//! Lines and paragraphs of a plain-text file.

use tandem_text::{Script, script_of};

/// How a plain-text file marks its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParagraphStyle {
    /// Every non-blank line is a paragraph (the usual export of Word and of
    /// most web pages). Blank lines are ignored.
    Line,
    /// Paragraphs are separated by blank lines; the lines inside one are
    /// joined (hard-wrapped text, Markdown, e-mail).
    BlankLine,
    /// [`ParagraphStyle::BlankLine`] for a text that looks hard-wrapped
    /// ([`hard_wrap`]), [`ParagraphStyle::Line`] for any other.
    #[default]
    Auto,
}

impl ParagraphStyle {
    /// The style `lines` are read in: this one, or for [`ParagraphStyle::Auto`]
    /// the one the lines call for, with what made a text look hard-wrapped.
    pub fn resolve(self, lines: &[Line<'_>]) -> (ParagraphStyle, Option<HardWrap>) {
        match self {
            ParagraphStyle::Auto => match hard_wrap(lines) {
                Some(wrap) => (ParagraphStyle::BlankLine, Some(wrap)),
                None => (ParagraphStyle::Line, None),
            },
            style => (style, None),
        }
    }
}

/// What makes a text look hard-wrapped: lines broken at a width, not at the
/// end of a sentence, inside paragraphs separated by blank lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HardWrap {
    /// Lines followed by another line of the same paragraph.
    pub inner_lines: usize,
    /// Of those, lines that end in the middle of a sentence.
    pub mid_sentence: usize,
}

/// Whether `lines` read as hard-wrapped text ([`HardWrap`]): paragraphs
/// separated by blank lines, at least 3 lines ([`WRAP_MIN_LINES`]) followed by
/// another line of their paragraph, at least half of those ending without
/// the punctuation that ends a sentence, and their median width (CJK
/// characters counting two columns) at least 40 columns ([`WRAP_MIN_WIDTH`]).
/// One sentence or one paragraph per line ends lines with punctuation; a
/// poem's or a list's lines are short: neither is taken for wrapped text.
pub fn hard_wrap(lines: &[Line<'_>]) -> Option<HardWrap> {
    let blank_separated = lines.windows(2).any(|w| w[1].number > w[0].number + 1);
    let inner: Vec<&str> = lines
        .windows(2)
        .filter(|w| w[1].number == w[0].number + 1)
        .map(|w| w[0].text.trim())
        .collect();
    let mid_sentence = inner
        .iter()
        .filter(|l| !tandem_text::ends_sentence(l))
        .count();
    let mut widths: Vec<usize> = inner.iter().map(|l| columns(l)).collect();
    widths.sort_unstable();
    let median = widths.get(widths.len() / 2).copied().unwrap_or(0);
    (blank_separated
        && inner.len() >= WRAP_MIN_LINES
        && 2 * mid_sentence >= inner.len()
        && median >= WRAP_MIN_WIDTH)
        .then_some(HardWrap {
            inner_lines: inner.len(),
            mid_sentence,
        })
}

/// Lines inside paragraphs a text needs, at least, to be read as
/// hard-wrapped.
pub const WRAP_MIN_LINES: usize = 3;

/// The median width, in columns, of a hard-wrapped text's inner lines, at
/// least: texts are wrapped at 60 to 80 columns, and their lines fill most
/// of the width.
pub const WRAP_MIN_WIDTH: usize = 40;

/// A line's width in columns: two for the wide characters of East Asian
/// scripts, one for any other.
pub fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| match script_of(c) {
            Some(Script::Han | Script::Kana | Script::Hangul) => 2,
            _ => 1,
        })
        .sum()
}

/// One line of a file, without its line end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// The text, without `\n`, `\r\n` or `\r`.
    pub text: &'a str,
}

/// A paragraph: one unit of a text's layout, made of whole lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, without leading or trailing white space. Lines joined into
    /// one paragraph are separated by a space, or by nothing where both sides
    /// of the line break are Chinese or Japanese characters.
    pub text: String,
    /// 1-based number of the first line.
    pub first_line: usize,
    /// 1-based number of the last line.
    pub last_line: usize,
}

/// The lines of `text` that hold more than white space, split at `\n`,
/// `\r\n` and lone `\r` (old Mac files), with their 1-based numbers. Blank
/// lines are counted, not kept: a file of ten million empty lines costs no
/// memory here. A final line end does not start another line.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut i, mut number) = (0, 0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                number += 1;
                let line = &text[start..i];
                if !is_blank(line) {
                    lines.push(Line { number, text: line });
                }
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() && !is_blank(&text[start..]) {
        lines.push(Line {
            number: number + 1,
            text: &text[start..],
        });
    }
    lines
}

/// Whether a line holds nothing but white space.
pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The paragraphs of `text` in the given style.
pub fn paragraphs(text: &str, style: ParagraphStyle) -> Vec<Paragraph> {
    paragraphs_of_lines(&lines(text), style)
}

/// The paragraphs made by a run of lines (as [`paragraphs`] does for a text).
/// A gap in the lines' numbers is a blank line.
pub fn paragraphs_of_lines(lines: &[Line<'_>], style: ParagraphStyle) -> Vec<Paragraph> {
    let (style, _) = style.resolve(lines);
    let mut paragraphs = Vec::new();
    let mut current: Option<Paragraph> = None;
    for line in lines {
        let trimmed = line.text.trim();
        let follows = current
            .as_ref()
            .is_some_and(|p| p.last_line + 1 == line.number);
        if trimmed.is_empty() || !follows {
            paragraphs.extend(current.take());
            if trimmed.is_empty() {
                continue;
            }
        }
        match (&mut current, style) {
            (Some(paragraph), ParagraphStyle::BlankLine) => {
                if needs_space(&paragraph.text, trimmed) {
                    paragraph.text.push(' ');
                }
                paragraph.text.push_str(trimmed);
                paragraph.last_line = line.number;
            }
            _ => {
                paragraphs.extend(current.take());
                current = Some(Paragraph {
                    text: trimmed.to_string(),
                    first_line: line.number,
                    last_line: line.number,
                });
            }
        }
    }
    paragraphs.extend(current);
    paragraphs
}

/// Whether joining two pieces of text across a line break needs a space:
/// not between two characters of scripts written without spaces.
pub fn needs_space(before: &str, after: &str) -> bool {
    let unspaced = |c: Option<char>| {
        c.map(|c| {
            script_of(c).is_some_and(|s| !s.uses_spaces() && s != Script::Latin)
                || is_cjk_punctuation(c)
        })
        .unwrap_or(false)
    };
    !(unspaced(before.chars().next_back()) && unspaced(after.chars().next()))
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_space_joins_lines_of_scripts_written_with_spaces() {
        assert!(needs_space("Привет", "мир"));
        assert!(needs_space("Hello,", "world"));
        assert!(needs_space("今天", "Monday"));
        assert!(!needs_space("今天", "是星期一"));
        assert!(!needs_space("こんにちは、", "世界"));
        assert!(!needs_space("今天", "，明天"));
    }

    fn texts<'a>(lines: &[Line<'a>]) -> Vec<&'a str> {
        lines.iter().map(|l| l.text).collect()
    }

    const WRAPPED: &str = "LEIPZIG, 3 March 2025 - Northwind Robotics Inc. today announced the
opening of its new research and development centre in Leipzig,
Germany.

The centre will employ approx. 120 engineers by the end of 2026. It
represents an investment of EUR 48.5 million over five years.
";

    #[test]
    fn hard_wrapped_text_is_read_by_blank_lines() {
        let found = hard_wrap(&lines(WRAPPED));
        assert_eq!(
            found,
            Some(HardWrap {
                inner_lines: 3,
                mid_sentence: 3
            })
        );
        let p = paragraphs(WRAPPED, ParagraphStyle::Auto);
        assert_eq!(p.len(), 2);
        assert!(p[0].text.ends_with("in Leipzig, Germany."), "{}", p[0].text);
        // Asked for, lines stay paragraphs.
        assert_eq!(paragraphs(WRAPPED, ParagraphStyle::Line).len(), 5);
    }

    #[test]
    fn chinese_wraps_at_half_the_characters() {
        let line = "北京市政府认真贯彻落实党中央决策部署，全面推进各项工作";
        let text = format!("{line}\n{line}\n{line}。\n\n{line}\n{line}。\n");
        assert!(hard_wrap(&lines(&text)).is_some());
        assert_eq!(paragraphs(&text, ParagraphStyle::Auto).len(), 2);
    }

    #[test]
    fn lines_that_end_sentences_are_not_wrapped() {
        // One sentence per line, blank lines between paragraphs.
        let sentences = "The centre will employ approx. 120 engineers by the end of 2026.\nIt represents an investment of EUR 48.5 million over five years.\n«It is the right place for us.»\n\nResearch will focus on three areas in the coming years:\nSafe navigation in shared spaces is the first of them.\n";
        assert_eq!(hard_wrap(&lines(sentences)), None);
        assert_eq!(paragraphs(sentences, ParagraphStyle::Auto).len(), 5);
        // A poem: short lines without punctuation.
        let stanza = "Whose woods these are I think I know\nHis house is in the village though\nHe will not see me stopping here\nTo watch his woods fill up with snow\n";
        let poem = format!("{stanza}\n{stanza}");
        assert_eq!(hard_wrap(&lines(&poem)), None);
        // No blank line: nothing says where a paragraph would end.
        let unbroken = WRAPPED.replace("\n\n", "\n");
        assert_eq!(hard_wrap(&lines(&unbroken)), None);
    }

    #[test]
    fn every_line_end_style() {
        assert_eq!(texts(&lines("a\nb\r\nc\rd")), ["a", "b", "c", "d"]);
        assert_eq!(lines("").len(), 0);
        assert_eq!(lines("x\ry")[1].number, 2);
    }

    #[test]
    fn blank_lines_are_counted_not_kept() {
        assert_eq!(texts(&lines("a\n\nb\n")), ["a", "b"]);
        assert_eq!(lines("a\n \t\n\r\nb")[1].number, 4);
        assert_eq!(texts(&lines("a\r\n\r\n")), ["a"]);
        let many = "\n".repeat(100_000) + "last";
        let found = lines(&many);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].number, 100_001);
    }

    #[test]
    fn one_paragraph_per_line() {
        let p = paragraphs("  first  \n\n second\r\n", ParagraphStyle::Line);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "first");
        assert_eq!((p[1].first_line, p[1].last_line), (3, 3));
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let text = "The first\nparagraph.\n\n第一段\n继续。\nEnd\n\n\nlast";
        let p = paragraphs(text, ParagraphStyle::BlankLine);
        let t: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(t, ["The first paragraph.", "第一段继续。 End", "last"]);
        assert_eq!((p[1].first_line, p[1].last_line), (4, 6));
        assert_eq!(p[2].first_line, 9);
    }
}
