//! Sentence rules per language.
//!
//! A sentence ends after a run of terminators (`.` `!` `?` `。` `！` `？` `…`)
//! and the closing quotes and brackets that follow it. Whether a candidate is
//! a real end depends on the language:
//!
//! - Chinese and Japanese (written without spaces) end a sentence after every
//!   full-width terminator and `…`; after ASCII `!` and `?` unless they sit
//!   inside a Latin word (`Yahoo!公司`); after ASCII `.` only between Han or
//!   kana text and a space or the end, so `3.5%` and `www.gov.cn` survive. A
//!   comma never ends a sentence.
//! - Languages written with spaces end a sentence only where white space and
//!   a word that may begin a sentence follow (not a lower-case letter), and
//!   not after an abbreviation (`Mr.`, `z.B.`, `U.S.`), an initial (`J.`), an
//!   abbreviation that precedes a number (`No. 5`, `Art. 3`), or, in German
//!   and the other languages that write ordinals with a dot, an ordinal
//!   (`am 3. Mai`).

use tandem_text::{Script, script_of};

/// Splits paragraphs into sentences by the rules of one language.
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    unspaced: bool,
    ordinal_dot: bool,
    abbreviations: &'static [&'static str],
    numeric_abbreviations: &'static [&'static str],
    final_abbreviations: &'static [&'static str],
    months: &'static [&'static str],
    ordinal_leaders: &'static [&'static str],
}

impl SentenceSplitter {
    /// The rules for a language, given as a BCP 47 primary language subtag
    /// (`zh`, `en`, `de`). Languages without rules of their own get the
    /// generic rules of languages written with spaces.
    pub fn for_language(language: &str) -> SentenceSplitter {
        let language = language.to_ascii_lowercase();
        let (abbreviations, numeric_abbreviations) = abbreviations(&language);
        SentenceSplitter {
            unspaced: matches!(language.as_str(), "zh" | "ja" | "yue" | "wuu" | "lzh"),
            ordinal_dot: matches!(
                language.as_str(),
                "de" | "da"
                    | "nb"
                    | "nn"
                    | "no"
                    | "fi"
                    | "cs"
                    | "sk"
                    | "pl"
                    | "hu"
                    | "sl"
                    | "hr"
                    | "sr"
                    | "et"
                    | "lv"
                    | "lt"
                    | "is"
                    | "tr"
            ),
            abbreviations,
            numeric_abbreviations,
            final_abbreviations: if language == "en" {
                &["a.m", "p.m"]
            } else {
                &[]
            },
            months: if language == "de" { GERMAN_MONTHS } else { &[] },
            ordinal_leaders: if language == "de" {
                GERMAN_ORDINAL_LEADERS
            } else {
                &[]
            },
        }
    }

