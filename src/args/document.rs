//! What every command that reads documents takes, and how it reads them.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use clap::Args;
use tandem_pipeline::Dictionaries;
use tandem_segment::{Format, Limits, ParagraphStyle, ReadOptions, Srx};
use tandem_text::LanguageTag;

use super::values::{parse_encoding, parse_positive, parse_size, parse_tag};
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
    /// Read the inputs in this format, whatever their names say. Not given: Word, OpenDocument and PDF files are told by their content, Markdown by its extension (.md), web pages and subtitles (.srt, .vtt) by either; anything else is text.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    #[command(flatten)]
    pub paragraphs: ParagraphArgs,
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
    /// The format the user said the inputs are in.
    pub input_format: Option<Format>,
    /// The user said the inputs are XLIFF.
    pub xliff: bool,
}

/// The values of `--input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Plain text, in any encoding --encoding names.
    Text,
    /// Markdown (CommonMark, GitHub tables and footnotes).
    Markdown,
    /// HTML or XHTML.
    Html,
    /// A Word document (.docx, .dotx, .docm).
    Docx,
    /// An OpenDocument text (.odt, .ott).
    Odt,
    /// A PDF's text layer (best effort: see docs/documents.md).
    Pdf,
    /// SubRip subtitles (.srt): each cue a paragraph, its time evidence.
    Srt,
    /// WebVTT subtitles (.vtt).
    Vtt,
    /// XLIFF 1.2 or 2.x: its sources as the source, its targets as the target, or alone both.
    Xliff,
}

impl InputFormat {
    /// The format the segment crate reads; `None` for XLIFF, which the
    /// pipeline reads.
    fn as_format(self) -> Option<Format> {
        Some(match self {
            InputFormat::Xliff => return None,
            InputFormat::Text => Format::Text,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Html => Format::Html,
            InputFormat::Docx => Format::Docx,
            InputFormat::Odt => Format::Odt,
            InputFormat::Pdf => Format::Pdf,
            InputFormat::Srt => Format::Srt,
            InputFormat::Vtt => Format::WebVtt,
        })
    }
}

impl DocumentArgs {
    /// How documents are read, with `srx`'s rules (read by
    /// [`SrxArgs::load`]).
    pub fn read_settings<'a>(&'a self, srx: Option<&'a Srx>) -> ReadSettings<'a> {
        ReadSettings {
            options: ReadOptions {
                paragraphs: self.paragraphs.paragraphs.into(),
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
            max_input_size: self.limits.input.max_input_size,
            input_format: self.input_format.and_then(InputFormat::as_format),
            xliff: self.input_format == Some(InputFormat::Xliff),
        }
    }
}

/// `--paragraphs`, as every command that reads text has it.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ParagraphArgs {
    /// How paragraphs are marked: one per line, separated by blank lines, or (auto) by blank lines when the file looks hard-wrapped (lines ending mid-sentence inside blank-line paragraphs), else one per line.
    #[arg(long, value_enum, default_value = "auto")]
    pub paragraphs: ParagraphArg,
}

/// The values of `--paragraphs`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ParagraphArg {
    /// Blank lines for a file that looks hard-wrapped, one per line for any other (a warning says which files were read by blank lines).
    Auto,
    /// One paragraph per line.
    Line,
    /// Paragraphs separated by blank lines; the lines inside one are joined.
    Blank,
}

impl From<ParagraphArg> for ParagraphStyle {
    fn from(arg: ParagraphArg) -> ParagraphStyle {
        match arg {
            ParagraphArg::Auto => ParagraphStyle::Auto,
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
    #[command(flatten)]
    pub input: InputSizeArgs,
    /// Longest paragraph (a line, or lines joined by --paragraphs blank), in characters.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_paragraph_chars, value_parser = parse_positive, allow_negative_numbers = true)]
    pub max_paragraph_chars: usize,
    /// Longest sentence, in characters.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_sentence_chars, value_parser = parse_positive, allow_negative_numbers = true)]
    pub max_sentence_chars: usize,
}

/// `--max-input-size`: every command that reads a file whole.
#[derive(Debug, Clone, Copy, PartialEq, Args)]
pub struct InputSizeArgs {
    /// Largest input file (suffixes K, M, G: powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "512M", value_parser = parse_size)]
    pub max_input_size: u64,
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
        // An XML file: its encoding is found as XML says, not as a text's.
        let bytes = files::read_bounded(path, DEFAULT_MAX_INPUT_SIZE)?;
        let text =
            tandem_tmx::encoding::decode(&bytes).with_context(|| format!("{}", path.display()))?;
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
        assert_eq!(parsed.limits.input.max_input_size, DEFAULT_MAX_INPUT_SIZE);
    }
}
