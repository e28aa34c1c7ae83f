//! A bilingual dictionary: pairs of phrases known to translate each other.
//!
//! The translation model reads it as extra training pairs: each entry is a
//! tiny parallel "sentence" beside the document's own 1-1 beads, so that
//! expectation–maximisation starts from what the dictionary knows and the
//! document still decides which of a word's translations it uses. (Entries
//! as anchors were measured and dropped: a word's alternative translations
//! each went unmatched in a correct pair; see docs/accuracy.md.)

/// Why a dictionary could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct DictionaryError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// Entries as (source phrase, target phrase), in the direction of the
/// alignment they serve.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    entries: Vec<(String, String)>,
}

impl Dictionary {
    /// A dictionary of (source phrase, target phrase) entries; entries with
    /// an empty side are left out.
    pub fn from_entries(entries: impl IntoIterator<Item = (String, String)>) -> Dictionary {
        Dictionary {
            entries: entries
                .into_iter()
                .filter(|(s, t)| !s.trim().is_empty() && !t.trim().is_empty())
                .collect(),
        }
    }

    /// Reads a dictionary: hunalign's format (`target @ source` per line)
    /// when a line has ` @ `, otherwise tab-separated `source<TAB>target`
    /// (further columns ignored). Blank lines and lines starting with `#`
    /// are skipped.
    pub fn parse(text: &str) -> Result<Dictionary, DictionaryError> {
        let mut entries = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |reason: &str| DictionaryError {
                line: number + 1,
                reason: reason.into(),
            };
            let (source, target) = if let Some((target, source)) = line.split_once(" @ ") {
                (source, target)
            } else if let Some((source, rest)) = line.split_once('\t') {
                (source, rest.split('\t').next().unwrap_or(rest))
            } else {
                return Err(error("expected 'target @ source' or 'source<TAB>target'"));
            };
            let (source, target) = (source.trim(), target.trim());
            if source.is_empty() || target.is_empty() {
                return Err(error("one side of the entry is empty"));
            }
            entries.push((source.to_string(), target.to_string()));
        }
        Ok(Dictionary { entries })
    }

    /// The entries, as (source phrase, target phrase).
    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }

    /// The same entries for the opposite direction.
    pub fn reversed(&self) -> Dictionary {
        Dictionary {
            entries: self
                .entries
                .iter()
                .map(|(s, t)| (t.clone(), s.clone()))
                .collect(),
        }
    }

    /// How many entries the dictionary has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hunalign_and_tsv_alike() {
        let hunalign =
            Dictionary::parse("government @ 政府\n# a comment\n\nsafety @ 安全\n").unwrap();
        assert_eq!(
            hunalign.entries(),
            [
                ("政府".to_string(), "government".to_string()),
                ("安全".to_string(), "safety".to_string())
            ]
        );
        let tsv = Dictionary::parse("政府\tgovernment\n安全\tsafety\textra column\n").unwrap();
        assert_eq!(tsv, hunalign);
        assert_eq!(hunalign.reversed().entries()[0].0, "government");
    }

    #[test]
    fn malformed_lines_name_their_number() {
        let err = Dictionary::parse("政府\tgovernment\n政府 government\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(Dictionary::parse("政府\t \n").unwrap_err().line, 1);
        assert_eq!(Dictionary::parse(" @ safety\n").unwrap_err().line, 1);
    }

    #[test]
    fn entries_with_an_empty_side_are_left_out() {
        let dictionary = Dictionary::from_entries([
            ("水利".to_string(), "water conservancy".to_string()),
            ("洪".to_string(), " ".to_string()),
        ]);
        assert_eq!(dictionary.len(), 1);
    }
}
