//! Output formats: each one a [`PairWriter`].

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tandem_align::Bead;
use tandem_score::Score;
use tandem_tmx::{Header, TmxWriter, TranslationUnit, XliffFile, XliffUnit, XliffWriter};

/// One bead of the alignment with everything a format may write about it.
pub struct Row<'a> {
    /// 1-based number of the pair among the pairs written (not counting
    /// beads with an empty side).
    pub number: usize,
    pub bead: &'a Bead,
    pub source: String,
    pub target: String,
    pub score: &'a Score,
    /// 1-based first and last input lines of each side, if not empty.
    pub src_lines: Option<(usize, usize)>,
    pub tgt_lines: Option<(usize, usize)>,
}

/// What a writer needs to know about the whole document.
pub struct Context<'a> {
    pub document: &'a str,
    pub src_lang: &'a str,
    pub tgt_lang: &'a str,
}

/// An output format. Beads arrive in document order; a format that holds
/// only translation pairs skips the beads with an empty side.
pub trait PairWriter {
    /// Writes one bead; returns whether it was written.
    fn write(&mut self, row: &Row<'_>, context: &Context<'_>) -> io::Result<bool>;
    /// Ends the output; returns how many characters XML could not hold.
    fn finish(self: Box<Self>) -> io::Result<usize>;
}

/// The formats `--format` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// TMX 1.4b.
    Tmx,
    /// Tab-separated: source, target, confidence, flags.
    Tsv,
    /// One JSON object per pair.
    Jsonl,
    /// The alignment itself: `[src ids]:[tgt ids]:confidence` per bead,
    /// 0-based sentence ids, as in ../shared/eval.
    Beads,
    /// XLIFF 1.2: trans-units with source, target and a note (confidence, flags).
    Xliff,
    /// Moses-style parallel text: two line-aligned files, OUTPUT.SRC and OUTPUT.TGT (language tags).
    Moses,
}

/// Where a format's bytes go: one stream, or two for Moses's two files.
pub enum Sink<'w> {
    One(Box<dyn Write + 'w>),
    Two(Box<dyn Write + 'w>, Box<dyn Write + 'w>),
}

impl<'w> Sink<'w> {
    fn one(self) -> io::Result<Box<dyn Write + 'w>> {
        match self {
            Sink::One(out) => Ok(out),
            Sink::Two(..) => Err(io::Error::other("one output expected")),
        }
    }
}

/// The two files of `--format moses` for `-o PREFIX`: PREFIX.SRC and
/// PREFIX.TGT, named by the languages' tags.
pub fn moses_paths(prefix: &Path, src_lang: &str, tgt_lang: &str) -> (PathBuf, PathBuf) {
    let with = |tag: &str| {
        let mut name = prefix.as_os_str().to_os_string();
        name.push(".");
        name.push(tag);
        PathBuf::from(name)
    };
    (with(src_lang), with(tgt_lang))
}

/// How language tags are written (`--tmx-lang-style`): CAT tools differ
/// in what they expect (docs/cat-tools.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LangStyle {
    /// As given with --src-lang/--tgt-lang, or as detected (zh-CN, en).
    #[default]
    AsGiven,
    /// Language and region: zh-CN, zh-TW (Trados, memoQ).
    Region,
    /// Language and script: zh-Hans, zh-Hant.
    Script,
    /// The language alone: zh, en.
    Bare,
}

impl From<LangStyle> for tandem_text::TagStyle {
    fn from(style: LangStyle) -> tandem_text::TagStyle {
        match style {
            LangStyle::AsGiven => tandem_text::TagStyle::AsGiven,
            LangStyle::Region => tandem_text::TagStyle::Region,
            LangStyle::Script => tandem_text::TagStyle::Script,
            LangStyle::Bare => tandem_text::TagStyle::Bare,
        }
    }
}

