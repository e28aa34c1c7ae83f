//! The document readers on any bytes: the format told by content, then a
//! Word or OpenDocument zip (whole or cut, any XML inside), a PDF, a web
//! page (any markup), Markdown or subtitles read to paragraphs with their inline codes, each
//! code inside its paragraph. They return paragraphs or an error, never
//! panic or hang; seeds are the samples as .docx and .html and the press
//! release in every format (fuzz/seed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_segment::{
    Format, InlineCode, SubtitleKind, docx_paragraphs, html_paragraphs, markdown_paragraphs,
    odt_paragraphs, pdf_paragraphs, subtitle_paragraphs,
};

fuzz_target!(|data: &[u8]| {
    let mut paragraphs = match Format::detect(data) {
        Ok(Format::Docx) => docx_paragraphs(data).unwrap_or_default(),
        Ok(Format::Odt) => odt_paragraphs(data).unwrap_or_default(),
        Ok(Format::Html) => html_paragraphs(&String::from_utf8_lossy(data)),
        Ok(Format::Pdf) => pdf_paragraphs(data).unwrap_or_default(),
        _ => Vec::new(),
    };
    // Markdown and subtitles are told by name, so any text may be read as
    // them.
    let text = String::from_utf8_lossy(data);
    paragraphs.extend(markdown_paragraphs(&text));
    for kind in [SubtitleKind::SubRip, SubtitleKind::WebVtt] {
        for cue in subtitle_paragraphs(&text, kind).unwrap_or_default() {
            let (start, end) = cue.time.expect("a cue has its time");
            assert!(start <= end);
            paragraphs.push(cue);
        }
    }
    for paragraph in &paragraphs {
        let text = &paragraph.text;
        assert!(!text.trim().is_empty());
        // Every code stands inside its paragraph, on a character boundary.
        for code in &paragraph.codes {
            let (start, end) = match code {
                InlineCode::Paired { range, .. } => (range.start, range.end),
                InlineCode::Placeholder { at, .. } => (*at, *at),
            };
            assert!(start <= end && end <= text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
});
