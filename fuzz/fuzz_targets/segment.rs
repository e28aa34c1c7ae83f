//! The sentence segmenter, every language's rules: the sentences are slices
//! of the paragraph in order, and only white space falls between them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_segment::Segmenter;

/// Every language with rules of its own, and one without.
const LANGUAGES: [&str; 12] = [
    "en", "de", "fr", "es", "it", "pt", "nl", "ru", "zh", "ja", "ko", "xx",
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let Ok(paragraph) = std::str::from_utf8(bytes) else {
        return;
    };
    let splitter = Segmenter::builtin(LANGUAGES[usize::from(choice) % LANGUAGES.len()]);
    let mut end = 0;
    for sentence in splitter.split(paragraph) {
        assert!(!sentence.trim().is_empty());
        let start = sentence.as_ptr() as usize - paragraph.as_ptr() as usize;
        assert!(start >= end, "sentences overlap or go back");
        assert!(
            paragraph[end..start].trim().is_empty(),
            "lost text between sentences"
        );
        end = start + sentence.len();
    }
    assert!(
        paragraph[end..].trim().is_empty(),
        "lost text after the last sentence"
    );
});
