//! One JSON object per line. A unit of a fresh alignment is written with
//! its bead (sentence ids, input lines, confidence, flags); a unit of a
//! memory with its properties. Both read back.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::{Memory, MemoryError, MemoryInfo, MemoryUnit, PairWriter, Unit, line_span};

/// A pair of a fresh alignment, as `tandem align --format jsonl` writes it.
#[derive(Serialize)]
struct AlignedPair<'a> {
    id: usize,
    document: &'a str,
    src_lang: &'a str,
    tgt_lang: &'a str,
    source: &'a str,
    target: &'a str,
    source_sentences: Vec<usize>,
    target_sentences: Vec<usize>,
    source_lines: Option<String>,
    target_lines: Option<String>,
    confidence: f64,
    flags: Vec<&'static str>,
}

/// A line as read: an aligned pair's fields, or a memory unit's `props`.
#[derive(Deserialize, Serialize)]
struct JsonUnit<'a> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<serde_json::Value>,
    src_lang: std::borrow::Cow<'a, str>,
    tgt_lang: std::borrow::Cow<'a, str>,
    source: std::borrow::Cow<'a, str>,
    target: std::borrow::Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    flags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document: Option<String>,
    /// Every property, in order, as TMX holds them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    props: Vec<(std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
}

/// One object per unit.
pub struct Writer<'w> {
    out: Box<dyn Write + 'w>,
    src_lang: String,
    tgt_lang: String,
    document: String,
}

impl<'w> Writer<'w> {
    /// A writer of units in `memory`'s languages.
    pub fn new(out: Box<dyn Write + 'w>, memory: &MemoryInfo<'_>) -> Writer<'w> {
        Writer {
            out,
            src_lang: memory.src_lang.to_string(),
            tgt_lang: memory.tgt_lang.to_string(),
            document: memory.document.unwrap_or_default().to_string(),
        }
    }
}

impl PairWriter for Writer<'_> {
    fn write(&mut self, unit: &Unit<'_>) -> io::Result<()> {
        match &unit.aligned {
            Some(aligned) => serde_json::to_writer(
                &mut self.out,
                &AlignedPair {
                    id: aligned.number,
                    document: &self.document,
                    src_lang: &self.src_lang,
                    tgt_lang: &self.tgt_lang,
                    source: &unit.source,
                    target: &unit.target,
                    source_sentences: aligned.bead.src.clone().collect(),
                    target_sentences: aligned.bead.tgt.clone().collect(),
                    source_lines: aligned.src_lines.map(line_span),
                    target_lines: aligned.tgt_lines.map(line_span),
                    confidence: (aligned.score.confidence * 10_000.0).round() / 10_000.0,
                    flags: aligned.score.flags.iter().map(|f| f.kind.id()).collect(),
                },
            )?,
            None => serde_json::to_writer(
                &mut self.out,
                &JsonUnit {
                    id: Some(serde_json::Value::String(unit.id.to_string())),
                    src_lang: (&*self.src_lang).into(),
                    tgt_lang: (&*self.tgt_lang).into(),
                    source: (&*unit.source).into(),
                    target: (&*unit.target).into(),
                    confidence: None,
                    flags: Vec::new(),
                    document: None,
                    props: unit
                        .props
                        .iter()
                        .map(|(k, v)| ((&**k).into(), (&**v).into()))
                        .collect(),
                },
            )?,
        }
        self.out.write_all(b"\n")
    }

    fn finish(mut self: Box<Self>) -> io::Result<usize> {
        self.out.flush()?;
        Ok(0)
    }
}

/// Reads JSONL: units as either kind of line writes them (an aligned
/// pair's confidence, flags and document become properties, as its TMX
/// would hold them); the languages of the first line unless given.
pub fn read(text: &str, (src, tgt): (Option<&str>, Option<&str>)) -> Result<Memory, MemoryError> {
    let mut memory = Memory::new(
        src.unwrap_or_default().to_string(),
        tgt.unwrap_or_default().to_string(),
    );
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let unit: JsonUnit<'_> = serde_json::from_str(line).map_err(|error| MemoryError::Json {
            line: number + 1,
            error,
        })?;
        if memory.src_lang.is_empty() {
            memory.src_lang = unit.src_lang.into_owned();
        }
        if memory.tgt_lang.is_empty() {
            memory.tgt_lang = unit.tgt_lang.into_owned();
        }
        let mut props: Vec<(String, String)> = unit
            .props
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if props.is_empty() {
            // An aligned pair's fields, as the TMX it would have written has them.
            props.extend(
                unit.confidence
                    .map(|c| ("x-confidence".to_string(), format!("{c:.4}"))),
            );
            if !unit.flags.is_empty() {
                props.push(("x-flags".to_string(), unit.flags.join(",")));
            }
            props.extend(unit.document.map(|d| ("x-document".to_string(), d)));
        }
        memory.units.push(MemoryUnit {
            id: unit.id.map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            }),
            source: unit.source.into_owned(),
            target: unit.target.into_owned(),
            props,
        });
    }
    if memory.src_lang.is_empty() || memory.tgt_lang.is_empty() {
        return Err(MemoryError::NoLanguages);
    }
    Ok(memory)
}
