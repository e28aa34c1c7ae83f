//! A review session: a document's alignment, corrected one action at a
//! time. What `tandem review` serves and `tandem align --corrections`
//! applies.
//!
//! A [`Review`] owns its document, the first alignment's evidence
//! ([`Realigner`]) and the [`Corrections`] made so far. Each [`Edit`] is
//! turned into a [`Decision`] over the sentences it names; the alignment
//! is then the first alignment under every decision, later ones winning
//! ([`Corrections::decisions_for`], [`Realigner::realign`]): an edit that
//! cannot hold is refused and changes nothing. Undo and redo move
//! decisions between the file's two lists, so the state is always what
//! the file says.

use std::io;

use tandem_align::{Alignment, Bead, DecisionError, Decisions, Realigner, align};
use tandem_score::Score;

use crate::corrections::{
    Action, BeadText, Boundary, ConfirmedBead, Corrections, CorrectionsError, Decision, Link,
    Remapped, SideName, Unmatched,
};
use crate::format::{PairWriter, Unit};
use crate::report::{ReportRow, ReportWriter};
use crate::{AlignSettings, AlignedDocument, DocumentPair, QaSummary, Warning, aligned_with};

/// One action of a reviewer on the current alignment. Beads are indices
/// into [`Review::alignment`]'s beads; sentences into each side's
/// sentences. As JSON (what the review page sends), tagged by `edit`:
/// `{"edit": "split", "bead": 3, "side": "target", "last": true}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "edit", rename_all = "lowercase", deny_unknown_fields)]
pub enum Edit {
    /// The bead is right, and so is every bead above it (or, `alone`,
    /// only it: a reviewer going through the pairs worst first).
    Confirm {
        /// The bead.
        bead: usize,
        /// Only this bead.
        #[serde(default)]
        alone: bool,
    },
    /// The bead and the next are one.
    Merge {
        /// The first of the two.
        bead: usize,
    },
    /// The bead's first sentence on `side` belongs to the bead before
    /// (`last: false`), or its last to the bead after (`last: true`).
    Split {
        /// The bead.
        bead: usize,
        /// Which side's sentence moves.
        side: SideName,
        /// Its last sentence (to the next bead), or its first (to the
        /// previous).
        last: bool,
    },
    /// Two sentences belong to one bead.
    Link {
        /// The source sentence.
        source: usize,
        /// The target sentence.
        target: usize,
    },
    /// Every unconfirmed pair aligned again, with a translation model
    /// trained again on the confirmed pairs.
    Realign,
    /// A sentence has no counterpart.
    Unmatched {
        /// Its side.
        side: SideName,
        /// The sentence.
        sentence: usize,
    },
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReviewError {
    /// The edit names a bead or a sentence that is not there.
    #[error("{0}")]
    Invalid(String),
    /// The decisions would not hold together.
    #[error("{}", explain(.0))]
    Decision(#[from] DecisionError),
    /// The corrections do not fit the documents.
    #[error(transparent)]
    Corrections(#[from] CorrectionsError),
}

/// A bead as a reviewer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Its sentences.
    pub bead: Bead,
    /// How sure the aligner is, with the checks' findings folded in (as
    /// the memory's `x-confidence`), in [0, 1].
    pub confidence: f64,
    /// The checks' findings.
    pub flags: Vec<tandem_score::Flag>,
    /// A reviewer confirmed it.
    pub reviewed: bool,
}

/// A document under review.
pub struct Review {
    document: DocumentPair,
    settings: AlignSettings,
    options: tandem_align::Options,
    warnings: Vec<Warning>,
    realigner: Realigner,
    corrections: Corrections,
    alignment: Alignment,
    reviewed: Vec<bool>,
    content: tandem_score::ContentCache,
}

impl std::fmt::Debug for Review {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Review")
            .field("document", &self.document.name)
            .field("beads", &self.alignment.beads.len())
            .field("decisions", &self.corrections.decisions.len())
            .finish()
    }
}

impl Review {
    /// Aligns `document` and applies `corrections` (with no decisions, a
    /// new review). Returns how many decisions were found elsewhere than
    /// the file says (an input changed).
    ///
    /// # Errors
    ///
    /// [`ReviewError::Corrections`] for a decision whose sentences are no
    /// longer in the documents, [`ReviewError::Decision`] for decisions
    /// that do not hold together.
    pub fn open(
        document: DocumentPair,
        settings: AlignSettings,
        corrections: Corrections,
    ) -> Result<(Review, Remapped), ReviewError> {
        let (options, warnings) = crate::document_options(&document, &settings);
        let (src, tgt) = (document.src.sentences(), document.tgt.sentences());
        let first = align(&src, &tgt, &document.sections, &options);
        let realigner = Realigner::new(&src, &tgt, &options, first);
        let mut review = Review {
            alignment: realigner.alignment().clone(),
            reviewed: Vec::new(),
            content: Default::default(),
            document,
            settings,
            options,
            warnings,
            realigner,
            corrections,
        };
        let remapped = review.refresh()?;
        Ok((review, remapped))
    }

