//! QA reports: every rated pair with its confidence and flags, then a
//! [`QaSummary`], as JSON, CSV or HTML. Each format is one
//! [`ReportWriter`]; rows stream through, so a report of a million pairs
//! needs no more memory than one of ten (HTML and JSON hold nothing; the
//! HTML page's script renders one page of rows at a time).
//!
//! JSON schema (`ReportFormat::Json`):
//!
//! ```text
//! { "pairs": [ { "unit": 1, "tuid": "7" | null, "source": "…", "target": "…",
//!                "confidence": 0.93,
//!                "flags": [ { "id": "numbers-differ", "severity": "warning",
//!                             "message": "…" } ],
//!                "segments": { "source": [ "Click ", { "code": "bpt",
//!                              "type": "bold", "i": "1", "native": "<b>" },
//!                              "Save", … ], "target": [ … ] } } … ],
//!   (`segments` only for a document whose formatting is written as codes;
//!    `"origins": { "source": "page 2", "target": "footnote 1" }` only for
//!    documents whose readers say where a paragraph comes from)
//!   "summary": { "pairs": 120, "flagged": 14, "flagged_share": 0.117,
//!                "by_flag": { "numbers-differ": 3, … },
//!                "by_severity": { "error": 1, "warning": 10, "info": 5 },
//!                "mean_confidence": 0.91,
//!                "confidence_histogram": [ 10 counts: [0, 0.1), …, [0.9, 1] ],
//!                "dropped": { "min-confidence": 2, … },
//!                "document_score": 0.99 | null } }
//! ```

mod csv;
mod html;
mod json;

use std::io::{self, Write};
use std::path::Path;

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use tandem_score::Flag;
use tandem_tmx::{Element, Node};

use crate::QaSummary;

pub use html::escape_html;

/// One rated pair, its texts borrowed.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow<'a> {
    /// 1-based number of the unit (a memory's) or the bead (an alignment's).
    pub unit: usize,
    /// The unit's `tuid`, when it has one.
    pub tuid: Option<&'a str>,
    /// The source text.
    pub source: &'a str,
    /// The target text.
    pub target: &'a str,
    /// The confidence, in [0, 1].
    pub confidence: f64,
    /// For a memory's unit, the confidence the aligner that made it gave
    /// (its `x-confidence` prop, as tandem writes it), beside the check's
    /// own; `None` for an alignment's bead or a unit without one.
    pub aligner_confidence: Option<f64>,
    /// What a reviewer should look at.
    #[serde(serialize_with = "serialize_flags")]
    pub flags: &'a [Flag],
    /// The source and target as TMX segments, when the documents' formatting
    /// is written as inline codes: reports show each code where it stands
    /// (the HTML report as a badge).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_segments"
    )]
    pub segments: Option<(&'a Element, &'a Element)>,
    /// Where the source and the target come from in their documents
    /// (`page 3`, `cue 12`, `footnote 2`), where the reader says.
    #[serde(
        skip_serializing_if = "no_origin",
        serialize_with = "serialize_origins"
    )]
    pub origins: (Option<&'a str>, Option<&'a str>),
}

fn no_origin(origins: &(Option<&str>, Option<&str>)) -> bool {
    origins.0.is_none() && origins.1.is_none()
}

/// Origins as reports write them: `{"source": "page 2", "target": null}`.
fn serialize_origins<S: Serializer>(
    (source, target): &(Option<&str>, Option<&str>),
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Origins<'a> {
        source: Option<&'a str>,
        target: Option<&'a str>,
    }
    Origins {
        source: *source,
        target: *target,
    }
    .serialize(serializer)
}

