//! Every format's writer and reader: what is written, and what comes back.

use super::*;
use crate::testing::FailsToFlush;
use tandem_score::{Flag, FlagKind};

const DATE: &str = "20240121T080000Z";

fn info(document: Option<&str>) -> MemoryInfo<'_> {
    MemoryInfo {
        src_lang: "zh-CN",
        tgt_lang: "en",
        document,
        segtype: SegType::Sentence,
        creation_date: DATE,
    }
}

/// A memory with what formats find hard: tabs, line ends, backslashes,
/// markup, a unit without an id.
fn memory() -> Memory {
    let mut memory = Memory::new("zh-CN".into(), "en".into());
    memory.units = vec![
        MemoryUnit {
            id: Some("7".into()),
            source: "北京\t市".into(),
            target: "Beijing <b>City</b> & \\n\r\nnext".into(),
            props: vec![
                ("x-confidence".into(), "0.9370".into()),
                ("x-flags".into(), "numbers-differ,weak".into()),
                ("x-document".into(), "report.txt".into()),
            ],
        },
        MemoryUnit {
            id: None,
            source: "谢谢。".into(),
            target: "Thank you.".into(),
            props: vec![],
        },
    ];
    memory
}

fn written(format: Format, memory: &Memory) -> String {
    let mut out = Vec::new();
    let removed = memory
        .write_to(writer(format, Outputs::One(Box::new(&mut out)), &info(None)).unwrap())
        .unwrap();
    // Nothing here is a character XML forbids.
    assert_eq!(removed, 0, "{format:?}");
    String::from_utf8(out).unwrap()
}

fn reread(format: Format, text: &str) -> Memory {
    match format {
        Format::Tmx => tmx::read(text.as_bytes(), (None, None)),
        Format::Xliff => xliff::read(text.as_bytes(), (None, None)),
        Format::Tsv => tsv::read(text, (None, None)),
        Format::Jsonl => jsonl::read(text, (None, None)),
        _ => unreachable!(),
    }
    .unwrap()
}

#[test]
fn tmx_and_jsonl_keep_everything() {
    let memory = memory();
    for format in [Format::Tmx, Format::Jsonl] {
        let back = reread(format, &written(format, &memory));
        assert_eq!(back.src_lang, "zh-CN");
        assert_eq!(back.units.len(), 2);
        assert_eq!(back.units[0], memory.units[0], "{format:?}");
        // A unit without an id gets its number.
        assert_eq!(back.units[1].id.as_deref(), Some("2"), "{format:?}");
        assert_eq!(back.units[1].target, "Thank you.");
    }
}

#[test]
fn xml_writers_count_the_characters_xml_forbids() {
    let mut memory = memory();
    memory.units[1].target = "Thank\u{1} you.\u{b}".into();
    for format in [Format::Tmx, Format::Xliff] {
        let mut out = Vec::new();
        let removed = memory
            .write_to(writer(format, Outputs::One(Box::new(&mut out)), &info(None)).unwrap())
            .unwrap();
        assert_eq!(removed, 2, "{format:?}");
        assert!(String::from_utf8(out).unwrap().contains("Thank you."));
    }
}

