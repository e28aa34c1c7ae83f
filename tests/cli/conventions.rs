//! Command-line conventions: standard input as `-`, the format from the
//! output's name, values out of range refused, a closed pipe, encodings per
//! side, shell completions and the man page.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use predicates::str::contains;

use crate::util::{sample, succeeded, tandem};

const SAMPLE: &str = "beijing-2024-work-report.zh-en.txt";

fn stdout(command: &mut Command) -> String {
    String::from_utf8(succeeded(command.output().unwrap()).stdout).unwrap()
}

#[test]
fn standard_input_is_read_where_one_input_is() {
    let from_file = stdout(
        tandem()
            .args(["align", "--interleaved", "--format", "tsv"])
            .arg(sample(SAMPLE)),
    );
    let bytes = std::fs::read(sample(SAMPLE)).unwrap();
    let from_stdin = stdout(
        tandem()
            .args(["align", "--interleaved", "-", "--format", "tsv"])
            .write_stdin(bytes.clone()),
    );
    assert_eq!(from_stdin, from_file);
    // One of two files.
    let zh = std::fs::read(sample("beijing-2024-work-report.zh.txt")).unwrap();
    let two = stdout(
        tandem()
            .args(["align", "-", "--format", "beads"])
            .arg(sample("beijing-2024-work-report.en.txt"))
            .write_stdin(zh.clone()),
    );
    let two_files = stdout(
        tandem()
            .args(["align", "--format", "beads"])
            .arg(sample("beijing-2024-work-report.zh.txt"))
            .arg(sample("beijing-2024-work-report.en.txt")),
    );
    assert_eq!(two, two_files);
    // The document is named as such in the memory and in messages.
    let tmx = stdout(
        tandem()
            .args(["align", "--interleaved", "-"])
            .write_stdin(bytes),
    );
    assert!(tmx.contains(r#"<prop type="x-document">standard input</prop>"#));
    tandem()
        .args(["align", "--interleaved", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(contains("standard input: the file is empty"));
    // Both files cannot be standard input.
    tandem()
        .args(["align", "-", "-"])
        .write_stdin(zh.clone())
        .assert()
        .code(2)
        .stderr(contains("not both"));
    // segment, and qa on a memory piped in.
    let segmented = stdout(
        tandem()
            .args(["segment", "-", "--lang", "zh"])
            .write_stdin(zh),
    );
    assert!(segmented.lines().count() > 10);
    let memory = stdout(
        tandem()
            .args(["align", "--interleaved"])
            .arg(sample(SAMPLE)),
    );
    let piped = tandem()
        .args(["qa", "-"])
        .write_stdin(memory.clone())
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.tmx"), &memory).unwrap();
    let from_file = tandem()
        .current_dir(dir.path())
        .args(["qa", "m.tmx"])
        .output()
        .unwrap();
    assert!(piped.status.success());
    let summary = |out: &[u8]| String::from_utf8_lossy(out).replace("standard input", "m.tmx");
    assert_eq!(summary(&piped.stderr), summary(&from_file.stderr));
}

#[test]
fn no_clobber_leaves_standard_output_alone() {
    // A file named "-" is not standard output's to clobber.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("-"), "not an output").unwrap();
    let out = stdout(
        tandem()
            .current_dir(dir.path())
            .args([
                "align",
                "--interleaved",
                "--no-clobber",
                "--format",
                "beads",
            ])
            .arg(sample(SAMPLE)),
    );
    assert!(out.starts_with("[0]:[0]:"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("-")).unwrap(),
        "not an output"
    );
}

#[test]
fn the_format_follows_the_output_name() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [
        ("out.tsv", "zh-CN\ten\tconfidence\tflags\n"),
        ("out.jsonl", "{\"id\":1,"),
        (
            "out.xlf",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff",
        ),
        ("out.beads", "[0]:[0]:"),
        (
            "out.tmx",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx",
        ),
    ] {
        tandem()
            .current_dir(dir.path())
            .args(["align", "-q", "--interleaved"])
            .arg(sample(SAMPLE))
            .args(["-o", name])
            .assert()
            .success();
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(
            written.starts_with(starts),
            "{name}: {}",
            &written[..60.min(written.len())]
        );
    }
    // --format wins over the name.
    tandem()
        .current_dir(dir.path())
        .args(["align", "-q", "--interleaved"])
        .arg(sample(SAMPLE))
        .args(["-o", "named.tsv", "--format", "jsonl"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(dir.path().join("named.tsv"))
            .unwrap()
            .starts_with("{\"id\":1,")
    );
    // A name no format has is an error naming --format, and nothing is written.
    tandem()
        .current_dir(dir.path())
        .args(["align", "--interleaved"])
        .arg(sample(SAMPLE))
        .args(["-o", "out.docx"])
        .assert()
        .code(2)
        .stderr(contains("give --format"));
    assert!(!dir.path().join("out.docx").exists());
}

#[test]
fn values_out_of_range_are_refused() {
    for (option, value) in [
        ("--min-confidence", "95"),
        ("--min-confidence", "-0.5"),
        ("--weak-below", "2"),
        ("--length-deviation", "0"),
        ("--max-sentence-chars", "0"),
        ("--min-chars", "-3"),
        ("--length-deviation", "-1"),
    ] {
        tandem()
            .args(["align", "--interleaved"])
            .arg(sample(SAMPLE))
            .args([option, value])
            .assert()
            .code(2)
            .stderr(contains(option));
    }
    tandem()
        .args(["batch", "in", "-o", "out", "--jobs", "0"])
        .assert()
        .code(2)
        .stderr(contains("--jobs"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Ten copies of the sample: far more than a pipe's buffer of TSV.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample(SAMPLE)).unwrap().repeat(10);
    std::fs::write(dir.path().join("big.txt"), text).unwrap();
    let mut child = Process::new(cargo_bin("tandem"))
        .env("TANDEM_NO_EMBEDDINGS", "1")
        .current_dir(dir.path())
        .args(["align", "--interleaved", "big.txt", "--format", "tsv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, as `head -1` does, and close the pipe.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("zh-CN\ten"));
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn a_closed_standard_error_is_no_panic() {
    // `tandem … 2>&1 | head -1`: the reader is gone before the summary
    // line. Standard error is a pipe whose reader closed before the run.
    let mut child = Process::new(cargo_bin("tandem"))
        .env("TANDEM_NO_EMBEDDINGS", "1")
        .args(["align", "--interleaved", "--format", "tsv"])
        .arg(sample(SAMPLE))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn each_side_has_its_own_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = (
        "这是第一句。这是第二句。\n",
        "Café crème, the first sentence. The second one, déjà vu.\n",
    );
    std::fs::write(dir.path().join("zh.txt"), zh).unwrap();
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(en);
    std::fs::write(dir.path().join("en.txt"), &cp1252).unwrap();
    let run = |extra: &[&str]| {
        tandem()
            .current_dir(dir.path())
            .args(["align", "zh.txt", "en.txt", "--format", "tsv"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&["--tgt-encoding", "windows-1252"]);
    let tsv = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        tsv.contains("这是第一句。\tCafé crème, the first sentence."),
        "{tsv}"
    );
    // One encoding for both would read the UTF-8 side as windows-1252,
    // which decodes any byte: mojibake.
    let both = run(&["--encoding", "windows-1252"]);
    let tsv = String::from_utf8(both.stdout).unwrap();
    assert!(!tsv.contains("这是第一句。"), "{tsv}");
    // Without a name, the target is not UTF-8: an error with a hint.
    let none = run(&[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("en.txt: cannot decode"));
    // --src-encoding overrides --encoding for its side.
    let out = run(&["--encoding", "windows-1252", "--src-encoding", "utf-8"]);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("这是第一句。\tCafé crème")
    );
}

#[test]
fn completions_and_a_man_page() {
    let bash = stdout(tandem().args(["completions", "bash"]));
    assert!(bash.contains("complete") && bash.contains("--interleaved"));
    let fish = stdout(tandem().args(["completions", "fish"]));
    assert!(fish.contains("tmx-lang-style"));
    let man = stdout(tandem().arg("man"));
    assert!(
        man.starts_with(".ie") || man.contains(".TH tandem"),
        "{}",
        &man[..200]
    );
    assert!(man.contains("align"));
    let align = stdout(tandem().args(["man", "align"]));
    assert!(align.contains(".TH tandem-align") && align.contains("interleaved"));
    // Every page into a folder, as a package installs them.
    let dir = tempfile::tempdir().unwrap();
    tandem()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    for (page, title) in [
        ("tandem.1", ".TH tandem"),
        ("tandem-batch.1", ".TH tandem-batch"),
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(text.contains(title), "{page}");
    }
    tandem()
        .args(["man", "nothing"])
        .assert()
        .code(2)
        .stderr(contains("one of: align"));
    // A man page man(1) can render.
    if Process::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let mut child = Process::new("man")
            .args(["-l", "-"])
            .env("MANPAGER", "cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(align.as_bytes())
            .unwrap();
        let rendered = child.wait_with_output().unwrap();
        assert!(String::from_utf8_lossy(&rendered.stdout).contains("interleaved"));
    }
}
