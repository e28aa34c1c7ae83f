//! Writes a large synthetic TMX for benchmarks: `cargo run --release -p
//! tandem-tmx --example generate -- UNITS FILE`. Chinese–English pairs of
//! varied lengths built from a fixed vocabulary, one in fifty with a number
//! that differs, one in a hundred repeated: work for every check of `tandem
//! qa`. Deterministic: the same UNITS, the same bytes.

use std::fs::File;
use std::io::BufWriter;

use tandem_tmx::{Header, SegType, TmxWriter, TranslationUnit};

const ZH: [&str; 12] = [
    "政府", "加强", "建设", "城市", "发展", "安全", "服务", "水平", "提高", "推进", "改革", "工作",
];
const EN: [&str; 12] = [
    "government",
    "strengthen",
    "build",
    "city",
    "development",
    "safety",
    "service",
    "level",
    "raise",
    "advance",
    "reform",
    "work",
];

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(units), Some(path)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: generate UNITS FILE");
        std::process::exit(2);
    };
    let header = Header {
        creation_tool: "tandem-generate".into(),
        creation_tool_version: "1".into(),
        segtype: SegType::Sentence,
        srclang: "zh-CN".into(),
        adminlang: "en".into(),
        creation_date: Some("20240121T000000Z".into()),
    };
    let mut writer = TmxWriter::new(BufWriter::new(File::create(path)?), &header)?;
    let mut state: u64 = 42;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut previous: Option<TranslationUnit> = None;
    for k in 0..units {
        // One unit in a hundred repeats the one before it.
        if k % 100 == 99
            && let Some(unit) = previous.take()
        {
            writer.write_unit(&TranslationUnit {
                tuid: (k + 1).to_string().into(),
                ..unit
            })?;
            continue;
        }
        let (mut zh, mut en) = (String::new(), Vec::new());
        for _ in 0..4 + next() % 20 {
            let w = next() % ZH.len();
            zh.push_str(ZH[w]);
            en.push(EN[w]);
        }
        let number = next() % 5000 + 10;
        // One pair in fifty has a number that differs.
        let other = if k % 50 == 7 { number + 1 } else { number };
        zh.push_str(&format!("{number}项。"));
        let mut en = format!("{} {other} items.", en.join(" "));
        en[..1].make_ascii_uppercase();
        let unit = TranslationUnit {
            tuid: (k + 1).to_string().into(),
            props: Vec::new(),
            variants: vec![("zh-CN".into(), zh.into()), ("en".into(), en.into())],
        };
        writer.write_unit(&unit)?;
        previous = Some(unit);
    }
    writer.finish()?;
    Ok(())
}
