//! The layouts users' files come in, made from an evaluation document's
//! gold alignment: how robust alignment is to paragraph structure is
//! measured by aligning the same sentences laid out each way
//! (`tandem eval --structure`).

use std::ops::Range;

use serde::Serialize;
use tandem_align::gold::GoldBead;

/// How a document's sentences are grouped into paragraphs before aligning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One paragraph per side: the sentences as one sequence, as the
    /// evaluation sets give them.
    Flat,
    /// Every sentence its own paragraph: a file of one sentence per line
    /// read with one paragraph per line.
    SentencePerLine,
    /// Paragraphs of 3 to 8 source sentences, corresponding across the
    /// sides (cut between gold beads).
    Paragraphs,
    /// [`Layout::Paragraphs`], with [`EDIT_SHARE`] of the paragraph breaks
    /// removed on one side (two paragraphs merged by the translator) and as
    /// many paragraphs of two sentences or more split on one side.
    Edited,
}

/// The share of paragraphs [`Layout::Edited`] merges, and splits.
pub const EDIT_SHARE: f64 = 0.05;

impl Layout {
    /// Every layout, in the order reports list them.
    pub const ALL: [Layout; 4] = [
        Layout::Flat,
        Layout::SentencePerLine,
        Layout::Paragraphs,
        Layout::Edited,
    ];

    /// How reports name the layout.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Flat => "one sequence (as given)",
            Layout::SentencePerLine => "one sentence per paragraph",
            Layout::Paragraphs => "paragraphs of 3-8 sentences",
            Layout::Edited => "paragraphs, 5% merged, 5% split",
        }
    }

    /// The source's and the target's paragraphs, as ranges of sentence
    /// indices covering `n` and `m` sentences, for a document whose gold
    /// alignment is `gold`. `seed` makes the random choices (paragraph
    /// sizes, edits) differ by document and repeat from run to run.
    pub fn paragraphs(
        self,
        gold: &[GoldBead],
        (n, m): (usize, usize),
        seed: u64,
    ) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let whole = |len: usize| std::iter::once(0..len).collect();
        match self {
            Layout::Flat => (whole(n), whole(m)),
            Layout::SentencePerLine => (
                (0..n).map(|i| i..i + 1).collect(),
                (0..m).map(|j| j..j + 1).collect(),
            ),
            Layout::Paragraphs | Layout::Edited => {
                let mut random = SplitMix(seed);
                let cuts = paragraph_cuts(gold, (n, m), &mut random);
                let (mut src, mut tgt): (Vec<usize>, Vec<usize>) = cuts.iter().copied().unzip();
                if self == Layout::Edited {
                    edit(&mut src, &mut tgt, &mut random);
                }
                (ranges(&src, n), ranges(&tgt, m))
            }
        }
    }
}

