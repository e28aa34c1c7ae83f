//! What tandem says: library errors and warnings put in the command line's
//! words (file names, option names), and plurals.

use std::path::Path;

use tandem_pipeline::Warning;
use tandem_segment::{
    DecodeError, DocumentError, Input, InputError, InterleavedError, SegmentError,
};

use crate::files::display;

/// `1 pair`, `2 pairs`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The option that names a file's encoding: `--encoding` for the one file
/// of a command, `--src-encoding` or `--tgt-encoding` for one of two, none
/// for a file read as UTF-8 only (a dictionary, an SRX file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingOption {
    /// `--encoding`.
    Encoding,
    /// `--src-encoding`.
    Source,
    /// `--tgt-encoding`.
    Target,
    /// The file must be UTF-8 (or UTF-16 with a byte-order mark).
    None,
}

impl EncodingOption {
    fn name(self) -> Option<&'static str> {
        match self {
            EncodingOption::Encoding => Some("--encoding"),
            EncodingOption::Source => Some("--src-encoding"),
            EncodingOption::Target => Some("--tgt-encoding"),
            EncodingOption::None => None,
        }
    }
}

/// What to do about undecodable bytes.
fn decode_hint(error: &DecodeError, option: EncodingOption) -> String {
    match (error, option.name()) {
        (DecodeError::Binary { .. }, Some(option)) => format!(
            "; if it is UTF-16 without a byte-order mark, name it with {option} UTF-16LE or UTF-16BE"
        ),
        (
            DecodeError::InvalidUtf8 {
                likely: Some(name), ..
            },
            Some(option),
        ) => {
            format!(" (the file looks like {name}: try {option} {name})")
        }
        (DecodeError::InvalidUtf8 { likely: None, .. }, Some(option)) => {
            format!(" (name the file's encoding with {option})")
        }
        (
            DecodeError::InvalidUtf8 {
                likely: Some(name), ..
            },
            None,
        ) => {
            format!(" (the file looks like {name}: save it as UTF-8)")
        }
        (DecodeError::InvalidUtf8 { .. } | DecodeError::Binary { .. }, None) => {
            " (save it as UTF-8)".into()
        }
        (DecodeError::Malformed { .. }, _) => String::new(),
    }
}

/// A segmentation limit, with the option that raises it.
fn segment_error(path: &Path, error: &SegmentError) -> String {
    match *error {
        SegmentError::ParagraphTooLong { line, chars, limit } => format!(
            "{} line {line}: a paragraph of {chars} characters, more than --max-paragraph-chars {limit} (a file without line breaks? if the text is right, raise the limit)",
            display(path)
        ),
        SegmentError::SentenceTooLong { line, chars, limit } => format!(
            "{} line {line}: a sentence of {chars} characters, more than --max-sentence-chars {limit} (if the text is right, raise the limit)",
            display(path)
        ),
    }
}

/// Why the input `path` could not be read; `option` names its encoding.
pub fn input_error(path: &Path, error: &InputError, option: EncodingOption) -> String {
    let path_name = display(path);
    match error {
        InputError::Decode(decode) => {
            format!(
                "{path_name}: cannot decode: {decode}{}",
                decode_hint(decode, option)
            )
        }
        InputError::Segment(segment) => segment_error(path, segment),
        InputError::UnknownLanguage => {
            format!("{path_name}: cannot tell its language: give it with --src-lang or --tgt-lang")
        }
        InputError::Empty
        | InputError::OnlyWhiteSpace
        | InputError::NoSentence
        | InputError::Document(_) => {
            format!("{path_name}: {error}")
        }
    }
}

