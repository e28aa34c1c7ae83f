//! Sentence embeddings for the aligner's [`Meaning`](tandem_align::Meaning)
//! evidence, from the encoder of `tandem-embed`.

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use tandem_align::{PairEmbeddings, SideEmbeddings};
use tandem_embed::{DIMENSION, Encoder};

/// The loader a [`SentenceEncoder::lazy`] runs once.
type Loader = Box<dyn FnOnce() -> Option<Arc<Encoder>> + Send>;

/// A sentence encoder shared by every document of a run, loaded when the
/// first document is ready to be aligned, so that a run
/// whose input is bad says so before it spends time on a model (or on
/// fetching one).
#[derive(Clone)]
pub struct SentenceEncoder(Arc<LazyLock<Option<Arc<Encoder>>, Loader>>);

impl SentenceEncoder {
    /// An encoder `load` gives the first time one is needed; `None` from
    /// it means the run aligns without embeddings.
    pub fn lazy(load: impl FnOnce() -> Option<Arc<Encoder>> + Send + 'static) -> Self {
        SentenceEncoder(Arc::new(LazyLock::new(Box::new(load))))
    }

    /// The encoder, loading it if it has not been; `None` when it could not
    /// be loaded.
    pub fn encoder(&self) -> Option<&Encoder> {
        LazyLock::force(&self.0).as_deref()
    }

    /// [`embed_pair`], shared: what [`tandem_align::Options::embeddings`]
    /// takes. `None` when the encoder could not be loaded.
    pub fn embed(&self, src: &[&str], tgt: &[&str], max_run: usize) -> Option<Arc<PairEmbeddings>> {
        let encoder = self.encoder()?;
        Some(Arc::new(embed_pair(encoder, src, tgt, max_run)))
    }
}

impl fmt::Debug for SentenceEncoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SentenceEncoder")
    }
}

/// Embeds both sides of a document: every sentence, and every run of up to
/// `max_run` consecutive sentences. Each sentence is encoded once; a run's
/// vector is finished from its sentences' pooled token features
/// ([`Encoder::combine`]), not by encoding the run's joined text again.
/// Cost: linear in the text, about `max_run` small matrix products per
/// sentence beyond the encoding itself.
pub fn embed_pair(encoder: &Encoder, src: &[&str], tgt: &[&str], max_run: usize) -> PairEmbeddings {
    PairEmbeddings {
        src: embed_side(encoder, src, max_run),
        tgt: embed_side(encoder, tgt, max_run),
    }
}

fn embed_side(encoder: &Encoder, sentences: &[&str], max_run: usize) -> SideEmbeddings {
    let pooled = encoder.pool(sentences);
    let n = sentences.len();
    let runs = (1..=max_run.max(1))
        .map(|k| {
            let ranges: Vec<Range<usize>> =
                (0..(n + 1).saturating_sub(k)).map(|i| i..i + k).collect();
            encoder.combine(&pooled, &ranges).into_values()
        })
        .collect();
    SideEmbeddings::new(DIMENSION, n, runs)
}
