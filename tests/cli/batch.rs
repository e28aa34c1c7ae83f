//! End-to-end tests of `tandem batch`: pairing, failures, determinism
//! across job counts, sharding, merging and resuming after SIGKILL.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use crate::util::{succeeded, tandem, validate, xmllint};
use assert_cmd::cargo::cargo_bin;
use predicates::str::contains;

const WORDS: [(&str, &str); 8] = [
    ("图书馆", "library"),
    ("读者", "readers"),
    ("城市", "city"),
    ("服务", "service"),
    ("建设", "construction"),
    ("安全", "safety"),
    ("学校", "school"),
    ("医院", "hospital"),
];

/// A document pair of `n` sentences per side, different for each `seed`:
/// (Chinese, English), one sentence per line.
fn document(n: usize, seed: usize) -> (String, String) {
    let (mut zh, mut en) = (String::new(), String::new());
    for i in 0..n {
        let (a, b) = (WORDS[(i + seed) % 8], WORDS[(i * 3 + seed) % 8]);
        let number = 100 + (i * 7 + seed * 13) % 900;
        let extra = "很".repeat(i % 5);
        zh.push_str(&format!("第{number}号{}{extra}重视{}。\n", a.0, b.0));
        en.push_str(&format!(
            "The {} number {number} cares {}about the {}.\n",
            a.1,
            "a lot ".repeat(i % 5),
            b.1
        ));
    }
    (zh, en)
}

/// Writes `count` document pairs as `name.zh.txt` / `name.en.txt`.
fn folder(dir: &Path, count: usize, sentences: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for k in 0..count {
        let (zh, en) = document(sentences, k);
        std::fs::write(dir.join(format!("doc{k:03}.zh.txt")), zh).unwrap();
        std::fs::write(dir.join(format!("doc{k:03}.en.txt")), en).unwrap();
    }
}

/// Every file under `dir` with its bytes, by relative path.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                found.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// Asserts two sets of files are equal, naming the first that differs
/// (rather than printing their bytes).
fn same_files(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}"
    );
    for (name, bytes) in a {
        assert!(bytes == &b[name], "{what}: {name} differs");
    }
}

fn batch(args: &[&str], input: &Path, output: &Path) -> std::process::Output {
    tandem()
        .arg("batch")
        .arg(input)
        .arg("-o")
        .arg(output)
        .args(["--creation-date", "2024-01-21"])
        .args(args)
        .output()
        .unwrap()
}

fn summary(output: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(output.join("summary.json")).unwrap()).unwrap()
}

