//! The HTML report: one self-contained page (no network), pairs side by
//! side, coloured by confidence, flags as badges, filters by flag and
//! severity, sorting, and a summary on top. The pairs are embedded as JSON
//! and the page's script renders one page of them at a time, so 50,000
//! pairs stay usable.

use std::io::{self, Write};

use super::{ReportRow, ReportWriter};
use crate::QaSummary;

pub(super) struct HtmlReport<'w> {
    out: Box<dyn Write + 'w>,
    first: bool,
}

impl<'w> HtmlReport<'w> {
    pub(super) fn new(
        mut out: Box<dyn Write + 'w>,
        title: &str,
        (source, target): (&str, &str),
    ) -> io::Result<HtmlReport<'w>> {
        let title = escape_html(title);
        let languages = script_safe(&serde_json::to_string(
            &serde_json::json!({"source": source, "target": target}),
        )?);
        let (source, target) = (escape_html(source), escape_html(target));
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>tandem QA: {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <h1>tandem QA report <small>{title}</small></h1>\n{BODY}\n\
             <table class=\"pairs\"><thead><tr><th class=\"num\">unit</th><th class=\"conf\">conf.</th>\
             <th>source <small>{source}</small></th><th>target <small>{target}</small></th>\
             <th class=\"flags\">flags</th></tr></thead><tbody id=\"rows\"></tbody></table>\n\
             <noscript>The pairs need JavaScript; the summary above does not.</noscript>\n\
             <script type=\"application/json\" id=\"report-languages\">{languages}</script>\n\
             <script type=\"application/json\" id=\"report-pairs\">["
        )?;
        Ok(HtmlReport { out, first: true })
    }
}

impl ReportWriter for HtmlReport<'_> {
    fn pair(&mut self, row: &ReportRow<'_>) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        self.out
            .write_all(script_safe(&serde_json::to_string(row)?).as_bytes())
    }

    /// The summary as plain HTML (shown on top by the style sheet, whatever
    /// the script does), the units the check could not pair, and the data
    /// the script renders.
    fn finish(mut self: Box<Self>, summary: &QaSummary) -> io::Result<()> {
        let json = script_safe(&serde_json::to_string(summary)?);
        self.out.write_all(b"]</script>\n")?;
        self.out.write_all(static_summary(summary).as_bytes())?;
        write!(
            self.out,
            "<script type=\"application/json\" id=\"report-summary\">{json}</script>\n\
             <script>{SCRIPT}</script>\n</body>\n</html>\n"
        )?;
        self.out.flush()
    }
}

/// The summary and the unpaired units as HTML that needs no script.
fn static_summary(summary: &QaSummary) -> String {
    let mut html = format!(
        "<section id=\"summary-text\"><p class=\"static\"><b>{}</b> pairs, <b>{}</b> flagged ({:.1}%), mean confidence {:.2}",
        summary.pairs,
        summary.flagged,
        100.0 * summary.flagged_share(),
        summary.mean_confidence
    );
    if let Some(score) = summary.document_score {
        html.push_str(&format!(", document score {score:.2}"));
    }
    html.push_str(".</p>");
    let flags = summary.by_flag_id();
    if !flags.is_empty() {
        html.push_str("<p class=\"static\">Flags: ");
        let items: Vec<String> = flags.iter().map(|(id, n)| format!("{id} {n}")).collect();
        html.push_str(&escape_html(&items.join(", ")));
        html.push_str(".</p>");
    }
    let dropped = summary.dropped_by_name();
    if !dropped.is_empty() {
        let items: Vec<String> = dropped
            .iter()
            .map(|(why, n)| format!("{n} by {why}"))
            .collect();
        html.push_str(&format!(
            "<p>Left out of the export: {}.</p>",
            escape_html(&items.join(", "))
        ));
    }
    html.push_str("</section>\n");
    if !summary.unpaired.is_empty() {
        html.push_str(&format!(
            "<section id=\"unpaired\"><h2>Units not checked ({})</h2><ul>",
            summary.unpaired.len()
        ));
        for unit in &summary.unpaired {
            let tuid = unit
                .tuid
                .as_deref()
                .map(|t| format!(" (tuid {})", escape_html(t)))
                .unwrap_or_default();
            html.push_str(&format!(
                "<li>unit {}{tuid}: {}</li>",
                unit.unit,
                escape_html(&unit.message)
            ));
        }
        html.push_str("</ul></section>\n");
    }
    html
}

