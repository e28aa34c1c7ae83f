//! QA reports: every scored pair with its confidence and flags, and a
//! summary, as JSON, CSV or HTML. Each format is one [`ReportWriter`]; rows
//! stream through, so a report of a million pairs needs no more memory than
//! one of ten.
//!
//! JSON schema (`--report-format json`):
//!
//! ```text
//! { "pairs": [ { "unit": 1, "tuid": "7" | null, "source": "…", "target": "…",
//!                "confidence": 0.93,
//!                "flags": [ { "id": "numbers-differ", "severity": "warning",
//!                             "message": "…" } ] } … ],
//!   "summary": { "pairs": 120, "flagged": 14, "flagged_share": 0.117,
//!                "by_flag": { "numbers-differ": 3, … },
//!                "by_severity": { "error": 1, "warning": 10, "info": 5 },
//!                "mean_confidence": 0.91,
//!                "confidence_histogram": [ 10 counts: [0, 0.1), …, [0.9, 1] ],
//!                "dropped": { "min-confidence": 2, … } } }
//! ```

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use tandem_score::{Flag, Severity};

/// One scored pair.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    /// 1-based number of the unit (TMX) or pair (alignment).
    pub unit: usize,
    /// The unit's `tuid`, when it has one.
    pub tuid: Option<String>,
    pub source: String,
    pub target: String,
    pub confidence: f64,
    pub flags: Vec<ReportFlag>,
}

/// A flag as reports write it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportFlag {
    pub id: &'static str,
    pub severity: &'static str,
    pub message: String,
}

impl From<&Flag> for ReportFlag {
    fn from(flag: &Flag) -> ReportFlag {
        ReportFlag {
            id: flag.kind.id(),
            severity: flag.severity.as_str(),
            message: flag.message.clone(),
        }
    }
}

/// Counts over all pairs of a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportSummary {
    pub pairs: usize,
    pub flagged: usize,
    pub flagged_share: f64,
    pub by_flag: BTreeMap<&'static str, usize>,
    pub by_severity: BTreeMap<&'static str, usize>,
    /// The mean confidence of the pairs.
    pub mean_confidence: f64,
    /// Pairs per tenth of confidence: [0, 0.1), [0.1, 0.2) … [0.9, 1].
    pub confidence_histogram: [usize; 10],
    /// Pairs left out of an exported memory, by reason.
    pub dropped: BTreeMap<String, usize>,
}

impl ReportSummary {
    /// Counts one pair.
    pub fn add(&mut self, row: &ReportRow) {
        self.pairs += 1;
        if !row.flags.is_empty() {
            self.flagged += 1;
        }
        for flag in &row.flags {
            *self.by_flag.entry(flag.id).or_default() += 1;
            *self.by_severity.entry(flag.severity).or_default() += 1;
        }
        let bin = ((row.confidence * 10.0).floor() as usize).min(9);
        self.confidence_histogram[bin] += 1;
        self.flagged_share = self.flagged as f64 / self.pairs as f64;
        self.mean_confidence += (row.confidence - self.mean_confidence) / self.pairs as f64;
    }

    /// Whether any flag is at least as serious as `severity`.
    pub fn has_at_least(&self, severity: Severity) -> bool {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .filter(|s| *s >= severity)
            .any(|s| self.by_severity.get(s.as_str()).copied().unwrap_or(0) > 0)
    }
}

/// A report format.
pub trait ReportWriter {
    /// Writes one pair.
    fn pair(&mut self, row: &ReportRow) -> io::Result<()>;
    /// Writes the summary and ends the report.
    fn finish(self: Box<Self>, summary: &ReportSummary) -> io::Result<()>;
}

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// JSON (schema in the README).
    Json,
    /// CSV with a UTF-8 byte-order mark, for spreadsheets.
    Csv,
}

impl ReportFormat {
    /// The format a file name's extension asks for.
    pub fn from_extension(path: &std::path::Path) -> Option<ReportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(ReportFormat::Html),
            "json" => Some(ReportFormat::Json),
            "csv" => Some(ReportFormat::Csv),
            _ => None,
        }
    }
}

/// A report writer of `format` over `out`; `title` names what was checked.
pub fn report_writer<'w>(
    format: ReportFormat,
    out: Box<dyn Write + 'w>,
    title: &str,
) -> io::Result<Box<dyn ReportWriter + 'w>> {
    Ok(match format {
        ReportFormat::Json => Box::new(JsonReport::new(out)?),
        ReportFormat::Csv => Box::new(CsvReport::new(out)?),
        ReportFormat::Html => Box::new(crate::html::HtmlReport::new(out, title)?),
    })
}

/// `{"pairs": [...], "summary": {...}}`, pairs written as they come.
struct JsonReport<'w> {
    out: Box<dyn Write + 'w>,
    first: bool,
}

impl<'w> JsonReport<'w> {
    fn new(mut out: Box<dyn Write + 'w>) -> io::Result<JsonReport<'w>> {
        out.write_all(b"{\"pairs\":[")?;
        Ok(JsonReport { out, first: true })
    }
}

impl ReportWriter for JsonReport<'_> {
    fn pair(&mut self, row: &ReportRow) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        serde_json::to_writer(&mut self.out, row)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &ReportSummary) -> io::Result<()> {
        self.out.write_all(b"\n],\"summary\":")?;
        serde_json::to_writer_pretty(&mut self.out, summary)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}

/// CSV for spreadsheets: a UTF-8 byte-order mark first, without which
/// Excel reads UTF-8 as the system's code page and garbles Chinese.
struct CsvReport<'w> {
    out: csv::Writer<Box<dyn Write + 'w>>,
}

impl<'w> CsvReport<'w> {
    fn new(mut out: Box<dyn Write + 'w>) -> io::Result<CsvReport<'w>> {
        out.write_all("\u{FEFF}".as_bytes())?;
        let mut out = csv::Writer::from_writer(out);
        out.write_record([
            "unit",
            "tuid",
            "confidence",
            "severity",
            "flags",
            "messages",
            "source",
            "target",
        ])?;
        Ok(CsvReport { out })
    }
}

impl ReportWriter for CsvReport<'_> {
    fn pair(&mut self, row: &ReportRow) -> io::Result<()> {
        let worst = row
            .flags
            .iter()
            .map(|f| severity_rank(f.severity))
            .max()
            .map_or("", |rank| ["info", "warning", "error"][rank]);
        let ids: Vec<&str> = row.flags.iter().map(|f| f.id).collect();
        let messages: Vec<&str> = row.flags.iter().map(|f| f.message.as_str()).collect();
        self.out.write_record([
            row.unit.to_string().as_str(),
            row.tuid.as_deref().unwrap_or(""),
            &format!("{:.4}", row.confidence),
            worst,
            &ids.join(" "),
            &messages.join(" | "),
            &row.source,
            &row.target,
        ])?;
        Ok(())
    }

    fn finish(mut self: Box<Self>, _summary: &ReportSummary) -> io::Result<()> {
        self.out.flush()
    }
}

fn severity_rank(severity: &str) -> usize {
    match severity {
        "error" => 2,
        "warning" => 1,
        _ => 0,
    }
}
