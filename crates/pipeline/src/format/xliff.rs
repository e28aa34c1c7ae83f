//! XLIFF 1.2 ([`tandem_tmx::XliffWriter`]): a unit's confidence and flags
//! travel in its note (`confidence 0.9370; flags: numbers-differ`), and
//! come back as properties.

use std::borrow::Cow;
use std::io::{self, Write};

use tandem_tmx::{XliffFile, XliffUnit, XliffWriter, read_xliff};

use super::{Memory, MemoryError, MemoryInfo, MemoryUnit, PairWriter, Unit};

/// `20240121T080000Z` (TMX's basic form) as `2024-01-21T08:00:00Z`, as
/// XLIFF writes dates; anything else as it is.
pub fn iso_date(basic: &str) -> String {
    let b = basic.as_bytes();
    if b.len() == 16 && b[8] == b'T' && b[15] == b'Z' {
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &basic[0..4],
            &basic[4..6],
            &basic[6..8],
            &basic[9..11],
            &basic[11..13],
            &basic[13..15]
        )
    } else {
        basic.to_string()
    }
}

/// Units as `<trans-unit>`s in one `<file>`.
pub struct Writer<'w> {
    writer: XliffWriter<Box<dyn Write + 'w>>,
}

impl<'w> Writer<'w> {
    /// Writes the `<file>` and its header: the document as `original`.
    pub fn new(out: Box<dyn Write + 'w>, memory: &MemoryInfo<'_>) -> io::Result<Writer<'w>> {
        let file = XliffFile {
            original: memory.document.unwrap_or_default().to_string(),
            source_language: memory.src_lang.to_string(),
            target_language: memory.tgt_lang.to_string(),
            date: Some(iso_date(memory.creation_date)),
            tool_version: env!("CARGO_PKG_VERSION").into(),
        };
        Ok(Writer {
            writer: XliffWriter::new(out, &file)?,
        })
    }
}

impl PairWriter for Writer<'_> {
    fn write(&mut self, unit: &Unit<'_>) -> io::Result<()> {
        let mut note = Vec::new();
        note.extend(unit.prop("x-confidence").map(|c| format!("confidence {c}")));
        note.extend(unit.prop("x-flags").map(|f| format!("flags: {f}")));
        self.writer.write_unit(&XliffUnit {
            id: Cow::Borrowed(&unit.id),
            source: Cow::Borrowed(&unit.source),
            target: Cow::Borrowed(&unit.target),
            note: (!note.is_empty()).then(|| Cow::Owned(note.join("; "))),
        })
    }

    fn finish(self: Box<Self>) -> io::Result<usize> {
        let (_, stats) = self.writer.finish()?;
        Ok(stats.removed_characters)
    }
}

/// Reads an XLIFF 1.x file: its `<file>`'s languages unless given, every
/// unit, and tandem's notes as properties (`x-confidence`, `x-flags`; any
/// other note as `x-note`).
pub fn read(bytes: &[u8], (src, tgt): (Option<&str>, Option<&str>)) -> Result<Memory, MemoryError> {
    let (file, units) = read_xliff(bytes)?;
    let mut memory = Memory::new(
        src.map_or(file.source_language, str::to_string),
        tgt.map_or(file.target_language, str::to_string),
    );
    for unit in units {
        let mut props = Vec::new();
        for part in unit.note.iter().flat_map(|n| n.split("; ")) {
            if let Some(confidence) = part.strip_prefix("confidence ") {
                props.push(("x-confidence".to_string(), confidence.to_string()));
            } else if let Some(flags) = part.strip_prefix("flags: ") {
                props.push(("x-flags".to_string(), flags.to_string()));
            } else if !part.is_empty() {
                props.push(("x-note".to_string(), part.to_string()));
            }
        }
        memory.units.push(MemoryUnit {
            id: Some(unit.id.into_owned()).filter(|id| !id.is_empty()),
            source: unit.source.into_owned(),
            target: unit.target.into_owned(),
            props,
        });
    }
    Ok(memory)
}
