//! `tandem qa FILE.tmx`: checks a translation memory from anywhere (an
//! agency, an old export) and reports its weak and suspicious pairs.
//!
//! The file is read as a stream, up to four times: to find its languages
//! (unless both are given), to estimate its length relation, to rate every
//! pair against its neighbours under the aligner's model (which holds the
//! pairs' plain text in memory: [`memory_posteriors`]), and to check and
//! write every unit. Standard input (`-`) is read whole first, within
//! --max-input-size.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use clap::Args;
use tandem_pipeline::format::written_tag;
use tandem_pipeline::qa::{MemoryCheck, length_model, memory_posteriors};
use tandem_pipeline::report::{ReportRow, report_writer};
use tandem_pipeline::{ExportPolicy, QaSummary, Unpaired};
use tandem_text::TagStyle;
use tandem_tmx::{LanguagePairError, ReadWarnings, TmxRewriter, language_pair};

use crate::args::{
    ExportArgs, InputSizeArgs, LangStyle, ModelArgs, ReportArgs, ThresholdArgs, WriteArgs,
};
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
    /// Write the memory again without the units the export options leave out: every other unit as it was (attributes, props, notes, every language, inline codes), language tags in BCP 47's form.
    #[arg(long, value_name = "FILE")]
    write_tmx: Option<PathBuf>,
    /// How --write-tmx writes language tags (always well-formed BCP 47: zh_CN becomes zh-CN).
    #[arg(long, value_enum, value_name = "STYLE", default_value = "as-given")]
    tmx_lang_style: LangStyle,
    #[command(flatten)]
    export: ExportArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
    #[command(flatten)]
    write: WriteArgs,
    #[command(flatten)]
    size: InputSizeArgs,
    #[command(flatten)]
    model: ModelArgs,
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
    // Named as every writer writes them, whatever the file wrote (zh_CN).
    let (shown_src, shown_tgt) = (
        written_tag(&src_lang, TagStyle::AsGiven),
        written_tag(&tgt_lang, TagStyle::AsGiven),
    );
    let model = length_model(open()?, languages).with_context(|| format!("{}", display(path)))?;
    let report = args.report.target()?;
    let title = display(path).into_owned();
    let export = args.export.policy();
    let check = MemoryCheck::new(languages, model, args.thresholds.thresholds());
    let style: TagStyle = args.tmx_lang_style.into();
    // Every pair's plain text, to rate each against its neighbours and the
    // memory's own models (meaning, words, lengths).
    let mut pairs: Vec<(String, String)> = Vec::new();
    for unit in open()? {
        let unit = unit.with_context(|| format!("{}", display(path)))?;
        if let Some((source, target)) = check.pair(&unit) {
            pairs.push((source.plain.clone(), target.plain.clone()));
        }
    }
    if pairs.is_empty() {
        let mut languages: Vec<String> = Vec::new();
        for unit in open()?.flatten() {
            for variant in unit.variants {
                if !languages.contains(&variant.lang) {
                    languages.push(variant.lang);
                }
            }
        }
        if !languages.is_empty() {
            bail!(
                "{}: no unit has both {shown_src} and {shown_tgt}; the memory's languages are {}: name two of them with --src-lang and --tgt-lang",
                display(path),
                languages.join(", ")
            );
        }
    }
    if args.write_tmx.is_none() && args.export.any() && !args.quiet {
        say!(
            "tandem: warning: --min-confidence, --only-1to1, --min-chars and --drop-flag choose what --write-tmx writes; without it they change nothing"
        );
    }
    let encoder = args.model.encoder();
    let posteriors = memory_posteriors(&pairs, encoder.as_ref().filter(|e| e.encoder().is_some()));

    // The report and the memory written again side by side, each to a
    // temporary file renamed when complete.
    let checked = with_optional_output(
        report.as_ref().map(|r| r.0.as_path()),
        no_clobber,
        |report_out| {
            let mut report_writer = match (&report, report_out) {
                (Some((_, format)), Some(out)) => Some(report_writer(
                    *format,
                    out,
                    &title,
                    (&shown_src, &shown_tgt),
                )?),
                _ => None,
            };
            let checked = with_optional_output(args.write_tmx.as_deref(), no_clobber, |tmx_out| {
                let units = open()?;
                let tmx = match tmx_out {
                    Some(out) => Some(TmxRewriter::new(out, units.header(), move |tag: &str| {
                        written_tag(tag, style)
                    })?),
                    None => None,
                };
                check_units(
                    path,
                    units,
                    (check, &posteriors),
                    (&shown_src, &shown_tgt),
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
            "tandem: {}: {} ({shown_src} → {shown_tgt}) checked, {} flagged ({:.1}%)",
            display(path),
            plural(summary.pairs, "pair"),
            summary.flagged,
            100.0 * summary.flagged_share()
        );
        for (id, n) in summary.by_flag_id() {
            say!("tandem:   {id}: {n}");
        }
        if checked.unscored > 0 {
            let verb = if checked.unscored == 1 {
                "lacks"
            } else {
                "lack"
            };
            say!(
                "tandem: warning: {} {verb} {shown_src} or {shown_tgt} and could not be checked (the report lists them){}",
                plural(checked.unscored, "unit"),
                match &args.write_tmx {
                    Some(out) => format!(" (kept in {})", out.display()),
                    None => String::new(),
                }
            );
        }
        let warnings = &checked.warnings;
        if warnings.unknown_entities > 0 {
            say!(
                "tandem: warning: {} to entities XML does not define (first: {}) kept as written",
                plural(warnings.unknown_entities, "reference"),
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
                plural(checked.written, "unit"),
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

/// Checks every unit, reports it, and writes every unit `export` does not
/// leave out to `tmx`, as it was (a unit the check cannot pair is kept).
fn check_units(
    path: &Path,
    mut units: tandem_tmx::TmxReader<Box<dyn std::io::BufRead + '_>>,
    (mut check, posteriors): (MemoryCheck, &[f64]),
    languages: (&str, &str),
    export: &ExportPolicy,
    mut report: Option<&mut (dyn tandem_pipeline::report::ReportWriter + '_)>,
    mut tmx: Option<TmxRewriter<Box<dyn Write + '_>>>,
) -> Result<Checked> {
    let mut checked = Checked {
        summary: QaSummary::default(),
        unscored: 0,
        written: 0,
        warnings: ReadWarnings::default(),
    };
    let mut paired = 0;
    for unit in units.by_ref() {
        let unit = unit.with_context(|| format!("{}", display(path)))?;
        let posterior = match check.pair(&unit) {
            Some(_) => {
                paired += 1;
                posteriors.get(paired - 1).copied().unwrap_or(f64::NAN)
            }
            None => f64::NAN,
        };
        let keep = match check.check_at(&unit, posterior) {
            None => {
                checked.unscored += 1;
                checked.summary.add_unpaired(Unpaired {
                    unit: unit.number,
                    tuid: unit.tuid.clone(),
                    message: unpaired_message(&unit, languages),
                });
                true
            }
            Some(pair) => {
                checked
                    .summary
                    .add(pair.score.confidence, &pair.score.flags);
                if let Some(report) = report.as_mut() {
                    report.pair(&ReportRow {
                        unit: unit.number,
                        tuid: unit.tuid.as_deref(),
                        source: &pair.source.text,
                        target: &pair.target.text,
                        confidence: pair.score.confidence,
                        aligner_confidence: unit
                            .props
                            .iter()
                            .find(|(kind, _)| kind == "x-confidence")
                            .and_then(|(_, value)| value.trim().parse().ok()),
                        flags: &pair.score.flags,
                        segments: None,
                        origins: (None, None),
                    })?;
                }
                // A unit of several sentences (counted by the languages'
                // rules) is no 1-1 pair for --only-1to1.
                let sentences = match export.only_1to1 {
                    true => tandem_pipeline::qa::sentence_counts(
                        (&pair.source.plain, &pair.target.plain),
                        languages,
                    ),
                    false => (1, 1),
                };
                let drop = tmx.as_ref().and_then(|_| {
                    export.reason_to_drop(
                        sentences,
                        &pair.source.plain,
                        &pair.target.plain,
                        &pair.score,
                    )
                });
                if let Some(reason) = drop {
                    checked.summary.drop(reason);
                }
                drop.is_none()
            }
        };
        if let Some(tmx) = tmx.as_mut()
            && keep
        {
            tmx.write_unit(&unit)?;
            checked.written += 1;
        }
    }
    if let Some(tmx) = tmx {
        tmx.finish()?;
    }
    checked.warnings = units.warnings().clone();
    Ok(checked)
}

/// Why a unit could not be paired: the language it lacks, and those it has.
fn unpaired_message(unit: &tandem_tmx::ReadUnit, (src, tgt): (&str, &str)) -> String {
    let lacking: Vec<&str> = [src, tgt]
        .into_iter()
        .filter(|&lang| unit.best_variant(lang).is_none())
        .collect();
    let mut has: Vec<String> = unit
        .variants
        .iter()
        .map(|v| written_tag(&v.lang, TagStyle::AsGiven))
        .collect();
    has.dedup();
    format!(
        "no variant in {}; it has {}",
        lacking.join(" or "),
        match has.is_empty() {
            true => "none".to_string(),
            false => has.join(", "),
        }
    )
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
