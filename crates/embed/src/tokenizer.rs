//! Text to piece ids: the model's SentencePiece unigram tokenizer.

use crate::EmbedError;
use sentencepiece_rust::SentencePieceProcessor;
use std::path::Path;

/// Id of `<unk>`, the piece an unknown character becomes.
pub const UNK: u32 = 0;
/// Id of `<s>`, put before every sentence.
pub const BOS: u32 = 1;
/// Id of `</s>`, put after every sentence.
pub const EOS: u32 = 2;

/// The most pieces of one sentence the network sees, `<s>` and `</s>`
/// included. A longer sentence keeps its first `MAX_PIECES - 2` pieces: the
/// encoder averages n-gram features, so a sentence of over a thousand pieces
/// (a whole chapter pasted as one line) is already a blur, and the cap bounds
/// the work and memory of one micro-batch.
pub const MAX_PIECES: usize = 1024;

/// The model's SentencePiece unigram tokenizer (`sp.model`): the `nmt_nfkc`
/// normaliser from its precompiled charsmap, `▁` for spaces, and Viterbi
/// segmentation over the 128,000-piece vocabulary (Kudo 2018, "Subword
/// Regularization").
pub struct Tokenizer {
    processor: SentencePieceProcessor,
}

impl Tokenizer {
    /// Reads a SentencePiece model from its serialised protobuf.
    ///
    /// # Errors
    /// [`EmbedError::Format`] when the bytes are not a unigram model.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self, EmbedError> {
        let processor =
            SentencePieceProcessor::from_bytes(bytes).map_err(|error| EmbedError::Format {
                path: path.to_path_buf(),
                problem: format!("not a SentencePiece model: {error}"),
            })?;
        if processor.piece_size() < 3 {
            return Err(EmbedError::Format {
                path: path.to_path_buf(),
                problem: "the SentencePiece model has no vocabulary".into(),
            });
        }
        Ok(Self { processor })
    }

    /// Number of pieces in the vocabulary.
    pub fn vocabulary_size(&self) -> usize {
        self.processor.piece_size()
    }

    /// The piece ids of `text`, framed by [`BOS`] and [`EOS`] and cut to
    /// [`MAX_PIECES`].
    ///
    /// Text that normalises to nothing (empty, only spaces) becomes
    /// `[BOS, UNK, EOS]`, as in the Python package, so that every sentence has
    /// at least one piece of its own.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::with_capacity(text.len() / 3 + 3);
        ids.push(BOS);
        // The processor fails only for model types other than unigram and
        // BPE, which `from_bytes` would have refused; treat it as no pieces.
        let pieces = self.processor.encode(text).unwrap_or_default();
        let pieces = pieces.iter().filter_map(|&id| u32::try_from(id).ok());
        ids.extend(pieces.take(MAX_PIECES - 2));
        if ids.len() == 1 {
            ids.push(UNK);
        }
        ids.push(EOS);
        ids
    }
}
