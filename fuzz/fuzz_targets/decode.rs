//! The input decoder, paragraphs and the interleaved splitter: any bytes,
//! decoded as they would be from a file (or with a label the user gave),
//! then split both ways a bilingual file can be read, and read whole as a
//! document pair (sides, sentences, sections) as `tandem align` reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_segment::{
    DocumentPair, ParagraphStyle, ReadOptions, decode, encoding_for_label, paragraphs,
    split_interleaved,
};

const LABELS: [&str; 5] = ["utf-8", "gb18030", "big5", "shift_jis", "windows-1252"];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    // One input in six is decoded with a label the user named.
    let encoding = LABELS
        .get(usize::from(choice % 6))
        .and_then(|l| encoding_for_label(l));
    let options = ReadOptions {
        paragraphs: match (choice >> 3) % 3 {
            0 => ParagraphStyle::Line,
            1 => ParagraphStyle::BlankLine,
            _ => ParagraphStyle::Auto,
        },
        presegmented: choice & 64 != 0,
        ..ReadOptions::default()
    };
    if let Ok(pair) = DocumentPair::read_interleaved("fuzz", bytes.to_vec(), encoding, &options) {
        // Sections cover every paragraph of each side once, in order.
        let (mut src, mut tgt) = (0, 0);
        for section in &pair.sections {
            assert_eq!((section.src.start, section.tgt.start), (src, tgt));
            (src, tgt) = (section.src.end, section.tgt.end);
        }
        assert_eq!(
            (src, tgt),
            (pair.src.paragraphs.len(), pair.tgt.paragraphs.len())
        );
        assert_eq!(pair.src.sentences.len(), pair.src.lines.len());
    }
    let Ok(text) = decode(bytes.to_vec(), encoding) else {
        return;
    };
    for style in [
        ParagraphStyle::Line,
        ParagraphStyle::BlankLine,
        ParagraphStyle::Auto,
    ] {
        let found = paragraphs(&text, style);
        for paragraph in &found {
            assert!(paragraph.first_line <= paragraph.last_line);
        }
        if let Ok(file) = split_interleaved(&text, style, None) {
            assert!(!file.first.same_language(&file.second));
        }
    }
});
