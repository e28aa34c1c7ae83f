//! The dynamic-programming search for the cheapest sequence of beads.
//!
//! Small problems (up to [`FULL_SEARCH_CELLS`] cells) are searched whole.
//! Larger ones are searched inside a band around a guide path: each side's
//! units are grouped into as many blocks, [`GUIDE_BLOCKS`] or, for long
//! texts, enough that a block holds at most [`GUIDE_FACTOR`] units on the
//! shorter side (a block holds more units on the longer side, so the true
//! block path is close to the diagonal); the blocks are aligned (the same
//! search, one level coarser: guided again if still large), and the
//! block path, projected back onto units, is the centre of a band `width`
//! cells to either side. Where the best path touches the band's
//! edge (what a path wanting to leave the band does), the band is centred on
//! that path and searched again, and doubles only if the path keeps
//! touching. Cost grows as sentences × width × shapes: linear
//! in the document. Memory is one byte of backpointer per cell searched and
//! the costs of the last few rows, never an n×m table of costs.

use std::ops::Range;

use crate::bead::{Bead, Priors, Shape};

/// One kind of evidence that a group of source units translates a group of
/// target units, as a cost: −ln of its likelihood, lower is better. The
/// search adds the costs of every kind of evidence to the bead's prior.
pub trait Evidence {
    /// The cost of pairing `src` with `tgt` (indices into the units being
    /// aligned; both non-empty).
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64;

    /// The cost of leaving units without a counterpart: `src` or `tgt` is
    /// empty. Evidence that is conserved along a path (an anchor is matched
    /// in its bead or left unmatched somewhere) charges here what it would
    /// charge for an unmatched anchor in a pair; length evidence charges
    /// nothing.
    fn null_cost(&self, _src: Range<usize>, _tgt: Range<usize>) -> f64 {
        0.0
    }

    /// A cost no bead reaches below, null or not: the search skips a bead
    /// whose predecessor's cost and prior, plus this, already lose to the
    /// best bead found for its cell. Exact (the same path, bit for bit),
    /// and the tighter, the more beads are skipped. Evidence that can
    /// reward without a known limit keeps the default, −∞: nothing skipped.
    fn floor(&self) -> f64 {
        f64::NEG_INFINITY
    }
}

/// Several kinds of evidence, their costs added: each is one term.
pub struct Sum<'a>(pub Vec<&'a dyn Evidence>);

impl Evidence for Sum<'_> {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        self.0
            .iter()
            .map(|e| e.cost(src.clone(), tgt.clone()))
            .sum()
    }

    fn null_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        self.0
            .iter()
            .map(|e| e.null_cost(src.clone(), tgt.clone()))
            .sum()
    }

    fn floor(&self) -> f64 {
        // Added in the order the costs are: rounding keeps the order.
        self.0.iter().map(|e| e.floor()).sum()
    }
}

/// The evidence cost of a bead from `pi..i`, `pj..j`, null or not.
fn evidence_cost(evidence: &dyn Evidence, src: Range<usize>, tgt: Range<usize>) -> f64 {
    if src.is_empty() || tgt.is_empty() {
        evidence.null_cost(src, tgt)
    } else {
        evidence.cost(src, tgt)
    }
}

const NO_BEAD: u8 = u8::MAX;

/// Problems up to this many cells are searched without a band.
pub const FULL_SEARCH_CELLS: usize = 250_000;

/// Blocks per side in the guide alignment of a large problem, at least.
pub const GUIDE_BLOCKS: usize = 400;

/// Units per block on the shorter side, at most: past GUIDE_BLOCKS ×
/// GUIDE_FACTOR units, there are more blocks, and the block problem is
/// itself searched with a guide.
pub const GUIDE_FACTOR: usize = 32;

/// Times the band is centred on the path it found before its width doubles.
const RECENTRINGS: usize = 3;

/// Cells on either side of the guide path in the first banded search.
const INITIAL_WIDTH: usize = 32;

