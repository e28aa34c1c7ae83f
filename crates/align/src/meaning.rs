//! Evidence from sentence meaning: the cosine of two runs' sentence
//! embeddings, against what each run scores with its neighbours.

use std::fmt;
use std::ops::Range;

use crate::search::Evidence;

/// One side's sentence embeddings: a unit vector for every run of 1 to
/// [`SideEmbeddings::max_run`] consecutive sentences (Bertalign's "overlap"
/// embeddings, Liu and Zhu 2022), made by an encoder this crate does not
/// know (`tandem-embed`).
#[derive(Clone, PartialEq, Default)]
pub struct SideEmbeddings {
    dimension: usize,
    sentences: usize,
    /// `runs[k - 1]` holds the vectors of runs `i..i + k`, for `i` in
    /// `0..=sentences - k`, back to back.
    runs: Vec<Vec<f32>>,
}

impl fmt::Debug for SideEmbeddings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SideEmbeddings")
            .field("dimension", &self.dimension)
            .field("sentences", &self.sentences)
            .field("max_run", &self.max_run())
            .finish()
    }
}

impl SideEmbeddings {
    /// Embeddings of `sentences` sentences, `dimension` values per vector:
    /// `runs[k - 1]` holds the vectors of the runs of `k` sentences, in
    /// order (`sentences - k + 1` of them).
    ///
    /// # Panics
    /// When a run length holds the wrong number of values.
    pub fn new(dimension: usize, sentences: usize, runs: Vec<Vec<f32>>) -> Self {
        for (k, vectors) in runs.iter().enumerate() {
            let count = (sentences + 1).saturating_sub(k + 1);
            assert_eq!(
                vectors.len(),
                count * dimension,
                "runs of {} sentences",
                k + 1
            );
        }
        Self {
            dimension,
            sentences,
            runs,
        }
    }

    /// The longest run embedded.
    pub fn max_run(&self) -> usize {
        self.runs.len()
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences == 0
    }

    /// The vector of run `range`, if it was embedded.
    pub fn run(&self, range: Range<usize>) -> Option<&[f32]> {
        let k = range.len();
        let vectors = self.runs.get(k.checked_sub(1)?)?;
        let at = range.start * self.dimension;
        vectors.get(at..at + self.dimension)
    }
}

/// Both sides' embeddings of a document pair.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PairEmbeddings {
    /// The source side's.
    pub src: SideEmbeddings,
    /// The target side's.
    pub tgt: SideEmbeddings,
}

/// How many sentences on either side of a sentence's expected counterpart
/// (the diagonal of the document) its neighbours are taken from.
const NEIGHBOURHOOD: usize = 20;
/// How many of the nearest neighbours make a sentence's baseline.
const NEAREST: usize = 4;
/// Nats per unit of margin: a 1-1 bead whose cosine beats its baseline by
/// 0.1 is e^(WEIGHT × 0.1) times more likely than one that only equals it.
/// Chosen on the mean strict F1 of the two dev sets (literary zh-en,
/// Text+Berg de-fr), with the margin as it is now: 24 → 0.882, 32 → 0.884,
/// 40 → 0.882 (docs/accuracy.md).
const WEIGHT: f64 = 32.0;

/// The [`Evidence`] of meaning: a bead's cost falls with the cosine of its
/// source run's and target run's embeddings, measured against a baseline
/// (a margin, as Artetxe and Schwenk 2019 score bitext), the mean of two:
/// - the bead's own neighbours: each run's cosine with the sentence just
///   before and just after the other run (Bertalign's margin, Liu and Zhu
///   2022). It is measured with the run's own vector, so it rises with the
///   run as the cosine does: a run of three is not favoured for being long;
/// - each sentence's neighbours in the document: its mean cosine with its 4
///   nearest sentences of the other side near the diagonal.
///
/// Runs longer than the embedded ones cost nothing.
pub struct Meaning<'e> {
    embeddings: &'e PairEmbeddings,
    offset: (usize, usize),
    src_baseline: Vec<f32>,
    tgt_baseline: Vec<f32>,
    /// Which sentences are headings, per side (local indices): where
    /// [`Meaning::dilution`] is counted.
    headings: (Vec<bool>, Vec<bool>),
}

