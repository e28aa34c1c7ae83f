//! Alignment accuracy against gold alignments, and sentence boundary
//! accuracy of the segmenter, document by document over an evaluation set
//! (the metrics are [`tandem_align::gold`]'s).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use tandem_align::gold::{Counts, GoldBead, ratio, roc_auc};
use tandem_align::{Alignment, Options, Section, Sentences, align};
use tandem_score::{FlagKind, Score, Thresholds, rate_alignment};
use tandem_segment::{ParagraphStyle, ReadOptions, Segmenter, Side};
use tandem_text::LanguageTag;

use crate::layout::{Layout, ResegmentedSide, SplitMix, WRAP_COLUMNS, hard_wrapped, map_beads};
use crate::{Dictionaries, SentenceEncoder, Warning};

/// One document of an evaluation set: its sentences, one per line, and
/// its gold alignment.
#[derive(Debug, Clone)]
pub struct EvalDocument<'a> {
    /// Source sentences.
    pub src: Vec<&'a str>,
    /// Target sentences.
    pub tgt: Vec<&'a str>,
    /// The reference alignment.
    pub gold: Vec<GoldBead>,
}

/// What an evaluation set scored.
#[derive(Debug, Clone, Serialize)]
pub struct SetResult {
    /// The set's name.
    pub set: String,
    /// Its languages, source and target.
    pub languages: (String, String),
    /// How many documents.
    pub documents: usize,
    /// The counts behind the scores, summed over the documents.
    #[serde(with = "CountsSchema")]
    pub counts: Counts,
    /// Strict precision, recall, F1.
    pub strict: (f64, f64, f64),
    /// Lax precision, recall, F1.
    pub lax: (f64, f64, f64),
    /// Gold beads found exactly, by type.
    pub by_gold_type: Vec<TypeResult>,
    /// How well confidence predicts a right bead.
    pub confidence: ConfidenceResult,
    /// Sentence boundaries found after rejoining, per side, when measured.
    pub segmentation: Option<Vec<Boundaries>>,
    /// For a layout that resegments the text ([`Layout::HardWrapped`]),
    /// the strict F1 of the best alignment its sentences allow: the gold's
    /// beads joined where the segmenter joined or cut gold sentences.
    pub ceiling: Option<f64>,
}

#[derive(Serialize)]
#[serde(remote = "Counts")]
struct CountsSchema {
    test: usize,
    strict_precise: usize,
    lax_precise: usize,
    gold: usize,
    strict_recalled: usize,
    lax_recalled: usize,
}

/// How well confidence predicts that a bead is right (exactly in the gold).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConfidenceResult {
    /// ROC AUC of confidence over all beads of the test alignment.
    pub auc: f64,
    /// The same over beads with both sides non-empty.
    pub auc_non_null: f64,
    /// Wrong beads among those the `weak` flag marks…
    pub weak_precision: f64,
    /// …and marked among the wrong ones.
    pub weak_recall: f64,
    /// Expected calibration error: over [`RELIABILITY_BINS`] equal-width
    /// confidence bins, the mean gap between a bin's mean confidence and
    /// its share of right beads, weighted by the beads in the bin (Guo et
    /// al. 2017, "On Calibration of Modern Neural Networks").
    pub ece: f64,
    /// The mean negative log-likelihood (nats) of right and wrong under
    /// the confidence, clamped to [1e-6, 1 − 1e-6]: what a calibration is
    /// fitted by.
    pub log_loss: f64,
    /// Right beads among those at confidence ≥ [`CONFIDENT`]…
    pub precision_confident: f64,
    /// …and the share of all beads that reach it.
    pub coverage_confident: f64,
    /// The reliability diagram: beads per confidence bin, and right ones.
    pub reliability: Vec<ReliabilityBin>,
}

/// How many equal-width bins the reliability diagram and the ECE use.
pub const RELIABILITY_BINS: usize = 10;

/// The confidence a translator may take on trust: the point at which
/// precision and coverage are reported.
pub const CONFIDENT: f64 = 0.9;

