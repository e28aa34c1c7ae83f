//! Bilingual files whose paragraphs alternate between two languages.
//!
//! Each paragraph's language is identified by script where the two languages'
//! scripts differ (Chinese and English) and by statistical identification
//! where they do not (German and French). Runs of consecutive paragraphs of
//! one language form a [`Block`]; a block of the file's first language and
//! the block of its second language that follows make a [`Part::Pair`].
//! Anything else (a block with no counterpart, a third language) is kept as
//! a [`Part::Unpaired`], never dropped.

use std::collections::BTreeMap;

use tandem_text::{Identification, LanguageTag, Script, identify, identify_among};

use crate::paragraph::{HardWrap, Paragraph, ParagraphStyle, lines, paragraphs_of_lines};

/// Consecutive paragraphs of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The block's language.
    pub language: LanguageTag,
    /// Its paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
}

impl Block {
    /// 1-based numbers of the block's first and last lines.
    pub fn lines(&self) -> (usize, usize) {
        let first = self.paragraphs.first().map_or(0, |p| p.first_line);
        let last = self.paragraphs.last().map_or(0, |p| p.last_line);
        (first, last)
    }
}

/// A piece of an interleaved file, in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A block of the first language and the block of the second that
    /// follows it: a passage and its translation.
    Pair {
        /// The block in the file's first language.
        first: Block,
        /// The block in the file's second language.
        second: Block,
    },
    /// A block that has no counterpart: the last block of a file, a block
    /// followed by a block of its own language across a third-language one,
    /// or a block in a third language.
    Unpaired {
        /// The block.
        block: Block,
        /// Whether it is in a language other than the file's two.
        other_language: bool,
    },
}

/// An interleaved file, split.
#[derive(Debug, Clone, PartialEq)]
pub struct Interleaved {
    /// The language of the file's first block.
    pub first: LanguageTag,
    /// The other language.
    pub second: LanguageTag,
    /// The file's blocks, paired where they can be, in file order.
    pub parts: Vec<Part>,
    /// Why the file was read by blank lines, when [`ParagraphStyle::Auto`]
    /// found it hard-wrapped.
    pub hard_wrapped: Option<HardWrap>,
}

/// Why a file cannot be split into two languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterleavedError {
    /// No paragraph has letters.
    #[error("no text in any language was found")]
    NoText,
    /// Every paragraph is in the same language.
    #[error(
        "every paragraph is in one language ({0}); an interleaved file alternates paragraphs of two languages"
    )]
    OneLanguage(String),
    /// The languages given are not the file's.
    #[error("the file's languages look like {found}, not {given}")]
    OtherLanguages {
        /// The languages the user gave.
        given: String,
        /// The languages found.
        found: String,
    },
}

// The key that groups paragraphs of one language before their languages are
// known: the language where a script names it, otherwise the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Language(&'static str),
    Script(Script),
}

impl Key {
    fn of(id: &Identification) -> Key {
        match id.script {
            Script::Latin | Script::Cyrillic | Script::Arabic | Script::Devanagari => {
                Key::Script(id.script)
            }
            _ => Key::Language(id.language),
        }
    }
}

