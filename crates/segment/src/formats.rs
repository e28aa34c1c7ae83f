//! Documents other than plain text: each format's reader turns a file's
//! bytes into the paragraphs a translator sees, in reading order, which
//! [`crate::Side::read`] then splits into sentences as it does a text's
//! lines.
//!
//! - Word (DOCX, DOTX, DOCM; Office Open XML, ECMA-376 part 1): the body's
//!   paragraphs, table cells row by row, text boxes, each footnote and
//!   endnote after the paragraph that refers to it. Deleted revisions,
//!   field codes and hidden text are left out; inserted revisions kept.
//! - OpenDocument text (ODT, OTT; ISO/IEC 26300): headings, paragraphs,
//!   list items, table cells, text boxes, each note after its paragraph;
//!   tracked deletions left out.
//! - HTML and XHTML (parsed as browsers do, by html5ever): the title (unless
//!   the first heading repeats it), then each block element's text (headings, paragraphs, list items, table
//!   cells, captions …) as a paragraph, inline elements inside it, an
//!   image's `alt` text as a paragraph of its own; scripts, styles and
//!   comments left out, entities decoded, white space as a browser shows
//!   it.
//!
//! A format is told by content, not by name ([`Format::detect`]): a zip
//! holding `word/document.xml` is a Word document whatever its extension.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::codes::{CodeKind, CodedParagraph, OpenCode, ParagraphBuilder};
use crate::subtitles::{SubtitleKind, looks_like_subtitles};
use quick_xml::reader::Reader;

/// A document format tandem reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text, in any encoding [`crate::decode`] reads.
    Text,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text (LibreOffice Writer).
    Odt,
    /// A web page.
    Html,
    /// Markdown (CommonMark, GitHub's tables and footnotes): told by name
    /// only, as its content is text.
    Markdown,
    /// A PDF's text layer.
    Pdf,
    /// SubRip subtitles (`.srt`).
    Srt,
    /// WebVTT subtitles (`.vtt`).
    WebVtt,
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Bytes that start as a zip archive and do not open as one.
    #[error(
        "it starts as a zip archive (a Word document?) but does not open as one: damaged or cut off"
    )]
    BrokenZip,
    /// A zip archive that is not a Word document.
    #[error(
        "it is a zip archive that is neither a Word document (word/document.xml) nor an OpenDocument text (content.xml)"
    )]
    NotDocx,
    /// An Office document saved with a password (an OLE compound file
    /// holding the encrypted package), or an old binary .doc.
    #[error(
        "it is an encrypted (password-protected) Office document or an old binary .doc: save it as .docx without a password"
    )]
    Encrypted,
    /// A format tandem does not read, named.
    #[error("it is {0}, which tandem does not read: save it as .docx, .odt or text")]
    Unsupported(&'static str),
    /// A PDF whose pages hold no text: scanned images.
    #[error(
        "the PDF has no text layer (scanned pages?): run OCR on it first (for example `ocrmypdf --sidecar out.txt in.pdf out.pdf`) and align the text"
    )]
    PdfNoText,
    /// A PDF that needs a password to open.
    #[error("the PDF is encrypted with a password: save an unprotected copy first")]
    PdfEncrypted,
    /// A PDF that does not parse.
    #[error("the PDF is damaged or in a form tandem cannot read: {0}")]
    PdfDamaged(String),
    /// Bytes read as a format (by their name or as the user said) that
    /// they are not in.
    #[error("it is not {0}, as its name or --input-format says: its content is something else")]
    NotA(&'static str),
    /// A subtitle file whose cues do not read.
    #[error("line {line}: {problem}")]
    Subtitle {
        /// The 1-based line.
        line: usize,
        /// What is wrong there.
        problem: String,
    },
    /// A PDF that took longer to parse than [`crate::PDF_TIME_LIMIT`].
    #[error(
        "the PDF took too long to read (over two minutes): it may be damaged; save it as text or .docx"
    )]
    PdfTimeout,
    /// A Word document whose parts do not unpack or parse.
    #[error("the Word document is damaged: {0}")]
    Damaged(String),
}

/// Parts bigger than this are refused rather than unpacked: a document's
/// text is far smaller, a zip bomb is not.
const MAX_PART_BYTES: u64 = 512 * 1024 * 1024;

