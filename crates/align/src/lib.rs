//! Two sentence sequences in, beads out.
//!
//! [`align`] aligns a source [`Sentences`] with a target [`Sentences`],
//! section by section: each section's sentences are one [`search`] for the
//! cheapest sequence of [`Bead`]s, in which paragraph breaks are evidence,
//! not walls ([`Boundaries`]: a bead is likelier where both sides begin a
//! paragraph, less likely across a break, as often as the document itself
//! shows). The paragraph beads are read off the sentence beads. A bead's
//! cost is −ln of its [`Priors`] probability plus the cost of each kind of
//! [`Evidence`], in three passes:
//!
//! 1. Length alone ([`LengthModel`], Gale and Church's) and paragraph
//!    breaks, with default models. From what it finds, the document's own
//!    length ratio, the core and heavy [`Tail`] of its length deviations,
//!    the bead priors and the [`BoundaryModel`] are estimated.
//! 2. Length with the estimated models, and [`Anchors`]: numbers, shared
//!    words, cognates, punctuation; searched near pass 1's path
//!    ([`search_near`]).
//! 3. The same, plus a [`Translation`] model (IBM Model 1 in both
//!    directions) trained on the 1-1 beads of pass 2, searched near pass 2's
//!    path ([`search_near`]).
//!
//! No I/O: texts in, beads out.
//!
//! ```
//! use tandem_align::{Options, Section, Sentences, align};
//!
//! // One Chinese sentence rendered as two English ones.
//! let zh = Sentences::single_paragraph(vec![
//!     "政府工作报告",
//!     "2023年，全市经济增长5.2%，城市更加宜居。",
//!     "谢谢大家。",
//! ]);
//! let en = Sentences::single_paragraph(vec![
//!     "Report on the Work of the Government",
//!     "In 2023, the city's economy grew by 5.2%.",
//!     "The city became more livable.",
//!     "Thank you.",
//! ]);
//! let alignment = align(&zh, &en, &[Section::whole(1, 1)], &Options::default());
//! let beads: Vec<_> = alignment.beads.iter().map(|b| (b.src.clone(), b.tgt.clone())).collect();
//! assert_eq!(beads, [(0..1, 0..1), (1..2, 1..3), (2..3, 3..4)]);
//! // Each bead's posterior probability: how sure the model is of it.
//! assert!(alignment.posteriors.iter().all(|&p| (0.0..=1.0).contains(&p)));
//! ```

mod anchors;
mod bead;
mod dictionary;
mod document;
mod fixed;
pub mod gold;
mod ibm1;
mod intern;
mod kinship;
mod length;
mod meaning;
mod search;
mod structure;
mod timing;
mod translation;

use std::ops::Range;
use std::sync::Arc;

pub use anchors::Anchors;
pub use bead::{Bead, Priors, Shape};
pub use dictionary::{Dictionary, DictionaryError};
pub use fixed::{Constraints, DecisionError, Decisions, Realigner};
pub use ibm1::{TranslationTable, train as train_ibm1};
pub use kinship::{
    BEATS_IF_TRANSLATED, BEATS_IF_UNRELATED, Kinship, PRIOR_TRANSLATED, TRIALS, kinship,
};
pub use length::{LengthCost, LengthModel, Lengths, PRIOR_PAIRS, Tail, TailCost, ln_erfc};
pub use meaning::{Meaning, PairEmbeddings, SideEmbeddings};
pub use search::{
    Evidence, POSTERIOR_MARGIN, POSTERIOR_WINDOW, Sum, posteriors, posteriors_at, search,
    search_near,
};
pub use structure::{Boundaries, BoundaryModel};
/// The sides and sections [`align`] reads, from `tandem-text` (segmentation
/// produces them without knowing this crate).
pub use tandem_text::{Section, Sentences};
pub use timing::{TimeOverlap, Timing};
pub use translation::Translation;

use document::{Document, Pass, beads_within};

