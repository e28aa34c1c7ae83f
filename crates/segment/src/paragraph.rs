//! Lines and paragraphs of a plain-text file.

use tandem_text::{Script, script_of};

/// How a plain-text file marks its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParagraphStyle {
    /// Every non-blank line is a paragraph (the usual export of Word and of
    /// most web pages). Blank lines are ignored.
    #[default]
    Line,
    /// Paragraphs are separated by blank lines; the lines inside one are
    /// joined (hard-wrapped text, Markdown, e-mail).
    BlankLine,
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
