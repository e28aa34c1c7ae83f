//! Checking a memory from anywhere: each unit's pair in the memory's
//! language pair, rated against the memory's own length relation.

use std::borrow::Cow;

use tandem_align::LengthModel;
use tandem_score::{PairRater, Score, Thresholds};
use tandem_tmx::{ReadError, ReadUnit};

use crate::format::{Unit, quality_props};

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
        if let (Some(s), Some(t)) = (unit.variant(src), unit.variant(tgt)) {
            let (l1, l2) = (tandem_text::length(s), tandem_text::length(t));
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

/// Rates a memory's units one after another.
#[derive(Debug)]
pub struct MemoryCheck {
    languages: (String, String),
    rater: PairRater,
}

/// One unit's pair, rated.
#[derive(Debug)]
pub struct CheckedPair<'u> {
    /// The source text.
    pub source: &'u str,
    /// The target text.
    pub target: &'u str,
    /// Its rating.
    pub score: Score,
}

impl MemoryCheck {
    /// A check of pairs in `languages` (source, target tags as the memory
    /// writes them) against `model`.
    pub fn new(languages: (&str, &str), model: LengthModel, thresholds: Thresholds) -> MemoryCheck {
        MemoryCheck {
            languages: (languages.0.to_string(), languages.1.to_string()),
            rater: PairRater::new(model, thresholds, languages),
        }
    }

    /// The unit's pair, rated ([`PairRater::rate_unit`]); `None` when the
    /// unit lacks either language.
    pub fn check<'u>(&mut self, unit: &'u ReadUnit) -> Option<CheckedPair<'u>> {
        let (source, target) = (
            unit.variant(&self.languages.0)?,
            unit.variant(&self.languages.1)?,
        );
        let score = self.rater.rate_unit(unit.number, source, target);
        Some(CheckedPair {
            source,
            target,
            score,
        })
    }
}

/// A checked unit as a cleaned memory writes it: its `tuid` (else its
/// number), its props with the confidence and flags replaced by the
/// check's, its pair.
pub fn cleaned_unit<'u>(unit: &'u ReadUnit, pair: &CheckedPair<'u>) -> Unit<'u> {
    let mut props: Vec<(Cow<'u, str>, Cow<'u, str>)> = unit
        .props
        .iter()
        .filter(|(kind, _)| kind != "x-confidence" && kind != "x-flags")
        .map(|(kind, value)| (Cow::Borrowed(kind.as_str()), Cow::Borrowed(value.as_str())))
        .collect();
    props.extend(quality_props(&pair.score));
    Unit {
        id: match &unit.tuid {
            Some(tuid) => Cow::Borrowed(tuid),
            None => Cow::Owned(unit.number.to_string()),
        },
        source: Cow::Borrowed(pair.source),
        target: Cow::Borrowed(pair.target),
        props,
        aligned: None,
    }
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
        let unit = |k: usize, source: &str, target: &str| ReadUnit {
            number: k,
            tuid: None,
            props: Vec::new(),
            variants: vec![
                tandem_tmx::Variant {
                    lang: "en".into(),
                    text: source.into(),
                },
                tandem_tmx::Variant {
                    lang: "de".into(),
                    text: target.into(),
                },
            ],
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
        assert_eq!(first.target, "Die Sitzung beginnt um neun.");
        assert!(first.score.flags.is_empty(), "{:?}", first.score);
        let second = check.check(&units[1]).unwrap();
        let ids: Vec<&str> = second.score.flags.iter().map(|f| f.kind.id()).collect();
        assert!(ids.contains(&"source-conflict"), "{ids:?}");
        assert!(check.check(&units[2]).is_none());
    }

    #[test]
    fn a_cleaned_unit_keeps_its_props_and_gets_the_checks() {
        let units = units();
        let mut check = MemoryCheck::new(
            ("en", "de"),
            LengthModel::default_for_ratio(1.0),
            Thresholds::default(),
        );
        let pair = check.check(&units[0]).unwrap();
        let cleaned = cleaned_unit(&units[0], &pair);
        assert_eq!(cleaned.id, "a");
        assert_eq!(cleaned.prop("x-note"), Some("kept"));
        assert_eq!(
            cleaned.prop("x-confidence"),
            Some(format!("{:.4}", pair.score.confidence).as_str())
        );
        assert_eq!(cleaned.props.len(), 2);
        let pair = check.check(&units[1]).unwrap();
        let cleaned = cleaned_unit(&units[1], &pair);
        assert_eq!(cleaned.id, "2");
        assert!(cleaned.prop("x-flags").is_some());
    }
}
