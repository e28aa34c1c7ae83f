//! A document's formatting as inline codes: bold, italic, a link, a line
//! break or a footnote reference, kept beside the text as byte ranges of
//! it, so that the text itself stays what the reader sees (length,
//! evidence and checks never read a code) while a writer can still put
//! the formatting back where a CAT tool looks for it (TMX 1.4b level 2
//! `bpt`/`ept` and `ph`).
//!
//! A reader builds each paragraph with a [`ParagraphBuilder`]; segmenting
//! it cuts the codes at the sentences' edges ([`codes_within`]): a pair of
//! codes a sentence boundary falls inside is closed at the end of one
//! sentence and opened again at the start of the next.

use std::ops::{Range, RangeInclusive};

use crate::paragraph::needs_space;

/// What an inline code stands for, with the TMX 1.4b `type` value it is
/// written with ([`CodeKind::tmx_type`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// Bold text.
    Bold,
    /// Italic text.
    Italic,
    /// Underlined text.
    Underline,
    /// Superscript text.
    Superscript,
    /// Subscript text.
    Subscript,
    /// A hyperlink.
    Link,
    /// A line break inside a paragraph.
    LineBreak,
    /// A footnote or endnote reference mark.
    NoteReference,
    /// An image or other inline object.
    Image,
    /// A code of another kind, read from a file that names none (an
    /// XLIFF's `g`) or a kind tandem does not know.
    Other,
}

impl CodeKind {
    /// The TMX 1.4b `type` attribute (its list for `bpt` and `ph`; the
    /// two it does not name are `x-` values; none for [`CodeKind::Other`]).
    pub fn tmx_type(self) -> &'static str {
        match self {
            CodeKind::Bold => "bold",
            CodeKind::Italic => "italic",
            CodeKind::Underline => "ulined",
            CodeKind::Superscript => "x-superscript",
            CodeKind::Subscript => "x-subscript",
            CodeKind::Link => "link",
            CodeKind::LineBreak => "lb",
            CodeKind::NoteReference => "fnote",
            CodeKind::Image => "image",
            CodeKind::Other => "",
        }
    }
}

/// One inline code of a paragraph or sentence: a pair around a span of the
/// text, or a placeholder at one place in it. Offsets are bytes of the
/// text; the native code is the source format's own markup (`<b>`,
/// `<w:hyperlink r:id="rId4">`), which TMX keeps inside the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlineCode {
    /// Formatting over `range` (never empty).
    Paired {
        /// What it is.
        kind: CodeKind,
        /// The text it covers.
        range: Range<usize>,
        /// The native opening code.
        open: String,
        /// The native closing code.
        close: String,
    },
    /// An object at `at`, which has no text of its own.
    Placeholder {
        /// What it is.
        kind: CodeKind,
        /// Where it stands.
        at: usize,
        /// Its native code.
        native: String,
    },
}

impl InlineCode {
    /// The code moved `by` bytes later in the text.
    pub fn shifted(&self, by: usize) -> InlineCode {
        self.mapped(|offset| offset + by)
    }

    /// The code with each of its offsets (a pair's start and end, a
    /// placeholder's place) put where `to` says.
    pub fn mapped(&self, to: impl Fn(usize) -> usize) -> InlineCode {
        let mut code = self.clone();
        match &mut code {
            InlineCode::Paired { range, .. } => *range = to(range.start)..to(range.end),
            InlineCode::Placeholder { at, .. } => *at = to(*at),
        }
        code
    }

    /// The code within the text `span`, offsets from its start: cut to it
    /// (a pair outside it comes out empty, [`InlineCode::is_empty`]).
    fn within(&self, span: &Range<usize>) -> InlineCode {
        self.mapped(|offset| offset.clamp(span.start, span.end) - span.start)
    }

    /// A pair around no text, which is no formatting at all.
    pub fn is_empty(&self) -> bool {
        matches!(self, InlineCode::Paired { range, .. } if range.is_empty())
    }

    /// What it is.
    pub fn kind(&self) -> CodeKind {
        match self {
            InlineCode::Paired { kind, .. } | InlineCode::Placeholder { kind, .. } => *kind,
        }
    }
}

/// A paragraph of a document with its inline codes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodedParagraph {
    /// The text, without leading or trailing white space, on one line.
    pub text: String,
    /// Its codes, in the order they open.
    pub codes: Vec<InlineCode>,
    /// For a subtitle cue, when it is on screen: start and end, in
    /// seconds from the start of the film.
    pub time: Option<(f64, f64)>,
    /// Where in the document it comes from, when that is not its place in
    /// the reading order alone: `page 3`, `cue 12`, `footnote 2`,
    /// `alt text`, `title`.
    pub origin: Option<String>,
}

