//! XLIFF 1.2, the bilingual exchange format that Trados's and memoQ's own
//! bilingual formats build on and that review tools read: one `<file>` of
//! `<trans-unit>`s, each a source and its target.

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesStart, Event};

use crate::WriteStats;
use crate::markup::Markup;

/// The `<file>` element's attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct XliffFile {
    /// The document the units come from (`original`).
    pub original: String,
    /// BCP 47 tags of the two languages.
    pub source_language: String,
    /// The target language.
    pub target_language: String,
    /// When the file was made, as an ISO 8601 date-time (`2024-01-21T00:00:00Z`).
    pub date: Option<String>,
    /// The version of the tool that wrote it.
    pub tool_version: String,
}

/// One `<trans-unit>`.
#[derive(Debug, Clone, PartialEq)]
pub struct XliffUnit {
    /// Unique within the file.
    pub id: String,
    /// The source text.
    pub source: String,
    /// The target text.
    pub target: String,
    /// A note for the reviewer (confidence, flags), if any.
    pub note: Option<String>,
}

/// Streams an XLIFF 1.2 document.
pub struct XliffWriter<W: Write> {
    xml: Markup<W>,
}

impl<W: Write> XliffWriter<W> {
    /// Writes the declaration, `<xliff>`, the `<file>` with its header, and
    /// opens `<body>`.
    pub fn new(out: W, file: &XliffFile) -> io::Result<XliffWriter<W>> {
        let mut xml = Markup::new(out);
        xml.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.start(
            "xliff",
            &[
                ("version", "1.2"),
                ("xmlns", "urn:oasis:names:tc:xliff:document:1.2"),
            ],
        )?;
        let mut attributes = vec![
            ("original", file.original.as_str()),
            ("source-language", file.source_language.as_str()),
            ("target-language", file.target_language.as_str()),
            ("datatype", "plaintext"),
            ("tool-id", "tandem"),
        ];
        if let Some(date) = &file.date {
            attributes.push(("date", date));
        }
        xml.start("file", &attributes)?;
        xml.start("header", &[])?;
        let mut tool = BytesStart::new("tool");
        for (key, value) in [
            ("tool-id", "tandem"),
            ("tool-name", "tandem"),
            ("tool-version", file.tool_version.as_str()),
        ] {
            xml.push_attribute(&mut tool, key, value);
        }
        xml.event(Event::Empty(tool))?;
        xml.end("header")?;
        xml.start("body", &[])?;
        Ok(XliffWriter { xml })
    }

    /// Writes one `<trans-unit>`: white space in the texts is kept
    /// (`xml:space="preserve"`), and the target is marked translated.
    pub fn write_unit(&mut self, unit: &XliffUnit) -> io::Result<()> {
        let xml = &mut self.xml;
        xml.start("trans-unit", &[("id", &unit.id)])?;
        let mut source = BytesStart::new("source");
        xml.push_attribute(&mut source, "xml:space", "preserve");
        xml.text_element(source, "source", &unit.source)?;
        let mut target = BytesStart::new("target");
        xml.push_attribute(&mut target, "xml:space", "preserve");
        xml.push_attribute(&mut target, "state", "translated");
        xml.text_element(target, "target", &unit.target)?;
        if let Some(note) = &unit.note {
            let mut element = BytesStart::new("note");
            xml.push_attribute(&mut element, "from", "tandem");
            xml.text_element(element, "note", note)?;
        }
        xml.end("trans-unit")?;
        xml.stats.units += 1;
        Ok(())
    }

    /// Closes the document; returns the output and what writing changed.
    pub fn finish(mut self) -> io::Result<(W, WriteStats)> {
        for name in ["body", "file", "xliff"] {
            self.xml.end(name)?;
        }
        self.xml.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_file_of_units() {
        let file = XliffFile {
            original: "report.txt".into(),
            source_language: "zh-CN".into(),
            target_language: "en".into(),
            date: Some("2024-01-21T00:00:00Z".into()),
            tool_version: "0.1.0".into(),
        };
        let mut writer = XliffWriter::new(Vec::new(), &file).unwrap();
        writer
            .write_unit(&XliffUnit {
                id: "1".into(),
                source: "各位代表!".into(),
                target: " Fellow <Deputies> &\u{1}".into(),
                note: Some("confidence 0.93".into()),
            })
            .unwrap();
        let (bytes, stats) = writer.finish().unwrap();
        assert_eq!(stats.units, 1);
        assert_eq!(stats.removed_characters, 1);
        let xml = String::from_utf8(bytes).unwrap();
        assert_eq!(
            xml,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="report.txt" source-language="zh-CN" target-language="en" datatype="plaintext" tool-id="tandem" date="2024-01-21T00:00:00Z">
    <header>
      <tool tool-id="tandem" tool-name="tandem" tool-version="0.1.0"/>
    </header>
    <body>
      <trans-unit id="1">
        <source xml:space="preserve">各位代表!</source>
        <target xml:space="preserve" state="translated"> Fellow &lt;Deputies&gt; &amp;</target>
        <note from="tandem">confidence 0.93</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"#
        );
    }
}
