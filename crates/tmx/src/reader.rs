//! A lenient, streaming TMX reader: TMX 1.1 to 1.4b as CAT tools write it,
//! one unit at a time, so that memory stays bounded by the largest unit,
//! not the file.
//!
//! Lenient where tools bend the standard: `lang` as well as `xml:lang`, in
//! any case; language codes kept as written (`zh_CN` too, for the caller to
//! match or restyle); any number of `tuv`s per `tu`; entities XML does not
//! define (`&nbsp;`) kept as references and counted; any encoding XML 1.0's
//! Appendix F detects ([`crate::encoding`]).
//!
//! Lossless: each unit keeps its `<tu>` as written ([`ReadUnit::element`]:
//! every attribute, prop, note and variant, inline codes as elements), and
//! the header keeps its element and the root's attributes, so that a
//! [`crate::TmxRewriter`] writes the memory back as it was. The fields
//! tandem reads (tuid, props, variants with their text in two views:
//! [`Variant::text`], [`Variant::plain`]) are taken from the element.
//!
//! Safe on hostile input: a DOCTYPE is kept as text and never read, so no
//! external entity is fetched and no entity is expanded; nesting deeper
//! than [`MAX_DEPTH`] is an error.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesEnd, BytesRef, BytesStart, Event};

use crate::tree::{Element, Node};

/// Elements nested deeper than this make the file an error.
pub const MAX_DEPTH: usize = 256;

/// Why a TMX file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The bytes are not well-formed XML, or not TMX.
    #[error("at byte {position}: {message}")]
    Malformed {
        /// Byte offset in the (UTF-8) input where it went wrong.
        position: u64,
        /// What is wrong.
        message: String,
    },
    /// An encoding tandem does not read ([`crate::encoding`]).
    #[error(transparent)]
    Encoding(#[from] crate::EncodingError),
    /// Reading failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The header's attributes, as written, and the header itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadHeader {
    /// `srclang`: a language code, or `*all*`.
    pub srclang: Option<String>,
    /// `adminlang`.
    pub adminlang: Option<String>,
    /// `creationtool`.
    pub creationtool: Option<String>,
    /// `creationdate`, unparsed: tools write odd dates.
    pub creationdate: Option<String>,
    /// `segtype`.
    pub segtype: Option<String>,
    /// The root element's name and attributes (`<tmx version="1.4">`),
    /// without its children.
    pub root: Element,
    /// The `<header>` as written, its props, notes and `ude`s included
    /// (an empty `header` element when the file has none).
    pub element: Element,
    /// The document type declaration as written (`tmx SYSTEM "tmx14.dtd"`),
    /// never read.
    pub doctype: Option<String>,
}

/// One language variant of a unit (`tuv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Its language code as written (`xml:lang` or `lang`).
    pub lang: String,
    /// The segment's text, inline codes included as the native code they
    /// hold ([`Element::text`]): what exports and reports show.
    pub text: String,
    /// The segment's text with the inline codes left out
    /// ([`Element::plain`]): what checks and matching read.
    pub plain: String,
    /// The segment's inline codes by name ([`Element::codes`]), which a
    /// check compares with the other variant's.
    pub codes: Vec<String>,
}

/// One translation unit (`tu`) as read: the fields tandem reads, taken
/// from the element, and the element itself, which a
/// [`crate::TmxRewriter`] writes back as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadUnit {
    /// 1-based position in the file.
    pub number: usize,
    /// `tuid`, when given.
    pub tuid: Option<String>,
    /// The unit's `prop`s, as (type, value).
    pub props: Vec<(String, String)>,
    /// Its variants with a language and a segment, in file order.
    pub variants: Vec<Variant>,
    /// The `<tu>` as written.
    pub element: Element,
}

