//! Markdown (CommonMark with GitHub's tables and footnotes, parsed by
//! pulldown-cmark): headings, paragraphs, list items, block quotes and
//! table cells become paragraphs; emphasis, strong emphasis, links, line
//! breaks and footnote marks become inline codes whose native code is the
//! Markdown that wrote them; each footnote follows the paragraph that
//! first refers to it. Code blocks, HTML blocks and front matter are not
//! text to translate and are left out; inline code is kept as text.

use std::collections::HashMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::codes::{CodeKind, CodedParagraph, OpenCode, ParagraphBuilder};

/// One paragraph read, with the footnotes it refers to.
struct Read {
    paragraph: CodedParagraph,
    notes: Vec<String>,
}

/// The paragraphs read so far, and the one being read.
struct Reading {
    current: ParagraphBuilder,
    /// The footnotes the current paragraph refers to.
    refs: Vec<String>,
    /// The alt text of the current paragraph's images.
    alts: Vec<String>,
    /// The footnote being read, if any.
    note: Option<String>,
    body: Vec<Read>,
    notes: HashMap<String, Vec<Read>>,
}

impl Default for Reading {
    fn default() -> Reading {
        Reading {
            current: ParagraphBuilder::collapsing(),
            refs: Vec::new(),
            alts: Vec::new(),
            note: None,
            body: Vec::new(),
            notes: HashMap::new(),
        }
    }
}

impl Reading {
    /// Ends the paragraph being read; an image's alt text read in it
    /// follows it as a paragraph of its own, as a CAT tool offers it.
    fn end(&mut self) {
        let paragraph =
            std::mem::replace(&mut self.current, ParagraphBuilder::collapsing()).finish();
        let alt = self.alts.drain(..).map(|alt| {
            let mut text = ParagraphBuilder::collapsing();
            text.push_str(&alt);
            CodedParagraph {
                origin: Some("alt text".into()),
                ..text.finish()
            }
        });
        let reads = std::iter::once(paragraph).chain(alt).map(|paragraph| Read {
            paragraph,
            notes: Vec::new(),
        });
        let mut refs = std::mem::take(&mut self.refs);
        for mut read in reads.filter(|r| !r.paragraph.text.is_empty()) {
            read.notes = std::mem::take(&mut refs);
            if let Some(label) = &self.note {
                read.paragraph.origin = Some(format!("footnote {label}"));
            }
            match &self.note {
                Some(label) => self.notes.entry(label.clone()).or_default().push(read),
                None => self.body.push(read),
            }
        }
    }
}

/// The paragraphs of a Markdown text, in reading order.
pub fn markdown_paragraphs(text: &str) -> Vec<CodedParagraph> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut read = Reading::default();
    let mut open: Vec<OpenCode> = Vec::new();
    // Inline HTML's formatting tags, by name.
    let mut html_open: Vec<(String, OpenCode)> = Vec::new();
    // Inside code blocks, HTML blocks and front matter.
    let mut skip = 0usize;
    // Inside an image: its alt text.
    let mut image: Option<String> = None;
    let mut image_url = String::new();

    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1)
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some(String::new());
                image_url = dest_url.to_string();
            }
            Event::End(TagEnd::Image) => {
                let alt = image.take().unwrap_or_default();
                read.current
                    .placeholder(CodeKind::Image, &format!("![{alt}]({image_url})"));
                read.alts.push(alt);
            }
            Event::Text(text) | Event::Code(text) if image.is_some() => {
                image.get_or_insert_with(String::new).push_str(&text);
            }
            _ if image.is_some() => {}
            Event::Start(Tag::FootnoteDefinition(label)) => {
                read.end();
                read.note = Some(label.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                read.end();
                read.note = None;
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::TableCell
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            )
            | Event::Rule => {
                open.clear();
                read.end();
            }
            Event::Start(Tag::Strong) => open.push(read.current.open(CodeKind::Bold, "**", "**")),
            Event::Start(Tag::Emphasis) => open.push(read.current.open(CodeKind::Italic, "*", "*")),
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let close = match title.is_empty() {
                    true => format!("]({dest_url})"),
                    false => format!("]({dest_url} \"{title}\")"),
                };
                open.push(read.current.open(CodeKind::Link, "[", &close));
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Link) => {
                if let Some(code) = open.pop() {
                    read.current.close(code);
                }
            }
            Event::Text(text) => read.current.push_str(&text),
            Event::Code(text) => {
                let code = read.current.open(CodeKind::Other, "`", "`");
                read.current.push_str(&text);
                read.current.close(code);
            }
            Event::SoftBreak => read.current.soft_space(),
            Event::HardBreak => read.current.line_break("\\\n"),
            Event::FootnoteReference(label) => {
                read.current
                    .placeholder(CodeKind::NoteReference, &format!("[^{label}]"));
                read.refs.push(label.to_string());
            }
            Event::InlineHtml(html) => inline_html(&mut read.current, &mut html_open, &html),
            _ => {}
        }
    }
    read.end();

    let Reading {
        body, mut notes, ..
    } = read;
    let mut out = Vec::new();
    let mut placed = std::collections::HashSet::new();
    for read in body {
        out.push(read.paragraph);
        for label in read.notes {
            if placed.insert(label.clone())
                && let Some(note) = notes.remove(&label)
            {
                out.extend(note.into_iter().map(|r| r.paragraph));
            }
        }
    }
    // Notes nothing refers to, where Markdown writes them: at the end.
    let mut rest: Vec<_> = notes.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend(
        rest.into_iter()
            .flat_map(|(_, n)| n.into_iter().map(|r| r.paragraph)),
    );
    out
}

