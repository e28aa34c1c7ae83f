//! `tandem eval`: alignment accuracy against gold alignments, and sentence
//! boundary accuracy of the segmenter, on sets laid out as ../shared/eval
//! (LANGS, src/, tgt/, gold/).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use serde::Serialize;
use tandem_align::{Options, Section, Text, align};
use tandem_score::{FlagKind, Thresholds, rate_alignment};
use tandem_segment::SentenceSplitter;

use crate::dictionary::{Dictionaries, DictionaryArgs};

#[derive(Args)]
pub struct EvalArgs {
    /// Evaluation sets: folders with LANGS, src/, tgt/ and gold/.
    #[arg(value_name = "SET_DIR", required_unless_present = "gold", conflicts_with_all = ["gold", "test"])]
    sets: Vec<PathBuf>,
    /// A gold alignment to score --test against (`[src ids]:[tgt ids]` per line).
    #[arg(long, value_name = "FILE", requires = "test")]
    gold: Option<PathBuf>,
    /// An alignment made by any tool, in the same format, to score against --gold.
    #[arg(long, value_name = "FILE", requires = "gold")]
    test: Option<PathBuf>,
    /// Rerun with the parts of the model switched off one by one: length
    /// only, + anchors, + self-trained translation model.
    #[arg(long)]
    ablation: bool,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
    /// Also measure the sentence segmenter: join each document's sentences
    /// into running text, resegment it, and score the boundaries.
    #[arg(long)]
    segmentation: bool,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
}

/// A bead as the gold files write it: source ids, target ids.
type Bead = (Vec<usize>, Vec<usize>);

/// Counts that sum over documents before dividing.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    pub test: usize,
    pub strict_precise: usize,
    pub lax_precise: usize,
    pub gold: usize,
    pub strict_recalled: usize,
    pub lax_recalled: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.test += other.test;
        self.strict_precise += other.strict_precise;
        self.lax_precise += other.lax_precise;
        self.gold += other.gold;
        self.strict_recalled += other.strict_recalled;
        self.lax_recalled += other.lax_recalled;
    }

    /// Precision, recall and F1, strict then lax.
    pub fn scores(&self) -> [(f64, f64, f64); 2] {
        let prf = |p_num: usize, r_num: usize| {
            let p = ratio(p_num, self.test);
            let r = ratio(r_num, self.gold);
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            (p, r, f)
        };
        [
            prf(self.strict_precise, self.strict_recalled),
            prf(self.lax_precise, self.lax_recalled),
        ]
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores `test` against `gold` as ../shared/eval/README.md defines it
/// (Sennrich and Volk 2011): precision over the test beads that are not
/// empty on both sides, without duplicates; recall over the beads with both
/// sides, gold and test swapped.
pub fn score(test: &[Bead], gold: &[Bead]) -> Counts {
    let dedup = |beads: &[Bead]| -> Vec<Bead> {
        let mut seen = HashSet::new();
        beads
            .iter()
            .filter(|b| !(b.0.is_empty() && b.1.is_empty()) && seen.insert((*b).clone()))
            .cloned()
            .collect()
    };
    let (test, gold) = (dedup(test), dedup(gold));
    let (strict_precise, lax_precise) = rightness(&test, &gold);
    let both = |beads: &[Bead]| -> Vec<Bead> {
        beads
            .iter()
            .filter(|b| !b.0.is_empty() && !b.1.is_empty())
            .cloned()
            .collect()
    };
    let (test_full, gold_full) = (both(&test), both(&gold));
    let (strict_recalled, lax_recalled) = rightness(&gold_full, &test_full);
    Counts {
        test: test.len(),
        strict_precise,
        lax_precise,
        gold: gold_full.len(),
        strict_recalled,
        lax_recalled,
    }
}

/// How many of `beads` are strictly and laxly right against `reference`.
fn rightness(beads: &[Bead], reference: &[Bead]) -> (usize, usize) {
    let exact: HashSet<&Bead> = reference.iter().collect();
    let mut strict = 0;
    let mut lax = 0;
    for bead in beads {
        if exact.contains(bead) {
            strict += 1;
            lax += 1;
        } else if !bead.0.is_empty()
            && !bead.1.is_empty()
            && reference.iter().any(|r| {
                r.0.iter().any(|s| bead.0.contains(s)) && r.1.iter().any(|t| bead.1.contains(t))
            })
        {
            lax += 1;
        }
    }
    (strict, lax)
}

/// Parses a gold or test file: `[src ids]:[tgt ids]` per line, a third
/// field ignored.
pub fn parse_beads(text: &str, path: &Path) -> Result<Vec<Bead>> {
    let mut beads = Vec::new();
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let mut fields = line.split(':');
        let mut ids = |side: &str| -> Result<Vec<usize>> {
            let field = fields.next().with_context(|| {
                format!("{}:{}: expected [ids]:[ids]", path.display(), number + 1)
            })?;
            let inner = field
                .trim()
                .strip_prefix('[')
                .and_then(|f| f.strip_suffix(']'));
            let inner = inner.with_context(|| {
                format!(
                    "{}:{}: the {side} ids are not in brackets",
                    path.display(),
                    number + 1
                )
            })?;
            inner
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse().with_context(|| {
                        format!(
                            "{}:{}: '{s}' is not a sentence id",
                            path.display(),
                            number + 1
                        )
                    })
                })
                .collect()
        };
        let src = ids("source")?;
        let tgt = ids("target")?;
        beads.push((src, tgt));
    }
    Ok(beads)
}

