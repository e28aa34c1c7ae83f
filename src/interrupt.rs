//! Ctrl-C and termination. Rust runs no destructors when a signal ends the
//! process, so the temporary files outputs are written to would stay
//! behind. A watcher thread waits for SIGINT, SIGTERM and SIGHUP, removes
//! the temporary files being written, and exits with 128 + the signal's
//! number (130 for Ctrl-C), as shells expect.
//!
//! The files being written are the one piece of process-wide state: a
//! signal concerns the whole process, whichever thread writes.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use anyhow::{Context, Result};

static BEING_WRITTEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn being_written() -> MutexGuard<'static, Vec<PathBuf>> {
    BEING_WRITTEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts the watcher thread.
pub fn watch() -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .context("cannot install the signal handler")?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until exit: no temporary file is created or renamed
            // into place from here on.
            let files = being_written();
            for file in files.iter() {
                let _ = std::fs::remove_file(file);
            }
            say!("tandem: interrupted");
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Runs `create`, which makes a temporary file and returns it with its
/// path, and records the path, both before a signal can be handled.
pub fn creating<T>(create: impl FnOnce() -> Result<(T, PathBuf)>) -> Result<T> {
    let mut files = being_written();
    let (value, path) = create()?;
    files.push(path);
    Ok(value)
}

/// Runs `finish`, which renames or removes the temporary file `path`, and
/// forgets the path, both before a signal can be handled.
pub fn finishing<T>(path: &Path, finish: impl FnOnce() -> T) -> T {
    let mut files = being_written();
    let value = finish();
    files.retain(|f| f != path);
    value
}
