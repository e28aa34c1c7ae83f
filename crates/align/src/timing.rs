//! Time on screen as evidence: the subtitles of a film and of its
//! translation are timed to the same speech, so a source cue and a target
//! cue on screen together are likely translations of each other, the way
//! a number on both sides is ([`crate::Anchors`]). The term rewards a bead
//! by how much its two sides' times overlap, as the intersection over the
//! union of the two spans (1 for the same span, 0 for disjoint ones).

use std::ops::Range;

use crate::search::Evidence;

/// Nats a bead gains when its sides are on screen at exactly the same
/// time, and loses when they never are; a bead whose sides overlap by half
/// is neutral. As strong as a shared number: subtitle timing is rarely
/// off by a whole cue.
const WEIGHT: f64 = 3.0;

/// Each sentence's time on screen (start and end, in seconds), on each
/// side of a document; `None` for a sentence with no time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timing {
    /// The source sentences' times.
    pub src: Vec<Option<(f64, f64)>>,
    /// The target sentences' times.
    pub tgt: Vec<Option<(f64, f64)>>,
}

/// [`Timing`] as a term of a bead's cost, for the sentences `src` and
/// `tgt` of the document (the units being aligned are numbered from their
/// starts).
pub struct TimeOverlap<'a> {
    timing: &'a Timing,
    src: usize,
    tgt: usize,
}

impl<'a> TimeOverlap<'a> {
    /// The term for the units that start at document sentences
    /// `src_start` and `tgt_start`.
    pub fn new(timing: &'a Timing, src_start: usize, tgt_start: usize) -> TimeOverlap<'a> {
        TimeOverlap {
            timing,
            src: src_start,
            tgt: tgt_start,
        }
    }
}

/// The span from the earliest start to the latest end of `times`' entries
/// in `range`, if they all have a time.
fn span(times: &[Option<(f64, f64)>], range: Range<usize>) -> Option<(f64, f64)> {
    let mut span: Option<(f64, f64)> = None;
    for k in range {
        let (start, end) = (*times.get(k)?)?;
        span = Some(match span {
            None => (start, end),
            Some((a, b)) => (a.min(start), b.max(end)),
        });
    }
    span
}

/// Intersection over union of two time spans.
fn overlap((a0, a1): (f64, f64), (b0, b1): (f64, f64)) -> f64 {
    let union = a1.max(b1) - a0.min(b0);
    let intersection = (a1.min(b1) - a0.max(b0)).max(0.0);
    if union > 0.0 {
        intersection / union
    } else {
        1.0
    }
}

impl Evidence for TimeOverlap<'_> {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let source = span(&self.timing.src, src.start + self.src..src.end + self.src);
        let target = span(&self.timing.tgt, tgt.start + self.tgt..tgt.end + self.tgt);
        match (source, target) {
            (Some(s), Some(t)) => WEIGHT * (1.0 - 2.0 * overlap(s, t)),
            _ => 0.0,
        }
    }

    fn floor(&self) -> f64 {
        -WEIGHT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beads_on_screen_together_gain() {
        let timing = Timing {
            src: vec![Some((1.0, 3.0)), Some((3.0, 5.0)), Some((6.0, 8.0))],
            tgt: vec![Some((1.0, 5.0)), Some((6.0, 8.0)), None],
        };
        let term = TimeOverlap::new(&timing, 0, 0);
        // Two source cues rendered as one target cue: same time.
        assert_eq!(term.cost(0..2, 0..1), -WEIGHT);
        // Half of it: neutral.
        assert_eq!(term.cost(0..1, 0..1), 0.0);
        // Never together: a loss.
        assert_eq!(term.cost(2..3, 0..1), WEIGHT);
        // No time: no evidence.
        assert_eq!(term.cost(2..3, 2..3), 0.0);
        // Offsets: the units start at document sentences 2 and 1.
        assert_eq!(TimeOverlap::new(&timing, 2, 1).cost(0..1, 0..1), -WEIGHT);
    }
}
