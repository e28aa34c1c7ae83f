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
        if let Some((source, target)) = &unit.segments {
            let note = note_of(unit.prop("x-confidence"), unit.prop("x-flags"));
            return self
                .writer
                .write_segments(&unit.id, (source, target), note.as_deref());
        }
        self.writer.write_unit(&XliffUnit {
            id: Cow::Borrowed(&unit.id),
            source: Cow::Borrowed(&unit.source),
            target: Cow::Borrowed(&unit.target),
            note: note_of(unit.prop("x-confidence"), unit.prop("x-flags")).map(Cow::Owned),
        })
    }

    fn finish(self: Box<Self>) -> io::Result<usize> {
        let (_, stats) = self.writer.finish()?;
        Ok(stats.removed_characters)
    }
}

/// A unit's confidence and flags as an XLIFF note (`confidence 0.93;
/// flags: weak`), `None` without either.
pub fn note_of(confidence: Option<&str>, flags: Option<&str>) -> Option<String> {
    let mut note = Vec::new();
    note.extend(confidence.map(|c| format!("confidence {c}")));
    note.extend(flags.map(|f| format!("flags: {f}")));
    (!note.is_empty()).then(|| note.join("; "))
}

/// A note as [`note_of`] writes it, back as TMX props: `x-confidence`,
/// `x-flags`, and any other part as `x-note`.
pub fn note_props(note: &str) -> Vec<(&'static str, &str)> {
    note.split("; ")
        .filter(|part| !part.is_empty())
        .map(|part| {
            if let Some(confidence) = part.strip_prefix("confidence ") {
                ("x-confidence", confidence)
            } else if let Some(flags) = part.strip_prefix("flags: ") {
                ("x-flags", flags)
            } else {
                ("x-note", part)
            }
        })
        .collect()
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
        let props = note_props(unit.note.as_deref().unwrap_or_default())
            .into_iter()
            .map(|(kind, value)| (kind.to_string(), value.to_string()))
            .collect();
        memory.units.push(MemoryUnit {
            id: Some(unit.id.into_owned()).filter(|id| !id.is_empty()),
            source: unit.source.into_owned(),
            target: unit.target.into_owned(),
            props,
        });
    }
    Ok(memory)
}
