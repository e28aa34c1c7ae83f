//! SRX files from users: any bytes parsed as SRX; what parses then splits
//! a paragraph for a few languages, with the sentences in order and only
//! white space between them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_segment::Srx;

const PARAGRAPH: &str = "Mr. Smith left. 他走了。“好！” Il est parti ! 1. Go… Am 3. Mai";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(srx) = Srx::parse(text) else {
        return;
    };
    for language in ["en", "zh-CN", "fr", "de", "xx"] {
        let mut end = 0;
        for sentence in srx.segmenter(language).split(PARAGRAPH) {
            let start = sentence.as_ptr() as usize - PARAGRAPH.as_ptr() as usize;
            assert!(start >= end && PARAGRAPH[end..start].trim().is_empty());
            end = start + sentence.len();
        }
        assert!(PARAGRAPH[end..].trim().is_empty());
    }
});