    /// The document.
    pub fn document(&self) -> &DocumentPair {
        &self.document
    }

    /// The current alignment: the first under every decision.
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// The corrections made, as the file holds them.
    pub fn corrections(&self) -> &Corrections {
        &self.corrections
    }

    /// For each bead, whether a reviewer confirmed it.
    pub fn reviewed(&self) -> &[bool] {
        &self.reviewed
    }

    /// The document and its current alignment, to write as any
    /// alignment is written (confirmed units carry `x-reviewed`).
    pub fn aligned(&self) -> AlignedDocument<'_> {
        let mut aligned = aligned_with(
            &self.document,
            &self.settings,
            self.alignment.clone(),
            self.warnings.clone(),
        );
        aligned.reviewed = self.reviewed.clone();
        aligned.content_cache = Some(self.content.clone());
        aligned
    }

    /// The settings the document is aligned and written with.
    pub fn settings(&self) -> &AlignSettings {
        &self.settings
    }

    /// Every bead with its confidence and the checks' findings, as a
    /// memory written from it would have them.
    ///
    /// # Errors
    ///
    /// None in practice: the writers used keep everything in memory.
    pub fn pairs(&self) -> io::Result<Vec<Pair>> {
        let aligned = self.aligned();
        let mut rows = Rows(Vec::new());
        let settings = AlignSettings {
            // Every bead is a pair to review, whatever export keeps.
            export: crate::ExportPolicy::default(),
            ..self.settings.clone()
        };
        aligned.write(&settings, Box::new(Nowhere), Some(&mut rows))?;
        Ok((self.alignment.beads.iter().zip(rows.0))
            .zip(&self.reviewed)
            .map(|((bead, (confidence, flags)), &reviewed)| Pair {
                bead: bead.clone(),
                confidence,
                flags,
                reviewed,
            })
            .collect())
    }

    /// Applies an edit made at `time` (RFC 3339): it becomes a decision,
    /// and the alignment is realigned under it.
    ///
    /// # Errors
    ///
    /// A [`ReviewError`] when the edit names what is not there or would
    /// not hold; nothing changes then.
    pub fn edit(&mut self, edit: Edit, time: &str) -> Result<(), ReviewError> {
        let decision = self.decision(edit, time)?;
        self.corrections.decisions.push(decision);
        // A refresh that fails leaves the alignment as it was.
        if let Err(e) = self.refresh() {
            self.corrections.decisions.pop();
            return Err(e);
        }
        self.corrections.undone.clear();
        Ok(())
    }

    /// Undoes the last decision. Returns whether there was one.
    ///
    /// # Errors
    ///
    /// Only if the remaining decisions no longer hold, which they did
    /// before.
    pub fn undo(&mut self) -> Result<bool, ReviewError> {
        let Some(decision) = self.corrections.decisions.pop() else {
            return Ok(false);
        };
        self.corrections.undone.insert(0, decision);
        self.refresh()?;
        Ok(true)
    }