#[derive(Serialize)]
struct SetResult {
    set: String,
    languages: (String, String),
    documents: usize,
    counts: Counts,
    strict: (f64, f64, f64),
    lax: (f64, f64, f64),
    by_gold_type: Vec<TypeResult>,
    confidence: ConfidenceResult,
    segmentation: Option<Vec<Boundaries>>,
}

/// How well confidence predicts that a bead is right (exactly in the gold).
#[derive(Serialize, Default)]
struct ConfidenceResult {
    /// ROC AUC of confidence over all beads of the test alignment.
    auc: f64,
    /// The same over beads with both sides non-empty.
    auc_non_null: f64,
    /// Wrong beads among those the `weak` flag marks, and marked among the
    /// wrong ones.
    weak_precision: f64,
    weak_recall: f64,
}

/// ROC AUC of `scores` as a predictor of `right`: the chance that a right
/// item scores above a wrong one, ties counting half (Mann–Whitney).
pub fn roc_auc(items: &[(f64, bool)]) -> f64 {
    let mut sorted: Vec<(f64, bool)> = items.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut positives) = (0.0, 0.0);
    let mut k = 0;
    while k < sorted.len() {
        // Items tied on score share the mean of their ranks (1-based).
        let mut end = k;
        while end < sorted.len() && sorted[end].0 == sorted[k].0 {
            end += 1;
        }
        let mean_rank = (k + 1 + end) as f64 / 2.0;
        for item in &sorted[k..end] {
            if item.1 {
                rank_sum += mean_rank;
                positives += 1.0;
            }
        }
        k = end;
    }
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return f64::NAN;
    }
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

#[derive(Serialize)]
struct TypeResult {
    shape: String,
    gold: usize,
    found: usize,
}

#[derive(Serialize, Default, Clone)]
struct Boundaries {
    language: String,
    gold: usize,
    found: usize,
    correct: usize,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    if let (Some(gold), Some(test)) = (&args.gold, &args.test) {
        return score_files(gold, test, args.json);
    }
    let dictionaries = args.dictionaries.load()?;
    if args.ablation {
        return ablation(
            &args.sets,
            args.dictionaries.any().then_some(&dictionaries),
            args.json,
        );
    }
    let mut results = Vec::new();
    for set in &args.sets {
        results.push(evaluate_set(
            set,
            args.segmentation,
            &Options::default(),
            &dictionaries,
        )?);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print_tables(&results);
    }
    Ok(ExitCode::SUCCESS)
}

