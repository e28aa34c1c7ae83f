//! `tandem batch`: aligns a folder (or a manifest) of document pairs, on
//! every core, one output per document, optionally merged into one TMX.
//!
//! Documents are aligned in parallel, each written to its own output, and
//! recorded as they finish; the summary and the merged TMX take them in
//! input order, so the bytes written do not depend on `--jobs`. Each output is
//! renamed into place when complete and then recorded in the output
//! folder's state file; `--resume` skips the documents recorded there
//! whose output exists, so a killed run picks up where it stopped and
//! ends with the same bytes as a clean run.

use std::collections::{BTreeMap, HashMap};
use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::Args;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tandem_segment::ParagraphStyle;
use tandem_text::LanguageTag;
use tandem_tmx::{Header, SegType, TmxWriter, TranslationUnit, language_match};

use crate::align::{
    RowOptions, Settings, align_document, creation_date, parse_encoding, parse_tag,
};
use crate::checks::{ExportArgs, ThresholdArgs, write_atomically};
use crate::dictionary::DictionaryArgs;
use crate::html::escape_html;
use crate::input::open_tmx;
use crate::input::{Limits, ReadOptions, SrxArgs};
use crate::output::Format;

#[derive(Args)]
pub struct BatchArgs {
    /// A folder of document pairs, or a manifest (.tsv or .jsonl: source, target, optional output and languages).
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// The output folder: one file per document, the state file of --resume, summary.json.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Also merge every document's pairs into this one TMX (identical pairs once, with all their documents).
    #[arg(long, value_name = "FILE")]
    merge: Option<PathBuf>,
    /// Output format of each document.
    #[arg(long, value_enum, default_value = "tmx")]
    format: Format,
    /// How language tags are written in the outputs (docs/cat-tools.md).
    #[arg(long, value_enum, value_name = "STYLE", default_value = "as-given")]
    tmx_lang_style: crate::output::LangStyle,
    /// What a unit is: a group of sentences, or a group of paragraphs.
    #[arg(long, value_enum, default_value = "sentence")]
    segtype: crate::align::Segtype,
    /// How files pair up in a folder: a path template with {name} and {lang}, e.g. '{name}.{lang}.txt' (repeatable). Default: {name}.{lang}.txt, {lang}/{name}.txt, {name}_{lang}.txt.
    #[arg(long, value_name = "TEMPLATE")]
    pair_pattern: Vec<String>,
    /// Source language (BCP 47); also says which file of a pair is the source.
    #[arg(long, value_name = "TAG", value_parser = parse_tag)]
    src_lang: Option<LanguageTag>,
    /// Target language (BCP 47).
    #[arg(long, value_name = "TAG", value_parser = parse_tag)]
    tgt_lang: Option<LanguageTag>,
    /// The inputs are already one sentence per line.
    #[arg(long)]
    presegmented: bool,
    /// Encoding of files without a byte-order mark (default UTF-8).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Documents aligned at once (default: one per core).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Skip the documents a killed or failed run already finished.
    #[arg(long)]
    resume: bool,
    /// Never overwrite an existing file: a document whose output exists fails, and so does a run whose summary exists.
    #[arg(long, conflicts_with = "resume")]
    no_clobber: bool,
    /// Process only the K-th of N slices of the documents (1-based), e.g. 2/4.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<Shard>,
    /// The TMX creation date (as in align). Default: SOURCE_DATE_EPOCH, else the run's start (kept by --resume).
    #[arg(long, value_name = "DATE")]
    creation_date: Option<String>,
    /// Also write the summary as a self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    summary_html: Option<PathBuf>,
    #[command(flatten)]
    limits: Limits,
    #[command(flatten)]
    srx: SrxArgs,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
    #[command(flatten)]
    export: ExportArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
    /// No progress bar, only errors.
    #[arg(short, long)]
    quiet: bool,
    /// One line per document.
    #[arg(short, long, conflicts_with = "quiet")]
    verbose: bool,
}

/// The K-th (1-based) of N slices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    k: usize,
    n: usize,
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let (k, n) = text
        .split_once('/')
        .ok_or_else(|| format!("'{text}' is not K/N (e.g. 2/4)"))?;
    let (k, n): (usize, usize) = (
        k.trim()
            .parse()
            .map_err(|_| format!("'{k}' is not a number"))?,
        n.trim()
            .parse()
            .map_err(|_| format!("'{n}' is not a number"))?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(format!("'{text}': K must be between 1 and N"));
    }
    Ok(Shard { k, n })
}

