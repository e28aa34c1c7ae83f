//! The command line's shared option groups, each turned once into the
//! settings the libraries take, and the parsers of single values.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::Args;
use tandem_pipeline::report::ReportFormat;
use tandem_pipeline::{Dictionaries, ExportPolicy};
use tandem_score::{FlagKind, Severity, Thresholds};
use tandem_segment::{Limits, ParagraphStyle, ReadOptions, Srx, encoding_for_label};
use tandem_text::{LanguageTag, TagStyle};
use tandem_tmx::SegType;

use crate::files;

/// An encoding by name.
pub type Encoding = &'static encoding_rs::Encoding;

/// What every command that reads documents takes: `align`, `batch`.
#[derive(Args, Clone, Debug)]
pub struct DocumentArgs {
    /// Source language, a BCP 47 tag (zh-CN, en, de-CH), written as given. Detected when not given.
    #[arg(long, value_name = "TAG", value_parser = parse_tag)]
    pub src_lang: Option<LanguageTag>,
    /// Target language, a BCP 47 tag, written as given. Detected when not given.
    #[arg(long, value_name = "TAG", value_parser = parse_tag)]
    pub tgt_lang: Option<LanguageTag>,
    /// Encoding of files without a byte-order mark (GB18030, GBK, Big5, Shift_JIS, windows-1252, …); default UTF-8.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<Encoding>,
    /// Encoding of the source file, when it differs from the target's (overrides --encoding).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub src_encoding: Option<Encoding>,
    /// Encoding of the target file (overrides --encoding).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub tgt_encoding: Option<Encoding>,
    /// How paragraphs are marked: one per line, or separated by blank lines.
    #[arg(long, value_enum, default_value = "line")]
    pub paragraphs: ParagraphArg,
    /// The input is already one sentence per line (blank lines separate paragraphs); no resegmenting.
    #[arg(long)]
    pub presegmented: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub srx: SrxArgs,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

/// How a run reads its documents.
#[derive(Clone, Copy)]
pub struct ReadSettings<'a> {
    /// Paragraphs, sentences, limits, given languages.
    pub options: ReadOptions<'a>,
    /// The source's and the target's encodings, when named.
    pub encodings: (Option<Encoding>, Option<Encoding>),
    /// Largest input file, in bytes.
    pub max_input_size: u64,
}

impl DocumentArgs {
    /// How documents are read, with `srx`'s rules (read by
    /// [`SrxArgs::load`]).
    pub fn read_settings<'a>(&'a self, srx: Option<&'a Srx>) -> ReadSettings<'a> {
        ReadSettings {
            options: ReadOptions {
                paragraphs: self.paragraphs.into(),
                presegmented: self.presegmented,
                limits: self.limits.limits(),
                srx,
                src_lang: self.src_lang.as_ref(),
                tgt_lang: self.tgt_lang.as_ref(),
            },
            encodings: (
                self.src_encoding.or(self.encoding),
                self.tgt_encoding.or(self.encoding),
            ),
            max_input_size: self.limits.max_input_size,
        }
    }
}

/// `--paragraphs`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ParagraphArg {
    /// One paragraph per line.
    Line,
    /// Paragraphs separated by blank lines; the lines inside one are joined.
    Blank,
}

impl From<ParagraphArg> for ParagraphStyle {
    fn from(arg: ParagraphArg) -> ParagraphStyle {
        match arg {
            ParagraphArg::Line => ParagraphStyle::Line,
            ParagraphArg::Blank => ParagraphStyle::BlankLine,
        }
    }
}

/// Bounds on one document, so that a file that is not what it seems (no
/// line breaks, a dump of binary data, a whole corpus in one file) is one
/// clear error, not an out-of-memory kill. Memory while reading is a few
/// times the file's size; alignment then needs about 400 bytes per sentence
/// (docs/errors.md).
#[derive(Debug, Clone, Copy, PartialEq, Args)]
pub struct LimitArgs {
    /// Largest input file (suffixes K, M, G: powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "512M", value_parser = parse_size)]
    pub max_input_size: u64,
    /// Longest paragraph (a line, or lines joined by --paragraphs blank), in characters.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_paragraph_chars, value_parser = parse_positive)]
    pub max_paragraph_chars: usize,
    /// Longest sentence, in characters.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_sentence_chars, value_parser = parse_positive)]
    pub max_sentence_chars: usize,
}

