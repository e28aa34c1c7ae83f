//! What the README promises of `tandem align`, each checked where a broken
//! promise would show: the confidence every format writes, reports,
//! `--fail-on`, atomic output, the export and threshold options, and a
//! dictionary reaching the translation model.

use std::path::{Path, PathBuf};

use crate::util::{sample, succeeded, tandem};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/dictionary")
        .join(name)
}

const SAMPLE: &str = "beijing-2024-work-report.zh-en.txt";

/// `tandem align --interleaved SAMPLE` with `args`, standard output as text.
fn align_sample(args: &[&str]) -> String {
    let out = succeeded(
        tandem()
            .args(["align", "--interleaved"])
            .arg(sample(SAMPLE))
            .args(args)
            .output()
            .unwrap(),
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The JSONL pairs of the sample, with `args`.
fn pairs(args: &[&str]) -> Vec<serde_json::Value> {
    align_sample(&[&["--format", "jsonl"], args].concat())
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every value between `start` and the next `end` in `text`, in order.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    text.split(start)
        .skip(1)
        .map(|s| s.split(end).next().unwrap())
        .collect()
}

#[test]
fn the_confidence_is_the_same_in_every_format() {
    let tmx = align_sample(&[]);
    let from_tmx = between(&tmx, "<prop type=\"x-confidence\">", "</prop>");
    let tsv = align_sample(&["--format", "tsv"]);
    let from_tsv: Vec<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(2).unwrap())
        .collect();
    let from_jsonl: Vec<String> = pairs(&[])
        .iter()
        .map(|p| format!("{:.4}", p["confidence"].as_f64().unwrap()))
        .collect();
    let xliff = align_sample(&["--format", "xliff"]);
    let from_xliff: Vec<&str> = between(&xliff, "<note from=\"tandem\">confidence ", "</note>")
        .into_iter()
        .map(|note| note.split(';').next().unwrap())
        .collect();
    // The beads format writes every bead; its pairs are those with two sides.
    let beads = align_sample(&["--format", "beads"]);
    let from_beads: Vec<&str> = beads
        .lines()
        .filter(|l| !l.contains("[]"))
        .map(|l| l.rsplit(':').next().unwrap())
        .collect();
    assert!(from_tmx.len() > 20);
    assert_eq!(from_tsv, from_tmx);
    assert_eq!(from_jsonl, from_tmx);
    assert_eq!(from_xliff, from_tmx);
    assert_eq!(from_beads, from_tmx);
    // A confidence, not a constant: probabilities that differ.
    let values: Vec<f64> = from_tmx.iter().map(|c| c.parse().unwrap()).collect();
    assert!(values.iter().all(|v| (0.0..=1.0).contains(v)));
    assert!(values.iter().any(|&v| v < 0.99) && values.iter().any(|&v| v > 0.99));
}

#[test]
fn a_report_comes_with_a_successful_run() {
    let dir = tempfile::tempdir().unwrap();
    let (tmx, report) = (dir.path().join("out.tmx"), dir.path().join("report.json"));
    let out = succeeded(
        tandem()
            .args(["align", "--interleaved"])
            .arg(sample(SAMPLE))
            .arg("-o")
            .arg(&tmx)
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("report written to {}", report.display())),
        "{stderr}"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    // One row per bead, pairs and unaligned sentences alike, in order.
    let beads = align_sample(&["--format", "beads"]);
    let rows = report["pairs"].as_array().unwrap();
    assert_eq!(rows.len(), beads.lines().count());
    assert_eq!(report["summary"]["pairs"], rows.len());
    let units: Vec<usize> = rows
        .iter()
        .map(|r| r["unit"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(units, (1..=rows.len()).collect::<Vec<_>>());
    // Each pair's row holds the texts and confidence the memory has.
    let xml = std::fs::read_to_string(&tmx).unwrap();
    let written: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["source"] != "" && r["target"] != "")
        .collect();
    let confidences = between(&xml, "<prop type=\"x-confidence\">", "</prop>");
    assert_eq!(written.len(), confidences.len());
    // A row names its unit by the unit's tuid; a sentence left unaligned
    // has none.
    let tuids = between(&xml, "<tu tuid=\"", "\"");
    let named: Vec<&str> = written
        .iter()
        .map(|r| r["tuid"].as_str().unwrap())
        .collect();
    assert_eq!(named, tuids);
    assert!(
        rows.iter()
            .filter(|r| r["source"] == "" || r["target"] == "")
            .all(|r| r["tuid"].is_null())
    );
    for (row, confidence) in written.iter().zip(&confidences) {
        assert_eq!(
            format!("{:.4}", row["confidence"].as_f64().unwrap()),
            *confidence
        );
    }
    let flagged = rows
        .iter()
        .filter(|r| !r["flags"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(report["summary"]["flagged"], flagged);
}

#[test]
fn fail_on_exits_with_1_only_when_such_a_flag_is_found() {
    let report = |level: &str| {
        let out = tandem()
            .args(["align", "--interleaved"])
            .arg(sample(SAMPLE))
            .args(["--format", "jsonl", "--fail-on", level])
            .output()
            .unwrap();
        let flags: Vec<String> = String::from_utf8(out.stdout.clone())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .flat_map(|p| p["flags"].as_array().unwrap().clone())
            .map(|f| f.as_str().unwrap().to_string())
            .collect();
        (out.status.code(), flags)
    };
    // The sample has warnings (weak pairs) and no error.
    let (code, flags) = report("warning");
    assert!(flags.iter().any(|f| f == "weak"), "{flags:?}");
    assert_eq!(code, Some(1));
    let (code, _) = report("error");
    assert_eq!(code, Some(0));
    // Without --fail-on, flags are no failure.
    tandem()
        .args(["align", "--interleaved"])
        .arg(sample(SAMPLE))
        .assert()
        .code(0);
}

#[test]
fn a_run_that_fails_while_writing_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("out.tmx");
    std::fs::write(&tmx, "the previous memory").unwrap();
    // The report cannot be put in place (a folder has its name): the run
    // fails after every pair was written, to a temporary file.
    let report = dir.path().join("report.json");
    std::fs::create_dir(&report).unwrap();
    tandem()
        .args(["align", "--interleaved"])
        .arg(sample(SAMPLE))
        .arg("-o")
        .arg(&tmx)
        .arg("--report")
        .arg(&report)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&tmx).unwrap(),
        "the previous memory"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(
        names,
        ["out.tmx", "report.json"],
        "a temporary file left behind"
    );
}

#[test]
fn export_options_leave_out_the_pairs_they_name() {
    let all = pairs(&[]);
    let kept = |args: &[&str], keep: &dyn Fn(&serde_json::Value) -> bool| {
        let expected: Vec<&serde_json::Value> = all.iter().filter(|p| keep(p)).collect();
        assert!(
            expected.len() < all.len(),
            "{args:?} leaves nothing out of the sample"
        );
        assert!(!expected.is_empty());
        let found = pairs(args);
        let texts = |ps: &[&serde_json::Value]| -> Vec<(String, String)> {
            ps.iter()
                .map(|p| (p["source"].to_string(), p["target"].to_string()))
                .collect()
        };
        assert_eq!(
            texts(&found.iter().collect::<Vec<_>>()),
            texts(&expected),
            "{args:?}"
        );
    };
    kept(&["--min-confidence", "0.99"], &|p| {
        p["confidence"].as_f64().unwrap() >= 0.99
    });
    kept(&["--only-1to1"], &|p| {
        p["source_sentences"].as_array().unwrap().len() == 1
            && p["target_sentences"].as_array().unwrap().len() == 1
    });
    kept(&["--min-chars", "30"], &|p| {
        p["source"].as_str().unwrap().chars().count() >= 30
            && p["target"].as_str().unwrap().chars().count() >= 30
    });
    kept(&["--drop-flag", "weak"], &|p| {
        !p["flags"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("weak"))
    });
}

#[test]
fn thresholds_move_the_flags() {
    let flagged = |ps: &[serde_json::Value], flag: &str| -> Vec<usize> {
        ps.iter()
            .filter(|p| {
                p["flags"]
                    .as_array()
                    .unwrap()
                    .contains(&serde_json::json!(flag))
            })
            .map(|p| p["id"].as_u64().unwrap() as usize)
            .collect()
    };
    // weak: exactly the pairs below the threshold.
    let strict = pairs(&["--weak-below", "0.999"]);
    let below: Vec<usize> = strict
        .iter()
        .filter(|p| p["confidence"].as_f64().unwrap() < 0.999)
        .map(|p| p["id"].as_u64().unwrap() as usize)
        .collect();
    assert!(!below.is_empty());
    assert_eq!(flagged(&strict, "weak"), below);
    assert!(flagged(&pairs(&["--weak-below", "0"]), "weak").is_empty());
    // length-ratio: a tighter bound flags more pairs, a loose one none.
    let tight = flagged(&pairs(&["--length-deviation", "0.5"]), "length-ratio");
    let default = flagged(&pairs(&[]), "length-ratio");
    assert!(tight.len() > default.len(), "{tight:?} {default:?}");
    assert!(default.iter().all(|id| tight.contains(id)));
    assert!(flagged(&pairs(&["--length-deviation", "1000"]), "length-ratio").is_empty());
}

#[test]
fn a_dictionary_reaches_the_translation_model() {
    // A synthetic document long enough to train the translation model (60
    // pairs and more), with words that occur once: only a dictionary tells
    // what they mean, and it changes what the model is sure of.
    let beads = |dict: Option<&str>| {
        let mut command = tandem();
        command
            .args(["align", "-q", "--format", "beads"])
            .arg(fixture("words.zh.txt"))
            .arg(fixture("words.en.txt"));
        if let Some(dict) = dict {
            command.arg("--dict").arg(fixture(dict));
        }
        String::from_utf8(succeeded(command.output().unwrap()).stdout).unwrap()
    };
    let without = beads(None);
    assert_ne!(beads(Some("dict.txt")), without);
    // Entries for words the document does not hold change nothing.
    assert_eq!(beads(Some("absent.txt")), without);
}
