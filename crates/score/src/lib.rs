//! Beads and their text in, a confidence and QA flags per pair out.
//!
//! Three kinds of finding, each a [`Flag`] with a stable id, a [`Severity`]
//! and a message in the pair's own terms:
//!
//! - [`score`] rates one bead of an alignment: a [`Score`] with a confidence
//!   in [0, 1] (the bead's posterior under the aligner's model) and the
//!   alignment flags (an empty side, a length far from the document's
//!   ratio, a many-to-many bead, a low confidence);
//! - [`check_content`] reads a pair's two texts: numbers, URLs, codes,
//!   placeholders, brackets, questions, whitespace, untranslated or garbled
//!   text, compared by value so that a difference of form is not flagged;
//! - [`MemoryChecks`] compares each pair with those before it: duplicates,
//!   one source with two targets, one target with two sources.
//!
//! [`PairRater`] runs all three on one pair after another, for a fresh
//! alignment's beads and for a memory's units alike.
//!
//! ```
//! use tandem_align::{Bead, LengthModel};
//! use tandem_score::{FlagKind, PairRater, Thresholds};
//!
//! let mut rater = PairRater::new(LengthModel::default_for_ratio(3.0), Thresholds::default(), ("zh", "en"));
//! let bead = Bead { src: 0..1, tgt: 0..1, cost: 0.0 };
//! // The bead's posterior under the aligner's model is its confidence.
//! let score = rater.rate_bead(1, &bead, 0.97, "全市经济增长5.2%。", "The city's economy grew by 5.2%.");
//! assert_eq!(score.confidence, 0.97);
//! assert!(score.flags.is_empty());
//! // A number that changed in translation is flagged, as a warning.
//! let score = rater.rate_bead(2, &bead, 0.97, "全市经济增长5.2%。", "The city's economy grew by 2.5%.");
//! assert_eq!(score.flags[0].kind, FlagKind::NumbersDiffer);
//! ```

use std::fmt;

mod content;
mod memory;
mod rater;

pub use content::{ContentOptions, check_content};
pub use memory::MemoryChecks;
pub use rater::{ContentCache, PairRater};

use tandem_align::{Alignment, Bead, LengthCost, LengthModel, Shape};

/// How serious a flag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Probably useful, worth a look.
    Info,
    /// Probably wrong or useless as a translation-memory entry.
    Warning,
    /// Certainly not a translation pair.
    Error,
}

impl Severity {
    /// The name used in reports: `info`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a flag is about. Each kind has a stable id for reports and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlagKind {
    /// One side of the bead is empty (a 1-0 or 0-1 bead).
    EmptySide,
    /// The target's length is far from what the source's predicts.
    LengthRatio,
    /// Both sides hold several sentences (2-2, 2-3 …).
    ManyToMany,
    /// The confidence is below the threshold.
    Weak,
    /// A number on one side is not on the other (compared as values).
    NumbersDiffer,
    /// The target is the source unchanged, or in the source's script.
    Untranslated,
    /// A side is not in its declared language: another script, or another
    /// language that identification is sure of.
    WrongLanguage,
    /// URLs or e-mail addresses differ.
    UrlsDiffer,
    /// Codes (letters and digits: `G20`, `COVID-19`) differ.
    CodesDiffer,
    /// Placeholders or inline tags (`{0}`, `%s`, `<b>`) differ.
    PlaceholdersDiffer,
    /// Brackets or quotes balance on one side and not on the other.
    Unbalanced,
    /// One side is a question and the other is not.
    EndPunctuation,
    /// Leading, trailing or doubled whitespace.
    Whitespace,
    /// Text decoded with the wrong encoding.
    Mojibake,
    /// The same source text has another target elsewhere in the memory.
    SourceConflict,
    /// The same target text has another source elsewhere in the memory.
    TargetConflict,
    /// The same pair occurs earlier in the memory.
    Duplicate,
}

