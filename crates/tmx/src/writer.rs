//! The TMX writer: a header, then one unit at a time.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};

use crate::markup::Markup;

/// The kind of segment a memory holds (`segtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SegType {
    /// Sentences.
    #[default]
    Sentence,
    /// Paragraphs.
    Paragraph,
}

impl SegType {
    /// The attribute's value: `sentence`, `paragraph`.
    pub fn as_str(self) -> &'static str {
        match self {
            SegType::Sentence => "sentence",
            SegType::Paragraph => "paragraph",
        }
    }
}

/// The `<header>` of a TMX document.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The tool that wrote the file.
    pub creation_tool: String,
    /// Its version.
    pub creation_tool_version: String,
    /// What the segments are.
    pub segtype: SegType,
    /// The language of the source texts (a BCP 47 tag).
    pub srclang: String,
    /// The language of notes and properties.
    pub adminlang: String,
    /// When the file was made, in the basic form `YYYYMMDDThhmmssZ`.
    pub creation_date: Option<String>,
}

/// One `<tu>`: the same text in several languages, with properties. The
/// texts are borrowed where the caller holds them, so that writing a unit
/// copies nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct TranslationUnit<'a> {
    /// A stable identifier.
    pub tuid: Cow<'a, str>,
    /// `<prop type="…">value</prop>` pairs, written before the variants.
    pub props: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// One `(language tag, text)` per language.
    pub variants: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

/// What writing changed: characters XML 1.0 cannot hold, removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Units written.
    pub units: usize,
    /// Characters removed because XML 1.0 forbids them.
    pub removed_characters: usize,
}

