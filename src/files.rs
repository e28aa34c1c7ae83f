//! Files in and out: bounded reads (standard input for `-`), atomic writes
//! that never leave a partial file, `--no-clobber`.

use std::borrow::Cow;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use tandem_tmx::TmxReader;

use crate::messages::{self, EncodingOption};

/// Whether a path means standard input or output: `-`.
pub fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
}

/// A path as messages name it: `standard input` for `-`.
pub fn display(path: &Path) -> Cow<'_, str> {
    if is_stdout(path) {
        Cow::Borrowed("standard input")
    } else {
        path.to_string_lossy()
    }
}

/// A document's name as outputs record it (`x-document`): the file's
/// name, or `standard input`.
pub fn document_name(path: &Path) -> String {
    match path.file_name() {
        Some(name) if !is_stdout(path) => name.to_string_lossy().into_owned(),
        _ => display(path).into_owned(),
    }
}

/// Reads a file of at most `max_size` bytes, or standard input for `-`.
pub fn read_bounded(path: &Path, max_size: u64) -> Result<Vec<u8>> {
    let too_big = |size: Option<u64>| {
        anyhow::anyhow!(
            "{}: {}more than --max-input-size {} (raise the limit, or split the file)",
            display(path),
            size.map_or(String::new(), |size| format!("{}, ", human_size(size))),
            human_size(max_size)
        )
    };
    let input: Box<dyn Read> = if is_stdout(path) {
        Box::new(std::io::stdin().lock())
    } else {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        if let Ok(metadata) = file.metadata()
            && metadata.is_file()
            && metadata.len() > max_size
        {
            return Err(too_big(Some(metadata.len())));
        }
        Box::new(file)
    };
    // One byte more than allowed: a pipe has no size, and a file may grow
    // while it is read.
    let mut bytes = Vec::new();
    input
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", display(path)))?;
    if bytes.len() as u64 > max_size {
        return Err(too_big(None));
    }
    Ok(bytes)
}

/// Reads a text file (UTF-8, or UTF-16 with a byte-order mark) of at most
/// `max_size` bytes that holds more than white space.
pub fn read_text(path: &Path, max_size: u64) -> Result<String> {
    let bytes = read_bounded(path, max_size)?;
    tandem_segment::decode_text(bytes, None)
        .map_err(|e| anyhow::anyhow!(messages::input_error(path, &e, EncodingOption::None)))
}

/// A TMX file opened for streaming, or standard input read whole (so that
/// it can be read again) for `-`; errors name the file.
pub fn open_tmx<'a>(
    path: &Path,
    stdin: Option<&'a [u8]>,
) -> Result<TmxReader<Box<dyn BufRead + 'a>>> {
    let reader = match stdin {
        Some(bytes) if is_stdout(path) => TmxReader::new(bytes),
        _ => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            TmxReader::new(std::io::BufReader::new(file))
        }
    };
    reader.with_context(|| format!("{}", display(path)))
}

/// A size for people: 1.5 GiB, 512 MiB, 12 KiB, 80 bytes.
pub fn human_size(bytes: u64) -> String {
    let units = [(30, "GiB"), (20, "MiB"), (10, "KiB")];
    for (shift, unit) in units {
        if bytes >= 1 << shift {
            let value = bytes as f64 / (1u64 << shift) as f64;
            return format!("{} {unit}", format!("{value:.1}").trim_end_matches(".0"));
        }
    }
    format!("{bytes} bytes")
}

/// For `--no-clobber`: an error naming the first of `paths` that exists, so
/// that a run stops before its work rather than after it.
pub fn refuse_existing<'p>(paths: impl IntoIterator<Item = Option<&'p Path>>) -> Result<()> {
    for path in paths.into_iter().flatten() {
        if path.exists() {
            bail!("{} exists: not overwritten (--no-clobber)", path.display());
        }
    }
    Ok(())
}

/// The file a path names: a symbolic link followed (to a file that may not
/// exist yet), anything else as it is.
fn followed(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // As many links as the system itself follows.
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        let Some(target) = is_link.then(|| std::fs::read_link(&path).ok()).flatten() else {
            break;
        };
        path = match path.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    path
}

