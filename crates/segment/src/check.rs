//! Segmentation test cases: a paragraph and the sentences a linguist splits
//! it into, and how many of them a [`Segmenter`] gets right — the
//! benchmark behind `tandem segment --check` (`tests/segmentation/` holds
//! tandem's own, per language).
//!
//! The file format, UTF-8, one case per block, blocks separated by blank
//! lines, `#` starting a comment (`# kind: quotes` names the kind of the
//! cases after it):
//!
//! ```text
//! # kind: abbreviations
//! in: Das gilt z. B. für Kinder. Es gab u. a. Kuchen.
//! out: Das gilt z. B. für Kinder.
//! out: Es gab u. a. Kuchen.
//! ```

use crate::Segmenter;

/// One case: a paragraph and its expected sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentationCase {
    /// 1-based line of its `in:` line in the file.
    pub line: usize,
    /// The kind named by the last `# kind:` comment before it, if any.
    pub kind: Option<String>,
    /// The paragraph.
    pub input: String,
    /// The sentences expected, in order, as the paragraph writes them.
    pub expected: Vec<String>,
}

/// Why a file of cases could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// A line that is none of `in:`, `out:`, a comment or blank.
    #[error("line {0}: expected 'in: ', 'out: ', '#' or a blank line")]
    Unexpected(usize),
    /// `out:` lines without an `in:` before them, or an `in:` without any.
    #[error("line {0}: a case needs one 'in: ' line followed by 'out: ' lines")]
    Incomplete(usize),
    /// Expected sentences that are not the paragraph cut at white space.
    #[error("line {0}: the 'out: ' sentences are not the 'in: ' text cut at white space")]
    NotTheInput(usize),
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult<'c> {
    /// The case.
    pub case: &'c SegmentationCase,
    /// The sentences the segmenter found.
    pub found: Vec<String>,
}

impl CaseResult<'_> {
    /// Whether the segmenter found exactly the expected sentences.
    pub fn passed(&self) -> bool {
        self.found == self.case.expected
    }
}

/// Reads a file of cases ([`SegmentationCase`]); each case's sentences
/// must be its paragraph cut at white space.
pub fn parse_cases(text: &str) -> Result<Vec<SegmentationCase>, CaseError> {
    let mut cases = Vec::new();
    let mut kind = None;
    let mut current: Option<SegmentationCase> = None;
    let finish = |case: SegmentationCase, cases: &mut Vec<SegmentationCase>| {
        if case.expected.is_empty() {
            return Err(CaseError::Incomplete(case.line));
        }
        if !cuts(&case.input, &case.expected) {
            return Err(CaseError::NotTheInput(case.line));
        }
        cases.push(case);
        Ok(())
    };
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some(input) = line.strip_prefix("in: ") {
            if let Some(case) = current.take() {
                finish(case, &mut cases)?;
            }
            current = Some(SegmentationCase {
                line: number,
                kind: kind.clone(),
                input: input.to_string(),
                expected: Vec::new(),
            });
        } else if let Some(sentence) = line.strip_prefix("out: ") {
            match current.as_mut() {
                Some(case) => case.expected.push(sentence.to_string()),
                None => return Err(CaseError::Incomplete(number)),
            }
        } else if let Some(comment) = line.strip_prefix('#') {
            if let Some(name) = comment.trim().strip_prefix("kind:") {
                kind = Some(name.trim().to_string());
            }
        } else if line.trim().is_empty() {
            if let Some(case) = current.take() {
                finish(case, &mut cases)?;
            }
        } else {
            return Err(CaseError::Unexpected(number));
        }
    }
    if let Some(case) = current.take() {
        finish(case, &mut cases)?;
    }
    Ok(cases)
}

/// Whether `sentences` are `input` cut at white space: in order, nothing
/// but white space between and around them.
fn cuts(input: &str, sentences: &[String]) -> bool {
    let mut rest = input;
    for sentence in sentences {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix(sentence.as_str()) {
            Some(after) if !sentence.is_empty() && sentence.trim() == sentence => rest = after,
            _ => return false,
        }
    }
    rest.trim().is_empty()
}

/// Runs `segmenter` on every case.
pub fn check_cases<'c>(
    cases: &'c [SegmentationCase],
    segmenter: &Segmenter,
) -> Vec<CaseResult<'c>> {
    cases
        .iter()
        .map(|case| CaseResult {
            case,
            found: segmenter
                .split(&case.input)
                .into_iter()
                .map(str::to_string)
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_read_with_their_kind_and_line() {
        let text =
            "# kind: quotes\nin: A. B.\nout: A.\nout: B.\n\n# a comment\nin: C d.\nout: C d.\n";
        let cases = parse_cases(text).unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].kind.as_deref(), Some("quotes"));
        assert_eq!(cases[0].expected, ["A.", "B."]);
        assert_eq!(cases[1].line, 7);
        let results = check_cases(&cases, &Segmenter::builtin("en"));
        assert!(!results[0].passed(), "'A.' is an initial");
        assert!(results[1].passed());
    }

    #[test]
    fn malformed_files_say_where() {
        assert_eq!(parse_cases("in: A.\n"), Err(CaseError::Incomplete(1)));
        assert_eq!(parse_cases("out: A.\n"), Err(CaseError::Incomplete(1)));
        assert_eq!(
            parse_cases("in: A.\nhello\n"),
            Err(CaseError::Unexpected(2))
        );
        assert_eq!(
            parse_cases("in: A. B.\nout: A.\nout: C.\n"),
            Err(CaseError::NotTheInput(1))
        );
        assert_eq!(
            parse_cases("in: A. B. C.\nout: A.\nout: B.\n"),
            Err(CaseError::NotTheInput(1))
        );
        assert!(parse_cases("in: 你好。再见。\nout: 你好。\nout: 再见。\n").is_ok());
    }
}
