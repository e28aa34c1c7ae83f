//! `tandem qa FILE.tmx`: checks a translation memory from anywhere (an
//! agency, an old export) and reports its weak and suspicious pairs.
//!
//! The file is read as a stream, up to three times: to find its languages
//! (unless both are given), to estimate its length relation, and to score
//! every unit. Memory stays bounded by the largest unit and a hash per
//! pair, whatever the file's size.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Args;
use tandem_align::{Bead, LengthCost, LengthModel};
use tandem_score::{ContentOptions, MemoryChecks, Score, check_content, score};
use tandem_tmx::{Header, ReadUnit, SegType, TmxWriter, TranslationUnit, language_match};

use crate::checks::{ExportArgs, ReportArgs, ThresholdArgs, refuse_existing, write_atomically};
use crate::input::open_tmx;
use crate::output::quality_props;
use crate::report::{ReportFlag, ReportRow, ReportSummary, report_writer};

#[derive(Args)]
pub struct QaArgs {
    /// The TMX file to check (TMX 1.1-1.4b, UTF-8 or UTF-16).
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
    /// The TMX creation date of --write-tmx (as in align). Default: SOURCE_DATE_EPOCH, else now.
    #[arg(long, value_name = "DATE")]
    creation_date: Option<String>,
    /// Never overwrite an existing file: a run whose report or TMX exists stops with an error.
    #[arg(long)]
    no_clobber: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

/// Pairs the length relation is estimated from, at most.
const MAX_LENGTH_SAMPLE: usize = 100_000;

pub fn run(args: QaArgs) -> Result<ExitCode> {
    let path = &args.tmx;
    if args.no_clobber {
        refuse_existing([args.report.report.as_deref(), args.write_tmx.as_deref()])?;
    }
    let (src_lang, tgt_lang) = languages(path, args.src_lang.clone(), args.tgt_lang.clone())?;
    let model = length_model(path, &src_lang, &tgt_lang)?;
    let report = args.report.target()?;
    let title = path.display().to_string();
    let thresholds = args.thresholds.thresholds();

    // The report and the exported memory are written side by side, each to
    // a temporary file renamed when complete.
    let no_clobber = args.no_clobber;
    let outcome = with_optional_output(
        report.as_ref().map(|r| r.0.as_path()),
        no_clobber,
        |report_out| {
            let mut report_writer = match (&report, report_out) {
                (Some((_, format)), Some(out)) => Some(report_writer(*format, out, &title)?),
                _ => None,
            };
            let creation_date = crate::align::creation_date(args.creation_date.as_deref())?;
            let result = with_optional_output(args.write_tmx.as_deref(), no_clobber, |tmx_out| {
                let mut tmx = match tmx_out {
                    Some(out) => Some(TmxWriter::new(
                        out,
                        &Header {
                            creation_tool: "tandem".into(),
                            creation_tool_version: env!("CARGO_PKG_VERSION").into(),
                            segtype: SegType::Sentence,
                            srclang: src_lang.clone(),
                            adminlang: "en".into(),
                            creation_date: Some(creation_date.clone()),
                        },
                    )?),
                    None => None,
                };
                let mut run = Run {
                    src_lang: &src_lang,
                    tgt_lang: &tgt_lang,
                    model,
                    thresholds,
                    content: ContentOptions::default(),
                    memory: MemoryChecks::new(),
                    summary: ReportSummary::default(),
                    unscored: 0,
                    written: 0,
                };
                let mut reader = open_tmx(path)?;
                for unit in reader.by_ref() {
                    let unit = unit.with_context(|| format!("{}", path.display()))?;
                    let Some((row, rating)) = run.score(&unit) else {
                        continue;
                    };
                    run.summary.add(&row);
                    if let Some(writer) = report_writer.as_mut() {
                        writer.pair(&row)?;
                    }
                    if let Some(tmx) = tmx.as_mut() {
                        run.export(tmx, &unit, &row, &rating, &args.export)?;
                    }
                }
                if let Some(tmx) = tmx {
                    tmx.finish()?;
                }
                Ok((
                    run.summary,
                    run.unscored,
                    run.written,
                    reader.warnings().clone(),
                ))
            })?;
            if let Some(writer) = report_writer {
                writer.finish(&result.0)?;
            }
            Ok(result)
        },
    )?;
    let (summary, unscored, written, warnings) = outcome;

    if !args.quiet {
        eprintln!(
            "tandem: {}: {} ({src_lang} → {tgt_lang}) checked, {} flagged ({:.1}%)",
            path.display(),
            crate::align::count(summary.pairs, "pair"),
            summary.flagged,
            100.0 * summary.flagged_share
        );
        for (id, n) in &summary.by_flag {
            eprintln!("tandem:   {id}: {n}");
        }
        if unscored > 0 {
            eprintln!(
                "tandem: warning: {unscored} units have no variant in {src_lang} or {tgt_lang} and were not checked"
            );
        }
        if warnings.unknown_entities > 0 {
            eprintln!(
                "tandem: warning: {} references to entities XML does not define (first: {}) were kept as written",
                warnings.unknown_entities,
                warnings.first_unknown_entity.as_deref().unwrap_or("")
            );
        }
        if let Some(out) = &args.write_tmx {
            let dropped: Vec<String> = summary
                .dropped
                .iter()
                .map(|(why, n)| format!("{n} by {why}"))
                .collect();
            eprintln!(
                "tandem: {} written to {}{}",
                crate::align::count(written, "pair"),
                out.display(),
                if dropped.is_empty() {
                    String::new()
                } else {
                    format!(" (left out: {})", dropped.join(", "))
                }
            );
        }
        if let Some((report, _)) = &report {
            eprintln!("tandem: report written to {}", report.display());
        }
    }
    let failed = args
        .report
        .fail_on
        .is_some_and(|level| summary.has_at_least(level.severity()));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs `write` on a temporary file beside `path` (renamed when it
/// succeeds), or on nothing when there is no path.
fn with_optional_output<T>(
    path: Option<&Path>,
    no_clobber: bool,
    write: impl FnOnce(Option<Box<dyn std::io::Write + '_>>) -> Result<T>,
) -> Result<T> {
    match path {
        Some(path) => write_atomically(path, no_clobber, |out| write(Some(out))),
        None => write(None),
    }
}

/// The variant of `unit` in the language best matching `wanted`.
pub fn variant<'u>(unit: &'u ReadUnit, wanted: &str) -> Option<&'u str> {
    let mut best: Option<(u8, &str)> = None;
    for v in &unit.variants {
        let m = language_match(wanted, &v.lang);
        if m > 0 && best.is_none_or(|(b, _)| m > b) {
            best = Some((m, &v.text));
        }
    }
    best.map(|(_, text)| text)
}

/// The languages to check: as given, else the header's source language
/// and the commonest other one.
pub fn languages(
    path: &Path,
    src: Option<String>,
    tgt: Option<String>,
) -> Result<(String, String)> {
    if let (Some(src), Some(tgt)) = (&src, &tgt) {
        return Ok((src.clone(), tgt.clone()));
    }
    let mut reader = open_tmx(path)?;
    let header_src = reader
        .header()
        .srclang
        .clone()
        .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("*all*"));
    // Units per language as written, and the order languages first appear.
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for unit in reader.by_ref() {
        let unit = unit.with_context(|| format!("{}", path.display()))?;
        let mut seen: Vec<&str> = Vec::new();
        for v in &unit.variants {
            if !seen.contains(&v.lang.as_str()) {
                seen.push(&v.lang);
                let first = counts.len();
                counts.entry(v.lang.clone()).or_insert((0, first)).0 += 1;
            }
        }
    }
    if counts.is_empty() {
        bail!("{}: the file has no translation units", path.display());
    }
    let mut ranked: Vec<(&String, (usize, usize))> = counts.iter().map(|(l, &c)| (l, c)).collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    let src = match src.or(header_src) {
        Some(src) => src,
        None => ranked[0].0.to_string(),
    };
    let tgt = match tgt {
        Some(tgt) => tgt,
        None => match ranked
            .iter()
            .find(|(lang, _)| language_match(&src, lang) == 0)
        {
            Some((lang, _)) => lang.to_string(),
            None => bail!(
                "{}: no language besides {src} in the file; name the pair with --src-lang and --tgt-lang",
                path.display()
            ),
        },
    };
    Ok((src, tgt))
}

/// The memory's own length relation, from its first pairs.
fn length_model(path: &Path, src: &str, tgt: &str) -> Result<LengthModel> {
    let mut lengths: Vec<(f64, f64)> = Vec::new();
    for unit in open_tmx(path)? {
        let unit = unit.with_context(|| format!("{}", path.display()))?;
        if let (Some(s), Some(t)) = (variant(&unit, src), variant(&unit, tgt)) {
            let (l1, l2) = (tandem_text::length(s), tandem_text::length(t));
            if l1 > 0 && l2 > 0 {
                lengths.push((l1 as f64, l2 as f64));
            }
        }
        if lengths.len() >= MAX_LENGTH_SAMPLE {
            break;
        }
    }
    Ok(estimate_length_model(&lengths))
}

/// The length relation, robust to the wrong pairs a memory may hold: the
/// ratio starts as the median of the pairs' ratios, the variance is read
/// from the median squared deviation (for a Gaussian the median of z² is
/// 0.4549 σ²), and the ratio is then the ratio of total lengths over the
/// pairs within three standard deviations.
fn estimate_length_model(lengths: &[(f64, f64)]) -> LengthModel {
    if lengths.len() < 5 {
        let (sum1, sum2) = lengths
            .iter()
            .fold((0.0, 0.0), |(a, b), &(l1, l2)| (a + l1, b + l2));
        return LengthModel::default_for_ratio(if sum1 > 0.0 { sum2 / sum1 } else { 1.0 });
    }
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let variance_for = |ratio: f64| {
        let squares = lengths
            .iter()
            .map(|&(l1, l2)| (l2 - ratio * l1).powi(2) / ((l1 + l2 / ratio) / 2.0))
            .collect();
        (median(squares) / 0.4549).clamp(0.1 * ratio * ratio, 100.0 * ratio * ratio)
    };
    let ratio = median(lengths.iter().map(|&(l1, l2)| l2 / l1).collect());
    let first = LengthModel {
        ratio,
        variance: variance_for(ratio),
    };
    let (sum1, sum2) = lengths
        .iter()
        .filter(|&&(l1, l2)| first.delta(l1 as usize, l2 as usize).abs() <= 3.0)
        .fold((0.0, 0.0), |(a, b), &(l1, l2)| (a + l1, b + l2));
    let ratio = if sum1 > 0.0 { sum2 / sum1 } else { ratio };
    // Shrunk towards Gale and Church's variance by the weight of
    // PRIOR_PAIRS pairs: a small memory's median says little.
    let n = lengths.len() as f64;
    let prior = LengthModel::default_for_ratio(ratio).variance;
    LengthModel {
        ratio,
        variance: (n * variance_for(ratio) + PRIOR_PAIRS * prior) / (n + PRIOR_PAIRS),
    }
}

/// How many pairs' worth of weight the default variance keeps.
const PRIOR_PAIRS: f64 = 20.0;

struct Run<'a> {
    src_lang: &'a str,
    tgt_lang: &'a str,
    model: LengthModel,
    thresholds: tandem_score::Thresholds,
    content: ContentOptions,
    memory: MemoryChecks,
    summary: ReportSummary,
    unscored: usize,
    written: usize,
}

