//! Length models: how long a translation is, given its original.
//!
//! [`LengthModel`], Gale and Church's (1993): the target length is
//! proportional to the source length, with a variance that grows with the
//! length, and a heavy [`Tail`] for the translations that stray.
//! [`Lengths`] turns it into [`Evidence`] over units of known lengths.

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

    /// The length relation of pairs of (source, target) lengths, robust to
    /// the wrong pairs a translation memory may hold: the ratio starts as
    /// the median of the pairs' ratios, the variance is read from the median
    /// squared deviation (for a Gaussian the median of z² is 0.4549 σ²), and
    /// the ratio is then the ratio of total lengths over the pairs within
    /// three standard deviations. The variance is shrunk towards Gale and
    /// Church's by the weight of [`PRIOR_PAIRS`] pairs, since a small
    /// memory's median says little; fewer than five pairs give Gale and
    /// Church's model at their overall ratio.
    ///
    /// Lengths are in the unit the model is used with
    /// (`tandem_text::length`); pairs with an empty side should be left out.
    pub fn estimate_robust(lengths: &[(f64, f64)]) -> LengthModel {
        let overall_ratio = |pairs: &mut dyn Iterator<Item = &(f64, f64)>, otherwise: f64| {
            let (sum1, sum2) = pairs.fold((0.0, 0.0), |(a, b), &(l1, l2)| (a + l1, b + l2));
            if sum1 > 0.0 { sum2 / sum1 } else { otherwise }
        };
        if lengths.len() < 5 {
            return LengthModel::default_for_ratio(overall_ratio(&mut lengths.iter(), 1.0));
        }
        let median = |mut values: Vec<f64>| {
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        let variance_for = |ratio: f64| {
            let squares = lengths
                .iter()
                .map(|&(l1, l2)| (l2 - ratio * l1).powi(2) / ((l1 + l2 / ratio) / 2.0))
                .collect();
            (median(squares) / 0.4549).clamp(0.1 * ratio * ratio, 100.0 * ratio * ratio)
        };
        let ratio = median(lengths.iter().map(|&(l1, l2)| l2 / l1).collect());
        let first = LengthModel {
            ratio,
            variance: variance_for(ratio),
        };
        let ratio = overall_ratio(
            &mut lengths
                .iter()
                .filter(|&&(l1, l2)| first.delta(l1 as usize, l2 as usize).abs() <= 3.0),
            ratio,
        );
        let n = lengths.len() as f64;
        let prior = LengthModel::default_for_ratio(ratio).variance;
        LengthModel {
            ratio,
            variance: (n * variance_for(ratio) + PRIOR_PAIRS * prior) / (n + PRIOR_PAIRS),
        }
    }
}

/// How many pairs' worth of weight Gale and Church's variance keeps in
/// [`LengthModel::estimate_robust`].
pub const PRIOR_PAIRS: f64 = 20.0;

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

    /// −ln of a probability is never below 0; the margin covers the
    /// rounding of the mixture's sum and the table's interpolation.
    fn floor(&self) -> f64 {
        -1e-9
    }
}

/// Real length deviations have heavier tails than a Gaussian: most
/// translations keep close to the document's ratio, a few (a sentence
/// explained, a clause dropped) stray far. The deviation is modelled as a
/// scale mixture: with probability `1 − weight` the core Gaussian of the
/// length model, with probability `weight` one `scale` times as wide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tail {
    /// The share of translations in the wide component.
    pub weight: f64,
    /// How many times wider it is than the core.
    pub scale: f64,
}

impl Tail {
    /// No tail: Gale and Church's single Gaussian.
    pub const NONE: Tail = Tail {
        weight: 0.0,
        scale: 1.0,
    };

