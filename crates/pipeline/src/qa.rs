//! Checking a memory from anywhere: each unit's pair in the memory's
//! language pair, rated against the memory's own length relation.

use std::collections::BTreeMap;

use tandem_align::{LengthModel, Options, Sentences, rate_pairs};
use tandem_score::{Flag, FlagKind, PairRater, Score, Thresholds};
use tandem_tmx::{ReadError, ReadUnit, Variant};

use crate::SentenceEncoder;

/// Pairs the length relation is estimated from, at most.
pub const MAX_LENGTH_SAMPLE: usize = 100_000;

/// The length relation of a memory's pairs in `languages` (source, target
/// tags), from its first [`MAX_LENGTH_SAMPLE`] pairs with text on both
/// sides, robust to the wrong pairs it may hold
/// ([`LengthModel::estimate_robust`]).
pub fn length_model(
    units: impl IntoIterator<Item = Result<ReadUnit, ReadError>>,
    (src, tgt): (&str, &str),
) -> Result<LengthModel, ReadError> {
    let mut lengths: Vec<(f64, f64)> = Vec::new();
    for unit in units {
        let unit = unit?;
        if let (Some(s), Some(t)) = (unit.best_variant(src), unit.best_variant(tgt)) {
            let (l1, l2) = (tandem_text::length(&s.plain), tandem_text::length(&t.plain));
            if l1 > 0 && l2 > 0 {
                lengths.push((l1 as f64, l2 as f64));
            }
        }
        if lengths.len() >= MAX_LENGTH_SAMPLE {
            break;
        }
    }
    Ok(LengthModel::estimate_robust(&lengths))
}

/// Pairs a memory needs before its own models (the translation model, the
/// length model, the meaning baselines) say more about a pair than its
/// lengths alone: below this, [`memory_posteriors`] gives NaN for all.
pub const MIN_RATED_PAIRS: usize = 40;

/// The confidence of every pair of a memory read as it is: each pair's
/// posterior as a bead of the memory's own path, under the aligner's model
/// (length, anchors, a translation model self-trained on the memory, and
/// sentence meaning when `encoder` is given: [`rate_pairs`]). `pairs` are
/// the plain texts (inline codes left out), in file order; a pair with an
/// empty side gets NaN (its lengths alone then rate it), as does every pair
/// of a memory of fewer than [`MIN_RATED_PAIRS`] full pairs.
pub fn memory_posteriors(
    pairs: &[(String, String)],
    encoder: Option<&SentenceEncoder>,
) -> Vec<f64> {
    let full: Vec<usize> = (0..pairs.len())
        .filter(|&k| !pairs[k].0.trim().is_empty() && !pairs[k].1.trim().is_empty())
        .collect();
    let mut found = vec![f64::NAN; pairs.len()];
    if full.len() < MIN_RATED_PAIRS {
        return found;
    }
    let src: Vec<&str> = full.iter().map(|&k| pairs[k].0.as_str()).collect();
    let tgt: Vec<&str> = full.iter().map(|&k| pairs[k].1.as_str()).collect();
    let mut options = Options::default();
    options.embeddings = encoder.and_then(|e| e.embed(&src, &tgt, options.max_many));
    let meaning = options.embeddings.as_deref().map(meaning_fit);
    let one_paragraph = || std::iter::once(0..src.len()).collect::<Vec<_>>();
    let (src, tgt) = (
        Sentences {
            paragraphs: one_paragraph(),
            sentences: src.clone(),
        },
        Sentences {
            paragraphs: one_paragraph(),
            sentences: tgt,
        },
    );
    let rated = rate_pairs(&src, &tgt, &options);
    for (j, (&k, &posterior)) in full.iter().zip(&rated.posteriors).enumerate() {
        found[k] = posterior * meaning.as_ref().map_or(1.0, |m| m[j]);
    }
    found
}

/// Prior share of right pairs in a memory, for [`meaning_fit`].
const RIGHT_SHARE: f64 = 0.9;

