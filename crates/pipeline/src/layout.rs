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
    /// [`Layout::Paragraphs`] as a hard-wrapped text file: each paragraph's
    /// sentences run together and wrapped at [`WRAP_COLUMNS`], a blank line
    /// between paragraphs. The file is read back as `tandem align` reads
    /// one (the wrap detected, the text resegmented), and the beads found
    /// are mapped back to the gold's sentences ([`ResegmentedSide`]).
    HardWrapped,
}

/// Where [`Layout::HardWrapped`] wraps lines.
pub const WRAP_COLUMNS: usize = 70;

/// The share of paragraphs [`Layout::Edited`] merges, and splits.
pub const EDIT_SHARE: f64 = 0.05;

impl Layout {
    /// Every layout, in the order reports list them.
    pub const ALL: [Layout; 5] = [
        Layout::Flat,
        Layout::SentencePerLine,
        Layout::Paragraphs,
        Layout::Edited,
        Layout::HardWrapped,
    ];

    /// How reports name the layout.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Flat => "one sequence (as given)",
            Layout::SentencePerLine => "one sentence per paragraph",
            Layout::Paragraphs => "paragraphs of 3-8 sentences",
            Layout::Edited => "paragraphs, 5% merged, 5% split",
            Layout::HardWrapped => "hard-wrapped at 70 columns",
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
            Layout::Paragraphs | Layout::Edited | Layout::HardWrapped => {
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

/// The text of a hard-wrapped file holding `sentences` in `paragraphs`:
/// each paragraph's sentences joined (by a space, or by nothing when
/// `unspaced`, as Chinese and Japanese run), broken into lines of at most
/// `width` columns ([`tandem_segment::columns`]) at a space, or anywhere in
/// a run without one; a blank line between paragraphs.
pub fn hard_wrapped(
    sentences: &[&str],
    paragraphs: &[Range<usize>],
    unspaced: bool,
    width: usize,
) -> String {
    let joiner = if unspaced { "" } else { " " };
    let mut text = String::new();
    for paragraph in paragraphs {
        let joined = sentences[paragraph.clone()]
            .iter()
            .map(|s| s.trim())
            .collect::<Vec<_>>()
            .join(joiner);
        let mut line = String::new();
        for word in joined.split_inclusive(' ') {
            let candidate = format!("{line}{word}");
            if tandem_segment::columns(candidate.trim_end()) <= width || line.is_empty() {
                line = candidate;
            } else {
                text.push_str(line.trim_end());
                text.push('\n');
                line = word.to_string();
            }
            // A run without spaces wider than a line is cut anywhere.
            while tandem_segment::columns(line.trim_end()) > width {
                let mut cut = 0;
                let mut used = 0;
                for (at, c) in line.char_indices() {
                    used += tandem_segment::columns(c.encode_utf8(&mut [0; 4]));
                    if used > width {
                        break;
                    }
                    cut = at + c.len_utf8();
                }
                text.push_str(&line[..cut]);
                text.push('\n');
                line = line[cut..].to_string();
            }
        }
        text.push_str(line.trim_end());
        text.push_str("\n\n");
    }
    text
}

/// A side read back from a [`hard_wrapped`] text and resegmented: for each
/// of its sentences, the original sentences it overlaps. Texts are compared
/// without white space, which wrapping and rejoining move but never add to
/// or take from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResegmentedSide {
    /// Original sentence ids per resegmented sentence, ascending.
    pub originals: Vec<Vec<usize>>,
}

impl ResegmentedSide {
    /// Maps `resegmented` sentences onto `original` ones.
    pub fn map(original: &[&str], resegmented: &[String]) -> ResegmentedSide {
        let spans = |sentences: &mut dyn Iterator<Item = &str>| -> Vec<Range<usize>> {
            let mut at = 0;
            sentences
                .map(|s| {
                    let len = s.chars().filter(|c| !c.is_whitespace()).count();
                    at += len;
                    at - len..at
                })
                .collect()
        };
        let old = spans(&mut original.iter().copied());
        let new = spans(&mut resegmented.iter().map(String::as_str));
        let originals = new
            .iter()
            .map(|span| {
                let first = old.partition_point(|o| o.end <= span.start);
                (first..old.len())
                    .take_while(|&k| old[k].start < span.end.max(span.start + 1))
                    .collect()
            })
            .collect();
        ResegmentedSide { originals }
    }

