//! Input structure recognised, not assumed (issue 14): the cases of
//! `../shared/cases` kept in `tests/data/cases`, with their right output.

use crate::util::{beads, case, succeeded, tandem};

/// Case 23: a file that strictly alternates English and German paragraphs,
/// some of them bullet lines too short to identify. Every English paragraph
/// pairs with the German one after it: the sources, read in order, are the
/// file's English paragraphs, the targets its German ones.
#[test]
fn a_short_line_whose_language_is_unsure_follows_the_files_alternation() {
    let file = case(
        "23-interleaved-en-de-short-lines",
        "press-interleaved.en-de.txt",
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let paragraphs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let words = |side: usize| -> Vec<String> {
        let lines = paragraphs.iter().skip(side).step_by(2);
        lines
            .flat_map(|l| l.split_whitespace())
            .map(str::to_string)
            .collect()
    };
    let out = succeeded(
        tandem()
            .args(["align", "--interleaved", "--format", "tsv"])
            .arg(&file)
            .output()
            .unwrap(),
    );
    let tsv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<(&str, &str)> = tsv
        .lines()
        .skip(1)
        .map(|row| {
            let mut cells = row.split('\t');
            (cells.next().unwrap(), cells.next().unwrap())
        })
        .collect();
    let side = |column: usize| -> Vec<String> {
        let cells = rows
            .iter()
            .map(|&(en, de)| if column == 0 { en } else { de });
        cells
            .flat_map(str::split_whitespace)
            .map(str::to_string)
            .collect()
    };
    assert_eq!(side(0), words(0), "the English side");
    assert_eq!(side(1), words(1), "the German side");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("without a counterpart"), "{stderr}");
    assert!(stderr.contains(" 0 sentences left unaligned"), "{stderr}");
}

/// Case 26: an English-only file given as interleaved is refused, and no
/// output file is written, though a few short lines look like another
/// language to a statistical identifier.
#[test]
fn a_file_in_one_language_is_not_interleaved() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("out.tmx");
    let out = tandem()
        .args(["align", "--interleaved"])
        .arg(case("26-one-language-interleaved", "report.en.txt"))
        .arg("-o")
        .arg(&tmx)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("report.en.txt"), "{stderr}");
    assert!(
        stderr.contains("every paragraph is in one language (en)"),
        "{stderr}"
    );
    assert!(!tmx.exists());
}

/// Case 25: both files hard-wrapped at about 70 columns, blank lines
/// between paragraphs. They are found wrapped and read by blank lines, a
/// warning names each, and the units are whole sentences, not line
/// fragments; asked to, tandem still reads each line as a paragraph.
#[test]
fn hard_wrapped_files_are_read_by_blank_lines() {
    let en = case("25-hard-wrapped-lines", "press-wrapped.en.txt");
    let de = case("25-hard-wrapped-lines", "press-wrapped.de.txt");
    let run = |extra: &[&str]| {
        succeeded(
            tandem()
                .args(["align", "--format", "tsv"])
                .args(extra)
                .arg(&en)
                .arg(&de)
                .output()
                .unwrap(),
        )
    };
    let out = run(&[]);
    let tsv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = tsv.lines().skip(1).collect();
    assert_eq!(rows.len(), 23, "{tsv}");
    // A fragment of a wrapped line starts in the middle of a sentence.
    for row in &rows {
        for cell in row.split('\t').take(2) {
            let first = cell.chars().next().unwrap();
            assert!(!first.is_lowercase(), "a line fragment: {row}");
        }
    }
    let english: Vec<&str> = rows.iter().flat_map(|r| r.split('\t').next()).collect();
    let words = |text: &str| {
        text.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        words(&english.join(" ")),
        words(&std::fs::read_to_string(&en).unwrap())
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for file in ["press-wrapped.en.txt", "press-wrapped.de.txt"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(file) && l.contains("looks hard-wrapped")),
            "{stderr}"
        );
    }
    let lines = run(&["--paragraphs", "line"]);
    let tsv = String::from_utf8(lines.stdout).unwrap();
    assert!(tsv.lines().count() - 1 > 23, "{tsv}");
    assert!(!String::from_utf8_lossy(&lines.stderr).contains("hard-wrapped"));
}

/// `tandem segment` reads a file as `align` does, and says so.
#[test]
fn segment_reads_a_hard_wrapped_file_as_align_does() {
    let out = succeeded(
        tandem()
            .arg("segment")
            .arg(case("25-hard-wrapped-lines", "press-wrapped.en.txt"))
            .output()
            .unwrap(),
    );
    let sentences = String::from_utf8(out.stdout).unwrap();
    assert!(
        sentences.lines().any(|l| l
            == "LEIPZIG, 3 March 2025 – Northwind Robotics Inc. today announced the opening of its new research and development centre in Leipzig, Germany."),
        "{sentences}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("press-wrapped.en.txt looks hard-wrapped"),
        "{stderr}"
    );
}

/// Case 20: the English joins two Chinese paragraphs (lines) into one;
/// everything else corresponds line for line. Every sentence pairs with
/// its own, before and after the merged line: no shift, nothing left out.
#[test]
fn a_paragraph_merged_by_the_translator_shifts_nothing() {
    let out = succeeded(
        tandem()
            .args(["align", "--format", "beads"])
            .arg(case("20-zh-en-merged-paragraph", "report.zh.txt"))
            .arg(case("20-zh-en-merged-paragraph", "report.en.txt"))
            .output()
            .unwrap(),
    );
    let expected: Vec<String> = (0..19).map(|i| format!("[{i}]:[{i}]")).collect();
    assert_eq!(beads(&out.stdout), expected);
}

/// Two sentences swapped by the translator (the German's 7th and 8th are
/// the French's 8th and 7th): one 2-2 bead holds both, never two crossed
/// or shifted 1-1 pairs; every other sentence pairs with its own.
#[test]
fn two_swapped_sentences_are_one_two_to_two_bead() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/swapped");
    let out = succeeded(
        tandem()
            .args(["align", "--format", "beads"])
            .arg(data.join("town.de.txt"))
            .arg(data.join("town.fr.txt"))
            .output()
            .unwrap(),
    );
    let expected: Vec<String> = (0..10)
        .filter(|&i| i != 7)
        .map(|i| match i {
            6 => "[6, 7]:[6, 7]".to_string(),
            _ => format!("[{i}]:[{i}]"),
        })
        .collect();
    assert_eq!(beads(&out.stdout), expected);
}