#[test]
fn tsv_and_xliff_keep_texts_confidence_and_flags() {
    let memory = memory();
    for format in [Format::Tsv, Format::Xliff] {
        let back = reread(format, &written(format, &memory));
        assert_eq!(
            (back.src_lang.as_str(), back.tgt_lang.as_str()),
            ("zh-CN", "en")
        );
        let first = &back.units[0];
        assert_eq!(
            (first.source.as_str(), first.target.as_str()),
            ("北京\t市", "Beijing <b>City</b> & \\n\r\nnext"),
            "{format:?}"
        );
        assert_eq!(
            first.props,
            [
                ("x-confidence".to_string(), "0.9370".to_string()),
                ("x-flags".to_string(), "numbers-differ,weak".to_string())
            ],
            "{format:?}"
        );
        assert!(back.units[1].props.is_empty());
    }
    let tsv = written(Format::Tsv, &memory);
    assert_eq!(
        tsv,
        "zh-CN\ten\tconfidence\tflags\n北京\\t市\tBeijing <b>City</b> & \\\\n\\r\\nnext\t0.9370\tnumbers-differ,weak\n谢谢。\tThank you.\t\t\n"
    );
    let xliff = written(Format::Xliff, &memory);
    assert!(
        xliff.contains(
            r#"<note from="tandem">confidence 0.9370; flags: numbers-differ,weak</note>"#
        ),
        "{xliff}"
    );
    assert!(xliff.contains(r#"date="2024-01-21T08:00:00Z""#));
    assert!(xliff.contains(r#"original="""#));
}

#[test]
fn moses_writes_a_line_per_unit_and_reads_it_back() {
    let memory = memory();
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    let removed = memory
        .write_to(
            writer(
                Format::Moses,
                Outputs::Two(Box::new(&mut src), Box::new(&mut tgt)),
                &info(None),
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!(removed, 0);
    let (src, tgt) = (
        String::from_utf8(src).unwrap(),
        String::from_utf8(tgt).unwrap(),
    );
    assert_eq!(src, "北京\t市\n谢谢。\n");
    assert_eq!(tgt, "Beijing <b>City</b> & \\n  next\nThank you.\n");
    let back = moses::read(&src, &tgt, ("zh-CN", "en")).unwrap();
    assert_eq!(back.units[1].source, "谢谢。");
    assert!(matches!(
        moses::read("a\nb\n", "c\n", ("zh", "en")),
        Err(MemoryError::MosesLines {
            source_lines: 2,
            target_lines: 1
        })
    ));
    assert!(
        writer(
            Format::Moses,
            Outputs::One(Box::new(Vec::new())),
            &info(None)
        )
        .is_err()
    );
}

#[test]
fn an_aligned_unit_carries_its_bead_into_beads_and_jsonl() {
    let bead = Bead {
        src: 3..5,
        tgt: 4..5,
        cost: 0.0,
    };
    let score = Score {
        confidence: 0.93706,
        flags: vec![Flag::new(FlagKind::Weak, "weak".into())],
    };
    let unit = Unit {
        id: "1".into(),
        source: "第一句。第二句。".into(),
        target: "One.".into(),
        props: quality_props(&score),
        segments: None,
        aligned: Some(AlignedUnit {
            number: 1,
            bead: &bead,
            score: &score,
            src_lines: Some((4, 5)),
            tgt_lines: Some((7, 7)),
        }),
    };
    let null = Bead {
        src: 5..5,
        tgt: 5..6,
        cost: 0.0,
    };
    let write = |format| {
        let mut out = Vec::new();
        let mut w = writer(
            format,
            Outputs::One(Box::new(&mut out)),
            &info(Some("report.txt")),
        )
        .unwrap();
        w.write(&unit).unwrap();
        w.write_unaligned(
            &null,
            &Score {
                confidence: 0.5,
                flags: vec![],
            },
        )
        .unwrap();
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    };
    assert_eq!(write(Format::Beads), "[3, 4]:[4]:0.9371\n[]:[5]:0.5000\n");
    assert_eq!(
        write(Format::Jsonl),
        r#"{"id":1,"document":"report.txt","src_lang":"zh-CN","tgt_lang":"en","source":"第一句。第二句。","target":"One.","source_sentences":[3,4],"target_sentences":[4],"source_lines":"4-5","target_lines":"7","confidence":0.9371,"flags":["weak"]}"#.to_string() + "\n"
    );
    assert_eq!(
        write(Format::Tsv),
        "zh-CN\ten\tconfidence\tflags\n第一句。第二句。\tOne.\t0.9371\tweak\n"
    );
    // The JSONL of an alignment reads back as the memory its TMX would be.
    let back = jsonl::read(&write(Format::Jsonl), (None, None)).unwrap();
    assert_eq!(
        back.units[0].props,
        [
            ("x-confidence".to_string(), "0.9371".to_string()),
            ("x-flags".to_string(), "weak".to_string()),
            ("x-document".to_string(), "report.txt".to_string())
        ]
    );
    // A memory unit has no bead to write.
    let mut out = Vec::new();
    let mut beads = writer(Format::Beads, Outputs::One(Box::new(&mut out)), &info(None)).unwrap();
    assert!(
        beads
            .write(&Unit {
                aligned: None,
                ..unit.clone()
            })
            .is_err()
    );
}

#[test]
fn languages_given_are_the_memorys() {
    // Both given: the file is not asked, even when it has no unit.
    let empty = tmx::read(
        b"<tmx><header/><body></body></tmx>",
        (Some("de"), Some("fr")),
    )
    .unwrap();
    assert_eq!(
        (
            empty.src_lang.as_str(),
            empty.tgt_lang.as_str(),
            empty.units.len()
        ),
        ("de", "fr", 0)
    );
    // JSONL needs both: one given, the other missing from the file, is an error.
    let unit = r#"{"src_lang":"","tgt_lang":"","source":"a","target":"b"}"#;
    assert!(matches!(
        jsonl::read(unit, (Some("de"), None)),
        Err(MemoryError::NoLanguages)
    ));
}

#[test]
fn formats_have_their_names() {
    let names: Vec<(&str, &str, &str)> = Format::ALL
        .iter()
        .map(|f| (f.name(), f.title(), f.extension()))
        .collect();
    assert_eq!(
        names,
        [
            ("tmx", "TMX", "tmx"),
            ("tsv", "TSV", "tsv"),
            ("jsonl", "JSONL", "jsonl"),
            ("beads", "beads", "beads"),
            ("xliff", "XLIFF", "xlf"),
            ("moses", "Moses", "")
        ]
    );
}

#[test]
fn readers_say_what_is_wrong() {
    assert!(matches!(
        tsv::read("no tags\tat all\n", (None, None)),
        Err(MemoryError::TsvHeader)
    ));
    assert!(matches!(
        tsv::read("zh\ten\nonly one field\n", (None, None)),
        Err(MemoryError::TsvLine(2))
    ));
    // Given languages stand in for a header of column names, or for none.
    assert_eq!(
        tsv::read("Source\tTarget\na\tb\n", (Some("de"), Some("fr")))
            .unwrap()
            .units
            .len(),
        1
    );
    assert_eq!(
        tsv::read(
            "Hallo Welt.\tBonjour le monde.\na\tb\n",
            (Some("de"), Some("fr"))
        )
        .unwrap()
        .units
        .len(),
        2
    );
    assert!(matches!(
        jsonl::read("\n{\"source\": 1}\n", (None, None)),
        Err(MemoryError::Json { line: 2, .. })
    ));
    let unit = r#"{"src_lang":"","tgt_lang":"","source":"a","target":"b"}"#;
    assert!(matches!(
        jsonl::read(unit, (None, None)),
        Err(MemoryError::NoLanguages)
    ));
    assert_eq!(
        jsonl::read(unit, (Some("de"), Some("fr")))
            .unwrap()
            .units
            .len(),
        1
    );
    assert!(matches!(
        tmx::read(b"<tmx><header/><body></body></tmx>", (None, None)),
        Err(MemoryError::Languages(_))
    ));
    assert!(matches!(
        xliff::read(b"<xliff/>", (None, None)),
        Err(MemoryError::Read(_))
    ));
}

#[test]
fn tmx_units_without_both_languages_are_skipped() {
    let tmx = r#"<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="fr"><seg>Un</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Two</seg></tuv></tu>
</body></tmx>"#;
    let memory = tmx::read(tmx.as_bytes(), (None, None)).unwrap();
    assert_eq!((memory.units.len(), memory.skipped), (1, 1));
    assert_eq!(memory.tgt_lang, "fr");
}

#[test]
fn formats_by_name_and_extension() {
    for format in Format::ALL {
        if format != Format::Moses {
            let path = PathBuf::from(format!("out.{}", format.extension().to_uppercase()));
            assert_eq!(Format::from_extension(&path), Some(format), "{path:?}");
        }
    }
    assert_eq!(
        Format::from_extension(Path::new("a.tab")),
        Some(Format::Tsv)
    );
    assert_eq!(
        Format::from_extension(Path::new("a.xliff")),
        Some(Format::Xliff)
    );
    assert_eq!(Format::from_extension(Path::new("a.txt")), None);
    assert_eq!(Format::from_extension(Path::new("a")), None);
    assert!(!Format::Beads.holds_texts() && Format::Moses.holds_texts());
    assert_eq!(
        moses_paths(Path::new("out/corpus"), "zh-CN", "en"),
        (
            PathBuf::from("out/corpus.zh-CN"),
            PathBuf::from("out/corpus.en")
        )
    );
    assert_eq!(xliff::iso_date("20240121T080000Z"), "2024-01-21T08:00:00Z");
    assert_eq!(xliff::iso_date("2024-01-21"), "2024-01-21");
}

#[test]
fn tsv_fields_round_trip() {
    for text in [
        "a\tb",
        "line\nbreak\r\n",
        "back\\slash \\t literal",
        "",
        "\\",
        "\\x",
    ] {
        assert_eq!(tsv::unescape(&tsv::escape(text)), text);
    }
    assert_eq!(tsv::escape("a\tb\nc\\d\r"), "a\\tb\\nc\\\\d\\r");
    assert_eq!(beads::id_list(&(3..5)), "[3, 4]");
    assert_eq!(beads::id_list(&(2..2)), "[]");
}

#[test]
fn xliff_notes_of_other_tools_are_kept() {
    let xliff = r#"<xliff version="1.2"><file source-language="de" target-language="fr"><body>
<trans-unit id="a"><source>Ja.</source><target>Oui.</target><note>checked by Anna; confidence 0.5000</note></trans-unit>
<trans-unit id=""><source>Nein.</source><target>Non.</target><note></note></trans-unit>
</body></file></xliff>"#;
    let memory = xliff::read(xliff.as_bytes(), (None, None)).unwrap();
    assert_eq!(
        memory.units[0].props,
        [
            ("x-note".to_string(), "checked by Anna".to_string()),
            ("x-confidence".to_string(), "0.5000".to_string())
        ]
    );
    // An empty id is no id; an empty note no property.
    assert_eq!(memory.units[1].id, None);
    assert!(memory.units[1].props.is_empty());
}

#[test]
fn every_writer_reports_a_failed_flush() {
    for format in Format::ALL {
        let outputs = match format {
            Format::Moses => Outputs::Two(Box::new(FailsToFlush), Box::new(FailsToFlush)),
            _ => Outputs::One(Box::new(FailsToFlush)),
        };
        let writer = writer(format, outputs, &info(None)).unwrap();
        assert!(writer.finish().is_err(), "{format:?}");
    }
}
