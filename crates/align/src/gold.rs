//! Gold alignments, and how an alignment is scored against one.
//!
//! The file format is the evaluation sets' (and Bleualign's, Vecalign's and
//! Bertalign's): one bead per line, `[src ids]:[tgt ids]`, 0-based sentence
//! ids, an optional third `:cost` field ignored. The scores are the usual
//! strict and lax precision, recall and F1 (Sennrich and Volk 2011, as the
//! Vecalign and Bertalign papers report them), and [`roc_auc`] measures how
//! well a confidence predicts that a bead is right.

use std::collections::HashSet;

/// A bead as gold files write it: source ids, target ids. Unlike
/// [`crate::Bead`], the ids need not be contiguous (a few gold files hold
/// `[51]:[50, 55]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GoldBead {
    /// Source sentence ids.
    pub src: Vec<usize>,
    /// Target sentence ids.
    pub tgt: Vec<usize>,
}

impl GoldBead {
    /// The bead of an alignment.
    pub fn of(bead: &crate::Bead) -> GoldBead {
        GoldBead {
            src: bead.src.clone().collect(),
            tgt: bead.tgt.clone().collect(),
        }
    }

    /// Whether both sides hold sentences.
    pub fn is_full(&self) -> bool {
        !self.src.is_empty() && !self.tgt.is_empty()
    }

    /// The type the evaluation tables break results down by: `1-1`, `1-2`,
    /// `2-1`, `1-n`, `n-1`, `null` (1-0 and 0-1), and `m-n` for the rest.
    pub fn kind(&self) -> String {
        match (self.src.len(), self.tgt.len()) {
            (0, _) | (_, 0) => "null".into(),
            (1, n) if n <= 2 => format!("1-{n}"),
            (2, 1) => "2-1".into(),
            (1, _) => "1-n".into(),
            (_, 1) => "n-1".into(),
            _ => "m-n".into(),
        }
    }
}

/// A line of a gold file that is not a bead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct GoldError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

/// Parses a gold (or test) alignment: `[src ids]:[tgt ids]` per line, blank
/// lines skipped, a third field ignored.
pub fn parse_gold(text: &str) -> Result<Vec<GoldBead>, GoldError> {
    let mut beads = Vec::new();
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let error = |problem: String| GoldError {
            line: number + 1,
            problem,
        };
        let mut fields = line.split(':');
        let mut ids = |side: &str| -> Result<Vec<usize>, GoldError> {
            let field = fields
                .next()
                .ok_or_else(|| error("expected [ids]:[ids]".into()))?;
            let inner = field
                .trim()
                .strip_prefix('[')
                .and_then(|f| f.strip_suffix(']'))
                .ok_or_else(|| error(format!("the {side} ids are not in brackets")))?;
            inner
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse()
                        .map_err(|_| error(format!("'{s}' is not a sentence id")))
                })
                .collect()
        };
        let src = ids("source")?;
        let tgt = ids("target")?;
        beads.push(GoldBead { src, tgt });
    }
    Ok(beads)
}

/// Counts that sum over documents before dividing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Test beads (not empty on both sides, without duplicates).
    pub test: usize,
    /// Test beads strictly right: the same bead is in the gold.
    pub strict_precise: usize,
    /// Test beads laxly right: strictly right, or sharing a source and a
    /// target sentence with a gold bead.
    pub lax_precise: usize,
    /// Gold beads with both sides.
    pub gold: usize,
    /// Those found strictly.
    pub strict_recalled: usize,
    /// Those found laxly.
    pub lax_recalled: usize,
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
}

impl Counts {
    /// Scores `test` against `gold` (Sennrich and Volk 2011): precision over
    /// the test beads that are not empty on both sides, without duplicates;
    /// recall over the beads with both sides, gold and test swapped.
    pub fn of(test: &[GoldBead], gold: &[GoldBead]) -> Counts {
        let dedup = |beads: &[GoldBead]| -> Vec<GoldBead> {
            let mut seen = HashSet::new();
            beads
                .iter()
                .filter(|b| !(b.src.is_empty() && b.tgt.is_empty()) && seen.insert(*b))
                .cloned()
                .collect()
        };
        let (test, gold) = (dedup(test), dedup(gold));
        let (strict_precise, lax_precise) = rightness(&test, &gold);
        let full = |beads: &[GoldBead]| -> Vec<GoldBead> {
            beads.iter().filter(|b| b.is_full()).cloned().collect()
        };
        let (test_full, gold_full) = (full(&test), full(&gold));
        let (strict_recalled, lax_recalled) = rightness(&gold_full, &test_full);
        Counts {
            test: test.len(),
            strict_precise,
            lax_precise,
            gold: gold_full.len(),
            strict_recalled,
            lax_recalled,
        }
    }

    /// Adds another document's counts.
    pub fn add(&mut self, other: Counts) {
        self.test += other.test;
        self.strict_precise += other.strict_precise;
        self.lax_precise += other.lax_precise;
        self.gold += other.gold;
        self.strict_recalled += other.strict_recalled;
        self.lax_recalled += other.lax_recalled;
    }

    /// Strict precision, recall and F1.
    pub fn strict(&self) -> Prf {
        self.prf(self.strict_precise, self.strict_recalled)
    }

    /// Lax precision, recall and F1.
    pub fn lax(&self) -> Prf {
        self.prf(self.lax_precise, self.lax_recalled)
    }

