//! Translation evidence, self-trained after Moore (2002): the 1-1 beads of
//! an earlier pass train IBM Model 1 in both directions, and each pair of
//! sentence groups is then compared through it.
//!
//! Every sentence becomes two sparse vectors: its own tokens, and its
//! translation (the sum of t(· | word) over its words) into the other
//! language's tokens. A group's vectors are the sums of its sentences', so
//! the cosine of a translated source group with a target group comes from
//! dot products between single sentences, computed once and cached in a
//! band around the earlier path: joining sentences costs a few additions.
//!
//! The similarity becomes a cost as a log-likelihood ratio between two
//! Gaussians of pooled variance: similarities of translations (1-1 beads
//! held out of training) against those of random groups of the same size.
//! Random groups of more sentences share more words by chance; comparing
//! each shape with its own random baseline keeps joins from swallowing
//! true 1-1 pairs.

use std::cell::RefCell;
use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::ops::Range;

use tandem_text::match_tokens;

use crate::bead::{Bead, Shape};
use crate::dictionary::Dictionary;
use crate::ibm1::{TranslationTable, train};
use crate::intern::Interned;
use crate::search::Evidence;

/// EM rounds of IBM Model 1.
const ITERATIONS: usize = 5;
/// At most this many 1-1 beads train the model (evenly spaced).
const MAX_TRAINING_PAIRS: usize = 5000;
/// Pairs with more tokens than this on a side do not train the model: a
/// pair costs |source| × |target| in training, and a sentence of thousands
/// of words (a table, a list run together) would cost gigabytes while
/// teaching little (GIZA++ stops at 100 words).
const MAX_TRAINING_TOKENS: usize = 256;
/// Every fifth 1-1 bead is held out of training to calibrate.
const HOLD_OUT_EVERY: usize = 5;
/// Target sentences on each side of the earlier path whose dot products
/// with a source sentence are cached: the near search's first band (12
/// cells) and a 1-5 bead's reach; farther pairs are computed when asked.
const CACHE_WIDTH: usize = 24;
/// Entries kept in a sentence's translation vector: memory, not accuracy,
/// sets it (a vector of all its words' translations holds hundreds of
/// entries, 8 bytes each, per sentence on both sides).
const TRANSLATED_KEEP: usize = 32;
/// Random groups for the baseline are drawn at least this many target
/// sentences away from the earlier path (where translations would be).
const RANDOM_EXCLUSION: usize = 96;
/// Random groups sampled per shape for the random baseline.
const RANDOM_SAMPLES: usize = 300;
/// The largest cost or reward of one comparison, in nats.
const MAX_COST: f64 = 10.0;

type Sparse = Vec<(u32, f32)>;

/// Translation evidence over the sentences of one document pair.
pub struct Translation {
    /// Source sentences: own tokens, and translation into target tokens.
    src_own: Vec<Sparse>,
    src_translated: Vec<Sparse>,
    /// Target sentences: own tokens, and translation into source tokens.
    tgt_own: Vec<Sparse>,
    tgt_translated: Vec<Sparse>,
    /// For source sentence i, dot products with target sentences
    /// `cache_lo[i]..cache_lo[i] + cache[i].len()`: (translated source ·
    /// own target, own source · translated target), computed when first
    /// asked for (NaN until then).
    cache_lo: Vec<usize>,
    cache: RefCell<Vec<Vec<(f32, f32)>>>,
    /// Dot products of a sentence with the next few on its side:
    /// `src_near[i][d]` = (own_i · own_{i+d}, translated_i · translated_{i+d}).
    src_near: Vec<Vec<(f32, f32)>>,
    tgt_near: Vec<Vec<(f32, f32)>>,
    calibration: Calibration,
}

/// The two Gaussians, per number of sentences in a group pair (2, 3, 4+).
#[derive(Debug, Clone)]
struct Calibration {
    translation_mean: f64,
    random_mean: [f64; 3],
    variance: [f64; 3],
}

/// The mean and variance of some values.
fn moments(values: &[f64]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (mean, variance)
}

