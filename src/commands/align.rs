//! `tandem align`: one document and its translation into a memory.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Result, bail};
use clap::Args;
use tandem_align::Models;

use crate::args::{
    DocumentArgs, ExportArgs, OutputArgs, ReportArgs, ThresholdArgs, WriteArgs, output_format,
};
use crate::document::{Corrected, Settings, align_files};
use crate::files::{is_stdout, refuse_existing};
use crate::messages::plural;

/// `tandem align`'s arguments.
#[derive(Args)]
pub struct AlignArgs {
    /// The source document (with TARGET), the interleaved file (with --interleaved), or a bilingual XLIFF file (alone); `-` for standard input.
    #[arg(value_name = "SOURCE")]
    source: PathBuf,
    /// The target document: the translation of SOURCE; `-` for standard input. Not given for an XLIFF file that holds both (its units are split into sentence pairs).
    #[arg(value_name = "TARGET", conflicts_with = "interleaved")]
    target: Option<PathBuf>,
    /// SOURCE is one bilingual file whose paragraphs alternate between the two languages.
    #[arg(long)]
    interleaved: bool,
    /// Where to write; `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    #[command(flatten)]
    output_options: OutputArgs,
    #[command(flatten)]
    document: DocumentArgs,
    #[command(flatten)]
    write: WriteArgs,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    export: ExportArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
    /// Align with a reviewer's decisions (a NAME.tandem.json file that `tandem review` saves): confirmed pairs kept as they are, links and marks honoured, the rest aligned around them (docs/review.md).
    #[arg(long, value_name = "FILE")]
    corrections: Option<PathBuf>,
    /// Print the estimated length model and bead priors.
    #[arg(short, long)]
    verbose: bool,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
}

/// Runs `tandem align`.
pub fn run(args: AlignArgs) -> Result<ExitCode> {
    let format = output_format(args.output_options.format, &args.output)?;
    if args.interleaved
        && (args.document.src_encoding.is_some() || args.document.tgt_encoding.is_some())
    {
        bail!("--interleaved reads one file: name its encoding with --encoding");
    }
    let xliff = tandem_pipeline::xliff_input::is_xliff_name(&args.source);
    if args.target.is_none() && !args.interleaved && !xliff {
        bail!(
            "give the translation of {} as TARGET, or --interleaved if the file holds both languages",
            crate::files::display(&args.source)
        );
    }
    if args.write.no_clobber {
        let output = (!is_stdout(&args.output)).then_some(args.output.as_path());
        refuse_existing([output, args.report.report.as_deref()])?;
    }
    let started = Instant::now();
    let dictionaries = args.document.dictionaries.load()?;
    let srx = args.document.srx.load()?;
    let read = args.document.read_settings(srx.as_ref());
    let settings = Settings {
        align: args
            .output_options
            .align_settings(&args.thresholds, &args.export, dictionaries),
        format,
        creation_date: args.write.creation_date()?,
        no_clobber: args.write.no_clobber,
    };
    let report = args.report.target()?;
    let corrections = args
        .corrections
        .as_deref()
        .map(Corrected::read)
        .transpose()?;
    let outcome = align_files(
        (&args.source, args.target.as_deref()),
        &read,
        &settings,
        &args.output,
        report.as_ref(),
        corrections.as_ref(),
    )?;
    let written = &outcome.written;
    if !args.quiet {
        for warning in &outcome.warnings {
            say!("tandem: warning: {warning}");
        }
    }
    if args.verbose {
        let embeddings = (settings.align.encoder.as_ref()).is_some_and(|e| e.encoder().is_some());
        let evidence = if embeddings {
            "length, anchors, self-trained translation model, sentence embeddings"
        } else {
            "length, anchors, self-trained translation model (no sentence embeddings)"
        };
        say!("tandem: evidence: {evidence}");
        print_estimates(&outcome.models);
    }
    if !args.quiet {
        let document_score = (written.summary.document_score)
            .map_or_else(String::new, |score| format!("; document score {score:.2}"));
        say!(
            "tandem: {} written to {} ({} flagged, {} left unaligned{document_score}) in {:.2} s",
            plural(written.pairs, "pair"),
            outcome.destination,
            written.flagged,
            plural(written.unaligned, "sentence"),
            started.elapsed().as_secs_f64()
        );
        if written.removed > 0 {
            say!(
                "tandem: warning: {} that XML 1.0 forbids left out",
                plural(written.removed, "character")
            );
        }
        let dropped = written.summary.dropped_by_name();
        if !dropped.is_empty() {
            let dropped: Vec<String> = dropped
                .iter()
                .map(|(why, n)| format!("{n} by {why}"))
                .collect();
            say!("tandem: pairs left out: {}", dropped.join(", "));
        }
        if let Some((path, _)) = &report {
            say!("tandem: report written to {}", path.display());
        }
    }
    Ok(if args.report.fails(&written.summary) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_estimates(models: &Models) {
    say!(
        "tandem: sentence lengths: {:.3} target characters per source character, variance {:.2} per source character",
        models.sentences.ratio,
        models.sentences.variance
    );
    if models.tail.weight > 0.0 {
        say!(
            "tandem: sentence length tail: {:.1}% of translations {:.1} times as spread",
            100.0 * models.tail.weight,
            models.tail.scale
        );
    } else {
        say!("tandem: sentence length tail: none (too few 1-1 pairs to fit one)");
    }
    let b = &models.boundaries;
    say!(
        "tandem: paragraph breaks: a bead begins paragraphs on both sides {:.3}, on one side {:.3}, on neither {:.3}; a break inside a bead {:.3}",
        b.pair_start[1][1],
        b.pair_start[1][0] + b.pair_start[0][1],
        b.pair_start[0][0],
        b.inside
    );
    let priors: Vec<String> = models
        .priors
        .shapes()
        .iter()
        .map(|(shape, p)| format!("{shape} {p:.3}"))
        .collect();
    say!("tandem: bead priors: {}", priors.join(", "));
}
