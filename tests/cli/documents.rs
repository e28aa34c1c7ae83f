//! Documents other than text (issue 18): a Word document aligns as its
//! text does, and what is not one says what it is.

use std::io::Write;
use std::path::Path;

use crate::util::{pdf_without_text, succeeded, tandem};

const ENGLISH: [&str; 4] = [
    "Northwind Opens a Research Centre",
    "The centre will employ 120 engineers by 2026. It covers 6,400 square metres.",
    "Safe navigation in shared spaces",
    "The first five doctoral candidates start in October.",
];
const GERMAN: [&str; 4] = [
    "Northwind eröffnet ein Forschungszentrum",
    "Das Zentrum wird bis 2026 120 Ingenieure beschäftigen. Es umfasst 6.400 Quadratmeter.",
    "Sichere Navigation in geteilten Räumen",
    "Die ersten fünf Doktoranden beginnen im Oktober.",
];

/// A Word document of `paragraphs`: the first a heading, the third a list
/// item, the last in a table cell, a word of the second in bold, so that
/// the reader meets each kind of structure.
fn word_document(paragraphs: &[&str]) -> Vec<u8> {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;");
    let run = |t: &str| {
        format!(
            r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
            escape(t)
        )
    };
    let (first_word, rest) = paragraphs[1].split_once(' ').unwrap();
    let body = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{}</w:p><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r>{}</w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p><w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>"#,
        run(paragraphs[0]),
        escape(first_word),
        run(&format!(" {rest}")),
        run(paragraphs[2]),
        run(paragraphs[3]),
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The `<seg>`s of a TMX, as written (with their inline codes).
fn coded_segments(tmx: &str) -> Vec<String> {
    tmx.split("<seg>")
        .skip(1)
        .map(|s| s.split("</seg>").next().unwrap().to_string())
        .collect()
}

/// The `<seg>`s of a TMX without their inline codes: the text.
fn segments(tmx: &str) -> Vec<String> {
    coded_segments(tmx)
        .iter()
        .map(|s| without_codes(s))
        .collect()
}

/// A segment's text: each `bpt`, `ept` and `ph` element left out.
fn without_codes(seg: &str) -> String {
    let mut out = String::new();
    let mut rest = seg;
    while let Some(start) = ["<bpt", "<ept", "<ph"]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
    {
        out.push_str(&rest[..start]);
        let name = if rest[start..].starts_with("<ph") {
            "ph"
        } else {
            "bpt"
        };
        let name = if rest[start..].starts_with("<ept") {
            "ept"
        } else {
            name
        };
        let close = format!("</{name}>");
        let end = rest[start..].find(&close).unwrap() + start + close.len();
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn align(dir: &Path, src: &str, tgt: &str, out: &str) -> String {
    succeeded(
        tandem()
            .current_dir(dir)
            .args(["align", src, tgt, "-o", out, "--no-embeddings"])
            .args(["--creation-date", "2024-01-21"])
            .output()
            .unwrap(),
    );
    std::fs::read_to_string(dir.join(out)).unwrap()
}

#[test]
fn a_word_document_aligns_as_its_text_does() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("press.en.docx"), word_document(&ENGLISH)).unwrap();
    std::fs::write(d.join("press.de.docx"), word_document(&GERMAN)).unwrap();
    std::fs::write(d.join("press.en.txt"), ENGLISH.join("\n")).unwrap();
    std::fs::write(d.join("press.de.txt"), GERMAN.join("\n")).unwrap();
    let from_word = align(d, "press.en.docx", "press.de.docx", "word.tmx");
    let from_text = align(d, "press.en.txt", "press.de.txt", "text.tmx");
    assert_eq!(segments(&from_word), segments(&from_text));
    assert!(
        segments(&from_word)
            .contains(&"Das Zentrum wird bis 2026 120 Ingenieure beschäftigen.".to_string()),
        "{from_word}"
    );
    // The bold word is a pair of codes on the side that has it, matched
    // by `x` across; the text file has none.
    let coded = coded_segments(&from_word);
    assert!(
        coded.contains(&r#"<bpt i="1" x="1" type="bold">&lt;w:b/&gt;</bpt>Das<ept i="1">&lt;w:b w:val="0"/&gt;</ept> Zentrum wird bis 2026 120 Ingenieure beschäftigen."#.to_string()),
        "{from_word}"
    );
    // `--tags none` writes the text alone.
    let plain = succeeded(
        tandem()
            .current_dir(d)
            .args(["align", "press.en.docx", "press.de.docx", "--tags", "none"])
            .args(["--no-embeddings", "--creation-date", "2024-01-21"])
            .output()
            .unwrap(),
    );
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert_eq!(coded_segments(&plain), segments(&from_text));
    // A Word file and a text file pair too.
    let mixed = align(d, "press.en.docx", "press.de.txt", "mixed.tmx");
    assert_eq!(segments(&mixed), segments(&from_text));
}

#[test]
fn what_is_not_a_readable_document_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("de.txt"), GERMAN.join("\n")).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    std::fs::write(d.join("archive.docx"), zip.finish().unwrap().into_inner()).unwrap();
    std::fs::write(
        d.join("locked.docx"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    )
    .unwrap();
    std::fs::write(d.join("broken.pdf"), b"%PDF-1.7\n").unwrap();
    std::fs::write(d.join("scan.pdf"), pdf_without_text()).unwrap();
    for (file, message) in [
        (
            "archive.docx",
            "archive.docx: it is a zip archive that is neither a Word document",
        ),
        (
            "locked.docx",
            "locked.docx: it is an encrypted (password-protected) Office document or an old binary .doc",
        ),
        (
            "broken.pdf",
            "broken.pdf: the PDF is damaged or in a form tandem cannot read",
        ),
        (
            "scan.pdf",
            "scan.pdf: the PDF has no text layer (scanned pages?): run OCR on it first",
        ),
    ] {
        let output = tandem()
            .current_dir(d)
            .args(["align", file, "de.txt", "-o", "out.tmx", "--no-embeddings"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{file}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{stderr}");
        assert!(!d.join("out.tmx").exists());
    }
}

/// A web page of `paragraphs`: a heading, a paragraph with a link and an
/// entity, a list item, a table cell; with a script and a style that are
/// not text.
fn web_page(paragraphs: &[&str]) -> String {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;");
    let (first_word, rest) = paragraphs[1].split_once(' ').unwrap();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>h1 {{ color: red }}</style>\
         <script>document.title = \"not text\";</script></head><body>\n\
         <h1>{}</h1>\n<p><a href=\"#\">{}</a>\n{}</p>\n<ul><li>{}</li></ul>\n\
         <table><tr><td>{}</td></tr></table>\n</body></html>\n",
        escape(paragraphs[0]),
        escape(first_word),
        escape(rest),
        escape(paragraphs[2]),
        escape(paragraphs[3]),
    )
}

#[test]
fn a_web_page_aligns_as_its_text_does() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("press.en.html"), web_page(&ENGLISH)).unwrap();
    std::fs::write(d.join("press.de.html"), web_page(&GERMAN)).unwrap();
    std::fs::write(d.join("press.en.txt"), ENGLISH.join("\n")).unwrap();
    std::fs::write(d.join("press.de.txt"), GERMAN.join("\n")).unwrap();
    let from_html = align(d, "press.en.html", "press.de.html", "html.tmx");
    let from_text = align(d, "press.en.txt", "press.de.txt", "text.tmx");
    assert_eq!(segments(&from_html), segments(&from_text));
    assert!(!from_html.contains("not text"), "{from_html}");
    // The markup is codes, never text.
    assert!(
        segments(&from_html).iter().all(|s| !s.contains("&lt;")),
        "{from_html}"
    );
    assert!(
        coded_segments(&from_html).iter().any(|s| s.starts_with(
            r##"<bpt i="1" x="1" type="link">&lt;a href="#"&gt;</bpt>Das<ept i="1">&lt;/a&gt;</ept> Zentrum"##
        )),
        "{from_html}"
    );
}

