//! `tandem review`: the review editor, served on loopback to the user's
//! browser (crates/review).

use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use clap::{Args, FromArgMatches as _};
use tandem_pipeline::corrections::{Corrections, InputFile, Inputs, SideCounts};
use tandem_pipeline::review::Review;
use tandem_pipeline::{AlignSettings, ExportPolicy};
use tandem_review::{Session, Storage, Token};
use tandem_tmx::SegType;

use crate::args::{DocumentArgs, LangStyle, ModelArgs, ThresholdArgs, WriteArgs};
use crate::files::{display, write_atomically};
use crate::input::read_document;
use crate::messages::plural;

/// `tandem review`'s arguments.
#[derive(Args, Clone)]
pub struct ReviewArgs {
    /// The source document (with TARGET), the interleaved file (with --interleaved), a bilingual XLIFF file, or a corrections file (NAME.tandem.json) to resume.
    #[arg(value_name = "SOURCE")]
    source: PathBuf,
    /// The target document: the translation of SOURCE.
    #[arg(value_name = "TARGET", conflicts_with = "interleaved")]
    target: Option<PathBuf>,
    /// SOURCE is one bilingual file whose paragraphs alternate between the two languages.
    #[arg(long)]
    interleaved: bool,
    /// Where the corrections are saved as you go, and read from if it exists. Default: beside SOURCE, NAME.tandem.json. Exports go beside it (NAME.reviewed.tmx).
    #[arg(long, value_name = "FILE")]
    corrections: Option<PathBuf>,
    /// The port on 127.0.0.1 to listen on; 0 picks a free one.
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    port: u16,
    /// Print the address instead of opening the browser.
    #[arg(long)]
    no_open: bool,
    #[command(flatten)]
    document: DocumentArgs,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
    /// How language tags are written in exports.
    #[arg(long, value_enum, value_name = "STYLE", default_value = "as-given")]
    tmx_lang_style: LangStyle,
    #[command(flatten)]
    write: WriteArgs,
}

/// The options of this run that say how the documents are read and
/// aligned: the words of the command line but the documents, and the
/// options of the server itself.
fn recorded_options(args: &ReviewArgs) -> Vec<String> {
    let words: Vec<String> = std::env::args().collect();
    let Some(start) = words.iter().position(|w| w == "review") else {
        return Vec::new();
    };
    let mut positional: Vec<String> = [Some(&args.source), args.target.as_ref()]
        .into_iter()
        .flatten()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut kept = Vec::new();
    let mut words = words[start + 1..].iter();
    while let Some(word) = words.next() {
        let name = word.split('=').next().unwrap_or(word);
        match name {
            // The server's own, and what only says how files are written.
            "--corrections" | "--port" | "--creation-date" if !word.contains('=') => {
                words.next();
            }
            "--corrections" | "--port" | "--creation-date" | "--no-open" | "--interleaved"
            | "--no-clobber" => {}
            _ if !word.starts_with('-') && positional.first() == Some(word) => {
                positional.remove(0);
            }
            _ => kept.push(word.clone()),
        }
    }
    // Without the sentence encoder by the environment: the same, said.
    if args.model.no_embeddings && !kept.iter().any(|w| w.starts_with("--no-embeddings")) {
        kept.push("--no-embeddings".into());
    }
    kept
}

