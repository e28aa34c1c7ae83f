//! `tandem align`.

use std::borrow::Cow;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::Args;
use tandem_align::{Alignment, Bead, Options, align};
use tandem_score::{ContentOptions, FlagKind, MemoryChecks, Thresholds, check_content, score};
use tandem_segment::{ParagraphStyle, encoding_for_label, needs_space};
use tandem_text::LanguageTag;
use tandem_tmx::{Header, SegType};

use crate::checks::{ExportArgs, ReportArgs, ThresholdArgs, refuse_existing, write_atomically};
use crate::dictionary::{Dictionaries, DictionaryArgs};
use crate::input::{
    Document, Limits, ReadOptions, Side, SrxArgs, is_stdout, read_interleaved, read_pair,
};
use crate::output::{Context, Format, LangStyle, Row, Sink, moses_paths, writer};
use crate::report::{
    ReportFlag, ReportFormat, ReportRow, ReportSummary, ReportWriter, report_writer,
};

#[derive(Args)]
pub struct AlignArgs {
    /// The source document (with TARGET), or the interleaved file (with --interleaved).
    #[arg(value_name = "SOURCE")]
    source: PathBuf,
    /// The target document: the translation of SOURCE.
    #[arg(
        value_name = "TARGET",
        required_unless_present = "interleaved",
        conflicts_with = "interleaved"
    )]
    target: Option<PathBuf>,
    /// SOURCE is one bilingual file whose paragraphs alternate between the two languages.
    #[arg(long)]
    interleaved: bool,
    /// Where to write; `-` for standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "tmx")]
    format: Format,
    /// How language tags are written in the output (docs/cat-tools.md).
    #[arg(long, value_enum, value_name = "STYLE", default_value = "as-given")]
    tmx_lang_style: LangStyle,
    /// What a unit is: a group of sentences, or a group of paragraphs (a paragraph-level memory).
    #[arg(long, value_enum, default_value = "sentence")]
    segtype: Segtype,
    /// Source language, a BCP 47 tag (zh-CN, en, de-CH). Detected when not given.
    #[arg(long, value_name = "TAG", value_parser = parse_tag)]
    src_lang: Option<LanguageTag>,
    /// Target language, a BCP 47 tag. Detected when not given.
    #[arg(long, value_name = "TAG", value_parser = parse_tag)]
    tgt_lang: Option<LanguageTag>,
    /// Encoding of files without a byte-order mark (GB18030, GBK, Big5, Shift_JIS, windows-1252, …); default UTF-8.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// How paragraphs are marked: one per line, or separated by blank lines.
    #[arg(long, value_enum, default_value = "line")]
    paragraphs: ParagraphArg,
    /// The input is already one sentence per line (blank lines separate paragraphs); no resegmenting.
    #[arg(long)]
    presegmented: bool,
    /// The TMX creation date (RFC 3339, YYYY-MM-DD or YYYYMMDDThhmmssZ). Default: SOURCE_DATE_EPOCH, else now.
    #[arg(long, value_name = "DATE")]
    creation_date: Option<String>,
    #[command(flatten)]
    limits: Limits,
    #[command(flatten)]
    srx: SrxArgs,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    export: ExportArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
    /// Never overwrite an existing file: a run whose output exists stops with an error.
    #[arg(long)]
    no_clobber: bool,
    /// Print the estimated length model and bead priors.
    #[arg(short, long)]
    verbose: bool,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
}

/// `--segtype`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Segtype {
    Sentence,
    Paragraph,
}

