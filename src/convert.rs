//! `tandem convert`: a memory from one pair format to another (TMX, TSV,
//! JSONL, XLIFF 1.2, Moses), so that a TMX can become a spreadsheet for
//! review and come back.
//!
//! What survives: the texts always (minus what XML forbids, when XML is
//! written), languages, and the unit's properties where the format has room
//! for them: TMX and JSONL keep every `prop`; TSV keeps confidence and
//! flags (its columns); XLIFF keeps them in the note; Moses keeps texts only.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use serde::{Deserialize, Serialize};
use tandem_text::{LanguageTag, TagStyle};
use tandem_tmx::{
    Header, SegType, TmxWriter, TranslationUnit, XliffFile, XliffUnit, XliffWriter, read_xliff,
};

use crate::checks::{refuse_existing, write_atomically};
use crate::input::{is_stdout, open_tmx};
use crate::output::{LangStyle, iso_date, moses_paths, one_line, tsv_field};

/// The formats `convert` reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PairFormat {
    /// TMX 1.1–1.4b in; TMX 1.4b out.
    Tmx,
    /// Tab-separated: a header of the two languages, then source, target, confidence, flags.
    Tsv,
    /// One JSON object per unit (as `align --format jsonl` writes).
    Jsonl,
    /// XLIFF 1.2.
    Xliff,
    /// Two line-aligned files, PATH.SRC and PATH.TGT (give both languages).
    Moses,
}

impl PairFormat {
    fn from_extension(path: &Path) -> Option<PairFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "tmx" => PairFormat::Tmx,
            "tsv" | "tab" => PairFormat::Tsv,
            "jsonl" | "ndjson" => PairFormat::Jsonl,
            "xlf" | "xliff" => PairFormat::Xliff,
            _ => return None,
        })
    }
}