    fn prf(&self, precise: usize, recalled: usize) -> Prf {
        let precision = ratio(precise, self.test);
        let recall = ratio(recalled, self.gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// `a / b`, 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// How many of `beads` are strictly and laxly right against `reference`.
fn rightness(beads: &[GoldBead], reference: &[GoldBead]) -> (usize, usize) {
    let exact: HashSet<&GoldBead> = reference.iter().collect();
    let mut strict = 0;
    let mut lax = 0;
    for bead in beads {
        if exact.contains(bead) {
            strict += 1;
            lax += 1;
        } else if bead.is_full()
            && reference.iter().any(|r| {
                r.src.iter().any(|s| bead.src.contains(s))
                    && r.tgt.iter().any(|t| bead.tgt.contains(t))
            })
        {
            lax += 1;
        }
    }
    (strict, lax)
}

/// ROC AUC of scores as a predictor of being right, from `(score, right)`
/// items: the chance that a right item scores above a wrong one, ties
/// counting half (the Mann–Whitney U statistic over both counts). NaN when
/// every item is right or every item is wrong.
pub fn roc_auc(items: &[(f64, bool)]) -> f64 {
    let mut sorted: Vec<(f64, bool)> = items.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut positives) = (0.0, 0.0);
    let mut k = 0;
    while k < sorted.len() {
        // Items tied on score share the mean of their ranks (1-based).
        let mut end = k;
        while end < sorted.len() && sorted[end].0 == sorted[k].0 {
            end += 1;
        }
        let mean_rank = (k + 1 + end) as f64 / 2.0;
        for item in &sorted[k..end] {
            if item.1 {
                rank_sum += mean_rank;
                positives += 1.0;
            }
        }
        k = end;
    }
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return f64::NAN;
    }
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(text: &str) -> Vec<GoldBead> {
        parse_gold(text).unwrap()
    }

    fn bead(src: &[usize], tgt: &[usize]) -> GoldBead {
        GoldBead {
            src: src.to_vec(),
            tgt: tgt.to_vec(),
        }
    }

    #[test]
    fn roc_auc_counts_pairs_ranked_right() {
        assert_eq!(roc_auc(&[(0.9, true), (0.8, true), (0.1, false)]), 1.0);
        assert_eq!(roc_auc(&[(0.1, true), (0.9, false)]), 0.0);
        // Ties count half; one of two wrong items outranks the right one.
        assert_eq!(roc_auc(&[(0.5, true), (0.5, false), (0.1, false)]), 0.75);
        // Three of the four right–wrong pairs are ranked right.
        assert_eq!(
            roc_auc(&[(0.2, true), (0.4, false), (0.6, true), (0.1, false)]),
            0.75
        );
        assert!(roc_auc(&[(0.5, true)]).is_nan());
    }

    #[test]
    fn parses_gold_formats() {
        assert_eq!(
            beads("[0,1]:[0]\n[2]:[1, 2]:0.5\n\n[]:[3]\n"),
            vec![bead(&[0, 1], &[0]), bead(&[2], &[1, 2]), bead(&[], &[3])]
        );
        assert_eq!(
            parse_gold("[0]:[0]\n0:1").unwrap_err(),
            GoldError {
                line: 2,
                problem: "the source ids are not in brackets".into()
            }
        );
        assert_eq!(
            parse_gold("[0]").unwrap_err().problem,
            "expected [ids]:[ids]"
        );
        assert_eq!(
            parse_gold("[0]:[x]").unwrap_err().problem,
            "'x' is not a sentence id"
        );
    }

    #[test]
    fn strict_and_lax_as_defined() {
        let gold = beads("[0]:[0]\n[1,2]:[1]\n[]:[2]\n[3]:[3]");
        let test = beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[]:[2]\n[3]:[3]\n[3]:[3]\n[]:[]");
        let c = Counts::of(&test, &gold);
        // Test beads (duplicates and the empty one dropped): 5; strictly
        // right: [0]:[0], []:[2], [3]:[3]; laxly also [1]:[1].
        assert_eq!((c.test, c.strict_precise, c.lax_precise), (5, 3, 4));
        // Gold beads with both sides: 3; found strictly: 2; laxly: 3.
        assert_eq!((c.gold, c.strict_recalled, c.lax_recalled), (3, 2, 3));
        let Prf {
            precision,
            recall,
            f1,
        } = c.strict();
        assert!((precision - 0.6).abs() < 1e-9 && (recall - 2.0 / 3.0).abs() < 1e-9);
        assert!((f1 - 2.0 * 0.6 * (2.0 / 3.0) / (0.6 + 2.0 / 3.0)).abs() < 1e-9);
        let lax = c.lax();
        assert!((lax.precision - 0.8).abs() < 1e-9 && (lax.recall - 1.0).abs() < 1e-9);
    }

    #[test]
    fn counts_add_up_over_documents() {
        let gold = beads("[0]:[0]\n[1]:[1]");
        let mut total = Counts::of(&beads("[0]:[0]\n[1]:[1]"), &gold);
        total.add(Counts::of(&beads("[0,1]:[0,1]"), &gold));
        assert_eq!(
            total,
            Counts {
                test: 3,
                strict_precise: 2,
                lax_precise: 3,
                gold: 4,
                strict_recalled: 2,
                lax_recalled: 4
            }
        );
        assert_eq!(Counts::default().strict().f1, 0.0);
    }

    #[test]
    fn bead_kinds_as_the_tables_name_them() {
        let kinds: Vec<String> = [
            bead(&[0], &[0]),
            bead(&[0], &[0, 1]),
            bead(&[0, 1], &[0]),
            bead(&[0], &[0, 1, 2]),
            bead(&[0, 1, 2], &[0]),
            bead(&[], &[0]),
            bead(&[0, 1], &[0, 1]),
        ]
        .iter()
        .map(GoldBead::kind)
        .collect();
        assert_eq!(kinds, ["1-1", "1-2", "2-1", "1-n", "n-1", "null", "m-n"]);
    }
}