/// One bin of a reliability diagram: beads whose confidence lies in
/// `[low, high)` (the last bin holds 1.0 too).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ReliabilityBin {
    /// The bin's lower edge.
    pub low: f64,
    /// Its upper edge.
    pub high: f64,
    /// Beads in it.
    pub beads: usize,
    /// Of those, right.
    pub right: usize,
    /// Their mean confidence (NaN for an empty bin).
    pub mean_confidence: f64,
}

/// A test bead as the confidence measures see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatedBead {
    /// Its confidence.
    pub confidence: f64,
    /// Whether the gold has it exactly.
    pub right: bool,
    /// Whether both sides hold sentences.
    pub full: bool,
    /// Whether it was flagged `weak`.
    pub weak: bool,
}

impl ConfidenceResult {
    /// How well the confidences of `beads` predict which are right.
    pub fn of(beads: &[RatedBead]) -> ConfidenceResult {
        let scored = |full_only: bool| -> Vec<(f64, bool)> {
            beads
                .iter()
                .filter(|b| b.full || !full_only)
                .map(|b| (b.confidence, b.right))
                .collect()
        };
        let weak_wrong = beads.iter().filter(|b| b.weak && !b.right).count();
        let confident: Vec<&RatedBead> =
            beads.iter().filter(|b| b.confidence >= CONFIDENT).collect();
        let reliability = reliability(beads);
        let ece = reliability
            .iter()
            .filter(|bin| bin.beads > 0)
            .map(|bin| bin.beads as f64 * (bin.mean_confidence - ratio(bin.right, bin.beads)).abs())
            .sum::<f64>()
            / beads.len() as f64;
        let log_loss = beads
            .iter()
            .map(|b| {
                let p = b.confidence.clamp(1e-6, 1.0 - 1e-6);
                -(if b.right { p } else { 1.0 - p }).ln()
            })
            .sum::<f64>()
            / beads.len() as f64;
        ConfidenceResult {
            auc: roc_auc(&scored(false)),
            log_loss,
            auc_non_null: roc_auc(&scored(true)),
            weak_precision: ratio(weak_wrong, beads.iter().filter(|b| b.weak).count()),
            weak_recall: ratio(weak_wrong, beads.iter().filter(|b| !b.right).count()),
            ece,
            precision_confident: ratio(
                confident.iter().filter(|b| b.right).count(),
                confident.len(),
            ),
            coverage_confident: ratio(confident.len(), beads.len()),
            reliability,
        }
    }
}

/// Beads counted into [`RELIABILITY_BINS`] equal-width confidence bins.
fn reliability(beads: &[RatedBead]) -> Vec<ReliabilityBin> {
    let width = 1.0 / RELIABILITY_BINS as f64;
    let mut bins: Vec<ReliabilityBin> = (0..RELIABILITY_BINS)
        .map(|k| ReliabilityBin {
            low: k as f64 * width,
            high: (k + 1) as f64 * width,
            ..ReliabilityBin::default()
        })
        .collect();
    let mut sums = vec![0.0; RELIABILITY_BINS];
    for bead in beads {
        // As the QA summary's histogram bins them.
        let k = ((bead.confidence * RELIABILITY_BINS as f64) as usize).min(RELIABILITY_BINS - 1);
        bins[k].beads += 1;
        bins[k].right += usize::from(bead.right);
        sums[k] += bead.confidence;
    }
    for (bin, sum) in bins.iter_mut().zip(sums) {
        bin.mean_confidence = sum / bin.beads as f64;
    }
    bins
}

/// Gold beads of one type, and how many were found exactly.
#[derive(Debug, Clone, Serialize)]
pub struct TypeResult {
    /// The type ([`GoldBead::kind`]).
    pub shape: String,
    /// Gold beads of the type.
    pub gold: usize,
    /// Of those, found.
    pub found: usize,
}

/// How often each content check flags a correct pair: the gold 1-1 beads
/// of evaluation sets, every one a sentence and its translation, checked as
/// `tandem qa` checks a unit ([`tandem_score::check_content`]). The checks
/// of the alignment (lengths, confidence) and of the memory as a whole
/// (conflicts, duplicates) are not counted: they are not about the pair.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FalseFlags {
    /// Gold 1-1 pairs checked.
    pub pairs: usize,
    /// Pairs flagged, by flag id, for every content flag (zeros included).
    pub flagged: BTreeMap<&'static str, usize>,
}

