//! Paths in, a [`DocumentPair`] out: each file read within its size limit
//! (standard input for `-`), then decoded, identified and segmented by
//! `tandem-segment`, its errors put in the command line's words.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use tandem_segment::{DocumentPair, Format, InputError, Side};

use crate::args::ReadSettings;
use crate::files::{document_name, read_bounded};
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
        return DocumentPair::read_interleaved(&name, bytes, settings.encodings.0, options)
            .map_err(|e| anyhow!(document_error(source, None, &e)));
    };
    if source == Path::new("-") && target == Path::new("-") {
        bail!("standard input can be one of the two files, not both");
    }
    // Each side read and checked before the next is opened: an error names
    // the first file that has one.
    let read_side = |path: &Path, encoding, given, option| -> Result<_> {
        let bytes = read_bounded(path, settings.max_input_size)?;
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
