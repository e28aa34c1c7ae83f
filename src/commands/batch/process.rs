//! One document of a batch, and the merge of them all.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow};
use tandem_pipeline::merge::{MergeError, merge};
use tandem_text::LanguageTag;
use tandem_tmx::{ReadError, TmxReader};

use super::jobs::{Job, safe_join};
use super::state::DocumentResult;
use crate::args::ReadSettings;
use crate::document::{Settings, align_files};
use crate::files::write_atomically;

/// Aligns one document; any failure, even a panic, becomes its error.
pub fn process(
    job: &Job,
    dir: &Path,
    read: &ReadSettings<'_>,
    settings: &Settings,
) -> DocumentResult {
    let mut result = DocumentResult {
        name: job.name.clone(),
        source: job.source.display().to_string(),
        target: job.target.display().to_string(),
        output: None,
        pairs: 0,
        flagged: 0,
        flagged_share: 0.0,
        mean_confidence: 0.0,
        document_score: None,
        sentences: (0, 0),
        warnings: Vec::new(),
        error: None,
    };
    // Moses's two files are named by the languages after the name.
    let relative = match settings.format.extension() {
        "" => job.name.clone(),
        extension => format!("{}.{extension}", job.name),
    };
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> Result<_> {
        let output = safe_join(dir, &relative)?;
        if let Some(parent) = output.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let tag = |tag: &Option<String>| tag.as_deref().map(LanguageTag::parse).transpose();
        let (src_lang, tgt_lang) = (tag(&job.src_lang)?, tag(&job.tgt_lang)?);
        let mut read = *read;
        read.options.src_lang = src_lang.as_ref().or(read.options.src_lang);
        read.options.tgt_lang = tgt_lang.as_ref().or(read.options.tgt_lang);
        align_files(
            (&job.source, Some(&job.target)),
            &read,
            settings,
            &output,
            None,
            None,
        )
    }));
    match attempt {
        Ok(Ok(outcome)) => {
            let written = &outcome.written;
            result.output = Some(relative);
            result.pairs = written.pairs;
            result.flagged = written.flagged;
            result.flagged_share = if written.pairs > 0 {
                written.flagged as f64 / written.pairs as f64
            } else {
                0.0
            };
            result.mean_confidence = written.summary.mean_confidence;
            result.document_score = written.summary.document_score;
            result.sentences = outcome.sentences;
            result.warnings = outcome.warnings;
        }
        Ok(Err(error)) => result.error = Some(format!("{error:#}")),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown");
            result.error = Some(format!("internal error (please report it): {message}"));
        }
    }
    result
}

/// Merges the documents' TMX files, in input order, into `merged`.
pub fn merge_outputs(
    dir: &Path,
    results: &[DocumentResult],
    merged: &Path,
    srclang: Option<&LanguageTag>,
    settings: &Settings,
) -> Result<()> {
    let outputs: Vec<(&str, PathBuf)> = results
        .iter()
        .filter(|r| r.error.is_none())
        .filter_map(|r| Some((r.name.as_str(), dir.join(r.output.as_ref()?))))
        .collect();
    let names: Vec<&str> = outputs.iter().map(|(name, _)| *name).collect();
    let open = |k: usize| {
        let file = std::fs::File::open(&outputs[k].1).map_err(ReadError::Io)?;
        TmxReader::new(std::io::BufReader::new(file))
    };
    write_atomically(merged, settings.no_clobber, |out| {
        merge(
            &names,
            open,
            srclang.map(LanguageTag::as_str),
            &settings.creation_date,
            out,
        )
        .map_err(|e| match e {
            MergeError::Read { document, error } => {
                anyhow!("{}: {error}", outputs[document].1.display())
            }
            MergeError::Write(error) => error.into(),
        })?;
        Ok(())
    })
}