impl FalseFlags {
    /// The content flags counted.
    pub fn kinds() -> impl Iterator<Item = FlagKind> {
        FlagKind::ALL.into_iter().filter(|k| {
            !k.is_alignment()
                && !matches!(
                    k,
                    FlagKind::SourceConflict | FlagKind::TargetConflict | FlagKind::Duplicate
                )
        })
    }

    /// Checks a document's gold 1-1 pairs, in `languages` (source,
    /// target tags).
    pub fn add(&mut self, document: &EvalDocument<'_>, languages: (&str, &str)) {
        for kind in FalseFlags::kinds() {
            self.flagged.entry(kind.id()).or_insert(0);
        }
        let options = tandem_score::ContentOptions::default();
        for bead in &document.gold {
            let ([s], [t]) = (bead.src.as_slice(), bead.tgt.as_slice()) else {
                continue;
            };
            let (Some(source), Some(target)) = (document.src.get(*s), document.tgt.get(*t)) else {
                continue;
            };
            self.pairs += 1;
            let flags =
                tandem_score::check_content(source, target, languages.0, languages.1, &options);
            let mut seen: Vec<&'static str> = flags.iter().map(|f| f.kind.id()).collect();
            seen.dedup();
            for id in seen {
                *self.flagged.entry(id).or_insert(0) += 1;
            }
        }
    }
}

/// How well a memory's confidence finds wrong units among right ones: a
/// set's gold beads as a memory (each bead one unit, its sentences
/// joined), 15% of the targets replaced — by the next unit's target, by
/// the target less its last sentence (or, for a one-sentence target, with
/// the next unit's added), by the target with the next unit's added, by a
/// target from another document (or from far away in a one-document set)
/// — and the memory checked as `tandem qa` checks one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlantedErrors {
    /// Units in the memory.
    pub units: usize,
    /// Units whose target was replaced.
    pub planted: usize,
    /// ROC AUC of 1 − confidence for finding the replaced units.
    pub auc: f64,
    /// The same for the confidence of the lengths alone (before issue 17).
    pub auc_lengths: f64,
    /// Share of the replaced units flagged `weak`.
    pub weak_recall: f64,
    /// Share of the right units flagged `weak`.
    pub weak_false: f64,
    /// Expected calibration error of the confidence as the probability
    /// that a unit is right ([`RELIABILITY_BINS`] bins).
    pub ece: f64,
    /// ROC AUC per kind of replacement (each kind's units against the
    /// right ones): `neighbour`, `dropped`, `added`, `elsewhere`.
    pub auc_by_kind: BTreeMap<&'static str, f64>,
}

/// Share of planted units, in percent.
pub const PLANTED_PERCENT: u64 = 15;

