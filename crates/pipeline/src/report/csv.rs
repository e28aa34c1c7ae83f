//! The CSV report, for spreadsheets: a UTF-8 byte-order mark first, without
//! which Excel reads UTF-8 as the system's code page and garbles Chinese.

use std::io::{self, Write};

use super::{ReportRow, ReportWriter};
use crate::QaSummary;

pub(super) struct CsvReport<'w> {
    out: csv::Writer<Box<dyn Write + 'w>>,
}

impl<'w> CsvReport<'w> {
    pub(super) fn new(mut out: Box<dyn Write + 'w>) -> io::Result<CsvReport<'w>> {
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
            "aligner_confidence",
        ])?;
        Ok(CsvReport { out })
    }
}

impl ReportWriter for CsvReport<'_> {
    fn pair(&mut self, row: &ReportRow<'_>) -> io::Result<()> {
        let worst = row
            .flags
            .iter()
            .map(|f| f.severity)
            .max()
            .map_or("", |severity| severity.as_str());
        let ids: Vec<&str> = row.flags.iter().map(|f| f.kind.id()).collect();
        let messages: Vec<&str> = row.flags.iter().map(|f| f.message.as_str()).collect();
        self.out.write_record([
            row.unit.to_string().as_str(),
            row.tuid.unwrap_or(""),
            &format!("{:.4}", row.confidence),
            worst,
            &ids.join(" "),
            &messages.join(" | "),
            row.source,
            row.target,
            &row.aligner_confidence
                .map_or(String::new(), |c| format!("{c:.4}")),
        ])?;
        Ok(())
    }

    /// Units the check could not pair follow the pairs, each a row with
    /// its message and no confidence.
    fn finish(mut self: Box<Self>, summary: &QaSummary) -> io::Result<()> {
        for unpaired in &summary.unpaired {
            self.out.write_record([
                unpaired.unit.to_string().as_str(),
                unpaired.tuid.as_deref().unwrap_or(""),
                "",
                "",
                "unpaired",
                &unpaired.message,
                "",
                "",
                "",
            ])?;
        }
        self.out.flush()
    }
}
