//! One side of a document: its text read, its language known, its
//! paragraphs split into sentences.

use std::borrow::Cow;
use std::ops::Range;

use tandem_text::{Identification, LanguageTag, Sentences, identify};

use crate::codes::{CodedParagraph, InlineCode, claims, codes_within};
use crate::formats::{Format, FormatError, docx_paragraphs, html_paragraphs, odt_paragraphs};
use crate::markdown::markdown_paragraphs;
use crate::paragraph::{
    HardWrap, Line, Paragraph, ParagraphStyle, lines, needs_space, paragraphs_of_lines,
};
use crate::pdf::pdf_paragraphs;
use crate::subtitles::{SubtitleKind, subtitle_paragraphs};
use crate::{DecodeError, Segmenter, Srx, decode};

/// Bounds on one document, so that a file that is not what it seems (no
/// line breaks, a dump of binary data, a whole corpus in one file) is one
/// clear error, not an out-of-memory kill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest paragraph (a line, or lines joined into one), in characters.
    pub max_paragraph_chars: usize,
    /// Longest sentence, in characters.
    pub max_sentence_chars: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_paragraph_chars: 1_000_000,
            max_sentence_chars: 10_000,
        }
    }
}

/// A paragraph or a sentence over its [`Limits`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SegmentError {
    /// A paragraph longer than [`Limits::max_paragraph_chars`].
    #[error("line {line}: a paragraph of {chars} characters, more than {limit}")]
    ParagraphTooLong {
        /// 1-based line where it starts.
        line: usize,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// A sentence longer than [`Limits::max_sentence_chars`].
    #[error("line {line}: a sentence of {chars} characters, more than {limit}")]
    SentenceTooLong {
        /// 1-based line of its paragraph.
        line: usize,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
}

impl Limits {
    /// The paragraph check: before splitting, which costs memory in
    /// proportion to the paragraph.
    pub fn check_paragraph(&self, line: usize, text: &str) -> Result<(), SegmentError> {
        // Characters are never more than bytes: most texts pass unexamined.
        if text.len() <= self.max_paragraph_chars {
            return Ok(());
        }
        let chars = text.chars().count();
        if chars > self.max_paragraph_chars {
            return Err(SegmentError::ParagraphTooLong {
                line,
                chars,
                limit: self.max_paragraph_chars,
            });
        }
        Ok(())
    }

    /// Each line against the paragraph limit, before paragraphs are made
    /// (a copy) or languages identified.
    pub fn check_lines(&self, lines: &[Line<'_>]) -> Result<(), SegmentError> {
        lines
            .iter()
            .try_for_each(|line| self.check_paragraph(line.number, line.text))
    }

    fn check_sentence(&self, line: usize, sentence: &str) -> Result<(), SegmentError> {
        if sentence.len() <= self.max_sentence_chars {
            return Ok(());
        }
        let chars = sentence.chars().count();
        if chars > self.max_sentence_chars {
            return Err(SegmentError::SentenceTooLong {
                line,
                chars,
                limit: self.max_sentence_chars,
            });
        }
        Ok(())
    }
}

impl Limits {
    #[cfg(test)]
    fn into_options(self) -> ReadOptions<'static> {
        ReadOptions {
            limits: self,
            ..ReadOptions::default()
        }
    }
}

/// How a document's inputs are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions<'a> {
    /// How paragraphs are marked.
    pub paragraphs: ParagraphStyle,
    /// One sentence per line, blank lines between paragraphs: no sentence
    /// rules run.
    pub presegmented: bool,
    /// Bounds on paragraphs and sentences.
    pub limits: Limits,
    /// Sentence rules from an SRX file, instead of the built-in ones.
    pub srx: Option<&'a Srx>,
    /// The source language, when the user gave it.
    pub src_lang: Option<&'a LanguageTag>,
    /// The target language, when the user gave it.
    pub tgt_lang: Option<&'a LanguageTag>,
}