/// The largest input file when no option says otherwise ("512M" in
/// [`LimitArgs`]; a test checks that they agree).
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 512 << 20;

impl LimitArgs {
    /// The limits segmentation checks.
    pub fn limits(&self) -> Limits {
        Limits {
            max_paragraph_chars: self.max_paragraph_chars,
            max_sentence_chars: self.max_sentence_chars,
        }
    }
}

/// `--srx FILE`: sentence rules from an SRX 2.0 file.
#[derive(Debug, Clone, Default, Args)]
pub struct SrxArgs {
    /// Split sentences with the rules of this SRX 2.0 file (language maps, cascading) instead of the built-in rules.
    #[arg(long, value_name = "FILE")]
    pub srx: Option<PathBuf>,
}

impl SrxArgs {
    /// The rules, if a file was given; errors name the file.
    pub fn load(&self) -> Result<Option<Srx>> {
        let Some(path) = &self.srx else {
            return Ok(None);
        };
        let text = files::read_text(path, DEFAULT_MAX_INPUT_SIZE)?;
        let srx = Srx::parse(&text).with_context(|| format!("{}", path.display()))?;
        Ok(Some(srx))
    }
}

/// The dictionary options of `align`, `batch` and `eval`.
#[derive(Args, Clone, Debug, Default)]
pub struct DictionaryArgs {
    /// A bilingual dictionary that primes the translation model: `target @ source` per line (hunalign's format) or `source<TAB>target`.
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
    /// Add the built-in CC-CEDICT dictionary for Chinese–English documents (needs tandem built with the cargo feature `cedict`).
    #[arg(long)]
    pub builtin_dict: bool,
}

impl DictionaryArgs {
    /// Reads the user's file once, and checks that a built-in dictionary
    /// asked for is there.
    pub fn load(&self) -> Result<Dictionaries> {
        if self.builtin_dict && !Dictionaries::BUILTIN_AVAILABLE {
            bail!(
                "--builtin-dict: this tandem was built without its dictionary; \
                 rebuild with `cargo build --release --features cedict`"
            );
        }
        let file = match &self.dict {
            Some(path) => {
                let text = files::read_text(path, DEFAULT_MAX_INPUT_SIZE)?;
                Some(
                    tandem_align::Dictionary::parse(&text)
                        .with_context(|| format!("{}", path.display()))?,
                )
            }
            None => None,
        };
        Ok(Dictionaries {
            file,
            builtin: self.builtin_dict,
        })
    }
}

/// How units and their tags are written: `align`, `batch`.
#[derive(Args, Clone, Debug)]
pub struct OutputArgs {
    /// Output format; by default from the output's extension (.tmx, .tsv, .jsonl, .beads, .xlf), else TMX.
    #[arg(long, value_enum)]
    pub format: Option<tandem_pipeline::format::Format>,
    /// How language tags are written in the output (docs/cat-tools.md).
    #[arg(long, value_enum, value_name = "STYLE", default_value = "as-given")]
    pub tmx_lang_style: LangStyle,
    /// What a unit is: a group of sentences, or a group of paragraphs (a paragraph-level memory).
    #[arg(long, value_enum, default_value = "sentence")]
    pub segtype: SegtypeArg,
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

/// Where the flags start: `align`, `batch`, `qa`.
#[derive(Args, Clone, Debug)]
pub struct ThresholdArgs {
    /// Flag pairs whose confidence is below this as `weak` (0 to 1).
    #[arg(long, value_name = "P", default_value_t = Thresholds::default().weak, value_parser = parse_probability)]
    pub weak_below: f64,
    /// Flag pairs whose length deviates by more than this many standard deviations as `length-ratio`.
    #[arg(long, value_name = "SD", default_value_t = Thresholds::default().length_deviation, value_parser = parse_positive_float)]
    pub length_deviation: f64,
}

impl ThresholdArgs {
    /// The thresholds.
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            weak: self.weak_below,
            length_deviation: self.length_deviation,
        }
    }
}

