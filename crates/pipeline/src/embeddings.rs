//! Sentence embeddings for the aligner's [`Meaning`](tandem_align::Meaning)
//! evidence, from the encoder of `tandem-embed`.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use tandem_align::{PairEmbeddings, SideEmbeddings};
use tandem_embed::{DIMENSION, Encoder};

/// A loaded sentence encoder, shared by every document of a run.
#[derive(Clone)]
pub struct SentenceEncoder(pub Arc<Encoder>);

impl SentenceEncoder {
    /// [`embed_pair`], shared: what [`tandem_align::Options::embeddings`]
    /// takes.
    pub fn embed(&self, src: &[&str], tgt: &[&str], max_run: usize) -> Arc<PairEmbeddings> {
        Arc::new(embed_pair(&self.0, src, tgt, max_run))
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
