//! A document and its translation, read into two [`Side`]s whose
//! paragraphs are grouped into the [`Section`]s known to correspond: from
//! two inputs, or from one interleaved bilingual input.

use tandem_text::{Identification, LanguageTag, Section};

use crate::Segmenter;
use crate::codes::CodedParagraph;
use crate::interleaved::{Interleaved, InterleavedError, Part, split_interleaved};
use crate::paragraph::lines;
use crate::side::{InputError, ReadOptions, SegmentError, Side, document_text};

/// Which input of a document an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The source document.
    Source,
    /// The target document.
    Target,
    /// The one interleaved bilingual file.
    Interleaved,
}

/// Why a document pair could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// One input could not be read.
    #[error("{error}")]
    Input {
        /// Which input.
        input: Input,
        /// What is wrong with it.
        error: InputError,
    },
    /// Each side looks like the language given for the other.
    #[error(
        "the languages look swapped: the source looks like {source_found} and the target like {target_found}"
    )]
    Swapped {
        /// What the source looks like.
        source_found: LanguageTag,
        /// What the target looks like.
        target_found: LanguageTag,
    },
    /// One side looks like the other side's language, not its own.
    #[error(
        "it looks like {found}, not {given} as given: source and target are in the same language"
    )]
    NotAsGiven {
        /// The side.
        input: Input,
        /// What it looks like.
        found: LanguageTag,
        /// What was given for it.
        given: LanguageTag,
    },
    /// Both sides are in one language.
    #[error("both sides are in {0}")]
    SameLanguage(LanguageTag),
    /// An interleaved file that is not two languages alternating.
    #[error(transparent)]
    Interleaved(#[from] InterleavedError),
}

/// A passage of an interleaved file that has no counterpart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpaired {
    /// 1-based first and last line.
    pub lines: (usize, usize),
    /// Its language.
    pub language: LanguageTag,
    /// Whether it is in a language other than the document's two (its
    /// sentences are then in neither side; otherwise they are on their
    /// language's side, to be left unaligned).
    pub other_language: bool,
}

/// Both sides of a document, and which paragraphs correspond.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentPair {
    /// The document's name, as outputs record it (`x-document`).
    pub name: String,
    /// The source side.
    pub src: Side,
    /// The target side.
    pub tgt: Side,
    /// Paragraphs known to correspond: one section for two files, the block
    /// pairs of an interleaved one.
    pub sections: Vec<Section>,
    /// Passages without a counterpart, in file order.
    pub unpaired: Vec<Unpaired>,
}