/// One document pair to align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Its name: the output's path inside the output folder, without
    /// extension.
    pub name: String,
    pub source: PathBuf,
    pub target: PathBuf,
    pub src_lang: Option<String>,
    pub tgt_lang: Option<String>,
}

/// What happened to one document, as the state file and the summary
/// record it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocumentResult {
    pub name: String,
    pub source: String,
    pub target: String,
    pub output: Option<String>,
    pub pairs: usize,
    pub flagged: usize,
    pub flagged_share: f64,
    pub mean_confidence: f64,
    pub sentences: (usize, usize),
    pub warnings: Vec<String>,
    pub error: Option<String>,
}

/// The state file's first line: what a resumed run must reuse.
#[derive(Debug, Serialize, Deserialize)]
struct RunState {
    creation_date: String,
}

const STATE_FILE: &str = ".tandem-batch.jsonl";

pub fn run(args: BatchArgs) -> Result<ExitCode> {
    let started = Instant::now();
    if args.merge.is_some() && args.format != Format::Tmx {
        bail!("--merge writes one TMX: use it with --format tmx");
    }
    let (mut jobs, unpaired) = if args.input.is_dir() {
        let patterns = if args.pair_pattern.is_empty() {
            DEFAULT_PATTERNS.iter().map(|p| p.to_string()).collect()
        } else {
            args.pair_pattern.clone()
        };
        pair_folder(
            &args.input,
            &args.output,
            &patterns,
            &args.src_lang,
            &args.tgt_lang,
        )?
    } else {
        (read_manifest(&args.input)?, Vec::new())
    };
    check_unique_names(&jobs)?;
    if let Some(shard) = args.shard {
        jobs = jobs
            .into_iter()
            .enumerate()
            .filter(|(k, _)| k % shard.n == shard.k - 1)
            .map(|(_, job)| job)
            .collect();
    }
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    // A run killed by SIGKILL (no handler runs) can leave the temporary
    // file it was writing; ours are named .tandem-*.tmp.
    remove_stray_temporaries(&args.output)?;

    // The state file: the run's creation date, then one line per finished
    // document. Each shard has its own, so that shards sharing a folder
    // never write one file. A resumed run reads them all, keeps their date
    // and skips what they record.
    let state_path = args.output.join(state_file_name(args.shard));
    let (recorded_date, finished) = if args.resume {
        read_states(&args.output)?
    } else {
        (None, BTreeMap::new())
    };
    let creation_date = match (&args.creation_date, recorded_date) {
        (None, Some(date)) => date,
        (given, _) => creation_date(given.as_deref())?,
    };
    if !(args.resume && state_path.exists()) {
        let state = serde_json::to_string(&RunState {
            creation_date: creation_date.clone(),
        })?;
        std::fs::write(&state_path, state + "\n")
            .with_context(|| format!("cannot write {}", state_path.display()))?;
    }
    let mut state_file = OpenOptions::new()
        .append(true)
        .open(&state_path)
        .with_context(|| format!("cannot write {}", state_path.display()))?;

    let dictionaries = args.dictionaries.load()?;
    let srx = args.srx.load()?;
    let settings = Settings {
        read: ReadOptions {
            limits: args.limits,
            srx: srx.as_ref(),
            encoding: args.encoding,
            paragraphs: ParagraphStyle::Line,
            presegmented: args.presegmented,
            src_lang: args.src_lang.as_ref(),
            tgt_lang: args.tgt_lang.as_ref(),
        },
        dictionaries: &dictionaries,
        rows: RowOptions {
            thresholds: args.thresholds.thresholds(),
            export: &args.export,
        },
        creation_date,
        format: args.format,
        segtype: args.segtype.into(),
        lang_style: args.tmx_lang_style,
        no_clobber: args.no_clobber,
    };
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .context("cannot start the worker threads")?;

    let progress = progress_bar(jobs.len(), args.quiet || args.verbose);
    if !args.quiet {
        for file in &unpaired {
            progress.suspend(|| eprintln!("tandem: warning: {file}: no counterpart, left out"));
        }
    }
    // Documents are aligned on the pool in any order and recorded as they
    // finish (each output is already on disk, so a result is a few
    // figures); the summary and the merge take them in input order.
    let mut slots: Vec<Option<DocumentResult>> = vec![None; jobs.len()];
    let mut sentences_done = 0usize;
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, DocumentResult, bool)>();
    std::thread::scope(|scope| -> Result<()> {
        let (jobs, finished, settings, output) = (&jobs, &finished, &settings, &args.output);
        scope.spawn(move || {
            pool.install(|| {
                jobs.par_iter()
                    .enumerate()
                    .for_each_with(sender, |sender, (k, job)| {
                        let (result, fresh) = match finished.get(&job.name) {
                            Some(done) if output_exists(output, done) => (done.clone(), false),
                            _ => (process(job, output, settings), true),
                        };
                        // The receiver only stops early on an error it reports.
                        let _ = sender.send((k, result, fresh));
                    })
            })
        });
        for (k, result, fresh) in receiver {
            if fresh {
                let line = serde_json::to_string(&result)?;
                writeln!(state_file, "{line}")
                    .and_then(|_| state_file.flush())
                    .with_context(|| format!("cannot write {}", state_path.display()))?;
            }
            sentences_done += result.sentences.0 + result.sentences.1;
            report_document(&result, fresh, &args, &progress);
            progress.inc(1);
            let seconds = started.elapsed().as_secs_f64().max(1e-9);
            progress.set_message(format!(
                "{sentences_done} sentences, {:.0}/s",
                sentences_done as f64 / seconds
            ));
            slots[k] = Some(result);
        }
        Ok(())
    })?;
    let results: Vec<DocumentResult> = slots.into_iter().flatten().collect();
    progress.finish_and_clear();

    if let Some(merged) = &args.merge {
        merge(&args.output, &results, merged, &settings)?;
    }
    let summary = Summary::of(&results, &unpaired);
    let summary_path = args.output.join("summary.json");
    write_atomically(&summary_path, args.no_clobber, |mut out| {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(())
    })?;
    if let Some(html) = &args.summary_html {
        write_atomically(html, args.no_clobber, |out| {
            write_summary_html(out, &summary)
        })?;
    }
    if !args.quiet {
        eprintln!(
            "tandem: {} aligned, {} failed, {} ({} flagged) in {:.1} s; summary in {}",
            crate::align::count(summary.documents - summary.failed, "document"),
            summary.failed,
            crate::align::count(summary.pairs, "pair"),
            summary.flagged,
            started.elapsed().as_secs_f64(),
            summary_path.display()
        );
        for result in results.iter().filter(|r| r.error.is_some()) {
            eprintln!(
                "tandem: error: {}: {}",
                result.name,
                result.error.as_deref().unwrap_or("")
            );
        }
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn remove_stray_temporaries(dir: &Path) -> Result<()> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list {}", folder.display()))?
        {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else if name.starts_with(".tandem-") && name.ends_with(".tmp") {
                std::fs::remove_file(entry.path()).with_context(|| {
                    format!("cannot remove the stray {}", entry.path().display())
                })?;
            }
        }
    }
    Ok(())
}