impl<'e> Meaning<'e> {
    /// The evidence for sentences `src` × `tgt` of `embeddings` (the whole
    /// document, or one chunk of it), whose indices then start at 0.
    pub fn new(embeddings: &'e PairEmbeddings, src: Range<usize>, tgt: Range<usize>) -> Self {
        let src_baseline = baselines(&embeddings.src, &embeddings.tgt, src.clone(), tgt.clone());
        let tgt_baseline = baselines(&embeddings.tgt, &embeddings.src, tgt.clone(), src.clone());
        Self {
            embeddings,
            offset: (src.start, tgt.start),
            src_baseline,
            tgt_baseline,
            headings: (Vec::new(), Vec::new()),
        }
    }

    /// Counts [`Meaning::dilution`] for headings: `src` and `tgt` say
    /// which sentences (local indices) are one, a paragraph of its own that
    /// does not end as a sentence does (a title, a caption, a list item).
    pub fn with_headings(self, src: Vec<bool>, tgt: Vec<bool>) -> Self {
        Self {
            headings: (src, tgt),
            ..self
        }
    }

    /// The margin of a bead: its cosine less the mean of its runs' cosines
    /// with the sentences beside the other run, and of its sentences'
    /// baselines. `None` for runs longer than were embedded.
    pub fn margin(&self, src: Range<usize>, tgt: Range<usize>) -> Option<f64> {
        let (s0, t0) = self.offset;
        let (src_run, tgt_run) = (src.start + s0..src.end + s0, tgt.start + t0..tgt.end + t0);
        let x = self.embeddings.src.run(src_run.clone())?;
        let y = self.embeddings.tgt.run(tgt_run.clone())?;
        let cosine = dot(x, y);
        let beside = mean_of([
            beside(x, &self.embeddings.tgt, tgt_run),
            beside(y, &self.embeddings.src, src_run),
        ]);
        let baseline = mean_of([mean(&self.src_baseline[src]), mean(&self.tgt_baseline[tgt])])?;
        let neighbours = beside.map_or(baseline, |beside| 0.5 * (beside + baseline));
        Some(f64::from(cosine - neighbours))
    }

    /// What a run of several sentences loses by holding, first or last, a
    /// heading ([`Meaning::with_headings`]) that translates nothing on the
    /// other side (its own cosine with the other run below its baseline):
    /// the cosine of the run without it less the whole run's; 0 when no
    /// such heading lowers the match. An untranslated heading glued to the
    /// next sentence costs its bead this much. Only headings: a short
    /// sentence inside a translation often matches little on its own, and
    /// such sentences are parts of right 1-2 beads far more often than
    /// untranslated additions.
    pub fn dilution(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        // The search asks for millions of costs, nearly none of them with a
        // heading at an end of a run of several: those cost no vector work.
        let heading_at_an_end = |run: &Range<usize>, headings: &[bool]| {
            let heading = |at: usize| headings.get(at).copied().unwrap_or(false);
            run.len() >= 2 && (heading(run.start) || heading(run.end - 1))
        };
        if !heading_at_an_end(&src, &self.headings.0) && !heading_at_an_end(&tgt, &self.headings.1)
        {
            return 0.0;
        }
        let (s0, t0) = self.offset;
        let global = (src.start + s0..src.end + s0, tgt.start + t0..tgt.end + t0);
        let (Some(x), Some(y)) = (
            self.embeddings.src.run(global.0.clone()),
            self.embeddings.tgt.run(global.1.clone()),
        ) else {
            return 0.0;
        };
        let whole = dot(x, y);
        let mut best = whole;
        let sides = [
            (
                &self.embeddings.src,
                &global.0,
                &src,
                &self.src_baseline,
                &self.headings.0,
                y,
            ),
            (
                &self.embeddings.tgt,
                &global.1,
                &tgt,
                &self.tgt_baseline,
                &self.headings.1,
                x,
            ),
        ];
        for (side, run, local, baseline, headings, other) in sides {
            if run.len() < 2 {
                continue;
            }
            // The end sentence, the rest of the run, the end's local index.
            let ends = [
                (run.start, run.start + 1..run.end, local.start),
                (run.end - 1, run.start..run.end - 1, local.end - 1),
            ];
            for (sentence, rest, at) in ends {
                if !headings.get(at).copied().unwrap_or(false) {
                    continue;
                }
                let alone = side.run(sentence..sentence + 1).map(|v| dot(v, other));
                if alone.is_some_and(|alone| alone < baseline[at])
                    && let Some(rest) = side.run(rest)
                {
                    best = best.max(dot(rest, other));
                }
            }
        }
        f64::from(best - whole)
    }
}

