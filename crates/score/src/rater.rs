//! One rating for every pair, whoever made it: the aligner's beads and the
//! units of a memory read from a file go through the same checks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tandem_align::{Bead, LengthModel};

use crate::{
    ContentOptions, Flag, FlagKind, MemoryChecks, Score, Thresholds, check_content, score,
};

/// The content flags of pairs already checked, by their texts (source,
/// target): for a caller that rates the same document again and again, as
/// a review does after each edit. The content checks depend on the texts
/// and the languages alone, and identifying a language is the dearest of
/// them.
pub type ContentCache = Arc<Mutex<HashMap<(String, String), Vec<Flag>>>>;

/// Rates pairs one after another, in the order they are written or read:
/// the alignment flags and confidence of [`score`], the content flags of
/// [`check_content`], and the memory flags of [`MemoryChecks`] against the
/// pairs rated before.
#[derive(Debug)]
pub struct PairRater {
    model: LengthModel,
    thresholds: Thresholds,
    content: ContentOptions,
    languages: (String, String),
    memory: MemoryChecks,
    paragraphs: bool,
    cache: Option<ContentCache>,
}

impl PairRater {
    /// A rater of pairs in the languages `languages` (source, target: BCP
    /// 47 tags as written), whose lengths relate as `model` says.
    pub fn new(model: LengthModel, thresholds: Thresholds, languages: (&str, &str)) -> PairRater {
        PairRater {
            model,
            thresholds,
            content: ContentOptions::default(),
            languages: (languages.0.to_string(), languages.1.to_string()),
            memory: MemoryChecks::new(),
            paragraphs: false,
            cache: None,
        }
    }

    /// The same, taking content flags from `cache` where it has them and
    /// keeping there those it finds (for the same languages only).
    pub fn with_cache(self, cache: ContentCache) -> PairRater {
        PairRater {
            cache: Some(cache),
            ..self
        }
    }

    /// The same for paragraph pairs, which hold several sentences a side by
    /// nature: `many-to-many` is not flagged.
    pub fn for_paragraphs(self) -> PairRater {
        PairRater {
            paragraphs: true,
            ..self
        }
    }

    /// Rates bead `number` (1-based) of an alignment, whose sides read
    /// `source` and `target`, with its `posterior` ([`score`]). A bead with
    /// an empty side is a sentence left unaligned, not a pair: it gets its
    /// alignment flags only, and the memory does not remember it.
    pub fn rate_bead(
        &mut self,
        number: usize,
        bead: &Bead,
        posterior: f64,
        source: &str,
        target: &str,
    ) -> Score {
        let mut rating = self.alignment_score(bead, posterior, source, target);
        if !bead.is_null() {
            self.check(&mut rating, number, (source, target), (source, target));
        }
        rating
    }

    /// Rates unit `number` (1-based) of a memory, which has no posterior:
    /// its confidence is the fit of its lengths to the model ([`score`]).
    /// Every unit is a pair of the memory, so even one with an empty side is
    /// checked against the others.
    pub fn rate_unit(&mut self, number: usize, source: &str, target: &str) -> Score {
        self.rate_unit_at(number, source, target, f64::NAN)
    }

    /// [`PairRater::rate_unit`] with the unit's `posterior` as a bead of
    /// the memory's own path ([`tandem_align::rate_pairs`]: meaning, words
    /// and lengths against the unit's neighbours): the confidence is that
    /// posterior times the fit of the unit's own lengths, two views of
    /// whether it is right taken as independent. NaN for the fit of the
    /// lengths alone.
    pub fn rate_unit_at(
        &mut self,
        number: usize,
        source: &str,
        target: &str,
        posterior: f64,
    ) -> Score {
        self.rate_unit_with_codes_at(number, (source, target), (source, target), posterior)
    }

    /// [`PairRater::rate_unit_at`] of a unit whose segments hold inline
    /// codes: `plain` (codes left out) is what the pair is rated and
    /// checked on, `written` (codes as their native text) what duplicates
    /// and conflicts compare, so that a segment that lost its codes is not
    /// the same as one that has them.
    pub fn rate_unit_with_codes_at(
        &mut self,
        number: usize,
        (source, target): (&str, &str),
        written: (&str, &str),
        posterior: f64,
    ) -> Score {
        let bead = Bead {
            src: 0..usize::from(!source.trim().is_empty()),
            tgt: 0..usize::from(!target.trim().is_empty()),
            cost: 0.0,
        };
        let mut rating = self.alignment_score(&bead, f64::NAN, source, target);
        if !posterior.is_nan() && !bead.is_null() {
            rating.confidence *= posterior.clamp(0.0, 1.0);
            rating.flags.retain(|f| f.kind != FlagKind::Weak);
            if rating.confidence < self.thresholds.weak {
                rating.flags.push(crate::Flag::new(
                    FlagKind::Weak,
                    format!(
                        "confidence {:.2} is below {:.2}: its meaning, words and lengths make this pair more likely wrong than right",
                        rating.confidence, self.thresholds.weak
                    ),
                ));
            }
        }
        self.check(&mut rating, number, (source, target), written);
        rating
    }

