//! Segmenting loses nothing: whatever the text, paragraphs and sentences
//! hold every character that is not white space, in order, and the
//! sentences are slices of their paragraph with only white space between.

use proptest::prelude::*;
use tandem_segment::{ParagraphStyle, ReadOptions, Segmenter, Side, Srx, paragraphs};
use tandem_text::LanguageTag;

/// Every language with rules of its own, and one without.
const LANGUAGES: [&str; 12] = [
    "en", "de", "fr", "es", "it", "pt", "nl", "ru", "zh", "ja", "ko", "xx",
];

/// Text that exercises the rules: terminators of several scripts, closing
/// quotes and brackets, digits, abbreviations, line ends and any character.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            ".", "!", "?", "。", "！", "？", "…", "...", "．", "\"", "”", "」", ")", "）",
            " ", "  ", "\n", "\r\n", "\r", "\n\n", "\t", "\u{3000}", "\u{a0}", "\u{2028}",
            "Mr.", "Dr.", "z. B.", "e.g.", "1.", "3.14", "第一", "北京", "Ich", "Der", "a",
            "Le", "The", "ÉTÉ", "日本語", "\u{feff}", "\u{0}", "\u{301}",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn visible(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sentences_are_the_paragraph_cut_at_white_space(
        paragraph in text(),
        language in prop::sample::select(LANGUAGES.to_vec()),
    ) {
        let splitter = Segmenter::builtin(language);
        let mut end = 0;
        for sentence in splitter.split(&paragraph) {
            prop_assert!(!sentence.trim().is_empty(), "an empty sentence");
            prop_assert_eq!(sentence, sentence.trim(), "white space kept around a sentence");
            let start = sentence.as_ptr() as usize - paragraph.as_ptr() as usize;
            prop_assert!(start >= end, "sentences overlap or go back");
            prop_assert!(paragraph[end..start].trim().is_empty(), "text lost between sentences");
            end = start + sentence.len();
        }
        prop_assert!(paragraph[end..].trim().is_empty(), "text lost after the last sentence");
    }

    #[test]
    fn paragraphs_then_sentences_keep_every_visible_character(
        text in text(),
        language in prop::sample::select(LANGUAGES.to_vec()),
        blank_line in any::<bool>(),
    ) {
        let style = if blank_line { ParagraphStyle::BlankLine } else { ParagraphStyle::Line };
        let splitter = Segmenter::builtin(language);
        let mut joined = String::new();
        let mut last_line = 0;
        for paragraph in paragraphs(&text, style) {
            prop_assert!(paragraph.first_line > last_line && paragraph.last_line >= paragraph.first_line);
            last_line = paragraph.last_line;
            for sentence in splitter.split(&paragraph.text) {
                joined.push_str(sentence);
            }
        }
        prop_assert_eq!(visible(&joined), visible(&text));
    }

    #[test]
    fn trying_only_candidates_splits_as_trying_everywhere(
        paragraph in text(),
        language in prop::sample::select(LANGUAGES.to_vec()),
    ) {
        let rules = Srx::builtin().segmenter(language);
        prop_assert_eq!(rules.split(&paragraph), rules.split_everywhere(&paragraph));
    }

    #[test]
    fn a_paragraphs_units_joined_are_the_paragraph(
        text in text(),
        language in prop::sample::select(LANGUAGES.to_vec()),
        blank_line in any::<bool>(),
    ) {
        let style = if blank_line { ParagraphStyle::BlankLine } else { ParagraphStyle::Line };
        let options = ReadOptions { paragraphs: style, ..ReadOptions::default() };
        let tag = LanguageTag::parse(language).unwrap();
        let side = Side::segment(&text, tag, &options).unwrap();
        let read: Vec<String> = paragraphs(&text, style)
            .into_iter()
            .map(|p| p.text)
            .filter(|t| !t.trim().is_empty())
            .collect();
        let units: Vec<String> = side
            .paragraphs
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| side.text_of(p.clone()).into_owned())
            .collect();
        prop_assert_eq!(units, read);
    }
}
