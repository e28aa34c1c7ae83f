//! Content checks: what a reviewer would catch by reading a pair, found by
//! comparing what must survive translation unchanged (numbers, URLs, codes,
//! placeholders, bracket structure, the kind of sentence) and by spotting
//! text that was never translated or was decoded wrongly.
//!
//! Each check compares values, not spellings: `1,100`, `1100` and `一千一百`
//! are one number; `December 2024` matches `2024年12月`. A correct pair must
//! not be flagged for a difference of form.

use std::collections::BTreeMap;

use tandem_text::{
    NumberStyle, Script, ScriptCounts, identify, identify_among, numbers_in, primary_language,
};

use crate::{Flag, FlagKind};

/// What the content checks need to know beyond the texts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContentOptions {
    /// A target identical to its source is flagged `untranslated` only when
    /// it has at least this many letters and, in scripts with spaces, two
    /// words (names, terms and numbers alone are legitimately left as they
    /// are).
    pub untranslated_min_letters: usize,
}

impl Default for ContentOptions {
    fn default() -> ContentOptions {
        ContentOptions {
            untranslated_min_letters: 5,
        }
    }
}

/// The content flags of a pair: `source` in the language whose primary
/// subtag is `src_lang`, `target` in `tgt_lang`'s.
pub fn check_content(
    source: &str,
    target: &str,
    src_lang: &str,
    tgt_lang: &str,
    options: &ContentOptions,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    if source.trim().is_empty() || target.trim().is_empty() {
        // Empty sides are the alignment's business (`empty-side`).
        return flags;
    }
    let untranslated = untranslated(source, target, src_lang, tgt_lang, options);
    if untranslated.is_none() {
        flags.extend(wrong_language(source, src_lang, "source"));
        flags.extend(wrong_language(target, tgt_lang, "target"));
    }
    flags.extend(untranslated);
    flags.extend(numbers_differ(
        (source, NumberStyle::of(src_lang)),
        (target, NumberStyle::of(tgt_lang)),
    ));
    flags.extend(items_differ(
        FlagKind::UrlsDiffer,
        "URLs or e-mail addresses",
        &addresses(source),
        &addresses(target),
    ));
    flags.extend(items_differ(
        FlagKind::CodesDiffer,
        "codes",
        &codes(source),
        &codes(target),
    ));
    flags.extend(items_differ(
        FlagKind::PlaceholdersDiffer,
        "placeholders or tags",
        &placeholders(source),
        &placeholders(target),
    ));
    // Garbled text garbles its quotation marks too (`â€œ`): one flag says it.
    let garbled = mojibake(source, "source").is_some() || mojibake(target, "target").is_some();
    if !garbled {
        flags.extend(unbalanced(source, target));
    }
    flags.extend(end_punctuation(source, target));
    flags.extend(whitespace(source, "source", target));
    flags.extend(whitespace(target, "target", source));
    flags.extend(mojibake(source, "source"));
    flags.extend(mojibake(target, "target"));
    flags
}

/// The script a language is written in, where one script tells it apart.
fn script_of_language(language: &str) -> Option<Script> {
    Some(match primary_language(language).as_str() {
        "zh" => Script::Han,
        "ko" => Script::Hangul,
        "ru" | "uk" | "bg" | "sr" | "mk" | "be" | "kk" => Script::Cyrillic,
        "el" => Script::Greek,
        "ar" | "fa" | "ur" => Script::Arabic,
        "he" => Script::Hebrew,
        "th" => Script::Thai,
        "hi" | "mr" | "ne" => Script::Devanagari,
        "en" | "de" | "fr" | "es" | "it" | "pt" | "nl" | "sv" | "da" | "no" | "nb" | "fi"
        | "pl" | "cs" | "sk" | "hu" | "ro" | "tr" | "id" | "vi" => Script::Latin,
        _ => return None,
    })
}

/// The target equals the source, or is written in the source's script
/// where the two languages use different ones.
fn untranslated(
    source: &str,
    target: &str,
    src_lang: &str,
    tgt_lang: &str,
    options: &ContentOptions,
) -> Option<Flag> {
    let letters = target.chars().filter(|c| c.is_alphabetic()).count();
    if letters < options.untranslated_min_letters
        || primary_language(src_lang) == primary_language(tgt_lang)
    {
        return None;
    }
    // One word left as it was is usually a name or a term (iPhone, Wi-Fi);
    // so is a line of capitalised words (Nanga Parbat, Cho Oyu, Gasherbrum).
    let one_word = target.split_whitespace().count() < 2 && !target.chars().any(is_cjk);
    let names = target
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .all(char::is_uppercase);
    if source.trim() == target.trim() && !one_word && !names {
        return Some(Flag::new(
            FlagKind::Untranslated,
            "the target is the source, unchanged".into(),
        ));
    }
    let (src_script, tgt_script) = (script_of_language(src_lang)?, script_of_language(tgt_lang)?);
    if src_script == tgt_script {
        return None;
    }
    let counts = ScriptCounts::of(target);
    let (own, foreign) = (counts.get(tgt_script), counts.get(src_script));
    // Names and terms in the source's script are normal inside a
    // translation; a target mostly in that script is not one.
    (foreign > 2 * own && foreign >= options.untranslated_min_letters).then(|| {
        Flag::new(
            FlagKind::Untranslated,
            format!(
                "the target is written in the source's script ({foreign} {src_script:?} letters, {own} {tgt_script:?})"
            ),
        )
    })
}

/// Letters a side needs before identification may call it another
/// language: shorter lines are names, titles and terms as often as not.
const IDENTIFIED_MIN_LETTERS: usize = 30;

/// A side that is not in its declared language: mostly letters of another
/// script than the language's (a Chinese sentence in an English column), or,
/// for languages that share a script, a sentence of at least
/// [`IDENTIFIED_MIN_LETTERS`] letters that identification (whatlang's
/// trigrams) finds in another language and, asked to choose between the
/// two, gives to the other one with a confidence of 0.9 or more.
fn wrong_language(text: &str, language: &str, side: &str) -> Option<Flag> {
    let declared = primary_language(language);
    // Named as the reports name it (fr_FR is fr-FR).
    let language = tandem_text::LanguageTag::read(language)
        .map(|tag| tag.to_string())
        .unwrap_or_else(|_| language.to_string());
    // URLs and e-mail addresses are in no language.
    let mut text = text.to_string();
    for address in addresses(&text) {
        text = text.replace(address.as_str(), " ");
    }
    let text = text.as_str();
    let counts = ScriptCounts::of(text);
    let letters: usize = counts.total();
    if let Some(script) = script_of_language(&declared) {
        let own = counts.get(script);
        let found = counts.dominant()?;
        let foreign = letters.saturating_sub(own);
        // Names and terms in Latin letters are common in any language: only
        // a side with next to nothing in its own script is another language.
        if found != script && foreign > 10 * own && foreign >= 10 {
            return Some(Flag::new(
                FlagKind::WrongLanguage,
                format!("the {side} is not in {language}: it is written in {found:?} letters"),
            ));
        }
        if script != Script::Latin && script != Script::Cyrillic {
            return None;
        }
    }
    // What is quoted (a motto, a title) and names are often in another
    // language than the sentence around them: identification reads the
    // rest (`The motto is 'Liberté, égalité, fraternité'.`, `The
    // Bundesverfassungsgericht ruled`).
    let text = &own_words(text);
    if text.chars().filter(|c| c.is_alphabetic()).count() < IDENTIFIED_MIN_LETTERS {
        return None;
    }
    let found = identify(text)?;
    // Japanese written in kanji alone reads as Chinese.
    let cjk = |code: &str| matches!(code, "zh" | "ja");
    if found.language == declared || (cjk(found.language) && cjk(&declared)) {
        return None;
    }
    // Only languages a memory is likely to hold by mistake: trigrams find
    // Latin or Esperanto in a short German line with names in it.
    language_name(found.language)?;
    // Both must be languages identification knows, and asked to choose
    // between the two it must choose the other one all but surely (whatlang
    // calls short lines unreliable even then, so its own flag is not asked).
    let (choice, confidence) = identify_among(text, &[declared.as_str(), found.language])?;
    // Trigrams judge a short line by its content words, which languages
    // share (`fiscal`, `trillion` read as Danish): the other language's
    // own little words must be there too, more of them than the declared
    // one's.
    let (theirs, ours) = (
        function_words(text, found.language),
        function_words(text, &declared),
    );
    let words_agree = theirs >= 2 && theirs > ours;
    (choice == found.language && confidence >= 0.9 && words_agree).then(|| {
        Flag::new(
            FlagKind::WrongLanguage,
            format!(
                "the {side} is not in {language}: it reads as {} ({})",
                language_name(found.language).unwrap_or(found.language),
                found.language
            ),
        )
    })
}

