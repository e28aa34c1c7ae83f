//! Paragraph breaks as evidence: a bead whose two sides begin paragraphs
//! together is likelier than one that begins a paragraph on one side only,
//! and a bead with a paragraph break inside it is likelier in a text of one
//! sentence per line than in one of long paragraphs. How much likelier is
//! counted in the document itself.
//!
//! The model explains every sentence's paragraph-start indicator once along
//! any path, so that paths of different beads are compared fairly: the
//! first sentences of a bead's two sides jointly, P(S, T | a bead starts);
//! the first sentence of a null bead's one side, P(S | a null bead
//! starts); each further sentence of a bead, P(B | inside a bead).

use std::ops::Range;

use crate::bead::Bead;
use crate::search::Evidence;

/// How paragraph breaks fall on beads, as probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundaryModel {
    /// P(S, T | a bead with both sides starts), indexed `[S][T]`: whether
    /// its source and its target begin a paragraph.
    pub pair_start: [[f64; 2]; 2],
    /// P(a null bead's sentence begins a paragraph).
    pub null_start: f64,
    /// P(a sentence inside a bead, not its first, begins a paragraph).
    pub inside: f64,
}

impl Default for BoundaryModel {
    /// Before a document is counted: paragraphs mostly correspond, and
    /// rarely break inside a bead.
    fn default() -> BoundaryModel {
        BoundaryModel {
            pair_start: [[0.70, 0.025], [0.025, 0.25]],
            null_start: 0.3,
            inside: 0.05,
        }
    }
}

/// How many beads' worth of weight the default model keeps against a
/// document's counts.
const PRIOR_BEADS: f64 = 20.0;

impl BoundaryModel {
    /// The model counted on `beads` (document sentence indices) of texts
    /// whose paragraphs begin where `src_starts` and `tgt_starts` say,
    /// smoothed with `self` as 20 beads.
    pub fn estimate(
        &self,
        beads: &[Bead],
        src_starts: &[bool],
        tgt_starts: &[bool],
    ) -> BoundaryModel {
        let mut pairs = [[0.0; 2]; 2];
        let (mut nulls, mut null_starts) = (0.0, 0.0);
        let (mut inner, mut inner_starts) = (0.0, 0.0);
        for bead in beads {
            let (s, t) = (
                begins(src_starts, bead.src.start),
                begins(tgt_starts, bead.tgt.start),
            );
            match (bead.src.is_empty(), bead.tgt.is_empty()) {
                (false, false) => pairs[usize::from(s)][usize::from(t)] += 1.0,
                (false, true) => {
                    nulls += 1.0;
                    null_starts += f64::from(u8::from(s));
                }
                (true, false) => {
                    nulls += 1.0;
                    null_starts += f64::from(u8::from(t));
                }
                (true, true) => {}
            }
            for (side, range) in [(src_starts, &bead.src), (tgt_starts, &bead.tgt)] {
                for k in range.start + 1..range.end {
                    inner += 1.0;
                    inner_starts += f64::from(u8::from(begins(side, k)));
                }
            }
        }
        let total: f64 = pairs.iter().flatten().sum();
        let smooth =
            |count: f64, of: f64, prior: f64| (count + PRIOR_BEADS * prior) / (of + PRIOR_BEADS);
        let mut pair_start = [[0.0; 2]; 2];
        for (s, row) in pair_start.iter_mut().enumerate() {
            for (t, p) in row.iter_mut().enumerate() {
                *p = smooth(pairs[s][t], total, self.pair_start[s][t]);
            }
        }
        BoundaryModel {
            pair_start,
            null_start: smooth(null_starts, nulls, self.null_start),
            inside: smooth(inner_starts, inner, self.inside),
        }
    }

    /// Costs (−ln) of each event, looked up by the search.
    fn costs(&self) -> Costs {
        Costs {
            pair_start: self.pair_start.map(|row| row.map(cost)),
            null_start: [cost(1.0 - self.null_start), cost(self.null_start)],
            inside: [cost(1.0 - self.inside), cost(self.inside)],
        }
    }
}

/// Whether sentence `i` of a side whose paragraph starts are `starts`
/// begins a paragraph; the end of the side does.
fn begins(starts: &[bool], i: usize) -> bool {
    starts.get(i).copied().unwrap_or(true)
}

/// −ln `p`, finite for `p` = 0.
fn cost(p: f64) -> f64 {
    -p.max(1e-9).ln()
}

/// [`BoundaryModel`]'s events as costs, indexed by the indicators.
#[derive(Debug, Clone, Copy)]
struct Costs {
    pair_start: [[f64; 2]; 2],
    null_start: [f64; 2],
    inside: [f64; 2],
}

/// The [`Evidence`] of paragraph breaks over a window of sentences (its
/// own indices from 0), under a [`BoundaryModel`].
pub struct Boundaries {
    costs: Costs,
    src: Side,
    tgt: Side,
}

/// One side's paragraph starts in a window, with running counts for the
/// cost of a run's inside.
struct Side {
    starts: Vec<bool>,
    /// `inside[k]`: the cost of sentences 0..k as insides of beads.
    inside: Vec<f64>,
    /// Whether the side's breaks say anything: some sentences after the
    /// first begin a paragraph and some do not. A side of one paragraph,
    /// or of one sentence per paragraph, says nothing about where beads
    /// are, and its events are left out of the cost.
    informative: bool,
}