impl ReadUnit {
    /// A unit read from its `<tu>` element, numbered `number`; also
    /// returns how many of its variants have no language (left out).
    pub fn from_element(number: usize, element: Element) -> (ReadUnit, usize) {
        let mut without_language = 0;
        let mut props = Vec::new();
        let mut variants = Vec::new();
        for child in element.elements() {
            match child.local_name().as_str() {
                "prop" => props.push((
                    child.attribute("type").unwrap_or_default().to_string(),
                    child.text(),
                )),
                "tuv" => {
                    let Some(seg) = child.element("seg") else {
                        continue;
                    };
                    match variant_language(child) {
                        Some(lang) => variants.push(Variant {
                            lang: lang.to_string(),
                            text: seg.text(),
                            plain: seg.plain(),
                            codes: seg.codes(),
                        }),
                        None => without_language += 1,
                    }
                }
                _ => {}
            }
        }
        let unit = ReadUnit {
            number,
            tuid: element.attribute("tuid").map(str::to_string),
            props,
            variants,
            element,
        };
        (unit, without_language)
    }

    /// The variant whose language best matches `wanted`
    /// ([`language_match`]; the first of equal matches), if any matches.
    pub fn best_variant(&self, wanted: &str) -> Option<&Variant> {
        let mut best: Option<(u8, &Variant)> = None;
        for v in &self.variants {
            let m = language_match(wanted, &v.lang);
            if m > 0 && best.is_none_or(|(b, _)| m > b) {
                best = Some((m, v));
            }
        }
        best.map(|(_, v)| v)
    }

    /// The `<seg>` of the variant whose language best matches `wanted`
    /// (as [`ReadUnit::best_variant`] chooses), inline codes and all.
    pub fn best_segment(&self, wanted: &str) -> Option<&Element> {
        let mut best: Option<(u8, &Element)> = None;
        for tuv in self.element.elements().filter(|e| e.local_name() == "tuv") {
            let (Some(lang), Some(seg)) = (variant_language(tuv), tuv.element("seg")) else {
                continue;
            };
            let m = language_match(wanted, lang);
            if m > 0 && best.is_none_or(|(b, _)| m > b) {
                best = Some((m, seg));
            }
        }
        best.map(|(_, seg)| seg)
    }

    /// The text ([`Variant::text`]) of the variant whose language best
    /// matches `wanted` ([`ReadUnit::best_variant`]).
    pub fn variant(&self, wanted: &str) -> Option<&str> {
        self.best_variant(wanted).map(|v| v.text.as_str())
    }
}

/// A `tuv`'s language: `xml:lang`, else TMX 1.1's `lang`.
pub(crate) fn variant_language(tuv: &Element) -> Option<&str> {
    tuv.attribute("xml:lang").or_else(|| tuv.attribute("lang"))
}

/// What the reader let pass but a user should hear about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadWarnings {
    /// References to entities XML does not define (`&nbsp;`), kept
    /// literally: how many, and the first one's name.
    pub unknown_entities: usize,
    /// The first unknown entity, as written (`&nbsp;`).
    pub first_unknown_entity: Option<String>,
    /// Variants without a language, left out.
    pub variants_without_language: usize,
}

/// Reads a TMX file unit by unit: an iterator of [`ReadUnit`]s.
pub struct TmxReader<R: BufRead> {
    xml: Reader<R>,
    buffer: Vec<u8>,
    header: ReadHeader,
    warnings: ReadWarnings,
    units: usize,
    done: bool,
}

impl<'a> TmxReader<Box<dyn BufRead + 'a>> {
    /// A reader of `input` in the encoding its first bytes or its XML
    /// declaration give ([`crate::encoding`]: UTF-8, UTF-16 or UTF-32 with
    /// or without a byte-order mark, or a legacy encoding declared); reads
    /// up to the header.
    pub fn new(input: impl Read + 'a) -> Result<TmxReader<Box<dyn BufRead + 'a>>, ReadError> {
        TmxReader::from_utf8(crate::encoding::utf8_reader(input)?)
    }
}

impl<R: BufRead> TmxReader<R> {
    /// A reader of UTF-8 `input`; reads up to the header.
    pub fn from_utf8(input: R) -> Result<TmxReader<R>, ReadError> {
        let mut xml = Reader::from_reader(input);
        let config = xml.config_mut();
        config.trim_text(false);
        config.expand_empty_elements = false;
        config.check_end_names = true;
        let mut reader = TmxReader {
            xml,
            buffer: Vec::new(),
            header: ReadHeader {
                element: Element::new("header"),
                ..ReadHeader::default()
            },
            warnings: ReadWarnings::default(),
            units: 0,
            done: false,
        };
        reader.read_header()?;
        Ok(reader)
    }