/// Writes `path` through a temporary file beside it, renamed over it only
/// when `write` succeeded: an existing file is never truncated before the
/// new one is complete (and keeps its permissions), and a failure, a panic
/// or a signal ([`crate::interrupt`]) leaves neither a partial output nor
/// the temporary file. With `no_clobber`, an existing `path` is an error and
/// stays as it is.
///
/// A symbolic link is followed: the file it names is written, the link
/// stays. What is neither a file nor a folder (`/dev/null`, a named pipe, a
/// terminal) cannot be replaced by renaming: it is written directly.
pub fn write_atomically<T>(
    path: &Path,
    no_clobber: bool,
    write: impl FnOnce(Box<dyn Write + '_>) -> Result<T>,
) -> Result<T> {
    if no_clobber {
        refuse_existing([Some(path)])?;
    }
    let followed = followed(path);
    let path = followed.as_path();
    let existing = std::fs::metadata(path).ok();
    if existing
        .as_ref()
        .is_some_and(|m| !m.is_file() && !m.is_dir())
    {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        return write(Box::new(std::io::BufWriter::new(file)))
            .with_context(|| format!("cannot write {}", path.display()));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tandem-").suffix(".tmp");
    // A temporary file is private (0600) by default; the output is an
    // ordinary file, so it gets what the umask gives any new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    if !dir.is_dir() {
        bail!(
            "cannot write {}: there is no folder {}",
            path.display(),
            dir.display()
        );
    }
    let temporary = crate::interrupt::creating(|| {
        // The error without the temporary file's name, which means nothing
        // to the user.
        let temporary = builder.tempfile_in(dir).map_err(|e| {
            anyhow::anyhow!(
                "cannot create a file in {}: {}",
                dir.display(),
                std::io::Error::from(e.kind())
            )
        })?;
        let temporary_path = temporary.path().to_path_buf();
        Ok((temporary, temporary_path))
    })?;
    let temporary_path = temporary.path().to_path_buf();
    if let Some(existing) = existing.filter(|m| m.is_file()) {
        // The new file replaces the old one: it gets its permissions.
        temporary
            .as_file()
            .set_permissions(existing.permissions())
            .with_context(|| format!("cannot write in {}", dir.display()))?;
    }
    let written = temporary
        .reopen()
        .with_context(|| format!("cannot write in {}", dir.display()))
        .and_then(|file| {
            write(Box::new(std::io::BufWriter::new(file)))
                .with_context(|| format!("cannot write {}", path.display()))
        });
    // Renamed, or removed on failure (dropping it removes it).
    crate::interrupt::finishing(&temporary_path, || {
        let value = written?;
        let persisted = if no_clobber {
            temporary.persist_noclobber(path)
        } else {
            temporary.persist(path)
        };
        match persisted {
            Ok(_) => Ok(value),
            Err(e) if no_clobber && e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                bail!("{} exists: not overwritten (--no-clobber)", path.display())
            }
            Err(e) => Err(e.error).with_context(|| format!("cannot write {}", path.display())),
        }
    })
}

/// Writes to standard output (buffered) for `-`, else to `path`
/// atomically ([`write_atomically`]).
pub fn write_to<T>(
    path: &Path,
    no_clobber: bool,
    write: impl FnOnce(Box<dyn Write + '_>) -> Result<T>,
) -> Result<T> {
    if is_stdout(path) {
        let stdout = std::io::stdout().lock();
        write(Box::new(std::io::BufWriter::new(stdout))).context("cannot write to standard output")
    } else {
        write_atomically(path, no_clobber, write)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_for_people() {
        assert_eq!(human_size(1 << 30), "1 GiB");
        assert_eq!(human_size(3 << 19), "1.5 MiB");
        assert_eq!(human_size(155), "155 bytes");
    }

    #[test]
    fn reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        let error = read_bounded(&path, 4).unwrap_err().to_string();
        assert!(error.ends_with("a.txt: 5 bytes, more than --max-input-size 4 bytes (raise the limit, or split the file)"), "{error}");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tmx");
        std::fs::write(&path, "old").unwrap();
        let failed: Result<()> = write_atomically(&path, false, |mut out| {
            out.write_all(b"half")?;
            bail!("broken")
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomically(&path, false, |mut out| Ok(out.write_all(b"new")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let refused = write_atomically(&path, true, |_| Ok(())).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("not overwritten (--no-clobber)")
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_permissions_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("memory.tmx");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.tmx");
        std::os::unix::fs::symlink("memory.tmx", &link).unwrap();
        write_atomically(&link, false, |mut out| Ok(out.write_all(b"new")?)).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A link to a file that does not exist yet makes it.
        let dangling = dir.path().join("dangling.tmx");
        std::os::unix::fs::symlink("later.tmx", &dangling).unwrap();
        write_atomically(&dangling, false, |mut out| Ok(out.write_all(b"made")?)).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("later.tmx")).unwrap(),
            "made"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test with
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write_atomically(&fifo, false, |mut out| {
            Ok(out.write_all(b"through the pipe")?)
        })
        .unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn standard_input_by_its_name() {
        assert_eq!(display(Path::new("-")), "standard input");
        assert_eq!(document_name(Path::new("-")), "standard input");
        assert_eq!(
            document_name(Path::new("dir/report.zh.txt")),
            "report.zh.txt"
        );
    }

    #[test]
    fn standard_input_is_read_only_for_dash() {
        let memory = |text: &str| {
            format!(
                r#"<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>{text}</seg></tuv><tuv xml:lang="de"><seg>Ja</seg></tuv></tu></body></tmx>"#
            )
        };
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file.tmx");
        std::fs::write(&file, memory("from the file")).unwrap();
        let stdin = memory("from standard input");
        let first = |path: &Path| {
            let mut reader = open_tmx(path, Some(stdin.as_bytes())).unwrap();
            reader.next().unwrap().unwrap().variants[0].text.clone()
        };
        assert_eq!(first(&file), "from the file");
        assert_eq!(first(Path::new("-")), "from standard input");
    }

    #[test]
    fn no_clobber_names_the_first_file_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let (new, old) = (dir.path().join("new.tmx"), dir.path().join("old.tmx"));
        std::fs::write(&old, "yesterday").unwrap();
        assert!(refuse_existing([Some(new.as_path()), None]).is_ok());
        let error = refuse_existing([Some(new.as_path()), Some(old.as_path())]).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{} exists: not overwritten (--no-clobber)", old.display())
        );
    }
}