/// JSON that cannot end the `<script>` element it sits in: every `<` as
/// `\u003c` (valid JSON, and `</script>` or `<!--` can no longer occur).
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// Text as HTML content or a double-quoted attribute value.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = r#"
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; display: flex; flex-direction: column; }
h1 { order: -3; } #summary-text { order: -2; } #unpaired { order: -1; }
.message { display: block; font-size: 85%; color: #444; margin: 1px 0 3px; }
.aligner { font-weight: normal; font-size: 80%; color: #444; }
h1 small { font-weight: normal; color: #666; font-size: 60%; }
#summary { display: flex; gap: 2em; flex-wrap: wrap; align-items: flex-start; }
.figure { font-size: 200%; font-weight: bold; }
.histogram { display: flex; align-items: flex-end; height: 80px; gap: 2px; }
.histogram div { width: 18px; background: #4a7; }
.controls { margin: 1em 0; display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
table.pairs { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.pairs td, table.pairs th { border-bottom: 1px solid #ddd; padding: 4px 6px; vertical-align: top; }
table.pairs th { text-align: left; background: #f4f4f4; }
.num { width: 4em; } .conf { width: 5em; } td.conf { font-weight: bold; } .flags { width: 22em; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.badge { display: inline-block; border-radius: 3px; padding: 0 4px; margin: 1px; font-size: 80%; color: #fff; }
.badge.code { background: #777; font-family: monospace; }
.badge.error { background: #c33; } .badge.warning { background: #d80; } .badge.info { background: #58a; }
table.counts td { padding: 0 8px; }
"#;

const BODY: &str = r#"<div id="summary">
  <div><div class="figure" id="summary-pairs"></div>pairs</div>
  <div><div class="figure" id="summary-flagged"></div>flagged</div>
  <div><div class="figure" id="summary-mean"></div>mean confidence</div>
  <div id="summary-document" hidden><div class="figure" id="summary-document-score"></div>document score</div>
  <div>confidence<div class="histogram" id="histogram"></div>0 &#8594; 1</div>
  <div>flags<table class="counts" id="flag-counts"></table></div>
</div>
<div class="controls">
  <label>flag <select id="flag"><option value="">any</option></select></label>
  <label>severity <select id="severity"><option value="">any</option>
    <option>error</option><option>warning</option><option>info</option></select></label>
  <label><input type="checkbox" id="flagged-only"> flagged only</label>
  <label>sort <select id="sort"><option value="worst">worst first: severity, then confidence</option>
    <option value="confidence">confidence, lowest first</option>
    <option value="unit">unit order</option></select></label>
  <button id="previous">&#8592;</button><span id="page"></span><button id="next">&#8594;</button>
</div>"#;

const SCRIPT: &str = r#"
(function () {
  const pairs = JSON.parse(document.getElementById('report-pairs').textContent);
  const languages = JSON.parse(document.getElementById('report-languages').textContent);
  const summary = JSON.parse(document.getElementById('report-summary').textContent);
  const perPage = 100;
  let page = 0;
  const $ = (id) => document.getElementById(id);
  const text = (tag, content, cls) => {
    const e = document.createElement(tag);
    e.textContent = content;
    if (cls) e.className = cls;
    return e;
  };

  // The figures below say what the page's static summary says, for
  // readers without a script: shown once.
  document.querySelectorAll('#summary-text p.static').forEach((p) => { p.hidden = true; });
  $('summary-pairs').textContent = summary.pairs;
  $('summary-mean').textContent = summary.mean_confidence.toFixed(2);
  $('summary-flagged').textContent =
    summary.flagged + ' (' + (100 * summary.flagged_share).toFixed(1) + '%)';
  if (summary.document_score !== null && summary.document_score !== undefined) {
    $('summary-document-score').textContent = summary.document_score.toFixed(2);
    $('summary-document').hidden = false;
  }
  const highest = Math.max(1, ...summary.confidence_histogram);
  summary.confidence_histogram.forEach((n, k) => {
    const bar = document.createElement('div');
    bar.style.height = (80 * n / highest) + 'px';
    bar.title = (k / 10).toFixed(1) + '-' + ((k + 1) / 10).toFixed(1) + ': ' + n;
    $('histogram').appendChild(bar);
  });
  for (const [id, n] of Object.entries(summary.by_flag)) {
    const row = document.createElement('tr');
    row.appendChild(text('td', id));
    row.appendChild(text('td', n));
    $('flag-counts').appendChild(row);
    const option = text('option', id);
    option.value = id;
    $('flag').appendChild(option);
  }

  function colour(confidence) {
    const hue = Math.round(120 * confidence);
    return 'hsl(' + hue + ', 70%, 85%)';
  }

  function selected() {
    const flag = $('flag').value, severity = $('severity').value;
    const flaggedOnly = $('flagged-only').checked;
    let list = pairs.filter((p) =>
      (!flag || p.flags.some((f) => f.id === flag)) &&
      (!severity || p.flags.some((f) => f.severity === severity)) &&
      (!flaggedOnly || p.flags.length > 0));
    const rank = { error: 3, warning: 2, info: 1 };
    const worst = (p) => Math.max(0, ...p.flags.map((f) => rank[f.severity] || 0));
    if ($('sort').value === 'worst') {
      list = list.slice().sort((a, b) =>
        worst(b) - worst(a) || a.confidence - b.confidence || a.unit - b.unit);
    } else if ($('sort').value === 'confidence') {
      list = list.slice().sort((a, b) => a.confidence - b.confidence || a.unit - b.unit);
    }
    return list;
  }

  // A segment's text with each inline code as a badge (its native code on
  // hover): bold, /bold, link, lb, fnote.
  function coded(pieces) {
    const cell = document.createElement('td');
    cell.className = 'text';
    const types = {};
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        cell.appendChild(document.createTextNode(piece));
        continue;
      }
      if (piece.code === 'bpt') types[piece.i] = piece.type;
      const kind = piece.code === 'ept' ? '/' + (types[piece.i] || 'code') : (piece.type || piece.code);
      const badge = text('span', kind, 'badge code');
      badge.title = piece.native;
      cell.appendChild(badge);
    }
    return cell;
  }

  function render() {
    const list = selected();
    const pages = Math.max(1, Math.ceil(list.length / perPage));
    page = Math.min(page, pages - 1);
    const body = $('rows');
    body.textContent = '';
    for (const p of list.slice(page * perPage, (page + 1) * perPage)) {
      const row = document.createElement('tr');
      row.className = 'pair' + (p.flags.length ? ' flagged' : '');
      row.dataset.unit = p.unit;
      const num = text('td', p.unit, 'num');
      if (p.origins) {
        // Where the pair comes from: a PDF's page, a subtitle's cue, a note.
        num.title = [p.origins.source, p.origins.target].filter((o) => o).join(' / ');
        num.appendChild(text('div', p.origins.source || p.origins.target, 'aligner'));
      }
      row.appendChild(num);
      const conf = text('td', p.confidence.toFixed(2), 'conf');
      if (p.aligner_confidence !== null && p.aligner_confidence !== undefined) {
        conf.appendChild(text('div', 'aligner ' + p.aligner_confidence.toFixed(2), 'aligner'));
      }
      conf.style.background = colour(p.confidence);
      row.appendChild(conf);
      const source = p.segments ? coded(p.segments.source) : text('td', p.source, 'text');
      source.lang = languages.source;
      row.appendChild(source);
      const target = p.segments ? coded(p.segments.target) : text('td', p.target, 'text');
      target.lang = languages.target;
      row.appendChild(target);
      const flags = document.createElement('td');
      for (const f of p.flags) {
        flags.appendChild(text('span', f.id, 'badge ' + f.severity));
        flags.appendChild(text('span', f.message, 'message'));
      }
      row.appendChild(flags);
      body.appendChild(row);
    }
    $('page').textContent = ' page ' + (page + 1) + ' of ' + pages +
      ' (' + list.length + (list.length === 1 ? ' pair) ' : ' pairs) ');
  }

  for (const id of ['flag', 'severity', 'flagged-only', 'sort']) {
    $(id).addEventListener('change', () => { page = 0; render(); });
  }
  $('previous').addEventListener('click', () => { page = Math.max(0, page - 1); render(); });
  $('next').addEventListener('click', () => { page += 1; render(); });
  render();
})();
"#;