/// A writer of `format` over `sink` (two streams for Moses, else one).
pub fn writer<'w>(
    format: Format,
    sink: Sink<'w>,
    header: &Header,
    context: &Context<'_>,
) -> io::Result<Box<dyn PairWriter + 'w>> {
    let out = match (format, sink) {
        (Format::Moses, Sink::Two(src, tgt)) => return Ok(Box::new(Moses { src, tgt })),
        (_, sink) => sink.one()?,
    };
    Ok(match format {
        Format::Tmx => Box::new(Tmx {
            writer: TmxWriter::new(out, header)?,
        }),
        Format::Xliff => Box::new(Xliff {
            writer: XliffWriter::new(
                out,
                &XliffFile {
                    original: context.document.to_string(),
                    source_language: context.src_lang.to_string(),
                    target_language: context.tgt_lang.to_string(),
                    date: header.creation_date.as_deref().map(iso_date),
                    tool_version: header.creation_tool_version.clone(),
                },
            )?,
        }),
        Format::Moses => return Err(io::Error::other("--format moses writes two files")),
        Format::Tsv => {
            let mut out = out;
            writeln!(
                out,
                "{}\t{}\tconfidence\tflags",
                context.src_lang, context.tgt_lang
            )?;
            Box::new(Tsv { out })
        }
        Format::Jsonl => Box::new(Jsonl { out }),
        Format::Beads => Box::new(Beads { out }),
    })
}

fn lines(range: (usize, usize)) -> String {
    if range.0 == range.1 {
        range.0.to_string()
    } else {
        format!("{}-{}", range.0, range.1)
    }
}

/// A pair's confidence and flags as TMX props: `x-confidence`, and
/// `x-flags` (ids, comma-separated) when there are any.
pub fn quality_props(score: &Score) -> Vec<(String, String)> {
    let mut props = vec![(
        "x-confidence".to_string(),
        format!("{:.4}", score.confidence),
    )];
    if !score.flags.is_empty() {
        props.push(("x-flags".to_string(), flag_ids(score)));
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

struct Tmx<'w> {
    writer: TmxWriter<Box<dyn Write + 'w>>,
}

impl PairWriter for Tmx<'_> {
    fn write(&mut self, row: &Row<'_>, context: &Context<'_>) -> io::Result<bool> {
        if row.bead.is_null() {
            return Ok(false);
        }
        let mut props = quality_props(row.score);
        props.push(("x-document".to_string(), context.document.to_string()));
        props.extend(
            row.src_lines
                .map(|l| ("x-source-lines".to_string(), lines(l))),
        );
        props.extend(
            row.tgt_lines
                .map(|l| ("x-target-lines".to_string(), lines(l))),
        );
        self.writer.write_unit(&TranslationUnit {
            tuid: row.number.to_string(),
            props,
            variants: vec![
                (context.src_lang.to_string(), row.source.clone()),
                (context.tgt_lang.to_string(), row.target.clone()),
            ],
        })?;
        Ok(true)
    }

    fn finish(self: Box<Self>) -> io::Result<usize> {
        let (_, stats) = self.writer.finish()?;
        Ok(stats.removed_characters)
    }
}

/// `20240121T080000Z` (TMX's basic form) as `2024-01-21T08:00:00Z`.
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

struct Xliff<'w> {
    writer: XliffWriter<Box<dyn Write + 'w>>,
}

impl PairWriter for Xliff<'_> {
    fn write(&mut self, row: &Row<'_>, _: &Context<'_>) -> io::Result<bool> {
        if row.bead.is_null() {
            return Ok(false);
        }
        let mut note = format!("confidence {:.4}", row.score.confidence);
        if !row.score.flags.is_empty() {
            note.push_str(&format!("; flags: {}", flag_ids(row.score)));
        }
        self.writer.write_unit(&XliffUnit {
            id: row.number.to_string(),
            source: row.source.clone(),
            target: row.target.clone(),
            note: Some(note),
        })?;
        Ok(true)
    }

    fn finish(self: Box<Self>) -> io::Result<usize> {
        let (_, stats) = self.writer.finish()?;
        Ok(stats.removed_characters)
    }
}

