//! One document, from its files to its outputs: what `align` does once and
//! `batch` does for each document.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use tandem_align::Models;
use tandem_pipeline::corrections::{Corrections, InputFile, Inputs, Remapped};
use tandem_pipeline::format::{self, Format, Outputs, moses_paths};
use tandem_pipeline::report::{ReportFormat, report_writer};
use tandem_pipeline::review::Review;
use tandem_pipeline::{AlignSettings, AlignedDocument, DocumentPair, Written, align_document};

use crate::args::ReadSettings;
use crate::files::{is_stdout, write_atomically, write_to};
use crate::input::read_document;
use crate::messages;

/// How every document of a run is aligned, checked and written (how it is
/// read, [`ReadSettings`], may differ by document: its languages).
pub struct Settings {
    /// How a document is aligned, rated, and which pairs are kept.
    pub align: AlignSettings,
    /// The output format.
    pub format: Format,
    /// The creation date written, in TMX's basic form.
    pub creation_date: String,
    /// Refuse to overwrite existing outputs.
    pub no_clobber: bool,
}

/// What aligning one document gave.
pub struct Outcome {
    /// What was written.
    pub written: Written,
    /// What the user should hear, as messages.
    pub warnings: Vec<String>,
    /// The models estimated for the document pair.
    pub models: Models,
    /// How many sentences each side has.
    pub sentences: (usize, usize),
    /// Where the pairs went, as a message names it.
    pub destination: String,
}

/// Refuses a Moses output on standard output, before any work.
pub fn check_output(format: Format, output: &Path) -> Result<()> {
    if format == Format::Moses && is_stdout(output) {
        bail!("--format moses writes two files, OUTPUT.SRC and OUTPUT.TGT: give -o OUTPUT");
    }
    Ok(())
}

/// Reads, aligns and checks one document (two files, or one interleaved
/// file when `target` is `None`) and writes it to `output` (`-` for
/// standard output), and its report if asked for.
pub fn align_files(
    (source, target): (&Path, Option<&Path>),
    read: &ReadSettings<'_>,
    settings: &Settings,
    output: &Path,
    report: Option<&(PathBuf, ReportFormat)>,
    corrections: Option<&Corrected>,
) -> Result<Outcome> {
    check_output(settings.format, output)?;
    let document = read_document(source, target, read)?;
    let mut notes = Vec::new();
    let review;
    let aligned = match corrections {
        None => align_document(&document, &settings.align),
        Some(corrected) => {
            review = corrected.review(document, (source, target), &settings.align, &mut notes)?;
            review.aligned()
        }
    };
    refuse_nothing(&aligned, settings, (source, target))?;
    let (written, destination) = write_document(&aligned, settings, output, report)?;
    notes.extend((aligned.warnings.iter()).map(|w| messages::warning(source, target, w)));
    Ok(Outcome {
        written,
        warnings: notes,
        models: aligned.alignment.models.clone(),
        sentences: (
            aligned.document.src.sentences.len(),
            aligned.document.tgt.sentences.len(),
        ),
        destination,
    })
}

/// A reviewer's corrections file, read, to align with
/// (`align --corrections`).
pub struct Corrected {
    /// Where it was read from.
    pub path: PathBuf,
    /// What it holds.
    pub corrections: Corrections,
}