    /// Makes the last undone decision again. Returns whether there was one.
    ///
    /// # Errors
    ///
    /// Only if the decisions no longer hold, which they did before.
    pub fn redo(&mut self) -> Result<bool, ReviewError> {
        if self.corrections.undone.is_empty() {
            return Ok(false);
        }
        let decision = self.corrections.undone.remove(0);
        self.corrections.decisions.push(decision);
        self.refresh()?;
        Ok(true)
    }

    /// The alignment under the file's decisions.
    fn refresh(&mut self) -> Result<Remapped, ReviewError> {
        let (src, tgt) = (self.document.src.sentences(), self.document.tgt.sentences());
        let (decisions, remapped): (Decisions, Remapped) = self
            .corrections
            .decisions_for(&src.sentences, &tgt.sentences)?;
        let alignment = self.realigner.realign(
            &src,
            &tgt,
            &self.document.sections,
            &self.options,
            &decisions,
        )?;
        let confirmed: std::collections::HashSet<_> = (decisions.confirmed.iter())
            .map(|c| (c.src.clone(), c.tgt.clone()))
            .collect();
        self.reviewed = (alignment.beads.iter())
            .map(|b| confirmed.contains(&(b.src.clone(), b.tgt.clone())))
            .collect();
        self.alignment = alignment;
        Ok(remapped)
    }

    /// The decision an edit makes, over the current beads.
    fn decision(&self, edit: Edit, time: &str) -> Result<Decision, ReviewError> {
        let beads = &self.alignment.beads;
        let bead_at = |k: usize| {
            beads
                .get(k)
                .ok_or_else(|| ReviewError::Invalid(format!("there is no pair {}", k + 1)))
        };
        let mut decision = Decision {
            time: time.to_string(),
            action: Action::Confirm,
            confirm: Vec::new(),
            link: Vec::new(),
            unmatched: Vec::new(),
            boundary: Vec::new(),
        };
        match edit {
            Edit::Confirm { bead, alone } => {
                bead_at(bead)?;
                let first = if alone { bead } else { 0 };
                decision.confirm = (first..=bead)
                    .filter(|&k| !self.reviewed[k])
                    .map(|k| self.confirmed(&beads[k]))
                    .collect();
            }
            Edit::Merge { bead } => {
                let a = bead_at(bead)?;
                let b = beads.get(bead + 1).ok_or_else(|| {
                    ReviewError::Invalid(format!(
                        "pair {} is the last: there is no pair after it",
                        bead + 1
                    ))
                })?;
                if self.section_of(a) != self.section_of(b) {
                    return Err(ReviewError::Invalid(format!(
                        "pairs {} and {} lie in two paragraph pairs of the file: one pair cannot hold both",
                        bead + 1,
                        bead + 2
                    )));
                }
                decision.action = Action::Merge;
                decision.confirm = vec![self.confirmed(&Bead {
                    src: a.src.start..b.src.end,
                    tgt: a.tgt.start..b.tgt.end,
                    cost: 0.0,
                })];
            }
            Edit::Split { bead, side, last } => {
                decision.action = Action::Split;
                let this = bead_at(bead)?;
                let neighbour = match last {
                    true => (bead + 1 < beads.len()).then_some(bead + 1),
                    false => bead.checked_sub(1),
                };
                let other = neighbour.map(|k| &beads[k]).ok_or_else(|| {
                    ReviewError::Invalid(match last {
                        true => format!("pair {} is the last: there is no pair after it", bead + 1),
                        false => {
                            format!("pair {} is the first: there is no pair before it", bead + 1)
                        }
                    })
                })?;
                let neighbour = neighbour.unwrap_or_default();
                if self.section_of(this) != self.section_of(other) {
                    return Err(ReviewError::Invalid(format!(
                        "pair {} is the {} of its paragraph pair: the sentence has no {} pair to go to",
                        bead + 1,
                        if last { "last" } else { "first" },
                        if last { "next" } else { "previous" }
                    )));
                }
                let (own, theirs) = match side {
                    SideName::Source => (&this.src, &other.src),
                    SideName::Target => (&this.tgt, &other.tgt),
                };
                if own.is_empty() {
                    return Err(ReviewError::Invalid(format!(
                        "pair {} has no {} sentence to move",
                        bead + 1,
                        side.as_str()
                    )));
                }
                let moved = if last { own.end - 1 } else { own.start };
                let kept = if last {
                    own.start..own.end - 1
                } else {
                    own.start + 1..own.end
                };
                let grown = if last {
                    moved..theirs.end.max(moved + 1)
                } else {
                    theirs.start.min(moved)..moved + 1
                };
                let with = |b: &Bead, range: std::ops::Range<usize>| match side {
                    SideName::Source => Bead {
                        src: range,
                        ..b.clone()
                    },
                    SideName::Target => Bead {
                        tgt: range,
                        ..b.clone()
                    },
                };
                // The sentence leaves the pair: a pair boundary between
                // them. What stays is confirmed if the pair was; else it is
                // the aligner's to complete (a reviewer who moves one
                // sentence has not said the rest is right).
                let rest = with(this, kept);
                let before = if last { moved } else { moved + 1 };
                if before > 0 && before < self.sentences(side).len() {
                    decision.boundary.push(self.boundary(side, before));
                }
                if self.reviewed[bead] && !(rest.src.is_empty() && rest.tgt.is_empty()) {
                    decision.confirm.push(self.confirmed(&rest));
                }
                let far = match side {
                    SideName::Source => &other.tgt,
                    SideName::Target => &other.src,
                };
                if self.reviewed[neighbour] {
                    // The neighbour was confirmed: it is, with the sentence.
                    decision.confirm.push(self.confirmed(&with(other, grown)));
                } else if far.is_empty() {
                    decision.unmatched.push(self.unmatched(side, moved));
                } else {
                    // The sentence joins the neighbour, which keeps its
                    // sentences: two crossing links (first source with
                    // last target, last source with first target) hold
                    // them in one pair, which the aligner may still grow.
                    decision
                        .link
                        .extend(self.held_together(&with(other, grown)));
                }
            }
            Edit::Link { source, target } => {
                self.sentence(SideName::Source, source)?;
                self.sentence(SideName::Target, target)?;
                decision.action = Action::Link;
                decision.link.push(self.link(source, target));
            }
            Edit::Realign => {
                decision.action = Action::Realign;
                return Ok(decision);
            }
            Edit::Unmatched { side, sentence } => {
                self.sentence(side, sentence)?;
                decision.action = Action::Unmatched;
                decision.unmatched.push(self.unmatched(side, sentence));
            }
        }
        if decision.confirm.is_empty()
            && decision.link.is_empty()
            && decision.unmatched.is_empty()
            && decision.boundary.is_empty()
        {
            return Err(ReviewError::Invalid("nothing left to confirm".into()));
        }
        Ok(decision)
    }