/// A segment as reports write it: its text in pieces, a code as
/// `{"code": "bpt", "type": "bold", "i": "1", "native": "<b>"}` between them.
fn serialize_segments<S: Serializer>(
    segments: &Option<(&Element, &Element)>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Piece<'a> {
        Text(&'a str),
        Code {
            code: String,
            #[serde(rename = "type")]
            kind: &'a str,
            i: &'a str,
            native: String,
        },
    }
    fn pieces(seg: &Element) -> Vec<Piece<'_>> {
        seg.children
            .iter()
            .map(|node| match node {
                Node::Element(e) => Piece::Code {
                    code: e.local_name(),
                    kind: e.attribute("type").unwrap_or(""),
                    i: e.attribute("i").unwrap_or(""),
                    native: e.text(),
                },
                Node::Text(text) => Piece::Text(text),
                _ => Piece::Text(""),
            })
            .collect()
    }
    #[derive(Serialize)]
    struct Segments<'a> {
        source: Vec<Piece<'a>>,
        target: Vec<Piece<'a>>,
    }
    match segments {
        Some((source, target)) => Segments {
            source: pieces(source),
            target: pieces(target),
        }
        .serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Flags as reports write them: `{"id", "severity", "message"}`.
fn serialize_flags<S: Serializer>(flags: &&[Flag], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct ReportFlag<'a> {
        id: &'static str,
        severity: &'static str,
        message: &'a str,
    }
    let mut seq = serializer.serialize_seq(Some(flags.len()))?;
    for flag in flags.iter() {
        seq.serialize_element(&ReportFlag {
            id: flag.kind.id(),
            severity: flag.severity.as_str(),
            message: &flag.message,
        })?;
    }
    seq.end()
}

/// A report format: rows as they come, then the summary.
pub trait ReportWriter {
    /// Writes one pair.
    fn pair(&mut self, row: &ReportRow<'_>) -> io::Result<()>;
    /// Writes the summary and ends the report.
    fn finish(self: Box<Self>, summary: &QaSummary) -> io::Result<()>;
}

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// JSON: the pairs, then a summary (schema in docs/qa.md).
    Json,
    /// CSV with a UTF-8 byte-order mark, for spreadsheets.
    Csv,
}