/// Why one input could not become a [`Side`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// No bytes at all.
    #[error("the file is empty")]
    Empty,
    /// Bytes that are not text in the encoding they were read in.
    #[error("cannot decode: {0}")]
    Decode(#[from] DecodeError),
    /// Text, but nothing besides white space.
    #[error("the file holds only white space")]
    OnlyWhiteSpace,
    /// A paragraph or sentence over the limits.
    #[error(transparent)]
    Segment(#[from] SegmentError),
    /// The language was not given and cannot be identified.
    #[error("cannot tell its language")]
    UnknownLanguage,
    /// Text without a single sentence.
    #[error("no sentence found")]
    NoSentence,
    /// A document in another format than text that could not be read.
    #[error(transparent)]
    Document(#[from] FormatError),
}

/// One side of a document, segmented: the owner of the sentences an
/// alignment borrows ([`Side::sentences`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The side's language.
    pub language: LanguageTag,
    /// The sentences, in order, as the document writes them.
    pub sentences: Vec<String>,
    /// What the document writes between each sentence and the next one of
    /// its paragraph: the white space between them, or nothing (Chinese
    /// puts none after `。`); `None` after a paragraph's last sentence.
    /// Where the reader joined lines (a hard-wrapped paragraph, one
    /// sentence per line), what the language writes at a line break: a
    /// space between words, nothing between CJK characters.
    pub separators: Vec<Option<Cow<'static, str>>>,
    /// 1-based first and last line of each sentence's paragraph.
    pub lines: Vec<(usize, usize)>,
    /// Each paragraph's sentences: consecutive ranges into `sentences`.
    pub paragraphs: Vec<Range<usize>>,
    /// Why the text was read by blank lines, when [`ParagraphStyle::Auto`]
    /// found it hard-wrapped.
    pub hard_wrapped: Option<HardWrap>,
    /// Each sentence's inline codes (offsets into the sentence), for a
    /// document read with its formatting; empty when no sentence has one.
    pub codes: Vec<Vec<InlineCode>>,
    /// Each sentence's time on screen (start, end in seconds), for
    /// subtitles; empty for other documents.
    pub times: Vec<Option<(f64, f64)>>,
    /// Where each paragraph comes from in its document (`page 3`, `cue
    /// 12`, `footnote 2`), for a document whose reader says; empty when
    /// none does.
    pub origins: Vec<Option<String>>,
}

impl Side {
    /// A side in `language` without a sentence yet.
    pub fn new(language: LanguageTag) -> Side {
        Side {
            language,
            sentences: Vec::new(),
            separators: Vec::new(),
            lines: Vec::new(),
            paragraphs: Vec::new(),
            hard_wrapped: None,
            codes: Vec::new(),
            times: Vec::new(),
            origins: Vec::new(),
        }
    }

    /// Gives each sentence the codes of its part of its paragraph
    /// ([`codes_within`]) and, for a subtitle cue, its share of the cue's
    /// time (by characters), when the side's paragraphs are `paragraphs`
    /// (a document read one paragraph a line). A paragraph whose sentences
    /// cannot be found in it in order keeps neither.
    pub fn attach(&mut self, paragraphs: &[CodedParagraph]) {
        let coded = paragraphs.iter().any(|p| !p.codes.is_empty());
        let timed = paragraphs.iter().any(|p| p.time.is_some());
        if paragraphs.len() != self.paragraphs.len() {
            return;
        }
        if paragraphs.iter().any(|p| p.origin.is_some()) {
            self.origins = paragraphs.iter().map(|p| p.origin.clone()).collect();
        }
        if !(coded || timed) {
            return;
        }
        let mut codes = vec![Vec::new(); self.sentences.len()];
        let mut times = vec![None; self.sentences.len()];
        for (paragraph, range) in paragraphs.iter().zip(&self.paragraphs) {
            let mut spans = Vec::new();
            let mut from = 0;
            for sentence in &self.sentences[range.clone()] {
                let Some(start) = paragraph.text[from..].find(sentence.as_str()) else {
                    break;
                };
                spans.push(from + start..from + start + sentence.len());
                from += start + sentence.len();
            }
            if spans.len() != range.len() {
                continue;
            }
            let length = paragraph.text.len().max(1) as f64;
            for ((span, claim), k) in spans.iter().zip(claims(&spans)).zip(range.clone()) {
                codes[k] = codes_within(&paragraph.codes, span.clone(), claim);
                times[k] = paragraph.time.map(|(start, end)| {
                    let at = |offset: usize| start + (end - start) * offset as f64 / length;
                    (at(span.start), at(span.end))
                });
            }
        }
        if coded {
            self.codes = codes;
        }
        if timed {
            self.times = times;
        }
    }

    /// Where the first of the sentences `range` comes from in its document
    /// ([`Side::origins`]).
    pub fn origin_of(&self, range: Range<usize>) -> Option<&str> {
        if self.origins.is_empty() || range.is_empty() {
            return None;
        }
        let paragraph = self.paragraphs.partition_point(|p| p.end <= range.start);
        self.origins.get(paragraph)?.as_deref()
    }

    /// The codes of the sentences `range` in [`Side::text_of`]'s text of
    /// them, offsets from its start.
    pub fn codes_of(&self, range: Range<usize>) -> Vec<InlineCode> {
        if self.codes.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut offset = 0;
        for k in range.clone() {
            let previous_end = offset;
            if k > range.start {
                offset += match &self.separators[k - 1] {
                    Some(separator) => separator.len(),
                    None => line_break(&self.sentences[k - 1], &self.sentences[k]).len(),
                };
            }
            let later = k > range.start;
            for code in &self.codes[k] {
                let code = code.shifted(offset);
                // A pair the sentence boundary cut (closed at one sentence's
                // end, opened at the next's start) is one pair again.
                if later
                    && let InlineCode::Paired {
                        kind,
                        range: span,
                        open,
                        ..
                    } = &code
                    && span.start == offset
                    && let Some(InlineCode::Paired { range: before, .. }) =
                        out.iter_mut().rev().find(|c| {
                            matches!(c, InlineCode::Paired { kind: k2, range: r, open: o, .. }
                                if k2 == kind && o == open && r.end == previous_end)
                        })
                {
                    before.end = span.end;
                    continue;
                }
                out.push(code);
            }
            offset += self.sentences[k].len();
        }
        out
    }

    /// Decodes `bytes` (as `encoding` when they have no byte-order mark,
    /// else UTF-8: [`decode`]), identifies their language unless it is
    /// `given`, and segments them ([`Side::segment`]). Returns the side and
    /// what identification found, which may differ from what was given.
    pub fn read(
        bytes: Vec<u8>,
        encoding: Option<&'static encoding_rs::Encoding>,
        given: Option<&LanguageTag>,
        options: &ReadOptions<'_>,
    ) -> Result<(Side, Option<Identification>), InputError> {
        Side::read_as(bytes, encoding, None, given, options)
    }

    /// As [`Side::read`], in `format` when it is given (the user's, or the
    /// one [`Format::choose`] took from the file's name), else the one the
    /// content tells.
    pub fn read_as(
        bytes: Vec<u8>,
        encoding: Option<&'static encoding_rs::Encoding>,
        format: Option<Format>,
        given: Option<&LanguageTag>,
        options: &ReadOptions<'_>,
    ) -> Result<(Side, Option<Identification>), InputError> {
        let (text, options, coded) = document_text(bytes, encoding, format, options)?;
        Side::identified(&text, &coded, given, &options)
    }

    /// A side of `paragraphs` that a caller read (a bilingual file's one
    /// language, which this crate does not parse), identified unless the
    /// language is `given`, and segmented one paragraph at a time.
    pub fn from_paragraphs(
        paragraphs: &[CodedParagraph],
        given: Option<&LanguageTag>,
        options: &ReadOptions<'_>,
    ) -> Result<(Side, Option<Identification>), InputError> {
        let paragraphs: Vec<CodedParagraph> = paragraphs
            .iter()
            .filter(|p| !p.text.trim().is_empty())
            .map(|p| CodedParagraph {
                // One paragraph, one line.
                text: p.text.replace(['\n', '\r'], " "),
                ..p.clone()
            })
            .collect();
        if paragraphs.is_empty() {
            return Err(InputError::OnlyWhiteSpace);
        }
        let text = join_lines(&paragraphs);
        let options = ReadOptions {
            paragraphs: ParagraphStyle::Line,
            ..*options
        };
        Side::identified(&text, &paragraphs, given, &options)
    }

    /// `text` identified (unless `given`), segmented, its codes and times
    /// attached.
    fn identified(
        text: &str,
        coded: &[CodedParagraph],
        given: Option<&LanguageTag>,
        options: &ReadOptions<'_>,
    ) -> Result<(Side, Option<Identification>), InputError> {
        let found = identify(sample(text));
        let language = match (given, &found) {
            (Some(tag), _) => tag.clone(),
            (None, Some(found)) => found.tag(),
            (None, None) => return Err(InputError::UnknownLanguage),
        };
        let mut side = Side::segment(text, language, options)?;
        side.attach(coded);
        if side.sentences.is_empty() {
            return Err(InputError::NoSentence);
        }
        Ok((side, found))
    }

    /// Splits `text` in `language` into paragraphs (`options.paragraphs`)
    /// and sentences (the language's rules, or one per line when
    /// `options.presegmented`, blank lines then separating paragraphs),
    /// within `options.limits`.
    pub fn segment(
        text: &str,
        language: LanguageTag,
        options: &ReadOptions<'_>,
    ) -> Result<Side, SegmentError> {
        let segmenter = Segmenter::for_language(language.as_str(), options.srx);
        let mut side = Side::new(language);
        let lines = lines(text);
        options.limits.check_lines(&lines)?;
        let style = if options.presegmented {
            ParagraphStyle::BlankLine
        } else {
            let (style, hard_wrapped) = options.paragraphs.resolve(&lines);
            side.hard_wrapped = hard_wrapped;
            style
        };
        // The lines with text, in order: a paragraph's are the next ones.
        let mut next_line = lines.iter().peekable();
        for paragraph in paragraphs_of_lines(&lines, style) {
            if options.presegmented {
                let start = side.sentences.len();
                while let Some(line) = next_line.next_if(|l| l.number <= paragraph.last_line) {
                    let sentence = line.text.trim();
                    options.limits.check_sentence(line.number, sentence)?;
                    // Lines of one paragraph: joined as a line break is.
                    if side.sentences.len() > start
                        && let (Some(previous), Some(separator)) =
                            (side.sentences.last(), side.separators.last_mut())
                    {
                        *separator = Some(line_break(previous, sentence));
                    }
                    side.sentences.push(sentence.to_string());
                    side.separators.push(None);
                    side.lines.push((line.number, line.number));
                }
                side.paragraphs.push(start..side.sentences.len());
            } else {
                side.push_paragraph(&paragraph, &segmenter, false, &options.limits)?;
            }
        }
        Ok(side)
    }

    /// Adds a paragraph's sentences (the paragraph itself when
    /// `presegmented`), within `limits`.
    pub(crate) fn push_paragraph(
        &mut self,
        paragraph: &Paragraph,
        segmenter: &Segmenter,
        presegmented: bool,
        limits: &Limits,
    ) -> Result<(), SegmentError> {
        limits.check_paragraph(paragraph.first_line, &paragraph.text)?;
        let start = self.sentences.len();
        let text = paragraph.text.as_str();
        let spans = if presegmented {
            std::iter::once(0..text.len()).collect()
        } else {
            segmenter.spans(text)
        };
        for (k, span) in spans.iter().enumerate() {
            let piece = &text[span.clone()];
            limits.check_sentence(paragraph.first_line, piece)?;
            self.sentences.push(piece.to_string());
            let separator = spans
                .get(k + 1)
                .map(|next| own(&text[span.end..next.start]));
            self.separators.push(separator);
            self.lines.push((paragraph.first_line, paragraph.last_line));
        }
        self.paragraphs.push(start..self.sentences.len());
        Ok(())
    }

    /// The sentences and paragraphs, borrowed, as alignment reads them.
    pub fn sentences(&self) -> Sentences<'_> {
        Sentences {
            sentences: self.sentences.iter().map(String::as_str).collect(),
            paragraphs: self.paragraphs.clone(),
        }
    }

    /// The sentences `range` as one text: the sentence itself when there is
    /// one (borrowed), else the document's own span from the first
    /// sentence's start to the last one's end ([`Side::separators`]
    /// between them). Across a paragraph break, what the language writes
    /// at a line break: a space between words, nothing between CJK text.
    pub fn text_of(&self, range: Range<usize>) -> Cow<'_, str> {
        match &self.sentences[range.clone()] {
            [] => Cow::Borrowed(""),
            [one] => Cow::Borrowed(one),
            several => {
                let mut text = String::new();
                for (k, sentence) in several.iter().enumerate() {
                    if k > 0 {
                        match &self.separators[range.start + k - 1] {
                            Some(separator) => text.push_str(separator),
                            None => text.push_str(&line_break(&text, sentence)),
                        }
                    }
                    text.push_str(sentence);
                }
                Cow::Owned(text)
            }
        }
    }

    /// The 1-based first and last input lines of the sentences `range`;
    /// `None` for no sentences.
    pub fn lines_of(&self, range: Range<usize>) -> Option<(usize, usize)> {
        if range.is_empty() {
            return None;
        }
        Some((self.lines[range.start].0, self.lines[range.end - 1].1))
    }
}

