//! Reading the documents to align: files, encodings, languages, paragraphs,
//! sentences, into one [`Document`].

use std::path::Path;

use anyhow::{Context, Result, bail};
use tandem_align::{Section, Text};
use tandem_segment::{
    Interleaved, Paragraph, ParagraphStyle, Part, SentenceSplitter, decode, paragraphs_of_lines,
    split_interleaved,
};
use tandem_text::{LanguageTag, identify};

/// How to read the input.
pub struct ReadOptions<'a> {
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
    fn push_paragraph(
        &mut self,
        paragraph: &Paragraph,
        splitter: &SentenceSplitter,
        presegmented: bool,
    ) {
        let start = self.sentences.len();
        let pieces = if presegmented {
            vec![paragraph.text.as_str()]
        } else {
            splitter.split(&paragraph.text)
        };
        for piece in pieces {
            self.sentences.push(piece.to_string());
            self.lines.push((paragraph.first_line, paragraph.last_line));
        }
        self.paragraphs.push(start..self.sentences.len());
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

/// Reads and decodes a file; an empty file is an error.
pub fn read_text(path: &Path, encoding: Option<&'static encoding_rs::Encoding>) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.is_empty() {
        bail!("{}: the file is empty", path.display());
    }
    let text =
        decode(&bytes, encoding).with_context(|| format!("{}: cannot decode", path.display()))?;
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
fn read_side(
    path: &Path,
    given: Option<&LanguageTag>,
    options: &ReadOptions<'_>,
) -> Result<(Side, Option<tandem_text::Identification>)> {
    let text = read_text(path, options.encoding)?;
    let detected = identify(sample(&text));
    let language = match (given, &detected) {
        (Some(tag), _) => tag.clone(),
        (None, Some(found)) => found.tag(),
        (None, None) => bail!(
            "{}: cannot tell its language: give it with --src-lang or --tgt-lang",
            path.display()
        ),
    };
    let splitter = SentenceSplitter::for_language(language.language());
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
    for paragraph in paragraphs_of_lines(&lines, style) {
        if options.presegmented {
            // One sentence per line; blank lines separate paragraphs. Line
            // numbers count from 1 without gaps, so a paragraph's lines are a
            // slice of all of them.
            let start = side.sentences.len();
            for line in &lines[paragraph.first_line - 1..paragraph.last_line] {
                let sentence = line.text.trim();
                if !sentence.is_empty() {
                    side.sentences.push(sentence.to_string());
                    side.lines.push((line.number, line.number));
                }
            }
            side.paragraphs.push(start..side.sentences.len());
        } else {
            side.push_paragraph(&paragraph, &splitter, false);
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
    let text = read_text(path, options.encoding)?;
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
    let src_splitter = SentenceSplitter::for_language(src_lang.language());
    let tgt_splitter = SentenceSplitter::for_language(tgt_lang.language());
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
                    src.push_paragraph(p, &src_splitter, options.presegmented);
                }
                for p in &t.paragraphs {
                    tgt.push_paragraph(p, &tgt_splitter, options.presegmented);
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
                    side.push_paragraph(p, splitter, options.presegmented);
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
