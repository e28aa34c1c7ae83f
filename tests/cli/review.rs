//! `tandem review` and `tandem align --corrections`: corrections as data,
//! the realignment around them, and the review server's checks.

use std::ops::Range;

use tandem_pipeline::AlignSettings;
use tandem_pipeline::corrections::{Corrections, InputFile, Inputs, SideCounts, SideName};
use tandem_pipeline::review::{Edit, Review};
use tandem_segment::{DocumentPair, ReadOptions};

use crate::util::{sample, succeeded, tandem, validate};

pub(crate) const INTERLEAVED: &str = "beijing-2024-work-report.zh-en.txt";

/// A bead as (source sentences, target sentences).
pub(crate) type Sentences2 = (Range<usize>, Range<usize>);

/// The sample's hand-checked gold beads.
pub(crate) fn gold() -> Vec<Sentences2> {
    let text = std::fs::read_to_string(sample("beijing-2024-work-report.gold")).unwrap();
    let side = |s: &str| -> Range<usize> {
        let numbers: Vec<usize> = s
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .filter(|n| !n.trim().is_empty())
            .map(|n| n.trim().parse().unwrap())
            .collect();
        match (numbers.first(), numbers.last()) {
            (Some(&a), Some(&b)) => a..b + 1,
            _ => 0..0,
        }
    };
    let mut beads: Vec<Sentences2> = text
        .lines()
        .map(|line| {
            let (s, t) = line.split_once(':').unwrap();
            (side(s), side(t))
        })
        .collect();
    // An empty side stands where the other side's neighbours leave it.
    let (mut i, mut j) = (0, 0);
    for (s, t) in &mut beads {
        if Range::is_empty(s) {
            *s = i..i;
        }
        if Range::is_empty(t) {
            *t = j..j;
        }
        (i, j) = (s.end, t.end);
    }
    beads
}

/// One reviewer's action: what a person who knows the right pairs does
/// about the first wrong one, in the order the page offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fix {
    /// Confirm the pairs above the wrong one (not a fix: a reviewer's
    /// habit, which keeps a fix from moving them).
    ConfirmAbove(usize),
    /// An edit that fixes the wrong pair.
    Edit(Edit),
}

/// What a reviewer does next, looking at `current` beside `gold`: `None`
/// when every pair is right.
pub(crate) fn next_fix(
    current: &[Sentences2],
    gold: &[Sentences2],
    confirmed: &[bool],
) -> Option<Fix> {
    let k = (0..current.len().max(gold.len())).find(|&k| current.get(k) != gold.get(k))?;
    if k > 0 && !confirmed[k - 1] {
        return Some(Fix::ConfirmAbove(k - 1));
    }
    let (g, c) = (&gold[k], &current[k]);
    let edit = if g.1.is_empty() {
        Edit::Unmatched {
            side: SideName::Source,
            sentence: g.0.start,
        }
    } else if g.0.is_empty() {
        Edit::Unmatched {
            side: SideName::Target,
            sentence: g.1.start,
        }
    } else if current
        .get(k + 1)
        .is_some_and(|n| (c.0.start..n.0.end) == g.0 && (c.1.start..n.1.end) == g.1)
    {
        Edit::Merge { bead: k }
    } else if c.0 == g.0 && c.1.start == g.1.start && c.1.end == g.1.end + 1 {
        Edit::Split {
            bead: k,
            side: SideName::Target,
            last: true,
        }
    } else if c.1 == g.1 && c.0.start == g.0.start && c.0.end == g.0.end + 1 {
        Edit::Split {
            bead: k,
            side: SideName::Source,
            last: true,
        }
    } else {
        // The first two sentences of the gold pair that the current beads
        // keep apart.
        let together =
            |a: usize, b: usize| current.iter().any(|x| x.0.contains(&a) && x.1.contains(&b));
        let (source, target) =
            g.0.clone()
                .flat_map(|a| g.1.clone().map(move |b| (a, b)))
                .find(|&(a, b)| !together(a, b))
                .unwrap_or((g.0.end - 1, g.1.end - 1));
        Edit::Link { source, target }
    };
    Some(Fix::Edit(edit))
}