impl From<Segtype> for SegType {
    fn from(segtype: Segtype) -> SegType {
        match segtype {
            Segtype::Sentence => SegType::Sentence,
            Segtype::Paragraph => SegType::Paragraph,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ParagraphArg {
    Line,
    Blank,
}

impl From<ParagraphArg> for ParagraphStyle {
    fn from(arg: ParagraphArg) -> ParagraphStyle {
        match arg {
            ParagraphArg::Line => ParagraphStyle::Line,
            ParagraphArg::Blank => ParagraphStyle::BlankLine,
        }
    }
}

pub fn parse_tag(tag: &str) -> Result<LanguageTag, String> {
    LanguageTag::parse(tag).map_err(|e| e.to_string())
}

pub fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_for_label(label).ok_or_else(|| {
        format!(
            "unknown encoding '{label}' (try GB18030, GBK, Big5, Shift_JIS, windows-1252, UTF-16LE)"
        )
    })
}

pub fn run(args: AlignArgs) -> Result<ExitCode> {
    if args.no_clobber {
        let output = (!is_stdout(&args.output)).then_some(args.output.as_path());
        refuse_existing([output, args.report.report.as_deref()])?;
    }
    let started = Instant::now();
    let dictionaries = args.dictionaries.load()?;
    let srx = args.srx.load()?;
    let settings = Settings {
        read: ReadOptions {
            limits: args.limits,
            srx: srx.as_ref(),
            encoding: args.encoding,
            paragraphs: args.paragraphs.into(),
            presegmented: args.presegmented,
            src_lang: args.src_lang.as_ref(),
            tgt_lang: args.tgt_lang.as_ref(),
        },
        dictionaries: &dictionaries,
        rows: RowOptions {
            thresholds: args.thresholds.thresholds(),
            export: &args.export,
        },
        creation_date: creation_date(args.creation_date.as_deref())?,
        format: args.format,
        segtype: args.segtype.into(),
        lang_style: args.tmx_lang_style,
        no_clobber: args.no_clobber,
    };
    let report = args.report.target()?;
    let outcome = align_document(
        &args.source,
        args.target.as_deref(),
        &settings,
        &args.output,
        report.as_ref(),
    )?;
    let summary = &outcome.summary;
    if !args.quiet {
        for warning in &outcome.warnings {
            eprintln!("tandem: warning: {warning}");
        }
    }
    if args.verbose {
        print_estimates(&outcome.models);
    }
    if !args.quiet {
        let target = if is_stdout(&args.output) {
            "standard output".to_string()
        } else if args.format == Format::Moses {
            let (src, tgt) = &outcome.languages;
            let (src, tgt) = moses_paths(&args.output, src, tgt);
            format!("{} and {}", src.display(), tgt.display())
        } else {
            args.output.display().to_string()
        };
        eprintln!(
            "tandem: {} written to {target} ({} flagged, {} left unaligned) in {:.2} s",
            count(summary.pairs, "pair"),
            summary.flagged,
            count(summary.unaligned, "sentence"),
            started.elapsed().as_secs_f64()
        );
        if summary.removed > 0 {
            eprintln!(
                "tandem: warning: {} that XML 1.0 forbids left out",
                count(summary.removed, "character")
            );
        }
        if !summary.report.dropped.is_empty() {
            let dropped: Vec<String> = summary
                .report
                .dropped
                .iter()
                .map(|(why, n)| format!("{n} by {why}"))
                .collect();
            eprintln!("tandem: pairs left out: {}", dropped.join(", "));
        }
        if let Some((path, _)) = &report {
            eprintln!("tandem: report written to {}", path.display());
        }
    }
    let failed = args
        .report
        .fail_on
        .is_some_and(|level| summary.report.has_at_least(level.severity()));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// How every document of a run is read, aligned, checked and written.
#[derive(Clone)]
pub struct Settings<'a> {
    pub read: ReadOptions<'a>,
    pub dictionaries: &'a Dictionaries,
    pub rows: RowOptions<'a>,
    /// The TMX creation date, in TMX's basic form.
    pub creation_date: String,
    pub format: Format,
    /// Sentence pairs, or paragraph pairs.
    pub segtype: SegType,
    /// How language tags are written.
    pub lang_style: LangStyle,
    /// Refuse to overwrite existing outputs.
    pub no_clobber: bool,
}

/// What aligning one document gave.
pub struct Outcome {
    pub summary: Summary,
    /// What the user should hear: blocks without a counterpart, a
    /// dictionary that does not cover the pair.
    pub warnings: Vec<String>,
    /// The models estimated for the document pair.
    pub models: tandem_align::Models,
    /// How many sentences each side has.
    pub sentences: (usize, usize),
    /// The language tags written, source and target.
    pub languages: (String, String),
}

/// Reads, aligns and checks one document (two files, or one interleaved
/// file when `target` is `None`) and writes it to `output` (`-` for
/// standard output), and its report if asked for.
pub fn align_document(
    source: &Path,
    target: Option<&Path>,
    settings: &Settings<'_>,
    output: &Path,
    report: Option<&(PathBuf, ReportFormat)>,
) -> Result<Outcome> {
    let mut document = match target {
        Some(target) => read_pair(source, target, &settings.read)?,
        None => read_interleaved(source, &settings.read)?,
    };
    let mut warnings = Vec::new();
    for unpaired in &document.unpaired {
        let (what, fate) = if unpaired.other_language {
            ("in a third language", "left out")
        } else {
            ("without a counterpart", "left unaligned")
        };
        let lines = match unpaired.lines {
            (first, last) if first == last => format!("line {first}"),
            (first, last) => format!("lines {first}-{last}"),
        };
        warnings.push(format!(
            "{} {lines} ({}) {what}: its sentences are {fate}",
            source.display(),
            unpaired.language
        ));
    }
    let src_text = document.src.text();
    let tgt_text = document.tgt.text();
    let align_options = Options {
        dictionary: settings.dictionaries.for_document(
            (
                document.src.language().as_str(),
                document.tgt.language().as_str(),
            ),
            (&src_text.sentences, &tgt_text.sentences),
            &mut warnings,
        ),
        ..Options::default()
    };
    let alignment = align(&src_text, &tgt_text, &document.sections, &align_options);
    let sentences = (src_text.sentences.len(), tgt_text.sentences.len());
    drop((src_text, tgt_text));
    // From here on the tags are what the output says.
    for side in [&mut document.src, &mut document.tgt] {
        side.language = Some(side.language().styled(settings.lang_style.into()));
    }
    let header = Header {
        creation_tool: "tandem".into(),
        creation_tool_version: env!("CARGO_PKG_VERSION").into(),
        segtype: settings.segtype,
        srclang: document.src.language().to_string(),
        adminlang: "en".into(),
        creation_date: Some(settings.creation_date.clone()),
    };
    let summary = write_output((output, report), &header, &document, &alignment, settings)?;
    Ok(Outcome {
        summary,
        warnings,
        models: alignment.models,
        sentences,
        languages: (
            document.src.language().to_string(),
            document.tgt.language().to_string(),
        ),
    })
}

/// `1 pair`, `2 pairs`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn print_estimates(models: &tandem_align::Models) {
    eprintln!(
        "tandem: sentence lengths: {:.3} target characters per source character, variance {:.2} per source character",
        models.sentences.ratio, models.sentences.variance
    );
    if models.tail.weight > 0.0 {
        eprintln!(
            "tandem: sentence length tail: {:.1}% of translations {:.1} times as spread",
            100.0 * models.tail.weight,
            models.tail.scale
        );
    } else {
        eprintln!("tandem: sentence length tail: none (too few 1-1 pairs to fit one)");
    }
    eprintln!(
        "tandem: paragraph lengths: spread {:.3} of the expected length",
        models.paragraphs.spread
    );
    let priors: Vec<String> = models
        .priors
        .shapes()
        .iter()
        .map(|(shape, p)| format!("{shape} {p:.3}"))
        .collect();
    eprintln!("tandem: bead priors: {}", priors.join(", "));
}

/// The creation date in TMX's basic form, from `--creation-date`, else
/// `SOURCE_DATE_EPOCH`, else the clock.
pub fn creation_date(given: Option<&str>) -> Result<String> {
    let timestamp = match given {
        Some(text) => parse_date(text)?,
        None => match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(epoch) => {
                let seconds: i64 = epoch.trim().parse().with_context(|| {
                    format!("SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds")
                })?;
                jiff::Timestamp::from_second(seconds)
                    .context("SOURCE_DATE_EPOCH is out of range")?
            }
            Err(_) => jiff::Timestamp::now(),
        },
    };
    Ok(timestamp.strftime("%Y%m%dT%H%M%SZ").to_string())
}

