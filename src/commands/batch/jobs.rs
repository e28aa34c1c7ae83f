//! Which documents a batch aligns: files of a folder paired by path
//! templates, or the lines of a manifest; shards of them; where each
//! output goes.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;
use tandem_text::LanguageTag;
use tandem_tmx::language_match;

/// One document pair to align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Its name: the output's path inside the output folder, without
    /// extension.
    pub name: String,
    /// The source file.
    pub source: PathBuf,
    /// The target file.
    pub target: PathBuf,
    /// The source language (a BCP 47 tag, checked when the document is
    /// read, so that a bad one fails that document only): as the manifest
    /// or the run gives it, else as the file's name says.
    pub src_lang: Option<String>,
    /// The target language, likewise.
    pub tgt_lang: Option<String>,
}

/// The K-th (1-based) of N slices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, from 1.
    pub k: usize,
    /// How many.
    pub n: usize,
}

/// `--shard K/N`.
pub fn parse_shard(text: &str) -> Result<Shard, String> {
    let (k, n) = text
        .split_once('/')
        .ok_or_else(|| format!("'{text}' is not K/N (e.g. 2/4)"))?;
    let (k, n): (usize, usize) = (
        k.trim()
            .parse()
            .map_err(|_| format!("'{k}' is not a number"))?,
        n.trim()
            .parse()
            .map_err(|_| format!("'{n}' is not a number"))?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(format!("'{text}': K must be between 1 and N"));
    }
    Ok(Shard { k, n })
}

impl Shard {
    /// The jobs of this slice: every N-th, from the K-th.
    pub fn of(self, jobs: Vec<Job>) -> Vec<Job> {
        jobs.into_iter()
            .enumerate()
            .filter(|(k, _)| k % self.n == self.k - 1)
            .map(|(_, job)| job)
            .collect()
    }
}

/// The default ways files pair up in a folder.
pub const DEFAULT_PATTERNS: [&str; 3] = [
    "{name}.{lang}.txt",
    "{lang}/{name}.txt",
    "{name}_{lang}.txt",
];

/// A path template as a regular expression: `{name}` any text, `{lang}` a
/// language tag.
fn pattern_regex(template: &str) -> Result<regex::Regex> {
    if !template.contains("{name}") || !template.contains("{lang}") {
        bail!("--pair-pattern '{template}' must hold {{name}} and {{lang}}");
    }
    let mut expression = String::from("^");
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        expression.push_str(&regex::escape(&rest[..at]));
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("{name}") {
            expression.push_str("(?P<name>.+?)");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{lang}") {
            expression.push_str("(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)");
            rest = after;
        } else {
            expression.push_str(&regex::escape("{"));
            rest = &rest[1..];
        }
    }
    expression.push_str(&regex::escape(rest));
    expression.push('$');
    regex::Regex::new(&expression).with_context(|| format!("--pair-pattern '{template}'"))
}