/// Which pairs an exported memory keeps: `align`, `batch`, `qa`.
#[derive(Args, Clone, Debug, Default)]
pub struct ExportArgs {
    /// Leave out pairs whose confidence is below this (0 to 1).
    #[arg(long, value_name = "P", value_parser = parse_probability)]
    pub min_confidence: Option<f64>,
    /// Keep only pairs of one sentence on each side.
    #[arg(long)]
    pub only_1to1: bool,
    /// Leave out pairs with a side shorter than this many characters.
    #[arg(long, value_name = "N")]
    pub min_chars: Option<usize>,
    /// Leave out pairs with this flag (an id such as numbers-differ; repeatable).
    #[arg(long, value_name = "ID", value_parser = parse_flag_id)]
    pub drop_flag: Vec<FlagKind>,
}

impl ExportArgs {
    /// The export policy.
    pub fn policy(&self) -> ExportPolicy {
        ExportPolicy {
            min_confidence: self.min_confidence,
            only_1to1: self.only_1to1,
            min_chars: self.min_chars,
            drop_flags: self.drop_flag.clone(),
        }
    }
}

/// Reports and when a run fails: `align`, `qa`.
#[derive(Args, Clone, Debug, Default)]
pub struct ReportArgs {
    /// Write a QA report: every pair with its confidence and flags, and a summary.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// The report's format; by default from the file's extension (.html, .json, .csv).
    #[arg(long, value_enum, value_name = "FORMAT", requires = "report")]
    pub report_format: Option<ReportFormat>,
    /// Exit with 1 when a pair has a flag of this severity or worse.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
}

impl ReportArgs {
    /// The report's path and format, if one was asked for.
    pub fn target(&self) -> Result<Option<(PathBuf, ReportFormat)>> {
        let Some(path) = &self.report else {
            return Ok(None);
        };
        let format = match self.report_format {
            Some(format) => format,
            None => ReportFormat::from_extension(path).with_context(|| {
                format!(
                    "--report {}: name the format with --report-format html|json|csv \
                     or end the file name in .html, .json or .csv",
                    path.display()
                )
            })?,
        };
        Ok(Some((path.clone(), format)))
    }

    /// Whether a run whose summary has flags as serious as `--fail-on`
    /// asks for fails.
    pub fn fails(&self, summary: &tandem_pipeline::QaSummary) -> bool {
        self.fail_on
            .is_some_and(|level| summary.has_at_least(level.severity()))
    }
}

/// `--fail-on`: the severity from which a run exits with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Flags of severity `error`.
    Error,
    /// Flags of severity `warning` or `error`.
    Warning,
}

impl FailOn {
    /// The least severity that fails.
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}

/// The output format: `--format` when given, else what the output's
/// extension names, else TMX for standard output. An extension no format
/// has is an error naming `--format`.
pub fn output_format(
    given: Option<tandem_pipeline::format::Format>,
    output: &Path,
) -> Result<tandem_pipeline::format::Format> {
    use tandem_pipeline::format::Format;
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
                "-o {}: cannot tell the format from the file's name: give --format {} (or end the name in .tmx, .tsv, .jsonl, .beads or .xlf)",
                output.display(),
                names.join("|")
            )
        }
    }
}

/// A BCP 47 tag.
pub fn parse_tag(tag: &str) -> Result<LanguageTag, String> {
    LanguageTag::parse(tag).map_err(|e| e.to_string())
}

/// An encoding by one of its WHATWG labels.
pub fn parse_encoding(label: &str) -> Result<Encoding, String> {
    encoding_for_label(label).ok_or_else(|| {
        format!(
            "unknown encoding '{label}' (try GB18030, GBK, Big5, Shift_JIS, windows-1252, UTF-16LE)"
        )
    })
}