    /// The sentences of `paragraph`, as slices of it without surrounding
    /// white space. Only white space between sentences is left out: joining
    /// the sentences with the gaps between them gives back the paragraph.
    pub fn split<'t>(&self, paragraph: &'t str) -> Vec<&'t str> {
        let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
        let byte_at = |i: usize| chars.get(i).map_or(paragraph.len(), |&(b, _)| b);
        let mut sentences = Vec::new();
        // The current sentence starts at byte `start`, character `first`.
        let (mut start, mut first) = (0, 0);
        let mut i = 0;
        while i < chars.len() {
            if !is_terminator(chars[i].1) {
                i += 1;
                continue;
            }
            let run_start = i;
            let mut run_end = i;
            while run_end < chars.len() && is_terminator(chars[run_end].1) {
                run_end += 1;
            }
            let after = skip_closing(&chars, run_end);
            let candidate = Candidate {
                first,
                run_start,
                run_end,
                after,
            };
            if after < chars.len() && self.ends_sentence(&chars, &candidate) {
                let end = byte_at(after);
                let sentence = paragraph[start..end].trim();
                if !sentence.is_empty() {
                    sentences.push(sentence);
                }
                (start, first) = (end, after);
            }
            i = after.max(i + 1);
        }
        let last = paragraph[start..].trim();
        if !last.is_empty() {
            sentences.push(last);
        }
        sentences
    }

    /// Whether a candidate ends its sentence.
    fn ends_sentence(&self, chars: &[(usize, char)], candidate: &Candidate) -> bool {
        let Candidate {
            first: sentence_start,
            run_start,
            run_end,
            after,
        } = *candidate;
        let run = || chars[run_start..run_end].iter().map(|&(_, c)| c);
        if run().any(is_full_width_terminator) {
            // Japanese quotes a question and goes on with a particle: 「…？」と聞いた.
            let closed = after > run_end;
            let kana_follows = chars
                .get(after)
                .is_some_and(|&(_, c)| ('\u{3041}'..='\u{309F}').contains(&c));
            return !(closed && kana_follows);
        }
        let before = run_start.checked_sub(1).map(|i| chars[i].1);
        let next = chars.get(after).map(|&(_, c)| c);
        let space_or_end = next.is_none_or(char::is_whitespace);
        let mut visible = chars[after..]
            .iter()
            .map(|&(_, c)| c)
            .filter(|c| !c.is_whitespace());
        let (first, second) = (visible.next(), visible.next());
        // What follows may open a sentence (or nothing follows).
        let opens = first.is_none_or(|c| may_begin_sentence(c, second));
        if self.unspaced {
            if run().any(|c| c == '…') {
                return true;
            }
            if run().any(|c| c == '!' || c == '?') {
                let inside_latin_word =
                    before.is_some_and(|c| c.is_ascii_alphanumeric()) && !space_or_end;
                return !inside_latin_word;
            }
            // Only dots: the end of a sentence after Chinese or Japanese
            // text, not a placeholder such as `为. . .`.
            let after_cjk = before.is_some_and(|c| {
                matches!(script_of(c), Some(Script::Han | Script::Kana)) || is_closing(c)
            });
            return after_cjk && space_or_end && opens;
        }
        if !space_or_end || !opens {
            return false;
        }
        let Some(first) = first else {
            return true;
        };
        let only_one_dot = run_end - run_start == 1 && chars[run_start].1 == '.';
        if !only_one_dot {
            return true;
        }
        let word = word_before(chars, run_start);
        let lower = word.to_lowercase();
        if self.abbreviations.contains(&lower.as_str()) {
            return false;
        }
        if self.final_abbreviations.contains(&lower.as_str()) {
            return true; // at 10 p.m. He left.
        }
        if is_list_marker(chars, sentence_start, run_start, &word) {
            return false;
        }
        if first.is_ascii_digit() && self.numeric_abbreviations.contains(&lower.as_str()) {
            return false;
        }
        let mut letters = word.chars();
        if let (Some(c), None) = (letters.next(), letters.next())
            && c.is_uppercase()
        {
            return false; // an initial: J. R. R. Tolkien
        }
        if self.ordinal_dot
            && !word.is_empty()
            && word.len() <= 3
            && word.chars().all(|c| c.is_ascii_digit())
        {
            // 3. Mai, im 19. Jahrhundert: a month follows, or an article or
            // preposition precedes, as ordinals have and sentence ends rarely do.
            let next_word: String = chars[after..]
                .iter()
                .map(|&(_, c)| c)
                .skip_while(|c| c.is_whitespace())
                .take_while(|c| c.is_alphabetic())
                .collect();
            let previous = word_before(chars, run_start.saturating_sub(word.chars().count() + 1));
            if self.months.contains(&next_word.to_lowercase().as_str())
                || self
                    .ordinal_leaders
                    .contains(&previous.to_lowercase().as_str())
            {
                return false;
            }
        }
        // Dotted abbreviations not in the lists: e.g, U.S, z.B, т.е
        let dotted = word.contains('.')
            && word.split('.').all(|part| {
                !part.is_empty()
                    && part.chars().count() <= 2
                    && part.chars().all(char::is_alphabetic)
            });
        !dotted
    }
}

/// A place where a sentence may end: terminators `run_start..run_end`,
/// closing punctuation up to `after`, in the sentence that starts at `first`
/// (indices into the paragraph's characters).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    first: usize,
    run_start: usize,
    run_end: usize,
    after: usize,
}

const GERMAN_MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

// Words that precede an ordinal number: articles and contracted prepositions.
const GERMAN_ORDINAL_LEADERS: &[&str] = &[
    "am", "im", "zum", "vom", "beim", "der", "die", "das", "den", "dem", "des", "ab", "seit",
    "bis", "ihr", "ihrem", "ihrer", "sein", "seinem", "seiner", "dieser", "diesem", "jeder",
    "jedem",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '؟' | '।' | '‼' | '⁇' | '⁈' | '⁉')
        || is_full_width_terminator(c)
}