impl FlagKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [FlagKind; 17] = [
        FlagKind::EmptySide,
        FlagKind::LengthRatio,
        FlagKind::ManyToMany,
        FlagKind::Weak,
        FlagKind::NumbersDiffer,
        FlagKind::Untranslated,
        FlagKind::WrongLanguage,
        FlagKind::UrlsDiffer,
        FlagKind::CodesDiffer,
        FlagKind::PlaceholdersDiffer,
        FlagKind::Unbalanced,
        FlagKind::EndPunctuation,
        FlagKind::Whitespace,
        FlagKind::Mojibake,
        FlagKind::SourceConflict,
        FlagKind::TargetConflict,
        FlagKind::Duplicate,
    ];

    /// The stable id used in reports, filters and `--drop-flag`.
    pub fn id(self) -> &'static str {
        match self {
            FlagKind::EmptySide => "empty-side",
            FlagKind::LengthRatio => "length-ratio",
            FlagKind::ManyToMany => "many-to-many",
            FlagKind::Weak => "weak",
            FlagKind::NumbersDiffer => "numbers-differ",
            FlagKind::Untranslated => "untranslated",
            FlagKind::WrongLanguage => "wrong-language",
            FlagKind::UrlsDiffer => "urls-differ",
            FlagKind::CodesDiffer => "codes-differ",
            FlagKind::PlaceholdersDiffer => "placeholders-differ",
            FlagKind::Unbalanced => "unbalanced",
            FlagKind::EndPunctuation => "end-punctuation",
            FlagKind::Whitespace => "whitespace",
            FlagKind::Mojibake => "mojibake",
            FlagKind::SourceConflict => "source-conflict",
            FlagKind::TargetConflict => "target-conflict",
            FlagKind::Duplicate => "duplicate",
        }
    }

    /// The kind with this id.
    pub fn from_id(id: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// How serious a flag of this kind is: errors are pairs a memory must
    /// not keep (broken placeholders, untranslated or garbled text),
    /// warnings are pairs that are probably wrong, infos are worth a look.
    pub fn severity(self) -> Severity {
        match self {
            FlagKind::Untranslated
            | FlagKind::WrongLanguage
            | FlagKind::PlaceholdersDiffer
            | FlagKind::Mojibake => Severity::Error,
            FlagKind::EmptySide
            | FlagKind::LengthRatio
            | FlagKind::Weak
            | FlagKind::NumbersDiffer
            | FlagKind::UrlsDiffer
            | FlagKind::CodesDiffer
            | FlagKind::Unbalanced
            | FlagKind::SourceConflict => Severity::Warning,
            FlagKind::ManyToMany
            | FlagKind::EndPunctuation
            | FlagKind::Whitespace
            | FlagKind::TargetConflict
            | FlagKind::Duplicate => Severity::Info,
        }
    }

    /// Whether the flag is about the alignment (as opposed to the content
    /// of the pair or the memory as a whole).
    pub fn is_alignment(self) -> bool {
        matches!(
            self,
            FlagKind::EmptySide | FlagKind::LengthRatio | FlagKind::ManyToMany | FlagKind::Weak
        )
    }
}

/// A finding about one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// What it is about.
    pub kind: FlagKind,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in the pair's own terms.
    pub message: String,
}

impl Flag {
    /// A flag of `kind`, at its kind's severity.
    pub fn new(kind: FlagKind, message: String) -> Flag {
        Flag {
            kind,
            severity: kind.severity(),
            message,
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.kind.id(),
            self.severity.as_str(),
            self.message
        )
    }
}

/// The rating of one bead.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// How likely the pair is a correct alignment, in [0, 1].
    pub confidence: f64,
    /// What a reviewer should look at; empty for a pair with nothing to say.
    pub flags: Vec<Flag>,
}