/// Splits an interleaved bilingual text into block pairs.
///
/// `languages`, when the user gave them, names the file's two languages (in
/// either order); they decide between languages that share a script.
pub fn split_interleaved(
    text: &str,
    style: ParagraphStyle,
    languages: Option<(&LanguageTag, &LanguageTag)>,
) -> Result<Interleaved, InterleavedError> {
    let lines = lines(text);
    let (style, hard_wrapped) = style.resolve(&lines);
    let paragraphs = paragraphs_of_lines(&lines, style);
    let ids: Vec<Option<Identification>> = paragraphs.iter().map(|p| identify(&p.text)).collect();

    // Weigh each key by its letters; the two heaviest are the file's languages.
    let mut weights: BTreeMap<Key, usize> = BTreeMap::new();
    for (p, id) in paragraphs.iter().zip(&ids) {
        if let Some(id) = id {
            *weights.entry(Key::of(id)).or_default() += p.text.chars().count();
        }
    }
    let mut keys: Vec<(Key, usize)> = weights.into_iter().collect();
    keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    let labels: Vec<Option<&'static str>> = match keys.as_slice() {
        [] => return Err(InterleavedError::NoText),
        [(Key::Language(language), _)] => {
            return Err(InterleavedError::OneLanguage(language.to_string()));
        }
        [(Key::Script(_), _)] => label_shared_script(&paragraphs, &ids, languages)?,
        [(a, _), (b, _), ..] => label_by_script(&paragraphs, &ids, *a, *b),
    };

    let Some(first_language) = labels.iter().flatten().next().copied() else {
        return Err(InterleavedError::NoText);
    };
    let pair_languages = pair_languages(&labels, first_language);
    let Some(second_language) = pair_languages else {
        return Err(InterleavedError::OneLanguage(first_language.to_string()));
    };

    // The written tag of each language comes from all of its text together,
    // unless the user named it.
    let tag_for = |language: &'static str| -> LanguageTag {
        if let Some((a, b)) = languages {
            for given in [a, b] {
                if given.language() == language {
                    return given.clone();
                }
            }
        }
        let all: String = paragraphs
            .iter()
            .zip(&labels)
            .filter(|(_, label)| **label == Some(language))
            .map(|(p, _)| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        identify(&all)
            .filter(|id| id.language == language)
            .map(|id| id.tag())
            .unwrap_or_else(|| {
                LanguageTag::parse(language).expect("identified languages are valid tags")
            })
    };
    let first = tag_for(first_language);
    let second = tag_for(second_language);
    if let Some((a, b)) = languages {
        let found = [first.language(), second.language()];
        if !found.contains(&a.language()) || !found.contains(&b.language()) {
            return Err(InterleavedError::OtherLanguages {
                given: format!("{a} and {b}"),
                found: format!("{first} and {second}"),
            });
        }
    }

    let mut tags: BTreeMap<&'static str, LanguageTag> = BTreeMap::new();
    for &label in labels.iter().flatten() {
        tags.entry(label).or_insert_with(|| tag_for(label));
    }
    let blocks = group_blocks(paragraphs, &labels, &tags);
    Ok(Interleaved {
        parts: pair_blocks(blocks, &first, &second),
        hard_wrapped,
        first,
        second,
    })
}

/// The second language of the file: the most frequent label after the first.
fn pair_languages(labels: &[Option<&'static str>], first: &'static str) -> Option<&'static str> {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for label in labels.iter().flatten().filter(|&&l| l != first) {
        *counts.entry(label).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(language, _)| language)
}

/// Labels paragraphs where the two heaviest keys `a` and `b` are different
/// scripts: each key is one language, the one most of its text is in.
/// Paragraphs of other keys, and those whose own identification confidently
/// says another language of the same script, get their own label.
fn label_by_script(
    paragraphs: &[Paragraph],
    ids: &[Option<Identification>],
    a: Key,
    b: Key,
) -> Vec<Option<&'static str>> {
    let majority = |key: Key| -> &'static str {
        // Short paragraphs are often misidentified: count reliable answers
        // only, unless there are none.
        let mut weight: BTreeMap<&'static str, usize> = BTreeMap::new();
        for reliable_only in [true, false] {
            for (p, id) in paragraphs.iter().zip(ids) {
                if let Some(id) = id
                    .as_ref()
                    .filter(|id| Key::of(id) == key && (id.reliable || !reliable_only))
                {
                    *weight.entry(id.language).or_default() += p.text.chars().count();
                }
            }
            if !weight.is_empty() {
                break;
            }
        }
        weight
            .into_iter()
            .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(x.0)))
            .map(|(language, _)| language)
            .expect("a key with weight has a language")
    };
    let (language_a, language_b) = (majority(a), majority(b));
    ids.iter()
        .map(|id| {
            let id = id.as_ref()?;
            let key = Key::of(id);
            let language = if key == a {
                language_a
            } else if key == b {
                language_b
            } else {
                return Some(id.language);
            };
            // A long paragraph that is surely another language of the script.
            if id.reliable && id.language != language && matches!(key, Key::Script(_)) {
                Some(id.language)
            } else {
                Some(language)
            }
        })
        .collect()
}

