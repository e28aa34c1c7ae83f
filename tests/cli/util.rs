//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

use assert_cmd::Command;

/// The `tandem` binary, with a fixed `SOURCE_DATE_EPOCH` so that outputs
/// carry the same creation date in every run.
pub fn tandem() -> Command {
    let mut command = Command::cargo_bin("tandem").unwrap();
    command.env("SOURCE_DATE_EPOCH", "1705795200");
    // The lexical model, whose figures the tests were written for; the
    // embeddings have tests of their own (embeddings.rs).
    command.env("TANDEM_NO_EMBEDDINGS", "1");
    command
}

/// A file of the project's `samples/`.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

/// A file of `tests/data/cases/<case>/`: the inputs of `../shared/cases`
/// whose right output the tests hold.
pub fn case(name: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/cases")
        .join(name)
        .join(file)
}

/// The beads of `tandem align --format beads` output, without their
/// confidences: `[src ids]:[tgt ids]`, as gold files write them.
pub fn beads(output: &[u8]) -> Vec<String> {
    String::from_utf8(output.to_vec())
        .unwrap()
        .lines()
        .map(|l| l.rsplit_once(':').unwrap().0.to_string())
        .collect()
}

/// `output`, after checking that its command succeeded (showing its
/// standard error if not).
pub fn succeeded(output: Output) -> Output {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A tool the tests need: present, or (under CI=true) a failure, or
/// (elsewhere) a skipped check, said on the terminal.
pub fn required(tool: &str, found: bool) -> bool {
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{tool} is required under CI=true; .ci/run installs it");
        }
        // Written to the process's standard error itself: the test
        // harness captures eprintln!, and a skip it swallows is silent.
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {tool} is not installed (.ci/run installs it)"
        );
    }
    found
}

pub fn xmllint() -> bool {
    let found = Process::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    required("xmllint (Debian package libxml2-utils)", found)
}

/// A Python that can import translate-toolkit: $TANDEM_PYTHON, else python3.
pub fn python_with_translate() -> Option<String> {
    let python = std::env::var("TANDEM_PYTHON").unwrap_or_else(|_| "python3".into());
    let found = Process::new(&python)
        .args(["-c", "import translate.storage.tmx"])
        .output()
        .is_ok_and(|o| o.status.success());
    required(
        "translate-toolkit (pip install translate-toolkit; set TANDEM_PYTHON)",
        found,
    )
    .then_some(python)
}

pub fn validate(tmx: &Path) {
    let dtd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx14.dtd");
    succeeded(
        Process::new("xmllint")
            .arg("--noout")
            .arg("--nonet")
            .arg("--dtdvalid")
            .arg(&dtd)
            .arg(tmx)
            .output()
            .unwrap(),
    );
}

/// Chromium, for rendering the HTML report: $TANDEM_CHROMIUM, else
/// `chromium` on the path.
pub fn chromium() -> Option<String> {
    let chromium = std::env::var("TANDEM_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let found = Process::new(&chromium)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    required("Chromium (Debian package chromium)", found).then_some(chromium)
}

/// OmegaT (Debian package omegat): $TANDEM_OMEGAT, else `omegat` on the path.
pub fn omegat() -> Option<String> {
    let omegat = std::env::var("TANDEM_OMEGAT").unwrap_or_else(|_| "omegat".into());
    let found = Process::new("sh")
        .args(["-c", &format!("command -v {omegat}")])
        .output()
        .is_ok_and(|o| o.status.success());
    required("OmegaT (Debian package omegat)", found).then_some(omegat)
}

/// The English segments of a TMX tandem wrote (`<tuv xml:lang="en">`), as
/// written (escaped), in order.
pub fn english_segments(memory: &str) -> Vec<&str> {
    memory
        .split(r#"<tuv xml:lang="en">"#)
        .skip(1)
        .map(|t| {
            t.split("<seg>")
                .nth(1)
                .unwrap()
                .split("</seg>")
                .next()
                .unwrap()
        })
        .collect()
}

/// The units of a JSON QA report, worst first: the `k` of lowest
/// confidence, in unit order.
pub fn worst_units(report: &Path, k: usize) -> Vec<u64> {
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    let mut pairs: Vec<(f64, u64)> = value["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["confidence"].as_f64().unwrap(),
                p["unit"].as_u64().unwrap(),
            )
        })
        .collect();
    pairs.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut worst: Vec<u64> = pairs[..k].iter().map(|p| p.1).collect();
    worst.sort();
    worst
}

/// tandem's TMX of the Beijing sample (interleaved), written to `path`.
pub fn sample_tmx(path: &Path) {
    succeeded(
        tandem()
            .args(["align", "-q", "--interleaved"])
            .arg(sample("beijing-2024-work-report.zh-en.txt"))
            .arg("-o")
            .arg(path)
            .args(["--creation-date", "2024-01-21"])
            .output()
            .unwrap(),
    );
}

/// A valid one-page PDF whose page draws a rectangle and holds no text, as
/// a scan's pages hold images only.
pub fn pdf_without_text() -> Vec<u8> {
    let stream = "0 0 100 100 re f";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (k, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out += &format!("{} 0 obj\n{object}\nendobj\n", k + 1);
    }
    let xref = out.len();
    out += &format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        out += &format!("{offset:010} 00000 n \n");
    }
    out += &format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}
