//! Bytes in, paragraphs and sentences out.
//!
//! [`DocumentPair`] is the front door: a document and its translation, from
//! two inputs ([`DocumentPair::read`]) or one interleaved bilingual input
//! ([`DocumentPair::read_interleaved`]), decoded, their languages identified
//! and checked, split into paragraphs and sentences ([`Side`]) within
//! [`Limits`], and grouped into the sections known to correspond. Its parts:
//!
//! - [`decode`]: bytes to text (byte-order marks, UTF-8, legacy encodings by
//!   name), with an error naming the offset of undecodable bytes.
//! - [`Format`]: documents other than text, told by content, then name
//!   ([`Format::choose`]); the paragraphs of a Word document
//!   ([`docx_paragraphs`]), an OpenDocument text ([`odt_paragraphs`]), a web
//!   page ([`html_paragraphs`]), Markdown ([`markdown_paragraphs`]), a PDF's
//!   text layer ([`pdf_paragraphs`]) or subtitles ([`subtitle_paragraphs`],
//!   each cue with its time) in reading order, as [`CodedParagraph`]s: text
//!   with its formatting as [`InlineCode`]s beside it, which [`Side`] cuts at
//!   the sentences' edges ([`Side::codes_of`]).
//! - [`paragraphs`]: a text's paragraphs, one per line or separated by blank
//!   lines ([`ParagraphStyle`]).
//! - [`split_interleaved`]: a bilingual file whose paragraphs alternate
//!   between two languages, as pairs of same-language [`Block`]s.
//! - [`Segmenter`]: the sentence rules of one language, built in
//!   ([`Segmenter::builtin`], an embedded SRX file, [`BUILTIN_SRX`]) or from
//!   an SRX 2.0 file as CAT tools share them ([`Srx`]).
//! - [`parse_cases`], [`check_cases`]: segmentation benchmark cases (a
//!   paragraph and its expected sentences) and a segmenter's score on them.
//!
//! Errors are facts (which input, which line, the likely encoding), for the
//! caller to put in its own words.
//!
//! ```
//! use tandem_segment::{DocumentPair, ReadOptions};
//!
//! let zh = "政府工作报告\n今年经济稳定增长。我们建设了新学校。\n";
//! let en = "Report on the Work of the Government\nThe economy grew steadily. We built new schools.\n";
//! let pair = DocumentPair::read(
//!     "report",
//!     (zh.as_bytes().to_vec(), None),
//!     (en.as_bytes().to_vec(), None),
//!     &ReadOptions::default(),
//! )?;
//! assert_eq!(pair.src.language.as_str(), "zh-CN");
//! assert_eq!(pair.tgt.sentences[1], "The economy grew steadily.");
//! assert_eq!(pair.src.paragraphs, [0..1, 1..3]);
//! # Ok::<(), tandem_segment::DocumentError>(())
//! ```

mod check;
mod codes;
mod decode;
mod document;
mod formats;
mod interleaved;
mod markdown;
mod paragraph;
mod pdf;
mod sentence;
mod side;
mod srx;
mod subtitles;

pub use check::{CaseError, CaseResult, SegmentationCase, check_cases, parse_cases};
pub use codes::{
    CodeKind, CodedParagraph, InlineCode, OpenCode, ParagraphBuilder, claims, codes_within,
};
pub use decode::{DecodeError, decode, encoding_for_label};
pub use document::{DocumentError, DocumentPair, Input, Unpaired};
pub use formats::{
    EXTENSIONS, Format, FormatError, after_xml_prologue, docx_paragraphs, html_paragraphs,
    odt_paragraphs,
};
pub use interleaved::{Block, Interleaved, InterleavedError, Part, split_interleaved};
pub use markdown::markdown_paragraphs;
pub use paragraph::{
    HardWrap, Line, Paragraph, ParagraphStyle, WRAP_MIN_LINES, WRAP_MIN_WIDTH, columns, hard_wrap,
    is_blank, lines, needs_space, paragraphs, paragraphs_of_lines,
};
pub use pdf::{PDF_THREAD, PDF_TIME_LIMIT, pdf_paragraphs};
pub use side::{InputError, Limits, ReadOptions, SegmentError, Side, decode_text, document_text};
pub use srx::{BUILTIN_SRX, LanguageMap, LanguageRule, Segmenter, Srx, SrxError, SrxRule};
pub use subtitles::{SubtitleKind, looks_like_subtitles, subtitle_paragraphs};