/// An OpenDocument text of `paragraphs`, each a `text:p`, the first a
/// heading.
fn open_document(paragraphs: &[&str]) -> Vec<u8> {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = format!(
        r#"<text:h text:outline-level="1">{}</text:h>"#,
        escape(paragraphs[0])
    );
    for p in &paragraphs[1..] {
        body.push_str(&format!("<text:p>{}</text:p>", escape(p)));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_opendocument_text_aligns_as_its_text_does() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("press.en.odt"), open_document(&ENGLISH)).unwrap();
    std::fs::write(d.join("press.de.odt"), open_document(&GERMAN)).unwrap();
    std::fs::write(d.join("press.en.txt"), ENGLISH.join("\n")).unwrap();
    std::fs::write(d.join("press.de.txt"), GERMAN.join("\n")).unwrap();
    let from_odt = align(d, "press.en.odt", "press.de.odt", "odt.tmx");
    let from_text = align(d, "press.en.txt", "press.de.txt", "text.tmx");
    assert_eq!(segments(&from_odt), segments(&from_text));
}

/// `batch` pairs documents of any format it reads by name: a Word source
/// with a web page target, beside a text pair.
#[test]
fn batch_pairs_documents_of_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("press.en.docx"), word_document(&ENGLISH)).unwrap();
    std::fs::write(input.join("press.de.html"), web_page(&GERMAN)).unwrap();
    std::fs::write(input.join("plain.en.txt"), ENGLISH.join("\n")).unwrap();
    std::fs::write(input.join("plain.de.txt"), GERMAN.join("\n")).unwrap();
    succeeded(
        tandem()
            .current_dir(dir.path())
            .args([
                "batch",
                "in",
                "-o",
                "out",
                "--src-lang",
                "en",
                "--no-embeddings",
            ])
            .args(["--creation-date", "2024-01-21"])
            .output()
            .unwrap(),
    );
    let out = dir.path().join("out");
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    assert_eq!(segments(&read("press.tmx")), segments(&read("plain.tmx")));
    assert_eq!(segments(&read("press.tmx")).len(), 2 * 5);
}

