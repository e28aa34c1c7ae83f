//! A reviewer's decisions as fixed points of an alignment: what
//! [`Realigner::realign`] keeps, and the constraints it searches under.
//!
//! Confirmed beads are kept as they are and cut each section into
//! stretches. A stretch that holds a link or a sentence marked as having
//! no counterpart, or that the first alignment's beads do not cover
//! exactly, is searched again with the document's models and evidence
//! (the same terms as the last pass of [`align`](crate::align)) plus one
//! term, [`Constraints`], that rules out every bead breaking a decision.
//! Every other stretch keeps the first alignment's beads. So one
//! decision moves only the beads of its own stretch, and realigning costs
//! the search of that stretch: linear in its sentences.

use std::ops::Range;

use crate::anchors::Anchors;
use crate::bead::Bead;
use crate::document::{Document, covering};
use crate::meaning::Meaning;
use crate::search::{Evidence, Sum};
use crate::timing::TimeOverlap;
use crate::translation::Translation;
use crate::{Alignment, Options, Section, Sentences, headings, trained_translation};

/// What a reviewer decided about an alignment, in the document's sentence
/// indices (the `src` and `tgt` sentences aligned).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decisions {
    /// Beads kept exactly as they are (any order; none may share a
    /// sentence). A bead of any shape, 3-2 as well as 1-1: one the search
    /// would never make is still the reviewer's to confirm.
    pub confirmed: Vec<Bead>,
    /// Source sentence `i` and target sentence `j` belong to one bead.
    pub links: Vec<(usize, usize)>,
    /// Source sentences without a counterpart (each in a 1-0 bead).
    pub unmatched_src: Vec<usize>,
    /// Target sentences without a counterpart (each in a 0-1 bead).
    pub unmatched_tgt: Vec<usize>,
    /// Source sentences that begin a bead: no bead holds sentence `k - 1`
    /// and sentence `k` (a pair boundary before `k`).
    pub boundaries_src: Vec<usize>,
    /// Target sentences that begin a bead.
    pub boundaries_tgt: Vec<usize>,
    /// Search every stretch between confirmed beads again, not only those
    /// a decision falls in, with a translation model trained again on the
    /// confirmed beads and the first alignment's beads elsewhere: what a
    /// reviewer asks for after confirming much ("realign the rest").
    pub search_all: bool,
}

