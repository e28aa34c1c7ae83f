//! Memories read and written back lose nothing (issue 17): every TMX of the
//! test data, files written by translate-toolkit and OmegaT, and a
//! hand-made Trados-style one (UTF-16, TMX 1.4b level 2, header props,
//! notes and a `ude`, every tu and tuv attribute, three languages, every
//! inline element), through `convert` to TMX and `qa --write-tmx`, compare
//! equal as XML to what was read, read by a parser that is not ours
//! (roxmltree), and validate against the DTD when the input does.

use std::path::{Path, PathBuf};

use crate::util::{case, succeeded, tandem, validate, xmllint};

/// Every `.tmx` under `tests/data`.
fn memories() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "tmx") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
        &mut found,
    );
    found.sort();
    found
}

/// A file's text: UTF-16 with or without a byte-order mark, else UTF-8.
fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] | rest @ [b'<', 0, ..] => String::from_utf16(
            &rest
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        [0xFE, 0xFF, rest @ ..] | rest @ [0, b'<', ..] => String::from_utf16(
            &rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        _ => String::from_utf8(bytes).unwrap(),
    }
}

/// A document as canonical lines: one per element (its path, then its
/// attributes sorted) and one per text node. White space between elements
/// outside a segment is layout and left out, as are comments; language
/// tags are compared as BCP 47 compares them (case aside, `_` as `-`),
/// since writers restyle `zh_CN` as `zh-CN`.
fn canonical(xml: &str) -> Vec<String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(xml, options).unwrap();
    let mut lines = Vec::new();
    fn visit(node: roxmltree::Node, path: &str, in_segment: bool, lines: &mut Vec<String>) {
        if node.is_text() {
            let text = node.text().unwrap();
            if in_segment || !text.trim().is_empty() {
                lines.push(format!("{path} text {text:?}"));
            }
            return;
        }
        if !node.is_element() {
            return;
        }
        let name = node.tag_name().name().to_string();
        let path = format!("{path}/{name}");
        let mut attributes: Vec<String> = node
            .attributes()
            .map(|a| {
                let language = matches!(a.name(), "lang" | "srclang" | "adminlang");
                let value = match language {
                    true => a.value().to_ascii_lowercase().replace('_', "-"),
                    false => a.value().to_string(),
                };
                format!("{}={value:?}", a.name())
            })
            .collect();
        attributes.sort();
        lines.push(format!("{path} [{}]", attributes.join(" ")));
        let in_segment = in_segment || name == "seg" || name == "prop" || name == "note";
        for child in node.children() {
            visit(child, &path, in_segment, lines);
        }
    }
    visit(document.root_element(), "", false, &mut lines);
    lines
}

/// Whether xmllint finds `path` valid against the TMX 1.4 DTD.
fn valid(path: &Path) -> bool {
    let dtd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx14.dtd");
    std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--dtdvalid"])
        .arg(dtd)
        .arg(path)
        .output()
        .unwrap()
        .status
        .success()
}

#[test]
fn every_memory_is_written_back_as_it_was() {
    let check_dtd = xmllint();
    let memories = memories();
    let names: Vec<String> = memories
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for needed in [
        "toolkit.tmx",
        "omegat-level2.tmx",
        "omegat-tmx11.tmx",
        "trados-style.tmx",
        "othertool.tmx",
    ] {
        assert!(names.iter().any(|n| n == needed), "{needed} in {names:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    for memory in &memories {
        let read = canonical(&text_of(memory));
        let converted = dir.path().join("converted.tmx");
        succeeded(
            tandem()
                .arg("convert")
                .arg(memory)
                .arg("-o")
                .arg(&converted)
                .output()
                .unwrap(),
        );
        let cleaned = dir.path().join("cleaned.tmx");
        succeeded(
            tandem()
                .args(["qa", "-q"])
                .arg(memory)
                .arg("--write-tmx")
                .arg(&cleaned)
                .output()
                .unwrap(),
        );
        for written in [&converted, &cleaned] {
            let again = canonical(&std::fs::read_to_string(written).unwrap());
            assert_eq!(again, read, "{} written back", memory.display());
            if check_dtd && valid(memory) {
                validate(written);
            }
        }
    }
}

#[test]
fn a_trados_style_memory_keeps_its_codes_attributes_and_languages() {
    let memory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx/trados-style.tmx");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clean.tmx");
    // The unit without German cannot be checked, and is kept; the check
    // reads the text with the codes left out (no numbers-differ for
    // `x="2"`, no false flag from the codes' own text).
    let output = succeeded(
        tandem()
            .args(["qa", "--src-lang", "en-US", "--tgt-lang", "de-DE"])
            .arg(&memory)
            .arg("--write-tmx")
            .arg(&out)
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 unit lacks en-US or de-DE and could not be checked"),
        "{stderr}"
    );
    assert!(stderr.contains("4 units written"), "{stderr}");
    let written = std::fs::read_to_string(&out).unwrap();
    for kept in [
        r#"<bpt i="2" x="2" type="link">&lt;a href="changes.html"&gt;</bpt>"#,
        r#"<sub datatype="html" type="alt">Northwind-Logo</sub>"#,
        r#"<hi type="term" x="2">Serviceportal</hi>"#,
        r#"<it pos="end" x="3" type="italic">&lt;/i&gt;</it>"#,
        "<ut>{\\b </ut>OK<ut>}</ut>",
        "&#13;",
        r#"<ude name="MacRoman" base="Macintosh">"#,
        r#"<tuv xml:lang="fr-FR">"#,
        r#"lastusagedate="20240701T120000Z""#,
        "<note>Checked against the style guide.</note>",
    ] {
        assert!(written.contains(kept), "{kept} not in\n{written}");
    }
}