/// Where paragraphs of 3 to 8 source sentences start, as (source, target)
/// sentence positions after a gold bead, both sides advanced; a paragraph
/// never empty on either side.
fn paragraph_cuts(
    gold: &[GoldBead],
    (n, m): (usize, usize),
    random: &mut SplitMix,
) -> Vec<(usize, usize)> {
    let mut ends: Vec<(usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    // Gold files list their beads in document order.
    for bead in gold {
        i = bead.src.iter().map(|&s| s + 1).max().unwrap_or(i).max(i);
        j = bead.tgt.iter().map(|&t| t + 1).max().unwrap_or(j).max(j);
        ends.push((i, j));
    }
    let mut cuts = Vec::new();
    let (mut last, mut size) = ((0, 0), random.between(3, 8));
    for (i, j) in ends {
        if i >= last.0 + size && j > last.1 && i < n && j < m {
            cuts.push((i, j));
            last = (i, j);
            size = random.between(3, 8);
        }
    }
    cuts
}

/// Removes [`EDIT_SHARE`] of the breaks on one side, and adds as many on
/// one side inside paragraphs of two sentences or more.
fn edit(src: &mut Vec<usize>, tgt: &mut Vec<usize>, random: &mut SplitMix) {
    let paragraphs = src.len() + 1;
    let count = ((paragraphs as f64) * EDIT_SHARE).round() as usize;
    for _ in 0..count {
        let side = if random.between(0, 1) == 0 {
            &mut *src
        } else {
            &mut *tgt
        };
        if !side.is_empty() {
            let k = random.between(0, side.len() - 1);
            side.remove(k);
        }
    }
    for _ in 0..count {
        let side = if random.between(0, 1) == 0 {
            &mut *src
        } else {
            &mut *tgt
        };
        // A break inside a paragraph: between two sentences that are not
        // already a paragraph's first.
        let starts: Vec<usize> = std::iter::once(0).chain(side.iter().copied()).collect();
        let candidates: Vec<usize> = starts.windows(2).flat_map(|w| w[0] + 1..w[1]).collect();
        if !candidates.is_empty() {
            let at = candidates[random.between(0, candidates.len() - 1)];
            let k = side.partition_point(|&s| s < at);
            side.insert(k, at);
        }
    }
}

/// Paragraph ranges from the sentences that start paragraphs (besides 0).
fn ranges(starts: &[usize], len: usize) -> Vec<Range<usize>> {
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(starts.iter().copied())
        .chain(std::iter::once(len))
        .collect();
    bounds
        .windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| w[0]..w[1])
        .collect()
}

/// SplitMix64 (Steele, Lea and Flood 2014): a seeded generator, so that
/// every run lays a document out the same way.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from `low` to `high`, both included.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(n: usize) -> Vec<GoldBead> {
        (0..n)
            .map(|i| GoldBead {
                src: vec![i],
                tgt: vec![i],
            })
            .collect()
    }

    fn covers(paragraphs: &[Range<usize>], len: usize) -> bool {
        paragraphs.first().is_some_and(|p| p.start == 0)
            && paragraphs.last().is_some_and(|p| p.end == len)
            && paragraphs.windows(2).all(|w| w[0].end == w[1].start)
            && paragraphs.iter().all(|p| !p.is_empty())
    }

    #[test]
    fn paragraphs_correspond_and_hold_3_to_8_sentences() {
        let (src, tgt) = Layout::Paragraphs.paragraphs(&gold(200), (200, 200), 7);
        assert_eq!(src, tgt);
        assert!(covers(&src, 200));
        assert!(
            src[..src.len() - 1]
                .iter()
                .all(|p| (3..=8).contains(&p.len())),
            "{src:?}"
        );
        assert_eq!(
            Layout::Paragraphs.paragraphs(&gold(200), (200, 200), 7).0,
            src
        );
    }

    #[test]
    fn edits_merge_and_split_on_one_side() {
        let (src, tgt) = Layout::Edited.paragraphs(&gold(400), (400, 400), 3);
        assert!(covers(&src, 400) && covers(&tgt, 400));
        assert_ne!(src, tgt);
        let (plain, _) = Layout::Paragraphs.paragraphs(&gold(400), (400, 400), 3);
        let differ = |a: &[Range<usize>]| a.iter().filter(|p| !plain.contains(p)).count();
        assert!(differ(&src) + differ(&tgt) > 0);
    }

    #[test]
    fn one_sentence_per_paragraph() {
        let (src, tgt) = Layout::SentencePerLine.paragraphs(&gold(3), (3, 4), 0);
        assert_eq!(src, [0..1, 1..2, 2..3]);
        assert_eq!(tgt.len(), 4);
        let (src, tgt) = Layout::Flat.paragraphs(&gold(3), (3, 4), 0);
        let only = |p: &[Range<usize>]| (p.len(), p[0].clone());
        assert_eq!((only(&src), only(&tgt)), ((1, 0..3), (1, 0..4)));
    }
}