impl Decisions {
    /// Adds `later` decisions, which win where they disagree with these
    /// (a reviewer who changes their mind): a confirmed bead replaces the
    /// confirmed beads that share a sentence with it or cross it, and the
    /// links and marks it contradicts; a link replaces the confirmed beads
    /// it cuts or crosses, the links it crosses, and the marks on its
    /// sentences; a mark replaces the links of its sentence and the
    /// confirmed pair that holds it.
    pub fn apply(&mut self, later: &Decisions) {
        self.search_all |= later.search_all;
        for bead in &later.confirmed {
            let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
            self.confirmed.retain(|b| {
                !overlaps(&b.src, &bead.src)
                    && !overlaps(&b.tgt, &bead.tgt)
                    && !crosses((&b.src, &b.tgt), (&bead.src, &bead.tgt))
            });
            // A link or a mark inside the bead is contradicted by it, or
            // holds by it: either way the bead says it all.
            self.links.retain(|&(i, j)| {
                !bead.src.contains(&i)
                    && !bead.tgt.contains(&j)
                    && !crosses((&(i..i + 1), &(j..j + 1)), (&bead.src, &bead.tgt))
            });
            self.unmatched_src.retain(|i| !bead.src.contains(i));
            self.unmatched_tgt.retain(|j| !bead.tgt.contains(j));
            let inside = |r: &Range<usize>, k: usize| r.start < k && k < r.end;
            self.boundaries_src.retain(|&k| !inside(&bead.src, k));
            self.boundaries_tgt.retain(|&k| !inside(&bead.tgt, k));
            self.confirmed.push(bead.clone());
        }
        for &(i, j) in &later.links {
            let (i_range, j_range) = (i..i + 1, j..j + 1);
            self.confirmed.retain(|b| {
                b.src.contains(&i) == b.tgt.contains(&j)
                    && !crosses((&b.src, &b.tgt), (&i_range, &j_range))
            });
            self.links
                .retain(|&(a, b)| !crosses((&(a..a + 1), &(b..b + 1)), (&i_range, &j_range)));
            self.unmatched_src.retain(|&k| k != i);
            self.unmatched_tgt.retain(|&k| k != j);
            let holds = (self.confirmed.iter()).any(|b| b.src.contains(&i) && b.tgt.contains(&j));
            if !holds && !self.links.contains(&(i, j)) {
                self.links.push((i, j));
            }
        }
        for (later, source) in [
            (&later.boundaries_src, true),
            (&later.boundaries_tgt, false),
        ] {
            for &k in later {
                let cut = |b: &Bead| match source {
                    true => b.src.start < k && k < b.src.end,
                    false => b.tgt.start < k && k < b.tgt.end,
                };
                self.confirmed.retain(|b| !cut(b));
                let own = match source {
                    true => &mut self.boundaries_src,
                    false => &mut self.boundaries_tgt,
                };
                if !own.contains(&k) {
                    own.push(k);
                }
            }
        }
        let marks = [(&later.unmatched_src, true), (&later.unmatched_tgt, false)];
        for (marked, source) in marks {
            for &k in marked {
                let holds = |b: &Bead| match source {
                    true => b.src.contains(&k) && !b.tgt.is_empty(),
                    false => b.tgt.contains(&k) && !b.src.is_empty(),
                };
                self.confirmed.retain(|b| !holds(b));
                self.links
                    .retain(|&(i, j)| if source { i != k } else { j != k });
                let confirmed_alone = self.confirmed.iter().any(|b| match source {
                    true => b.src.contains(&k),
                    false => b.tgt.contains(&k),
                });
                if confirmed_alone {
                    continue;
                }
                let list = match source {
                    true => &mut self.unmatched_src,
                    false => &mut self.unmatched_tgt,
                };
                if !list.contains(&k) {
                    list.push(k);
                }
            }
        }
    }

    /// Whether there is nothing decided.
    pub fn is_empty(&self) -> bool {
        self.confirmed.is_empty()
            && self.links.is_empty()
            && self.unmatched_src.is_empty()
            && self.unmatched_tgt.is_empty()
            && self.boundaries_src.is_empty()
            && self.boundaries_tgt.is_empty()
            && !self.search_all
    }
}

/// Why decisions cannot hold together. Each names the sentences
/// (0-based indices) so that a caller can say which decision to undo.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecisionError {
    /// A decision names a sentence the document does not have.
    #[error("sentence {index} is past the {side} side's {count} sentences")]
    OutOfRange {
        /// `source` or `target`.
        side: &'static str,
        /// The index given.
        index: usize,
        /// How many sentences that side has.
        count: usize,
    },
    /// A confirmed bead with no sentence on either side, or one that
    /// spans two sections (two block pairs of an interleaved file).
    #[error(
        "source sentences {src:?} and target sentences {tgt:?} cannot be one pair: a pair holds at least one sentence and lies in one section (one paragraph pair of an interleaved file)"
    )]
    BadBead {
        /// Its source sentences.
        src: Range<usize>,
        /// Its target sentences.
        tgt: Range<usize>,
    },
    /// Two confirmed beads share sentences, or are out of order (one
    /// comes first on one side and second on the other).
    #[error("confirmed beads {first:?} and {second:?} overlap or cross")]
    Crossing {
        /// The first bead, as (source, target) sentences.
        first: (Range<usize>, Range<usize>),
        /// The second.
        second: (Range<usize>, Range<usize>),
    },
    /// A link or a sentence without a counterpart falls inside a confirmed
    /// bead, or a link joins sentences a confirmed bead or a section
    /// border lies between.
    #[error(
        "the decision on source {src:?}, target {tgt:?} conflicts with a confirmed bead or a section border"
    )]
    Conflict {
        /// The source sentence named, if any.
        src: Option<usize>,
        /// The target sentence named, if any.
        tgt: Option<usize>,
    },
    /// The links and marks of one stretch admit no alignment: links that
    /// cross, a sentence both linked and marked as without counterpart, or
    /// a bead larger than the search makes.
    #[error(
        "the links and marks between source sentences {src:?} and target sentences {tgt:?} cannot all hold"
    )]
    Unsatisfiable {
        /// The stretch's source sentences.
        src: Range<usize>,
        /// Its target sentences.
        tgt: Range<usize>,
    },
}

