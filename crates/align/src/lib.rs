//! Two sentence sequences in, beads out.
//!
//! [`align`] aligns a source [`Text`] with a target [`Text`]: first their
//! paragraphs, then the sentences inside each pair of aligned paragraphs,
//! each level a [`search`] for the cheapest sequence of [`Bead`]s. A bead's
//! cost is −ln of its [`Priors`] probability plus the cost of each kind of
//! [`Evidence`]; here that is the length model of Gale and Church
//! ([`LengthModel`]), whose ratio and variance, and the bead priors, are
//! estimated from the document pair itself: a first pass with defaults, then
//! a second with what the first pass found.
//!
//! No I/O: texts in, beads out.

mod bead;
mod length;
mod search;

use std::ops::Range;

pub use bead::{Bead, Priors, Shape};
pub use length::{LengthModel, ln_erfc};
pub use search::{Evidence, search};

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
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_many: 5,
            paragraphs_first: true,
        }
    }
}

/// The result of [`align`].
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Sentence beads, in document order, covering every sentence once.
    pub beads: Vec<Bead>,
    /// Paragraph beads, in document order, covering every paragraph once.
    pub paragraph_beads: Vec<Bead>,
    /// The length model estimated for this document pair.
    pub model: LengthModel,
    /// The sentence bead priors estimated for this document pair.
    pub priors: Priors,
}

/// Aligns two texts section by section: paragraphs first, then sentences.
pub fn align(src: &Text<'_>, tgt: &Text<'_>, sections: &[Section], options: &Options) -> Alignment {
    let src_lens: Vec<usize> = src
        .sentences
        .iter()
        .map(|s| tandem_text::length(s))
        .collect();
    let tgt_lens: Vec<usize> = tgt
        .sentences
        .iter()
        .map(|s| tandem_text::length(s))
        .collect();
    let doc = Document {
        src,
        tgt,
        src_lens: &src_lens,
        tgt_lens: &tgt_lens,
        sections,
        options,
    };

    // First pass: the document's overall length ratio, default variance and priors.
    let (src_total, tgt_total) = doc.paired_totals();
    let ratio = if src_total > 0 && tgt_total > 0 {
        tgt_total as f64 / src_total as f64
    } else {
        1.0
    };
    let first_model = LengthModel::default_for_ratio(ratio);
    let first_priors = Priors::sentence_default(options.max_many);
    let (first, _) = doc.run(&first_model, &first_priors);

    // Second pass with what the first found.
    let model = estimate_model(&first, &src_lens, &tgt_lens).unwrap_or(first_model);
    let priors = first_priors.reestimate(&first, PRIOR_WEIGHT);
    let (beads, paragraph_beads) = doc.run(&model, &priors);
    Alignment {
        beads,
        paragraph_beads,
        model,
        priors,
    }
}

/// How many beads' worth of weight the default priors keep against the
/// counts of the first pass.
const PRIOR_WEIGHT: f64 = 20.0;

/// The length model of the 1-1 beads of a first pass: their length ratio,
/// and a variance from the median squared deviation, which a few misaligned
/// beads cannot inflate. `None` with too few 1-1 beads to estimate from.
fn estimate_model(beads: &[Bead], src_lens: &[usize], tgt_lens: &[usize]) -> Option<LengthModel> {
    let pairs: Vec<(usize, usize)> = beads
        .iter()
        .filter(|b| b.shape() == Shape::new(1, 1))
        .map(|b| (src_lens[b.src.start], tgt_lens[b.tgt.start]))
        .filter(|&(l1, l2)| l1 > 0 && l2 > 0)
        .collect();
    if pairs.len() < 5 {
        return None;
    }
    let (sum1, sum2) = pairs
        .iter()
        .fold((0, 0), |(a, b), &(l1, l2)| (a + l1, b + l2));
    let ratio = sum2 as f64 / sum1 as f64;
    let mut scaled: Vec<f64> = pairs
        .iter()
        .map(|&(l1, l2)| {
            let (l1, l2) = (l1 as f64, l2 as f64);
            let mean = (l1 + l2 / ratio) / 2.0;
            (l2 - ratio * l1).powi(2) / mean
        })
        .collect();
    scaled.sort_by(f64::total_cmp);
    // The median of a χ² variable with one degree of freedom is 0.4549.
    let median = scaled[scaled.len() / 2];
    let variance = (median / 0.4549).clamp(0.1 * ratio * ratio, 100.0 * ratio * ratio);
    Some(LengthModel { ratio, variance })
}

/// The length model as evidence over units of known lengths.
struct LengthEvidence<'a> {
    model: &'a LengthModel,
    src_cumulative: Vec<usize>,
    tgt_cumulative: Vec<usize>,
}

impl<'a> LengthEvidence<'a> {
    fn new(model: &'a LengthModel, src_lens: &[usize], tgt_lens: &[usize]) -> LengthEvidence<'a> {
        let cumulative = |lens: &[usize]| {
            std::iter::once(0)
                .chain(lens.iter().scan(0, |sum, &l| {
                    *sum += l;
                    Some(*sum)
                }))
                .collect()
        };
        LengthEvidence {
            model,
            src_cumulative: cumulative(src_lens),
            tgt_cumulative: cumulative(tgt_lens),
        }
    }
}

impl Evidence for LengthEvidence<'_> {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let l1 = self.src_cumulative[src.end] - self.src_cumulative[src.start];
        let l2 = self.tgt_cumulative[tgt.end] - self.tgt_cumulative[tgt.start];
        self.model.cost(l1, l2)
    }
}

/// Everything one alignment pass reads.
struct Document<'d, 'a> {
    src: &'d Text<'a>,
    tgt: &'d Text<'a>,
    src_lens: &'d [usize],
    tgt_lens: &'d [usize],
    sections: &'d [Section],
    options: &'d Options,
}

