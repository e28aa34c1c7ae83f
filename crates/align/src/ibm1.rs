//! IBM Model 1 (Brown et al. 1993): word-translation probabilities t(e | f)
//! learned by expectation–maximisation from sentence pairs, with a NULL
//! source word for target words that translate nothing.

use rustc_hash::FxHashMap;

/// Translation probabilities: for each source word id, its most probable
/// target word ids with t(e | f), most probable first.
#[derive(Debug, Clone, Default)]
pub struct TranslationTable {
    rows: Vec<Vec<(u32, f32)>>,
}

impl TranslationTable {
    /// The translations kept for source word `f` (empty for an unknown id).
    pub fn translations(&self, f: u32) -> &[(u32, f32)] {
        self.rows.get(f as usize).map_or(&[], Vec::as_slice)
    }
}

/// Translations kept per source word, and the smallest probability kept.
const KEEP: usize = 8;
const MIN_PROBABILITY: f32 = 0.02;

/// The co-occurrences of a set of sentence pairs: each distinct (f, e)
/// gets a slot once, and every pair keeps the slots of its word pairs as a
/// |target| × |source| matrix, so that an EM round in either direction is
/// array arithmetic: time and memory grow with Σ |source| × |target|.
struct Cooccurrences {
    slot_source: Vec<u32>,
    slot_target: Vec<u32>,
    /// Each pair's matrix, row e after row e, at `cells[offsets[k]..]`.
    cells: Vec<u32>,
    offsets: Vec<usize>,
}

impl Cooccurrences {
    fn new(pairs: &[(Vec<u32>, Vec<u32>)]) -> Cooccurrences {
        // One small map per source word: a pair's lookups for one word go to
        // the same map, which stays in cache (one map for all word pairs was
        // most of training's time).
        let words = pairs
            .iter()
            .flat_map(|(s, _)| s.iter())
            .max()
            .map_or(0, |&f| f as usize + 1);
        let mut slot_of: Vec<FxHashMap<u32, u32>> = vec![FxHashMap::default(); words];
        let (mut slot_source, mut slot_target) = (Vec::new(), Vec::new());
        let total = pairs.iter().map(|(s, t)| s.len() * t.len()).sum();
        let mut cells = vec![0u32; total];
        let mut offsets = Vec::with_capacity(pairs.len());
        let mut offset = 0;
        for (source, target) in pairs {
            offsets.push(offset);
            let width = source.len();
            for (column, &f) in source.iter().enumerate() {
                let slots = &mut slot_of[f as usize];
                for (row, &e) in target.iter().enumerate() {
                    let slot = *slots.entry(e).or_insert_with(|| {
                        slot_source.push(f);
                        slot_target.push(e);
                        (slot_source.len() - 1) as u32
                    });
                    cells[offset + row * width + column] = slot;
                }
            }
            offset += width * target.len();
        }
        Cooccurrences {
            slot_source,
            slot_target,
            cells,
            offsets,
        }
    }
}

/// One direction of the model during EM: t(explained | explaining) per
/// slot, and t(explained | NULL) per explained word.
struct Direction {
    t: Vec<f32>,
    null: Vec<f32>,
    counts: Vec<f32>,
    null_counts: Vec<f32>,
}

impl Direction {
    /// Uniform start: every word spreads its probability evenly over the
    /// words it was seen with, NULL over every word seen.
    fn uniform(explaining: &[u32], explained: &[u32], words: u32, other_words: u32) -> Direction {
        let mut seen_with = vec![0u32; words as usize];
        for &f in explaining {
            seen_with[f as usize] += 1;
        }
        let mut seen = vec![false; other_words as usize];
        for &e in explained {
            seen[e as usize] = true;
        }
        let distinct = seen.iter().filter(|&&s| s).count().max(1) as f32;
        Direction {
            t: explaining
                .iter()
                .map(|&f| 1.0 / seen_with[f as usize] as f32)
                .collect(),
            null: seen
                .iter()
                .map(|&s| if s { 1.0 / distinct } else { 0.0 })
                .collect(),
            counts: vec![0.0; explaining.len()],
            null_counts: vec![0.0; other_words as usize],
        }
    }

    /// The expected counts of one explained word `e` given the slots of the
    /// words that may explain it.
    fn expect(&mut self, e: u32, slots: impl Iterator<Item = u32> + Clone) {
        let null = self.null[e as usize];
        let denominator: f32 = slots.clone().map(|s| self.t[s as usize]).sum::<f32>() + null;
        if denominator > 0.0 {
            for s in slots {
                self.counts[s as usize] += self.t[s as usize] / denominator;
            }
            self.null_counts[e as usize] += null / denominator;
        }
    }

