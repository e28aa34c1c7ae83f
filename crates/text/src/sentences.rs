//! The vocabulary segmentation produces and alignment consumes: one side of
//! a document as sentences grouped into paragraphs, and the sections in
//! which the two sides' paragraphs are known to correspond. It lives here,
//! at the bottom, so that `tandem-segment` and `tandem-align` share it
//! without knowing each other.

use std::ops::Range;

/// One side of a document: its sentences in order, grouped into paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentences<'a> {
    /// The sentences.
    pub sentences: Vec<&'a str>,
    /// Each paragraph's sentences, as consecutive, non-overlapping ranges
    /// into `sentences` that cover them all.
    pub paragraphs: Vec<Range<usize>>,
}

impl<'a> Sentences<'a> {
    /// A text of one paragraph.
    pub fn single_paragraph(sentences: Vec<&'a str>) -> Sentences<'a> {
        let whole = 0..sentences.len();
        let paragraphs = std::iter::once(whole).collect();
        Sentences {
            sentences,
            paragraphs,
        }
    }

    /// The sentences of paragraphs `paragraphs` (a range of paragraph
    /// indices), as a range of sentence indices; an empty range of
    /// paragraphs is the empty range where the next paragraph would start.
    pub fn sentences_of(&self, paragraphs: Range<usize>) -> Range<usize> {
        let start = self
            .paragraphs
            .get(paragraphs.start)
            .map_or(self.sentences.len(), |p| p.start);
        let end = match paragraphs.end.checked_sub(1) {
            Some(last) if !paragraphs.is_empty() => self.paragraphs[last].end,
            _ => start,
        };
        start..end
    }
}

/// Paragraphs of the two sides already known to correspond (the block pairs
/// of an interleaved file; the whole document for two files). A section
/// with one side empty is a passage left untranslated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Source paragraphs.
    pub src: Range<usize>,
    /// Target paragraphs.
    pub tgt: Range<usize>,
}

impl Section {
    /// The one section of two files: every paragraph of each side.
    pub fn whole(src_paragraphs: usize, tgt_paragraphs: usize) -> Section {
        Section {
            src: 0..src_paragraphs,
            tgt: 0..tgt_paragraphs,
        }
    }
}

/// Whether a line ends as a sentence does: with a full stop, question or
/// exclamation mark, colon, semicolon or ellipsis, in any script, perhaps
/// followed by closing quotes or brackets.
pub fn ends_sentence(line: &str) -> bool {
    let closing = |c: char| {
        matches!(
            c,
            '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '」' | '』' | '）' | '】' | '》' | '〉'
        )
    };
    line.trim_end_matches(closing)
        .chars()
        .next_back()
        .is_some_and(|c| {
            matches!(
                c,
                '.' | '!'
                    | '?'
                    | ':'
                    | ';'
                    | '…'
                    | '。'
                    | '！'
                    | '？'
                    | '：'
                    | '；'
                    | '．'
                    | '।'
                    | '؟'
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_map_to_their_sentences() {
        let text = Sentences {
            sentences: vec!["a", "b", "c", "d"],
            paragraphs: vec![0..1, 1..3, 3..4],
        };
        assert_eq!(text.sentences_of(1..3), 1..4);
        assert_eq!(text.sentences_of(0..1), 0..1);
        // No paragraphs: empty, where the next one starts (or at the end).
        assert_eq!(text.sentences_of(2..2), 3..3);
        assert_eq!(text.sentences_of(3..3), 4..4);
    }

    #[test]
    fn one_paragraph_holds_every_sentence() {
        let text = Sentences::single_paragraph(vec!["a", "b"]);
        assert_eq!(text.paragraphs, vec![(0..2)]);
        assert_eq!(
            Section::whole(3, 4),
            Section {
                src: 0..3,
                tgt: 0..4
            }
        );
    }

    #[test]
    fn lines_that_end_as_sentences_do() {
        for line in [
            "It rained.",
            "Why?",
            "他走了。",
            "„Ja“, sagte er.\u{201d}",
            "Note:",
            "(Siehe oben.)",
        ] {
            assert!(ends_sentence(line), "{line}");
        }
        for line in ["Chapter 1 - The Gift", "第一章 礼物", "and then the", ""] {
            assert!(!ends_sentence(line), "{line}");
        }
    }
}
