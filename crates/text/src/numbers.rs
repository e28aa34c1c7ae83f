//! Numbers in running text, as values: `1,100`, `1100`, `一千一百` and
//! `1.1 thousand` are all 1100; in German `1.100` is too, and `48,5` is
//! 48.5 ([`NumberStyle`]). Numbers are anchors between a sentence and its
//! translation that need no dictionary.

/// A number found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// Its value.
    pub value: f64,
    /// Whether it was written with a percent sign or as 百分之….
    pub percent: bool,
    /// Whether a translation may well leave it out or say it otherwise: a
    /// century or a decade (`18世纪`, `60年代`, `a decade`), an approximate
    /// round number (`几十年` "decades", `三十多` "thirty-odd").
    pub weak: bool,
}

/// How a language writes numbers (CLDR's conventions): which of `.` and
/// `,` marks decimals (the other groups thousands), and whether a plain
/// space groups thousands too. No-break, narrow no-break and thin spaces
/// and the apostrophe (`1'250`, Swiss German) group thousands in every
/// language.
///
/// A separator is read by its context first: repeated (`1.234.567`), or
/// followed by other than three digits (`3.2`, `48,5`), or beside the
/// other mark (`1.234,5`), it can only be one thing; a lone `6.400` or
/// `6,400` is read by the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    /// `,` marks decimals and `.` groups thousands (German, French …).
    pub decimal_comma: bool,
    /// A plain space between groups of three digits groups thousands
    /// (French `6 400`, Russian `2 300`).
    pub space_groups: bool,
    /// English tens and units joined by a hyphen are one number
    /// (`twenty-five`). Off in the neutral reading [`numbers`] gives, which
    /// the aligner's anchors use: read as 20 and 5 they aligned the
    /// literary evaluation set better (`tandem eval`, strict F1 0.690
    /// against 0.684).
    pub english_compounds: bool,
}

impl NumberStyle {
    /// The style of the language a BCP 47 tag names (its primary subtag,
    /// and its region where the style differs: `de-CH` writes `1'250.5`,
    /// `es-MX` `1,250.5`). Unknown languages write as English does.
    pub fn of(tag: &str) -> NumberStyle {
        let lower = tag.to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        let language = parts.next().unwrap_or("");
        let region = parts.find(|p| p.len() == 2 || p.len() == 3).unwrap_or("");
        let decimal_comma = match language {
            "de" => !matches!(region, "ch" | "li"),
            "es" => !matches!(
                region,
                "mx" | "us" | "pr" | "do" | "gt" | "hn" | "ni" | "pa" | "sv"
            ),
            "fr" | "it" | "pt" | "nl" | "ru" | "uk" | "be" | "bg" | "pl" | "cs" | "sk" | "sl"
            | "hr" | "sr" | "bs" | "mk" | "ro" | "hu" | "sv" | "nb" | "nn" | "no" | "da" | "fi"
            | "et" | "lv" | "lt" | "tr" | "el" | "id" | "vi" | "az" | "ka" | "kk" | "sq" | "is"
            | "ca" | "gl" | "eu" => true,
            _ => false,
        };
        let space_groups = matches!(
            language,
            "fr" | "ru"
                | "uk"
                | "be"
                | "bg"
                | "pl"
                | "cs"
                | "sk"
                | "sv"
                | "nb"
                | "nn"
                | "no"
                | "fi"
                | "et"
                | "lv"
                | "lt"
                | "hu"
                | "kk"
        );
        NumberStyle {
            decimal_comma,
            space_groups,
            english_compounds: language == "en",
        }
    }
}

/// Every number in `text`: Arabic numerals (with `,` thousands separators
/// and `.` decimals, full-width digits too), Chinese numerals (`二十`,
/// `一千一百`, `两万`, `三点五`, `百分之五`, `〇`), English number words and
/// ordinals (`twenty`, `third`, `3rd`), and a multiplier word after a
/// number (`1.1 million`, `3万`, `2亿`). For a text in a known language,
/// [`numbers_in`].
pub fn numbers(text: &str) -> Vec<Number> {
    numbers_in(text, NumberStyle::default())
}