fn progress_bar(documents: usize, hidden: bool) -> indicatif::ProgressBar {
    if hidden || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(documents as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} documents, {msg}, ETA {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

fn report_document(
    result: &DocumentResult,
    fresh: bool,
    args: &BatchArgs,
    progress: &indicatif::ProgressBar,
) {
    if !args.verbose {
        return;
    }
    let line = match &result.error {
        Some(error) => format!("{}: failed: {error}", result.name),
        None if !fresh => format!("{}: done before, skipped", result.name),
        None => format!(
            "{}: {} pairs, {} flagged",
            result.name, result.pairs, result.flagged
        ),
    };
    progress.suspend(|| eprintln!("tandem: {line}"));
}

fn output_exists(dir: &Path, result: &DocumentResult) -> bool {
    result.error.is_none()
        && result
            .output
            .as_ref()
            .is_some_and(|o| dir.join(o).is_file())
}

/// Aligns one document; any failure, even a panic, becomes its error.
fn process(job: &Job, dir: &Path, settings: &Settings<'_>) -> DocumentResult {
    let mut result = DocumentResult {
        name: job.name.clone(),
        source: job.source.display().to_string(),
        target: job.target.display().to_string(),
        output: None,
        pairs: 0,
        flagged: 0,
        flagged_share: 0.0,
        mean_confidence: 0.0,
        sentences: (0, 0),
        warnings: Vec::new(),
        error: None,
    };
    // Moses's two files are named by the languages after the name.
    let relative = match extension(settings.format) {
        "" => job.name.clone(),
        extension => format!("{}.{extension}", job.name),
    };
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> Result<_> {
        let output = safe_join(dir, &relative)?;
        if let Some(parent) = output.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let src_lang = job
            .src_lang
            .as_deref()
            .map(LanguageTag::parse)
            .transpose()?;
        let tgt_lang = job
            .tgt_lang
            .as_deref()
            .map(LanguageTag::parse)
            .transpose()?;
        let read = ReadOptions {
            src_lang: src_lang.as_ref().or(settings.read.src_lang),
            tgt_lang: tgt_lang.as_ref().or(settings.read.tgt_lang),
            ..settings.read
        };
        let settings = Settings {
            read,
            ..settings.clone()
        };
        align_document(&job.source, Some(&job.target), &settings, &output, None)
    }));
    match attempt {
        Ok(Ok(outcome)) => {
            let summary = &outcome.summary;
            result.output = Some(relative);
            result.pairs = summary.pairs;
            result.flagged = summary.flagged;
            result.flagged_share = if summary.pairs > 0 {
                summary.flagged as f64 / summary.pairs as f64
            } else {
                0.0
            };
            result.mean_confidence = summary.report.mean_confidence;
            result.sentences = outcome.sentences;
            result.warnings = outcome.warnings;
        }
        Ok(Err(error)) => result.error = Some(format!("{error:#}")),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown");
            result.error = Some(format!("internal error (please report it): {message}"));
        }
    }
    result
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Tmx => "tmx",
        Format::Tsv => "tsv",
        Format::Jsonl => "jsonl",
        Format::Beads => "beads",
        Format::Xliff => "xlf",
        Format::Moses => "",
    }
}

