//! Bilingual dictionaries for the translation model: a user's file, and
//! CC-CEDICT for Chinese–English (with the cargo feature `cedict`).

use std::sync::Arc;

use tandem_align::Dictionary;
use tandem_text::primary_language;

use crate::Warning;

/// The dictionaries of a run, fitted to each document by
/// [`Dictionaries::for_document`].
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    /// A user's dictionary, written for the run's direction.
    pub file: Option<Dictionary>,
    /// Add CC-CEDICT's entries for Chinese–English documents.
    pub builtin: bool,
}

impl Dictionaries {
    /// Whether this build holds the built-in dictionary (the cargo feature
    /// `cedict`); without it, [`Dictionaries::builtin`] adds nothing.
    pub const BUILTIN_AVAILABLE: bool = cfg!(feature = "cedict");

    /// Whether any dictionary was asked for.
    pub fn any(&self) -> bool {
        self.file.is_some() || self.builtin
    }

    /// The entries for one document pair in `languages` (source, target
    /// tags): the user's file as given, and the built-in dictionary's
    /// entries for the document's Chinese words turned to the run's
    /// direction. `None` when there is nothing to add; a warning when the
    /// built-in dictionary does not cover the pair.
    pub fn for_document(
        &self,
        languages: (&str, &str),
        sentences: (&[&str], &[&str]),
    ) -> (Option<Arc<Dictionary>>, Option<Warning>) {
        let mut entries: Vec<(String, String)> = self
            .file
            .as_ref()
            .map(|d| d.entries().to_vec())
            .unwrap_or_default();
        let mut warning = None;
        if self.builtin {
            match builtin_entries(languages, sentences) {
                Some(found) => entries.extend(found),
                None => {
                    warning = Some(Warning::DictionaryNotCovering {
                        languages: (languages.0.to_string(), languages.1.to_string()),
                    })
                }
            }
        }
        let dictionary = (!entries.is_empty()).then(|| Arc::new(Dictionary::from_entries(entries)));
        (dictionary, warning)
    }
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
    /// Without the feature there is no dictionary (see
    /// [`super::Dictionaries::BUILTIN_AVAILABLE`]).
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
        let (d, warning) = dictionaries.for_document(("zh", "en"), (&["政府"], &["government"]));
        assert_eq!(d.unwrap().entries(), [("政府".into(), "government".into())]);
        assert!(warning.is_none());
        let (none, _) = Dictionaries::default().for_document(("zh", "en"), (&[], &[]));
        assert!(none.is_none());
        assert!(dictionaries.any() && !Dictionaries::default().any());
    }

    #[test]
    fn the_builtin_dictionary_covers_chinese_english_only() {
        assert!(builtin_entries(("de", "fr"), (&[], &[])).is_none());
        assert!(builtin_entries(("zh-Hant-TW", "en-GB"), (&[], &[])).is_some());
        assert!(builtin_entries(("en", "zh_CN"), (&[], &[])).is_some());
        let builtin = Dictionaries {
            file: None,
            builtin: true,
        };
        let (_, warning) = builtin.for_document(("de", "fr"), (&[], &[]));
        assert_eq!(
            warning.unwrap().to_string(),
            "the built-in dictionary covers Chinese–English only, not de–fr"
        );
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