/// Runs `tandem review`.
pub fn run(args: ReviewArgs) -> Result<ExitCode> {
    let resumed = args.target.is_none() && !args.interleaved && is_corrections(&args.source);
    let args = if resumed { resume(&args)? } else { args };
    let (source, target) = (args.source.as_path(), args.target.as_deref());
    if target.is_none() && !args.interleaved && !tandem_pipeline::xliff_input::is_xliff_name(source)
    {
        bail!(
            "give the translation of {} as TARGET, or --interleaved if the file holds both languages",
            display(source)
        );
    }
    if source == Path::new("-") || target == Some(Path::new("-")) {
        bail!("review reads files, not standard input: its corrections name the files they are of");
    }
    let path = args
        .corrections
        .clone()
        .unwrap_or_else(|| default_corrections(source));
    let dictionaries = args.document.dictionaries.load()?;
    let srx = args.document.srx.load()?;
    let read = args.document.read_settings(srx.as_ref());
    let document = read_document(source, target, &read)?;
    let settings = AlignSettings {
        dictionaries,
        thresholds: args.thresholds.thresholds(),
        export: ExportPolicy::default(),
        segtype: SegType::Sentence,
        tag_style: args.tmx_lang_style.into(),
        encoder: args.model.encoder(),
        ..AlignSettings::default()
    };
    let sentences = SideCounts::of(&document);
    let entry = |file: &Path| -> Result<InputFile> {
        let bytes =
            std::fs::read(file).with_context(|| format!("cannot read {}", display(file)))?;
        Ok(InputFile::new(relative_to(file, &path), &bytes))
    };
    let inputs = Inputs {
        source: entry(source)?,
        target: target.map(entry).transpose()?,
        interleaved: args.interleaved,
    };
    let corrections = if path.exists() {
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", display(&path)))?;
        let file =
            Corrections::from_json(&bytes).map_err(|e| anyhow!("{}: {e}", display(&path)))?;
        let file_name = display(&path);
        for note in crate::document::options_not_given(&file, &settings, &file_name) {
            say!("tandem: warning: {note}");
        }
        // Numbered as the documents are now, and of these documents: what
        // is saved from here on.
        let (src, tgt) = (document.src.sentences(), document.tgt.sentences());
        let (rebased, remapped) = file
            .rebased(&src.sentences, &tgt.sentences)
            .map_err(|e| anyhow!("{}: {e}", display(&path)))?;
        for note in crate::document::rebase_notes(&file, &inputs, &remapped, &file_name) {
            say!("tandem: warning: {note}");
        }
        Corrections { inputs, ..rebased }
    } else {
        Corrections::new(inputs, recorded_options(&args), sentences)
    };
    let decisions = corrections.decisions.len();
    let (review, _) = Review::open(document, settings, corrections)
        .map_err(|e| anyhow!("{}: {e}", display(&path)))?;
    let beads = review.alignment().beads.len();
    let alone = (review.alignment().beads.iter())
        .filter(|b| b.is_null())
        .count();
    let session = Session {
        review,
        corrections: path.clone(),
        storage: Box::new(Atomic {
            corrections: path.clone(),
            no_clobber: args.write.no_clobber,
        }),
        clock: Box::new(decision_time),
        creation_date: args.write.creation_date()?,
    };
    let listener = std::net::TcpListener::bind(("127.0.0.1", args.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let token = Token::random().context("no random token for the address")?;
    let address = tandem_review::address(&listener, &token)?;
    let documents = match target {
        Some(target) => format!("{} and {}", display(source), display(target)),
        None => display(source).into_owned(),
    };
    say!(
        "tandem: reviewing {documents} ({}, {} alone; {} so far); saving to {}",
        plural(beads - alone, "pair"),
        plural(alone, "sentence"),
        plural(decisions, "decision"),
        display(&path)
    );
    if args.no_open || !open_browser(&address) {
        say!("tandem: open {address}");
    } else {
        say!("tandem: opened {address} in the browser");
    }
    say!("tandem: Ctrl-C stops the server; every change is already saved");
    tandem_review::serve(listener, token, session, std::future::pending())
        .context("the review server stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// The arguments a corrections file was made with, read from it: its
/// documents (relative to its folder), its options, and this run's own
/// server options.
fn resume(args: &ReviewArgs) -> Result<ReviewArgs> {
    let file = &args.source;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", display(file)))?;
    let corrections =
        Corrections::from_json(&bytes).map_err(|e| anyhow!("{}: {e}", display(file)))?;
    let folder = file.parent().unwrap_or(Path::new(""));
    let inputs = &corrections.inputs;
    let mut words: Vec<OsString> = vec!["review".into(), folder.join(&inputs.source.path).into()];
    if let Some(target) = &inputs.target {
        words.push(folder.join(&target.path).into());
    }
    if inputs.interleaved {
        words.push("--interleaved".into());
    }
    words.extend(corrections.options.iter().map(OsString::from));
    words.extend(["--corrections".into(), file.clone().into_os_string()]);
    words.extend(["--port".into(), args.port.to_string().into()]);
    if args.no_open {
        words.push("--no-open".into());
    }
    let command = ReviewArgs::augment_args(clap::Command::new("review"));
    let matches = command
        .try_get_matches_from(words)
        .map_err(|e| anyhow!("{}: its options do not read: {e}", display(file)))?;
    Ok(ReviewArgs::from_arg_matches(&matches)?)
}

/// Whether a lone file is a corrections file to resume: named `.json`, or
/// saying so in its first bytes.
fn is_corrections(path: &Path) -> bool {
    let named = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let mut head = [0u8; 256];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    named || String::from_utf8_lossy(&head[..read]).contains("\"tandem-corrections\"")
}

/// `NAME.tandem.json` beside the source, NAME its file name without the
/// extension.
fn default_corrections(source: &Path) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "review".into());
    source.with_file_name(format!("{stem}.tandem.json"))
}

/// `file`'s path from the corrections file's folder when it lies there or
/// below, else its full path.
fn relative_to(file: &Path, corrections: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let file = absolute(file);
    let folder = absolute(corrections)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    file.strip_prefix(&folder)
        .unwrap_or(&file)
        .to_string_lossy()
        .into_owned()
}

/// When an edit was made: `SOURCE_DATE_EPOCH` if set (for reproducible
/// files in tests), else the clock, in RFC 3339.
fn decision_time() -> String {
    let fixed = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    fixed
        .unwrap_or_else(jiff::Timestamp::now)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Opens the address in the user's browser: `$BROWSER` if set, else the
/// desktop's opener. Whether one started.
fn open_browser(address: &str) -> bool {
    let opener = std::env::var("BROWSER").ok().filter(|b| !b.is_empty());
    let program = opener.as_deref().unwrap_or(if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    });
    std::process::Command::new(program)
        .arg(address)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// Files written as every output of tandem is: whole, or not at all; with
/// `--no-clobber`, an export does not replace a file (the corrections file
/// is the review's own, replaced at every change).
struct Atomic {
    corrections: PathBuf,
    no_clobber: bool,
}

impl Storage for Atomic {
    fn save(&self, path: &Path, bytes: &[u8]) -> Result<(), String> {
        let no_clobber = self.no_clobber && path != self.corrections;
        write_atomically(path, no_clobber, |mut out| {
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        })
        .map_err(|e| format!("{e:#}"))
    }
}
