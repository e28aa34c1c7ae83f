//! Hostile TMX: the reader never fetches or reads an external entity (XXE),
//! never expands entities (billion laughs), refuses unbounded nesting, and
//! skips a DOCTYPE safely, through every output `tandem qa` writes.

use std::path::Path;

use crate::util::succeeded;
use assert_cmd::Command;

fn tandem() -> Command {
    let mut command = Command::cargo_bin("tandem").unwrap();
    // Hermetic: the sentence encoder is never looked for or fetched here.
    command.env("TANDEM_NO_EMBEDDINGS", "1");
    command
}

/// Runs `tandem qa` on `xml` with every output (HTML, JSON and CSV reports,
/// an exported TMX); returns everything it wrote, standard streams included.
fn qa_everything(dir: &Path, xml: &str) -> (std::process::Output, String) {
    let tmx = dir.join("hostile.tmx");
    std::fs::write(&tmx, xml).unwrap();
    let mut written = String::new();
    let mut last = None;
    for format in ["html", "json", "csv"] {
        let report = dir.join(format!("report.{format}"));
        let export = dir.join(format!("export-{format}.tmx"));
        let output = tandem()
            .arg("qa")
            .arg(&tmx)
            .args([
                "--src-lang",
                "en",
                "--tgt-lang",
                "zh",
                "--report-format",
                format,
            ])
            .arg("--report")
            .arg(&report)
            .arg("--write-tmx")
            .arg(&export)
            .args(["--creation-date", "2024-01-21"])
            .output()
            .unwrap();
        written.push_str(&String::from_utf8_lossy(&output.stdout));
        written.push_str(&String::from_utf8_lossy(&output.stderr));
        for file in [report, export] {
            if let Ok(bytes) = std::fs::read(&file) {
                written.push_str(&String::from_utf8_lossy(&bytes));
            }
        }
        last = Some(output);
    }
    (last.unwrap(), written)
}

const UNITS: &str = r#"<body>
<tu><tuv xml:lang="en"><seg>Open the file &xxe; now.</seg></tuv><tuv xml:lang="zh"><seg>现在打开文件&xxe;。</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Close it.</seg></tuv><tuv xml:lang="zh"><seg>关闭它。</seg></tuv></tu>
</body></tmx>"#;

#[test]
fn external_entities_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let secret = format!("TANDEM-SECRET-{}", std::process::id());
    let secret_file = dir.path().join("secret.txt");
    std::fs::write(&secret_file, &secret).unwrap();
    let url = format!("file://{}", secret_file.display());
    // A general entity, a parameter entity pulled into the internal
    // subset, and an external DTD: each would read the secret if resolved.
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "{url}" [
  <!ENTITY xxe SYSTEM "{url}">
  <!ENTITY % remote SYSTEM "{url}">
  %remote;
]>
<tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" datatype="plaintext" creationtool="x" creationtoolversion="1" o-tmf="x"/>
{UNITS}"#
    );
    let (output, written) = qa_everything(dir.path(), &xml);
    assert!(output.status.success(), "{written}");
    assert!(!written.contains(&secret), "the secret leaked: {written}");
    // The reference stays as written, and the user hears about it.
    assert!(written.contains("&xxe;"), "{written}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("&xxe;"), "{stderr}");
}

#[test]
fn entities_are_never_expanded() {
    let dir = tempfile::tempdir().unwrap();
    // Billion laughs: ten levels of ten references, 10^9 "lol"s if expanded.
    let mut entities = String::from("  <!ENTITY lol0 \"lol\">\n");
    for level in 1..10 {
        let refs = format!("&lol{};", level - 1).repeat(10);
        entities.push_str(&format!("  <!ENTITY lol{level} \"{refs}\">\n"));
    }
    entities.push_str("  <!ENTITY xxe \"&lol9;\">\n");
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE tmx [
{entities}]>
<tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" datatype="plaintext" creationtool="x" creationtoolversion="1" o-tmf="x"/>
{UNITS}"#
    );
    let (output, written) = qa_everything(dir.path(), &xml);
    assert!(output.status.success(), "{written}");
    assert!(!written.contains("lollol"), "an entity was expanded");
    assert!(written.contains("&xxe;"));
    // Everything written for three runs stays small: nothing grew.
    assert!(written.len() < 200_000, "{} bytes written", written.len());
}

#[test]
fn unbounded_nesting_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let xml = format!(
        r#"<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>{}deep{}</seg></tuv></tu></body></tmx>"#,
        "<hi>".repeat(depth),
        "</hi>".repeat(depth)
    );
    let tmx = dir.path().join("deep.tmx");
    std::fs::write(&tmx, xml).unwrap();
    let report = dir.path().join("deep.json");
    let output = tandem()
        .arg("qa")
        .arg(&tmx)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("deep.tmx"), "{stderr}");
    assert!(stderr.contains("nested more than 256 deep"), "{stderr}");
    assert!(
        !report.exists(),
        "a report of a file that could not be read"
    );
}

#[test]
fn a_doctype_is_skipped_and_the_units_read() {
    let dir = tempfile::tempdir().unwrap();
    // A DTD on a host that does not exist: fetching it would fail or hang.
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE tmx PUBLIC "-//LISA OSCAR:1998//DTD for Translation Memory eXchange//EN" "http://tandem.invalid/tmx14.dtd" [
  <!ELEMENT extra ANY>
  <!ENTITY xxe "expanded">
]>
<tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" datatype="plaintext" creationtool="x" creationtoolversion="1" o-tmf="x"/>
{UNITS}"#
    );
    let tmx = dir.path().join("doctype.tmx");
    std::fs::write(&tmx, xml).unwrap();
    let report = dir.path().join("doctype.json");
    succeeded(
        tandem()
            .arg("qa")
            .arg(&tmx)
            .args(["--src-lang", "en", "--tgt-lang", "zh", "--report"])
            .arg(&report)
            .output()
            .unwrap(),
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let pairs = value["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 2);
    // Even an internal entity is not expanded: the reader knows only XML's own.
    assert!(!value.to_string().contains("expanded"));
}
