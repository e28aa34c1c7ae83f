//! Sentence segmentation speed: paragraphs of running text in English and
//! Chinese, split by each language's rules. Run:
//! `cargo bench -p tandem-segment --bench segment`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tandem_segment::Segmenter;

/// A paragraph of `sentences` sentences built from a few templates with
/// abbreviations, numbers and quotes, so that the rules have work.
fn paragraph(language: &str, sentences: usize) -> String {
    let templates: &[&str] = match language {
        "zh" => &[
            "今年全市地区生产总值增长5.2%,达到4.37万亿元。",
            "我们将加强“一老一小”服务保障!",
            "如何进一步提高公共服务水平？",
            "第三,推进城市更新行动(2024—2026年)。",
        ],
        _ => &[
            "Dr. Smith arrived at 9 a.m. on Jan. 5, 2024, with 1,100 visitors.",
            "The U.S. delegation said: \"We agree.\"",
            "Is this the 3rd time, e.g. since the meeting in St. Gallen?",
            "Growth reached 5.2% (see Fig. 3), as expected.",
        ],
    };
    (0..sentences)
        .map(|k| templates[k % templates.len()])
        .collect::<Vec<_>>()
        .join(if language == "zh" { "" } else { " " })
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("split 10,000 sentences");
    group.sample_size(20);
    for language in ["en", "zh"] {
        let text = paragraph(language, 10_000);
        let splitter = Segmenter::builtin(language);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(language, |b| b.iter(|| splitter.split(&text).len()));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
