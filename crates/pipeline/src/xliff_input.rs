//! XLIFF (1.2 and 2.x) as a document to align: its sources as one side, its
//! targets as the other, or both at once as a document whose units are
//! already paired ([`read_xliff_document`]: each unit is split into its
//! sentence pairs, never paired across units). The file is read by
//! `tandem-tmx` ([`read_xliff_segments`], inline codes as TMX's); each
//! segment becomes a paragraph whose codes keep their native data.

use tandem_segment::{
    CodeKind, CodedParagraph, DocumentError, DocumentPair, OpenCode, ParagraphBuilder, ReadOptions,
    after_xml_prologue,
};
use tandem_text::LanguageTag;
use tandem_tmx::{Element, Node, ReadError, XliffSegments, read_xliff_segments};

/// Which of an XLIFF file's texts to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XliffPart {
    /// The `<source>`s.
    Source,
    /// The `<target>`s.
    Target,
}

/// Why an XLIFF file could not be read as a document.
#[derive(Debug, thiserror::Error)]
pub enum XliffInputError {
    /// Not well-formed XML, or not XLIFF.
    #[error("it is not a readable XLIFF file: {0}")]
    Read(#[from] ReadError),
    /// Not one unit with text.
    #[error("the XLIFF file has no translation units with text")]
    NoUnits,
    /// The targets were asked for, and no unit has one.
    #[error(
        "no unit of the XLIFF file has a translation (<target>): give it as the source, with its translation as the target"
    )]
    NoTargets {
        /// Units in the file.
        units: usize,
    },
    /// The pair read did not make a document.
    #[error(transparent)]
    Document(#[from] DocumentError),
}

/// The file extensions of XLIFF files (SDL Trados' and Memsource's
/// variants included).
pub const XLIFF_EXTENSIONS: [&str; 4] = ["xlf", "xliff", "sdlxliff", "mxliff"];