    /// Links that hold a bead's sentences in one pair (which may grow): its
    /// first source sentence with its last target sentence, and its last
    /// source with its first target (beads keep their order, so no two
    /// pairs can hold the two links).
    fn held_together(&self, bead: &Bead) -> Vec<Link> {
        let (s, t) = (&bead.src, &bead.tgt);
        let mut links = vec![self.link(s.start, t.end - 1)];
        if s.len() > 1 || t.len() > 1 {
            links.push(self.link(s.end - 1, t.start));
        }
        links
    }

    /// The section a bead lies in (by its first sentence).
    fn section_of(&self, bead: &Bead) -> Option<usize> {
        let (src, tgt) = (self.document.src.sentences(), self.document.tgt.sentences());
        self.document.sections.iter().position(|s| {
            let (sr, tr) = (
                src.sentences_of(s.src.clone()),
                tgt.sentences_of(s.tgt.clone()),
            );
            match bead.src.is_empty() {
                false => sr.start <= bead.src.start && bead.src.start < sr.end,
                true => tr.start <= bead.tgt.start && bead.tgt.start < tr.end,
            }
        })
    }

    /// One side's sentences.
    fn sentences(&self, side: SideName) -> &[String] {
        match side {
            SideName::Source => &self.document.src.sentences,
            SideName::Target => &self.document.tgt.sentences,
        }
    }

