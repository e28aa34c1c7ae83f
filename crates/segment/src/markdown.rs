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

/// The paragraphs of a Markdown text, in reading order.
pub fn markdown_paragraphs(text: &str) -> Vec<CodedParagraph> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut body: Vec<Read> = Vec::new();
    let mut notes: HashMap<String, Vec<Read>> = HashMap::new();
    let mut note: Option<String> = None;
    let mut current = ParagraphBuilder::collapsing();
    let mut refs: Vec<String> = Vec::new();
    let mut open: Vec<OpenCode> = Vec::new();
    // Inside code blocks, HTML blocks, front matter and images.
    let mut skip = 0usize;

    fn end(
        current: &mut ParagraphBuilder,
        refs: &mut Vec<String>,
        note: &Option<String>,
        body: &mut Vec<Read>,
        notes: &mut HashMap<String, Vec<Read>>,
    ) {
        let paragraph = std::mem::replace(current, ParagraphBuilder::collapsing()).finish();
        let read = Read {
            paragraph,
            notes: std::mem::take(refs),
        };
        if read.paragraph.text.is_empty() {
            return;
        }
        match note {
            Some(label) => notes.entry(label.clone()).or_default().push(read),
            None => body.push(read),
        }
    }

    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Image { .. },
            ) => skip += 1,
            Event::End(
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image,
            ) => skip = skip.saturating_sub(1),
            _ if skip > 0 => {}
            Event::Start(Tag::FootnoteDefinition(label)) => {
                end(&mut current, &mut refs, &note, &mut body, &mut notes);
                note = Some(label.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                end(&mut current, &mut refs, &note, &mut body, &mut notes);
                note = None;
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
                end(&mut current, &mut refs, &note, &mut body, &mut notes);
            }
            Event::Start(Tag::Strong) => open.push(current.open(CodeKind::Bold, "**", "**")),
            Event::Start(Tag::Emphasis) => open.push(current.open(CodeKind::Italic, "*", "*")),
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let close = match title.is_empty() {
                    true => format!("]({dest_url})"),
                    false => format!("]({dest_url} \"{title}\")"),
                };
                open.push(current.open(CodeKind::Link, "[", &close));
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Link) => {
                if let Some(code) = open.pop() {
                    current.close(code);
                }
            }
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak => current.push_str(" "),
            Event::HardBreak => {
                current.placeholder(CodeKind::LineBreak, "\\\n");
                current.push_str(" ");
            }
            Event::FootnoteReference(label) => {
                current.placeholder(CodeKind::NoteReference, &format!("[^{label}]"));
                refs.push(label.to_string());
            }
            Event::InlineHtml(html) => current.placeholder(CodeKind::Image, &html),
            _ => {}
        }
    }
    end(&mut current, &mut refs, &note, &mut body, &mut notes);

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::InlineCode;

    #[test]
    fn blocks_are_paragraphs_and_formatting_is_codes() {
        let text = "---\ntitle: x\n---\n# Annual *report*\n\nSales grew by **12 %**\nin 2024.[^1] See [the table](t.html).\n\n\
                    - First item\n- Second  \n  line\n\n```\nnot text\n```\n\n| A | B |\n|---|---|\n| one | two |\n\n\
                    [^1]: A note.\n\nLast `code` words.\n";
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
                "Last code words.",
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
    }
}
