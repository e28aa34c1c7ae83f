//! `tandem segment`: the sentences a file splits into, as `align` reads
//! them, for checking and tuning the rules.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow};
use clap::Args;
use serde::Serialize;
use tandem_pipeline::Warning;
use tandem_segment::{Input, ReadOptions, Segmenter, Side, Srx, check_cases, parse_cases};
use tandem_text::LanguageTag;

use crate::args::{
    DEFAULT_MAX_INPUT_SIZE, Encoding, LimitArgs, ParagraphArgs, SrxArgs, parse_encoding, parse_tag,
};
use crate::files::{display, read_bounded, read_text, write_to};
use crate::messages::{self, EncodingOption, input_error, plural};

/// `tandem segment`'s arguments.
#[derive(Args)]
pub struct SegmentArgs {
    /// The file to segment; `-` for standard input.
    #[arg(value_name = "FILE", required_unless_present_any = ["dump_srx", "check"])]
    file: Option<PathBuf>,
    /// Score the rules on segmentation cases instead: files of `in: PARAGRAPH` lines each followed by its `out: SENTENCE` lines (blank lines between cases); prints each failure and the pass rate per file, and exits with 1 if a case fails. The language is --lang, else the file's name (de.txt).
    #[arg(long, value_name = "CASES", num_args = 1.., conflicts_with_all = ["file", "dump_srx"])]
    check: Vec<PathBuf>,
    /// Write the built-in rules as an SRX 2.0 file to standard output (to edit and load with --srx).
    #[arg(long, conflicts_with_all = ["file", "srx"])]
    dump_srx: bool,
    /// Its language, a BCP 47 tag. Detected when not given.
    #[arg(long, value_name = "TAG", value_parser = parse_tag)]
    lang: Option<LanguageTag>,
    /// Encoding of a file without a byte-order mark (as in align).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<Encoding>,
    #[command(flatten)]
    paragraphs: ParagraphArgs,
    /// One JSON object per sentence (paragraph, lines, text) instead of one sentence per line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    srx: SrxArgs,
}

#[derive(Serialize)]
struct Sentence<'a> {
    paragraph: usize,
    first_line: usize,
    last_line: usize,
    text: &'a str,
}