    /// The maximisation step: counts normalised per explaining word.
    fn maximise(&mut self, explaining: &[u32], words: u32) {
        let mut totals = vec![0f32; words as usize];
        for (slot, &count) in self.counts.iter().enumerate() {
            totals[explaining[slot] as usize] += count;
        }
        for (slot, value) in self.t.iter_mut().enumerate() {
            let total = totals[explaining[slot] as usize];
            *value = if total > 0.0 {
                self.counts[slot] / total
            } else {
                0.0
            };
        }
        let null_total: f32 = self.null_counts.iter().sum();
        for (value, &count) in self.null.iter_mut().zip(&self.null_counts) {
            *value = if null_total > 0.0 {
                count / null_total
            } else {
                0.0
            };
        }
        self.counts.iter_mut().for_each(|c| *c = 0.0);
        self.null_counts.iter_mut().for_each(|c| *c = 0.0);
    }

    /// The kept translations of each explaining word.
    fn table(&self, explaining: &[u32], explained: &[u32], words: u32) -> TranslationTable {
        let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); words as usize];
        for (slot, &p) in self.t.iter().enumerate() {
            if p >= MIN_PROBABILITY {
                rows[explaining[slot] as usize].push((explained[slot], p));
            }
        }
        for row in &mut rows {
            row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            row.truncate(KEEP);
        }
        TranslationTable { rows }
    }
}

/// Trains IBM Model 1 on `pairs` of (source word ids, target word ids),
/// ids below `source_words` and `target_words`, for `iterations` rounds of
/// EM from uniform probabilities, in both directions at once: the tables
/// t(target | source) and t(source | target).
///
/// Both directions share one table of co-occurrences (building it is most
/// of the work), and the EM rounds cost Σ |source| × |target| each.
pub fn train(
    pairs: &[(Vec<u32>, Vec<u32>)],
    source_words: u32,
    target_words: u32,
    iterations: usize,
) -> (TranslationTable, TranslationTable) {
    let co = Cooccurrences::new(pairs);
    let (sources, targets) = (&co.slot_source, &co.slot_target);
    let mut forward = Direction::uniform(sources, targets, source_words, target_words);
    let mut backward = Direction::uniform(targets, sources, target_words, source_words);
    for _ in 0..iterations {
        for ((source, target), &offset) in pairs.iter().zip(&co.offsets) {
            let (width, height) = (source.len(), target.len());
            let matrix = &co.cells[offset..offset + width * height];
            if width > 0 {
                for (&e, row) in target.iter().zip(matrix.chunks(width)) {
                    forward.expect(e, row.iter().copied());
                }
            }
            for (column, &f) in source.iter().enumerate() {
                backward.expect(f, matrix.iter().skip(column).step_by(width).copied());
            }
        }
        forward.maximise(sources, source_words);
        backward.maximise(targets, target_words);
    }
    (
        forward.table(sources, targets, source_words),
        backward.table(targets, sources, target_words),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Ids for words, in order of first appearance.
    fn ids(sentences: &[&str], vocabulary: &mut HashMap<String, u32>) -> Vec<Vec<u32>> {
        sentences
            .iter()
            .map(|s| {
                s.split_whitespace()
                    .map(|w| {
                        let next = vocabulary.len() as u32;
                        *vocabulary.entry(w.to_string()).or_insert(next)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn recovers_word_pairs_from_a_tiny_parallel_text() {
        let german = [
            "das haus",
            "das buch",
            "ein buch",
            "ein haus",
            "das kleine haus",
            "ein kleines buch",
        ];
        let english = [
            "the house",
            "the book",
            "a book",
            "a house",
            "the small house",
            "a small book",
        ];
        let (mut de, mut en) = (HashMap::new(), HashMap::new());
        let pairs: Vec<(Vec<u32>, Vec<u32>)> = ids(&german, &mut de)
            .into_iter()
            .zip(ids(&english, &mut en))
            .collect();
        let (table, reverse) = train(&pairs, de.len() as u32, en.len() as u32, 10);
        let best = |word: &str| -> &str {
            let (e, _) = table.translations(de[word])[0];
            en.iter()
                .find(|&(_, &id)| id == e)
                .map(|(w, _)| w.as_str())
                .unwrap()
        };
        assert_eq!(best("das"), "the");
        assert_eq!(best("ein"), "a");
        assert_eq!(best("haus"), "house");
        assert_eq!(best("buch"), "book");
        assert_eq!(best("kleine"), "small");
        let (_, p) = table.translations(de["haus"])[0];
        assert!(p > 0.6, "{p}");
        // The other direction, trained from the same co-occurrences.
        let (f, _) = reverse.translations(en["book"])[0];
        assert_eq!(f, de["buch"]);
        let (f, _) = reverse.translations(en["the"])[0];
        assert_eq!(f, de["das"]);
    }

    #[test]
    fn pairs_with_an_empty_side_train_only_null() {
        let pairs = vec![(vec![0, 1], vec![]), (vec![], vec![0]), (vec![0], vec![0])];
        let (forward, backward) = train(&pairs, 2, 1, 5);
        assert_eq!(forward.translations(0)[0].0, 0);
        assert_eq!(backward.translations(0)[0].0, 0);
        assert!(forward.translations(1).is_empty());
    }
}
