//! The formats a memory is written in and read from: one writer and one
//! reader per format, shared by everything that writes or reads pairs.
//!
//! A writer is a [`PairWriter`]: it gets the memory's [`MemoryInfo`] when it
//! is made, then one [`Unit`] at a time, and keeps nothing: memory stays
//! constant however many units pass. A unit's texts are borrowed from
//! whoever holds them. Units of a fresh alignment carry their bead
//! ([`AlignedUnit`]), which the beads format and JSONL also write.
//!
//! A reader returns a [`Memory`]: its languages and owned units, each with
//! its properties as TMX holds them (`x-confidence`, `x-flags`,
//! `x-document` …), so that a memory converted from one format to another
//! keeps what both formats have room for.

pub mod beads;
pub mod jsonl;
pub mod moses;
pub mod tmx;
pub mod tsv;
pub mod xliff;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tandem_align::Bead;
use tandem_score::Score;
use tandem_text::{LanguageTag, TagStyle};
use tandem_tmx::{Element, LanguagePairError, ReadError, SegType};

/// The formats pairs are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// TMX 1.4b.
    Tmx,
    /// Tab-separated: source, target, confidence, flags.
    Tsv,
    /// One JSON object per pair.
    Jsonl,
    /// The alignment itself: `[src ids]:[tgt ids]:confidence` per bead,
    /// 0-based sentence ids, as in gold alignments.
    Beads,
    /// XLIFF 1.2: trans-units with source, target and a note (confidence, flags).
    Xliff,
    /// Moses-style parallel text: two line-aligned files, OUTPUT.SRC and OUTPUT.TGT (language tags).
    Moses,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [
        Format::Tmx,
        Format::Tsv,
        Format::Jsonl,
        Format::Beads,
        Format::Xliff,
        Format::Moses,
    ];

    /// The name users give it (`--format`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Beads => "beads",
            Format::Xliff => "xliff",
            Format::Moses => "moses",
        }
    }

    /// How people write it in prose: `TMX`, `TSV` …
    pub fn title(self) -> &'static str {
        match self {
            Format::Tmx => "TMX",
            Format::Tsv => "TSV",
            Format::Jsonl => "JSONL",
            Format::Beads => "beads",
            Format::Xliff => "XLIFF",
            Format::Moses => "Moses",
        }
    }

    /// The extension of its files (`tmx`, `xlf` …); none for Moses, whose
    /// two files are named by their languages.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Beads => "beads",
            Format::Xliff => "xlf",
            Format::Moses => "",
        }
    }

    /// The format a file's extension names, in any case: `.tmx`; `.tsv`,
    /// `.tab`; `.jsonl`, `.ndjson`; `.beads`; `.xlf`, `.xliff`.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "tmx" => Format::Tmx,
            "tsv" | "tab" => Format::Tsv,
            "jsonl" | "ndjson" => Format::Jsonl,
            "beads" => Format::Beads,
            "xlf" | "xliff" => Format::Xliff,
            _ => return None,
        })
    }

    /// Whether the format holds a memory's texts, so that it can be read
    /// back into one (all but beads, which holds sentence ids only).
    pub fn holds_texts(self) -> bool {
        self != Format::Beads
    }
}

/// What a writer knows of the whole memory.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryInfo<'a> {
    /// The source language, as written (a BCP 47 tag).
    pub src_lang: &'a str,
    /// The target language.
    pub tgt_lang: &'a str,
    /// The document the units come from, for one document's alignment.
    pub document: Option<&'a str>,
    /// Sentences or paragraphs.
    pub segtype: SegType,
    /// The creation date, in TMX's basic form (`20240121T080000Z`).
    pub creation_date: &'a str,
}