impl DocumentPair {
    /// Reads a source and a target input ([`Side::read`], each with its own
    /// encoding) and pairs them ([`DocumentPair::from_sides`]).
    pub fn read(
        name: &str,
        (src, src_encoding): (Vec<u8>, Option<&'static encoding_rs::Encoding>),
        (tgt, tgt_encoding): (Vec<u8>, Option<&'static encoding_rs::Encoding>),
        options: &ReadOptions<'_>,
    ) -> Result<DocumentPair, DocumentError> {
        let input = |input| move |error| DocumentError::Input { input, error };
        let src = Side::read(src, src_encoding, options.src_lang, options)
            .map_err(input(Input::Source))?;
        let tgt = Side::read(tgt, tgt_encoding, options.tgt_lang, options)
            .map_err(input(Input::Target))?;
        DocumentPair::from_sides(name, src, tgt)
    }

    /// Pairs two sides read with [`Side::read`], each with what language
    /// identification found in it, after checking that they are a document
    /// and its translation: not both in one language, not given the wrong
    /// way round.
    pub fn from_sides(
        name: &str,
        (src, src_found): (Side, Option<Identification>),
        (tgt, tgt_found): (Side, Option<Identification>),
    ) -> Result<DocumentPair, DocumentError> {
        // Languages given the wrong way round.
        if let (Some(src_found), Some(tgt_found)) = (&src_found, &tgt_found)
            && src_found.reliable
            && tgt_found.reliable
            && src_found.language == tgt.language.language()
            && tgt_found.language == src.language.language()
            && src_found.language != tgt_found.language
        {
            return Err(DocumentError::Swapped {
                source_found: src_found.tag(),
                target_found: tgt_found.tag(),
            });
        }
        // Languages given one way, texts written the other: both sides are
        // in one language.
        for (input, found, given, other) in [
            (Input::Target, &tgt_found, &tgt.language, &src.language),
            (Input::Source, &src_found, &src.language, &tgt.language),
        ] {
            if let Some(found) = found.as_ref().filter(|f| {
                f.reliable && f.language != given.language() && f.language == other.language()
            }) {
                return Err(DocumentError::NotAsGiven {
                    input,
                    found: found.tag(),
                    given: given.clone(),
                });
            }
        }
        if src.language.same_language(&tgt.language) {
            return Err(DocumentError::SameLanguage(src.language.clone()));
        }
        let sections = vec![Section::whole(src.paragraphs.len(), tgt.paragraphs.len())];
        Ok(DocumentPair {
            name: name.to_string(),
            src,
            tgt,
            sections,
            unpaired: Vec::new(),
        })
    }

    /// A document whose translation units are already paired (a bilingual
    /// XLIFF file, read by the caller): each unit's source and target one
    /// paragraph, each pair one section, so that alignment only splits a
    /// unit into its sentence pairs. Units with a blank side are left out.
    pub fn from_units(
        name: &str,
        units: &[(CodedParagraph, CodedParagraph)],
        options: &ReadOptions<'_>,
    ) -> Result<DocumentPair, DocumentError> {
        let units: Vec<_> = units
            .iter()
            .filter(|(s, t)| !s.text.trim().is_empty() && !t.text.trim().is_empty())
            .collect();
        let sources: Vec<CodedParagraph> = units.iter().map(|(s, _)| s.clone()).collect();
        let targets: Vec<CodedParagraph> = units.iter().map(|(_, t)| t.clone()).collect();
        let input = |input| move |error| DocumentError::Input { input, error };
        let src = Side::from_paragraphs(&sources, options.src_lang, options)
            .map_err(input(Input::Source))?;
        let tgt = Side::from_paragraphs(&targets, options.tgt_lang, options)
            .map_err(input(Input::Target))?;
        let mut pair = DocumentPair::from_sides(name, src, tgt)?;
        pair.sections = (0..units.len())
            .map(|k| Section {
                src: k..k + 1,
                tgt: k..k + 1,
            })
            .collect();
        Ok(pair)
    }

    /// Reads one bilingual input whose paragraphs alternate between the two
    /// languages ([`split_interleaved`]): each block pair a section, each
    /// block without a counterpart [`Unpaired`]. The source is the language
    /// given as such, else the file's first.
    pub fn read_interleaved(
        name: &str,
        bytes: Vec<u8>,
        encoding: Option<&'static encoding_rs::Encoding>,
        options: &ReadOptions<'_>,
    ) -> Result<DocumentPair, DocumentError> {
        let failed = |error: InputError| DocumentError::Input {
            input: Input::Interleaved,
            error,
        };
        let segment = |error: SegmentError| failed(error.into());
        let (text, options, _) = document_text(bytes, encoding, None, options).map_err(failed)?;
        let options = &options;
        // Lines are the paragraphs' raw material: a line over the limit is
        // refused before language identification reads it.
        options.limits.check_lines(&lines(&text)).map_err(segment)?;
        let given = match (options.src_lang, options.tgt_lang) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        let Interleaved {
            first,
            second,
            parts,
            hard_wrapped,
        } = split_interleaved(&text, options.paragraphs, given)?;
        // Which of the two is the source: the user's word, else the file's order.
        let first_is_source = match (options.src_lang, options.tgt_lang) {
            (Some(src), _) => src.same_language(&first) || !src.same_language(&second),
            (None, Some(tgt)) => !tgt.same_language(&first),
            (None, None) => true,
        };
        let found = format!("{first} and {second}");
        let (src_lang, tgt_lang) = if first_is_source {
            (first, second)
        } else {
            (second, first)
        };
        if src_lang.same_language(&tgt_lang) {
            return Err(DocumentError::SameLanguage(src_lang));
        }
        // A tag given is written as given, if it is the file's language.
        let as_given = |given: Option<&LanguageTag>, language: LanguageTag| match given {
            Some(given) if given.same_language(&language) => Ok(given.clone()),
            Some(given) => Err(InterleavedError::OtherLanguages {
                given: given.to_string(),
                found: found.clone(),
            }),
            None => Ok(language),
        };
        let src_lang = as_given(options.src_lang, src_lang)?;
        let tgt_lang = as_given(options.tgt_lang, tgt_lang)?;
        let src_segmenter = Segmenter::for_language(src_lang.as_str(), options.srx);
        let tgt_segmenter = Segmenter::for_language(tgt_lang.as_str(), options.srx);
        let (mut src, mut tgt) = (Side::new(src_lang), Side::new(tgt_lang));
        // One file: its note goes with the source, which names it.
        src.hard_wrapped = hard_wrapped;
        let (limits, presegmented) = (&options.limits, options.presegmented);
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
                        src.push_paragraph(p, &src_segmenter, presegmented, limits)
                            .map_err(segment)?;
                    }
                    for p in &t.paragraphs {
                        tgt.push_paragraph(p, &tgt_segmenter, presegmented, limits)
                            .map_err(segment)?;
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
                    let (side, segmenter) = if block.language.same_language(&src.language) {
                        (&mut src, &src_segmenter)
                    } else {
                        (&mut tgt, &tgt_segmenter)
                    };
                    for p in &block.paragraphs {
                        side.push_paragraph(p, segmenter, presegmented, limits)
                            .map_err(segment)?;
                    }
                }
            }
            sections.push(Section {
                src: src_start..src.paragraphs.len(),
                tgt: tgt_start..tgt.paragraphs.len(),
            });
        }
        Ok(DocumentPair {
            name: name.to_string(),
            src,
            tgt,
            sections,
            unpaired,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    const ZH: &str = "政府工作报告\n今年经济稳定增长。我们建设了新学校。\n";
    const EN: &str = "Report on the Work of the Government\nThe economy grew steadily this year.\nWe built new schools.\n";

    fn bytes(text: &str) -> (Vec<u8>, Option<&'static encoding_rs::Encoding>) {
        (text.as_bytes().to_vec(), None)
    }

    #[test]
    fn two_inputs_make_one_section() {
        let pair =
            DocumentPair::read("report", bytes(ZH), bytes(EN), &ReadOptions::default()).unwrap();
        assert_eq!(pair.name, "report");
        assert_eq!(
            (pair.src.language.as_str(), pair.tgt.language.as_str()),
            ("zh-CN", "en")
        );
        assert_eq!(pair.src.sentences.len(), 3);
        assert_eq!(pair.tgt.sentences.len(), 3);
        assert_eq!(
            pair.sections,
            [Section {
                src: 0..2,
                tgt: 0..3
            }]
        );
        assert!(pair.unpaired.is_empty());
    }

    #[test]
    fn each_input_has_its_own_encoding() {
        let (gbk, _, _) = encoding_rs::GBK.encode(ZH);
        let pair = DocumentPair::read(
            "report",
            (gbk.into_owned(), Some(encoding_rs::GBK)),
            bytes(EN),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(pair.src.sentences[0], "政府工作报告");
        // Read as UTF-8 it is not text, and the error says which input.
        let (gbk, _, _) = encoding_rs::GBK.encode(ZH);
        let error = DocumentPair::read(
            "report",
            bytes(EN),
            (gbk.into_owned(), None),
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(
                error,
                DocumentError::Input {
                    input: Input::Target,
                    error: InputError::Decode(_)
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn languages_that_cannot_be_a_translation_pair() {
        let options = ReadOptions::default();
        assert_eq!(
            DocumentPair::read("r", bytes(EN), bytes(EN), &options).unwrap_err(),
            DocumentError::SameLanguage(tag("en"))
        );
        let (zh, en) = (tag("zh"), tag("en"));
        let swapped = ReadOptions {
            src_lang: Some(&en),
            tgt_lang: Some(&zh),
            ..options
        };
        assert_eq!(
            DocumentPair::read("r", bytes(ZH), bytes(EN), &swapped).unwrap_err(),
            DocumentError::Swapped {
                source_found: tag("zh-CN"),
                target_found: tag("en")
            }
        );
        // Chinese given for an English target, beside an English source.
        let given = ReadOptions {
            tgt_lang: Some(&zh),
            ..options
        };
        assert_eq!(
            DocumentPair::read("r", bytes(EN), bytes(EN), &given).unwrap_err(),
            DocumentError::NotAsGiven {
                input: Input::Target,
                found: tag("en"),
                given: zh.clone()
            }
        );
    }

    #[test]
    fn an_interleaved_input_makes_a_section_per_block_pair() {
        let text = "政府工作报告\nReport on the Work of the Government\n今年经济稳定增长。\nThe economy grew steadily this year.\n仅有中文的一段。\n";
        let pair = DocumentPair::read_interleaved(
            "r",
            text.as_bytes().to_vec(),
            None,
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(pair.sections.len(), 3);
        assert_eq!(
            pair.sections[1],
            Section {
                src: 1..2,
                tgt: 1..2
            }
        );
        // The last Chinese paragraph has no counterpart: on its side, unaligned.
        assert_eq!(
            pair.sections[2],
            Section {
                src: 2..3,
                tgt: 2..2
            }
        );
        assert_eq!(
            pair.unpaired,
            [Unpaired {
                lines: (5, 5),
                language: tag("zh-CN"),
                other_language: false
            }]
        );
        // English given as the source turns the file around.
        let en = tag("en");
        let english_first = ReadOptions {
            src_lang: Some(&en),
            ..ReadOptions::default()
        };
        let pair =
            DocumentPair::read_interleaved("r", text.as_bytes().to_vec(), None, &english_first)
                .unwrap();
        assert_eq!(pair.src.language, en);
        assert_eq!(
            pair.src.sentences[0],
            "Report on the Work of the Government"
        );
    }

    #[test]
    fn tags_given_for_an_interleaved_input_name_its_sides() {
        let text = "政府工作报告\nReport on the Work of the Government\n今年经济稳定增长。\nThe economy grew steadily this year.\n";
        let read = |src: Option<&LanguageTag>, tgt: Option<&LanguageTag>| {
            let options = ReadOptions {
                src_lang: src,
                tgt_lang: tgt,
                ..ReadOptions::default()
            };
            DocumentPair::read_interleaved("r", text.as_bytes().to_vec(), None, &options)
        };
        let languages =
            |pair: DocumentPair| (pair.src.language.to_string(), pair.tgt.language.to_string());
        let (en_us, zh_tw, de) = (tag("en-US"), tag("zh-TW"), tag("de"));
        // The target alone, as the file's second or first language: the
        // other side is the source, and the tag is written as given.
        assert_eq!(
            languages(read(None, Some(&en_us)).unwrap()),
            ("zh-CN".into(), "en-US".into())
        );
        assert_eq!(
            languages(read(None, Some(&zh_tw)).unwrap()),
            ("en".into(), "zh-TW".into())
        );
        // A language the file does not hold is an error, not a label.
        for (src, tgt, named) in [
            (Some(&de), None, "de"),
            (None, Some(&de), "de"),
            (Some(&de), Some(&en_us), "de and en-US"),
        ] {
            let error = read(src, tgt).unwrap_err();
            assert!(
                matches!(
                    &error,
                    DocumentError::Interleaved(InterleavedError::OtherLanguages { given, .. })
                        if given == named
                ),
                "{error:?}"
            );
        }
    }

    #[test]
    fn an_interleaved_input_in_one_language_is_an_error() {
        let english = "The economy grew steadily this year, and the government kept its promises.\nWe built new schools and hospitals in every district of the city.\n";
        let error = DocumentPair::read_interleaved(
            "r",
            english.as_bytes().to_vec(),
            None,
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(
                error,
                DocumentError::Interleaved(InterleavedError::OneLanguage(_))
            ),
            "{error:?}"
        );
    }
}