/// What a language writes where a line breaks between `before` and
/// `after`: a space between words, nothing between CJK text.
fn line_break(before: &str, after: &str) -> Cow<'static, str> {
    own(if needs_space(before, after) { " " } else { "" })
}

/// A separator, borrowed when it is the usual one (nothing, or one space).
fn own(separator: &str) -> Cow<'static, str> {
    match separator {
        "" => Cow::Borrowed(""),
        " " => Cow::Borrowed(" "),
        other => Cow::Owned(other.to_string()),
    }
}

/// Decodes a file's bytes ([`decode`]) into text that holds more than
/// white space.
pub fn decode_text(
    bytes: Vec<u8>,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<String, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    let text = decode(bytes, encoding)?;
    if text.trim().is_empty() {
        return Err(InputError::OnlyWhiteSpace);
    }
    Ok(text)
}

/// The text of an input in any format [`Format::detect`] tells, with the
/// options it is read with: a text decoded ([`decode_text`]) as `options`
/// say; a Word, OpenDocument or web page's paragraphs one per line, read
/// one paragraph a line whatever `options.paragraphs` says, and returned
/// with their inline codes (none for a text). `format` read as given, or
/// told by content when `None`.
pub fn document_text<'a>(
    bytes: Vec<u8>,
    encoding: Option<&'static encoding_rs::Encoding>,
    format: Option<Format>,
    options: &ReadOptions<'a>,
) -> Result<(String, ReadOptions<'a>, Vec<CodedParagraph>), InputError> {
    let format = match format {
        Some(format) => format,
        None => Format::detect(&bytes)?,
    };
    let paragraphs = match format {
        Format::Text => return Ok((decode_text(bytes, encoding)?, *options, Vec::new())),
        Format::Docx => docx_paragraphs(&bytes)?,
        Format::Odt => odt_paragraphs(&bytes)?,
        Format::Html => html_paragraphs(&decode_text(bytes, encoding)?),
        Format::Markdown => markdown_paragraphs(&decode_text(bytes, encoding)?),
        Format::Pdf => pdf_paragraphs(&bytes)?,
        Format::Srt => subtitle_paragraphs(&decode_text(bytes, encoding)?, SubtitleKind::SubRip)?,
        Format::WebVtt => {
            subtitle_paragraphs(&decode_text(bytes, encoding)?, SubtitleKind::WebVtt)?
        }
    };
    if paragraphs.is_empty() {
        return Err(InputError::OnlyWhiteSpace);
    }
    let options = ReadOptions {
        paragraphs: ParagraphStyle::Line,
        ..*options
    };
    Ok((join_lines(&paragraphs), options, paragraphs))
}