/// The evidence of a finished alignment, kept to realign parts of it under
/// a reviewer's [`Decisions`]: the models, the anchors, and a translation
/// model trained on its beads. Owns what it keeps; the texts and options
/// are passed to each call, and must be those it was made from.
pub struct Realigner {
    alignment: Alignment,
    anchors: Option<Anchors>,
    translation: Option<Translation>,
}

impl Realigner {
    /// Keeps `alignment` (what [`align`](crate::align) gave for these
    /// texts and options) with the evidence its last pass counted.
    pub fn new(
        src: &Sentences<'_>,
        tgt: &Sentences<'_>,
        options: &Options,
        alignment: Alignment,
    ) -> Realigner {
        let anchors = options
            .anchors
            .then(|| Anchors::new(&src.sentences, &tgt.sentences));
        let translation = trained_translation(src, tgt, &alignment.beads, options);
        Realigner {
            alignment,
            anchors,
            translation,
        }
    }

    /// The alignment it was made from, no decision applied.
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// The alignment under `decisions`: confirmed beads as they are (each
    /// with posterior 1), the stretches between them searched again where
    /// a decision falls or the first alignment does not fit them (their
    /// beads' posteriors computed within the stretch), the first
    /// alignment's beads elsewhere. With no decisions, the first alignment.
    ///
    /// # Errors
    ///
    /// [`DecisionError`] when the decisions name sentences the texts do
    /// not have or cannot all hold.
    pub fn realign(
        &self,
        src: &Sentences<'_>,
        tgt: &Sentences<'_>,
        sections: &[Section],
        options: &Options,
        decisions: &Decisions,
    ) -> Result<Alignment, DecisionError> {
        if decisions.is_empty() {
            return Ok(self.alignment.clone());
        }
        let (n, m) = (src.sentences.len(), tgt.sentences.len());
        let constraints = Constraints::new(decisions, n, m)?;
        let stretches = stretches(src, tgt, sections, decisions)?;
        constraints.within_stretches(&stretches)?;

        let document = Document::new(src, tgt, sections, options);
        let models = &self.alignment.models;
        let meaning = options.embeddings.as_deref().map(|embeddings| {
            let meaning = Meaning::new(embeddings, 0..n, 0..m);
            match options.paragraph_breaks {
                true => meaning.with_headings(headings(src), headings(tgt)),
                false => meaning,
            }
        });
        let timing = (options.timing.as_deref()).map(|t| TimeOverlap::new(t, 0, 0));
        let retrained;
        let translation = match decisions.search_all {
            true => {
                retrained = self.retrained(src, tgt, options, &stretches);
                retrained.as_ref()
            }
            false => self.translation.as_ref(),
        };
        let mut terms: Vec<&dyn Evidence> = vec![&constraints];
        terms.extend(translation.map(|t| t as &dyn Evidence));
        terms.extend(self.anchors.as_ref().map(|a| a as &dyn Evidence));
        terms.extend(timing.as_ref().map(|t| t as &dyn Evidence));
        terms.extend(meaning.as_ref().map(|m| m as &dyn Evidence));
        let evidence = Sum(terms);

        // Like the first alignment's, beads searched again are only as sure
        // as the texts are translations at all.
        let translated = self.alignment.kinship.map_or(1.0, |k| k.probability());
        let (mut beads, mut posteriors) = (Vec::new(), Vec::new());
        for stretch in &stretches {
            match stretch {
                Stretch::Confirmed(bead) => {
                    beads.push(bead.clone());
                    posteriors.push(1.0);
                }
                Stretch::Open { src: s, tgt: t } => {
                    let first = covering(&self.alignment.beads, s.clone(), t.clone());
                    if let Some(first) = first
                        && !decisions.search_all
                        && !constraints.touches(s, t)
                    {
                        beads.extend_from_slice(&self.alignment.beads[first.clone()]);
                        posteriors.extend_from_slice(&self.alignment.posteriors[first]);
                        continue;
                    }
                    let found = document.search_stretch(
                        s.clone(),
                        t.clone(),
                        models,
                        &evidence,
                        &self.alignment.beads,
                    );
                    if found
                        .iter()
                        .any(|b| !constraints.allows(b.src.clone(), b.tgt.clone()))
                    {
                        return Err(DecisionError::Unsatisfiable {
                            src: s.clone(),
                            tgt: t.clone(),
                        });
                    }
                    posteriors.extend(
                        document
                            .stretch_posteriors(
                                s.clone(),
                                t.clone(),
                                models,
                                &evidence,
                                &found,
                                options.posterior_temperature,
                            )
                            .into_iter()
                            .map(|p| p * translated),
                    );
                    beads.extend(found);
                }
            }
        }
        let paragraph_beads = document.paragraph_beads_of(&beads);
        Ok(Alignment {
            beads,
            posteriors,
            paragraph_beads,
            models: models.clone(),
            kinship: self.alignment.kinship,
        })
    }