impl Corrected {
    /// Reads a corrections file.
    pub fn read(path: &Path) -> Result<Corrected> {
        let bytes = crate::files::read_bounded(path, 1 << 30)?;
        let corrections = Corrections::from_json(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", crate::files::display(path)))?;
        Ok(Corrected {
            path: path.to_path_buf(),
            corrections,
        })
    }

    /// `document` aligned under the decisions, with a note for each input
    /// that changed since they were made and for decisions found again
    /// elsewhere.
    pub fn review(
        &self,
        document: DocumentPair,
        (source, target): (&Path, Option<&Path>),
        settings: &AlignSettings,
        notes: &mut Vec<String>,
    ) -> Result<Review> {
        let file = crate::files::display(&self.path);
        let inputs = Inputs {
            source: InputFile::new(source.display().to_string(), &read_or_empty(source)),
            target: target.map(|t| InputFile::new(t.display().to_string(), &read_or_empty(t))),
            interleaved: target.is_none(),
        };
        let (src, tgt) = (document.src.sentences(), document.tgt.sentences());
        let (_, remapped) = self
            .corrections
            .rebased(&src.sentences, &tgt.sentences)
            .map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
        if let Some(lost) = remapped.lost.first() {
            let others = match (
                same_inputs(&self.corrections.inputs, &inputs),
                same_names(&self.corrections.inputs, &inputs),
            ) {
                (true, _) => String::new(),
                (false, true) => {
                    "the documents changed since the corrections were made, and ".into()
                }
                (false, false) => format!(
                    "the documents are not those the corrections were made with ({}), and ",
                    recorded_names(&self.corrections.inputs)
                ),
            };
            bail!("{file}: {others}{lost} (tandem review {file} opens it without what is gone)");
        }
        notes.extend(rebase_notes(&self.corrections, &inputs, &remapped, &file));
        notes.extend(options_not_given(&self.corrections, settings, &file));
        let review = Review::open(document, settings.clone(), self.corrections.clone())
            .map_err(|e| anyhow::anyhow!("{file}: {e}"))?
            .0;
        Ok(review)
    }
}

/// A file's bytes, or none when it cannot be read (it was read a moment
/// ago: only its hash is wanted here).
fn read_or_empty(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

/// Whether `given` are the documents `recorded` names, by their SHA-256.
fn same_inputs(recorded: &Inputs, given: &Inputs) -> bool {
    recorded.source.sha256 == given.source.sha256
        && recorded.target.as_ref().map(|t| &t.sha256) == given.target.as_ref().map(|t| &t.sha256)
}

/// Whether `given` have the file names `recorded` gives (wherever they
/// are).
fn same_names(recorded: &Inputs, given: &Inputs) -> bool {
    let name = |p: &str| Path::new(p).file_name().map(|n| n.to_os_string());
    let names = |inputs: &Inputs| {
        [Some(&inputs.source), inputs.target.as_ref()].map(|i| i.and_then(|i| name(&i.path)))
    };
    names(recorded) == names(given)
}

/// The documents a corrections file names, for a message.
fn recorded_names(inputs: &Inputs) -> String {
    [Some(&inputs.source), inputs.target.as_ref()]
        .into_iter()
        .flatten()
        .map(|i| i.path.clone())
        .collect::<Vec<_>>()
        .join(" and ")
}

/// What to say when the corrections in `file` (named `name`) are applied
/// to documents `given` that may not be those it was made with.
pub fn rebase_notes(
    file: &Corrections,
    given: &Inputs,
    remapped: &Remapped,
    name: &str,
) -> Vec<String> {
    let mut notes = Vec::new();
    if remapped.moved > 0 {
        let which = match same_names(&file.inputs, given) {
            true => "the documents changed since it was made".to_string(),
            false => format!(
                "the documents are not those it was made with ({})",
                recorded_names(&file.inputs)
            ),
        };
        notes.push(format!(
            "{name}: {which}: {} of its {} decisions were found again elsewhere by their sentences' text",
            remapped.moved,
            file.decisions.len()
        ));
    }
    for lost in &remapped.lost {
        notes.push(format!("{name}: left out, the sentence is gone: {lost}"));
    }
    notes
}

/// The options a review was started with (its corrections `file`, named
/// `name`) that this run was not given: the pairs around the decisions
/// depend on them.
pub fn options_not_given(file: &Corrections, settings: &AlignSettings, name: &str) -> Vec<String> {
    let words: Vec<String> = std::env::args().collect();
    let missing: Vec<&str> = (file.options.iter())
        .filter(|o| o.starts_with('-'))
        .filter(|o| !(o.as_str() == "--no-embeddings" && settings.encoder.is_none()))
        .filter(|o| {
            let name = o.split('=').next().unwrap_or(o);
            !words.iter().any(|w| w.split('=').next() == Some(name))
        })
        .map(String::as_str)
        .collect();
    match missing.is_empty() {
        true => Vec::new(),
        false => vec![format!(
            "{name} was made with {}, which this run was not given: the pairs around the decisions may differ from the review's",
            missing.join(" ")
        )],
    }
}

/// Refuses, before any file is written, a document that would give no
/// pair at all: a memory without a unit from texts with sentences is a
/// failure to report, not a success.
fn refuse_nothing(
    aligned: &AlignedDocument<'_>,
    settings: &Settings,
    (source, target): (&Path, Option<&Path>),
) -> Result<()> {
    let preview = aligned.write(&settings.align, Box::new(Discard), None)?;
    if preview.pairs > 0 {
        return Ok(());
    }
    let files = match target {
        Some(target) => format!("{} and {}", source.display(), target.display()),
        None => source.display().to_string(),
    };
    let dropped = preview.summary.dropped_by_name();
    if dropped.is_empty() {
        bail!(
            "{files}: no pair to write: all {} sentences were left unaligned",
            preview.unaligned
        );
    }
    let reasons: Vec<String> = dropped
        .iter()
        .map(|(why, n)| format!("{n} by {why}"))
        .collect();
    bail!(
        "{files}: no pair to write: every pair was left out ({})",
        reasons.join(", ")
    )
}

/// A writer that keeps nothing: what a document would give, counted.
struct Discard;

impl format::PairWriter for Discard {
    fn write(&mut self, _unit: &format::Unit<'_>) -> std::io::Result<()> {
        Ok(())
    }

    fn finish(self: Box<Self>) -> std::io::Result<usize> {
        Ok(0)
    }
}

/// Writes the alignment to `path` (or standard output, or Moses's two
/// files), and the report to its own path: each to a temporary file beside
/// it, renamed over it only when everything was written. Returns what was
/// written and where, as a message names it.
fn write_document(
    aligned: &AlignedDocument<'_>,
    settings: &Settings,
    path: &Path,
    report: Option<&(PathBuf, ReportFormat)>,
) -> Result<(Written, String)> {
    let no_clobber = settings.no_clobber;
    let memory = aligned.memory_info(&settings.align, &settings.creation_date);
    let write = |outputs: Outputs<'_>| -> Result<Written> {
        let writer = format::writer(settings.format, outputs, &memory)?;
        let Some((report_path, report_format)) = report else {
            return Ok(aligned.write(&settings.align, writer, None)?);
        };
        write_atomically(report_path, no_clobber, |report_out| {
            let mut report = report_writer(
                *report_format,
                report_out,
                &aligned.document.name,
                (memory.src_lang, memory.tgt_lang),
            )?;
            let written = aligned.write(&settings.align, writer, Some(report.as_mut()))?;
            report.finish(&written.summary)?;
            Ok(written)
        })
    };
    if settings.format == Format::Moses {
        let (src_path, tgt_path) = moses_paths(path, memory.src_lang, memory.tgt_lang);
        let written = write_atomically(&src_path, no_clobber, |src| {
            write_atomically(&tgt_path, no_clobber, |tgt| write(Outputs::Two(src, tgt)))
        })?;
        let destination = format!("{} and {}", src_path.display(), tgt_path.display());
        return Ok((written, destination));
    }
    let written = write_to(path, no_clobber, |out| write(Outputs::One(out)))?;
    let destination = if is_stdout(path) {
        "standard output".to_string()
    } else {
        path.display().to_string()
    };
    Ok((written, destination))
}