impl Translation {
    /// Trains on the 1-1 beads of `path` (an alignment of `src` with `tgt`)
    /// and prepares the evidence for a search near that path. `None` when
    /// there are too few 1-1 beads to train and calibrate on.
    ///
    /// A `dictionary`'s entries join the training pairs where both sides
    /// have words of the document ([`Dictionary`]).
    pub fn train(
        src: &[&str],
        tgt: &[&str],
        path: &[Bead],
        max_many: usize,
        dictionary: Option<&Dictionary>,
    ) -> Option<Translation> {
        let (src_tokens, src_ids) = tokenize(src);
        let (tgt_tokens, tgt_ids) = tokenize(tgt);
        let (src_vocabulary, tgt_vocabulary) = (src_ids.len() as u32, tgt_ids.len() as u32);
        let one_to_one: Vec<&Bead> = path
            .iter()
            .filter(|b| b.shape() == Shape::new(1, 1))
            .collect();
        let held_out_at = |k: usize| k % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1;
        let held_out: Vec<&Bead> = one_to_one
            .iter()
            .enumerate()
            .filter(|&(k, _)| held_out_at(k))
            .map(|(_, &b)| b)
            .collect();
        let trainable = |b: &Bead| {
            src_tokens[b.src.start].len() <= MAX_TRAINING_TOKENS
                && tgt_tokens[b.tgt.start].len() <= MAX_TRAINING_TOKENS
        };
        let training: Vec<&Bead> = one_to_one
            .iter()
            .enumerate()
            .filter(|&(k, b)| !held_out_at(k) && trainable(b))
            .map(|(_, &b)| b)
            .collect();
        if held_out.len() < 10 {
            return None;
        }
        let step = training.len().div_ceil(MAX_TRAINING_PAIRS).max(1);
        let training: Vec<&Bead> = training.into_iter().step_by(step).collect();
        let mut forward: Vec<(Vec<u32>, Vec<u32>)> = training
            .iter()
            .map(|b| {
                (
                    src_tokens[b.src.start].clone(),
                    tgt_tokens[b.tgt.start].clone(),
                )
            })
            .collect();
        if let Some(dictionary) = dictionary {
            forward.extend(dictionary_pairs(dictionary, &src_ids, &tgt_ids));
        }
        let (to_target, to_source) = train(&forward, src_vocabulary, tgt_vocabulary, ITERATIONS);
        let (src_idf, tgt_idf) = (
            idf(&src_tokens, src_vocabulary),
            idf(&tgt_tokens, tgt_vocabulary),
        );
        let mut evidence = Translation {
            src_own: src_tokens.iter().map(|t| bag(t, &src_idf)).collect(),
            src_translated: src_tokens
                .iter()
                .map(|t| translate(t, &to_target, &tgt_idf))
                .collect(),
            tgt_own: tgt_tokens.iter().map(|t| bag(t, &tgt_idf)).collect(),
            tgt_translated: tgt_tokens
                .iter()
                .map(|t| translate(t, &to_source, &src_idf))
                .collect(),
            cache_lo: Vec::new(),
            cache: RefCell::new(Vec::new()),
            src_near: Vec::new(),
            tgt_near: Vec::new(),
            calibration: Calibration {
                translation_mean: 0.0,
                random_mean: [0.0; 3],
                variance: [1.0; 3],
            },
        };
        evidence.src_near = near_dots(&evidence.src_own, &evidence.src_translated, max_many);
        evidence.tgt_near = near_dots(&evidence.tgt_own, &evidence.tgt_translated, max_many);
        evidence.fill_cache(path, src.len(), tgt.len());

        let translations: Vec<f64> = held_out
            .iter()
            .filter_map(|b| evidence.similarity(b.src.clone(), b.tgt.clone()))
            .collect();
        if translations.len() < 10 {
            return None;
        }
        let (translation_mean, translation_variance) = moments(&translations);
        let centres = centres(path, src.len());
        let mut random_mean = [0.0; 3];
        let mut variance = [0.0; 3];
        for (class, shapes) in [[(1, 1), (1, 1)], [(1, 2), (2, 1)], [(1, 3), (3, 1)]]
            .iter()
            .enumerate()
        {
            let samples = evidence.random_similarities(shapes, &centres, tgt.len(), class as u64);
            if samples.len() < 10 {
                return None;
            }
            let (mean, random_variance) = moments(&samples);
            random_mean[class] = mean;
            variance[class] = ((random_variance + translation_variance) / 2.0).max(1e-6);
        }
        evidence.calibration = Calibration {
            translation_mean,
            random_mean,
            variance,
        };
        Some(evidence)
    }

    /// Makes room for the dot products of each source sentence with the
    /// target sentences within [`CACHE_WIDTH`] of the path.
    fn fill_cache(&mut self, path: &[Bead], n: usize, m: usize) {
        let centres = centres(path, n);
        let cache = self.cache.get_mut();
        for &centre in &centres {
            let lo = centre.saturating_sub(CACHE_WIDTH);
            let hi = (centre + CACHE_WIDTH).min(m);
            self.cache_lo.push(lo);
            cache.push(vec![(f32::NAN, f32::NAN); hi - lo]);
        }
    }