/// Aligns `n` source units with `m` target units. Returns the beads in
/// order, covering every unit once.
pub fn search(n: usize, m: usize, priors: &Priors, evidence: &dyn Evidence) -> Vec<Bead> {
    search_scaled(n, m, priors, 1.0, evidence)
}

/// [`search`] with prior costs multiplied by `prior_scale`: a bead over
/// blocks of k units stands for about k beads over units, and pays about
/// their priors. Without the scale, deleting a whole block would cost as
/// little as deleting one sentence.
fn search_scaled(
    n: usize,
    m: usize,
    priors: &Priors,
    prior_scale: f64,
    evidence: &dyn Evidence,
) -> Vec<Bead> {
    if n == 0 || m == 0 {
        return null_beads(n, m, priors, evidence);
    }
    let shapes = shape_costs(priors, prior_scale);
    if (n + 1) * (m + 1) <= FULL_SEARCH_CELLS {
        let band = Band::full(n, m);
        return search_band(n, m, &band, &shapes, evidence)
            .map(|(beads, _)| beads)
            .unwrap_or_else(|| null_beads(n, m, priors, evidence));
    }
    let guide = guide_path(n, m, evidence, prior_scale);
    search_guided(n, m, &shapes, &guide, evidence, INITIAL_WIDTH)
        .unwrap_or_else(|| null_beads(n, m, priors, evidence))
}

/// The whole search, without a band, whatever the size: what the banded
/// search must agree with.
#[cfg(test)]
pub(crate) fn search_full(
    n: usize,
    m: usize,
    priors: &Priors,
    evidence: &dyn Evidence,
) -> Vec<Bead> {
    let shapes = shape_costs(priors, 1.0);
    search_band(n, m, &Band::full(n, m), &shapes, evidence)
        .expect("a full band always has a path")
        .0
}

/// The search in a band around `guide`, widened until the best path no
/// longer touches the band's edge.
fn search_guided(
    n: usize,
    m: usize,
    shapes: &[(usize, usize, f64)],
    guide: &[(usize, usize)],
    evidence: &dyn Evidence,
    initial_width: usize,
) -> Option<Vec<Bead>> {
    let mut width = initial_width;
    let mut guide = guide.to_vec();
    let mut recentred = 0;
    loop {
        let band = Band::around(&guide, width, m);
        let covers_all = band.covers_all(m);
        match search_band(n, m, &band, shapes, evidence) {
            Some((beads, touched)) if !touched || covers_all => return Some(beads),
            // Where the path touched the edge it wanted to go further: centre
            // the band on it, which moves the band that way at no extra
            // width. Only a path that keeps touching doubles the width.
            Some((beads, _)) if recentred < RECENTRINGS => {
                guide = spans_along(beads.into_iter().map(|b| (b.src, b.tgt)), n);
                recentred += 1;
            }
            None if covers_all => return None,
            _ => {
                width *= 2;
                recentred = 0;
            }
        }
    }
}

/// The shapes a search may use, as (source units, target units, prior
/// cost), the prior costs multiplied by `scale`.
fn shape_costs(priors: &Priors, scale: f64) -> Vec<(usize, usize, f64)> {
    priors
        .shapes()
        .iter()
        .map(|&(shape, p)| (shape.src, shape.tgt, -p.ln() * scale))
        .collect()
}

/// Every unit alone: what is left when one side is empty.
fn null_beads(n: usize, m: usize, priors: &Priors, evidence: &dyn Evidence) -> Vec<Bead> {
    let prior = |shape| -priors.get(shape).max(f64::MIN_POSITIVE).ln();
    let src = (0..n).map(|i| Bead {
        src: i..i + 1,
        tgt: 0..0,
        cost: prior(Shape::new(1, 0)) + evidence.null_cost(i..i + 1, 0..0),
    });
    let tgt = (0..m).map(|j| Bead {
        src: n..n,
        tgt: j..j + 1,
        cost: prior(Shape::new(0, 1)) + evidence.null_cost(n..n, j..j + 1),
    });
    src.chain(tgt).collect()
}

