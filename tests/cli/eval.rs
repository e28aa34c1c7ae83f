//! End-to-end tests of `tandem eval`, on a set made from the project's own
//! fixture (the evaluation texts of ../shared are not part of the project).

use std::path::Path;

use crate::util::{succeeded, tandem};
use predicates::prelude::*;
use predicates::str::contains;

/// The library-hours fixture, one sentence per line, as an evaluation set.
fn library_set(dir: &Path) {
    let zh = [
        "市图书馆开放时间调整通知",
        "自2025年3月1日起,市图书馆周一至周五的开放时间调整为上午9点至晚上8点。",
        "周末开放时间不变。",
        "新增的自助借还设备位于一楼大厅。",
        "读者可以使用借书证或身份证办理借还手续,无需排队。",
        "儿童阅览室将于4月重新装修,装修期间暂停开放。",
        "少儿读物可在二楼综合阅览室借阅。",
        "如有疑问,请拨打咨询电话010-12345678。",
        "感谢广大读者的理解和支持!",
    ];
    let en = [
        "Notice of Changes to the City Library's Opening Hours",
        "From March 1, 2025, the City Library will be open from 9 a.m. to 8 p.m., Monday to Friday.",
        "Weekend opening hours remain unchanged.",
        "New self-service machines for borrowing and returning books are located in the ground-floor lobby.",
        "Readers can borrow and return books with their library card or ID card, without queuing.",
        "Children's books can be borrowed from the general reading room on the second floor.",
        "For questions, please call our information line at 010-12345678.",
        "Thank you for your understanding and support!",
    ];
    for sub in ["src", "tgt", "gold"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("LANGS"), "zh en\n").unwrap();
    std::fs::write(dir.join("src/001"), zh.join("\n") + "\n").unwrap();
    std::fs::write(dir.join("tgt/001"), en.join("\n") + "\n").unwrap();
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/library-hours.gold");
    std::fs::copy(gold, dir.join("gold/001")).unwrap();
}

/// `tandem eval --json` with `flags` on the library set, made in `dir`.
fn library_eval(dir: &Path, flags: &[&str]) -> serde_json::Value {
    let set = dir.join("library");
    library_set(&set);
    let out = succeeded(tandem().arg("eval").args(flags).arg(&set).output().unwrap());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn scores_a_set_as_align_and_score_would() {
    let dir = tempfile::tempdir().unwrap();
    let results = library_eval(dir.path(), &["--json", "--segmentation"]);
    let set = dir.path().join("library");
    let result = &results[0];
    assert_eq!(result["set"], "library");
    assert_eq!(result["documents"], 1);
    assert_eq!(result["segmentation"].as_array().unwrap().len(), 2);
    let null = result["by_gold_type"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["shape"] == "null")
        .unwrap();
    assert_eq!(null["gold"], 1);

    // The same document aligned by `tandem align` and scored by
    // `tandem eval --gold --test` gives the same counts.
    let beads = dir.path().join("beads");
    tandem()
        .args([
            "align",
            "--presegmented",
            "--src-lang",
            "zh",
            "--tgt-lang",
            "en",
            "--format",
            "beads",
            "-o",
        ])
        .arg(&beads)
        .arg(set.join("src/001"))
        .arg(set.join("tgt/001"))
        .assert()
        .success();
    let out = tandem()
        .args(["eval", "--json", "--gold"])
        .arg(set.join("gold/001"))
        .arg("--test")
        .arg(&beads)
        .output()
        .unwrap();
    let scored: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scored["counts"], result["counts"]);
    let lines = std::fs::read_to_string(&beads).unwrap().lines().count();
    assert_eq!(result["counts"]["test"], lines);
}

#[test]
fn ablation_compares_the_configurations() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("library");
    library_set(&set);
    tandem()
        .args(["eval", "--ablation"])
        .arg(&set)
        .assert()
        .success()
        .stdout(
            contains("length only")
                .and(contains("+ anchors"))
                .and(contains("+ self-training"))
                .and(contains("+ dictionary").not()),
        );

    // With a dictionary, a last row adds it.
    let dict = dir.path().join("dict.tsv");
    std::fs::write(&dict, "图书馆\tlibrary\n周末\tweekend\n").unwrap();
    tandem()
        .args(["eval", "--ablation", "--dict"])
        .arg(&dict)
        .arg(&set)
        .assert()
        .success()
        .stdout(contains("+ dictionary"));
}

#[test]
fn a_malformed_dictionary_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("library");
    library_set(&set);
    let dict = dir.path().join("dict.txt");
    std::fs::write(&dict, "library @ 图书馆\nweekend 周末\n").unwrap();
    tandem()
        .args(["eval", "--dict"])
        .arg(&dict)
        .arg(&set)
        .assert()
        .code(2)
        .stderr(contains("dict.txt").and(contains("line 2")));
}

#[cfg(not(feature = "cedict"))]
#[test]
fn the_builtin_dictionary_needs_its_feature() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("library");
    library_set(&set);
    tandem()
        .args(["eval", "--builtin-dict"])
        .arg(&set)
        .assert()
        .code(2)
        .stderr(contains("--features cedict"));
}

#[test]
fn scores_another_tools_alignment() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    let test = dir.path().join("test");
    std::fs::write(&gold, "[0]:[0]\n[1,2]:[1]\n[3]:[2]\n").unwrap();
    std::fs::write(&test, "[0]:[0]:0.9\n[1]:[1]:0.5\n[2]:[]:0.0\n[3]:[2]:0.8\n").unwrap();
    let out = succeeded(
        tandem()
            .args(["eval", "--json", "--gold"])
            .arg(&gold)
            .arg("--test")
            .arg(&test)
            .output()
            .unwrap(),
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 2 of 4 test beads strictly right; 2 of 3 gold beads recalled.
    assert_eq!(result["counts"]["strict_precise"], 2);
    assert_eq!(result["counts"]["test"], 4);
    assert_eq!(result["counts"]["strict_recalled"], 2);
    assert_eq!(result["counts"]["lax_recalled"], 3);
}