    /// A translation model trained on the confirmed beads and, in the open
    /// stretches, the first alignment's beads where they fit.
    fn retrained(
        &self,
        src: &Sentences<'_>,
        tgt: &Sentences<'_>,
        options: &Options,
        stretches: &[Stretch],
    ) -> Option<Translation> {
        let mut path = Vec::new();
        for stretch in stretches {
            match stretch {
                Stretch::Confirmed(bead) => path.push(bead.clone()),
                Stretch::Open { src: s, tgt: t } => {
                    if let Some(first) = covering(&self.alignment.beads, s.clone(), t.clone()) {
                        path.extend_from_slice(&self.alignment.beads[first]);
                    }
                }
            }
        }
        trained_translation(src, tgt, &path, options)
    }
}

impl std::fmt::Debug for Realigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Realigner")
            .field("beads", &self.alignment.beads.len())
            .field("anchors", &self.anchors.is_some())
            .field("translation", &self.translation.is_some())
            .finish()
    }
}

/// Whether two groups of sentences are out of order: one comes first on
/// one side and second on the other. An empty side stands at its place
/// (a bead without a counterpart still has a place in the order), but two
/// empty sides at one place are in no order.
fn crosses(a: (&Range<usize>, &Range<usize>), b: (&Range<usize>, &Range<usize>)) -> bool {
    let before = |x: &Range<usize>, y: &Range<usize>| {
        !(x.is_empty() && y.is_empty() && x.start == y.start) && x.end <= y.start
    };
    (before(a.0, b.0) && before(b.1, a.1)) || (before(b.0, a.0) && before(a.1, b.1))
}

/// One piece of a section between confirmed beads.
#[derive(Debug, Clone, PartialEq)]
enum Stretch {
    /// A confirmed bead.
    Confirmed(Bead),
    /// Sentences between confirmed beads (either side may be empty).
    Open {
        src: Range<usize>,
        tgt: Range<usize>,
    },
}