/// Evidence over blocks of units: source block `b` holds units
/// `b * k_src .. (b + 1) * k_src`, target blocks likewise with `k_tgt`.
struct Blocks<'a> {
    units: &'a dyn Evidence,
    k_src: usize,
    k_tgt: usize,
    n: usize,
    m: usize,
}

impl Blocks<'_> {
    fn src(&self, blocks: Range<usize>) -> Range<usize> {
        (blocks.start * self.k_src).min(self.n)..(blocks.end * self.k_src).min(self.n)
    }

    fn tgt(&self, blocks: Range<usize>) -> Range<usize> {
        (blocks.start * self.k_tgt).min(self.m)..(blocks.end * self.k_tgt).min(self.m)
    }
}

impl Evidence for Blocks<'_> {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        self.units.cost(self.src(src), self.tgt(tgt))
    }

    fn null_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        self.units.null_cost(self.src(src), self.tgt(tgt))
    }

    fn floor(&self) -> f64 {
        self.units.floor()
    }
}

/// For each row `0..=n`, the span of target positions the block alignment's
/// path passes through (linearly interpolated inside each block bead).
fn guide_path(
    n: usize,
    m: usize,
    evidence: &dyn Evidence,
    prior_scale: f64,
) -> Vec<(usize, usize)> {
    // The same number of blocks on both sides (so the block path stays
    // near the diagonal): GUIDE_BLOCKS, or more for long texts, so that a
    // block never holds more than GUIDE_FACTOR units on the shorter side.
    let count = GUIDE_BLOCKS.max(n.min(m).div_ceil(GUIDE_FACTOR));
    let blocks = Blocks {
        units: evidence,
        k_src: n.div_ceil(count),
        k_tgt: m.div_ceil(count),
        n,
        m,
    };
    // A block bead stands for about as many unit beads as a block holds.
    let scale = prior_scale * (blocks.k_src + blocks.k_tgt) as f64 / 2.0;
    // The block problem is itself searched with a guide when large: each
    // level is GUIDE_FACTOR times smaller, so the levels together cost
    // less than twice the finest.
    let block_beads = search_scaled(
        n.div_ceil(blocks.k_src),
        m.div_ceil(blocks.k_tgt),
        &Priors::block_default(),
        scale,
        &blocks,
    );
    let units = block_beads
        .into_iter()
        .map(|b| (blocks.src(b.src), blocks.tgt(b.tgt)));
    spans_along(units, n)
}

/// For each row `0..=n`, the span of target positions a path passes through,
/// linearly interpolated inside each of its beads (given as unit ranges).
fn spans_along(
    path: impl Iterator<Item = (Range<usize>, Range<usize>)>,
    n: usize,
) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = vec![(usize::MAX, 0); n + 1];
    let mut widen = |i: usize, lo: usize, hi: usize| {
        let span = &mut spans[i];
        *span = (span.0.min(lo), span.1.max(hi));
    };
    for (src, tgt) in path {
        let (i0, i1, j0, j1) = (src.start, src.end, tgt.start, tgt.end);
        if i0 == i1 {
            widen(i0, j0, j1);
            continue;
        }
        let slope = (j1 - j0) as f64 / (i1 - i0) as f64;
        let at = |i: usize| j0 + ((i - i0) as f64 * slope).round() as usize;
        for i in i0..=i1 {
            widen(i, at(i.saturating_sub(1).max(i0)), at((i + 1).min(i1)));
        }
    }
    spans
}

/// Aligns `n` source units with `m` target units in a band around `path`,
/// the beads of an earlier alignment of the same units (they must cover
/// both sides in order), widened where the best path touches the band's
/// edge. For a second pass whose evidence is costly to evaluate far from
/// where the first pass went.
pub fn search_near(
    n: usize,
    m: usize,
    priors: &Priors,
    evidence: &dyn Evidence,
    path: &[Bead],
) -> Vec<Bead> {
    if n == 0 || m == 0 {
        return null_beads(n, m, priors, evidence);
    }
    let shapes = shape_costs(priors, 1.0);
    let guide = spans_along(path.iter().map(|b| (b.src.clone(), b.tgt.clone())), n);
    search_guided(n, m, &shapes, &guide, evidence, NEAR_WIDTH)
        .unwrap_or_else(|| null_beads(n, m, priors, evidence))
}