    /// The header's attributes.
    pub fn header(&self) -> &ReadHeader {
        &self.header
    }

    /// What was let pass so far.
    pub fn warnings(&self) -> &ReadWarnings {
        &self.warnings
    }

    fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError::Malformed {
            position: self.xml.buffer_position(),
            message: message.into(),
        }
    }

    /// The next event, owned, so that the buffer is free again (a unit's
    /// events are small).
    fn next_event(&mut self) -> Result<Event<'static>, ReadError> {
        self.buffer.clear();
        self.xml
            .read_event_into(&mut self.buffer)
            .map(Event::into_owned)
            .map_err(|e| ReadError::Malformed {
                position: self.xml.error_position(),
                message: e.to_string(),
            })
    }

    /// Reads events up to and including the header (or the body, for files
    /// without one).
    fn read_header(&mut self) -> Result<(), ReadError> {
        let mut seen_root = false;
        loop {
            match self.next_event()? {
                Event::DocType(d) => {
                    self.header.doctype = Some(String::from_utf8_lossy(&d).trim().to_string());
                }
                Event::Start(e) | Event::Empty(e) if !seen_root => {
                    let name = local_name(&e);
                    if name != "tmx" {
                        return Err(self.error(format!(
                            "the root element is <{name}>, not <tmx>: not a TMX file"
                        )));
                    }
                    seen_root = true;
                    self.header.root = start_element(&e);
                }
                Event::Start(e) if local_name(&e) == "header" => {
                    let header = self.read_element(start_element(&e), 2)?;
                    self.take_header(header);
                }
                Event::Empty(e) if local_name(&e) == "header" => {
                    self.take_header(start_element(&e));
                }
                Event::Start(e) if local_name(&e) == "body" => return Ok(()),
                Event::Eof => {
                    return Err(self.error(if seen_root {
                        "the file ends before its <body>"
                    } else {
                        "no XML elements: not a TMX file"
                    }));
                }
                _ => {}
            }
        }
    }

    fn take_header(&mut self, element: Element) {
        let get = |name: &str| element.attribute(name).map(str::to_string);
        self.header = ReadHeader {
            srclang: get("srclang"),
            adminlang: get("adminlang"),
            creationtool: get("creationtool"),
            creationdate: get("creationdate"),
            segtype: get("segtype"),
            root: std::mem::take(&mut self.header.root),
            doctype: self.header.doctype.take(),
            element,
        };
    }

    /// Reads the content of `element` (its start already read, `depth`
    /// elements deep) up to its end.
    fn read_element(&mut self, element: Element, depth: usize) -> Result<Element, ReadError> {
        read_subtree(
            &mut self.xml,
            &mut self.buffer,
            element,
            depth,
            &mut self.warnings,
        )
    }

    fn next_unit(&mut self) -> Result<Option<ReadUnit>, ReadError> {
        loop {
            match self.next_event()? {
                Event::Start(e) if local_name(&e) == "tu" => {
                    let element = self.read_element(start_element(&e), 3)?;
                    return Ok(Some(self.unit(element)));
                }
                Event::Empty(e) if local_name(&e) == "tu" => {
                    return Ok(Some(self.unit(start_element(&e))));
                }
                // Anything else in the body is skipped whole: its units are
                // not in the memory's body.
                Event::Start(e) if local_name(&e) != "body" => {
                    self.read_element(start_element(&e), 3)?;
                }
                Event::Eof => return Ok(None),
                _ => {}
            }
        }
    }

    fn unit(&mut self, element: Element) -> ReadUnit {
        self.units += 1;
        let (unit, without_language) = ReadUnit::from_element(self.units, element);
        self.warnings.variants_without_language += without_language;
        unit
    }
}

