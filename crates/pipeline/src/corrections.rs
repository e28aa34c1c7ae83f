//! A reviewer's corrections as data: the file `NAME.tandem.json` that
//! `tandem review` saves as it goes and `tandem align --corrections` aligns
//! with (docs/review.md gives the format with an example).
//!
//! A [`Corrections`] file names its inputs (path and SHA-256 of each), the
//! options they were read and aligned with, and the reviewer's
//! [`Decision`]s in the order made: confirmed beads, links between
//! sentences, sentences without a counterpart. Each decision holds the
//! text of the sentences it names, so that when an input changed the
//! decision is found again where its sentences still are
//! ([`Corrections::decisions_for`]), and refused where they are not.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tandem_align::{Bead, Decisions};

/// What the file's `format` field says.
pub const FORMAT: &str = "tandem-corrections";

/// The version of the format this library reads and writes.
pub const VERSION: u32 = 1;

/// A corrections file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The documents corrected.
    pub inputs: Inputs,
    /// The command-line options the documents were read and aligned with,
    /// as given (`["--src-lang", "zh"]`): reopening the review passes them
    /// again.
    #[serde(default)]
    pub options: Vec<String>,
    /// How many sentences each side had when the file was written.
    pub sentences: SideCounts,
    /// The reviewer's decisions, oldest first: a later one wins where two
    /// disagree ([`Decisions::apply`]).
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Decisions undone, the last undone first: what redo brings back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undone: Vec<Decision>,
}

/// The documents a corrections file is of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    /// The source document, or the one bilingual file.
    pub source: InputFile,
    /// The target document; `None` for one bilingual file (interleaved, or
    /// XLIFF).
    pub target: Option<InputFile>,
    /// Whether the one file's paragraphs alternate between the languages.
    #[serde(default)]
    pub interleaved: bool,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputFile {
    /// Its path, as given (relative paths from the corrections file's
    /// folder).
    pub path: String,
    /// The SHA-256 of its bytes, in lowercase hex.
    pub sha256: String,
}

impl InputFile {
    /// The entry for a file at `path` holding `bytes`.
    pub fn new(path: impl Into<String>, bytes: &[u8]) -> InputFile {
        InputFile {
            path: path.into(),
            sha256: sha256(bytes),
        }
    }

    /// Whether `bytes` are still what the file held.
    pub fn unchanged(&self, bytes: &[u8]) -> bool {
        self.sha256 == sha256(bytes)
    }
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A count per side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideCounts {
    /// Source sentences.
    pub source: usize,
    /// Target sentences.
    pub target: usize,
}

impl SideCounts {
    /// The sentences of each side of `document`.
    pub fn of(document: &tandem_segment::DocumentPair) -> SideCounts {
        SideCounts {
            source: document.src.sentences.len(),
            target: document.tgt.sentences.len(),
        }
    }
}

/// What a reviewer did, which the decision records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Confirmed a pair (and the pairs above it).
    Confirm,
    /// Merged a pair with the next.
    Merge,
    /// Moved a pair's first or last sentence to its neighbour.
    Split,
    /// Linked a sentence with one of the other side.
    Link,
    /// Marked a sentence as having no counterpart.
    Unmatched,
    /// Asked for every unconfirmed pair to be aligned again (no sentence
    /// named: [`Decisions::search_all`]).
    Realign,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::Confirm => "confirm",
            Action::Merge => "merge",
            Action::Split => "split",
            Action::Link => "link",
            Action::Unmatched => "unmatched",
            Action::Realign => "realign",
        })
    }
}

/// One action of a reviewer: what it fixed. Sentence numbers are 0-based
/// indices into each side's sentences; ranges are half-open `[start, end)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// When, in RFC 3339 (UTC).
    pub time: String,
    /// What the reviewer did.
    pub action: Action,
    /// Beads kept as they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirm: Vec<ConfirmedBead>,
    /// Sentences that share a bead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub link: Vec<Link>,
    /// Sentences without a counterpart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<Unmatched>,
    /// Sentences that begin a pair: no pair holds one and the sentence
    /// before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boundary: Vec<Boundary>,
}

/// A confirmed bead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmedBead {
    /// Its source sentences, `[start, end)`.
    pub source: [usize; 2],
    /// Its target sentences, `[start, end)`.
    pub target: [usize; 2],
    /// Their texts, to find them again in a changed input.
    pub text: BeadText,
}

/// The texts of a bead's sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeadText {
    /// Each source sentence.
    pub source: Vec<String>,
    /// Each target sentence.
    pub target: Vec<String>,
}