/// Every number in `text` as [`numbers`] finds them, Arabic numerals read
/// in `style`: in German (`NumberStyle::of("de")`) `6.400` is 6400 and
/// `12,5 %` is 12.5 percent.
pub fn numbers_in(text: &str, style: NumberStyle) -> Vec<Number> {
    let chars: Vec<char> = text.chars().map(fold_width).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (value, end) = if c.is_ascii_digit() && inside_word(&chars, i) {
            // Digits glued to letters (`G7`, `A380`) are codes, matched as tokens.
            i = (i..chars.len())
                .find(|&j| !chars[j].is_ascii_alphanumeric())
                .unwrap_or(chars.len());
            continue;
        } else if c.is_ascii_digit() {
            arabic(&chars, i, style)
        } else if chinese_digit(c).is_some()
            || (c == '十' && !matches!(chars.get(i + 1), Some('分' | '足')))
            || starts_with(&chars[i..], "百分之")
        {
            match chinese(&chars, i) {
                Some(found) => found,
                None => {
                    i += 1;
                    continue;
                }
            }
        } else if c.is_ascii_alphabetic() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric()) {
            let word_end = |from: usize| {
                (from..chars.len())
                    .find(|&j| !chars[j].is_ascii_alphabetic())
                    .unwrap_or(chars.len())
            };
            let mut end = word_end(i);
            let word: String = chars[i..end].iter().collect::<String>().to_lowercase();
            // nine hundred and thirty, an hundred and five, sixty and five
            if style.english_compounds
                && let Some((value, phrase_end)) = english_phrase(&chars, i)
            {
                let (value, phrase_end) = with_multiplier(&chars, number(value, false), phrase_end);
                found.push(value);
                i = phrase_end;
                continue;
            }
            // twenty-five, Twenty-two
            let mut value = english_number(&word);
            if let Some(tens) = value.filter(|v| v.fract() == 0.0 && *v >= 20.0 && *v % 10.0 == 0.0)
                && style.english_compounds
                && chars.get(end) == Some(&'-')
            {
                let unit_end = word_end(end + 1);
                let unit: String = chars[end + 1..unit_end]
                    .iter()
                    .collect::<String>()
                    .to_lowercase();
                if let Some(u) = english_unit(&unit) {
                    value = Some(tens + u);
                    end = unit_end;
                }
            }
            match value {
                Some(value) => (
                    Number {
                        value,
                        percent: false,
                        weak: word == "decade",
                    },
                    end,
                ),
                None => {
                    i = end;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        let (value, end) = with_multiplier(&chars, value, end);
        let (value, end) = with_chinese_period(&chars, i, value, end);
        found.push(value);
        i = end.max(i + 1);
    }
    found
}

/// Full-width digits and punctuation as their ASCII forms.
fn fold_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '，' => ',',
        '．' => '.',
        '％' => '%',
        _ => c,
    }
}

fn starts_with(chars: &[char], prefix: &str) -> bool {
    let mut it = chars.iter();
    prefix.chars().all(|p| it.next() == Some(&p))
}

fn inside_word(chars: &[char], i: usize) -> bool {
    i > 0 && chars[i - 1].is_ascii_alphabetic()
}