/// Cells on either side of an earlier pass's path in the first band of
/// [`search_near`]: that path is close to the new one almost everywhere,
/// and the band widens where it is not.
const NEAR_WIDTH: usize = 12;

/// Evidence over all sentences, seen from a window that starts at `src`
/// and `tgt`: the search inside a section counts from 0.
pub(crate) struct Window<'a> {
    pub(crate) inner: &'a dyn Evidence,
    pub(crate) src: usize,
    pub(crate) tgt: usize,
}

impl Window<'_> {
    fn shift(&self, src: Range<usize>, tgt: Range<usize>) -> (Range<usize>, Range<usize>) {
        (
            src.start + self.src..src.end + self.src,
            tgt.start + self.tgt..tgt.end + self.tgt,
        )
    }
}

impl Evidence for Window<'_> {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let (src, tgt) = self.shift(src, tgt);
        self.inner.cost(src, tgt)
    }

    fn null_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let (src, tgt) = self.shift(src, tgt);
        self.inner.null_cost(src, tgt)
    }

    fn floor(&self) -> f64 {
        self.inner.floor()
    }
}

/// Cells on either side of a path in which [`posteriors`] sums the other
/// paths.
const POSTERIOR_WIDTH: usize = 8;

/// The posterior probability of each bead of `path` (the best alignment of
/// `n` with `m` units under `priors` and `evidence`): the share of all
/// alignments' probability, e^−cost summed over paths, held by those that
/// contain the bead. Paths are summed in a band around `path`
/// (forward–backward), where nearly all of the mass lies. A bead whose
/// neighbours could as well be split or joined another way gets a low
/// posterior even when its own cost is low: what a reviewer wants to know.
///
/// Cost: two passes over the band, each cell's bead costs computed once.
///
/// A long path is taken in windows of [`POSTERIOR_WINDOW`] beads, each
/// summed with [`POSTERIOR_MARGIN`] beads of the path on either side (the
/// window's ends held on the path): memory stays that of one window, and
/// the margin is far wider than the distance over which one bead's
/// alternatives reach its neighbours'.
pub fn posteriors(
    n: usize,
    m: usize,
    priors: &Priors,
    evidence: &dyn Evidence,
    path: &[Bead],
) -> Vec<f64> {
    posteriors_at(n, m, priors, evidence, path, 1.0)
}

/// [`posteriors`] with every path's cost divided by `temperature`: above
/// 1, the probability spreads from the best paths to their rivals
/// (temperature scaling, Guo et al. 2017), for a model whose terms count
/// some of the same evidence twice and so are surer than they should be.
pub fn posteriors_at(
    n: usize,
    m: usize,
    priors: &Priors,
    evidence: &dyn Evidence,
    path: &[Bead],
    temperature: f64,
) -> Vec<f64> {
    if path.len() <= POSTERIOR_WINDOW + 2 * POSTERIOR_MARGIN {
        return posteriors_in_band(n, m, priors, evidence, path, temperature);
    }
    let mut found = Vec::with_capacity(path.len());
    let mut start = 0;
    while start < path.len() {
        let end = (start + POSTERIOR_WINDOW).min(path.len());
        let (lo, hi) = (
            start.saturating_sub(POSTERIOR_MARGIN),
            (end + POSTERIOR_MARGIN).min(path.len()),
        );
        let (i0, j0) = (path[lo].src.start, path[lo].tgt.start);
        let (i1, j1) = (path[hi - 1].src.end, path[hi - 1].tgt.end);
        let local: Vec<Bead> = path[lo..hi]
            .iter()
            .map(|b| b.moved((i0, j0), (0, 0)))
            .collect();
        let shifted = Window {
            inner: evidence,
            src: i0,
            tgt: j0,
        };
        let window = posteriors_in_band(i1 - i0, j1 - j0, priors, &shifted, &local, temperature);
        found.extend_from_slice(&window[start - lo..end - lo]);
        start = end;
    }
    found
}