impl ReportFormat {
    /// The format a file name's extension asks for (`.html`, `.htm`,
    /// `.json`, `.csv`, in any case).
    pub fn from_extension(path: &Path) -> Option<ReportFormat> {
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
    languages: (&str, &str),
) -> io::Result<Box<dyn ReportWriter + 'w>> {
    Ok(match format {
        ReportFormat::Json => Box::new(json::JsonReport::new(out, languages)?),
        ReportFormat::Csv => Box::new(csv::CsvReport::new(out)?),
        ReportFormat::Html => Box::new(html::HtmlReport::new(out, title, languages)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::FailsToFlush;
    use tandem_score::FlagKind;

    fn report(format: ReportFormat) -> String {
        let flags = [
            Flag::new(
                FlagKind::NumbersDiffer,
                "numbers differ: 5 in the source only".into(),
            ),
            Flag::new(FlagKind::Mojibake, "garbled".into()),
        ];
        let bold = tandem_segment::InlineCode::Paired {
            kind: tandem_segment::CodeKind::Bold,
            range: 0..2,
            open: "<b>".into(),
            close: "</b>".into(),
        };
        let (source, target) = crate::codes::tmx_segments(
            ("Ja.", std::slice::from_ref(&bold)),
            ("Yes.", std::slice::from_ref(&bold)),
        );
        let rows = [
            ReportRow {
                unit: 1,
                tuid: Some("a<1>"),
                source: "Es kostet 5 Euro, \"sagt\" er.",
                target: "It costs euros.</script>",
                confidence: 0.25,
                aligner_confidence: Some(0.9),
                flags: &flags,
                segments: None,
                origins: (None, None),
            },
            ReportRow {
                unit: 2,
                tuid: None,
                source: "Ja.",
                target: "Yes.",
                confidence: 1.0,
                aligner_confidence: None,
                flags: &[],
                segments: Some((&source, &target)),
                origins: (Some("page 2"), None),
            },
        ];
        let mut summary = QaSummary::default();
        let mut out = Vec::new();
        let mut writer =
            report_writer(format, Box::new(&mut out), "a <b> & c", ("de", "en")).unwrap();
        for row in &rows {
            summary.add(row.confidence, row.flags);
            writer.pair(row).unwrap();
        }
        writer.finish(&summary).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_holds_the_rows_then_the_summary() {
        let json: serde_json::Value = serde_json::from_str(&report(ReportFormat::Json)).unwrap();
        assert_eq!(json["pairs"][0]["tuid"], "a<1>");
        assert_eq!(json["pairs"][1]["tuid"], serde_json::Value::Null);
        assert_eq!(json["pairs"][0]["flags"][1]["severity"], "error");
        assert_eq!(json["pairs"][0]["flags"][0]["id"], "numbers-differ");
        // A pair with codes: its segments in pieces, each code named.
        assert!(json["pairs"][0].get("segments").is_none());
        let source = &json["pairs"][1]["segments"]["source"];
        assert_eq!(source[0]["type"], "bold");
        assert_eq!(source[0]["native"], "<b>");
        assert_eq!(source[1], "Ja");
        assert_eq!(source[2]["code"], "ept");
        assert_eq!(json["pairs"][1]["origins"]["source"], "page 2");
        assert!(json["pairs"][0].get("origins").is_none());
        assert_eq!(json["summary"]["flagged"], 1);
        assert_eq!(json["summary"]["by_flag"]["mojibake"], 1);
    }

    #[test]
    fn csv_has_a_bom_and_the_worst_severity() {
        let csv = report(ReportFormat::Csv);
        assert!(
            csv.starts_with(
                "\u{FEFF}unit,tuid,confidence,severity,flags,messages,source,target,aligner_confidence\n"
            )
        );
        assert!(
            csv.contains("1,a<1>,0.2500,error,numbers-differ mojibake,numbers differ: 5 in the source only | garbled,\"Es kostet 5 Euro, \"\"sagt\"\" er.\",It costs euros.</script>,0.9000\n"),
            "{csv}"
        );
        assert!(csv.ends_with("2,,1.0000,,,,Ja.,Yes.,\n"), "{csv}");
    }

    #[test]
    fn html_embeds_rows_that_cannot_end_their_script() {
        let html = report(ReportFormat::Html);
        assert!(html.contains("<title>tandem QA: a &lt;b&gt; &amp; c</title>"));
        assert!(!html.contains("euros.</script>"));
        assert!(html.contains(r#"euros.\u003c/script>"#));
        assert!(html.trim_end().ends_with("</html>"));
        // The embedded rows and summary are JSON the page's script reads.
        let embedded = |id: &str| -> serde_json::Value {
            let start = format!("<script type=\"application/json\" id=\"{id}\">");
            let at = html.find(&start).unwrap() + start.len();
            let end = at + html[at..].find("</script>").unwrap();
            serde_json::from_str(&html[at..end]).unwrap()
        };
        let rows = embedded("report-pairs");
        assert_eq!(rows.as_array().unwrap().len(), 2);
        assert_eq!(rows[1]["source"], "Ja.");
        assert_eq!(embedded("report-summary")["pairs"], 2);
    }

    #[test]
    fn every_report_reports_a_failed_flush() {
        for format in [ReportFormat::Html, ReportFormat::Json, ReportFormat::Csv] {
            let writer = report_writer(format, Box::new(FailsToFlush), "t", ("de", "en")).unwrap();
            assert!(writer.finish(&QaSummary::default()).is_err(), "{format:?}");
        }
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(
            ReportFormat::from_extension(Path::new("r.HTM")),
            Some(ReportFormat::Html)
        );
        assert_eq!(
            ReportFormat::from_extension(Path::new("r.json")),
            Some(ReportFormat::Json)
        );
        assert_eq!(ReportFormat::from_extension(Path::new("r.txt")), None);
    }
}