/// Paragraphs as the lines of one text.
fn join_lines(paragraphs: &[CodedParagraph]) -> String {
    paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Enough of a text to identify its language.
fn sample(text: &str) -> &str {
    match text.char_indices().nth(20_000) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    #[test]
    fn a_side_is_read_identified_and_segmented() {
        let text = "The sky is blue. The grass is green.\nIt rains.\n\nIt snows.\n";
        let (side, found) = Side::read(
            text.as_bytes().to_vec(),
            None,
            None,
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(found.unwrap().tag(), tag("en"));
        assert_eq!(side.language, tag("en"));
        assert_eq!(
            side.sentences,
            [
                "The sky is blue.",
                "The grass is green.",
                "It rains.",
                "It snows."
            ]
        );
        assert_eq!(side.paragraphs, [0..2, 2..3, 3..4]);
        assert_eq!(side.lines, [(1, 1), (1, 1), (2, 2), (4, 4)]);
        assert_eq!(side.lines_of(1..3), Some((1, 2)));
        assert_eq!(side.lines_of(2..2), None);
        let sentences = side.sentences();
        assert_eq!(sentences.sentences[3], "It snows.");
        assert_eq!(sentences.paragraphs, side.paragraphs);
    }

    #[test]
    fn blank_line_paragraphs_and_presegmented_lines() {
        let text = "One line\nwrapped here.\n\nAnother.\n";
        let blank = ReadOptions {
            paragraphs: ParagraphStyle::BlankLine,
            ..ReadOptions::default()
        };
        let side = Side::segment(text, tag("en"), &blank).unwrap();
        assert_eq!(side.sentences, ["One line wrapped here.", "Another."]);
        assert_eq!(side.lines, [(1, 2), (4, 4)]);
        let presegmented = ReadOptions {
            presegmented: true,
            ..ReadOptions::default()
        };
        let side = Side::segment(text, tag("en"), &presegmented).unwrap();
        assert_eq!(side.sentences, ["One line", "wrapped here.", "Another."]);
        assert_eq!(side.paragraphs, [0..2, 2..3]);
        assert_eq!(side.lines, [(1, 1), (2, 2), (4, 4)]);
    }

    #[test]
    fn units_of_several_sentences_are_the_documents_own_text() {
        let read = |text: &str, language: &str| {
            Side::segment(text, tag(language), &ReadOptions::default()).unwrap()
        };
        let zh = read("第一句。第二句。\n", "zh");
        assert_eq!(zh.text_of(0..2), "第一句。第二句。");
        assert!(matches!(zh.text_of(0..1), Cow::Borrowed("第一句。")));
        assert_eq!(zh.text_of(1..1), "");
        // Whatever script comes next, the separator is the document's: none
        // after 。 before a digit, none after ”, two spaces kept.
        let zh = read(
            "增长5.2%。2025年预期增长。他说：“好的。”Then he left.\n",
            "zh",
        );
        assert_eq!(zh.sentences.len(), 4, "{:?}", zh.sentences);
        assert_eq!(
            zh.text_of(0..4),
            "增长5.2%。2025年预期增长。他说：“好的。”Then he left."
        );
        let en = read("One.  Two.\tThree.\n", "en");
        assert_eq!(en.sentences.len(), 3);
        assert_eq!(en.text_of(0..3), "One.  Two.\tThree.");
        assert_eq!(en.separators, [Some("  ".into()), Some("\t".into()), None]);
        // Lines and paragraphs join as the language writes a line break.
        let lines = ReadOptions {
            presegmented: true,
            ..ReadOptions::default()
        };
        let zh = Side::segment("第一句。\n第二句。\n\nFin.\n", tag("zh"), &lines).unwrap();
        assert_eq!(zh.text_of(0..3), "第一句。第二句。 Fin.");
        let en = Side::segment("One.\nTwo.\n", tag("en"), &lines).unwrap();
        assert_eq!(en.text_of(0..2), "One. Two.");
    }

    #[test]
    fn limits_are_errors_with_their_facts() {
        let options = ReadOptions {
            limits: Limits {
                max_paragraph_chars: 20,
                max_sentence_chars: 8,
            },
            ..ReadOptions::default()
        };
        assert_eq!(
            Side::segment("Short.\nA paragraph far too long.\n", tag("en"), &options),
            Err(SegmentError::ParagraphTooLong {
                line: 2,
                chars: 25,
                limit: 20
            })
        );
        assert_eq!(
            Side::segment("Short.\nNot short.\n", tag("en"), &options),
            Err(SegmentError::SentenceTooLong {
                line: 2,
                chars: 10,
                limit: 8
            })
        );
        // At the limits is within them (characters, not bytes: é is two).
        let side = Side::segment(
            "Écrit é.\nAbcdé fghij klmnop qrst.\n",
            tag("fr"),
            &Limits {
                max_paragraph_chars: 24,
                max_sentence_chars: 24,
            }
            .into_options(),
        );
        assert!(side.is_ok(), "{side:?}");
    }

    #[test]
    fn unreadable_inputs_say_why() {
        let options = ReadOptions::default();
        let read = |bytes: &[u8]| Side::read(bytes.to_vec(), None, None, &options).map(|_| ());
        assert_eq!(read(b""), Err(InputError::Empty));
        assert_eq!(read(b" \n\t\n"), Err(InputError::OnlyWhiteSpace));
        assert!(matches!(
            read(b"ab\x00c"),
            Err(InputError::Decode(DecodeError::Binary { offset: 2 }))
        ));
        assert_eq!(read(b"1234 5678\n"), Err(InputError::UnknownLanguage));
    }

    #[test]
    fn a_documents_codes_follow_its_sentences() {
        let page = "<html><body><p>Click <b>Save. Then</b> close.<br>Done.</p><p>Two <i>words</i>.</p></body></html>";
        let options = ReadOptions::default();
        let (side, _) =
            Side::read(page.as_bytes().to_vec(), None, Some(&tag("en")), &options).unwrap();
        assert_eq!(
            side.sentences,
            ["Click Save.", "Then close.", "Done.", "Two words."]
        );
        let bold = |range: Range<usize>| InlineCode::Paired {
            kind: crate::CodeKind::Bold,
            range,
            open: "<b>".into(),
            close: "</b>".into(),
        };
        let line_break = |at| InlineCode::Placeholder {
            kind: crate::CodeKind::LineBreak,
            at,
            native: "<br>".into(),
        };
        // The pair a sentence boundary falls in is cut in two; the line
        // break ends the sentence it follows.
        assert_eq!(side.codes[0], [bold(6..11)]);
        assert_eq!(side.codes[1], [bold(0..4), line_break(11)]);
        assert!(side.codes[2].is_empty());
        // Sentences joined into one unit keep their codes, moved, and a
        // pair the boundary cut is one again.
        assert_eq!(side.text_of(0..2), "Click Save. Then close.");
        assert_eq!(side.codes_of(0..2), [bold(6..16), line_break(23)]);
        assert_eq!(side.codes_of(3..4).len(), 1);
        // A web page says where its title comes from.
        assert_eq!(side.origin_of(0..1), None);
        // A text has none.
        let (text, _) =
            Side::read(b"Click Save.".to_vec(), None, Some(&tag("en")), &options).unwrap();
        assert!(text.codes.is_empty() && text.codes_of(0..1).is_empty());
    }
}
