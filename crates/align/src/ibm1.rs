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

/// Trains IBM Model 1 on `pairs` of (source word ids, target word ids),
/// ids below `source_words` and `target_words`, for `iterations` rounds of
/// EM from uniform probabilities.
///
/// Each co-occurring (f, e) gets a slot in a table once; every pair keeps
/// the slots of its word pairs, so an EM round is array arithmetic over the
/// pairs' word pairs: time and memory grow with Σ |source| × |target|.
pub fn train(
    pairs: &[(Vec<u32>, Vec<u32>)],
    source_words: u32,
    iterations: usize,
) -> TranslationTable {
    let null = source_words; // the NULL word's id
    let mut slot_of: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut slot_source: Vec<u32> = Vec::new();
    let mut slot_target: Vec<u32> = Vec::new();
    // For each pair, for each target word, the slots of (f, e) for every f
    // of the source and NULL, laid out one after another.
    let mut layouts: Vec<Vec<u32>> = Vec::with_capacity(pairs.len());
    for (source, target) in pairs {
        let mut layout = Vec::with_capacity(target.len() * (source.len() + 1));
        for &e in target {
            for &f in source.iter().chain(std::iter::once(&null)) {
                let slot = *slot_of.entry((f, e)).or_insert_with(|| {
                    slot_source.push(f);
                    slot_target.push(e);
                    (slot_source.len() - 1) as u32
                });
                layout.push(slot);
            }
        }
        layouts.push(layout);
    }
    // Uniform start: every f spreads its probability evenly over the e it
    // was seen with.
    let mut seen_with = vec![0u32; null as usize + 1];
    for &f in &slot_source {
        seen_with[f as usize] += 1;
    }
    let mut t: Vec<f32> = slot_source
        .iter()
        .map(|&f| 1.0 / seen_with[f as usize] as f32)
        .collect();
    let mut counts = vec![0f32; t.len()];
    let mut totals = vec![0f32; null as usize + 1];
    for _ in 0..iterations {
        counts.iter_mut().for_each(|c| *c = 0.0);
        for ((source, _), layout) in pairs.iter().zip(&layouts) {
            for row in layout.chunks(source.len() + 1) {
                let denominator: f32 = row.iter().map(|&s| t[s as usize]).sum();
                if denominator > 0.0 {
                    for &s in row {
                        counts[s as usize] += t[s as usize] / denominator;
                    }
                }
            }
        }
        totals.iter_mut().for_each(|c| *c = 0.0);
        for (slot, &count) in counts.iter().enumerate() {
            totals[slot_source[slot] as usize] += count;
        }
        for (slot, value) in t.iter_mut().enumerate() {
            let total = totals[slot_source[slot] as usize];
            *value = if total > 0.0 {
                counts[slot] / total
            } else {
                0.0
            };
        }
    }
    let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); null as usize];
    for (slot, &p) in t.iter().enumerate() {
        let f = slot_source[slot];
        if f != null && p >= MIN_PROBABILITY {
            rows[f as usize].push((slot_target[slot], p));
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        row.truncate(KEEP);
    }
    TranslationTable { rows }
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
        let table = train(&pairs, de.len() as u32, 10);
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
    }

    #[test]
    fn deterministic() {
        let pairs = vec![
            (vec![0, 1], vec![0, 1]),
            (vec![0, 2], vec![0, 2]),
            (vec![1, 2], vec![1, 2]),
        ];
        let a = train(&pairs, 3, 5);
        let b = train(&pairs, 3, 5);
        for f in 0..3 {
            assert_eq!(a.translations(f), b.translations(f));
        }
    }
}
