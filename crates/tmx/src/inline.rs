//! Inline codes between TMX 1.4b (level 2) and XLIFF 1.2: the two name the
//! same things differently, so a segment converted from one to the other
//! keeps its codes as elements (never as escaped text).
//!
//! | TMX | XLIFF 1.2 |
//! |---|---|
//! | `bpt i`, `ept i` | `bpt id`, `ept id` |
//! | `ph x`, `ut` | `ph id` |
//! | `it pos="begin"`/`"end"` | `it pos="open"`/`"close"` |
//! | `hi type` | `mrk mtype` |
//! | `sub` | `sub` |
//! | (a paired code) `bpt` … `ept` | `g`, `bx`/`ex` (XLIFF's codes without native data) |
//! | (a standalone code) `ph` | `x` |
//!
//! A TMX `type` becomes XLIFF's `ctype` (`x-` prefixed unless XLIFF names
//! it: `bold`, `italic`, `underlined`, `link`) and back. XLIFF's `g`, `x`,
//! `bx` and `ex` hold no native code: in TMX they become codes whose native
//! text is the XLIFF tag itself (`<g id="1">`), as TMX 1.4b §3.5 asks of
//! codes from a format it does not know.

use crate::tree::{Element, Node};

/// XLIFF's own `ctype` values; any other is written `x-…`.
const CTYPES: [&str; 4] = ["bold", "italic", "underlined", "link"];

fn element(name: &str, attributes: Vec<(&str, String)>, children: Vec<Node>) -> Node {
    Node::Element(Element {
        name: name.to_string(),
        attributes: attributes
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        children,
    })
}

/// The content of a TMX `<seg>` as XLIFF 1.2 inline content.
pub fn tmx_to_xliff(seg: &Element) -> Vec<Node> {
    let mut next_id = 1 + max_id(seg, &["i", "x"]);
    convert_tmx(&seg.children, &mut next_id)
}

fn convert_tmx(nodes: &[Node], next_id: &mut u64) -> Vec<Node> {
    let mut out = Vec::new();
    for node in nodes {
        let Node::Element(e) = node else {
            out.push(node.clone());
            continue;
        };

        let ctype = e.attribute("type").map(|t| match CTYPES.contains(&t) {
            true => t.to_string(),
            false => format!("x-{t}"),
        });
        let with_ctype = |mut attributes: Vec<(&'static str, String)>| {
            if let Some(ctype) = ctype.clone() {
                attributes.push(("ctype", ctype));
            }
            attributes
        };
        let children = convert_tmx(&e.children, next_id);
        let mut id = |keys: &[&str]| id_of(e, keys, next_id);
        out.push(match e.local_name().as_str() {
            "bpt" => element("bpt", with_ctype(vec![("id", id(&["i", "x"]))]), children),
            "ept" => element("ept", vec![("id", id(&["i"]))], children),
            "ph" | "ut" => element("ph", with_ctype(vec![("id", id(&["x"]))]), children),
            "it" => {
                let pos = match e.attribute("pos") {
                    Some("end") => "close",
                    _ => "open",
                };
                element(
                    "it",
                    with_ctype(vec![("id", id(&["x"])), ("pos", pos.to_string())]),
                    children,
                )
            }
            "hi" => element(
                "mrk",
                vec![(
                    "mtype",
                    e.attribute("type")
                        .map_or("x-hi".to_string(), |t| format!("x-{t}")),
                )],
                children,
            ),
            "sub" => element("sub", with_ctype(datatype(e)), children),
            // Not an inline element of TMX: its text.
            _ => Node::Text(e.text()),
        });
    }
    out
}

/// XLIFF 1.2 inline content (a `<source>` or `<target>`) as a TMX `<seg>`.
pub fn xliff_to_tmx(content: &Element) -> Element {
    let mut next_id = 1 + max_id(content, &["id", "rid"]);
    Element {
        name: "seg".into(),
        attributes: Vec::new(),
        children: convert_xliff(&content.children, &mut next_id),
    }
}