/// [`PlantedErrors`] of `documents` in `languages` (source, target tags),
/// with sentence meaning when `encoder` is given; `seed` makes the same
/// replacements every run.
pub fn planted_errors(
    documents: &[EvalDocument<'_>],
    languages: (&str, &str),
    encoder: Option<&SentenceEncoder>,
    seed: u64,
) -> PlantedErrors {
    let join = |sentences: &[&str], ids: &[usize], language: &str| -> String {
        let texts: Vec<&str> = ids
            .iter()
            .filter_map(|&i| sentences.get(i).copied())
            .collect();
        texts.join(if unspaced(language) { "" } else { " " })
    };
    // (document, source, target, target sentences) of every full bead.
    let mut units: Vec<(usize, String, String, Vec<String>)> = Vec::new();
    for (d, document) in documents.iter().enumerate() {
        for bead in document
            .gold
            .iter()
            .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
        {
            let target_sentences = bead
                .tgt
                .iter()
                .filter_map(|&i| document.tgt.get(i).map(|t| t.to_string()))
                .collect();
            units.push((
                d,
                join(&document.src, &bead.src, languages.0),
                join(&document.tgt, &bead.tgt, languages.1),
                target_sentences,
            ));
        }
    }
    let n = units.len();
    if n < 4 {
        return PlantedErrors::default();
    }
    let separator = if unspaced(languages.1) { "" } else { " " };
    let mut random = SplitMix(seed);
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(n);
    let mut planted = vec![false; n];
    let mut kinds: Vec<Option<&'static str>> = vec![None; n];
    for k in 0..n {
        let (document, source, target, sentences) = &units[k];
        let next = if k + 1 < n && units[k + 1].0 == *document {
            k + 1
        } else {
            k.saturating_sub(1)
        };
        let mut replaced = target.clone();
        if random.next() % 100 < PLANTED_PERCENT && next != k {
            let kind = random.between(0, 3);
            kinds[k] = Some(match kind {
                0 => "neighbour",
                1 if sentences.len() >= 2 => "dropped",
                1 | 2 => "added",
                _ => "elsewhere",
            });
            replaced = match kind {
                0 => units[next].2.clone(),
                1 if sentences.len() >= 2 => sentences[..sentences.len() - 1].join(separator),
                1 | 2 => format!("{target}{separator}{}", units[next].2),
                _ => {
                    let far = (0..8)
                        .map(|_| random.between(0, n - 1))
                        .find(|&j| units[j].0 != *document || j.abs_diff(k) >= n / 4)
                        .unwrap_or((k + n / 2) % n);
                    units[far].2.clone()
                }
            };
            planted[k] = replaced != *target;
        }
        pairs.push((source.clone(), replaced));
    }
    let posteriors = crate::qa::memory_posteriors(&pairs, encoder);
    let lengths: Vec<(f64, f64)> = pairs
        .iter()
        .map(|(s, t)| (tandem_text::length(s) as f64, tandem_text::length(t) as f64))
        .collect();
    let model = tandem_align::LengthModel::estimate_robust(&lengths);
    let thresholds = Thresholds::default();
    let mut rater = tandem_score::PairRater::new(model, thresholds, languages);
    let mut lengths_only = tandem_score::PairRater::new(model, thresholds, languages);
    let (mut items, mut items_lengths) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut rated = Vec::with_capacity(n);
    let (mut weak_planted, mut weak_right) = (0usize, 0usize);
    for (k, ((source, target), &posterior)) in pairs.iter().zip(&posteriors).enumerate() {
        let score = rater.rate_unit_at(k + 1, source, target, posterior);
        let before = lengths_only.rate_unit(k + 1, source, target);
        items.push((1.0 - score.confidence, planted[k]));
        rated.push(RatedBead {
            confidence: score.confidence,
            right: !planted[k],
            full: true,
            weak: score.flags.iter().any(|f| f.kind == FlagKind::Weak),
        });
        items_lengths.push((1.0 - before.confidence, planted[k]));
        if score.flags.iter().any(|f| f.kind == FlagKind::Weak) {
            match planted[k] {
                true => weak_planted += 1,
                false => weak_right += 1,
            }
        }
    }
    let planted_count = planted.iter().filter(|&&p| p).count();
    PlantedErrors {
        units: n,
        planted: planted_count,
        auc: roc_auc(&items),
        auc_lengths: roc_auc(&items_lengths),
        weak_recall: ratio(weak_planted, planted_count),
        weak_false: ratio(weak_right, n - planted_count),
        ece: ConfidenceResult::of(&rated).ece,
        auc_by_kind: ["neighbour", "dropped", "added", "elsewhere"]
            .into_iter()
            .map(|kind| {
                let items: Vec<(f64, bool)> = items
                    .iter()
                    .zip(&kinds)
                    .filter(|((_, wrong), k)| !wrong || **k == Some(kind))
                    .map(|(&item, _)| item)
                    .collect();
                (kind, roc_auc(&items))
            })
            .collect(),
    }
}

/// Sentence boundaries of one side: in the gold, found, found correctly.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Boundaries {
    /// The side's language.
    pub language: String,
    /// Boundaries in the gold.
    pub gold: usize,
    /// Boundaries the segmenter found.
    pub found: usize,
    /// Of those, right.
    pub correct: usize,
}

