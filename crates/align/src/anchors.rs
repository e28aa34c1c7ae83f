//! Anchors: what a sentence and its translation share without a dictionary.
//!
//! A sentence's anchors are its numbers (as values: `1,100` = `一千一百`),
//! its words outside Chinese and Japanese script (`CPC` inside a Chinese
//! sentence, names, codes, URLs), between languages of one script its
//! cognates (words of six letters or more, accents folded, cut to five:
//! `expédition` and `Expedition` agree), and its structural punctuation
//! (questions, quotes, colons, brackets). Only anchors that occur on both
//! sides somewhere in the document count.
//!
//! Every occurrence of an anchor is either matched in its bead or left
//! unmatched, so the evidence is conserved along a path. A match earns
//! ln(P(kept | translation) / P(shared | random pair)) and a miss costs
//! ln(P(missing | random pair) / P(dropped | translation)), with each
//! anchor's chance of appearing in a random sentence from its document
//! frequency. Rewards are capped, so that one shared number cannot pair two
//! sentences on its own.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;

use tandem_text::{ScriptCounts, fold_accents, numbers, punctuation, words};

use crate::intern::Interned;
use crate::search::Evidence;

/// How often a translation keeps an anchor of its original.
const KEPT: f64 = 0.75;

/// The largest reward for one matched anchor, in nats.
const MAX_REWARD: f64 = 3.0;

/// Counts of anchor ids, sorted by id.
type Features = Vec<(u32, u16)>;

/// Anchor evidence over the sentences of one document pair.
pub struct Anchors {
    src: Vec<Features>,
    tgt: Vec<Features>,
    reward: Vec<f64>,
    penalty: Vec<f64>,
    scratch: RefCell<(Features, Features)>,
}

impl Anchors {
    /// The anchors of every sentence of both sides.
    pub fn new(src: &[&str], tgt: &[&str]) -> Anchors {
        let same_script = dominant(src) == dominant(tgt);
        // Each side's keys, each distinct key stored once, and each key's
        // document frequency.
        let intern = |sentences: &[&str]| {
            let interned = Interned::new(sentences.iter().map(|s| keys(s, same_script)));
            let df = interned.row_frequencies();
            (interned.ids, df, interned.rows)
        };
        let (src_keys, src_df, src_rows) = intern(src);
        let (tgt_keys, tgt_df, tgt_rows) = intern(tgt);
        // Ids for the anchors found on both sides, in a fixed order (by key).
        let shared: BTreeMap<&String, (u32, u32)> = src_keys
            .iter()
            .filter_map(|(key, &s)| tgt_keys.get(key).map(|&t| (key, (s, t))))
            .collect();
        let mut src_shared = vec![u32::MAX; src_df.len()];
        let mut tgt_shared = vec![u32::MAX; tgt_df.len()];
        let (n_src, n_tgt) = (src.len().max(1) as f64, tgt.len().max(1) as f64);
        let (mut reward, mut penalty) = (Vec::new(), Vec::new());
        for (id, &(s, t)) in shared.values().enumerate() {
            src_shared[s as usize] = id as u32;
            tgt_shared[t as usize] = id as u32;
            let (s, t) = (src_df[s as usize], tgt_df[t as usize]);
            let chance = (s as f64 / n_src + t as f64 / n_tgt) / 2.0;
            reward.push((KEPT / chance).ln().clamp(0.0, MAX_REWARD));
            penalty.push(((1.0 - chance).max(1e-6) / (1.0 - KEPT)).ln().max(0.0));
        }
        let features = |rows: &[Vec<u32>], shared: &[u32]| -> Vec<Features> {
            rows.iter()
                .map(|row| {
                    let mut counts: BTreeMap<u32, u16> = BTreeMap::new();
                    for &key in row {
                        let id = shared[key as usize];
                        if id != u32::MAX {
                            *counts.entry(id).or_insert(0) += 1;
                        }
                    }
                    counts.into_iter().collect()
                })
                .collect()
        };
        Anchors {
            src: features(&src_rows, &src_shared),
            tgt: features(&tgt_rows, &tgt_shared),
            reward,
            penalty,
            scratch: RefCell::new((Vec::new(), Vec::new())),
        }
    }

    /// How many anchors the two sides share (different anchors, not
    /// occurrences).
    pub fn shared(&self) -> usize {
        self.reward.len()
    }
}

/// The script most of a side is written in.
fn dominant(sentences: &[&str]) -> Option<tandem_text::Script> {
    let sample: String = sentences.iter().take(200).copied().collect();
    ScriptCounts::of(&sample).dominant()
}

/// The anchor keys of one sentence, before the document decides which count.
fn keys(sentence: &str, same_script: bool) -> Vec<String> {
    let mut keys: Vec<String> = numbers(sentence)
        .iter()
        .map(|n| number_key(n.value))
        .collect();
    for word in words(sentence) {
        if word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            continue; // numbers are keyed by value
        }
        // French and Italian elide articles into the word: l'expédition.
        let word = match word.split_once('\'') {
            Some((article, rest)) if article.chars().count() <= 2 && !rest.is_empty() => {
                rest.to_string()
            }
            _ => word,
        };
        let folded = fold_accents(&word);
        if same_script && folded.chars().count() >= 6 {
            keys.push(format!("c{}", folded.chars().take(5).collect::<String>()));
        } else if word.chars().count() >= 2 {
            keys.push(format!("w{word}"));
        }
    }
    keys.extend(punctuation(sentence).iter().map(|p| format!("p{p:?}")));
    keys
}