fn parse_date(text: &str) -> Result<jiff::Timestamp> {
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(ts);
    }
    if let Ok(ts) = jiff::Timestamp::strptime("%Y%m%dT%H%M%S%#z", text.replace('Z', "+0000")) {
        return Ok(ts);
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return Ok(date.to_zoned(jiff::tz::TimeZone::UTC)?.timestamp());
    }
    bail!(
        "--creation-date '{text}' is not a date (use 2024-01-21, 2024-01-21T08:00:00Z or 20240121T080000Z)"
    )
}

pub struct Summary {
    pub pairs: usize,
    pub flagged: usize,
    pub unaligned: usize,
    pub removed: usize,
    /// Every bead's confidence and flags, as the report counts them (with
    /// the pairs left out of the output by the export options).
    pub report: ReportSummary,
}

/// What the rows of the output are checked against and which are kept.
#[derive(Clone, Copy)]
pub struct RowOptions<'a> {
    pub thresholds: Thresholds,
    pub export: &'a ExportArgs,
}

/// Writes the alignment to `path` (or standard output), and the report to
/// its own path: each to a temporary file beside it, renamed over it only
/// when everything was written.
fn write_output(
    (path, report): (&Path, Option<&(PathBuf, ReportFormat)>),
    header: &Header,
    document: &Document,
    alignment: &Alignment,
    settings: &Settings<'_>,
) -> Result<Summary> {
    let (format, no_clobber) = (settings.format, settings.no_clobber);
    let write = |sink: Sink<'_>| -> Result<Summary> {
        let Some((report_path, report_format)) = report else {
            return write_rows(sink, header, document, alignment, settings, None);
        };
        write_atomically(report_path, no_clobber, |report_out| {
            let mut report = report_writer(*report_format, report_out, &document.name)?;
            let summary = write_rows(
                sink,
                header,
                document,
                alignment,
                settings,
                Some(&mut report),
            )?;
            report.finish(&summary.report)?;
            Ok(summary)
        })
    };
    if format == Format::Moses {
        if is_stdout(path) {
            bail!("--format moses writes two files, OUTPUT.SRC and OUTPUT.TGT: give -o OUTPUT");
        }
        let (src_path, tgt_path) = moses_paths(
            path,
            document.src.language().as_str(),
            document.tgt.language().as_str(),
        );
        return write_atomically(&src_path, no_clobber, |src| {
            write_atomically(&tgt_path, no_clobber, |tgt| write(Sink::Two(src, tgt)))
        });
    }
    if is_stdout(path) {
        let stdout = std::io::stdout().lock();
        return write(Sink::One(Box::new(BufWriter::new(stdout))))
            .context("cannot write to standard output");
    }
    write_atomically(path, no_clobber, |out| write(Sink::One(out)))
}

