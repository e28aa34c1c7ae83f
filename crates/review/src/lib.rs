//! The review editor: a local web server where a translator corrects an
//! alignment in the browser, one action per wrong pair.
//!
//! [`serve`] serves one page (embedded in the binary: no CDN, no build
//! step) and a small JSON API over a [`Review`] session. Every edit is a
//! decision the aligner honours ([`tandem_pipeline::review`]); the
//! corrections file is saved through the [`Storage`] before the edit is
//! answered, so closing the tab or killing the server loses nothing
//! answered. Exports (TMX, TSV, XLIFF) go beside the corrections file.
//!
//! Safe by default ([`Guard`]): it listens on 127.0.0.1 only; every
//! request must carry the address's random token as the first segment of
//! its path; a request whose `Host` is not the loopback address it
//! listens on (DNS rebinding) or whose `Origin` or `Sec-Fetch-Site` says
//! another site sent it is refused; a request that changes anything must
//! be JSON (which a cross-site form cannot send). It reads nothing from
//! the disk: the documents are in memory, read by the caller.
//!
//! ```no_run
//! # fn session() -> tandem_review::Session { unimplemented!() }
//! let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
//! let token = tandem_review::Token::random()?;
//! let address = tandem_review::address(&listener, &token)?;
//! println!("open {address}");
//! tandem_review::serve(listener, token, session(), std::future::pending())?;
//! # Ok::<(), std::io::Error>(())
//! ```

mod api;
mod guard;

use std::future::Future;
use std::io;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use guard::{Guard, Refusal, Token};
use tandem_pipeline::format::Format;
pub use tandem_pipeline::review::Review;

/// Where the session's files go: written whole or not at all (the
/// binary writes to a temporary file and renames it).
pub trait Storage: Send {
    /// Writes `bytes` to `path`, replacing what was there.
    ///
    /// # Errors
    ///
    /// Why the file could not be written, as the user should read it.
    fn save(&self, path: &Path, bytes: &[u8]) -> Result<(), String>;
}

/// A review as the server holds it: the session, and where its files go.
pub struct Session {
    /// The document under review.
    pub review: Review,
    /// Where the corrections are saved (`NAME.tandem.json`).
    pub corrections: PathBuf,
    /// Writes the corrections and the exports.
    pub storage: Box<dyn Storage>,
    /// The time of an edit, in RFC 3339.
    pub clock: Box<dyn Fn() -> String + Send>,
    /// The creation date exports carry, in TMX's basic form.
    pub creation_date: String,
}

impl Session {
    /// Where an export in `format` goes: beside the corrections file,
    /// `NAME.reviewed.EXT`.
    pub fn export_path(&self, format: Format) -> PathBuf {
        let name = self
            .corrections
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name
            .strip_suffix(".tandem.json")
            .or_else(|| name.strip_suffix(".json"))
            .unwrap_or(&name);
        self.corrections
            .with_file_name(format!("{stem}.reviewed.{}", format.extension()))
    }

    /// Saves the corrections file.
    fn save(&self) -> Result<(), String> {
        let json = self.review.corrections().to_json();
        self.storage.save(&self.corrections, json.as_bytes())
    }
}

/// The address to open: `http://127.0.0.1:PORT/TOKEN/`.
///
/// # Errors
///
/// When the listener has no local address.
pub fn address(listener: &TcpListener, token: &Token) -> io::Result<String> {
    let port = listener.local_addr()?.port();
    Ok(format!("http://127.0.0.1:{port}/{}/", token.as_str()))
}

/// Serves the review on `listener` (bound to a loopback address) until
/// `shutdown` completes, on one thread. Saves the corrections once first,
/// so that the file exists from the start.
///
/// # Errors
///
/// The listener's, or the first save's, as an I/O error.
pub fn serve(
    listener: TcpListener,
    token: Token,
    session: Session,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let local = listener.local_addr()?;
    if !local.ip().is_loopback() {
        return Err(io::Error::other(format!(
            "the review server listens on loopback only, not {local}"
        )));
    }
    session.save().map_err(io::Error::other)?;
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let guard = Guard::new(token, local.port());
        let app = api::router(Arc::new(Mutex::new(session)), guard);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    })
}
