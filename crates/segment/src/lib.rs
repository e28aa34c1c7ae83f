//! Bytes in, paragraphs and sentences out.
//!
//! - [`decode`]: bytes to text (byte-order marks, UTF-8, legacy encodings by
//!   name), with an error naming the offset of undecodable bytes.
//! - [`paragraphs`]: a text's paragraphs, one per line or separated by blank
//!   lines ([`ParagraphStyle`]).
//! - [`split_interleaved`]: a bilingual file whose paragraphs alternate
//!   between two languages, as pairs of same-language [`Block`]s.
//! - [`SentenceSplitter`]: the built-in sentence rules per language, an
//!   embedded SRX file ([`BUILTIN_SRX`]) run by the SRX engine.
//! - [`Srx`]: segmentation rules from an SRX 2.0 file, as CAT tools share
//!   them ([`segmenter_for`] picks a file's rules or the built-in ones).

mod decode;
mod interleaved;
mod paragraph;
mod sentence;
mod srx;

pub use decode::{DecodeError, decode, encoding_for_label};
pub use interleaved::{Block, Interleaved, InterleavedError, Part, split_interleaved};
pub use paragraph::{
    Line, Paragraph, ParagraphStyle, is_blank, lines, needs_space, paragraphs, paragraphs_of_lines,
};
pub use sentence::SentenceSplitter;
pub use srx::{
    BUILTIN_SRX, LanguageMap, LanguageRule, Srx, SrxError, SrxRule, SrxSegmenter, segmenter_for,
};
