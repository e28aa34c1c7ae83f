//! A unit as the file wrote it: a small XML tree of elements, text,
//! comments and the entity references XML does not define, so that a
//! memory read can be written back losing nothing ([`crate::TmxRewriter`]).
//!
//! Two text views of a segment are taken from it:
//! - [`Element::text`]: inline codes as the native code they hold
//!   (`Click <b>Save</b>`), what a spreadsheet or a reviewer reads;
//! - [`Element::plain`]: the codes left out (TMX 1.4b §3.5: `bpt`, `ept`,
//!   `it`, `ph`, `ut` hold native code, `sub` a separate flow of text; `hi`
//!   holds text), what checks and matching read. A `ph` between two letters
//!   or digits stands in as a space, so that `password<ph/>and` stays two
//!   words.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use crate::markup::escape;

/// One XML element with its attributes (names as written, values
/// unescaped) and children, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The name as written (`tuv`, `TUV`, `xml:lang` keeps its prefix).
    pub name: String,
    /// `(name, value)` in document order.
    pub attributes: Vec<(String, String)>,
    /// Its content.
    pub children: Vec<Node>,
}

/// A piece of an element's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A child element.
    Element(Element),
    /// Character data (references to XML's own entities and characters
    /// resolved; CDATA sections as their text).
    Text(String),
    /// A comment, as written between `<!--` and `-->`.
    Comment(String),
    /// A reference to an entity XML does not define (`nbsp` for `&nbsp;`),
    /// never expanded: written back as it was.
    Entity(String),
}

/// Elements whose content is native code, not text (TMX 1.4b, level 2).
const CODES: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

impl Element {
    /// An element without attributes or children.
    pub fn new(name: impl Into<String>) -> Element {
        Element {
            name: name.into(),
            ..Element::default()
        }
    }

    /// The local name in lower case (`tuv` for `TUV`): tools differ in case.
    pub fn local_name(&self) -> String {
        let name = self.name.rsplit(':').next().unwrap_or(&self.name);
        name.to_ascii_lowercase()
    }

    /// The value of the attribute `name` (compared without case; `xml:lang`
    /// with its prefix).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets the attribute `name` (compared without case), keeping its place
    /// when it is there, else adding it at the end.
    pub fn set_attribute(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self
            .attributes
            .iter_mut()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value,
            None => self.attributes.push((name.to_string(), value)),
        }
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// The child elements, mutable.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|node| match node {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// The first child element whose local name is `name` (lower case).
    pub fn element(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.local_name() == name)
    }

    /// All the text inside, inline codes as the native code they hold.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect(&mut out, false);
        out
    }

    /// The text inside with the inline codes left out (a `ph` between two
    /// letters or digits stands in as a space): what checks read.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        self.collect(&mut out, true);
        out
    }

    /// The inline code elements inside (`bpt`, `ept`, `it`, `ph`, `ut`,
    /// `hi`), by local name in document order, not those inside a code's
    /// native content: what a check of the codes compares between two
    /// segments.
    pub fn codes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for child in self.elements() {
            let name = child.local_name();
            if CODES.contains(&name.as_str()) {
                out.push(name);
            } else if name == "hi" {
                out.push(name);
                out.extend(child.codes());
            }
        }
        out
    }

    fn collect(&self, out: &mut String, plain: bool) {
        let (mut pending_space, mut removed_code) = (false, false);
        for node in &self.children {
            let piece = match node {
                Node::Text(text) => text.clone(),
                Node::Entity(name) => format!("&{name};"),
                Node::Comment(_) => continue,
                Node::Element(e) => {
                    let name = e.local_name();
                    if plain && (CODES.contains(&name.as_str()) || name == "sub") {
                        pending_space |= name == "ph";
                        // `Press <ph/> to` is one space, not two.
                        removed_code = true;
                        continue;
                    }
                    let mut inner = String::new();
                    e.collect(&mut inner, plain);
                    // An empty `ph` (a line break without native code)
                    // between two words still parts them in the text view.
                    if inner.is_empty() && name == "ph" {
                        pending_space = true;
                        removed_code = true;
                        continue;
                    }
                    inner
                }
            };
            if pending_space
                && out.chars().last().is_some_and(char::is_alphanumeric)
                && piece.chars().next().is_some_and(char::is_alphanumeric)
            {
                out.push(' ');
            }
            let piece = match removed_code && out.ends_with(' ') {
                true => piece.strip_prefix(' ').unwrap_or(&piece).to_string(),
                false => piece,
            };
            pending_space = false;
            removed_code = false;
            out.push_str(&piece);
        }
    }

    /// Writes the element as XML, without indentation (white space inside
    /// is the element's own); returns how many characters XML 1.0 forbids
    /// were left out.
    pub fn write<W: Write>(&self, xml: &mut Writer<W>) -> io::Result<usize> {
        let mut removed = 0;
        let mut start = BytesStart::new(self.name.as_str());
        for (key, value) in &self.attributes {
            let (escaped, dropped) = escape(value, true);
            removed += dropped;
            start.push_attribute((key.as_bytes(), escaped.as_bytes()));
        }
        if self.children.is_empty() {
            xml.write_event(Event::Empty(start))?;
            return Ok(removed);
        }
        xml.write_event(Event::Start(start))?;
        for node in &self.children {
            removed += write_node(node, xml)?;
        }
        xml.write_event(Event::End(BytesEnd::new(self.name.as_str())))?;
        Ok(removed)
    }
}

