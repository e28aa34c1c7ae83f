//! End-to-end tests of `tandem qa` and of the QA reports, on TMX files
//! made by tandem, by translate-toolkit and by hand.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::util::{chromium, python_with_translate, succeeded, validate, xmllint};
use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn tandem() -> Command {
    let mut command = Command::cargo_bin("tandem").unwrap();
    // Hermetic: the sentence encoder is never looked for or fetched here.
    command.env("TANDEM_NO_EMBEDDINGS", "1");
    command
}

/// A TMX of `(source, target)` pairs, zh-CN → en, written by hand.
fn handmade(dir: &Path, name: &str, pairs: &[(&str, &str)]) -> PathBuf {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"hand\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"zh-CN\" datatype=\"plaintext\"/><body>\n",
    );
    for (k, (s, t)) in pairs.iter().enumerate() {
        xml.push_str(&format!(
            "<tu tuid=\"{}\"><tuv xml:lang=\"zh-CN\"><seg>{}</seg></tuv><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>\n",
            k + 1,
            escape(s),
            escape(t)
        ));
    }
    xml.push_str("</body></tmx>\n");
    let path = dir.join(name);
    std::fs::write(&path, xml).unwrap();
    path
}

/// The flag ids of each unit, from a JSON report of `tmx`.
fn flags_by_unit(tmx: &Path, extra: &[&str]) -> Vec<Vec<String>> {
    let report = tmx.with_extension("json");
    succeeded(
        tandem()
            .arg("qa")
            .arg(tmx)
            .arg("--report")
            .arg(&report)
            .args(extra)
            .output()
            .unwrap(),
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    value["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// Ordinary pairs, so that the memory has a length relation to measure
/// outliers against.
const ORDINARY: [(&str, &str); 8] = [
    (
        "市图书馆周末开放。",
        "The city library is open at weekends.",
    ),
    ("读者可以借阅图书。", "Readers can borrow books."),
    (
        "新设备位于一楼大厅。",
        "The new machines are in the ground-floor lobby.",
    ),
    ("感谢您的理解。", "Thank you for your understanding."),
    (
        "儿童阅览室正在装修。",
        "The children's reading room is being renovated.",
    ),
    ("请保持安静。", "Please keep quiet."),
    ("服务台提供咨询。", "The service desk answers questions."),
    (
        "借书证可在网上申请。",
        "Library cards can be applied for online.",
    ),
];

/// A flag, a pair that has it, and the same pair without it.
type Case = (
    &'static str,
    (&'static str, &'static str),
    (&'static str, &'static str),
);

#[test]
fn each_flag_on_a_pair_that_has_it_and_not_on_one_that_does_not() {
    let cases: [Case; 12] = [
        (
            "numbers-differ",
            ("共有1100人参加。", "There were 1,000 people."),
            ("共有一千一百人参加。", "There were 1,100 people."),
        ),
        (
            "untranslated",
            ("年度工作报告摘要", "年度工作报告摘要"),
            ("年度工作报告摘要", "Summary of the annual work report"),
        ),
        (
            "urls-differ",
            ("详见 https://example.org/a。", "See https://example.org/b."),
            ("详见 https://example.org/a。", "See https://example.org/a."),
        ),
        (
            "codes-differ",
            ("G20峰会在杭州举行。", "The G7 summit was held in Hangzhou."),
            (
                "G20峰会在杭州举行。",
                "The G20 summit was held in Hangzhou.",
            ),
        ),
        (
            "placeholders-differ",
            ("已保存{0}个文件。", "Saved {1} files."),
            ("已保存{0}个文件。", "Saved {0} files."),
        ),
        (
            "unbalanced",
            ("他说（很好）。", "He said (very good."),
            ("他说（很好）。", "He said (very good)."),
        ),
        (
            "end-punctuation",
            ("你明天来吗？", "You will come tomorrow."),
            ("你明天来吗？", "Will you come tomorrow?"),
        ),
        (
            "whitespace",
            ("会议结束了。", "The meeting  is over."),
            ("会议结束了。", "The meeting is over."),
        ),
        (
            "mojibake",
            ("咖啡馆营业。", "The cafÃ© is open."),
            ("咖啡馆营业。", "The café is open."),
        ),
        (
            "empty-side",
            ("这句话没有译文。", ""),
            ("这句话有译文。", "This sentence has a translation."),
        ),
        (
            "length-ratio",
            (
                "好。",
                "This translation is far, far longer than its two-character source could ever explain by any reasonable standard.",
            ),
            ("好。", "Good."),
        ),
        (
            "weak",
            (
                "好。",
                "This translation is far, far longer than its two-character source could ever explain by any reasonable standard.",
            ),
            ("好。", "Good."),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (flag, bad, good) in cases {
        let mut pairs: Vec<(&str, &str)> = ORDINARY.to_vec();
        pairs.push(bad);
        pairs.push(good);
        let tmx = handmade(dir.path(), &format!("{flag}.tmx"), &pairs);
        let flags = flags_by_unit(&tmx, &[]);
        let (bad_flags, good_flags) = (&flags[ORDINARY.len()], &flags[ORDINARY.len() + 1]);
        assert!(bad_flags.iter().any(|f| f == flag), "{flag}: {bad_flags:?}");
        assert!(
            !good_flags.iter().any(|f| f == flag),
            "{flag}: {good_flags:?}"
        );
        for ordinary in &flags[..ORDINARY.len()] {
            assert!(
                ordinary.is_empty(),
                "{flag}: an ordinary pair flagged {ordinary:?}"
            );
        }
    }
}

#[test]
fn memory_flags_point_at_earlier_units() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = handmade(
        dir.path(),
        "memory.tmx",
        &[
            ("保存文件。", "Save the file."),
            ("打开文件。", "Open the file."),
            ("保存文件。", "Save the file."),
            ("保存文件。", "Store the file."),
            ("开启文件。", "Open the file."),
        ],
    );
    let flags = flags_by_unit(&tmx, &[]);
    assert!(flags[0].is_empty() && flags[1].is_empty());
    assert!(flags[2].contains(&"duplicate".to_string()), "{flags:?}");
    assert!(
        flags[3].contains(&"source-conflict".to_string()),
        "{flags:?}"
    );
    assert!(
        flags[4].contains(&"target-conflict".to_string()),
        "{flags:?}"
    );
}

#[test]
fn checks_the_samples_tmx_and_exports_what_it_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("beijing.tmx");
    crate::util::sample_tmx(&tmx);
    let units = std::fs::read_to_string(&tmx)
        .unwrap()
        .matches("<tu ")
        .count();
    let report = dir.path().join("report.json");
    let kept = dir.path().join("kept.tmx");
    let out = succeeded(
        tandem()
            .arg("qa")
            .arg(&tmx)
            .arg("--report")
            .arg(&report)
            .arg("--write-tmx")
            .arg(&kept)
            .args(["--drop-flag", "duplicate", "--creation-date", "2024-01-21"])
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("(zh-CN → en)"), "{stderr}");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let summary = &value["summary"];
    assert_eq!(summary["pairs"], units);
    assert_eq!(value["pairs"].as_array().unwrap().len(), units);
    // "各位代表!" = "Fellow Deputies," twice.
    let duplicates = summary["by_flag"]["duplicate"].as_u64().unwrap_or(0) as usize;
    assert!(duplicates > 0, "{summary}");
    assert_eq!(summary["dropped"]["drop-flag duplicate"], duplicates);
    let kept_units = std::fs::read_to_string(&kept)
        .unwrap()
        .matches("<tu ")
        .count();
    assert_eq!(kept_units, units - duplicates);
    let histogram: u64 = summary["confidence_histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(histogram as usize, units);
    if xmllint() {
        validate(&kept);
    }
}

#[test]
fn reads_a_tmx_written_by_translate_toolkit() {
    let Some(python) = python_with_translate() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("ttk.tmx");
    let script = r#"
import sys
from translate.storage import tmx
store = tmx.tmxfile(sourcelanguage='zh-CN', targetlanguage='en')
for s, t in [('共有1100人。', 'There were 1,000 people.'), ('请保持安静。', 'Please keep quiet.'), ('<b>保存</b>', '<b>Save</b>')]:
    store.addtranslation(s, 'zh-CN', t, 'en')
store.savefile(sys.argv[1])
"#;
    succeeded(
        Process::new(&python)
            .args(["-c", script])
            .arg(&tmx)
            .output()
            .unwrap(),
    );
    let flags = flags_by_unit(&tmx, &["--src-lang", "zh-CN", "--tgt-lang", "en"]);
    assert_eq!(flags.len(), 3);
    assert!(
        flags[0].contains(&"numbers-differ".to_string()),
        "{flags:?}"
    );
    assert!(!flags[1].contains(&"numbers-differ".to_string()));
    assert!(
        !flags[2].contains(&"placeholders-differ".to_string()),
        "{flags:?}"
    );
}

#[test]
fn lenient_reading_of_what_tools_write() {
    let dir = tempfile::tempdir().unwrap();
    // lang instead of xml:lang, zh_CN, *all*, three variants, inline codes,
    // an undefined entity, odd dates.
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.1"><header srclang="*all*" creationdate="yesterday" adminlang="EN-US"/><body>
<tu><tuv lang="ZH_CN"><seg>点击<bpt i="1">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>。</seg></tuv>
<tuv lang="DE"><seg>Klicken Sie auf Speichern.</seg></tuv>
<tuv lang="EN-GB"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>
<tu><tuv lang="zh_CN"><seg>欢迎</seg></tuv><tuv lang="en-GB"><seg>Welcome&nbsp;home</seg></tuv></tu>
<tu><tuv lang="de"><seg>Nur Deutsch</seg></tuv></tu>
</body></tmx>"#;
    let tmx = dir.path().join("odd.tmx");
    std::fs::write(&tmx, xml).unwrap();
    let report = dir.path().join("odd.json");
    let out = succeeded(
        tandem()
            .arg("qa")
            .arg(&tmx)
            .args(["--src-lang", "zh-Hans", "--tgt-lang", "en", "--report"])
            .arg(&report)
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("&nbsp;"), "{stderr}");
    assert!(stderr.contains("1 unit lacks zh-Hans or en"), "{stderr}");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let pairs = value["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0]["source"], "点击<b>保存</b>。");
    assert_eq!(pairs[0]["target"], "Click <b>Save</b>.");
    assert_eq!(pairs[1]["target"], "Welcome&nbsp;home");
}

#[test]
fn utf16_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><tmx version=\"1.4\"><header srclang=\"zh-CN\"/><body><tu><tuv xml:lang=\"zh-CN\"><seg>请保持安静。</seg></tuv><tuv xml:lang=\"en\"><seg>Please keep quiet.</seg></tuv></tu></body></tmx>";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in xml.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let tmx = dir.path().join("utf16.tmx");
    std::fs::write(&tmx, bytes).unwrap();
    let flags = flags_by_unit(&tmx, &["--tgt-lang", "en"]);
    assert_eq!(flags, [Vec::<String>::new()]);
}

/// A language no unit has is a mistake, not a clean memory: exit 2 and
/// the languages the memory has. Export options without `--write-tmx` say
/// that they change nothing.
#[test]
fn a_language_the_memory_lacks_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = handmade(dir.path(), "m.tmx", &ORDINARY);
    let output = tandem()
        .arg("qa")
        .arg(&tmx)
        .args(["--src-lang", "zh-CN", "--tgt-lang", "ja"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no unit has both zh-CN and ja; the memory's languages are zh-CN, en"),
        "{stderr}"
    );
    let output = succeeded(
        tandem()
            .arg("qa")
            .arg(&tmx)
            .args(["--drop-flag", "duplicate"])
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("without it they change nothing"),
        "{stderr}"
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut pairs = ORDINARY.to_vec();
    pairs.push(("共有1100人参加。", "There were 1,000 people."));
    let tmx = handmade(dir.path(), "warn.tmx", &pairs);
    // numbers-differ is a warning: --fail-on error passes, warning fails.
    tandem()
        .arg("qa")
        .arg(&tmx)
        .args(["--fail-on", "error"])
        .assert()
        .code(0);
    tandem()
        .arg("qa")
        .arg(&tmx)
        .args(["--fail-on", "warning"])
        .assert()
        .code(1);
    tandem().arg("qa").arg(&tmx).assert().code(0);
}

#[test]
fn bad_tmx_files_are_errors_that_leave_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    for (name, content, message) in [
        ("html.tmx", "<html><body/></html>", "not a TMX file"),
        (
            "cut.tmx",
            "<tmx><header/><body><tu><tuv xml:lang=\"en\"><seg>x",
            "at byte",
        ),
        ("empty.tmx", "", "not a TMX file"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        tandem()
            .arg("qa")
            .arg(&path)
            .args(["--src-lang", "zh", "--tgt-lang", "en", "--report"])
            .arg(&report)
            .assert()
            .code(2)
            .stderr(contains(name).and(contains(message)));
        assert!(!report.exists(), "{name}: a report was left");
        let strays = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(strays, 0, "{name}: a temporary file was left");
    }
}

/// Adds to `tmx` a unit with no English variant (tuid `only-zh`), which
/// `qa` lists as not checked.
fn add_unit_without_english(tmx: &Path) {
    let memory = std::fs::read_to_string(tmx).unwrap().replace(
        "</body>",
        r#"<tu tuid="only-zh"><tuv xml:lang="zh-CN"><seg>只有中文。</seg></tuv></tu></body>"#,
    );
    std::fs::write(tmx, memory).unwrap();
}

/// The CSV starts with a byte-order mark (for Excel) and carries what the
/// HTML and JSON do: the units not checked follow the pairs.
#[test]
fn csv_report_starts_with_a_byte_order_mark_and_lists_the_units_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = handmade(dir.path(), "csv.tmx", &ORDINARY);
    add_unit_without_english(&tmx);
    let csv = dir.path().join("r.csv");
    succeeded(
        tandem()
            .arg("qa")
            .arg(&tmx)
            .arg("--report")
            .arg(&csv)
            .output()
            .unwrap(),
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with("\u{FEFF}unit,tuid,confidence".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.lines().count(), ORDINARY.len() + 2);
    assert!(text.contains("市图书馆周末开放。"));
    assert_eq!(
        text.lines().last().unwrap(),
        format!(
            "{},only-zh,,,unpaired,no variant in en; it has zh-CN,,,",
            ORDINARY.len() + 1
        ),
        "{text}"
    );
}

/// The HTML report as Chromium renders it, after its script ran.
pub(crate) fn rendered(chromium: &str, html: &Path) -> String {
    let out = succeeded(
        Process::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--virtual-time-budget=5000",
                "--dump-dom",
            ])
            .arg(format!("file://{}", html.display()))
            .output()
            .unwrap(),
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_html_report_renders_in_a_browser() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut pairs = ORDINARY.to_vec();
    pairs.push(("共有1100人参加。", "There were 1,000 people </script> <b>."));
    let tmx = handmade(dir.path(), "html.tmx", &pairs);
    // A unit without English: listed as not checked.
    add_unit_without_english(&tmx);
    let html = dir.path().join("report.html");
    succeeded(
        tandem()
            .arg("qa")
            .arg(&tmx)
            .arg("--report")
            .arg(&html)
            .output()
            .unwrap(),
    );
    // The summary and the unit not checked read without a script.
    let page = std::fs::read_to_string(&html).unwrap();
    let static_part = &page[page.find(r#"<section id="summary-text">"#).unwrap()..];
    let static_part = &static_part[..static_part.find("<script").unwrap()];
    assert!(
        static_part.contains("<b>9</b> pairs, <b>1</b> flagged (11.1%)"),
        "{static_part}"
    );
    assert!(static_part.contains("numbers-differ 1"), "{static_part}");
    assert!(
        static_part.contains("unit 10 (tuid only-zh): no variant in en; it has zh-CN"),
        "{static_part}"
    );
    let dom = rendered(&chromium, &html);
    // The summary, filled in by the script.
    assert!(
        dom.contains(r#"id="summary-pairs">9<"#),
        "{}",
        &dom[..dom.len().min(3000)]
    );
    assert!(dom.contains(r#"id="summary-flagged">1 (11.1%)<"#));
    // … and shown once: the static figures hidden, the units not checked
    // still listed.
    assert_eq!(
        dom.matches(r#"<p class="static" hidden="">"#).count(),
        2,
        "{dom}"
    );
    assert!(dom.contains(r#"<section id="unpaired">"#));
    assert!(dom.contains(r#"id="summary-mean">0."#) || dom.contains(r#"id="summary-mean">1.00<"#));
    // The languages, named in the header and on every text cell.
    assert!(dom.contains("source <small>zh-CN</small>"), "{dom}");
    assert_eq!(
        dom.matches(r#"<td class="text" lang="zh-CN">"#).count(),
        9,
        "{dom}"
    );
    assert_eq!(dom.matches(r#"<td class="text" lang="en">"#).count(), 9);
    // Worst first: the flagged row on top, its message in the row; the
    // text that looks like markup shown as text.
    let first = dom.find("<tr class=\"pair").unwrap();
    let row = &dom[first..first + dom[first..].find("</tr>").unwrap()];
    assert!(row.contains("data-unit=\"9\""), "{row}");
    assert!(
        row.contains("class=\"badge warning\"") && row.contains(">numbers-differ</span>"),
        "{row}"
    );
    assert!(
        row.contains(r#"<span class="message">numbers differ: 1100 in the source only; 1000 in the target only</span>"#),
        "{row}"
    );
    assert!(row.contains("&lt;/script&gt; &lt;b&gt;"), "{row}");
    // Then the others by confidence, lowest first.
    let confidences: Vec<f64> = dom
        .split("<td class=\"conf\"")
        .skip(2)
        .map(|cell| {
            let cell = &cell[cell.find('>').unwrap() + 1..];
            cell[..cell.find(['<']).unwrap()].parse().unwrap()
        })
        .collect();
    assert_eq!(confidences.len(), 8);
    assert!(
        confidences.windows(2).all(|w| w[0] <= w[1]),
        "{confidences:?}"
    );
    assert!(dom.contains("page 1 of 1 (9 pairs)"));
}

/// The flags of every pair of `tandem align SRC TGT --report JSON`, with
/// each pair's two texts.
fn aligned_flags(src: &Path, tgt: &Path) -> Vec<(String, String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    succeeded(
        tandem()
            .arg("align")
            .arg(src)
            .arg(tgt)
            .args(["-o", "-", "--report"])
            .arg(&report)
            .output()
            .unwrap(),
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    value["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let flags = p["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_str().unwrap().to_string())
                .collect();
            let text = |k: &str| p[k].as_str().unwrap().to_string();
            (text("source"), text("target"), flags)
        })
        .collect()
}

/// Case 21: German and French write numbers and quotation marks their own
/// way; a correct translation gets no numbers-differ and no unbalanced
/// flag, and a real difference is still flagged.
#[test]
fn numbers_and_quotes_as_each_language_writes_them() {
    let case = |file: &str| crate::util::case("21-de-number-formats", file);
    for (src, tgt) in [
        ("press.en.txt", "press.de.txt"),
        ("short.en.txt", "short.fr.txt"),
    ] {
        let pairs = aligned_flags(&case(src), &case(tgt));
        assert!(pairs.len() >= 5, "{pairs:?}");
        for (source, target, flags) in &pairs {
            assert!(
                !flags
                    .iter()
                    .any(|f| f == "numbers-differ" || f == "unbalanced"),
                "{source} | {target}: {flags:?}"
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("press.de.txt");
    let german = std::fs::read_to_string(case("press.de.txt")).unwrap();
    assert!(german.contains("6.400 Quadratmeter"));
    std::fs::write(
        &changed,
        german.replace("6.400 Quadratmeter", "6.500 Quadratmeter"),
    )
    .unwrap();
    let pairs = aligned_flags(&case("press.en.txt"), &changed);
    let flagged: Vec<&String> = pairs
        .iter()
        .filter(|(_, _, flags)| flags.iter().any(|f| f == "numbers-differ"))
        .map(|(_, target, _)| target)
        .collect();
    assert_eq!(flagged.len(), 1, "{pairs:?}");
    assert!(flagged[0].contains("6.500"), "{flagged:?}");
}

/// Case 22's memory checked: the French sentence in the German column is
/// flagged wrong-language; the German numbers (1.250, 3,2 %) are the
/// English ones (1,250, 3.2%); a real difference (45 and 54 EUR) is not.
#[test]
fn a_memory_from_another_tool_is_checked_without_false_alarms() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    succeeded(
        tandem()
            .args(["qa", "-q"])
            .arg(crate::util::case("22-tmx-inline-tags", "othertool.tmx"))
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap(),
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let flags_of = |needle: &str| -> Vec<String> {
        let pair = value["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["source"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no pair with {needle}"));
        pair["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(flags_of("Our new catalogue"), ["wrong-language"]);
    assert!(flags_of("1,250 customers").is_empty());
    assert!(flags_of("3.2% compared").is_empty());
    assert_eq!(flags_of("45 EUR"), ["numbers-differ"]);
    // The codes are elements, left out of what the checks read.
    assert!(flags_of("Click").is_empty());
    assert!(flags_of("Press").is_empty());
}

/// A memory tandem did not align is rated on meaning, words and lengths
/// against its own pairs: two units whose targets were swapped are the two
/// worst, and the aligner's x-confidence of a TMX tandem wrote is reported
/// beside the check's.
#[test]
fn swapped_targets_are_the_worst_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("sample.tmx");
    crate::util::sample_tmx(&tmx);
    let memory = std::fs::read_to_string(&tmx).unwrap();
    let english = crate::util::english_segments(&memory);
    assert!(english.len() > 40);
    let (a, b) = (english[10], english[30]);
    let planted = memory
        .replacen(a, "\u{1}", 1)
        .replacen(b, a, 1)
        .replacen('\u{1}', b, 1);
    let planted_tmx = dir.path().join("planted.tmx");
    std::fs::write(&planted_tmx, planted).unwrap();
    let report = dir.path().join("r.json");
    succeeded(
        tandem()
            .args(["qa", "-q"])
            .arg(&planted_tmx)
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap(),
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(crate::util::worst_units(&report, 2), [11, 31]);
    assert!(
        value["pairs"][0]["aligner_confidence"].as_f64().is_some(),
        "{}",
        value["pairs"][0]
    );
}

/// `--only-1to1` in `qa` counts each side's sentences by its language's
/// rules: a unit of two sentences is left out of the memory written.
#[test]
fn only_1to1_leaves_out_units_of_several_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let mut pairs = ORDINARY.to_vec();
    pairs.push((
        "会议结束了。大家都走了。",
        "The meeting ended. Everyone left.",
    ));
    let tmx = handmade(dir.path(), "m.tmx", &pairs);
    let out = dir.path().join("clean.tmx");
    let output = succeeded(
        tandem()
            .arg("qa")
            .arg(&tmx)
            .args(["--only-1to1", "--write-tmx"])
            .arg(&out)
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("1 by only-1to1"), "{stderr}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(!written.contains("Everyone left."), "{written}");
    assert_eq!(written.matches("</tu>").count(), ORDINARY.len());
}