impl Run<'_> {
    /// The unit's pair, scored; `None` when it lacks either language.
    fn score(&mut self, unit: &ReadUnit) -> Option<(ReportRow, Score)> {
        let (Some(source), Some(target)) =
            (variant(unit, self.src_lang), variant(unit, self.tgt_lang))
        else {
            self.unscored += 1;
            return None;
        };
        let bead = Bead {
            src: 0..usize::from(!source.trim().is_empty()),
            tgt: 0..usize::from(!target.trim().is_empty()),
            cost: 0.0,
        };
        let mut rating = score(
            &bead,
            f64::NAN,
            tandem_text::length(source),
            tandem_text::length(target),
            &self.model,
            &self.thresholds,
        );
        rating.flags.extend(check_content(
            source,
            target,
            self.src_lang,
            self.tgt_lang,
            &self.content,
        ));
        rating
            .flags
            .extend(self.memory.check(unit.number, source, target));
        let row = ReportRow {
            unit: unit.number,
            tuid: unit.tuid.clone(),
            source: source.to_string(),
            target: target.to_string(),
            confidence: rating.confidence,
            flags: rating.flags.iter().map(ReportFlag::from).collect(),
        };
        Some((row, rating))
    }

    /// Writes the pair to the exported memory unless the export options
    /// leave it out.
    fn export(
        &mut self,
        tmx: &mut TmxWriter<Box<dyn std::io::Write + '_>>,
        unit: &ReadUnit,
        row: &ReportRow,
        score: &Score,
        export: &ExportArgs,
    ) -> Result<()> {
        if let Some(reason) = export.reason_to_drop((1, 1), &row.source, &row.target, score) {
            *self.summary.dropped.entry(reason).or_default() += 1;
            return Ok(());
        }
        let mut props = unit.props.clone();
        props.retain(|(kind, _)| kind != "x-confidence" && kind != "x-flags");
        props.extend(quality_props(score));
        tmx.write_unit(&TranslationUnit {
            tuid: unit.tuid.clone().unwrap_or_else(|| unit.number.to_string()),
            props,
            variants: vec![
                (self.src_lang.to_string(), row.source.clone()),
                (self.tgt_lang.to_string(), row.target.clone()),
            ],
        })?;
        self.written += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_model_resists_wrong_pairs() {
        let mut lengths: Vec<(f64, f64)> = (0..100)
            .map(|k| {
                let l1 = 20.0 + (k % 30) as f64;
                (l1, 3.0 * l1 + ((k % 7) as f64 - 3.0))
            })
            .collect();
        lengths.extend((0..10).map(|_| (10.0, 300.0)));
        let model = estimate_length_model(&lengths);
        assert!((model.ratio - 3.0).abs() < 0.1, "{model:?}");
        // Near the shrinkage target's share, far below what the wrong pairs
        // would make it.
        assert!(model.variance < 15.0, "{model:?}");
    }
}