/// An Arabic numeral at `i`, read in `style`: digits, separators between
/// groups of three, one decimal part, an ordinal suffix, a `%` (after a
/// space too: `12,5 %`).
fn arabic(chars: &[char], i: usize, style: NumberStyle) -> (Number, usize) {
    let (decimal, group) = match style.decimal_comma {
        true => (',', '.'),
        false => ('.', ','),
    };
    let digits_at = |k: usize| {
        (k..chars.len())
            .take_while(|&m| chars[m].is_ascii_digit())
            .count()
    };
    let mut j = i + digits_at(i);
    let mut text: String = chars[i..j].iter().collect();
    let first_group = j - i;
    // The separator that has grouped thousands so far, if any.
    let mut grouping: Option<char> = None;
    while let Some(&c) = chars.get(j) {
        let after = digits_at(j + 1);
        if after == 0 {
            break;
        }
        let three = after == 3;
        let may_group = three && (grouping == Some(c) || (grouping.is_none() && first_group <= 3));
        let spacing =
            matches!(c, '\u{A0}' | '\u{202F}' | '\u{2009}') || (c == ' ' && style.space_groups);
        let is_group = match c {
            '\'' | '’' => may_group,
            _ if spacing => may_group,
            _ if c == group => may_group,
            // The decimal mark groups only when it repeats: 1.234.567 in
            // a decimal-point text is a German number.
            _ if c == decimal => {
                may_group
                    && (grouping == Some(c)
                        || (chars.get(j + 4) == Some(&c) && digits_at(j + 5) == 3))
            }
            _ => false,
        };
        if is_group {
            grouping = Some(c);
            text.extend(&chars[j + 1..j + 1 + after]);
            j += 1 + after;
            continue;
        }
        // A decimal part: after the language's mark, or after a point in a
        // decimal-comma text (3.2 % written the English way), never after
        // the mark that has been grouping.
        let decimal_part =
            grouping != Some(c) && (c == decimal || (c == '.' && style.decimal_comma && !three));
        if decimal_part {
            text.push('.');
            text.extend(&chars[j + 1..j + 1 + after]);
            j += 1 + after;
        }
        break;
    }
    let value = text.parse().unwrap_or(0.0);
    // 3rd, 21st, 2nd, 4th
    let suffix: String = chars[j..].iter().take(2).collect::<String>().to_lowercase();
    if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th")
        && !chars.get(j + 2).is_some_and(|c| c.is_alphabetic())
    {
        j += 2;
    }
    let spaced_percent = matches!(chars.get(j), Some(' ' | '\u{A0}' | '\u{202F}' | '\u{2009}'))
        && chars.get(j + 1) == Some(&'%');
    if chars.get(j) == Some(&'%') {
        (number(value, true), j + 1)
    } else if spaced_percent {
        (number(value, true), j + 2)
    } else {
        (number(value, false), j)
    }
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// A Chinese numeral at `i`, or `None` where the characters are not one
/// (一 alone inside a word such as 统一 or 一样 is a word, not the number 1).
fn chinese(chars: &[char], i: usize) -> Option<(Number, usize)> {
    let (percent, start) = if starts_with(&chars[i..], "百分之") {
        (true, i + 3)
    } else {
        (false, i)
    };
    let mut j = start;
    let (mut total, mut section, mut digit) = (0u64, 0u64, None::<u64>);
    // Digit-by-digit years: 二〇二四
    let mut positional = String::new();
    while j < chars.len() {
        let c = chars[j];
        // 二十两 is twenty taels: 两 after a unit is the measure word.
        if c == '两' && j > start && chinese_unit(chars[j - 1]).is_some() {
            break;
        }
        if let Some(d) = chinese_digit(c) {
            if let Some(previous) = digit {
                // Two digits in a row: a positional number (二〇二四) or a
                // range (三四个); read positionally.
                if positional.is_empty() {
                    positional.push(char::from_digit(previous as u32, 10).unwrap_or('0'));
                }
                positional.push(char::from_digit(d as u32, 10).unwrap_or('0'));
            }
            digit = Some(d);
        } else if let Some(unit) = chinese_unit(c) {
            section += digit.unwrap_or(1) * unit;
            digit = None;
        } else if c == '万' || c == '亿' {
            let scale = if c == '万' { 10_000 } else { 100_000_000 };
            total = (total + section + digit.unwrap_or(0)).max(1) * scale;
            section = 0;
            digit = None;
        } else {
            break;
        }
        j += 1;
    }
    if j == start {
        return None;
    }
    // With units (一百零五) a zero only marks a gap; positional reading is
    // for digits alone (二〇二四).
    let has_units = total > 0 || section > 0;
    let mut value = if positional.len() >= 2 && !has_units {
        positional.parse().unwrap_or(0) as f64
    } else {
        (total + section + digit.unwrap_or(0)) as f64
    };
    // 三点五: a decimal part
    if chars.get(j) == Some(&'点') && chars.get(j + 1).and_then(|&c| chinese_digit(c)).is_some() {
        let mut k = j + 1;
        let mut fraction = String::from("0.");
        while let Some(d) = chars.get(k).and_then(|&c| chinese_digit(c)) {
            fraction.push(char::from_digit(d as u32, 10).unwrap_or('0'));
            k += 1;
        }
        value += fraction.parse::<f64>().unwrap_or(0.0);
        j = k;
    }
    let numeral: String = chars[start..j].iter().collect();
    // A lone 一 or 两 inside words (统一, 一样, 两岸) is not a number unless
    // a measure or a unit makes it one; keep it only when longer.
    if !percent && (numeral == "一" || numeral == "两") && !is_ordinal_or_measured(chars, start, j)
    {
        return None;
    }
    // Two neighbouring digits in a row are read positionally (八九年, the
    // year '89) but may be a range, "seven or eight" (七八, 一两, 三两, 十七八):
    // weak either way.
    let digits: Vec<u32> = positional.chars().filter_map(|c| c.to_digit(10)).collect();
    let range = digits.len() == 2 && digits[0].abs_diff(digits[1]) == 1;
    Some((
        Number {
            weak: range,
            ..number(value, percent)
        },
        j,
    ))
}

// 第一, 一个, 一年, 一次: the numeral counts something.
fn is_ordinal_or_measured(chars: &[char], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|k| chars[k]);
    let after = chars.get(end).copied();
    before == Some('第') || after.is_some_and(|c| "个年月日次项位名条种件天岁倍点批届".contains(c))
}