/// What the alignment may do.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The largest group of sentences one sentence may align with (1-N and
    /// N-1 beads up to N = `max_many`).
    pub max_many: usize,
    /// Count where paragraphs break as evidence ([`Boundaries`]): a bead
    /// likelier where both sides begin a paragraph, less likely across a
    /// break. Off, each section's sentences are one sequence whatever
    /// their paragraphs.
    pub paragraph_breaks: bool,
    /// Count [`Anchors`]: numbers, shared words, cognates, punctuation.
    pub anchors: bool,
    /// Train a [`Translation`] model on the document and align again with it.
    pub translation: bool,
    /// Word pairs the translation model starts from (as extra training
    /// pairs), in the direction source → target.
    pub dictionary: Option<Arc<Dictionary>>,
    /// A document of one section with more source sentences than 1.5 ×
    /// this is aligned in chunks of about this many after the first pass
    /// (in parallel, each with its own anchors and translation model).
    pub chunk_sentences: usize,
    /// The document's sentence embeddings: with them, passes 2 and 3 count
    /// [`Meaning`] beside the lexical evidence.
    pub embeddings: Option<Arc<PairEmbeddings>>,
    /// Each sentence's time on screen, for subtitles: with it, passes 2
    /// and 3 count [`TimeOverlap`].
    pub timing: Option<Arc<Timing>>,
    /// What every path's cost is divided by when the posteriors are summed
    /// ([`posteriors_at`]); by default [`POSTERIOR_TEMPERATURE`].
    pub posterior_temperature: f64,
}

/// The posterior temperature (1 would be the model's own posteriors). Fitted on the
/// calibration sets (`.ci/calibration-sets`, synthetic documents of real
/// translations, not the eval sets) by log loss: docs/qa.md.
pub const POSTERIOR_TEMPERATURE: f64 = 1.75;

impl Default for Options {
    fn default() -> Options {
        Options {
            max_many: 5,
            paragraph_breaks: true,
            anchors: true,
            translation: true,
            dictionary: None,
            chunk_sentences: 20_000,
            embeddings: None,
            timing: None,
            posterior_temperature: POSTERIOR_TEMPERATURE,
        }
    }
}

/// The models one alignment pass uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Models {
    /// Sentence lengths: the core of their deviations…
    pub sentences: LengthModel,
    /// …and its heavy tail.
    pub tail: Tail,
    /// Sentence bead priors.
    pub priors: Priors,
    /// How paragraph breaks fall on beads.
    pub boundaries: BoundaryModel,
}

/// The result of [`align`].
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Sentence beads, in document order, covering every sentence once.
    pub beads: Vec<Bead>,
    /// For each sentence bead, the probability that it is right: its
    /// posterior under the model (within its section), the share of all
    /// alignments' probability held by those that contain it, times the
    /// probability that the texts are translations at all (with sentence
    /// embeddings, [`Alignment::kinship`]).
    pub posteriors: Vec<f64>,
    /// Paragraph beads, in document order, covering every paragraph once.
    /// A document aligned in chunks ([`Options::chunk_sentences`]) reports
    /// pass 1's, which the chunks' own passes may cross by a sentence.
    pub paragraph_beads: Vec<Bead>,
    /// The models estimated for this document pair, which made the beads.
    pub models: Models,
    /// How the beads fare against chance on meaning: whether the texts are
    /// translations of each other at all ([`Kinship::probability`]).
    /// `None` without sentence embeddings (lexical evidence is too sparse
    /// in a short document to tell, docs/qa.md), or when no bead could be
    /// tested.
    pub kinship: Option<Kinship>,
}

impl Alignment {
    /// The paragraph beads in sentence coordinates (`src` and `tgt` are the
    /// texts aligned), each with the posterior of its least confident
    /// sentence bead: the units of a paragraph-level memory.
    pub fn paragraph_units(
        &self,
        src: &Sentences<'_>,
        tgt: &Sentences<'_>,
    ) -> (Vec<Bead>, Vec<f64>) {
        let mut inside = self
            .beads
            .iter()
            .zip(self.posteriors.iter().copied())
            .peekable();
        self.paragraph_beads
            .iter()
            .map(|p| {
                let bead = Bead {
                    src: src.sentences_of(p.src.clone()),
                    tgt: tgt.sentences_of(p.tgt.clone()),
                    cost: p.cost,
                };
                let mut confidence = 1.0f64;
                while let Some((_, posterior)) =
                    inside.next_if(|(s, _)| s.src.end <= bead.src.end && s.tgt.end <= bead.tgt.end)
                {
                    confidence = confidence.min(posterior);
                }
                (bead, confidence)
            })
            .unzip()
    }
}