impl Document<'_, '_> {
    /// Total sentence lengths of the sections that have both sides.
    fn paired_totals(&self) -> (usize, usize) {
        let mut totals = (0, 0);
        for section in self
            .sections
            .iter()
            .filter(|s| !s.src.is_empty() && !s.tgt.is_empty())
        {
            let src = sentences_of(&self.src.paragraphs, section.src.clone());
            let tgt = sentences_of(&self.tgt.paragraphs, section.tgt.clone());
            totals.0 += self.src_lens[src].iter().sum::<usize>();
            totals.1 += self.tgt_lens[tgt].iter().sum::<usize>();
        }
        totals
    }

    /// One pass: sentence beads and paragraph beads, in document order.
    fn run(&self, model: &LengthModel, priors: &Priors) -> (Vec<Bead>, Vec<Bead>) {
        let paragraph_priors = Priors::paragraph_default();
        let mut sentence_beads = Vec::new();
        let mut paragraph_beads = Vec::new();
        for section in self.sections {
            for pb in self.align_paragraphs(section, model, &paragraph_priors) {
                let src = sentences_of(&self.src.paragraphs, pb.src.clone());
                let tgt = sentences_of(&self.tgt.paragraphs, pb.tgt.clone());
                sentence_beads.extend(self.align_sentences(src, tgt, model, priors));
                paragraph_beads.push(pb);
            }
        }
        (sentence_beads, paragraph_beads)
    }

    /// The paragraph beads of a section (global paragraph indices).
    fn align_paragraphs(
        &self,
        section: &Section,
        model: &LengthModel,
        priors: &Priors,
    ) -> Vec<Bead> {
        let (src, tgt) = (section.src.clone(), section.tgt.clone());
        let both_sides = !src.is_empty() && !tgt.is_empty();
        if both_sides && (!self.options.paragraphs_first || (src.len() == 1 && tgt.len() == 1)) {
            return vec![Bead {
                src,
                tgt,
                cost: 0.0,
            }];
        }
        let length_of = |paragraphs: &[Range<usize>], lens: &[usize], p: usize| -> usize {
            lens[paragraphs[p].clone()].iter().sum()
        };
        let src_lens: Vec<usize> = src
            .clone()
            .map(|p| length_of(&self.src.paragraphs, self.src_lens, p))
            .collect();
        let tgt_lens: Vec<usize> = tgt
            .clone()
            .map(|p| length_of(&self.tgt.paragraphs, self.tgt_lens, p))
            .collect();
        let evidence = LengthEvidence::new(model, &src_lens, &tgt_lens);
        search(src_lens.len(), tgt_lens.len(), priors, &evidence)
            .into_iter()
            .map(|b| shift(b, src.start, tgt.start))
            .collect()
    }

    /// The sentence beads of a paragraph bead (global sentence indices).
    fn align_sentences(
        &self,
        src: Range<usize>,
        tgt: Range<usize>,
        model: &LengthModel,
        priors: &Priors,
    ) -> Vec<Bead> {
        let src_lens = &self.src_lens[src.clone()];
        let tgt_lens = &self.tgt_lens[tgt.clone()];
        let evidence = LengthEvidence::new(model, src_lens, tgt_lens);
        search(src_lens.len(), tgt_lens.len(), priors, &evidence)
            .into_iter()
            .map(|b| shift(b, src.start, tgt.start))
            .collect()
    }
}

/// The sentences of a range of paragraphs.
fn sentences_of(paragraphs: &[Range<usize>], range: Range<usize>) -> Range<usize> {
    if range.is_empty() {
        // An empty range of paragraphs sits before paragraph `range.start`.
        let at = paragraphs
            .get(range.start)
            .map_or_else(|| paragraphs.last().map_or(0, |p| p.end), |p| p.start);
        return at..at;
    }
    paragraphs[range.start].start..paragraphs[range.end - 1].end
}

fn shift(bead: Bead, src: usize, tgt: usize) -> Bead {
    Bead {
        src: bead.src.start + src..bead.src.end + src,
        tgt: bead.tgt.start + tgt..bead.tgt.end + tgt,
        cost: bead.cost,
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
        let evidence = LengthEvidence::new(&model, &src, &tgt);
        let beads = search(
            src.len(),
            tgt.len(),
            &Priors::sentence_default(5),
            &evidence,
        );
        assert_eq!(shapes(&beads), ["1-1", "1-4", "1-1"]);
        assert_eq!(beads[1].tgt, 1..5);
    }

    /// Evidence that knows the true pairs: target = source + `offset`.
    struct Oracle {
        offset: usize,
    }

    impl Evidence for Oracle {
        fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
            let true_pair =
                src.start + self.offset == tgt.start && src.end + self.offset == tgt.end;
            if true_pair {
                0.0
            } else {
                5.0 * (src.len() + tgt.len()) as f64
            }
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
        let evidence = LengthEvidence::new(&model, &src, &tgt);
        let beads = search(
            src.len(),
            tgt.len(),
            &Priors::sentence_default(5),
            &evidence,
        );
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
            let evidence = LengthEvidence::new(&model, &src, &tgt);
            let beads = search(
                src.len(),
                tgt.len(),
                &Priors::sentence_default(5),
                &evidence,
            );
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
            (alignment.model.ratio - 2.0).abs() < 0.05,
            "{:?}",
            alignment.model
        );
        assert!(
            alignment.priors.get(Shape::new(1, 2)) > 0.15,
            "{:?}",
            alignment.priors
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
            let evidence = LengthEvidence::new(&model, &src_lens, &tgt_lens);
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
