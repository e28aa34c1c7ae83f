//! The document readers on any bytes: the format told by content, then a
//! Word or OpenDocument zip (whole or cut, any XML inside) or a web page (any
//! markup) read to paragraphs. They return paragraphs or an error, never
//! panic or hang; seeds are the samples as .docx and .html (fuzz/seed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_segment::{Format, docx_paragraphs, html_paragraphs, odt_paragraphs};

fuzz_target!(|data: &[u8]| {
    let paragraphs = match Format::detect(data) {
        Ok(Format::Docx) => docx_paragraphs(data).unwrap_or_default(),
        Ok(Format::Odt) => odt_paragraphs(data).unwrap_or_default(),
        Ok(Format::Html) => html_paragraphs(&String::from_utf8_lossy(data)),
        _ => return,
    };
    assert!(paragraphs.iter().all(|p| !p.trim().is_empty()));
});
