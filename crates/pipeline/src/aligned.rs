//! A document pair aligned, rated and written: what `tandem align` and each
//! document of `tandem batch` do.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::sync::Arc;

use tandem_align::{Alignment, Bead, Kinship, Options, Timing, align};
use tandem_score::{PairRater, Thresholds};
use tandem_segment::{DocumentPair, HardWrap, Input, Unpaired};
use tandem_text::{LanguageTag, TagStyle};
use tandem_tmx::SegType;

use crate::codes::tmx_segments;
use crate::format::{AlignedUnit, MemoryInfo, PairWriter, Unit, line_span, quality_props};
use crate::qa::codes_differ;
use crate::report::{ReportRow, ReportWriter};
use crate::{Dictionaries, ExportPolicy, QaSummary, SentenceEncoder};

/// How a document is aligned, rated, and which of its pairs are written.
#[derive(Debug, Clone, Default)]
pub struct AlignSettings {
    /// What the aligner may do (its `dictionary` is set per document from
    /// `dictionaries`).
    pub options: Options,
    /// The dictionaries that prime the translation model.
    pub dictionaries: Dictionaries,
    /// Where flags start.
    pub thresholds: Thresholds,
    /// Which pairs are left out of the output.
    pub export: ExportPolicy,
    /// Sentence pairs, or paragraph pairs.
    pub segtype: SegType,
    /// How language tags are written.
    pub tag_style: TagStyle,
    /// The sentence encoder whose embeddings the aligner counts as evidence
    /// of meaning; `None` aligns on lexical evidence alone.
    pub encoder: Option<SentenceEncoder>,
    /// Leave the documents' formatting out: the formats that hold inline
    /// codes write plain text (`--tags none`).
    pub plain_text: bool,
}

/// Something the user should hear about a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A passage of an interleaved file without a counterpart.
    Unpaired(Unpaired),
    /// The built-in dictionary was asked for, but does not cover the
    /// document's languages (source, target).
    DictionaryNotCovering {
        /// The document's languages, source and target.
        languages: (String, String),
    },
    /// An input was found hard-wrapped, and its paragraphs were read by
    /// blank lines ([`tandem_segment::ParagraphStyle::Auto`]).
    HardWrapped {
        /// Which input: the source (or the one interleaved file) or the
        /// target.
        input: Input,
        /// What made it look so.
        wrap: HardWrap,
    },
    /// The two texts do not read as translations of each other
    /// ([`tandem_align::Kinship`]): every pair's confidence is folded down
    /// with the document score.
    NotTranslations(Kinship),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Unpaired(unpaired) => {
                let (what, fate) = if unpaired.other_language {
                    ("in a third language", "left out")
                } else {
                    ("without a counterpart", "left unaligned")
                };
                let lines = match unpaired.lines {
                    (first, last) if first == last => format!("line {first}"),
                    (first, last) => format!("lines {first}-{last}"),
                };
                write!(
                    f,
                    "{lines} ({}) {what}: its sentences are {fate}",
                    unpaired.language
                )
            }
            Warning::DictionaryNotCovering {
                languages: (src, tgt),
            } => write!(
                f,
                "the built-in dictionary covers Chinese–English only, not {src}–{tgt}"
            ),
            Warning::HardWrapped { wrap, .. } => write!(
                f,
                "looks hard-wrapped ({} of its {} lines inside paragraphs end mid-sentence): its paragraphs are read by blank lines",
                wrap.mid_sentence, wrap.inner_lines
            ),
            Warning::NotTranslations(kinship) => write!(
                f,
                "do not read as translations of each other: only {} of {} pairs are closer in meaning than the same source sentence paired with other sentences of the document (document score {:.2}); every pair's confidence is at most that, and --fail-on error fails the run",
                kinship.beating,
                kinship.tested,
                kinship.probability()
            ),
        }
    }
}

/// Below this document score two texts are said not to be translations of
/// each other: a warning, and an error-severity finding for `--fail-on`.
pub const UNRELATED_BELOW: f64 = 0.5;