    fn pair_dots(&self, i: usize, j: usize) -> (f32, f32) {
        (
            dot(&self.src_translated[i], &self.tgt_own[j]),
            dot(&self.src_own[i], &self.tgt_translated[j]),
        )
    }

    fn cached(&self, i: usize, j: usize) -> (f32, f32) {
        let Some(k) = j.checked_sub(self.cache_lo[i]) else {
            return self.pair_dots(i, j);
        };
        let mut cache = self.cache.borrow_mut();
        match cache[i].get_mut(k) {
            Some(slot) if !slot.0.is_nan() => *slot,
            Some(slot) => {
                *slot = self.pair_dots(i, j);
                *slot
            }
            None => self.pair_dots(i, j),
        }
    }

    /// Σ over a group's sentence pairs of `near` dots: its squared norms.
    fn group_norms(
        near: &[Vec<(f32, f32)>],
        own: &[Sparse],
        translated: &[Sparse],
        range: Range<usize>,
    ) -> (f64, f64) {
        let (mut own_norm, mut translated_norm) = (0.0, 0.0);
        for a in range.clone() {
            for b in range.clone().filter(|&b| b >= a) {
                let (o, t) = near[a].get(b - a).copied().unwrap_or_else(|| {
                    (dot(&own[a], &own[b]), dot(&translated[a], &translated[b]))
                });
                let twice = if a == b { 1.0 } else { 2.0 };
                own_norm += twice * o as f64;
                translated_norm += twice * t as f64;
            }
        }
        (own_norm, translated_norm)
    }

    /// The mean of the two directions' cosines between the groups, or
    /// `None` when either group has no known words.
    fn similarity(&self, src: Range<usize>, tgt: Range<usize>) -> Option<f64> {
        let (src_own, src_translated) = Self::group_norms(
            &self.src_near,
            &self.src_own,
            &self.src_translated,
            src.clone(),
        );
        let (tgt_own, tgt_translated) = Self::group_norms(
            &self.tgt_near,
            &self.tgt_own,
            &self.tgt_translated,
            tgt.clone(),
        );
        if src_own <= 0.0 || src_translated <= 0.0 || tgt_own <= 0.0 || tgt_translated <= 0.0 {
            return None;
        }
        let (mut forward, mut backward) = (0.0, 0.0);
        for i in src {
            for j in tgt.clone() {
                let (f, b) = self.cached(i, j);
                forward += f as f64;
                backward += b as f64;
            }
        }
        let forward = forward / (src_translated * tgt_own).sqrt();
        let backward = backward / (src_own * tgt_translated).sqrt();
        Some((forward + backward) / 2.0)
    }

    /// Similarities of random groups of the given shapes, away from the path.
    fn random_similarities(
        &self,
        shapes: &[(usize, usize); 2],
        centres: &[usize],
        m: usize,
        seed: u64,
    ) -> Vec<f64> {
        let n = centres.len();
        let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ seed;
        let mut next = |bound: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % bound.max(1)
        };
        let mut samples = Vec::new();
        for k in 0..RANDOM_SAMPLES * 4 {
            if samples.len() >= RANDOM_SAMPLES {
                break;
            }
            let (a, b) = shapes[k % 2];
            if n < a || m < b {
                continue;
            }
            let i = next(n - a + 1);
            let j = next(m - b + 1);
            if j.abs_diff(centres[i]) <= RANDOM_EXCLUSION.min(m / 2) {
                continue; // near the path: possibly a translation
            }
            samples.extend(self.similarity(i..i + a, j..j + b));
        }
        samples
    }
}

impl Evidence for Translation {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let class = (src.len() + tgt.len()).saturating_sub(2).min(2);
        let Some(similarity) = self.similarity(src, tgt) else {
            return 0.0;
        };
        let c = &self.calibration;
        let (mu1, mu0, variance) = (c.translation_mean, c.random_mean[class], c.variance[class]);
        let llr = (mu1 - mu0) / variance * (similarity - (mu0 + mu1) / 2.0);
        -llr.clamp(-MAX_COST, MAX_COST)
    }
}