#[test]
fn pairs_a_folder_by_every_default_pattern_and_lists_the_unpaired() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let (zh, en) = document(6, 1);
    for (path, text) in [
        ("a.zh.txt", &zh),
        ("a.en.txt", &en),
        ("zh/b.txt", &zh),
        ("en/b.txt", &en),
        ("c_zh.txt", &zh),
        ("c_en.txt", &en),
        ("lonely.zh.txt", &zh),
        ("notes.md", &en),
    ] {
        let path = input.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let output = dir.path().join("out");
    let html = dir.path().join("summary.html");
    let out = succeeded(batch(
        &["--src-lang", "zh", "--summary-html", html.to_str().unwrap()],
        &input,
        &output,
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lonely.zh.txt: no counterpart"), "{stderr}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("3 documents, 0 failed"), "{page}");
    assert!(page.contains("<td>b</td>"), "{page}");
    let summary = summary(&output);
    let names: Vec<&str> = summary["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(
        summary["unpaired_files"],
        serde_json::json!(["lonely.zh.txt", "notes.md"])
    );
    for name in ["a.tmx", "b.tmx", "c.tmx"] {
        let tmx = output.join(name);
        assert!(tmx.is_file(), "{name}");
        if xmllint() {
            validate(&tmx);
        }
    }
    // Without a source language, the direction is not guessed.
    tandem()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out2"))
        .assert()
        .code(2)
        .stderr(contains("--src-lang"));
}

#[test]
fn one_bad_document_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    folder(&input, 3, 8);
    std::fs::write(input.join("empty.zh.txt"), "").unwrap();
    std::fs::write(input.join("empty.en.txt"), "Nothing.\n").unwrap();
    std::fs::write(input.join("binary.zh.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(input.join("binary.en.txt"), "Something.\n").unwrap();
    let english = "This side is written in English only, like the other one, so nothing in this file is Chinese at all.\n";
    std::fs::write(input.join("same.zh.txt"), english).unwrap();
    std::fs::write(input.join("same.en.txt"), english).unwrap();
    let output = dir.path().join("out");
    let out = batch(&["--src-lang", "zh", "--tgt-lang", "en"], &input, &output);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = summary(&output);
    assert_eq!(summary["documents"], 6);
    assert_eq!(summary["failed"], 3);
    let errors: BTreeMap<String, String> = summary["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["error"].is_null())
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        errors["empty"].contains("empty.zh.txt: the file is empty"),
        "{errors:?}"
    );
    assert!(errors["binary"].contains("binary.zh.txt"), "{errors:?}");
    assert!(errors.contains_key("same"), "{errors:?}");
    for k in 0..3 {
        assert!(output.join(format!("doc{k:03}.tmx")).is_file());
    }
    let good = summary["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "doc000")
        .unwrap();
    assert!(good["error"].is_null());
    assert!(good["pairs"].as_u64().unwrap() >= 6);
    assert!(good["mean_confidence"].as_f64().unwrap() > 0.0);
}

#[test]
fn manifests_in_tsv_and_jsonl_and_no_escape_from_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    folder(&input, 2, 6);
    let tsv = input.join("list.tsv");
    std::fs::write(
        &tsv,
        "source\ttarget\toutput\tsrc_lang\ttgt_lang\n\
         doc000.zh.txt\tdoc000.en.txt\tfirst.tmx\tzh\ten\n\
         # a comment\n\
         doc001.zh.txt\tdoc001.en.txt\t../../escaped.tmx\tzh\ten\n",
    )
    .unwrap();
    let output = dir.path().join("out");
    let out = batch(&[], &tsv, &output);
    assert_eq!(out.status.code(), Some(1));
    assert!(output.join("first.tmx").is_file());
    assert!(!dir.path().join("escaped.tmx").exists());
    assert!(!dir.path().parent().unwrap().join("escaped.tmx").exists());
    let summary = summary(&output);
    assert!(
        summary["results"][1]["error"]
            .as_str()
            .unwrap()
            .contains("would leave the output folder")
    );

    let jsonl = input.join("list.jsonl");
    std::fs::write(
        &jsonl,
        "{\"source\": \"doc001.zh.txt\", \"target\": \"doc001.en.txt\", \"src_lang\": \"zh\", \"tgt_lang\": \"en\"}\n",
    )
    .unwrap();
    let output = dir.path().join("out-jsonl");
    succeeded(batch(&[], &jsonl, &output));
    assert!(output.join("doc001.zh.tmx").is_file());
}

#[test]
fn jobs_do_not_change_the_bytes_and_shards_add_up_to_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    folder(&input, 9, 12);
    let run = |name: &str, extra: &[&str]| -> PathBuf {
        let output = dir.path().join(name);
        let mut args = vec!["--src-lang", "zh", "--merge"];
        let merged = dir.path().join(format!("{name}.tmx"));
        let merged = merged.to_str().unwrap().to_string();
        args.push(&merged);
        args.extend(extra);
        succeeded(batch(&args, &input, &output));
        output
    };
    let one = run("one", &["--jobs", "1"]);
    let two = run("two", &["--jobs", "2"]);
    // Everything but the state file, whose lines come in the order the
    // documents finish.
    let outputs = |dir: &Path| -> BTreeMap<String, Vec<u8>> {
        contents(dir)
            .into_iter()
            .filter(|(name, _)| !name.starts_with(".tandem-batch"))
            .collect()
    };
    same_files(&outputs(&one), &outputs(&two), "--jobs 1 against --jobs 2");
    assert!(
        std::fs::read(dir.path().join("one.tmx")).unwrap()
            == std::fs::read(dir.path().join("two.tmx")).unwrap(),
        "merged TMX differs between --jobs 1 and --jobs 2"
    );

    // Two shards into one folder, then a resumed run that only merges.
    let shared = dir.path().join("shards");
    for shard in ["1/2", "2/2"] {
        succeeded(batch(
            &["--src-lang", "zh", "--shard", shard],
            &input,
            &shared,
        ));
    }
    let documents = |dir: &Path| -> BTreeMap<String, Vec<u8>> {
        contents(dir)
            .into_iter()
            .filter(|(name, _)| name.ends_with(".tmx"))
            .collect()
    };
    same_files(
        &documents(&shared),
        &documents(&one),
        "shards against one run",
    );
    let merged = dir.path().join("from-shards.tmx");
    let out = succeeded(batch(
        &[
            "--src-lang",
            "zh",
            "--resume",
            "--verbose",
            "--merge",
            merged.to_str().unwrap(),
        ],
        &input,
        &shared,
    ));
    // Nothing is aligned again: the shards' state files say what is done.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("done before, skipped").count(),
        9,
        "{stderr}"
    );
    assert!(
        std::fs::read(&merged).unwrap() == std::fs::read(dir.path().join("one.tmx")).unwrap(),
        "the shards' merged TMX differs from one run's"
    );
}