    fn sentence(&self, side: SideName, k: usize) -> Result<&str, ReviewError> {
        self.sentences(side)
            .get(k)
            .map(String::as_str)
            .ok_or_else(|| {
                ReviewError::Invalid(format!("there is no {} sentence {}", side.as_str(), k + 1))
            })
    }

    fn confirmed(&self, bead: &Bead) -> ConfirmedBead {
        let texts = |sentences: &[String], range: &std::ops::Range<usize>| {
            sentences[range.clone()].to_vec()
        };
        ConfirmedBead {
            source: [bead.src.start, bead.src.end],
            target: [bead.tgt.start, bead.tgt.end],
            text: BeadText {
                source: texts(&self.document.src.sentences, &bead.src),
                target: texts(&self.document.tgt.sentences, &bead.tgt),
            },
        }
    }

    fn link(&self, source: usize, target: usize) -> Link {
        Link {
            source,
            target,
            text: [
                self.document.src.sentences[source].clone(),
                self.document.tgt.sentences[target].clone(),
            ],
        }
    }

    fn boundary(&self, side: SideName, before: usize) -> Boundary {
        Boundary {
            side,
            before,
            text: self.sentences(side)[before].clone(),
        }
    }

    fn unmatched(&self, side: SideName, sentence: usize) -> Unmatched {
        Unmatched {
            side,
            sentence,
            text: self.sentences(side)[sentence].clone(),
        }
    }
}

/// Why decisions do not hold, in a reviewer's words: sentences and pairs
/// counted from 1, as the page shows them.
fn explain(error: &DecisionError) -> String {
    let sentence = |side: &str, k: Option<usize>| k.map(|k| format!("{side} sentence {}", k + 1));
    let span = |r: &std::ops::Range<usize>| match r.len() {
        0 => "none".to_string(),
        1 => format!("{}", r.start + 1),
        _ => format!("{}-{}", r.start + 1, r.end),
    };
    match error {
        DecisionError::OutOfRange { side, index, count } => {
            format!(
                "there is no {side} sentence {} (the {side} has {count})",
                index + 1
            )
        }
        DecisionError::BadBead { src, tgt } => format!(
            "source sentences {} and target sentences {} cannot be one pair: a pair holds a sentence at least, within one paragraph pair of the file",
            span(src),
            span(tgt)
        ),
        DecisionError::Crossing { first, second } => format!(
            "confirmed pairs (source {}, target {}) and (source {}, target {}) overlap or cross",
            span(&first.0),
            span(&first.1),
            span(&second.0),
            span(&second.1)
        ),
        DecisionError::Conflict { src, tgt } => {
            let named: Vec<String> = [sentence("source", *src), sentence("target", *tgt)]
                .into_iter()
                .flatten()
                .collect();
            format!(
                "{}: a confirmed pair or the border of a paragraph pair lies in the way",
                named.join(" and ")
            )
        }
        DecisionError::Unsatisfiable { src, tgt } => format!(
            "the links and marks between source sentences {} and target sentences {} cannot all hold (links that cross, a sentence linked and marked alone, or a pair of more than the aligner makes)",
            span(src),
            span(tgt)
        ),
    }
}

/// A pair writer that keeps nothing: the rows are what is wanted.
struct Nowhere;

impl PairWriter for Nowhere {
    fn write(&mut self, _unit: &Unit<'_>) -> io::Result<()> {
        Ok(())
    }

    fn write_unaligned(&mut self, _bead: &Bead, _score: &Score) -> io::Result<()> {
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<usize> {
        Ok(0)
    }
}

/// Each bead's confidence and flags, in order.
struct Rows(Vec<(f64, Vec<tandem_score::Flag>)>);

impl ReportWriter for Rows {
    fn pair(&mut self, row: &ReportRow<'_>) -> io::Result<()> {
        self.0.push((row.confidence, row.flags.to_vec()));
        Ok(())
    }