/// A number that is not [`Number::weak`].
fn number(value: f64, percent: bool) -> Number {
    Number {
        value,
        percent,
        weak: false,
    }
}

/// Centuries, decades and approximations written in Chinese: `17世纪70年代`
/// is the 1670s (1670); `18世纪` alone and `60年代` are weak, as are
/// `几十`, `数百`, `上千` and `三十多` ("decades", "hundreds", "thirty-odd").
fn with_chinese_period(
    chars: &[char],
    start: usize,
    number: Number,
    end: usize,
) -> (Number, usize) {
    let follows = |at: usize, text: &str| starts_with(&chars[at.min(chars.len())..], text);
    if follows(end, "世纪") {
        let after = end + 2;
        let decade = chars.get(after).filter(|c| c.is_ascii_digit()).map(|_| {
            let (decade, stop) = arabic(chars, after, NumberStyle::default());
            (decade.value, stop)
        });
        if let Some((decade, stop)) = decade
            && follows(stop, "年代")
            && number.value >= 1.0
        {
            return (
                Number {
                    value: (number.value - 1.0) * 100.0 + decade,
                    ..number
                },
                stop + 2,
            );
        }
        return (
            Number {
                weak: true,
                ..number
            },
            after,
        );
    }
    let approximate = start
        .checked_sub(1)
        .is_some_and(|k| matches!(chars[k], '几' | '数' | '上' | '成' | '好'))
        || matches!(chars.get(end), Some('几' | '多' | '余' | '来'))
        || follows(end, "年代");
    match approximate {
        true => (
            Number {
                weak: true,
                ..number
            },
            end,
        ),
        false => (number, end),
    }
}