/// Where flags start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Pairs below this confidence are flagged `weak`. At 0.5 (the
    /// default) the aligner's model holds the pair more likely wrong than
    /// right.
    pub weak: f64,
    /// Pairs whose length deviates by more than this many standard
    /// deviations are flagged `length-ratio`.
    pub length_deviation: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            weak: 0.5,
            length_deviation: 3.0,
        }
    }
}

/// Rates a bead whose sides have `src_len` and `tgt_len` characters (as
/// `tandem_text::length` counts them), under the document's length model.
///
/// The confidence is the bead's `posterior` probability under the aligner's
/// model ([`Alignment::posteriors`]): the share of the probability of all
/// alignments held by those that contain this bead. It weighs everything
/// the aligner weighed (bead shape, length, anchors, the translation model)
/// and, unlike the bead's own cost, how well the alternatives around it
/// fare: a pair that could as well be split or joined with a neighbour is
/// uncertain even when it looks fine on its own. Without a posterior (NaN),
/// the length fit and the bead's shape stand in.
pub fn score(
    bead: &Bead,
    posterior: f64,
    src_len: usize,
    tgt_len: usize,
    model: &LengthModel,
    thresholds: &Thresholds,
) -> Score {
    let mut flags = Vec::new();
    let confidence = if bead.is_null() {
        let side = if bead.src.is_empty() {
            "target"
        } else {
            "source"
        };
        flags.push(Flag::new(
            FlagKind::EmptySide,
            format!("the {side} text has no counterpart ({} bead)", bead.shape()),
        ));
        if posterior.is_nan() { 0.0 } else { posterior }
    } else {
        let delta = model.delta(src_len, tgt_len);
        if delta.abs() > thresholds.length_deviation {
            let actual = tgt_len as f64 / src_len.max(1) as f64;
            flags.push(Flag::new(
                FlagKind::LengthRatio,
                format!(
                    "the target is {actual:.1}× the source's length where this document's translations are {:.1}× ({:+.1} standard deviations)",
                    model.ratio, delta
                ),
            ));
        }
        let shape = bead.shape();
        if shape.src >= 2 && shape.tgt >= 2 {
            flags.push(Flag::new(
                FlagKind::ManyToMany,
                format!(
                    "{} source sentences with {} target sentences ({shape} bead): the pair may hold more than one translation unit",
                    shape.src, shape.tgt
                ),
            ));
        }
        if posterior.is_nan() {
            // A Gaussian of twice the model's spread: one standard
            // deviation keeps 0.88, three keep 0.32.
            (-delta * delta / 8.0).exp() * shape_factor(shape)
        } else {
            posterior
        }
    };
    if confidence < thresholds.weak {
        flags.push(Flag::new(
            FlagKind::Weak,
            format!(
                "confidence {} is below {:.2}: the aligner found other ways to pair these sentences about as likely",
                below(confidence, thresholds.weak),
                thresholds.weak
            ),
        ));
    }
    Score { confidence, flags }
}

/// Rates every bead of `alignment`, made of `src` and `tgt` sentences.
pub fn rate_alignment(
    alignment: &Alignment,
    src: &[&str],
    tgt: &[&str],
    thresholds: &Thresholds,
) -> Vec<Score> {
    let length =
        |sentences: &[&str]| -> usize { sentences.iter().map(|s| tandem_text::length(s)).sum() };
    alignment
        .beads
        .iter()
        .zip(&alignment.posteriors)
        .map(|(bead, &posterior)| {
            score(
                bead,
                posterior,
                length(&src[bead.src.clone()]),
                length(&tgt[bead.tgt.clone()]),
                &alignment.models.sentences,
                thresholds,
            )
        })
        .collect()
}

/// How much a bead's shape alone lowers the confidence: 1-1 pairs are the
/// commonest and safest, merges are more often wrong, 2-2 most of all.
fn shape_factor(shape: Shape) -> f64 {
    let (small, large) = (shape.src.min(shape.tgt), shape.src.max(shape.tgt));
    match (small, large) {
        (1, 1) => 1.0,
        (1, 2) => 0.9,
        (1, 3) => 0.8,
        (1, _) => 0.7,
        _ => 0.6,
    }
}