/// The codes of `codes` within the sentence `span` of its paragraph, with
/// offsets from the sentence's start. A pair is cut to the part inside
/// (a pair the sentence holds none of is left out). A placeholder is
/// taken when it stands in `claim`: a sentence claims from just after the
/// previous one's end to its own end ([`claims`]), so that a placeholder
/// right after a sentence (a note mark after its full stop) ends it.
pub fn codes_within(
    codes: &[InlineCode],
    span: Range<usize>,
    claim: RangeInclusive<usize>,
) -> Vec<InlineCode> {
    codes
        .iter()
        .filter(|code| match code {
            InlineCode::Placeholder { at, .. } => claim.contains(at),
            InlineCode::Paired { .. } => true,
        })
        .map(|code| code.within(&span))
        .filter(|code| !code.is_empty())
        .collect()
}

/// The places each sentence of a paragraph claims placeholders in
/// ([`codes_within`]), from the sentences' spans in order: the first from
/// the paragraph's start, the last to its end.
pub fn claims(spans: &[Range<usize>]) -> Vec<RangeInclusive<usize>> {
    let mut from = 0;
    spans
        .iter()
        .enumerate()
        .map(|(k, span)| {
            let to = if k + 1 == spans.len() {
                usize::MAX
            } else {
                span.end
            };
            let claim = from..=to;
            from = span.end + 1;
            claim
        })
        .collect()
}

/// Builds one paragraph of a document as its reader meets it: text, codes
/// that open and close around it, placeholders. White space at either end
/// is trimmed and, when `collapse` is set (HTML), each run of it becomes one
/// space, the codes' offsets moving with the text. Two pairs of the same
/// code that touch (Word splits a bold word into several runs) become one.
#[derive(Debug, Default)]
pub struct ParagraphBuilder {
    text: String,
    codes: Vec<InlineCode>,
    /// Pairs opened and not yet closed: their index in `codes`.
    open: Vec<usize>,
    collapse: bool,
    /// Where a line break put a space that the text may not want.
    soft_spaces: Vec<usize>,
}

/// A pair opened by [`ParagraphBuilder::open`], to close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenCode(usize);

const WHITE_SPACE: [char; 5] = [' ', '\t', '\n', '\r', '\x0C'];

impl ParagraphBuilder {
    /// A paragraph whose white space runs collapse (HTML's rule).
    pub fn collapsing() -> ParagraphBuilder {
        ParagraphBuilder {
            collapse: true,
            ..ParagraphBuilder::default()
        }
    }

    /// Whether nothing but white space has been read.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The text read so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Adds text (line ends inside become spaces: a paragraph is one line).
    pub fn push_str(&mut self, text: &str) {
        for c in text.chars() {
            let space = WHITE_SPACE.contains(&c);
            if self.collapse && space {
                if !self.text.ends_with(' ') && !self.text.is_empty() {
                    self.text.push(' ');
                }
            } else if matches!(c, '\n' | '\r') {
                self.text.push(' ');
            } else {
                self.text.push(c);
            }
        }
    }

    /// Adds `n` spaces as they are, even where white space collapses (an
    /// OpenDocument `text:s`, which writes the spaces meant).
    pub fn push_spaces(&mut self, n: usize) {
        self.text.extend(std::iter::repeat_n(' ', n));
    }

    /// Opens a pair of codes here; a pair of the same kind and native code
    /// that closed right here is opened again instead.
    pub fn open(&mut self, kind: CodeKind, open: &str, close: &str) -> OpenCode {
        let here = self.text.len();
        let touching = self.codes.iter().rposition(|c| {
            matches!(c, InlineCode::Paired { kind: k, range, open: o, .. }
                if *k == kind && range.end == here && o == open)
        });
        if let Some(index) = touching
            && !self.open.contains(&index)
        {
            self.open.push(index);
            return OpenCode(index);
        }
        self.codes.push(InlineCode::Paired {
            kind,
            range: here..here,
            open: open.to_string(),
            close: close.to_string(),
        });
        self.open.push(self.codes.len() - 1);
        OpenCode(self.codes.len() - 1)
    }

    /// Closes a pair opened with [`ParagraphBuilder::open`].
    pub fn close(&mut self, code: OpenCode) {
        let here = self.text.len();
        if let Some(InlineCode::Paired { range, .. }) = self.codes.get_mut(code.0) {
            range.end = here;
        }
        self.open.retain(|&i| i != code.0);
    }

    /// Puts a placeholder here.
    pub fn placeholder(&mut self, kind: CodeKind, native: &str) {
        self.codes.push(InlineCode::Placeholder {
            kind,
            at: self.text.len(),
            native: native.to_string(),
        });
    }

    /// A line break inside the paragraph: a placeholder, and between the
    /// words it separates a space, which [`ParagraphBuilder::finish`] takes
    /// out again where the script writes none (between Chinese or Japanese
    /// characters), so that the text stays the text the document shows.
    pub fn line_break(&mut self, native: &str) {
        self.placeholder(CodeKind::LineBreak, native);
        self.soft_space();
    }

    /// The space a line's end makes between words (a subtitle's two lines,
    /// Markdown's wrapped lines), which [`ParagraphBuilder::finish`] takes
    /// out again between characters of scripts written without spaces.
    pub fn soft_space(&mut self) {
        if !self.text.ends_with(' ') && !self.text.is_empty() {
            self.soft_spaces.push(self.text.len());
            self.text.push(' ');
        }
    }

