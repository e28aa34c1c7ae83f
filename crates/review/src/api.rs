//! The page and its JSON API, under `/TOKEN/`:
//!
//! | request | answer |
//! |---|---|
//! | `GET /` | the page |
//! | `GET /document` | the name, languages and every sentence of both sides |
//! | `GET /pairs` | every bead: sentences, confidence, flags, confirmed |
//! | `POST /edit` | an [`Edit`] as JSON; the pairs again, or 409 and why not |
//! | `POST /undo`, `POST /redo` | the pairs again |
//! | `POST /export` | `{"format": "tmx"}` (or `tsv`, `xliff`); where it went |

use std::sync::{Arc, Mutex};

use axum::extract::rejection::JsonRejection;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tandem_pipeline::format::{self, Format, Outputs};
use tandem_pipeline::review::Edit;

use crate::{Guard, Session};

/// The page: one file, its script and style inside it.
const PAGE: &str = include_str!("page.html");

type Shared = Arc<Mutex<Session>>;

/// The session, even after a panic in another request (its state is
/// always the file's: every change is saved before it is answered).
fn locked(session: &Shared) -> std::sync::MutexGuard<'_, Session> {
    session.lock().unwrap_or_else(|e| e.into_inner())
}

/// The routes under `/TOKEN/`, behind the guard.
pub(crate) fn router(session: Shared, guard: Guard) -> Router {
    let token = guard.token().as_str().to_string();
    let at = |path: &str| format!("/{token}/{path}");
    let page_address = at("");
    Router::new()
        .route(&at(""), get(page))
        .route(
            &format!("/{token}"),
            get(move || async move { Redirect::permanent(&page_address) }),
        )
        .route(&at("document"), get(document))
        .route(&at("pairs"), get(pairs))
        .route(&at("edit"), post(edit))
        .route(&at("undo"), post(undo))
        .route(&at("redo"), post(redo))
        .route(&at("export"), post(export))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state(session)
        .layer(middleware::from_fn_with_state(guard, guarded))
}

