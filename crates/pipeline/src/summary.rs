//! What a QA report says about a whole memory or alignment.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
use tandem_score::{Flag, FlagKind, Severity};

use crate::DropReason;

/// Counts over the pairs of a memory or an alignment: how many, how many
/// flagged and by what, how confident, and which were left out of an
/// export. Reports write it as their summary (the JSON schema is in
/// [`crate::report`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QaSummary {
    /// Pairs counted.
    pub pairs: usize,
    /// Pairs with at least one flag.
    pub flagged: usize,
    /// Flags by kind.
    pub by_flag: BTreeMap<FlagKind, usize>,
    /// Flags by severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// The mean confidence of the pairs.
    pub mean_confidence: f64,
    /// Pairs per tenth of confidence: [0, 0.1), [0.1, 0.2) … [0.9, 1].
    pub confidence_histogram: [usize; 10],
    /// Pairs left out of an exported memory, by reason.
    pub dropped: BTreeMap<DropReason, usize>,
    /// For an alignment with sentence embeddings, the probability that the
    /// two texts are translations of each other at all
    /// ([`tandem_align::Kinship::probability`]).
    pub document_score: Option<f64>,
    /// A memory's units the check could not pair (no variant in one of
    /// the two languages), in file order.
    pub unpaired: Vec<Unpaired>,
}

/// A memory's unit without a variant in one of the languages checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unpaired {
    /// 1-based position in the file.
    pub unit: usize,
    /// Its `tuid`, when it has one.
    pub tuid: Option<String>,
    /// Which language it lacks and which it has.
    pub message: String,
}

impl QaSummary {
    /// Counts one pair of this confidence and these flags.
    pub fn add(&mut self, confidence: f64, flags: &[Flag]) {
        self.pairs += 1;
        if !flags.is_empty() {
            self.flagged += 1;
        }
        for flag in flags {
            *self.by_flag.entry(flag.kind).or_default() += 1;
            *self.by_severity.entry(flag.severity).or_default() += 1;
        }
        let bin = ((confidence * 10.0).floor() as usize).min(9);
        self.confidence_histogram[bin] += 1;
        self.mean_confidence += (confidence - self.mean_confidence) / self.pairs as f64;
    }

    /// Notes a unit the check could not pair.
    pub fn add_unpaired(&mut self, unpaired: Unpaired) {
        self.unpaired.push(unpaired);
    }

    /// Counts one pair left out of an export.
    pub fn drop(&mut self, reason: DropReason) {
        *self.dropped.entry(reason).or_default() += 1;
    }

    /// The share of pairs flagged, 0 for none.
    pub fn flagged_share(&self) -> f64 {
        if self.pairs == 0 {
            0.0
        } else {
            self.flagged as f64 / self.pairs as f64
        }
    }

    /// Whether any flag is at least as serious as `severity`; texts that
    /// are not translations of each other ([`Self::not_translations`]) are
    /// an error.
    pub fn has_at_least(&self, severity: Severity) -> bool {
        self.by_severity
            .iter()
            .any(|(&s, &n)| s >= severity && n > 0)
            || (self.not_translations() && Severity::Error >= severity)
    }

    /// Whether the document score says the texts are not translations of
    /// each other.
    pub fn not_translations(&self) -> bool {
        self.document_score
            .is_some_and(|score| score < crate::aligned::UNRELATED_BELOW)
    }

    /// Flags by kind, in the order of their ids, as reports list them.
    pub fn by_flag_id(&self) -> BTreeMap<&'static str, usize> {
        self.by_flag.iter().map(|(k, &n)| (k.id(), n)).collect()
    }

    /// Pairs left out, by the reason's name, in the order of the names.
    pub fn dropped_by_name(&self) -> BTreeMap<String, usize> {
        self.dropped
            .iter()
            .map(|(r, &n)| (r.to_string(), n))
            .collect()
    }
}

impl Serialize for QaSummary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The report schema: names as keys, in their alphabetical order.
        #[derive(Serialize)]
        struct Schema<'a> {
            pairs: usize,
            flagged: usize,
            flagged_share: f64,
            by_flag: BTreeMap<&'static str, usize>,
            by_severity: BTreeMap<&'static str, usize>,
            mean_confidence: f64,
            confidence_histogram: [usize; 10],
            dropped: BTreeMap<String, usize>,
            document_score: Option<f64>,
            unpaired: &'a [Unpaired],
        }
        Schema {
            pairs: self.pairs,
            flagged: self.flagged,
            flagged_share: self.flagged_share(),
            by_flag: self.by_flag_id(),
            by_severity: self
                .by_severity
                .iter()
                .map(|(s, &n)| (s.as_str(), n))
                .collect(),
            mean_confidence: self.mean_confidence,
            confidence_histogram: self.confidence_histogram,
            dropped: self.dropped_by_name(),
            document_score: self.document_score,
            unpaired: &self.unpaired,
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(kind: FlagKind) -> Flag {
        Flag::new(kind, String::new())
    }

    #[test]
    fn counts_flags_confidence_and_drops() {
        let mut summary = QaSummary::default();
        summary.add(0.95, &[]);
        summary.add(0.25, &[flag(FlagKind::Weak), flag(FlagKind::NumbersDiffer)]);
        summary.add(1.0, &[flag(FlagKind::Duplicate)]);
        summary.drop(DropReason::MinConfidence);
        assert_eq!((summary.pairs, summary.flagged), (3, 2));
        assert!((summary.flagged_share() - 2.0 / 3.0).abs() < 1e-12);
        assert!((summary.mean_confidence - 2.2 / 3.0).abs() < 1e-12);
        // 1.0 is in the last tenth, with 0.95.
        assert_eq!(summary.confidence_histogram, [0, 0, 1, 0, 0, 0, 0, 0, 0, 2]);
        assert_eq!(summary.by_severity[&Severity::Warning], 2);
        assert!(summary.has_at_least(Severity::Warning));
        assert!(summary.has_at_least(Severity::Info));
        assert!(!summary.has_at_least(Severity::Error));
        assert_eq!(QaSummary::default().flagged_share(), 0.0);
    }

    #[test]
    fn written_with_names_in_alphabetical_order() {
        let mut summary = QaSummary::default();
        summary.add(
            0.5,
            &[
                flag(FlagKind::Weak),
                flag(FlagKind::Duplicate),
                flag(FlagKind::Mojibake),
            ],
        );
        summary.drop(DropReason::Only1to1);
        summary.drop(DropReason::DropFlag(FlagKind::Weak));
        summary.drop(DropReason::MinChars);
        let json = serde_json::to_string(&summary).unwrap();
        assert_eq!(
            json,
            r#"{"pairs":1,"flagged":1,"flagged_share":1.0,"by_flag":{"duplicate":1,"mojibake":1,"weak":1},"by_severity":{"error":1,"info":1,"warning":1},"mean_confidence":0.5,"confidence_histogram":[0,0,0,0,0,1,0,0,0,0],"dropped":{"drop-flag weak":1,"min-chars":1,"only-1to1":1},"document_score":null,"unpaired":[]}"#
        );
    }

    #[test]
    fn texts_that_are_not_translations_are_an_error() {
        let mut summary = QaSummary::default();
        summary.add(0.95, &[]);
        assert!(!summary.has_at_least(Severity::Info));
        summary.document_score = Some(0.97);
        assert!(!summary.not_translations() && !summary.has_at_least(Severity::Info));
        summary.document_score = Some(0.02);
        assert!(summary.not_translations());
        assert!(summary.has_at_least(Severity::Error) && summary.has_at_least(Severity::Warning));
    }
}
