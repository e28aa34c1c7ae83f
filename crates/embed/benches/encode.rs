//! The encoder's throughput: pieces per second for a batch of sentences
//! (the 250 sentences of the parity test, in six languages, repeated), and
//! the vectors of runs of 1 to 5 sentences finished from their pools, as the
//! aligner asks for them. Cost grows linearly with the pieces.
//! Needs the model: `TANDEM_MODEL_DIR=DIR cargo bench -p tandem-embed`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tandem_embed::{Encoder, ModelSource};

fn bench(c: &mut Criterion) {
    let Some(dir) = std::env::var_os("TANDEM_MODEL_DIR") else {
        eprintln!("TANDEM_MODEL_DIR is not set: no encoder to measure");
        return;
    };
    let encoder = Encoder::load(&ModelSource::find(dir.as_ref()).expect("a model"))
        .expect("a loadable model");
    let text = include_str!("../tests/data/sentences.tsv");
    let sentences: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(_, s)| s))
        .collect();
    let mut group = c.benchmark_group("encode");
    group.sample_size(10);
    for repeat in [1, 8] {
        let texts: Vec<String> = (0..repeat)
            .flat_map(|r| sentences.iter().map(move |s| format!("{s} ({r})")))
            .collect();
        let pieces: usize = texts
            .iter()
            .map(|t| encoder.tokenizer().encode(t).len())
            .sum();
        group.throughput(Throughput::Elements(pieces as u64));
        group.bench_with_input(
            BenchmarkId::new("sentences", texts.len()),
            &texts,
            |b, t| b.iter(|| encoder.encode(t)),
        );
        let runs: Vec<_> = (1..=5)
            .flat_map(|k| (0..=texts.len() - k).map(move |i| i..i + k))
            .collect();
        group.bench_with_input(
            BenchmarkId::new("pool and runs of 1 to 5", texts.len()),
            &texts,
            |b, t| b.iter(|| encoder.combine(&encoder.pool(t), &runs)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