/// `tandem eval --gold FILE --test FILE`.
fn score_files(gold_path: &Path, test_path: &Path, json: bool) -> Result<ExitCode> {
    let gold = parse_beads(&read(gold_path)?, gold_path)?;
    let test = parse_beads(&read(test_path)?, test_path)?;
    let counts = score(&test, &gold);
    let [strict, lax] = counts.scores();
    if json {
        let result = serde_json::json!({ "counts": counts, "strict": strict, "lax": lax });
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        println!("{:<8} {:>6} {:>6} {:>6}", "", "P", "R", "F1");
        for (name, (p, r, f)) in [("strict", strict), ("lax", lax)] {
            println!("{name:<8} {p:>6.3} {r:>6.3} {f:>6.3}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The configurations `--ablation` compares, each adding one part: the
/// last, with the dictionaries when there are any.
fn configurations(
    dictionaries: Option<&Dictionaries>,
) -> Vec<(&'static str, Options, Dictionaries)> {
    let full = Options::default();
    let mut rows: Vec<(&'static str, Options, Dictionaries)> = vec![
        (
            "length only",
            Options {
                anchors: false,
                translation: false,
                ..full.clone()
            },
        ),
        (
            "+ anchors",
            Options {
                anchors: true,
                translation: false,
                ..full.clone()
            },
        ),
        ("+ self-training (full model)", full.clone()),
    ]
    .into_iter()
    .map(|(name, options)| (name, options, Dictionaries::default()))
    .collect();
    if let Some(dictionaries) = dictionaries {
        rows.push(("+ dictionary", full, dictionaries.clone()));
    }
    rows
}

/// `tandem eval --ablation SET_DIR...`: strict and lax F1 per configuration.
fn ablation(sets: &[PathBuf], dictionaries: Option<&Dictionaries>, json: bool) -> Result<ExitCode> {
    let mut rows = Vec::new();
    for (name, options, dictionaries) in configurations(dictionaries) {
        let mut results = Vec::new();
        for set in sets {
            results.push(evaluate_set(set, false, &options, &dictionaries)?);
        }
        rows.push((name, results));
    }
    if json {
        let value: Vec<serde_json::Value> = rows
            .iter()
            .map(|(name, results)| serde_json::json!({ "configuration": name, "sets": results }))
            .collect();
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    let names: Vec<&str> = rows[0].1.iter().map(|r| r.set.as_str()).collect();
    print!("{:<30}", "strict F1 (lax F1)");
    for name in &names {
        print!(" {name:>22}");
    }
    println!();
    for (configuration, results) in &rows {
        print!("{configuration:<30}");
        for r in results {
            print!(" {:>22}", format!("{:.3} ({:.3})", r.strict.2, r.lax.2));
        }
        println!();
    }
    Ok(ExitCode::SUCCESS)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn evaluate_set(
    set: &Path,
    segmentation: bool,
    options: &Options,
    dictionaries: &Dictionaries,
) -> Result<SetResult> {
    let langs = read(&set.join("LANGS"))?;
    let langs: Vec<&str> = langs.split_whitespace().collect();
    let [src_lang, tgt_lang] = langs[..] else {
        bail!(
            "{}: LANGS must hold two language codes",
            set.join("LANGS").display()
        );
    };
    let mut documents: Vec<PathBuf> = std::fs::read_dir(set.join("src"))
        .with_context(|| format!("cannot list {}", set.join("src").display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    documents.sort();
    let mut counts = Counts::default();
    let mut by_type: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    // (confidence, right, non-null, flagged weak) of every test bead.
    let mut rated: Vec<(f64, bool, bool, bool)> = Vec::new();
    let mut boundaries = [
        Boundaries {
            language: src_lang.into(),
            ..Default::default()
        },
        Boundaries {
            language: tgt_lang.into(),
            ..Default::default()
        },
    ];
    for src_path in &documents {
        let name = src_path.file_name().context("a document without a name")?;
        let src_text = read(src_path)?;
        let tgt_text = read(&set.join("tgt").join(name))?;
        let gold_path = set.join("gold").join(name);
        let gold = parse_beads(&read(&gold_path)?, &gold_path)?;
        let src: Vec<&str> = src_text.lines().collect();
        let tgt: Vec<&str> = tgt_text.lines().collect();
        let mut notes = Vec::new();
        let options = Options {
            dictionary: dictionaries.for_document((src_lang, tgt_lang), (&src, &tgt), &mut notes),
            ..options.clone()
        };
        for note in notes {
            eprintln!("tandem: warning: {}: {note}", src_path.display());
        }
        let alignment = align(
            &Text::single_paragraph(src.clone()),
            &Text::single_paragraph(tgt.clone()),
            &[Section {
                src: 0..1,
                tgt: 0..1,
            }],
            &options,
        );
        let test: Vec<Bead> = alignment
            .beads
            .iter()
            .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
            .collect();
        counts.add(score(&test, &gold));
        let gold_set: HashSet<&Bead> = gold.iter().collect();
        let scores = rate_alignment(&alignment, &src, &tgt, &Thresholds::default());
        for (bead, score) in test.iter().zip(&scores) {
            rated.push((
                score.confidence,
                gold_set.contains(bead),
                !bead.0.is_empty() && !bead.1.is_empty(),
                score.flags.iter().any(|f| f.kind == FlagKind::Weak),
            ));
        }
        let found: HashSet<&Bead> = test.iter().collect();
        for bead in &gold {
            let entry = by_type.entry(gold_type(bead)).or_default();
            entry.0 += 1;
            entry.1 += usize::from(found.contains(bead));
        }
        if segmentation {
            for (side, (sentences, language)) in
                [(&src, src_lang), (&tgt, tgt_lang)].into_iter().enumerate()
            {
                let (gold, found, correct) = boundary_counts(sentences, language);
                boundaries[side].gold += gold;
                boundaries[side].found += found;
                boundaries[side].correct += correct;
            }
        }
    }
    let [strict, lax] = counts.scores();
    let weak_wrong = rated.iter().filter(|r| r.3 && !r.1).count();
    let confidence = ConfidenceResult {
        auc: roc_auc(&rated.iter().map(|r| (r.0, r.1)).collect::<Vec<_>>()),
        auc_non_null: roc_auc(
            &rated
                .iter()
                .filter(|r| r.2)
                .map(|r| (r.0, r.1))
                .collect::<Vec<_>>(),
        ),
        weak_precision: ratio(weak_wrong, rated.iter().filter(|r| r.3).count()),
        weak_recall: ratio(weak_wrong, rated.iter().filter(|r| !r.1).count()),
    };
    Ok(SetResult {
        set: set.file_name().map_or_else(
            || set.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        languages: (src_lang.into(), tgt_lang.into()),
        documents: documents.len(),
        counts,
        strict,
        lax,
        by_gold_type: by_type
            .into_iter()
            .map(|(shape, (gold, found))| TypeResult { shape, gold, found })
            .collect(),
        confidence,
        segmentation: segmentation.then(|| boundaries.to_vec()),
    })
}

/// The bead types the tables break results down by: 1-1, 1-2, 2-1, 1-n,
/// n-1, null (1-0 and 0-1), and m-n for the rest.
fn gold_type(bead: &Bead) -> String {
    match (bead.0.len(), bead.1.len()) {
        (0, _) | (_, 0) => "null".into(),
        (1, n) if n <= 2 => format!("1-{n}"),
        (2, 1) => "2-1".into(),
        (1, _) => "1-n".into(),
        (_, 1) => "n-1".into(),
        _ => "m-n".into(),
    }
}

/// Joins sentences into running text (nothing between Chinese or Japanese
/// sentences, one space elsewhere), resegments it, and counts sentence
/// boundaries: in the gold, found, and found correctly.
fn boundary_counts(sentences: &[&str], language: &str) -> (usize, usize, usize) {
    let unspaced = matches!(language, "zh" | "ja");
    let mut text = String::new();
    let mut gold = HashSet::new();
    for sentence in sentences.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !text.is_empty() {
            gold.insert(text.len());
            if !unspaced {
                text.push(' ');
            }
        }
        text.push_str(sentence);
    }
    let base = text.as_ptr() as usize;
    let pieces = SentenceSplitter::for_language(language).split(&text);
    let found: HashSet<usize> = pieces
        .iter()
        .map(|p| p.as_ptr() as usize - base + p.len())
        .filter(|&end| end < text.len())
        .collect();
    let correct = found.intersection(&gold).count();
    (gold.len(), found.len(), correct)
}

fn print_tables(results: &[SetResult]) {
    println!(
        "{:<22} {:>5} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
        "set", "docs", "beads", "P", "R", "F1", "lax P", "lax R", "lax F1"
    );
    for r in results {
        let [(sp, sr, sf), (lp, lr, lf)] = [r.strict, r.lax];
        println!(
            "{:<22} {:>5} {:>6} | {sp:>6.3} {sr:>6.3} {sf:>6.3} | {lp:>6.3} {lr:>6.3} {lf:>6.3}",
            r.set, r.documents, r.counts.test
        );
    }
    println!();
    println!("gold beads found exactly, by type:");
    for r in results {
        let cells: Vec<String> = r
            .by_gold_type
            .iter()
            .map(|t| format!("{} {}/{}", t.shape, t.found, t.gold))
            .collect();
        println!("  {:<22} {}", r.set, cells.join("  "));
    }
    println!();
    println!(
        "confidence as a predictor of a right bead: {:>8} {:>9} | weak flag: {:>9} {:>6}",
        "ROC AUC", "non-null", "precision", "recall"
    );
    for r in results {
        let c = &r.confidence;
        println!(
            "  {:<40} {:>8.3} {:>9.3} | {:>20.3} {:>6.3}",
            r.set, c.auc, c.auc_non_null, c.weak_precision, c.weak_recall
        );
    }
    if results.iter().any(|r| r.segmentation.is_some()) {
        println!();
        println!(
            "sentence boundaries after rejoining: {:<8} {:>7} {:>7} {:>7}",
            "language", "gold", "P", "R"
        );
        for r in results {
            for b in r.segmentation.iter().flatten() {
                println!(
                    "  {:<22} {:<20} {:>7} {:>7.3} {:>7.3}",
                    r.set,
                    b.language,
                    b.gold,
                    ratio(b.correct, b.found),
                    ratio(b.correct, b.gold)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(text: &str) -> Vec<Bead> {
        parse_beads(text, Path::new("t")).unwrap()
    }

    #[test]
    fn roc_auc_counts_pairs_ranked_right() {
        assert_eq!(roc_auc(&[(0.9, true), (0.8, true), (0.1, false)]), 1.0);
        assert_eq!(roc_auc(&[(0.1, true), (0.9, false)]), 0.0);
        // Ties count half; one of two wrong items outranks the right one.
        assert_eq!(roc_auc(&[(0.5, true), (0.5, false), (0.1, false)]), 0.75);
        assert!(roc_auc(&[(0.5, true)]).is_nan());
    }

    #[test]
    fn parses_gold_formats() {
        assert_eq!(
            beads("[0,1]:[0]\n[2]:[1, 2]:0.5\n[]:[3]\n"),
            vec![
                (vec![0, 1], vec![0]),
                (vec![2], vec![1, 2]),
                (vec![], vec![3])
            ]
        );
        assert!(parse_beads("0:1", Path::new("t")).is_err());
    }

    #[test]
    fn strict_and_lax_as_defined() {
        let gold = beads("[0]:[0]\n[1,2]:[1]\n[]:[2]\n[3]:[3]");
        let test = beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[]:[2]\n[3]:[3]\n[3]:[3]");
        let c = score(&test, &gold);
        // Test beads (duplicates dropped): 5; strictly right: [0]:[0], []:[2], [3]:[3].
        assert_eq!((c.test, c.strict_precise, c.lax_precise), (5, 3, 4));
        // Gold beads with both sides: 3; found strictly: 2; laxly: 3.
        assert_eq!((c.gold, c.strict_recalled, c.lax_recalled), (3, 2, 3));
        let [(p, r, f), _] = c.scores();
        assert!(
            (p - 0.6).abs() < 1e-9
                && (r - 2.0 / 3.0).abs() < 1e-9
                && (f - 2.0 * 0.6 * (2.0 / 3.0) / (0.6 + 2.0 / 3.0)).abs() < 1e-9
        );
    }

    #[test]
    fn boundaries_after_rejoining() {
        let (gold, found, correct) = boundary_counts(&["第一句。", "第二句!", "第三句"], "zh");
        assert_eq!((gold, found, correct), (2, 2, 2));
        let (gold, found, correct) = boundary_counts(&["Mr. Smith left.", "He came back."], "en");
        assert_eq!((gold, found, correct), (1, 1, 1));
        // A boundary the rules cannot see (lower case after the stop).
        let (gold, found, correct) = boundary_counts(&["It ended.", "then it began."], "en");
        assert_eq!((gold, found, correct), (1, 0, 0));
    }
}