/// Case 22: a memory from another tool, cleaned, keeps every unit it does
/// not drop exactly as it was; the unit dropped is the only change.
#[test]
fn cleaning_drops_units_and_changes_nothing_else() {
    let memory = case("22-tmx-inline-tags", "othertool.tmx");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clean.tmx");
    succeeded(
        tandem()
            .args(["qa", "-q", "--drop-flag", "untranslated"])
            .arg(&memory)
            .arg("--write-tmx")
            .arg(&out)
            .output()
            .unwrap(),
    );
    let read = text_of(&memory);
    let written = std::fs::read_to_string(&out).unwrap();
    let untranslated = "Please contact our support team for further assistance.";
    assert_eq!(read.matches(untranslated).count(), 2);
    assert!(!written.contains(untranslated), "{written}");
    // Everything else is there, element for element.
    let without = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .filter(|l| !l.contains("further assistance") && !l.contains("20240612T081502Z"))
            .collect()
    };
    let read_lines = without(canonical(&read));
    let written_lines = without(canonical(&written));
    // The dropped unit's own elements (tu, two tuvs, two segs) are gone.
    assert_eq!(read_lines.len() - written_lines.len(), 4, "{written}");
    for kept in [
        r#"creationid="AGENCY\tr07" changedate="20240613T090000Z" usagecount="3""#,
        r#"<bpt i="1" x="1">&lt;b&gt;</bpt>Speichern<ept i="1">&lt;/b&gt;</ept>"#,
        r#"<ph x="1">&lt;br/&gt;</ph>"#,
        r#"<tuv xml:lang="fr-FR"><seg>La période de garantie est de 24 mois.</seg></tuv>"#,
        "This sentence has no German version.",
        r#"datatype="xml""#,
    ] {
        assert!(written.contains(kept), "{kept} not in\n{written}");
    }
}