fn parse_flag_id(id: &str) -> Result<FlagKind, String> {
    FlagKind::from_id(id).ok_or_else(|| {
        let ids: Vec<&str> = FlagKind::ALL.iter().map(|k| k.id()).collect();
        format!("unknown flag '{id}' (one of: {})", ids.join(", "))
    })
}

/// A probability: a number from 0 to 1.
pub fn parse_probability(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        Ok(_) => Err(format!(
            "{text} is not between 0 and 1 (a confidence is a probability)"
        )),
        Err(_) => Err(format!("'{text}' is not a number")),
    }
}

/// A number above 0.
pub fn parse_positive_float(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(x),
        Ok(_) => Err(format!("{text} is not a number above 0")),
        Err(_) => Err(format!("'{text}' is not a number")),
    }
}

/// A whole number above 0.
pub fn parse_positive(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("'{text}' is not a whole number above 0")),
    }
}

/// A size in bytes: a number with an optional K, M or G (powers of 1024).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((at, unit @ ('K' | 'k' | 'M' | 'm' | 'G' | 'g'))) => {
            let shift = match unit.to_ascii_uppercase() {
                'K' => 10,
                'M' => 20,
                _ => 30,
            };
            (&text[..at], shift)
        }
        _ => (text, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("'{text}' is not a size (a number of bytes, or with K, M or G)"))
}

/// The creation date in TMX's basic form, from `--creation-date`, else
/// `SOURCE_DATE_EPOCH`, else the clock.
pub fn creation_date(given: Option<&str>) -> Result<String> {
    let timestamp = match given {
        Some(text) => parse_date(text)?,
        None => match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(epoch) => {
                let seconds: i64 = epoch.trim().parse().with_context(|| {
                    format!("SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds")
                })?;
                jiff::Timestamp::from_second(seconds)
                    .context("SOURCE_DATE_EPOCH is out of range")?
            }
            Err(_) => jiff::Timestamp::now(),
        },
    };
    Ok(timestamp.strftime("%Y%m%dT%H%M%SZ").to_string())
}

fn parse_date(text: &str) -> Result<jiff::Timestamp> {
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(ts);
    }
    if let Ok(ts) = jiff::Timestamp::strptime("%Y%m%dT%H%M%S%#z", text.replace('Z', "+0000")) {
        return Ok(ts);
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return Ok(date.to_zoned(jiff::tz::TimeZone::UTC)?.timestamp());
    }
    bail!(
        "--creation-date '{text}' is not a date (use 2024-01-21, 2024-01-21T08:00:00Z or 20240121T080000Z)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Options {
        #[command(flatten)]
        limits: LimitArgs,
    }

    #[test]
    fn the_options_defaults_are_the_limits_defaults() {
        let parsed = Options::try_parse_from(["tandem"]).unwrap();
        assert_eq!(parsed.limits.limits(), Limits::default());
        assert_eq!(parsed.limits.max_input_size, DEFAULT_MAX_INPUT_SIZE);
    }

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("0").is_err() && parse_size("1X").is_err());
    }

    #[test]
    fn values_out_of_range_are_refused() {
        assert_eq!(parse_probability("0.95"), Ok(0.95));
        assert_eq!(parse_probability("1"), Ok(1.0));
        assert!(
            parse_probability("95")
                .unwrap_err()
                .contains("between 0 and 1")
        );
        assert!(parse_probability("-0.1").is_err() && parse_probability("NaN").is_err());
        assert_eq!(parse_positive_float("2.5"), Ok(2.5));
        assert!(parse_positive_float("0").is_err() && parse_positive_float("inf").is_err());
        assert_eq!(parse_positive("3"), Ok(3));
        assert!(parse_positive("0").is_err() && parse_positive("-1").is_err());
    }

    #[test]
    fn the_format_follows_the_output_name() {
        use tandem_pipeline::format::Format;
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

    #[test]
    fn creation_dates_in_three_forms() {
        for given in ["2024-01-21", "2024-01-21T00:00:00Z", "20240121T000000Z"] {
            assert_eq!(creation_date(Some(given)).unwrap(), "20240121T000000Z");
        }
        assert!(creation_date(Some("yesterday")).is_err());
    }
}