/// For each pair `k` of `embeddings` (sentence `k` of each side), the
/// probability that it is a translation judged by its cosine alone: two
/// Gaussians, one of the memory's own pairs (median and scaled median
/// absolute deviation: robust to the wrong ones among them), one of pairs
/// made at random (each source with the target half the memory away), and
/// a prior of [`RIGHT_SHARE`]. What the posterior, which weighs a pair
/// against its neighbours, does not see: a target from elsewhere whose
/// neighbours fit it no better.
fn meaning_fit(embeddings: &tandem_align::PairEmbeddings) -> Vec<f64> {
    let n = embeddings.src.len().min(embeddings.tgt.len());
    let cosine = |i: usize, j: usize| -> f64 {
        match (embeddings.src.run(i..i + 1), embeddings.tgt.run(j..j + 1)) {
            (Some(a), Some(b)) => {
                let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
                let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
                f64::from(dot / (norm(a) * norm(b)).max(1e-12))
            }
            _ => f64::NAN,
        }
    };
    let matched: Vec<f64> = (0..n).map(|k| cosine(k, k)).collect();
    let random: Vec<f64> = (0..n).map(|k| cosine(k, (k + n / 2) % n)).collect();
    let median = |values: &[f64]| -> f64 {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let centre = median(&matched);
    let deviations: Vec<f64> = matched.iter().map(|c| (c - centre).abs()).collect();
    let spread = (1.4826 * median(&deviations)).max(0.02);
    let finite: Vec<f64> = random.iter().copied().filter(|v| v.is_finite()).collect();
    let mean = finite.iter().sum::<f64>() / finite.len().max(1) as f64;
    let variance =
        finite.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / finite.len().max(1) as f64;
    let random_spread = variance.sqrt().max(0.02);
    let density =
        |c: f64, mu: f64, sigma: f64| (-(c - mu).powi(2) / (2.0 * sigma * sigma)).exp() / sigma;
    // Right pairs' cosines have a heavy lower tail (a term the encoder does
    // not know, a free rendering): Student's t with 3 degrees of freedom,
    // the usual robust choice, rather than a Gaussian's thin one.
    let heavy = |c: f64, mu: f64, sigma: f64| {
        let z = (c - mu) / sigma;
        (1.0 + z * z / 3.0).powi(-2) / sigma
    };
    matched
        .iter()
        .map(|&c| {
            if !c.is_finite() || !centre.is_finite() {
                return 1.0;
            }
            // Above the memory's own centre a pair is as right as can be.
            let right = RIGHT_SHARE * heavy(c.min(centre), centre, spread);
            let wrong = (1.0 - RIGHT_SHARE) * density(c, mean, random_spread);
            right / (right + wrong)
        })
        .collect()
}

/// How many sentences each side of a unit holds, cut by the rules of its
/// language (`languages`: source and target tags).
pub fn sentence_counts((source, target): (&str, &str), languages: (&str, &str)) -> (usize, usize) {
    let count = |text: &str, language: &str| {
        tandem_segment::Segmenter::builtin(language)
            .split(text)
            .iter()
            .filter(|s| !s.trim().is_empty())
            .count()
    };
    (count(source, languages.0), count(target, languages.1))
}

/// Rates a memory's units one after another.
#[derive(Debug)]
pub struct MemoryCheck {
    languages: (String, String),
    rater: PairRater,
}

/// One unit's pair, rated.
#[derive(Debug)]
pub struct CheckedPair<'u> {
    /// The source variant.
    pub source: &'u Variant,
    /// The target variant.
    pub target: &'u Variant,
    /// Its rating, of the variants' plain text (inline codes left out).
    pub score: Score,
}

impl MemoryCheck {
    /// The unit's two variants in the check's languages, if it has both.
    pub fn pair<'u>(&self, unit: &'u ReadUnit) -> Option<(&'u Variant, &'u Variant)> {
        Some((
            unit.best_variant(&self.languages.0)?,
            unit.best_variant(&self.languages.1)?,
        ))
    }

    /// A check of pairs in `languages` (source, target tags as the memory
    /// writes them) against `model`.
    pub fn new(languages: (&str, &str), model: LengthModel, thresholds: Thresholds) -> MemoryCheck {
        MemoryCheck {
            languages: (languages.0.to_string(), languages.1.to_string()),
            rater: PairRater::new(model, thresholds, languages),
        }
    }

    /// The unit's pair, rated on its plain text ([`PairRater::rate_unit`]);
    /// `None` when the unit lacks either language.
    pub fn check<'u>(&mut self, unit: &'u ReadUnit) -> Option<CheckedPair<'u>> {
        self.check_at(unit, f64::NAN)
    }

    /// [`MemoryCheck::check`] with the unit's posterior as a bead of the
    /// memory's path ([`memory_posteriors`]), which gives its confidence.
    pub fn check_at<'u>(&mut self, unit: &'u ReadUnit, posterior: f64) -> Option<CheckedPair<'u>> {
        let (source, target) = self.pair(unit)?;
        // Rated on the plain texts; a unit is the same as another (duplicates,
        // conflicts) only with the same codes.
        let mut score = self.rater.rate_unit_with_codes_at(
            unit.number,
            (&source.plain, &target.plain),
            (&source.text, &target.text),
            posterior,
        );
        score
            .flags
            .extend(codes_differ(&source.codes, &target.codes));
        Some(CheckedPair {
            source,
            target,
            score,
        })
    }
}

