//! What a batch run records as it goes, so that `--resume` can pick up a
//! killed run: the state file (the run's creation date, then one line per
//! finished document) in the output folder, one per shard.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

use super::jobs::Shard;

/// What happened to one document, as the state file and the summary
/// record it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocumentResult {
    /// The job's name.
    pub name: String,
    /// The source file.
    pub source: String,
    /// The target file.
    pub target: String,
    /// The output, inside the output folder.
    pub output: Option<String>,
    /// Pairs written.
    pub pairs: usize,
    /// Of those, flagged.
    pub flagged: usize,
    /// The share flagged.
    pub flagged_share: f64,
    /// The mean confidence of every bead.
    pub mean_confidence: f64,
    /// With sentence embeddings, the probability that the two texts are
    /// translations of each other at all.
    #[serde(default)]
    pub document_score: Option<f64>,
    /// Sentences of each side.
    pub sentences: (usize, usize),
    /// What the user should hear.
    pub warnings: Vec<String>,
    /// Why the document failed, if it did.
    pub error: Option<String>,
}

/// The state file's first line: what a resumed run must reuse.
#[derive(Debug, Serialize, Deserialize)]
struct RunState {
    creation_date: String,
}

const STATE_FILE: &str = ".tandem-batch.jsonl";

fn state_file_name(shard: Option<Shard>) -> String {
    match shard {
        Some(Shard { k, n }) => format!(".tandem-batch-{k}-of-{n}.jsonl"),
        None => STATE_FILE.to_string(),
    }
}

/// The state file of this run (or shard), open for appending.
pub struct StateFile {
    path: PathBuf,
    file: File,
}

impl StateFile {
    /// Opens the state file of `shard` in `dir`, starting it with the
    /// run's `creation_date` unless a resumed run finds it there.
    pub fn open(
        dir: &Path,
        shard: Option<Shard>,
        resume: bool,
        creation_date: &str,
    ) -> Result<StateFile> {
        let path = dir.join(state_file_name(shard));
        if !(resume && path.exists()) {
            let state = serde_json::to_string(&RunState {
                creation_date: creation_date.to_string(),
            })?;
            std::fs::write(&path, state + "\n")
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        let file = OpenOptions::new()
            .append(true)
            .open(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(StateFile { path, file })
    }

    /// Records a finished document.
    pub fn record(&mut self, result: &DocumentResult) -> Result<()> {
        let line = serde_json::to_string(result)?;
        writeln!(self.file, "{line}")
            .and_then(|_| self.file.flush())
            .with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// The creation date and finished documents recorded by every state file
/// in `dir` (the unsharded run's first, then the shards' in name order).
pub fn read_states(dir: &Path) -> Result<(Option<String>, BTreeMap<String, DocumentResult>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(".tandem-batch") && n.ends_with(".jsonl")
            })
        })
        .collect();
    paths.sort_by_key(|p| (p.file_name() != Some(STATE_FILE.as_ref()), p.clone()));
    let mut date = None;
    let mut finished = BTreeMap::new();
    for path in paths {
        let file = File::open(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut lines = BufReader::new(file).lines();
        let Some(first) = lines.next().transpose()? else {
            continue;
        };
        let state: RunState = serde_json::from_str(&first)
            .with_context(|| format!("{}: not a tandem batch state file", path.display()))?;
        date.get_or_insert(state.creation_date);
        for line in lines {
            let line = line?;
            // A run killed while writing leaves at most a cut last line.
            if let Ok(result) = serde_json::from_str::<DocumentResult>(&line)
                && result.error.is_none()
            {
                finished.insert(result.name.clone(), result);
            }
        }
    }
    Ok((date, finished))
}

/// Whether a document recorded as done still has its output in `dir`.
pub fn output_exists(dir: &Path, result: &DocumentResult) -> bool {
    result.error.is_none()
        && result
            .output
            .as_ref()
            .is_some_and(|o| dir.join(o).is_file())
}

/// Removes the temporary files a run killed by SIGKILL (no handler runs)
/// can leave: ours are named `.tandem-*.tmp`.
pub fn remove_stray_temporaries(dir: &Path) -> Result<()> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list {}", folder.display()))?
        {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else if name.starts_with(".tandem-") && name.ends_with(".tmp") {
                std::fs::remove_file(entry.path()).with_context(|| {
                    format!("cannot remove the stray {}", entry.path().display())
                })?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(name: &str, error: Option<&str>) -> DocumentResult {
        DocumentResult {
            name: name.into(),
            source: "a".into(),
            target: "b".into(),
            output: Some(format!("{name}.tmx")),
            pairs: 3,
            flagged: 1,
            flagged_share: 1.0 / 3.0,
            mean_confidence: 0.9,
            document_score: None,
            sentences: (3, 4),
            warnings: vec![],
            error: error.map(str::to_string),
        }
    }

    #[test]
    fn a_resumed_run_finds_the_date_and_the_documents_done() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = StateFile::open(dir.path(), None, false, "20240101T000000Z").unwrap();
        state.record(&result("a", None)).unwrap();
        state.record(&result("b", Some("broken"))).unwrap();
        let mut shard = StateFile::open(
            dir.path(),
            Some(Shard { k: 2, n: 2 }),
            false,
            "20250101T000000Z",
        )
        .unwrap();
        shard.record(&result("c", None)).unwrap();
        // A cut last line, as a killed run leaves it.
        std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join(STATE_FILE))
            .unwrap()
            .write_all(b"{\"name\":\"d\",")
            .unwrap();
        let (date, finished) = read_states(dir.path()).unwrap();
        assert_eq!(date.as_deref(), Some("20240101T000000Z"));
        assert_eq!(finished.keys().collect::<Vec<_>>(), ["a", "c"]);
        // Resuming keeps what was recorded.
        StateFile::open(dir.path(), None, true, "20990101T000000Z").unwrap();
        assert_eq!(
            read_states(dir.path()).unwrap().0.as_deref(),
            Some("20240101T000000Z")
        );
        assert!(!output_exists(dir.path(), &finished["a"]));
        std::fs::write(dir.path().join("a.tmx"), "").unwrap();
        assert!(output_exists(dir.path(), &finished["a"]));
    }

    #[test]
    fn stray_temporaries_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for file in [
            "sub/.tandem-x1.tmp",
            ".tandem-y.tmp",
            "kept.tmx",
            ".tandem-batch.jsonl",
        ] {
            std::fs::write(dir.path().join(file), "").unwrap();
        }
        remove_stray_temporaries(dir.path()).unwrap();
        assert!(!dir.path().join("sub/.tandem-x1.tmp").exists());
        assert!(!dir.path().join(".tandem-y.tmp").exists());
        assert!(
            dir.path().join("kept.tmx").exists() && dir.path().join(".tandem-batch.jsonl").exists()
        );
    }
}