/// Reads the content of `element` (its start already read from `xml`,
/// `depth` elements deep) up to its end, as a tree: text with XML's own
/// references resolved, undefined entities kept as references (counted in
/// `warnings`), comments kept; CR LF and lone CR become LF as XML says.
pub(crate) fn read_subtree<R: BufRead>(
    xml: &mut Reader<R>,
    buffer: &mut Vec<u8>,
    element: Element,
    depth: usize,
    warnings: &mut ReadWarnings,
) -> Result<Element, ReadError> {
    let error = |xml: &Reader<R>, message: String| ReadError::Malformed {
        position: xml.buffer_position(),
        message,
    };
    let mut open = vec![element];
    loop {
        buffer.clear();
        let event = xml
            .read_event_into(buffer)
            .map(Event::into_owned)
            .map_err(|e| ReadError::Malformed {
                position: xml.error_position(),
                message: e.to_string(),
            })?;
        let parent = open.last_mut().expect("the element read is open");
        match event {
            Event::Start(e) => {
                if depth + open.len() > MAX_DEPTH {
                    return Err(error(
                        xml,
                        format!("elements nested more than {MAX_DEPTH} deep"),
                    ));
                }
                open.push(start_element(&e));
            }
            Event::Empty(e) => parent.children.push(Node::Element(start_element(&e))),
            Event::End(_) => {
                let done = open.pop().expect("the element read is open");
                match open.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => {
                let text = t.decode().map_err(|e| error(xml, e.to_string()))?;
                // XML's end-of-line handling: CR LF and lone CR are LF;
                // a carriage return written as &#13; survives.
                push_text(parent, &text.replace("\r\n", "\n").replace('\r', "\n"));
            }
            Event::CData(t) => {
                let text = t.decode().map_err(|e| error(xml, e.to_string()))?;
                push_text(parent, &text.replace("\r\n", "\n"));
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| error(xml, e.to_string()))?;
                match resolve_reference(&name, &r).map_err(|e| error(xml, e))? {
                    Some(c) => push_text(parent, c.encode_utf8(&mut [0; 4])),
                    None => {
                        warnings.unknown_entities += 1;
                        warnings
                            .first_unknown_entity
                            .get_or_insert_with(|| format!("&{name};"));
                        parent.children.push(Node::Entity(name.into_owned()));
                    }
                }
            }
            Event::Comment(c) => parent
                .children
                .push(Node::Comment(String::from_utf8_lossy(&c).into_owned())),
            Event::Eof => {
                let name = open[0].local_name();
                return Err(error(xml, format!("the file ends inside a <{name}>")));
            }
            // Declarations and processing instructions.
            _ => {}
        }
    }
}

/// Appends text to an element, joining it to text just before.
fn push_text(element: &mut Element, text: &str) {
    match element.children.last_mut() {
        Some(Node::Text(last)) => last.push_str(text),
        _ => element.children.push(Node::Text(text.to_string())),
    }
}

/// An element with the name and attributes of a start tag, as written
/// (values unescaped; a value that cannot be, as it is).
pub(crate) fn start_element(e: &BytesStart<'_>) -> Element {
    Element {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attributes: e
            .attributes()
            .with_checks(false)
            .flatten()
            .map(|a| {
                let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                let value = a
                    .unescape_value()
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
                (key, value)
            })
            .collect(),
        children: Vec::new(),
    }
}

impl<R: BufRead> Iterator for TmxReader<R> {
    type Item = Result<ReadUnit, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_unit() {
            Ok(Some(unit)) => Some(Ok(unit)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// An element's local name, lower-cased: tools write `<TU>` and `<Seg>`.
pub(crate) fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).to_lowercase()
}

/// The character a reference named `name` stands for: XML's five entities
/// and character references; `None` for any other entity, which is never
/// expanded.
pub(crate) fn resolve_reference(name: &str, r: &BytesRef<'_>) -> Result<Option<char>, String> {
    match quick_xml::escape::resolve_predefined_entity(name) {
        Some(text) => Ok(text.chars().next()),
        None => r.resolve_char_ref().map_err(|e| e.to_string()),
    }
}

/// An end tag's local name, lower-cased (as [`local_name`]).
pub(crate) fn end_name(e: &BytesEnd<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).to_lowercase()
}