    /// The original ids of resegmented sentences `ids`.
    fn of(&self, ids: &[usize]) -> Vec<usize> {
        let mut found: Vec<usize> = ids
            .iter()
            .flat_map(|&i| self.originals[i].iter().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Test beads over resegmented sentences as beads over the original ones:
/// each bead's ids mapped back, and beads that share an original sentence
/// (a sentence the segmenter cut in two, its pieces in different beads)
/// joined. Returns each joined bead with the indices of the test beads in
/// it.
pub fn map_beads(
    beads: &[GoldBead],
    src: &ResegmentedSide,
    tgt: &ResegmentedSide,
) -> Vec<(GoldBead, Vec<usize>)> {
    let mut joined: Vec<(GoldBead, Vec<usize>)> = Vec::new();
    for (k, bead) in beads.iter().enumerate() {
        let mapped = GoldBead {
            src: src.of(&bead.src),
            tgt: tgt.of(&bead.tgt),
        };
        let shares = |last: &GoldBead| {
            mapped.src.first().is_some_and(|s| last.src.contains(s))
                || mapped.tgt.first().is_some_and(|t| last.tgt.contains(t))
        };
        match joined.last_mut() {
            Some((last, parts)) if shares(last) => {
                for (to, from) in [(&mut last.src, &mapped.src), (&mut last.tgt, &mapped.tgt)] {
                    to.extend(from.iter().copied());
                    to.sort_unstable();
                    to.dedup();
                }
                parts.push(k);
            }
            _ => joined.push((mapped, vec![k])),
        }
    }
    joined
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
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from `low` to `high`, both included.
    pub(crate) fn between(&mut self, low: usize, high: usize) -> usize {
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

    #[test]
    fn a_hard_wrapped_text_keeps_every_character_in_lines_of_70_columns() {
        let sentences = [
            "The committee met on the twelfth of March to discuss the budget for the coming year.",
            "It approved it.",
            "Nobody objected, although several members had asked for more time to read the proposal.",
        ];
        let text = hard_wrapped(&sentences, &[0..2, 2..3], false, 70);
        assert!(
            text.lines().all(|l| tandem_segment::columns(l) <= 70),
            "{text}"
        );
        assert_eq!(text.split("\n\n").filter(|p| !p.is_empty()).count(), 2);
        let letters = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(letters(&text), letters(&sentences.concat()));
        // Chinese runs without spaces: cut anywhere, at 35 characters.
        let chinese =
            ["这是一个很长的中文句子，它没有任何空格，所以必须在任意位置断开才能放进一行里面。"; 3];
        let whole: Vec<Range<usize>> = std::iter::once(0..3).collect();
        let text = hard_wrapped(&chinese, &whole, true, 70);
        assert!(
            text.lines().all(|l| tandem_segment::columns(l) <= 70),
            "{text}"
        );
        assert!(text.lines().filter(|l| !l.is_empty()).count() >= 3);
        assert_eq!(letters(&text), letters(&chinese.concat()));
    }

    #[test]
    fn resegmented_beads_map_back_to_the_gold_sentences() {
        let original = ["One two.", "Three four.", "Five six."];
        // The segmenter joined the first two and cut the third in two.
        let resegmented = ["One two. Three four.", "Five", "six."].map(String::from);
        let side = ResegmentedSide::map(&original, &resegmented);
        assert_eq!(side.originals, [vec![0, 1], vec![2], vec![2]]);
        let identity = ResegmentedSide {
            originals: vec![vec![0], vec![1], vec![2]],
        };
        let bead = |src: Vec<usize>, tgt: Vec<usize>| GoldBead { src, tgt };
        let beads = [
            bead(vec![0], vec![0, 1]),
            bead(vec![1], vec![2]),
            bead(vec![2], vec![]),
        ];
        let mapped = map_beads(&beads, &side, &identity);
        // Pieces of sentence 2 in two beads become one bead.
        assert_eq!(
            mapped,
            [
                (bead(vec![0, 1], vec![0, 1]), vec![0]),
                (bead(vec![2], vec![2]), vec![1, 2]),
            ]
        );
    }
}