impl Evidence for Meaning<'_> {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let Some(margin) = self.margin(src.clone(), tgt.clone()) else {
            return 0.0;
        };
        -WEIGHT * (margin - self.dilution(src, tgt))
    }
}

/// The mean cosine of `vector` with the sentences of `other` just before
/// and just after `run` (`None` when the run is all of `other`).
fn beside(vector: &[f32], other: &SideEmbeddings, run: Range<usize>) -> Option<f32> {
    let before = run.start.checked_sub(1).and_then(|i| other.run(i..i + 1));
    let after = other.run(run.end..run.end + 1);
    mean_of([before, after].map(|s| s.map(|s| dot(vector, s))))
}

/// The mean of `values`, `None` when there are none.
fn mean(values: &[f32]) -> Option<f32> {
    (!values.is_empty()).then(|| values.iter().sum::<f32>() / values.len() as f32)
}

/// The mean of the values present.
fn mean_of<const N: usize>(values: [Option<f32>; N]) -> Option<f32> {
    let present = values.iter().flatten();
    let count = present.clone().count();
    (count > 0).then(|| present.sum::<f32>() / count as f32)
}

/// The dot product of two vectors of the same length. The search computes
/// millions: with AVX2 where the processor has it. Not with FMA: a fused
/// multiply-add rounds differently, and the same input must give the same
/// alignment on every machine.
fn dot(x: &[f32], y: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { dot_avx2(x, y) };
    }
    dot_lanes(x, y)
}

/// [`dot_lanes`] compiled for AVX2: the same operations in the same order,
/// eight lanes to an instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn dot_avx2(x: &[f32], y: &[f32]) -> f32 {
    dot_lanes(x, y)
}