/// The sections' sentences cut at the confirmed beads, in order.
fn stretches(
    src: &Sentences<'_>,
    tgt: &Sentences<'_>,
    sections: &[Section],
    decisions: &Decisions,
) -> Result<Vec<Stretch>, DecisionError> {
    let mut confirmed = decisions.confirmed.clone();
    confirmed.sort_by_key(|b| (b.src.start, b.tgt.start, b.src.end, b.tgt.end));
    for pair in confirmed.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.src.end > b.src.start || a.tgt.end > b.tgt.start {
            return Err(DecisionError::Crossing {
                first: (a.src.clone(), a.tgt.clone()),
                second: (b.src.clone(), b.tgt.clone()),
            });
        }
    }
    let mut found = Vec::new();
    let mut next = confirmed.iter().peekable();
    for section in sections {
        let s = src.sentences_of(section.src.clone());
        let t = tgt.sentences_of(section.tgt.clone());
        let (mut i, mut j) = (s.start, t.start);
        while let Some(bead) = next.next_if(|b| b.src.start < s.end || b.tgt.start < t.end) {
            let inside = |r: &Range<usize>, within: &Range<usize>| {
                within.start <= r.start && r.end <= within.end
            };
            if (bead.src.is_empty() && bead.tgt.is_empty())
                || !inside(&bead.src, &s)
                || !inside(&bead.tgt, &t)
                || bead.src.start < i
                || bead.tgt.start < j
            {
                return Err(DecisionError::BadBead {
                    src: bead.src.clone(),
                    tgt: bead.tgt.clone(),
                });
            }
            if i < bead.src.start || j < bead.tgt.start {
                found.push(Stretch::Open {
                    src: i..bead.src.start,
                    tgt: j..bead.tgt.start,
                });
            }
            found.push(Stretch::Confirmed(Bead {
                cost: 0.0,
                ..bead.clone()
            }));
            (i, j) = (bead.src.end, bead.tgt.end);
        }
        if i < s.end || j < t.end {
            found.push(Stretch::Open {
                src: i..s.end,
                tgt: j..t.end,
            });
        }
    }
    if let Some(bead) = next.next() {
        return Err(DecisionError::BadBead {
            src: bead.src.clone(),
            tgt: bead.tgt.clone(),
        });
    }
    Ok(found)
}

/// The evidence term that rules out every bead breaking a link, a mark or a
/// pair boundary:
/// cost 0 for a bead that keeps them all, +∞ otherwise. Global sentence
/// indices.
#[derive(Debug, Clone)]
pub struct Constraints {
    /// For each source sentence, the target sentences it is linked with
    /// (lowest, highest), if any.
    src_links: Vec<Option<(usize, usize)>>,
    tgt_links: Vec<Option<(usize, usize)>>,
    src_unmatched: Vec<bool>,
    tgt_unmatched: Vec<bool>,
    /// Whether a bead must begin at each sentence.
    src_begins: Vec<bool>,
    tgt_begins: Vec<bool>,
    /// Every sentence named by a link or a mark (source, target).
    named: Vec<(Option<usize>, Option<usize>)>,
    /// Every sentence a boundary is put before.
    cut: Vec<(Option<usize>, Option<usize>)>,
}

