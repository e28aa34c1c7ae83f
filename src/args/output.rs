//! How outputs are written: format, language tags, unit type, date,
//! no-clobber.

use std::path::Path;

use anyhow::{Result, bail};
use clap::Args;
use tandem_align::Options;
use tandem_pipeline::format::Format;
use tandem_pipeline::{AlignSettings, Dictionaries};
use tandem_text::TagStyle;
use tandem_tmx::SegType;

use super::quality::{ExportArgs, ThresholdArgs};
use super::values::creation_date;
use crate::files;

/// How units and their tags are written: `align`, `batch`.
#[derive(Args, Clone, Debug)]
pub struct OutputArgs {
    /// Output format. Not given: align takes it from -o's extension (.tmx, .tsv, .jsonl, .beads, .xlf, .xliff; another is an error) and writes TMX to standard output; batch writes TMX.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How language tags are written in the output (docs/cat-tools.md).
    #[arg(long, value_enum, value_name = "STYLE", default_value = "as-given")]
    pub tmx_lang_style: LangStyle,
    /// What a unit is: a group of sentences, or a group of paragraphs (a paragraph-level memory).
    #[arg(long, value_enum, default_value = "sentence")]
    pub segtype: SegtypeArg,
    /// What becomes of a document's formatting (bold, italic, links, line breaks, note references): TMX and XLIFF inline codes, or nothing (plain text). Text inputs have none.
    #[arg(long, value_enum, value_name = "TAGS", default_value = "codes")]
    pub tags: TagsArg,
    #[command(flatten)]
    pub model: super::ModelArgs,
}

impl OutputArgs {
    /// How a run aligns, rates and keeps pairs, with these outputs'
    /// options, `thresholds`, `export` and `dictionaries`.
    pub fn align_settings(
        &self,
        thresholds: &ThresholdArgs,
        export: &ExportArgs,
        dictionaries: Dictionaries,
    ) -> AlignSettings {
        AlignSettings {
            options: Options::default(),
            dictionaries,
            thresholds: thresholds.thresholds(),
            export: export.policy(),
            segtype: self.segtype.into(),
            tag_style: self.tmx_lang_style.into(),
            encoder: self.model.encoder(),
            plain_text: self.tags == TagsArg::None,
        }
    }
}

/// `--creation-date` and `--no-clobber`: every command that writes files.
#[derive(Args, Clone, Debug)]
pub struct WriteArgs {
    /// The creation date written in TMX and XLIFF (RFC 3339, YYYY-MM-DD or YYYYMMDDThhmmssZ). Default: SOURCE_DATE_EPOCH, else now.
    #[arg(long, value_name = "DATE")]
    pub creation_date: Option<String>,
    /// Never overwrite an existing file: a run whose output exists stops with an error.
    #[arg(long)]
    pub no_clobber: bool,
}

impl WriteArgs {
    /// The creation date, in TMX's basic form.
    pub fn creation_date(&self) -> Result<String> {
        creation_date(self.creation_date.as_deref())
    }
}

/// `--tags`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TagsArg {
    /// Formatting as TMX 1.4b level 2 codes (bpt/ept, ph) and XLIFF's.
    Codes,
    /// Plain text.
    None,
}

/// `--segtype`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SegtypeArg {
    /// A unit is a group of sentences.
    Sentence,
    /// A unit is a group of paragraphs.
    Paragraph,
}

impl From<SegtypeArg> for SegType {
    fn from(arg: SegtypeArg) -> SegType {
        match arg {
            SegtypeArg::Sentence => SegType::Sentence,
            SegtypeArg::Paragraph => SegType::Paragraph,
        }
    }
}

/// How language tags are written (`--tmx-lang-style`): CAT tools differ
/// in what they expect (docs/cat-tools.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LangStyle {
    /// As given: as the memory writes them (qa, convert), or with --src-lang/--tgt-lang, or as detected (align); always well-formed (zh_CN becomes zh-CN).
    #[default]
    AsGiven,
    /// Language and region: zh-CN, zh-TW (Trados, memoQ).
    Region,
    /// Language and script: zh-Hans, zh-Hant.
    Script,
    /// The language alone: zh, en.
    Bare,
}

impl From<LangStyle> for TagStyle {
    fn from(style: LangStyle) -> TagStyle {
        match style {
            LangStyle::AsGiven => TagStyle::AsGiven,
            LangStyle::Region => TagStyle::Region,
            LangStyle::Script => TagStyle::Script,
            LangStyle::Bare => TagStyle::Bare,
        }
    }
}

/// The output format: `--format` when given, else what the output's
/// extension names, else TMX for standard output. An extension no format
/// has is an error naming `--format`.
pub fn output_format(given: Option<Format>, output: &Path) -> Result<Format> {
    if let Some(format) = given {
        return Ok(format);
    }
    if files::is_stdout(output) {
        return Ok(Format::Tmx);
    }
    match Format::from_extension(output) {
        Some(format) => Ok(format),
        None => {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            bail!(
                "-o {}: cannot tell the format from the file's name: give --format {} (or end the name in .tmx, .tsv, .jsonl, .beads, .xlf or .xliff)",
                output.display(),
                names.join("|")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_output_name() {
        assert_eq!(
            output_format(None, Path::new("out.TSV")).unwrap(),
            Format::Tsv
        );
        assert_eq!(output_format(None, Path::new("-")).unwrap(), Format::Tmx);
        assert_eq!(
            output_format(Some(Format::Jsonl), Path::new("out.tsv")).unwrap(),
            Format::Jsonl
        );
        let error = output_format(None, Path::new("out.docx"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("--format tmx|tsv|jsonl|beads|xliff|moses"),
            "{error}"
        );
        assert!(output_format(None, Path::new("out")).is_err());
    }
}
