//! Tab-separated values, for spreadsheets: a header of the two languages,
//! then source, target, confidence and flags per line. Tabs, line ends and
//! backslashes in a text are backslash escapes, so a row stays one line.

use std::io::{self, Write};

use super::{Memory, MemoryError, MemoryInfo, MemoryUnit, PairWriter, Unit};
use tandem_text::LanguageTag;

/// A TSV field: backslash escapes for the characters that would break the
/// row (tab, line ends) and for the backslash itself.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// A field as [`escape`] wrote it, unescaped; a backslash before anything
/// else stays as it is.
pub fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Rows of source, target, confidence, flags.
pub struct Writer<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> Writer<'w> {
    /// Writes the header: the two languages, `confidence`, `flags`.
    pub fn new(mut out: Box<dyn Write + 'w>, memory: &MemoryInfo<'_>) -> io::Result<Writer<'w>> {
        writeln!(
            out,
            "{}\t{}\tconfidence\tflags",
            memory.src_lang, memory.tgt_lang
        )?;
        Ok(Writer { out })
    }
}

impl PairWriter for Writer<'_> {
    fn write(&mut self, unit: &Unit<'_>) -> io::Result<()> {
        writeln!(
            self.out,
            "{}\t{}\t{}\t{}",
            escape(&unit.source),
            escape(&unit.target),
            unit.prop("x-confidence").unwrap_or_default(),
            unit.prop("x-flags").unwrap_or_default()
        )
    }

    fn finish(mut self: Box<Self>) -> io::Result<usize> {
        self.out.flush()?;
        Ok(0)
    }
}

/// Reads a TSV memory: the languages from the header (unless given), then
/// one unit per line, confidence and flags as properties. The first line
/// is the header when its first two fields are language tags or the column
/// names `source` and `target`; else it is a unit (a sheet without a
/// header, its languages given).
pub fn read(text: &str, (src, tgt): (Option<&str>, Option<&str>)) -> Result<Memory, MemoryError> {
    let first: Vec<&str> = text
        .lines()
        .next()
        .unwrap_or_default()
        .split('\t')
        .collect();
    let tag = |k: usize| {
        first
            .get(k)
            .map(|t| t.trim())
            .filter(|t| LanguageTag::parse(t).is_ok())
    };
    let column_name = |k: usize| {
        first.get(k).is_some_and(|name| {
            matches!(
                name.trim().to_lowercase().as_str(),
                "source" | "target" | "src" | "tgt" | "source text" | "target text"
            )
        })
    };
    let has_header = (tag(0).is_some() && tag(1).is_some()) || (column_name(0) && column_name(1));
    let (Some(src_lang), Some(tgt_lang)) = (src.or_else(|| tag(0)), tgt.or_else(|| tag(1))) else {
        return Err(MemoryError::TsvHeader);
    };
    let mut memory = Memory::new(src_lang.to_string(), tgt_lang.to_string());
    let skip = usize::from(has_header);
    for (number, line) in text.lines().enumerate().skip(skip) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 2 {
            return Err(MemoryError::TsvLine(number + 1));
        }
        let mut props = Vec::new();
        if let Some(confidence) = fields.get(2).filter(|f| !f.is_empty()) {
            props.push(("x-confidence".to_string(), confidence.to_string()));
        }
        if let Some(flags) = fields.get(3).filter(|f| !f.is_empty()) {
            props.push(("x-flags".to_string(), flags.to_string()));
        }
        memory.units.push(MemoryUnit {
            id: None,
            source: unescape(fields[0]),
            target: unescape(fields[1]),
            props,
        });
    }
    Ok(memory)
}