/// `dir` joined with a relative path that must stay inside it: no `..`, no
/// root, no drive, nothing empty.
pub fn safe_join(dir: &Path, relative: &str) -> Result<PathBuf> {
    let path = Path::new(relative);
    let mut joined = dir.to_path_buf();
    let mut parts = 0;
    for component in path.components() {
        match component {
            Component::Normal(part) => {
                joined.push(part);
                parts += 1;
            }
            Component::CurDir => {}
            _ => bail!(
                "the output name '{relative}' would leave the output folder {}",
                dir.display()
            ),
        }
    }
    if parts == 0 {
        bail!("an empty output name");
    }
    Ok(joined)
}

fn check_unique_names(jobs: &[Job]) -> Result<()> {
    let mut seen: HashMap<&str, &Job> = HashMap::new();
    for job in jobs {
        if let Some(other) = seen.insert(&job.name, job) {
            bail!(
                "two documents would be written to the same output '{}': {} and {}",
                job.name,
                other.source.display(),
                job.source.display()
            );
        }
    }
    Ok(())
}

fn state_file_name(shard: Option<Shard>) -> String {
    match shard {
        Some(Shard { k, n }) => format!(".tandem-batch-{k}-of-{n}.jsonl"),
        None => STATE_FILE.to_string(),
    }
}

/// The creation date and finished documents recorded by every state file
/// in `dir` (the unsharded run's first, then the shards' in name order).
fn read_states(dir: &Path) -> Result<(Option<String>, BTreeMap<String, DocumentResult>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(".tandem-batch") && n.ends_with(".jsonl")
            })
        })
        .collect();
    paths.sort_by_key(|p| (p.file_name() != Some(STATE_FILE.as_ref()), p.clone()));
    let mut date = None;
    let mut finished = BTreeMap::new();
    for path in paths {
        let file = std::fs::File::open(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut lines = BufReader::new(file).lines();
        let Some(first) = lines.next().transpose()? else {
            continue;
        };
        let state: RunState = serde_json::from_str(&first)
            .with_context(|| format!("{}: not a tandem batch state file", path.display()))?;
        date.get_or_insert(state.creation_date);
        for line in lines {
            let line = line?;
            // A run killed while writing leaves at most a cut last line.
            if let Ok(result) = serde_json::from_str::<DocumentResult>(&line)
                && result.error.is_none()
            {
                finished.insert(result.name.clone(), result);
            }
        }
    }
    Ok((date, finished))
}

/// The default ways files pair up in a folder.
pub const DEFAULT_PATTERNS: [&str; 3] = [
    "{name}.{lang}.txt",
    "{lang}/{name}.txt",
    "{name}_{lang}.txt",
];

