//! How alignment time grows with document length, full model on (length,
//! anchors, self-trained translation model), on the synthetic corpus of
//! `corpus.rs`; and with sentence embeddings too (the `Meaning` term),
//! synthetic ones: the encoder's own cost is `tandem-embed`'s bench. And
//! the review editor's realignment after one fix ([`Realigner`]), with
//! and without confirmed pairs bounding it.
//! Run: `cargo bench -p tandem-align --bench align`.

mod corpus;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::ops::Range;
use std::sync::Arc;
use tandem_align::{
    Bead, Decisions, Options, PairEmbeddings, Realigner, Section, Sentences, SideEmbeddings, align,
};

const DIMENSION: usize = 512;

/// Vectors that behave as a sentence encoder's do: each source sentence a
/// random direction, each target sentence its bead's source directions plus
/// as much noise; runs are normalised sums, as the encoder's are close to.
fn embeddings(n: usize, m: usize, truth: &[(Range<usize>, Range<usize>)]) -> PairEmbeddings {
    let mut seed = 99u64;
    let mut noise = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    };
    let src: Vec<Vec<f32>> = (0..n)
        .map(|_| (0..DIMENSION).map(|_| noise()).collect())
        .collect();
    let mut tgt = vec![Vec::new(); m];
    for (s, t) in truth {
        for j in t.clone() {
            tgt[j] = (0..DIMENSION)
                .map(|d| s.clone().map(|i| src[i][d]).sum::<f32>() + noise())
                .collect();
        }
    }
    for v in tgt.iter_mut().filter(|v| v.is_empty()) {
        *v = (0..DIMENSION).map(|_| noise()).collect();
    }
    PairEmbeddings {
        src: side(&src),
        tgt: side(&tgt),
    }
}

fn side(vectors: &[Vec<f32>]) -> SideEmbeddings {
    let runs = (1..=5)
        .map(|k| {
            (0..(vectors.len() + 1).saturating_sub(k))
                .flat_map(|i| {
                    let sum: Vec<f32> = (0..DIMENSION)
                        .map(|d| vectors[i..i + k].iter().map(|v| v[d]).sum())
                        .collect();
                    let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
                    sum.into_iter().map(move |v| v / norm)
                })
                .collect()
        })
        .collect();
    SideEmbeddings::new(DIMENSION, vectors.len(), runs)
}

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

    let mut group = c.benchmark_group("align full model with embeddings");
    group.sample_size(10);
    for n in [1_000, 10_000] {
        let (src, tgt, truth) = corpus::corpus(n, n as u64);
        let options = Options {
            embeddings: Some(Arc::new(embeddings(src.len(), tgt.len(), &truth))),
            ..Options::default()
        };
        let src_text = Sentences::single_paragraph(src.iter().map(String::as_str).collect());
        let tgt_text = Sentences::single_paragraph(tgt.iter().map(String::as_str).collect());
        let sections = [Section::whole(1, 1)];
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| align(&src_text, &tgt_text, &sections, &options))
        });
    }
    group.finish();
}

/// One link in a document of 1,000 or 5,000 sentences per side: realigned
/// with nothing confirmed (the whole document is one stretch, searched
/// near the first alignment), and with everything up to the link confirmed
/// (the stretch from there to the end), as a reviewer working down the
/// document has it.
fn realign_bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("realign after one link");
    group.sample_size(10);
    for n in [1_000, 5_000] {
        let (src, tgt, _) = corpus::corpus(n, n as u64);
        let src_text = Sentences::single_paragraph(src.iter().map(String::as_str).collect());
        let tgt_text = Sentences::single_paragraph(tgt.iter().map(String::as_str).collect());
        let sections = [Section::whole(1, 1)];
        let options = Options::default();
        let first = align(&src_text, &tgt_text, &sections, &options);
        let beads = first.beads.clone();
        let realigner = Realigner::new(&src_text, &tgt_text, &options, first);
        // A link one sentence off the first alignment, in the middle.
        let middle = &beads[beads.len() / 2];
        let link = (middle.src.start, middle.tgt.end);
        let open = Decisions {
            links: vec![link],
            ..Decisions::default()
        };
        let confirmed = Decisions {
            confirmed: beads[..beads.len() / 2 - 1]
                .iter()
                .map(|b| Bead {
                    cost: 0.0,
                    ..b.clone()
                })
                .collect(),
            links: vec![link],
            ..Decisions::default()
        };
        for (name, decisions) in [
            ("nothing confirmed", &open),
            ("confirmed above", &confirmed),
        ] {
            group.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
                b.iter(|| {
                    realigner
                        .realign(&src_text, &tgt_text, &sections, &options, decisions)
                        .unwrap()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench, realign_bench);
criterion_main!(benches);
