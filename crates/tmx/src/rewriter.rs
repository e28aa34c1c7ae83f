//! Writing a memory back as it was read: the root's attributes, the header
//! with its props and notes, and each unit's `<tu>` element, inline codes
//! and all; only the language tags change, through a function the caller
//! gives (BCP 47's form, a style a CAT tool expects), and only the units
//! the caller writes are there.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::WriteStats;
use crate::reader::{ReadHeader, ReadUnit};
use crate::tree::Element;

/// Streams a memory read by a [`crate::TmxReader`] back out, unit by unit.
///
/// ```
/// use tandem_tmx::{TmxReader, TmxRewriter};
///
/// let tmx = r#"<tmx version="1.4"><header srclang="en_US" adminlang="en" segtype="sentence" o-tmf="x" datatype="xml" creationtool="x" creationtoolversion="1"/><body>
/// <tu usagecount="3"><tuv xml:lang="en_US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>
/// </body></tmx>"#;
/// let mut reader = TmxReader::new(tmx.as_bytes())?;
/// let mut writer = TmxRewriter::new(Vec::new(), reader.header(), |tag: &str| tag.replace('_', "-"))?;
/// for unit in reader.by_ref() {
///     writer.write_unit(&unit?)?;
/// }
/// let (out, _) = writer.finish()?;
/// let out = String::from_utf8(out)?;
/// assert!(out.contains(r#"<tu usagecount="3"><tuv xml:lang="en-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save"#));
/// assert!(out.contains(r#"srclang="en-US""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct TmxRewriter<W: Write> {
    xml: Writer<W>,
    language: Box<dyn Fn(&str) -> String>,
    stats: WriteStats,
    root: String,
}

impl<W: Write> TmxRewriter<W> {
    /// Writes the XML declaration (UTF-8, whatever the input's encoding),
    /// the document type as read, the root element with its attributes,
    /// the header (`srclang`, unless `*all*`, and `adminlang` through
    /// `language`), and opens `<body>`.
    pub fn new(
        out: W,
        header: &ReadHeader,
        language: impl Fn(&str) -> String + 'static,
    ) -> io::Result<TmxRewriter<W>> {
        let mut xml = Writer::new(out);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.get_mut().write_all(b"\n")?;
        if let Some(doctype) = &header.doctype {
            xml.write_event(Event::DocType(BytesText::from_escaped(doctype.as_str())))?;
            xml.get_mut().write_all(b"\n")?;
        }
        let root = match header.root.name.is_empty() {
            true => "tmx".to_string(),
            false => header.root.name.clone(),
        };
        let mut rewriter = TmxRewriter {
            xml,
            language: Box::new(language),
            stats: WriteStats::default(),
            root,
        };
        let mut start = BytesStart::new(rewriter.root.as_str());
        for (key, value) in &header.root.attributes {
            let (escaped, removed) = crate::escape(value, true);
            rewriter.stats.removed_characters += removed;
            start.push_attribute((key.as_bytes(), escaped.as_bytes()));
        }
        rewriter.xml.write_event(Event::Start(start))?;
        let mut element = header.element.clone();
        if element.name.is_empty() {
            element.name = "header".into();
        }
        for key in ["srclang", "adminlang"] {
            if let Some(tag) = element.attribute(key)
                && !tag.eq_ignore_ascii_case("*all*")
            {
                let styled = (rewriter.language)(tag);
                element.set_attribute(key, styled);
            }
        }
        rewriter.raw("\n  ")?;
        rewriter.stats.removed_characters += element.write(&mut rewriter.xml)?;
        rewriter.raw("\n  ")?;
        rewriter
            .xml
            .write_event(Event::Start(BytesStart::new("body")))?;
        Ok(rewriter)
    }

    fn raw(&mut self, text: &str) -> io::Result<()> {
        self.xml.get_mut().write_all(text.as_bytes())
    }

    /// Writes a unit's `<tu>` as it was read, its variants' language tags
    /// through the rewriter's function.
    pub fn write_unit(&mut self, unit: &ReadUnit) -> io::Result<()> {
        let mut element = unit.element.clone();
        self.restyle_variants(&mut element);
        self.raw("\n    ")?;
        self.stats.removed_characters += element.write(&mut self.xml)?;
        self.stats.units += 1;
        Ok(())
    }

    fn restyle_variants(&self, tu: &mut Element) {
        for tuv in tu.elements_mut().filter(|e| e.local_name() == "tuv") {
            for key in ["xml:lang", "lang"] {
                if let Some(tag) = tuv.attribute(key) {
                    let styled = (self.language)(tag);
                    tuv.set_attribute(key, styled);
                }
            }
        }
    }

    /// Closes the body and the root; returns the output and what writing
    /// changed.
    pub fn finish(mut self) -> io::Result<(W, WriteStats)> {
        self.raw("\n  ")?;
        self.xml.write_event(Event::End(BytesEnd::new("body")))?;
        self.raw("\n")?;
        let root = std::mem::take(&mut self.root);
        self.xml.write_event(Event::End(BytesEnd::new(root)))?;
        self.raw("\n")?;
        let mut out = self.xml.into_inner();
        out.flush()?;
        Ok((out, self.stats))
    }
}