/// A path template as a regular expression: `{name}` any text, `{lang}` a
/// language tag.
fn pattern_regex(template: &str) -> Result<regex::Regex> {
    if !template.contains("{name}") || !template.contains("{lang}") {
        bail!("--pair-pattern '{template}' must hold {{name}} and {{lang}}");
    }
    let mut expression = String::from("^");
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        expression.push_str(&regex::escape(&rest[..at]));
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("{name}") {
            expression.push_str("(?P<name>.+?)");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{lang}") {
            expression.push_str("(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)");
            rest = after;
        } else {
            expression.push_str(&regex::escape("{"));
            rest = &rest[1..];
        }
    }
    expression.push_str(&regex::escape(rest));
    expression.push('$');
    regex::Regex::new(&expression).with_context(|| format!("--pair-pattern '{template}'"))
}

/// Every file under `dir` (not under `skip`, not hidden), as paths
/// relative to `dir` with `/` between components, sorted.
fn files_under(dir: &Path, skip: &Path) -> Result<Vec<String>> {
    let skip = skip.canonicalize().ok();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        if skip
            .as_ref()
            .is_some_and(|s| folder.canonicalize().ok().as_ref() == Some(s))
        {
            continue;
        }
        for entry in std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list {}", folder.display()))?
        {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Pairs the files of a folder by the first pattern each matches; returns
/// the jobs, sorted by name, and the files left without a counterpart.
pub fn pair_folder(
    dir: &Path,
    output: &Path,
    patterns: &[String],
    src_lang: &Option<LanguageTag>,
    tgt_lang: &Option<LanguageTag>,
) -> Result<(Vec<Job>, Vec<String>)> {
    let regexes: Vec<regex::Regex> = patterns
        .iter()
        .map(|p| pattern_regex(p))
        .collect::<Result<_>>()?;
    // name → language → file
    let mut groups: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut unpaired = Vec::new();
    for file in files_under(dir, output)? {
        let matched = regexes.iter().find_map(|r| {
            let c = r.captures(&file)?;
            Some((c["name"].to_string(), c["lang"].to_string()))
        });
        match matched {
            Some((name, lang)) => {
                groups.entry(name).or_default().insert(lang, file);
            }
            None => unpaired.push(file),
        }
    }
    let mut jobs = Vec::new();
    let mut languages_seen: Vec<String> = Vec::new();
    for (name, files) in groups {
        let pick = |wanted: &Option<LanguageTag>, not: Option<&str>| -> Option<(String, String)> {
            match wanted {
                Some(tag) => files
                    .iter()
                    .filter(|(lang, _)| language_match(tag.as_str(), lang) > 0)
                    .map(|(l, f)| (l.clone(), f.clone()))
                    .next(),
                None => files
                    .iter()
                    .find(|(lang, _)| Some(lang.as_str()) != not)
                    .map(|(l, f)| (l.clone(), f.clone())),
            }
        };
        if files.len() < 2 {
            unpaired.extend(files.into_values());
            continue;
        }
        if src_lang.is_none() && files.len() == 2 {
            for lang in files.keys() {
                if !languages_seen.contains(lang) {
                    languages_seen.push(lang.clone());
                }
            }
            continue;
        }
        let Some((src_code, src_file)) = pick(src_lang, None) else {
            unpaired.extend(files.into_values());
            continue;
        };
        let Some((tgt_code, tgt_file)) = pick(tgt_lang, Some(&src_code)) else {
            unpaired.extend(files.into_values());
            continue;
        };
        jobs.push(Job {
            name,
            source: dir.join(&src_file),
            target: dir.join(&tgt_file),
            src_lang: Some(src_code).filter(|c| LanguageTag::parse(c).is_ok()),
            tgt_lang: Some(tgt_code).filter(|c| LanguageTag::parse(c).is_ok()),
        });
    }
    unpaired.sort();
    if !languages_seen.is_empty() {
        bail!(
            "{}: the file names carry the languages {}; say which is the source with --src-lang",
            dir.display(),
            languages_seen.join(", ")
        );
    }
    Ok((jobs, unpaired))
}

/// One line of a JSONL manifest.
#[derive(Deserialize)]
struct ManifestEntry {
    source: PathBuf,
    target: PathBuf,
    output: Option<String>,
    src_lang: Option<String>,
    tgt_lang: Option<String>,
}

/// Reads a manifest: TSV (`source<TAB>target[<TAB>output[<TAB>src_lang<TAB>tgt_lang]]`,
/// `#` comments, an optional header line starting with `source`) or JSONL
/// (objects with those keys). Paths are relative to the manifest's folder.
pub fn read_manifest(path: &Path) -> Result<Vec<Job>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let jsonl = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("json"));
    let mut jobs = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{}: line {}", path.display(), number + 1);
        let entry = if jsonl {
            serde_json::from_str::<ManifestEntry>(line).with_context(at)?
        } else {
            let fields: Vec<&str> = line.split('\t').collect();
            if number == 0 && fields[0].eq_ignore_ascii_case("source") {
                continue;
            }
            if fields.len() < 2 {
                bail!("{}: expected source<TAB>target", at());
            }
            let field = |k: usize| fields.get(k).map(|f| f.trim()).filter(|f| !f.is_empty());
            ManifestEntry {
                source: PathBuf::from(fields[0].trim()),
                target: PathBuf::from(fields[1].trim()),
                output: field(2).map(str::to_string),
                src_lang: field(3).map(str::to_string),
                tgt_lang: field(4).map(str::to_string),
            }
        };
        let name = match entry.output {
            Some(output) => strip_extension(&output),
            None => strip_extension(&entry.source.to_string_lossy()),
        };
        jobs.push(Job {
            name,
            source: base.join(&entry.source),
            target: base.join(&entry.target),
            src_lang: entry.src_lang,
            tgt_lang: entry.tgt_lang,
        });
    }
    Ok(jobs)
}

