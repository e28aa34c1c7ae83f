//! The whole pipeline as a library: documents in, aligned and scored
//! translation units out, in every format tandem writes. The `tandem`
//! binary, and anything else that aligns (a review server, bindings), is
//! wiring around it.
//!
//! - [`align_document`] aligns a [`DocumentPair`] (read by
//!   `tandem-segment`) with [`AlignSettings`]; [`AlignedDocument::write`]
//!   rates each unit ([`tandem_score::PairRater`]), counts it
//!   ([`QaSummary`]), reports it ([`report`]), and hands the pairs the
//!   [`ExportPolicy`] keeps to a [`format::PairWriter`].
//! - [`format`](mod@format): one writer and one reader per format (TMX, XLIFF, TSV,
//!   JSONL, beads, Moses).
//! - [`qa`]: a memory from any tool, checked unit by unit; [`merge`]: many
//!   documents' memories as one; [`eval`]: accuracy against gold
//!   alignments; [`Dictionaries`]: word lists that prime the translation
//!   model.
//!
//! ```
//! use tandem_pipeline::format::{self, Format, Outputs};
//! use tandem_pipeline::{AlignSettings, align_document};
//! use tandem_segment::{DocumentPair, ReadOptions};
//!
//! let zh = "北京市政府工作报告\n2023年，全市经济增长5.2%。城市更加宜居。\n";
//! let en = "Report on the Work of the Beijing Municipal Government\n\
//!           In 2023, the city's economy grew by 5.2%. The city became more livable.\n";
//! let document = DocumentPair::read(
//!     "report.txt",
//!     (zh.as_bytes().to_vec(), None),
//!     (en.as_bytes().to_vec(), None),
//!     &ReadOptions::default(),
//! )?;
//! let settings = AlignSettings::default();
//! let aligned = align_document(&document, &settings);
//!
//! let mut tmx = Vec::new();
//! let memory = aligned.memory_info(&settings, "20240121T000000Z");
//! let writer = format::writer(Format::Tmx, Outputs::One(Box::new(&mut tmx)), &memory)?;
//! let written = aligned.write(&settings, writer, None)?;
//! assert_eq!(written.pairs, 3);
//! let tmx = String::from_utf8(tmx)?;
//! assert!(tmx.contains(r#"<tuv xml:lang="en">"#));
//! assert!(tmx.contains("<seg>In 2023, the city's economy grew by 5.2%.</seg>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod aligned;
pub mod codes;
pub mod corrections;
mod dictionary;
mod embeddings;
pub mod eval;
mod export;
pub mod format;
pub mod layout;
pub mod merge;
pub mod qa;
pub mod report;
pub mod review;
mod summary;
#[cfg(test)]
mod testing;
pub mod xliff_input;

pub use aligned::{
    AlignSettings, AlignedDocument, UNRELATED_BELOW, Warning, Written, align_document,
    aligned_with, document_options,
};
pub use dictionary::Dictionaries;
pub use embeddings::{SentenceEncoder, embed_pair};
pub use export::{DropReason, ExportPolicy};
pub use summary::{QaSummary, Unpaired};
pub use tandem_segment::DocumentPair;
