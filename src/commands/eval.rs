//! `tandem eval`: alignment accuracy against gold alignments, and sentence
//! boundary accuracy of the segmenter, on sets laid out as
//! `LANGS`, `src/`, `tgt/`, `gold/` (the evaluation sets' layout).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use tandem_align::Options;
use tandem_align::gold::{Counts, GoldBead, parse_gold, ratio};
use tandem_pipeline::Dictionaries;
use tandem_pipeline::eval::{
    CONFIDENT, EvalDocument, FalseFlags, PlantedErrors, SetEvaluation, SetResult, planted_errors,
};
use tandem_pipeline::layout::Layout;

use crate::args::{DictionaryArgs, ModelArgs};
use tandem_pipeline::SentenceEncoder;

/// `tandem eval`'s arguments.
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
    /// Rerun with each document's sentences laid out as users' files come:
    /// one sequence, one sentence per paragraph, paragraphs of 3-8
    /// sentences, those with 5% merged and 5% split on one side, and
    /// hard-wrapped at 70 columns (read back and resegmented); strict F1
    /// and ROC AUC per layout.
    #[arg(long, conflicts_with = "ablation")]
    structure: bool,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
    #[command(flatten)]
    model: ModelArgs,
    /// Also measure the sentence segmenter: join each document's sentences
    /// into running text, resegment it, and score the boundaries.
    #[arg(long)]
    segmentation: bool,
    /// Instead of aligning: check every gold 1-1 pair (each a correct
    /// translation) as `tandem qa` checks a unit, and print how often each
    /// content flag fires (its false-flag rate).
    #[arg(long, conflicts_with_all = ["ablation", "structure", "segmentation"])]
    flags: bool,
    /// Instead of aligning: make each set's gold beads a memory, replace 15%
    /// of its targets (a neighbour's target, a sentence dropped or added, a
    /// target from elsewhere), check it as `tandem qa` does, and print the
    /// ROC AUC of the confidence for finding them and the weak flag's recall
    /// and false-flag rate.
    #[arg(long, conflicts_with_all = ["ablation", "structure", "segmentation", "flags"])]
    qa: bool,
    /// Divide every path's cost by T when summing posteriors, to study
    /// calibration (how the default was fitted: docs/qa.md).
    #[arg(long, value_name = "T", default_value_t = tandem_align::POSTERIOR_TEMPERATURE, value_parser = positive)]
    posterior_temperature: f64,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
}

/// A number above 0.
fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value > 0.0 && value.is_finite() => Ok(value),
        _ => Err(format!("{text:?} is not a number above 0")),
    }
}

/// Runs `tandem eval`.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    if let (Some(gold), Some(test)) = (&args.gold, &args.test) {
        return score_files(gold, test, args.json);
    }
    if args.flags {
        return false_flags(&args.sets, args.json);
    }
    if args.qa {
        let encoder = (args.model.encoder()).filter(|e| e.encoder().is_some());
        return planted(&args.sets, encoder.as_ref(), args.json);
    }
    let dictionaries = args.dictionaries.load()?;
    let encoder = (args.model.encoder()).filter(|e| e.encoder().is_some());
    if args.ablation {
        return ablation(
            &args.sets,
            dictionaries.any().then_some(&dictionaries),
            encoder.as_ref(),
            args.json,
        );
    }
    if args.structure {
        return structure(&args.sets, &dictionaries, encoder.as_ref(), args.json);
    }
    let options = Options {
        posterior_temperature: args.posterior_temperature,
        ..Options::default()
    };
    let mut results = Vec::new();
    for set in &args.sets {
        results.push(evaluate_set(
            set,
            args.segmentation,
            &options,
            &dictionaries,
            encoder.as_ref(),
            Layout::Flat,
        )?);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print_tables(&results);
    }
    Ok(ExitCode::SUCCESS)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn read_gold(path: &Path) -> Result<Vec<GoldBead>> {
    parse_gold(&read(path)?).map_err(|e| anyhow!("{}:{}: {}", path.display(), e.line, e.problem))
}

