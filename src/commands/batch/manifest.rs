//! A manifest of document pairs: TSV or JSONL.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;
use tandem_text::LanguageTag;

use super::jobs::Job;

/// One line of a JSONL manifest.
#[derive(Deserialize)]
struct ManifestEntry {
    source: PathBuf,
    target: PathBuf,
    output: Option<String>,
    src_lang: Option<String>,
    tgt_lang: Option<String>,
}

/// Reads a manifest: TSV (`source<TAB>target[<TAB>output[<TAB>src_lang<TAB>tgt_lang]]`,
/// `#` comments, an optional header line starting with `source`) or JSONL
/// (objects with those keys). Paths are relative to the manifest's folder.
/// A line's languages win over the run's `languages`.
pub fn read_manifest(
    path: &Path,
    (src_lang, tgt_lang): (Option<&LanguageTag>, Option<&LanguageTag>),
) -> Result<Vec<Job>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let jsonl = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("json"));
    let mut jobs = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{}: line {}", path.display(), number + 1);
        let entry = if jsonl {
            serde_json::from_str::<ManifestEntry>(line).with_context(at)?
        } else {
            let fields: Vec<&str> = line.split('\t').collect();
            if number == 0 && fields[0].eq_ignore_ascii_case("source") {
                continue;
            }
            if fields.len() < 2 {
                bail!("{}: expected source<TAB>target", at());
            }
            let field = |k: usize| fields.get(k).map(|f| f.trim()).filter(|f| !f.is_empty());
            ManifestEntry {
                source: PathBuf::from(fields[0].trim()),
                target: PathBuf::from(fields[1].trim()),
                output: field(2).map(str::to_string),
                src_lang: field(3).map(str::to_string),
                tgt_lang: field(4).map(str::to_string),
            }
        };
        let name = match entry.output {
            Some(output) => strip_extension(&output),
            None => strip_extension(&entry.source.to_string_lossy()),
        };
        let tag = |own: Option<String>, run: Option<&LanguageTag>| {
            own.or_else(|| run.map(LanguageTag::to_string))
        };
        jobs.push(Job {
            name,
            source: base.join(&entry.source),
            target: base.join(&entry.target),
            src_lang: tag(entry.src_lang, src_lang),
            tgt_lang: tag(entry.tgt_lang, tgt_lang),
        });
    }
    Ok(jobs)
}

fn strip_extension(name: &str) -> String {
    let path = Path::new(name);
    match (path.extension(), path.file_stem()) {
        (Some(_), Some(stem)) => path
            .with_file_name(stem)
            .to_string_lossy()
            .replace('\\', "/"),
        _ => name.replace('\\', "/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    #[test]
    fn manifests_in_tsv_and_jsonl() {
        let dir = tempfile::tempdir().unwrap();
        let tsv = dir.path().join("m.tsv");
        std::fs::write(
            &tsv,
            "source\ttarget\n# a comment\na.txt\tb.txt\tout/x.tmx\tzh\ten-GB\nc.txt\td.txt\n",
        )
        .unwrap();
        let run = tag("en-US");
        let jobs = read_manifest(&tsv, (None, Some(&run))).unwrap();
        assert_eq!(jobs.len(), 2);
        assert_eq!(jobs[0].name, "out/x");
        assert_eq!(jobs[0].tgt_lang.as_deref(), Some("en-GB"));
        assert_eq!(jobs[1].name, "c");
        assert_eq!(jobs[1].tgt_lang.as_deref(), Some("en-US"));
        assert_eq!(jobs[1].source, dir.path().join("c.txt"));
        let jsonl = dir.path().join("m.jsonl");
        std::fs::write(&jsonl, "{\"source\": \"a.txt\", \"target\": \"b.txt\", \"src_lang\": \"zh_CN\"}\n{\"source\": 1}\n").unwrap();
        let error = read_manifest(&jsonl, (None, None)).unwrap_err();
        assert!(
            format!("{error:#}").contains("m.jsonl: line 2"),
            "{error:#}"
        );
    }
}