    fn finish(self: Box<Self>, _summary: &QaSummary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corrections::{InputFile, Inputs, SideCounts};
    use tandem_segment::ReadOptions;

    const ZH: &str = "政府工作报告\n2023年，全市经济增长5.2%，城市更加宜居。我们新建学校12所。全年接待游客3000万人次。\n谢谢大家。\n";
    const EN: &str = "Report on the Work of the Government\nIn 2023, the city's economy grew by 5.2%. The city became more livable. We built 12 new schools. The city received 30 million tourists in the year.\nThank you.\n";

    fn review() -> Review {
        let document = DocumentPair::read(
            "report",
            (ZH.as_bytes().to_vec(), None),
            (EN.as_bytes().to_vec(), None),
            &ReadOptions::default(),
        )
        .unwrap();
        let corrections = Corrections::new(
            Inputs {
                source: InputFile::new("zh.txt", ZH.as_bytes()),
                target: Some(InputFile::new("en.txt", EN.as_bytes())),
                interleaved: false,
            },
            Vec::new(),
            SideCounts::of(&document),
        );
        Review::open(document, AlignSettings::default(), corrections)
            .unwrap()
            .0
    }

    fn shapes(review: &Review) -> Vec<(usize, usize, usize, usize)> {
        (review.alignment().beads.iter())
            .map(|b| (b.src.start, b.src.end, b.tgt.start, b.tgt.end))
            .collect()
    }

    #[test]
    fn edits_undo_and_redo_through_the_file() {
        let mut review = review();
        let first = shapes(&review);
        assert_eq!(first[1], (1, 2, 1, 3), "{first:?}");
        review
            .edit(
                Edit::Confirm {
                    bead: 0,
                    alone: false,
                },
                "t1",
            )
            .unwrap();
        assert!(review.reviewed()[0]);
        // Move "The city became more livable." to the next pair: it joins
        // that pair, which keeps its own sentence.
        review
            .edit(
                Edit::Split {
                    bead: 1,
                    side: SideName::Target,
                    last: true,
                },
                "t2",
            )
            .unwrap();
        let split = shapes(&review);
        assert_eq!(split[1], (1, 2, 1, 2), "{split:?}");
        assert_eq!(split[2], (2, 3, 2, 4), "{split:?}");
        assert_eq!(review.corrections().decisions.len(), 2);
        // Merge it back.
        review.edit(Edit::Merge { bead: 1 }, "t3").unwrap();
        assert_eq!(shapes(&review)[1], (1, 3, 1, split[2].3));
        assert!(review.reviewed()[1]);
        // Undo the merge, redo it, undo it: the split is back.
        assert!(review.undo().unwrap());
        assert_eq!(shapes(&review), split);
        assert!(review.redo().unwrap());
        assert_eq!(shapes(&review)[1], (1, 3, 1, split[2].3));
        assert!(review.undo().unwrap());
        assert_eq!(review.corrections().undone.len(), 1);
        // A new edit forgets what was undone.
        review
            .edit(
                Edit::Unmatched {
                    side: SideName::Target,
                    sentence: 4,
                },
                "t4",
            )
            .unwrap();
        assert!(review.corrections().undone.is_empty());
        assert!(shapes(&review).contains(&(4, 4, 4, 5)) || shapes(&review).contains(&(3, 3, 4, 5)));
        // A link ties its two sentences, whatever else moves.
        let alone = shapes(&review)
            .into_iter()
            .find(|s| s.0 == s.1)
            .expect("the marked sentence stands alone");
        let source = alone.0 - 1;
        review
            .edit(
                Edit::Link {
                    source,
                    target: alone.2,
                },
                "t5",
            )
            .unwrap();
        assert!(
            shapes(&review)
                .iter()
                .any(|s| s.0 <= source && source < s.1 && s.2 <= alone.2 && alone.2 < s.3),
            "{:?}",
            shapes(&review)
        );
        review.undo().unwrap();
        // A pair that is not there is refused, and changes nothing.
        let before = shapes(&review);
        assert!(review.edit(Edit::Merge { bead: 99 }, "t5").is_err());
        assert_eq!(shapes(&review), before);
        let pairs = review.pairs().unwrap();
        assert_eq!(pairs.len(), before.len());
        assert!(pairs[0].reviewed && pairs[0].confidence == 1.0);
        // Rated again, with the content flags cached: the same.
        assert_eq!(review.pairs().unwrap(), pairs);
    }
}