fn write_rows(
    sink: Sink<'_>,
    header: &Header,
    document: &Document,
    alignment: &Alignment,
    settings: &Settings<'_>,
    mut report: Option<&mut Box<dyn ReportWriter + '_>>,
) -> Result<Summary> {
    let options = &settings.rows;
    let context = Context {
        document: &document.name,
        src_lang: document.src.language().as_str(),
        tgt_lang: document.tgt.language().as_str(),
    };
    let mut writer = writer(settings.format, sink, header, &context)?;
    let content_options = ContentOptions::default();
    let mut memory = MemoryChecks::new();
    let mut summary = Summary {
        pairs: 0,
        flagged: 0,
        unaligned: 0,
        removed: 0,
        report: ReportSummary::default(),
    };
    let paragraphs = settings.segtype == SegType::Paragraph;
    let (beads, posteriors) = units(alignment, document, settings.segtype);
    for (position, (bead, &posterior)) in beads.iter().zip(posteriors.iter()).enumerate() {
        let source = join(&document.src, bead.src.clone());
        let target = join(&document.tgt, bead.tgt.clone());
        let mut rating = score(
            bead,
            posterior,
            tandem_text::length(&source),
            tandem_text::length(&target),
            &alignment.models.sentences,
            &options.thresholds,
        );
        if paragraphs {
            // Several sentences a side is what a paragraph is.
            rating.flags.retain(|f| f.kind != FlagKind::ManyToMany);
        }
        if !bead.is_null() {
            rating.flags.extend(check_content(
                &source,
                &target,
                context.src_lang,
                context.tgt_lang,
                &content_options,
            ));
            rating
                .flags
                .extend(memory.check(position + 1, &source, &target));
        }
        let report_row = ReportRow {
            unit: position + 1,
            tuid: None,
            source: source.clone(),
            target: target.clone(),
            confidence: (rating.confidence * 10_000.0).round() / 10_000.0,
            flags: rating.flags.iter().map(ReportFlag::from).collect(),
        };
        summary.report.add(&report_row);
        if let Some(report) = report.as_mut() {
            report.pair(&report_row)?;
        }
        if bead.is_null() {
            summary.unaligned += bead.src.len() + bead.tgt.len();
        } else if let Some(reason) = options.export.reason_to_drop(
            (bead.src.len(), bead.tgt.len()),
            &source,
            &target,
            &rating,
        ) {
            *summary.report.dropped.entry(reason).or_default() += 1;
            continue;
        }
        let row = Row {
            number: summary.pairs + 1,
            bead,
            source,
            target,
            score: &rating,
            src_lines: lines_of(&document.src, bead.src.clone()),
            tgt_lines: lines_of(&document.tgt, bead.tgt.clone()),
        };
        if writer.write(&row, &context)? && !bead.is_null() {
            summary.pairs += 1;
            summary.flagged += usize::from(!rating.flags.is_empty());
        }
    }
    summary.removed = writer.finish()?;
    Ok(summary)
}

