//! `tandem convert`: a memory from one format to another (TMX, TSV, JSONL,
//! XLIFF 1.2, Moses), so that a TMX can become a spreadsheet for review and
//! come back.
//!
//! What survives: TMX to TMX, everything (the memory is written again as it
//! was, [`TmxRewriter`]: every attribute, prop, note, language and inline
//! code). TMX to XLIFF and back, the two languages' segments with their
//! inline codes as elements (TMX's `bpt`/`ept`/`ph`/`it`/`ut`/`hi`/`sub`
//! as XLIFF 1.2's: [`tandem_tmx::inline`]), confidence and flags in the
//! note. Otherwise the texts (inline codes as the native code they hold,
//! minus what XML forbids, when XML is written), the two languages, and the
//! unit's properties where the format has room for them: JSONL keeps every
//! `prop`; TSV keeps confidence and flags (its columns); XLIFF keeps them in
//! the note; Moses keeps texts only. Language tags are always written in
//! BCP 47's form (`zh_CN` becomes `zh-CN`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use clap::Args;
use tandem_pipeline::format::written_tag;
use tandem_pipeline::format::{
    self, Format, Memory, MemoryError, MemoryInfo, Outputs, jsonl, moses, moses_paths, tmx, tsv,
    xliff,
};
use tandem_text::TagStyle;
use tandem_tmx::{
    LanguagePairError, SegType, TmxReader, TmxRewriter, XliffFile, XliffWriter, language_pair,
};

use crate::args::{InputSizeArgs, LangStyle, WriteArgs};
use crate::files::{
    display, is_stdout, read_bounded, read_text, refuse_existing, write_atomically, write_to,
};
use crate::messages::plural;