/// Two sentences that share a bead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The source sentence.
    pub source: usize,
    /// The target sentence.
    pub target: usize,
    /// Their texts, source then target.
    pub text: [String; 2],
}

/// A sentence without a counterpart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unmatched {
    /// Which side it is on.
    pub side: SideName,
    /// The sentence.
    pub sentence: usize,
    /// Its text.
    pub text: String,
}

/// A pair boundary: the sentence `before` begins a pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boundary {
    /// Which side it is on.
    pub side: SideName,
    /// The sentence that begins a pair.
    pub before: usize,
    /// Its text.
    pub text: String,
}

/// A side of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SideName {
    /// The source.
    Source,
    /// The target.
    Target,
}

impl SideName {
    /// `source` or `target`, as the file and messages name it.
    pub fn as_str(self) -> &'static str {
        match self {
            SideName::Source => "source",
            SideName::Target => "target",
        }
    }
}

/// Why corrections do not fit the documents.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CorrectionsError {
    /// Not a corrections file, or one of a later version.
    #[error(
        "not a tandem corrections file of version {VERSION} (format {format:?}, version {version})"
    )]
    Version {
        /// The `format` field read.
        format: String,
        /// The `version` field read.
        version: u32,
    },
    /// A decision is not well made: a range that ends before it starts, or
    /// texts that are not as many as the sentences it names.
    #[error("decision {decision} ({action}, {time}): {problem}")]
    Malformed {
        /// 1-based number of the decision in the file.
        decision: usize,
        /// What it was.
        action: Action,
        /// When it was made.
        time: String,
        /// What is wrong.
        problem: String,
    },
    /// A decision's sentences are no longer in the documents.
    #[error(
        "decision {decision} ({action}, {time}) names the {side} sentence {text:?}, which the documents no longer hold"
    )]
    Lost {
        /// 1-based number of the decision in the file.
        decision: usize,
        /// What it was.
        action: Action,
        /// When it was made.
        time: String,
        /// `source` or `target`.
        side: &'static str,
        /// The sentence's text, as the file holds it.
        text: String,
    },
}

/// Where decisions were found again in changed documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Remapped {
    /// Decisions whose sentences moved (found by their text elsewhere).
    pub moved: usize,
    /// The parts of decisions whose sentences are nowhere in the
    /// documents, each as the error it is where they must all hold.
    pub lost: Vec<CorrectionsError>,
}

impl Corrections {
    /// A file with no decision yet.
    pub fn new(inputs: Inputs, options: Vec<String>, sentences: SideCounts) -> Corrections {
        Corrections {
            format: FORMAT.into(),
            version: VERSION,
            inputs,
            options,
            sentences,
            decisions: Vec::new(),
            undone: Vec::new(),
        }
    }