/// Beads per window of [`posteriors`].
pub const POSTERIOR_WINDOW: usize = 2000;

/// Beads of the path on either side of a window of [`posteriors`].
pub const POSTERIOR_MARGIN: usize = 100;

/// [`posteriors`] over the whole path at once.
fn posteriors_in_band(
    n: usize,
    m: usize,
    priors: &Priors,
    evidence: &dyn Evidence,
    path: &[Bead],
    temperature: f64,
) -> Vec<f64> {
    if n == 0 || m == 0 {
        return vec![1.0; path.len()];
    }
    let shapes = shape_costs(priors, 1.0);
    let guide = spans_along(path.iter().map(|b| (b.src.clone(), b.tgt.clone())), n);
    let band = Band::around(&guide, POSTERIOR_WIDTH, m);
    let index = |i: usize, j: usize| band.offset[i] + j - band.lo[i];
    // Each cell's incoming bead costs, shape by shape (infinite where the
    // bead would start outside the band).
    let k = shapes.len();
    let mut incoming = vec![f64::INFINITY; band.cells() * k];
    let mut forward = vec![f64::NEG_INFINITY; band.cells()];
    forward[0] = 0.0;
    let mut terms = Vec::with_capacity(k);
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let cell = index(i, j);
            terms.clear();
            for (s, &(a, b, prior_cost)) in shapes.iter().enumerate() {
                if a > i || b > j || !band.contains(i - a, j - b) {
                    continue;
                }
                let (pi, pj) = (i - a, j - b);
                let cost = (prior_cost + evidence_cost(evidence, pi..i, pj..j)) / temperature;
                incoming[cell * k + s] = cost;
                terms.push(forward[index(pi, pj)] - cost);
            }
            forward[cell] = log_sum_exp(&terms);
        }
    }
    let mut backward = vec![f64::NEG_INFINITY; band.cells()];
    backward[index(n, m)] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let cell = index(i, j);
            if backward[cell] == f64::NEG_INFINITY {
                continue;
            }
            // Push this cell's mass back to where its incoming beads start.
            for (s, &(a, b, _)) in shapes.iter().enumerate() {
                let cost = incoming[cell * k + s];
                if cost == f64::INFINITY {
                    continue;
                }
                let start = index(i - a, j - b);
                backward[start] = log_add(backward[start], backward[cell] - cost);
            }
        }
    }
    let total = forward[index(n, m)];
    path.iter()
        .map(|bead| {
            let (i, j) = (bead.src.end, bead.tgt.end);
            let (a, b) = (bead.src.len(), bead.tgt.len());
            let Some(s) = shapes.iter().position(|&(sa, sb, _)| (sa, sb) == (a, b)) else {
                return 0.0;
            };
            if !band.contains(i, j) {
                return 0.0;
            }
            let cost = incoming[index(i, j) * k + s];
            let log = forward[index(bead.src.start, bead.tgt.start)] - cost + backward[index(i, j)]
                - total;
            log.exp().clamp(0.0, 1.0)
        })
        .collect()
}

/// ln Σ e^x over `terms`, without overflow; −∞ for none.
fn log_sum_exp(terms: &[f64]) -> f64 {
    let high = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if high == f64::NEG_INFINITY {
        return high;
    }
    high + terms.iter().map(|t| (t - high).exp()).sum::<f64>().ln()
}

/// ln(e^a + e^b).
fn log_add(a: f64, b: f64) -> f64 {
    let (high, low) = if a > b { (a, b) } else { (b, a) };
    if low == f64::NEG_INFINITY {
        return high;
    }
    high + (low - high).exp().ln_1p()
}

/// The cells searched in each row: `lo[i]..=hi[i]`, with the offset of the
/// row's first cell in the backpointer table.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
}

impl Band {
    fn full(n: usize, m: usize) -> Band {
        Band::from_spans(vec![(0, m); n + 1])
    }

