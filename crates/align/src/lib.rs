//! Two sentence sequences in, beads out.
//!
//! [`align`] aligns a source [`Text`] with a target [`Text`]: first their
//! paragraphs, then the sentences inside each pair of aligned paragraphs,
//! each level a [`search`] for the cheapest sequence of [`Bead`]s. A bead's
//! cost is −ln of its [`Priors`] probability plus the cost of each kind of
//! [`Evidence`], in three passes:
//!
//! 1. Length alone, with default models: Gale and Church's
//!    [`LengthModel`] for sentences, and for paragraphs a
//!    [`ParagraphModel`] whose variance also grows with the square of the
//!    length. From what it finds, the document's own length ratio, the core
//!    and heavy [`Tail`] of its length deviations, and the bead priors are
//!    estimated.
//! 2. Length with the estimated models, and [`Anchors`]: numbers, shared
//!    words, cognates, punctuation; searched near pass 1's path
//!    ([`search_near`]).
//! 3. The same, plus a [`Translation`] model (IBM Model 1 in both
//!    directions) trained on the 1-1 beads of pass 2, searched near pass 2's
//!    path ([`search_near`]).
//!
//! No I/O: texts in, beads out.

mod anchors;
mod bead;
mod dictionary;
mod document;
mod ibm1;
mod length;
mod search;
mod translation;

use std::ops::Range;
use std::sync::Arc;

pub use anchors::Anchors;
pub use bead::{Bead, Priors, Shape};
pub use dictionary::{Dictionary, DictionaryError};
pub use ibm1::{TranslationTable, train as train_ibm1};
pub use length::{LengthCost, LengthModel, Lengths, ParagraphModel, Tail, TailCost, ln_erfc};
pub use search::{Evidence, Sum, posteriors, search, search_near};
pub use translation::Translation;

use document::{Document, Pass};

/// One side of a document: its sentences in order, grouped into paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Text<'a> {
    /// The sentences.
    pub sentences: Vec<&'a str>,
    /// Each paragraph's sentences, as consecutive, non-overlapping ranges
    /// into `sentences` that cover them all.
    pub paragraphs: Vec<Range<usize>>,
}

impl<'a> Text<'a> {
    /// A text of one paragraph.
    pub fn single_paragraph(sentences: Vec<&'a str>) -> Text<'a> {
        let whole = 0..sentences.len();
        let paragraphs = std::iter::once(whole).collect();
        Text {
            sentences,
            paragraphs,
        }
    }
}

/// Paragraphs of the two sides already known to correspond (the block pairs
/// of an interleaved file; the whole document for two files). A section
/// with one side empty is a passage left untranslated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Source paragraphs.
    pub src: Range<usize>,
    /// Target paragraphs.
    pub tgt: Range<usize>,
}

/// What the alignment may do.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The largest group of sentences one sentence may align with (1-N and
    /// N-1 beads up to N = `max_many`).
    pub max_many: usize,
    /// Align paragraphs before sentences. Off, each section's sentences are
    /// aligned as one sequence.
    pub paragraphs_first: bool,
    /// Count [`Anchors`]: numbers, shared words, cognates, punctuation.
    pub anchors: bool,
    /// Train a [`Translation`] model on the document and align again with it.
    pub translation: bool,
    /// Word pairs the translation model starts from (as extra training
    /// pairs), in the direction source → target.
    pub dictionary: Option<Arc<Dictionary>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_many: 5,
            paragraphs_first: true,
            anchors: true,
            translation: true,
            dictionary: None,
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
    /// Paragraph lengths.
    pub paragraphs: ParagraphModel,
    /// Sentence bead priors.
    pub priors: Priors,
}

/// The result of [`align`].
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Sentence beads, in document order, covering every sentence once.
    pub beads: Vec<Bead>,
    /// For each sentence bead, its posterior probability under the model
    /// (within its paragraph bead): the share of all alignments'
    /// probability held by those that contain it.
    pub posteriors: Vec<f64>,
    /// Paragraph beads, in document order, covering every paragraph once.
    pub paragraph_beads: Vec<Bead>,
    /// The models estimated for this document pair, which made the beads.
    pub models: Models,
}

/// Aligns two texts section by section: paragraphs first, then sentences.
pub fn align(src: &Text<'_>, tgt: &Text<'_>, sections: &[Section], options: &Options) -> Alignment {
    let document = Document::new(src, tgt, sections, options);
    let ratio = document.overall_ratio();
    let first = Models {
        sentences: LengthModel::default_for_ratio(ratio),
        tail: Tail::NONE,
        paragraphs: ParagraphModel::default_for(LengthModel::default_for_ratio(ratio)),
        priors: Priors::sentence_default(options.max_many),
    };
    // Length alone, to estimate the models.
    let (beads, paragraph_beads) = document.run(&first, None, Pass::Best);
    let models = document.estimate(&first, &beads, &paragraph_beads);
    // Length and anchors.
    let anchors = options
        .anchors
        .then(|| Anchors::new(&src.sentences, &tgt.sentences));
    let anchor_evidence = anchors.as_ref().map(|a| a as &dyn Evidence);
    let (beads, paragraph_beads) = document.run(&models, anchor_evidence, Pass::Near(&beads));
    // A translation model trained on what that found, near where it went.
    let translation = options
        .translation
        .then(|| {
            Translation::train(
                &src.sentences,
                &tgt.sentences,
                &beads,
                options.max_many,
                options.dictionary.as_deref(),
            )
        })
        .flatten();
    let mut terms: Vec<&dyn Evidence> = Vec::new();
    terms.extend(translation.as_ref().map(|t| t as &dyn Evidence));
    terms.extend(anchor_evidence);
    let lexical = Sum(terms);
    let lexical = (!lexical.0.is_empty()).then_some(&lexical as &dyn Evidence);
    let (beads, paragraph_beads) = match &translation {
        Some(_) => document.run(&models, lexical, Pass::Near(&beads)),
        None => (beads, paragraph_beads),
    };
    let posteriors = document.posteriors(&models, lexical, &beads, &paragraph_beads);
    Alignment {
        beads,
        posteriors,
        paragraph_beads,
        models,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // in the middle. The texts are only lengths here.
        let words = |n: usize| "x".repeat(n);
        let src_sentences = [
            words(60),
            words(50),
            words(70),
            words(40),
            words(65),
            words(55),
        ];
        let tgt_sentences = [
            words(125),
            words(95),
            words(140),
            words(85),
            words(50),
            words(30),
            words(130),
            words(110),
        ];
        let src = Text {
            sentences: src_sentences.iter().map(String::as_str).collect(),
            paragraphs: vec![0..2, 2..4, 4..6],
        };
        let tgt = Text {
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
        let src = Text::single_paragraph(src_owned.iter().map(String::as_str).collect());
        let tgt = Text::single_paragraph(tgt_owned.iter().map(String::as_str).collect());
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
    fn deterministic() {
        let src_lens = lengths(300, 11);
        let tgt_lens = lengths(320, 12);
        let model = LengthModel {
            ratio: 1.0,
            variance: 6.8,
        };
        let run = || {
            let evidence = Lengths::new(&model, &src_lens, &tgt_lens);
            search(
                src_lens.len(),
                tgt_lens.len(),
                &Priors::sentence_default(5),
                &evidence,
            )
        };
        assert_eq!(run(), run());
    }
}
