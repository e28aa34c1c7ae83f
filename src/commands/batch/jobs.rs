//! The documents a batch aligns (from a folder, [`super::folder`], or a
//! manifest, [`super::manifest`]); shards of them; where each output goes.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use anyhow::{Result, bail};

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

    #[test]
    fn two_jobs_with_one_output_are_refused() {
        let job = Job {
            name: "a".into(),
            source: PathBuf::from("a.zh.txt"),
            target: PathBuf::from("a.en.txt"),
            src_lang: None,
            tgt_lang: None,
        };
        let other = Job {
            source: PathBuf::from("b/a.zh.txt"),
            ..job.clone()
        };
        let error = check_unique_names(&[job.clone(), other])
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("same output 'a': a.zh.txt and b/a.zh.txt"),
            "{error}"
        );
        assert!(check_unique_names(&[job]).is_ok());
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
}