fn strip_extension(name: &str) -> String {
    let path = Path::new(name);
    match (path.extension(), path.file_stem()) {
        (Some(_), Some(stem)) => path
            .with_file_name(stem)
            .to_string_lossy()
            .replace('\\', "/"),
        _ => name.replace('\\', "/"),
    }
}

/// Totals over the documents, and each document's figures.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub failed: usize,
    pub pairs: usize,
    pub flagged: usize,
    pub unpaired_files: Vec<String>,
    pub results: Vec<DocumentResult>,
}

impl Summary {
    fn of(results: &[DocumentResult], unpaired: &[String]) -> Summary {
        Summary {
            documents: results.len(),
            failed: results.iter().filter(|r| r.error.is_some()).count(),
            pairs: results.iter().map(|r| r.pairs).sum(),
            flagged: results.iter().map(|r| r.flagged).sum(),
            unpaired_files: unpaired.to_vec(),
            results: results.to_vec(),
        }
    }
}

fn write_summary_html(mut out: Box<dyn Write + '_>, summary: &Summary) -> Result<()> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tandem batch summary</title>\
         <style>body{{font-family:system-ui,sans-serif;margin:1.5em}}td,th{{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}}\
         .failed{{background:#fdd}}</style></head><body>\n<h1>tandem batch summary</h1>\n\
         <p id=\"totals\">{} documents, {} failed, {} pairs, {} flagged</p>\n<table><tr><th>document</th>\
         <th>pairs</th><th>flagged</th><th>mean confidence</th><th>error</th></tr>\n",
        summary.documents, summary.failed, summary.pairs, summary.flagged
    )?;
    for r in &summary.results {
        writeln!(
            out,
            "<tr{}><td>{}</td><td>{}</td><td>{:.1}%</td><td>{:.3}</td><td>{}</td></tr>",
            if r.error.is_some() {
                " class=\"failed\""
            } else {
                ""
            },
            escape_html(&r.name),
            r.pairs,
            100.0 * r.flagged_share,
            r.mean_confidence,
            escape_html(r.error.as_deref().unwrap_or(""))
        )?;
    }
    writeln!(out, "</table>\n</body></html>")?;
    out.flush()?;
    Ok(())
}

