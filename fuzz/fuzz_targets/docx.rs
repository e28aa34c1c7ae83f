//! The Word reader on any bytes: a zip or not, whole or cut, with any XML
//! inside. It returns paragraphs or an error, never panics or hangs; seeds
//! are small .docx files (fuzz/seed/docx).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_segment::{Format, docx_paragraphs};

fuzz_target!(|data: &[u8]| {
    if let Ok(Format::Docx) = Format::detect(data)
        && let Ok(paragraphs) = docx_paragraphs(data)
    {
        assert!(paragraphs.iter().all(|p| !p.trim().is_empty()));
    }
});