impl Constraints {
    /// The links and marks of `decisions` over `n` source and `m` target
    /// sentences.
    ///
    /// # Errors
    ///
    /// [`DecisionError::OutOfRange`] for a sentence past either side.
    pub fn new(decisions: &Decisions, n: usize, m: usize) -> Result<Constraints, DecisionError> {
        let check = |side: &'static str, index: usize, count: usize| {
            (index < count)
                .then_some(index)
                .ok_or(DecisionError::OutOfRange { side, index, count })
        };
        let widen = |slot: &mut Option<(usize, usize)>, k: usize| {
            *slot = Some(slot.map_or((k, k), |(lo, hi)| (lo.min(k), hi.max(k))));
        };
        let mut found = Constraints {
            src_links: vec![None; n],
            tgt_links: vec![None; m],
            src_unmatched: vec![false; n],
            tgt_unmatched: vec![false; m],
            src_begins: vec![false; n],
            tgt_begins: vec![false; m],
            named: Vec::new(),
            cut: Vec::new(),
        };
        for &(i, j) in &decisions.links {
            let (i, j) = (check("source", i, n)?, check("target", j, m)?);
            widen(&mut found.src_links[i], j);
            widen(&mut found.tgt_links[j], i);
            found.named.push((Some(i), Some(j)));
        }
        for &i in &decisions.unmatched_src {
            found.src_unmatched[check("source", i, n)?] = true;
            found.named.push((Some(i), None));
        }
        for &j in &decisions.unmatched_tgt {
            found.tgt_unmatched[check("target", j, m)?] = true;
            found.named.push((None, Some(j)));
        }
        for &i in &decisions.boundaries_src {
            found.src_begins[check("source", i, n)?] = true;
            found.cut.push((Some(i), None));
        }
        for &j in &decisions.boundaries_tgt {
            found.tgt_begins[check("target", j, m)?] = true;
            found.cut.push((None, Some(j)));
        }
        for bead in &decisions.confirmed {
            if bead.src.end > n || bead.tgt.end > m {
                return Err(DecisionError::BadBead {
                    src: bead.src.clone(),
                    tgt: bead.tgt.clone(),
                });
            }
        }
        Ok(found)
    }

    /// Whether a bead keeps every link and mark.
    fn allows(&self, src: Range<usize>, tgt: Range<usize>) -> bool {
        let uncut = |begins: &[bool], r: &Range<usize>| (r.start + 1..r.end).all(|k| !begins[k]);
        if !uncut(&self.src_begins, &src) || !uncut(&self.tgt_begins, &tgt) {
            return false;
        }
        let holds = |links: &[Option<(usize, usize)>], unmatched: &[bool], own, other| {
            let (own, other): (Range<usize>, Range<usize>) = (own, other);
            own.clone().all(|k| {
                (other.is_empty() || !unmatched[k])
                    && links[k].is_none_or(|(lo, hi)| other.start <= lo && hi < other.end)
            })
        };
        holds(
            &self.src_links,
            &self.src_unmatched,
            src.clone(),
            tgt.clone(),
        ) && holds(&self.tgt_links, &self.tgt_unmatched, tgt, src)
    }

    /// Whether a link or a mark names a sentence of the stretch.
    fn touches(&self, src: &Range<usize>, tgt: &Range<usize>) -> bool {
        self.named.iter().chain(&self.cut).any(|&(i, j)| {
            i.is_some_and(|i| src.contains(&i)) || j.is_some_and(|j| tgt.contains(&j))
        })
    }

    /// Every link and mark lies within one open stretch (both sentences of
    /// a link in the same one).
    fn within_stretches(&self, stretches: &[Stretch]) -> Result<(), DecisionError> {
        for &(i, j) in &self.named {
            let open = stretches.iter().find_map(|s| match s {
                Stretch::Open { src, tgt }
                    if i.is_none_or(|i| src.contains(&i)) && j.is_none_or(|j| tgt.contains(&j)) =>
                {
                    Some(())
                }
                _ => None,
            });
            if open.is_none() {
                return Err(DecisionError::Conflict { src: i, tgt: j });
            }
        }
        Ok(())
    }
}