/// Case 14: tags read in any style are written in BCP 47's form by every
/// writer, and --tmx-lang-style restyles a memory read.
#[test]
fn language_tags_are_written_as_bcp47() {
    let memory = case("14-tmx-underscore-lang", "memory.tmx");
    let dir = tempfile::tempdir().unwrap();
    let languages = |path: &Path| -> Vec<String> {
        let text = std::fs::read_to_string(path).unwrap();
        let mut tags: Vec<String> = text
            .split("lang=\"")
            .skip(1)
            .map(|t| t.split('"').next().unwrap().to_string())
            .collect();
        tags.sort();
        tags.dedup();
        tags
    };
    let cleaned = dir.path().join("cleaned.tmx");
    succeeded(
        tandem()
            .args(["qa", "-q"])
            .arg(&memory)
            .arg("--write-tmx")
            .arg(&cleaned)
            .output()
            .unwrap(),
    );
    assert_eq!(languages(&cleaned), ["en", "en-US", "zh-CN"]);
    for (style, expected) in [
        ("as-given", ["en", "en-US", "zh-CN"]),
        ("region", ["en", "en-US", "zh-CN"]),
        // en-US has no script to keep: it stays as it is.
        ("script", ["en", "en-US", "zh-Hans"]),
    ] {
        let out = dir.path().join(format!("{style}.tmx"));
        succeeded(
            tandem()
                .args(["convert", "-q", "--tmx-lang-style", style])
                .arg(&memory)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap(),
        );
        assert_eq!(languages(&out), expected, "{style}");
    }
    // Other writers too: TSV's header and XLIFF's attributes.
    let tsv = dir.path().join("memory.tsv");
    succeeded(
        tandem()
            .args(["convert", "-q"])
            .arg(&memory)
            .arg("-o")
            .arg(&tsv)
            .output()
            .unwrap(),
    );
    let header = std::fs::read_to_string(&tsv).unwrap();
    assert!(header.starts_with("zh-CN\ten-US\t"), "{header}");
    let xliff = dir.path().join("memory.xlf");
    succeeded(
        tandem()
            .args(["convert", "-q"])
            .arg(&memory)
            .arg("-o")
            .arg(&xliff)
            .output()
            .unwrap(),
    );
    let xliff = std::fs::read_to_string(&xliff).unwrap();
    assert!(
        xliff.contains(r#"source-language="zh-CN" target-language="en-US""#),
        "{xliff}"
    );
}

/// Inline codes survive TMX → XLIFF → TMX as elements: XLIFF 1.2's
/// `bpt`/`ept`/`ph`/`it`/`sub`/`mrk` on the way, TMX's again on return, the
/// TMX valid against the DTD.
#[test]
fn inline_codes_survive_xliff_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let xliff = dir.path().join("memory.xlf");
    let back = dir.path().join("back.tmx");
    let memory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx/trados-style.tmx");
    for (from, to) in [(memory.as_path(), &xliff), (xliff.as_path(), &back)] {
        succeeded(
            tandem()
                .args([
                    "convert",
                    "-q",
                    "--src-lang",
                    "en-US",
                    "--tgt-lang",
                    "de-DE",
                ])
                .arg(from)
                .arg("-o")
                .arg(to)
                .output()
                .unwrap(),
        );
    }
    let xliff = std::fs::read_to_string(&xliff).unwrap();
    for code in [
        r#"<bpt id="1" ctype="bold">&lt;b&gt;</bpt>Speichern<ept id="1">&lt;/b&gt;</ept>"#,
        r#"<ph id="1" ctype="x-image">&lt;img src="logo.png" alt="<sub datatype="html" ctype="x-alt">Northwind-Logo</sub>"/&gt;</ph>"#,
        r#"<mrk mtype="x-term">Serviceportal</mrk>"#,
        r#"<it id="3" pos="close" ctype="italic">&lt;/i&gt;</it>"#,
    ] {
        assert!(xliff.contains(code), "{code} not in\n{xliff}");
    }
    let back_text = std::fs::read_to_string(&back).unwrap();
    for code in [
        r#"<bpt i="1" type="bold">&lt;b&gt;</bpt>Speichern<ept i="1">&lt;/b&gt;</ept>"#,
        r#"<hi type="term">Serviceportal</hi>"#,
        r#"<sub datatype="html" type="alt">Northwind-Logo</sub>"#,
        r#"<it pos="end" x="3" type="italic">&lt;/i&gt;</it>"#,
    ] {
        assert!(back_text.contains(code), "{code} not in\n{back_text}");
    }
    if xmllint() {
        validate(&back);
    }
}

