//! Which pairs an exported memory keeps.

use std::fmt;

use tandem_score::{FlagKind, Score};
use tandem_tmx::is_xml_char;

/// Which pairs an exported memory leaves out; confidence and flags stay on
/// the others as properties. The default keeps every pair that has text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportPolicy {
    /// Leave out pairs whose confidence is below this.
    pub min_confidence: Option<f64>,
    /// Keep only pairs of one sentence on each side.
    pub only_1to1: bool,
    /// Leave out pairs with a side shorter than this many characters.
    pub min_chars: Option<usize>,
    /// Leave out pairs with any of these flags.
    pub drop_flags: Vec<FlagKind>,
}

/// Why a pair was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DropReason {
    /// A side holds nothing but white space and characters XML forbids: it
    /// would be an empty segment. Left out whatever the policy.
    NoText,
    /// [`ExportPolicy::min_confidence`].
    MinConfidence,
    /// [`ExportPolicy::only_1to1`].
    Only1to1,
    /// [`ExportPolicy::min_chars`].
    MinChars,
    /// One of [`ExportPolicy::drop_flags`].
    DropFlag(FlagKind),
}

impl fmt::Display for DropReason {
    /// The reason as summaries count it: `no-text`, `min-confidence`,
    /// `only-1to1`, `min-chars`, `drop-flag ID`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DropReason::NoText => f.write_str("no-text"),
            DropReason::MinConfidence => f.write_str("min-confidence"),
            DropReason::Only1to1 => f.write_str("only-1to1"),
            DropReason::MinChars => f.write_str("min-chars"),
            DropReason::DropFlag(kind) => write!(f, "drop-flag {}", kind.id()),
        }
    }
}

impl ExportPolicy {
    /// Why a pair of `sentences` (how many each side has), reading `source`
    /// and `target`, rated `score`, is left out; `None` to keep it.
    pub fn reason_to_drop(
        &self,
        sentences: (usize, usize),
        source: &str,
        target: &str,
        score: &Score,
    ) -> Option<DropReason> {
        let holds_text = |text: &str| text.chars().any(|c| is_xml_char(c) && !c.is_whitespace());
        if !holds_text(source) || !holds_text(target) {
            return Some(DropReason::NoText);
        }
        if self.min_confidence.is_some_and(|p| score.confidence < p) {
            return Some(DropReason::MinConfidence);
        }
        if self.only_1to1 && sentences != (1, 1) {
            return Some(DropReason::Only1to1);
        }
        if let Some(n) = self.min_chars
            && (source.chars().count() < n || target.chars().count() < n)
        {
            return Some(DropReason::MinChars);
        }
        self.drop_flags
            .iter()
            .find(|kind| score.flags.iter().any(|f| f.kind == **kind))
            .map(|&kind| DropReason::DropFlag(kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_score::Flag;

    fn score(confidence: f64, flags: &[FlagKind]) -> Score {
        Score {
            confidence,
            flags: flags.iter().map(|&k| Flag::new(k, String::new())).collect(),
        }
    }

    #[test]
    fn each_option_leaves_out_its_pairs() {
        let keep_all = ExportPolicy::default();
        let fine = score(0.7, &[FlagKind::NumbersDiffer]);
        assert_eq!(
            keep_all.reason_to_drop((2, 1), "Bonjour.", "Hello.", &fine),
            None
        );
        let policy = ExportPolicy {
            min_confidence: Some(0.8),
            only_1to1: true,
            min_chars: Some(6),
            drop_flags: vec![FlagKind::Duplicate, FlagKind::NumbersDiffer],
        };
        let good = score(0.9, &[]);
        assert_eq!(
            policy.reason_to_drop((1, 1), "Bonjour.", "Hello.", &good),
            None
        );
        assert_eq!(
            policy.reason_to_drop((1, 1), "Bonjour.", "Hello.", &score(0.79, &[])),
            Some(DropReason::MinConfidence)
        );
        assert_eq!(
            policy.reason_to_drop((1, 2), "Bonjour.", "Hello.", &good),
            Some(DropReason::Only1to1)
        );
        assert_eq!(
            policy.reason_to_drop((1, 1), "Salut.", "Hi.", &good),
            Some(DropReason::MinChars)
        );
        let flagged = score(0.9, &[FlagKind::Weak, FlagKind::NumbersDiffer]);
        assert_eq!(
            policy.reason_to_drop((1, 1), "Bonjour.", "Hello.", &flagged),
            Some(DropReason::DropFlag(FlagKind::NumbersDiffer))
        );
    }

    #[test]
    fn a_side_without_text_is_never_kept() {
        let policy = ExportPolicy::default();
        for (source, target) in [("\u{1}\u{2}", "Hello."), ("Bonjour.", " \t"), ("", "")] {
            assert_eq!(
                policy.reason_to_drop((1, 1), source, target, &score(1.0, &[])),
                Some(DropReason::NoText)
            );
        }
        // Characters XML allows, even unusual ones, are text.
        assert_eq!(
            policy.reason_to_drop((1, 1), "\u{85}x", "\u{7f}", &score(1.0, &[])),
            None
        );
    }

    #[test]
    fn reasons_read_as_the_summary_counts_them() {
        let names: Vec<String> = [
            DropReason::NoText,
            DropReason::MinConfidence,
            DropReason::Only1to1,
            DropReason::MinChars,
            DropReason::DropFlag(FlagKind::NumbersDiffer),
        ]
        .iter()
        .map(DropReason::to_string)
        .collect();
        assert_eq!(
            names,
            [
                "no-text",
                "min-confidence",
                "only-1to1",
                "min-chars",
                "drop-flag numbers-differ"
            ]
        );
    }
}