/// Aligns two texts section by section: paragraphs first, then sentences.
pub fn align(
    src: &Sentences<'_>,
    tgt: &Sentences<'_>,
    sections: &[Section],
    options: &Options,
) -> Alignment {
    let document = Document::new(src, tgt, sections, options);
    let ratio = document.overall_ratio();
    let first = Models {
        sentences: LengthModel::default_for_ratio(ratio),
        tail: Tail::NONE,
        priors: Priors::sentence_default(options.max_many),
        boundaries: BoundaryModel::default(),
    };
    // Length alone, to estimate the models.
    let (beads, paragraph_beads) = document.run(&first, None, Pass::Best);
    let models = document.estimate(&first, &beads);
    if let Some(cuts) = chunk_cuts(src, tgt, sections, &beads, options.chunk_sentences) {
        return align_chunks(src, tgt, &cuts, &models, options, &beads, paragraph_beads);
    }
    let (beads, paragraph_beads, mut posteriors, kinship) =
        lexical_passes(&document, src, tgt, (0, 0), &models, options, beads);
    fold_kinship(&mut posteriors, kinship);
    Alignment {
        beads,
        posteriors,
        paragraph_beads,
        models,
        kinship,
    }
}

/// The confidence of pairs given as they are — a memory's units, sentence
/// `k` of `src` with sentence `k` of `tgt` — under the model [`align`]
/// aligns with: each unit a 1-1 bead of the path through them, its
/// posterior the share of all alignments' probability held by those that
/// keep it (alternatives: leaving either side out, joining it to its
/// neighbours), times the probability that the texts are translations at
/// all ([`Alignment::kinship`], with embeddings). The length model is
/// estimated from the pairs (robust to the wrong ones among them), the
/// translation model trained on them; the bead priors are the defaults,
/// since a memory's units say nothing of how often sentences merge.
///
/// `src` and `tgt` must hold the same number of sentences (panics
/// otherwise); an empty memory gives an empty alignment. Cost: that of
/// [`align`]'s last pass, linear in the units.
pub fn rate_pairs(src: &Sentences<'_>, tgt: &Sentences<'_>, options: &Options) -> Alignment {
    let n = src.sentences.len();
    assert_eq!(n, tgt.sentences.len(), "one target per source");
    let sections = [Section::whole(src.paragraphs.len(), tgt.paragraphs.len())];
    let document = Document::new(src, tgt, &sections, options);
    let path: Vec<Bead> = (0..n)
        .map(|k| Bead {
            src: k..k + 1,
            tgt: k..k + 1,
            cost: 0.0,
        })
        .collect();
    let first = Models {
        sentences: LengthModel::default_for_ratio(document.overall_ratio()),
        tail: Tail::NONE,
        priors: Priors::sentence_default(options.max_many),
        boundaries: BoundaryModel::default(),
    };
    let estimated = document.estimate(&first, &path);
    let models = Models {
        priors: first.priors.clone(),
        boundaries: first.boundaries,
        ..estimated
    };
    let anchors = options
        .anchors
        .then(|| Anchors::new(&src.sentences, &tgt.sentences));
    let meaning = options
        .embeddings
        .as_deref()
        .map(|embeddings| Meaning::new(embeddings, 0..n, 0..n));
    let translation = trained_translation(src, tgt, &path, options);
    let mut terms: Vec<&dyn Evidence> = Vec::new();
    terms.extend(translation.as_ref().map(|t| t as &dyn Evidence));
    terms.extend(anchors.as_ref().map(|a| a as &dyn Evidence));
    terms.extend(meaning.as_ref().map(|m| m as &dyn Evidence));
    let lexical = Sum(terms);
    let lexical = (!lexical.0.is_empty()).then_some(&lexical as &dyn Evidence);
    let mut posteriors =
        document.posteriors(&models, lexical, &path, options.posterior_temperature);
    let kinship = meaning
        .as_ref()
        .map(|evidence| kinship(n, n, &path, evidence))
        .filter(|k| k.tested > 0);
    fold_kinship(&mut posteriors, kinship);
    Alignment {
        beads: path,
        posteriors,
        paragraph_beads: Vec::new(),
        models,
        kinship,
    }
}

/// The translation model trained on `path`'s 1-1 beads, when the options
/// ask for one and there are enough to train on.
fn trained_translation(
    src: &Sentences<'_>,
    tgt: &Sentences<'_>,
    path: &[Bead],
    options: &Options,
) -> Option<Translation> {
    options
        .translation
        .then(|| {
            Translation::train(
                &src.sentences,
                &tgt.sentences,
                path,
                options.max_many,
                options.dictionary.as_deref(),
            )
        })
        .flatten()
}