#[derive(Args)]
pub struct ConvertArgs {
    /// The memory to read (for Moses, the path without the language suffixes).
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// Where to write; `-` for standard output (not for Moses).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// The input's format; by default from its extension (.tmx, .tsv, .jsonl, .xlf).
    #[arg(long, value_enum, value_name = "FORMAT")]
    from: Option<PairFormat>,
    /// The output's format; by default from its extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    to: Option<PairFormat>,
    /// The source language (for a TMX with several: the tuv matching best). Default: from the input.
    #[arg(long, value_name = "TAG")]
    src_lang: Option<String>,
    /// The target language. Default: from the input.
    #[arg(long, value_name = "TAG")]
    tgt_lang: Option<String>,
    /// How language tags are written in the output.
    #[arg(long, value_enum, value_name = "STYLE", default_value = "as-given")]
    tmx_lang_style: LangStyle,
    /// The creation date of a TMX or XLIFF written (as in align). Default: SOURCE_DATE_EPOCH, else now.
    #[arg(long, value_name = "DATE")]
    creation_date: Option<String>,
    /// Never overwrite an existing file.
    #[arg(long)]
    no_clobber: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

/// One unit of a memory, whatever its format.
#[derive(Debug, Clone, PartialEq)]
struct Unit {
    id: Option<String>,
    source: String,
    target: String,
    /// Properties in file order: `x-confidence`, `x-flags`, `x-document` …
    props: Vec<(String, String)>,
}

/// A memory read: its languages and units.
struct Memory {
    src_lang: String,
    tgt_lang: String,
    units: Vec<Unit>,
    /// Units left out because a language was missing.
    skipped: usize,
}

pub fn run(args: ConvertArgs) -> Result<ExitCode> {
    let from = match args
        .from
        .or_else(|| PairFormat::from_extension(&args.input))
    {
        Some(format) => format,
        None => bail!(
            "{}: name the input's format with --from tmx|tsv|jsonl|xliff|moses",
            args.input.display()
        ),
    };
    let to = match args.to.or_else(|| PairFormat::from_extension(&args.output)) {
        Some(format) => format,
        None => bail!("name the output's format with --to tmx|tsv|jsonl|xliff|moses"),
    };
    if to == PairFormat::Moses && is_stdout(&args.output) {
        bail!("--to moses writes two files, OUTPUT.SRC and OUTPUT.TGT: give -o OUTPUT");
    }
    if args.no_clobber && !is_stdout(&args.output) && to != PairFormat::Moses {
        refuse_existing([Some(args.output.as_path())])?;
    }
    let given = (args.src_lang.clone(), args.tgt_lang.clone());
    let memory = match from {
        PairFormat::Tmx => read_tmx(&args.input, given)?,
        PairFormat::Tsv => read_tsv(&args.input, given)?,
        PairFormat::Jsonl => read_jsonl(&args.input, given)?,
        PairFormat::Xliff => read_xliff_file(&args.input, given)?,
        PairFormat::Moses => read_moses(&args.input, given)?,
    };
    let style: TagStyle = args.tmx_lang_style.into();
    let restyle = |tag: &str| match LanguageTag::parse(tag) {
        Ok(parsed) => parsed.styled(style).to_string(),
        Err(_) => tag.to_string(), // as the input wrote it (zh_CN): not ours to guess
    };
    let memory = Memory {
        src_lang: restyle(&memory.src_lang),
        tgt_lang: restyle(&memory.tgt_lang),
        ..memory
    };
    let date = crate::align::creation_date(args.creation_date.as_deref())?;
    let write = |out: Box<dyn Write + '_>| write_memory(out, to, &memory, &date);
    if to == PairFormat::Moses {
        let (src, tgt) = moses_paths(&args.output, &memory.src_lang, &memory.tgt_lang);
        write_atomically(&src, args.no_clobber, |src_out| {
            write_atomically(&tgt, args.no_clobber, |tgt_out| {
                write_moses(src_out, tgt_out, &memory)
            })
        })?;
    } else if is_stdout(&args.output) {
        let stdout = std::io::stdout().lock();
        write(Box::new(std::io::BufWriter::new(stdout)))?;
    } else {
        write_atomically(&args.output, args.no_clobber, write)?;
    }
    if !args.quiet {
        eprintln!(
            "tandem: {} ({} → {}) converted from {} to {}{}",
            crate::align::count(memory.units.len(), "unit"),
            memory.src_lang,
            memory.tgt_lang,
            name(from),
            name(to),
            if memory.skipped > 0 {
                format!(
                    "; {} without both languages left out",
                    crate::align::count(memory.skipped, "unit")
                )
            } else {
                String::new()
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn name(format: PairFormat) -> &'static str {
    match format {
        PairFormat::Tmx => "TMX",
        PairFormat::Tsv => "TSV",
        PairFormat::Jsonl => "JSONL",
        PairFormat::Xliff => "XLIFF",
        PairFormat::Moses => "Moses",
    }
}

fn read_tmx(path: &Path, (src, tgt): (Option<String>, Option<String>)) -> Result<Memory> {
    let (src_lang, tgt_lang) = crate::qa::languages(path, src, tgt)?;
    let mut memory = Memory {
        src_lang,
        tgt_lang,
        units: Vec::new(),
        skipped: 0,
    };
    for unit in open_tmx(path)? {
        let unit = unit.with_context(|| format!("{}", path.display()))?;
        let source = crate::qa::variant(&unit, &memory.src_lang);
        let target = crate::qa::variant(&unit, &memory.tgt_lang);
        match (source, target) {
            (Some(source), Some(target)) => memory.units.push(Unit {
                id: unit.tuid.clone(),
                source: source.to_string(),
                target: target.to_string(),
                props: unit.props.clone(),
            }),
            _ => memory.skipped += 1,
        }
    }
    Ok(memory)
}

/// A TSV field as written by [`tsv_field`], unescaped.
fn tsv_unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn read_lines(path: &Path) -> Result<Vec<String>> {
    let text = crate::input::read_text(path, None, crate::input::Limits::default().max_input_size)?;
    Ok(text.lines().map(str::to_string).collect())
}

fn read_tsv(path: &Path, (src, tgt): (Option<String>, Option<String>)) -> Result<Memory> {
    let lines = read_lines(path)?;
    let header: Vec<&str> = lines[0].split('\t').collect();
    let tag = |k: usize| {
        header
            .get(k)
            .filter(|t| LanguageTag::parse(t.trim()).is_ok())
    };
    let (Some(src_lang), Some(tgt_lang)) = (
        src.or_else(|| tag(0).map(|t| t.trim().to_string())),
        tgt.or_else(|| tag(1).map(|t| t.trim().to_string())),
    ) else {
        bail!(
            "{}: the first line names the languages (zh-CN<TAB>en<TAB>confidence<TAB>flags)",
            path.display()
        );
    };
    let mut memory = Memory {
        src_lang,
        tgt_lang,
        units: Vec::new(),
        skipped: 0,
    };
    for (number, line) in lines.iter().enumerate().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 2 {
            bail!(
                "{}: line {}: expected source<TAB>target",
                path.display(),
                number + 1
            );
        }
        let mut props = Vec::new();
        if let Some(confidence) = fields.get(2).filter(|f| !f.is_empty()) {
            props.push(("x-confidence".to_string(), confidence.to_string()));
        }
        if let Some(flags) = fields.get(3).filter(|f| !f.is_empty()) {
            props.push(("x-flags".to_string(), flags.to_string()));
        }
        memory.units.push(Unit {
            id: None,
            source: tsv_unescape(fields[0]),
            target: tsv_unescape(fields[1]),
            props,
        });
    }
    Ok(memory)
}

/// A JSONL line: `align --format jsonl`'s fields, or `convert`'s `props`.
#[derive(Deserialize, Serialize)]
struct JsonUnit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<serde_json::Value>,
    src_lang: String,
    tgt_lang: String,
    source: String,
    target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    flags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document: Option<String>,
    /// Every property, in order, as TMX holds them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    props: Vec<(String, String)>,
}

fn read_jsonl(path: &Path, (src, tgt): (Option<String>, Option<String>)) -> Result<Memory> {
    let lines = read_lines(path)?;
    let mut memory = Memory {
        src_lang: src.unwrap_or_default(),
        tgt_lang: tgt.unwrap_or_default(),
        units: Vec::new(),
        skipped: 0,
    };
    for (number, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let unit: JsonUnit = serde_json::from_str(line)
            .with_context(|| format!("{}: line {}", path.display(), number + 1))?;
        if memory.src_lang.is_empty() {
            memory.src_lang = unit.src_lang.clone();
        }
        if memory.tgt_lang.is_empty() {
            memory.tgt_lang = unit.tgt_lang.clone();
        }
        let mut props = unit.props;
        if props.is_empty() {
            // align's fields, as the TMX it would have written has them.
            props.extend(
                unit.confidence
                    .map(|c| ("x-confidence".to_string(), format!("{c:.4}"))),
            );
            if !unit.flags.is_empty() {
                props.push(("x-flags".to_string(), unit.flags.join(",")));
            }
            props.extend(unit.document.map(|d| ("x-document".to_string(), d)));
        }
        memory.units.push(Unit {
            id: unit.id.map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            }),
            source: unit.source,
            target: unit.target,
            props,
        });
    }
    if memory.src_lang.is_empty() || memory.tgt_lang.is_empty() {
        bail!(
            "{}: no languages in the file: give --src-lang and --tgt-lang",
            path.display()
        );
    }
    Ok(memory)
}