    /// Takes out the soft spaces between characters of scripts written
    /// without spaces, moving the codes after them.
    fn drop_soft_spaces(&mut self) {
        for at in std::mem::take(&mut self.soft_spaces).into_iter().rev() {
            if self.text.as_bytes().get(at) != Some(&b' ')
                || needs_space(&self.text[..at], &self.text[at + 1..])
            {
                continue;
            }
            self.text.remove(at);
            for code in &mut self.codes {
                *code = code.mapped(|offset| if offset > at { offset - 1 } else { offset });
            }
        }
    }

    /// The paragraph: its text trimmed (codes moved and cut with it),
    /// pairs still open closed at its end, empty pairs left out.
    pub fn finish(mut self) -> CodedParagraph {
        self.drop_soft_spaces();
        let here = self.text.len();
        for index in std::mem::take(&mut self.open) {
            if let Some(InlineCode::Paired { range, .. }) = self.codes.get_mut(index) {
                range.end = here;
            }
        }
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        let codes = self
            .codes
            .iter()
            .map(|code| code.within(&(start..end)))
            .filter(|code| !code.is_empty())
            .collect();
        CodedParagraph {
            text: self.text[start..end].to_string(),
            codes,
            time: None,
            origin: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold(range: Range<usize>) -> InlineCode {
        InlineCode::Paired {
            kind: CodeKind::Bold,
            range,
            open: "<b>".into(),
            close: "</b>".into(),
        }
    }

    #[test]
    fn touching_runs_of_one_format_are_one_pair() {
        let mut p = ParagraphBuilder::default();
        p.push_str("  The ");
        let b = p.open(CodeKind::Bold, "<b>", "</b>");
        p.push_str("cen");
        p.close(b);
        let b = p.open(CodeKind::Bold, "<b>", "</b>");
        p.push_str("tre");
        p.close(b);
        p.push_str(" opens.");
        p.placeholder(CodeKind::NoteReference, "<fn/>");
        p.push_str("  ");
        let p = p.finish();
        assert_eq!(p.text, "The centre opens.");
        assert_eq!(p.codes[0], bold(4..10));
        assert_eq!(
            p.codes[1],
            InlineCode::Placeholder {
                kind: CodeKind::NoteReference,
                at: 17,
                native: "<fn/>".into()
            }
        );
    }

    #[test]
    fn a_line_break_spaces_words_not_chinese() {
        let mut p = ParagraphBuilder::default();
        p.push_str("北京市海淀区");
        p.line_break("<br>");
        let b = p.open(CodeKind::Bold, "<b>", "</b>");
        p.push_str("中关村");
        p.close(b);
        let p = p.finish();
        assert_eq!(p.text, "北京市海淀区中关村");
        assert_eq!(
            p.codes[1],
            InlineCode::Paired {
                kind: CodeKind::Bold,
                range: 18..27,
                open: "<b>".into(),
                close: "</b>".into()
            }
        );
        let mut p = ParagraphBuilder::default();
        p.push_str("First line");
        p.line_break("<br>");
        p.push_str("second line");
        assert_eq!(p.finish().text, "First line second line");
    }

    #[test]
    fn collapsing_white_space_moves_the_codes() {
        let mut p = ParagraphBuilder::collapsing();
        p.push_str("\n  Click \n ");
        let b = p.open(CodeKind::Bold, "<b>", "</b>");
        p.push_str("  Save");
        p.close(b);
        let empty = p.open(CodeKind::Italic, "<i>", "</i>");
        p.close(empty);
        let p = p.finish();
        assert_eq!(p.text, "Click Save");
        assert_eq!(p.codes, [bold(6..10)]);
    }

    #[test]
    fn a_sentence_boundary_closes_and_reopens_a_pair() {
        // "One two. Three four." with bold over "two. Three".
        let codes = [bold(4..14)];
        let claims = claims(&[0..8, 9..20]);
        assert_eq!(codes_within(&codes, 0..8, claims[0].clone()), [bold(4..8)]);
        assert_eq!(codes_within(&codes, 9..20, claims[1].clone()), [bold(0..5)]);
    }

    #[test]
    fn a_placeholder_between_sentences_ends_the_first() {
        let note = |at| InlineCode::Placeholder {
            kind: CodeKind::NoteReference,
            at,
            native: "<fn/>".into(),
        };
        let spaced = claims(&[0..8, 9..20]);
        let within = |codes: &[InlineCode], k: usize| {
            codes_within(codes, [0..8, 9..20][k].clone(), spaced[k].clone())
        };
        // At the first's end: the first's; at the second's start: the second's.
        assert_eq!(within(&[note(8)], 0), [note(8)]);
        assert!(within(&[note(8)], 1).is_empty());
        assert!(within(&[note(9)], 0).is_empty());
        assert_eq!(within(&[note(9)], 1), [note(0)]);
        // Chinese puts no space between sentences: one sentence takes it.
        let unspaced = claims(&[0..6, 6..12]);
        assert_eq!(
            codes_within(&[note(6)], 0..6, unspaced[0].clone()),
            [note(6)]
        );
        assert!(codes_within(&[note(6)], 6..12, unspaced[1].clone()).is_empty());
    }
}