fn number_key(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("n{}", value as i64)
    } else {
        format!("n{value:.6}")
    }
}

/// The counts of a group of sentences, merged and sorted by id.
fn gather(features: &[Features], range: Range<usize>, out: &mut Features) {
    out.clear();
    for sentence in &features[range] {
        out.extend_from_slice(sentence);
    }
    out.sort_unstable_by_key(|&(id, _)| id);
    out.dedup_by(|next, kept| {
        if next.0 == kept.0 {
            kept.1 += next.1;
            true
        } else {
            false
        }
    });
}

impl Evidence for Anchors {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        if self.src[src.clone()].iter().all(Vec::is_empty)
            && self.tgt[tgt.clone()].iter().all(Vec::is_empty)
        {
            return 0.0;
        }
        let mut scratch = self.scratch.borrow_mut();
        let (a, b) = &mut *scratch;
        gather(&self.src, src, a);
        gather(&self.tgt, tgt, b);
        let (mut i, mut j, mut cost) = (0, 0, 0.0);
        while i < a.len() || j < b.len() {
            let key_a = a.get(i).map_or(u32::MAX, |x| x.0);
            let key_b = b.get(j).map_or(u32::MAX, |x| x.0);
            if key_a == key_b {
                let (ca, cb) = (a[i].1 as f64, b[j].1 as f64);
                let id = key_a as usize;
                cost += -self.reward[id] * ca.min(cb) + self.penalty[id] * (ca - cb).abs();
                i += 1;
                j += 1;
            } else if key_a < key_b {
                cost += self.penalty[key_a as usize] * a[i].1 as f64;
                i += 1;
            } else {
                cost += self.penalty[key_b as usize] * b[j].1 as f64;
                j += 1;
            }
        }
        cost
    }

    fn null_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let unmatched = |features: &[Features]| -> f64 {
            features
                .iter()
                .flatten()
                .map(|&(id, count)| self.penalty[id as usize] * count as f64)
                .sum()
        };
        unmatched(&self.src[src]) + unmatched(&self.tgt[tgt])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_latin_words_anchor_chinese_to_english() {
        let zh = [
            "改造老旧管线1100公里。",
            "中共中央CPC召开会议。",
            "天气很好。",
        ];
        let en = [
            "Rehabilitate 1,100 kilometers of pipelines.",
            "The CPC Central Committee met.",
            "The weather is fine.",
        ];
        let anchors = Anchors::new(&zh, &en);
        assert_eq!(anchors.shared(), 2, "1100 and cpc");
        assert!(anchors.cost(0..1, 0..1) < 0.0);
        assert!(anchors.cost(1..2, 1..2) < 0.0);
        // Crossed, each anchor is unmatched twice.
        assert!(anchors.cost(0..1, 1..2) > 0.0);
        assert_eq!(anchors.cost(2..3, 2..3), 0.0);
        // Left alone, an anchored sentence pays for its unmatched anchor.
        assert!(anchors.null_cost(0..1, 0..0) > 0.0);
        assert_eq!(anchors.null_cost(2..3, 0..0), 0.0);
    }

    #[test]
    fn evidence_is_conserved_along_a_path() {
        let zh = ["增长5%。", "投资2000亿元。"];
        let en = ["Growth was 5%.", "Investment was 200 billion yuan."];
        let anchors = Anchors::new(&zh, &en);
        let right = anchors.cost(0..1, 0..1) + anchors.cost(1..2, 1..2);
        let merged = anchors.cost(0..2, 0..2);
        let wrong = anchors.null_cost(0..1, 0..0)
            + anchors.cost(1..2, 0..1)
            + anchors.null_cost(2..2, 1..2);
        assert!(
            (right - merged).abs() < 1e-9,
            "the same matches, grouped differently"
        );
        assert!(wrong > right);
    }

    #[test]
    fn a_lone_shared_number_is_capped() {
        let zh = ["第三次会议。"];
        let en = ["The third session."];
        let anchors = Anchors::new(&zh, &en);
        assert!(anchors.cost(0..1, 0..1) >= -MAX_REWARD);
    }

    #[test]
    fn cognates_between_languages_of_one_script() {
        let de = [
            "Die Expedition erreichte den Gipfel.",
            "Das Wetter war schlecht.",
        ];
        let fr = [
            "L'expédition atteignit le sommet.",
            "Le temps était mauvais.",
        ];
        let anchors = Anchors::new(&de, &fr);
        assert!(anchors.cost(0..1, 0..1) < anchors.cost(0..1, 1..2));
    }

    #[test]
    fn questions_and_quotes_count() {
        let zh = ["他问：“你去吗？”", "我们走了。"];
        let en = ["He asked: \"Are you going?\"", "We left."];
        let anchors = Anchors::new(&zh, &en);
        assert!(anchors.cost(0..1, 0..1) < 0.0);
        assert!(anchors.cost(0..1, 1..2) > 0.0);
    }
}