/// How many of `text`'s words are among the commonest function words of
/// `language` (articles, prepositions, pronouns, auxiliaries), for the
/// languages [`language_name`] names that write with spaces; `0` for
/// others.
fn function_words(text: &str, language: &str) -> usize {
    let list: &[&str] = match language {
        "en" => &[
            "the", "of", "and", "to", "in", "is", "was", "were", "for", "on", "with", "that",
            "this", "are", "by", "it", "from", "at", "be", "has", "have", "our", "we", "you",
            "will", "up", "year",
        ],
        "de" => &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "dem", "des", "ein",
            "eine", "zu", "im", "auf", "für", "sich", "wird", "sind", "wir", "sie", "ab", "bei",
            "auch",
        ],
        "fr" => &[
            "le", "la", "les", "des", "et", "est", "une", "un", "du", "dans", "pour", "que", "qui",
            "sur", "pas", "nous", "vous", "notre", "votre", "avec", "sont", "au", "aux", "ce",
            "cette",
        ],
        "es" => &[
            "el", "la", "los", "las", "de", "y", "que", "en", "un", "una", "es", "por", "para",
            "con", "del", "se", "su", "nuestro", "está", "son",
        ],
        "it" => &[
            "il", "la", "le", "di", "e", "che", "un", "una", "è", "per", "con", "del", "della",
            "non", "sono", "nel", "gli", "alla", "nostro",
        ],
        "pt" => &[
            "o", "a", "os", "as", "de", "e", "que", "um", "uma", "é", "para", "com", "do", "da",
            "não", "em", "no", "na", "nosso", "são",
        ],
        "nl" => &[
            "de", "het", "een", "en", "van", "is", "dat", "op", "te", "in", "voor", "met", "niet",
            "zijn", "ons", "onze", "wordt",
        ],
        "sv" => &[
            "och", "att", "det", "som", "en", "är", "på", "för", "med", "till", "av", "inte",
            "den", "vi", "har",
        ],
        "da" => &[
            "og", "at", "det", "som", "en", "er", "på", "for", "med", "til", "af", "ikke", "den",
            "vi", "har",
        ],
        "pl" => &[
            "i", "w", "na", "nie", "z", "się", "do", "jest", "że", "to", "o", "jak", "dla", "są",
            "od",
        ],
        "cs" => &[
            "a", "v", "na", "je", "se", "že", "s", "z", "do", "to", "o", "jsou", "pro", "by", "jak",
        ],
        "ru" => &[
            "и", "в", "не", "на", "что", "с", "по", "это", "как", "к", "из", "за", "для", "от",
            "мы",
        ],
        "uk" => &[
            "і", "в", "не", "на", "що", "з", "по", "це", "як", "до", "за", "для", "від", "ми", "та",
        ],
        "tr" => &[
            "ve", "bir", "bu", "için", "ile", "de", "da", "çok", "olan", "gibi", "daha", "ne", "mi",
        ],
        _ => &[],
    };
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .filter(|word| list.contains(&word.to_lowercase().as_str()))
        .count()
}

/// A text without what is between quotation marks and without its
/// capitalised words but the first: the words that tell its language.
fn own_words(text: &str) -> String {
    const QUOTES: &[char] = &[
        '"', '“', '”', '„', '«', '»', '‹', '›', '‚', '‘', '「', '」', '『', '』',
    ];
    let outside: Vec<&str> = text.split(QUOTES).step_by(2).collect();
    without_single_quoted(&outside.join(" "))
        .split_whitespace()
        .enumerate()
        .filter(|(k, word)| *k == 0 || !word.starts_with(char::is_uppercase))
        .map(|(_, word)| word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A text without its quotations in straight single quotes (`'Liberté,
/// égalité'`), apostrophes (`don't`, `the boys' books`) kept.
fn without_single_quoted(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut k = 0;
    while k < chars.len() {
        let opens = chars[k] == '\''
            && (k == 0 || chars[k - 1].is_whitespace())
            && chars.get(k + 1).is_some_and(|c| c.is_alphabetic());
        let close = (k + 1..chars.len()).find(|&j| {
            chars[j] == '\''
                && !chars[j - 1].is_whitespace()
                && chars.get(j + 1).is_none_or(|c| !c.is_alphanumeric())
        });
        match (opens, close) {
            (true, Some(j)) => k = j + 1,
            _ => {
                out.push(chars[k]);
                k += 1;
            }
        }
    }
    out
}

/// An English name for the languages a memory most often holds, or `None`
/// for a language identification finds that is rarely what a memory's
/// column holds by mistake (Latin, Esperanto, …).
fn language_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "pl" => "Polish",
        "sv" => "Swedish",
        "da" => "Danish",
        "cs" => "Czech",
        "tr" => "Turkish",
        "zh" => "Chinese",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ar" => "Arabic",
        _ => return None,
    })
}

/// Numbers of 10 or more, fractions, percentages and times of day must
/// appear on both sides (as values, in any script or form, each side read
/// as its language writes numbers: German `6.400` is English `6,400`,
/// `3:30 p.m.` is `15:30`); small whole numbers are often words or articles
/// (一个, "a") and only count when matching. A number written in words
/// (`hundert`, `茅十八`, `七零八落`) that the other side leaves out is a
/// translator's choice: it counts only against a number the other side
/// has instead.
fn numbers_differ(
    (source, src_style): (&str, NumberStyle),
    (target, tgt_style): (&str, NumberStyle),
) -> Option<Flag> {
    let (src, tgt) = (
        number_values(source, src_style),
        number_values(target, tgt_style),
    );
    let missing = |from: &[Value], other: &[Value]| -> Vec<Value> {
        let mut out: Vec<Value> = from
            .iter()
            .filter(|v| v.strong && !other.iter().any(|w| v.matches(w)))
            .filter(|v| !v.section_of(other))
            .copied()
            .collect();
        out.dedup_by(|a, b| a.matches(b));
        out
    };
    let (only_src, only_tgt) = (missing(&src, &tgt), missing(&tgt, &src));
    let dates = dates_differ(source, target);
    let in_digits = |values: &[Value]| values.iter().any(|v| !v.spelled);
    let conflict = !only_src.is_empty() && !only_tgt.is_empty();
    if !(conflict || in_digits(&only_src) || in_digits(&only_tgt)) {
        return dates.map(|d| Flag::new(FlagKind::NumbersDiffer, format!("numbers differ: {d}")));
    }
    let list = |values: &[Value]| {
        values
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !only_src.is_empty() {
        parts.push(format!("{} in the source only", list(&only_src)));
    }
    if !only_tgt.is_empty() {
        parts.push(format!("{} in the target only", list(&only_tgt)));
    }
    parts.extend(dates);
    Some(Flag::new(
        FlagKind::NumbersDiffer,
        format!("numbers differ: {}", parts.join("; ")),
    ))
}

/// A number of one side, as the check compares it.
#[derive(Debug, Clone, Copy)]
struct Value {
    /// The number, or a time of day in minutes since midnight.
    value: f64,
    clock: bool,
    /// A time that may be either half of the day ([`Number::half_day`]).
    half_day: bool,
    /// Whether it must be matched on the other side.
    strong: bool,
    spelled: bool,
}

impl Value {
    /// The same number: equal values, times equal on a 12-hour dial
    /// (`3:30` is `15:30`), or a time and its hour or minutes written as a
    /// plain number (`晚上8点` against `8 p.m.`).
    fn matches(&self, other: &Value) -> bool {
        let parts = |clock: &Value, plain: f64| {
            let (hour, minute) = ((clock.value / 60.0).floor(), clock.value % 60.0);
            same_number(plain, hour)
                || (hour > 12.0 && same_number(plain, hour - 12.0))
                || (minute > 0.0 && same_number(plain, minute))
        };
        match (self.clock, other.clock) {
            (false, false) => same_number(self.value, other.value),
            (true, true) => {
                same_number(self.value, other.value)
                    || ((self.half_day || other.half_day)
                        && (self.value - other.value).rem_euclid(720.0) == 0.0)
            }
            (true, false) => parts(self, other.value),
            (false, true) => parts(other, self.value),
        }
    }
}

impl Value {
    /// Whether this decimal is a section or figure number the other side
    /// writes with another mark: `图2.1` against `Figure 2-1`.
    fn section_of(&self, other: &[Value]) -> bool {
        if self.clock || self.value.fract() == 0.0 {
            return false;
        }
        let written = format_number(self.value);
        let Some((whole, part)) = written.split_once('.') else {
            return false;
        };
        let has = |text: &str| {
            text.parse::<f64>()
                .is_ok_and(|n| other.iter().any(|w| !w.clock && same_number(w.value, n)))
        };
        part.len() <= 2 && has(whole) && has(part)
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.clock {
            let minutes = self.value as u32;
            write!(f, "{}:{:02}", minutes / 60, minutes % 60)
        } else {
            f.write_str(&format_number(self.value))
        }
    }
}

/// Each number of a side, and whether it must be matched.
fn number_values(text: &str, style: NumberStyle) -> Vec<Value> {
    let mut values: Vec<Value> = numbers_in(text, style)
        .into_iter()
        .map(|n| {
            let v = n.value;
            Value {
                value: v,
                clock: n.clock,
                half_day: n.half_day,
                strong: !n.weak && (n.clock || n.percent || v.fract() != 0.0 || v.abs() >= 10.0),
                spelled: n.spelled,
            }
        })
        .collect();
    // Month names match month numbers (12月, 12.), never require them.
    values.extend(months(text).into_iter().map(|m| Value {
        value: f64::from(m),
        clock: false,
        half_day: false,
        strong: false,
        spelled: true,
    }));
    values
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Month names (English, German, French, Spanish, Italian, Portuguese,
/// Dutch, Russian), as month numbers.
fn months(text: &str) -> Vec<u32> {
    text.split(|c: char| !c.is_alphabetic())
        .filter_map(month_number)
        .collect()
}

/// The month a month's name (in any case) names.
fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&[&str]; 12] = [
        &[
            "january",
            "jan",
            "januar",
            "janvier",
            "enero",
            "gennaio",
            "janeiro",
            "januari",
            "января",
            "январь",
        ],
        &[
            "february",
            "feb",
            "februar",
            "février",
            "fevrier",
            "febrero",
            "febbraio",
            "fevereiro",
            "februari",
            "февраля",
            "февраль",
        ],
        &[
            "march",
            "mar",
            "märz",
            "maerz",
            "mars",
            "marzo",
            "março",
            "marco",
            "maart",
            "марта",
            "март",
        ],
        &[
            "april",
            "apr",
            "avril",
            "abril",
            "aprile",
            "апреля",
            "апрель",
        ],
        &["may", "mai", "mayo", "maggio", "maio", "mei", "мая", "май"],
        &[
            "june", "jun", "juni", "juin", "junio", "giugno", "junho", "июня", "июнь",
        ],
        &[
            "july", "jul", "juli", "juillet", "julio", "luglio", "julho", "июля", "июль",
        ],
        &[
            "august",
            "aug",
            "août",
            "aout",
            "agosto",
            "augustus",
            "августа",
            "август",
        ],
        &[
            "september",
            "sep",
            "sept",
            "septembre",
            "septiembre",
            "settembre",
            "setembro",
            "сентября",
            "сентябрь",
        ],
        &[
            "october",
            "oct",
            "oktober",
            "octobre",
            "octubre",
            "ottobre",
            "outubro",
            "октября",
            "октябрь",
        ],
        &[
            "november",
            "nov",
            "novembre",
            "noviembre",
            "novembro",
            "ноября",
            "ноябрь",
        ],
        &[
            "december",
            "dec",
            "dezember",
            "décembre",
            "decembre",
            "diciembre",
            "dicembre",
            "dezembro",
            "декабря",
            "декабрь",
        ],
    ];
    let word = word.to_lowercase();
    NAMES
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .map(|k| k as u32 + 1)
}

/// A calendar date as a text writes it: its day, its month, its year when
/// given. A date written `3/5/2024` may be either order (`month_first`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Date {
    day: u32,
    month: u32,
    year: Option<u32>,
    /// Whether day and month may be the other way round (`3/5/2024`).
    either_order: bool,
}

