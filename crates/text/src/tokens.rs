//! Tokens for matching: the copies of a sentence's words that lexical
//! evidence compares. They are normalised (NFKC, lower case, accents folded
//! where asked); the sentence itself is never changed.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::script::{Script, script_of};

/// The words of a text outside Chinese and Japanese script: runs of letters
/// and digits, NFKC-normalised and lower-cased. Dots, hyphens, apostrophes,
/// `@`, `/` and `:` between letters or digits stay inside a word, so that
/// `www.gov.cn`, `e-mail`, `qi'an'an` and `a@b.org` are one token each.
pub fn words(text: &str) -> Vec<String> {
    let normalised: String = nfkc(text).to_lowercase();
    let chars: Vec<char> = normalised.chars().collect();
    let is_word_char = |c: char| c.is_alphanumeric() && !is_unspaced(c);
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let joiner = matches!(c, '.' | '-' | '\'' | '’' | '@' | '/' | ':' | '_')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|&n| is_word_char(n));
        if is_word_char(c) || joiner {
            current.push(if c == '’' { '\'' } else { c });
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The Han and kana characters of a text, each one, and each pair of
/// adjacent ones: Chinese and Japanese write no spaces and most words are
/// one or two characters long, so characters and bigrams stand in for words
/// without a segmenter.
pub fn unspaced_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut previous: Option<char> = None;
    for c in nfkc(text).chars() {
        if is_unspaced(c) {
            tokens.push(c.to_string());
            if let Some(p) = previous {
                tokens.push([p, c].iter().collect());
            }
            previous = Some(c);
        } else {
            previous = None;
        }
    }
    tokens
}

/// Tokens for a translation model: [`unspaced_tokens`], and [`words`] cut
/// to their first five characters (a stem that needs no rules per language:
/// `government`, `governments` and `governing` become `gover`).
pub fn match_tokens(text: &str) -> Vec<String> {
    let mut tokens = unspaced_tokens(text);
    tokens.extend(words(text).into_iter().map(|w| stem(&w)));
    tokens
}

/// `text` in NFKC, without copying when it already is (ASCII always is).
fn nfkc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// The first five characters of a word.
pub fn stem(word: &str) -> String {
    word.chars().take(5).collect()
}

/// A word without its accents (`expédition` → `expedition`), for finding
/// cognates across languages.
pub fn fold_accents(word: &str) -> String {
    word.nfd().filter(|&c| !is_combining_mark(c)).collect()
}

fn is_unspaced(c: char) -> bool {
    matches!(script_of(c), Some(Script::Han | Script::Kana))
}

/// Punctuation that marks a sentence's structure and survives translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Punctuation {
    /// `?` `？` `¿` `؟`
    Question,
    /// `!` `！` `¡`
    Exclamation,
    /// Quotation marks, of any kind: `"` `“` `”` `「` `」` `«` `»` `„` …
    Quote,
    /// `:` `：`
    Colon,
    /// Brackets: `(` `)` `（` `）` `[` `]` `【` `】`
    Bracket,
    /// `…` `……` `...`
    Ellipsis,
    /// `—` `——` `–`
    Dash,
}

/// The structural punctuation of a text, in order. Pairs such as `“…”`
/// count as two quotes; a run of dots or of `…` counts as one ellipsis.
pub fn punctuation(text: &str) -> Vec<Punctuation> {
    let chars: Vec<char> = text.chars().collect();
    let mut marks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mark = match c {
            '?' | '？' | '¿' | '؟' => Some(Punctuation::Question),
            '!' | '！' | '¡' => Some(Punctuation::Exclamation),
            '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' | '＂' => {
                Some(Punctuation::Quote)
            }
            ':' | '：' if !chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()) => {
                Some(Punctuation::Colon)
            }
            '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】' | '〔' | '〕' => {
                Some(Punctuation::Bracket)
            }
            '…' => Some(Punctuation::Ellipsis),
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => {
                Some(Punctuation::Ellipsis)
            }
            '—' | '–' => Some(Punctuation::Dash),
            _ => None,
        };
        // A run of the same mark (…… —— ...) counts once.
        let mut j = i + 1;
        if matches!(mark, Some(Punctuation::Ellipsis | Punctuation::Dash)) {
            while j < chars.len() && (chars[j] == c || (c == '.' && chars[j] == '.')) {
                j += 1;
            }
        }
        marks.extend(mark);
        i = j;
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_urls_codes_and_apostrophes_whole() {
        assert_eq!(
            words("Visit www.gov.cn, e-mail a@b.org: the Qi’an’an system (5G)."),
            [
                "visit",
                "www.gov.cn",
                "e-mail",
                "a@b.org",
                "the",
                "qi'an'an",
                "system",
                "5g"
            ]
        );
        assert_eq!(words("中共中央CPC会议"), ["cpc"]);
        assert_eq!(words("ＡＢＣ　ｄｅｆ"), ["abc", "def"]);
    }

    #[test]
    fn unspaced_text_gives_characters_and_bigrams() {
        assert_eq!(
            unspaced_tokens("北京市,好"),
            ["北", "京", "北京", "市", "京市", "好"]
        );
        assert!(unspaced_tokens("English only").is_empty());
    }

    #[test]
    fn match_tokens_stem_words() {
        assert_eq!(match_tokens("Governments governed"), ["gover", "gover"]);
        assert_eq!(match_tokens("加强CPC"), ["加", "强", "加强", "cpc"]);
    }

    #[test]
    fn accents_fold() {
        assert_eq!(fold_accents("expédition"), "expedition");
        assert_eq!(fold_accents("Zürich"), "Zurich");
    }

    #[test]
    fn punctuation_structure() {
        use Punctuation::*;
        assert_eq!(
            punctuation("他问：“你去吗？”"),
            [Colon, Quote, Question, Quote]
        );
        assert_eq!(
            punctuation("He asked: \"Are you going?\""),
            [Colon, Quote, Question, Quote]
        );
        assert_eq!(
            punctuation("等等……好——走 wait... at 10:30"),
            [Ellipsis, Dash, Ellipsis]
        );
        assert_eq!(
            punctuation("Go! ¡Vamos! 走！ (now) – a.b ....."),
            [
                Exclamation,
                Exclamation,
                Exclamation,
                Exclamation,
                Bracket,
                Bracket,
                Dash,
                Ellipsis
            ]
        );
        // Two dots are not an ellipsis; a run of dashes is one.
        assert_eq!(punctuation("a.. b —— c"), [Dash]);
        // A run ends at another mark, which counts; a colon before a digit
        // is a time or a ratio, after one it is a colon.
        assert_eq!(punctuation("……？"), [Ellipsis, Question]);
        assert_eq!(punctuation("...?"), [Ellipsis, Question]);
        assert_eq!(punctuation("——！"), [Dash, Exclamation]);
        assert_eq!(punctuation("a..b"), []);
        assert_eq!(punctuation("a:1 and 2: b"), [Colon]);
    }
}
