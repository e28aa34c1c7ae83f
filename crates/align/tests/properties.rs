//! Whatever the texts, an alignment covers every sentence exactly once, in
//! order: beads follow one another without gaps or overlaps, from the first
//! sentence of each side to the last, and every posterior is a probability.
//! No bead crosses a section's border (sections are known to correspond),
//! every bead has a shape the options allow (up to 1-`max_many`), and,
//! unless the document was aligned in chunks, no sentence bead crosses a
//! paragraph bead's border (a chunked alignment reports pass 1's paragraph
//! beads, which the chunks' own passes may cross).

use std::ops::Range;

use proptest::prelude::*;
use tandem_align::{Alignment, Bead, Options, Priors, Section, Sentences, align};

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

fn inside(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Beads inside their sections (and paragraph beads, unless `chunked`), of
/// allowed shapes.
fn assert_respects(
    alignment: &Alignment,
    (src, tgt): (&Sentences<'_>, &Sentences<'_>),
    sections: &[Section],
    (max_many, chunked): (usize, bool),
) -> Result<(), TestCaseError> {
    let allowed = Priors::sentence_default(max_many);
    let within = |bead: &Bead, src_range: Range<usize>, tgt_range: Range<usize>| {
        inside(&bead.src, &src_range) && inside(&bead.tgt, &tgt_range)
    };
    for bead in &alignment.beads {
        prop_assert!(allowed.get(bead.shape()) > 0.0, "a {} bead", bead.shape());
        prop_assert!(
            sections.iter().any(|s| within(
                bead,
                src.sentences_of(s.src.clone()),
                tgt.sentences_of(s.tgt.clone())
            )),
            "{:?} crosses a section",
            bead
        );
        prop_assert!(
            chunked
                || alignment.paragraph_beads.iter().any(|p| within(
                    bead,
                    src.sentences_of(p.src.clone()),
                    tgt.sentences_of(p.tgt.clone())
                )),
            "{:?} crosses a paragraph bead",
            bead
        );
    }
    for paragraph in &alignment.paragraph_beads {
        prop_assert!(
            sections
                .iter()
                .any(|s| within(paragraph, s.src.clone(), s.tgt.clone())),
            "paragraph bead {:?} crosses a section",
            paragraph
        );
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
        max_many in 2usize..=6,
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
            max_many,
            ..Options::default()
        };
        let alignment = align(&src_text, &tgt_text, &sections, &options);
        assert_covers(&alignment, src_text.sentences.len(), tgt_text.sentences.len())?;
        // Chunks are cut only in one-section documents of 1.5 chunks or more.
        let chunked = small_chunks && sections.len() == 1 && src_text.sentences.len() >= 18;
        assert_respects(&alignment, (&src_text, &tgt_text), &sections, (max_many, chunked))?;
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
        assert_respects(&alignment, (&src_text, &tgt_text), &sections, (Options::default().max_many, false))?;
    }
}