    /// The band `width` cells to either side of the guide's spans; the
    /// first row always holds the start, and the last row the end.
    fn around(guide: &[(usize, usize)], width: usize, m: usize) -> Band {
        let mut spans: Vec<(usize, usize)> = guide
            .iter()
            .map(|&(lo, hi)| (lo.saturating_sub(width), (hi + width).min(m)))
            .collect();
        if let Some(first) = spans.first_mut() {
            first.0 = 0;
        }
        if let Some(last) = spans.last_mut() {
            last.1 = m;
        }
        Band::from_spans(spans)
    }

    fn from_spans(spans: Vec<(usize, usize)>) -> Band {
        let mut offset = Vec::with_capacity(spans.len() + 1);
        let mut total = 0;
        for &(lo, hi) in &spans {
            offset.push(total);
            total += hi - lo + 1;
        }
        offset.push(total);
        let (lo, hi) = spans.into_iter().unzip();
        Band { lo, hi, offset }
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        self.lo[i] <= j && j <= self.hi[i]
    }

    fn covers_all(&self, m: usize) -> bool {
        self.lo.iter().all(|&l| l == 0) && self.hi.iter().all(|&h| h == m)
    }

    fn cells(&self) -> usize {
        self.offset[self.offset.len() - 1]
    }
}