/// An attribute's value by name, the name compared without case.
pub(crate) fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = String::from_utf8_lossy(a.key.as_ref()).to_lowercase();
        (key == name).then(|| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    })
}

/// Why a memory's language pair could not be found.
#[derive(Debug, thiserror::Error)]
pub enum LanguagePairError {
    /// Not a TMX file, or not readable.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file has no unit.
    #[error("the file has no translation units")]
    NoUnits,
    /// Every unit is in the source language only.
    #[error("no language besides {0} in the file")]
    NoOtherLanguage(String),
}

/// The language pair of a memory, as its files write the tags: `src` when
/// given, else the header's `srclang` (unless `*all*`), else the language of
/// the most units; `tgt` when given, else the language of the most units
/// that is not the source's ([`language_match`] 0). Reads `reader` to the
/// end; ties go to the language met first.
pub fn language_pair<R: BufRead>(
    mut reader: TmxReader<R>,
    src: Option<&str>,
    tgt: Option<&str>,
) -> Result<(String, String), LanguagePairError> {
    let header_src = reader
        .header()
        .srclang
        .clone()
        .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("*all*"));
    // Units per language as written, and the order languages first appear.
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for unit in reader.by_ref() {
        let unit = unit?;
        let mut seen: Vec<&str> = Vec::new();
        for v in &unit.variants {
            if !seen.contains(&v.lang.as_str()) {
                seen.push(&v.lang);
                let first = counts.len();
                counts.entry(v.lang.clone()).or_insert((0, first)).0 += 1;
            }
        }
    }
    if counts.is_empty() {
        return Err(LanguagePairError::NoUnits);
    }
    let mut ranked: Vec<(&String, (usize, usize))> = counts.iter().map(|(l, &c)| (l, c)).collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    let src = match src.map(str::to_string).or(header_src) {
        Some(src) => src,
        None => ranked[0].0.to_string(),
    };
    let tgt = match tgt {
        Some(tgt) => tgt.to_string(),
        None => match ranked
            .iter()
            .find(|(lang, _)| language_match(&src, lang) == 0)
        {
            Some((lang, _)) => lang.to_string(),
            None => return Err(LanguagePairError::NoOtherLanguage(src)),
        },
    };
    Ok((src, tgt))
}

/// How well a language code written in a file matches the one asked for:
/// 0 not at all (another language), then better matches score higher —
/// 3 the same tag, 2 the same language and region or script (`zh-CN` for
/// `zh-Hans-CN`), 1 the same language (`zh` for `zh-TW`). Case and `_` do
/// not matter.
pub fn language_match(wanted: &str, written: &str) -> u8 {
    let parts = |tag: &str| -> Vec<String> {
        tag.split(['-', '_'])
            .filter(|p| !p.is_empty())
            .map(|p| p.to_ascii_lowercase())
            .collect()
    };
    let (a, b) = (parts(wanted), parts(written));
    if a.is_empty() || b.is_empty() || a[0] != b[0] {
        return 0;
    }
    if a == b {
        return 3;
    }
    // Simplified Chinese is zh-Hans, zh-CN, zh-SG; Traditional zh-Hant,
    // zh-TW, zh-HK, zh-MO: a script and a region can name the same thing.
    let family = |subtags: &[String]| -> Option<&'static str> {
        subtags[1..].iter().find_map(|s| match s.as_str() {
            "hans" | "cn" | "sg" => Some("hans"),
            "hant" | "tw" | "hk" | "mo" => Some("hant"),
            _ => None,
        })
    };
    let shared = a[1..].iter().any(|s| b[1..].contains(s));
    if shared || (a[0] == "zh" && family(&a).is_some() && family(&a) == family(&b)) {
        return 2;
    }
    let bare = a.len() == 1 || b.len() == 1;
    if bare { 1 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> (Vec<ReadUnit>, ReadWarnings, ReadHeader) {
        let mut reader = TmxReader::new(std::io::Cursor::new(xml.as_bytes().to_vec())).unwrap();
        let units = reader.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
        (units, reader.warnings().clone(), reader.header().clone())
    }

    fn reader(xml: &str) -> TmxReader<Box<dyn BufRead + '_>> {
        TmxReader::new(xml.as_bytes()).unwrap()
    }

    const THREE_LANGUAGES: &str = r#"<tmx version="1.4"><header srclang="*all*"/><body>