/// The dot product summed in 16 lanes: one running sum would make every
/// addition wait for the one before, and keep the compiler from vectorising.
#[inline(always)]
fn dot_lanes(x: &[f32], y: &[f32]) -> f32 {
    const LANES: usize = 16;
    let (xs, ys) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    let tail: f32 = (xs.remainder().iter().zip(ys.remainder()))
        .map(|(a, b)| a * b)
        .sum();
    let mut lanes = [0.0f32; LANES];
    for (a, b) in xs.zip(ys) {
        for ((lane, a), b) in lanes.iter_mut().zip(a).zip(b) {
            *lane += a * b;
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// For each sentence of `own[range]`: the mean cosine with its nearest
/// sentences of `other[other_range]` within [`NEIGHBOURHOOD`] of where the
/// diagonal puts its counterpart. Cost: sentences × 2·NEIGHBOURHOOD dot
/// products.
fn baselines(
    own: &SideEmbeddings,
    other: &SideEmbeddings,
    range: Range<usize>,
    other_range: Range<usize>,
) -> Vec<f32> {
    let (n, m) = (range.len(), other_range.len());
    let mut cosines = Vec::with_capacity(2 * NEIGHBOURHOOD + 1);
    range
        .clone()
        .map(|i| {
            let Some(x) = own.run(i..i + 1) else {
                return 0.0;
            };
            let expected = (i - range.start) * m / n.max(1);
            let from = expected.saturating_sub(NEIGHBOURHOOD);
            let to = (expected + NEIGHBOURHOOD + 1).min(m);
            cosines.clear();
            cosines.extend((from..to).filter_map(|j| {
                let j = j + other_range.start;
                other.run(j..j + 1).map(|y| dot(x, y))
            }));
            cosines.sort_unstable_by(|a, b| b.total_cmp(a));
            mean(&cosines[..cosines.len().min(NEAREST)]).unwrap_or(0.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unit vectors in 3 dimensions; runs are the normalised sums.
    fn side(vectors: &[[f32; 3]], max_run: usize) -> SideEmbeddings {
        let n = vectors.len();
        let runs = (1..=max_run)
            .map(|k| {
                (0..(n + 1).saturating_sub(k))
                    .flat_map(|i| {
                        let mut sum = [0.0f32; 3];
                        for v in &vectors[i..i + k] {
                            (0..3).for_each(|d| sum[d] += v[d]);
                        }
                        let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
                        sum.map(|v| v / norm)
                    })
                    .collect()
            })
            .collect();
        SideEmbeddings::new(3, n, runs)
    }

    /// Three sentences, each the translation of its counterpart: the same
    /// three axes on both sides.
    fn translated_axes(max_run: usize) -> PairEmbeddings {
        let x = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        PairEmbeddings {
            src: side(&x, max_run),
            tgt: side(&x, max_run),
        }
    }

    #[test]
    fn a_run_is_found_by_its_range() {
        let s = side(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], 2);
        assert_eq!(s.run(1..2), Some(&[0.0, 1.0, 0.0][..]));
        let h = std::f32::consts::FRAC_1_SQRT_2;
        assert_eq!(s.run(1..3), Some(&[0.0, h, h][..]));
        assert_eq!(s.run(0..3), None, "longer than embedded");
        assert_eq!(s.run(2..4), None, "past the end");
    }

    #[test]
    fn the_translation_costs_less_than_a_neighbour() {
        let pair = translated_axes(2);
        let meaning = Meaning::new(&pair, 0..3, 0..3);
        assert!(meaning.cost(1..2, 1..2) < meaning.cost(1..2, 2..3));
        assert!(meaning.cost(1..2, 1..2) < 0.0);
        // Nothing is known of runs longer than embedded.
        assert_eq!(meaning.cost(0..3, 0..1), 0.0);
    }

    #[test]
    fn a_sentence_whose_neighbour_says_the_same_is_less_sure() {
        // The target's last sentence nearly repeats its second: the second
        // pair's margin is lower than the first's, though both cosines are 1.
        let x = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        let y = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.8, 0.6]];
        let pair = PairEmbeddings {
            src: side(&x, 1),
            tgt: side(&y, 1),
        };
        let meaning = Meaning::new(&pair, 0..3, 0..3);
        let (first, second) = (
            meaning.margin(0..1, 0..1).unwrap(),
            meaning.margin(1..2, 1..2).unwrap(),
        );
        assert!(second < first - 0.15, "{second} against {first}");
    }

    #[test]
    fn every_processor_computes_the_same_dot_product() {
        // The AVX2 path must round as the portable one does, bit for bit,
        // or alignments would differ between machines.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            (seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5
        };
        for len in [512, 37, 16, 3, 0] {
            let x: Vec<f32> = (0..len).map(|_| next()).collect();
            let y: Vec<f32> = (0..len).map(|_| next()).collect();
            assert_eq!(dot(&x, &y).to_bits(), dot_lanes(&x, &y).to_bits());
            let plain: f64 = x.iter().zip(&y).map(|(a, b)| f64::from(a * b)).sum();
            assert!((f64::from(dot(&x, &y)) - plain).abs() < 1e-4, "{len}");
        }
    }

    #[test]
    fn a_chunk_sees_its_own_sentences() {
        let pair = translated_axes(1);
        let chunk = Meaning::new(&pair, 1..3, 1..3);
        let whole = Meaning::new(&pair, 0..3, 0..3);
        assert_eq!(
            dot(pair.src.run(2..3).unwrap(), pair.tgt.run(2..3).unwrap()),
            1.0
        );
        assert!(chunk.cost(1..2, 1..2) < chunk.cost(1..2, 0..1));
        assert!(whole.cost(2..3, 2..3) < 0.0);
    }
}