/// Why the document of `source` and `target` (`None` for one interleaved
/// file) could not be read.
pub fn document_error(source: &Path, target: Option<&Path>, error: &DocumentError) -> String {
    let path = |input: Input| display(path_of(input, source, target));
    match error {
        DocumentError::Input { input, error } => match (input, target) {
            (Input::Target, Some(target)) => input_error(target, error, EncodingOption::Target),
            (Input::Source, Some(_)) => input_error(source, error, EncodingOption::Source),
            _ => input_error(source, error, EncodingOption::Encoding),
        },
        DocumentError::Swapped {
            source_found,
            target_found,
        } => format!(
            "the languages look swapped: {} looks like {source_found} and {} like {target_found}; give --src-lang {source_found} --tgt-lang {target_found}",
            path(Input::Source),
            path(Input::Target)
        ),
        DocumentError::NotAsGiven {
            input,
            found,
            given,
        } => format!(
            "{} looks like {found}, not {given} as given: source and target are in the same language",
            path(*input)
        ),
        DocumentError::SameLanguage(language) => match target {
            Some(target) => format!(
                "{} and {} are both in {language}: give a document and its translation (or name their languages with --src-lang and --tgt-lang)",
                display(source),
                display(target)
            ),
            None => format!("{}: both languages are {language}", display(source)),
        },
        DocumentError::Interleaved(interleaved) => {
            let hint = match interleaved {
                InterleavedError::OneLanguage(_) => " (for two files, give SOURCE and TARGET)",
                _ => "",
            };
            format!("{}: {interleaved}{hint}", display(source))
        }
    }
}

/// The file an [`Input`] of a document is: the target file for the target
/// of two files, the source (or the one interleaved file) otherwise.
fn path_of<'a>(input: Input, source: &'a Path, target: Option<&'a Path>) -> &'a Path {
    match (input, target) {
        (Input::Target, Some(target)) => target,
        _ => source,
    }
}

/// A warning about the document read from `source` (and `target`, for
/// two files).
pub fn warning(source: &Path, target: Option<&Path>, warning: &Warning) -> String {
    match warning {
        Warning::Unpaired(_) => format!("{} {warning}", display(source)),
        Warning::DictionaryNotCovering { .. } => warning.to_string(),
        Warning::HardWrapped { input, .. } => format!(
            "{} {warning} (--paragraphs line reads each line as a paragraph)",
            display(path_of(*input, source, target))
        ),
        Warning::NotTranslations(_) => match target {
            Some(target) => format!("{} and {} {warning}", display(source), display(target)),
            None => format!("{}: its two languages {warning}", display(source)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_text::LanguageTag;

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "pair"), "1 pair");
        assert_eq!(plural(0, "pair"), "0 pairs");
        assert_eq!(plural(2, "sentence"), "2 sentences");
    }

    #[test]
    fn errors_name_the_file_and_the_option() {
        let (src, tgt) = (Path::new("a.zh.txt"), Path::new("b.en.txt"));
        let tag = |t| LanguageTag::parse(t).unwrap();
        let input = DocumentError::Input {
            input: Input::Target,
            error: InputError::Decode(DecodeError::InvalidUtf8 {
                offset: 3,
                likely: Some("GBK"),
            }),
        };
        assert_eq!(
            document_error(src, Some(tgt), &input),
            "b.en.txt: cannot decode: invalid UTF-8 at byte offset 3 (the file looks like GBK: try --tgt-encoding GBK)"
        );
        let binary = InputError::Decode(DecodeError::Binary { offset: 4 });
        assert!(
            input_error(src, &binary, EncodingOption::Encoding)
                .ends_with("name it with --encoding UTF-16LE or UTF-16BE")
        );
        assert!(
            input_error(src, &binary, EncodingOption::None)
                .ends_with("(a NUL byte at offset 4) (save it as UTF-8)")
        );
        let swapped = DocumentError::Swapped {
            source_found: tag("en"),
            target_found: tag("zh-CN"),
        };
        assert_eq!(
            document_error(src, Some(tgt), &swapped),
            "the languages look swapped: a.zh.txt looks like en and b.en.txt like zh-CN; give --src-lang en --tgt-lang zh-CN"
        );
        let one = DocumentError::Interleaved(InterleavedError::OneLanguage("en".into()));
        assert!(
            document_error(Path::new("-"), None, &one)
                .starts_with("standard input: every paragraph is in one language (en)")
        );
        assert!(
            document_error(src, None, &one).ends_with("(for two files, give SOURCE and TARGET)")
        );
        let long = InputError::Segment(SegmentError::SentenceTooLong {
            line: 4,
            chars: 12,
            limit: 10,
        });
        assert_eq!(
            input_error(src, &long, EncodingOption::Source),
            "a.zh.txt line 4: a sentence of 12 characters, more than --max-sentence-chars 10 (if the text is right, raise the limit)"
        );
    }
}
