//! A bilingual dictionary: entries whose two sides, found in a sentence and
//! in its counterpart, are anchors like a shared number.

use std::collections::HashMap;

use tandem_text::{unspaced_tokens, words};

/// Why a dictionary could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct DictionaryError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// Source and target phrases, each a sequence of matching tokens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dictionary {
    entries: Vec<(Vec<String>, Vec<String>)>,
}

impl Dictionary {
    /// Reads a dictionary: hunalign's format (`target @ source` per line)
    /// when a line has ` @ `, otherwise tab-separated `source<TAB>target`.
    /// Blank lines and lines starting with `#` are skipped.
    pub fn parse(text: &str) -> Result<Dictionary, DictionaryError> {
        let mut entries = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (source, target) = if let Some((target, source)) = line.split_once(" @ ") {
                (source, target)
            } else if let Some((source, target)) = line.split_once('\t') {
                (source, target.split('\t').next().unwrap_or(target))
            } else {
                return Err(DictionaryError {
                    line: number + 1,
                    reason: "expected 'target @ source' or 'source<TAB>target'".into(),
                });
            };
            let (source, target) = (phrase(source), phrase(target));
            if source.is_empty() || target.is_empty() {
                return Err(DictionaryError {
                    line: number + 1,
                    reason: "an empty side".into(),
                });
            }
            entries.push((source, target));
        }
        Ok(Dictionary { entries })
    }

    /// How many entries the dictionary has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// For each sentence, the entries whose source (`target` false) or
    /// target side it contains, as entry indices.
    pub(crate) fn matches(&self, sentences: &[&str], target: bool) -> Vec<Vec<usize>> {
        // Entries by their first token, so that a sentence is checked only
        // against the entries that can start at each of its tokens.
        let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, (source, target_phrase)) in self.entries.iter().enumerate() {
            let side = if target { target_phrase } else { source };
            by_first.entry(side[0].as_str()).or_default().push(k);
        }
        sentences
            .iter()
            .map(|sentence| {
                let tokens = phrase(sentence);
                let mut found = Vec::new();
                for start in 0..tokens.len() {
                    for &k in by_first.get(tokens[start].as_str()).into_iter().flatten() {
                        let side = if target {
                            &self.entries[k].1
                        } else {
                            &self.entries[k].0
                        };
                        if tokens[start..].starts_with(side) {
                            found.push(k);
                        }
                    }
                }
                found.sort_unstable();
                found.dedup();
                found
            })
            .collect()
    }
}

/// The tokens a phrase or sentence is matched by: its Chinese and Japanese
/// characters one by one, and its other words whole, lower-cased.
fn phrase(text: &str) -> Vec<String> {
    let mut tokens: Vec<String> = unspaced_tokens(text)
        .into_iter()
        .filter(|t| t.chars().count() == 1)
        .collect();
    tokens.extend(words(text));
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hunalign_and_tsv() {
        let hunalign =
            Dictionary::parse("government @ 政府\n# a comment\n\nsafety @ 安全\n").unwrap();
        assert_eq!(hunalign.len(), 2);
        let tsv = Dictionary::parse("政府\tgovernment\n安全\tsafety\textra column\n").unwrap();
        assert_eq!(tsv, hunalign);
        let err = Dictionary::parse("政府 government\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(Dictionary::parse("政府\t \n").is_err());
    }

    #[test]
    fn finds_entries_in_sentences() {
        let dictionary =
            Dictionary::parse("water conservancy @ 水利\nflood @ 洪\ncity @ 城市\n").unwrap();
        let zh = ["加强重点水利工程建设,抓好山洪沟道治理。", "建设韧性城市。"];
        let en = [
            "We will construct major water conservancy projects and control flood channels.",
            "A resilient city.",
        ];
        assert_eq!(dictionary.matches(&zh, false), [vec![0, 1], vec![2]]);
        assert_eq!(dictionary.matches(&en, true), [vec![0, 1], vec![2]]);
        // Whole words only: "city" is not inside "capacity".
        assert_eq!(
            dictionary.matches(&["capacity"], true),
            [Vec::<usize>::new()]
        );
    }
}
