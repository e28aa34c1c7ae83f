//! Pieces per second of the encoder on the lines of a file:
//! `cargo run --release -p tandem-embed --example throughput -- MODEL_DIR FILE [REPEAT]`.

use std::time::Instant;
use tandem_embed::{Encoder, ModelSource};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, file, rest @ ..] = args.as_slice() else {
        return Err("usage: throughput MODEL_DIR FILE [REPEAT]".into());
    };
    let repeat: usize = rest.first().map_or(Ok(1), |r| r.parse())?;
    let started = Instant::now();
    let encoder = Encoder::load(&ModelSource::find(dir.as_ref())?)?;
    println!("load: {:.2} s", started.elapsed().as_secs_f64());
    let text = std::fs::read_to_string(file)?;
    let lines: Vec<&str> = text
        .lines()
        .cycle()
        .take(text.lines().count() * repeat)
        .collect();
    let pieces: usize = lines
        .iter()
        .map(|l| encoder.tokenizer().encode(l).len())
        .sum();
    let started = Instant::now();
    let vectors = encoder.encode(&lines);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} sentences, {pieces} pieces in {seconds:.2} s: {:.0} pieces/s",
        vectors.len(),
        pieces as f64 / seconds
    );
    Ok(())
}