    /// Reads a corrections file's JSON.
    ///
    /// # Errors
    ///
    /// The JSON error, or [`CorrectionsError::Version`] (boxed) for another
    /// format or version.
    pub fn from_json(json: &[u8]) -> Result<Corrections, Box<dyn std::error::Error + Send + Sync>> {
        // The format and version first: a later version's fields would
        // otherwise be reported as unknown.
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
        }
        let head: Head = serde_json::from_slice(json)
            .map_err(|e| format!("not a tandem corrections file: the JSON does not read ({e})"))?;
        let (format, version) = (head.format.unwrap_or_default(), head.version.unwrap_or(0));
        if format != FORMAT || version != VERSION {
            return Err(Box::new(CorrectionsError::Version { format, version }));
        }
        Ok(serde_json::from_slice(json)
            .map_err(|e| format!("the corrections do not read as version {VERSION}: {e}"))?)
    }

    /// The file's JSON, pretty-printed, ending with a new line.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("plain data serialises");
        json.push('\n');
        json
    }

    /// The same corrections for documents whose sentences are `src` and
    /// `tgt`: each decision's sentences found where the file says, else by
    /// their texts nearest to where they were (an input changed, or was
    /// read with other options), and numbered where they are now. The
    /// parts of a decision whose sentences are nowhere in the documents
    /// are left out, and said in [`Remapped::lost`]; a decision left with
    /// nothing is left out. Decisions undone are kept where found, left
    /// out otherwise.
    ///
    /// # Errors
    ///
    /// [`CorrectionsError::Malformed`] for a decision not well made.
    pub fn rebased(
        &self,
        src: &[&str],
        tgt: &[&str],
    ) -> Result<(Corrections, Remapped), CorrectionsError> {
        let mut remapped = Remapped::default();
        let mut decisions = Vec::new();
        for (number, decision) in self.decisions.iter().enumerate() {
            check(number, decision)?;
            let (found, moved, lost) = rebase(decision, number, src, tgt);
            remapped.moved += usize::from(moved);
            remapped.lost.extend(lost);
            decisions.extend(found);
        }
        let mut undone = Vec::new();
        for (number, decision) in self.undone.iter().enumerate() {
            check(number, decision)?;
            let (found, _, lost) = rebase(decision, number, src, tgt);
            if lost.is_empty() {
                undone.extend(found);
            }
        }
        Ok((
            Corrections {
                decisions,
                undone,
                sentences: SideCounts {
                    source: src.len(),
                    target: tgt.len(),
                },
                ..self.clone()
            },
            remapped,
        ))
    }

    /// The decisions as the aligner takes them, for documents whose
    /// sentences are `src` and `tgt` (found as [`Corrections::rebased`]
    /// finds them), every later decision applied over the earlier ones.
    ///
    /// # Errors
    ///
    /// [`CorrectionsError::Lost`] for the first decision whose sentences
    /// are nowhere in the documents, [`CorrectionsError::Malformed`] for
    /// one not well made.
    pub fn decisions_for(
        &self,
        src: &[&str],
        tgt: &[&str],
    ) -> Result<(Decisions, Remapped), CorrectionsError> {
        let (rebased, remapped) = self.rebased(src, tgt)?;
        if let Some(lost) = remapped.lost.first() {
            return Err(lost.clone());
        }
        let mut decisions = Decisions::default();
        for decision in &rebased.decisions {
            decisions.apply(&decision.to_decisions());
        }
        Ok((decisions, remapped))
    }
}

impl Decision {
    /// What the decision says, as the aligner takes it.
    pub fn to_decisions(&self) -> Decisions {
        let mut one = Decisions {
            search_all: self.action == Action::Realign,
            ..Decisions::default()
        };
        for bead in &self.confirm {
            one.confirmed.push(Bead {
                src: bead.source[0]..bead.source[1],
                tgt: bead.target[0]..bead.target[1],
                cost: 0.0,
            });
        }
        one.links
            .extend(self.link.iter().map(|l| (l.source, l.target)));
        for mark in &self.unmatched {
            match mark.side {
                SideName::Source => one.unmatched_src.push(mark.sentence),
                SideName::Target => one.unmatched_tgt.push(mark.sentence),
            }
        }
        for cut in &self.boundary {
            match cut.side {
                SideName::Source => one.boundaries_src.push(cut.before),
                SideName::Target => one.boundaries_tgt.push(cut.before),
            }
        }
        one
    }
}

/// Refuses decision `number` (0-based) when it is not well made.
fn check(number: usize, decision: &Decision) -> Result<(), CorrectionsError> {
    let malformed = |problem: String| CorrectionsError::Malformed {
        decision: number + 1,
        action: decision.action,
        time: decision.time.clone(),
        problem,
    };
    for bead in &decision.confirm {
        for (side, range, texts) in [
            ("source", bead.source, &bead.text.source),
            ("target", bead.target, &bead.text.target),
        ] {
            if range[0] > range[1] {
                return Err(malformed(format!(
                    "the {side} range [{}, {}] ends before it starts",
                    range[0], range[1]
                )));
            }
            if range[1] - range[0] != texts.len() {
                return Err(malformed(format!(
                    "the {side} range [{}, {}] names {} sentences, its text holds {}",
                    range[0],
                    range[1],
                    range[1] - range[0],
                    texts.len()
                )));
            }
        }
    }
    Ok(())
}