/// A multiplier word after a number: `1.1 million`, `3 thousand`, `5万`.
fn with_multiplier(chars: &[char], number: Number, end: usize) -> (Number, usize) {
    let mut j = end;
    // 万 and 亿 multiply in turn: 1.1万亿 is 1.1 × 10⁴ × 10⁸.
    let mut scale = 1.0;
    while let Some(step) = chars.get(j).and_then(|&c| match c {
        '万' => Some(1e4),
        '亿' => Some(1e8),
        _ => None,
    }) {
        scale *= step;
        j += 1;
    }
    if j > end {
        return (
            Number {
                value: number.value * scale,
                ..number
            },
            j,
        );
    }
    while chars.get(j) == Some(&' ') {
        j += 1;
    }
    let word_end = (j..chars.len())
        .find(|&k| !chars[k].is_alphabetic())
        .unwrap_or(chars.len());
    let word: String = chars[j..word_end].iter().collect::<String>().to_lowercase();
    if word == "percent"
        || word == "per"
            && chars[word_end..]
                .iter()
                .collect::<String>()
                .trim_start()
                .starts_with("cent")
    {
        return (
            Number {
                percent: true,
                ..number
            },
            word_end,
        );
    }
    // The press's words and abbreviations in the built-in languages:
    // 48,5 Mio. EUR, 2 milliards, 3 млн.
    let scale = match word.as_str() {
        "hundred" => 1e2,
        "thousand" | "tsd" | "tausend" | "тыс" => 1e3,
        "million" | "millions" | "mio" | "mill" | "millionen" | "millón" | "millones"
        | "milione" | "milioni" | "milhão" | "milhões" | "miljoen" | "mln" | "млн" | "миллион"
        | "миллиона" | "миллионов" => 1e6,
        "billion"
        | "billions"
        | "mrd"
        | "milliarde"
        | "milliarden"
        | "milliard"
        | "milliards"
        | "miliardo"
        | "miliardi"
        | "miljard"
        | "mld"
        | "млрд"
        | "миллиард"
        | "миллиарда"
        | "миллиардов" => 1e9,
        "trillion" => 1e12,
        _ => return (number, end),
    };
    (
        Number {
            value: number.value * scale,
            ..number
        },
        word_end,
    )
}