/// Streams a TMX document.
pub struct TmxWriter<W: Write> {
    xml: Markup<W>,
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, `<tmx>`, the header, and opens `<body>`.
    pub fn new(out: W, header: &Header) -> io::Result<TmxWriter<W>> {
        let mut writer = TmxWriter {
            xml: Markup::new(out),
        };
        writer
            .xml
            .event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        writer.xml.event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))?;
        let mut start = BytesStart::new("header");
        let attributes = [
            ("creationtool", header.creation_tool.as_str()),
            ("creationtoolversion", header.creation_tool_version.as_str()),
            ("segtype", header.segtype.as_str()),
            ("o-tmf", "tandem"),
            ("adminlang", header.adminlang.as_str()),
            ("srclang", header.srclang.as_str()),
            ("datatype", "plaintext"),
        ];
        for (key, value) in attributes {
            writer.xml.push_attribute(&mut start, key, value);
        }
        if let Some(date) = &header.creation_date {
            writer.xml.push_attribute(&mut start, "creationdate", date);
        }
        writer.xml.event(Event::Empty(start))?;
        writer.xml.event(Event::Start(BytesStart::new("body")))?;
        Ok(writer)
    }

    /// Writes one `<tu>`.
    pub fn write_unit(&mut self, unit: &TranslationUnit<'_>) -> io::Result<()> {
        let mut tu = BytesStart::new("tu");
        self.xml.push_attribute(&mut tu, "tuid", &unit.tuid);
        self.xml.event(Event::Start(tu))?;
        for (kind, value) in &unit.props {
            let mut prop = BytesStart::new("prop");
            self.xml.push_attribute(&mut prop, "type", kind);
            self.xml.text_element(prop, "prop", value)?;
        }
        for (language, text) in &unit.variants {
            let mut tuv = BytesStart::new("tuv");
            self.xml.push_attribute(&mut tuv, "xml:lang", language);
            self.xml.event(Event::Start(tuv))?;
            self.xml.text_element(BytesStart::new("seg"), "seg", text)?;
            self.xml.event(Event::End(BytesEnd::new("tuv")))?;
        }
        self.xml.event(Event::End(BytesEnd::new("tu")))?;
        self.xml.stats.units += 1;
        Ok(())
    }

    /// Writes one `<tu>` whose variants are segments with inline codes
    /// (`(language tag, <seg> element)`), after its props.
    pub fn write_segments(
        &mut self,
        tuid: &str,
        props: &[(&str, &str)],
        variants: &[(&str, &crate::Element)],
    ) -> io::Result<()> {
        let mut tu = BytesStart::new("tu");
        self.xml.push_attribute(&mut tu, "tuid", tuid);
        self.xml.event(Event::Start(tu))?;
        for (kind, value) in props {
            let mut prop = BytesStart::new("prop");
            self.xml.push_attribute(&mut prop, "type", kind);
            self.xml.text_element(prop, "prop", value)?;
        }
        for (language, seg) in variants {
            let mut tuv = BytesStart::new("tuv");
            self.xml.push_attribute(&mut tuv, "xml:lang", language);
            self.xml.event(Event::Start(tuv))?;
            self.xml
                .inline_element(BytesStart::new("seg"), "seg", &seg.children)?;
            self.xml.event(Event::End(BytesEnd::new("tuv")))?;
        }
        self.xml.event(Event::End(BytesEnd::new("tu")))?;
        self.xml.stats.units += 1;
        Ok(())
    }

    /// Closes the document; returns the output and what writing changed.
    pub fn finish(mut self) -> io::Result<(W, WriteStats)> {
        self.xml.event(Event::End(BytesEnd::new("body")))?;
        self.xml.event(Event::End(BytesEnd::new("tmx")))?;
        self.xml.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escape;

    fn header() -> Header {
        Header {
            creation_tool: "tandem".into(),
            creation_tool_version: "0.1.0".into(),
            segtype: SegType::Sentence,
            srclang: "zh-CN".into(),
            adminlang: "en".into(),
            creation_date: Some("20240121T000000Z".into()),
        }
    }

    fn write(units: &[TranslationUnit]) -> (String, WriteStats) {
        let mut writer = TmxWriter::new(Vec::new(), &header()).unwrap();
        for unit in units {
            writer.write_unit(unit).unwrap();
        }
        let (bytes, stats) = writer.finish().unwrap();
        (String::from_utf8(bytes).unwrap(), stats)
    }

    fn unit<'a>(zh: &'a str, en: &'a str) -> TranslationUnit<'a> {
        TranslationUnit {
            tuid: "1".into(),
            props: vec![("x-confidence".into(), "0.93".into())],
            variants: vec![("zh-CN".into(), zh.into()), ("en".into(), en.into())],
        }
    }

    #[test]
    fn writes_header_props_and_variants_in_dtd_order() {
        let (xml, stats) = write(&[unit("各位代表!", "Fellow Deputies,")]);
        assert_eq!(
            xml,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="tandem" creationtoolversion="0.1.0" segtype="sentence" o-tmf="tandem" adminlang="en" srclang="zh-CN" datatype="plaintext" creationdate="20240121T000000Z"/>
  <body>
    <tu tuid="1">
      <prop type="x-confidence">0.93</prop>
      <tuv xml:lang="zh-CN">
        <seg>各位代表!</seg>
      </tuv>
      <tuv xml:lang="en">
        <seg>Fellow Deputies,</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"#
        );
        assert_eq!(
            stats,
            WriteStats {
                units: 1,
                removed_characters: 0
            }
        );
    }

    #[test]
    fn escapes_markup_and_carriage_returns_and_drops_forbidden_characters() {
        let (xml, stats) = write(&[unit("a & b < c > d\r\n\"e\"", "x\u{1}y\u{FFFE}z\u{B}")]);
        assert!(
            xml.contains("<seg>a &amp; b &lt; c &gt; d&#13;\n\"e\"</seg>"),
            "{xml}"
        );
        assert!(xml.contains("<seg>xyz</seg>"), "{xml}");
        assert_eq!(stats.removed_characters, 3);
    }

    #[test]
    fn attributes_escape_quotes_and_white_space() {
        let (escaped, removed) = escape("a\"b\tc\nd&", true);
        assert_eq!(escaped, "a&quot;b&#9;c&#10;d&amp;");
        assert_eq!(removed, 0);
        // In text they stay as they are, borrowed.
        let (text, _) = escape("a\"b\tc\nd", false);
        assert!(matches!(text, Cow::Borrowed("a\"b\tc\nd")));
        assert_eq!(escape("a\"b\tc\nd&", false).0, "a\"b\tc\nd&amp;");
        // Characters XML forbids are counted in attributes too.
        let mut writer = TmxWriter::new(Vec::new(), &header()).unwrap();
        writer
            .write_unit(&TranslationUnit {
                tuid: "a\u{1}b\u{2}".into(),
                props: vec![("x-\u{3}note".into(), "v".into())],
                variants: vec![],
            })
            .unwrap();
        let (bytes, stats) = writer.finish().unwrap();
        assert_eq!(stats.removed_characters, 3);
        assert!(
            String::from_utf8(bytes)
                .unwrap()
                .contains(r#"<tu tuid="ab">"#)
        );
    }

    #[test]
    fn text_is_not_normalised() {
        // U+F9D1 is a CJK compatibility ideograph that NFC would replace.
        let (xml, _) = write(&[unit("\u{F9D1}六", "e\u{301}")]);
        assert!(xml.contains("<seg>\u{F9D1}六</seg>"));
        assert!(xml.contains("<seg>e\u{301}</seg>"));
    }

    #[test]
    fn language_tags_are_written_as_given() {
        let mut writer = TmxWriter::new(
            Vec::new(),
            &Header {
                srclang: "zh-Hant-TW".into(),
                ..header()
            },
        )
        .unwrap();
        writer
            .write_unit(&TranslationUnit {
                tuid: "7".into(),
                props: vec![],
                variants: vec![
                    ("zh-Hant-TW".into(), "報告".into()),
                    ("pt-BR".into(), "relatório".into()),
                ],
            })
            .unwrap();
        let xml = String::from_utf8(writer.finish().unwrap().0).unwrap();
        assert!(xml.contains(r#"srclang="zh-Hant-TW""#));
        assert!(
            xml.contains(r#"<tuv xml:lang="zh-Hant-TW">"#)
                && xml.contains(r#"<tuv xml:lang="pt-BR">"#)
        );
        assert!(xml.contains(r#"<tu tuid="7">"#));
    }
}
