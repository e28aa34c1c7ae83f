//! Where flags start, which pairs an export keeps, reports, and when a run
//! fails.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;
use tandem_pipeline::report::ReportFormat;
use tandem_pipeline::{ExportPolicy, QaSummary};
use tandem_score::{FlagKind, Severity, Thresholds};

use super::values::{parse_count, parse_flag_id, parse_positive_float, parse_probability};

/// Where the flags start: `align`, `batch`, `qa`.
#[derive(Args, Clone, Debug)]
pub struct ThresholdArgs {
    /// Flag pairs whose confidence is below this as `weak` (0 to 1).
    #[arg(long, value_name = "P", default_value_t = Thresholds::default().weak, value_parser = parse_probability, allow_negative_numbers = true)]
    pub weak_below: f64,
    /// Flag pairs whose length deviates by more than this many standard deviations as `length-ratio`.
    #[arg(long, value_name = "SD", default_value_t = Thresholds::default().length_deviation, value_parser = parse_positive_float, allow_negative_numbers = true)]
    pub length_deviation: f64,
}

impl ThresholdArgs {
    /// The thresholds.
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            weak: self.weak_below,
            length_deviation: self.length_deviation,
        }
    }
}

/// Which pairs an exported memory keeps: `align`, `batch`, `qa`.
#[derive(Args, Clone, Debug, Default)]
pub struct ExportArgs {
    /// Leave out pairs whose confidence is below this (0 to 1).
    #[arg(long, value_name = "P", value_parser = parse_probability, allow_negative_numbers = true)]
    pub min_confidence: Option<f64>,
    /// Keep only pairs of one sentence on each side.
    #[arg(long)]
    pub only_1to1: bool,
    /// Leave out pairs with a side shorter than this many characters.
    #[arg(long, value_name = "N", value_parser = parse_count, allow_negative_numbers = true)]
    pub min_chars: Option<usize>,
    /// Leave out pairs with this flag (an id such as numbers-differ; repeatable).
    #[arg(long, value_name = "ID", value_parser = parse_flag_id)]
    pub drop_flag: Vec<FlagKind>,
}

impl ExportArgs {
    /// The export policy.
    /// Whether any of the options was given.
    pub fn any(&self) -> bool {
        self.min_confidence.is_some()
            || self.only_1to1
            || self.min_chars.is_some()
            || !self.drop_flag.is_empty()
    }

    pub fn policy(&self) -> ExportPolicy {
        ExportPolicy {
            min_confidence: self.min_confidence,
            only_1to1: self.only_1to1,
            min_chars: self.min_chars,
            drop_flags: self.drop_flag.clone(),
        }
    }
}

/// Reports and when a run fails: `align`, `qa`.
#[derive(Args, Clone, Debug, Default)]
pub struct ReportArgs {
    /// Write a QA report: every pair with its confidence and flags, and a summary.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// The report's format; by default from the file's extension (.html, .json, .csv).
    #[arg(long, value_enum, value_name = "FORMAT", requires = "report")]
    pub report_format: Option<ReportFormat>,
    /// Exit with 1 when a pair has a flag of this severity or worse.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
}

impl ReportArgs {
    /// The report's path and format, if one was asked for.
    pub fn target(&self) -> Result<Option<(PathBuf, ReportFormat)>> {
        let Some(path) = &self.report else {
            return Ok(None);
        };
        let format = match self.report_format {
            Some(format) => format,
            None => ReportFormat::from_extension(path).with_context(|| {
                format!(
                    "--report {}: name the format with --report-format html|json|csv \
                     or end the file name in .html, .json or .csv",
                    path.display()
                )
            })?,
        };
        Ok(Some((path.clone(), format)))
    }

    /// Whether a run whose summary has flags as serious as `--fail-on`
    /// asks for fails.
    pub fn fails(&self, summary: &QaSummary) -> bool {
        self.fail_on
            .is_some_and(|level| summary.has_at_least(level.severity()))
    }
}

/// `--fail-on`: the severity from which a run exits with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Flags of severity `error`.
    Error,
    /// Flags of severity `warning` or `error`.
    Warning,
}

impl FailOn {
    /// The least severity that fails.
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}
