//! How alignment time grows with document length, full model on (length,
//! anchors, self-trained translation model), on the synthetic corpus of
//! `corpus.rs`. Run: `cargo bench -p tandem-align --bench align`.

mod corpus;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tandem_align::{Options, Section, Sentences, align};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("align full model");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let (src, tgt, _) = corpus::corpus(n, n as u64);
        let src_text = Sentences::single_paragraph(src.iter().map(String::as_str).collect());
        let tgt_text = Sentences::single_paragraph(tgt.iter().map(String::as_str).collect());
        let sections = [Section {
            src: 0..1,
            tgt: 0..1,
        }];
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| align(&src_text, &tgt_text, &sections, &Options::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