/// An XLIFF tag written out, as the native code of the TMX element that
/// stands for it.
fn tag_text(e: &Element, closing: bool, empty: bool) -> String {
    if closing {
        return format!("</{}>", e.name);
    }
    let attributes: String = e
        .attributes
        .iter()
        .map(|(k, v)| format!(" {k}=\"{v}\""))
        .collect();
    format!("<{}{attributes}{}>", e.name, if empty { "/" } else { "" })
}

fn convert_xliff(nodes: &[Node], next_id: &mut u64) -> Vec<Node> {
    let mut out = Vec::new();
    for node in nodes {
        let Node::Element(e) = node else {
            out.push(node.clone());
            continue;
        };

        let tmx_type = e
            .attribute("ctype")
            .map(|t| t.strip_prefix("x-").unwrap_or(t).to_string());
        let with_type = |mut attributes: Vec<(&'static str, String)>| {
            if let Some(t) = tmx_type.clone() {
                attributes.push(("type", t));
            }
            attributes
        };
        let children = convert_xliff(&e.children, next_id);
        let mut id = |keys: &[&str]| id_of(e, keys, next_id);
        match e.local_name().as_str() {
            "bpt" => out.push(element(
                "bpt",
                with_type(vec![("i", id(&["rid", "id"]))]),
                children,
            )),
            "ept" => out.push(element("ept", vec![("i", id(&["rid", "id"]))], children)),
            "ph" => out.push(element("ph", with_type(vec![("x", id(&["id"]))]), children)),
            "it" => {
                let pos = match e.attribute("pos") {
                    Some("close") => "end",
                    _ => "begin",
                };
                out.push(element(
                    "it",
                    with_type(vec![("pos", pos.to_string()), ("x", id(&["id"]))]),
                    children,
                ));
            }
            "sub" => out.push(element("sub", with_type(datatype(e)), children)),
            "mrk" => out.push(element(
                "hi",
                e.attribute("mtype")
                    .map(|t| vec![("type", t.strip_prefix("x-").unwrap_or(t).to_string())])
                    .unwrap_or_default(),
                children,
            )),
            // XLIFF 2's paired code is 1.2's `g`.
            "g" | "pc" => {
                let i = id(&["id"]);
                out.push(element(
                    "bpt",
                    with_type(vec![("i", i.clone())]),
                    vec![Node::Text(tag_text(e, false, false))],
                ));
                out.extend(children);
                out.push(element(
                    "ept",
                    vec![("i", i)],
                    vec![Node::Text(tag_text(e, true, false))],
                ));
            }
            "x" => out.push(element(
                "ph",
                with_type(vec![("x", id(&["id"]))]),
                vec![Node::Text(tag_text(e, false, true))],
            )),
            "bx" => out.push(element(
                "bpt",
                with_type(vec![("i", id(&["rid", "id"]))]),
                vec![Node::Text(tag_text(e, false, true))],
            )),
            "ex" => out.push(element(
                "ept",
                vec![("i", id(&["rid", "id"]))],
                vec![Node::Text(tag_text(e, false, true))],
            )),
            // XLIFF 2's spanning codes: start, and end by `startRef`.
            "sc" => out.push(element(
                "bpt",
                with_type(vec![("i", id(&["id"]))]),
                vec![Node::Text(tag_text(e, false, true))],
            )),
            "ec" => out.push(element(
                "ept",
                vec![("i", id(&["startRef", "id"]))],
                vec![Node::Text(tag_text(e, false, true))],
            )),
            // Anything else: its text.
            _ => out.push(Node::Text(e.text())),
        }
    }
    out
}

/// A `sub`'s `datatype`, which both formats name alike.
fn datatype(e: &Element) -> Vec<(&'static str, String)> {
    e.attribute("datatype")
        .map(|d| vec![("datatype", d.to_string())])
        .unwrap_or_default()
}