/// A document pair and its alignment.
#[derive(Debug)]
pub struct AlignedDocument<'d> {
    /// The document.
    pub document: &'d DocumentPair,
    /// Its alignment.
    pub alignment: Alignment,
    /// The language tags as outputs write them (the settings' tag style
    /// applied), source and target.
    pub languages: (LanguageTag, LanguageTag),
    /// What the user should hear, in the order found.
    pub warnings: Vec<Warning>,
    /// Which sentence beads a reviewer confirmed (by index into
    /// `alignment.beads`; empty when none was): their units carry the prop
    /// `x-reviewed`.
    pub reviewed: Vec<bool>,
    /// Content flags of pairs rated before, for a document rated again
    /// and again (a review).
    pub content_cache: Option<tandem_score::ContentCache>,
}

/// Aligns a document pair section by section ([`tandem_align::align`]),
/// with the dictionaries fitted to it.
pub fn align_document<'d>(
    document: &'d DocumentPair,
    settings: &AlignSettings,
) -> AlignedDocument<'d> {
    let (options, warnings) = document_options(document, settings);
    let alignment = align(
        &document.src.sentences(),
        &document.tgt.sentences(),
        &document.sections,
        &options,
    );
    aligned_with(document, settings, alignment, warnings)
}

/// A document and an alignment of it (from [`align_document`], or realigned
/// under a reviewer's decisions), with what the user should hear of it.
pub fn aligned_with<'d>(
    document: &'d DocumentPair,
    settings: &AlignSettings,
    alignment: Alignment,
    mut warnings: Vec<Warning>,
) -> AlignedDocument<'d> {
    warnings.extend(
        (alignment.kinship)
            .filter(|k| k.probability() < UNRELATED_BELOW)
            .map(Warning::NotTranslations),
    );
    AlignedDocument {
        document,
        alignment,
        languages: (
            document.src.language.styled(settings.tag_style),
            document.tgt.language.styled(settings.tag_style),
        ),
        warnings,
        reviewed: Vec::new(),
        content_cache: None,
    }
}

/// The aligner's options for one document: the settings' with the
/// dictionary fitted to its languages, its sentence embeddings, and its
/// subtitle times; and what the user should hear of how it was read.
pub fn document_options(
    document: &DocumentPair,
    settings: &AlignSettings,
) -> (Options, Vec<Warning>) {
    let wrapped = [
        (Input::Source, &document.src),
        (Input::Target, &document.tgt),
    ]
    .into_iter()
    .filter_map(|(input, side)| {
        side.hard_wrapped
            .map(|wrap| Warning::HardWrapped { input, wrap })
    });
    let mut warnings: Vec<Warning> = wrapped
        .chain(document.unpaired.iter().cloned().map(Warning::Unpaired))
        .collect();
    let (src, tgt) = (document.src.sentences(), document.tgt.sentences());
    let (dictionary, warning) = settings.dictionaries.for_document(
        (
            document.src.language.as_str(),
            document.tgt.language.as_str(),
        ),
        (&src.sentences, &tgt.sentences),
    );
    warnings.extend(warning);
    let embeddings = (settings.encoder.as_ref())
        .and_then(|e| e.embed(&src.sentences, &tgt.sentences, settings.options.max_many));
    // Subtitles on both sides: their times are evidence.
    let timing = (!document.src.times.is_empty() && !document.tgt.times.is_empty()).then(|| {
        Arc::new(Timing {
            src: document.src.times.clone(),
            tgt: document.tgt.times.clone(),
        })
    });
    let options = Options {
        dictionary,
        embeddings,
        timing,
        ..settings.options.clone()
    };
    (options, warnings)
}

/// What writing an aligned document gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// Pairs written.
    pub pairs: usize,
    /// Of those, pairs with a flag.
    pub flagged: usize,
    /// Sentences left unaligned (in beads with an empty side).
    pub unaligned: usize,
    /// Characters XML 1.0 forbids, left out of the output.
    pub removed: usize,
    /// Every bead rated, as reports count them (with the pairs left out of
    /// the output by the export policy).
    pub summary: QaSummary,
}