/// Runs the guard's checks, and adds the headers every answer carries.
async fn guarded(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let checked = guard.check(request.method(), request.uri().path(), request.headers());
    let mut response = match checked {
        Ok(()) => next.run(request).await,
        Err(refusal) => refusal.status().into_response(),
    };
    let headers = response.headers_mut();
    for (name, value) in [
        // The token is in the address: no page it links to may see it.
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

/// The document as the page shows it.
#[derive(Serialize)]
struct DocumentView<'a> {
    name: &'a str,
    languages: [&'a str; 2],
    source: &'a [String],
    target: &'a [String],
    corrections: String,
}

async fn document(State(session): State<Shared>) -> Response {
    let session = locked(&session);
    let document = session.review.document();
    Json(DocumentView {
        name: &document.name,
        languages: [
            document.src.language.as_str(),
            document.tgt.language.as_str(),
        ],
        source: &document.src.sentences,
        target: &document.tgt.sentences,
        corrections: session.corrections.display().to_string(),
    })
    .into_response()
}

/// One bead as the page shows it.
#[derive(Serialize)]
struct PairView {
    /// Source sentences, `[start, end)`.
    s: [usize; 2],
    /// Target sentences.
    t: [usize; 2],
    /// Confidence.
    c: f64,
    /// Flags.
    f: Vec<FlagView>,
    /// Confirmed.
    r: bool,
}

#[derive(Serialize)]
struct FlagView {
    id: &'static str,
    severity: &'static str,
    message: String,
}

#[derive(Serialize)]
struct PairsView {
    pairs: Vec<PairView>,
    undo: usize,
    redo: usize,
}

fn pairs_of(session: &Session) -> Response {
    let pairs = match session.review.pairs() {
        Ok(pairs) => pairs,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let corrections = session.review.corrections();
    Json(PairsView {
        pairs: pairs
            .into_iter()
            .map(|p| PairView {
                s: [p.bead.src.start, p.bead.src.end],
                t: [p.bead.tgt.start, p.bead.tgt.end],
                c: p.confidence,
                f: p.flags
                    .into_iter()
                    .map(|f| FlagView {
                        id: f.kind.id(),
                        severity: f.severity.as_str(),
                        message: f.message,
                    })
                    .collect(),
                r: p.reviewed,
            })
            .collect(),
        undo: corrections.decisions.len(),
        redo: corrections.undone.len(),
    })
    .into_response()
}

async fn pairs(State(session): State<Shared>) -> Response {
    let session = locked(&session);
    pairs_of(&session)
}

/// An answer that something could not be done, and why.
fn refused(status: StatusCode, message: impl Into<String>) -> Response {
    #[derive(Serialize)]
    struct Error {
        error: String,
    }
    (
        status,
        Json(Error {
            error: message.into(),
        }),
    )
        .into_response()
}

/// Saves the corrections; an edit that could not be saved is undone, so
/// the page never shows what the file does not hold.
fn saved(session: &mut Session, undo: impl FnOnce(&mut Session)) -> Response {
    match session.save() {
        Ok(()) => pairs_of(session),
        Err(e) => {
            undo(session);
            refused(StatusCode::INTERNAL_SERVER_ERROR, e)
        }
    }
}

/// A JSON body that does not read, answered as every refusal is: JSON
/// with the reason.
fn unreadable(rejection: JsonRejection) -> Response {
    refused(rejection.status(), rejection.body_text())
}

async fn edit(
    State(session): State<Shared>,
    request: Result<Json<Edit>, JsonRejection>,
) -> Response {
    let Json(request) = match request {
        Ok(request) => request,
        Err(rejection) => return unreadable(rejection),
    };
    let mut session = locked(&session);
    let time = (session.clock)();
    if let Err(e) = session.review.edit(request, &time) {
        return refused(StatusCode::CONFLICT, e.to_string());
    }
    saved(&mut session, |s| {
        let _ = s.review.undo();
    })
}

async fn undo(State(session): State<Shared>, Json(_): Json<serde_json::Value>) -> Response {
    step(&session, Step::Undo)
}

async fn redo(State(session): State<Shared>, Json(_): Json<serde_json::Value>) -> Response {
    step(&session, Step::Redo)
}

/// A move through the decisions made.
#[derive(Clone, Copy)]
enum Step {
    Undo,
    Redo,
}

/// Takes a step, saves, and answers with the pairs; a step that could not
/// be saved is taken back.
fn step(session: &Shared, step: Step) -> Response {
    let mut session = locked(session);
    let (taken, nothing) = match step {
        Step::Undo => (session.review.undo(), "nothing to undo"),
        Step::Redo => (session.review.redo(), "nothing to redo"),
    };
    match taken {
        Ok(true) => saved(&mut session, |s| {
            let _ = match step {
                Step::Undo => s.review.redo(),
                Step::Redo => s.review.undo(),
            };
        }),
        Ok(false) => refused(StatusCode::CONFLICT, nothing),
        Err(e) => refused(StatusCode::CONFLICT, e.to_string()),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportRequest {
    format: String,
}

#[derive(Serialize)]
struct Exported {
    path: String,
    pairs: usize,
    reviewed: usize,
}

async fn export(
    State(session): State<Shared>,
    request: Result<Json<ExportRequest>, JsonRejection>,
) -> Response {
    let Json(request) = match request {
        Ok(request) => request,
        Err(rejection) => return unreadable(rejection),
    };
    let format = match request.format.as_str() {
        "tmx" => Format::Tmx,
        "tsv" => Format::Tsv,
        "xliff" => Format::Xliff,
        other => {
            return refused(
                StatusCode::BAD_REQUEST,
                format!("cannot export as {other:?}: tmx, tsv or xliff"),
            );
        }
    };
    let session = locked(&session);
    let aligned = session.review.aligned();
    let settings = session.review.settings();
    let memory = aligned.memory_info(settings, &session.creation_date);
    let mut bytes = Vec::new();
    let written = format::writer(format, Outputs::One(Box::new(&mut bytes)), &memory)
        .and_then(|writer| aligned.write(settings, writer, None));
    let written = match written {
        Ok(written) => written,
        Err(e) => return refused(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    let path = session.export_path(format);
    if let Err(e) = session.storage.save(&path, &bytes) {
        return refused(StatusCode::INTERNAL_SERVER_ERROR, e);
    }
    Json(Exported {
        path: path.display().to_string(),
        pairs: written.pairs,
        // Pairs, as exports count them: not a sentence without counterpart.
        reviewed: (session.review.reviewed().iter())
            .zip(&session.review.alignment().beads)
            .filter(|&(&r, b)| r && !b.is_null())
            .count(),
    })
    .into_response()
}
