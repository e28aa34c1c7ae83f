use std::path::PathBuf;

/// Why the encoder could not be had: each names the file and the problem.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmbedError {
    /// A file of the model is not where it should be.
    #[error("{}: not found", path.display())]
    Missing {
        /// The file looked for.
        path: PathBuf,
    },
    /// A file's SHA-256 digest is not the pinned one: partial, corrupt, or
    /// another version.
    #[error("{}: SHA-256 is {actual}, expected {expected} (a partial or corrupt copy?)", path.display())]
    Corrupt {
        /// The file checked.
        path: PathBuf,
        /// The pinned digest, lowercase hex.
        expected: &'static str,
        /// The file's digest, lowercase hex.
        actual: String,
    },
    /// A file has the right name but not the expected content.
    #[error("{}: {problem}", path.display())]
    Format {
        /// The file read.
        path: PathBuf,
        /// What was wrong with it.
        problem: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}
