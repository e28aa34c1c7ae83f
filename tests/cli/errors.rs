//! The bad-input matrix of docs/errors.md, run row by row: each row's input
//! is built here (by its id), its command run in a fresh folder, and the
//! message, exit code and what is left on disk checked against the table.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

const ENGLISH: &str = "The city kept its promises to the people this year.\nWe built new schools and hospitals in every district.\nThe air is cleaner than it has been for decades.\n";
const CHINESE: &str = "今年城市兑现了对人民的承诺。\n我们在每个区都建设了新的学校和医院。\n空气比几十年来都更清洁。\n";

/// One row of the table.
#[derive(Debug)]
struct Row {
    id: String,
    command: String,
    message: String,
    exit: i32,
}

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md")
}

/// A table cell's text: `\|` is a `|`, and a code span's backticks go.
fn cell(text: &str) -> String {
    let text = text.trim().replace("\\|", "|");
    let text = text.trim_matches('`');
    text.trim().to_string()
}

/// The rows of the matrix (the table under "## The matrix").
fn rows() -> Vec<Row> {
    let doc = std::fs::read_to_string(docs()).unwrap();
    let matrix = doc.split("## The matrix").nth(1).unwrap();
    let matrix = matrix.split("\n## ").next().unwrap();
    matrix
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            // Split at the pipes that are not escaped.
            let mut cells = Vec::new();
            let mut current = String::new();
            let mut chars = line.trim().trim_matches('|').chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\\' if chars.peek() == Some(&'|') => {
                        current.push_str("\\|");
                        chars.next();
                    }
                    '|' => cells.push(std::mem::take(&mut current)),
                    c => current.push(c),
                }
            }
            cells.push(current);
            assert_eq!(cells.len(), 5, "a row of five cells: {line}");
            Row {
                id: cell(&cells[0]),
                command: cell(&cells[2]),
                message: cell(&cells[3]),
                exit: cell(&cells[4]).parse().unwrap(),
            }
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn tmx(units: &str) -> String {
    format!(r#"<tmx version="1.4"><header srclang="en"/><body>{units}</body></tmx>"#)
}

/// The ids with an input built here: every row needs one, and every one
/// needs a row.
const IDS: &[&str] = &[
    "moses-stdout",
    "nothing-kept",
    "missing-file",
    "directory",
    "empty-file",
    "white-space",
    "ten-million-blank-lines",
    "binary",
    "binary-nul",
    "docx-not-zip",
    "pdf-damaged",
    "pdf-no-text",
    "subtitle-timecode",
    "xliff-no-targets",
    "not-utf8",
    "bad-bytes",
    "unknown-encoding",
    "bad-language-tag",
    "same-language",
    "swapped-languages",
    "unknown-language",
    "too-big",
    "no-line-breaks",
    "long-sentence",
    "interleaved-one-language",
    "interleaved-no-text",
    "out-of-range",
    "output-format",
    "stdin-twice",
    "interleaved-side-encoding",
    "no-output-folder",
    "no-clobber",
    "bad-dictionary",
    "bad-creation-date",
    "report-format",
    "not-srx",
    "convert-format",
    "tmx-missing",
    "tmx-not-xml",
    "tmx-not-tmx",
    "tmx-cut",
    "tmx-ill-formed",
    "tmx-too-deep",
    "tmx-no-units",
    "tmx-one-language",
    "tmx-no-pair",
    "tmx-binary",
    "tmx-zip",
    "fail-on",
    "batch-missing",
    "batch-languages",
    "batch-failed-document",
    "batch-escaping-output",
    "batch-no-jobs",
    "batch-bad-manifest",
    "corrections-version",
    "corrections-lost",
];

/// Builds row `id`'s input in `dir` (beside en.txt and zh.txt).
fn build(id: &str, dir: &Path) {
    write(dir, "en.txt", ENGLISH);
    write(dir, "zh.txt", CHINESE);
    match id {
        "missing-file" | "tmx-missing" | "batch-missing" | "unknown-encoding"
        | "bad-language-tag" | "swapped-languages" | "too-big" | "long-sentence"
        | "interleaved-one-language" | "no-output-folder" | "bad-creation-date"
        | "report-format" | "out-of-range" | "output-format" | "stdin-twice"
        | "interleaved-side-encoding" | "batch-no-jobs" | "moses-stdout" | "nothing-kept" => {}
        "directory" => std::fs::create_dir(dir.join("folder")).unwrap(),
        "empty-file" => write(dir, "empty.txt", ""),
        "white-space" => write(dir, "blank.txt", "  \n\n \t\n"),
        "ten-million-blank-lines" => write(dir, "lines.txt", "\n".repeat(10_000_000)),
        "binary" => write(dir, "binary.txt", b"PK\x03\x04\x00\x00binary"),
        "binary-nul" => write(dir, "nul.txt", b"\x01\x02\x03\x04\x00\x00binary"),
        "docx-not-zip" => write(dir, "letter.docx", "Dear Sir, this is text.\n"),
        "pdf-damaged" => write(dir, "broken.pdf", "%PDF-1.7\n"),
        "pdf-no-text" => write(dir, "scan.pdf", crate::util::pdf_without_text()),
        "subtitle-timecode" => write(
            dir,
            "broken.srt",
            "1\n00:00:0x,000 --> 00:00:02,000\nHello.\n",
        ),
        "xliff-no-targets" => write(
            dir,
            "untranslated.xlf",
            "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"zh\"><body>\
             <trans-unit id=\"1\"><source>Hello.</source></trans-unit></body></file></xliff>",
        ),
        // 政府工作报告。我们建设了新的学校。 in GBK.
        "not-utf8" => write(
            dir,
            "gbk.txt",
            b"\xd5\xfe\xb8\xae\xb9\xa4\xd7\xf7\xb1\xa8\xb8\xe6\xa1\xa3\xce\xd2\xc3\xc7\xbd\xa8\xc9\xe8\xc1\xcb\xd0\xc2\xb5\xc4\xd1\xa7\xd0\xa3\xa1\xa3\n",
        ),
        "bad-bytes" => write(dir, "sjis.txt", b"ab\xfd\n"),
        "not-srx" => write(dir, "rules.srx", "<tmx/>"),
        "convert-format" => write(dir, "notes.txt", "a note"),
        "same-language" => write(
            dir,
            "en2.txt",
            "The river is long and the mountains are high.\nThe weather was fine all week in the valley.\n",
        ),
        "unknown-language" | "interleaved-no-text" => write(dir, "digits.txt", "12345\n678 90\n"),
        "no-line-breaks" => write(dir, "words.txt", "word ".repeat(400)),
        "no-clobber" => write(dir, "old.tmx", "the memory of yesterday"),
        "bad-dictionary" => write(dir, "dict.txt", "no separator here\n"),
        "tmx-not-xml" => write(dir, "text.tmx", "hello world"),
        "tmx-not-tmx" => write(dir, "page.tmx", "<html><body/></html>"),
        "tmx-cut" => write(
            dir,
            "cut.tmx",
            r#"<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Open"#,
        ),
        "tmx-ill-formed" => write(
            dir,
            "mismatched.tmx",
            tmx(r#"<tu><tuv xml:lang="en"><seg>Open</tuv></tu>"#),
        ),
        "tmx-too-deep" => write(
            dir,
            "deep.tmx",
            tmx(&format!(
                r#"<tu><tuv xml:lang="en"><seg>{}x{}</seg></tuv></tu>"#,
                "<hi>".repeat(300),
                "</hi>".repeat(300)
            )),
        ),
        "tmx-no-units" => write(dir, "empty.tmx", tmx("")),
        "tmx-one-language" => write(
            dir,
            "one.tmx",
            tmx(r#"<tu><tuv xml:lang="en"><seg>Open</seg></tuv></tu>"#),
        ),
        "tmx-no-pair" => write(
            dir,
            "pair.tmx",
            tmx(r#"<tu><tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="de"><seg>Öffnen</seg></tuv></tu>"#),
        ),
        "tmx-binary" => write(dir, "program.tmx", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
        "tmx-zip" => write(dir, "memory.tmx", b"PK\x03\x04\x14\x00\x06\x00"),
        "fail-on" => write(
            dir,
            "numbers.tmx",
            tmx(
                r#"<tu><tuv xml:lang="en"><seg>The budget rose by 300 million yuan in 2023.</seg></tuv><tuv xml:lang="zh"><seg>2024年预算增加了5亿元。</seg></tuv></tu>"#,
            ),
        ),
        "batch-languages" | "batch-failed-document" => {
            write(dir, "docs/a.en.txt", ENGLISH);
            write(dir, "docs/a.zh.txt", CHINESE);
            write(dir, "docs/b.en.txt", "");
            write(dir, "docs/b.zh.txt", CHINESE);
        }
        "batch-escaping-output" => write(dir, "manifest.tsv", "en.txt\tzh.txt\t../escape.tmx\n"),
        "batch-bad-manifest" => write(dir, "short.tsv", "en.txt\n"),
        "corrections-version" => write(
            dir,
            "old.tandem.json",
            r#"{"format": "tandem-corrections", "version": 2, "decisions": [], "layers": {}}"#,
        ),
        "corrections-lost" => write(
            dir,
            "gone.tandem.json",
            r#"{"format": "tandem-corrections", "version": 1,
                "inputs": {"source": {"path": "en.txt", "sha256": "00"}, "target": {"path": "zh.txt", "sha256": "00"}},
                "options": [], "sentences": {"source": 3, "target": 3},
                "decisions": [{"time": "2024-01-21T00:00:00Z", "action": "link",
                  "link": [{"source": 1, "target": 1, "text": ["This sentence was deleted.", "这句话被删除了。"]}]}]}"#,
        ),
        other => panic!("docs/errors.md has a row '{other}' that no test builds"),
    }
}

/// Every file under `dir`, with its contents.
fn snapshot(dir: &Path) -> BTreeSet<(PathBuf, Vec<u8>)> {
    let mut files = BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    files
}

fn check(row: &Row) {
    let dir = tempfile::tempdir().unwrap();
    build(&row.id, dir.path());
    let before = snapshot(dir.path());
    let mut words = row.command.split_whitespace();
    assert_eq!(words.next(), Some("tandem"), "{row:?}");
    let output = Process::new(assert_cmd::cargo::cargo_bin("tandem"))
        .env("TANDEM_NO_EMBEDDINGS", "1")
        .current_dir(dir.path())
        .args(words)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.lines().any(|line| line == row.message),
        "{}: expected the line\n  {}\nin\n{stderr}",
        row.id,
        row.message
    );
    assert_eq!(output.status.code(), Some(row.exit), "{}: {stderr}", row.id);
    let after = snapshot(dir.path());
    for (path, _) in &after {
        let name = path.file_name().unwrap().to_string_lossy();
        let temporary = name.starts_with(".tandem-") && name.ends_with(".tmp");
        assert!(!temporary, "{}: {name} left behind", row.id);
    }
    if row.exit == 2 {
        // Bad input: nothing written, nothing changed.
        assert_eq!(after, before, "{}: the folder changed", row.id);
    }
}

#[test]
fn every_row_of_the_matrix_is_a_test() {
    let rows = rows();
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), rows.len(), "an id used twice");
    let built: BTreeSet<&str> = IDS.iter().copied().collect();
    assert_eq!(ids, built, "rows and inputs differ");
    for row in &rows {
        let checked = [
            "tandem align",
            "tandem segment",
            "tandem convert",
            "tandem qa",
            "tandem batch",
        ];
        assert!(
            checked.iter().any(|c| row.command.starts_with(c)),
            "{row:?}"
        );
    }
}

#[test]
fn align_rows() {
    for row in rows()
        .iter()
        .filter(|r| r.command.starts_with("tandem align"))
    {
        check(row);
    }
}

#[test]
fn segment_rows() {
    for row in rows()
        .iter()
        .filter(|r| r.command.starts_with("tandem segment"))
    {
        check(row);
    }
}

#[test]
fn convert_rows() {
    for row in rows()
        .iter()
        .filter(|r| r.command.starts_with("tandem convert"))
    {
        check(row);
    }
}

#[test]
fn qa_rows() {
    for row in rows().iter().filter(|r| r.command.starts_with("tandem qa")) {
        check(row);
    }
}

#[test]
fn batch_rows() {
    for row in rows()
        .iter()
        .filter(|r| r.command.starts_with("tandem batch"))
    {
        check(row);
    }
}

#[test]
fn the_interruption_tests_exist() {
    let doc = std::fs::read_to_string(docs()).unwrap();
    let section = doc.split("## Interruptions").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    let sources = ["tests/cli/signals.rs", "tests/cli/batch.rs"]
        .map(|f| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(f)).unwrap())
        .concat();
    let mut named = 0;
    for line in section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| what"))
    {
        let test = line.trim_end_matches('|').rsplit('`').nth(1).unwrap();
        assert!(sources.contains(&format!("fn {test}(")), "no test {test}");
        named += 1;
    }
    assert_eq!(named, 5);
}
