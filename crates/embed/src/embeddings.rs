use crate::DIMENSION;

/// Sentence vectors, one row of [`DIMENSION`] `f32` values per sentence,
/// each of unit length (L2), so a dot product is a cosine.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Embeddings {
    values: Vec<f32>,
}

impl Embeddings {
    /// Wraps `values`, [`DIMENSION`] per sentence.
    ///
    /// # Panics
    /// When `values.len()` is not a multiple of [`DIMENSION`].
    pub fn from_values(values: Vec<f32>) -> Self {
        assert_eq!(values.len() % DIMENSION, 0, "values must be whole rows");
        Self { values }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.values.len() / DIMENSION
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Sentence `i`'s vector.
    ///
    /// # Panics
    /// When `i >= self.len()`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.values[i * DIMENSION..(i + 1) * DIMENSION]
    }

    /// All rows, back to back.
    pub fn values(&self) -> &[f32] {
        &self.values
    }

    /// All rows, back to back, without a copy.
    pub fn into_values(self) -> Vec<f32> {
        self.values
    }

    /// Cosine of two unit vectors: their dot product.
    pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }
}
