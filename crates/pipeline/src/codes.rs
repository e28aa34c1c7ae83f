//! A pair's texts and inline codes as TMX 1.4b level 2 segments: a pair
//! of codes becomes `bpt`/`ept` numbered by `i` within the segment, a
//! placeholder `ph`, each holding its native code; `x` matches a code of
//! the source to the one of the same kind in the target (the first bold
//! to the first bold, …), as TMX §3.5 asks, so that a CAT tool can carry
//! the formatting across.

use tandem_segment::InlineCode;
use tandem_tmx::{Element, Node};

/// The `<seg>`s of a pair of texts with their codes (offsets into each
/// text): the source's and the target's.
pub fn tmx_segments(
    (source, source_codes): (&str, &[InlineCode]),
    (target, target_codes): (&str, &[InlineCode]),
) -> (Element, Element) {
    let source_x: Vec<u32> = (1..).take(source_codes.len()).collect();
    let target_x = matching_x(source_codes, target_codes);
    (
        segment(source, source_codes, &source_x),
        segment(target, target_codes, &target_x),
    )
}

/// The `x` of each target code: the source's code of the same kind and
/// rank among that kind, or a number after the source's.
fn matching_x(source: &[InlineCode], target: &[InlineCode]) -> Vec<u32> {
    let mut next = source.len() as u32 + 1;
    let rank = |codes: &[InlineCode], k: usize| {
        codes[..k]
            .iter()
            .filter(|c| c.kind() == codes[k].kind())
            .count()
    };
    (0..target.len())
        .map(|k| {
            let wanted = rank(target, k);
            let found = (0..source.len())
                .find(|&j| source[j].kind() == target[k].kind() && rank(source, j) == wanted);
            match found {
                Some(j) => j as u32 + 1,
                None => {
                    next += 1;
                    next - 1
                }
            }
        })
        .collect()
}

/// Where a code's element goes: its place in the text, then closes
/// before placeholders before opens, the inner pair closing first.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    at: usize,
    class: u8,
    order: i64,
}

fn segment(text: &str, codes: &[InlineCode], x: &[u32]) -> Element {
    let mut events: Vec<(Place, Node)> = Vec::new();
    let mut i = 0u32;
    for (k, code) in codes.iter().enumerate() {
        let typed = |name: &str, attributes: Vec<(&str, String)>, native: &str| {
            Node::Element(Element {
                name: name.to_string(),
                attributes: attributes
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(a, v)| (a.to_string(), v))
                    .collect(),
                children: vec![Node::Text(native.to_string())],
            })
        };
        match code {
            InlineCode::Paired {
                kind,
                range,
                open,
                close,
            } => {
                if range.end > text.len()
                    || !text.is_char_boundary(range.start)
                    || !text.is_char_boundary(range.end)
                {
                    continue;
                }
                i += 1;
                let bpt = typed(
                    "bpt",
                    vec![
                        ("i", i.to_string()),
                        ("x", x[k].to_string()),
                        ("type", kind.tmx_type().to_string()),
                    ],
                    open,
                );
                let ept = typed("ept", vec![("i", i.to_string())], close);
                events.push((
                    Place {
                        at: range.start,
                        class: 2,
                        order: k as i64,
                    },
                    bpt,
                ));
                events.push((
                    Place {
                        at: range.end,
                        class: 0,
                        order: -(k as i64),
                    },
                    ept,
                ));
            }
            InlineCode::Placeholder { kind, at, native } => {
                if *at > text.len() || !text.is_char_boundary(*at) {
                    continue;
                }
                let attributes = vec![
                    ("x", x[k].to_string()),
                    ("type", kind.tmx_type().to_string()),
                ];
                events.push((
                    Place {
                        at: *at,
                        class: 1,
                        order: k as i64,
                    },
                    typed("ph", attributes, native),
                ));
            }
        }
    }
    events.sort_by(|a, b| a.0.cmp(&b.0));
    let mut seg = Element::new("seg");
    let mut from = 0;
    for (place, node) in events {
        if place.at > from {
            seg.children
                .push(Node::Text(text[from..place.at].to_string()));
            from = place.at;
        }
        seg.children.push(node);
    }
    if from < text.len() {
        seg.children.push(Node::Text(text[from..].to_string()));
    }
    seg
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_segment::CodeKind;

    fn bold(range: std::ops::Range<usize>) -> InlineCode {
        InlineCode::Paired {
            kind: CodeKind::Bold,
            range,
            open: "<b>".into(),
            close: "</b>".into(),
        }
    }

    fn xml(seg: &Element) -> String {
        let mut out = Vec::new();
        seg.write(&mut quick_xml::Writer::new(&mut out)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn codes_become_numbered_pairs_and_placeholders_matched_across() {
        let note = InlineCode::Placeholder {
            kind: CodeKind::NoteReference,
            at: 11,
            native: "<fn/>".into(),
        };
        let (source, target) = tmx_segments(
            ("Click Save.", &[bold(6..10), note.clone()]),
            (
                "Klicken Sie auf Speichern.",
                &[note.shifted(15), bold(16..25)],
            ),
        );
        assert_eq!(
            xml(&source),
            r#"<seg>Click <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.<ph x="2" type="fnote">&lt;fn/&gt;</ph></seg>"#
        );
        assert_eq!(
            xml(&target),
            r#"<seg>Klicken Sie auf Speichern.<ph x="2" type="fnote">&lt;fn/&gt;</ph></seg>"#
                .replace(
                    "Speichern.",
                    r#"<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Speichern<ept i="1">&lt;/b&gt;</ept>."#
                )
        );
    }

    #[test]
    fn nested_pairs_close_inside_out_and_unmatched_codes_get_their_own_x() {
        let link = InlineCode::Paired {
            kind: CodeKind::Link,
            range: 0..4,
            open: "<a>".into(),
            close: "</a>".into(),
        };
        let (source, target) = tmx_segments(
            ("Save", &[link.clone(), bold(0..4)]),
            ("Sichern", &[bold(0..7)]),
        );
        assert_eq!(
            xml(&source),
            r#"<seg><bpt i="1" x="1" type="link">&lt;a&gt;</bpt><bpt i="2" x="2" type="bold">&lt;b&gt;</bpt>Save<ept i="2">&lt;/b&gt;</ept><ept i="1">&lt;/a&gt;</ept></seg>"#
        );
        assert!(xml(&target).contains(r#"<bpt i="1" x="2" type="bold">"#));
        let (_, target) = tmx_segments(("Save", &[]), ("Sichern", &[bold(0..7)]));
        assert!(xml(&target).contains(r#"<bpt i="1" x="1" type="bold">"#));
    }
}