/// One translation unit as the formats write it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit<'a> {
    /// Its identifier (`tuid`, XLIFF `id`).
    pub id: Cow<'a, str>,
    /// The source text.
    pub source: Cow<'a, str>,
    /// The target text.
    pub target: Cow<'a, str>,
    /// Properties, as TMX `prop`s, in order: `x-confidence`, `x-flags` …
    pub props: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// The source and target as TMX `<seg>`s with inline codes, when the
    /// documents had formatting: what the formats that hold codes (TMX,
    /// XLIFF) write instead of the plain texts.
    pub segments: Option<(Element, Element)>,
    /// For a unit of a fresh alignment, its bead.
    pub aligned: Option<AlignedUnit<'a>>,
}

impl Unit<'_> {
    /// The value of the first property of this type.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, v)| v.as_ref())
    }
}

/// What a unit of a fresh alignment holds besides its texts.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedUnit<'a> {
    /// 1-based number among the pairs written.
    pub number: usize,
    /// The bead, in sentence ids.
    pub bead: &'a Bead,
    /// Its rating.
    pub score: &'a Score,
    /// 1-based first and last input line of the source side…
    pub src_lines: Option<(usize, usize)>,
    /// …and of the target side.
    pub tgt_lines: Option<(usize, usize)>,
}

/// A pair's confidence and flags as TMX props: `x-confidence` (four
/// decimals), and `x-flags` (ids, comma-separated) when there are any.
pub fn quality_props(score: &Score) -> Vec<(Cow<'static, str>, Cow<'static, str>)> {
    let mut props = vec![(
        Cow::Borrowed("x-confidence"),
        Cow::Owned(format!("{:.4}", score.confidence)),
    )];
    if !score.flags.is_empty() {
        props.push((Cow::Borrowed("x-flags"), Cow::Owned(flag_ids(score))));
    }
    props
}

/// A pair's flag ids, comma-separated.
fn flag_ids(score: &Score) -> String {
    score
        .flags
        .iter()
        .map(|f| f.kind.id())
        .collect::<Vec<_>>()
        .join(",")
}

/// A language tag as every writer writes it: the well-formed BCP 47 form of
/// what a file or a user wrote (`zh_CN` and `ZH-cn` are `zh-CN`:
/// [`LanguageTag::read`]), in `style`. A tag that is no language tag at all
/// is written as it was: not ours to guess.
pub fn written_tag(tag: &str, style: TagStyle) -> String {
    match LanguageTag::read(tag) {
        Ok(parsed) => parsed.styled(style).to_string(),
        Err(_) => tag.to_string(),
    }
}

/// Input lines as outputs write them: `3` for one line, `3-5` for several.
pub(crate) fn line_span(range: (usize, usize)) -> String {
    if range.0 == range.1 {
        range.0.to_string()
    } else {
        format!("{}-{}", range.0, range.1)
    }
}

/// A format's writer: one unit at a time, in order.
pub trait PairWriter {
    /// Writes one unit.
    fn write(&mut self, unit: &Unit<'_>) -> io::Result<()>;
    /// Writes a bead with an empty side, which is no unit: only the beads
    /// format, which writes the whole alignment, has room for it.
    fn write_unaligned(&mut self, _bead: &Bead, _score: &Score) -> io::Result<()> {
        Ok(())
    }
    /// Ends the output; returns how many characters XML could not hold
    /// (left out).
    fn finish(self: Box<Self>) -> io::Result<usize>;
}

/// Where a format's bytes go: one stream, or two for Moses's two files.
pub enum Outputs<'w> {
    /// One stream.
    One(Box<dyn Write + 'w>),
    /// The source's and the target's streams.
    Two(Box<dyn Write + 'w>, Box<dyn Write + 'w>),
}

/// A writer of `format` over `outputs` (two streams for Moses, else one).
pub fn writer<'w>(
    format: Format,
    outputs: Outputs<'w>,
    memory: &MemoryInfo<'_>,
) -> io::Result<Box<dyn PairWriter + 'w>> {
    let out = match (format, outputs) {
        (Format::Moses, Outputs::Two(src, tgt)) => {
            return Ok(Box::new(moses::Writer::new(src, tgt)));
        }
        (Format::Moses, Outputs::One(_)) => {
            return Err(io::Error::other("Moses writes two files"));
        }
        (_, Outputs::One(out)) => out,
        (_, Outputs::Two(..)) => return Err(io::Error::other("one output expected")),
    };
    Ok(match format {
        Format::Tmx => Box::new(tmx::Writer::new(out, memory)?),
        Format::Xliff => Box::new(xliff::Writer::new(out, memory)?),
        Format::Tsv => Box::new(tsv::Writer::new(out, memory)?),
        Format::Jsonl => Box::new(jsonl::Writer::new(out, memory)),
        Format::Beads => Box::new(beads::Writer::new(out)),
        Format::Moses => unreachable!("handled above"),
    })
}

