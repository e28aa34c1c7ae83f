//! TMX 1.4b out ([`tandem_tmx::TmxWriter`]); TMX 1.1–1.4b in.

use std::borrow::Cow;
use std::io::{self, Write};

use tandem_tmx::{Header, SegType, TmxReader, TmxWriter, TranslationUnit, language_pair};

use super::{Memory, MemoryError, MemoryInfo, MemoryUnit, PairWriter, Unit};

/// The header of every TMX tandem writes.
pub fn header(srclang: &str, segtype: SegType, creation_date: &str) -> Header {
    Header {
        creation_tool: "tandem".into(),
        creation_tool_version: env!("CARGO_PKG_VERSION").into(),
        segtype,
        srclang: srclang.to_string(),
        adminlang: "en".into(),
        creation_date: Some(creation_date.to_string()),
    }
}

/// Units as `<tu>`s: the unit's id as `tuid`, its props, the two variants.
pub struct Writer<'w> {
    writer: TmxWriter<Box<dyn Write + 'w>>,
    languages: (String, String),
}

impl<'w> Writer<'w> {
    /// Writes the header.
    pub fn new(out: Box<dyn Write + 'w>, memory: &MemoryInfo<'_>) -> io::Result<Writer<'w>> {
        let header = header(memory.src_lang, memory.segtype, memory.creation_date);
        Ok(Writer {
            writer: TmxWriter::new(out, &header)?,
            languages: (memory.src_lang.to_string(), memory.tgt_lang.to_string()),
        })
    }
}

/// A borrow of text however it is held.
fn borrow(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

impl PairWriter for Writer<'_> {
    fn write(&mut self, unit: &Unit<'_>) -> io::Result<()> {
        if let Some((source, target)) = &unit.segments {
            let props: Vec<(&str, &str)> = unit
                .props
                .iter()
                .map(|(k, v)| (k.as_ref(), v.as_ref()))
                .collect();
            return self.writer.write_segments(
                &unit.id,
                &props,
                &[(&self.languages.0, source), (&self.languages.1, target)],
            );
        }
        self.writer.write_unit(&TranslationUnit {
            tuid: borrow(&unit.id),
            props: unit
                .props
                .iter()
                .map(|(k, v)| (borrow(k), borrow(v)))
                .collect(),
            variants: vec![
                (Cow::Borrowed(&self.languages.0), borrow(&unit.source)),
                (Cow::Borrowed(&self.languages.1), borrow(&unit.target)),
            ],
        })
    }

    fn finish(self: Box<Self>) -> io::Result<usize> {
        let (_, stats) = self.writer.finish()?;
        Ok(stats.removed_characters)
    }
}

/// Reads a TMX file's units in the language pair `languages` (each tag
/// when given, else the file's: [`language_pair`]); a unit's variant is the
/// one whose language best matches. Units without both languages are
/// counted as skipped.
pub fn read(bytes: &[u8], (src, tgt): (Option<&str>, Option<&str>)) -> Result<Memory, MemoryError> {
    let (src_lang, tgt_lang) = match (src, tgt) {
        (Some(src), Some(tgt)) => (src.to_string(), tgt.to_string()),
        _ => language_pair(TmxReader::new(bytes)?, src, tgt)?,
    };
    let mut memory = Memory::new(src_lang, tgt_lang);
    for unit in TmxReader::new(bytes)? {
        let unit = unit?;
        match (
            unit.variant(&memory.src_lang),
            unit.variant(&memory.tgt_lang),
        ) {
            (Some(source), Some(target)) => memory.units.push(MemoryUnit {
                id: unit.tuid.clone(),
                source: source.to_string(),
                target: target.to_string(),
                props: unit.props.clone(),
            }),
            _ => memory.skipped += 1,
        }
    }
    Ok(memory)
}