/// `tandem convert`'s arguments.
#[derive(Args)]
pub struct ConvertArgs {
    /// The memory to read (for Moses, the path without the language suffixes); `-` for standard input (with --from).
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// Where to write; `-` for standard output (not for Moses).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// The input's format (tmx, tsv, jsonl, xliff, moses); by default from its extension (.tmx, .tsv, .jsonl, .xlf).
    #[arg(long, value_name = "FORMAT", value_parser = memory_format)]
    from: Option<Format>,
    /// The output's format (tmx, tsv, jsonl, xliff, moses); by default from its extension, TMX on standard output.
    #[arg(long, value_name = "FORMAT", value_parser = memory_format)]
    to: Option<Format>,
    /// The source language (for a TMX with several: the tuv matching best). Default: from the input.
    #[arg(long, value_name = "TAG")]
    src_lang: Option<String>,
    /// The target language. Default: from the input.
    #[arg(long, value_name = "TAG")]
    tgt_lang: Option<String>,
    /// How language tags are written in the output.
    #[arg(long, value_enum, value_name = "STYLE", default_value = "as-given")]
    tmx_lang_style: LangStyle,
    #[command(flatten)]
    write: WriteArgs,
    #[command(flatten)]
    size: InputSizeArgs,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

const FORMATS: &str = "tmx|tsv|jsonl|xliff|moses";

/// A format that holds a memory: any but beads.
fn memory_format(name: &str) -> Result<Format, String> {
    use clap::ValueEnum;
    match Format::from_str(name, true) {
        Ok(format) if format.holds_texts() => Ok(format),
        _ => Err(format!(
            "'{name}' is not a memory format (one of {FORMATS})"
        )),
    }
}

/// Runs `tandem convert`.
pub fn run(args: ConvertArgs) -> Result<ExitCode> {
    let from = match args.from.or_else(|| Format::from_extension(&args.input)) {
        Some(format) => format,
        None => bail!(
            "{}: name the input's format with --from {FORMATS}",
            display(&args.input)
        ),
    };
    let to = match args.to.or_else(|| Format::from_extension(&args.output)) {
        Some(format) => format,
        None if is_stdout(&args.output) => Format::Tmx,
        None => bail!("name the output's format with --to {FORMATS}"),
    };
    for (format, side) in [(from, "input"), (to, "output")] {
        if !format.holds_texts() {
            bail!(
                "the {side} is in the beads format, which holds sentence ids, not a memory: use {FORMATS}"
            );
        }
    }
    if to == Format::Moses && is_stdout(&args.output) {
        bail!("--to moses writes two files, OUTPUT.SRC and OUTPUT.TGT: give -o OUTPUT");
    }
    if args.write.no_clobber && !is_stdout(&args.output) && to != Format::Moses {
        refuse_existing([Some(args.output.as_path())])?;
    }
    let style: TagStyle = args.tmx_lang_style.into();
    match (from, to) {
        (Format::Tmx, Format::Tmx) => return rewrite_tmx(&args, style),
        (Format::Tmx, Format::Xliff) => return tmx_as_xliff(&args, style),
        (Format::Xliff, Format::Tmx) => return xliff_as_tmx(&args, style),
        _ => {}
    }
    // A TMX is read once, for the memory and for what the output leaves
    // behind (standard input cannot be read twice).
    let tmx_bytes = match from {
        Format::Tmx => Some(read_bounded(&args.input, args.size.max_input_size)?),
        _ => None,
    };
    let memory = read_memory(&args, from, tmx_bytes.as_deref())?;
    let keeps = Keeps {
        codes: false,
        props: to == Format::Jsonl,
    };
    let behind = match &tmx_bytes {
        Some(bytes) => left_behind(bytes, (&memory.src_lang, &memory.tgt_lang), keeps),
        None => LeftBehind::default(),
    };
    let memory = Memory {
        src_lang: written_tag(&memory.src_lang, style),
        tgt_lang: written_tag(&memory.tgt_lang, style),
        ..memory
    };
    let date = args.write.creation_date()?;
    let info = MemoryInfo {
        src_lang: &memory.src_lang,
        tgt_lang: &memory.tgt_lang,
        document: None,
        segtype: SegType::Sentence,
        creation_date: &date,
    };
    let no_clobber = args.write.no_clobber;
    if to == Format::Moses {
        let (src, tgt) = moses_paths(&args.output, &memory.src_lang, &memory.tgt_lang);
        write_atomically(&src, no_clobber, |src_out| {
            write_atomically(&tgt, no_clobber, |tgt_out| {
                Ok(memory.write_to(format::writer(to, Outputs::Two(src_out, tgt_out), &info)?)?)
            })
        })?;
    } else {
        write_to(&args.output, no_clobber, |out| {
            Ok(memory.write_to(format::writer(to, Outputs::One(out), &info)?)?)
        })?;
    }
    if !args.quiet {
        say!(
            "tandem: {} ({} → {}) converted from {} to {}{}{}",
            plural(memory.units.len(), "unit"),
            memory.src_lang,
            memory.tgt_lang,
            from.title(),
            to.title(),
            if memory.skipped > 0 {
                format!(
                    "; {} without both languages left out",
                    plural(memory.skipped, "unit")
                )
            } else {
                String::new()
            },
            behind.describe(to.title())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What the output format has room for, of what a TMX may hold.
#[derive(Clone, Copy)]
struct Keeps {
    /// Inline codes as elements.
    codes: bool,
    /// Every `prop` of a unit (not only tandem's confidence and flags).
    props: bool,
}

/// What a conversion from TMX cannot carry into the output, counted so
/// that the closing line says so rather than losing it silently.
#[derive(Default)]
struct LeftBehind {
    /// Units with inline codes, written as the native code they hold.
    codes: usize,
    /// Units with a `note` (on the unit or a variant).
    notes: usize,
    /// Units with a `prop` the output has no room for.
    props: usize,
    /// Variants besides the pair's two, and their languages.
    variants: usize,
    languages: std::collections::BTreeSet<String>,
    /// Units with attributes (dates, authors, usage counts …) beyond their
    /// id and languages.
    attributes: usize,
    /// Whether the header holds props, notes or user-defined encodings.
    header: bool,
}

/// [`LeftBehind`] of converting the TMX `bytes` in the pair `languages` to
/// a format that keeps `keeps`. A file that does not read counts nothing:
/// reading it for the conversion has said why.
fn left_behind(bytes: &[u8], (src, tgt): (&str, &str), keeps: Keeps) -> LeftBehind {
    let mut behind = LeftBehind::default();
    let Ok(units) = TmxReader::new(bytes) else {
        return behind;
    };
    behind.header = units.header().element.elements().next().is_some();
    for unit in units.flatten() {
        let (Some(source), Some(target)) = (unit.best_variant(src), unit.best_variant(tgt)) else {
            continue;
        };
        let has_codes = !source.codes.is_empty() || !target.codes.is_empty();
        if !keeps.codes && has_codes {
            behind.codes += 1;
        }
        let tuvs = || unit.element.elements().filter(|e| e.local_name() == "tuv");
        let has = |name: &str| {
            unit.element.element(name).is_some() || tuvs().any(|tuv| tuv.element(name).is_some())
        };
        if has("note") {
            behind.notes += 1;
        }
        let kept = |name: &str| {
            let name = name.to_ascii_lowercase();
            matches!(name.as_str(), "tuid" | "xml:lang" | "lang")
        };
        let attributed = |e: &tandem_tmx::Element| e.attributes.iter().any(|(k, _)| !kept(k));
        if attributed(&unit.element) || tuvs().any(attributed) {
            behind.attributes += 1;
        }
        let ours = |kind: &str| matches!(kind, "x-confidence" | "x-flags");
        let other_props = unit.props.iter().any(|(kind, _)| !ours(kind))
            || tuvs().any(|tuv| tuv.element("prop").is_some());
        if !keeps.props && other_props {
            behind.props += 1;
        }
        for variant in &unit.variants {
            if !std::ptr::eq(variant, source) && !std::ptr::eq(variant, target) {
                behind.variants += 1;
                behind.languages.insert(variant.lang.clone());
            }
        }
    }
    behind
}

impl LeftBehind {
    /// The end of the closing line: what `to` did not keep, or nothing.
    fn describe(&self, to: &str) -> String {
        let mut lost = Vec::new();
        if self.notes > 0 {
            lost.push(format!("the notes of {}", plural(self.notes, "unit")));
        }
        if self.props > 0 {
            lost.push(format!("the props of {}", plural(self.props, "unit")));
        }
        if self.variants > 0 {
            let languages: Vec<&str> = self.languages.iter().map(String::as_str).collect();
            lost.push(format!(
                "{} besides the pair's ({})",
                plural(self.variants, "variant"),
                languages.join(", ")
            ));
        }
        if self.attributes > 0 {
            lost.push(format!(
                "the attributes (dates, authors, usage counts …) of {}",
                plural(self.attributes, "unit")
            ));
        }
        if self.header {
            lost.push("the header's props and notes".to_string());
        }
        let mut out = String::new();
        if !lost.is_empty() {
            out += &format!("; {to} has no room for {}: left out", lost.join(", "));
        }
        if self.codes > 0 {
            out += &format!(
                "; the inline codes of {} written as the native code they hold",
                plural(self.codes, "unit")
            );
        }
        match (lost.is_empty(), self.codes > 0) {
            (false, _) => out += " (convert to TMX to keep everything)",
            (true, true) => out += " (convert to TMX or XLIFF to keep them as codes)",
            (true, false) => {}
        }
        out
    }
}

/// A TMX written again as it was read: every unit, attribute, prop, note,
/// language and inline code; only the language tags in BCP 47's form and
/// `style`.
fn rewrite_tmx(args: &ConvertArgs, style: TagStyle) -> Result<ExitCode> {
    let path = args.input.as_path();
    let bytes = read_bounded(path, args.size.max_input_size)?;
    let failed = |error: tandem_tmx::ReadError| anyhow!("{}: {error}", display(path));
    let mut units = TmxReader::new(bytes.as_slice()).map_err(failed)?;
    let written = write_to(&args.output, args.write.no_clobber, |out| {
        let mut tmx = TmxRewriter::new(out, units.header(), move |tag: &str| {
            written_tag(tag, style)
        })?;
        let mut written = 0;
        for unit in units.by_ref() {
            tmx.write_unit(&unit.map_err(failed)?)?;
            written += 1;
        }
        tmx.finish()?;
        Ok(written)
    })?;
    if !args.quiet {
        say!(
            "tandem: {} written again from TMX to TMX, every language and inline code kept",
            plural(written, "unit")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A TMX as XLIFF 1.2, inline codes as XLIFF's: a trans-unit per unit with
/// both languages (the pair as `--src-lang`/`--tgt-lang` or the file name
/// it), tandem's confidence and flags in its note.
fn tmx_as_xliff(args: &ConvertArgs, style: TagStyle) -> Result<ExitCode> {
    let path = args.input.as_path();
    let bytes = read_bounded(path, args.size.max_input_size)?;
    let failed = |error: MemoryError| anyhow!("{}: {error}", display(path));
    let read_failed = |error: tandem_tmx::ReadError| failed(MemoryError::Read(error));
    let (src, tgt) = match (&args.src_lang, &args.tgt_lang) {
        (Some(src), Some(tgt)) => (src.clone(), tgt.clone()),
        (src, tgt) => language_pair(
            TmxReader::new(bytes.as_slice()).map_err(read_failed)?,
            src.as_deref(),
            tgt.as_deref(),
        )
        .map_err(|e| failed(MemoryError::Languages(e)))?,
    };
    let date = args.write.creation_date()?;
    let file = XliffFile {
        original: String::new(),
        source_language: written_tag(&src, style),
        target_language: written_tag(&tgt, style),
        date: Some(tandem_pipeline::format::xliff::iso_date(&date)),
        tool_version: env!("CARGO_PKG_VERSION").into(),
    };
    let behind = left_behind(
        &bytes,
        (&src, &tgt),
        Keeps {
            codes: true,
            props: false,
        },
    );
    let (mut written, mut skipped) = (0, 0);
    write_to(&args.output, args.write.no_clobber, |out| {
        let mut xliff = XliffWriter::new(out, &file)?;
        for unit in TmxReader::new(bytes.as_slice()).map_err(read_failed)? {
            let unit = unit.map_err(read_failed)?;
            let (Some(source), Some(target)) = (unit.best_segment(&src), unit.best_segment(&tgt))
            else {
                skipped += 1;
                continue;
            };
            let prop = |kind: &str| {
                unit.props
                    .iter()
                    .find(|(k, _)| k == kind)
                    .map(|(_, v)| v.as_str())
            };
            let id = unit.tuid.clone().unwrap_or_else(|| unit.number.to_string());
            let note = xliff::note_of(prop("x-confidence"), prop("x-flags"));
            xliff.write_segments(&id, (source, target), note.as_deref())?;
            written += 1;
        }
        xliff.finish()?;
        Ok(())
    })?;
    say_converted(
        args,
        written,
        skipped,
        (&file.source_language, &file.target_language),
        ("TMX", "XLIFF"),
        &behind.describe("XLIFF"),
    );
    Ok(ExitCode::SUCCESS)
}

/// An XLIFF file as TMX, inline codes as TMX's: a unit per trans-unit, its
/// note's confidence and flags as props.
fn xliff_as_tmx(args: &ConvertArgs, style: TagStyle) -> Result<ExitCode> {
    let path = args.input.as_path();
    let bytes = read_bounded(path, args.size.max_input_size)?;
    let (file, units) = tandem_tmx::read_xliff_segments(bytes.as_slice())
        .map_err(|e| anyhow!("{}: {e}", display(path)))?;
    let src = args.src_lang.clone().unwrap_or(file.source_language);
    let tgt = args.tgt_lang.clone().unwrap_or(file.target_language);
    if src.is_empty() || tgt.is_empty() {
        bail!(
            "{}: {}: give --src-lang and --tgt-lang",
            display(path),
            MemoryError::NoLanguages
        );
    }
    let (src, tgt) = (written_tag(&src, style), written_tag(&tgt, style));
    let date = args.write.creation_date()?;
    let header = tmx::header(&src, SegType::Sentence, &date);
    // A unit without a target (`translate="no"`, not yet translated) is no
    // pair of a memory.
    let total = units.len();
    let units: Vec<_> = units
        .into_iter()
        .filter(|u| !u.target.text().trim().is_empty())
        .collect();
    let written = units.len();
    write_to(&args.output, args.write.no_clobber, |out| {
        let mut writer = tandem_tmx::TmxWriter::new(out, &header)?;
        for (k, unit) in units.iter().enumerate() {
            let props = xliff::note_props(unit.note.as_deref().unwrap_or_default());
            let id = match unit.id.is_empty() {
                true => (k + 1).to_string(),
                false => unit.id.clone(),
            };
            writer.write_segments(
                &id,
                &props,
                &[(src.as_str(), &unit.source), (tgt.as_str(), &unit.target)],
            )?;
        }
        writer.finish()?;
        Ok(())
    })?;
    let without_target = match total - written {
        0 => String::new(),
        n => format!("; {} without a target left out", plural(n, "unit")),
    };
    say_converted(
        args,
        written,
        0,
        (&src, &tgt),
        ("XLIFF", "TMX"),
        &without_target,
    );
    Ok(ExitCode::SUCCESS)
}

/// The line a conversion ends with.
fn say_converted(
    args: &ConvertArgs,
    written: usize,
    skipped: usize,
    (src, tgt): (&str, &str),
    (from, to): (&str, &str),
    left_behind: &str,
) {
    if args.quiet {
        return;
    }
    say!(
        "tandem: {} ({src} → {tgt}) converted from {from} to {to}, inline codes kept{}{left_behind}",
        plural(written, "unit"),
        if skipped > 0 {
            format!(
                "; {} without both languages left out",
                plural(skipped, "unit")
            )
        } else {
            String::new()
        }
    );
}

/// The memory `args.input` holds, in format `from`; errors name the file.
/// `read_already`: the input's bytes when they were read before (a TMX).
fn read_memory(args: &ConvertArgs, from: Format, read_already: Option<&[u8]>) -> Result<Memory> {
    let languages = (args.src_lang.as_deref(), args.tgt_lang.as_deref());
    let path = args.input.as_path();
    let max = args.size.max_input_size;
    let failed = |path: &Path, error: MemoryError| {
        let hint = match &error {
            MemoryError::Languages(LanguagePairError::NoOtherLanguage(_)) => {
                "; name the pair with --src-lang and --tgt-lang"
            }
            MemoryError::NoLanguages => ": give --src-lang and --tgt-lang",
            _ => "",
        };
        anyhow!("{}: {error}{hint}", display(path))
    };
    let memory = match from {
        Format::Tmx => match read_already {
            Some(bytes) => tmx::read(bytes, languages),
            None => tmx::read(&read_bounded(path, max)?, languages),
        },
        Format::Xliff => xliff::read(&read_bounded(path, max)?, languages),
        Format::Tsv => tsv::read(&read_text(path, max)?, languages),
        Format::Jsonl => jsonl::read(&read_text(path, max)?, languages),
        Format::Moses => {
            let (Some(src_lang), Some(tgt_lang)) = languages else {
                bail!(
                    "--from moses reads INPUT.SRC and INPUT.TGT: give --src-lang and --tgt-lang to name them"
                );
            };
            let (src_path, tgt_path) = moses_paths(path, src_lang, tgt_lang);
            let (source, target) = (read_text(&src_path, max)?, read_text(&tgt_path, max)?);
            return moses::read(&source, &target, (src_lang, tgt_lang)).map_err(|e| match e {
                MemoryError::MosesLines {
                    source_lines,
                    target_lines,
                } => anyhow!(
                    "{} has {source_lines} lines and {} has {target_lines}: Moses files are line-aligned",
                    src_path.display(),
                    tgt_path.display()
                ),
                e => failed(path, e),
            });
        }
        Format::Beads => unreachable!("refused in run"),
    };
    memory.map_err(|e| failed(path, e))
}
