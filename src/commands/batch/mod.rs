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

mod folder;
mod jobs;
mod manifest;
mod process;
mod state;
mod summary;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::Args;
use rayon::prelude::*;
use tandem_pipeline::format::Format;
use tandem_text::TagStyle;

use crate::args::{DocumentArgs, ExportArgs, OutputArgs, ThresholdArgs, WriteArgs, parse_positive};
use crate::document::Settings;
use crate::files::write_atomically;
use crate::messages::plural;
use folder::{DEFAULT_PATTERNS, pair_folder};
use jobs::{Shard, check_unique_names, parse_shard};
use manifest::read_manifest;
use process::{merge_outputs, process};
use state::{DocumentResult, StateFile, output_exists, read_states, remove_stray_temporaries};
use summary::Summary;

/// `tandem batch`'s arguments.
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
    #[command(flatten)]
    output_options: OutputArgs,
    /// How files pair up in a folder: a path template with {name} and {lang}, and {ext} for any document extension tandem reads (txt, docx, odt, html …), e.g. '{name}.{lang}.txt' (repeatable). Default: {name}.{lang}.{ext}, {lang}/{name}.{ext}, {name}_{lang}.{ext}.
    #[arg(long, value_name = "TEMPLATE")]
    pair_pattern: Vec<String>,
    #[command(flatten)]
    document: DocumentArgs,
    /// Documents aligned at once (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = parse_positive, allow_negative_numbers = true)]
    jobs: Option<usize>,
    /// Skip the documents a killed or failed run already finished.
    #[arg(long, conflicts_with = "no_clobber")]
    resume: bool,
    /// Process only the K-th of N slices of the documents (1-based), e.g. 2/4.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<Shard>,
    #[command(flatten)]
    write: WriteArgs,
    /// Also write the summary as a self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    summary_html: Option<PathBuf>,
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

/// Runs `tandem batch`.
pub fn run(args: BatchArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let format = args.output_options.format.unwrap_or(Format::Tmx);
    if args.merge.is_some() && format != Format::Tmx {
        bail!("--merge writes one TMX: use it with --format tmx");
    }
    let languages = (
        args.document.src_lang.as_ref(),
        args.document.tgt_lang.as_ref(),
    );
    let (mut jobs, unpaired) = if args.input.is_dir() {
        let patterns = if args.pair_pattern.is_empty() {
            DEFAULT_PATTERNS.iter().map(|p| p.to_string()).collect()
        } else {
            args.pair_pattern.clone()
        };
        pair_folder(&args.input, &args.output, &patterns, languages)?
    } else {
        (read_manifest(&args.input, languages)?, Vec::new())
    };
    check_unique_names(&jobs)?;
    if let Some(shard) = args.shard {
        jobs = shard.of(jobs);
    }
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    remove_stray_temporaries(&args.output)?;

    // A resumed run reads every state file in the folder, keeps their date
    // and skips what they record; each shard writes its own.
    let (recorded_date, finished) = if args.resume {
        read_states(&args.output)?
    } else {
        (None, BTreeMap::new())
    };
    let creation_date = match (&args.write.creation_date, recorded_date) {
        (None, Some(date)) => date,
        _ => args.write.creation_date()?,
    };
    let mut state = StateFile::open(&args.output, args.shard, args.resume, &creation_date)?;

    let dictionaries = args.document.dictionaries.load()?;
    let srx = args.document.srx.load()?;
    let read = args.document.read_settings(srx.as_ref());
    let tag_style: TagStyle = args.output_options.tmx_lang_style.into();
    let settings = Settings {
        align: args
            .output_options
            .align_settings(&args.thresholds, &args.export, dictionaries),
        format,
        creation_date,
        no_clobber: args.write.no_clobber,
    };
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;

    let progress = progress_bar(jobs.len(), args.quiet || args.verbose);
    if !args.quiet {
        for file in &unpaired {
            progress.suspend(|| say!("tandem: warning: {file}: no counterpart, left out"));
        }
    }
    // Documents are aligned on the pool in any order and recorded as they
    // finish (each output is already on disk, so a result is a few
    // figures); the summary and the merge take them in input order.
    let mut slots: Vec<Option<DocumentResult>> = vec![None; jobs.len()];
    let mut sentences_done = 0usize;
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, DocumentResult, bool)>();
    std::thread::scope(|scope| -> Result<()> {
        let (jobs, finished, settings, output, read) =
            (&jobs, &finished, &settings, &args.output, &read);
        scope.spawn(move || {
            pool.install(|| {
                jobs.par_iter()
                    .enumerate()
                    .for_each_with(sender, |sender, (k, job)| {
                        let (result, fresh) = match finished.get(&job.name) {
                            Some(done) if output_exists(output, done) => (done.clone(), false),
                            _ => (process(job, output, read, settings), true),
                        };
                        // The receiver only stops early on an error it reports.
                        let _ = sender.send((k, result, fresh));
                    })
            })
        });
        for (k, result, fresh) in receiver {
            if fresh {
                state.record(&result)?;
            }
            sentences_done += result.sentences.0 + result.sentences.1;
            if args.verbose {
                progress.suspend(|| say!("tandem: {}", document_line(&result, fresh)));
            }
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
        // The merged memory's source tag is the run's, styled as every
        // document's is.
        let srclang = args.document.src_lang.as_ref().map(|t| t.styled(tag_style));
        merge_outputs(&args.output, &results, merged, srclang.as_ref(), &settings)?;
    }
    let summary = Summary::of(results, &unpaired);
    let summary_path = args.output.join("summary.json");
    write_atomically(&summary_path, args.write.no_clobber, |mut out| {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(())
    })?;
    if let Some(html) = &args.summary_html {
        write_atomically(html, args.write.no_clobber, |out| summary.write_html(out))?;
    }
    if !args.quiet {
        say!(
            "tandem: {} aligned, {} failed, {} ({} flagged) in {:.1} s; summary in {}",
            plural(summary.documents - summary.failed, "document"),
            summary.failed,
            plural(summary.pairs, "pair"),
            summary.flagged,
            started.elapsed().as_secs_f64(),
            summary_path.display()
        );
        for result in summary.results.iter().filter(|r| r.error.is_some()) {
            say!(
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

/// A document's line under `--verbose`.
fn document_line(result: &DocumentResult, fresh: bool) -> String {
    match &result.error {
        Some(error) => format!("{}: failed: {error}", result.name),
        None if !fresh => format!("{}: done before, skipped", result.name),
        None => format!(
            "{}: {} pairs, {} flagged",
            result.name, result.pairs, result.flagged
        ),
    }
}