/// The press release fixtures (tests/data/documents, made by make.py).
fn press(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/documents")
        .join(name)
}

/// The press release in each format aligns to the units of its text
/// version (notes after their paragraph, table cells one a line), the
/// formatting as codes on top.
#[test]
fn the_press_release_aligns_alike_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let memory = |format: &str| {
        let out = format!("press.{format}.tmx");
        succeeded(
            tandem()
                .current_dir(d)
                .arg("align")
                .arg(press(&format!("press.en.{format}")))
                .arg(press(&format!("press.de.{format}")))
                .args(["-o", &out, "--creation-date", "2024-01-21"])
                .output()
                .unwrap(),
        );
        std::fs::read_to_string(d.join(out)).unwrap()
    };
    let text = memory("txt");
    assert_eq!(segments(&text).len(), 40, "{text}");
    for format in ["docx", "html", "odt", "md", "pdf"] {
        let document = memory(format);
        assert_eq!(segments(&document), segments(&text), "{format}");
        let coded = coded_segments(&document);
        if format != "pdf" {
            assert!(
                coded
                    .iter()
                    .any(|s| s.contains(">120 Ingenieure<ept i=\"1\">")),
                "{format}: {document}"
            );
        }
    }
    // Where a unit comes from, when it is not the body's reading order.
    let note = r#"<prop type="x-source-origin">footnote 1</prop>"#;
    assert!(memory("docx").contains(note));
    assert!(memory("pdf").contains(r#"<prop type="x-target-origin">page 2</prop>"#));
    assert!(memory("md").contains(note));
    // Mixed pairs: a Word source with a PDF target, a web page with text.
    for (en, de) in [("docx", "pdf"), ("html", "txt")] {
        let out = format!("press.{en}-{de}.tmx");
        succeeded(
            tandem()
                .current_dir(d)
                .arg("align")
                .arg(press(&format!("press.en.{en}")))
                .arg(press(&format!("press.de.{de}")))
                .args(["-o", &out, "--creation-date", "2024-01-21"])
                .output()
                .unwrap(),
        );
        let mixed = std::fs::read_to_string(d.join(out)).unwrap();
        assert_eq!(segments(&mixed), segments(&text), "{en} and {de}");
    }
}

/// Subtitles: each cue a paragraph, its time evidence; a SubRip file pairs
/// with a WebVTT one, a sentence the translation spreads over two cues is
/// one unit, italics are codes.
#[test]
fn subtitles_align_cue_by_cue() {
    let output = succeeded(
        tandem()
            .arg("align")
            .arg(press("film.en.srt"))
            .arg(press("film.de.vtt"))
            .args(["--creation-date", "2024-01-21"])
            .output()
            .unwrap(),
    );
    let memory = String::from_utf8(output.stdout).unwrap();
    let pairs: Vec<(String, String)> = coded_segments(&memory)
        .chunks(2)
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect();
    assert_eq!(pairs.len(), 6, "{memory}");
    // "Fine." is the English cue 4, "Gut." the German cue 5.
    assert!(memory.contains(r#"<prop type="x-source-origin">cue 4</prop>"#));
    assert!(memory.contains(r#"<prop type="x-target-origin">cue 5</prop>"#));
    assert_eq!(
        pairs[2],
        (
            "I told you I would be back before dark, and it is already getting late.".into(),
            "Ich sagte dir, ich bin vor Einbruch der Dunkelheit zurück. Und es wird schon spät."
                .into()
        )
    );
    assert_eq!(
        pairs[4].1,
        r#"<bpt i="1" x="1" type="italic">&lt;i&gt;</bpt>Nimm den Schirm mit.<ept i="1">&lt;/i&gt;</ept>"#
    );
    // A timecode that does not read is an error naming the file and line.
    let dir = tempfile::tempdir().unwrap();
    let broken = std::fs::read_to_string(press("film.en.srt"))
        .unwrap()
        .replace("00:00:03,500 -->", "00:00:0x,500 -->");
    std::fs::write(dir.path().join("broken.srt"), broken).unwrap();
    let output = tandem()
        .current_dir(dir.path())
        .arg("align")
        .arg("broken.srt")
        .arg(press("film.de.vtt"))
        .args(["-o", "out.tmx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(
            "broken.srt: line 6: `00:00:0x,500 --> 00:00:05,000` is not a timing line (start --> end)"
        ),
        "{stderr}"
    );
    assert!(!dir.path().join("out.tmx").exists());
}

/// XLIFF in: a bilingual file is a document whose units are already paired;
/// its sources pair with another file's text; a file without targets given
/// as the target says so.
#[test]
fn xliff_is_read_as_a_pair_or_as_one_side() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = |args: &[&str]| {
        succeeded(
            tandem()
                .current_dir(d)
                .args(args)
                .args(["--creation-date", "2024-01-21"])
                .output()
                .unwrap(),
        )
    };
    let (en, de) = (press("press.en.html"), press("press.de.html"));
    let (en, de) = (en.to_str().unwrap(), de.to_str().unwrap());
    run(&["align", en, de, "-o", "press.xlf"]);
    run(&["align", en, de, "-o", "press.tmx"]);
    run(&["align", "press.xlf", "-o", "again.tmx"]);
    let read = |name: &str| std::fs::read_to_string(d.join(name)).unwrap();
    // The pairs come back as they were, codes and all.
    assert_eq!(
        coded_segments(&read("again.tmx")),
        coded_segments(&read("press.tmx"))
    );
    // Its sources against the German text.
    let text = press("press.de.txt");
    run(&[
        "align",
        "press.xlf",
        text.to_str().unwrap(),
        "-o",
        "side.tmx",
    ]);
    assert_eq!(segments(&read("side.tmx")), segments(&read("press.tmx")));
    // Without targets, as the target: an error naming the file.
    let untranslated = read("press.xlf")
        .split("<target")
        .map(|part| part.split_once("</target>").map_or(part, |(_, rest)| rest))
        .collect::<String>();
    std::fs::write(d.join("untranslated.xlf"), untranslated).unwrap();
    let output = tandem()
        .current_dir(d)
        .args(["align", en, "untranslated.xlf", "-o", "none.tmx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("untranslated.xlf: no unit of the XLIFF file has a translation (<target>)"),
        "{stderr}"
    );
    assert!(!d.join("none.tmx").exists());
}

/// Case 27 of ../shared/cases: a press release as Word, HTML and a PDF a
/// browser printed. Each is read as its text (never its markup, never the
/// PDF's print header and footer or its kerning as spaces), aligned, and
/// written with the formatting as codes where the format has it.
#[test]
fn case_27_documents_are_read_as_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let memory = |format: &str| {
        let out = dir.path().join(format!("{format}.tmx"));
        succeeded(
            tandem()
                .arg("align")
                .arg(crate::util::case(
                    "27-documents",
                    &format!("press.en.{format}"),
                ))
                .arg(crate::util::case(
                    "27-documents",
                    &format!("press.de.{format}"),
                ))
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap(),
        );
        let tmx = std::fs::read_to_string(out).unwrap();
        let flagged = tmx.matches(r#"<prop type="x-flags">"#).count();
        (segments(&tmx), flagged)
    };
    let (word, word_flags) = memory("docx");
    assert_eq!((word.len() / 2, word_flags), (23, 0));
    let (html, _) = memory("html");
    assert_eq!(html.len() / 2, 25);
    for segment in word.iter().chain(&html) {
        assert!(!segment.contains("&lt;"), "markup in {segment}");
    }
    let (pdf, _) = memory("pdf");
    let english: Vec<&String> = pdf.iter().step_by(2).collect();
    for segment in &english {
        for debris in ["file:///", " AM", "Of ficer", "W e ", "Germany .", "1/1"] {
            assert!(!segment.contains(debris), "{debris} in {segment}");
        }
    }
    // The PDF's words are the web page's, in order, but for the page's
    // title (which the browser printed in the header, left out) and the
    // list bullets (never text).
    let words = |segments: Vec<&String>| -> Vec<String> {
        segments
            .iter()
            .flat_map(|s| s.split_whitespace().map(str::to_string))
            .filter(|w| w != "•")
            .collect()
    };
    let page = words(html.iter().step_by(2).collect());
    assert_eq!(words(english), page[1..]);
}

/// The HTML report shows a document's codes as badges where they stand,
/// their native code on hover, in a real browser.
#[test]
fn the_report_shows_codes_as_badges() {
    let Some(chromium) = crate::util::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    succeeded(
        tandem()
            .arg("align")
            .arg(press("press.en.html"))
            .arg(press("press.de.html"))
            .arg("-o")
            .arg(dir.path().join("press.tmx"))
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap(),
    );
    let dom = crate::qa::rendered(&chromium, &report);
    // (Attributes as the browser serializes them: `<` may be escaped.)
    for expected in [
        r#"The centre will employ <span class="badge code" title="#,
        r#">bold</span>120 engineers<span class="badge code" title="#,
        r#">/bold</span> by 2026."#,
        r#">link</span>Pressemappe<span class="badge code""#,
    ] {
        assert!(
            dom.contains(expected),
            "{expected}: {}",
            &dom[..dom.len().min(4000)]
        );
    }
}