/// The best path inside the band, and whether it touches the band's edge.
/// `shapes` are the bead shapes allowed, as (source units, target units,
/// prior cost).
/// `None` when no path gets through the band.
fn search_band(
    n: usize,
    m: usize,
    band: &Band,
    shapes: &[(usize, usize, f64)],
    evidence: &dyn Evidence,
) -> Option<(Vec<Bead>, bool)> {
    let depth = shapes.iter().map(|s| s.0).max().unwrap_or(1) + 1;
    let floor = evidence.floor();
    let mut back = vec![NO_BEAD; band.cells()];
    // Costs of the last `depth` rows, row i at i % depth.
    let mut rows: Vec<Vec<f64>> = vec![Vec::new(); depth];
    for i in 0..=n {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut row = vec![f64::INFINITY; hi - lo + 1];
        for j in lo..=hi {
            if i == 0 && j == 0 {
                row[0] = 0.0;
                continue;
            }
            let (mut best, mut best_shape) = (f64::INFINITY, NO_BEAD);
            for (k, &(a, b, prior_cost)) in shapes.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let (pi, pj) = (i - a, j - b);
                if !band.contains(pi, pj) {
                    continue;
                }
                let before = if a == 0 {
                    row[pj - lo]
                } else {
                    rows[pi % depth][pj - band.lo[pi]]
                };
                // Adding the evidence, at least `floor`, cannot beat the
                // best: rounding is monotone, so this skips only beads that
                // would not have been taken.
                if before == f64::INFINITY || before + prior_cost + floor >= best {
                    continue;
                }
                let cost = before + prior_cost + evidence_cost(evidence, pi..i, pj..j);
                if cost < best {
                    (best, best_shape) = (cost, k as u8);
                }
            }
            row[j - lo] = best;
            back[band.offset[i] + j - lo] = best_shape;
        }
        rows[i % depth] = row;
    }

    let mut beads = Vec::new();
    let mut touched = false;
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = back[band.offset[i] + j - band.lo[i]];
        if k == NO_BEAD {
            return None;
        }
        if (i, j) != (n, m) && ((j == band.lo[i] && j > 0) || (j == band.hi[i] && j < m)) {
            touched = true;
        }
        let (a, b, prior_cost) = shapes[k as usize];
        let (pi, pj) = (i - a, j - b);
        let cost = prior_cost + evidence_cost(evidence, pi..i, pj..j);
        beads.push(Bead {
            src: pi..i,
            tgt: pj..j,
            cost,
        });
        (i, j) = (pi, pj);
    }
    beads.reverse();
    Some((beads, touched))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs cost ten per unit of distance from the diagonal `j = i + offset`.
    struct Offset(usize);

    impl Evidence for Offset {
        fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
            let miss = |i: usize, j: usize| (j as f64 - (i + self.0) as f64).abs();
            10.0 * (miss(src.start, tgt.start) + miss(src.end, tgt.end))
        }
    }

    #[test]
    fn a_wrong_guide_is_corrected_by_widening() {
        let (n, m) = (2000, 2300);
        let shapes = shape_costs(&Priors::sentence_default(5), 1.0);
        // The guide says j = i; the truth is j = i + 300, far outside the
        // first band.
        let guide: Vec<(usize, usize)> = (0..=n).map(|i| (i, i)).collect();
        let band = Band::around(&guide, INITIAL_WIDTH, m);
        let (_, touched) = search_band(n, m, &band, &shapes, &Offset(300)).unwrap();
        assert!(
            touched,
            "the narrow band's best path presses against its edge"
        );
        let beads = search_guided(n, m, &shapes, &guide, &Offset(300), INITIAL_WIDTH).unwrap();
        assert!(
            beads
                .iter()
                .filter(|b| !b.is_null())
                .all(|b| b.tgt.start == b.src.start + 300)
        );
        assert_eq!(beads.iter().filter(|b| !b.is_null()).count(), n);
    }

    /// Costs of lengths whose floor is known (0) and hidden (−∞).
    struct Floored(Vec<usize>, Vec<usize>, bool);

    impl Evidence for Floored {
        fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
            let (a, b): (usize, usize) = (self.0[src].iter().sum(), self.1[tgt].iter().sum());
            let (a, b) = (a as f64, b as f64 / 1.3);
            (a - b).abs() / (a + b).sqrt() + 0.1
        }

        fn floor(&self) -> f64 {
            if self.2 { 0.0 } else { f64::NEG_INFINITY }
        }
    }

    #[test]
    fn skipping_beads_below_the_floor_finds_the_same_path_bit_for_bit() {
        // Lengths with ties and near-ties (small integers), searched in a
        // band and whole, with the floor known and hidden.
        let src: Vec<usize> = (0..700).map(|i| 5 + (i * 37 + i * i) % 23).collect();
        let tgt: Vec<usize> = (0..800).map(|j| 6 + (j * 41 + 3 * j * j) % 29).collect();
        let priors = Priors::sentence_default(5);
        let (n, m) = (src.len(), tgt.len());
        let known = Floored(src.clone(), tgt.clone(), true);
        let hidden = Floored(src, tgt, false);
        assert!((n + 1) * (m + 1) > FULL_SEARCH_CELLS);
        let banded = search(n, m, &priors, &known);
        assert_eq!(banded, search(n, m, &priors, &hidden));
        assert_eq!(
            search_full(n, m, &priors, &known),
            search_full(n, m, &priors, &hidden)
        );
        // Costs equal to the last bit, not only the same ranges.
        let bits = |beads: &[Bead]| beads.iter().map(|b| b.cost.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&banded), bits(&search(n, m, &priors, &hidden)));
    }

    /// Costs that vary with the ranges, deterministically.
    struct Scrambled;

    impl Evidence for Scrambled {
        fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
            let x = (src.start * 31 + src.end * 17 + tgt.start * 7 + tgt.end * 3) % 11;
            x as f64 / 3.0
        }
    }

    /// Σ e^−cost/T over every path from (i, j) to (n, m), and the same
    /// over the paths that contain `bead`.
    #[allow(clippy::too_many_arguments)]
    fn brute_force(
        i: usize,
        j: usize,
        n: usize,
        m: usize,
        shapes: &[(usize, usize, f64)],
        bead: &Bead,
        through: bool,
        temperature: f64,
    ) -> (f64, f64) {
        if (i, j) == (n, m) {
            return (1.0, if through { 1.0 } else { 0.0 });
        }
        let (mut all, mut with) = (0.0, 0.0);
        for &(a, b, prior) in shapes {
            if i + a > n || j + b > m {
                continue;
            }
            let cost = (prior + evidence_cost(&Scrambled, i..i + a, j..j + b)) / temperature;
            let here = bead.src == (i..i + a) && bead.tgt == (j..j + b);
            let (rest_all, rest_with) = brute_force(
                i + a,
                j + b,
                n,
                m,
                shapes,
                bead,
                through || here,
                temperature,
            );
            all += (-cost).exp() * rest_all;
            with += (-cost).exp() * rest_with;
        }
        (all, with)
    }

    #[test]
    fn posteriors_match_a_sum_over_every_path() {
        let (n, m) = (4, 5);
        let priors = Priors::sentence_default(3);
        let path = search(n, m, &priors, &Scrambled);
        let shapes = shape_costs(&priors, 1.0);
        let mut sure = Vec::new();
        for temperature in [1.0, 1.75, 4.0] {
            let found = posteriors_at(n, m, &priors, &Scrambled, &path, temperature);
            for (bead, p) in path.iter().zip(&found) {
                let (all, with) = brute_force(0, 0, n, m, &shapes, bead, false, temperature);
                assert!(
                    (p - with / all).abs() < 1e-9,
                    "{bead:?} at {temperature}: {p} vs {}",
                    with / all
                );
            }
            sure.push(found.iter().copied().fold(1.0, f64::min));
        }
        // The evidence is ambiguous enough that not every bead is certain,
        // and a higher temperature spreads the probability further.
        assert!(
            sure[0] < 0.99 && sure[1] < sure[0] && sure[2] < sure[1],
            "{sure:?}"
        );
        assert_eq!(
            posteriors(n, m, &priors, &Scrambled, &path),
            posteriors_at(n, m, &priors, &Scrambled, &path, 1.0)
        );
    }

    #[test]
    fn windows_of_a_long_path_agree_with_the_whole() {
        /// The diagonal, with costs that vary enough to make some beads
        /// uncertain.
        struct Noisy;
        impl Evidence for Noisy {
            fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
                let miss = |i: usize, j: usize| (j as f64 - i as f64).abs();
                let noise = ((src.start * 7919 + tgt.end * 104_729) % 13) as f64 / 4.0;
                3.0 * (miss(src.start, tgt.start) + miss(src.end, tgt.end)) + noise
            }
        }
        let n = 2 * (POSTERIOR_WINDOW + POSTERIOR_MARGIN) + 500;
        let priors = Priors::sentence_default(3);
        let path = search(n, n, &priors, &Noisy);
        assert!(path.len() > POSTERIOR_WINDOW + 2 * POSTERIOR_MARGIN);
        let windowed = posteriors(n, n, &priors, &Noisy, &path);
        let whole = posteriors_in_band(n, n, &priors, &Noisy, &path, 1.0);
        assert_eq!(windowed.len(), whole.len());
        let worst = windowed
            .iter()
            .zip(&whole)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst < 1e-6, "{worst}");
        assert!(
            whole.iter().any(|&p| p < 0.9),
            "the test needs uncertain beads"
        );
    }

    #[test]
    fn clear_evidence_makes_beads_certain() {
        let (n, m) = (300, 300);
        let priors = Priors::sentence_default(5);
        let path = search(n, m, &priors, &Offset(0));
        let found = posteriors(n, m, &priors, &Offset(0), &path);
        // Only joining two 1-1 beads into a 2-2 (whose ends lie on the
        // diagonal too) competes, at the price of its prior.
        assert!(found.iter().all(|&p| p > 0.95), "{found:?}");
    }

    #[test]
    fn blocks_read_unit_evidence() {
        struct Echo;
        impl Evidence for Echo {
            fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
                (src.start * 1000 + src.end * 100 + tgt.start * 10 + tgt.end) as f64
            }
        }
        let blocks = Blocks {
            units: &Echo,
            k_src: 3,
            k_tgt: 4,
            n: 7,
            m: 8,
        };
        // Blocks 1..3 of the source are units 3..7 (the last block is
        // short); target block 0 is units 0..4.
        assert_eq!(blocks.cost(1..3, 0..1), (3 * 1000 + 7 * 100 + 4) as f64);
        assert_eq!(
            blocks.cost(2..3, 1..2),
            (6 * 1000 + 7 * 100 + 4 * 10 + 8) as f64
        );
    }
}
