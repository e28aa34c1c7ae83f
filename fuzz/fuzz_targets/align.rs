//! The aligner on random sentence-length sequences: empty sides, one side
//! up to 100 times longer than the other, paragraphs and sections. Whatever
//! the input, the beads cover every sentence exactly once, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_align::{Options, Section, Sentences, align};

/// Sentences of the lengths in `bytes`, made of a few words that recur so
/// that anchors and the translation model see repeated tokens.
fn sentences(bytes: &[u8], words: &[&str]) -> Vec<String> {
    bytes
        .iter()
        .map(|&b| {
            (0..usize::from(b % 40))
                .map(|k| words[(usize::from(b) + k) % words.len()])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Paragraph ranges cut where a length byte is a multiple of 7.
fn paragraphs(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if b % 7 == 0 {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        ranges.push(start..bytes.len());
    }
    ranges
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let cut = usize::from(mode).min(rest.len());
    let (src_bytes, tgt_bytes) = rest.split_at(cut);
    // Mode bit 0: the target is repeated to 100 times the source's length
    // (at most 3,000 sentences, so that the fuzzer keeps its pace).
    let tgt_bytes: Vec<u8> = if mode & 1 == 1 && !tgt_bytes.is_empty() {
        let length = (100 * src_bytes.len().max(1)).min(3000);
        tgt_bytes.iter().copied().cycle().take(length).collect()
    } else {
        tgt_bytes.to_vec()
    };
    let src = sentences(src_bytes, &["the", "house", "2024", "river", "tandem", "a"]);
    let tgt = sentences(&tgt_bytes, &["房子", "河", "2024", "的", "一", "个"]);
    let src_text = Sentences {
        sentences: src.iter().map(String::as_str).collect(),
        paragraphs: paragraphs(src_bytes),
    };
    let tgt_text = Sentences {
        sentences: tgt.iter().map(String::as_str).collect(),
        paragraphs: paragraphs(&tgt_bytes),
    };
    let sections = vec![Section {
        src: 0..src_text.paragraphs.len(),
        tgt: 0..tgt_text.paragraphs.len(),
    }];
    let options = Options {
        // Mode bit 1: small chunks, so that the chunked path runs too.
        chunk_sentences: if mode & 2 == 2 { 40 } else { 20_000 },
        ..Options::default()
    };
    let alignment = align(&src_text, &tgt_text, &sections, &options);
    let (mut i, mut j) = (0, 0);
    for bead in &alignment.beads {
        assert_eq!(
            (bead.src.start, bead.tgt.start),
            (i, j),
            "a gap or an overlap"
        );
        (i, j) = (bead.src.end, bead.tgt.end);
    }
    assert_eq!((i, j), (src.len(), tgt.len()), "sentences left out");
    assert_eq!(alignment.posteriors.len(), alignment.beads.len());
    for p in &alignment.posteriors {
        assert!((0.0..=1.0 + 1e-9).contains(p), "posterior {p}");
    }
});
