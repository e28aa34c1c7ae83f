//! Length models: how long a translation is, given its original.
//!
//! - [`LengthModel`], Gale and Church's (1993) for sentences: the target
//!   length is proportional to the source length, with a variance that grows
//!   with the length.
//! - [`ParagraphModel`] for paragraphs: the logarithm of the length ratio is
//!   Gaussian. A translator's expansions and cuts scale with a passage's
//!   length, so over paragraphs the deviation grows with the length itself,
//!   not with its square root; under Gale and Church's model a long paragraph
//!   translated a little freely looks impossibly long.
//!
//! [`Lengths`] turns either into [`Evidence`] over units of known lengths.

use std::f64::consts::{PI, SQRT_2};
use std::ops::Range;

use crate::search::Evidence;

/// A model of target length given source length, as a cost.
pub trait LengthCost {
    /// How many standard deviations a target length lies from what the
    /// source length predicts (positive: the target is longer).
    fn delta(&self, source: usize, target: usize) -> f64;

    /// The cost of pairing texts of these lengths: −ln of the probability of
    /// a deviation at least this large, −ln(2(1 − Φ(|δ|))).
    fn cost(&self, source: usize, target: usize) -> f64 {
        -ln_erfc(self.delta(source, target).abs() / SQRT_2)
    }
}

/// The length relation between two languages in one document: target length
/// is about `ratio` × source length, with variance `variance` × length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    /// Expected target characters per source character.
    pub ratio: f64,
    /// Variance of the target length per source character, in squared
    /// target characters.
    pub variance: f64,
}

impl LengthModel {
    /// Gale and Church's variance for European languages (ratio 1), scaled
    /// to a ratio: a starting point before the document's own is estimated.
    pub fn default_for_ratio(ratio: f64) -> LengthModel {
        LengthModel {
            ratio,
            variance: 6.8 * ratio * ratio,
        }
    }
}

impl LengthCost for LengthModel {
    fn delta(&self, source: usize, target: usize) -> f64 {
        let (l1, l2) = (source as f64, target as f64);
        // Gale and Church's mean of the two lengths, in source units, so that
        // the measure is symmetric in the two texts.
        let mean = (l1 + l2 / self.ratio) / 2.0;
        if mean == 0.0 {
            return 0.0;
        }
        (l2 - self.ratio * l1) / (self.variance * mean).sqrt()
    }
}

/// Paragraph lengths: Gale and Church's model with a second term in the
/// variance that grows with the square of the length,
/// `variance × mean + (spread × ratio × mean)²`. Short paragraphs (titles,
/// headings) deviate as sentences do; long ones by a share of their length,
/// `spread`, as a translator's expansions and cuts add up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParagraphModel {
    /// The sentence model: ratio, and the variance that grows with length.
    pub sentences: LengthModel,
    /// The standard deviation of a long paragraph's length, as a share of
    /// its expected length.
    pub spread: f64,
}

impl ParagraphModel {
    /// Before a document's own spread is known: long paragraphs within 30%
    /// of the expected length are one standard deviation.
    pub const DEFAULT_SPREAD: f64 = 0.3;

    /// The default spread over a sentence model.
    pub fn default_for(sentences: LengthModel) -> ParagraphModel {
        ParagraphModel {
            sentences,
            spread: Self::DEFAULT_SPREAD,
        }
    }

    /// The mean of the two lengths in source units, as in [`LengthModel`].
    pub fn mean(&self, source: usize, target: usize) -> f64 {
        (source as f64 + target as f64 / self.sentences.ratio) / 2.0
    }
}

impl LengthCost for ParagraphModel {
    fn delta(&self, source: usize, target: usize) -> f64 {
        let LengthModel { ratio, variance } = self.sentences;
        let mean = self.mean(source, target);
        if mean == 0.0 {
            return 0.0;
        }
        let proportional = self.spread * ratio * mean;
        (target as f64 - ratio * source as f64)
            / (variance * mean + proportional * proportional).sqrt()
    }
}

/// A length model as evidence over units of known lengths: a group's length
/// is the sum of its units'.
pub struct Lengths<'a, M: LengthCost> {
    model: &'a M,
    tail: Option<&'a TailCost>,
    src_cumulative: Vec<usize>,
    tgt_cumulative: Vec<usize>,
}

impl<'a, M: LengthCost> Lengths<'a, M> {
    /// Evidence from `model` over units of lengths `src_lens`, `tgt_lens`.
    pub fn new(model: &'a M, src_lens: &[usize], tgt_lens: &[usize]) -> Lengths<'a, M> {
        let cumulative = |lens: &[usize]| {
            std::iter::once(0)
                .chain(lens.iter().scan(0, |sum, &l| {
                    *sum += l;
                    Some(*sum)
                }))
                .collect()
        };
        Lengths {
            model,
            tail: None,
            src_cumulative: cumulative(src_lens),
            tgt_cumulative: cumulative(tgt_lens),
        }
    }

    /// The same, reading the cost of a deviation from `tail`.
    pub fn with_table(
        model: &'a M,
        src_lens: &[usize],
        tgt_lens: &[usize],
        tail: &'a TailCost,
    ) -> Lengths<'a, M> {
        Lengths {
            tail: Some(tail),
            ..Lengths::new(model, src_lens, tgt_lens)
        }
    }
}

impl<M: LengthCost> Evidence for Lengths<'_, M> {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let l1 = self.src_cumulative[src.end] - self.src_cumulative[src.start];
        let l2 = self.tgt_cumulative[tgt.end] - self.tgt_cumulative[tgt.start];
        match self.tail {
            Some(tail) => tail.cost(self.model.delta(l1, l2)),
            None => self.model.cost(l1, l2),
        }
    }
}