fn read_xliff_file(path: &Path, (src, tgt): (Option<String>, Option<String>)) -> Result<Memory> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (header, units) =
        read_xliff(BufReader::new(file)).with_context(|| format!("{}", path.display()))?;
    let mut memory = Memory {
        src_lang: src.unwrap_or(header.source_language),
        tgt_lang: tgt.unwrap_or(header.target_language),
        units: Vec::new(),
        skipped: 0,
    };
    for unit in units {
        // tandem's note: "confidence 0.9370; flags: numbers-differ".
        let mut props = Vec::new();
        for part in unit.note.iter().flat_map(|n| n.split("; ")) {
            if let Some(confidence) = part.strip_prefix("confidence ") {
                props.push(("x-confidence".to_string(), confidence.to_string()));
            } else if let Some(flags) = part.strip_prefix("flags: ") {
                props.push(("x-flags".to_string(), flags.to_string()));
            } else if !part.is_empty() {
                props.push(("x-note".to_string(), part.to_string()));
            }
        }
        memory.units.push(Unit {
            id: Some(unit.id).filter(|id| !id.is_empty()),
            source: unit.source,
            target: unit.target,
            props,
        });
    }
    Ok(memory)
}

fn read_moses(prefix: &Path, (src, tgt): (Option<String>, Option<String>)) -> Result<Memory> {
    let (Some(src_lang), Some(tgt_lang)) = (src, tgt) else {
        bail!(
            "--from moses reads INPUT.SRC and INPUT.TGT: give --src-lang and --tgt-lang to name them"
        );
    };
    let (src_path, tgt_path) = moses_paths(prefix, &src_lang, &tgt_lang);
    let (sources, targets) = (read_lines(&src_path)?, read_lines(&tgt_path)?);
    if sources.len() != targets.len() {
        bail!(
            "{} has {} lines and {} has {}: Moses files are line-aligned",
            src_path.display(),
            sources.len(),
            tgt_path.display(),
            targets.len()
        );
    }
    Ok(Memory {
        src_lang,
        tgt_lang,
        units: sources
            .into_iter()
            .zip(targets)
            .map(|(source, target)| Unit {
                id: None,
                source,
                target,
                props: Vec::new(),
            })
            .collect(),
        skipped: 0,
    })
}