/// The units written with their confidence: the sentence beads, or for a
/// paragraph memory the paragraph beads (in sentence coordinates), each as
/// confident as its least confident sentence bead. Sentence units are the
/// alignment's own, borrowed.
fn units<'a>(
    alignment: &'a Alignment,
    document: &Document,
    segtype: SegType,
) -> (Cow<'a, [Bead]>, Cow<'a, [f64]>) {
    if segtype == SegType::Sentence {
        return (
            Cow::Borrowed(alignment.beads.as_slice()),
            Cow::Borrowed(alignment.posteriors.as_slice()),
        );
    }
    let sentences = |side: &Side, paragraphs: std::ops::Range<usize>| {
        let start = side
            .paragraphs
            .get(paragraphs.start)
            .map_or(side.sentences.len(), |p| p.start);
        let end = match paragraphs.end.checked_sub(1) {
            Some(last) if !paragraphs.is_empty() => side.paragraphs[last].end,
            _ => start,
        };
        start..end
    };
    let mut inside = alignment
        .beads
        .iter()
        .zip(alignment.posteriors.iter().copied())
        .peekable();
    let (beads, posteriors): (Vec<Bead>, Vec<f64>) = alignment
        .paragraph_beads
        .iter()
        .map(|p| {
            let bead = Bead {
                src: sentences(&document.src, p.src.clone()),
                tgt: sentences(&document.tgt, p.tgt.clone()),
                cost: p.cost,
            };
            let mut confidence = 1.0f64;
            while let Some((_, posterior)) =
                inside.next_if(|(s, _)| s.src.end <= bead.src.end && s.tgt.end <= bead.tgt.end)
            {
                confidence = confidence.min(posterior);
            }
            (bead, confidence)
        })
        .unzip();
    (Cow::Owned(beads), Cow::Owned(posteriors))
}

/// The sentences of a bead's side as one text: joined by a space, or by
/// nothing between scripts written without spaces.
fn join(side: &Side, range: std::ops::Range<usize>) -> String {
    let mut text = String::new();
    for sentence in &side.sentences[range] {
        if !text.is_empty() && needs_space(&text, sentence) {
            text.push(' ');
        }
        text.push_str(sentence);
    }
    text
}

fn lines_of(side: &Side, range: std::ops::Range<usize>) -> Option<(usize, usize)> {
    if range.is_empty() {
        return None;
    }
    Some((side.lines[range.start].0, side.lines[range.end - 1].1))
}
