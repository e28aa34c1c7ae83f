//! A batch run's summary: totals over the documents and each document's
//! figures, as `summary.json` and an HTML page.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use tandem_pipeline::report::escape_html;

use super::state::DocumentResult;

/// Totals over the documents, and each document's figures.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Documents processed.
    pub documents: usize,
    /// Of those, failed.
    pub failed: usize,
    /// Pairs written over all documents.
    pub pairs: usize,
    /// Of those, flagged.
    pub flagged: usize,
    /// Files of the folder without a counterpart.
    pub unpaired_files: Vec<String>,
    /// Each document's result, in input order.
    pub results: Vec<DocumentResult>,
}

impl Summary {
    /// The summary of `results`.
    pub fn of(results: Vec<DocumentResult>, unpaired: &[String]) -> Summary {
        Summary {
            documents: results.len(),
            failed: results.iter().filter(|r| r.error.is_some()).count(),
            pairs: results.iter().map(|r| r.pairs).sum(),
            flagged: results.iter().map(|r| r.flagged).sum(),
            unpaired_files: unpaired.to_vec(),
            results,
        }
    }

    /// Writes the summary as one self-contained HTML page.
    pub fn write_html(&self, mut out: Box<dyn Write + '_>) -> Result<()> {
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tandem batch summary</title>\
             <style>body{{font-family:system-ui,sans-serif;margin:1.5em}}td,th{{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}}\
             .failed{{background:#fdd}}</style></head><body>\n<h1>tandem batch summary</h1>\n\
             <p id=\"totals\">{} documents, {} failed, {} pairs, {} flagged</p>\n<table><tr><th>document</th>\
             <th>pairs</th><th>flagged</th><th>mean confidence</th><th>error</th></tr>\n",
            self.documents, self.failed, self.pairs, self.flagged
        )?;
        for r in &self.results {
            writeln!(
                out,
                "<tr{}><td>{}</td><td>{}</td><td>{:.1}%</td><td>{:.3}</td><td>{}</td></tr>",
                if r.error.is_some() {
                    " class=\"failed\""
                } else {
                    ""
                },
                escape_html(&r.name),
                r.pairs,
                100.0 * r.flagged_share,
                r.mean_confidence,
                escape_html(r.error.as_deref().unwrap_or(""))
            )?;
        }
        writeln!(out, "</table>\n</body></html>")?;
        out.flush()?;
        Ok(())
    }
}
