//! The `tandem` command: aligns a document and its translation into a
//! translation memory. It parses the command line, wires the library crates
//! together, and turns errors into one message and an exit code.

mod align;
mod batch;
mod checks;
mod convert;
mod dictionary;
mod eval;
mod html;
mod input;
mod interrupt;
mod output;
mod qa;
mod report;
mod segment;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

const EXIT_CODES: &str = "Exit codes: 0 success; 1 the run finished but found what was asked about; 2 bad invocation or bad input.";

/// Align a document and its translation into a translation memory (TMX).
#[derive(Parser)]
#[command(name = "tandem", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Align a source and a target file, or one interleaved bilingual file.
    #[command(after_help = EXIT_CODES)]
    Align(align::AlignArgs),
    /// Align a folder or a manifest of document pairs, on every core.
    #[command(after_help = EXIT_CODES)]
    Batch(batch::BatchArgs),
    /// Check a TMX file from any tool: score every unit, flag what is suspicious, write a report.
    #[command(after_help = EXIT_CODES)]
    Qa(qa::QaArgs),
    /// Score alignments against gold alignments (sets laid out as ../shared/eval).
    #[command(after_help = EXIT_CODES)]
    Eval(eval::EvalArgs),
    /// Convert a memory between TMX, TSV, JSONL, XLIFF 1.2 and Moses parallel text.
    #[command(after_help = EXIT_CODES)]
    Convert(convert::ConvertArgs),
    /// Show the sentences a file splits into (one per line, paragraphs separated by a blank line).
    #[command(after_help = EXIT_CODES)]
    Segment(segment::SegmentArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = interrupt::watch() {
        eprintln!("tandem: error: {error:#}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Align(args) => align::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Qa(args) => qa::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Segment(args) => segment::run(args),
        Command::Convert(args) => convert::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("tandem: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