/// Each sentence's match tokens as ids, keeping tokens seen at least twice
/// in the document; and how many ids there are.
fn tokenize(sentences: &[&str]) -> (Vec<Vec<u32>>, HashMap<String, u32>) {
    let read = Interned::new(sentences.iter().map(|s| match_tokens(s)));
    let frequency = read.occurrences();
    let Interned {
        ids: interned,
        rows,
    } = read;
    // Final ids for the tokens seen at least twice, in order of first
    // appearance among them: deterministic.
    let mut final_id: Vec<u32> = vec![u32::MAX; frequency.len()];
    let mut count = 0u32;
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut kept: Vec<u32> = row
                .into_iter()
                .filter(|&t| frequency[t as usize] >= 2)
                .map(|t| {
                    if final_id[t as usize] == u32::MAX {
                        final_id[t as usize] = count;
                        count += 1;
                    }
                    final_id[t as usize]
                })
                .collect();
            kept.shrink_to_fit();
            kept
        })
        .collect();
    let ids = interned
        .into_iter()
        .filter(|&(_, t)| final_id[t as usize] != u32::MAX)
        .map(|(token, t)| (token, final_id[t as usize]))
        .collect();
    (rows, ids)
}

/// The dictionary's entries as training pairs of word ids: each side keeps
/// the tokens the document has ids for, and an entry with nothing left on
/// either side says nothing about this document.
fn dictionary_pairs(
    dictionary: &Dictionary,
    src_ids: &HashMap<String, u32>,
    tgt_ids: &HashMap<String, u32>,
) -> Vec<(Vec<u32>, Vec<u32>)> {
    let known = |phrase: &str, ids: &HashMap<String, u32>| -> Vec<u32> {
        match_tokens(phrase)
            .iter()
            .filter_map(|t| ids.get(t).copied())
            .collect()
    };
    dictionary
        .entries()
        .iter()
        .map(|(source, target)| (known(source, src_ids), known(target, tgt_ids)))
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .collect()
}

/// Each token's inverse document frequency, ln(sentences / sentences with
/// it): tokens in every sentence (的, the) say nothing about which sentence
/// translates which, and would make every pair look alike.
fn idf(sentences: &[Vec<u32>], vocabulary: u32) -> Vec<f32> {
    let mut frequency = vec![0u32; vocabulary as usize];
    for sentence in sentences {
        let mut seen: Vec<u32> = sentence.clone();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            frequency[t as usize] += 1;
        }
    }
    let n = sentences.len().max(1) as f32;
    frequency
        .iter()
        .map(|&df| (n / df.max(1) as f32).ln().max(0.0))
        .collect()
}

/// Token counts weighted by idf, as a sparse vector sorted by id.
fn bag(tokens: &[u32], idf: &[f32]) -> Sparse {
    let mut counts: FxHashMap<u32, f32> = FxHashMap::default();
    for &t in tokens {
        *counts.entry(t).or_insert(0.0) += idf[t as usize];
    }
    sorted(counts)
}

/// The sum of t(· | f) over a sentence's tokens, weighted by the idf of the
/// translations, cut to its [`TRANSLATED_KEEP`] heaviest entries.
fn translate(tokens: &[u32], table: &TranslationTable, idf: &[f32]) -> Sparse {
    let mut sum: FxHashMap<u32, f32> = FxHashMap::default();
    for &f in tokens {
        for &(e, p) in table.translations(f) {
            *sum.entry(e).or_insert(0.0) += p * idf[e as usize];
        }
    }
    let mut vector: Sparse = sum.into_iter().collect();
    if vector.len() > TRANSLATED_KEEP {
        // The heaviest, ties by id: deterministic.
        vector.select_nth_unstable_by(TRANSLATED_KEEP, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        });
        vector.truncate(TRANSLATED_KEEP);
        vector.shrink_to_fit();
    }
    vector.sort_unstable_by_key(|&(id, _)| id);
    vector
}

fn sorted(map: FxHashMap<u32, f32>) -> Sparse {
    let mut vector: Sparse = map.into_iter().collect();
    vector.sort_unstable_by_key(|&(id, _)| id);
    vector
}

fn dot(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    sum
}

/// `near[i][d]` for d in 0..=max_many: dots of sentence i with sentence i+d.
fn near_dots(own: &[Sparse], translated: &[Sparse], max_many: usize) -> Vec<Vec<(f32, f32)>> {
    (0..own.len())
        .map(|i| {
            (i..(i + max_many + 1).min(own.len()))
                .map(|k| (dot(&own[i], &own[k]), dot(&translated[i], &translated[k])))
                .collect()
        })
        .collect()
}

