//! The length model of Gale and Church (1993): the length of a translation is
//! proportional to the length of its original, with a variance that grows
//! with the length.

use std::f64::consts::{PI, SQRT_2};

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

    /// How many standard deviations a target length lies from what the
    /// source length predicts (positive: the target is longer).
    pub fn delta(&self, source: usize, target: usize) -> f64 {
        let (l1, l2) = (source as f64, target as f64);
        // Gale and Church's mean of the two lengths, in source units, so that
        // the measure is symmetric in the two texts.
        let mean = (l1 + l2 / self.ratio) / 2.0;
        if mean == 0.0 {
            return 0.0;
        }
        (l2 - self.ratio * l1) / (self.variance * mean).sqrt()
    }

    /// The cost of pairing texts of these lengths: −ln of the probability of
    /// a deviation at least this large, −ln(2(1 − Φ(|δ|))).
    pub fn cost(&self, source: usize, target: usize) -> f64 {
        -ln_erfc(self.delta(source, target).abs() / SQRT_2)
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