/// Labels paragraphs when every paragraph is in one script: the two most
/// frequent languages (or the two the user named) are the file's, each
/// paragraph is identified between the two, and the labels then follow the
/// file's alternation where an identification is unsure
/// ([`follow_alternation`]). A file whose second language holds less than
/// [`MIN_SECOND_SHARE`] of the letters is in one language: a few short
/// lines a statistical identifier misreads do not make a file bilingual.
fn label_shared_script(
    paragraphs: &[Paragraph],
    ids: &[Option<Identification>],
    languages: Option<(&LanguageTag, &LanguageTag)>,
) -> Result<Vec<Option<&'static str>>, InterleavedError> {
    let mut weight: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (p, id) in paragraphs.iter().zip(ids) {
        if let Some(id) = id {
            *weight.entry(id.language).or_default() += p.text.chars().count();
        }
    }
    let mut ranked: Vec<(&'static str, usize)> = weight.into_iter().collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    let candidates: Vec<String> = match languages {
        Some((a, b)) => vec![a.language().to_string(), b.language().to_string()],
        None => match ranked.as_slice() {
            [(only, _)] => return Err(InterleavedError::OneLanguage(only.to_string())),
            [(x, _), (y, _), ..] => vec![x.to_string(), y.to_string()],
            [] => return Err(InterleavedError::NoText),
        },
    };
    let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
    let guesses: Vec<Option<(&'static str, f64)>> = paragraphs
        .iter()
        .zip(ids)
        .map(|(p, id)| {
            id.as_ref()
                .and_then(|_| identify_among(&p.text, &candidates))
        })
        .collect();
    let labels = follow_alternation(&guesses);
    // The shares are counted over the paragraphs whose identification is
    // reliable on its own and agrees with their label: a name or a phone
    // number on a line of its own is a guess, and proves no translation.
    let count = |reliable_only: bool| {
        let mut letters: BTreeMap<&'static str, usize> = BTreeMap::new();
        for ((p, label), id) in paragraphs.iter().zip(&labels).zip(ids) {
            let sure = id
                .as_ref()
                .is_some_and(|id| id.reliable && Some(id.language) == *label);
            if let Some(label) = label.filter(|_| sure || !reliable_only) {
                *letters.entry(label).or_default() +=
                    p.text.chars().filter(|c| c.is_alphabetic()).count();
            }
        }
        letters
    };
    let reliable = count(true);
    let letters = if reliable.is_empty() {
        count(false)
    } else {
        reliable
    };
    let total: usize = letters.values().sum();
    let (first, most) = letters
        .iter()
        .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
        .map(|(l, n)| (*l, *n))
        .ok_or(InterleavedError::NoText)?;
    if ((total - most) as f64) < MIN_SECOND_SHARE * total as f64 {
        return Err(InterleavedError::OneLanguage(first.to_string()));
    }
    Ok(labels)
}

/// The least share of a shared-script file's letters (in paragraphs
/// identified reliably) its second language holds. A translation into a
/// language of the same script is about as long as its original, so a real
/// interleaved file holds near half.
const MIN_SECOND_SHARE: f64 = 0.1;

/// Identification confidence is capped here: even a confident answer on a
/// paragraph can be outweighed by the file's alternation around it.
const MAX_CONFIDENCE: f64 = 0.99;

