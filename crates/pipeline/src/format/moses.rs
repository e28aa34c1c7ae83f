//! Moses-style parallel text: two line-aligned files, one unit per line,
//! the input of Moses, fast_align and most corpus tools. Texts only.

use std::io::{self, Write};

use super::{Memory, MemoryError, MemoryUnit, PairWriter, Unit};

/// A text on one line: line breaks (which a sentence rarely holds) become
/// spaces, since a line is a unit.
pub fn one_line(text: &str) -> String {
    text.replace(['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}'], " ")
}

/// The two files, a line each per unit.
pub struct Writer<'w> {
    src: Box<dyn Write + 'w>,
    tgt: Box<dyn Write + 'w>,
}

impl<'w> Writer<'w> {
    /// A writer of the source's and the target's files.
    pub fn new(src: Box<dyn Write + 'w>, tgt: Box<dyn Write + 'w>) -> Writer<'w> {
        Writer { src, tgt }
    }
}

impl PairWriter for Writer<'_> {
    fn write(&mut self, unit: &Unit<'_>) -> io::Result<()> {
        writeln!(self.src, "{}", one_line(&unit.source))?;
        writeln!(self.tgt, "{}", one_line(&unit.target))
    }

    fn finish(mut self: Box<Self>) -> io::Result<usize> {
        self.src.flush()?;
        self.tgt.flush()?;
        Ok(0)
    }
}

/// Reads the two files' texts, line by line, as units of `languages`.
pub fn read(
    source: &str,
    target: &str,
    (src_lang, tgt_lang): (&str, &str),
) -> Result<Memory, MemoryError> {
    let (sources, targets): (Vec<&str>, Vec<&str>) =
        (source.lines().collect(), target.lines().collect());
    if sources.len() != targets.len() {
        return Err(MemoryError::MosesLines {
            source_lines: sources.len(),
            target_lines: targets.len(),
        });
    }
    let mut memory = Memory::new(src_lang.to_string(), tgt_lang.to_string());
    memory.units = sources
        .into_iter()
        .zip(targets)
        .map(|(source, target)| MemoryUnit {
            id: None,
            source: source.to_string(),
            target: target.to_string(),
            props: Vec::new(),
        })
        .collect();
    Ok(memory)
}
