//! A folder's files paired into documents by path templates.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use tandem_pipeline::xliff_input::XLIFF_EXTENSIONS;
use tandem_segment::EXTENSIONS;
use tandem_text::LanguageTag;
use tandem_tmx::language_match;

use super::jobs::Job;

/// The default ways files pair up in a folder.
pub const DEFAULT_PATTERNS: [&str; 3] = [
    "{name}.{lang}.{ext}",
    "{lang}/{name}.{ext}",
    "{name}_{lang}.{ext}",
];

/// The extensions `{ext}` stands for, as a regular expression's
/// alternatives: the documents tandem reads, by their names (the format
/// itself is told by content first).
fn document_extensions() -> String {
    let names = EXTENSIONS.iter().map(|&(name, _)| name);
    names.chain(XLIFF_EXTENSIONS).collect::<Vec<_>>().join("|")
}

/// A path template as a regular expression: `{name}` any text, `{lang}` a
/// language tag, `{ext}` the extension of a document tandem reads.
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
        } else if let Some(after) = rest.strip_prefix("{ext}") {
            expression.push_str(&format!("(?i:{})", document_extensions()));
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
                // Two files of one document in one language (a.en.txt and
                // a.en.docx): the first by name is paired, the other listed.
                match groups.entry(name).or_default().entry(lang) {
                    std::collections::btree_map::Entry::Occupied(_) => unpaired.push(file),
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(file);
                    }
                }
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
        if src_lang.is_none() && tgt_lang.is_none() && files.len() == 2 {
            for lang in files.keys() {
                if !languages_seen.contains(lang) {
                    languages_seen.push(lang.clone());
                }
            }
            continue;
        }
        // The side whose language is given is found first; the other is
        // a file in another language.
        let picked = if src_lang.is_none() && tgt_lang.is_some() {
            pick(tgt_lang, None).and_then(|tgt| Some((pick(None, Some(&tgt.0))?, tgt)))
        } else {
            pick(src_lang, None).and_then(|src| Some((src.clone(), pick(tgt_lang, Some(&src.0))?)))
        };
        let Some(((src_code, src_file), (tgt_code, tgt_file))) = picked else {
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
            "{}: the file names carry the languages {}; say which is the source with --src-lang (or the target with --tgt-lang)",
            dir.display(),
            languages_seen.join(", ")
        );
    }
    Ok((jobs, unpaired))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(tag: &str) -> LanguageTag {
        LanguageTag::parse(tag).unwrap()
    }

    #[test]
    fn templates_match_names_and_languages() {
        let r = pattern_regex("{name}.{lang}.{ext}").unwrap();
        assert!(r.is_match("press.en.docx") && r.is_match("press.de.HTML"));
        assert!(r.is_match("press.en.pdf") && r.is_match("film.de.vtt"));
        assert!(!r.is_match("press.en.tmx"));
        let r = pattern_regex("{name}.{lang}.txt").unwrap();
        let c = r.captures("reports/2024.zh-CN.txt").unwrap();
        assert_eq!((&c["name"], &c["lang"]), ("reports/2024", "zh-CN"));
        let r = pattern_regex("{lang}/{name}.txt").unwrap();
        let c = r.captures("en/a/b.txt").unwrap();
        assert_eq!((&c["name"], &c["lang"]), ("a/b", "en"));
        assert!(pattern_regex("{name}.txt").is_err());
    }

    #[test]
    fn a_document_in_three_languages_pairs_the_two_named() {
        let dir = tempfile::tempdir().unwrap();
        for file in ["a.en.txt", "a.de.txt", "a.fr.txt", "b.en.txt"] {
            std::fs::write(dir.path().join(file), "x").unwrap();
        }
        let patterns: Vec<String> = DEFAULT_PATTERNS.iter().map(|p| p.to_string()).collect();
        let (en, fr) = (tag("en"), tag("fr"));
        let (jobs, unpaired) = pair_folder(
            dir.path(),
            &dir.path().join("out"),
            &patterns,
            (Some(&en), Some(&fr)),
        )
        .unwrap();
        assert_eq!(jobs.len(), 1);
        assert!(jobs[0].target.ends_with("a.fr.txt"));
        assert_eq!(unpaired, ["b.en.txt"]);
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
        // Only the target named: the source is the other file.
        let (jobs, _) = pair_folder(dir.path(), &out, &patterns, (None, Some(&de))).unwrap();
        assert_eq!(jobs.len(), 2);
        assert!(
            jobs.iter()
                .all(|j| j.source.to_string_lossy().contains("en")
                    && j.tgt_lang.as_deref() == Some("de"))
        );
        // Two languages and no language named: which is which is the user's call.
        let error = pair_folder(dir.path(), &out, &patterns, (None, None)).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("say which is the source with --src-lang")
        );
    }
}
