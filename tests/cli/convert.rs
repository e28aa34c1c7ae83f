//! `tandem convert`: a memory through every pair format and back, without
//! losing its texts (and, where the format has room, its properties).

use std::path::Path;

use crate::util::{succeeded, validate, xmllint};
use assert_cmd::Command;

fn tandem(dir: &Path, args: &[&str]) -> String {
    let output = succeeded(
        Command::cargo_bin("tandem")
            .unwrap()
            .env("TANDEM_NO_EMBEDDINGS", "1")
            .current_dir(dir)
            .args(args)
            .args(["--creation-date", "2024-01-21"])
            .output()
            .unwrap(),
    );
    String::from_utf8(output.stderr).unwrap()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// Each unit's confidence and flags props, in order.
fn quality(tmx: &str) -> Vec<(Option<String>, Option<String>)> {
    let prop = |unit: &str, kind: &str| -> Option<String> {
        let start = format!("<prop type=\"{kind}\">");
        let at = unit.find(&start)? + start.len();
        Some(unit[at..at + unit[at..].find("</prop>")?].to_string())
    };
    tmx.split("<tu ")
        .skip(1)
        .map(|unit| (prop(unit, "x-confidence"), prop(unit, "x-flags")))
        .collect()
}

/// The `<seg>` texts of a TMX, in order.
fn segments(tmx: &str) -> Vec<&str> {
    tmx.split("<seg>")
        .skip(1)
        .map(|s| s.split("</seg>").next().unwrap())
        .collect()
}

#[test]
fn a_memory_goes_through_every_format_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/beijing-2024-work-report.zh-en.txt");
    tandem(
        d,
        &[
            "align",
            "-q",
            "--interleaved",
            sample.to_str().unwrap(),
            "-o",
            "a.tmx",
        ],
    );
    let original = read(d, "a.tmx");

    // JSONL keeps everything: the TMX comes back byte for byte.
    tandem(d, &["convert", "-q", "a.tmx", "-o", "a.jsonl"]);
    tandem(d, &["convert", "-q", "a.jsonl", "-o", "from-jsonl.tmx"]);
    assert_eq!(read(d, "from-jsonl.tmx"), original);

    // TSV (for a spreadsheet) keeps texts, confidence and flags.
    tandem(d, &["convert", "-q", "a.tmx", "-o", "a.tsv"]);
    let units = original.matches("<tu ").count();
    let stderr = tandem(d, &["convert", "a.tsv", "-o", "from-tsv.tmx"]);
    assert!(
        stderr.contains(&format!(
            "{units} units (zh-CN → en) converted from TSV to TMX"
        )),
        "{stderr}"
    );
    let from_tsv = read(d, "from-tsv.tmx");
    assert_eq!(segments(&from_tsv), segments(&original));
    assert_eq!(quality(&from_tsv), quality(&original));
    assert!(quality(&original).iter().any(|(_, flags)| flags.is_some()));

    // XLIFF keeps texts, confidence and flags (in the note).
    tandem(d, &["convert", "-q", "a.tmx", "-o", "a.xlf"]);
    tandem(d, &["convert", "-q", "a.xlf", "-o", "from-xliff.tmx"]);
    let from_xliff = read(d, "from-xliff.tmx");
    assert_eq!(segments(&from_xliff), segments(&original));
    assert_eq!(quality(&from_xliff), quality(&original));

    // Moses keeps the texts, line by line.
    tandem(d, &["convert", "-q", "a.tmx", "--to", "moses", "-o", "m"]);
    assert_eq!(read(d, "m.zh-CN").lines().count(), units);
    assert_eq!(read(d, "m.en").lines().count(), units);
    tandem(
        d,
        &[
            "convert",
            "-q",
            "m",
            "--from",
            "moses",
            "--src-lang",
            "zh-CN",
            "--tgt-lang",
            "en",
            "-o",
            "from-moses.tmx",
        ],
    );
    assert_eq!(segments(&read(d, "from-moses.tmx")), segments(&original));

    // Tags restyled on the way.
    tandem(
        d,
        &[
            "convert",
            "-q",
            "a.tmx",
            "--tmx-lang-style",
            "script",
            "-o",
            "hans.tmx",
        ],
    );
    assert!(read(d, "hans.tmx").contains(r#"xml:lang="zh-Hans""#));

    if xmllint() {
        for tmx in [
            "from-jsonl.tmx",
            "from-tsv.tmx",
            "from-xliff.tmx",
            "from-moses.tmx",
            "hans.tmx",
        ] {
            validate(&d.join(tmx));
        }
    }
}

#[test]
fn texts_with_tabs_line_breaks_and_markup_survive_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu tuid="7"><tuv xml:lang="en"><seg>a	tab, a \backslash\t and&#13;
a break &lt;b&gt;</seg></tuv><tuv xml:lang="de"><seg>ein	Tab</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>only English</seg></tuv></tu>
</body></tmx>"#;
    std::fs::write(d.join("odd.tmx"), tmx).unwrap();
    let stderr = tandem(d, &["convert", "odd.tmx", "-o", "odd.tsv"]);
    assert!(
        stderr.contains("1 unit without both languages left out"),
        "{stderr}"
    );
    tandem(d, &["convert", "-q", "odd.tsv", "-o", "back.jsonl"]);
    let line = read(d, "back.jsonl");
    let unit: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(
        unit["source"],
        "a\ttab, a \\backslash\\t and\r\na break <b>"
    );
    assert_eq!(unit["target"], "ein\tTab");
    assert_eq!(
        (unit["src_lang"].as_str(), unit["tgt_lang"].as_str()),
        (Some("en"), Some("de"))
    );
}

/// A sheet without a header row, its languages given: every row is a unit,
/// the first one too.
#[test]
fn a_tsv_without_a_header_keeps_its_first_row() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("plain.tsv"),
        "Hello world.\tHallo Welt.\nGood night.\tGute Nacht.\n",
    )
    .unwrap();
    let stderr = tandem(
        d,
        &[
            "convert",
            "plain.tsv",
            "--src-lang",
            "en",
            "--tgt-lang",
            "de",
            "-o",
            "plain.tmx",
        ],
    );
    assert!(stderr.contains("2 units (en → de)"), "{stderr}");
    let tmx = read(d, "plain.tmx");
    assert_eq!(
        segments(&tmx),
        ["Hello world.", "Hallo Welt.", "Good night.", "Gute Nacht."]
    );
    // With a header, the header is no unit.
    std::fs::write(
        d.join("headed.tsv"),
        "en\tde\tconfidence\tflags\nGood night.\tGute Nacht.\t\t\n",
    )
    .unwrap();
    let stderr = tandem(d, &["convert", "headed.tsv", "-o", "headed.tmx"]);
    assert!(stderr.contains("1 unit (en → de)"), "{stderr}");
}
