//! A synthetic bilingual corpus for benchmarks, made deterministically: a
//! Zipfian vocabulary of 5,000 words with a fixed word-for-word translation,
//! so that the translation model has real work; a source in Latin letters and
//! a target in Chinese characters (two per word); sentences of 5 to 35 words;
//! beads 80% 1-1, 8% 1-2, 7% 2-1, 3% 1-0, 2% 0-1; in translation, one word in
//! twenty dropped and one in twenty replaced.

use std::ops::Range;

/// A deterministic generator (64-bit LCG).
pub struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const VOCABULARY: usize = 5000;

/// Cumulative Zipf weights (exponent 1) over the vocabulary.
pub fn zipf() -> Vec<f64> {
    let mut sum = 0.0;
    (1..=VOCABULARY)
        .map(|rank| {
            sum += 1.0 / rank as f64;
            sum
        })
        .collect()
}

fn word(random: &mut Random, cumulative: &[f64]) -> usize {
    let total = cumulative[cumulative.len() - 1];
    let target = random.below(1 << 30) as f64 / (1u64 << 30) as f64 * total;
    cumulative
        .partition_point(|&c| c < target)
        .min(VOCABULARY - 1)
}

fn source_word(id: usize) -> String {
    // Pronounceable and distinct: consonant-vowel syllables from the id.
    let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "pe", "du"];
    let mut id = id + 10;
    let mut word = String::new();
    while id > 0 {
        word.push_str(syllables[id % 10]);
        id /= 10;
    }
    word
}

fn target_word(id: usize) -> String {
    let base = 0x4E00 + (id * 2) % 20000;
    [base, base + 1]
        .iter()
        .filter_map(|&c| char::from_u32(c as u32))
        .collect()
}

/// A synthetic document pair: source sentences, target sentences, and the
/// true alignment as (source sentences, target sentences) per bead.
pub type Corpus = (Vec<String>, Vec<String>, Vec<(Range<usize>, Range<usize>)>);

/// About `n` sentences per side.
pub fn corpus(n: usize, seed: u64) -> Corpus {
    let mut random = Random(seed);
    let cumulative = zipf();
    let sentence = |random: &mut Random| -> Vec<usize> {
        let length = 5 + random.below(31) as usize;
        (0..length).map(|_| word(random, &cumulative)).collect()
    };
    let render_source = |words: &[usize]| -> String {
        let mut text: Vec<String> = words.iter().map(|&w| source_word(w)).collect();
        if let Some(first) = text.first_mut() {
            *first = first[..1].to_uppercase() + &first[1..];
        }
        text.join(" ") + "."
    };
    let translate = |random: &mut Random, words: &[usize]| -> String {
        let mut text = String::new();
        for &w in words {
            if random.chance(5) {
                continue; // dropped
            }
            let w = if random.chance(5) {
                (w * 7 + 3) % VOCABULARY
            } else {
                w
            }; // replaced
            text.push_str(&target_word(w));
        }
        text + "。"
    };
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    let mut truth = Vec::new();
    while src.len() < n {
        let (i, j) = (src.len(), tgt.len());
        let kind = random.below(100);
        if kind < 80 {
            let s = sentence(&mut random);
            src.push(render_source(&s));
            tgt.push(translate(&mut random, &s));
        } else if kind < 88 {
            let s = sentence(&mut random);
            let cut = s.len() / 2;
            src.push(render_source(&s));
            tgt.push(translate(&mut random, &s[..cut]));
            tgt.push(translate(&mut random, &s[cut..]));
        } else if kind < 95 {
            let (a, b) = (sentence(&mut random), sentence(&mut random));
            src.push(render_source(&a));
            src.push(render_source(&b));
            tgt.push(translate(&mut random, &[a, b].concat()));
        } else if kind < 98 {
            let s = sentence(&mut random);
            src.push(render_source(&s));
        } else {
            let s = sentence(&mut random);
            tgt.push(translate(&mut random, &s));
        }
        truth.push((i..src.len(), j..tgt.len()));
    }
    (src, tgt, truth)
}