impl Side {
    fn new(starts: Vec<bool>, costs: &Costs) -> Side {
        let rest = starts.get(1..).unwrap_or_default();
        let informative = rest.contains(&true) && rest.contains(&false);
        let mut inside = Vec::with_capacity(starts.len() + 1);
        inside.push(0.0);
        for &start in &starts {
            let last = inside.last().copied().unwrap_or(0.0);
            let cost = if informative {
                costs.inside[usize::from(start)]
            } else {
                0.0
            };
            inside.push(last + cost);
        }
        Side {
            starts,
            inside,
            informative,
        }
    }

    /// Whether sentence `i` begins a paragraph, as an index.
    fn starts(&self, i: usize) -> usize {
        usize::from(begins(&self.starts, i))
    }

    /// The cost of a run's sentences after its first.
    fn inside(&self, run: &Range<usize>) -> f64 {
        self.inside[run.end] - self.inside[run.start + 1]
    }
}

impl Boundaries {
    /// The evidence for sentences whose paragraph starts are `src` and
    /// `tgt`; `None` when neither side's breaks say anything (each is one
    /// paragraph, or one sentence per paragraph).
    pub fn new(model: &BoundaryModel, src: Vec<bool>, tgt: Vec<bool>) -> Option<Boundaries> {
        let mut costs = model.costs();
        let (src, tgt) = (Side::new(src, &costs), Side::new(tgt, &costs));
        if !src.informative && !tgt.informative {
            return None;
        }
        // A side that says nothing: the other side's start alone, its
        // probability summed over this side's.
        let p = model.pair_start;
        let marginal = |s: usize, t: usize| match (src.informative, tgt.informative) {
            (false, _) => p[0][t] + p[1][t],
            (_, false) => p[s][0] + p[s][1],
            _ => p[s][t],
        };
        costs.pair_start = [0, 1].map(|s| [0, 1].map(|t| cost(marginal(s, t))));
        Some(Boundaries { costs, src, tgt })
    }
}

impl Evidence for Boundaries {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        self.costs.pair_start[self.src.starts(src.start)][self.tgt.starts(tgt.start)]
            + self.src.inside(&src)
            + self.tgt.inside(&tgt)
    }

    fn null_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let (side, run) = if src.is_empty() {
            (&self.tgt, tgt)
        } else {
            (&self.src, src)
        };
        if run.is_empty() || !side.informative {
            return 0.0;
        }
        self.costs.null_start[side.starts(run.start)] + side.inside(&run)
    }

    /// The cheapest start event (a run's inside costs at least 0): −ln of
    /// probabilities, at least 0 but for a marginal summed above 1 by
    /// rounding.
    fn floor(&self) -> f64 {
        let starts = self.costs.pair_start.iter().flatten();
        starts
            .chain(&self.costs.null_start)
            .fold(0.0_f64, |low, &c| low.min(c))
            - 1e-9
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            cost: 0.0,
        }
    }

    #[test]
    fn a_bead_that_starts_paragraphs_on_both_sides_is_cheapest() {
        // Paragraphs begin at source 0, 2 and target 0, 3.
        let src = vec![true, false, true, false];
        let tgt = vec![true, false, false, true, false];
        let evidence = Boundaries::new(&BoundaryModel::default(), src, tgt).unwrap();
        let together = evidence.cost(2..3, 3..4);
        let apart = evidence.cost(2..3, 2..3);
        assert!(together < apart, "{together} {apart}");
        // A 1-2 bead across the target's paragraph break pays for it.
        assert!(evidence.cost(1..2, 1..3) < evidence.cost(1..2, 2..4));
    }

    #[test]
    fn a_side_of_one_paragraph_or_one_sentence_per_line_says_nothing() {
        let model = BoundaryModel::default();
        assert!(Boundaries::new(&model, vec![true; 4], vec![true; 6]).is_none());
        assert!(Boundaries::new(&model, vec![true, false, false], vec![true; 2]).is_none());
        // One side with paragraphs: only its events count.
        let one = Boundaries::new(&model, vec![true; 4], vec![true, false, true, false]).unwrap();
        assert_eq!(one.cost(1..2, 2..3), one.cost(2..3, 2..3));
        assert!(one.cost(1..2, 1..3) > one.cost(1..2, 1..2));
        assert_eq!(one.null_cost(1..2, 2..2), 0.0);
    }

    #[test]
    fn the_model_is_counted_on_the_document() {
        let src = vec![true, false, true, false];
        let tgt = vec![true, false, false, true, false];
        // Paragraph 2 of the source begins with target paragraph 2.
        let beads = [
            bead(0..1, 0..1),
            bead(1..2, 1..3),
            bead(2..3, 3..4),
            bead(3..4, 4..5),
        ];
        let model = BoundaryModel::default().estimate(&beads, &src, &tgt);
        let default = BoundaryModel::default();
        assert!(model.pair_start[1][1] > default.pair_start[1][1]);
        assert!(model.inside < default.inside);
        let total: f64 = model.pair_start.iter().flatten().sum();
        assert!((total - 1.0).abs() < 1e-9);
    }
}
