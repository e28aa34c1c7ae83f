//! Property tests against independent consumers: any Unicode text on either
//! side yields a TMX that xmllint finds valid against the project's copy of
//! the TMX DTD, and whose texts translate-toolkit reads back equal to the
//! input minus the characters XML forbids — once through the TMX writer
//! directly (exact texts), once through `tandem align` (each unit's text,
//! white space aside, is the next piece of its side's text).
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
    let Some(python) = python_with_translate() else {
        return;
    };
    if !xmllint() {
        return;
    }
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
    validate_all(&files);
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
    let Some(python) = python_with_translate() else {
        return;
    };
    if !xmllint() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // One sentence per line on each side, so that every case has text.
    let side = || prop::collection::vec(text(true), 1..8);
    let cases = sample((side(), side()), CASES);
    let mut files = Vec::new();
    let mut expected = Vec::new();
    for (k, (source, target)) in cases.iter().enumerate() {
        let (src, tgt, tmx) = (
            dir.path().join(format!("case-{k}.en.txt")),
            dir.path().join(format!("case-{k}.zh.txt")),
            dir.path().join(format!("case-{k}.tmx")),
        );
        // Real text on each side, so that no side is empty and each is
        // recognisably in its language (random text may look like either).
        std::fs::write(&src, format!("{ENGLISH}\n{}\n", source.join("\n"))).unwrap();
        std::fs::write(&tgt, format!("{CHINESE}\n{}\n", target.join("\n"))).unwrap();
        let output = Command::cargo_bin("tandem")
            .unwrap()
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
            .args(["--creation-date", "2024-01-21"])
            .output()
            .unwrap();
        succeeded(output);
        files.push(tmx);
        expected.push((
            visible(&format!("{ENGLISH}{}", source.concat())),
            visible(&format!("{CHINESE}{}", target.concat())),
        ));
    }
    validate_all(&files);
    let read = read_all(&python, &files, "en", "zh-CN");
    for ((units, (source, target)), file) in read.iter().zip(&expected).zip(&files) {
        // Sentences left unaligned (1-0, 0-1 beads) are not units; every
        // unit's text is a piece of its side, the pieces in order.
        assert!(!units.is_empty(), "{}", file.display());
        let (mut in_source, mut in_target) = (0, 0);
        for (unit_source, unit_target) in units {
            for (text, side, from) in [
                (unit_source, source, &mut in_source),
                (unit_target, target, &mut in_target),
            ] {
                let piece = visible(text);
                assert!(!piece.is_empty(), "an empty side in {}", file.display());
                let at = side[*from..].find(&piece).unwrap_or_else(|| {
                    panic!(
                        "{piece:?} is not the next piece of {side:?} ({})",
                        file.display()
                    )
                });
                *from += at + piece.len();
            }
        }
    }
}
