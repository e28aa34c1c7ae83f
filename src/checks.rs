//! Options shared by `align` and `qa`: flag thresholds, which pairs an
//! exported memory keeps, when a run fails, and where reports go.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::Args;
use tandem_score::{FlagKind, Score, Severity, Thresholds};

use crate::report::ReportFormat;

/// Where the flags start.
#[derive(Args, Clone, Debug)]
pub struct ThresholdArgs {
    /// Flag pairs whose confidence is below this as `weak`.
    #[arg(long, value_name = "P", default_value_t = Thresholds::default().weak)]
    pub weak_below: f64,
    /// Flag pairs whose length deviates by more than this many standard deviations as `length-ratio`.
    #[arg(long, value_name = "SD", default_value_t = Thresholds::default().length_deviation)]
    pub length_deviation: f64,
}

impl ThresholdArgs {
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            weak: self.weak_below,
            length_deviation: self.length_deviation,
        }
    }
}

/// Which pairs an exported memory keeps; confidence and flags stay on the
/// others as `prop`s.
#[derive(Args, Clone, Debug, Default)]
pub struct ExportArgs {
    /// Leave out pairs whose confidence is below this.
    #[arg(long, value_name = "P")]
    pub min_confidence: Option<f64>,
    /// Keep only pairs of one sentence on each side.
    #[arg(long)]
    pub only_1to1: bool,
    /// Leave out pairs with a side shorter than this many characters.
    #[arg(long, value_name = "N")]
    pub min_chars: Option<usize>,
    /// Leave out pairs with this flag (an id such as numbers-differ; repeatable).
    #[arg(long, value_name = "ID", value_parser = parse_flag_id)]
    pub drop_flag: Vec<FlagKind>,
}

fn parse_flag_id(id: &str) -> Result<FlagKind, String> {
    FlagKind::from_id(id).ok_or_else(|| {
        let ids: Vec<&str> = FlagKind::ALL.iter().map(|k| k.id()).collect();
        format!("unknown flag '{id}' (one of: {})", ids.join(", "))
    })
}

impl ExportArgs {
    /// Why a pair is left out, as the reason the summary counts it under
    /// (`no-text` whatever the options); `None` to keep it. `sentences` is how many sentences each side has.
    pub fn reason_to_drop(
        &self,
        sentences: (usize, usize),
        source: &str,
        target: &str,
        score: &Score,
    ) -> Option<String> {
        // A side of nothing but white space and characters XML forbids
        // (control characters) would be an empty segment: no use anywhere.
        let holds_text = |text: &str| {
            text.chars()
                .any(|c| tandem_tmx::is_xml_char(c) && !c.is_whitespace())
        };
        if !holds_text(source) || !holds_text(target) {
            return Some("no-text".into());
        }
        if self.min_confidence.is_some_and(|p| score.confidence < p) {
            return Some("min-confidence".into());
        }
        if self.only_1to1 && sentences != (1, 1) {
            return Some("only-1to1".into());
        }
        if let Some(n) = self.min_chars
            && (source.chars().count() < n || target.chars().count() < n)
        {
            return Some("min-chars".into());
        }
        self.drop_flag
            .iter()
            .find(|kind| score.flags.iter().any(|f| f.kind == **kind))
            .map(|kind| format!("drop-flag {}", kind.id()))
    }
}

/// `--fail-on`: the severity from which a run exits with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}

/// The report options.
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
}

/// For `--no-clobber`: an error naming the first of `paths` that exists, so
/// that a run stops before its work rather than after it.
pub fn refuse_existing<'p>(paths: impl IntoIterator<Item = Option<&'p Path>>) -> Result<()> {
    for path in paths.into_iter().flatten() {
        if path.exists() {
            bail!("{} exists: not overwritten (--no-clobber)", path.display());
        }
    }
    Ok(())
}

/// Writes `path` through a temporary file beside it, renamed over it only
/// when `write` succeeded: an existing file is never truncated before the
/// new one is complete, and a failure, a panic or a signal
/// ([`crate::interrupt`]) leaves neither a partial output nor the temporary
/// file. With `no_clobber`, an existing `path` is an error and stays as it is.
pub fn write_atomically<T>(
    path: &Path,
    no_clobber: bool,
    write: impl FnOnce(Box<dyn Write + '_>) -> Result<T>,
) -> Result<T> {
    if no_clobber {
        refuse_existing([Some(path)])?;
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tandem-").suffix(".tmp");
    // A temporary file is private (0600) by default; the output is an
    // ordinary file, so it gets what the umask gives any new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    if !dir.is_dir() {
        bail!(
            "cannot write {}: there is no folder {}",
            path.display(),
            dir.display()
        );
    }
    let temporary = crate::interrupt::creating(|| {
        // The error without the temporary file's name, which means nothing
        // to the user.
        let temporary = builder.tempfile_in(dir).map_err(|e| {
            anyhow::anyhow!(
                "cannot create a file in {}: {}",
                dir.display(),
                std::io::Error::from(e.kind())
            )
        })?;
        let temporary_path = temporary.path().to_path_buf();
        Ok((temporary, temporary_path))
    })?;
    let temporary_path = temporary.path().to_path_buf();
    let written = temporary
        .reopen()
        .with_context(|| format!("cannot write in {}", dir.display()))
        .and_then(|file| {
            write(Box::new(std::io::BufWriter::new(file)))
                .with_context(|| format!("cannot write {}", path.display()))
        });
    // Renamed, or removed on failure (dropping it removes it).
    crate::interrupt::finishing(&temporary_path, || {
        let value = written?;
        let persisted = if no_clobber {
            temporary.persist_noclobber(path)
        } else {
            temporary.persist(path)
        };
        match persisted {
            Ok(_) => Ok(value),
            Err(e) if no_clobber && e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                bail!("{} exists: not overwritten (--no-clobber)", path.display())
            }
            Err(e) => Err(e.error).with_context(|| format!("cannot write {}", path.display())),
        }
    })
}