/// The most likely languages of a file's paragraphs given each one's
/// identification (`None`: no letters, left as is) and the file's rhythm.
///
/// A two-state hidden Markov model, decoded by Viterbi: the hidden state is
/// the paragraph's language; a paragraph identified as language L with
/// confidence c is seen with probability (1 + c) / 2 in state L and
/// (1 − c) / 2 in the other; the chance of switching language between two
/// consecutive paragraphs is the share of switches in the file, counted
/// first in the identifications and then in the decoded labels until they
/// settle (Viterbi training; add-one smoothed). In a file that alternates
/// paragraph by paragraph, a short line identified as the wrong language
/// (a bullet, a heading, a line of names and numbers) is put back in step;
/// in a file of long blocks, the model keeps to the blocks.
fn follow_alternation(guesses: &[Option<(&'static str, f64)>]) -> Vec<Option<&'static str>> {
    let seen: Vec<(usize, &'static str, f64)> = guesses
        .iter()
        .enumerate()
        .filter_map(|(i, g)| g.map(|(language, confidence)| (i, language, confidence)))
        .collect();
    let mut languages: Vec<&'static str> = seen.iter().map(|&(_, l, _)| l).collect();
    languages.sort_unstable();
    languages.dedup();
    let [a, b] = languages[..] else {
        return guesses.iter().map(|g| g.map(|(l, _)| l)).collect();
    };
    let mut path: Vec<&'static str> = seen.iter().map(|&(_, l, _)| l).collect();
    for _ in 0..ALTERNATION_ROUNDS {
        let switches = path.windows(2).filter(|w| w[0] != w[1]).count();
        let p_switch = (switches as f64 + 1.0) / (path.len() as f64 + 1.0);
        let next = viterbi(&seen, [a, b], p_switch);
        if next == path {
            break;
        }
        path = next;
    }
    let mut labels = vec![None; guesses.len()];
    for (&(i, _, _), label) in seen.iter().zip(path) {
        labels[i] = Some(label);
    }
    labels
}

/// Rounds of re-counting the switches in [`follow_alternation`], at most.
const ALTERNATION_ROUNDS: usize = 5;

/// The cheapest sequence of `states` for the identifications `seen`
/// (index, language, confidence), switching with probability `p_switch`.
fn viterbi(
    seen: &[(usize, &'static str, f64)],
    states: [&'static str; 2],
    p_switch: f64,
) -> Vec<&'static str> {
    let (stay, switch) = (-(1.0 - p_switch).ln(), -p_switch.ln());
    let emission = |language: &str, confidence: f64, state: &str| {
        let c = confidence.clamp(0.0, MAX_CONFIDENCE);
        -(if language == state { 1.0 + c } else { 1.0 - c } / 2.0).ln()
    };
    // cost[k]: the cheapest labelling so far that ends in state k;
    // back[t][k]: the state before it.
    let mut cost = states.map(|state| emission(seen[0].1, seen[0].2, state));
    let mut back: Vec<[usize; 2]> = Vec::with_capacity(seen.len());
    back.push([0, 1]);
    for &(_, language, confidence) in &seen[1..] {
        let mut next = [0.0; 2];
        let mut from = [0; 2];
        for (k, state) in states.iter().enumerate() {
            let via = |j: usize| cost[j] + if j == k { stay } else { switch };
            from[k] = if via(k) <= via(1 - k) { k } else { 1 - k };
            next[k] = via(from[k]) + emission(language, confidence, state);
        }
        cost = next;
        back.push(from);
    }
    let mut state = if cost[0] <= cost[1] { 0 } else { 1 };
    let mut path = vec![states[0]; seen.len()];
    for t in (0..seen.len()).rev() {
        path[t] = states[state];
        state = back[t][state];
    }
    path
}

/// Groups consecutive paragraphs of one language into blocks. A paragraph
/// without letters (a number, a rule of dashes) joins the block before it,
/// or the one after it at the start of the file.
fn group_blocks(
    paragraphs: Vec<Paragraph>,
    labels: &[Option<&'static str>],
    tags: &BTreeMap<&'static str, LanguageTag>,
) -> Vec<Block> {
    let first_label = labels.iter().flatten().next().copied();
    let mut blocks: Vec<(&'static str, Vec<Paragraph>)> = Vec::new();
    for (paragraph, label) in paragraphs.into_iter().zip(labels) {
        let label = label
            .or_else(|| blocks.last().map(|(l, _)| *l))
            .or(first_label);
        let Some(label) = label else { continue };
        match blocks.last_mut() {
            Some((l, ps)) if *l == label => ps.push(paragraph),
            _ => blocks.push((label, vec![paragraph])),
        }
    }
    blocks
        .into_iter()
        .map(|(label, paragraphs)| Block {
            language: tags[label].clone(),
            paragraphs,
        })
        .collect()
}

/// Pairs each block of the first language with the next block when that is
/// of the second language.
fn pair_blocks(blocks: Vec<Block>, first: &LanguageTag, second: &LanguageTag) -> Vec<Part> {
    let is = |block: &Block, tag: &LanguageTag| block.language.same_language(tag);
    let mut parts = Vec::new();
    let mut pending: Option<Block> = None;
    for block in blocks {
        if is(&block, first) {
            if let Some(unpaired) = pending.take() {
                parts.push(Part::Unpaired {
                    block: unpaired,
                    other_language: false,
                });
            }
            pending = Some(block);
        } else if is(&block, second) {
            match pending.take() {
                Some(first_block) => parts.push(Part::Pair {
                    first: first_block,
                    second: block,
                }),
                None => parts.push(Part::Unpaired {
                    block,
                    other_language: false,
                }),
            }
        } else {
            parts.push(Part::Unpaired {
                block,
                other_language: true,
            });
        }
    }
    if let Some(unpaired) = pending {
        parts.push(Part::Unpaired {
            block: unpaired,
            other_language: false,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Interleaved {
        split_interleaved(text, ParagraphStyle::Line, None).unwrap()
    }

    fn line_ranges(parts: &[Part]) -> Vec<String> {
        parts
            .iter()
            .map(|part| match part {
                Part::Pair { first, second } => {
                    format!("{:?}+{:?}", first.lines(), second.lines())
                }
                Part::Unpaired {
                    block,
                    other_language,
                } => {
                    format!(
                        "{:?}{}",
                        block.lines(),
                        if *other_language { "?" } else { "!" }
                    )
                }
            })
            .collect()
    }

    const TITLE: &str = "政 府 工 作 报 告\n——2024年1月21日在北京市第十六届\n人民代表大会第二次会议上\n北京市市长 殷 勇\nREPORT ON THE WORK OF THE GOVERNMENT\nDelivered at the Second Session of the Sixteenth Beijing Municipal\nPeople's Congress on January 21, 2024\nYin Yong, Mayor of Beijing\n二、2024年重点任务\nII Major Tasks for 2024\n各位代表!\nFellow Deputies,\n";

    #[test]
    fn runs_of_lines_become_one_block_pair() {
        let file = split(TITLE);
        assert_eq!(file.first.as_str(), "zh-CN");
        assert_eq!(file.second.as_str(), "en");
        assert_eq!(
            line_ranges(&file.parts),
            ["(1, 4)+(5, 8)", "(9, 9)+(10, 10)", "(11, 11)+(12, 12)"]
        );
        let Part::Pair { first, second } = &file.parts[0] else {
            panic!()
        };
        assert_eq!(first.paragraphs.len(), 4);
        assert_eq!(second.paragraphs[3].text, "Yin Yong, Mayor of Beijing");
    }

    #[test]
    fn a_missing_translation_merges_into_the_neighbouring_block() {
        let text =
            "第一段。\nFirst paragraph.\n第二段。\n第三段。\nThird paragraph.\n第四段没有译文。\n";
        let file = split(text);
        assert_eq!(
            line_ranges(&file.parts),
            ["(1, 1)+(2, 2)", "(3, 4)+(5, 5)", "(6, 6)!"]
        );
    }

    #[test]
    fn a_third_language_is_reported_not_dropped() {
        let text = "这是第一段中文文字。\nThis is the first paragraph, and it is written in English.\nCeci est un paragraphe en français qui n'a rien à faire ici, mais il est assez long pour être reconnu.\n这是第二段中文文字。\nThis is the second paragraph, which the translator wrote in English too.\n";
        let file = split(text);
        assert_eq!(
            line_ranges(&file.parts),
            ["(1, 1)+(2, 2)", "(3, 3)?", "(4, 4)+(5, 5)"]
        );
        let Part::Unpaired { block, .. } = &file.parts[1] else {
            panic!()
        };
        assert_eq!(block.language.as_str(), "fr");
    }

    #[test]
    fn german_and_french_share_a_script() {
        let text = "Die Regierung wird die Sicherheit der Hauptstadt gewährleisten.\nLe gouvernement assurera la sécurité de la capitale.\nDie Berge sind im Winter gefährlich, und viele Wege sind gesperrt.\nLes montagnes sont dangereuses en hiver, et beaucoup de chemins sont fermés.\n";
        let file = split(text);
        assert_eq!((file.first.as_str(), file.second.as_str()), ("de", "fr"));
        assert_eq!(line_ranges(&file.parts), ["(1, 1)+(2, 2)", "(3, 3)+(4, 4)"]);
    }

    #[test]
    fn lines_without_letters_join_their_block() {
        let text = "第一章\n2024\nChapter One\n2024\n";
        assert_eq!(line_ranges(&split(text).parts), ["(1, 2)+(3, 4)"]);
    }

    #[test]
    fn one_language_is_an_error() {
        assert_eq!(
            split_interleaved("第一段。\n第二段。\n", ParagraphStyle::Line, None),
            Err(InterleavedError::OneLanguage("zh".into()))
        );
        assert_eq!(
            split_interleaved("2024\n---\n", ParagraphStyle::Line, None),
            Err(InterleavedError::NoText)
        );
        let one = split_interleaved(
            "The first paragraph is here.\nAnd the second one follows it.\n",
            ParagraphStyle::Line,
            None,
        );
        assert!(
            matches!(one, Err(InterleavedError::OneLanguage(_))),
            "{one:?}"
        );
    }

    #[test]
    fn an_unsure_identification_follows_the_files_alternation() {
        // en de en de (two misread, unsure) en de: the alternation wins.
        let guesses = [
            Some(("en", 0.9)),
            Some(("de", 0.9)),
            Some(("de", 0.2)),
            Some(("en", 0.3)),
            None,
            Some(("en", 0.9)),
            Some(("de", 0.9)),
            Some(("en", 0.8)),
            Some(("de", 0.8)),
        ];
        let labels = follow_alternation(&guesses);
        assert_eq!(
            labels,
            [
                Some("en"),
                Some("de"),
                Some("en"),
                Some("de"),
                None,
                Some("en"),
                Some("de"),
                Some("en"),
                Some("de")
            ]
        );
        // Sure of them, the same reading stands.
        let sure = guesses.map(|g| g.map(|(l, _)| (l, 0.99)));
        let labels = follow_alternation(&sure);
        assert_eq!(labels[2..4], [Some("de"), Some("en")]);
        // In a file of long blocks, an unsure line keeps to its block.
        let blocks: Vec<_> = ["en"; 6]
            .into_iter()
            .chain(["de"; 6])
            .map(|l| Some((l, 0.9)))
            .chain([Some(("en", 0.3))])
            .chain(["de"; 4].map(|l| Some((l, 0.9))))
            .collect();
        assert_eq!(follow_alternation(&blocks)[12], Some("de"));
    }

    #[test]
    fn names_and_bullets_do_not_make_a_file_bilingual() {
        // English only; the line of names reads as Swedish to an identifier.
        let text = "Harbour Notice\nThe harbour master asks all skippers to follow the new rules from Monday.\n• safe navigation;\n• clean water;\n• fewer accidents.\nSkippers must report to the office before leaving the port.\nHarbour office: Anna Lindqvist, Per Olsson, +46 31 555 0199\nThank you for helping to keep our harbour safe.\n";
        assert_eq!(
            split_interleaved(text, ParagraphStyle::Line, None),
            Err(InterleavedError::OneLanguage("en".into()))
        );
    }

    #[test]
    fn a_few_lines_of_another_language_do_not_make_a_file_bilingual() {
        let english = "The centre will employ about one hundred and twenty engineers by the end of next year.\n";
        let text = format!("{}Guten Tag!\n{}", english.repeat(3), english.repeat(3));
        assert_eq!(
            split_interleaved(&text, ParagraphStyle::Line, None),
            Err(InterleavedError::OneLanguage("en".into()))
        );
    }

    #[test]
    fn given_languages_must_be_the_files() {
        let zh = LanguageTag::parse("zh-TW").unwrap();
        let en = LanguageTag::parse("en-GB").unwrap();
        let de = LanguageTag::parse("de").unwrap();
        let file = split_interleaved(TITLE, ParagraphStyle::Line, Some((&en, &zh))).unwrap();
        // The user's tags are kept as given.
        assert_eq!(
            (file.first.as_str(), file.second.as_str()),
            ("zh-TW", "en-GB")
        );
        let err = split_interleaved(TITLE, ParagraphStyle::Line, Some((&de, &en))).unwrap_err();
        assert!(err.to_string().contains("zh-CN and en"), "{err}");
    }
}