/// An evaluation set being scored, document by document.
pub struct SetEvaluation<'a> {
    languages: (String, String),
    options: &'a Options,
    dictionaries: &'a Dictionaries,
    encoder: Option<&'a SentenceEncoder>,
    layout: Layout,
    segmentation: bool,
    documents: usize,
    counts: Counts,
    by_type: BTreeMap<String, (usize, usize)>,
    /// Every test bead, rated.
    rated: Vec<RatedBead>,
    /// The gold mapped through a resegmentation, scored.
    ceiling: Counts,
    boundaries: [Boundaries; 2],
}

impl<'a> SetEvaluation<'a> {
    /// A set in `languages` (source, target codes), each document aligned
    /// with `options` and `dictionaries`; with `segmentation`, the
    /// segmenter's boundaries are scored too.
    pub fn new(
        languages: (&str, &str),
        options: &'a Options,
        dictionaries: &'a Dictionaries,
        segmentation: bool,
    ) -> SetEvaluation<'a> {
        let side = |language: &str| Boundaries {
            language: language.into(),
            ..Boundaries::default()
        };
        SetEvaluation {
            languages: (languages.0.into(), languages.1.into()),
            options,
            dictionaries,
            encoder: None,
            layout: Layout::Flat,
            segmentation,
            documents: 0,
            counts: Counts::default(),
            by_type: BTreeMap::new(),
            rated: Vec::new(),
            ceiling: Counts::default(),
            boundaries: [side(languages.0), side(languages.1)],
        }
    }

    /// Aligns with sentence embeddings from `encoder` too.
    pub fn with_encoder(mut self, encoder: Option<&'a SentenceEncoder>) -> Self {
        self.encoder = encoder;
        self
    }

    /// Lays each document's sentences out in paragraphs as `layout` says
    /// before aligning them (by default [`Layout::Flat`]).
    pub fn with_layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// Aligns and scores one document; returns what the user should hear.
    pub fn add(&mut self, document: &EvalDocument<'_>) -> Option<Warning> {
        if self.layout == Layout::HardWrapped {
            return self.add_hard_wrapped(document);
        }
        let EvalDocument { src, tgt, gold } = document;
        let (src_paragraphs, tgt_paragraphs) =
            self.layout
                .paragraphs(gold, (src.len(), tgt.len()), self.documents as u64);
        let (alignment, scores, warning) = self.align_rated(
            &Sentences {
                sentences: src.clone(),
                paragraphs: src_paragraphs,
            },
            &Sentences {
                sentences: tgt.clone(),
                paragraphs: tgt_paragraphs,
            },
        );
        let test: Vec<GoldBead> = alignment.beads.iter().map(GoldBead::of).collect();
        self.counts.add(Counts::of(&test, gold));
        let gold_set: HashSet<&GoldBead> = gold.iter().collect();
        for (bead, score) in test.iter().zip(&scores) {
            self.rated.push(RatedBead {
                confidence: score.confidence,
                right: gold_set.contains(bead),
                full: bead.is_full(),
                weak: score.flags.iter().any(|f| f.kind == FlagKind::Weak),
            });
        }
        self.count_types(&test, gold);
        if self.segmentation {
            for (side, sentences) in [src, tgt].into_iter().enumerate() {
                let boundaries = &mut self.boundaries[side];
                let (gold, found, correct) = boundary_counts(sentences, &boundaries.language);
                boundaries.gold += gold;
                boundaries.found += found;
                boundaries.correct += correct;
            }
        }
        self.documents += 1;
        warning
    }

    /// [`SetEvaluation::add`] for [`Layout::HardWrapped`]: each side
    /// written as a hard-wrapped file, read back as `tandem align` reads
    /// it, aligned, and its beads mapped back to the gold's sentences
    /// ([`map_beads`]); a joined bead is as confident as its least
    /// confident part.
    fn add_hard_wrapped(&mut self, document: &EvalDocument<'_>) -> Option<Warning> {
        let EvalDocument { src, tgt, gold } = document;
        let (src_paragraphs, tgt_paragraphs) =
            (self.layout).paragraphs(gold, (src.len(), tgt.len()), self.documents as u64);
        let read = |sentences: &[&str], paragraphs: &[std::ops::Range<usize>], language: &str| {
            let text = hard_wrapped(sentences, paragraphs, unspaced(language), WRAP_COLUMNS);
            let tag = LanguageTag::parse(language).ok()?;
            let options = ReadOptions {
                paragraphs: ParagraphStyle::Auto,
                ..ReadOptions::default()
            };
            Side::segment(&text, tag, &options).ok()
        };
        let sides = (
            read(src, &src_paragraphs, &self.languages.0),
            read(tgt, &tgt_paragraphs, &self.languages.1),
        );
        let (Some(src_side), Some(tgt_side)) = sides else {
            self.documents += 1;
            return None;
        };
        let (alignment, scores, warning) =
            self.align_rated(&src_side.sentences(), &tgt_side.sentences());
        let resegmented: Vec<GoldBead> = alignment.beads.iter().map(GoldBead::of).collect();
        let (src_map, tgt_map) = (
            ResegmentedSide::map(src, &src_side.sentences),
            ResegmentedSide::map(tgt, &tgt_side.sentences),
        );
        let mapped = map_beads(&resegmented, &src_map, &tgt_map);
        let test: Vec<GoldBead> = mapped.iter().map(|(bead, _)| bead.clone()).collect();
        self.counts.add(Counts::of(&test, gold));
        // The best the resegmented sentences allow: the gold's own beads,
        // joined where the segmenter joined or cut their sentences.
        let covering = |map: &ResegmentedSide, ids: &[usize]| -> Vec<usize> {
            (0..map.originals.len())
                .filter(|&k| map.originals[k].iter().any(|o| ids.contains(o)))
                .collect()
        };
        let gold_resegmented: Vec<GoldBead> = gold
            .iter()
            .map(|b| GoldBead {
                src: covering(&src_map, &b.src),
                tgt: covering(&tgt_map, &b.tgt),
            })
            .collect();
        let best: Vec<GoldBead> = map_beads(&gold_resegmented, &src_map, &tgt_map)
            .into_iter()
            .map(|(bead, _)| bead)
            .collect();
        self.ceiling.add(Counts::of(&best, gold));
        let gold_set: HashSet<&GoldBead> = gold.iter().collect();
        for (bead, parts) in &mapped {
            let part_scores = parts.iter().map(|&k| &scores[k]);
            let confidence = part_scores
                .clone()
                .map(|s| s.confidence)
                .fold(1.0, f64::min);
            self.rated.push(RatedBead {
                confidence,
                right: gold_set.contains(bead),
                full: bead.is_full(),
                weak: part_scores
                    .flat_map(|s| &s.flags)
                    .any(|f| f.kind == FlagKind::Weak),
            });
        }
        self.count_types(&test, gold);
        self.documents += 1;
        warning
    }

    /// Aligns `src` with `tgt` as one section, with the set's options, the
    /// dictionary fitted to them and their embeddings, and rates every
    /// bead; with what the user should hear.
    fn align_rated(
        &self,
        src: &Sentences<'_>,
        tgt: &Sentences<'_>,
    ) -> (Alignment, Vec<Score>, Option<Warning>) {
        let (dictionary, warning) = self.dictionaries.for_document(
            (&self.languages.0, &self.languages.1),
            (&src.sentences, &tgt.sentences),
        );
        let embeddings = (self.encoder)
            .and_then(|e| e.embed(&src.sentences, &tgt.sentences, self.options.max_many));
        let options = Options {
            dictionary,
            embeddings,
            ..self.options.clone()
        };
        let section = Section::whole(src.paragraphs.len(), tgt.paragraphs.len());
        let alignment = align(src, tgt, &[section], &options);
        let scores = rate_alignment(
            &alignment,
            &src.sentences,
            &tgt.sentences,
            &Thresholds::default(),
        );
        (alignment, scores, warning)
    }

    /// Counts the gold beads of each type that `test` found exactly.
    fn count_types(&mut self, test: &[GoldBead], gold: &[GoldBead]) {
        let found: HashSet<&GoldBead> = test.iter().collect();
        for bead in gold {
            let entry = self.by_type.entry(bead.kind()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(found.contains(bead));
        }
    }

    /// The set's result, under its `name`.
    pub fn finish(self, name: &str) -> SetResult {
        let confidence = ConfidenceResult::of(&self.rated);
        let prf = |p: tandem_align::gold::Prf| (p.precision, p.recall, p.f1);
        SetResult {
            set: name.to_string(),
            languages: self.languages,
            documents: self.documents,
            counts: self.counts,
            strict: prf(self.counts.strict()),
            lax: prf(self.counts.lax()),
            by_gold_type: self
                .by_type
                .into_iter()
                .map(|(shape, (gold, found))| TypeResult { shape, gold, found })
                .collect(),
            confidence,
            segmentation: self.segmentation.then(|| self.boundaries.to_vec()),
            ceiling: (self.layout == Layout::HardWrapped).then(|| self.ceiling.strict().f1),
        }
    }
}

