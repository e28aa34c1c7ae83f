//! Whether two documents are translations of each other at all, from the
//! evidence of the alignment that was found.
//!
//! The search always finds *some* path, and under a model that only knows
//! paths of one document pair its posteriors can be high even for two
//! unrelated texts of similar length. So the question is asked of the path
//! as a whole: does the evidence that pairs its beads (anchors, meaning, the
//! translation model; not length, which unrelated texts can match by
//! chance) favour each bead over the same source run paired with target
//! sentences elsewhere in the document? Each bead is a trial: it *beats
//! chance* when its evidence cost is lower than every one of [`TRIALS`]
//! displaced copies. Two binomial hypotheses then give the probability
//! that the texts are translations: under translation a tested bead beats
//! chance with probability [`BEATS_IF_TRANSLATED`], under unrelated texts
//! with [`BEATS_IF_UNRELATED`] (above 1/(TRIALS+1), since the search chose
//! the bead for its low cost). A method in the spirit of the permutation
//! tests used to filter web-crawled bitext (e.g. the margin scores of
//! Artetxe and Schwenk 2019, used on whole documents).

use std::ops::Range;

use crate::bead::Bead;
use crate::search::Evidence;

/// Displaced copies each bead is compared with.
pub const TRIALS: usize = 8;

/// The chance that a bead of two translated texts beats all its displaced
/// copies, and of two unrelated texts; the prior that a document pair given
/// to the aligner is a translation. Measured on the project's own samples
/// and on pairs of unrelated samples (docs/qa.md), not on the eval sets.
pub const BEATS_IF_TRANSLATED: f64 = 0.75;
/// See [`BEATS_IF_TRANSLATED`].
pub const BEATS_IF_UNRELATED: f64 = 0.25;
/// See [`BEATS_IF_TRANSLATED`].
pub const PRIOR_TRANSLATED: f64 = 0.9;

/// How the beads of an alignment fare against chance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kinship {
    /// Beads whose evidence told them from their displaced copies (a bead
    /// whose copies all cost the same, say for want of any shared number or
    /// word, says nothing).
    pub tested: usize,
    /// Of those, the beads whose evidence beat every copy.
    pub beating: usize,
}

impl Kinship {
    /// The probability that the texts are translations of each other: the
    /// posterior of the two binomial hypotheses, from the prior
    /// [`PRIOR_TRANSLATED`]. With nothing tested, the prior.
    pub fn probability(&self) -> f64 {
        let (k, miss) = (self.beating as f64, (self.tested - self.beating) as f64);
        let log_ratio = k * (BEATS_IF_TRANSLATED / BEATS_IF_UNRELATED).ln()
            + miss * ((1.0 - BEATS_IF_TRANSLATED) / (1.0 - BEATS_IF_UNRELATED)).ln()
            + (PRIOR_TRANSLATED / (1.0 - PRIOR_TRANSLATED)).ln();
        1.0 / (1.0 + (-log_ratio).exp())
    }
}

/// The counts of two parts of a document together.
impl std::ops::Add for Kinship {
    type Output = Kinship;

    fn add(self, other: Kinship) -> Kinship {
        Kinship {
            tested: self.tested + other.tested,
            beating: self.beating + other.beating,
        }
    }
}

/// Tests each bead of `path` (an alignment of `n` source with `m` target
/// sentences) whose sides both hold sentences against [`TRIALS`] copies of
/// it whose target run is moved away from the bead, under `evidence`.
/// Deterministic: the copies are spread evenly over the target.
///
/// Cost: TRIALS + 1 evidence costs per bead.
pub fn kinship(n: usize, m: usize, path: &[Bead], evidence: &dyn Evidence) -> Kinship {
    let mut found = Kinship::default();
    for (k, bead) in path.iter().enumerate() {
        if bead.src.is_empty() || bead.tgt.is_empty() || bead.src.end > n {
            continue;
        }
        let own = evidence.cost(bead.src.clone(), bead.tgt.clone());
        let copies = displaced(&bead.tgt, m, k);
        if copies.is_empty() {
            continue;
        }
        let costs: Vec<f64> = copies
            .into_iter()
            .map(|tgt| evidence.cost(bead.src.clone(), tgt))
            .collect();
        if costs.iter().all(|&c| (c - own).abs() < 1e-9) {
            continue;
        }
        found.tested += 1;
        found.beating += usize::from(costs.iter().all(|&c| own < c - 1e-9));
    }
    found
}

/// Up to [`TRIALS`] target runs as long as `tgt` that do not overlap it,
/// spread evenly over `0..m` from a start that moves with the bead's number
/// `k`.
fn displaced(tgt: &Range<usize>, m: usize, k: usize) -> Vec<Range<usize>> {
    let len = tgt.len();
    let far = |j: usize| j + len <= tgt.start || j >= tgt.end;
    let starts: Vec<usize> = (0..=m.saturating_sub(len)).filter(|&j| far(j)).collect();
    if starts.is_empty() {
        return Vec::new();
    }
    let step = (starts.len() / TRIALS).max(1);
    (0..TRIALS.min(starts.len()))
        .map(|t| starts[(k * 7 + t * step) % starts.len()])
        .map(|j| j..j + len)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evidence that knows the true pairing: sentence i translates i.
    struct Diagonal;

    impl Evidence for Diagonal {
        fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
            if src == tgt { -5.0 } else { 0.0 }
        }
    }

    /// Evidence that cannot tell anything apart.
    struct Silent;

    impl Evidence for Silent {
        fn cost(&self, _: Range<usize>, _: Range<usize>) -> f64 {
            0.0
        }
    }

    fn diagonal(n: usize) -> Vec<Bead> {
        (0..n)
            .map(|i| Bead {
                src: i..i + 1,
                tgt: i..i + 1,
                cost: 0.0,
            })
            .collect()
    }

    #[test]
    fn translated_beads_beat_their_displaced_copies() {
        let found = kinship(20, 20, &diagonal(20), &Diagonal);
        assert_eq!(
            found,
            Kinship {
                tested: 20,
                beating: 20
            }
        );
        assert!(found.probability() > 0.999);
    }

    /// Evidence of two unrelated texts: costs that follow no pairing.
    struct Noise;

    impl Evidence for Noise {
        fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
            let key = (src.start as u64 * 31 + tgt.start as u64 * 17).wrapping_mul(2_654_435_761);
            (key % 1000) as f64 / 1000.0
        }
    }

    #[test]
    fn a_path_through_unrelated_text_does_not() {
        let found = kinship(60, 60, &diagonal(60), &Noise);
        assert_eq!(found.tested, 60);
        // About one bead in TRIALS + 1 beats its copies by chance.
        assert!(found.beating < 20, "{found:?}");
        assert!(found.probability() < 0.01, "{found:?}");
    }

    #[test]
    fn without_evidence_the_prior_stands() {
        let found = kinship(20, 20, &diagonal(20), &Silent);
        assert_eq!(found, Kinship::default());
        assert!((found.probability() - PRIOR_TRANSLATED).abs() < 1e-12);
    }

    #[test]
    fn copies_stay_away_from_the_bead_and_inside_the_text() {
        for k in 0..5 {
            for copy in displaced(&(4..6), 12, k) {
                assert!(
                    copy.end <= 12 && (copy.end <= 4 || copy.start >= 6),
                    "{copy:?}"
                );
            }
        }
        // A three-sentence text still has two places to move a bead to.
        assert_eq!(displaced(&(1..2), 3, 0), [0..1, 2..3]);
        assert!(displaced(&(0..3), 4, 0).is_empty());
    }
}
