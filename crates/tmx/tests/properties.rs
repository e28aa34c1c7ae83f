//! Whatever the text, what the writer writes the reader reads back: the
//! same texts and properties, minus the characters XML 1.0 forbids (which
//! the writer counts).

use proptest::prelude::*;
use tandem_tmx::{Header, SegType, TmxReader, TmxWriter, TranslationUnit, is_xml_char};

/// Any text, weighted towards what XML treats specially.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        2 => prop::sample::select(vec![
            "<", ">", "&", "&amp;", "\"", "'", "]]>", "<!--", "<seg>", "\r", "\r\n", "\n", "\t",
            " ", "  ", "\u{0}", "\u{1}", "\u{b}", "\u{1f}", "\u{7f}", "\u{85}", "\u{fffe}",
            "\u{ffff}", "\u{feff}", "\u{2028}", "中文", "e\u{301}", "😀", "&#13;", "&nbsp;",
        ])
        .prop_map(str::to_string),
        3 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

fn allowed(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn texts_read_back_as_written(
        pairs in prop::collection::vec((text(), text(), text()), 1..6),
    ) {
        let header = Header {
            creation_tool: "tandem".into(),
            creation_tool_version: "test".into(),
            segtype: SegType::Sentence,
            srclang: "en".into(),
            adminlang: "en".into(),
            creation_date: None,
        };
        let mut writer = TmxWriter::new(Vec::new(), &header).unwrap();
        let mut forbidden = 0;
        for (k, (source, target, note)) in pairs.iter().enumerate() {
            forbidden += [source, target, note]
                .iter()
                .map(|t| t.chars().filter(|&c| !is_xml_char(c)).count())
                .sum::<usize>();
            writer
                .write_unit(&TranslationUnit {
                    tuid: k.to_string().into(),
                    props: vec![("x-note".into(), note.as_str().into())],
                    variants: vec![("en".into(), source.as_str().into()), ("zh-CN".into(), target.as_str().into())],
                })
                .unwrap();
        }
        let (bytes, stats) = writer.finish().unwrap();
        prop_assert_eq!(stats.removed_characters, forbidden);
        prop_assert!(std::str::from_utf8(&bytes).is_ok());

        let reader = TmxReader::new(std::io::Cursor::new(bytes)).unwrap();
        let units: Vec<_> = reader.collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(units.len(), pairs.len());
        for (unit, (source, target, note)) in units.iter().zip(&pairs) {
            prop_assert_eq!(&unit.variants[0].lang, "en");
            prop_assert_eq!(&unit.variants[0].text, &allowed(source));
            prop_assert_eq!(&unit.variants[1].lang, "zh-CN");
            prop_assert_eq!(&unit.variants[1].text, &allowed(target));
            prop_assert_eq!(&unit.props, &vec![("x-note".to_string(), allowed(note))]);
        }
    }
}