/// Writes one node as XML; returns how many characters XML 1.0 forbids
/// were left out.
pub(crate) fn write_node<W: Write>(node: &Node, xml: &mut Writer<W>) -> io::Result<usize> {
    match node {
        Node::Element(e) => e.write(xml),
        Node::Text(text) => {
            let (escaped, dropped) = escape(text, false);
            xml.write_event(Event::Text(BytesText::from_escaped(escaped)))?;
            Ok(dropped)
        }
        Node::Comment(comment) => {
            xml.write_event(Event::Comment(BytesText::from_escaped(comment.as_str())))?;
            Ok(0)
        }
        Node::Entity(name) => {
            xml.get_mut().write_all(format!("&{name};").as_bytes())?;
            Ok(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(children: Vec<Node>) -> Element {
        Element {
            name: "seg".into(),
            attributes: Vec::new(),
            children,
        }
    }

    fn code(name: &str, inner: &str) -> Node {
        Node::Element(Element {
            name: name.into(),
            attributes: vec![("i".into(), "1".into())],
            children: vec![Node::Text(inner.into())],
        })
    }

    fn text(t: &str) -> Node {
        Node::Text(t.into())
    }

    #[test]
    fn the_two_views_of_a_segment() {
        let s = seg(vec![
            text("Click "),
            code("bpt", "<b>"),
            text("Save"),
            code("ept", "</b>"),
            text(" now"),
            Node::Element(Element {
                name: "hi".into(),
                attributes: Vec::new(),
                children: vec![text("!")],
            }),
        ]);
        assert_eq!(s.text(), "Click <b>Save</b> now!");
        assert_eq!(s.plain(), "Click Save now!");
        let joined = seg(vec![text("password"), code("ph", "<br/>"), text("and")]);
        assert_eq!(joined.plain(), "password and");
        let spaced = seg(vec![text("Hello "), code("ph", "{0}"), text(", you")]);
        assert_eq!(spaced.plain(), "Hello , you");
        let between = seg(vec![text("Press "), code("ph", "{0}"), text(" to go")]);
        assert_eq!(between.plain(), "Press to go");
        // An empty ph (a line break with no native code) parts two words
        // in the text view too; a formatting code inside a word does not.
        let broken = seg(vec![text("Line one"), code("ph", ""), text("line two")]);
        assert_eq!(broken.text(), "Line one line two");
        let inside = seg(vec![
            text("un"),
            code("bpt", ""),
            text("believ"),
            code("ept", ""),
            text("able"),
        ]);
        assert_eq!(inside.text(), "unbelievable");
    }

    #[test]
    fn writes_back_what_it_holds() {
        let mut out = Writer::new(Vec::new());
        let s = seg(vec![
            text("a < b & \"c\"\r"),
            code("ph", "<br/>"),
            Node::Entity("nbsp".into()),
            Node::Comment(" note ".into()),
        ]);
        assert_eq!(s.write(&mut out).unwrap(), 0);
        assert_eq!(
            String::from_utf8(out.into_inner()).unwrap(),
            r#"<seg>a &lt; b &amp; "c"&#13;<ph i="1">&lt;br/&gt;</ph>&nbsp;<!-- note --></seg>"#
        );
    }
}
