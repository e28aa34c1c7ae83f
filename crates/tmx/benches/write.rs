//! TMX writing speed: 100,000 Chinese–English units with props, escaped
//! and streamed to a sink. Run: `cargo bench -p tandem-tmx --bench write`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tandem_tmx::{Header, SegType, TmxWriter, TranslationUnit};

fn bench(c: &mut Criterion) {
    let header = Header {
        creation_tool: "bench".into(),
        creation_tool_version: "1".into(),
        segtype: SegType::Sentence,
        srclang: "zh-CN".into(),
        adminlang: "en".into(),
        creation_date: Some("20240121T000000Z".into()),
    };
    let units: Vec<TranslationUnit> = (0..100_000)
        .map(|k| TranslationUnit {
            tuid: k.to_string().into(),
            props: vec![
                ("x-confidence".into(), "0.9731".into()),
                ("x-document".into(), "report.txt".into()),
            ],
            variants: vec![
                (
                    "zh-CN".into(),
                    format!("第{k}条:加强城市安全<建设>与“服务”水平。").into(),
                ),
                (
                    "en".into(),
                    format!("Article {k}: strengthen urban safety & <service> levels.").into(),
                ),
            ],
        })
        .collect();
    let mut group = c.benchmark_group("write TMX");
    group.sample_size(10);
    group.throughput(Throughput::Elements(units.len() as u64));
    group.bench_function("100,000 units", |b| {
        b.iter(|| {
            let mut writer = TmxWriter::new(std::io::sink(), &header).unwrap();
            for unit in &units {
                writer.write_unit(unit).unwrap();
            }
            writer.finish().unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