/// Which sentences are headings: a paragraph of one sentence (in a text
/// of several paragraphs) that does not end as a sentence does.
fn headings(text: &Sentences<'_>) -> Vec<bool> {
    let mut found = vec![false; text.sentences.len()];
    if text.paragraphs.len() > 1 {
        for paragraph in text.paragraphs.iter().filter(|p| p.len() == 1) {
            let sentence = text.sentences[paragraph.start];
            found[paragraph.start] = !tandem_text::ends_sentence(sentence.trim_end());
        }
    }
    found
}

/// Each bead is right only if the texts are translations at all: its
/// posterior under the model (which assumes they are) times the
/// probability that they are.
fn fold_kinship(posteriors: &mut [f64], kinship: Option<Kinship>) {
    if let Some(kinship) = kinship {
        let translated = kinship.probability();
        posteriors.iter_mut().for_each(|p| *p *= translated);
    }
}

/// Passes 2 and 3 (anchors and meaning, then the self-trained translation
/// model too) near pass 1's `beads`, each bead's posterior, and how the
/// beads fare against chance under that evidence. `src` and
/// `tgt` start at sentence `offset` of the document the embeddings are of.
fn lexical_passes(
    document: &Document<'_, '_>,
    src: &Sentences<'_>,
    tgt: &Sentences<'_>,
    offset: (usize, usize),
    models: &Models,
    options: &Options,
    beads: Vec<Bead>,
) -> (Vec<Bead>, Vec<Bead>, Vec<f64>, Option<Kinship>) {
    // Length, anchors and meaning.
    let anchors = options
        .anchors
        .then(|| Anchors::new(&src.sentences, &tgt.sentences));
    let meaning = options.embeddings.as_deref().map(|embeddings| {
        let (s0, t0) = offset;
        let meaning = Meaning::new(
            embeddings,
            s0..s0 + src.sentences.len(),
            t0..t0 + tgt.sentences.len(),
        );
        match options.paragraph_breaks {
            true => meaning.with_headings(headings(src), headings(tgt)),
            false => meaning,
        }
    });
    let timing = (options.timing.as_deref()).map(|t| TimeOverlap::new(t, offset.0, offset.1));
    let mut first: Vec<&dyn Evidence> = Vec::new();
    first.extend(anchors.as_ref().map(|a| a as &dyn Evidence));
    first.extend(timing.as_ref().map(|t| t as &dyn Evidence));
    first.extend(meaning.as_ref().map(|m| m as &dyn Evidence));
    let first = Sum(first);
    let first = (!first.0.is_empty()).then_some(&first as &dyn Evidence);
    let (beads, paragraph_beads) = document.run(models, first, Pass::Near(&beads));
    // A translation model trained on what that found, near where it went.
    let translation = trained_translation(src, tgt, &beads, options);
    let mut terms: Vec<&dyn Evidence> = Vec::new();
    terms.extend(translation.as_ref().map(|t| t as &dyn Evidence));
    terms.extend(first);
    let lexical = Sum(terms);
    let lexical = (!lexical.0.is_empty()).then_some(&lexical as &dyn Evidence);
    let (beads, paragraph_beads) = match &translation {
        Some(_) => document.run(models, lexical, Pass::Near(&beads)),
        None => (beads, paragraph_beads),
    };
    let posteriors = document.posteriors(models, lexical, &beads, options.posterior_temperature);
    // A document too short to move any bead elsewhere says nothing.
    let kinship = meaning
        .as_ref()
        .map(|evidence| kinship(src.sentences.len(), tgt.sentences.len(), &beads, evidence))
        .filter(|k| k.tested > 0);
    (beads, paragraph_beads, posteriors, kinship)
}

/// Where to cut a long document into chunks: points of pass 1's path, as
/// (source, target) sentence positions from (0, 0) to the ends, each after
/// a 1-1 bead about `chunk` source sentences from the last.
/// `None` for a document that needs no chunks. Pass 1 aligns by length
/// alone, but its 1-1 beads are right far more often than not, and a chunk
/// cut in a wrong place is wrong for a sentence or two at its edge: the
/// price of aligning a million sentences in bounded memory, in parallel.
fn chunk_cuts(
    src: &Sentences<'_>,
    tgt: &Sentences<'_>,
    sections: &[Section],
    path: &[Bead],
    chunk: usize,
) -> Option<Vec<(usize, usize)>> {
    let (n, m) = (src.sentences.len(), tgt.sentences.len());
    if sections.len() != 1 || n < chunk.saturating_mul(3) / 2 || m == 0 || chunk == 0 {
        return None;
    }
    let mut cuts = vec![(0, 0)];
    let mut last = 0;
    for pair in path.windows(2) {
        let (bead, next) = (&pair[0], &pair[1]);
        let ready = bead.src.end - last >= chunk && n - bead.src.end >= chunk / 2;
        // Between two 1-1 beads: the border most likely right.
        if ready && bead.shape() == Shape::new(1, 1) && next.shape() == Shape::new(1, 1) {
            cuts.push((bead.src.end, bead.tgt.end));
            last = bead.src.end;
        }
    }
    cuts.push((n, m));
    (cuts.len() > 2).then_some(cuts)
}