pub(crate) fn beads_of(review: &Review) -> Vec<Sentences2> {
    (review.alignment().beads.iter())
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

fn sample_review() -> Review {
    let bytes = std::fs::read(sample(INTERLEAVED)).unwrap();
    let document =
        DocumentPair::read_interleaved(INTERLEAVED, bytes.clone(), None, &ReadOptions::default())
            .unwrap();
    let corrections = Corrections::new(
        Inputs {
            source: InputFile::new(INTERLEAVED, &bytes),
            target: None,
            interleaved: true,
        },
        Vec::new(),
        SideCounts::of(&document),
    );
    Review::open(document, AlignSettings::default(), corrections)
        .unwrap()
        .0
}

/// The done-when of the review editor, measured on the library the server
/// runs (the browser test replays it through the page): every pair that
/// differs from the gold is fixed with at most one edit per wrong pair,
/// the realignment after each fix repairing its neighbours.
#[test]
fn a_reviewer_fixes_the_sample_with_at_most_one_edit_per_wrong_pair() {
    let gold = gold();
    let mut review = sample_review();
    let wrong = gold
        .iter()
        .filter(|g| !beads_of(&review).contains(g))
        .count();
    assert!(wrong >= 3, "the sample has wrong pairs to fix: {wrong}");
    let (mut edits, mut confirms) = (0, 0);
    let mut log = Vec::new();
    while let Some(fix) = next_fix(&beads_of(&review), &gold, review.reviewed()) {
        assert!(
            edits + confirms < 4 * wrong,
            "no end in sight: {:?}",
            beads_of(&review)
        );
        match fix {
            Fix::ConfirmAbove(bead) => {
                confirms += 1;
                review.edit(Edit::Confirm { bead, alone: false }, "2024-01-21T00:00:00Z")
            }
            Fix::Edit(edit) => {
                edits += 1;
                log.push(edit);
                review.edit(edit, "2024-01-21T00:00:00Z")
            }
        }
        .unwrap();
    }
    assert_eq!(beads_of(&review), gold);
    eprintln!(
        "{wrong} gold pairs missed; fixed with {edits} edits and {confirms} confirmations: {log:?}"
    );
    assert!(edits <= wrong, "{edits} edits for {wrong} wrong pairs");
}

/// `align --corrections` on its own: a corrections file written by hand,
/// as docs/review.md shows, honoured by the command line.
#[test]
fn align_with_corrections_honours_them_and_marks_the_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(sample(INTERLEAVED)).unwrap();
    let hash = tandem_pipeline::corrections::sha256(&bytes);
    let input = dir.path().join(INTERLEAVED);
    std::fs::write(&input, &bytes).unwrap();
    // Sentence 26 of the Chinese is translated by English 36 and 37, and
    // 27 by 38 to 40; the aligner moves the border by one
    // (docs/accuracy.md). One link, 27 with 38, fixes both; and a
    // confirmed title.
    let corrections = format!(
        r#"{{
  "format": "tandem-corrections",
  "version": 1,
  "inputs": {{ "source": {{ "path": "{INTERLEAVED}", "sha256": "{hash}" }}, "target": null, "interleaved": true }},
  "options": [],
  "sentences": {{ "source": 49, "target": 74 }},
  "decisions": [
    {{ "time": "2024-01-21T09:00:00Z", "action": "confirm",
       "confirm": [{{ "source": [0, 1], "target": [0, 1], "text": {{ "source": ["TITLE_ZH"], "target": ["TITLE_EN"] }} }}] }},
    {{ "time": "2024-01-21T09:00:10Z", "action": "link",
       "link": [{{ "source": 27, "target": 38, "text": ["SOURCE", "TARGET"] }}] }}
  ]
}}
"#
    );
    let document =
        DocumentPair::read_interleaved(INTERLEAVED, bytes.clone(), None, &ReadOptions::default())
            .unwrap();
    let text = |k: usize, side: usize| match side {
        0 => document.src.sentences[k].clone(),
        _ => document.tgt.sentences[k].clone(),
    };
    let corrections = corrections
        .replace("SOURCE", &text(27, 0))
        .replace("TARGET", &text(38, 1))
        .replace("TITLE_ZH", &text(0, 0))
        .replace("TITLE_EN", &text(0, 1));
    let file = dir.path().join("report.tandem.json");
    std::fs::write(&file, &corrections).unwrap();
    let beads = |extra: &[&str]| -> Vec<String> {
        let out = succeeded(
            tandem()
                .args(["align", "-q", "--interleaved", "--format", "beads"])
                .arg(&input)
                .args(extra)
                .output()
                .unwrap(),
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.rsplit_once(':').unwrap().0.to_string())
            .collect()
    };
    let plain = beads(&[]);
    let corrected = beads(&["--corrections", file.to_str().unwrap()]);
    assert!(!plain.contains(&"[26]:[36, 37]".to_string()), "{plain:?}");
    assert!(
        corrected.contains(&"[26]:[36, 37]".to_string()),
        "{corrected:?}"
    );
    // The neighbour the link freed is right too.
    assert!(
        corrected.contains(&"[27]:[38, 39, 40]".to_string()),
        "{corrected:?}"
    );
    // The TMX: valid, the confirmed title marked reviewed, the others not.
    let tmx = dir.path().join("out.tmx");
    succeeded(
        tandem()
            .args(["align", "-q", "--interleaved"])
            .arg(&input)
            .args(["--corrections", file.to_str().unwrap(), "-o"])
            .arg(&tmx)
            .output()
            .unwrap(),
    );
    validate(&tmx);
    let written = std::fs::read_to_string(&tmx).unwrap();
    assert_eq!(
        written
            .matches(r#"<prop type="x-reviewed">yes</prop>"#)
            .count(),
        1
    );
    let first_unit = &written[written.find("<tu ").unwrap()..written.find("</tu>").unwrap()];
    assert!(first_unit.contains("x-reviewed"), "{first_unit}");

    // A changed input: the decisions are found again where their text is.
    let changed = dir.path().join("changed.txt");
    let mut moved = b"\xe5\x89\x8d\xe8\xa8\x80\xe3\x80\x82\nForeword.\n".to_vec();
    moved.extend_from_slice(&bytes);
    std::fs::write(&changed, &moved).unwrap();
    let out = succeeded(
        tandem()
            .args(["align", "--interleaved", "--format", "beads"])
            .arg(&changed)
            .args(["--corrections", file.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.lines().any(|l| l.starts_with("[27]:[37, 38]:")),
        "{stdout}"
    );
    assert!(
        stdout.lines().any(|l| l.starts_with("[28]:[39, 40, 41]:")),
        "{stdout}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "the documents are not those it was made with ({INTERLEAVED}): 2 of its 2 decisions were found again elsewhere"
        )),
        "{stderr}"
    );

    // A decision whose sentence is gone: refused, naming it.
    let gone = corrections.replace(&text(27, 0), "这句话不在文件里。");
    std::fs::write(&file, gone).unwrap();
    let out = tandem()
        .args(["align", "--interleaved"])
        .arg(&input)
        .args(["--corrections", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("report.tandem.json") && stderr.contains("这句话不在文件里。"),
        "{stderr}"
    );
}