#[test]
fn a_malformed_gold_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    std::fs::write(&gold, "[0]:[0]\n0-1\n").unwrap();
    tandem()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--test")
        .arg(&gold)
        .assert()
        .code(2)
        .stderr(contains("gold:2"));
}

/// The sample as an evaluation set: its sentences (as `tandem segment`
/// splits them, one per line) and its hand-checked gold.
fn sample_set(dir: &Path) {
    for sub in ["src", "tgt", "gold"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("LANGS"), "zh en\n").unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for (side, file) in [("src", "zh"), ("tgt", "en")] {
        let out = succeeded(
            tandem()
                .arg("segment")
                .arg(samples.join(format!("beijing-2024-work-report.{file}.txt")))
                .output()
                .unwrap(),
        );
        let sentences: String = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(dir.join(side).join("report"), sentences).unwrap();
    }
    std::fs::copy(
        samples.join("beijing-2024-work-report.gold"),
        dir.join("gold/report"),
    )
    .unwrap();
}

/// The synthetic document of tests/data/dictionary as an evaluation set;
/// its gold is how it was made: 60 pairs, then three times two Chinese
/// sentences beside three English ones, the middle one untranslated,
/// followed by eight pairs.
fn words_set(dir: &Path) {
    for sub in ["src", "tgt", "gold"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("LANGS"), "zh en\n").unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dictionary");
    std::fs::copy(data.join("words.zh.txt"), dir.join("src/words")).unwrap();
    std::fs::copy(data.join("words.en.txt"), dir.join("tgt/words")).unwrap();
    let mut gold: Vec<String> = (0..60).map(|k| format!("[{k}]:[{k}]")).collect();
    for r in 0..3 {
        let (z, e) = (60 + 10 * r, 60 + 11 * r);
        gold.push(format!("[{z}]:[{e}]"));
        gold.push(format!("[]:[{}]", e + 1));
        gold.push(format!("[{}]:[{}]", z + 1, e + 2));
        gold.extend((0..8).map(|k| format!("[{}]:[{}]", z + 2 + k, e + 3 + k)));
    }
    std::fs::write(dir.join("gold/words"), gold.join("\n") + "\n").unwrap();
    let lines = |f: &str| {
        std::fs::read_to_string(data.join(f))
            .unwrap()
            .lines()
            .count()
    };
    assert_eq!((lines("words.zh.txt"), lines("words.en.txt")), (90, 93));
}

#[test]
fn ablation_switches_each_part_off() {
    let dir = tempfile::tempdir().unwrap();
    let (sample, words) = (dir.path().join("sample"), dir.path().join("words"));
    sample_set(&sample);
    words_set(&words);
    let out = succeeded(
        tandem()
            .args(["eval", "--ablation", "--json"])
            .arg(&sample)
            .arg(&words)
            .output()
            .unwrap(),
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f1 = |row: usize, set: usize| rows[row]["sets"][set]["strict"][2].as_f64().unwrap();
    let names: Vec<&str> = (0..3)
        .map(|r| rows[r]["configuration"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "length only",
            "+ anchors",
            "+ self-training (lexical model)"
        ]
    );
    // Numbers and shared words anchor the sample's pairs where lengths
    // mislead…
    assert!(f1(0, 0) < f1(1, 0), "{rows}");
    // …and the synthetic document, long enough to train the translation
    // model, gains from it.
    assert!(f1(1, 1) < f1(2, 1), "{rows}");
}

/// `--structure` aligns each set in the five layouts users' files come in;
/// a file of one sentence per line aligns as the sentences in one sequence
/// do (its breaks say nothing about where beads are); the hard-wrapped
/// file, resegmented, is scored against the gold with the best it allows.
#[test]
fn structure_scores_each_layout() {
    let dir = tempfile::tempdir().unwrap();
    let rows = library_eval(dir.path(), &["--json", "--structure"]);
    let set = dir.path().join("library");
    let layouts: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["layout"].as_str().unwrap())
        .collect();
    assert_eq!(
        layouts,
        [
            "flat",
            "sentence-per-line",
            "paragraphs",
            "edited",
            "hard-wrapped"
        ]
    );
    let strict = |k: usize| rows[k]["sets"][0]["strict"][2].as_f64().unwrap();
    assert!(strict(0) > 0.5, "{rows}");
    assert_eq!(strict(0), strict(1));
    let ceiling = |k: usize| rows[k]["sets"][0]["ceiling"].as_f64();
    assert_eq!(ceiling(0), None);
    let best = ceiling(4).unwrap();
    assert!(
        strict(4) > 0.3 && strict(4) <= best && best <= 1.0,
        "{rows}"
    );
    let table = succeeded(
        tandem()
            .args(["eval", "--structure"])
            .arg(&set)
            .output()
            .unwrap(),
    );
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("one sentence per paragraph"), "{table}");
    assert!(table.contains("hard-wrapped at 70 columns"), "{table}");
}

/// A set folder that is not there is named as such, not as its LANGS file.
#[test]
fn a_missing_set_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    tandem()
        .args(["eval", "--structure"])
        .arg(dir.path().join("nowhere"))
        .assert()
        .code(2)
        .stderr(contains("nowhere: no such folder"));
}