/// Decision `number` (0-based) with its sentences numbered where they are
/// in `src` and `tgt` (`None` when nothing of it is left), whether any
/// moved, and the parts whose sentences are gone.
fn rebase(
    decision: &Decision,
    number: usize,
    src: &[&str],
    tgt: &[&str],
) -> (Option<Decision>, bool, Vec<CorrectionsError>) {
    let lost = |side: &'static str, text: &str| CorrectionsError::Lost {
        decision: number + 1,
        action: decision.action,
        time: decision.time.clone(),
        side,
        text: text.to_string(),
    };
    let (mut moved, mut gone_parts) = (false, Vec::new());
    let mut found = Decision {
        confirm: Vec::new(),
        link: Vec::new(),
        unmatched: Vec::new(),
        boundary: Vec::new(),
        ..decision.clone()
    };
    for bead in &decision.confirm {
        let src_at = find_run(src, bead.source, &bead.text.source);
        let tgt_at = find_run(tgt, bead.target, &bead.text.target);
        let (Some(i), Some(j)) = (src_at, tgt_at) else {
            gone_parts.push(match src_at {
                None => lost("source", gone(src, &bead.text.source)),
                Some(_) => lost("target", gone(tgt, &bead.text.target)),
            });
            continue;
        };
        let (n, m) = (bead.text.source.len(), bead.text.target.len());
        let here = i != bead.source[0] || j != bead.target[0];
        moved |= here;
        if here && (n == 0 || m == 0) {
            // Where an empty side stands is not in the text: a bead
            // without a counterpart that moved is its sentences marked.
            let marks = (i..i + n)
                .map(|k| (SideName::Source, k, src[k]))
                .chain((j..j + m).map(|k| (SideName::Target, k, tgt[k])));
            found
                .unmatched
                .extend(marks.map(|(side, sentence, text)| Unmatched {
                    side,
                    sentence,
                    text: text.to_string(),
                }));
            continue;
        }
        found.confirm.push(ConfirmedBead {
            source: [i, i + n],
            target: [j, j + m],
            text: bead.text.clone(),
        });
    }
    for link in &decision.link {
        let i = find_run(src, [link.source, link.source + 1], &link.text[..1]);
        let j = find_run(tgt, [link.target, link.target + 1], &link.text[1..]);
        let (Some(i), Some(j)) = (i, j) else {
            gone_parts.push(match i {
                None => lost("source", &link.text[0]),
                Some(_) => lost("target", &link.text[1]),
            });
            continue;
        };
        moved |= i != link.source || j != link.target;
        found.link.push(Link {
            source: i,
            target: j,
            text: link.text.clone(),
        });
    }
    // One sentence, found where it was or by its text nearest to it.
    let one = |side: SideName, at: usize, text: &String| {
        let (sentences, name) = match side {
            SideName::Source => (src, "source"),
            SideName::Target => (tgt, "target"),
        };
        find_run(sentences, [at, at + 1], std::slice::from_ref(text))
            .ok_or_else(|| lost(name, text))
    };
    for mark in &decision.unmatched {
        match one(mark.side, mark.sentence, &mark.text) {
            Ok(k) => {
                moved |= k != mark.sentence;
                found.unmatched.push(Unmatched {
                    sentence: k,
                    ..mark.clone()
                });
            }
            Err(gone) => gone_parts.push(gone),
        }
    }
    for cut in &decision.boundary {
        match one(cut.side, cut.before, &cut.text) {
            Ok(k) => {
                moved |= k != cut.before;
                found.boundary.push(Boundary {
                    before: k,
                    ..cut.clone()
                });
            }
            Err(gone) => gone_parts.push(gone),
        }
    }
    let empty = found.confirm.is_empty()
        && found.link.is_empty()
        && found.unmatched.is_empty()
        && found.boundary.is_empty();
    let kept = (!empty || decision.action == Action::Realign).then_some(found);
    (kept, moved, gone_parts)
}

/// The sentence of a run that the documents no longer hold: the first
/// that is nowhere in them, else (each is somewhere, not together) the
/// first.
fn gone<'t>(sentences: &[&str], texts: &'t [String]) -> &'t str {
    let held = |t: &String| sentences.iter().any(|s| s.trim() == t.trim());
    texts
        .iter()
        .find(|t| !held(t))
        .or(texts.first())
        .map_or("", String::as_str)
}

