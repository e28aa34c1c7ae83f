//! The segmentation benchmark (`tests/segmentation/<language>.txt`, cases
//! of our own writing, each a paragraph and the sentences a linguist splits
//! it into): the built-in rules pass at least 98% in every language.
//! `tandem segment --check` prints the same figures and the failures.

use std::path::Path;

use tandem_segment::{Segmenter, check_cases, parse_cases};

/// Every language with rules of its own, and its file.
const LANGUAGES: [&str; 10] = ["en", "de", "fr", "es", "it", "pt", "nl", "ru", "zh", "ja"];

/// The share of cases each language must pass.
const PASS_RATE: f64 = 0.98;

/// At least this many cases per language.
const MIN_CASES: usize = 40;

#[test]
fn the_built_in_rules_pass_the_benchmark_in_every_language() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/segmentation");
    let mut short = Vec::new();
    for language in LANGUAGES {
        let path = dir.join(format!("{language}.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        let cases = parse_cases(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            cases.len() >= MIN_CASES,
            "{language}: {} cases",
            cases.len()
        );
        let results = check_cases(&cases, &Segmenter::builtin(language));
        let failed: Vec<_> = results.iter().filter(|r| !r.passed()).collect();
        let rate = 1.0 - failed.len() as f64 / cases.len() as f64;
        eprintln!(
            "{language}: {}/{} passed",
            cases.len() - failed.len(),
            cases.len()
        );
        for result in &failed {
            eprintln!(
                "  line {}: expected {:?}\n           found    {:?}",
                result.case.line, result.case.expected, result.found
            );
        }
        if rate < PASS_RATE {
            short.push(format!("{language} {rate:.3}"));
        }
    }
    assert!(short.is_empty(), "under {PASS_RATE}: {}", short.join(", "));
}
