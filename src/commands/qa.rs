//! `tandem qa FILE.tmx`: checks a translation memory from anywhere (an
//! agency, an old export) and reports its weak and suspicious pairs.
//!
//! The file is read as a stream, up to three times: to find its languages
//! (unless both are given), to estimate its length relation, and to check
//! every unit. Memory stays bounded by the largest unit and a hash per
//! pair, whatever the file's size. Standard input (`-`) is read whole
//! first, within --max-input-size.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow};
use clap::Args;
use tandem_pipeline::format::{MemoryInfo, PairWriter, tmx};
use tandem_pipeline::qa::{MemoryCheck, cleaned_unit, length_model};
use tandem_pipeline::report::{ReportRow, report_writer};
use tandem_pipeline::{ExportPolicy, QaSummary};
use tandem_tmx::{LanguagePairError, ReadWarnings, SegType, language_pair};

use crate::args::{ExportArgs, InputSizeArgs, ReportArgs, ThresholdArgs, WriteArgs};
use crate::files::{display, is_stdout, open_tmx, read_bounded, refuse_existing, write_atomically};
use crate::messages::plural;

/// `tandem qa`'s arguments.
#[derive(Args)]
pub struct QaArgs {
    /// The TMX file to check (TMX 1.1-1.4b, UTF-8 or UTF-16); `-` for standard input.
    #[arg(value_name = "FILE")]
    tmx: PathBuf,
    /// The source language: the tuv whose language matches best (zh-CN matches zh-CN, then zh-Hans or zh_cn, then zh). Default: the header's srclang, else the commonest language.
    #[arg(long, value_name = "TAG")]
    src_lang: Option<String>,
    /// The target language. Default: the commonest other language.
    #[arg(long, value_name = "TAG")]
    tgt_lang: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
    /// Write the pairs kept (see the export options) to a new TMX.
    #[arg(long, value_name = "FILE")]
    write_tmx: Option<PathBuf>,
    #[command(flatten)]
    export: ExportArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
    #[command(flatten)]
    write: WriteArgs,
    #[command(flatten)]
    size: InputSizeArgs,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

/// What checking a memory gave.
struct Checked {
    summary: QaSummary,
    unscored: usize,
    written: usize,
    warnings: ReadWarnings,
}

/// Runs `tandem qa`.
pub fn run(args: QaArgs) -> Result<ExitCode> {
    let path = &args.tmx;
    let no_clobber = args.write.no_clobber;
    if no_clobber {
        refuse_existing([args.report.report.as_deref(), args.write_tmx.as_deref()])?;
    }
    let stdin = match is_stdout(path) {
        true => Some(read_bounded(path, args.size.max_input_size)?),
        false => None,
    };
    let open = || open_tmx(path, stdin.as_deref());
    let (src_lang, tgt_lang) = match (&args.src_lang, &args.tgt_lang) {
        (Some(src), Some(tgt)) => (src.clone(), tgt.clone()),
        (src, tgt) => language_pair(open()?, src.as_deref(), tgt.as_deref()).map_err(|e| match e {
            LanguagePairError::NoOtherLanguage(src) => anyhow!(
                "{}: no language besides {src} in the file; name the pair with --src-lang and --tgt-lang",
                display(path)
            ),
            e => anyhow!("{}: {e}", display(path)),
        })?,
    };
    let languages = (src_lang.as_str(), tgt_lang.as_str());
    let model = length_model(open()?, languages).with_context(|| format!("{}", display(path)))?;
    let report = args.report.target()?;
    let title = display(path).into_owned();
    let creation_date = args.write.creation_date()?;
    let export = args.export.policy();
    let check = MemoryCheck::new(languages, model, args.thresholds.thresholds());

    // The report and the exported memory are written side by side, each to
    // a temporary file renamed when complete.
    let checked = with_optional_output(
        report.as_ref().map(|r| r.0.as_path()),
        no_clobber,
        |report_out| {
            let mut report_writer = match (&report, report_out) {
                (Some((_, format)), Some(out)) => Some(report_writer(*format, out, &title)?),
                _ => None,
            };
            let checked = with_optional_output(args.write_tmx.as_deref(), no_clobber, |tmx_out| {
                let tmx = match tmx_out {
                    Some(out) => {
                        let memory = MemoryInfo {
                            src_lang: &src_lang,
                            tgt_lang: &tgt_lang,
                            document: None,
                            segtype: SegType::Sentence,
                            creation_date: &creation_date,
                        };
                        Some(Box::new(tmx::Writer::new(out, &memory)?) as Box<dyn PairWriter + '_>)
                    }
                    None => None,
                };
                let units = open()?;
                check_units(
                    path,
                    units,
                    check,
                    &export,
                    report_writer.as_deref_mut(),
                    tmx,
                )
            })?;
            if let Some(writer) = report_writer {
                writer.finish(&checked.summary)?;
            }
            Ok(checked)
        },
    )?;

    let summary = &checked.summary;
    if !args.quiet {
        say!(
            "tandem: {}: {} ({src_lang} → {tgt_lang}) checked, {} flagged ({:.1}%)",
            display(path),
            plural(summary.pairs, "pair"),
            summary.flagged,
            100.0 * summary.flagged_share()
        );
        for (id, n) in summary.by_flag_id() {
            say!("tandem:   {id}: {n}");
        }
        if checked.unscored > 0 {
            say!(
                "tandem: warning: {} units have no variant in {src_lang} or {tgt_lang} and were not checked",
                checked.unscored
            );
        }
        let warnings = &checked.warnings;
        if warnings.unknown_entities > 0 {
            say!(
                "tandem: warning: {} references to entities XML does not define (first: {}) were kept as written",
                warnings.unknown_entities,
                warnings.first_unknown_entity.as_deref().unwrap_or("")
            );
        }
        if let Some(out) = &args.write_tmx {
            let dropped: Vec<String> = summary
                .dropped_by_name()
                .iter()
                .map(|(why, n)| format!("{n} by {why}"))
                .collect();
            say!(
                "tandem: {} written to {}{}",
                plural(checked.written, "pair"),
                out.display(),
                if dropped.is_empty() {
                    String::new()
                } else {
                    format!(" (left out: {})", dropped.join(", "))
                }
            );
        }
        if let Some((report, _)) = &report {
            say!("tandem: report written to {}", report.display());
        }
    }
    Ok(if args.report.fails(summary) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks every unit, reports it, and writes the pairs `export` keeps to
/// `tmx`.
fn check_units(
    path: &Path,
    mut units: tandem_tmx::TmxReader<Box<dyn std::io::BufRead + '_>>,
    mut check: MemoryCheck,
    export: &ExportPolicy,
    mut report: Option<&mut (dyn tandem_pipeline::report::ReportWriter + '_)>,
    mut tmx: Option<Box<dyn PairWriter + '_>>,
) -> Result<Checked> {
    let mut checked = Checked {
        summary: QaSummary::default(),
        unscored: 0,
        written: 0,
        warnings: ReadWarnings::default(),
    };
    for unit in units.by_ref() {
        let unit = unit.with_context(|| format!("{}", display(path)))?;
        let Some(pair) = check.check(&unit) else {
            checked.unscored += 1;
            continue;
        };
        checked
            .summary
            .add(pair.score.confidence, &pair.score.flags);
        if let Some(report) = report.as_mut() {
            report.pair(&ReportRow {
                unit: unit.number,
                tuid: unit.tuid.as_deref(),
                source: pair.source,
                target: pair.target,
                confidence: pair.score.confidence,
                flags: &pair.score.flags,
            })?;
        }
        let Some(tmx) = tmx.as_mut() else {
            continue;
        };
        if let Some(reason) = export.reason_to_drop((1, 1), pair.source, pair.target, &pair.score) {
            checked.summary.drop(reason);
            continue;
        }
        tmx.write(&cleaned_unit(&unit, &pair))?;
        checked.written += 1;
    }
    if let Some(tmx) = tmx {
        tmx.finish()?;
    }
    checked.warnings = units.warnings().clone();
    Ok(checked)
}

/// Runs `write` on a temporary file beside `path` (renamed when it
/// succeeds), or on nothing when there is no path.
fn with_optional_output<T>(
    path: Option<&Path>,
    no_clobber: bool,
    write: impl FnOnce(Option<Box<dyn Write + '_>>) -> Result<T>,
) -> Result<T> {
    match path {
        Some(path) => write_atomically(path, no_clobber, |out| write(Some(out))),
        None => write(None),
    }
}