/// Every file under `dir` (not under `skip`, not hidden), as paths
/// relative to `dir` with `/` between components, sorted.
fn files_under(dir: &Path, skip: &Path) -> Result<Vec<String>> {
    let skip = skip.canonicalize().ok();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        if skip
            .as_ref()
            .is_some_and(|s| folder.canonicalize().ok().as_ref() == Some(s))
        {
            continue;
        }
        for entry in std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list {}", folder.display()))?
        {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Pairs the files of a folder (outside `output`) by the first pattern
/// each matches; returns the jobs, sorted by name, and the files left
/// without a counterpart. A language given picks its file by
/// [`language_match`] and is the job's language as given; otherwise the
/// file name's code is, when it is a well-formed tag.
pub fn pair_folder(
    dir: &Path,
    output: &Path,
    patterns: &[String],
    (src_lang, tgt_lang): (Option<&LanguageTag>, Option<&LanguageTag>),
) -> Result<(Vec<Job>, Vec<String>)> {
    let regexes: Vec<regex::Regex> = patterns
        .iter()
        .map(|p| pattern_regex(p))
        .collect::<Result<_>>()?;
    // name → language → file
    let mut groups: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut unpaired = Vec::new();
    for file in files_under(dir, output)? {
        let matched = regexes.iter().find_map(|r| {
            let c = r.captures(&file)?;
            Some((c["name"].to_string(), c["lang"].to_string()))
        });
        match matched {
            Some((name, lang)) => {
                groups.entry(name).or_default().insert(lang, file);
            }
            None => unpaired.push(file),
        }
    }
    let mut jobs = Vec::new();
    let mut languages_seen: Vec<String> = Vec::new();
    for (name, files) in groups {
        let pick = |wanted: Option<&LanguageTag>, not: Option<&str>| -> Option<(String, String)> {
            match wanted {
                Some(tag) => files
                    .iter()
                    .find(|(lang, _)| language_match(tag.as_str(), lang) > 0)
                    .map(|(l, f)| (l.clone(), f.clone())),
                None => files
                    .iter()
                    .find(|(lang, _)| Some(lang.as_str()) != not)
                    .map(|(l, f)| (l.clone(), f.clone())),
            }
        };
        if files.len() < 2 {
            unpaired.extend(files.into_values());
            continue;
        }
        if src_lang.is_none() && files.len() == 2 {
            for lang in files.keys() {
                if !languages_seen.contains(lang) {
                    languages_seen.push(lang.clone());
                }
            }
            continue;
        }
        let Some((src_code, src_file)) = pick(src_lang, None) else {
            unpaired.extend(files.into_values());
            continue;
        };
        let Some((tgt_code, tgt_file)) = pick(tgt_lang, Some(&src_code)) else {
            unpaired.extend(files.into_values());
            continue;
        };
        // A tag the user gave is written as given, whatever the file name
        // says (`_DE`, `.de-DE.`).
        let tag = |given: Option<&LanguageTag>, code: String| {
            given
                .map(LanguageTag::to_string)
                .or_else(|| Some(code).filter(|c| LanguageTag::parse(c).is_ok()))
        };
        jobs.push(Job {
            name,
            source: dir.join(&src_file),
            target: dir.join(&tgt_file),
            src_lang: tag(src_lang, src_code),
            tgt_lang: tag(tgt_lang, tgt_code),
        });
    }
    unpaired.sort();
    if !languages_seen.is_empty() {
        bail!(
            "{}: the file names carry the languages {}; say which is the source with --src-lang",
            dir.display(),
            languages_seen.join(", ")
        );
    }
    Ok((jobs, unpaired))
}

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

/// Two jobs writing to one output is an error naming both.
pub fn check_unique_names(jobs: &[Job]) -> Result<()> {
    let mut seen: HashMap<&str, &Job> = HashMap::new();
    for job in jobs {
        if let Some(other) = seen.insert(&job.name, job) {
            bail!(
                "two documents would be written to the same output '{}': {} and {}",
                job.name,
                other.source.display(),
                job.source.display()
            );
        }
    }
    Ok(())
}

/// `dir` joined with a relative path that must stay inside it: no `..`, no
/// root, no drive, nothing empty.
pub fn safe_join(dir: &Path, relative: &str) -> Result<PathBuf> {
    let path = Path::new(relative);
    let mut joined = dir.to_path_buf();
    let mut parts = 0;
    for component in path.components() {
        match component {
            Component::Normal(part) => {
                joined.push(part);
                parts += 1;
            }
            Component::CurDir => {}
            _ => bail!(
                "the output name '{relative}' would leave the output folder {}",
                dir.display()
            ),
        }
    }
    if parts == 0 {
        bail!("an empty output name");
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    #[test]
    fn outputs_stay_inside_the_output_folder() {
        let dir = Path::new("out");
        assert_eq!(safe_join(dir, "a/b.tmx").unwrap(), Path::new("out/a/b.tmx"));
        assert_eq!(safe_join(dir, "./b.tmx").unwrap(), Path::new("out/b.tmx"));
        for bad in ["../b.tmx", "/etc/passwd", "a/../../b", "", "."] {
            assert!(safe_join(dir, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_are_parsed_checked_and_sliced() {
        assert_eq!(parse_shard("2/4"), Ok(Shard { k: 2, n: 4 }));
        for bad in ["0/4", "5/4", "2", "a/b", "1/0"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
        let jobs: Vec<Job> = (0..5)
            .map(|k| Job {
                name: k.to_string(),
                source: PathBuf::new(),
                target: PathBuf::new(),
                src_lang: None,
                tgt_lang: None,
            })
            .collect();
        let names = |jobs: Vec<Job>| jobs.into_iter().map(|j| j.name).collect::<Vec<_>>();
        assert_eq!(names(Shard { k: 2, n: 2 }.of(jobs.clone())), ["1", "3"]);
        assert_eq!(names(Shard { k: 1, n: 2 }.of(jobs)), ["0", "2", "4"]);
    }

    #[test]
    fn templates_match_names_and_languages() {
        let r = pattern_regex("{name}.{lang}.txt").unwrap();
        let c = r.captures("reports/2024.zh-CN.txt").unwrap();
        assert_eq!((&c["name"], &c["lang"]), ("reports/2024", "zh-CN"));
        let r = pattern_regex("{lang}/{name}.txt").unwrap();
        let c = r.captures("en/a/b.txt").unwrap();
        assert_eq!((&c["name"], &c["lang"]), ("a/b", "en"));
        assert!(pattern_regex("{name}.txt").is_err());
    }

    #[test]
    fn given_languages_are_the_jobs_languages() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "a.en.txt",
            "a_DE.txt",
            "b.en.txt",
            "b.de-DE.txt",
            "c.fr.txt",
        ] {
            std::fs::write(dir.path().join(file), "x").unwrap();
        }
        let patterns: Vec<String> = DEFAULT_PATTERNS.iter().map(|p| p.to_string()).collect();
        let out = dir.path().join("out");
        let (en_us, de) = (tag("en-US"), tag("de"));
        let (jobs, unpaired) =
            pair_folder(dir.path(), &out, &patterns, (Some(&en_us), Some(&de))).unwrap();
        assert_eq!(jobs.len(), 2);
        assert!(
            jobs.iter()
                .all(|j| j.src_lang.as_deref() == Some("en-US")
                    && j.tgt_lang.as_deref() == Some("de"))
        );
        assert_eq!(unpaired, ["c.fr.txt"]);
        // Without them, each file's own code.
        let en = tag("en");
        let (jobs, _) = pair_folder(dir.path(), &out, &patterns, (Some(&en), None)).unwrap();
        let targets: Vec<&str> = jobs
            .iter()
            .map(|j| j.tgt_lang.as_deref().unwrap())
            .collect();
        assert_eq!(targets, ["DE", "de-DE"]);
        // A region given is not another region's file.
        let de_at = tag("de-AT");
        let (jobs, unpaired) =
            pair_folder(dir.path(), &out, &patterns, (Some(&en), Some(&de_at))).unwrap();
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].tgt_lang.as_deref(), Some("de-AT"));
        assert!(unpaired.contains(&"b.de-DE.txt".to_string()));
        // Two languages and no source named: which is which is the user's call.
        let error = pair_folder(dir.path(), &out, &patterns, (None, None)).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("say which is the source with --src-lang")
        );
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
        let duplicate = [jobs[0].clone(), jobs[0].clone()];
        assert!(check_unique_names(&duplicate).is_err());
    }
}
