//! The input decoder, paragraphs and the interleaved splitter: any bytes,
//! decoded as they would be from a file (or with a label the user gave),
//! then split both ways a bilingual file can be read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_segment::{ParagraphStyle, decode, encoding_for_label, paragraphs, split_interleaved};

const LABELS: [&str; 5] = ["utf-8", "gb18030", "big5", "shift_jis", "windows-1252"];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    // One input in six is decoded with a label the user named.
    let encoding = LABELS
        .get(usize::from(choice % 6))
        .and_then(|l| encoding_for_label(l));
    let Ok(text) = decode(bytes.to_vec(), encoding) else {
        return;
    };
    for style in [ParagraphStyle::Line, ParagraphStyle::BlankLine] {
        let found = paragraphs(&text, style);
        for paragraph in &found {
            assert!(paragraph.first_line <= paragraph.last_line);
        }
        if let Ok(file) = split_interleaved(&text, style, None) {
            assert!(!file.first.same_language(&file.second));
        }
    }
});