/// −ln(2(1 − Φ(|δ|))) from a table, linearly interpolated: the length cost
/// is evaluated millions of times for a long document, and `erfc` with its
/// logarithm dominated the time. The step of 1/256 in x = |δ|/√2 keeps the
/// error under 10⁻⁵ nats; beyond the table the asymptotic series applies.
pub struct TailCost {
    table: Vec<f64>,
}

impl TailCost {
    const STEPS_PER_UNIT: f64 = 256.0;
    const END: f64 = 26.0;

    /// Computes the table (about 6,700 values of `erfc`).
    pub fn new() -> TailCost {
        let steps = (Self::END * Self::STEPS_PER_UNIT) as usize;
        TailCost {
            table: (0..=steps)
                .map(|k| -ln_erfc(k as f64 / Self::STEPS_PER_UNIT))
                .collect(),
        }
    }

    /// The cost of a deviation of `delta` standard deviations.
    pub fn cost(&self, delta: f64) -> f64 {
        let x = delta.abs() / SQRT_2;
        let position = x * Self::STEPS_PER_UNIT;
        let k = position as usize;
        if k + 1 >= self.table.len() {
            return -ln_erfc(x);
        }
        let fraction = position - k as f64;
        self.table[k] + (self.table[k + 1] - self.table[k]) * fraction
    }
}

impl Default for TailCost {
    fn default() -> TailCost {
        TailCost::new()
    }
}

/// ln(erfc(x)) for x ≥ 0, exact where erfc is representable and by its
/// asymptotic series beyond, so that costs keep growing instead of becoming
/// infinite. 2(1 − Φ(δ)) = erfc(δ/√2); computed as 1 − Φ it underflows to 0
/// at δ ≈ 8, and erfc itself at x ≈ 26.
pub fn ln_erfc(x: f64) -> f64 {
    if x < 26.0 {
        libm::erfc(x).ln()
    } else {
        let x2 = x * x;
        -x2 - (x * PI.sqrt()).ln() + (1.0 - 0.5 / x2 + 0.75 / (x2 * x2)).ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_erfc_is_exact_then_continuous() {
        assert!((ln_erfc(0.0) - 0.0).abs() < 1e-12);
        assert!((ln_erfc(1.0) - 0.157_299_207_050_285_1_f64.ln()).abs() < 1e-12);
        // Where the two forms meet they agree.
        let below = libm::erfc(25.999).ln();
        let above = ln_erfc(26.0);
        assert!((below - above).abs() < 0.06, "{below} {above}");
        // Far out it is finite and still growing.
        assert!(ln_erfc(100.0).is_finite() && ln_erfc(100.0) < ln_erfc(50.0));
    }

    #[test]
    fn the_table_agrees_with_erfc() {
        let tail = TailCost::new();
        for k in 0..4000 {
            let delta = k as f64 * 0.01 + 0.003;
            let exact = -ln_erfc(delta / SQRT_2);
            assert!(
                (tail.cost(delta) - exact).abs() < 1e-4,
                "{delta}: {} {exact}",
                tail.cost(delta)
            );
            assert_eq!(tail.cost(-delta), tail.cost(delta));
        }
    }

    #[test]
    fn cost_does_not_underflow_past_eight_sigma() {
        let model = LengthModel {
            ratio: 1.0,
            variance: 1.0,
        };
        let c8 = model.cost(100, 100 + 120);
        let c20 = model.cost(100, 100 + 200);
        assert!(c8.is_finite() && c20.is_finite() && c20 > c8 && c8 > 40.0);
    }

    #[test]
    fn long_paragraphs_deviate_in_proportion_short_ones_like_sentences() {
        let sentences = LengthModel {
            ratio: 4.4,
            variance: 40.0,
        };
        let paragraphs = ParagraphModel {
            sentences,
            spread: 0.3,
        };
        // A long paragraph translated at twice the usual expansion: within
        // three standard deviations here, past six for sentences.
        assert!(paragraphs.delta(170, 1400) < 3.0);
        assert!(sentences.delta(170, 1400) > 6.0);
        // A title line is judged almost as a sentence would be.
        let (title, translation) = (19, 57);
        let ratio = paragraphs.delta(title, translation) / sentences.delta(title, translation);
        assert!(ratio > 0.75 && ratio < 1.0, "{ratio}");
        assert!(paragraphs.delta(100, 440).abs() < 1e-9);
    }

    #[test]
    fn evidence_sums_the_lengths_of_a_group() {
        let model = LengthModel {
            ratio: 2.0,
            variance: 4.0,
        };
        let evidence = Lengths::new(&model, &[10, 20, 30], &[40, 20, 60]);
        // Units 1 and 2 of the source (50 characters) against units 0 and 1
        // of the target (60).
        assert_eq!(evidence.cost(1..3, 0..2), model.cost(50, 60));
        assert!(
            evidence.cost(0..1, 1..2) < 1e-9,
            "10 against 20 is on the ratio"
        );
        assert!(evidence.cost(0..1, 0..1) > 1.0, "10 against 40 is not");
    }

    #[test]
    fn delta_measures_deviation_from_the_ratio() {
        let model = LengthModel {
            ratio: 3.0,
            variance: 9.0,
        };
        assert_eq!(model.delta(10, 30), 0.0);
        assert!(model.delta(10, 40) > 0.0 && model.delta(10, 20) < 0.0);
        assert_eq!(model.delta(0, 0), 0.0);
        assert!(model.cost(10, 30) < 1e-9);
    }
}