fn prop<'u>(unit: &'u Unit, kind: &str) -> Option<&'u str> {
    unit.props
        .iter()
        .find(|(k, _)| k == kind)
        .map(|(_, v)| v.as_str())
}

fn write_memory(
    mut out: Box<dyn Write + '_>,
    format: PairFormat,
    memory: &Memory,
    date: &str,
) -> Result<()> {
    let id = |k: usize, unit: &Unit| unit.id.clone().unwrap_or_else(|| (k + 1).to_string());
    match format {
        PairFormat::Tmx => {
            let header = Header {
                creation_tool: "tandem".into(),
                creation_tool_version: env!("CARGO_PKG_VERSION").into(),
                segtype: SegType::Sentence,
                srclang: memory.src_lang.clone(),
                adminlang: "en".into(),
                creation_date: Some(date.to_string()),
            };
            let mut writer = TmxWriter::new(out, &header)?;
            for (k, unit) in memory.units.iter().enumerate() {
                writer.write_unit(&TranslationUnit {
                    tuid: id(k, unit),
                    props: unit.props.clone(),
                    variants: vec![
                        (memory.src_lang.clone(), unit.source.clone()),
                        (memory.tgt_lang.clone(), unit.target.clone()),
                    ],
                })?;
            }
            writer.finish()?;
        }
        PairFormat::Xliff => {
            let file = XliffFile {
                original: String::new(),
                source_language: memory.src_lang.clone(),
                target_language: memory.tgt_lang.clone(),
                date: Some(iso_date(date)),
                tool_version: env!("CARGO_PKG_VERSION").into(),
            };
            let mut writer = XliffWriter::new(out, &file)?;
            for (k, unit) in memory.units.iter().enumerate() {
                let mut note = Vec::new();
                note.extend(prop(unit, "x-confidence").map(|c| format!("confidence {c}")));
                note.extend(prop(unit, "x-flags").map(|f| format!("flags: {f}")));
                writer.write_unit(&XliffUnit {
                    id: id(k, unit),
                    source: unit.source.clone(),
                    target: unit.target.clone(),
                    note: (!note.is_empty()).then(|| note.join("; ")),
                })?;
            }
            writer.finish()?;
        }
        PairFormat::Tsv => {
            writeln!(
                out,
                "{}\t{}\tconfidence\tflags",
                memory.src_lang, memory.tgt_lang
            )?;
            for unit in &memory.units {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    tsv_field(&unit.source),
                    tsv_field(&unit.target),
                    prop(unit, "x-confidence").unwrap_or_default(),
                    prop(unit, "x-flags").unwrap_or_default()
                )?;
            }
            out.flush()?;
        }
        PairFormat::Jsonl => {
            for (k, unit) in memory.units.iter().enumerate() {
                let json = JsonUnit {
                    id: Some(serde_json::Value::String(id(k, unit))),
                    src_lang: memory.src_lang.clone(),
                    tgt_lang: memory.tgt_lang.clone(),
                    source: unit.source.clone(),
                    target: unit.target.clone(),
                    confidence: None,
                    flags: Vec::new(),
                    document: None,
                    props: unit.props.clone(),
                };
                serde_json::to_writer(&mut out, &json)?;
                writeln!(out)?;
            }
            out.flush()?;
        }
        PairFormat::Moses => bail!("Moses writes two files"),
    }
    Ok(())
}

fn write_moses(
    mut src: Box<dyn Write + '_>,
    mut tgt: Box<dyn Write + '_>,
    memory: &Memory,
) -> Result<()> {
    for unit in &memory.units {
        writeln!(src, "{}", one_line(&unit.source))?;
        writeln!(tgt, "{}", one_line(&unit.target))?;
    }
    src.flush()?;
    tgt.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_fields_round_trip() {
        for text in [
            "a\tb",
            "line\nbreak\r\n",
            "back\\slash \\t literal",
            "",
            "\\",
        ] {
            assert_eq!(tsv_unescape(&tsv_field(text)), text);
        }
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(
            PairFormat::from_extension(Path::new("a.XLF")),
            Some(PairFormat::Xliff)
        );
        assert_eq!(PairFormat::from_extension(Path::new("a.txt")), None);
    }
}