/// A pair whose inline codes differ: a code of one kind (`bpt`, `ept`,
/// `ph` …) more often on one side than on the other, whatever their order
/// (a translation may move a tag; it may not lose or add one), as CAT
/// tools' tag verification checks.
pub(crate) fn codes_differ(source: &[String], target: &[String]) -> Option<Flag> {
    fn count(codes: &[String]) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for code in codes {
            *counts.entry(code.as_str()).or_default() += 1;
        }
        counts
    }
    let (src, tgt) = (count(source), count(target));
    if src == tgt {
        return None;
    }
    let more = |a: &BTreeMap<&str, usize>, b: &BTreeMap<&str, usize>| {
        a.iter()
            .filter_map(|(name, &n)| {
                let extra = n.saturating_sub(b.get(name).copied().unwrap_or(0));
                (extra > 0).then(|| format!("{extra} {name}"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    for (side, a, b) in [("source", &src, &tgt), ("target", &tgt, &src)] {
        let extra = more(a, b);
        if !extra.is_empty() {
            parts.push(format!("{extra} more in the {side}"));
        }
    }
    Some(Flag::new(
        FlagKind::PlaceholdersDiffer,
        format!("inline codes differ: {}", parts.join("; ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_tmx::TmxReader;

    const MEMORY: &str = r#"<tmx version="1.4"><header srclang="en"/><body>
<tu tuid="a"><prop type="x-confidence">0.1</prop><prop type="x-note">kept</prop><tuv xml:lang="en"><seg>The meeting starts at nine.</seg></tuv><tuv xml:lang="de-DE"><seg>Die Sitzung beginnt um neun.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The meeting starts at nine.</seg></tuv><tuv xml:lang="de-DE"><seg>Die Sitzung beginnt um zehn Uhr morgens, pünktlich.</seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv></tu>
</body></tmx>"#;

    fn units() -> Vec<ReadUnit> {
        TmxReader::new(MEMORY.as_bytes())
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn pairs_with_an_empty_side_say_nothing_of_lengths() {
        let unit = |k: usize, source: &str, target: &str| {
            let xml = format!(
                r#"<tmx><header/><body><tu><tuv xml:lang="en"><seg>{source}</seg></tuv><tuv xml:lang="de"><seg>{target}</seg></tuv></tu></body></tmx>"#
            );
            let mut unit = TmxReader::new(xml.as_bytes())
                .unwrap()
                .next()
                .unwrap()
                .unwrap();
            unit.number = k;
            unit
        };
        let full: Vec<ReadUnit> = (0..10)
            .map(|k| unit(k, &"a".repeat(10 + k), &"b".repeat(20 + 2 * k)))
            .collect();
        let model = length_model(full.clone().into_iter().map(Ok), ("en", "de")).unwrap();
        let mut with_empty = full;
        with_empty.extend((0..10).map(|k| unit(20 + k, "Some text.", "")));
        with_empty.extend((0..10).map(|k| unit(40 + k, "", "Etwas Text.")));
        assert_eq!(
            length_model(with_empty.into_iter().map(Ok), ("en", "de")).unwrap(),
            model
        );
        assert!((model.ratio - 2.0).abs() < 0.1, "{model:?}");
    }

    #[test]
    fn units_are_rated_in_the_memorys_pair() {
        let model = length_model(units().into_iter().map(Ok), ("en", "de")).unwrap();
        assert!((model.ratio - 1.0).abs() < 1.0, "{model:?}");
        let mut check = MemoryCheck::new(("en", "de"), model, Thresholds::default());
        let units = units();
        let first = check.check(&units[0]).unwrap();
        assert_eq!(first.target.text, "Die Sitzung beginnt um neun.");
        assert!(first.score.flags.is_empty(), "{:?}", first.score);
        let second = check.check(&units[1]).unwrap();
        let ids: Vec<&str> = second.score.flags.iter().map(|f| f.kind.id()).collect();
        assert!(ids.contains(&"source-conflict"), "{ids:?}");
        assert!(check.check(&units[2]).is_none());
    }

    #[test]
    fn checks_read_the_text_without_its_inline_codes() {
        let xml = r#"<tmx><header/><body><tu><tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b id="7"&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.</seg></tuv><tuv xml:lang="de"><seg>Klicken Sie auf <bpt i="1">&lt;b id="9"&gt;</bpt>Speichern<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu></body></tmx>"#;
        let unit = TmxReader::new(xml.as_bytes())
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        let mut check = MemoryCheck::new(
            ("en", "de"),
            LengthModel::default_for_ratio(1.2),
            Thresholds::default(),
        );
        let pair = check.check(&unit).unwrap();
        assert_eq!(pair.source.plain, "Click Save.");
        assert_eq!(
            pair.target.text,
            r#"Klicken Sie auf <b id="9">Speichern</b>."#
        );
        let ids: Vec<&str> = pair.score.flags.iter().map(|f| f.kind.id()).collect();
        assert!(!ids.contains(&"numbers-differ"), "{ids:?}");
        // The same codes, with other native ids: nothing to say of them.
        assert!(!ids.contains(&"placeholders-differ"), "{ids:?}");
    }

    #[test]
    fn inline_codes_lost_or_added_are_flagged() {
        let unit = |target: &str| {
            let xml = format!(
                r#"<tmx><header/><body><tu><tuv xml:lang="en"><seg>Press <ph x="1">&lt;br/&gt;</ph><bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> now.</seg></tuv><tuv xml:lang="de"><seg>{target}</seg></tuv></tu></body></tmx>"#
            );
            TmxReader::new(std::io::Cursor::new(xml.into_bytes()))
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
        };
        let mut check = MemoryCheck::new(
            ("en", "de"),
            LengthModel::default_for_ratio(1.2),
            Thresholds::default(),
        );
        let mut messages = |target: &str| -> Vec<String> {
            let unit = unit(target);
            let pair = check.check(&unit).unwrap();
            pair.score
                .flags
                .iter()
                .filter(|f| f.kind == FlagKind::PlaceholdersDiffer)
                .map(|f| f.message.clone())
                .collect()
        };
        // A unit that lost its codes is no duplicate of one that has them.
        let same = r#"Jetzt <bpt i="1">&lt;b&gt;</bpt>Speichern<ept i="1">&lt;/b&gt;</ept> drücken<ph x="1">&lt;br/&gt;</ph>."#;
        let flags = |number: usize, target: &str, check: &mut MemoryCheck| -> Vec<&'static str> {
            let mut unit = unit(target);
            unit.number = number;
            let pair = check.check(&unit).unwrap();
            pair.score.flags.iter().map(|f| f.kind.id()).collect()
        };
        let mut fresh = MemoryCheck::new(
            ("en", "de"),
            LengthModel::default_for_ratio(1.2),
            Thresholds::default(),
        );
        flags(1, "Jetzt Speichern drücken.", &mut fresh);
        let with_codes = flags(2, same, &mut fresh);
        assert!(!with_codes.contains(&"duplicate"), "{with_codes:?}");
        assert!(with_codes.contains(&"source-conflict"), "{with_codes:?}");
        let again = flags(3, "Jetzt Speichern drücken.", &mut fresh);
        assert!(again.contains(&"duplicate"), "{again:?}");
        // Moved codes are fine.
        assert_eq!(
            messages(
                r#"Jetzt <bpt i="1">&lt;b&gt;</bpt>Speichern<ept i="1">&lt;/b&gt;</ept> drücken<ph x="1">&lt;br/&gt;</ph>."#
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            messages(
                r#"Jetzt <bpt i="1">&lt;b&gt;</bpt>Speichern<ept i="1">&lt;/b&gt;</ept> drücken."#
            ),
            ["inline codes differ: 1 ph more in the source"]
        );
        assert_eq!(
            messages(
                r#"Jetzt Speichern <ph x="1">&lt;br/&gt;</ph><ph x="2">&lt;br/&gt;</ph>drücken."#
            ),
            ["inline codes differ: 1 bpt, 1 ept more in the source; 1 ph more in the target"]
        );
    }
}