/// One side's sentences `range` as a text of its own: the paragraphs that
/// meet the range, cut to it.
fn sub_text<'a>(text: &Sentences<'a>, range: Range<usize>) -> Sentences<'a> {
    let paragraphs = text
        .paragraphs
        .iter()
        .map(|p| p.start.max(range.start)..p.end.min(range.end))
        .filter(|p| p.start < p.end)
        .map(|p| p.start - range.start..p.end - range.start)
        .collect();
    Sentences {
        sentences: text.sentences[range].to_vec(),
        paragraphs,
    }
}

/// Passes 2 and 3 chunk by chunk, in parallel, each chunk a document of
/// its own (its own anchors and translation model) under the models of the
/// whole; beads and posteriors joined in order. The paragraph beads are
/// pass 1's, over the whole document.
fn align_chunks(
    src: &Sentences<'_>,
    tgt: &Sentences<'_>,
    cuts: &[(usize, usize)],
    models: &Models,
    options: &Options,
    path: &[Bead],
    paragraph_beads: Vec<Bead>,
) -> Alignment {
    use rayon::prelude::*;
    let chunks: Vec<(Vec<Bead>, Vec<f64>, Option<Kinship>)> = cuts
        .par_windows(2)
        .map(|pair| {
            let ((s0, t0), (s1, t1)) = (pair[0], pair[1]);
            let (sub_src, sub_tgt) = (sub_text(src, s0..s1), sub_text(tgt, t0..t1));
            let sections = [Section {
                src: 0..sub_src.paragraphs.len(),
                tgt: 0..sub_tgt.paragraphs.len(),
            }];
            // The cuts lie between beads, so pass 1's beads cover each
            // chunk exactly.
            let local = beads_within(path, s0..s1, t0..t1).unwrap_or_default();
            let document = Document::new(&sub_src, &sub_tgt, &sections, options);
            let (beads, _, posteriors, kinship) = lexical_passes(
                &document,
                &sub_src,
                &sub_tgt,
                (s0, t0),
                models,
                options,
                local,
            );
            let beads = beads.iter().map(|b| b.moved((0, 0), (s0, t0))).collect();
            (beads, posteriors, kinship)
        })
        .collect();
    let (mut beads, mut posteriors, mut kinship) = (Vec::new(), Vec::new(), None);
    for (b, p, k) in chunks {
        beads.extend(b);
        posteriors.extend(p);
        kinship = match (kinship, k) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
    }
    fold_kinship(&mut posteriors, kinship);
    Alignment {
        beads,
        posteriors,
        paragraph_beads,
        kinship,
        models: models.clone(),
    }
}