    /// −ln P(|D| ≥ |δ|) under the mixture, for δ in core standard
    /// deviations: −ln((1 − w)·erfc(|δ|/√2) + w·erfc(|δ|/(k√2))), summed in
    /// the log domain so that neither term underflows.
    pub fn cost(&self, delta: f64) -> f64 {
        let x = delta.abs() / SQRT_2;
        let core = ln_erfc(x);
        if self.weight <= 0.0 {
            return -core;
        }
        let (a, b) = (
            (1.0 - self.weight).ln() + core,
            self.weight.ln() + ln_erfc(x / self.scale),
        );
        let high = a.max(b);
        -(high + ((a - high).exp() + (b - high).exp()).ln())
    }

    /// The mixture that fits deviations `z` (target length minus ratio ×
    /// source length, over the square root of the mean length), by EM from a
    /// robust start: the core from the median, the tail four times as wide.
    /// Returns the core variance and the tail; `None` for too few values.
    pub fn fit(z: &[f64]) -> Option<(f64, Tail)> {
        if z.len() < 20 {
            return None;
        }
        let squares: Vec<f64> = z.iter().map(|v| v * v).collect();
        let mut sorted = squares.clone();
        sorted.sort_by(f64::total_cmp);
        let mut core = (sorted[sorted.len() / 2] / 0.4549).max(1e-9);
        let (mut wide, mut weight) = (16.0 * core, 0.1);
        let density =
            |square: f64, variance: f64| (-square / (2.0 * variance)).exp() / variance.sqrt();
        for _ in 0..50 {
            let (mut r_sum, mut r_square, mut c_square) = (0.0, 0.0, 0.0);
            for &square in &squares {
                let p_core = (1.0 - weight) * density(square, core);
                let p_wide = weight * density(square, wide);
                let r = if p_core + p_wide > 0.0 {
                    p_wide / (p_core + p_wide)
                } else {
                    1.0
                };
                r_sum += r;
                r_square += r * square;
                c_square += (1.0 - r) * square;
            }
            let n = squares.len() as f64;
            weight = (r_sum / n).clamp(0.01, 0.5);
            core = (c_square / (n - r_sum).max(1.0)).max(1e-9);
            // The wide component stays at least twice as wide as the core.
            wide = (r_square / r_sum.max(1e-9)).max(4.0 * core);
        }
        Some((
            core,
            Tail {
                weight,
                scale: (wide / core).sqrt(),
            },
        ))
    }
}

/// The cost of a length deviation, [`Tail::cost`], read from a table and
/// linearly interpolated: the length cost is evaluated millions of times for
/// a long document, and `erfc` with its logarithm dominated the time. The
/// step of 1/256 in x = |δ|/√2 keeps the error under 10⁻⁴ nats; beyond the
/// table the cost is computed.
pub struct TailCost {
    tail: Tail,
    table: Vec<f64>,
}

impl TailCost {
    const STEPS_PER_UNIT: f64 = 256.0;
    const END: f64 = 26.0;

    /// Computes the table for `tail` (about 6,700 costs).
    pub fn new(tail: Tail) -> TailCost {
        let steps = (Self::END * Self::STEPS_PER_UNIT) as usize;
        let table = (0..=steps)
            .map(|k| tail.cost(k as f64 / Self::STEPS_PER_UNIT * SQRT_2))
            .collect();
        TailCost { tail, table }
    }

