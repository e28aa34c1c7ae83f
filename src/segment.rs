//! `tandem segment`: the sentences a file splits into, as `align` reads
//! them, for checking and tuning the rules.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use serde::Serialize;
use tandem_text::LanguageTag;

use crate::align::{parse_encoding, parse_tag};
use crate::input::{Limits, ReadOptions, SrxArgs, read_side};

#[derive(Args)]
pub struct SegmentArgs {
    /// The file to segment.
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
    encoding: Option<&'static encoding_rs::Encoding>,
    /// How paragraphs are marked: one per line, or separated by blank lines.
    #[arg(long, value_enum, default_value = "line")]
    paragraphs: crate::align::ParagraphArg,
    /// One JSON object per sentence (paragraph, lines, text) instead of one sentence per line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    limits: Limits,
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

pub fn run(args: SegmentArgs) -> Result<ExitCode> {
    if args.dump_srx {
        let mut out = std::io::stdout().lock();
        out.write_all(tandem_segment::BUILTIN_SRX.as_bytes())
            .and_then(|()| out.flush())
            .context("cannot write to standard output")?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(file) = &args.file else {
        anyhow::bail!("give a FILE to segment, or --dump-srx");
    };
    let srx = args.srx.load()?;
    let options = ReadOptions {
        limits: args.limits,
        srx: srx.as_ref(),
        encoding: args.encoding,
        paragraphs: args.paragraphs.into(),
        presegmented: false,
        src_lang: args.lang.as_ref(),
        tgt_lang: None,
    };
    let (side, _) = read_side(file, args.lang.as_ref(), &options)?;
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
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
    out.flush().context("cannot write to standard output")?;
    eprintln!(
        "tandem: {}: {} in {} ({})",
        file.display(),
        crate::align::count(side.sentences.len(), "sentence"),
        crate::align::count(side.paragraphs.len(), "paragraph"),
        side.language()
    );
    Ok(ExitCode::SUCCESS)
}