/// The value of the first of `keys` that `e` has, else a new number.
fn id_of(e: &Element, keys: &[&str], next_id: &mut u64) -> String {
    keys.iter()
        .find_map(|k| e.attribute(k))
        .map(str::to_string)
        .unwrap_or_else(|| {
            *next_id += 1;
            (*next_id - 1).to_string()
        })
}

/// The largest number among the values of `keys` inside `e` (0 for none),
/// so that generated ids do not collide with the file's.
fn max_id(e: &Element, keys: &[&str]) -> u64 {
    let own = keys
        .iter()
        .filter_map(|k| e.attribute(k))
        .filter_map(|v| v.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    e.elements()
        .map(|child| max_id(child, keys))
        .max()
        .unwrap_or(0)
        .max(own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Writer;

    fn xml(nodes: &[Node]) -> String {
        let element = Element {
            name: "x-root".into(),
            attributes: Vec::new(),
            children: nodes.to_vec(),
        };
        let mut out = Writer::new(Vec::new());
        element.write(&mut out).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        text.trim_start_matches("<x-root>")
            .trim_end_matches("</x-root>")
            .to_string()
    }

    fn code(name: &str, attributes: &[(&str, &str)], text: &str) -> Node {
        element(
            name,
            attributes
                .iter()
                .map(|(k, v)| (*k, v.to_string()))
                .collect(),
            vec![Node::Text(text.into())],
        )
    }

    #[test]
    fn tmx_codes_become_xliff_codes_and_back() {
        let seg = Element {
            name: "seg".into(),
            attributes: Vec::new(),
            children: vec![
                Node::Text("Click ".into()),
                code("bpt", &[("i", "1"), ("x", "1"), ("type", "bold")], "<b>"),
                Node::Text("Save".into()),
                code("ept", &[("i", "1")], "</b>"),
                code("ph", &[], "<br/>"),
                code("ut", &[], "{\\b }"),
                code("it", &[("pos", "end")], "</i>"),
            ],
        };
        let xliff = tmx_to_xliff(&seg);
        assert_eq!(
            xml(&xliff),
            r#"Click <bpt id="1" ctype="bold">&lt;b&gt;</bpt>Save<ept id="1">&lt;/b&gt;</ept><ph id="2">&lt;br/&gt;</ph><ph id="3">{\b }</ph><it id="4" pos="close">&lt;/i&gt;</it>"#
        );
        let back = xliff_to_tmx(&Element {
            name: "target".into(),
            attributes: Vec::new(),
            children: xliff,
        });
        assert_eq!(
            xml(&back.children),
            r#"Click <bpt i="1" type="bold">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept><ph x="2">&lt;br/&gt;</ph><ph x="3">{\b }</ph><it pos="end" x="4">&lt;/i&gt;</it>"#
        );
        assert_eq!(back.plain(), "Click Save");
    }

    #[test]
    fn xliff_codes_without_native_data_become_tmx_codes() {
        let target = Element {
            name: "target".into(),
            attributes: Vec::new(),
            children: vec![
                Node::Text("Press ".into()),
                element(
                    "g",
                    vec![("id", "1".into()), ("ctype", "bold".into())],
                    vec![Node::Text("OK".into())],
                ),
                element("x", vec![("id", "2".into())], Vec::new()),
                element(
                    "mrk",
                    vec![("mtype", "term".into())],
                    vec![Node::Text("now".into())],
                ),
            ],
        };
        let seg = xliff_to_tmx(&target);
        assert_eq!(
            xml(&seg.children),
            r#"Press <bpt i="1" type="bold">&lt;g id="1" ctype="bold"&gt;</bpt>OK<ept i="1">&lt;/g&gt;</ept><ph x="2">&lt;x id="2"/&gt;</ph><hi type="term">now</hi>"#
        );
        assert_eq!(seg.plain(), "Press OK now");
        assert_eq!(
            seg.text(),
            r#"Press <g id="1" ctype="bold">OK</g><x id="2"/>now"#
        );
    }
}