impl AlignedDocument<'_> {
    /// What a writer of this document needs to know.
    pub fn memory_info<'a>(
        &'a self,
        settings: &AlignSettings,
        creation_date: &'a str,
    ) -> MemoryInfo<'a> {
        MemoryInfo {
            src_lang: self.languages.0.as_str(),
            tgt_lang: self.languages.1.as_str(),
            document: Some(&self.document.name),
            segtype: settings.segtype,
            creation_date,
        }
    }

    /// The units written with their confidence: the sentence beads, or for
    /// a paragraph memory the paragraph beads in sentence coordinates
    /// ([`Alignment::paragraph_units`]).
    fn units(&self, segtype: SegType) -> (Cow<'_, [Bead]>, Cow<'_, [f64]>) {
        match segtype {
            SegType::Sentence => (
                Cow::Borrowed(self.alignment.beads.as_slice()),
                Cow::Borrowed(self.alignment.posteriors.as_slice()),
            ),
            SegType::Paragraph => {
                let (beads, posteriors) = self.alignment.paragraph_units(
                    &self.document.src.sentences(),
                    &self.document.tgt.sentences(),
                );
                (Cow::Owned(beads), Cow::Owned(posteriors))
            }
        }
    }

    /// Rates every unit in document order ([`PairRater::rate_bead`]), counts
    /// it, reports it, and writes the pairs the export policy keeps to
    /// `writer` (beads with an empty side to
    /// [`PairWriter::write_unaligned`]). Each pair's text is borrowed from
    /// the document where it is one sentence, joined once where it is
    /// several.
    pub fn write(
        &self,
        settings: &AlignSettings,
        mut writer: Box<dyn PairWriter + '_>,
        mut report: Option<&mut (dyn ReportWriter + '_)>,
    ) -> io::Result<Written> {
        let segtype = settings.segtype;
        let mut rater = PairRater::new(
            self.alignment.models.sentences,
            settings.thresholds,
            (self.languages.0.as_str(), self.languages.1.as_str()),
        );
        if segtype == SegType::Paragraph {
            rater = rater.for_paragraphs();
        }
        if let Some(cache) = &self.content_cache {
            rater = rater.with_cache(cache.clone());
        }
        let (src, tgt) = (&self.document.src, &self.document.tgt);
        let mut written = Written::default();
        written.summary.document_score = self.alignment.kinship.map(|k| k.probability());
        let (beads, posteriors) = self.units(segtype);
        let coded = !settings.plain_text && !src.codes.is_empty() && !tgt.codes.is_empty();
        for (position, (bead, &posterior)) in beads.iter().zip(posteriors.iter()).enumerate() {
            let source = src.text_of(bead.src.clone());
            let target = tgt.text_of(bead.tgt.clone());
            let mut rating = rater.rate_bead(position + 1, bead, posterior, &source, &target);
            // A document's formatting, where both documents have some (a
            // side without any, text or PDF, would leave every code
            // unmatched): the segments written are checked as `qa` checks
            // a memory's.
            let (src_codes, tgt_codes) = match coded && !bead.is_null() {
                true => (
                    src.codes_of(bead.src.clone()),
                    tgt.codes_of(bead.tgt.clone()),
                ),
                false => (Vec::new(), Vec::new()),
            };
            let segments = (!src_codes.is_empty() || !tgt_codes.is_empty())
                .then(|| tmx_segments((&source, &src_codes), (&target, &tgt_codes)));
            if let Some((source, target)) = &segments {
                rating
                    .flags
                    .extend(codes_differ(&source.codes(), &target.codes()));
            }
            // Reports show four decimals, and count what they show.
            let confidence = (rating.confidence * 10_000.0).round() / 10_000.0;
            written.summary.add(confidence, &rating.flags);
            let sentences = (bead.src.len(), bead.tgt.len());
            let dropped = (!bead.is_null())
                .then(|| (settings.export).reason_to_drop(sentences, &source, &target, &rating))
                .flatten();
            // The unit's tuid in the memory, for the pairs written: a report
            // row and its unit are found by it.
            let number = written.pairs + 1;
            let tuid = (!bead.is_null() && dropped.is_none()).then(|| number.to_string());
            if let Some(report) = report.as_mut() {
                report.pair(&ReportRow {
                    unit: position + 1,
                    tuid: tuid.as_deref(),
                    source: &source,
                    target: &target,
                    confidence,
                    aligner_confidence: None,
                    flags: &rating.flags,
                    segments: segments.as_ref().map(|(s, t)| (s, t)),
                    origins: (
                        src.origin_of(bead.src.clone()),
                        tgt.origin_of(bead.tgt.clone()),
                    ),
                })?;
            }
            if bead.is_null() {
                written.unaligned += bead.src.len() + bead.tgt.len();
                writer.write_unaligned(bead, &rating)?;
                continue;
            }
            if let Some(reason) = dropped {
                written.summary.drop(reason);
                continue;
            }
            let src_lines = src.lines_of(bead.src.clone());
            let tgt_lines = tgt.lines_of(bead.tgt.clone());
            let mut props = quality_props(&rating);
            props.push((
                Cow::Borrowed("x-document"),
                Cow::Borrowed(&self.document.name),
            ));
            for (kind, lines) in [("x-source-lines", src_lines), ("x-target-lines", tgt_lines)] {
                props.extend(lines.map(|l| (Cow::Borrowed(kind), Cow::Owned(line_span(l)))));
            }
            if segtype == SegType::Sentence && self.reviewed.get(position) == Some(&true) {
                props.push((Cow::Borrowed("x-reviewed"), Cow::Borrowed("yes")));
            }
            for (kind, origin) in [
                ("x-source-origin", src.origin_of(bead.src.clone())),
                ("x-target-origin", tgt.origin_of(bead.tgt.clone())),
            ] {
                props.extend(origin.map(|o| (Cow::Borrowed(kind), Cow::Borrowed(o))));
            }
            writer.write(&Unit {
                id: Cow::Owned(number.to_string()),
                source,
                target,
                props,
                segments,
                aligned: Some(AlignedUnit {
                    number,
                    bead,
                    score: &rating,
                    src_lines,
                    tgt_lines,
                }),
            })?;
            written.pairs += 1;
            written.flagged += usize::from(!rating.flags.is_empty());
        }
        written.removed = writer.finish()?;
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DropReason;
    use crate::report::ReportRow;
    use tandem_align::Bead;
    use tandem_score::Score;
    use tandem_segment::ReadOptions;

    /// A unit as a writer was given it.
    #[derive(Debug)]
    struct KeptUnit {
        source: String,
        target: String,
        number: usize,
        props: Vec<(String, String)>,
    }

    /// A writer that keeps what it is given.
    #[derive(Default)]
    struct Kept {
        units: Vec<KeptUnit>,
        unaligned: Vec<Bead>,
    }

    struct Keeper<'k>(&'k mut Kept);

    impl PairWriter for Keeper<'_> {
        fn write(&mut self, unit: &Unit<'_>) -> io::Result<()> {
            let props = unit
                .props
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let number = unit.aligned.as_ref().unwrap().number;
            assert_eq!(unit.id, number.to_string());
            self.0.units.push(KeptUnit {
                source: unit.source.to_string(),
                target: unit.target.to_string(),
                number,
                props,
            });
            Ok(())
        }

        fn write_unaligned(&mut self, bead: &Bead, _score: &Score) -> io::Result<()> {
            self.0.unaligned.push(bead.clone());
            Ok(())
        }

        fn finish(self: Box<Self>) -> io::Result<usize> {
            Ok(0)
        }
    }

    /// Three block pairs and a last Chinese paragraph without a
    /// counterpart; the second pair's numbers differ.
    const FILE: &str = "政府工作报告\nReport on the Work of the Government\n2023年，全市经济增长5.2%。城市更加宜居。\nIn 2023, the city's economy grew by 5.8%. The city became more livable.\n谢谢大家。\nThank you.\n这一段没有译文，它的两句话。都留在原文里。\n";

    fn interleaved(file: &str, options: &ReadOptions<'_>) -> DocumentPair {
        DocumentPair::read_interleaved("report.txt", file.into(), None, options).unwrap()
    }

    #[test]
    fn write_counts_what_it_writes_and_what_it_leaves() {
        let document = interleaved(FILE, &ReadOptions::default());
        let settings = AlignSettings {
            export: ExportPolicy {
                min_chars: Some(6),
                ..ExportPolicy::default()
            },
            ..AlignSettings::default()
        };
        let aligned = align_document(&document, &settings);
        assert_eq!(aligned.warnings.len(), 1);
        let mut kept = Kept::default();
        let written = aligned
            .write(&settings, Box::new(Keeper(&mut kept)), None)
            .unwrap();
        // Every bead counted in the summary; the pairs written, numbered in
        // order; the short one (谢谢大家。) left out by --min-chars.
        assert_eq!(written.summary.pairs, aligned.alignment.beads.len());
        assert_eq!(written.pairs, kept.units.len());
        assert_eq!(
            kept.units.iter().map(|u| u.number).collect::<Vec<_>>(),
            (1..=kept.units.len()).collect::<Vec<_>>()
        );
        assert!(kept.units.iter().all(|u| u.source != "谢谢大家。"));
        assert_eq!(written.summary.dropped[&DropReason::MinChars], 1);
        // The untranslated paragraph's two sentences, left unaligned.
        assert_eq!(written.unaligned, 2);
        assert_eq!(kept.unaligned.iter().map(|b| b.src.len()).sum::<usize>(), 2);
        // Flagged: the pair whose numbers differ, with its props.
        let flagged: Vec<&KeptUnit> = kept
            .units
            .iter()
            .filter(|u| u.props.iter().any(|(k, _)| k == "x-flags"))
            .collect();
        assert_eq!(written.flagged, flagged.len());
        assert!(
            flagged.iter().any(|u| u.source.contains("5.2%")),
            "{kept:?}",
            kept = kept.units
        );
        let props = &kept.units[0].props;
        let kinds: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "x-confidence",
                "x-document",
                "x-source-lines",
                "x-target-lines"
            ]
        );
        assert_eq!(props[1].1, "report.txt");
        assert_eq!((props[2].1.as_str(), props[3].1.as_str()), ("1", "2"));
    }

    #[test]
    fn warnings_name_their_lines() {
        let tag = tandem_text::LanguageTag::parse("zh-CN").unwrap();
        let unpaired = |lines, other_language| {
            Warning::Unpaired(Unpaired {
                lines,
                language: tag.clone(),
                other_language,
            })
            .to_string()
        };
        assert_eq!(
            unpaired((3, 3), false),
            "line 3 (zh-CN) without a counterpart: its sentences are left unaligned"
        );
        assert_eq!(
            unpaired((3, 5), true),
            "lines 3-5 (zh-CN) in a third language: its sentences are left out"
        );
    }

    /// A report row as a report was given it.
    #[derive(Debug, PartialEq)]
    struct KeptRow {
        unit: usize,
        confidence: f64,
        messages: Vec<String>,
    }

    /// A report that keeps its rows.
    struct Rows<'k>(&'k mut Vec<KeptRow>);

    impl ReportWriter for Rows<'_> {
        fn pair(&mut self, row: &ReportRow<'_>) -> io::Result<()> {
            self.0.push(KeptRow {
                unit: row.unit,
                confidence: row.confidence,
                messages: row.flags.iter().map(|f| f.message.clone()).collect(),
            });
            Ok(())
        }

        fn finish(self: Box<Self>, _summary: &QaSummary) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn reports_show_every_bead_with_four_decimals() {
        let document = interleaved(FILE, &ReadOptions::default());
        let settings = AlignSettings::default();
        let aligned = align_document(&document, &settings);
        let mut kept = Kept::default();
        let mut rows = Vec::new();
        let mut report = Rows(&mut rows);
        let written = aligned
            .write(&settings, Box::new(Keeper(&mut kept)), Some(&mut report))
            .unwrap();
        let numbers: Vec<usize> = rows.iter().map(|r| r.unit).collect();
        assert_eq!(
            numbers,
            (1..=aligned.alignment.beads.len()).collect::<Vec<_>>()
        );
        for (row, &posterior) in rows.iter().zip(&aligned.alignment.posteriors) {
            assert_eq!(row.confidence, (posterior * 10_000.0).round() / 10_000.0);
        }
        // The summary counts what the report shows.
        let mean = rows.iter().map(|r| r.confidence).sum::<f64>() / rows.len() as f64;
        assert!((written.summary.mean_confidence - mean).abs() < 1e-12);
        assert!(rows.iter().any(|r| r.confidence < 1.0));
    }

    #[test]
    fn paragraph_units_hold_their_paragraphs() {
        let document = interleaved(FILE, &ReadOptions::default());
        let settings = AlignSettings {
            segtype: SegType::Paragraph,
            ..AlignSettings::default()
        };
        let aligned = align_document(&document, &settings);
        let mut kept = Kept::default();
        aligned
            .write(&settings, Box::new(Keeper(&mut kept)), None)
            .unwrap();
        let texts: Vec<(&str, &str)> = kept
            .units
            .iter()
            .map(|u| (u.source.as_str(), u.target.as_str()))
            .collect();
        assert_eq!(
            texts[1],
            (
                "2023年，全市经济增长5.2%。城市更加宜居。",
                "In 2023, the city's economy grew by 5.8%. The city became more livable."
            )
        );
        // Two sentences a side is what a paragraph is: not many-to-many.
        assert!(
            kept.units
                .iter()
                .all(|u| !u.props.iter().any(|(_, v)| v.contains("many-to-many")))
        );
    }

    #[test]
    fn memory_flags_name_units_as_reports_number_them() {
        let file = "谢谢大家。\nThank you.\n政府工作报告\nReport on the Work of the Government\n谢谢大家。\nThank you all.\n";
        let document = interleaved(file, &ReadOptions::default());
        let settings = AlignSettings::default();
        let aligned = align_document(&document, &settings);
        let mut kept = Kept::default();
        let mut rows = Vec::new();
        let mut report = Rows(&mut rows);
        aligned
            .write(&settings, Box::new(Keeper(&mut kept)), Some(&mut report))
            .unwrap();
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[2].unit, 3);
        assert_eq!(
            rows[2].messages,
            ["unit 1 has the same source with another target"]
        );
    }

    #[test]
    fn sentences_left_unaligned_are_counted_on_the_target_side_too() {
        // One block of the translation has no original: its sentences are
        // left unaligned on the target side.
        let file = "This paragraph has no original. It stays in the translation alone.\n政府工作报告\nReport on the Work of the Government\n谢谢大家。\nThank you.\n";
        let (zh, en) = (
            tandem_text::LanguageTag::parse("zh").unwrap(),
            tandem_text::LanguageTag::parse("en").unwrap(),
        );
        let options = ReadOptions {
            src_lang: Some(&zh),
            tgt_lang: Some(&en),
            ..ReadOptions::default()
        };
        let document = interleaved(file, &options);
        let settings = AlignSettings::default();
        let aligned = align_document(&document, &settings);
        let mut kept = Kept::default();
        let written = aligned
            .write(&settings, Box::new(Keeper(&mut kept)), None)
            .unwrap();
        let left: Vec<(usize, usize)> = kept
            .unaligned
            .iter()
            .map(|b| (b.src.len(), b.tgt.len()))
            .collect();
        assert!(
            !left.is_empty() && left.iter().all(|l| l.0 == 0),
            "{left:?}"
        );
        assert_eq!(written.unaligned, left.iter().map(|l| l.1).sum::<usize>());
    }

    #[test]
    fn a_dictionary_reaches_the_alignment() {
        // The synthetic document of the end-to-end tests: long enough to
        // train the translation model, with words only a dictionary knows.
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/dictionary/");
        let read = |name: &str| std::fs::read(format!("{data}{name}")).unwrap();
        let document = DocumentPair::read(
            "words",
            (read("words.zh.txt"), None),
            (read("words.en.txt"), None),
            &ReadOptions::default(),
        )
        .unwrap();
        let posteriors = |dictionaries| {
            let settings = AlignSettings {
                dictionaries,
                ..AlignSettings::default()
            };
            align_document(&document, &settings).alignment.posteriors
        };
        let text = String::from_utf8(read("dict.txt")).unwrap();
        let file = tandem_align::Dictionary::parse(&text).unwrap();
        let with = posteriors(Dictionaries {
            file: Some(file),
            builtin: false,
        });
        assert_ne!(with, posteriors(Dictionaries::default()));
    }
}