/// A tag of inline HTML in Markdown: a formatting tag opens or closes a
/// pair of codes, `<br>` is a line break, any other tag a placeholder.
fn inline_html(current: &mut ParagraphBuilder, open: &mut Vec<(String, OpenCode)>, html: &str) {
    let tag = html.trim().trim_start_matches('<').trim_end_matches('>');
    let closing = tag.starts_with('/');
    let name = tag
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let kind = match name.as_str() {
        "b" | "strong" => Some(CodeKind::Bold),
        "i" | "em" => Some(CodeKind::Italic),
        "u" | "ins" => Some(CodeKind::Underline),
        "sup" => Some(CodeKind::Superscript),
        "sub" => Some(CodeKind::Subscript),
        "a" => Some(CodeKind::Link),
        _ => None,
    };
    match (kind, closing) {
        _ if name == "br" => current.line_break(html),
        (Some(_), true) => match open.iter().rposition(|(n, _)| *n == name) {
            Some(k) => current.close(open.remove(k).1),
            None => current.placeholder(CodeKind::Other, html),
        },
        (Some(kind), false) => {
            let code = current.open(kind, html, &format!("</{name}>"));
            open.push((name, code));
        }
        (None, _) => current.placeholder(CodeKind::Other, html),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::InlineCode;

    #[test]
    fn blocks_are_paragraphs_and_formatting_is_codes() {
        let text = "---\ntitle: x\n---\n# Annual *report*\n\nSales grew by **12 %**\nin 2024.[^1] See [the table](t.html).\n\n\
                    - First item\n- Second  \n  line\n\n```\nnot text\n```\n\n| A | B |\n|---|---|\n| one | two |\n\n\
                    [^1]: A note.\n\nLast `code` words, <b>inline html</b> and ![A red car](car.png).\n";
        let paragraphs = markdown_paragraphs(text);
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Annual report",
                "Sales grew by 12 % in 2024. See the table.",
                "A note.",
                "First item",
                "Second line",
                "A",
                "B",
                "one",
                "two",
                "Last code words, inline html and .",
                "A red car",
            ]
        );
        assert_eq!(
            paragraphs[1].codes,
            [
                InlineCode::Paired {
                    kind: CodeKind::Bold,
                    range: 14..18,
                    open: "**".into(),
                    close: "**".into()
                },
                InlineCode::Placeholder {
                    kind: CodeKind::NoteReference,
                    at: 27,
                    native: "[^1]".into()
                },
                InlineCode::Paired {
                    kind: CodeKind::Link,
                    range: 32..41,
                    open: "[".into(),
                    close: "](t.html)".into()
                },
            ]
        );
        assert_eq!(paragraphs[4].codes.len(), 1);
        // Inline code and inline HTML's bold are pairs of codes.
        let kinds: Vec<CodeKind> = paragraphs[9].codes.iter().map(InlineCode::kind).collect();
        assert_eq!(kinds, [CodeKind::Other, CodeKind::Bold, CodeKind::Image]);
    }
}