/// Two line-aligned files, one sentence group per line: the input of Moses,
/// fast_align and most corpus tools.
struct Moses<'w> {
    src: Box<dyn Write + 'w>,
    tgt: Box<dyn Write + 'w>,
}

/// A text on one line: line breaks (which a sentence rarely holds) become
/// spaces, since a line is a unit.
pub fn one_line(text: &str) -> String {
    text.replace(['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}'], " ")
}

impl PairWriter for Moses<'_> {
    fn write(&mut self, row: &Row<'_>, _: &Context<'_>) -> io::Result<bool> {
        if row.bead.is_null() {
            return Ok(false);
        }
        writeln!(self.src, "{}", one_line(&row.source))?;
        writeln!(self.tgt, "{}", one_line(&row.target))?;
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> io::Result<usize> {
        self.src.flush()?;
        self.tgt.flush()?;
        Ok(0)
    }
}

struct Tsv<'w> {
    out: Box<dyn Write + 'w>,
}

/// A TSV field: backslash escapes for the characters that would break the
/// row (tab, line ends) and for the backslash itself.
pub fn tsv_field(text: &str) -> String {
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

impl PairWriter for Tsv<'_> {
    fn write(&mut self, row: &Row<'_>, _: &Context<'_>) -> io::Result<bool> {
        if row.bead.is_null() {
            return Ok(false);
        }
        writeln!(
            self.out,
            "{}\t{}\t{:.4}\t{}",
            tsv_field(&row.source),
            tsv_field(&row.target),
            row.score.confidence,
            flag_ids(row.score)
        )?;
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> io::Result<usize> {
        self.out.flush()?;
        Ok(0)
    }
}

struct Jsonl<'w> {
    out: Box<dyn Write + 'w>,
}

#[derive(Serialize)]
struct JsonPair<'a> {
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

impl PairWriter for Jsonl<'_> {
    fn write(&mut self, row: &Row<'_>, context: &Context<'_>) -> io::Result<bool> {
        if row.bead.is_null() {
            return Ok(false);
        }
        let pair = JsonPair {
            id: row.number,
            document: context.document,
            src_lang: context.src_lang,
            tgt_lang: context.tgt_lang,
            source: &row.source,
            target: &row.target,
            source_sentences: row.bead.src.clone().collect(),
            target_sentences: row.bead.tgt.clone().collect(),
            source_lines: row.src_lines.map(lines),
            target_lines: row.tgt_lines.map(lines),
            confidence: (row.score.confidence * 10_000.0).round() / 10_000.0,
            flags: row.score.flags.iter().map(|f| f.kind.id()).collect(),
        };
        serde_json::to_writer(&mut self.out, &pair)?;
        self.out.write_all(b"\n")?;
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> io::Result<usize> {
        self.out.flush()?;
        Ok(0)
    }
}

struct Beads<'w> {
    out: Box<dyn Write + 'w>,
}

/// `[0, 1]` for a range of sentence ids.
pub fn id_list(range: &std::ops::Range<usize>) -> String {
    let ids: Vec<String> = range.clone().map(|i| i.to_string()).collect();
    format!("[{}]", ids.join(", "))
}

impl PairWriter for Beads<'_> {
    fn write(&mut self, row: &Row<'_>, _: &Context<'_>) -> io::Result<bool> {
        writeln!(
            self.out,
            "{}:{}:{:.4}",
            id_list(&row.bead.src),
            id_list(&row.bead.tgt),
            row.score.confidence
        )?;
        Ok(true)
    }

    fn finish(mut self: Box<Self>) -> io::Result<usize> {
        self.out.flush()?;
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_fields_keep_rows_intact() {
        assert_eq!(tsv_field("a\tb\nc\\d\r"), "a\\tb\\nc\\\\d\\r");
    }

    #[test]
    fn id_lists_look_like_the_gold_files() {
        assert_eq!(id_list(&(3..5)), "[3, 4]");
        assert_eq!(id_list(&(2..2)), "[]");
    }
}
