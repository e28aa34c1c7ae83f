//! Ctrl-C and SIGTERM leave no partial output and no temporary file, and
//! an existing output survives an interrupted run untouched.

use std::path::Path;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use tandem_tmx::{Header, SegType, TmxWriter, TranslationUnit};

fn tandem() -> Process {
    let mut command = Process::new(assert_cmd::cargo::cargo_bin("tandem"));
    // Hermetic: the sentence encoder is never looked for or fetched here.
    command.env("TANDEM_NO_EMBEDDINGS", "1");
    command
}

/// `count` presegmented sentences per side: an English-like and a
/// Chinese-like text, enough to keep the aligner busy for a while.
fn write_pair(dir: &Path, count: usize) {
    let words = [
        "river", "city", "house", "report", "budget", "school", "road",
    ];
    let hanzi = ["河", "城市", "房子", "报告", "预算", "学校", "道路"];
    let (mut en, mut zh) = (String::new(), String::new());
    for k in 0..count {
        for w in 0..(5 + k % 17) {
            en.push_str(words[(k + w) % words.len()]);
            en.push(' ');
            zh.push_str(hanzi[(k + w) % hanzi.len()]);
        }
        en.push_str(&format!("{k}.\n"));
        zh.push_str(&format!("{k}。\n"));
    }
    std::fs::write(dir.join("big.en.txt"), en).unwrap();
    std::fs::write(dir.join("big.zh.txt"), zh).unwrap();
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tandem-"))
        .collect()
}

fn signal(child: &Child, name: &str) {
    let status = Process::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits until `ready` holds (checked every 20 ms), at most two minutes.
fn wait_until(mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(120), "never ready");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Interrupts `child` with `name`; returns its exit code and standard error.
fn interrupt(child: Child, name: &str) -> (Option<i32>, String) {
    signal(&child, name);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn start_align(dir: &Path) -> Child {
    tandem()
        .current_dir(dir)
        .args([
            "align",
            "-q",
            "--presegmented",
            "--src-lang",
            "en",
            "--tgt-lang",
            "zh",
        ])
        .args([
            "big.en.txt",
            "big.zh.txt",
            "-o",
            "out.tmx",
            "--report",
            "out.html",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn an_interrupted_align_of_200000_sentences_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_pair(dir.path(), 100_000);
    for (name, code) in [("INT", 130), ("TERM", 143)] {
        let child = start_align(dir.path());
        // Well into the work: the files read, the alignment running.
        std::thread::sleep(Duration::from_millis(1500));
        let (exit, stderr) = interrupt(child, name);
        assert_eq!(exit, Some(code), "{stderr}");
        assert!(stderr.contains("interrupted"), "{stderr}");
        assert!(!dir.path().join("out.tmx").exists());
        assert!(!dir.path().join("out.html").exists());
        assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    }
}

#[test]
fn an_existing_output_survives_an_interrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    write_pair(dir.path(), 100_000);
    std::fs::write(dir.path().join("out.tmx"), "the memory of yesterday").unwrap();
    let child = start_align(dir.path());
    std::thread::sleep(Duration::from_millis(1500));
    let (exit, stderr) = interrupt(child, "INT");
    assert_eq!(exit, Some(130), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.tmx")).unwrap(),
        "the memory of yesterday"
    );
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

/// `tandem qa` streams: its outputs' temporary files exist from the start,
/// so the signal arrives while they are being written.
#[test]
fn an_interrupted_write_removes_its_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let header = Header {
        creation_tool: "test".into(),
        creation_tool_version: "1".into(),
        segtype: SegType::Sentence,
        srclang: "en".into(),
        adminlang: "en".into(),
        creation_date: None,
    };
    let file = std::fs::File::create(dir.path().join("big.tmx")).unwrap();
    let mut writer = TmxWriter::new(std::io::BufWriter::new(file), &header).unwrap();
    for k in 0..200_000 {
        writer
            .write_unit(&TranslationUnit {
                tuid: k.to_string().into(),
                props: Vec::new(),
                variants: vec![
                    (
                        "en".into(),
                        format!("The budget of {k} schools was approved.").into(),
                    ),
                    ("zh".into(), format!("{k}所学校的预算获得批准。").into()),
                ],
            })
            .unwrap();
    }
    writer.finish().unwrap();
    let child = tandem()
        .current_dir(dir.path())
        .args([
            "qa",
            "big.tmx",
            "--write-tmx",
            "kept.tmx",
            "--report",
            "report.json",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| temporaries(dir.path()).len() == 2);
    let (exit, stderr) = interrupt(child, "INT");
    assert_eq!(exit, Some(130), "{stderr}");
    assert!(!dir.path().join("kept.tmx").exists());
    assert!(!dir.path().join("report.json").exists());
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}