/// Whether the file `path` is named as an XLIFF file is.
pub fn is_xliff_name(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| XLIFF_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Whether `bytes` are an XLIFF file: XML whose root element is `xliff`.
pub fn is_xliff(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    let mut rest = after_xml_prologue(&head);
    if let Some(after) = rest.strip_prefix("<!DOCTYPE") {
        rest = after_xml_prologue(after.split_once('>').map_or("", |(_, r)| r));
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let name = tag
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or("");
    name.rsplit(':').next() == Some("xliff")
}

/// The TMX code types a [`CodeKind`] is read from.
fn kind_of(code: &Element) -> CodeKind {
    match code.attribute("type").unwrap_or("") {
        "bold" => CodeKind::Bold,
        "italic" => CodeKind::Italic,
        "ulined" | "underlined" => CodeKind::Underline,
        "link" => CodeKind::Link,
        "lb" => CodeKind::LineBreak,
        "fnote" | "enote" => CodeKind::NoteReference,
        "image" => CodeKind::Image,
        "x-superscript" => CodeKind::Superscript,
        "x-subscript" => CodeKind::Subscript,
        _ => CodeKind::Other,
    }
}

/// A TMX `<seg>` as a paragraph: its text, its codes with their native
/// data; `hi` is its text, `sub` (a separate flow) left out.
pub fn paragraph_of(seg: &Element) -> CodedParagraph {
    let mut paragraph = ParagraphBuilder::default();
    let mut open: Vec<(String, OpenCode)> = Vec::new();
    read_nodes(&seg.children, &mut paragraph, &mut open, seg);
    for (_, code) in open {
        paragraph.close(code);
    }
    paragraph.finish()
}

fn read_nodes(
    nodes: &[Node],
    paragraph: &mut ParagraphBuilder,
    open: &mut Vec<(String, OpenCode)>,
    seg: &Element,
) {
    for node in nodes {
        let Node::Element(e) = node else {
            if let Node::Text(text) = node {
                paragraph.push_str(text);
            }
            continue;
        };
        match e.local_name().as_str() {
            "bpt" => {
                let i = e.attribute("i").unwrap_or("").to_string();
                let close = seg
                    .elements()
                    .find(|c| c.local_name() == "ept" && c.attribute("i") == Some(&i))
                    .map(Element::text)
                    .unwrap_or_default();
                let code = paragraph.open(kind_of(e), &e.text(), &close);
                open.push((i, code));
            }
            "ept" => {
                let i = e.attribute("i").unwrap_or("");
                if let Some(k) = open.iter().rposition(|(id, _)| id == i) {
                    paragraph.close(open.remove(k).1);
                }
            }
            "ph" | "it" | "ut" => match kind_of(e) {
                CodeKind::LineBreak => paragraph.line_break(&e.text()),
                kind => paragraph.placeholder(kind, &e.text()),
            },
            "hi" => read_nodes(&e.children, paragraph, open, seg),
            _ => {}
        }
    }
}

/// Reads an XLIFF file's units.
fn units(bytes: &[u8]) -> Result<(tandem_tmx::XliffFile, Vec<XliffSegments>), XliffInputError> {
    let (file, units) = read_xliff_segments(bytes)?;
    if units.is_empty() {
        return Err(XliffInputError::NoUnits);
    }
    Ok((file, units))
}

/// One side of an XLIFF file: each unit's source or target as a paragraph
/// (units without one left out), and the language the file declares for it.
pub fn xliff_side(
    bytes: &[u8],
    part: XliffPart,
) -> Result<(Vec<CodedParagraph>, Option<LanguageTag>), XliffInputError> {
    let (file, units) = units(bytes)?;
    let (texts, language): (Vec<CodedParagraph>, &str) = match part {
        XliffPart::Source => (
            units.iter().map(|u| paragraph_of(&u.source)).collect(),
            &file.source_language,
        ),
        XliffPart::Target => (
            units.iter().map(|u| paragraph_of(&u.target)).collect(),
            &file.target_language,
        ),
    };
    let texts: Vec<CodedParagraph> = texts.into_iter().filter(|p| !p.text.is_empty()).collect();
    if texts.is_empty() {
        return Err(match part {
            XliffPart::Target => XliffInputError::NoTargets { units: units.len() },
            XliffPart::Source => XliffInputError::NoUnits,
        });
    }
    Ok((texts, LanguageTag::parse(language).ok()))
}

/// A bilingual XLIFF file as a document whose units are already paired
/// ([`DocumentPair::from_units`]): languages as given in `options`, else
/// as the file declares them.
pub fn read_xliff_document(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions<'_>,
) -> Result<DocumentPair, XliffInputError> {
    let (file, units) = units(bytes)?;
    let pairs: Vec<(CodedParagraph, CodedParagraph)> = units
        .iter()
        .map(|u| (paragraph_of(&u.source), paragraph_of(&u.target)))
        .collect();
    if pairs.iter().all(|(_, t)| t.text.is_empty()) {
        return Err(XliffInputError::NoTargets { units: units.len() });
    }
    let declared = |tag: &str| LanguageTag::parse(tag).ok();
    let (src, tgt) = (
        declared(&file.source_language),
        declared(&file.target_language),
    );
    let options = ReadOptions {
        src_lang: options.src_lang.or(src.as_ref()),
        tgt_lang: options.tgt_lang.or(tgt.as_ref()),
        ..*options
    };
    Ok(DocumentPair::from_units(name, &pairs, &options)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_segment::InlineCode;

    const XLIFF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="press.html" source-language="en" target-language="de" datatype="html">
    <body>
      <trans-unit id="1">
        <source>The centre opens. It has <g id="1" ctype="bold">two</g> labs.</source>
        <target>Das Zentrum öffnet. Es hat <g id="1" ctype="bold">zwei</g> Labore.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Untranslated.</source>
      </trans-unit>
      <trans-unit id="3">
        <source>Both open in May.</source>
        <target>Beide öffnen im Mai.</target>
      </trans-unit>
    </body>
  </file>
</xliff>"#;

    #[test]
    fn xliff_is_told_by_its_root() {
        assert!(is_xliff(XLIFF.as_bytes()));
        assert!(is_xliff(b"<xliff:xliff xmlns:xliff=\"urn\">"));
        assert!(!is_xliff(b"<?xml version=\"1.0\"?><tmx version=\"1.4\">"));
        assert!(!is_xliff(b"<xliffy/>"));
    }

    #[test]
    fn sides_and_pairs_of_an_xliff_file() {
        let (sources, language) = xliff_side(XLIFF.as_bytes(), XliffPart::Source).unwrap();
        assert_eq!(sources.len(), 3);
        assert_eq!(language.unwrap().as_str(), "en");
        assert_eq!(sources[0].text, "The centre opens. It has two labs.");
        assert!(matches!(
            &sources[0].codes[..],
            [InlineCode::Paired { kind: CodeKind::Bold, range, .. }] if *range == (25..28)
        ));
        let (targets, _) = xliff_side(XLIFF.as_bytes(), XliffPart::Target).unwrap();
        assert_eq!(targets.len(), 2);

        let document =
            read_xliff_document("press.xlf", XLIFF.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(document.src.language.as_str(), "en");
        assert_eq!(document.sections.len(), 2);
        assert_eq!(document.src.sentences.len(), 3);
        assert_eq!(document.src.codes_of(1..2).len(), 1);

        let no_targets = XLIFF
            .replace("<target>", "<note>")
            .replace("</target>", "</note>");
        assert!(matches!(
            xliff_side(no_targets.as_bytes(), XliffPart::Target),
            Err(XliffInputError::NoTargets { units: 3 })
        ));
    }
}
