//! Aligns synthetic documents of growing length once each and prints time,
//! sentences per second and strict F1 against the generator's truth:
//! `cargo run --release -p tandem-align --example synthetic -- 1000 10000 100000`.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::collections::HashSet;
use std::time::Instant;

use tandem_align::{Options, Section, Sentences, align};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    println!(
        "{:>9} {:>9} {:>9} {:>12} {:>9}",
        "sentences", "target", "seconds", "sentences/s", "strict F1"
    );
    for n in sizes {
        let (src, tgt, truth) = corpus::corpus(n, n as u64);
        let src_text = Sentences::single_paragraph(src.iter().map(String::as_str).collect());
        let tgt_text = Sentences::single_paragraph(tgt.iter().map(String::as_str).collect());
        let started = Instant::now();
        let alignment = align(
            &src_text,
            &tgt_text,
            &[Section {
                src: 0..1,
                tgt: 0..1,
            }],
            &Options::default(),
        );
        let seconds = started.elapsed().as_secs_f64();
        let gold: HashSet<_> = truth
            .iter()
            .filter(|(s, t)| !s.is_empty() && !t.is_empty())
            .cloned()
            .collect();
        let found: Vec<_> = alignment
            .beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        let pairs: Vec<_> = found
            .iter()
            .filter(|(s, t)| !s.is_empty() && !t.is_empty())
            .collect();
        let right = pairs.iter().filter(|b| gold.contains(**b)).count() as f64;
        let (p, r) = (
            right / pairs.len().max(1) as f64,
            right / gold.len().max(1) as f64,
        );
        println!(
            "{:>9} {:>9} {:>9.2} {:>12.0} {:>9.3}",
            src.len(),
            tgt.len(),
            seconds,
            (src.len() + tgt.len()) as f64 / seconds,
            2.0 * p * r / (p + r)
        );
    }
}