/// The file extensions that name a format ([`Format::from_extension`]).
pub const EXTENSIONS: [(&str, Format); 17] = [
    ("txt", Format::Text),
    ("text", Format::Text),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("mdown", Format::Markdown),
    ("mkd", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("docx", Format::Docx),
    ("dotx", Format::Docx),
    ("docm", Format::Docx),
    ("odt", Format::Odt),
    ("ott", Format::Odt),
    ("pdf", Format::Pdf),
    ("srt", Format::Srt),
    ("vtt", Format::WebVtt),
];

impl Format {
    /// The format a file's extension (without the dot, any case) names, for
    /// the formats whose content alone does not tell them.
    pub fn from_extension(extension: &str) -> Option<Format> {
        EXTENSIONS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(extension))
            .map(|&(_, format)| format)
    }

    /// The format to read `bytes` in: what their content says where it can
    /// (a zip, a PDF, an Office file with a password), else what the file's
    /// name says (`by_name`, [`Format::from_extension`]), else what the
    /// text looks like ([`Format::detect`]).
    pub fn choose(bytes: &[u8], by_name: Option<Format>) -> Result<Format, FormatError> {
        match (Format::detect(bytes)?, by_name) {
            (found @ (Format::Docx | Format::Odt | Format::Pdf), _) => Ok(found),
            // A name that promises a binary format the bytes are not in.
            (_, Some(named @ (Format::Docx | Format::Odt | Format::Pdf))) => {
                Err(FormatError::NotA(named.described()))
            }
            (
                _,
                Some(
                    named @ (Format::Text
                    | Format::Markdown
                    | Format::Html
                    | Format::Srt
                    | Format::WebVtt),
                ),
            ) => Ok(named),
            (found, _) => Ok(found),
        }
    }

    /// What the format is, in a message's words.
    pub fn described(self) -> &'static str {
        match self {
            Format::Text => "a text",
            Format::Docx => "a Word document",
            Format::Odt => "an OpenDocument text",
            Format::Html => "a web page",
            Format::Markdown => "a Markdown text",
            Format::Pdf => "a PDF",
            Format::Srt => "a SubRip subtitle file",
            Format::WebVtt => "a WebVTT subtitle file",
        }
    }

    /// The format `bytes` are in, by their content: a zip holding
    /// `word/document.xml` is Word; an OLE compound file (a password-
    /// protected document, an old .doc) and a PDF are errors that say what
    /// they are; anything else is text.
    pub fn detect(bytes: &[u8]) -> Result<Format, FormatError> {
        match bytes {
            [b'P', b'K', 3, 4, ..] => {
                let archive = open_zip(bytes)?;
                if archive.index_for_name("word/document.xml").is_some() {
                    Ok(Format::Docx)
                } else if archive.index_for_name("content.xml").is_some()
                    && archive.index_for_name("mimetype").is_some()
                {
                    Ok(Format::Odt)
                } else {
                    Err(FormatError::NotDocx)
                }
            }
            [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => Err(FormatError::Encrypted),
            [b'%', b'P', b'D', b'F', ..] => Ok(Format::Pdf),
            [b'{', b'\\', b'r', b't', b'f', ..] => Err(FormatError::Unsupported("an RTF document")),
            _ if looks_like_html(bytes) => Ok(Format::Html),
            _ => match looks_like_subtitles(&String::from_utf8_lossy(
                &bytes[..bytes.len().min(1024)],
            )) {
                Some(SubtitleKind::SubRip) => Ok(Format::Srt),
                Some(SubtitleKind::WebVtt) => Ok(Format::WebVtt),
                None => Ok(Format::Text),
            },
        }
    }
}

/// Whether a text starts as a web page does: `<!DOCTYPE html`, `<html`, or
/// an XML declaration followed by one of them (XHTML), after a byte-order
/// mark, white space and comments; in UTF-8 or any ASCII-compatible
/// encoding (UTF-16 pages are read as text).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let rest = after_xml_prologue(&text);
    rest.starts_with("<!doctype html") || rest.starts_with("<html")
}

/// A markup text after what may come before its first element: a
/// byte-order mark, white space, the XML declaration and other processing
/// instructions, comments.
pub fn after_xml_prologue(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{FEFF}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else {
            return rest;
        }
    }
}

/// Elements that start and end a paragraph of their own.
const HTML_BLOCKS: [&str; 36] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "title",
];

/// Elements whose content is not text a reader sees, or not the
/// sentence's own (a ruby annotation's reading, `東京<rt>とうきょう</rt>`).
const HTML_HIDDEN: [&str; 9] = [
    "script", "style", "noscript", "template", "svg", "math", "iframe", "rt", "rp",
];

/// The paragraphs of a web page, in document order, each as one line as a
/// browser shows it (runs of white space as one space), with its inline
/// formatting (`b`, `strong`, `i`, `em`, `u`, `sup`, `sub`, `a`, `br`) as
/// codes whose native code is the tag; empty ones left out.
pub fn html_paragraphs(page: &str) -> Vec<CodedParagraph> {
    let html = scraper::Html::parse_document(page);
    let mut page = HtmlText {
        current: ParagraphBuilder::collapsing(),
        done: Vec::new(),
        ends: 0,
    };
    page.read(html.tree.root());
    page.end_paragraph();
    // A title the page repeats as its first heading is one text to
    // translate, not two.
    if let [first, second, ..] = page.done.as_slice()
        && first.origin.as_deref() == Some("title")
        && first.text == second.text
    {
        page.done.remove(0);
    }
    page.done
}

/// A web page's paragraphs as they are read.
struct HtmlText {
    current: ParagraphBuilder,
    done: Vec<CodedParagraph>,
    /// Paragraphs ended so far (empty ones too).
    ends: usize,
}