fn is_full_width_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡' | '．')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '）'
            | '］'
            | '｝'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '〗'
            | '＂'
            | '＇'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '（'
            | '［'
            | '「'
            | '『'
            | '【'
            | '《'
            | '〈'
            | '¿'
            | '¡'
            | '„'
            | '‚'
    )
}

/// The index after the closing quotes and brackets that follow `i`. French
/// sets a (narrow) space before `»`, which still closes the sentence.
fn skip_closing(chars: &[(usize, char)], mut i: usize) -> usize {
    loop {
        match chars.get(i).map(|&(_, c)| c) {
            Some(c) if is_closing(c) => i += 1,
            Some(c) if c.is_whitespace() => {
                let mut j = i;
                while chars.get(j).is_some_and(|&(_, c)| c.is_whitespace()) {
                    j += 1;
                }
                match chars.get(j).map(|&(_, c)| c) {
                    Some('»' | '›') => i = j + 1,
                    _ => return i,
                }
            }
            _ => return i,
        }
    }
}

/// Whether a sentence may begin with `c` (followed by `next`): anything but a
/// lower-case letter, and an opening quote or bracket only before such.
fn may_begin_sentence(c: char, next: Option<char>) -> bool {
    if c.is_lowercase() {
        return false;
    }
    if is_opening(c) {
        return next.is_none_or(|n| !n.is_lowercase());
    }
    c.is_alphanumeric() || matches!(c, '-' | '–' | '—' | '*' | '•' | '§' | '#' | '&' | '@')
}

/// Whether `word`, a number followed by the dot at `dot`, is the first
/// word of the sentence that starts at `sentence_start`: a list marker such
/// as `1.` in `… Himalaya. 1. Kangchenjunga.`, not the end.
fn is_list_marker(chars: &[(usize, char)], sentence_start: usize, dot: usize, word: &str) -> bool {
    let number = !word.is_empty() && word.len() <= 3 && word.chars().all(|c| c.is_ascii_digit());
    let word_start = dot - word.chars().count();
    let first_visible = (sentence_start..word_start).find(|&i| !chars[i].1.is_whitespace());
    number && first_visible.is_none()
}

/// The word before position `i`: back to white space or an opening bracket.
fn word_before(chars: &[(usize, char)], i: usize) -> String {
    let mut start = i;
    while start > 0 {
        let c = chars[start - 1].1;
        if c.is_whitespace() || is_opening(c) {
            break;
        }
        start -= 1;
    }
    chars[start..i].iter().map(|&(_, c)| c).collect()
}