#[cfg(test)]
#[path = "../benches/corpus.rs"]
mod corpus;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_paragraphs_of_one_line_that_do_not_end_as_sentences() {
        let text = Sentences {
            sentences: vec![
                "Chapter 1 - The Gift",
                "Lin Ming remembered.",
                "He smiled",
                "Notes:",
                "• a wooden boat",
            ],
            paragraphs: vec![0..1, 1..3, 3..4, 4..5],
        };
        // A sentence inside a paragraph is none, even without a stop; a
        // line that ends with a colon introduces what follows.
        assert_eq!(headings(&text), [true, false, false, false, true]);
        // One paragraph: no structure to read.
        let flat = Sentences::single_paragraph(vec!["Title", "Text."]);
        assert_eq!(headings(&flat), [false, false]);
    }

    /// Deterministic lengths between 20 and 150.
    fn lengths(n: usize, seed: u64) -> Vec<usize> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                20 + ((x >> 33) % 131) as usize
            })
            .collect()
    }

    /// The search with the length model alone, default sentence priors.
    fn by_length(model: &LengthModel, src: &[usize], tgt: &[usize]) -> Vec<Bead> {
        let evidence = Lengths::new(model, src, tgt);
        search(
            src.len(),
            tgt.len(),
            &Priors::sentence_default(5),
            &evidence,
        )
    }

    fn shapes(beads: &[Bead]) -> Vec<String> {
        beads.iter().map(|b| b.shape().to_string()).collect()
    }

    #[test]
    fn finds_a_one_to_four_bead() {
        let model = LengthModel {
            ratio: 3.0,
            variance: 20.0,
        };
        let (src, tgt) = ([10, 40, 12], [30, 28, 31, 30, 32, 35]);
        let beads = by_length(&model, &src, &tgt);
        assert_eq!(shapes(&beads), ["1-1", "1-4", "1-1"]);
        assert_eq!(beads[1].tgt, 1..5);
    }

    /// Evidence that knows the truth, target = source + `offset`: a group
    /// costs five per unit its ends lie off that diagonal, so blocks near the
    /// truth cost little, as with real evidence.
    struct Oracle {
        offset: usize,
    }

    impl Evidence for Oracle {
        fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
            let off = |i: usize, j: usize| (j as f64 - (i + self.offset) as f64).abs();
            5.0 * (off(src.start, tgt.start) + off(src.end, tgt.end))
        }
    }

    #[test]
    fn the_band_finds_three_hundred_extra_sentences_at_the_start() {
        // Large enough to be searched in a band around a block alignment.
        let (n, m) = (2000, 2300);
        assert!(n * m > search::FULL_SEARCH_CELLS);
        let beads = search(n, m, &Priors::sentence_default(5), &Oracle { offset: 300 });
        let pairs: Vec<(usize, usize)> = beads
            .iter()
            .filter(|b| !b.is_null())
            .map(|b| (b.src.start, b.tgt.start))
            .collect();
        assert_eq!(pairs, (0..n).map(|i| (i, i + 300)).collect::<Vec<_>>());
        assert!(beads[..300].iter().all(|b| b.shape() == Shape::new(0, 1)));
    }

    #[test]
    fn the_banded_search_agrees_with_the_full_search() {
        // A document large enough to be searched in a band: a translation
        // with 25% more sentences than its original, the extra ones in its
        // second half, of similar lengths. (The Bible set of ../shared/eval
        // drifted by 150 sentences in the band when the guide's blocks held
        // as many sentences on both sides; this text does not reproduce that,
        // it checks the band against the full search.)
        let src: Vec<usize> = lengths(1000, 21).into_iter().map(|l| 80 + l % 40).collect();
        let noise = lengths(1000, 22);
        let mut tgt = Vec::new();
        for (i, (&l, &r)) in src.iter().zip(&noise).enumerate() {
            let l = l * 3 + r % 17; // ratio 3, and some noise
            if i >= 500 && i % 2 == 1 {
                let cut = l * (20 + r % 60) / 100;
                tgt.extend([cut, l - cut]);
            } else {
                tgt.push(l);
            }
        }
        let (n, m) = (src.len(), tgt.len());
        assert!(n * m > search::FULL_SEARCH_CELLS);
        let model = LengthModel {
            ratio: 3.0,
            variance: 6.8 * 9.0,
        };
        let evidence = Lengths::new(&model, &src, &tgt);
        let priors = Priors::sentence_default(5);
        let banded = search(n, m, &priors, &evidence);
        assert_eq!(banded, search::search_full(n, m, &priors, &evidence));
    }

    #[test]
    fn an_untranslated_preface_of_three_hundred_sentences() {
        // The length model on its own: the target opens with 300 long
        // sentences that have no source, then translates the source closely.
        let model = LengthModel {
            ratio: 1.0,
            variance: 6.8,
        };
        let src = lengths(1000, 7);
        let preface: Vec<usize> = lengths(300, 99).into_iter().map(|l| l + 300).collect();
        let tgt: Vec<usize> = preface.into_iter().chain(src.iter().copied()).collect();
        let beads = by_length(&model, &src, &tgt);
        let pairs: Vec<(usize, usize)> = beads
            .iter()
            .filter(|b| !b.is_null())
            .map(|b| (b.src.start, b.tgt.start))
            .collect();
        assert_eq!(pairs, (0..1000).map(|i| (i, i + 300)).collect::<Vec<_>>());
    }

    #[test]
    fn beads_cover_every_sentence_once_in_order() {
        let model = LengthModel {
            ratio: 1.3,
            variance: 9.0,
        };
        for (n, m, seed) in [
            (50, 80, 1),
            (80, 50, 2),
            (1, 40, 3),
            (40, 1, 4),
            (0, 5, 5),
            (5, 0, 6),
        ] {
            let (src, tgt) = (lengths(n, seed), lengths(m, seed + 10));
            let beads = by_length(&model, &src, &tgt);
            let (mut i, mut j) = (0, 0);
            for b in &beads {
                assert_eq!((b.src.start, b.tgt.start), (i, j));
                assert!(!(b.src.is_empty() && b.tgt.is_empty()));
                (i, j) = (b.src.end, b.tgt.end);
            }
            assert_eq!((i, j), (n, m));
        }
    }

    #[test]
    fn an_extra_paragraph_becomes_a_null_paragraph_bead() {
        // Three source paragraphs; the target has a fourth, untranslated one
        // in the middle (a caption, its own figures). Each sentence carries
        // a figure both sides write alike, and of about the same length
        // across: the sentence beads leave the caption out, and the
        // paragraph beads read off them show the paragraph without a
        // counterpart.
        let sentence = |n: usize, words: usize| format!("{n} {}", "word ".repeat(words));
        let src_sentences = [
            sentence(1820, 9),
            sentence(2731, 7),
            sentence(3642, 11),
            sentence(4553, 6),
            sentence(5464, 10),
            sentence(6375, 8),
        ];
        let tgt_sentences = [
            sentence(1820, 10),
            sentence(2731, 7),
            sentence(3642, 12),
            sentence(4553, 6),
            sentence(9917, 8),
            sentence(8806, 5),
            sentence(5464, 11),
            sentence(6375, 8),
        ];
        let src = Sentences {
            sentences: src_sentences.iter().map(String::as_str).collect(),
            paragraphs: vec![0..2, 2..4, 4..6],
        };
        let tgt = Sentences {
            sentences: tgt_sentences.iter().map(String::as_str).collect(),
            paragraphs: vec![0..2, 2..4, 4..6, 6..8],
        };
        let alignment = align(
            &src,
            &tgt,
            &[Section {
                src: 0..3,
                tgt: 0..4,
            }],
            &Options::default(),
        );
        let paragraphs: Vec<(Range<usize>, Range<usize>)> = alignment
            .paragraph_beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(
            paragraphs,
            [(0..1, 0..1), (1..2, 1..2), (2..2, 2..3), (2..3, 3..4)]
        );
        // The sentences of the untranslated paragraph stand alone.
        let null: Vec<Range<usize>> = alignment
            .beads
            .iter()
            .filter(|b| b.src.is_empty())
            .map(|b| b.tgt.clone())
            .collect();
        assert_eq!(null, [4..5, 5..6]);

        // As paragraph units: sentence coordinates, each as confident as
        // its least confident sentence bead.
        let (units, confidences) = alignment.paragraph_units(&src, &tgt);
        let sentences: Vec<(Range<usize>, Range<usize>)> = units
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(
            sentences,
            [(0..2, 0..2), (2..4, 2..4), (4..4, 4..6), (4..6, 6..8)]
        );
        for (unit, confidence) in units.iter().zip(&confidences) {
            let least = alignment
                .beads
                .iter()
                .zip(&alignment.posteriors)
                .filter(|(b, _)| {
                    b.src.start >= unit.src.start
                        && b.src.end <= unit.src.end
                        && b.tgt.start >= unit.tgt.start
                        && b.tgt.end <= unit.tgt.end
                })
                .map(|(_, &p)| p)
                .fold(1.0f64, f64::min);
            assert_eq!(*confidence, least, "{unit:?}");
        }
        assert!(confidences.iter().any(|&c| c < 1.0));
    }

    #[test]
    fn estimates_ratio_and_priors_from_the_document() {
        // A target about twice as long, with every fourth source sentence
        // split in two.
        let src_lens = lengths(200, 3);
        let mut tgt_owned = Vec::new();
        for (i, &l) in src_lens.iter().enumerate() {
            if i % 4 == 0 {
                tgt_owned.push("y".repeat(l));
                tgt_owned.push("y".repeat(l));
            } else {
                tgt_owned.push("y".repeat(2 * l));
            }
        }
        let src_owned: Vec<String> = src_lens.iter().map(|&l| "x".repeat(l)).collect();
        let src = Sentences::single_paragraph(src_owned.iter().map(String::as_str).collect());
        let tgt = Sentences::single_paragraph(tgt_owned.iter().map(String::as_str).collect());
        let alignment = align(
            &src,
            &tgt,
            &[Section {
                src: 0..1,
                tgt: 0..1,
            }],
            &Options::default(),
        );
        assert!(
            (alignment.models.sentences.ratio - 2.0).abs() < 0.05,
            "{:?}",
            alignment.models
        );
        assert!(
            alignment.models.priors.get(Shape::new(1, 2)) > 0.15,
            "{:?}",
            alignment.models.priors
        );
        let wrong = alignment
            .beads
            .iter()
            .filter(|b| {
                b.shape()
                    != if b.src.start % 4 == 0 {
                        Shape::new(1, 2)
                    } else {
                        Shape::new(1, 1)
                    }
            })
            .count();
        assert_eq!(wrong, 0);
    }

    #[test]
    fn long_documents_are_aligned_in_chunks_as_well_as_whole() {
        let (src, tgt, truth) = corpus::corpus(2_000, 7);
        let src_text = Sentences::single_paragraph(src.iter().map(String::as_str).collect());
        let tgt_text = Sentences::single_paragraph(tgt.iter().map(String::as_str).collect());
        let sections = [Section {
            src: 0..1,
            tgt: 0..1,
        }];
        let whole = align(&src_text, &tgt_text, &sections, &Options::default());
        let chunked_options = Options {
            chunk_sentences: 400,
            ..Options::default()
        };
        let (n, m) = (src.len(), tgt.len());
        let cuts = chunk_cuts(&src_text, &tgt_text, &sections, &whole.beads, 400).unwrap();
        assert!(cuts.len() >= 5, "{cuts:?}");
        let chunked = align(&src_text, &tgt_text, &sections, &chunked_options);
        // Every sentence once, in order.
        let (mut i, mut j) = (0, 0);
        for bead in &chunked.beads {
            assert_eq!((bead.src.start, bead.tgt.start), (i, j));
            (i, j) = (bead.src.end, bead.tgt.end);
        }
        assert_eq!((i, j), (n, m));
        assert_eq!(chunked.posteriors.len(), chunked.beads.len());
        // Nearly as right as the whole, though chunks of 400 sentences
        // train their translation models on a fifth of the pairs.
        let right = |beads: &[Bead]| {
            beads
                .iter()
                .filter(|b| truth.contains(&(b.src.clone(), b.tgt.clone())))
                .count()
        };
        let (whole_right, chunked_right) = (right(&whole.beads), right(&chunked.beads));
        assert!(
            chunked_right as f64 >= 0.99 * whole_right as f64,
            "{chunked_right} against {whole_right}"
        );
        assert!(chunked_right as f64 >= 0.97 * truth.len() as f64);
    }

    /// The alignment of a synthetic corpus in small chunks (so that rayon
    /// aligns them in parallel, each with its own translation model), as
    /// text: every bead and the bits of every posterior.
    fn fingerprint() -> String {
        let (src, tgt, _) = corpus::corpus(1_200, 5);
        let src = Sentences::single_paragraph(src.iter().map(String::as_str).collect());
        let tgt = Sentences::single_paragraph(tgt.iter().map(String::as_str).collect());
        let options = Options {
            chunk_sentences: 300,
            ..Options::default()
        };
        let alignment = align(&src, &tgt, &[Section::whole(1, 1)], &options);
        alignment
            .beads
            .iter()
            .zip(&alignment.posteriors)
            .map(|(b, p)| format!("{:?}:{:?}:{:x}\n", b.src, b.tgt, p.to_bits()))
            .collect()
    }

    /// Determinism is a promise across runs, not within one: hash seeds,
    /// thread pools and scheduling differ between processes. This test runs
    /// itself again in two child processes, with one and with two threads,
    /// and their alignments must agree bit for bit.
    #[test]
    fn the_same_alignment_in_every_process_and_thread_count() {
        const CHILD: &str = "TANDEM_ALIGN_FINGERPRINT";
        if std::env::var_os(CHILD).is_some() {
            println!("<<<{}>>>", fingerprint());
            return;
        }
        let run = |threads: &str| {
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "tests::the_same_alignment_in_every_process_and_thread_count",
                    "--nocapture",
                ])
                .env(CHILD, "1")
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let stdout = String::from_utf8(out.stdout).unwrap();
            let start = stdout.find("<<<").expect("the child printed its alignment") + 3;
            let end = stdout.find(">>>").unwrap();
            stdout[start..end].to_string()
        };
        let (one, two) = (run("1"), run("2"));
        assert!(one.lines().count() > 1_000, "{one}");
        assert_eq!(one, two);
    }
}