/// XLIFF from another tool, with its codes that carry no native data (`g`,
/// `x`, `bx`, `ex`): TMX codes whose native text is the XLIFF tag.
#[test]
fn xliff_codes_without_native_data_become_tmx_codes() {
    let dir = tempfile::tempdir().unwrap();
    let xliff = dir.path().join("other.xlf");
    std::fs::write(
        &xliff,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.html" source-language="en" target-language="fr" datatype="html"><body>
<trans-unit id="t1"><source>Click <g id="1" ctype="bold">Save</g> now.<x id="2"/></source><target>Cliquez sur <g id="1" ctype="bold">Enregistrer</g> maintenant.<x id="2"/></target></trans-unit>
<trans-unit id="t2"><source><bx id="3"/>Open<ex id="4" rid="3"/></source><target><bx id="3"/>Ouvrir<ex id="4" rid="3"/></target></trans-unit>
</body></file></xliff>"#,
    )
    .unwrap();
    let tmx = dir.path().join("other.tmx");
    succeeded(
        tandem()
            .args(["convert", "-q"])
            .arg(&xliff)
            .arg("-o")
            .arg(&tmx)
            .output()
            .unwrap(),
    );
    let text = std::fs::read_to_string(&tmx).unwrap();
    for code in [
        r#"Cliquez sur <bpt i="1" type="bold">&lt;g id="1" ctype="bold"&gt;</bpt>Enregistrer<ept i="1">&lt;/g&gt;</ept> maintenant.<ph x="2">&lt;x id="2"/&gt;</ph>"#,
        r#"<bpt i="3">&lt;bx id="3"/&gt;</bpt>Ouvrir<ept i="3">&lt;ex id="4" rid="3"/&gt;</ept>"#,
    ] {
        assert!(text.contains(code), "{code} not in\n{text}");
    }
    if xmllint() {
        validate(&tmx);
    }
}

/// A conversion to a format with less room says what it left out: the
/// notes, props and other languages XLIFF, TSV and JSONL cannot hold, and
/// inline codes written as text.
#[test]
fn conversions_say_what_the_output_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    let memory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tmx/trados-style.tmx");
    let converted = |name: &str| -> String {
        let output = tandem()
            .args(["convert", "--src-lang", "en-US", "--tgt-lang", "de-DE"])
            .arg(&memory)
            .arg("-o")
            .arg(dir.path().join(name))
            .output()
            .unwrap();
        String::from_utf8(succeeded(output).stderr).unwrap()
    };
    let xliff = converted("memory.xlf");
    for lost in [
        "XLIFF has no room for the notes of 1 unit, the props of 1 unit, ",
        "1 variant besides the pair's (fr-FR), ",
        "the attributes (dates, authors, usage counts …) of 2 units, ",
        "the header's props and notes: left out",
    ] {
        assert!(xliff.contains(lost), "{lost} not in {xliff}");
    }
    assert!(!xliff.contains("written as the native code"), "{xliff}");
    let tsv = converted("memory.tsv");
    assert!(
        tsv.contains("TSV has no room for the notes of 1 unit, the props of 1 unit"),
        "{tsv}"
    );
    assert!(
        tsv.contains("the inline codes of 3 units written as the native code they hold"),
        "{tsv}"
    );
    // JSONL keeps every prop.
    let jsonl = converted("memory.jsonl");
    assert!(!jsonl.contains("the props of"), "{jsonl}");
    assert!(jsonl.contains("the notes of 1 unit"), "{jsonl}");
    // TMX to TMX loses nothing and says so.
    let tmx = converted("memory.tmx");
    assert!(tmx.contains("every language and inline code kept"), "{tmx}");
    // From standard input, read once, the same is said.
    let output = succeeded(
        tandem()
            .args([
                "convert",
                "-",
                "--from",
                "tmx",
                "--src-lang",
                "en-US",
                "--tgt-lang",
                "de-DE",
                "-o",
            ])
            .arg(dir.path().join("stdin.tsv"))
            .write_stdin(std::fs::read(&memory).unwrap())
            .output()
            .unwrap(),
    );
    let stdin = String::from_utf8(output.stderr).unwrap();
    assert!(
        stdin.contains("TSV has no room for the notes of 1 unit"),
        "{stdin}"
    );
}

/// XLIFF units without a target (not translated, `translate="no"`) make no
/// pair of a memory: left out, and said so.
#[test]
fn xliff_units_without_a_target_are_left_out_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let xliff = dir.path().join("other.xlf");
    std::fs::write(
        &xliff,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="ui.html" source-language="en" target-language="de" datatype="html"><body>
<trans-unit id="1"><source>Save</source><target>Speichern</target></trans-unit>
<trans-unit id="2" translate="no"><source>Northwind</source></trans-unit>
</body></file></xliff>"#,
    )
    .unwrap();
    let output = succeeded(
        tandem()
            .arg("convert")
            .arg(&xliff)
            .arg("-o")
            .arg(dir.path().join("other.tmx"))
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("1 unit (en → de) converted from XLIFF to TMX, inline codes kept; 1 unit without a target left out"),
        "{stderr}"
    );
    let tmx = std::fs::read_to_string(dir.path().join("other.tmx")).unwrap();
    assert!(!tmx.contains("Northwind"), "{tmx}");
}