    fn alignment_score(&self, bead: &Bead, posterior: f64, source: &str, target: &str) -> Score {
        let mut rating = score(
            bead,
            posterior,
            tandem_text::length(source),
            tandem_text::length(target),
            &self.model,
            &self.thresholds,
        );
        if self.paragraphs {
            rating.flags.retain(|f| f.kind != FlagKind::ManyToMany);
        }
        rating
    }

    /// Adds the content flags (of the plain texts) and the memory flags (of
    /// the texts as written).
    fn check(
        &mut self,
        rating: &mut Score,
        number: usize,
        (source, target): (&str, &str),
        written: (&str, &str),
    ) {
        let (src_lang, tgt_lang) = &self.languages;
        let check = || check_content(source, target, src_lang, tgt_lang, &self.content);
        let content = match &self.cache {
            Some(cache) => {
                let key = (source.to_string(), target.to_string());
                let known = cache.lock().ok().and_then(|c| c.get(&key).cloned());
                known.unwrap_or_else(|| {
                    let found = check();
                    if let Ok(mut cache) = cache.lock() {
                        cache.insert(key, found.clone());
                    }
                    found
                })
            }
            None => check(),
        };
        rating.flags.extend(content);
        rating
            .flags
            .extend(self.memory.check(number, written.0, written.1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: LengthModel = LengthModel {
        ratio: 1.0,
        variance: 6.8,
    };

    fn ids(score: &Score) -> Vec<&'static str> {
        score.flags.iter().map(|f| f.kind.id()).collect()
    }

    fn bead(src: std::ops::Range<usize>, tgt: std::ops::Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            cost: 0.0,
        }
    }

    #[test]
    fn a_bead_gets_alignment_content_and_memory_flags() {
        let mut rater = PairRater::new(MODEL, Thresholds::default(), ("en", "de"));
        let first = rater.rate_bead(
            1,
            &bead(0..1, 0..1),
            0.9,
            "It costs 500 euros.",
            "Es kostet 500 Euro.",
        );
        assert!(first.flags.is_empty(), "{first:?}");
        assert_eq!(first.confidence, 0.9);
        // The number differs; the same source came before with another target.
        let second = rater.rate_bead(
            2,
            &bead(1..2, 1..2),
            0.3,
            "It costs 500 euros.",
            "Es kostet 600 Euro.",
        );
        assert_eq!(ids(&second), ["weak", "numbers-differ", "source-conflict"]);
        assert!(second.flags[2].message.contains("unit 1"));
        // The same pair again: a duplicate of the first.
        let third = rater.rate_bead(
            3,
            &bead(2..4, 2..4),
            0.9,
            "It costs 500 euros.",
            "Es kostet 500 Euro.",
        );
        assert_eq!(ids(&third), ["many-to-many", "duplicate"]);
    }

    #[test]
    fn a_null_bead_is_not_a_pair_of_the_memory() {
        let mut rater = PairRater::new(MODEL, Thresholds::default(), ("en", "de"));
        let null = rater.rate_bead(1, &bead(0..1, 0..0), 0.8, "Only in English, 5 times.", "");
        assert_eq!(ids(&null), ["empty-side"]);
        // Not remembered: the same source later is no conflict.
        let pair = rater.rate_bead(
            2,
            &bead(1..2, 0..1),
            0.9,
            "Only in English, 5 times.",
            "Nur auf Englisch, 5 Mal.",
        );
        assert!(pair.flags.is_empty(), "{pair:?}");
    }

    #[test]
    fn a_unit_of_a_memory_is_rated_by_its_lengths_and_always_remembered() {
        let mut rater = PairRater::new(MODEL, Thresholds::default(), ("en", "de"));
        let fit = rater.rate_unit(7, "Good morning.", "Guten Morgen.");
        assert!(fit.confidence > 0.9 && fit.flags.is_empty(), "{fit:?}");
        let empty = rater.rate_unit(8, "Good evening.", " ");
        assert_eq!(ids(&empty), ["empty-side", "weak"]);
        let again = rater.rate_unit(9, "Good evening.", " ");
        assert_eq!(ids(&again), ["empty-side", "weak", "duplicate"]);
        assert!(again.flags[2].message.contains("unit 8"));
    }

    #[test]
    fn paragraphs_are_many_to_many_by_nature() {
        let mut rater = PairRater::new(MODEL, Thresholds::default(), ("en", "de")).for_paragraphs();
        let score = rater.rate_bead(
            1,
            &bead(0..3, 0..2),
            0.9,
            "One. Two. Three.",
            "Eins. Zwei, drei.",
        );
        assert!(score.flags.is_empty(), "{score:?}");
    }
}
