//! End-to-end tests: the `tandem` binary run as a user runs it, its output
//! checked with independent tools (xmllint, translate-toolkit, Chromium,
//! OmegaT). One test binary, one module per command or concern, so that
//! the project's dependencies are linked once.

mod align;
mod batch;
mod cat_tools;
mod conventions;
mod convert;
mod documents;
mod embeddings;
mod errors;
mod eval;
mod lossless;
mod promises;
mod properties;
mod qa;
mod review;
mod review_browser;
mod segmentation;
mod signals;
mod structure;
mod util;
mod xml_safety;