/// Whether `language`'s sentences run on without a space between them
/// (Chinese, Japanese), as the evaluation joins them into running text.
fn unspaced(language: &str) -> bool {
    matches!(language, "zh" | "ja")
}

/// Joins sentences into running text (nothing between Chinese or Japanese
/// sentences, one space elsewhere), resegments it with the built-in rules
/// of `language`, and counts sentence boundaries: in the gold, found, and
/// found correctly.
pub fn boundary_counts(sentences: &[&str], language: &str) -> (usize, usize, usize) {
    let no_space = unspaced(language);
    let mut text = String::new();
    let mut gold = HashSet::new();
    for sentence in sentences.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !text.is_empty() {
            gold.insert(text.len());
            if !no_space {
                text.push(' ');
            }
        }
        text.push_str(sentence);
    }
    let base = text.as_ptr() as usize;
    let pieces = Segmenter::builtin(language).split(&text);
    let found: HashSet<usize> = pieces
        .iter()
        .map(|p| p.as_ptr() as usize - base + p.len())
        .filter(|&end| end < text.len())
        .collect();
    let correct = found.intersection(&gold).count();
    (gold.len(), found.len(), correct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_align::gold::parse_gold;

    #[test]
    fn boundaries_after_rejoining() {
        let (gold, found, correct) = boundary_counts(&["第一句。", "第二句!", "第三句"], "zh");
        assert_eq!((gold, found, correct), (2, 2, 2));
        let (gold, found, correct) = boundary_counts(&["Mr. Smith left.", "He came back."], "en");
        assert_eq!((gold, found, correct), (1, 1, 1));
        // A boundary the rules cannot see (lower case after the stop).
        let (gold, found, correct) = boundary_counts(&["It ended.", "then it began."], "en");
        assert_eq!((gold, found, correct), (1, 0, 0));
    }

    #[test]
    fn a_dictionary_reaches_each_documents_alignment() {
        // The synthetic document of the end-to-end tests: long enough to
        // train the translation model, with words only a dictionary knows.
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/dictionary/");
        let read = |name: &str| std::fs::read_to_string(format!("{data}{name}")).unwrap();
        let (zh, en) = (read("words.zh.txt"), read("words.en.txt"));
        let document = EvalDocument {
            src: zh.lines().collect(),
            tgt: en.lines().collect(),
            gold: Vec::new(),
        };
        let options = Options::default();
        let measure = |dictionaries: &Dictionaries| {
            let mut set = SetEvaluation::new(("zh", "en"), &options, dictionaries, false);
            set.add(&document);
            set.rated
        };
        let file = tandem_align::Dictionary::parse(&read("dict.txt")).unwrap();
        let with = measure(&Dictionaries {
            file: Some(file),
            builtin: false,
        });
        assert_ne!(with, measure(&Dictionaries::default()));
    }

    #[test]
    fn confidence_measures_over_right_and_wrong_beads() {
        let bead = |confidence, right, full, weak| RatedBead {
            confidence,
            right,
            full,
            weak,
        };
        let beads = [
            bead(0.9, true, true, false),
            bead(0.8, true, true, false),
            bead(0.3, false, true, true),
            bead(0.4, true, true, true),
            bead(0.45, true, true, true),
            bead(0.95, false, false, false),
        ];
        let c = ConfidenceResult::of(&beads);
        // Right above wrong in 4 of the 8 right–wrong pairs (the null bead
        // outranks them all); without it, in 4 of 4.
        assert_eq!(c.auc, 0.5, "{c:?}");
        assert_eq!(c.auc_non_null, 1.0);
        // Weak: one of three is wrong; one of the two wrong beads is weak.
        assert_eq!((c.weak_precision, c.weak_recall), (1.0 / 3.0, 0.5));
        // At 0.9 and above: two of the six beads, one of them right.
        assert_eq!(
            (c.precision_confident, c.coverage_confident),
            (0.5, 2.0 / 6.0)
        );
        // Bins 0.3 (0 of 1 right), 0.4 (2 of 2), 0.8 (1 of 1), 0.9 (1 of 2):
        // gaps 0.3, 0.575, 0.2 and 0.425, weighted by 1, 2, 1, 2 beads.
        let filled: Vec<(f64, usize, usize)> = (c.reliability.iter())
            .filter(|b| b.beads > 0)
            .map(|b| (b.low, b.beads, b.right))
            .collect();
        assert_eq!(filled.len(), 4, "{filled:?}");
        assert_eq!(
            filled.iter().map(|f| (f.1, f.2)).collect::<Vec<_>>(),
            [(1, 0), (2, 2), (1, 1), (2, 1)]
        );
        assert!((c.ece - 2.5 / 6.0).abs() < 1e-12, "{}", c.ece);
    }

    #[test]
    fn a_set_sums_its_documents() {
        let src = [
            "The committee met on 12 March 2024.",
            "It approved the budget of 4.5 million.",
            "The meeting ended at noon.",
        ];
        let tgt = [
            "Der Ausschuss tagte am 12. März 2024.",
            "Er genehmigte das Budget von 4,5 Millionen.",
            "Die Sitzung endete am Mittag.",
        ];
        let document = EvalDocument {
            src: src.to_vec(),
            tgt: tgt.to_vec(),
            gold: parse_gold("[0]:[0]\n[1]:[1]\n[2]:[2]\n").unwrap(),
        };
        let (options, dictionaries) = (Options::default(), Dictionaries::default());
        let mut set = SetEvaluation::new(("en", "de"), &options, &dictionaries, true);
        assert!(set.add(&document).is_none());
        assert!(set.add(&document).is_none());
        // Each bead rated as the flags say: weak below the threshold.
        assert_eq!(set.rated.len(), 6);
        assert!(
            set.rated
                .iter()
                .all(|b| b.right && b.full && b.weak == (b.confidence < 0.5))
        );
        // A flag that is not `weak` does not make a bead weak: a short
        // sentence and a long one become one many-to-many bead, flagged so,
        // above the weak threshold at the model's own posteriors.
        let flagged = EvalDocument {
            src: vec![src[0], "Yes.", src[2]],
            tgt: vec![
                tgt[0],
                "Ja, das ist absolut richtig, und wir stimmen dem Vorschlag ohne jeden Vorbehalt voll und ganz zu.",
                tgt[2],
            ],
            gold: Vec::new(),
        };
        let untempered = Options {
            posterior_temperature: 1.0,
            ..Options::default()
        };
        let mut shapes = SetEvaluation::new(("en", "de"), &untempered, &dictionaries, false);
        shapes.add(&flagged);
        assert_eq!(shapes.rated.len(), 2, "{:?}", shapes.rated);
        assert!(shapes.rated.iter().all(|b| !b.weak && b.confidence >= 0.5));
        let result = set.finish("meetings");
        assert_eq!((result.set.as_str(), result.documents), ("meetings", 2));
        assert_eq!(result.counts.gold, 6);
        assert_eq!(result.strict, (1.0, 1.0, 1.0));
        assert_eq!(result.by_gold_type.len(), 1);
        assert_eq!(
            (result.by_gold_type[0].gold, result.by_gold_type[0].found),
            (6, 6)
        );
        let boundaries = result.segmentation.unwrap();
        assert_eq!(
            (
                boundaries[0].gold,
                boundaries[0].found,
                boundaries[0].correct
            ),
            (4, 4, 4)
        );
        assert_eq!(boundaries[1].language, "de");
        // Every bead right: no wrong bead to rank.
        assert!(result.confidence.auc.is_nan());
    }
}