/// Abbreviations that never end a sentence, and those that do not end one
/// before a number, lower case and without the final dot.
fn abbreviations(language: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match language {
        "en" => (
            &[
                "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "messrs", "mmes", "gen", "col",
                "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres",
                "supt", "e.g", "i.e", "cf", "vs", "viz", "approx", "dept", "univ", "assn", "bros",
                "mt", "ft", "u.s", "u.k", "u.n", "ph.d", "b.a", "m.a",
            ],
            &[
                "no", "nos", "art", "arts", "p", "pp", "vol", "vols", "fig", "figs", "sec", "ch",
                "para", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                "nov", "dec", "ed",
            ],
        ),
        "de" => (
            &[
                "dr", "prof", "hr", "fr", "frl", "st", "z.b", "d.h", "u.a", "o.ä", "bzw", "ca",
                "vgl", "sog", "bspw", "evtl", "ggf", "inkl", "zzgl", "exkl", "allg", "geb", "gest",
                "dt", "engl", "franz", "lat", "jh", "mio", "mrd", "u.s.w", "s.o", "s.u", "z.t",
                "i.d.r", "u.u", "o.g",
            ],
            &[
                "nr", "s", "art", "abs", "bd", "ziff", "kap", "jan", "feb", "mär", "apr", "jun",
                "jul", "aug", "sep", "sept", "okt", "nov", "dez",
            ],
        ),
        "fr" => (
            &[
                "m", "mm", "mme", "mlle", "dr", "pr", "me", "st", "ste", "cf", "env", "av", "apr",
                "j.-c", "c.-à-d", "boul", "éd", "ibid",
            ],
            &[
                "p", "pp", "art", "no", "vol", "chap", "fig", "janv", "févr", "avr", "juil",
                "sept", "oct", "nov", "déc",
            ],
        ),
        "es" => (
            &[
                "sr", "sra", "srta", "dr", "dra", "d", "dña", "ud", "uds", "vd", "vds", "lic",
                "ing", "arq", "av", "avda", "p.ej", "ee.uu", "prof",
            ],
            &["pág", "págs", "art", "núm", "no", "vol", "cap", "fig"],
        ),
        "it" => (
            &[
                "sig", "sigg", "sig.ra", "dott", "dott.ssa", "prof", "avv", "ing", "arch", "geom",
                "on", "ecc", "es", "cfr", "ca",
            ],
            &["pag", "pagg", "art", "n", "vol", "cap", "fig"],
        ),
        "pt" => (
            &[
                "sr", "sra", "srta", "dr", "dra", "prof", "av", "ex", "sto", "sta", "ltda",
            ],
            &["pág", "págs", "art", "n", "nº", "núm", "vol", "cap", "fig"],
        ),
        "nl" => (
            &[
                "dhr", "mevr", "mw", "dr", "prof", "bijv", "o.a", "d.w.z", "m.a.w", "ca", "jl",
                "jr", "mr", "ir", "drs", "ing", "i.p.v", "t.a.v", "z.g.a",
            ],
            &["nr", "blz", "art", "vol", "hfst", "fig"],
        ),
        "ru" | "uk" | "be" | "bg" => (
            &[
                "т.е", "т.к", "т.н", "т.п", "им", "ул", "пр", "см", "рис", "табл", "др", "проф",
                "акад", "тыс", "млн", "млрд", "руб", "коп", "гг", "обл", "р-н", "напр", "г-н",
                "г-жа",
            ],
            &["г", "ст", "стр", "с", "п", "гл", "т", "№"],
        ),
        _ => (
            &["dr", "prof", "st", "e.g", "i.e", "cf", "vs"],
            &["no", "nr", "art", "p", "pp", "vol"],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(language: &str, text: &str) -> Vec<String> {
        SentenceSplitter::for_language(language)
            .split(text)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn chinese_full_width_terminators() {
        assert_eq!(
            split(
                "zh",
                "全面推进灾后恢复重建。抓紧完成剩余受损住房重建！真的吗？是的……好"
            ),
            [
                "全面推进灾后恢复重建。",
                "抓紧完成剩余受损住房重建！",
                "真的吗？",
                "是的……",
                "好"
            ]
        );
    }

    #[test]
    fn chinese_commas_never_break_and_ascii_bang_does() {
        // The sample writes ASCII ',' '!' and '(' in Chinese text.
        assert_eq!(
            split(
                "zh",
                "各位代表!新形势、新任务对政府自身建设提出了更高要求,我们要牢记嘱托。"
            ),
            [
                "各位代表!",
                "新形势、新任务对政府自身建设提出了更高要求,我们要牢记嘱托。"
            ]
        );
        assert_eq!(
            split("zh", "雅虎Yahoo!公司成立。"),
            ["雅虎Yahoo!公司成立。"]
        );
    }

    #[test]
    fn chinese_closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("zh", "他说：“我们走吧。”她点头。《报告》写道：“完成了！”"),
            ["他说：“我们走吧。”", "她点头。", "《报告》写道：“完成了！”"]
        );
        assert_eq!(
            split("zh", "（见附件。）下一句。"),
            ["（见附件。）", "下一句。"]
        );
    }

    #[test]
    fn chinese_ascii_dot_only_between_han_and_space() {
        assert_eq!(
            split("zh", "增长3.5%,网址www.gov.cn可查. 下一句"),
            ["增长3.5%,网址www.gov.cn可查.", "下一句"]
        );
        assert_eq!(split("zh", "版本v1.2.3发布"), ["版本v1.2.3发布"]);
    }

    #[test]
    fn chinese_placeholders_are_not_sentence_ends() {
        // Formulas dropped from a text leave dots behind.
        assert_eq!(
            split("zh", "其微分通量为. . .。能量小于"),
            ["其微分通量为. . .。", "能量小于"]
        );
    }

    #[test]
    fn list_markers_open_their_sentence() {
        assert_eq!(
            split(
                "fr",
                "Voici la liste des expéditions . 1. Kangchenjunga . 2. Makalu ."
            ),
            [
                "Voici la liste des expéditions .",
                "1. Kangchenjunga .",
                "2. Makalu ."
            ]
        );
        assert_eq!(
            split("en", "1. Open the door. 2. Go in."),
            ["1. Open the door.", "2. Go in."]
        );
        // A number that ends a sentence is not a marker.
        assert_eq!(
            split("en", "We counted 3. Then we left."),
            ["We counted 3.", "Then we left."]
        );
    }

    #[test]
    fn times_of_day_can_end_a_sentence() {
        assert_eq!(
            split("en", "It began at 7:30 a.m. and ended at 10 p.m. He left."),
            ["It began at 7:30 a.m. and ended at 10 p.m.", "He left."]
        );
    }

    #[test]
    fn japanese() {
        assert_eq!(
            split("ja", "東京は晴れです。「明日も晴れ？」と聞いた。"),
            ["東京は晴れです。", "「明日も晴れ？」と聞いた。"]
        );
    }

    #[test]
    fn english_abbreviations_initials_and_numbers() {
        assert_eq!(
            split(
                "en",
                "Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. Capitol. See No. 5 and e.g. the annex. J. R. R. Tolkien wrote it."
            ),
            [
                "Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. Capitol.",
                "See No. 5 and e.g. the annex.",
                "J. R. R. Tolkien wrote it."
            ]
        );
        // "no." before a word is the word no.
        assert_eq!(
            split("en", "I said no. Then I left."),
            ["I said no.", "Then I left."]
        );
    }

    #[test]
    fn english_quotes_that_continue_the_sentence() {
        assert_eq!(
            split(
                "en",
                "\"Stop!\" he said. \"Why?\" She asked. (It was late.) We left."
            ),
            [
                "\"Stop!\" he said.",
                "\"Why?\"",
                "She asked.",
                "(It was late.)",
                "We left."
            ]
        );
        assert_eq!(
            split("en", "Wait... What? Fine... and then?"),
            ["Wait...", "What?", "Fine... and then?"]
        );
    }

    #[test]
    fn english_sample_sentences() {
        let text = "Advance all-round post-disaster recovery and reconstruction. We will act quickly to complete the reconstruction of damaged homes. We will make better use of the Qi'an'an information system.";
        assert_eq!(split("en", text).len(), 3);
        assert_eq!(
            split(
                "en",
                "We will rehabilitate 1,100 kilometers of pipelines. A special plan will be developed."
            ),
            [
                "We will rehabilitate 1,100 kilometers of pipelines.",
                "A special plan will be developed."
            ]
        );
    }

    #[test]
    fn german_ordinals_and_abbreviations() {
        assert_eq!(
            split(
                "de",
                "Am 3. Mai kam er, z.B. mit Dr. Meier. Im 19. Jahrhundert war das anders. Siehe Nr. 4. Das war 1990. Danach nicht."
            ),
            [
                "Am 3. Mai kam er, z.B. mit Dr. Meier.",
                "Im 19. Jahrhundert war das anders.",
                "Siehe Nr. 4.",
                "Das war 1990.",
                "Danach nicht."
            ]
        );
    }

    #[test]
    fn french_guillemets_and_titles() {
        assert_eq!(
            split(
                "fr",
                "M. Dupont est arrivé. « Bonjour. » Il est parti ! Mme Curie aussi ? Oui."
            ),
            [
                "M. Dupont est arrivé.",
                "« Bonjour. »",
                "Il est parti !",
                "Mme Curie aussi ?",
                "Oui."
            ]
        );
    }

    #[test]
    fn russian() {
        assert_eq!(
            split(
                "ru",
                "Это т.е. пример. Проф. Иванов пришёл. А. С. Пушкин родился в Москве. Конец."
            ),
            [
                "Это т.е. пример.",
                "Проф. Иванов пришёл.",
                "А. С. Пушкин родился в Москве.",
                "Конец."
            ]
        );
    }

    #[test]
    fn spanish_inverted_marks() {
        assert_eq!(
            split("es", "¿Vienes? ¡Claro! El Sr. García también."),
            ["¿Vienes?", "¡Claro!", "El Sr. García también."]
        );
    }

    #[test]
    fn joining_loses_nothing_but_white_space() {
        let text = "  One. Two!  Three?\tFour… 五。六！";
        for language in ["en", "zh"] {
            let sentences = split(language, text);
            let joined: String = sentences.concat();
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(
                joined
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>(),
                squeezed
            );
        }
    }

    #[test]
    fn empty_and_blank_give_nothing() {
        assert!(split("en", "").is_empty());
        assert!(split("zh", "   ").is_empty());
        assert_eq!(split("en", "..."), ["..."]);
    }
}