/// English number words and ordinals up to twenty, and the tens.
fn english_number(word: &str) -> Option<f64> {
    const UNITS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const ORDINALS: [&str; 21] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    const TENS: [(&str, f64); 7] = [
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
    ];
    if let Some(i) = UNITS.iter().position(|&w| w == word) {
        // "one" is as often a pronoun as a number.
        return (i != 1).then_some(i as f64);
    }
    if let Some(i) = ORDINALS.iter().position(|&w| w == word) {
        // "second" is as often time as an ordinal.
        return (i != 2).then_some(i as f64);
    }
    match word {
        // "one in a hundred"; "a decade" (weak: Number::weak)
        "hundred" => return Some(100.0),
        "thousand" => return Some(1000.0),
        "decade" => return Some(10.0),
        _ => {}
    }
    TENS.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// An English number written in words over several words (`nine hundred
/// and thirty`, `an hundred and five`, `sixty and five`, `twenty-two
/// thousand`): its value and where it ends, or `None` for fewer than two
/// number words.
fn english_phrase(chars: &[char], start: usize) -> Option<(f64, usize)> {
    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        Nothing,
        Article,
        Unit,
        Tens,
        Scale,
        And,
        // "five and thirty": only tens may follow.
        UnitAnd,
    }
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let (mut last, mut words, mut end) = (Last::Nothing, 0, start);
    let mut j = start;
    while j < chars.len() && chars[j].is_ascii_alphabetic() {
        let word_end = (j..chars.len())
            .find(|&k| !chars[k].is_ascii_alphabetic())
            .unwrap_or(chars.len());
        let word: String = chars[j..word_end].iter().collect::<String>().to_lowercase();
        let unit = english_unit(&word).or(match word.as_str() {
            "ten" => Some(10.0),
            "eleven" => Some(11.0),
            "twelve" => Some(12.0),
            "thirteen" => Some(13.0),
            "fourteen" => Some(14.0),
            "fifteen" => Some(15.0),
            "sixteen" => Some(16.0),
            "seventeen" => Some(17.0),
            "eighteen" => Some(18.0),
            "nineteen" => Some(19.0),
            _ => None,
        });
        let tens = match word.as_str() {
            "twenty" => Some(20.0),
            "thirty" => Some(30.0),
            "forty" => Some(40.0),
            "fifty" => Some(50.0),
            "sixty" => Some(60.0),
            "seventy" => Some(70.0),
            "eighty" => Some(80.0),
            "ninety" => Some(90.0),
            // The Authorized Version's: threescore and ten.
            "score" => Some(20.0),
            "twoscore" => Some(40.0),
            "threescore" => Some(60.0),
            "fourscore" => Some(80.0),
            _ => None,
        };
        let scale = match word.as_str() {
            "hundred" => Some(100.0),
            "thousand" => Some(1e3),
            _ => None,
        };
        let next = match (word.as_str(), unit, tens, scale) {
            ("a" | "an", ..) if last == Last::Nothing => Last::Article,
            ("and", ..) if matches!(last, Last::Scale | Last::Tens) => Last::And,
            ("and", ..) if last == Last::Unit => Last::UnitAnd,
            (_, Some(u), _, _)
                if matches!(last, Last::Nothing | Last::Tens | Last::Scale | Last::And) =>
            {
                // sixty and five; a unit after "and" that follows a unit is a list
                current += u;
                Last::Unit
            }
            (_, _, Some(t), _)
                if matches!(
                    last,
                    Last::Nothing | Last::Scale | Last::And | Last::UnitAnd
                ) =>
            {
                current += t;
                Last::Tens
            }
            (_, _, _, Some(100.0)) if last != Last::And => {
                current = current.max(1.0) * 100.0;
                Last::Scale
            }
            (_, _, _, Some(factor)) if last != Last::And => {
                total += current.max(1.0) * factor;
                current = 0.0;
                Last::Scale
            }
            _ => break,
        };
        if !matches!(next, Last::Article | Last::And | Last::UnitAnd) {
            words += 1;
            end = word_end;
        }
        last = next;
        // Words are joined by one space or a hyphen.
        match chars.get(word_end) {
            Some(' ' | '-')
                if chars
                    .get(word_end + 1)
                    .is_some_and(char::is_ascii_alphabetic) =>
            {
                j = word_end + 1;
            }
            _ => break,
        }
    }
    (words >= 2).then_some((total + current, end))
}