<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="fr"><seg>Salut</seg></tuv></tu>
<tu><tuv xml:lang="en-GB"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="fr"><seg>Salut</seg></tuv></tu>
<tu><tuv xml:lang="en-GB"><seg>Goodbye</seg></tuv><tuv xml:lang="zh_CN"><seg>再见</seg></tuv><tuv xml:lang="zh"><seg>再会</seg></tuv></tu>
<tu><tuv xml:lang="en-GB"><seg>Thanks</seg></tuv><tuv xml:lang="de"><seg>Danke</seg></tuv></tu>
</body></tmx>"#;

    #[test]
    fn the_variant_best_matching_a_language() {
        let units: Vec<ReadUnit> = reader(THREE_LANGUAGES).map(Result::unwrap).collect();
        assert_eq!(units[1].variant("en"), Some("Hello"));
        // The first of equal matches.
        assert_eq!(units[1].variant("fr-FR"), Some("Bonjour"));
        // The closer match wins over the first one.
        assert_eq!(units[2].variant("zh-CN"), Some("再见"));
        assert_eq!(units[2].variant("zh-TW"), Some("再会"));
        assert_eq!(units[0].variant("en"), None);
    }

    #[test]
    fn the_language_pair_of_a_memory() {
        let pair =
            |src, tgt| language_pair(reader(THREE_LANGUAGES), src, tgt).map_err(|e| e.to_string());
        // en-GB is in three units, de and fr in two each: the counts
        // decide, then the order of appearance (de before fr).
        assert_eq!(pair(None, None), Ok(("en-GB".into(), "de".into())));
        assert_eq!(pair(Some("de"), None), Ok(("de".into(), "en-GB".into())));
        // The target is another language than the source's: not en-GB for en.
        assert_eq!(pair(Some("en"), None), Ok(("en".into(), "de".into())));
        assert_eq!(pair(Some("de"), Some("zh")), Ok(("de".into(), "zh".into())));
        let header = r#"<tmx version="1.4"><header srclang="en-GB"/><body>
<tu><tuv xml:lang="en-GB"><seg>Hello</seg></tuv></tu></body></tmx>"#;
        assert_eq!(
            language_pair(reader(header), None, None)
                .unwrap_err()
                .to_string(),
            "no language besides en-GB in the file"
        );
        // An empty srclang says nothing: the commonest language is the source.
        let blank = r#"<tmx version="1.4"><header srclang=""/><body>
<tu><tuv xml:lang="fr"><seg>Un</seg></tuv><tuv xml:lang="de"><seg>Eins</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Zwei</seg></tuv><tuv xml:lang="it"><seg>Due</seg></tuv></tu></body></tmx>"#;
        assert_eq!(
            language_pair(reader(blank), None, None).unwrap(),
            ("de".into(), "fr".into())
        );
        let empty = r#"<tmx version="1.4"><header srclang="en"/><body></body></tmx>"#;
        assert!(matches!(
            language_pair(reader(empty), None, None),
            Err(LanguagePairError::NoUnits)
        ));
    }

    #[test]
    fn reads_units_variants_props_and_header() {
        let (units, warnings, header) = read(
            r#"<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header srclang="*all*" creationtool="X" creationdate="2024-13-45" segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"><prop type="h">v</prop></header>
<body>
<tu tuid="7"><prop type="x-note">a &amp; b</prop>
  <tuv xml:lang="zh_CN"><seg>保存</seg></tuv>
  <tuv LANG="EN-us"><seg>Save &lt;now&gt;</seg></tuv>
  <tuv xml:lang="de"><seg>Speichern</seg></tuv>
</tu>
<TU><TUV xml:lang="en"><SEG>Open</SEG></TUV></TU>
</body></tmx>"#,
        );
        assert_eq!(header.srclang.as_deref(), Some("*all*"));
        assert_eq!(header.creationdate.as_deref(), Some("2024-13-45"));
        assert_eq!(units.len(), 2);
        let first = &units[0];
        assert_eq!(first.tuid.as_deref(), Some("7"));
        assert_eq!(first.props, [("x-note".to_string(), "a & b".to_string())]);
        let langs: Vec<&str> = first.variants.iter().map(|v| v.lang.as_str()).collect();
        assert_eq!(langs, ["zh_CN", "EN-us", "de"]);
        assert_eq!(first.variants[1].text, "Save <now>");
        assert_eq!(units[1].number, 2);
        assert_eq!(units[1].variants[0].text, "Open");
        assert_eq!(warnings, ReadWarnings::default());
    }

    #[test]
    fn cdata_and_empty_elements() {
        let (units, _, _) = read(
            r#"<tmx version="1.4"><header srclang="en"/><body>
<tu tuid="1"><prop type="x"/><tuv xml:lang="en"><seg><![CDATA[a < b & c]]> d<ph x="1"/></seg></tuv><tuv xml:lang="de"><seg/></tuv></tu>
</body></tmx>"#,
        );
        assert_eq!(units[0].variants[0].text, "a < b & c d");
        assert_eq!(units[0].variants[1].text, "");
        assert_eq!(units[0].props, [("x".to_string(), String::new())]);
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        // tmx, body, tu, tuv, seg, then <hi>s: MAX_DEPTH elements deep reads.
        let nested = |his: usize| {
            format!(
                r#"<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>{}x{}</seg></tuv></tu></body></tmx>"#,
                "<hi>".repeat(his),
                "</hi>".repeat(his)
            )
        };
        let units = |xml: String| -> Result<Vec<ReadUnit>, ReadError> {
            TmxReader::new(std::io::Cursor::new(xml.into_bytes()))?.collect()
        };
        assert_eq!(
            units(nested(MAX_DEPTH - 5)).unwrap()[0].variants[0].text,
            "x"
        );
        assert!(units(nested(MAX_DEPTH - 4)).is_err());
    }

    #[test]
    fn inline_codes_are_elements_read_as_their_code_or_left_out() {
        let (units, ..) = read(
            r#"<tmx><header/><body><tu><tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> <ph>{0}</ph> <hi>now</hi><it pos="begin">&lt;i&gt;</it><ut>x</ut></seg></tuv></tu></body></tmx>"#,
        );
        let variant = &units[0].variants[0];
        assert_eq!(variant.text, "Click <b>Save</b> {0} now<i>x");
        assert_eq!(variant.plain, "Click Save now");
        let seg = units[0]
            .element
            .element("tuv")
            .unwrap()
            .element("seg")
            .unwrap();
        let codes: Vec<String> = seg.elements().map(Element::local_name).collect();
        assert_eq!(codes, ["bpt", "ept", "ph", "hi", "it", "ut"]);
    }

    #[test]
    fn unknown_entities_stay_literal_and_are_counted() {
        let (units, warnings, _) = read(
            r#"<tmx><header/><body><tu><tuv xml:lang="en"><seg>a&nbsp;b&#x4E2D;&#13;</seg></tuv></tu></body></tmx>"#,
        );
        assert_eq!(units[0].variants[0].text, "a&nbsp;b中\r");
        assert_eq!(
            units[0]
                .element
                .element("tuv")
                .unwrap()
                .element("seg")
                .unwrap()
                .children[1],
            Node::Entity("nbsp".into())
        );
        assert_eq!(warnings.unknown_entities, 1);
        assert_eq!(warnings.first_unknown_entity.as_deref(), Some("&nbsp;"));
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let xml = r#"<?xml version="1.0" encoding="UTF-16"?><tmx><header/><body><tu><tuv xml:lang="zh"><seg>中文</seg></tuv></tu></body></tmx>"#;
        for little in [true, false] {
            let mut bytes = if little {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for unit in xml.encode_utf16() {
                let b = if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend(b);
            }
            let units: Vec<ReadUnit> = TmxReader::new(std::io::Cursor::new(bytes))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(units[0].variants[0].text, "中文");
        }
    }

    #[test]
    fn props_and_languages_belong_where_they_are_written() {
        // A prop of a variant is not the unit's; a variant without a
        // language does not take the one before it (a segment outside any
        // variant is no variant); header props are not a unit's either.
        let (units, warnings, _) = read(
            r#"<tmx><header><prop type="x-h">0</prop></header><body>
<tu><prop type="x-a">1</prop><tuv xml:lang="en"><prop type="x-b">2</prop><seg>Open</seg></tuv>
<seg>outside any variant</seg><tuv><seg>Öffnen</seg></tuv><tuv><seg>Ouvrir</seg></tuv></tu></body></tmx>"#,
        );
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].props, [("x-a".to_string(), "1".to_string())]);
        assert_eq!(
            units[0].variants,
            [Variant {
                lang: "en".into(),
                text: "Open".into(),
                plain: "Open".into(),
                codes: Vec::new(),
            }]
        );
        assert_eq!(warnings.variants_without_language, 2);
    }

    #[test]
    fn a_file_that_is_not_a_memory_says_what_it_is() {
        let message = |xml: &str| {
            TmxReader::new(std::io::Cursor::new(xml.as_bytes().to_vec()))
                .err()
                .unwrap()
                .to_string()
        };
        // An HTML page has a <body> too.
        assert!(
            message("<html><body/></html>").contains("the root element is <html>, not <tmx>"),
            "{}",
            message("<html><body/></html>")
        );
        assert!(message("<tmx><header/></tmx>").contains("the file ends before its <body>"));
        assert!(message("").contains("no XML elements"));
    }

    #[test]
    fn malformed_files_are_errors_with_a_position() {
        let not_tmx = TmxReader::new(std::io::Cursor::new(b"<html></html>".to_vec()));
        assert!(
            not_tmx
                .err()
                .unwrap()
                .to_string()
                .contains("not a TMX file")
        );
        let cut = r#"<tmx><header/><body><tu><tuv xml:lang="en"><seg>Open"#;
        let mut reader = TmxReader::new(std::io::Cursor::new(cut.as_bytes().to_vec())).unwrap();
        let err = reader.next().unwrap().unwrap_err().to_string();
        assert!(err.starts_with("at byte"), "{err}");
        let deep = format!(
            "<tmx><header/><body><tu>{}</tu></body></tmx>",
            "<x>".repeat(MAX_DEPTH + 5)
        );
        let mut reader = TmxReader::new(std::io::Cursor::new(deep.into_bytes())).unwrap();
        let err = reader.next().unwrap().unwrap_err().to_string();
        assert!(err.contains("nested more than"), "{err}");
    }

    #[test]
    fn language_codes_match_by_language_then_region_or_script() {
        assert_eq!(language_match("zh-CN", "zh-CN"), 3);
        assert_eq!(language_match("zh-CN", "ZH_cn"), 3);
        assert_eq!(language_match("zh-CN", "zh-Hans"), 2);
        assert_eq!(language_match("zh-Hant", "zh-TW"), 2);
        assert_eq!(language_match("zh-CN", "zh"), 1);
        assert_eq!(language_match("zh", "zh-TW"), 1);
        assert_eq!(language_match("zh-CN", "zh-TW"), 0);
        assert_eq!(language_match("en", "de"), 0);
        assert_eq!(
            (language_match("", "en"), language_match("en", "-")),
            (0, 0)
        );
    }
}
