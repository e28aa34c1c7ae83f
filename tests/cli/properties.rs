//! Property tests against independent consumers: any Unicode text on either
//! side yields a TMX that xmllint finds valid against the project's copy of
//! the TMX DTD, and whose texts our reader and translate-toolkit read back
//! equal to the input minus the characters XML forbids — once through the
//! TMX writer directly (exact texts), once through `tandem align` (every
//! visible character of each side is in exactly one bead of the report, in
//! order, and the units are the beads with text on both sides). Each
//! consumer checks what it can; a missing one skips only its own checks.
//!
//! The cases are generated with proptest, written to files, then checked by
//! one xmllint and one Python run for all of them (a process per case
//! would take minutes).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use tandem_tmx::{Header, SegType, TmxWriter, TranslationUnit, is_xml_char};

use crate::util::{python_with_translate, succeeded, xmllint};

/// Cases per property.
const CASES: usize = 48;

/// Any text, weighted towards what XML and segmentation treat specially.
/// `file` leaves out NUL, which makes a file binary to `tandem` (a refused
/// input, docs/errors.md), and line ends.
fn text(file: bool) -> impl Strategy<Value = String> {
    let mut special = vec![
        "<",
        ">",
        "&",
        "\"",
        "'",
        "]]>",
        "<!--",
        "&#13;",
        "&nbsp;",
        "\t",
        " ",
        "\u{1}",
        "\u{b}",
        "\u{7f}",
        "\u{85}",
        "\u{fffe}",
        "\u{ffff}",
        "\u{feff}",
        "\u{2028}",
        "中文。",
        "e\u{301}",
        "😀",
        ". ",
        "Mr. ",
        "！",
    ];
    if !file {
        special.extend(["\r", "\r\n", "\n", "\u{0}"]);
    }
    let piece = prop_oneof![
        2 => prop::sample::select(special).prop_map(str::to_string),
        3 => any::<char>()
            .prop_filter("a line of a file", move |&c| !file || !matches!(c, '\n' | '\r' | '\0'))
            .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

fn allowed(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

/// `count` values drawn from `strategy` (a fresh random seed each run, so
/// that runs over time cover more; a failure prints the file to reproduce).
fn sample<S: Strategy>(strategy: S, count: usize) -> Vec<S::Value> {
    let mut runner = TestRunner::default();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

fn validate_all(files: &[PathBuf]) {
    let dtd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx14.dtd");
    succeeded(
        Process::new("xmllint")
            .args(["--noout", "--nonet", "--dtdvalid"])
            .arg(dtd)
            .args(files)
            .output()
            .unwrap(),
    );
}

/// Each file's (source, target) texts as translate-toolkit reads them.
fn read_all(python: &str, files: &[PathBuf], src: &str, tgt: &str) -> Vec<Vec<(String, String)>> {
    let script = r#"
import json, sys
from translate.storage import tmx
src, tgt = sys.argv[1], sys.argv[2]
out = []
for path in sys.argv[3:]:
    with open(path, 'rb') as f:
        store = tmx.tmxfile(f, sourcelanguage=src, targetlanguage=tgt)
    out.append([[u.source, u.target] for u in store.units])
print(json.dumps(out))
"#;
    let out = succeeded(
        Process::new(python)
            .args(["-c", script, src, tgt])
            .args(files)
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn any_text_through_the_writer_validates_and_reads_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let cases = sample(
        prop::collection::vec((text(false), text(false)), 1..5),
        CASES,
    );
    let header = Header {
        creation_tool: "tandem".into(),
        creation_tool_version: "test".into(),
        segtype: SegType::Sentence,
        srclang: "en".into(),
        adminlang: "en".into(),
        creation_date: Some("20240121T000000Z".into()),
    };
    let mut files = Vec::new();
    for (k, pairs) in cases.iter().enumerate() {
        let mut writer = TmxWriter::new(Vec::new(), &header).unwrap();
        for (n, (source, target)) in pairs.iter().enumerate() {
            writer
                .write_unit(&TranslationUnit {
                    tuid: (n + 1).to_string().into(),
                    props: Vec::new(),
                    variants: vec![
                        ("en".into(), source.as_str().into()),
                        ("zh-CN".into(), target.as_str().into()),
                    ],
                })
                .unwrap();
        }
        let path = dir.path().join(format!("case-{k}.tmx"));
        std::fs::write(&path, writer.finish().unwrap().0).unwrap();
        files.push(path);
    }
    // Each independent consumer checks what it can, whichever is missing.
    if xmllint() {
        validate_all(&files);
    }
    // Our own reader, always.
    for (pairs, file) in cases.iter().zip(&files) {
        let bytes = std::fs::read(file).unwrap();
        let units: Vec<(String, String)> = tandem_tmx::TmxReader::new(bytes.as_slice())
            .unwrap()
            .map(|u| {
                let u = u.unwrap();
                (u.variants[0].text.clone(), u.variants[1].text.clone())
            })
            .collect();
        let expected: Vec<(String, String)> = pairs
            .iter()
            .map(|(s, t)| (allowed(s), allowed(t)))
            .collect();
        assert_eq!(units, expected, "{}", file.display());
    }
    let Some(python) = python_with_translate() else {
        return;
    };
    let read = read_all(&python, &files, "en", "zh-CN");
    for ((pairs, units), file) in cases.iter().zip(&read).zip(&files) {
        let expected: Vec<(String, String)> = pairs
            .iter()
            .map(|(s, t)| (allowed(s), allowed(t)))
            .collect();
        assert_eq!(units, &expected, "{}", file.display());
    }
    // Kept for a look when a case failed (the directory goes with the test).
    drop(dir);
}

const ENGLISH: &str = "The city kept its promises to the people this year.\nWe built new schools and hospitals in every district.\nThe air in the city is cleaner than it has been for decades.";
const CHINESE: &str = "今年城市兑现了对人民的承诺。\n我们在每个区都建设了新的学校和医院。\n城市的空气比几十年来都更清洁。";

fn visible(text: &str) -> String {
    text.chars()
        .filter(|&c| is_xml_char(c) && !c.is_whitespace())
        .collect()
}

#[test]
fn any_text_through_tandem_align_validates_and_keeps_every_character() {
    let dir = tempfile::tempdir().unwrap();
    // One sentence per line on each side, so that every case has text.
    let side = || prop::collection::vec(text(true), 1..8);
    let cases = sample((side(), side()), CASES);
    let mut files = Vec::new();
    let mut expected = Vec::new();
    for (k, (source, target)) in cases.iter().enumerate() {
        let (src, tgt, tmx, report) = (
            dir.path().join(format!("case-{k}.en.txt")),
            dir.path().join(format!("case-{k}.zh.txt")),
            dir.path().join(format!("case-{k}.tmx")),
            dir.path().join(format!("case-{k}.json")),
        );
        // Real text on each side, so that no side is empty and each is
        // recognisably in its language (random text may look like either).
        let (src_text, tgt_text) = (
            format!("{ENGLISH}\n{}\n", source.join("\n")),
            format!("{CHINESE}\n{}\n", target.join("\n")),
        );
        std::fs::write(&src, &src_text).unwrap();
        std::fs::write(&tgt, &tgt_text).unwrap();
        let output = Command::cargo_bin("tandem")
            .unwrap()
            .env("TANDEM_NO_EMBEDDINGS", "1")
            .args([
                "align",
                "-q",
                "--presegmented",
                "--src-lang",
                "en",
                "--tgt-lang",
                "zh-CN",
            ])
            .arg(&src)
            .arg(&tgt)
            .arg("-o")
            .arg(&tmx)
            .arg("--report")
            .arg(&report)
            .args(["--creation-date", "2024-01-21"])
            .output()
            .unwrap();
        succeeded(output);
        // The report has every bead, in order: pairs, sentences left
        // unaligned, pairs left out for want of text. Together they hold
        // every visible character of each side, in order.
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        let rows: Vec<(String, String)> = report["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    visible(p["source"].as_str().unwrap()),
                    visible(p["target"].as_str().unwrap()),
                )
            })
            .collect();
        let joined = |side: fn(&(String, String)) -> &String| -> String {
            rows.iter().map(side).map(String::as_str).collect()
        };
        assert_eq!(joined(|r| &r.0), visible(&src_text), "{}", src.display());
        assert_eq!(joined(|r| &r.1), visible(&tgt_text), "{}", tgt.display());
        // The memory's units are exactly the beads with text on both sides.
        let units: Vec<(String, String)> = rows
            .into_iter()
            .filter(|(s, t)| !s.is_empty() && !t.is_empty())
            .collect();
        let bytes = std::fs::read(&tmx).unwrap();
        let read: Vec<(String, String)> = tandem_tmx::TmxReader::new(bytes.as_slice())
            .unwrap()
            .map(|u| {
                let u = u.unwrap();
                (visible(&u.variants[0].text), visible(&u.variants[1].text))
            })
            .collect();
        assert_eq!(read, units, "{}", tmx.display());
        assert!(!units.is_empty(), "{}", tmx.display());
        files.push(tmx);
        expected.push(units);
    }
    if xmllint() {
        validate_all(&files);
    }
    let Some(python) = python_with_translate() else {
        return;
    };
    // translate-toolkit reads the same texts.
    let read = read_all(&python, &files, "en", "zh-CN");
    for ((units, expected), file) in read.iter().zip(&expected).zip(&files) {
        let visible_units: Vec<(String, String)> = units
            .iter()
            .map(|(s, t)| (visible(s), visible(t)))
            .collect();
        assert_eq!(&visible_units, expected, "{}", file.display());
    }
}
