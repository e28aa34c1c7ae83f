//! Whatever the texts, an alignment covers every sentence exactly once, in
//! order: beads follow one another without gaps or overlaps, from the first
//! sentence of each side to the last, and every posterior is a probability.

use proptest::prelude::*;
use tandem_align::{Alignment, Options, Section, Sentences, align};

/// A side: paragraphs of sentences made of a few recurring words (so that
/// anchors and the translation model have something to count), some empty.
fn side(words: &'static [&'static str]) -> impl Strategy<Value = Vec<Vec<String>>> {
    let sentence =
        prop::collection::vec(prop::sample::select(words), 0..25).prop_map(|w| w.join(" "));
    let paragraph = prop::collection::vec(sentence, 0..8);
    prop::collection::vec(paragraph, 0..12)
}

const SOURCE_WORDS: &[&str] = &["the", "house", "2024", "river", "tandem", "a", "Mr.", "5%"];
const TARGET_WORDS: &[&str] = &["房子", "河", "2024", "的", "一", "个", "5%", "tandem"];

fn text(paragraphs: &[Vec<String>]) -> Sentences<'_> {
    let mut text = Sentences::default();
    for paragraph in paragraphs {
        let start = text.sentences.len();
        text.sentences.extend(paragraph.iter().map(String::as_str));
        text.paragraphs.push(start..text.sentences.len());
    }
    text
}

fn assert_covers(alignment: &Alignment, src: usize, tgt: usize) -> Result<(), TestCaseError> {
    let (mut i, mut j) = (0, 0);
    for bead in &alignment.beads {
        prop_assert_eq!(
            (bead.src.start, bead.tgt.start),
            (i, j),
            "a gap or an overlap"
        );
        prop_assert!(bead.src.end > i || bead.tgt.end > j, "an empty bead");
        (i, j) = (bead.src.end, bead.tgt.end);
    }
    prop_assert_eq!((i, j), (src, tgt), "sentences left out");
    prop_assert_eq!(alignment.posteriors.len(), alignment.beads.len());
    for &p in &alignment.posteriors {
        prop_assert!((0.0..=1.0 + 1e-9).contains(&p), "posterior {}", p);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn beads_cover_every_sentence_once_in_order(
        src in side(SOURCE_WORDS),
        tgt in side(TARGET_WORDS),
        split_sections in any::<bool>(),
        small_chunks in any::<bool>(),
    ) {
        let (src_text, tgt_text) = (text(&src), text(&tgt));
        let (p, q) = (src_text.paragraphs.len(), tgt_text.paragraphs.len());
        // One section, or two cut in the middle of each side (as an
        // interleaved file's blocks are).
        let sections = if split_sections {
            vec![
                Section { src: 0..p / 2, tgt: 0..q / 2 },
                Section { src: p / 2..p, tgt: q / 2..q },
            ]
        } else {
            vec![Section { src: 0..p, tgt: 0..q }]
        };
        let options = Options {
            chunk_sentences: if small_chunks { 12 } else { 20_000 },
            ..Options::default()
        };
        let alignment = align(&src_text, &tgt_text, &sections, &options);
        assert_covers(&alignment, src_text.sentences.len(), tgt_text.sentences.len())?;
    }

    #[test]
    fn one_side_a_hundred_times_longer(
        src in prop::collection::vec(prop::sample::select(SOURCE_WORDS), 1..6),
        repeat in 1usize..=100,
    ) {
        let source = [vec![src.join(" ")]];
        let target = vec![vec!["房子 的 河".to_string(); repeat]; 1];
        let (src_text, tgt_text) = (text(&source), text(&target));
        let sections = [Section { src: 0..1, tgt: 0..1 }];
        let alignment = align(&src_text, &tgt_text, &sections, &Options::default());
        assert_covers(&alignment, 1, repeat)?;
    }
}
