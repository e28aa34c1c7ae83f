//! Output formats: each one a [`PairWriter`].

use std::io::{self, Write};

use serde::Serialize;
use tandem_align::Bead;
use tandem_score::Score;
use tandem_tmx::{Header, TmxWriter, TranslationUnit};

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

/// A writer of `format` over `out`.
pub fn writer<'w>(
    format: Format,
    out: Box<dyn Write + 'w>,
    header: &Header,
    context: &Context<'_>,
) -> io::Result<Box<dyn PairWriter + 'w>> {
    Ok(match format {
        Format::Tmx => Box::new(Tmx {
            writer: TmxWriter::new(out, header)?,
        }),
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

struct Tsv<'w> {
    out: Box<dyn Write + 'w>,
}

/// A TSV field: backslash escapes for the characters that would break the
/// row (tab, line ends) and for the backslash itself.
fn tsv_field(text: &str) -> String {
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