/// `tandem eval --gold FILE --test FILE`.
fn score_files(gold_path: &Path, test_path: &Path, json: bool) -> Result<ExitCode> {
    let gold = read_gold(gold_path)?;
    let test = read_gold(test_path)?;
    let counts = Counts::of(&test, &gold);
    let prf = |p: tandem_align::gold::Prf| (p.precision, p.recall, p.f1);
    let (strict, lax) = (prf(counts.strict()), prf(counts.lax()));
    if json {
        let counts = serde_json::json!({
            "test": counts.test,
            "strict_precise": counts.strict_precise,
            "lax_precise": counts.lax_precise,
            "gold": counts.gold,
            "strict_recalled": counts.strict_recalled,
            "lax_recalled": counts.lax_recalled,
        });
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
/// last, with the dictionaries when any were given. With an encoder, two
/// rows more: the embeddings with the lexical terms (the full model) and
/// without them (length and meaning alone).
fn configurations(
    dictionaries: Option<&Dictionaries>,
    encoder: Option<&SentenceEncoder>,
) -> Vec<(&'static str, Options, Dictionaries, bool)> {
    let full = Options::default();
    let mut rows: Vec<(&'static str, Options, Dictionaries, bool)> = vec![
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
        ("+ self-training (lexical model)", full.clone()),
    ]
    .into_iter()
    .map(|(name, options)| (name, options, Dictionaries::default(), false))
    .collect();
    if let Some(dictionaries) = dictionaries {
        rows.push(("+ dictionary", full.clone(), dictionaries.clone(), false));
    }
    if encoder.is_some() {
        let lexical_off = Options {
            anchors: false,
            translation: false,
            ..full.clone()
        };
        rows.push((
            "length + embeddings",
            lexical_off,
            Dictionaries::default(),
            true,
        ));
        let dictionaries = dictionaries.cloned().unwrap_or_default();
        rows.push(("+ embeddings (full model)", full, dictionaries, true));
    }
    rows
}

/// `tandem eval --ablation SET_DIR...`: strict and lax F1 per configuration.
fn ablation(
    sets: &[PathBuf],
    dictionaries: Option<&Dictionaries>,
    encoder: Option<&SentenceEncoder>,
    json: bool,
) -> Result<ExitCode> {
    let mut rows = Vec::new();
    for (name, options, dictionaries, embeddings) in configurations(dictionaries, encoder) {
        let mut results = Vec::new();
        let encoder = encoder.filter(|_| embeddings);
        for set in sets {
            results.push(evaluate_set(
                set,
                false,
                &options,
                &dictionaries,
                encoder,
                Layout::Flat,
            )?);
        }
        rows.push((name, results));
    }
    if json {
        return print_json("configuration", &rows);
    }
    print_table(
        ("strict F1 (lax F1)", 32),
        &rows,
        |name| name,
        |r| format!("{:.3} ({:.3})", r.strict.2, r.lax.2),
    );
    Ok(ExitCode::SUCCESS)
}

/// `tandem eval --structure SET_DIR...`: strict F1 and ROC AUC of the full
/// model per layout of the documents' paragraphs.
fn structure(
    sets: &[PathBuf],
    dictionaries: &Dictionaries,
    encoder: Option<&SentenceEncoder>,
    json: bool,
) -> Result<ExitCode> {
    let options = Options::default();
    let mut rows = Vec::new();
    for layout in Layout::ALL {
        let mut results = Vec::new();
        for set in sets {
            results.push(evaluate_set(
                set,
                false,
                &options,
                dictionaries,
                encoder,
                layout,
            )?);
        }
        rows.push((layout, results));
    }
    if json {
        return print_json("layout", &rows);
    }
    print_table(
        ("strict F1 / ROC AUC", 34),
        &rows,
        |l| l.name(),
        |r| format!("{:.3} / {:.3}", r.strict.2, r.confidence.auc),
    );
    println!();
    println!("hard-wrapped: the best strict F1 the resegmented sentences allow");
    let wrapped = rows
        .iter()
        .filter(|(layout, _)| *layout == Layout::HardWrapped);
    for r in wrapped.flat_map(|(_, results)| results) {
        println!("  {:<22} {:.3}", r.set, r.ceiling.unwrap_or(f64::NAN));
    }
    Ok(ExitCode::SUCCESS)
}

/// Rows of set results as a table: a column per set, headed by its name,
/// a row per label, `corner` (and the labels' `width`) on the left.
fn print_table<L>(
    (corner, width): (&str, usize),
    rows: &[(L, Vec<SetResult>)],
    label: impl Fn(&L) -> &str,
    cell: impl Fn(&SetResult) -> String,
) {
    print!("{corner:<width$}");
    for r in rows.first().map_or(&[][..], |(_, results)| results) {
        print!(" {:>22}", r.set);
    }
    println!();
    for (name, results) in rows {
        print!("{:<width$}", label(name));
        for r in results {
            print!(" {:>22}", cell(r));
        }
        println!();
    }
}

/// Rows of set results as JSON: `[{KEY: label, "sets": [...]}, ...]`.
fn print_json<L: serde::Serialize>(key: &str, rows: &[(L, Vec<SetResult>)]) -> Result<ExitCode> {
    let value: Vec<serde_json::Value> = rows
        .iter()
        .map(|(label, results)| serde_json::json!({ key: label, "sets": results }))
        .collect();
    println!("{}", serde_json::to_string_pretty(&value)?);
    Ok(ExitCode::SUCCESS)
}

/// Reads the set at `set` and scores it, document by document, its
/// sentences laid out in paragraphs as `layout` says.
fn evaluate_set(
    set: &Path,
    segmentation: bool,
    options: &Options,
    dictionaries: &Dictionaries,
    encoder: Option<&SentenceEncoder>,
    layout: Layout,
) -> Result<SetResult> {
    let ((src_lang, tgt_lang), documents) = read_set(set)?;
    let mut evaluation =
        SetEvaluation::new((&src_lang, &tgt_lang), options, dictionaries, segmentation)
            .with_encoder(encoder)
            .with_layout(layout);
    for document in &documents {
        if let Some(warning) = evaluation.add(&document.as_eval()) {
            say!("tandem: warning: {}: {warning}", document.path.display());
        }
    }
    Ok(evaluation.finish(&set_name(set)))
}

/// The false-flag rate of every content flag on each set's gold 1-1 pairs.
fn false_flags(sets: &[PathBuf], json: bool) -> Result<ExitCode> {
    let mut rows: Vec<(String, FalseFlags)> = Vec::new();
    for set in sets {
        let (languages, documents) = read_set(set)?;
        let mut flags = FalseFlags::default();
        for document in &documents {
            flags.add(&document.as_eval(), (&languages.0, &languages.1));
        }
        rows.push((set_name(set), flags));
    }
    if json {
        let value: BTreeMap<&str, &FalseFlags> =
            rows.iter().map(|(name, f)| (name.as_str(), f)).collect();
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("content flags on gold 1-1 pairs (correct translations): pairs flagged (share)");
    print!("{:<26}", "flag");
    for (name, flags) in &rows {
        print!(" {:>22}", format!("{name} ({})", flags.pairs));
    }
    println!();
    for kind in FalseFlags::kinds() {
        print!("{:<26}", kind.id());
        for (_, flags) in &rows {
            let n = flags.flagged.get(kind.id()).copied().unwrap_or(0);
            let share = n as f64 / flags.pairs.max(1) as f64;
            print!(" {:>22}", format!("{n} ({:.2}%)", 100.0 * share));
        }
        println!();
    }
    Ok(ExitCode::SUCCESS)
}

/// The planted-error measurement of `tandem qa`'s confidence on each set.
fn planted(sets: &[PathBuf], encoder: Option<&SentenceEncoder>, json: bool) -> Result<ExitCode> {
    let mut rows: Vec<(String, PlantedErrors)> = Vec::new();
    for set in sets {
        let (languages, texts) = read_set(set)?;
        let documents: Vec<EvalDocument> = texts.iter().map(SetDocument::as_eval).collect();
        let result = planted_errors(&documents, (&languages.0, &languages.1), encoder, 17);
        rows.push((set_name(set), result));
    }
    if json {
        let value: BTreeMap<&str, &PlantedErrors> =
            rows.iter().map(|(name, r)| (name.as_str(), r)).collect();
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "planted errors ({}% of targets replaced), {}:",
        tandem_pipeline::eval::PLANTED_PERCENT,
        match encoder {
            Some(_) => "with sentence embeddings",
            None => "lexical evidence only",
        }
    );
    println!(
        "{:<24} {:>6} {:>8} {:>9} {:>15} {:>7} {:>12} {:>16}",
        "set",
        "units",
        "planted",
        "ROC AUC",
        "(lengths only)",
        "ECE",
        "weak recall",
        "weak false-flag"
    );
    for (name, r) in &rows {
        println!(
            "{:<24} {:>6} {:>8} {:>9.3} {:>15.3} {:>7.3} {:>12.3} {:>16.3}",
            name, r.units, r.planted, r.auc, r.auc_lengths, r.ece, r.weak_recall, r.weak_false
        );
    }
    println!("ROC AUC by kind of replacement:");
    for (name, r) in &rows {
        let kinds: Vec<String> = r
            .auc_by_kind
            .iter()
            .map(|(kind, auc)| format!("{kind} {auc:.3}"))
            .collect();
        println!("  {name:<22} {}", kinds.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

/// One document of an evaluation set: where its source is, its two texts
/// (a sentence per line) and its gold beads.
struct SetDocument {
    path: PathBuf,
    src: String,
    tgt: String,
    gold: Vec<GoldBead>,
}

impl SetDocument {
    fn as_eval(&self) -> EvalDocument<'_> {
        EvalDocument {
            src: self.src.lines().collect(),
            tgt: self.tgt.lines().collect(),
            gold: self.gold.clone(),
        }
    }
}

/// A set's languages (`LANGS`) and its documents, in the order of their
/// names.
fn read_set(set: &Path) -> Result<((String, String), Vec<SetDocument>)> {
    if !set.is_dir() {
        bail!(
            "{}: no such folder (an evaluation set is a folder of LANGS, src/, tgt/ and gold/)",
            set.display()
        );
    }
    let langs = read(&set.join("LANGS"))?;
    let langs: Vec<&str> = langs.split_whitespace().collect();
    let [src_lang, tgt_lang] = langs[..] else {
        bail!(
            "{}: LANGS must hold two language codes",
            set.join("LANGS").display()
        );
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(set.join("src"))
        .with_context(|| format!("cannot list {}", set.join("src").display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    let mut documents = Vec::new();
    for path in paths {
        let name = path.file_name().context("a document without a name")?;
        documents.push(SetDocument {
            src: read(&path)?,
            tgt: read(&set.join("tgt").join(name))?,
            gold: read_gold(&set.join("gold").join(name))?,
            path,
        });
    }
    Ok(((src_lang.to_string(), tgt_lang.to_string()), documents))
}

/// A set's name: its folder's.
fn set_name(set: &Path) -> String {
    set.file_name().map_or_else(
        || set.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
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
        "confidence as a predictor of a right bead: {:>8} {:>9} {:>6} {:>8} | at >= {CONFIDENT}: {:>9} {:>8} | weak flag: {:>9} {:>6}",
        "ROC AUC", "non-null", "ECE", "log loss", "precision", "coverage", "precision", "recall"
    );
    for r in results {
        let c = &r.confidence;
        println!(
            "  {:<40} {:>8.3} {:>9.3} {:>6.3} {:>8.3} | {:>18.3} {:>8.3} | {:>20.3} {:>6.3}",
            r.set,
            c.auc,
            c.auc_non_null,
            c.ece,
            c.log_loss,
            c.precision_confident,
            c.coverage_confident,
            c.weak_precision,
            c.weak_recall
        );
    }
    println!();
    println!("reliability: right / beads (share right) per confidence bin");
    for r in results {
        println!("  {}", r.set);
        for bin in r.confidence.reliability.iter().filter(|b| b.beads > 0) {
            println!(
                "    {:.1}-{:.1} {:>6} / {:<6} ({:.3}, mean confidence {:.3})",
                bin.low,
                bin.high,
                bin.right,
                bin.beads,
                bin.right as f64 / bin.beads as f64,
                bin.mean_confidence
            );
        }
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
