//! The JSON report: `{"languages": {...}, "pairs": [...], "summary":
//! {...}}`, pairs written as they come.

use std::io::{self, Write};

use super::{ReportRow, ReportWriter};
use crate::QaSummary;

pub(super) struct JsonReport<'w> {
    out: Box<dyn Write + 'w>,
    first: bool,
}

impl<'w> JsonReport<'w> {
    pub(super) fn new(
        mut out: Box<dyn Write + 'w>,
        (source, target): (&str, &str),
    ) -> io::Result<JsonReport<'w>> {
        out.write_all(b"{\"languages\":")?;
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"source": source, "target": target}),
        )?;
        out.write_all(b",\"pairs\":[")?;
        Ok(JsonReport { out, first: true })
    }
}

impl ReportWriter for JsonReport<'_> {
    fn pair(&mut self, row: &ReportRow<'_>) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        serde_json::to_writer(&mut self.out, row)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &QaSummary) -> io::Result<()> {
        self.out.write_all(b"\n],\"summary\":")?;
        serde_json::to_writer_pretty(&mut self.out, summary)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}