impl Evidence for Constraints {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        match self.allows(src, tgt) {
            true => 0.0,
            false => f64::INFINITY,
        }
    }

    fn null_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        self.cost(src, tgt)
    }

    fn floor(&self) -> f64 {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align;

    const ZH: [&str; 6] = [
        "政府工作报告",
        "2023年，全市经济增长5.2%，城市更加宜居。",
        "我们新建学校12所。",
        "全年接待游客3000万人次。",
        "这一句没有译文。",
        "谢谢大家。",
    ];
    const EN: [&str; 7] = [
        "Report on the Work of the Government",
        "In 2023, the city's economy grew by 5.2%.",
        "The city became more livable.",
        "We built 12 new schools.",
        "The city received 30 million tourists in the year.",
        "Thank you.",
        "Applause.",
    ];

    fn realigned(decisions: &Decisions) -> Result<Alignment, DecisionError> {
        let (zh, en) = (
            Sentences::single_paragraph(ZH.to_vec()),
            Sentences::single_paragraph(EN.to_vec()),
        );
        let sections = [Section::whole(1, 1)];
        let options = Options::default();
        let first = align(&zh, &en, &sections, &options);
        let realigner = Realigner::new(&zh, &en, &options, first);
        realigner.realign(&zh, &en, &sections, &options, decisions)
    }

    fn shapes(alignment: &Alignment) -> Vec<(Range<usize>, Range<usize>)> {
        alignment
            .beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect()
    }

    /// Every sentence once, in order.
    fn covers(alignment: &Alignment) -> bool {
        let (mut i, mut j) = (0, 0);
        for bead in &alignment.beads {
            if bead.src.start != i || bead.tgt.start != j {
                return false;
            }
            (i, j) = (bead.src.end, bead.tgt.end);
        }
        (i, j) == (ZH.len(), EN.len()) && alignment.posteriors.len() == alignment.beads.len()
    }

    #[test]
    fn no_decision_is_the_first_alignment() {
        let first = realigned(&Decisions::default()).unwrap();
        assert_eq!(first.beads[1].src, 1..2);
        assert_eq!(first.beads[1].tgt, 1..3);
    }

    #[test]
    fn a_confirmed_bead_of_any_shape_is_kept_and_sure() {
        // Two beads the search would never join: a 2-3.
        let decisions = Decisions {
            confirmed: vec![Bead {
                src: 1..3,
                tgt: 1..4,
                cost: 0.0,
            }],
            ..Decisions::default()
        };
        let found = realigned(&decisions).unwrap();
        assert!(covers(&found));
        let at = found.beads.iter().position(|b| b.src == (1..3)).unwrap();
        assert_eq!(found.beads[at].tgt, 1..4);
        assert_eq!(found.posteriors[at], 1.0);
        // Before it, the title as the first alignment had it.
        assert_eq!(shapes(&found)[0], (0..1, 0..1));
    }

    #[test]
    fn every_link_holds_and_moves_its_neighbours() {
        for i in 0..ZH.len() {
            for j in i.saturating_sub(1)..(i + 3).min(EN.len()) {
                let decisions = Decisions {
                    links: vec![(i, j)],
                    ..Decisions::default()
                };
                let found = realigned(&decisions).unwrap();
                assert!(covers(&found), "link {i}-{j}: {:?}", shapes(&found));
                assert!(
                    found
                        .beads
                        .iter()
                        .any(|b| b.src.contains(&i) && b.tgt.contains(&j)),
                    "link {i}-{j}: {:?}",
                    shapes(&found)
                );
            }
        }
        // Linking the growth sentence to the second English sentence alone
        // is not asked: the link only says they share a bead.
        let found = realigned(&Decisions {
            links: vec![(1, 2)],
            ..Decisions::default()
        })
        .unwrap();
        assert!(
            found
                .beads
                .iter()
                .any(|b| b.src == (1..2) && b.tgt.contains(&2))
        );
    }

    #[test]
    fn a_sentence_without_counterpart_stands_alone() {
        let found = realigned(&Decisions {
            unmatched_tgt: vec![6],
            unmatched_src: vec![2],
            ..Decisions::default()
        })
        .unwrap();
        assert!(covers(&found));
        let shapes = shapes(&found);
        assert!(shapes.contains(&(6..6, 6..7)), "{shapes:?}");
        assert!(
            shapes.contains(&(2..3, 3..3)) || shapes.contains(&(2..3, 4..4)),
            "{shapes:?}"
        );
    }

    #[test]
    fn a_boundary_splits_a_bead_and_the_rest_is_aligned_around_it() {
        // The first alignment makes 1 ↔ 1-2; a boundary before English 2
        // takes it out of that bead.
        let found = realigned(&Decisions {
            boundaries_tgt: vec![2],
            ..Decisions::default()
        })
        .unwrap();
        assert!(covers(&found));
        assert!(
            found
                .beads
                .iter()
                .all(|b| !(b.tgt.contains(&1) && b.tgt.contains(&2))),
            "{:?}",
            shapes(&found)
        );
    }

    #[test]
    fn searching_everything_again_keeps_what_was_confirmed() {
        let bead = |src: Range<usize>, tgt: Range<usize>| Bead {
            src,
            tgt,
            cost: 0.0,
        };
        let decisions = Decisions {
            confirmed: vec![bead(0..1, 0..1), bead(1..2, 1..3)],
            search_all: true,
            ..Decisions::default()
        };
        let found = realigned(&decisions).unwrap();
        assert!(covers(&found));
        assert_eq!(shapes(&found)[..2], [(0..1, 0..1), (1..2, 1..3)]);
        assert_eq!(found.posteriors[..2], [1.0, 1.0]);
        // The rest searched again: here, as the first alignment had it.
        let first = realigned(&Decisions::default()).unwrap();
        assert_eq!(shapes(&found), shapes(&first));
        // Undecided, the flag alone still searches.
        assert!(
            !Decisions {
                search_all: true,
                ..Decisions::default()
            }
            .is_empty()
        );
    }

    #[test]
    fn later_decisions_win() {
        let bead = |src: Range<usize>, tgt: Range<usize>| Bead {
            src,
            tgt,
            cost: 0.0,
        };
        let mut decisions = Decisions {
            confirmed: vec![bead(0..1, 0..1), bead(1..2, 1..3), bead(2..3, 3..4)],
            links: vec![(3, 4)],
            unmatched_src: vec![4],
            ..Decisions::default()
        };
        // Merging the second and third: one bead instead of two.
        decisions.apply(&Decisions {
            confirmed: vec![bead(1..3, 1..4)],
            ..Decisions::default()
        });
        assert_eq!(decisions.confirmed, [bead(0..1, 0..1), bead(1..3, 1..4)]);
        // A link from the marked sentence: the mark goes, and so does the
        // link it crosses.
        decisions.apply(&Decisions {
            links: vec![(4, 3)],
            ..Decisions::default()
        });
        assert_eq!(decisions.links, [(4, 3)]);
        assert!(decisions.unmatched_src.is_empty());
        // A link that cuts a confirmed bead replaces it.
        decisions.apply(&Decisions {
            links: vec![(2, 5)],
            ..Decisions::default()
        });
        assert_eq!(decisions.confirmed, [bead(0..1, 0..1)]);
        assert_eq!(decisions.links, [(2, 5)]);
        // A mark on a sentence of a confirmed pair replaces the pair.
        decisions.apply(&Decisions {
            unmatched_tgt: vec![0],
            ..Decisions::default()
        });
        assert!(decisions.confirmed.is_empty());
        assert!(realigned(&decisions).is_ok());
        // A confirmed target sentence without counterpart stands between
        // the sentences of a later link: the link wins.
        let mut decisions = Decisions {
            confirmed: vec![bead(3..3, 4..5)],
            ..Decisions::default()
        };
        decisions.apply(&Decisions {
            links: vec![(2, 5)],
            ..Decisions::default()
        });
        assert!(decisions.confirmed.is_empty(), "{decisions:?}");
        assert!(realigned(&decisions).is_ok());
    }

    #[test]
    fn decisions_that_cannot_hold_are_refused_by_name() {
        let bead = |src: Range<usize>, tgt: Range<usize>| Bead {
            src,
            tgt,
            cost: 0.0,
        };
        let refused = |decisions: Decisions| realigned(&decisions).unwrap_err();
        assert_eq!(
            refused(Decisions {
                links: vec![(9, 0)],
                ..Decisions::default()
            }),
            DecisionError::OutOfRange {
                side: "source",
                index: 9,
                count: 6
            }
        );
        assert!(matches!(
            refused(Decisions {
                confirmed: vec![bead(1..3, 1..3), bead(2..4, 3..5)],
                ..Decisions::default()
            }),
            DecisionError::Crossing { .. }
        ));
        // A link across a confirmed bead.
        assert_eq!(
            refused(Decisions {
                confirmed: vec![bead(2..3, 3..4)],
                links: vec![(1, 5)],
                ..Decisions::default()
            }),
            DecisionError::Conflict {
                src: Some(1),
                tgt: Some(5)
            }
        );
        // Links that cross.
        assert!(matches!(
            refused(Decisions {
                links: vec![(1, 3), (3, 1)],
                ..Decisions::default()
            }),
            DecisionError::Unsatisfiable { .. }
        ));
        // Linked and without counterpart at once.
        assert!(matches!(
            refused(Decisions {
                links: vec![(2, 3)],
                unmatched_src: vec![2],
                ..Decisions::default()
            }),
            DecisionError::Unsatisfiable { .. }
        ));
    }
}