/// Where the run of sentences `texts` starts in `sentences`: at
/// `range[0]` if it is there, else at the nearest place it is; for an
/// empty run, `range[0]` (clamped to the side's end).
fn find_run(sentences: &[&str], range: [usize; 2], texts: &[String]) -> Option<usize> {
    let at = |p: usize| {
        p + texts.len() <= sentences.len()
            && sentences[p..p + texts.len()]
                .iter()
                .zip(texts)
                .all(|(a, b)| a.trim() == b.trim())
    };
    if texts.is_empty() {
        return Some(range[0].min(sentences.len()));
    }
    if at(range[0]) {
        return Some(range[0]);
    }
    (0..=sentences.len().saturating_sub(texts.len()))
        .filter(|&p| at(p))
        .min_by_key(|&p| p.abs_diff(range[0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    fn file() -> Corrections {
        let mut file = Corrections::new(
            Inputs {
                source: InputFile::new("a.zh.txt", b"zh"),
                target: Some(InputFile::new("a.en.txt", b"en")),
                interleaved: false,
            },
            vec!["--src-lang".into(), "zh".into()],
            SideCounts {
                source: 3,
                target: 4,
            },
        );
        file.decisions = vec![
            Decision {
                time: "2026-12-01T10:00:00Z".into(),
                action: Action::Merge,
                confirm: vec![ConfirmedBead {
                    source: [1, 2],
                    target: [1, 3],
                    text: BeadText {
                        source: strings(&["乙。"]),
                        target: strings(&["B.", "C."]),
                    },
                }],
                link: Vec::new(),
                unmatched: Vec::new(),
                boundary: Vec::new(),
            },
            Decision {
                time: "2026-12-01T10:00:05Z".into(),
                action: Action::Unmatched,
                confirm: Vec::new(),
                link: Vec::new(),
                unmatched: vec![Unmatched {
                    side: SideName::Target,
                    sentence: 3,
                    text: "D.".into(),
                }],
                boundary: Vec::new(),
            },
        ];
        file
    }

    #[test]
    fn the_json_reads_back_as_written() {
        let file = file();
        let json = file.to_json();
        assert!(json.contains(r#""format": "tandem-corrections""#), "{json}");
        assert_eq!(Corrections::from_json(json.as_bytes()).unwrap(), file);
        // Another version is refused by name, not as unknown fields.
        let later = json.replace(r#""version": 1"#, r#""version": 2"#);
        let error = Corrections::from_json(later.as_bytes()).unwrap_err();
        assert!(error.to_string().contains("version 2"), "{error}");
    }

    #[test]
    fn decisions_are_found_where_their_sentences_went() {
        let file = file();
        let (decisions, remapped) = file
            .decisions_for(&["甲。", "乙。", "丙。"], &["A.", "B.", "C.", "D."])
            .unwrap();
        assert_eq!(remapped.moved, 0);
        assert_eq!(decisions.confirmed[0].src, 1..2);
        assert_eq!(decisions.confirmed[0].tgt, 1..3);
        assert_eq!(decisions.unmatched_tgt, [3]);
        // A sentence added at the top of each: everything moved by one.
        let (decisions, remapped) = file
            .decisions_for(
                &["新。", "甲。", "乙。", "丙。"],
                &["New.", "A.", "B.", "C.", "D."],
            )
            .unwrap();
        assert_eq!(remapped.moved, 2);
        assert_eq!(decisions.confirmed[0].src, 2..3);
        assert_eq!(decisions.confirmed[0].tgt, 2..4);
        assert_eq!(decisions.unmatched_tgt, [4]);
        // A range that ends before it starts.
        let mut bad = file.clone();
        bad.decisions[0].confirm[0].source = [2, 1];
        let error = bad
            .decisions_for(&["甲。", "乙。", "丙。"], &["A.", "B.", "C.", "D."])
            .unwrap_err();
        assert!(
            error.to_string().contains("ends before it starts"),
            "{error}"
        );
        // The second sentence of a confirmed pair rewritten: that one is
        // named.
        let error = file
            .decisions_for(&["甲。", "乙。", "丙。"], &["A.", "B.", "C!", "D."])
            .unwrap_err();
        assert!(
            matches!(&error, CorrectionsError::Lost { side: "target", text, .. } if text == "C."),
            "{error:?}"
        );
        // Rebased, the same documents give the same file; a rewritten
        // sentence takes out its own part of a decision only.
        let (same, remapped) = file
            .rebased(&["甲。", "乙。", "丙。"], &["A.", "B.", "C.", "D."])
            .unwrap();
        assert_eq!(
            (same.decisions.clone(), remapped),
            (file.decisions.clone(), Remapped::default())
        );
        let (rebased, remapped) = file
            .rebased(&["甲。", "乙乙。", "丙。"], &["A.", "B.", "C.", "D."])
            .unwrap();
        assert_eq!(remapped.lost.len(), 1);
        assert_eq!(
            rebased.decisions.len(),
            1,
            "the emptied decision is left out"
        );
        assert_eq!(rebased.decisions[0].unmatched[0].sentence, 3);
        // A confirmed sentence rewritten: refused, naming it.
        let error = file
            .decisions_for(&["甲。", "乙乙。", "丙。"], &["A.", "B.", "C.", "D."])
            .unwrap_err();
        assert!(
            matches!(&error, CorrectionsError::Lost { decision: 1, side: "source", text, .. } if text == "乙。"),
            "{error:?}"
        );
    }
}
