//! Reading the documents to align: files, encodings, languages, paragraphs,
//! sentences, into one [`Document`].

use std::path::Path;

use anyhow::{Context, Result, bail};
use tandem_align::{Section, Text};
use tandem_segment::{
    Interleaved, Paragraph, ParagraphStyle, Part, Srx, SrxSegmenter, decode, paragraphs_of_lines,
    segmenter_for, split_interleaved,
};
use tandem_text::{LanguageTag, identify};

/// Bounds on one document, so that a file that is not what it seems (no
/// line breaks, a dump of binary data, a whole corpus in one file) is one
/// clear error, not an out-of-memory kill. Memory while reading is a few
/// times the file's size; alignment then needs about 400 bytes per sentence
/// (docs/errors.md).
#[derive(Debug, Clone, Copy, PartialEq, clap::Args)]
pub struct Limits {
    /// Largest input file (suffixes K, M, G: powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "512M", value_parser = parse_size)]
    pub max_input_size: u64,
    /// Longest paragraph (a line, or lines joined by --paragraphs blank), in characters.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_paragraph_chars)]
    pub max_paragraph_chars: usize,
    /// Longest sentence, in characters.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_sentence_chars)]
    pub max_sentence_chars: usize,
}

impl Default for Limits {
    /// The defaults of the options (a test checks that they agree; the size
    /// is written "512M" there so that --help shows it so).
    fn default() -> Limits {
        Limits {
            max_input_size: 512 << 20,
            max_paragraph_chars: 1_000_000,
            max_sentence_chars: 10_000,
        }
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

/// A size for people: 1.5 GiB, 512 MiB, 12 KiB, 80 bytes.
fn human_size(bytes: u64) -> String {
    let units = [(30, "GiB"), (20, "MiB"), (10, "KiB")];
    for (shift, unit) in units {
        if bytes >= 1 << shift {
            let value = bytes as f64 / (1u64 << shift) as f64;
            return format!("{} {unit}", format!("{value:.1}").trim_end_matches(".0"));
        }
    }
    format!("{bytes} bytes")
}

impl Limits {
    /// Each line against the paragraph limit, before paragraphs are made
    /// (a copy) or languages identified.
    fn check_lines(&self, path: &Path, lines: &[tandem_segment::Line<'_>]) -> Result<()> {
        lines
            .iter()
            .try_for_each(|line| self.check_paragraph(path, line.number, line.text))
    }

    /// The paragraph check: before splitting, which costs memory in
    /// proportion to the paragraph.
    fn check_paragraph(&self, path: &Path, line: usize, text: &str) -> Result<()> {
        // Characters are never more than bytes: most texts pass unexamined.
        if text.len() <= self.max_paragraph_chars {
            return Ok(());
        }
        let chars = text.chars().count();
        if chars > self.max_paragraph_chars {
            bail!(
                "{} line {line}: a paragraph of {chars} characters, more than --max-paragraph-chars {} (a file without line breaks? if the text is right, raise the limit)",
                path.display(),
                self.max_paragraph_chars
            );
        }
        Ok(())
    }

    fn check_sentence(&self, path: &Path, line: usize, sentence: &str) -> Result<()> {
        if sentence.len() <= self.max_sentence_chars {
            return Ok(());
        }
        let chars = sentence.chars().count();
        if chars > self.max_sentence_chars {
            bail!(
                "{} line {line}: a sentence of {chars} characters, more than --max-sentence-chars {} (if the text is right, raise the limit)",
                path.display(),
                self.max_sentence_chars
            );
        }
        Ok(())
    }
}

/// How to read the input.
#[derive(Clone, Copy)]
pub struct ReadOptions<'a> {
    pub limits: Limits,
    /// Sentence rules from an SRX file, instead of the built-in ones.
    pub srx: Option<&'a Srx>,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub paragraphs: ParagraphStyle,
    pub presegmented: bool,
    pub src_lang: Option<&'a LanguageTag>,
    pub tgt_lang: Option<&'a LanguageTag>,
}

/// One side of a document, segmented.
#[derive(Debug, Default)]
pub struct Side {
    pub language: Option<LanguageTag>,
    pub sentences: Vec<String>,
    /// 1-based line of each sentence's paragraph (first, last).
    pub lines: Vec<(usize, usize)>,
    /// Each paragraph's sentences.
    pub paragraphs: Vec<std::ops::Range<usize>>,
}

impl Side {
    /// Adds a paragraph's sentences, within `limits` (errors name `path`).
    fn push_paragraph(
        &mut self,
        paragraph: &Paragraph,
        splitter: &SrxSegmenter,
        presegmented: bool,
        (path, limits): (&Path, &Limits),
    ) -> Result<()> {
        limits.check_paragraph(path, paragraph.first_line, &paragraph.text)?;
        let start = self.sentences.len();
        let pieces = if presegmented {
            vec![paragraph.text.as_str()]
        } else {
            splitter.split(&paragraph.text)
        };
        for piece in pieces {
            limits.check_sentence(path, paragraph.first_line, piece)?;
            self.sentences.push(piece.to_string());
            self.lines.push((paragraph.first_line, paragraph.last_line));
        }
        self.paragraphs.push(start..self.sentences.len());
        Ok(())
    }

    pub fn text(&self) -> Text<'_> {
        Text {
            sentences: self.sentences.iter().map(String::as_str).collect(),
            paragraphs: self.paragraphs.clone(),
        }
    }

    pub fn language(&self) -> &LanguageTag {
        self.language
            .as_ref()
            .expect("languages are set when a document is read")
    }
}

/// A passage that has no counterpart, reported to the user.
pub struct Unpaired {
    pub lines: (usize, usize),
    pub language: LanguageTag,
    pub other_language: bool,
}

/// Both sides, and which paragraphs correspond.
pub struct Document {
    pub name: String,
    pub src: Side,
    pub tgt: Side,
    pub sections: Vec<Section>,
    pub unpaired: Vec<Unpaired>,
}

/// Reads and decodes a file of at most `max_size` bytes; an empty file is
/// an error.
pub fn read_text(
    path: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
    max_size: u64,
) -> Result<String> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let too_big = |size: Option<u64>| {
        anyhow::anyhow!(
            "{}: {}more than --max-input-size {} (raise the limit, or split the file)",
            path.display(),
            size.map_or(String::new(), |size| format!("{}, ", human_size(size))),
            human_size(max_size)
        )
    };
    if let Ok(metadata) = file.metadata()
        && metadata.is_file()
        && metadata.len() > max_size
    {
        return Err(too_big(Some(metadata.len())));
    }
    // One byte more than allowed: a pipe has no size, and a file may grow
    // while it is read.
    let mut bytes = Vec::new();
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > max_size {
        return Err(too_big(None));
    }
    if bytes.is_empty() {
        bail!("{}: the file is empty", path.display());
    }
    let text =
        decode(bytes, encoding).with_context(|| format!("{}: cannot decode", path.display()))?;
    if text.trim().is_empty() {
        bail!("{}: the file holds only white space", path.display());
    }
    Ok(text)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads a source and a target file.
pub fn read_pair(src_path: &Path, tgt_path: &Path, options: &ReadOptions<'_>) -> Result<Document> {
    let (src, src_found) = read_side(src_path, options.src_lang, options)?;
    let (tgt, tgt_found) = read_side(tgt_path, options.tgt_lang, options)?;
    // Languages given the wrong way round.
    if let (Some(src_found), Some(tgt_found)) = (&src_found, &tgt_found)
        && src_found.reliable
        && tgt_found.reliable
        && src_found.language == tgt.language().language()
        && tgt_found.language == src.language().language()
        && src_found.language != tgt_found.language
    {
        bail!(
            "the languages look swapped: {} looks like {} and {} like {}; give --src-lang {} --tgt-lang {}",
            src_path.display(),
            src_found.tag(),
            tgt_path.display(),
            tgt_found.tag(),
            src_found.tag(),
            tgt_found.tag()
        );
    }
    // Languages given one way, texts written the other: both sides are in
    // one language.
    for (path, found, given, other) in [
        (tgt_path, &tgt_found, tgt.language(), src.language()),
        (src_path, &src_found, src.language(), tgt.language()),
    ] {
        if let Some(found) = found.as_ref().filter(|f| {
            f.reliable && f.language != given.language() && f.language == other.language()
        }) {
            bail!(
                "{} looks like {}, not {} as given: source and target are in the same language",
                path.display(),
                found.tag(),
                given
            );
        }
    }
    if src.language().same_language(tgt.language()) {
        bail!(
            "{} and {} are both in {}: give a document and its translation (or name their languages with --src-lang and --tgt-lang)",
            src_path.display(),
            tgt_path.display(),
            src.language()
        );
    }
    let sections = vec![Section {
        src: 0..src.paragraphs.len(),
        tgt: 0..tgt.paragraphs.len(),
    }];
    Ok(Document {
        name: file_name(src_path),
        src,
        tgt,
        sections,
        unpaired: Vec::new(),
    })
}

/// Reads one side; returns it with what language identification found.
pub fn read_side(
    path: &Path,
    given: Option<&LanguageTag>,
    options: &ReadOptions<'_>,
) -> Result<(Side, Option<tandem_text::Identification>)> {
    let text = read_text(path, options.encoding, options.limits.max_input_size)?;
    let detected = identify(sample(&text));
    let language = match (given, &detected) {
        (Some(tag), _) => tag.clone(),
        (None, Some(found)) => found.tag(),
        (None, None) => bail!(
            "{}: cannot tell its language: give it with --src-lang or --tgt-lang",
            path.display()
        ),
    };
    let splitter = segmenter_for(language.as_str(), options.srx);
    let mut side = Side {
        language: Some(language),
        ..Side::default()
    };
    let style = if options.presegmented {
        ParagraphStyle::BlankLine
    } else {
        options.paragraphs
    };
    let lines = tandem_segment::lines(&text);
    options.limits.check_lines(path, &lines)?;
    // The lines with text, in order: a paragraph's are the next ones.
    let mut next_line = lines.iter().peekable();
    for paragraph in paragraphs_of_lines(&lines, style) {
        if options.presegmented {
            // One sentence per line; blank lines separate paragraphs.
            let start = side.sentences.len();
            while let Some(line) = next_line.next_if(|l| l.number <= paragraph.last_line) {
                options
                    .limits
                    .check_sentence(path, line.number, line.text.trim())?;
                side.sentences.push(line.text.trim().to_string());
                side.lines.push((line.number, line.number));
            }
            side.paragraphs.push(start..side.sentences.len());
        } else {
            side.push_paragraph(&paragraph, &splitter, false, (path, &options.limits))?;
        }
    }
    if side.sentences.is_empty() {
        bail!("{}: no sentence found", path.display());
    }
    Ok((side, detected))
}

/// Enough of a text to identify its language.
fn sample(text: &str) -> &str {
    match text.char_indices().nth(20_000) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Reads an interleaved bilingual file.
pub fn read_interleaved(path: &Path, options: &ReadOptions<'_>) -> Result<Document> {
    let text = read_text(path, options.encoding, options.limits.max_input_size)?;
    let limits = (path, &options.limits);
    // Lines are the paragraphs' raw material: a line over the limit is
    // refused before language identification reads it.
    for line in tandem_segment::lines(&text) {
        options
            .limits
            .check_paragraph(path, line.number, line.text)?;
    }
    let given = match (options.src_lang, options.tgt_lang) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    let file = split_interleaved(&text, options.paragraphs, given)
        .with_context(|| format!("{}", path.display()))?;
    let Interleaved {
        first,
        second,
        parts,
    } = file;
    // Which of the two is the source: the user's word, else the file's order.
    let first_is_source = match (options.src_lang, options.tgt_lang) {
        (Some(src), _) => src.same_language(&first) || !src.same_language(&second),
        (None, Some(tgt)) => !tgt.same_language(&first),
        (None, None) => true,
    };
    let (src_lang, tgt_lang) = if first_is_source {
        (first, second)
    } else {
        (second, first)
    };
    if src_lang.same_language(&tgt_lang) {
        bail!("{}: both languages are {}", path.display(), src_lang);
    }
    let src_splitter = segmenter_for(src_lang.as_str(), options.srx);
    let tgt_splitter = segmenter_for(tgt_lang.as_str(), options.srx);
    let mut src = Side {
        language: Some(src_lang),
        ..Side::default()
    };
    let mut tgt = Side {
        language: Some(tgt_lang),
        ..Side::default()
    };
    let mut sections = Vec::new();
    let mut unpaired = Vec::new();
    for part in parts {
        let (src_start, tgt_start) = (src.paragraphs.len(), tgt.paragraphs.len());
        match part {
            Part::Pair { first, second } => {
                let (s, t) = if first_is_source {
                    (first, second)
                } else {
                    (second, first)
                };
                for p in &s.paragraphs {
                    src.push_paragraph(p, &src_splitter, options.presegmented, limits)?;
                }
                for p in &t.paragraphs {
                    tgt.push_paragraph(p, &tgt_splitter, options.presegmented, limits)?;
                }
            }
            Part::Unpaired {
                block,
                other_language,
            } => {
                unpaired.push(Unpaired {
                    lines: block.lines(),
                    language: block.language.clone(),
                    other_language,
                });
                if other_language {
                    continue; // neither side's text
                }
                let is_source = block.language.same_language(src.language());
                let (side, splitter) = if is_source {
                    (&mut src, &src_splitter)
                } else {
                    (&mut tgt, &tgt_splitter)
                };
                for p in &block.paragraphs {
                    side.push_paragraph(p, splitter, options.presegmented, limits)?;
                }
            }
        }
        sections.push(Section {
            src: src_start..src.paragraphs.len(),
            tgt: tgt_start..tgt.paragraphs.len(),
        });
    }
    Ok(Document {
        name: file_name(path),
        src,
        tgt,
        sections,
        unpaired,
    })
}

/// `--srx FILE`: sentence rules from an SRX 2.0 file.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SrxArgs {
    /// Split sentences with the rules of this SRX 2.0 file (language maps, cascading) instead of the built-in rules.
    #[arg(long, value_name = "FILE")]
    pub srx: Option<std::path::PathBuf>,
}

impl SrxArgs {
    /// The rules, if a file was given; errors name the file.
    pub fn load(&self) -> Result<Option<Srx>> {
        let Some(path) = &self.srx else {
            return Ok(None);
        };
        let text = read_text(path, None, Limits::default().max_input_size)?;
        let srx = Srx::parse(&text).with_context(|| format!("{}", path.display()))?;
        Ok(Some(srx))
    }
}

/// Where output goes: a path, or standard output for `-`.
pub fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
}

/// A TMX file opened for streaming ([`tandem_tmx::TmxReader`]); errors
/// name the file.
pub fn open_tmx(path: &Path) -> Result<tandem_tmx::TmxReader<Box<dyn std::io::BufRead>>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    tandem_tmx::TmxReader::new(std::io::BufReader::new(file))
        .with_context(|| format!("{}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Options {
        #[command(flatten)]
        limits: Limits,
    }

    #[test]
    fn the_options_defaults_are_the_limits_defaults() {
        let parsed = Options::try_parse_from(["tandem"]).unwrap();
        assert_eq!(parsed.limits, Limits::default());
    }

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("0").is_err() && parse_size("1X").is_err());
        assert_eq!(human_size(1 << 30), "1 GiB");
        assert_eq!(human_size(155), "155 bytes");
    }
}
