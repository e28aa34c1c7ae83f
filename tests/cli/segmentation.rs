//! Sentences split as a linguist would, and units that are the document's
//! own text (issue 16): the cases of `../shared/cases` kept in
//! `tests/data/cases`, with their right output.

use crate::util::{case, succeeded, tandem};

/// The rows of `tandem align --format tsv`, header left out, as (source,
/// target, flags).
fn tsv_rows(output: &[u8]) -> Vec<(String, String, String)> {
    String::from_utf8(output.to_vec())
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            (
                fields[0].to_string(),
                fields[1].to_string(),
                fields[3].to_string(),
            )
        })
        .collect()
}

fn align_tsv(name: &str, src: &str, tgt: &str) -> Vec<(String, String, String)> {
    let out = succeeded(
        tandem()
            .args(["align", "--format", "tsv"])
            .arg(case(name, src))
            .arg(case(name, tgt))
            .output()
            .unwrap(),
    );
    tsv_rows(&out.stdout)
}

/// The sentences `tandem segment ARGS FILE` prints, blank lines left out.
fn segmented(args: &[&str], file: std::path::PathBuf) -> Vec<String> {
    let out = succeeded(
        tandem()
            .arg("segment")
            .args(args)
            .arg(file)
            .output()
            .unwrap(),
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Case 05: a quotation and its speech tag (“……。”他说。) are one sentence,
/// as their English ("...," he said.) is.
#[test]
fn a_speech_tag_stays_with_its_quotation() {
    let rows = align_tsv(
        "05-zh-quote-speech-tag",
        "dialogue.zh.txt",
        "dialogue.en.txt",
    );
    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .map(|(s, t, _)| (s.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("“这是对的。”他说。", "\"This is right,\" he said."),
            (
                "“我们明天一早出发。”她回答。",
                "\"We leave early tomorrow morning,\" she replied."
            ),
            ("大家都点了点头。", "Everyone nodded."),
        ]
    );
}

/// Case 06: a unit of several Chinese sentences is the document's own text:
/// no space after 。 or ” where the document has none.
#[test]
fn a_unit_of_several_sentences_is_the_documents_own_span() {
    let out = succeeded(
        tandem()
            .args(["align", "--format", "jsonl"])
            .arg(case("06-zh-join-spaces", "growth.zh.txt"))
            .arg(case("06-zh-join-spaces", "growth.en.txt"))
            .output()
            .unwrap(),
    );
    let sources: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let unit: serde_json::Value = serde_json::from_str(line).unwrap();
            unit["source"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        sources,
        [
            "2024年地区生产总值增长5.2%。2025年预期增长5%左右。",
            "他说：“好的。”然后走了。"
        ]
    );
    // The source file holds those exact strings: what we write is what we read.
    let text = std::fs::read_to_string(case("06-zh-join-spaces", "growth.zh.txt")).unwrap();
    assert!(sources.iter().all(|s| text.contains(s.as_str())));
}

/// Case 08: full-width decimals and list markers are not sentence ends, and
/// full-width digits are the same numbers as their ASCII translation.
#[test]
fn full_width_decimals_and_list_markers_are_not_sentence_ends() {
    let rows = align_tsv(
        "08-fullwidth-decimal-list",
        "report.zh.txt",
        "report.en.txt",
    );
    let expected = [
        (
            "全年经济增长５．２％，高于预期。",
            "The economy grew by 5.2%, above expectations.",
        ),
        ("物价总体稳定。", "Prices were broadly stable."),
        ("１．完善制度。", "1. Improve the rules."),
        ("２．加强管理。", "2. Strengthen management."),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for ((src, tgt, flags), (want_src, want_tgt)) in rows.iter().zip(expected) {
        assert_eq!((src.as_str(), tgt.as_str()), (want_src, want_tgt));
        assert!(!flags.contains("numbers-differ"), "{src}: {flags}");
    }
    let sentences = segmented(&[], case("08-fullwidth-decimal-list", "report.zh.txt"));
    assert_eq!(
        sentences,
        expected.map(|(src, _)| src.to_string()),
        "tandem segment"
    );
}

/// Case 11: German spaced abbreviations (Duden: z. B., u. a.), a street
/// abbreviation before its number, and ordinals are not sentence ends.
#[test]
fn german_spaced_abbreviations_and_ordinals_do_not_end_sentences() {
    let sentences = segmented(
        &["--lang", "de"],
        case("11-de-spaced-abbrev", "notes.de.txt"),
    );
    assert_eq!(
        sentences,
        [
            "Ich habe am 3. Juni Geburtstag.",
            "Jonas ist Fan vom 1. FC Köln, und du?",
            "Das gilt z. B. für Kinder unter zwölf Jahren.",
            "Es gab u. a. Kuchen und Kaffee.",
            "Er wohnt in der Hauptstr. 5 in Berlin.",
            "Dies ist nun der 17. Versuch.",
        ]
    );
}

/// Case 18: a TMX in UTF-16LE without a byte-order mark (memoQ writes them)
/// is detected from its first bytes, as XML 1.0's Appendix F says.
#[test]
fn a_utf16_tmx_without_a_byte_order_mark_is_read() {
    let out = succeeded(
        tandem()
            .arg("qa")
            .arg(case("18-tmx-utf16-no-bom", "export-nobom.tmx"))
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 pairs (en-GB → es-ES) checked"),
        "{stderr}"
    );
}

/// The segmentation benchmark through the command line: pass rates per
/// file, and exit code 1 when a case fails.
#[test]
fn segment_check_reports_the_pass_rate_and_fails_on_a_failed_case() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("en.txt");
    std::fs::write(
        &cases,
        "# kind: abbreviations\nin: Mr. Smith left. He came back.\nout: Mr. Smith left.\nout: He came back.\n\nin: See No. 5 here.\nout: See No.\nout: 5 here.\n",
    )
    .unwrap();
    let check = |file: &std::path::Path| {
        tandem()
            .args(["segment", "--check"])
            .arg(file)
            .output()
            .unwrap()
    };
    let out = check(&cases);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("en.txt:6: See No. 5 here."), "{stdout}");
    assert!(stdout.contains("found:    See No. 5 here."), "{stdout}");
    assert!(
        stdout.contains("(en): 1/2 cases passed (50.0%)"),
        "{stdout}"
    );
    // A file's name that names no language with rules is refused, not run
    // with the generic rules.
    let unnamed = dir.path().join("cases.txt");
    std::fs::copy(&cases, &unnamed).unwrap();
    let out = check(&unnamed);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --lang"));
    // The bundled benchmark passes whole in one language.
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/segment/tests/segmentation/de.txt");
    succeeded(check(&bundled));
}