/// A value below `threshold`, with as many decimals as show it below
/// (0.4968 against 0.50 is `0.497`, not `0.50`).
fn below(value: f64, threshold: f64) -> String {
    (2..6)
        .map(|decimals| format!("{value:.decimals$}"))
        .find(|shown| shown.parse::<f64>().is_ok_and(|v| v < threshold))
        .unwrap_or_else(|| format!("{value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: LengthModel = LengthModel {
        ratio: 3.0,
        variance: 30.0,
    };

    fn bead(src: usize, tgt: usize) -> Bead {
        Bead {
            src: 0..src,
            tgt: 0..tgt,
            cost: 0.0,
        }
    }

    #[test]
    fn a_pair_of_expected_lengths_is_confident_and_unflagged() {
        let s = score(
            &bead(1, 1),
            f64::NAN,
            40,
            120,
            &MODEL,
            &Thresholds::default(),
        );
        assert!(s.confidence > 0.99);
        assert!(s.flags.is_empty());
    }

    #[test]
    fn a_length_outlier_is_flagged_and_weak() {
        let s = score(
            &bead(1, 1),
            f64::NAN,
            40,
            20,
            &MODEL,
            &Thresholds::default(),
        );
        let ids: Vec<&str> = s.flags.iter().map(|f| f.kind.id()).collect();
        assert_eq!(ids, ["length-ratio", "weak"]);
        assert!(
            s.flags[0].message.contains("0.5×"),
            "{}",
            s.flags[0].message
        );
        assert!(s.confidence < 0.3);
    }

    #[test]
    fn an_empty_side_says_which() {
        let s = score(
            &Bead {
                src: 3..3,
                tgt: 4..5,
                cost: 0.0,
            },
            f64::NAN,
            0,
            50,
            &MODEL,
            &Thresholds::default(),
        );
        assert_eq!(s.confidence, 0.0);
        assert_eq!(s.flags[0].kind, FlagKind::EmptySide);
        assert!(
            s.flags[0]
                .message
                .contains("target text has no counterpart (0-1 bead)")
        );
    }

    /// The confidence of a bead of this shape and good lengths, without a
    /// posterior.
    fn confidence_of(src: usize, tgt: usize) -> f64 {
        let thresholds = Thresholds::default();
        score(&bead(src, tgt), f64::NAN, 40, 120, &MODEL, &thresholds).confidence
    }

    #[test]
    fn merges_cost_confidence() {
        let (one, four, two_two) = (
            confidence_of(1, 1),
            confidence_of(1, 4),
            confidence_of(2, 2),
        );
        assert!(one > four && four > two_two);
    }

    #[test]
    fn the_posterior_is_the_confidence() {
        let sure = score(&bead(1, 1), 0.97, 40, 120, &MODEL, &Thresholds::default());
        assert_eq!(sure.confidence, 0.97);
        assert!(sure.flags.is_empty());
        let unsure = score(&bead(1, 1), 0.4, 40, 120, &MODEL, &Thresholds::default());
        assert_eq!(unsure.flags.len(), 1);
        assert_eq!(unsure.flags[0].kind, FlagKind::Weak);
        // A bead of fine lengths is still weak when the alternatives are
        // about as likely; its length says nothing against it.
        assert!(unsure.flags[0].message.contains("0.40 is below 0.50"));
        assert_eq!(below(0.4968, 0.5), "0.497");
        assert_eq!(below(0.49999, 0.5), "0.49999");
    }

    #[test]
    fn kinds_by_their_ids_and_severities_by_their_names() {
        let mut ids: Vec<&str> = FlagKind::ALL.iter().map(|k| k.id()).collect();
        for kind in FlagKind::ALL {
            assert_eq!(FlagKind::from_id(kind.id()), Some(kind));
        }
        assert_eq!(FlagKind::from_id("no-such-flag"), None);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), FlagKind::ALL.len(), "ids are unique");
        let names: Vec<&str> = [Severity::Info, Severity::Warning, Severity::Error]
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(names, ["info", "warning", "error"]);
        let flag = Flag::new(FlagKind::NumbersDiffer, "5 in the source only".into());
        assert_eq!(
            flag.to_string(),
            "numbers-differ (warning): 5 in the source only"
        );
        let alignment: Vec<&str> = FlagKind::ALL
            .iter()
            .filter(|k| k.is_alignment())
            .map(|k| k.id())
            .collect();
        assert_eq!(
            alignment,
            ["empty-side", "length-ratio", "many-to-many", "weak"]
        );
    }

    #[test]
    fn weak_below_the_threshold_only() {
        let thresholds = Thresholds::default();
        let at = score(&bead(1, 1), thresholds.weak, 40, 120, &MODEL, &thresholds);
        assert!(at.flags.is_empty(), "{at:?}");
        let below = score(
            &bead(1, 1),
            thresholds.weak - 1e-9,
            40,
            120,
            &MODEL,
            &thresholds,
        );
        assert_eq!(below.flags[0].kind, FlagKind::Weak);
    }

    #[test]
    fn without_a_posterior_the_length_fit_and_the_shape_decide() {
        let thresholds = Thresholds::default();
        // A Gaussian of twice the model's spread.
        let (l1, l2) = (40, 140);
        let delta = MODEL.delta(l1, l2);
        let s = score(&bead(1, 1), f64::NAN, l1, l2, &MODEL, &thresholds);
        assert!((s.confidence - (-delta * delta / 8.0).exp()).abs() < 1e-12);
        let shapes: Vec<f64> = [(1, 1), (1, 2), (2, 1), (1, 3), (1, 4), (2, 2)]
            .iter()
            .map(|&(a, b)| confidence_of(a, b) / confidence_of(1, 1))
            .collect();
        let rounded: Vec<f64> = shapes.iter().map(|c| (c * 100.0).round() / 100.0).collect();
        assert_eq!(rounded, [1.0, 0.9, 0.9, 0.8, 0.7, 0.6]);
    }

    #[test]
    fn an_alignment_is_rated_bead_by_bead() {
        let alignment = Alignment {
            beads: vec![
                bead(1, 1),
                Bead {
                    src: 1..2,
                    tgt: 1..1,
                    cost: 0.0,
                },
            ],
            posteriors: vec![0.93, 0.4],
            paragraph_beads: Vec::new(),
            kinship: None,
            models: tandem_align::Models {
                sentences: MODEL,
                tail: tandem_align::Tail::NONE,
                priors: tandem_align::Priors::sentence_default(5),
                boundaries: tandem_align::BoundaryModel::default(),
            },
        };
        let scores = rate_alignment(
            &alignment,
            &["一二三四五六七八九十", "多余的一句。"],
            &["one two three four five six seven eight nine ten"],
            &Thresholds::default(),
        );
        assert_eq!(scores.len(), 2);
        assert_eq!(scores[0].confidence, 0.93);
        assert_eq!(scores[1].confidence, 0.4);
        let kinds: Vec<FlagKind> = scores[1].flags.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [FlagKind::EmptySide, FlagKind::Weak]);
    }

    #[test]
    fn many_to_many_beads_are_pointed_out() {
        let s = score(&bead(2, 3), 0.9, 80, 240, &MODEL, &Thresholds::default());
        let ids: Vec<&str> = s.flags.iter().map(|f| f.kind.id()).collect();
        assert_eq!(ids, ["many-to-many"]);
        assert_eq!(s.flags[0].severity, Severity::Info);
        let s = score(&bead(1, 3), 0.9, 80, 240, &MODEL, &Thresholds::default());
        assert!(s.flags.is_empty());
    }
}
