//! Paths in, a [`DocumentPair`] out: each file read within its size limit
//! (standard input for `-`), then decoded, identified and segmented by
//! `tandem-segment`, its errors put in the command line's words.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use tandem_pipeline::xliff_input::{
    XliffInputError, XliffPart, is_xliff, is_xliff_name, read_xliff_document, xliff_side,
};
use tandem_segment::{DocumentPair, Format, InputError, Side};
use tandem_text::LanguageTag;

use crate::args::ReadSettings;
use crate::files::{display, document_name, read_bounded};
use crate::messages::{EncodingOption, document_error, input_error};

/// Reads the document `source` and its translation `target`, or, without
/// `target`, the interleaved bilingual file `source`.
pub fn read_document(
    source: &Path,
    target: Option<&Path>,
    settings: &ReadSettings<'_>,
) -> Result<DocumentPair> {
    let options = &settings.options;
    let name = document_name(source);
    let Some(target) = target else {
        let bytes = read_bounded(source, settings.max_input_size)?;
        // A bilingual XLIFF file: its units already paired.
        if is_xliff_input(source, &bytes, settings) {
            return read_xliff_document(&name, &bytes, options).map_err(|e| match e {
                XliffInputError::Document(e) => anyhow!(document_error(source, None, &e)),
                e => anyhow!("{}: {e}", display(source)),
            });
        }
        return DocumentPair::read_interleaved(&name, bytes, settings.encodings.0, options)
            .map_err(|e| anyhow!(document_error(source, None, &e)));
    };
    if source == Path::new("-") && target == Path::new("-") {
        bail!("standard input can be one of the two files, not both");
    }
    // Each side read and checked before the next is opened: an error names
    // the first file that has one.
    let read_side = |path: &Path, encoding, given: Option<&LanguageTag>, option| -> Result<_> {
        let bytes = read_bounded(path, settings.max_input_size)?;
        // One side of an XLIFF file: its sources given as the source, its
        // targets as the target.
        if is_xliff_input(path, &bytes, settings) {
            let part = match option {
                EncodingOption::Target => XliffPart::Target,
                _ => XliffPart::Source,
            };
            let (paragraphs, declared) =
                xliff_side(&bytes, part).map_err(|e| anyhow!("{}: {e}", display(path)))?;
            return Side::from_paragraphs(&paragraphs, given.or(declared.as_ref()), options)
                .map_err(|e| anyhow!(input_error(path, &e, option)));
        }
        let format = format_of(path, &bytes, settings.input_format)
            .map_err(|e| anyhow!(input_error(path, &e, option)))?;
        Side::read_as(bytes, encoding, Some(format), given, options)
            .map_err(|e| anyhow!(input_error(path, &e, option)))
    };
    let src = read_side(
        source,
        settings.encodings.0,
        options.src_lang,
        EncodingOption::Source,
    )?;
    let tgt = read_side(
        target,
        settings.encodings.1,
        options.tgt_lang,
        EncodingOption::Target,
    )?;
    DocumentPair::from_sides(&name, src, tgt)
        .map_err(|e| anyhow!(document_error(source, Some(target), &e)))
}

/// The format to read the file `path` in: the one the user gave, else the
/// one its content and then its name tell ([`Format::choose`]).
pub fn format_of(path: &Path, bytes: &[u8], given: Option<Format>) -> Result<Format, InputError> {
    if let Some(format) = given {
        return Ok(format);
    }
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    Ok(Format::choose(bytes, by_name)?)
}

/// Whether the file `path` is to be read as XLIFF: the user said so, or
/// nothing else was said and its name or root element says so.
fn is_xliff_input(path: &Path, bytes: &[u8], settings: &ReadSettings<'_>) -> bool {
    settings.xliff || (settings.input_format.is_none() && (is_xliff_name(path) || is_xliff(bytes)))
}
