//! What the TMX and XLIFF writers share: quick-xml's indenting writer, text
//! and attributes escaped with the characters XML forbids removed and
//! counted.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

use crate::WriteStats;

pub(crate) struct Markup<W: Write> {
    xml: Writer<W>,
    pub(crate) stats: WriteStats,
}

impl<W: Write> Markup<W> {
    pub(crate) fn new(out: W) -> Markup<W> {
        Markup {
            xml: Writer::new_with_indent(out, b' ', 2),
            stats: WriteStats::default(),
        }
    }

    pub(crate) fn event(&mut self, event: Event<'_>) -> io::Result<()> {
        self.xml.write_event(event)
    }

    pub(crate) fn start(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            self.push_attribute(&mut start, key, value);
        }
        self.event(Event::Start(start))
    }

    pub(crate) fn end(&mut self, name: &str) -> io::Result<()> {
        self.event(Event::End(BytesEnd::new(name)))
    }

    // `<name attrs>text</name>` on one line: indentation inside would become
    // part of the text.
    pub(crate) fn text_element(
        &mut self,
        start: BytesStart<'_>,
        name: &str,
        text: &str,
    ) -> io::Result<()> {
        let (escaped, removed) = escape(text, false);
        self.stats.removed_characters += removed;
        self.event(Event::Start(start))?;
        self.event(Event::Text(BytesText::from_escaped(escaped)))?;
        self.event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attrs>` + the inline content `nodes` (written without
    /// indentation: white space inside is text) + `</name>`.
    pub(crate) fn inline_element(
        &mut self,
        start: BytesStart<'_>,
        name: &str,
        nodes: &[crate::Node],
    ) -> io::Result<()> {
        let mut inner = Writer::new(Vec::new());
        for node in nodes {
            self.stats.removed_characters += crate::tree::write_node(node, &mut inner)?;
        }
        let inner = String::from_utf8(inner.into_inner()).map_err(io::Error::other)?;
        self.event(Event::Start(start))?;
        self.event(Event::Text(BytesText::from_escaped(inner)))?;
        self.event(Event::End(BytesEnd::new(name)))
    }

    pub(crate) fn push_attribute(&mut self, start: &mut BytesStart<'_>, key: &str, value: &str) {
        let (escaped, removed) = escape(value, true);
        self.stats.removed_characters += removed;
        start.push_attribute(Attribute {
            key: QName(key.as_bytes()),
            value: Cow::Owned(escaped.into_owned().into_bytes()),
        });
    }

    /// Ends the document with a line end and flushes it.
    pub(crate) fn finish(self) -> io::Result<(W, WriteStats)> {
        let mut out = self.xml.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok((out, self.stats))
    }
}

/// Whether XML 1.0 allows a character in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for XML content (`attribute` false) or a double-quoted
/// attribute value, and drops the characters XML forbids. Returns the text
/// and how many characters were dropped.
pub fn escape(text: &str, attribute: bool) -> (Cow<'_, str>, usize) {
    let special = |c: char| {
        matches!(c, '&' | '<' | '>' | '\r') || (attribute && matches!(c, '"' | '\t' | '\n'))
    };
    if text.chars().all(|c| is_xml_char(c) && !special(c)) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut removed = 0;
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Parsers turn a literal CR (and CRLF) into LF; a reference survives.
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            // Attribute-value normalisation turns literal tabs and newlines
            // into spaces.
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            c if is_xml_char(c) => out.push(c),
            _ => removed += 1,
        }
    }
    (Cow::Owned(out), removed)
}