/// The units after a hyphen: twenty-*five*.
fn english_unit(word: &str) -> Option<f64> {
    const UNITS: [&str; 9] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    UNITS
        .iter()
        .position(|&w| w == word)
        .map(|i| (i + 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<f64> {
        numbers(text).into_iter().map(|n| n.value).collect()
    }

    #[test]
    fn arabic_with_separators_decimals_and_percent() {
        assert_eq!(values("rehabilitate 1,100 kilometers"), [1100.0]);
        assert_eq!(values("完成改造1100公里"), [1100.0]);
        assert_eq!(values("grew 3.5% in 2024"), [3.5, 2024.0]);
        assert!(numbers("grew 3.5%")[0].percent);
        assert_eq!(values("１，１００公里，增长３．５％"), [1100.0, 3.5]);
        // A comma between numbers is not a thousands separator.
        assert_eq!(values("1,2,3"), [1.0, 2.0, 3.0]);
        assert_eq!(values("the 3rd and 21st"), [3.0, 21.0]);
        assert_eq!(values("3rd place"), [3.0]);
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        let values_in = |text: &str, tag: &str| -> Vec<(f64, bool)> {
            numbers_in(text, NumberStyle::of(tag))
                .into_iter()
                .map(|n| (n.value, n.percent))
                .collect()
        };
        assert_eq!(values_in("6.400 Quadratmeter", "de"), [(6400.0, false)]);
        assert_eq!(values_in("6,400 square metres", "en"), [(6400.0, false)]);
        assert_eq!(values_in("48,5 Prozent mehr", "de-DE"), [(48.5, false)]);
        assert_eq!(values_in("ein Plus von 12,5 %", "de"), [(12.5, true)]);
        assert_eq!(values_in("um 3,2 %", "de"), [(3.2, true)]);
        assert_eq!(values_in("2.300 Mitarbeiter", "de"), [(2300.0, false)]);
        assert_eq!(values_in("1.234.567,89", "de"), [(1_234_567.89, false)]);
        assert_eq!(values_in("1,234,567.89", "en"), [(1_234_567.89, false)]);
        // Written the other language's way, read by its context.
        assert_eq!(values_in("3.2 % mehr", "de"), [(3.2, true)]);
        assert_eq!(values_in("1.234.567 people", "en"), [(1_234_567.0, false)]);
        // French and Russian group with spaces, plain or no-break.
        assert_eq!(values_in("6 400 mètres", "fr"), [(6400.0, false)]);
        assert_eq!(values_in("6\u{A0}400 mètres", "fr"), [(6400.0, false)]);
        assert_eq!(values_in("2\u{202F}300 personnes", "fr"), [(2300.0, false)]);
        assert_eq!(values_in("2 300 человек", "ru"), [(2300.0, false)]);
        assert_eq!(
            values_in("en 2020 300 entreprises", "fr"),
            [(2020.0, false), (300.0, false)]
        );
        // A plain space groups nothing in English; a no-break space does.
        assert_eq!(
            values_in("in 2024 300 firms", "en"),
            [(2024.0, false), (300.0, false)]
        );
        assert_eq!(values_in("6\u{202F}400 m", "en"), [(6400.0, false)]);
        // Swiss German.
        assert_eq!(values_in("1'250.50 Franken", "de-CH"), [(1250.5, false)]);
        assert_eq!(values_in("1’250 Kunden", "de"), [(1250.0, false)]);
        // A comma is a decimal mark in German, a list in English.
        assert_eq!(
            values_in("1,2,3", "en"),
            [(1.0, false), (2.0, false), (3.0, false)]
        );
        assert_eq!(values_in("am 3.10.2024", "de")[0], (3.1, false));
    }

    #[test]
    fn centuries_decades_and_approximations() {
        let read = |text: &str| -> Vec<(f64, bool)> {
            numbers(text)
                .into_iter()
                .map(|n| (n.value, n.weak))
                .collect()
        };
        assert_eq!(read("20世纪60年代末"), [(1960.0, false)]);
        assert_eq!(read("17世纪70年代"), [(1670.0, false)]);
        assert_eq!(read("在18世纪上半叶"), [(18.0, true)]);
        assert_eq!(read("1970年代初期"), [(1970.0, true)]);
        assert_eq!(read("持续几十年"), [(10.0, true)]);
        assert_eq!(read("三十多人"), [(30.0, true)]);
        assert_eq!(read("过一两天"), [(12.0, true)]);
        assert_eq!(read("十七八岁"), [(18.0, true)]);
        assert_eq!(read("借了二十两银子"), [(20.0, false)]);
        assert_eq!(read("二〇二四年"), [(2024.0, false)]);
        assert_eq!(read("in the late 1960s"), [(1960.0, false)]);
        let english = |text: &str| -> Vec<f64> {
            numbers_in(text, NumberStyle::of("en"))
                .into_iter()
                .map(|n| n.value)
                .collect()
        };
        assert_eq!(english("twenty-five years ago"), [25.0]);
        assert_eq!(english("nine hundred and thirty years"), [930.0]);
        assert_eq!(english("And Seth lived an hundred and five years"), [105.0]);
        assert_eq!(english("sixty and five years"), [65.0]);
        assert_eq!(english("eight hundred ninety and five years"), [895.0]);
        assert_eq!(english("twenty-two thousand people"), [22_000.0]);
        assert_eq!(english("two thousand five hundred"), [2500.0]);
        assert_eq!(english("one and two"), [2.0]);
        assert_eq!(english("five and six"), [5.0, 6.0]);
        assert_eq!(english("lived five and thirty years"), [35.0]);
        assert_eq!(english("an hundred and seven and twenty years"), [127.0]);
        assert_eq!(english("an hundred threescore and fifteen years"), [175.0]);
        assert_eq!(english("fourscore and six years"), [86.0]);
        assert_eq!(english("Twenty-two percent"), [22.0]);
        assert_eq!(read("twenty-five years ago"), [(20.0, false), (5.0, false)]);
        assert_eq!(read("one in a hundred"), [(100.0, false)]);
        assert_eq!(read("within a decade"), [(10.0, true)]);
        assert_eq!(read("two hundred"), [(200.0, false)]);
    }

    #[test]
    fn codes_are_not_numbers() {
        assert_eq!(values("5G and G7, A380"), [5.0]);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(values("二十"), [20.0]);
        assert_eq!(values("三个"), [3.0]);
        assert_eq!(values("第三批"), [3.0]);
        assert_eq!(values("一千一百公里"), [1100.0]);
        assert_eq!(values("两万人"), [20000.0]);
        assert_eq!(values("十一"), [11.0]);
        assert_eq!(values("一百零五"), [105.0]);
        assert_eq!(values("二〇二四年"), [2024.0]);
        assert_eq!(values("三点五"), [3.5]);
        assert_eq!(values("十二亿"), [1_200_000_000.0]);
        assert_eq!(values("八九"), [89.0]);
        assert_eq!(values("八十八"), [88.0]);
        assert_eq!(values("六七"), [67.0]);
        assert_eq!(values("七十六"), [76.0]);
        assert_eq!(values("十点五"), [10.5]);
        let percent = numbers("百分之五");
        assert_eq!(percent[0].value, 5.0);
        assert!(percent[0].percent);
    }

    #[test]
    fn one_inside_words_is_not_a_number() {
        assert_eq!(values("统一思想,一样十分重要"), Vec::<f64>::new());
        assert_eq!(values("第一,一年,两次"), [1.0, 1.0, 2.0]);
    }

    #[test]
    fn percent_words() {
        assert!(numbers("3.5 percent")[0].percent);
        assert!(numbers("3.5 per cent")[0].percent);
        assert!(!numbers("3.5 per person")[0].percent);
        assert!(numbers("增长３．５％")[0].percent);
        assert!(!numbers("3.5 people")[0].percent);
    }

    #[test]
    fn multipliers() {
        assert_eq!(values("1.1 million people"), [1_100_000.0]);
        assert_eq!(values("110万人"), [1_100_000.0]);
        assert_eq!(values("3亿"), [300_000_000.0]);
        assert_eq!(values("1.1万亿元"), [1.1e12]);
        assert_eq!(values("five thousand"), [5000.0]);
        assert_eq!(values("2 hundred"), [200.0]);
        assert_eq!(values("twenty hundred"), [2000.0]);
        assert_eq!(values("2 billion and 3 billions"), [2e9, 3e9]);
        assert_eq!(values("1.5 trillion"), [1.5e12]);
        let de = |text| -> Vec<f64> {
            numbers_in(text, NumberStyle::of("de"))
                .into_iter()
                .map(|n| n.value)
                .collect()
        };
        assert_eq!(de("48,5 Mio. EUR"), [48_500_000.0]);
        assert_eq!(de("2 Milliarden"), [2e9]);
        assert_eq!(values("3 млн рублей"), [3e6]);
    }

    #[test]
    fn english_words_and_ordinals() {
        assert_eq!(values("twenty cities and the third plenary"), [20.0, 3.0]);
        assert_eq!(values("Eleventh, we will"), [11.0]);
        // "one" and "second" are too often not numbers.
        assert_eq!(values("one of the second"), Vec::<f64>::new());
    }

    #[test]
    fn dates_match_across_languages() {
        let mut zh = values("2024年1月21日");
        let mut en = values("January 21, 2024");
        zh.sort_by(f64::total_cmp);
        en.sort_by(f64::total_cmp);
        assert_eq!(zh, [1.0, 21.0, 2024.0]);
        // The month name is not a number; the day and year match.
        assert_eq!(en, [21.0, 2024.0]);
    }
}
