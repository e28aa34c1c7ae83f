//! The `tandem` command: aligns a document and its translation into a
//! translation memory. It parses the command line, wires the library crates
//! together (`tandem-pipeline` above all), and turns errors into one message
//! and an exit code.

/// A message to the user on standard error. Unlike `eprintln!`, it cannot
/// panic: when no one reads standard error any more (`tandem … 2>&1 |
/// head`), there is no one left to tell.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod commands;
mod document;
mod files;
mod input;
mod interrupt;
mod messages;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use commands::{align, batch, convert, eval, model, qa, review, segment};

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
    /// Score alignments against gold alignments (folders of LANGS, src/, tgt/, gold/): strict
    /// and lax F1, and how well the confidence is calibrated (ROC AUC, ECE, log loss, precision
    /// and coverage at 0.9, the reliability diagram).
    #[command(after_help = EXIT_CODES)]
    Eval(eval::EvalArgs),
    /// Convert a memory between TMX, TSV, JSONL, XLIFF 1.2 and Moses parallel text.
    #[command(after_help = EXIT_CODES)]
    Convert(convert::ConvertArgs),
    /// Correct an alignment in the browser: a local editor (127.0.0.1 only) that saves your decisions as you go and realigns around each (docs/review.md).
    #[command(after_help = EXIT_CODES)]
    Review(review::ReviewArgs),
    /// Show the sentences a file splits into (one per line, paragraphs separated by a blank line).
    #[command(after_help = EXIT_CODES)]
    Segment(segment::SegmentArgs),
    /// Show where the sentence encoder is and verify it; `tandem model install` fetches it.
    #[command(after_help = EXIT_CODES)]
    Model(model::ModelArgs),
    /// Print a shell's completion script (e.g. `tandem completions bash > /etc/bash_completion.d/tandem`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; e.g. `tandem man | man -l -`, `tandem man align | man -l -`), or write them all to a folder.
    Man {
        /// A command's own page (tandem-align …) instead of tandem's.
        #[arg(conflicts_with = "dir")]
        command: Option<String>,
        /// Write every page (tandem.1, tandem-align.1 …) into this folder, e.g. ~/.local/share/man/man1.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

/// A malformed PDF can make its parser panic; the reader turns that into
/// an error naming the file, so the panic's own message is left out.
fn quiet_pdf_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(tandem_segment::PDF_THREAD) {
            default(info);
        }
    }));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    quiet_pdf_panics();
    if let Err(error) = interrupt::watch() {
        say!("tandem: error: {error:#}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Align(args) => align::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Qa(args) => qa::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Model(args) => model::run(args),
        Command::Review(args) => review::run(args),
        Command::Segment(args) => segment::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Completions { shell } => print_completions(shell),
        Command::Man { dir: Some(dir), .. } => write_man_pages(&dir),
        Command::Man { command, .. } => print_man_page(command.as_deref()),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`tandem align … | head`): nothing left to
        // say to anyone, as ripgrep does.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            say!("tandem: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error comes from writing to a closed pipe.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn print_completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tandem", &mut out);
    write_stdout(&out)
}

fn print_man_page(command: Option<&str>) -> anyhow::Result<ExitCode> {
    let cli = Cli::command().version(env!("CARGO_PKG_VERSION"));
    let page = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => sub
                .clone()
                .name(format!("tandem-{name}"))
                .version(env!("CARGO_PKG_VERSION")),
            None => {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                anyhow::bail!("no command '{name}' (one of: {})", names.join(", "))
            }
        },
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    write_stdout(&out)
}

fn write_man_pages(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    use anyhow::Context as _;
    let cli = Cli::command().version(env!("CARGO_PKG_VERSION"));
    clap_mangen::generate_to(cli, dir)
        .with_context(|| format!("cannot write the manual pages in {}", dir.display()))?;
    Ok(ExitCode::SUCCESS)
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_closed_pipe_is_told_from_other_errors() {
        let pipe = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("cannot write to standard output");
        assert!(is_broken_pipe(&pipe));
        let other = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::NotFound))
            .context("cannot read a.txt");
        assert!(!is_broken_pipe(&other));
    }
}