/// Runs `tandem segment`.
pub fn run(args: SegmentArgs) -> Result<ExitCode> {
    let stdout = std::path::Path::new("-");
    if args.dump_srx {
        write_to(stdout, false, |mut out| {
            out.write_all(tandem_segment::BUILTIN_SRX.as_bytes())?;
            Ok(out.flush()?)
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let srx = args.srx.load()?;
    // Once, whether for a file or for cases (a language from a file's name
    // has rules: `language_of` refuses any other).
    if let Some(language) = &args.lang {
        warn_without_rules(language, srx.as_ref());
    }
    if !args.check.is_empty() {
        return check(&args.check, args.lang.as_ref(), srx.as_ref());
    }
    let Some(file) = &args.file else {
        anyhow::bail!("give a FILE to segment, or --dump-srx");
    };
    let options = ReadOptions {
        paragraphs: args.paragraphs.paragraphs.into(),
        presegmented: false,
        limits: args.limits.limits(),
        srx: srx.as_ref(),
        src_lang: args.lang.as_ref(),
        tgt_lang: None,
    };
    let bytes = read_bounded(file, args.limits.input.max_input_size)?;
    let format = crate::input::format_of(file, &bytes, None)
        .map_err(|e| anyhow!(input_error(file, &e, EncodingOption::Encoding)))?;
    let (side, _) = Side::read_as(
        bytes,
        args.encoding,
        Some(format),
        args.lang.as_ref(),
        &options,
    )
    .map_err(|e| anyhow!(input_error(file, &e, EncodingOption::Encoding)))?;
    write_to(stdout, false, |mut out| {
        for (number, paragraph) in side.paragraphs.iter().enumerate() {
            for k in paragraph.clone() {
                let text = &side.sentences[k];
                if args.json {
                    let (first_line, last_line) = side.lines[k];
                    let sentence = Sentence {
                        paragraph: number + 1,
                        first_line,
                        last_line,
                        text,
                    };
                    serde_json::to_writer(&mut out, &sentence)?;
                    writeln!(out)?;
                } else {
                    writeln!(out, "{text}")?;
                }
            }
            // A blank line between paragraphs, as --presegmented reads them.
            if !args.json && number + 1 < side.paragraphs.len() {
                writeln!(out)?;
            }
        }
        Ok(out.flush()?)
    })?;
    if let Some(wrap) = side.hard_wrapped {
        let warning = Warning::HardWrapped {
            input: Input::Source,
            wrap,
        };
        say!(
            "tandem: warning: {}",
            messages::warning(file, None, &warning)
        );
    }
    say!(
        "tandem: {}: {} in {} ({})",
        display(file),
        plural(side.sentences.len(), "sentence"),
        plural(side.paragraphs.len(), "paragraph"),
        side.language
    );
    Ok(ExitCode::SUCCESS)
}

/// `--check`: each file's cases run through the rules of its language;
/// failures and pass rates on standard output.
fn check(files: &[PathBuf], lang: Option<&LanguageTag>, srx: Option<&Srx>) -> Result<ExitCode> {
    let mut scored = Vec::new();
    for path in files {
        let text = read_text(path, DEFAULT_MAX_INPUT_SIZE)?;
        let cases = parse_cases(&text).with_context(|| display(path).to_string())?;
        let language = match lang {
            Some(tag) => tag.clone(),
            None => language_of(path, srx)?,
        };
        let segmenter = Segmenter::for_language(language.as_str(), srx);
        let results = check_cases(&cases, &segmenter);
        let passed = results.iter().filter(|r| r.passed()).count();
        scored.push((path, language, passed, cases.len()));
        write_to(Path::new("-"), false, |mut out| {
            for result in results.iter().filter(|r| !r.passed()) {
                let case = result.case;
                writeln!(out, "{}:{}: {}", display(path), case.line, case.input)?;
                for sentence in &case.expected {
                    writeln!(out, "  expected: {sentence}")?;
                }
                for sentence in &result.found {
                    writeln!(out, "  found:    {sentence}")?;
                }
            }
            Ok(out.flush()?)
        })?;
    }
    let mut all_passed = true;
    write_to(Path::new("-"), false, |mut out| {
        for (path, language, passed, total) in &scored {
            all_passed &= passed == total;
            let rate = if *total == 0 {
                1.0
            } else {
                *passed as f64 / *total as f64
            };
            writeln!(
                out,
                "{} ({language}): {passed}/{total} cases passed ({:.1}%)",
                display(path),
                100.0 * rate
            )?;
        }
        Ok(out.flush()?)
    })?;
    Ok(if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The language a file of cases is named for: `de.txt` is German. A name
/// that is no language with rules of its own (`cases.txt`) is an error:
/// the generic rules would run, and their failures would mislead.
fn language_of(path: &Path, srx: Option<&Srx>) -> Result<LanguageTag> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let rules = srx.unwrap_or_else(|| Srx::builtin());
    match LanguageTag::parse(stem) {
        Ok(tag) if rules.has_rules_for(tag.as_str()) => Ok(tag),
        _ => Err(anyhow!(
            "{}: give --lang; the file's name '{stem}' names no language with sentence rules of its own",
            display(path)
        )),
    }
}

/// A warning when `language` has no sentence rules of its own, so that the
/// generic rules' splits are not taken for its.
fn warn_without_rules(language: &LanguageTag, srx: Option<&Srx>) {
    let rules = srx.unwrap_or_else(|| Srx::builtin());
    if !rules.has_rules_for(language.as_str()) {
        say!(
            "tandem: warning: no sentence rules of their own for '{language}': the generic rules of languages written with spaces split it"
        );
    }
}
