//! `tandem segment`: the sentences a file splits into, as `align` reads
//! them, for checking and tuning the rules.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::Args;
use serde::Serialize;
use tandem_pipeline::Warning;
use tandem_segment::{Input, ReadOptions, Side};
use tandem_text::LanguageTag;

use crate::args::{Encoding, LimitArgs, ParagraphArgs, SrxArgs, parse_encoding, parse_tag};
use crate::files::{display, read_bounded, write_to};
use crate::messages::{self, EncodingOption, input_error, plural};

/// `tandem segment`'s arguments.
#[derive(Args)]
pub struct SegmentArgs {
    /// The file to segment; `-` for standard input.
    #[arg(value_name = "FILE", required_unless_present = "dump_srx")]
    file: Option<PathBuf>,
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
    let Some(file) = &args.file else {
        anyhow::bail!("give a FILE to segment, or --dump-srx");
    };
    let srx = args.srx.load()?;
    let options = ReadOptions {
        paragraphs: args.paragraphs.paragraphs.into(),
        presegmented: false,
        limits: args.limits.limits(),
        srx: srx.as_ref(),
        src_lang: args.lang.as_ref(),
        tgt_lang: None,
    };
    let bytes = read_bounded(file, args.limits.input.max_input_size)?;
    let (side, _) = Side::read(bytes, args.encoding, args.lang.as_ref(), &options)
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
        eprintln!(
            "tandem: warning: {}",
            messages::warning(file, None, &warning)
        );
    }
    eprintln!(
        "tandem: {}: {} in {} ({})",
        display(file),
        plural(side.sentences.len(), "sentence"),
        plural(side.paragraphs.len(), "paragraph"),
        side.language
    );
    Ok(ExitCode::SUCCESS)
}