impl Date {
    fn new(day: u32, month: u32, year: Option<u32>) -> Option<Date> {
        ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(Date {
            day,
            month,
            year,
            either_order: false,
        })
    }

    /// The same day: day and month (either way round where one is written
    /// with slashes), and the year where both give one.
    fn same_as(&self, other: &Date) -> bool {
        let years = match (self.year, other.year) {
            (Some(a), Some(b)) => a == b || a % 100 == b % 100,
            _ => true,
        };
        let direct = self.day == other.day && self.month == other.month;
        let swapped = (self.either_order || other.either_order)
            && self.day == other.month
            && self.month == other.day;
        years && (direct || swapped)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[(self.month as usize).clamp(1, 12) - 1];
        write!(f, "{} {month}", self.day)?;
        if let Some(year) = self.year {
            write!(f, " {year}")?;
        }
        Ok(())
    }
}

/// The dates in a text, in the forms people write them: `3 May 2024`,
/// `May 3, 2024`, `3. Mai 2024`, `le 3 mai`, `3.5.2024`, `2024-05-03`,
/// `3/5/2024` (either order), `2024年5月3日`, `5月3日`.
fn dates(text: &str) -> Vec<Date> {
    let chars: Vec<char> = text.chars().collect();
    // Words and numbers with where they start and end.
    let mut tokens: Vec<(String, usize, usize)> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let digit = chars[k].is_ascii_digit();
        let same = |c: char| match digit {
            true => c.is_ascii_digit(),
            false => c.is_alphabetic() && !is_cjk(c),
        };
        if same(chars[k]) {
            let start = k;
            while k < chars.len() && same(chars[k]) {
                k += 1;
            }
            tokens.push((chars[start..k].iter().collect(), start, k));
        } else {
            k += 1;
        }
    }
    let number = |t: &(String, usize, usize)| -> Option<u32> {
        t.0.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| t.0.parse().ok())
            .flatten()
    };
    let between = |a: &(String, usize, usize), b: &(String, usize, usize)| -> String {
        chars[a.2..b.1].iter().collect()
    };
    let year_after = |i: usize| -> Option<u32> {
        let next = tokens.get(i + 1)?;
        let gap = between(&tokens[i], next);
        (matches!(gap.trim(), "" | ",") && next.0.len() == 4)
            .then(|| number(next))
            .flatten()
    };
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        // 3 May 2024, 3. Mai 2024, le 3 mai
        if let Some(month) = month_number(&token.0) {
            let day_before = i
                .checked_sub(1)
                .map(|p| &tokens[p])
                .filter(|p| matches!(between(p, token).trim(), "" | "."))
                .filter(|p| p.0.len() <= 2)
                .and_then(number);
            let day_after = tokens
                .get(i + 1)
                .filter(|n| between(token, n).trim().is_empty() && n.0.len() <= 2)
                .and_then(number);
            let date = match (day_before, day_after) {
                (Some(day), _) => Date::new(day, month, year_after(i)),
                (None, Some(day)) => Date::new(day, month, year_after(i + 1)),
                _ => None,
            };
            found.extend(date);
            continue;
        }
        // 3.5.2024, 2024-05-03, 3/5/2024
        let (Some(a), Some(b), Some(c)) = (
            number(token),
            tokens.get(i + 1).and_then(number),
            tokens.get(i + 2).and_then(number),
        ) else {
            continue;
        };
        let (first, second) = (
            between(token, &tokens[i + 1]),
            between(&tokens[i + 1], &tokens[i + 2]),
        );
        let long = |t: &(String, usize, usize)| t.0.len() == 4;
        let date = match (first.as_str(), second.as_str()) {
            (".", ".") if !long(token) && (tokens[i + 2].0.len() == 2 || long(&tokens[i + 2])) => {
                Date::new(a, b, Some(c))
            }
            ("-", "-") if long(token) => Date::new(c, b, Some(a)),
            ("/", "/") if !long(token) && long(&tokens[i + 2]) => Date::new(a, b, Some(c))
                .or_else(|| Date::new(b, a, Some(c)))
                .map(|d| Date {
                    either_order: a <= 12 && b <= 12,
                    ..d
                }),
            _ => None,
        };
        found.extend(date);
    }
    // 2024年5月3日, 5月3日 (digits; numerals in words are a translator's)
    for (i, &c) in chars.iter().enumerate() {
        if c != '月' {
            continue;
        }
        let digits_before = |end: usize| -> Option<(u32, usize)> {
            let start = (0..end)
                .rev()
                .take_while(|&j| chars[j].is_ascii_digit())
                .last()?;
            let n = chars[start..end].iter().collect::<String>().parse().ok()?;
            Some((n, start))
        };
        let Some((month, start)) = digits_before(i) else {
            continue;
        };
        let day_end = (i + 1..chars.len())
            .take_while(|&j| chars[j].is_ascii_digit())
            .last()
            .map(|j| j + 1);
        let Some(day_end) = day_end.filter(|&e| matches!(chars.get(e), Some('日' | '号'))) else {
            continue;
        };
        let day: u32 = chars[i + 1..day_end]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        let year = (start > 0 && chars[start - 1] == '年')
            .then(|| digits_before(start - 1).map(|(y, _)| y))
            .flatten();
        found.extend(Date::new(day, month, year));
    }
    found
}

