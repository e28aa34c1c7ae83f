//! Bilingual dictionaries for the translation model: a user's file
//! (`--dict`), and CC-CEDICT for Chinese–English (`--builtin-dict`, with the
//! cargo feature `cedict`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Args;
use tandem_align::Dictionary;
use tandem_text::primary_language;

/// The dictionary options shared by `align` and `eval`.
#[derive(Args, Clone, Default)]
pub struct DictionaryArgs {
    /// A bilingual dictionary that primes the translation model: `target @ source` per line (hunalign's format) or `source<TAB>target`.
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
    /// Add the built-in CC-CEDICT dictionary for Chinese–English documents (needs tandem built with the cargo feature `cedict`).
    #[arg(long)]
    pub builtin_dict: bool,
}

impl DictionaryArgs {
    /// Whether any dictionary was asked for.
    pub fn any(&self) -> bool {
        self.dict.is_some() || self.builtin_dict
    }

    /// Reads the user's file once, and checks that a built-in dictionary
    /// asked for is there.
    pub fn load(&self) -> Result<Dictionaries> {
        if self.builtin_dict && !cfg!(feature = "cedict") {
            anyhow::bail!(
                "--builtin-dict: this tandem was built without its dictionary; \
                 rebuild with `cargo build --release --features cedict`"
            );
        }
        Ok(Dictionaries {
            file: self.dict.as_deref().map(read_dictionary).transpose()?,
            builtin: self.builtin_dict,
        })
    }
}

/// The dictionaries of a run, ready to be fitted to each document.
#[derive(Clone, Default)]
pub struct Dictionaries {
    file: Option<Dictionary>,
    builtin: bool,
}

impl Dictionaries {
    /// The entries for one document pair: the user's file as given (it is
    /// written for the run's direction), and the built-in dictionary's
    /// entries for the document's Chinese words, turned to the run's
    /// direction. `None` when there is nothing to add. `notes` collects what
    /// the user should hear (a built-in dictionary that does not cover the
    /// pair).
    pub fn for_document(
        &self,
        languages: (&str, &str),
        sentences: (&[&str], &[&str]),
        notes: &mut Vec<String>,
    ) -> Option<Arc<Dictionary>> {
        let mut entries: Vec<(String, String)> = self
            .file
            .as_ref()
            .map(|d| d.entries().to_vec())
            .unwrap_or_default();
        if self.builtin {
            match builtin_entries(languages, sentences) {
                Some(found) => entries.extend(found),
                None => notes.push(format!(
                    "the built-in dictionary covers Chinese–English only, not {}–{}",
                    languages.0, languages.1
                )),
            }
        }
        (!entries.is_empty()).then(|| Arc::new(Dictionary::from_entries(entries)))
    }
}

/// Reads a dictionary file.
fn read_dictionary(path: &Path) -> Result<Dictionary> {
    let text = crate::input::read_text(path, None, crate::input::Limits::default().max_input_size)?;
    Dictionary::parse(&text).with_context(|| format!("{}", path.display()))
}

/// CC-CEDICT's entries for the Chinese words of a Chinese–English pair,
/// oriented source → target; `None` for any other pair.
fn builtin_entries(
    languages: (&str, &str),
    sentences: (&[&str], &[&str]),
) -> Option<Vec<(String, String)>> {
    let (src, tgt) = (primary_language(languages.0), primary_language(languages.1));
    match (src.as_str(), tgt.as_str()) {
        ("zh", "en") => Some(cedict::entries(sentences.0)),
        ("en", "zh") => Some(
            cedict::entries(sentences.1)
                .into_iter()
                .map(|(zh, en)| (en, zh))
                .collect(),
        ),
        _ => None,
    }
}

#[cfg(feature = "cedict")]
mod cedict {
    use std::collections::BTreeSet;

    /// (Chinese word, English gloss) for every word the dictionary's
    /// segmenter finds in `sentences` and every gloss it has, in a fixed
    /// order. Glosses that are references rather than translations
    /// ("variant of 么", "see 阿拉伯", "CL:個|个[ge4]", surnames) are left out.
    pub fn entries(sentences: &[&str]) -> Vec<(String, String)> {
        let words: BTreeSet<&str> = sentences
            .iter()
            .flat_map(|s| chinese_dictionary::tokenize(s))
            .collect();
        let mut entries = Vec::new();
        for word in words {
            for entry in chinese_dictionary::query_by_chinese(word) {
                for gloss in &entry.english {
                    if is_translation(gloss) {
                        entries.push((word.to_string(), gloss.clone()));
                    }
                }
            }
        }
        entries
    }

    fn is_translation(gloss: &str) -> bool {
        let gloss = gloss.to_ascii_lowercase();
        !(gloss.contains("variant of")
            || gloss.starts_with("see ")
            || gloss.starts_with("cl:")
            || gloss.starts_with("surname ")
            || gloss.starts_with("abbr. for")
            || gloss.contains('['))
    }
}

#[cfg(not(feature = "cedict"))]
mod cedict {
    /// Without the feature there is no dictionary; [`super::DictionaryArgs::load`]
    /// refuses `--builtin-dict` before this is reached.
    pub fn entries(_sentences: &[&str]) -> Vec<(String, String)> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_dictionary_is_used_as_written() {
        let dictionaries = Dictionaries {
            file: Some(Dictionary::parse("government @ 政府\n").unwrap()),
            builtin: false,
        };
        let mut notes = Vec::new();
        let d = dictionaries
            .for_document(("zh", "en"), (&["政府"], &["government"]), &mut notes)
            .unwrap();
        assert_eq!(d.entries(), [("政府".into(), "government".into())]);
        assert!(notes.is_empty());
        let none = Dictionaries::default().for_document(("zh", "en"), (&[], &[]), &mut notes);
        assert!(none.is_none());
    }

    #[test]
    fn the_builtin_dictionary_covers_chinese_english_only() {
        assert!(builtin_entries(("de", "fr"), (&[], &[])).is_none());
        assert!(builtin_entries(("zh-Hant-TW", "en-GB"), (&[], &[])).is_some());
        assert!(builtin_entries(("en", "zh_CN"), (&[], &[])).is_some());
    }

    #[cfg(feature = "cedict")]
    #[test]
    fn the_builtin_dictionary_glosses_the_documents_words_in_the_runs_direction() {
        let found = builtin_entries(("en", "zh"), (&[], &["政府加强安全"])).unwrap();
        assert!(
            found
                .iter()
                .any(|(en, zh)| zh == "政府" && en.contains("government"))
        );
        assert!(found.iter().all(|(en, _)| !en.contains("variant of")));
    }
}
