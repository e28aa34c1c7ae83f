//! Beads: the units of an alignment.

use std::fmt;
use std::ops::Range;

/// A group of consecutive source sentences aligned with a group of
/// consecutive target sentences; either group may be empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Indices of the source units.
    pub src: Range<usize>,
    /// Indices of the target units.
    pub tgt: Range<usize>,
    /// The bead's cost in the alignment that chose it (−ln probability).
    pub cost: f64,
}

impl Bead {
    /// The bead's shape: how many units on each side.
    pub fn shape(&self) -> Shape {
        Shape::new(self.src.len(), self.tgt.len())
    }

    /// Whether one side is empty (a 1-0 or 0-1 bead).
    pub fn is_null(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }

    /// The same bead counted from `to` instead of `from` (source, target
    /// positions): from a window's coordinates to the document's, or back.
    /// The bead must lie at or after `from`.
    pub fn moved(&self, from: (usize, usize), to: (usize, usize)) -> Bead {
        let src = |i: usize| i + to.0 - from.0;
        let tgt = |j: usize| j + to.1 - from.1;
        Bead {
            src: src(self.src.start)..src(self.src.end),
            tgt: tgt(self.tgt.start)..tgt(self.tgt.end),
            cost: self.cost,
        }
    }
}

/// How many units a bead takes from each side: 1-1, 2-1, 1-0, …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shape {
    /// Source units.
    pub src: usize,
    /// Target units.
    pub tgt: usize,
}

impl Shape {
    /// A shape of `src` source and `tgt` target units.
    pub const fn new(src: usize, tgt: usize) -> Shape {
        Shape { src, tgt }
    }

    /// The same shape seen from the other side (2-1 for 1-2).
    pub const fn swapped(self) -> Shape {
        Shape::new(self.tgt, self.src)
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.src, self.tgt)
    }
}

/// The prior probability of each bead shape the search may use.
#[derive(Debug, Clone, PartialEq)]
pub struct Priors {
    shapes: Vec<(Shape, f64)>,
}

impl Priors {
    /// Priors from (shape, weight) pairs; weights are normalised to sum to 1.
    /// Shapes of weight 0 are left out.
    pub fn new(weights: impl IntoIterator<Item = (Shape, f64)>) -> Priors {
        let mut shapes: Vec<(Shape, f64)> = weights.into_iter().filter(|&(_, w)| w > 0.0).collect();
        let total: f64 = shapes.iter().map(|&(_, w)| w).sum();
        for (_, w) in &mut shapes {
            *w /= total;
        }
        Priors { shapes }
    }

    /// Sentence-level priors before a document's own are estimated: Gale and
    /// Church's, widened with the one-to-many beads of Chinese–English
    /// translation (up to 1-`max_many`) and 2-3, the same in both directions.
    pub fn sentence_default(max_many: usize) -> Priors {
        let mut weights = vec![
            (Shape::new(1, 1), 0.70),
            (Shape::new(1, 0), 0.01),
            (Shape::new(2, 2), 0.01),
            (Shape::new(1, 2), 0.08),
            (Shape::new(2, 3), 0.003),
        ];
        for (n, w) in [(3, 0.03), (4, 0.01), (5, 0.004), (6, 0.002)] {
            if n <= max_many {
                weights.push((Shape::new(1, n), w));
            }
        }
        Priors::new(symmetric(weights))
    }

    /// Priors of the block alignment that guides the search of a large
    /// document: blocks hold about as much text on both sides, so nearly all
    /// block beads are 1-1; the others shift the path by a block.
    pub fn block_default() -> Priors {
        Priors::new(symmetric(vec![
            (Shape::new(1, 1), 0.90),
            (Shape::new(1, 0), 0.02),
            (Shape::new(1, 2), 0.03),
        ]))
    }

    /// Priors estimated by counting the shapes of an alignment (hard EM),
    /// smoothed with `self` as `weight` pseudo-beads so that a shape never
    /// seen keeps a small probability.
    pub fn reestimate(&self, beads: &[Bead], weight: f64) -> Priors {
        let total = beads.len() as f64 + weight;
        Priors::new(self.shapes.iter().map(|&(shape, p)| {
            let seen = beads.iter().filter(|b| b.shape() == shape).count() as f64;
            (shape, (seen + weight * p) / total)
        }))
    }

    /// The shapes and their probabilities, in a fixed order.
    pub fn shapes(&self) -> &[(Shape, f64)] {
        &self.shapes
    }

    /// The probability of a shape (0 if not allowed).
    pub fn get(&self, shape: Shape) -> f64 {
        self.shapes
            .iter()
            .find(|&&(s, _)| s == shape)
            .map_or(0.0, |&(_, p)| p)
    }
}

/// Every shape with its mirror image at the same weight (1-1 and 2-2 once).
fn symmetric(weights: Vec<(Shape, f64)>) -> Vec<(Shape, f64)> {
    let mut out = Vec::new();
    for (shape, w) in weights {
        out.push((shape, w));
        if shape.swapped() != shape {
            out.push((shape.swapped(), w));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_symmetric_and_normalised() {
        let p = Priors::sentence_default(5);
        let sum: f64 = p.shapes().iter().map(|&(_, w)| w).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        assert_eq!(p.get(Shape::new(1, 4)), p.get(Shape::new(4, 1)));
        assert!(p.get(Shape::new(1, 5)) > 0.0);
        assert_eq!(p.get(Shape::new(1, 6)), 0.0);
        assert!(
            p.get(Shape::new(3, 2)) > 0.0 && p.get(Shape::new(3, 2)) == p.get(Shape::new(2, 3))
        );
    }

    #[test]
    fn reestimation_follows_the_counts() {
        let p = Priors::sentence_default(4);
        let bead = |s: usize, t: usize| Bead {
            src: 0..s,
            tgt: 0..t,
            cost: 0.0,
        };
        let beads: Vec<Bead> = (0..50)
            .map(|i| if i % 2 == 0 { bead(1, 2) } else { bead(1, 1) })
            .collect();
        let q = p.reestimate(&beads, 10.0);
        assert!(q.get(Shape::new(1, 2)) > 0.4);
        assert!(q.get(Shape::new(2, 1)) < p.get(Shape::new(2, 1)));
        assert!(q.get(Shape::new(4, 1)) > 0.0);
    }
}
