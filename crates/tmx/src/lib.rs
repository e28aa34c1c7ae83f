//! TMX 1.4b, the translation-memory exchange format every CAT tool imports.
//!
//! [`TmxReader`] reads any TMX 1.1–1.4b leniently, one [`ReadUnit`] at a
//! time (see its module for what it tolerates and what it refuses).
//!
//! [`TmxWriter`] streams a [`Header`] and then one [`TranslationUnit`] at a
//! time: memory stays constant however many units are written. The output
//! validates against the TMX 1.4 DTD. Text is written as given (no Unicode
//! normalisation) except for what XML cannot hold: the characters XML 1.0
//! forbids are removed and counted ([`WriteStats`]), and a carriage return is
//! written as `&#13;` so that XML parsers do not turn it into a line feed.
//!
//! [`TmxRewriter`] writes a memory read back as it was: every attribute,
//! prop, note and variant, inline codes as elements ([`Element`]), with
//! only the language tags restyled and only the units the caller keeps.
//!
//! [`XliffWriter`] streams the same pairs as XLIFF 1.2, for bilingual review
//! in CAT tools; both writers share their escaping.
//!
//! This crate knows nothing of alignment.
//!
//! ```
//! use tandem_tmx::{Header, SegType, TmxReader, TmxWriter, TranslationUnit};
//!
//! let header = Header {
//!     creation_tool: "example".into(),
//!     creation_tool_version: "1".into(),
//!     segtype: SegType::Sentence,
//!     srclang: "zh-CN".into(),
//!     adminlang: "en".into(),
//!     creation_date: Some("20240121T000000Z".into()),
//! };
//! let mut writer = TmxWriter::new(Vec::new(), &header)?;
//! writer.write_unit(&TranslationUnit {
//!     tuid: "1".into(),
//!     props: vec![("x-confidence".into(), "0.9370".into())],
//!     variants: vec![("zh-CN".into(), "各位代表！".into()), ("en".into(), "Fellow Deputies,".into())],
//! })?;
//! let (tmx, _) = writer.finish()?;
//!
//! // Read back: the variant best matching a language, whatever its case.
//! let unit = TmxReader::new(tmx.as_slice())?.next().unwrap()?;
//! assert_eq!(unit.variant("zh"), Some("各位代表！"));
//! assert_eq!(unit.variant("EN"), Some("Fellow Deputies,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod encoding;
pub mod inline;
mod markup;
mod reader;
mod rewriter;
mod tree;
mod writer;
mod xliff;

pub use encoding::{EncodingError, XmlEncoding};
pub use markup::{escape, is_xml_char};
pub use reader::{
    LanguagePairError, MAX_DEPTH, ReadError, ReadHeader, ReadUnit, ReadWarnings, TmxReader,
    Variant, language_match, language_pair,
};
pub use rewriter::TmxRewriter;
pub use tree::{Element, Node};
pub use writer::{Header, SegType, TmxWriter, TranslationUnit, WriteStats};
pub use xliff::{
    XliffFile, XliffSegments, XliffUnit, XliffWriter, read_xliff, read_xliff_segments,
};