    /// The cost of a deviation of `delta` core standard deviations.
    pub fn cost(&self, delta: f64) -> f64 {
        let position = delta.abs() / SQRT_2 * Self::STEPS_PER_UNIT;
        let k = position as usize;
        if k + 1 >= self.table.len() {
            return self.tail.cost(delta);
        }
        let fraction = position - k as f64;
        self.table[k] + (self.table[k + 1] - self.table[k]) * fraction
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
    fn the_robust_estimate_resists_wrong_pairs() {
        let mut lengths: Vec<(f64, f64)> = (0..100)
            .map(|k| {
                let l1 = 20.0 + (k % 30) as f64;
                (l1, 3.0 * l1 + ((k % 7) as f64 - 3.0))
            })
            .collect();
        let clean = LengthModel::estimate_robust(&lengths);
        lengths.extend((0..10).map(|_| (10.0, 300.0)));
        let model = LengthModel::estimate_robust(&lengths);
        assert!((model.ratio - 3.0).abs() < 0.1, "{model:?}");
        // Near the shrinkage target's share, far below what the wrong pairs
        // would make it.
        assert!(model.variance < 15.0, "{model:?}");
        assert!(
            (model.ratio - clean.ratio).abs() < 0.05,
            "{model:?} {clean:?}"
        );
        // The plain ratio of totals is pulled far off by the same pairs.
        let (s1, s2) = lengths
            .iter()
            .fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
        assert!(s2 / s1 > 3.5);
    }

    #[test]
    fn a_small_sample_gives_gale_and_churchs_model() {
        let model = LengthModel::estimate_robust(&[(10.0, 25.0), (20.0, 55.0)]);
        assert_eq!(model, LengthModel::default_for_ratio(80.0 / 30.0));
        assert_eq!(
            LengthModel::estimate_robust(&[]),
            LengthModel::default_for_ratio(1.0)
        );
        // The variance is shrunk towards the default by PRIOR_PAIRS pairs'
        // weight: with PRIOR_PAIRS exact pairs it lies halfway between.
        let exact: Vec<(f64, f64)> = (0..PRIOR_PAIRS as usize)
            .map(|k| (10.0 + k as f64, 2.0 * (10.0 + k as f64)))
            .collect();
        let model = LengthModel::estimate_robust(&exact);
        let floor = 0.1 * 4.0;
        let halfway = (floor + LengthModel::default_for_ratio(2.0).variance) / 2.0;
        assert!(
            (model.ratio - 2.0).abs() < 1e-12 && (model.variance - halfway).abs() < 1e-9,
            "{model:?}"
        );
    }

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
        let tail = TailCost::new(Tail::NONE);
        let mixture = TailCost::new(Tail {
            weight: 0.1,
            scale: 3.0,
        });
        for k in 0..4000 {
            let delta = k as f64 * 0.01 + 0.003;
            let exact = -ln_erfc(delta / SQRT_2);
            let mixed = Tail {
                weight: 0.1,
                scale: 3.0,
            }
            .cost(delta);
            assert!((mixture.cost(delta) - mixed).abs() < 1e-4, "{delta}");
            assert!(
                (tail.cost(delta) - exact).abs() < 1e-4,
                "{delta}: {} {exact}",
                tail.cost(delta)
            );
            assert_eq!(tail.cost(-delta), tail.cost(delta));
        }
    }

    #[test]
    fn a_tail_forgives_large_deviations_and_not_small_ones() {
        let tail = Tail {
            weight: 0.1,
            scale: 3.0,
        };
        // Near the centre the mixture costs about what the core does…
        assert!((tail.cost(0.5) - Tail::NONE.cost(0.5)).abs() < 0.15);
        // …far out much less: the core's δ²/2 against the tail's (δ/3)²/2.
        assert!(Tail::NONE.cost(8.0) > 30.0 && tail.cost(8.0) < 8.0);
        assert!(tail.cost(100.0).is_finite());
    }

    #[test]
    fn the_mixture_is_fitted_to_heavy_tails() {
        // 900 deviations from a core of variance 4 and 100 from one of 100.
        let mut z = Vec::new();
        let mut state = 7u64;
        let mut normal = || {
            // Box–Muller from a deterministic generator.
            let mut uniform = || {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
            };
            (-2.0 * uniform().ln()).sqrt() * (2.0 * std::f64::consts::PI * uniform()).cos()
        };
        for k in 0..1000 {
            z.push(normal() * if k % 10 == 0 { 10.0 } else { 2.0 });
        }
        let (core, tail) = Tail::fit(&z).unwrap();
        assert!((core - 4.0).abs() < 0.8, "{core}");
        assert!((tail.weight - 0.1).abs() < 0.05, "{tail:?}");
        assert!((tail.scale - 5.0).abs() < 1.5, "{tail:?}");
        assert!(Tail::fit(&z[..10]).is_none());
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