/// The two files of Moses's format for the output `prefix`: `PREFIX.SRC`
/// and `PREFIX.TGT`, named by the languages' tags.
pub fn moses_paths(prefix: &Path, src_lang: &str, tgt_lang: &str) -> (PathBuf, PathBuf) {
    let with = |tag: &str| {
        let mut name = prefix.as_os_str().to_os_string();
        name.push(".");
        name.push(tag);
        PathBuf::from(name)
    };
    (with(src_lang), with(tgt_lang))
}

/// A memory read from a file: its languages and units.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory {
    /// The source language, as the file writes it.
    pub src_lang: String,
    /// The target language.
    pub tgt_lang: String,
    /// The units with both languages, in file order.
    pub units: Vec<MemoryUnit>,
    /// Units left out because a language was missing.
    pub skipped: usize,
}

/// One unit of a [`Memory`].
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryUnit {
    /// Its identifier, when the file gives one.
    pub id: Option<String>,
    /// The source text.
    pub source: String,
    /// The target text.
    pub target: String,
    /// Its properties, in file order (TMX's `prop`s).
    pub props: Vec<(String, String)>,
}

impl Memory {
    /// An empty memory of two languages.
    pub fn new(src_lang: String, tgt_lang: String) -> Memory {
        Memory {
            src_lang,
            tgt_lang,
            units: Vec::new(),
            skipped: 0,
        }
    }

    /// Writes every unit (numbered from 1 where a unit has no id) to
    /// `writer`, and ends it.
    pub fn write_to(&self, mut writer: Box<dyn PairWriter + '_>) -> io::Result<usize> {
        for (k, unit) in self.units.iter().enumerate() {
            writer.write(&Unit {
                id: match &unit.id {
                    Some(id) => Cow::Borrowed(id),
                    None => Cow::Owned((k + 1).to_string()),
                },
                source: Cow::Borrowed(&unit.source),
                target: Cow::Borrowed(&unit.target),
                props: unit
                    .props
                    .iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Cow::Borrowed(v.as_str())))
                    .collect(),
                segments: None,
                aligned: None,
            })?;
        }
        writer.finish()
    }
}

/// Why a memory could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// Not well-formed TMX or XLIFF.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The TMX file's languages cannot be told.
    #[error(transparent)]
    Languages(#[from] LanguagePairError),
    /// A TSV file without its header of languages.
    #[error("the first line names the languages (zh-CN<TAB>en<TAB>confidence<TAB>flags)")]
    TsvHeader,
    /// A TSV line without two fields.
    #[error("line {0}: expected source<TAB>target")]
    TsvLine(usize),
    /// A JSONL line that is not a unit.
    #[error("line {line}: {error}")]
    Json {
        /// 1-based line.
        line: usize,
        /// What serde_json found.
        error: serde_json::Error,
    },
    /// Neither the file nor the caller names the languages.
    #[error("no languages in the file")]
    NoLanguages,
    /// Moses files of different lengths.
    #[error(
        "the source has {source_lines} lines and the target {target_lines}: Moses files are line-aligned"
    )]
    MosesLines {
        /// Lines of the source file.
        source_lines: usize,
        /// Lines of the target file.
        target_lines: usize,
    },
}

#[cfg(test)]
mod tests;