/// Merges the documents' TMX files, in input order, into one: each
/// distinct pair once, with an `x-document` prop for every document it
/// came from and `x-occurrences` when it came more than once. Two passes
/// over the files; memory holds a fingerprint and document numbers per
/// distinct pair, never the texts.
fn merge(
    dir: &Path,
    results: &[DocumentResult],
    merged: &Path,
    settings: &Settings<'_>,
) -> Result<()> {
    let outputs: Vec<(usize, &DocumentResult, PathBuf)> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| r.error.is_none())
        .filter_map(|(k, r)| Some((k, r, dir.join(r.output.as_ref()?))))
        .collect();
    let fingerprint = |s: &str, t: &str| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (s, t).hash(&mut h);
        h.finish()
    };
    // Pass 1: which documents each distinct pair comes from.
    let mut documents: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut src_lang = settings.read.src_lang.map(|t| t.to_string());
    for (k, _, path) in &outputs {
        let (srclang, pairs) = pairs_of(path)?;
        if src_lang.is_none() {
            src_lang = srclang;
        }
        for DocumentPair {
            source: s,
            target: t,
            ..
        } in pairs
        {
            let docs = documents.entry(fingerprint(&s, &t)).or_default();
            if docs.last() != Some(&(*k as u32)) {
                docs.push(*k as u32);
            }
        }
    }
    let header = Header {
        creation_tool: "tandem".into(),
        creation_tool_version: env!("CARGO_PKG_VERSION").into(),
        segtype: SegType::Sentence,
        srclang: src_lang.unwrap_or_else(|| "*all*".into()),
        adminlang: "en".into(),
        creation_date: Some(settings.creation_date.clone()),
    };
    // Pass 2: each pair the first time it comes.
    write_atomically(merged, settings.no_clobber, |out| {
        let mut writer = TmxWriter::new(out, &header)?;
        let mut written: HashMap<u64, ()> = HashMap::new();
        let mut number = 0usize;
        for (_, _, path) in &outputs {
            for DocumentPair {
                tgt_lang,
                source: s,
                target: t,
                props,
            } in pairs_of(path)?.1
            {
                let key = fingerprint(&s, &t);
                if written.insert(key, ()).is_some() {
                    continue;
                }
                number += 1;
                let mut props: Vec<(String, String)> = props
                    .into_iter()
                    .filter(|(k, _)| k != "x-document")
                    .collect();
                let docs = &documents[&key];
                for d in docs {
                    props.push(("x-document".into(), results[*d as usize].name.clone()));
                }
                if docs.len() > 1 {
                    props.push(("x-occurrences".into(), docs.len().to_string()));
                }
                writer.write_unit(&TranslationUnit {
                    tuid: number.to_string(),
                    props,
                    variants: vec![(header.srclang.clone(), s), (tgt_lang, t)],
                })?;
            }
        }
        writer.finish()?;
        Ok(())
    })
}

/// A pair as a document's TMX holds it.
struct DocumentPair {
    tgt_lang: String,
    source: String,
    target: String,
    props: Vec<(String, String)>,
}

/// The header's source language and the pairs of one document's TMX
/// (written by this run: the header's language is the source's).
fn pairs_of(path: &Path) -> Result<(Option<String>, Vec<DocumentPair>)> {
    let reader = open_tmx(path)?;
    let header_lang = reader.header().srclang.clone();
    let srclang = header_lang.clone().unwrap_or_default();
    let mut pairs = Vec::new();
    for unit in reader {
        let unit = unit.with_context(|| format!("{}", path.display()))?;
        let source = unit.variants.iter().find(|v| v.lang == srclang);
        let target = unit.variants.iter().find(|v| v.lang != srclang);
        if let (Some(s), Some(t)) = (source, target) {
            pairs.push(DocumentPair {
                tgt_lang: t.lang.clone(),
                source: s.text.clone(),
                target: t.text.clone(),
                props: unit.props,
            });
        }
    }
    Ok((header_lang, pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_stay_inside_the_output_folder() {
        let dir = Path::new("out");
        assert_eq!(safe_join(dir, "a/b.tmx").unwrap(), Path::new("out/a/b.tmx"));
        assert_eq!(safe_join(dir, "./b.tmx").unwrap(), Path::new("out/b.tmx"));
        for bad in ["../b.tmx", "/etc/passwd", "a/../../b", "", "."] {
            assert!(safe_join(dir, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_are_parsed_and_checked() {
        assert_eq!(parse_shard("2/4"), Ok(Shard { k: 2, n: 4 }));
        for bad in ["0/4", "5/4", "2", "a/b", "1/0"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn templates_match_names_and_languages() {
        let r = pattern_regex("{name}.{lang}.txt").unwrap();
        let c = r.captures("reports/2024.zh-CN.txt").unwrap();
        assert_eq!((&c["name"], &c["lang"]), ("reports/2024", "zh-CN"));
        let r = pattern_regex("{lang}/{name}.txt").unwrap();
        let c = r.captures("en/a/b.txt").unwrap();
        assert_eq!((&c["name"], &c["lang"]), ("a/b", "en"));
        assert!(pattern_regex("{name}.txt").is_err());
    }
}