/// Dates on both sides that do not agree: a date of one side that no date
/// of the other is the same day. A side without dates says nothing (the
/// other may say `today`).
fn dates_differ(source: &str, target: &str) -> Option<String> {
    let (src, tgt) = (dates(source), dates(target));
    if src.is_empty() || tgt.is_empty() {
        return None;
    }
    // `am 10. Juli … am 11. Juli` against `le 10 juillet … le 11`: a day
    // whose month the other side gave once already.
    let day_of_a_month = |date: &Date, text: &str, dates: &[Date]| {
        dates.iter().any(|o| o.month == date.month)
            && text
                .split(|c: char| !c.is_ascii_digit())
                .any(|n| n.parse() == Ok(date.day))
    };
    let only = |from: &[Date], other: &[Date], other_text: &str| -> Vec<String> {
        from.iter()
            .filter(|d| !other.iter().any(|o| d.same_as(o)))
            .filter(|d| !day_of_a_month(d, other_text, other))
            .map(Date::to_string)
            .collect()
    };
    let (only_src, only_tgt) = (only(&src, &tgt, target), only(&tgt, &src, source));
    let mut parts = Vec::new();
    if !only_src.is_empty() {
        parts.push(format!(
            "the date {} in the source only",
            only_src.join(", ")
        ));
    }
    if !only_tgt.is_empty() {
        parts.push(format!(
            "the date {} in the target only",
            only_tgt.join(", ")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// URLs and e-mail addresses, lower-cased, trailing punctuation cut.
fn addresses(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || is_cjk_punctuation(c) || is_cjk(c))
        .map(|w| {
            w.trim_matches(|c: char| {
                matches!(
                    c,
                    '.' | ',' | ';' | ':' | ')' | '(' | '"' | '\'' | '!' | '?' | '<' | '>'
                )
            })
        })
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("www.")
                || (w.contains('@')
                    && w.split('@').count() == 2
                    && w.split('@').all(|p| !p.is_empty())
                    && w.rsplit('@').next().is_some_and(|d| d.contains('.')))
        })
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Codes: tokens that mix ASCII letters and digits (`G20`, `COVID-19`,
/// `ISO 9001` counts as its parts), which translations keep as they are.
fn codes(text: &str) -> Vec<String> {
    let part_of_token = |c: char| {
        c.is_ascii_alphanumeric()
            || (c.is_alphabetic() && !is_cjk(c))
            || c == '-'
            || c == '_'
            || c == '/'
    };
    text.split(|c: char| !part_of_token(c))
        .map(|w| w.trim_matches(|c| c == '-' || c == '_' || c == '/'))
        .map(without_compound_words)
        .filter(|w| {
            w.chars().any(|c| c.is_ascii_alphabetic()) && w.chars().any(|c| c.is_ascii_digit())
        })
        // Ordinals and units glued to numbers are words, not codes.
        .filter(|w| !is_number_with_suffix(w) && !is_measurement(w))
        .map(str::to_string)
        .collect()
}

/// A code with the words it is compounded with left off (`COVID-19-Pandemie`,
/// `G20-Gipfel`, `24-Stunden-Service`: German joins a code to a noun with
/// a hyphen, English writes two words): the code is what must match.
fn without_compound_words(token: &str) -> &str {
    let is_word = |part: &str| {
        part.chars().count() >= 3
            && part.chars().all(char::is_alphabetic)
            && part.chars().any(char::is_lowercase)
    };
    let mut token = token;
    while let Some((rest, last)) = token.rsplit_once('-')
        && is_word(last)
    {
        token = rest;
    }
    while let Some((first, rest)) = token.split_once('-')
        && is_word(first)
    {
        token = rest;
    }
    token
}

/// A quantity with its unit written as one token, however the unit is
/// spelled (`100TeV`, `1-2GeV`, `2.5kpc`, `10g/cm2`, `70MeV/A`), or a unit
/// with its exponent (`cm2`, `g/cm2`, `m3`): the number is compared as a
/// number, the unit is a word. Letters before the digits (`X200`, `A380`)
/// make a code.
fn is_measurement(word: &str) -> bool {
    let unit =
        word.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
    let unit_like = |u: &str| {
        let u = u.strip_suffix(['2', '3']).unwrap_or(u);
        !u.is_empty()
            && u.len() <= 8
            && u.chars().all(|c| c.is_ascii_alphabetic() || c == '/')
            && u.chars().any(|c| c.is_ascii_lowercase())
    };
    if unit.len() < word.len() {
        return unit_like(unit);
    }
    // No number in front: a unit with its exponent, all lower case.
    word.len() >= 2
        && word.ends_with(['2', '3'])
        && word[..word.len() - 1]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '/')
}

fn is_number_with_suffix(word: &str) -> bool {
    let split = word
        .find(|c: char| !c.is_ascii_digit() && c != '.' && c != ',')
        .unwrap_or(word.len());
    let (digits, suffix) = word.split_at(split);
    !digits.is_empty()
        && matches!(
            suffix.to_ascii_lowercase().as_str(),
            "st" | "nd"
                | "rd"
                | "th"
                | "s"
                | "km"
                | "m"
                | "cm"
                | "mm"
                | "kg"
                | "g"
                | "t"
                | "h"
                | "min"
                | "s."
                | "er"
                | "e"
                | "ème"
                | "de"
                | "mb"
                | "gb"
                | "kb"
                | "kw"
                | "mw"
                | "gw"
                | "kwh"
                | "am"
                | "pm"
                | "a"
                | "p"
        )
}

/// Placeholders and inline tags: `{0}`, `{name}`, `%s`, `%1$d`, `<b>`,
/// `</b>`, `<br/>`.
/// Whether `<inner>` in `text` is markup rather than a word in angle
/// brackets (`<included>` in a plain-text memory): a closing or empty
/// tag, one with attributes, an HTML or XLIFF element, or one that `text`
/// closes.
fn is_tag(inner: &str, text: &str) -> bool {
    const ELEMENTS: [&str; 46] = [
        "a", "b", "i", "u", "s", "em", "strong", "br", "p", "span", "div", "img", "sup", "sub",
        "small", "big", "code", "kbd", "li", "ul", "ol", "table", "tr", "td", "th", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "font", "mark", "q", "pre", "tt", "var", "strike", "del",
        "ins", "x", "g", "bx", "ex", "ph",
    ];
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
        .collect();
    inner.starts_with('/')
        || inner.ends_with('/')
        || inner.contains(['=', ' '])
        || ELEMENTS.contains(&name.to_ascii_lowercase().as_str())
        || text.contains(&format!("</{name}>"))
}

fn placeholders(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let end = match c {
            '{' => chars[i + 1..]
                .iter()
                .position(|&d| d == '}')
                .map(|p| i + 1 + p + 1)
                .filter(|&e| {
                    e - i <= 32
                        && chars[i + 1..e - 1]
                            .iter()
                            .all(|d| d.is_alphanumeric() || matches!(d, '_' | '.' | ':' | ','))
                }),
            '%' => {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '$') {
                    j += 1;
                }
                chars
                    .get(j)
                    .filter(|d| matches!(d, 's' | 'd' | 'i' | 'f' | 'u' | 'x' | '@'))
                    .map(|_| j + 1)
                    // `5%` and `%d` glued to a word's letters are not placeholders.
                    .filter(|&e| e >= chars.len() || !chars[e].is_ascii_alphanumeric())
            }
            '<' => chars[i + 1..]
                .iter()
                .position(|&d| d == '>')
                .map(|p| i + 1 + p + 1)
                .filter(|&e| {
                    let inner: String = chars[i + 1..e - 1].iter().collect();
                    let name = inner.trim_start_matches('/');
                    e - i <= 64
                        && name.chars().next().is_some_and(|d| d.is_ascii_alphabetic())
                        && is_tag(&inner, text)
                }),
            _ => None,
        };
        match end {
            Some(end) => {
                found.push(chars[i..end].iter().collect::<String>());
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Items that must appear the same number of times on both sides.
fn items_differ(kind: FlagKind, what: &str, source: &[String], target: &[String]) -> Option<Flag> {
    fn count(items: &[String]) -> BTreeMap<&str, i64> {
        let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
        for item in items {
            *counts.entry(item.as_str()).or_default() += 1;
        }
        counts
    }
    let (src, tgt) = (count(source), count(target));
    if src == tgt {
        return None;
    }
    let only = |a: &BTreeMap<&str, i64>, b: &BTreeMap<&str, i64>| -> Vec<String> {
        a.iter()
            .filter(|(k, n)| b.get(*k).copied().unwrap_or(0) < **n)
            .map(|(k, _)| k.to_string())
            .collect()
    };
    let mut parts = Vec::new();
    let (src_only, tgt_only) = (only(&src, &tgt), only(&tgt, &src));
    if !src_only.is_empty() {
        parts.push(format!("{} in the source only", src_only.join(" ")));
    }
    if !tgt_only.is_empty() {
        parts.push(format!("{} in the target only", tgt_only.join(" ")));
    }
    Some(Flag::new(
        kind,
        format!("{what} differ: {}", parts.join("; ")),
    ))
}

/// Brackets and quotation marks as the languages pair them: English
/// “…” ‘…’, German „…“ ‚…‘ »…«, Polish „…”, French «…» ‹…›, Swedish ”…”,
/// CJK 「…」 『…』 and the brackets. One table for every language: a mark
/// that opens in one closes in another (“ closes German „), and the stack
/// below tells which it is here.
const PAIRS: [(char, char); 24] = [
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('（', '）'),
    ('【', '】'),
    ('《', '》'),
    ('〈', '〉'),
    ('「', '」'),
    ('『', '』'),
    ('“', '”'),
    ('„', '“'),
    ('„', '”'),
    ('”', '”'),
    ('‘', '’'),
    ('‚', '‘'),
    ('‚', '’'),
    ('«', '»'),
    ('»', '«'),
    ('‹', '›'),
    ('›', '‹'),
    // Typed in a hurry: a straight quote with a curly one, a full-width
    // bracket with a half-width one.
    ('"', '”'),
    ('“', '"'),
    ('（', ')'),
    ('(', '）'),
];

/// The first bracket or quote that does not balance, if any: a bracket
/// left open or closed without opening, or a mark closed by the wrong one
/// (`(“…)”`). A mark closes what is open when the two pair, else opens
/// when it can.
///
/// A quotation mark left open at the end, or one that closes with nothing
/// open, is not counted: a quotation of several sentences is cut at its
/// sentences (`他沉声道：“好你个屁！` … `快进来！”`), and a translation may
/// cut it elsewhere than the original.
fn first_unbalanced(text: &str) -> Option<char> {
    let is_quote = |c: char| "“”„‚‘’«»‹›「」『』\"'".contains(c);
    let mut stack: Vec<char> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if c == '\'' {
            // British quotation marks typed straight: 'Why not?' he said.
            // An apostrophe (don't, the boys' books) is neither: a straight
            // quote after a letter closes only a quotation it opened.
            let before = k.checked_sub(1).map(|b| chars[b]);
            let after = chars.get(k + 1).copied();
            let opens = before.is_none_or(|b| b.is_whitespace() || "([{“\"—".contains(b))
                && after.is_some_and(char::is_alphabetic);
            let closes = before.is_some_and(|b| !b.is_whitespace())
                && after.is_none_or(|a| !a.is_alphanumeric());
            if opens {
                stack.push(c);
            } else if closes && stack.last() == Some(&'\'') {
                stack.pop();
            }
            continue;
        }
        let closes_top = stack
            .last()
            .is_some_and(|&open| PAIRS.contains(&(open, c)) || (open == '"' && c == '"'));
        if closes_top {
            stack.pop();
        } else if c == '"' || PAIRS.iter().any(|p| p.0 == c) {
            stack.push(c);
        } else if PAIRS.iter().any(|p| p.1 == c) {
            // ’ is also the apostrophe; a quotation closed here may have
            // opened a sentence before, when nothing else is open.
            if c == '’' || (is_quote(c) && stack.is_empty()) {
                continue;
            }
            if stack.is_empty() && enumerator_before(&chars[..k]) {
                continue; // a) b) 1) iv)
            }
            return Some(c);
        }
    }
    // Quotations left open run on into the next sentence; a bracket left
    // open, or a quotation open inside one, does not balance.
    stack.iter().copied().find(|&open| !is_quote(open))
}

/// Whether the text before a closing bracket ends with a list label: one to
/// three letters or digits after a space or at the start (`a)`, `a )`,
/// `12)`, `iv)`).
fn enumerator_before(before: &[char]) -> bool {
    let end = match before.last() {
        Some(' ') => before.len() - 1,
        _ => before.len(),
    };
    let start = before[..end]
        .iter()
        .rposition(|c| !c.is_alphanumeric())
        .map_or(0, |p| p + 1);
    let label = end - start;
    (1..=3).contains(&label) && (start == 0 || before[start - 1].is_whitespace())
}

/// A side whose brackets or quotes do not balance while the other's do
/// (both unbalanced means the segmentation cut a quotation, not the
/// translation).
fn unbalanced(source: &str, target: &str) -> Option<Flag> {
    match (first_unbalanced(source), first_unbalanced(target)) {
        (None, Some(c)) => Some(Flag::new(
            FlagKind::Unbalanced,
            format!("the target's {c} is not balanced; the source's brackets and quotes are"),
        )),
        (Some(c), None) => Some(Flag::new(
            FlagKind::Unbalanced,
            format!("the source's {c} is not balanced; the target's brackets and quotes are"),
        )),
        _ => None,
    }
}

/// Whether a sentence is or holds a question: its last mark, past closing
/// quotes and brackets, is `?` or `？`, or a quoted question ends inside it
/// (`'What's your name?' asked the boy.`, `“你叫什么名字？”他问。`).
fn is_question(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let quoted = chars.windows(2).any(|w| {
        matches!(w[0], '?' | '？')
            && matches!(w[1], '\'' | '"' | '”' | '’' | '」' | '』' | '»' | '«')
    });
    quoted
        || text
            .trim_end()
            .trim_end_matches(|c: char| {
                matches!(
                    c,
                    '"' | '\'' | '”' | '’' | '」' | '』' | ')' | '）' | '》' | '】'
                )
            })
            .ends_with(['?', '？'])
}

/// A question translated as a statement or the other way round.
fn end_punctuation(source: &str, target: &str) -> Option<Flag> {
    match (is_question(source), is_question(target)) {
        (true, false) => Some(Flag::new(
            FlagKind::EndPunctuation,
            "the source is a question, the target is not".into(),
        )),
        (false, true) => Some(Flag::new(
            FlagKind::EndPunctuation,
            "the target is a question, the source is not".into(),
        )),
        _ => None,
    }
}

/// Leading or trailing whitespace, or doubled spaces inside, on one side
/// and not the other.
fn whitespace(text: &str, side: &str, other: &str) -> Option<Flag> {
    let problem = whitespace_problem(text)?;
    // The same on both sides is the memory's convention (a tokenised
    // corpus, segments that keep their trailing space), not this pair's.
    if whitespace_problem(other) == Some(problem) {
        return None;
    }
    Some(Flag::new(
        FlagKind::Whitespace,
        format!("the {side} {problem}"),
    ))
}

fn whitespace_problem(text: &str) -> Option<&'static str> {
    Some(if text.starts_with(char::is_whitespace) {
        "begins with whitespace"
    } else if text.ends_with(char::is_whitespace) {
        "ends with whitespace"
    } else if text.contains("  ") {
        "has doubled spaces"
    } else {
        return None;
    })
}

/// Text decoded with the wrong encoding: UTF-8 read as Latin-1 or
/// Windows-1252 (`Ã©`, `â€™`), UTF-8's replacement character read as GBK
/// (`锟斤拷`), or the replacement character itself.
fn mojibake(text: &str, side: &str) -> Option<Flag> {
    const LATIN1: [&str; 10] = ["Ã©", "Ã¨", "Ã¤", "Ã¶", "Ã¼", "Ã ", "â€™", "â€œ", "â€", "Ã§"];
    let found = if text.contains("锟斤拷") || text.contains("烫烫烫") || text.contains("屯屯屯")
    {
        Some("GBK")
    } else if LATIN1.iter().any(|p| text.contains(p))
        || text
            .chars()
            .zip(text.chars().skip(1))
            .any(|(a, b)| matches!(a, 'Ã' | 'Â') && ('\u{80}'..='\u{BF}').contains(&b))
    {
        Some("Latin-1 or Windows-1252")
    } else if text.contains('\u{FFFD}') {
        Some("an unknown encoding (replacement characters)")
    } else {
        None
    };
    found.map(|encoding| {
        Flag::new(
            FlagKind::Mojibake,
            format!("the {side} looks like text decoded as {encoding}: mojibake"),
        )
    })
}

fn is_cjk(c: char) -> bool {
    matches!(
        tandem_text::script_of(c),
        Some(Script::Han | Script::Kana | Script::Hangul)
    )
}

fn is_cjk_punctuation(c: char) -> bool {
    ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FF0F}').contains(&c) || c == '，'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(source: &str, target: &str, src: &str, tgt: &str) -> Vec<&'static str> {
        check_content(source, target, src, tgt, &ContentOptions::default())
            .iter()
            .map(|f| f.kind.id())
            .collect()
    }

    /// Asserts that no pair of `cases` (source, target, their languages)
    /// gets a flag.
    fn no_flags(cases: &[(&str, &str, &str, &str)]) {
        for &(source, target, src, tgt) in cases {
            let found = ids(source, target, src, tgt);
            assert!(found.is_empty(), "{source} / {target}: {found:?}");
        }
    }

    #[test]
    fn placeholders_and_tags_as_they_are_written() {
        let found = |text: &str| placeholders(text);
        assert_eq!(
            found("Hello {0}, {user.name} and {a:b,c}!"),
            ["{0}", "{user.name}", "{a:b,c}"]
        );
        // Not placeholders: an unclosed brace, a brace around prose or too
        // long a name.
        assert!(found("a { b and {not a placeholder} and {").is_empty());
        assert!(found(&format!("{{{}}}", "x".repeat(31))).is_empty());
        assert_eq!(found(&format!("{{{}}}", "x".repeat(30))).len(), 1);
        assert_eq!(
            found("%s of %d, %1$s, %2$d, %@ and %x"),
            ["%s", "%d", "%1$s", "%2$d", "%@", "%x"]
        );
        // A percentage, and a printf letter glued to a word, are not.
        assert!(found("5% more, 100%done, %size").is_empty());
        assert_eq!(found("at the end %s"), ["%s"]);
        assert_eq!(
            found("<b>bold</b> and <br/> but not 3 < 5 > 2"),
            ["<b>", "</b>", "<br/>"]
        );
        assert!(found(&format!("<a t={}>", "b".repeat(59))).is_empty());
        assert_eq!(found(&format!("<a t={}>", "b".repeat(58))).len(), 1);
    }

    #[test]
    fn items_that_differ_are_named_once_each_side() {
        let items = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let flag = items_differ(
            FlagKind::PlaceholdersDiffer,
            "placeholders",
            &items(&["{0}", "{0}", "{1}"]),
            &items(&["{0}", "{2}"]),
        )
        .unwrap();
        assert_eq!(
            flag.message,
            "placeholders differ: {0} {1} in the source only; {2} in the target only"
        );
        assert!(
            items_differ(
                FlagKind::CodesDiffer,
                "codes",
                &items(&["A", "B"]),
                &items(&["B", "A"])
            )
            .is_none()
        );
        let one_side = items_differ(FlagKind::CodesDiffer, "codes", &items(&["G20"]), &[]).unwrap();
        assert_eq!(one_side.message, "codes differ: G20 in the source only");
    }

    #[test]
    fn languages_told_apart_by_their_script() {
        let cases = [
            ("zh-CN", Some(Script::Han)),
            ("ko", Some(Script::Hangul)),
            ("ru", Some(Script::Cyrillic)),
            ("el", Some(Script::Greek)),
            ("fa", Some(Script::Arabic)),
            ("he", Some(Script::Hebrew)),
            ("th", Some(Script::Thai)),
            ("hi", Some(Script::Devanagari)),
            ("de-AT", Some(Script::Latin)),
            ("ja", None),
        ];
        for (language, script) in cases {
            assert_eq!(script_of_language(language), script, "{language}");
        }
    }

    #[test]
    fn untranslated_where_the_target_is_the_source_or_its_script() {
        let options = ContentOptions::default();
        let check = |source: &str, target: &str, src: &str, tgt: &str| {
            untranslated(source, target, src, tgt, &options).is_some()
        };
        assert!(check(
            "Open the file now.",
            "Open the file now.",
            "en",
            "de"
        ));
        // One word, or fewer letters than the threshold, is a name or a term.
        assert!(!check("Bluetooth", "Bluetooth", "en", "de"));
        assert!(!check("Wi Fi", "Wi Fi", "en", "de"));
        // The same language on both sides: nothing to translate.
        assert!(!check(
            "Open the file now.",
            "Open the file now.",
            "en",
            "en-GB"
        ));
        // A target in the source's script.
        assert!(check("打开这个文件吧。", "打开这个文件吧 now.", "zh", "en"));
        // Some of the source's script inside a translation is normal.
        assert!(!check(
            "打开苹果文件。",
            "Open the 苹果 file now, please.",
            "zh",
            "en"
        ));
        // Exactly twice as many foreign letters as own ones is not yet a flag.
        assert!(!check("东西", "东西南北上下 abc", "zh", "en"));
        assert!(check("东西", "东西南北上下左 abc", "zh", "en"));
    }

    #[test]
    fn numbers_are_written_as_people_write_them() {
        assert_eq!(format_number(1100.0), "1100");
        assert_eq!(format_number(5.2), "5.2");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(1e16), "10000000000000000");
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(ids("共有一千一百人。", "There were 1,100 people.", "zh", "en").is_empty());
        assert!(ids("增长百分之五点五。", "It grew by 5.5%.", "zh", "en").is_empty());
        assert!(ids("2024年1月21日", "January 21, 2024", "zh", "en").is_empty());
        assert!(ids("2024年12月", "December 2024", "zh", "en").is_empty());
        assert!(
            ids(
                "投资1.1万亿元。",
                "Investment of 1.1 trillion yuan.",
                "zh",
                "en"
            )
            .is_empty()
        );
        // Small numbers are often articles: 一个 is "a".
        assert!(ids("这是一个好主意。", "That is a good idea.", "zh", "en").is_empty());
        let flags = check_content(
            "共有1100人。",
            "There were 1,000 people.",
            "zh",
            "en",
            &Default::default(),
        );
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].kind, FlagKind::NumbersDiffer);
        assert_eq!(
            flags[0].message,
            "numbers differ: 1100 in the source only; 1000 in the target only"
        );
    }

    #[test]
    fn untranslated_targets() {
        assert_eq!(
            ids("Annual report", "Annual report", "en", "de"),
            ["untranslated"]
        );
        assert_eq!(
            ids("政府工作报告", "政府工作报告", "zh", "en"),
            ["untranslated"]
        );
        // The target in the source's script.
        assert_eq!(
            ids(
                "Government work report",
                "Government work report (draft)",
                "en",
                "zh"
            ),
            ["untranslated"]
        );
        // Names may stay; short labels too.
        assert!(ids("iPhone", "iPhone", "en", "de").is_empty());
        assert!(
            ids(
                "Nanga Parbat, Cho Oyu, Gasherbrum.",
                "Nanga Parbat, Cho Oyu, Gasherbrum.",
                "de",
                "fr"
            )
            .is_empty()
        );
        assert!(ids("我们访问了Microsoft。", "We visited Microsoft.", "zh", "en").is_empty());
        assert!(ids("Annual report", "Jahresbericht", "en", "de").is_empty());
    }

    #[test]
    fn addresses_codes_and_placeholders() {
        assert_eq!(
            ids(
                "详见 https://example.org/a。",
                "See https://example.org/b.",
                "zh",
                "en"
            ),
            ["urls-differ"]
        );
        assert!(
            ids(
                "请发邮件至info@example.org。",
                "Write to info@example.org.",
                "zh",
                "en"
            )
            .is_empty()
        );
        assert_eq!(
            ids("G20峰会", "The G7 summit", "zh", "en"),
            ["codes-differ"]
        );
        assert!(ids("COVID-19疫情", "the COVID-19 pandemic", "zh", "en").is_empty());
        // German compounds of a code and a noun.
        no_flags(&[
            (
                "The COVID-19 pandemic began.",
                "Die COVID-19-Pandemie begann.",
                "en",
                "de",
            ),
            ("The G20 summit met.", "Der G20-Gipfel tagte.", "en", "de"),
            ("Our A4 paper.", "Unser A4-Papier.", "en", "de"),
            ("The MP3 player.", "Der MP3-Player.", "en", "de"),
            (
                "It is a 24-hour service.",
                "Es ist ein 24-Stunden-Service.",
                "en",
                "de",
            ),
            (
                "The 1990s were a decade of change.",
                "Die 1990er-Jahre waren ein Jahrzehnt des Wandels.",
                "en",
                "de",
            ),
            (
                "The COVID-19 measures.",
                "Die COVID-19-Maßnahmen.",
                "en",
                "de",
            ),
        ]);
        assert_eq!(
            ids("The G20 summit met.", "Der G7-Gipfel tagte.", "en", "de"),
            ["codes-differ"]
        );
        assert!(ids("第3次", "the 3rd time", "zh", "en").is_empty());
        assert_eq!(
            ids("Hello {0}!", "Hallo {1}!", "en", "de"),
            ["placeholders-differ"]
        );
        assert_eq!(
            ids(
                "Click <b>Save</b>.",
                "Klicken Sie auf Speichern.",
                "en",
                "de"
            ),
            ["placeholders-differ"]
        );
        assert!(ids("%s files, 5% done", "%s Dateien, 5 % fertig", "en", "de").is_empty());
        // A word in angle brackets is text, not markup.
        assert!(
            ids(
                "Prices <included> in the offer.",
                "Preise <inklusive> im Angebot.",
                "en",
                "de"
            )
            .is_empty()
        );
        assert_eq!(
            ids(
                "Press <kbd>Enter</kbd>.",
                "Drücken Sie die Eingabetaste.",
                "en",
                "de"
            ),
            ["placeholders-differ"]
        );
    }

    #[test]
    fn brackets_and_quotes() {
        assert_eq!(
            ids("他说（好）。", "He said (good.", "zh", "en"),
            ["unbalanced"]
        );
        // A closing quotation mark left out at the end cannot be told from
        // a quotation that goes on in the next sentence.
        assert!(ids("他说：“好。”", "He said: \"Good.", "zh", "en").is_empty());
        assert!(ids("他说：“好。”", "He said: \"Good.\"", "zh", "en").is_empty());
        assert!(ids("（见附件）", "(see the annex)", "zh", "en").is_empty());
        // An apostrophe is not a closing quote.
        assert!(ids("城市的", "the city’s", "zh", "en").is_empty());
        // Both cut mid-quotation: the segmentation's doing.
        assert!(ids("他说：“好。", "He said: \"Good.", "zh", "en").is_empty());
    }

    #[test]
    fn a_side_in_another_language_than_its_own() {
        assert_eq!(
            ids(
                "Our new catalogue is now available in every shop.",
                "Notre nouveau catalogue est désormais disponible dans tous les magasins.",
                "en",
                "de-DE"
            ),
            ["wrong-language"]
        );
        assert_eq!(
            ids(
                "我们的新目录现已上市。",
                "Мы рады сообщить, что наш новый каталог уже доступен.",
                "zh",
                "en"
            ),
            ["wrong-language"]
        );
        // Short lines, names and terms are not judged; the right language is right.
        no_flags(&[
            (
                "Our new catalogue is now available in every shop.",
                "Unser neuer Katalog ist ab sofort in allen Geschäften erhältlich.",
                "en",
                "de",
            ),
            ("Contact", "Kontakt", "en", "de"),
            ("Welcome to Paris!", "Bienvenue à Paris !", "en", "fr"),
            (
                "我们使用 Microsoft Office 365 和 Google Workspace。",
                "We use Microsoft Office 365 and Google Workspace.",
                "zh",
                "en",
            ),
            ("東京都知事選挙", "Tokyo gubernatorial election", "ja", "en"),
            // Names and quotations in another language.
            (
                "The Bundesverfassungsgericht ruled on the Grundgesetz yesterday.",
                "Das Bundesverfassungsgericht entschied gestern über das Grundgesetz.",
                "en",
                "de",
            ),
            (
                "The motto is 'Liberté, égalité, fraternité'.",
                "Das Motto lautet „Liberté, égalité, fraternité“.",
                "en",
                "de",
            ),
            (
                "The motto is \"Liberté, égalité, fraternité\", as every schoolchild knows.",
                "Das Motto lautet „Liberté, égalité, fraternité“, wie jedes Schulkind weiß.",
                "en",
                "de",
            ),
            // Trigrams call this Danish when asked between English and Danish.
            (
                "2023年度の売上高は前年比12.5%増の1兆2000億円でした。",
                "Net sales for fiscal 2023 were ¥1.2 trillion, up 12.5% year on year.",
                "ja",
                "en-US",
            ),
            // Trigrams call this Latin; no memory holds Latin by mistake.
            (
                "Veni, vidi, vici, said Caesar.",
                "Terra incognita: Mare Nostrum, Pax Romana, Civitas Dei et Summa Theologiae.",
                "en",
                "de",
            ),
        ]);
    }

    #[test]
    fn quotation_marks_as_each_language_pairs_them() {
        no_flags(&[
            (
                "„Leipzig bietet genau das“, sagte sie.",
                "\"Leipzig offers exactly that,\" she said.",
                "de",
                "en",
            ),
            ("„Leipzig“", "« Leipzig »", "de", "fr"),
            ("»Leipzig«", "«Leipzig»", "de", "de-CH"),
            ("Er sagte ‚ja‘.", "Il a dit « oui ».", "de", "fr"),
            ("Hon sa ”ja”.", "She said “yes”.", "sv", "en"),
            ("Powiedział „tak”.", "He said ‘yes’.", "pl", "en"),
            ("他说：「好。」", "He said, ‹fine›.", "zh", "fr"),
        ]);
        // Straight and curly quotes, half- and full-width brackets mixed.
        assert!(ids("the term \"rational.”", "“理性”一词", "en", "zh").is_empty());
        assert!(ids("the day (today)", "那天（今天)", "en", "zh").is_empty());
        assert_eq!(ids("He said (no.", "他说不。", "en", "zh"), ["unbalanced"]);
        // List labels close no bracket.
        assert!(
            ids(
                "a ) Les articles originaux.",
                "Die Originalberichte.",
                "fr",
                "de"
            )
            .is_empty()
        );
        assert!(ids("Siehe 1) und 2).", "Voir 1) et 2).", "de", "fr").is_empty());
        assert_eq!(
            ids("Le rapport ( mai ) ) .", "Der Bericht.", "fr", "de"),
            ["unbalanced"]
        );
        // British quotes typed straight, cut by the segmentation on both sides.
        assert!(
            !ids("我来跟你玩。”", "Let me play with you.'", "zh", "en").contains(&"unbalanced")
        );
        assert!(ids("“快进来！”", "'Get a move on, will you!'", "zh", "en").is_empty());
        assert!(ids("男孩们的书", "the boys' books, don't", "zh", "en").is_empty());
        assert!(
            ids(
                "他说：“快进来！",
                "But (partly Whiskers' lecture) he didn't.",
                "zh",
                "en"
            )
            .is_empty()
        );
        // A quotation of several sentences, cut at its sentences, on one
        // side only: the translation may cut it elsewhere.
        for (source, target) in [
            (
                "海老公沉声道：“好你个屁！",
                "'Better my arse!' muttered the eunuch.",
            ),
            (
                "刘老老道：“我也知道。",
                "'I knew all about that,' said Grannie Liu.",
            ),
            (
                "可是说的了：‘侯门似海。’",
                "'You know what they say: \"A prince's door.\"",
            ),
            (
                "都说好。",
                "I felt compelled to shout: 'Down with feudalism!",
            ),
            ("他是平姑娘。", "greeting her as' Miss Patience'."),
        ] {
            assert!(
                ids(source, target, "zh", "en").is_empty(),
                "{source} / {target}: {:?}",
                ids(source, target, "zh", "en")
            );
        }
        // A quotation closed by the wrong mark, or left open inside a
        // bracket, does not balance.
        assert_eq!(
            ids("他说：“快进来！”", "He said: ('Get a move on)'", "zh", "en"),
            ["unbalanced"]
        );
        assert_eq!(
            ids(
                "Sie sagte: „Leipzig bietet genau das.“",
                "Elle a dit : « Leipzig offre (exactement cela ».",
                "de",
                "fr"
            ),
            ["unbalanced"]
        );
    }

    #[test]
    fn measurements_are_not_codes() {
        for (source, target) in [
            (
                "about 10 particles at one GeV cross 100 cm2",
                "在1GeV附近，面积为100cm2",
            ),
            ("particles of 1-2 TeV", "能量介于1-2TeV的粒子"),
            ("X = 5 to 10 g/cm2.", "X=5—10g/cm2。"),
        ] {
            assert!(
                !ids(source, target, "en", "zh").contains(&"codes-differ"),
                "{source} / {target}: {:?}",
                ids(source, target, "en", "zh")
            );
        }
        assert_eq!(ids("Model X200.", "X100型。", "en", "zh"), ["codes-differ"]);
        assert_eq!(
            ids("Flight A380.", "A350航班。", "en", "zh"),
            ["codes-differ"]
        );
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        no_flags(&[
            (
                "The site covers 6,400 square metres.",
                "Die Anlage umfasst 6.400 Quadratmeter.",
                "en",
                "de",
            ),
            (
                "An investment of EUR 48.5 million.",
                "Eine Investition von 48,5 Mio. EUR.",
                "en",
                "de",
            ),
            (
                "Sales rose 12.5% to USD 410 million.",
                "Der Umsatz stieg um 12,5 % auf 410 Mio. USD.",
                "en",
                "de",
            ),
            (
                "The site covers 6,400 square metres.",
                "Le site couvre 6 400 mètres carrés.",
                "en",
                "fr",
            ),
            (
                "It employs 2,300 people.",
                "L’entreprise emploie 2\u{202F}300 personnes.",
                "en",
                "fr",
            ),
            (
                "It employs 2,300 people.",
                "Es beschäftigt 2'300 Personen.",
                "en",
                "de-CH",
            ),
            (
                "Die Anlage umfasst 6.400 Quadratmeter.",
                "Le site couvre 6\u{A0}400 mètres carrés.",
                "de",
                "fr",
            ),
        ]);
        // A real difference is still one.
        assert_eq!(
            ids(
                "The site covers 6,400 square metres.",
                "Die Anlage umfasst 6.500 Quadratmeter.",
                "en",
                "de"
            ),
            ["numbers-differ"]
        );
        assert_eq!(
            ids(
                "Sales rose 12.5%.",
                "Der Umsatz stieg um 12,6 %.",
                "en",
                "de"
            ),
            ["numbers-differ"]
        );
    }

    #[test]
    fn times_dates_words_and_fractions_compare_as_values() {
        no_flags(&[
            (
                "The shop opens at 3:30 p.m.",
                "Der Laden öffnet um 15.30 Uhr.",
                "en",
                "de",
            ),
            (
                "Um 20.30 Uhr waren sie oben.",
                "A 20 h. 30 ils étaient au sommet.",
                "de",
                "fr",
            ),
            (
                "会议下午三点半开始。",
                "The meeting starts at 3:30 pm.",
                "zh",
                "en",
            ),
            (
                "Am 3.5.2024 trat es in Kraft.",
                "It took effect on 3 May 2024.",
                "de",
                "en",
            ),
            (
                "Genau vor hundert Jahren.",
                "Il y a juste 100 ans.",
                "de",
                "fr",
            ),
            (
                "Obwohl noch kein Achttausender.",
                "Bien que n'atteignant pas les 8000.",
                "de",
                "fr",
            ),
            ("Etwa 1 ½ m tief.", "Profonde de 1,50 m.", "de", "fr"),
            (
                "图2.1所示为一个方框图单元。",
                "Figure 2-1 shows an element.",
                "zh",
                "en",
            ),
            (
                "“可能要等到凌晨一点。”",
                "\"Around one o'clock A.M.\"",
                "zh",
                "en",
            ),
            (
                "超过1万亿条边！",
                "more than one trillion edges!",
                "zh",
                "en",
            ),
            (
                "Eine Umrechnung von 25 350 ft.",
                "Le chiffre de 25 350 pieds.",
                "de",
                "fr",
            ),
            ("Il y a deux mille ans.", "Vor 2000 Jahren.", "fr", "de"),
            (
                "Signed on 3 May 2024.",
                "Am 3.5.2024 unterzeichnet.",
                "en",
                "de",
            ),
            ("Signed on May 3, 2024.", "Signé le 3 mai 2024.", "en", "fr"),
            ("Signed on 3 May 2024.", "2024年5月3日签署。", "en", "zh"),
            (
                "Signed on 2024-05-03.",
                "Am 03.05.2024 unterzeichnet.",
                "en",
                "de",
            ),
            (
                "Signed on 5/3/2024.",
                "Am 3.5.2024 unterzeichnet.",
                "en",
                "de",
            ),
            (
                "Am Abend des 10. Juli klarte es auf, und am 11. Juli brachen sie auf.",
                "Le soir du 10 juillet le ciel s'éclaircit, et le 11 ils repartent.",
                "de",
                "fr",
            ),
            (
                "Revenue reached EUR 2.3bn.",
                "Der Umsatz erreichte 2,3 Mrd. EUR.",
                "en",
                "de",
            ),
            (
                "Revenue reached $2.3m.",
                "Der Umsatz erreichte 2,3 Mio. US-Dollar.",
                "en",
                "de",
            ),
            ("Sales of $50k.", "Umsatz von 50.000 $.", "en", "de"),
            (
                "The price is 2.5 million euros.",
                "Le prix est de 2,5 M€.",
                "en",
                "fr",
            ),
            (
                "Call 0800 123 456 for help.",
                "Rufen Sie 0800 123 456 an.",
                "en",
                "de",
            ),
            (
                "The shop opens at noon.",
                "Der Laden öffnet um 12 Uhr.",
                "en",
                "de",
            ),
            ("The 20th century.", "Le XXe siècle.", "en", "fr"),
            (
                "The train leaves at 7.45 p.m.",
                "Der Zug fährt um 7.45 Uhr abends.",
                "en",
                "de",
            ),
            (
                "The train leaves at 7:45.",
                "Der Zug fährt um 19.45 Uhr.",
                "en",
                "de",
            ),
            // Numbers in words left out: idioms and names, a translator's choice.
            (
                "奶奶听着七零八落的声响。",
                "Grandma listened to the dull sounds.",
                "zh",
                "en",
            ),
            (
                "韦小宝记得茅十八的手法。",
                "Trinket recalled Whiskers' fight.",
                "zh",
                "en",
            ),
        ]);
        for (source, target, src, tgt) in [
            // A time, a number in words and a date that differ are flagged.
            (
                "The shop opens at 3:30 p.m.",
                "Der Laden öffnet um 16.30 Uhr.",
                "en",
                "de",
            ),
            ("他有二十个孩子。", "He had 30 children.", "zh", "en"),
            ("Vor hundert Jahren.", "Il y a deux cents ans.", "de", "fr"),
            (
                "Am 3.5.2024 trat es in Kraft.",
                "It took effect on 3 May 2023.",
                "de",
                "en",
            ),
            // Dates that differ, however each side writes them.
            (
                "Signed on 3 May 2024.",
                "Am 5.3.2024 unterzeichnet.",
                "en",
                "de",
            ),
            (
                "Signed on 13 May 2024.",
                "Am 13. Juni 2024 unterzeichnet.",
                "en",
                "de",
            ),
            ("Signed on 3 May 2024.", "2024年6月3日签署。", "en", "zh"),
            // A scale word that is wrong is a wrong number.
            (
                "The project cost €2.3 million.",
                "Das Projekt kostete 2,3 Mrd. €.",
                "en",
                "de",
            ),
            (
                "It cost 2.3 million euros.",
                "Es kostete 2300 Euro.",
                "en",
                "de",
            ),
            // An explicit morning is not an evening.
            (
                "The meeting is at 9 a.m.",
                "Die Sitzung ist um 21 Uhr.",
                "en",
                "de",
            ),
            // Digits left out are still flagged.
            (
                "Die Karte von 1930 ist gut.",
                "La carte est exacte.",
                "de",
                "fr",
            ),
        ] {
            assert_eq!(
                ids(source, target, src, tgt),
                ["numbers-differ"],
                "{source} / {target}"
            );
        }
    }

    #[test]
    fn dates_that_differ_are_named() {
        let flags = check_content(
            "Signed on 3 May 2024.",
            "Am 5.3.2024 unterzeichnet.",
            "en",
            "de",
            &ContentOptions::default(),
        );
        assert_eq!(flags.len(), 1);
        assert_eq!(
            flags[0].message,
            "numbers differ: the date 3 May 2024 in the source only; the date 5 March 2024 in the target only"
        );
    }

    #[test]
    fn questions_whitespace_mojibake() {
        assert_eq!(
            ids("你好吗？", "I am fine.", "zh", "en"),
            ["end-punctuation"]
        );
        assert!(ids("你好吗？", "How are you?", "zh", "en").is_empty());
        assert!(
            ids(
                "那男孩问道：“你叫什么名字？”",
                "'What's your name?' asked the boy.",
                "zh",
                "en"
            )
            .is_empty()
        );
        assert_eq!(ids("Guten Tag", "Bonjour ", "de", "fr"), ["whitespace"]);
        assert_eq!(ids("Guten  Tag", "Bonjour", "de", "fr"), ["whitespace"]);
        assert!(ids("Guten Tag . ", "Bonjour . ", "de", "fr").is_empty());
        assert_eq!(ids("Café", "CafÃ©", "fr", "de"), ["mojibake"]);
        assert_eq!(
            ids(
                "Delivery takes 3–5 days.",
                "Die Lieferung dauert 3â€“5 Tage.",
                "en",
                "de"
            ),
            ["mojibake"]
        );
        assert_eq!(ids("说明", "锟斤拷", "zh", "en"), ["mojibake"]);
        assert!(ids("Café crème", "Milchkaffee", "fr", "de").is_empty());
    }
}
