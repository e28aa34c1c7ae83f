//! XLIFF 1.2, the bilingual exchange format that Trados's and memoQ's own
//! bilingual formats build on and that review tools read: one `<file>` of
//! `<trans-unit>`s, each a source and its target.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Reader;
use quick_xml::events::{BytesDecl, BytesStart, Event};

use crate::WriteStats;
use crate::markup::Markup;
use crate::reader::{attribute, end_name, local_name, read_subtree, start_element};
use crate::tree::Element;

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

/// One `<trans-unit>`, its texts borrowed where the caller holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct XliffUnit<'a> {
    /// Unique within the file.
    pub id: Cow<'a, str>,
    /// The source text.
    pub source: Cow<'a, str>,
    /// The target text.
    pub target: Cow<'a, str>,
    /// A note for the reviewer (confidence, flags), if any.
    pub note: Option<Cow<'a, str>>,
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
    pub fn write_unit(&mut self, unit: &XliffUnit<'_>) -> io::Result<()> {
        let xml = &mut self.xml;
        xml.start("trans-unit", &[("id", &unit.id)])?;
        let mut source = BytesStart::new("source");
        xml.push_attribute(&mut source, "xml:space", "preserve");
        xml.text_element(source, "source", &unit.source)?;
        let mut target = BytesStart::new("target");
        xml.push_attribute(&mut target, "xml:space", "preserve");
        xml.push_attribute(&mut target, "state", "translated");
        xml.text_element(target, "target", &unit.target)?;
        end_unit(xml, unit.note.as_deref())
    }

    /// Writes one `<trans-unit>` of two TMX segments, their inline codes
    /// as XLIFF's ([`crate::inline::tmx_to_xliff`]).
    pub fn write_segments(
        &mut self,
        id: &str,
        (source, target): (&Element, &Element),
        note: Option<&str>,
    ) -> io::Result<()> {
        let xml = &mut self.xml;
        xml.start("trans-unit", &[("id", id)])?;
        let mut start = BytesStart::new("source");
        xml.push_attribute(&mut start, "xml:space", "preserve");
        xml.inline_element(start, "source", &crate::inline::tmx_to_xliff(source))?;
        let mut start = BytesStart::new("target");
        xml.push_attribute(&mut start, "xml:space", "preserve");
        xml.push_attribute(&mut start, "state", "translated");
        xml.inline_element(start, "target", &crate::inline::tmx_to_xliff(target))?;
        end_unit(xml, note)
    }

    /// Closes the document; returns the output and what writing changed.
    pub fn finish(mut self) -> io::Result<(W, WriteStats)> {
        for name in ["body", "file", "xliff"] {
            self.xml.end(name)?;
        }
        self.xml.finish()
    }
}

/// A trans-unit's note, if any, and its end.
fn end_unit<W: Write>(xml: &mut Markup<W>, note: Option<&str>) -> io::Result<()> {
    if let Some(note) = note {
        let mut element = BytesStart::new("note");
        xml.push_attribute(&mut element, "from", "tandem");
        xml.text_element(element, "note", note)?;
    }
    xml.end("trans-unit")?;
    xml.stats.units += 1;
    Ok(())
}

/// One `<trans-unit>` as read, its source and target as TMX segments:
/// XLIFF's inline codes become TMX's ([`crate::inline::xliff_to_tmx`]).
#[derive(Debug, Clone, PartialEq)]
pub struct XliffSegments {
    /// Its `id`.
    pub id: String,
    /// The source, as a TMX `<seg>`.
    pub source: Element,
    /// The target, as a TMX `<seg>` (empty when the unit has none).
    pub target: Element,
    /// Its notes' text, if it has any.
    pub note: Option<String>,
}

/// An XLIFF document as read (1.x, or 2.x whose `<segment>`s are read as
/// 1.x's units, ids `unit/segment`): the first `<file>`'s languages (2.x:
/// the root's), and every `<trans-unit>` of every file with a source (a unit without a target gets
/// an empty one). Inline elements count as the text they hold
/// ([`read_xliff_segments`] keeps them); a DOCTYPE is never read; nesting
/// deeper than [`crate::MAX_DEPTH`] is an error. The encoding is found as
/// [`crate::encoding`] says.
pub fn read_xliff(
    input: impl std::io::Read,
) -> Result<(XliffFile, Vec<XliffUnit<'static>>), crate::ReadError> {
    let (file, units) = read_units(input)?;
    let units = units
        .into_iter()
        .map(|u| XliffUnit {
            id: Cow::Owned(u.id),
            source: Cow::Owned(u.source.text()),
            target: Cow::Owned(u.target.map(|t| t.text()).unwrap_or_default()),
            note: u.note.map(Cow::Owned),
        })
        .collect();
    Ok((file, units))
}