/// For each source sentence, the target position the path puts it at.
fn centres(path: &[Bead], n: usize) -> Vec<usize> {
    let mut centres = vec![0; n];
    for bead in path {
        for i in bead.src.clone() {
            centres[i] = bead.tgt.start;
        }
    }
    centres
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_dot_products() {
        assert_eq!(
            dot(
                &vec![(1, 2.0), (3, 1.0)],
                &vec![(1, 3.0), (2, 5.0), (3, 4.0)]
            ),
            10.0
        );
        assert_eq!(dot(&vec![], &vec![(1, 1.0)]), 0.0);
    }

    /// A small parallel text: function words common to every sentence, and
    /// three content words per sentence drawn from a vocabulary of 60, each
    /// translated by its own word on the other side.
    fn corpus(n: usize) -> (Vec<String>, Vec<String>, Vec<Bead>) {
        let mut state = 11u64;
        let mut draw = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % 60
        };
        let mut src = Vec::new();
        let mut tgt = Vec::new();
        for _ in 0..n {
            let words: Vec<u64> = (0..3).map(|_| draw()).collect();
            let content = |prefix: &str| {
                words
                    .iter()
                    .map(|w| format!("{prefix}{w}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            src.push(format!("der {} und das", content("wort")));
            tgt.push(format!("the {} and the", content("word")));
        }
        let path = (0..n)
            .map(|i| Bead {
                src: i..i + 1,
                tgt: i..i + 1,
                cost: 0.0,
            })
            .collect();
        (src, tgt, path)
    }

    #[test]
    fn translations_cost_less_than_random_pairs_and_joins() {
        let (src, tgt, path) = corpus(120);
        let src: Vec<&str> = src.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let evidence = Translation::train(&src, &tgt, &path, 5, None).expect("enough pairs");
        let right = evidence.cost(10..11, 10..11);
        let wrong = evidence.cost(10..11, 11..12);
        let joined = evidence.cost(10..11, 10..12);
        assert!(right < 0.0, "{right}");
        assert!(right < wrong, "{right} {wrong}");
        assert!(
            right < joined,
            "a true 1-1 pair is not swallowed by a join: {right} {joined}"
        );
    }

    #[test]
    fn a_dictionary_decides_what_the_document_cannot() {
        // "red" and "car" always come together, as do 红 and 车: the
        // document alone cannot tell which translates which.
        let src = ["红 车", "红 车 快", "快 船"];
        let tgt = ["red car", "red car fast", "fast boat"];
        let (_, src_ids) = tokenize(&src);
        let (_, tgt_ids) = tokenize(&tgt);
        let pairs = |dictionary: Option<&Dictionary>| {
            let mut pairs: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
            for (s, t) in src.iter().zip(&tgt) {
                let ids = |text: &str, map: &HashMap<String, u32>| -> Vec<u32> {
                    match_tokens(text)
                        .iter()
                        .filter_map(|w| map.get(w).copied())
                        .collect()
                };
                pairs.push((ids(s, &src_ids), ids(t, &tgt_ids)));
            }
            if let Some(d) = dictionary {
                pairs.extend(dictionary_pairs(d, &src_ids, &tgt_ids));
            }
            pairs
        };
        let t = |table: &TranslationTable, f: &str, e: &str| {
            table
                .translations(src_ids[f])
                .iter()
                .find(|&&(id, _)| id == tgt_ids[e])
                .map_or(0.0, |&(_, p)| p)
        };
        let vocabulary = (src_ids.len() as u32, tgt_ids.len() as u32);
        let (alone, _) = train(&pairs(None), vocabulary.0, vocabulary.1, 5);
        assert!((t(&alone, "红", "red") - t(&alone, "红", "car")).abs() < 1e-3);

        let dictionary = Dictionary::parse("红\tred\n船\tunknown word\n").unwrap();
        // Only entries with document words on both sides become pairs.
        assert_eq!(dictionary_pairs(&dictionary, &src_ids, &tgt_ids).len(), 1);
        let (primed, _) = train(&pairs(Some(&dictionary)), vocabulary.0, vocabulary.1, 5);
        assert!(t(&primed, "红", "red") > 2.0 * t(&primed, "红", "car"));
        assert!(t(&primed, "车", "car") > t(&primed, "车", "red"));
    }

    #[test]
    fn too_little_text_trains_nothing() {
        let (src, tgt, path) = corpus(20);
        let src: Vec<&str> = src.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = tgt.iter().map(String::as_str).collect();
        assert!(Translation::train(&src, &tgt, &path, 5, None).is_none());
    }
}
