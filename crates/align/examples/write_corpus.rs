//! Writes the synthetic benchmark corpus of `benches/corpus.rs` to files,
//! for end-to-end benchmarks of the `tandem` binary:
//!
//! `cargo run --release -p tandem-align --example write_corpus -- DIR`
//!
//! writes `DIR/{10k,100k,1m}.{en,zh}.txt` (one sentence per line, about
//! that many sentences per side) with `DIR/{10k,100k,1m}.truth` (the
//! generator's alignment, `[src ids]:[tgt ids]` per bead), and
//! `DIR/docs/`, 2,000 small document pairs (`docNNNN.en.txt` and
//! `docNNNN.zh.txt`, 20 to 120 sentences each) for `tandem batch`.
//! Sizes can be chosen: `-- DIR 10000 100000`.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

fn write_lines(path: &Path, lines: &[String]) -> std::io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()
}

fn label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}m", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: write_corpus DIR [SIZES...]");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    fs::create_dir_all(dir.join("docs"))?;
    let sizes: Vec<usize> = args[1..].iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    for n in sizes {
        let (src, tgt, truth) = corpus::corpus(n, n as u64);
        let name = label(n);
        write_lines(&dir.join(format!("{name}.en.txt")), &src)?;
        write_lines(&dir.join(format!("{name}.zh.txt")), &tgt)?;
        let ids = |r: &std::ops::Range<usize>| {
            r.clone()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let beads: Vec<String> = truth
            .iter()
            .map(|(s, t)| format!("[{}]:[{}]", ids(s), ids(t)))
            .collect();
        write_lines(&dir.join(format!("{name}.truth")), &beads)?;
    }
    for k in 0..2_000 {
        let n = 20 + (k * 37) % 101;
        let (src, tgt, _) = corpus::corpus(n, 1_000_000 + k as u64);
        write_lines(&dir.join(format!("docs/doc{k:04}.en.txt")), &src)?;
        write_lines(&dir.join(format!("docs/doc{k:04}.zh.txt")), &tgt)?;
    }
    Ok(())
}