#[test]
fn merging_keeps_each_pair_once_with_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    folder(&input, 2, 6);
    // A third document identical to the first.
    std::fs::copy(input.join("doc000.zh.txt"), input.join("doc002.zh.txt")).unwrap();
    std::fs::copy(input.join("doc000.en.txt"), input.join("doc002.en.txt")).unwrap();
    let merged = dir.path().join("merged.tmx");
    succeeded(batch(
        &["--src-lang", "zh", "--merge", merged.to_str().unwrap()],
        &input,
        &dir.path().join("out"),
    ));
    let text = std::fs::read_to_string(&merged).unwrap();
    let per_document = std::fs::read_to_string(dir.path().join("out/doc000.tmx"))
        .unwrap()
        .matches("<tu ")
        .count();
    let others = std::fs::read_to_string(dir.path().join("out/doc001.tmx"))
        .unwrap()
        .matches("<tu ")
        .count();
    assert_eq!(text.matches("<tu ").count(), per_document + others);
    assert!(text.contains("<prop type=\"x-occurrences\">2</prop>"));
    assert!(text.contains("<prop type=\"x-document\">doc002</prop>"));
    if xmllint() {
        validate(&merged);
    }
}

#[test]
fn a_run_killed_with_sigkill_resumes_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    folder(&input, 16, 1500);
    let clean = dir.path().join("clean");
    succeeded(batch(&["--src-lang", "zh", "--jobs", "1"], &input, &clean));

    let killed = dir.path().join("killed");
    let mut child = Process::new(cargo_bin("tandem"))
        .env("TANDEM_NO_EMBEDDINGS", "1")
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&killed)
        .args([
            "--src-lang",
            "zh",
            "--jobs",
            "1",
            "--creation-date",
            "2024-01-21",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has finished some documents but not all.
    let state = killed.join(".tandem-batch.jsonl");
    let started = Instant::now();
    loop {
        let lines = std::fs::read_to_string(&state).map_or(0, |s| s.lines().count());
        if lines >= 3 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let finished = std::fs::read_to_string(&state).unwrap().lines().count() - 1;
    assert!(
        (2..16).contains(&finished),
        "the run should be killed midway ({finished} documents finished)"
    );

    let out = succeeded(
        tandem()
            .arg("batch")
            .arg(&input)
            .arg("-o")
            .arg(&killed)
            .args(["--src-lang", "zh", "--jobs", "2", "--resume", "--verbose"])
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.matches("done before, skipped").count() >= finished,
        "{stderr}"
    );
    let outputs = |dir: &Path| -> BTreeMap<String, Vec<u8>> {
        contents(dir)
            .into_iter()
            .filter(|(name, _)| !name.starts_with(".tandem-batch"))
            .collect()
    };
    same_files(&outputs(&killed), &outputs(&clean), "resumed against clean");
}

/// Hard-wrapped English and German: paragraphs separated by blank lines,
/// lines broken inside sentences.
const WRAPPED_EN: &str = "The city council met on Monday and approved\nthe new budget for the schools. It also discussed\nthe roads.\n\nThe mayor thanked the teachers for their\nwork during the difficult winter.\n";
const WRAPPED_DE: &str = "Der Stadtrat trat am Montag zusammen und genehmigte\nden neuen Haushalt für die Schulen. Er sprach auch\nüber die Straßen.\n\nDer Bürgermeister dankte den Lehrern für ihre\nArbeit während des schwierigen Winters.\n";

/// A folder `in` under `dir` holding the hard-wrapped council report in
/// English and German (`council.en.txt`, `council.de.txt`).
fn council_folder(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("council.en.txt"), WRAPPED_EN).unwrap();
    std::fs::write(input.join("council.de.txt"), WRAPPED_DE).unwrap();
    input
}

/// The texts of a TMX's `<seg>`s, in order.
fn segments(tmx: &str) -> Vec<String> {
    tmx.split("<seg>")
        .skip(1)
        .map(|s| s.split("</seg>").next().unwrap().to_string())
        .collect()
}

/// A document of which the export options keep no pair fails (a memory
/// without a unit is no success), says why, and the run exits with 1; its
/// figures stay numbers (a flagged share of 0, not NaN).
#[test]
fn a_document_with_no_pair_kept_fails_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let input = council_folder(dir.path());
    let out = dir.path().join("out");
    let run = tandem()
        .args(["batch", "-q", "--src-lang", "en", "--min-chars", "1000"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let result = &summary["results"][0];
    assert_eq!(result["pairs"], 0);
    assert_eq!(result["flagged_share"], 0.0);
    let error = result["error"].as_str().unwrap();
    assert!(
        error.contains("no pair to write") && error.contains("min-chars"),
        "{error}"
    );
}

#[test]
fn batch_reads_documents_as_align_does() {
    let dir = tempfile::tempdir().unwrap();
    let input = council_folder(dir.path());
    let run = |out: &str, extra: &[&str]| {
        succeeded(
            tandem()
                .args([
                    "batch",
                    "-q",
                    "--src-lang",
                    "en",
                    "--creation-date",
                    "2024-01-21",
                ])
                .arg(&input)
                .arg("-o")
                .arg(dir.path().join(out))
                .args(extra)
                .output()
                .unwrap(),
        );
        std::fs::read_to_string(dir.path().join(out).join("council.tmx")).unwrap()
    };
    let blank = run("blank", &["--paragraphs", "blank"]);
    let aligned = succeeded(
        tandem()
            .args([
                "align",
                "--paragraphs",
                "blank",
                "--creation-date",
                "2024-01-21",
            ])
            .arg(input.join("council.en.txt"))
            .arg(input.join("council.de.txt"))
            .output()
            .unwrap(),
    );
    // The same units as align's, sentences joined across the line breaks.
    let units = segments(&blank);
    assert_eq!(units, segments(&String::from_utf8(aligned.stdout).unwrap()));
    assert!(
        units.contains(
            &"The city council met on Monday and approved the new budget for the schools."
                .to_string()
        ),
        "{units:?}"
    );
    // Read line by line, the lines are the paragraphs: other units.
    assert_ne!(segments(&run("lines", &["--paragraphs", "line"])), units);
    // By default, the wrapped text is found wrapped, as align finds it.
    assert_eq!(segments(&run("auto", &[])), units);
}

#[test]
fn given_language_tags_are_written_in_every_memory_and_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    // Two naming schemes, two spellings of the language codes.
    let input = council_folder(dir.path());
    std::fs::write(
        input.join("mayor_EN.txt"),
        "The mayor thanked the teachers.\nThe winter was difficult.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("mayor_DE.txt"),
        "Der Bürgermeister dankte den Lehrern.\nDer Winter war schwierig.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let merged = dir.path().join("merged.tmx");
    succeeded(
        tandem()
            .args(["batch", "-q", "--src-lang", "en-US", "--tgt-lang", "de-AT"])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .arg("--merge")
            .arg(&merged)
            .output()
            .unwrap(),
    );
    let tags = |xml: &str| -> std::collections::BTreeSet<String> {
        xml.split("xml:lang=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect()
    };
    let expected: std::collections::BTreeSet<String> =
        ["en-US".to_string(), "de-AT".to_string()].into();
    for tmx in [
        out.join("council.tmx"),
        out.join("mayor.tmx"),
        merged.clone(),
    ] {
        let xml = std::fs::read_to_string(&tmx).unwrap();
        assert_eq!(tags(&xml), expected, "{}", tmx.display());
        assert!(xml.contains(r#"srclang="en-US""#), "{}", tmx.display());
        assert!(xml.contains("<tu "), "{}", tmx.display());
        if xmllint() {
            validate(&tmx);
        }
    }
    // The merge holds every document's pairs.
    let merged_units = std::fs::read_to_string(&merged)
        .unwrap()
        .matches("<tu ")
        .count();
    let units = |name: &str| {
        std::fs::read_to_string(out.join(name))
            .unwrap()
            .matches("<tu ")
            .count()
    };
    assert_eq!(merged_units, units("council.tmx") + units("mayor.tmx"));
}