/// [`read_xliff`] with each unit's source and target kept with their inline
/// codes, as TMX segments.
pub fn read_xliff_segments(
    input: impl std::io::Read,
) -> Result<(XliffFile, Vec<XliffSegments>), crate::ReadError> {
    let (file, units) = read_units(input)?;
    let units = units
        .into_iter()
        .map(|u| XliffSegments {
            id: u.id,
            source: crate::inline::xliff_to_tmx(&u.source),
            target: u
                .target
                .as_ref()
                .map_or_else(|| Element::new("seg"), crate::inline::xliff_to_tmx),
            note: u.note,
        })
        .collect();
    Ok((file, units))
}

/// A trans-unit as written: its source and target elements.
struct RawUnit {
    id: String,
    source: Element,
    target: Option<Element>,
    note: Option<String>,
}

fn read_units(input: impl std::io::Read) -> Result<(XliffFile, Vec<RawUnit>), crate::ReadError> {
    let mut xml = Reader::from_reader(crate::encoding::utf8_reader(input)?);
    xml.config_mut().trim_text(false);
    let error = |xml: &Reader<_>, message: String| crate::ReadError::Malformed {
        position: xml.buffer_position(),
        message,
    };
    let mut file: Option<XliffFile> = None;
    let mut units = Vec::new();
    let mut unit: Option<RawUnit> = None;
    let mut warnings = crate::ReadWarnings::default();
    let (mut depth, mut seen_root, mut alternative) = (0usize, false, 0usize);
    let mut languages = (String::new(), String::new());
    let mut unit_id = String::new();
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        let event = xml
            .read_event_into(&mut buffer)
            .map(Event::into_owned)
            .map_err(|e| error(&xml, e.to_string()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = local_name(e);
                if !seen_root {
                    if name != "xliff" {
                        return Err(error(
                            &xml,
                            format!("the root element is <{name}>, not <xliff>: not an XLIFF file"),
                        ));
                    }
                    seen_root = true;
                }
                if !empty {
                    depth += 1;
                    if depth > crate::MAX_DEPTH {
                        return Err(error(
                            &xml,
                            format!("elements nested more than {} deep", crate::MAX_DEPTH),
                        ));
                    }
                }
                match name.as_str() {
                    // XLIFF 2 names the languages on the root.
                    "xliff" => {
                        languages = (
                            attribute(e, "srclang").unwrap_or_default(),
                            attribute(e, "trglang").unwrap_or_default(),
                        )
                    }
                    "file" if file.is_none() => {
                        file = Some(XliffFile {
                            original: attribute(e, "original").unwrap_or_default(),
                            source_language: attribute(e, "source-language")
                                .unwrap_or_else(|| languages.0.clone()),
                            target_language: attribute(e, "target-language")
                                .unwrap_or_else(|| languages.1.clone()),
                            date: attribute(e, "date"),
                            tool_version: String::new(),
                        })
                    }
                    // XLIFF 2: a unit's segments are what 1.2's trans-units
                    // are.
                    "unit" => unit_id = attribute(e, "id").unwrap_or_default(),
                    "trans-unit" | "segment" => {
                        let id = attribute(e, "id").unwrap_or_default();
                        let id = match name.as_str() {
                            "segment" if id.is_empty() => unit_id.clone(),
                            "segment" => format!("{unit_id}/{id}"),
                            _ => id,
                        };
                        unit = Some(RawUnit {
                            id,
                            source: Element::new("source"),
                            target: None,
                            note: None,
                        })
                    }
                    // Other tools' suggestions are not the unit's text.
                    "alt-trans" if !empty => alternative += 1,
                    "source" | "target" | "note" if unit.is_some() && alternative == 0 => {
                        let element = match empty {
                            true => start_element(e),
                            false => {
                                // The subtree's end is read with it.
                                depth -= 1;
                                read_subtree(
                                    &mut xml,
                                    &mut buffer,
                                    start_element(e),
                                    depth + 1,
                                    &mut warnings,
                                )?
                            }
                        };
                        let Some(unit) = unit.as_mut() else { continue };
                        match name.as_str() {
                            "source" => unit.source = element,
                            "target" => unit.target = Some(element),
                            _ => {
                                let note = unit.note.get_or_insert_with(String::new);
                                note.push_str(&element.text());
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                match end_name(e).as_str() {
                    "alt-trans" => alternative = alternative.saturating_sub(1),
                    "trans-unit" | "segment" => units.extend(unit.take()),
                    _ => {}
                }
            }
            Event::Eof if depth > 0 => {
                return Err(error(
                    &xml,
                    "the file ends before its elements close: cut off?".into(),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let file = file.ok_or_else(|| error(&xml, "no <file> element: not an XLIFF file".into()))?;
    Ok((file, units))
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

#[cfg(test)]
mod read_tests {
    use super::*;

    #[test]
    fn other_tools_suggestions_and_cdata() {
        let xliff = r#"<xliff version="1.2"><file source-language="de" target-language="fr"><body>
<trans-unit id="1"><source><![CDATA[a < b]]></source><target>c<g id="1">d</g></target>
<alt-trans><source>x</source><target>suggestion</target></alt-trans></trans-unit>
</body></file><file source-language="en" target-language="it"><body>
<trans-unit id="2"><source>Yes</source><target>Sì</target></trans-unit></body></file></xliff>"#;
        let (file, units) = read_xliff(xliff.as_bytes()).unwrap();
        // The first file's languages; every file's units.
        assert_eq!(
            (file.source_language.as_str(), file.target_language.as_str()),
            ("de", "fr")
        );
        assert_eq!(units.len(), 2);
        assert_eq!((&*units[0].source, &*units[0].target), ("a < b", "cd"));
        assert_eq!(&*units[1].target, "Sì");
    }

    #[test]
    fn an_empty_suggestion_hides_nothing() {
        let xliff = r#"<xliff version="1.2"><file source-language="de" target-language="fr"><body>
<trans-unit id="1"><source>Ja</source><alt-trans/><target>Oui</target></trans-unit></body></file></xliff>"#;
        let (_, units) = read_xliff(xliff.as_bytes()).unwrap();
        assert_eq!(&*units[0].target, "Oui");
    }

    #[test]
    fn a_file_that_is_not_xliff_says_what_it_is() {
        let error = read_xliff("<html><body/></html>".as_bytes())
            .err()
            .unwrap()
            .to_string();
        assert!(
            error.contains("the root element is <html>, not <xliff>"),
            "{error}"
        );
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        let nested = |extra: usize| {
            format!(
                r#"<xliff version="1.2"><file source-language="de" target-language="fr"><body><trans-unit id="1"><source>{}x{}</source><target>y</target></trans-unit></body></file></xliff>"#,
                "<g>".repeat(extra),
                "</g>".repeat(extra)
            )
        };
        // xliff, file, body, trans-unit, source, then <g>s.
        let read = |xml: String| read_xliff(xml.as_bytes()).map(|(_, units)| units);
        assert_eq!(&*read(nested(crate::MAX_DEPTH - 5)).unwrap()[0].source, "x");
        assert!(read(nested(crate::MAX_DEPTH - 4)).is_err());
    }

    #[test]
    fn reads_back_what_it_writes_and_what_others_write() {
        let file = XliffFile {
            original: "a.txt".into(),
            source_language: "de".into(),
            target_language: "fr".into(),
            date: None,
            tool_version: "1".into(),
        };
        let units = vec![
            XliffUnit {
                id: "1".into(),
                source: " Die Hütte <b> & \r\n".into(),
                target: "La cabane".into(),
                note: Some("confidence 0.9".into()),
            },
            XliffUnit {
                id: "2".into(),
                source: "Ja.".into(),
                target: "".into(),
                note: None,
            },
        ];
        let mut writer = XliffWriter::new(Vec::new(), &file).unwrap();
        for unit in &units {
            writer.write_unit(unit).unwrap();
        }
        let (bytes, _) = writer.finish().unwrap();
        let (read_file, read_units) = read_xliff(bytes.as_slice()).unwrap();
        assert_eq!(
            (
                read_file.source_language.as_str(),
                read_file.target_language.as_str()
            ),
            ("de", "fr")
        );
        assert_eq!(read_units, units);

        // Another tool's: inline codes, a unit without a target, alt-trans.
        let other = r#"<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="zh-CN" datatype="plaintext" original="x"><body>
<trans-unit id="a"><source>Click <g id="1">Save</g><x id="2"/>.</source><target>点击<g id="1">保存</g>。</target>
<alt-trans><source>Other</source><target>其他</target></alt-trans></trans-unit>
<trans-unit id="b"><source>Only source</source></trans-unit></body></file></xliff>"#;
        let (_, read) = read_xliff(other.as_bytes()).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(
            (&*read[0].source, &*read[0].target),
            ("Click Save.", "点击保存。")
        );
        assert_eq!(read[1].target, "");
        assert!(
            read_xliff("<tmx/>".as_bytes())
                .unwrap_err()
                .to_string()
                .contains("not an XLIFF file")
        );
    }

    #[test]
    fn reads_xliff_2_segments_as_units() {
        let xml = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
  <file id="f1" original="press.html">
    <unit id="u1">
      <segment id="s1"><source>Click <pc id="1">Save</pc>.</source><target>Klicken Sie auf <pc id="1">Speichern</pc>.</target></segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2"><source>Done<ph id="2"/></source></segment>
    </unit>
  </file>
</xliff>"#;
        let (file, units) = read_xliff_segments(xml.as_bytes()).unwrap();
        assert_eq!(
            (file.source_language.as_str(), file.target_language.as_str()),
            ("en", "de")
        );
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].id, "u1/s1");
        assert_eq!(units[0].source.plain(), "Click Save.");
        assert_eq!(units[0].target.plain(), "Klicken Sie auf Speichern.");
        assert_eq!(units[0].source.codes().len(), 2);
        assert!(units[1].target.children.is_empty());
    }
}