impl HtmlText {
    fn end_paragraph(&mut self) {
        let done = std::mem::replace(&mut self.current, ParagraphBuilder::collapsing()).finish();
        if !done.text.is_empty() {
            self.done.push(done);
        }
        self.ends += 1;
    }

    /// Ends a paragraph that comes from `origin`, not the page's body.
    fn end_paragraph_from(&mut self, origin: &str) {
        let before = self.done.len();
        self.end_paragraph();
        if let Some(done) = self.done.get_mut(before) {
            done.origin = Some(origin.to_string());
        }
    }

    fn read(&mut self, node: ego_tree::NodeRef<'_, scraper::Node>) {
        for child in node.children() {
            match child.value() {
                scraper::Node::Text(text) => self.current.push_str(text),
                scraper::Node::Element(element) => {
                    let name = element.name();
                    if HTML_HIDDEN.contains(&name) {
                        continue;
                    }
                    match name {
                        "br" => self.current.line_break("<br>"),
                        "img" | "area" => {
                            if let Some(alt) = element.attr("alt") {
                                self.end_paragraph();
                                self.current.push_str(alt);
                                self.end_paragraph_from("alt text");
                            }
                        }
                        _ => {
                            let block = HTML_BLOCKS.contains(&name) || name == "tr" || name == "ul";
                            if block {
                                self.end_paragraph();
                            }
                            let code = html_code(name).filter(|_| !block).map(|kind| {
                                let close = format!("</{name}>");
                                self.current.open(kind, &start_tag(element), &close)
                            });
                            let ends = self.ends;
                            self.read(child);
                            // A block inside ended the paragraph the code
                            // opened in, which closed it there.
                            if let Some(code) = code
                                && self.ends == ends
                            {
                                self.current.close(code);
                            }
                            if name == "title" {
                                self.end_paragraph_from("title");
                            } else if block {
                                self.end_paragraph();
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// The inline elements kept as codes, and what each is.
fn html_code(name: &str) -> Option<CodeKind> {
    Some(match name {
        "b" | "strong" => CodeKind::Bold,
        "i" | "em" | "cite" => CodeKind::Italic,
        "u" | "ins" => CodeKind::Underline,
        "sup" => CodeKind::Superscript,
        "sub" => CodeKind::Subscript,
        "a" => CodeKind::Link,
        _ => return None,
    })
}

/// An element's start tag as HTML writes it (`<a href="x.html">`).
fn start_tag(element: &scraper::node::Element) -> String {
    let mut tag = format!("<{}", element.name());
    for (name, value) in element.attrs() {
        let value = value.replace('&', "&amp;").replace('"', "&quot;");
        tag.push_str(&format!(" {name}=\"{value}\""));
    }
    tag.push('>');
    tag
}

type Archive<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// How a zip archive starts (a local file header).
const ZIP: &[u8] = b"PK\x03\x04";

/// A document's zip archive; bytes that do not open as one are
/// [`FormatError::BrokenZip`].
fn open_zip(bytes: &[u8]) -> Result<Archive<'_>, FormatError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FormatError::BrokenZip)
}

/// The part `name` of `archive` as text (at most [`MAX_PART_BYTES`]), or
/// `None` when the archive has none.
fn zip_part(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, FormatError> {
    let Ok(file) = archive.by_name(name) else {
        return Ok(None);
    };
    let mut text = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| FormatError::Damaged(format!("{name}: {e}")))?;
    Ok(Some(text))
}

/// The text a reference in XML character data stands for: one of XML's own
/// entities (`&amp;`) or a character (`&#xA0;`); `None` for an entity XML
/// does not define, which is never expanded.
pub(crate) fn resolve_reference(reference: &BytesRef<'_>) -> Result<Option<String>, String> {
    let name = reference.decode().map_err(|e| e.to_string())?;
    Ok(quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .or_else(|| {
            reference
                .resolve_char_ref()
                .ok()
                .flatten()
                .map(String::from)
        }))
}

/// The paragraphs of a Word document, in reading order, each as one line
/// of text as written (a tab or line break inside it as one space), with
/// its direct formatting as inline codes: bold, italic, underline,
/// superscript and subscript runs, hyperlinks, line breaks and note
/// references (formatting from styles is the style's, not a code); empty
/// paragraphs left out.
pub fn docx_paragraphs(bytes: &[u8]) -> Result<Vec<CodedParagraph>, FormatError> {
    if !bytes.starts_with(ZIP) {
        return Err(FormatError::NotA(Format::Docx.described()));
    }
    let mut archive = open_zip(bytes)?;
    let body = zip_part(&mut archive, "word/document.xml")?.ok_or(FormatError::NotDocx)?;
    let mut notes = HashMap::new();
    for (name, kind) in [
        ("word/footnotes.xml", "footnote"),
        ("word/endnotes.xml", "endnote"),
    ] {
        if let Some(xml) = zip_part(&mut archive, name)? {
            notes.extend(
                read_notes(&xml, kind)?
                    .into_iter()
                    .map(|(id, paragraphs)| ((kind, id), paragraphs)),
            );
        }
    }
    let mut out = Vec::new();
    for paragraph in read_paragraphs(&body, "word/document.xml")? {
        out.push(paragraph.text);
        for reference in paragraph.notes {
            if let Some(note) = notes.get(&reference) {
                let origin = format!("{} {}", reference.0, reference.1);
                out.extend(note.iter().map(|p| CodedParagraph {
                    origin: Some(origin.clone()),
                    ..p.text.clone()
                }));
            }
        }
    }
    out.retain(|p| !p.text.is_empty());
    Ok(out)
}

/// The paragraphs of an OpenDocument text (`content.xml`), in reading
/// order, each as one line of text as written (`text:s` as its spaces, a
/// tab as one space), each note's paragraphs after the paragraph it is in;
/// tracked deletions left out; empty paragraphs left out. Direct
/// formatting is inline codes: spans whose automatic style is bold,
/// italic, underlined, superscript or subscript, links, line breaks and
/// note marks.
pub fn odt_paragraphs(bytes: &[u8]) -> Result<Vec<CodedParagraph>, FormatError> {
    if !bytes.starts_with(ZIP) {
        return Err(FormatError::NotA(Format::Odt.described()));
    }
    let xml = zip_part(&mut open_zip(bytes)?, "content.xml")?.ok_or(FormatError::NotDocx)?;
    let damaged = |e: String| FormatError::Damaged(format!("content.xml: {e}"));
    let styles = odt_text_styles(&xml).map_err(damaged)?;
    let mut reader = Reader::from_str(&xml);
    // Open paragraphs (text:p, text:h), innermost last; a note's
    // paragraphs wait for the end of the paragraph the note is in.
    let mut open: Vec<OdtParagraph> = Vec::new();
    let mut done: Vec<CodedParagraph> = Vec::new();
    let mut skip_depth = 0usize;
    let mut in_note = 0usize;
    let mut note_class = String::new();
    loop {
        match reader.read_event().map_err(|e| damaged(e.to_string()))? {
            Event::Start(e) => {
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"text:tracked-changes" | b"text:note-citation" | b"office:annotation" => {
                        skip_depth = 1;
                    }
                    b"text:note" => {
                        if let Some(p) = open.last_mut() {
                            p.text
                                .placeholder(CodeKind::NoteReference, &native_tag(&e, false));
                        }
                        in_note += 1;
                        note_class =
                            attribute(&e, b"text:note-class").unwrap_or_else(|| "note".into());
                    }
                    b"text:p" | b"text:h" => open.push(OdtParagraph::default()),
                    b"text:span" => {
                        if let Some(p) = open.last_mut() {
                            let kinds = attribute(&e, b"text:style-name")
                                .and_then(|name| styles.get(&name).cloned())
                                .unwrap_or_default();
                            let tag = native_tag(&e, false);
                            let codes = kinds
                                .into_iter()
                                .map(|kind| p.text.open(kind, &tag, "</text:span>"))
                                .collect();
                            p.spans.push(codes);
                        }
                    }
                    b"text:a" => {
                        if let Some(p) = open.last_mut() {
                            let code =
                                p.text
                                    .open(CodeKind::Link, &native_tag(&e, false), "</text:a>");
                            p.spans.push(vec![code]);
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) if skip_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    match e.name().as_ref() {
                        b"text:s" => {
                            let n = attribute(&e, b"text:c")
                                .and_then(|c| c.parse::<usize>().ok())
                                .unwrap_or(1);
                            p.text.push_spaces(n.min(1000));
                        }
                        b"text:tab" => p.text.push_spaces(1),
                        b"text:line-break" => p.text.line_break(&native_tag(&e, true)),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if skip_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    // ODF collapses white space in text (text:s writes the
                    // spaces meant).
                    let content = t.xml_content().map_err(|e| damaged(e.to_string()))?;
                    p.text.push_str(&content);
                }
            }
            Event::GeneralRef(r) if skip_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    p.text
                        .push_str(&resolve_reference(&r).map_err(damaged)?.unwrap_or_default());
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"text:note" => in_note = in_note.saturating_sub(1),
                    b"text:span" | b"text:a" => {
                        if let Some(p) = open.last_mut() {
                            for code in p.spans.pop().unwrap_or_default() {
                                p.text.close(code);
                            }
                        }
                    }
                    b"text:p" | b"text:h" => {
                        let Some(paragraph) = open.pop() else {
                            continue;
                        };
                        let mut text = paragraph.text.finish();
                        if in_note > 0 {
                            text.origin = Some(note_class.clone());
                        }
                        match open.last_mut() {
                            // A note's paragraph: after the one it is in.
                            Some(outer) if in_note > 0 => {
                                outer.notes.push(text);
                                outer.notes.extend(paragraph.notes);
                            }
                            _ => {
                                done.push(text);
                                done.extend(paragraph.notes);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(damaged("it ends inside a paragraph".into()));
    }
    done.retain(|p| !p.text.is_empty());
    Ok(done)
}

/// A `text:p` or `text:h` being read.
#[derive(Debug)]
struct OdtParagraph {
    text: ParagraphBuilder,
    /// Its notes' paragraphs, read.
    notes: Vec<CodedParagraph>,
    /// The codes each open span or link opened.
    spans: Vec<Vec<OpenCode>>,
}

impl Default for OdtParagraph {
    fn default() -> OdtParagraph {
        OdtParagraph {
            text: ParagraphBuilder::collapsing(),
            notes: Vec::new(),
            spans: Vec::new(),
        }
    }
}

/// The direct formatting of each automatic text style (`T1` …) of an
/// OpenDocument content part.
fn odt_text_styles(xml: &str) -> Result<HashMap<String, Vec<CodeKind>>, String> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.name().as_ref() == b"style:style" => {
                current = (attribute(&e, b"style:family").as_deref() == Some("text"))
                    .then(|| attribute(&e, b"style:name"))
                    .flatten();
            }
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == b"style:text-properties" => {
                let Some(name) = &current else { continue };
                let mut kinds = Vec::new();
                if attribute(&e, b"fo:font-weight")
                    .is_some_and(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600))
                {
                    kinds.push(CodeKind::Bold);
                }
                if attribute(&e, b"fo:font-style").is_some_and(|s| s == "italic" || s == "oblique")
                {
                    kinds.push(CodeKind::Italic);
                }
                if attribute(&e, b"style:text-underline-style").is_some_and(|u| u != "none") {
                    kinds.push(CodeKind::Underline);
                }
                match attribute(&e, b"style:text-position") {
                    Some(p) if p.starts_with("super") || p.starts_with("33%") => {
                        kinds.push(CodeKind::Superscript)
                    }
                    Some(p) if p.starts_with("sub") || p.starts_with("-33%") => {
                        kinds.push(CodeKind::Subscript)
                    }
                    _ => {}
                }
                styles.insert(name.clone(), kinds);
            }
            Event::End(e) if e.name().as_ref() == b"style:style" => current = None,
            // The body: no more automatic styles.
            Event::Start(e) if e.name().as_ref() == b"office:body" => break,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

/// One `w:p` as read: its text and the notes it refers to, in order.
#[derive(Debug)]
struct WordParagraph {
    text: CodedParagraph,
    notes: Vec<(&'static str, String)>,
}

/// A `w:p` being read: a paragraph inside it (a text box's) is read with
/// its own runs, so each keeps its run's state.
#[derive(Debug, Default)]
struct OpenWordParagraph {
    text: ParagraphBuilder,
    notes: Vec<(&'static str, String)>,
    /// The current run's direct formatting, opened as codes at its first
    /// text.
    run_formats: Vec<CodeKind>,
    run_codes: Vec<OpenCode>,
    links: Vec<OpenCode>,
}

impl OpenWordParagraph {
    fn push_text(&mut self, text: &str) {
        if self.run_codes.is_empty() {
            for kind in self.run_formats.clone() {
                let (open, close) = word_native(kind);
                self.run_codes.push(self.text.open(kind, open, close));
            }
        }
        self.text.push_str(text);
    }

    fn end_run(&mut self) {
        for code in std::mem::take(&mut self.run_codes) {
            self.text.close(code);
        }
        self.run_formats.clear();
    }
}

/// The character a `w:sym` inserts from a symbol font, where it has a
/// Unicode one: Word stores the font's code (`F0B0` in Symbol is `°`).
fn word_symbol(element: &BytesStart<'_>) -> Option<char> {
    let code = u32::from_str_radix(&attribute(element, b"w:char")?, 16).ok()?;
    let font = attribute(element, b"w:font").unwrap_or_default();
    let code = if code >= 0xF000 { code - 0xF000 } else { code };
    if font.eq_ignore_ascii_case("Symbol") {
        // The symbols of Adobe's Symbol encoding a text is likely to hold.
        return Some(match code {
            0xB0 => '°',
            0xB1 => '±',
            0xB4 => '×',
            0xB8 => '÷',
            0xA3 => '≤',
            0xB3 => '≥',
            0xB9 => '≠',
            0xBB => '≈',
            0xA5 => '∞',
            0x6D => 'µ',
            0xD7 => '⋅',
            0xAE => '→',
            0xAC => '←',
            0x20..=0x7E if (code as u8).is_ascii_punctuation() || code == 0x20 => {
                char::from(code as u8)
            }
            _ => return None,
        });
    }
    // A symbol of an ordinary font is the character itself.
    char::from_u32(code).filter(|_| !font.to_ascii_lowercase().contains("wingdings"))
}

/// The run property a code of direct formatting stands for, as its
/// native code.
fn word_native(kind: CodeKind) -> (&'static str, &'static str) {
    match kind {
        CodeKind::Bold => ("<w:b/>", "<w:b w:val=\"0\"/>"),
        CodeKind::Italic => ("<w:i/>", "<w:i w:val=\"0\"/>"),
        CodeKind::Underline => ("<w:u w:val=\"single\"/>", "<w:u w:val=\"none\"/>"),
        CodeKind::Superscript => (
            "<w:vertAlign w:val=\"superscript\"/>",
            "<w:vertAlign w:val=\"baseline\"/>",
        ),
        _ => (
            "<w:vertAlign w:val=\"subscript\"/>",
            "<w:vertAlign w:val=\"baseline\"/>",
        ),
    }
}

/// The direct formatting a run property (an element of `w:rPr`) turns
/// on, if any.
fn word_format(property: &BytesStart<'_>) -> Option<CodeKind> {
    let value = attribute(property, b"w:val");
    let on = !matches!(value.as_deref(), Some("0" | "false" | "off" | "none"));
    match property.name().as_ref() {
        b"w:b" if on => Some(CodeKind::Bold),
        b"w:i" if on => Some(CodeKind::Italic),
        b"w:u" if on => Some(CodeKind::Underline),
        b"w:vertAlign" => match value.as_deref() {
            Some("superscript") => Some(CodeKind::Superscript),
            Some("subscript") => Some(CodeKind::Subscript),
            _ => None,
        },
        _ => None,
    }
}

/// An element's start tag as written, for a code's native code.
fn native_tag(element: &BytesStart<'_>, empty: bool) -> String {
    let tag = String::from_utf8_lossy(element);
    format!("<{tag}{}>", if empty { "/" } else { "" })
}

/// Each note of a footnotes or endnotes part, by id, as paragraphs (the
/// separator notes Word keeps there left out).
fn read_notes(
    xml: &str,
    kind: &'static str,
) -> Result<HashMap<String, Vec<WordParagraph>>, FormatError> {
    let element = format!("w:{kind}");
    let mut notes = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, usize)> = None;
    let mut start = 0;
    loop {
        let position = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == element.as_bytes() => {
                let separator = attribute(&e, b"w:type")
                    .is_some_and(|t| t == "separator" || t == "continuationSeparator");
                current = (!separator).then(|| (attribute(&e, b"w:id").unwrap_or_default(), 0));
                start = position;
            }
            Ok(Event::End(e)) if e.name().as_ref() == element.as_bytes() => {
                if let Some((id, _)) = current.take() {
                    let end = reader.buffer_position() as usize;
                    let fragment = &xml[start..end];
                    notes.insert(id, read_paragraphs(fragment, kind)?);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(FormatError::Damaged(format!("{kind}s: {e}"))),
            _ => {}
        }
    }
    Ok(notes)
}

/// The value of attribute `name` of `element`, unescaped.
fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

/// The paragraphs (`w:p`) of a WordprocessingML fragment, in document order:
/// a paragraph inside another (a text box) comes before the rest of the
/// outer one's text is closed, so before it.
fn read_paragraphs(xml: &str, part: &str) -> Result<Vec<WordParagraph>, FormatError> {
    let mut reader = Reader::from_str(xml);
    let mut open: Vec<OpenWordParagraph> = Vec::new();
    let mut done = Vec::new();
    // Subtrees whose text is not the document's: deleted revisions,
    // Fallback copies of text boxes, field instructions.
    let mut skip_depth = 0usize;
    let mut in_text = false;
    let mut hidden_run = false;
    // Inside a paragraph's properties, whose run properties are those of
    // its mark, not of its text.
    let mut in_paragraph_properties = false;
    let mut in_run_properties = false;
    let damaged = |e: quick_xml::Error| FormatError::Damaged(format!("{part}: {e}"));
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                match name {
                    b"w:del" | b"w:moveFrom" | b"mc:Fallback" | b"w:instrText" => skip_depth = 1,
                    b"w:p" => open.push(OpenWordParagraph::default()),
                    b"w:pPr" => in_paragraph_properties = true,
                    b"w:rPr" => in_run_properties = !in_paragraph_properties,
                    b"w:r" => {
                        hidden_run = false;
                        if let Some(p) = open.last_mut() {
                            p.end_run();
                        }
                    }
                    b"w:t" => in_text = !hidden_run,
                    b"w:hyperlink" => {
                        if let Some(p) = open.last_mut() {
                            let code = p.text.open(
                                CodeKind::Link,
                                &native_tag(&e, false),
                                "</w:hyperlink>",
                            );
                            p.links.push(code);
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                let paragraph = open.last_mut();
                match (e.name().as_ref(), paragraph) {
                    (b"w:vanish", _) if in_run_properties => {
                        hidden_run = !matches!(
                            attribute(&e, b"w:val").as_deref(),
                            Some("0" | "false" | "off")
                        );
                    }
                    (b"w:tab", Some(p)) if !hidden_run => p.push_text(" "),
                    (b"w:br" | b"w:cr", Some(p)) if !hidden_run => {
                        p.push_text("");
                        p.text.line_break(&native_tag(&e, true));
                    }
                    // A hyphen Word keeps on the line: a hyphen.
                    (b"w:noBreakHyphen", Some(p)) if !hidden_run => p.push_text("-"),
                    (b"w:sym", Some(p)) if !hidden_run => match word_symbol(&e) {
                        Some(symbol) => p.push_text(&symbol.to_string()),
                        None => p.text.placeholder(CodeKind::Image, &native_tag(&e, true)),
                    },
                    (b"w:footnoteReference", Some(p)) => {
                        p.text
                            .placeholder(CodeKind::NoteReference, &native_tag(&e, true));
                        p.notes
                            .push(("footnote", attribute(&e, b"w:id").unwrap_or_default()));
                    }
                    (b"w:endnoteReference", Some(p)) => {
                        p.text
                            .placeholder(CodeKind::NoteReference, &native_tag(&e, true));
                        p.notes
                            .push(("endnote", attribute(&e, b"w:id").unwrap_or_default()));
                    }
                    (_, Some(p)) if in_run_properties => {
                        if let Some(kind) = word_format(&e)
                            && !p.run_formats.contains(&kind)
                        {
                            p.run_formats.push(kind);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    let text = t
                        .xml_content()
                        .map_err(|e| FormatError::Damaged(format!("{part}: {e}")))?;
                    p.push_text(&text);
                }
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                if let Some(p) = open.last_mut() {
                    // Word writes no entities but XML's own.
                    let text = resolve_reference(&r)
                        .map_err(|e| FormatError::Damaged(format!("{part}: {e}")))?;
                    p.push_text(&text.unwrap_or_default());
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"w:t" => in_text = false,
                    b"w:pPr" => in_paragraph_properties = false,
                    b"w:rPr" => in_run_properties = false,
                    b"w:r" => {
                        if let Some(p) = open.last_mut() {
                            p.end_run();
                        }
                    }
                    b"w:hyperlink" => {
                        if let Some(p) = open.last_mut()
                            && let Some(code) = p.links.pop()
                        {
                            p.text.close(code);
                        }
                    }
                    b"w:p" => {
                        if let Some(p) = open.pop() {
                            done.push(WordParagraph {
                                text: p.text.finish(),
                                notes: p.notes,
                            });
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(FormatError::Damaged(format!(
            "{part} ends inside a paragraph"
        )));
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    use crate::codes::InlineCode;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    /// A Word document of `body` (the inside of `w:body`) and footnotes.
    fn docx(body: &str, footnotes: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let mut part = |name: &str, xml: String| {
            zip.start_file(name, options).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        };
        part(
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
            ),
        );
        if let Some(notes) = footnotes {
            part(
                "word/footnotes.xml",
                format!(
                    r#"<?xml version="1.0"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"#
                ),
            );
        }
        zip.finish().unwrap().into_inner()
    }

    fn run(text: &str) -> String {
        format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    fn texts(paragraphs: &[CodedParagraph]) -> Vec<&str> {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    fn paired(
        kind: CodeKind,
        range: std::ops::Range<usize>,
        open: &str,
        close: &str,
    ) -> InlineCode {
        InlineCode::Paired {
            kind,
            range,
            open: open.into(),
            close: close.into(),
        }
    }

    #[test]
    fn paragraphs_tables_text_boxes_and_notes_in_reading_order() {
        let body = format!(
            "<w:p>{heading}</w:p>\
             <w:p>{a}<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r>{b}<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p>{c1}</w:p></w:tc><w:tc><w:p>{c2}</w:p></w:tc></w:tr></w:tbl>\
             <w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p>{boxed}</w:p></w:txbxContent></mc:Choice>\
             <mc:Fallback><w:txbxContent><w:p>{boxed}</w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>{after}</w:p>\
             <w:p/>",
            heading = run("Annual report"),
            a = run("Sales grew by a "),
            b = run(" 12,5 % &amp; more."),
            c1 = run("Cell one"),
            c2 = run("Cell two"),
            boxed = run("In a box."),
            after = run("After the box."),
        );
        let notes = format!(
            r#"<w:footnote w:id="1"><w:p>{}</w:p></w:footnote>"#,
            run("A note.")
        );
        let bytes = docx(&body, Some(&notes));
        assert_eq!(Format::detect(&bytes), Ok(Format::Docx));
        let paragraphs = docx_paragraphs(&bytes).unwrap();
        assert_eq!(
            paragraphs[1].codes,
            [
                paired(CodeKind::Bold, 16..20, "<w:b/>", "<w:b w:val=\"0\"/>"),
                InlineCode::Placeholder {
                    kind: CodeKind::NoteReference,
                    at: 35,
                    native: "<w:footnoteReference w:id=\"1\"/>".into()
                }
            ]
        );
        assert_eq!(
            texts(&paragraphs),
            [
                "Annual report",
                "Sales grew by a bold 12,5 % & more.",
                "A note.",
                "Cell one",
                "Cell two",
                "In a box.",
                "After the box.",
            ]
        );
    }

    #[test]
    fn deletions_field_codes_and_hidden_text_are_left_out() {
        let body = format!(
            "<w:p>{kept}<w:del><w:r><w:delText>deleted </w:delText></w:r></w:del><w:ins>{inserted}</w:ins>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{result}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
             <w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:tab/><w:t>end.</w:t></w:r></w:p>",
            kept = run("Kept "),
            inserted = run("inserted "),
            result = run("7"),
        );
        assert_eq!(
            texts(&docx_paragraphs(&docx(&body, None)).unwrap()),
            ["Kept inserted 7 end."]
        );
    }

    /// An OpenDocument text of `body` (the inside of `office:text`).
    fn odt(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.text")
            .unwrap();
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn an_opendocument_text_in_reading_order() {
        let bytes = odt(
            "<text:tracked-changes><text:changed-region><text:deletion><text:p>Deleted.</text:p></text:deletion></text:changed-region></text:tracked-changes>\
             <text:h text:outline-level=\"1\">Annual
    report</text:h>\
             <text:p>Sales grew<text:s text:c=\"2\"/>by 12,5 % &amp; more.<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body><text:p>A note.</text:p></text:note-body></text:note> Then<text:tab/>more.</text:p>\
             <text:list><text:list-item><text:p>First item</text:p></text:list-item></text:list>\
             <table:table><table:table-row><table:table-cell><text:p>Cell one</text:p></table:table-cell><table:table-cell><text:p>Cell two</text:p></table:table-cell></table:table-row></table:table>\
             <text:p><draw:frame><draw:text-box><text:p>In a box.</text:p></draw:text-box></draw:frame>After the box.</text:p><text:p/>",
        );
        assert_eq!(Format::detect(&bytes), Ok(Format::Odt));
        assert_eq!(
            texts(&odt_paragraphs(&bytes).unwrap()),
            [
                "Annual report",
                "Sales grew  by 12,5 % & more. Then more.",
                "A note.",
                "First item",
                "Cell one",
                "Cell two",
                "In a box.",
                "After the box.",
            ]
        );
    }

    #[test]
    fn a_web_page_reads_as_a_browser_shows_it() {
        let page = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Annual &amp; final report</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><!-- a comment --><h1>Annual   report</h1>
<p>Sales grew by <b>12.5&nbsp;%</b> in
2024.<br>A new line.</p>
<ul><li>First item</li><li>Second <a href="x">link</a></li></ul>
<table><tr><td>Cell one</td><td>Cell two</td></tr></table>
<img src="logo.png" alt="The company logo"><div>Loose text<p>nested</p>after</div>
</body></html>"#;
        assert_eq!(Format::detect(page.as_bytes()), Ok(Format::Html));
        let paragraphs = html_paragraphs(page);
        assert_eq!(
            paragraphs[2].codes,
            [
                paired(CodeKind::Bold, 14..21, "<b>", "</b>"),
                InlineCode::Placeholder {
                    kind: CodeKind::LineBreak,
                    at: 30,
                    native: "<br>".into()
                }
            ]
        );
        assert_eq!(
            paragraphs[4].codes,
            [paired(CodeKind::Link, 7..11, "<a href=\"x\">", "</a>")]
        );
        assert_eq!(
            texts(&paragraphs),
            [
                "Annual & final report",
                "Annual report",
                "Sales grew by 12.5\u{A0}% in 2024. A new line.",
                "First item",
                "Second link",
                "Cell one",
                "Cell two",
                "The company logo",
                "Loose text",
                "nested",
                "after",
            ]
        );
        let xhtml = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- x --><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Hi</p></body></html>";
        assert_eq!(Format::detect(xhtml.as_bytes()), Ok(Format::Html));
        // A text that mentions markup is text.
        assert_eq!(
            Format::detect("Write <html> at the top.".as_bytes()),
            Ok(Format::Text)
        );
    }

    #[test]
    fn what_is_not_a_word_document_says_what_it_is() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"hello").unwrap();
        let other_zip = zip.finish().unwrap().into_inner();
        assert_eq!(Format::detect(&other_zip), Err(FormatError::NotDocx));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(Format::detect(&ole), Err(FormatError::Encrypted));
        assert_eq!(Format::detect(b"%PDF-1.7"), Ok(Format::Pdf));
        assert_eq!(Format::detect("plain text".as_bytes()), Ok(Format::Text));
        // A zip cut short is damaged, not a panic.
        let mut cut = docx(&format!("<w:p>{}</w:p>", run("x")), None);
        cut.truncate(cut.len() / 2);
        assert!(matches!(Format::detect(&cut), Err(FormatError::BrokenZip)));
        // Malformed XML inside is damaged too.
        let broken = docx("<w:p><w:r><w:t>open", None);
        assert!(matches!(
            docx_paragraphs(&broken),
            Err(FormatError::Damaged(message)) if message.starts_with("word/document.xml")
        ));
    }
}
