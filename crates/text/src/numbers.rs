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
    /// Whether it was written in words or Chinese numerals (`twenty`,
    /// `Achttausender`, `二十`), not in digits: translators render such
    /// numbers freely (`七零八落` "in disarray", `茅十八` a name).
    pub spelled: bool,
    /// Whether it is a time of day: [`Number::value`] is then the minutes
    /// since midnight (`15:30`, `3.30 p.m.`, `20.30 Uhr`, `20 h 30`,
    /// `下午三点半` are all 930).
    pub clock: bool,
    /// Whether a time of day was written on a 12-hour dial without a.m.
    /// or p.m. (`3:30`, `7.45 Uhr`): it may be either half of the day.
    pub half_day: bool,
}

/// Which language's number words a text is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberWords {
    /// English words one at a time (`twenty`, `third`): the reading for a
    /// text of no known language.
    #[default]
    Neutral,
    /// English words and phrases: `twenty-five`, `nine hundred and thirty`.
    English,
    /// German words and compounds: `dreiundzwanzig`, `hundert`,
    /// `Achttausender` (a mountain of 8000 m).
    German,
    /// French words and phrases: `vingt et un`, `quatre-vingt-dix`,
    /// `deux mille`, `troisième`.
    French,
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
    /// A comma followed by other than three digits marks decimals too,
    /// in a decimal-point text: Swiss German writes `1'250.50 Franken`
    /// and `12,5 %`.
    pub either_decimal: bool,
    /// The language whose number words are read. English tens and units
    /// joined by a hyphen are one number (`twenty-five`) only with
    /// [`NumberWords::English`]; the neutral reading [`numbers`] gives,
    /// which the aligner's anchors use, reads them as 20 and 5, which
    /// aligned the literary evaluation set better (`tandem eval`, strict F1
    /// 0.690 against 0.684).
    pub words: NumberWords,
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
        // Duden and DIN 5008 group long German numbers with spaces too
        // (`25 350`).
        let space_groups = matches!(
            language,
            "fr" | "de"
                | "ru"
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
            either_decimal: matches!(region, "ch" | "li"),
            words: match language {
                "en" => NumberWords::English,
                "de" => NumberWords::German,
                "fr" => NumberWords::French,
                _ => NumberWords::Neutral,
            },
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
        if c.is_ascii_digit() && inside_word(&chars, i) {
            // Digits glued to letters (`G7`, `A380`) are codes, matched as tokens.
            i = word_end(&chars, i);
            continue;
        }
        if c == '+'
            && let Some(end) = phone_end(&chars, i + 1)
        {
            // A telephone number (+49 341 555 0199) is an identifier, not
            // a quantity, however a language groups digits.
            i = end;
            continue;
        }
        // 24/7, around the clock: no quantity.
        if starts_with(&chars[i..], "24/7") && !chars.get(i + 4).is_some_and(char::is_ascii_digit) {
            i += 4;
            continue;
        }
        if c.is_ascii_digit() {
            if let Some((time, end)) = clock(&chars, i, style) {
                found.push(time);
                i = end;
                continue;
            }
            if let Some((parts, end)) = dotted_date(&chars, i) {
                found.extend(parts);
                i = end;
                continue;
            }
            // 0800 123 456, 030/1234567: a telephone number again.
            if c == '0'
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && let Some(end) = phone_end(&chars, i)
            {
                i = end;
                continue;
            }
        }
        let read = if c.is_ascii_digit() {
            Some(arabic(&chars, i, style))
        } else if let Some(value) = vulgar_fraction(c) {
            Some((number(value, false), i + 1))
        } else if chinese_digit(c).is_some()
            || (c == '十' && !matches!(chars.get(i + 1), Some('分' | '足')))
            || starts_with(&chars[i..], "百分之")
            // 百二十人, 千五百: a unit that a digit follows
            || (matches!(c, '百' | '千')
                && chars.get(i + 1).is_some_and(|&n| chinese_digit(n).is_some()))
        {
            chinese(&chars, i).map(|(n, end)| (Number { spelled: true, ..n }, end))
        } else if letter(c) && (i == 0 || !(letter(chars[i - 1]) || chars[i - 1].is_ascii_digit()))
        {
            match words(&chars, i, style.words) {
                Some(read) => Some(read),
                None => {
                    i = word_end(&chars, i);
                    continue;
                }
            }
        } else {
            None
        };
        let Some((value, end)) = read else {
            i += 1;
            continue;
        };
        if let Some((time, end)) = chinese_clock(&chars, i, value, end) {
            found.push(time);
            i = end;
            continue;
        }
        let (value, end) =
            with_multiplier(&chars, value, end, (money_before(&chars, i), style.words));
        let (value, end) = with_chinese_period(&chars, i, value, end);
        found.push(value);
        i = end.max(i + 1);
    }
    found
}

/// Where a telephone number whose digits begin at `i` (after its `+`)
/// ends: seven digits or more in groups parted by a space, hyphen, point,
/// slash or brackets. `None` for a signed number (`+5 %`, `+3.2`).
fn phone_end(chars: &[char], start: usize) -> Option<usize> {
    let (mut i, mut digits) = (start, 0);
    let mut groups = vec![0usize];
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            digits += 1;
            if let Some(last) = groups.last_mut() {
                *last += 1;
            }
        } else if matches!(chars[i], ' ' | '-' | '.' | '/' | '(' | ')' | '\u{A0}')
            && chars
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_digit() || *c == '(')
        {
            groups.push(0);
        } else {
            break;
        }
        i += 1;
    }
    // 01/02/2024 is a date.
    let date = matches!(groups.as_slice(), [d, m, y] if *d <= 2 && *m <= 2 && (*y == 2 || *y == 4));
    (digits >= 7 && groups.len() >= 2 && !date).then_some(i)
}

/// How many ASCII digits run from `k` on.
fn digit_run(chars: &[char], k: usize) -> usize {
    chars.get(k..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// A letter of an alphabet (Latin, Cyrillic, Greek …), where words are
/// runs of letters; not a Chinese or Japanese character, each a word of
/// its own.
fn letter(c: char) -> bool {
    c.is_alphabetic() && !crate::script_of(c).is_some_and(|s| s.is_ideographic())
}

/// Where the word (letters and digits) at `i` ends.
fn word_end(chars: &[char], i: usize) -> usize {
    (i..chars.len())
        .find(|&j| !(letter(chars[j]) || chars[j].is_ascii_digit()))
        .unwrap_or(chars.len())
}

/// A number written in words at `i`, in the words of `language`.
fn words(chars: &[char], i: usize, language: NumberWords) -> Option<(Number, usize)> {
    let spelled = |value: f64, weak: bool, end: usize| {
        Some((
            Number {
                weak,
                spelled: true,
                ..number(value, false)
            },
            end,
        ))
    };
    let end = word_end(chars, i);
    let written: String = chars[i..end].iter().collect();
    let lower = written.to_lowercase();
    // noon, midnight: times of day in words
    let midday = match (language, lower.as_str()) {
        (NumberWords::Neutral | NumberWords::English, "noon" | "midday") => Some(720.0),
        (NumberWords::Neutral | NumberWords::English, "midnight") => Some(0.0),
        (NumberWords::German, "mitternacht") | (NumberWords::French, "minuit") => Some(0.0),
        _ => None,
    };
    // XX century, В XX веке, XIX. Jahrhundert: a Roman numeral before the
    // word for century, in any language.
    let next_word: String = chars[end..]
        .iter()
        .skip_while(|c| matches!(c, ' ' | '.' | '\u{A0}'))
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let century = [
        "век",
        "siècle",
        "century",
        "centuries",
        "jahrhundert",
        "siglo",
        "secolo",
    ]
    .iter()
    .any(|w| next_word.starts_with(w));
    if century && let Some(value) = roman(&written) {
        return spelled(value, false, end);
    }
    if let Some(minutes) = midday {
        return Some((
            Number {
                clock: true,
                spelled: true,
                ..number(minutes, false)
            },
            end,
        ));
    }
    match language {
        NumberWords::German => {
            let (value, weak) = german_number(&lower)?;
            spelled(value, weak, end)
        }
        // le XXe siècle, le IIIe Reich
        NumberWords::French if let Some(value) = roman_ordinal(&written) => {
            spelled(value, false, end)
        }
        NumberWords::French => {
            let (value, end) = french_phrase(chars, i)?;
            spelled(value, false, end)
        }
        NumberWords::Neutral | NumberWords::English => {
            let english = language == NumberWords::English;
            let ascii_end = |from: usize| {
                (from..chars.len())
                    .find(|&j| !chars[j].is_ascii_alphabetic())
                    .unwrap_or(chars.len())
            };
            let mut end = ascii_end(i);
            if end < chars.len() && letter(chars[end]) {
                return None; // part of a word in another alphabet (Sende|geräten)
            }
            // nine hundred and thirty, an hundred and five, sixty and five
            if english && let Some((value, phrase_end)) = english_phrase(chars, i) {
                return spelled(value, false, phrase_end);
            }
            let word: String = chars[i..end].iter().collect::<String>().to_lowercase();
            // "one" counts before a scale word: one trillion, one percent.
            if word == "one" {
                let next: String = chars[end..]
                    .iter()
                    .skip_while(|&&c| c == ' ')
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                let scaled = matches!(
                    next.as_str(),
                    "hundred" | "thousand" | "million" | "billion" | "trillion" | "percent" | "per"
                );
                return scaled.then(|| spelled(1.0, false, end)).flatten();
            }
            // twenty-five, Twenty-two
            let mut value = english_number(&word)?;
            if value.fract() == 0.0
                && value >= 20.0
                && value % 10.0 == 0.0
                && english
                && chars.get(end) == Some(&'-')
            {
                let unit_end = ascii_end(end + 1);
                let unit: String = chars[end + 1..unit_end]
                    .iter()
                    .collect::<String>()
                    .to_lowercase();
                if let Some(u) = english_unit(&unit) {
                    value += u;
                    end = unit_end;
                }
            }
            spelled(value, word == "decade", end)
        }
    }
}

/// A time of day at `i` (digits): `15:30`, `3:30 p.m.`, `3.30 pm`,
/// `20.30 Uhr`, `20 Uhr`, `20 h 30`, `20 h. 30`, `20h30`, `8 pm`. A point
/// between hour and minutes needs a word after it (`Uhr`, `pm`): alone it
/// is a decimal.
fn clock(chars: &[char], i: usize, style: NumberStyle) -> Option<(Number, usize)> {
    let two_digits = |k: usize| -> Option<u32> {
        (digit_run(chars, k) == 2).then(|| {
            chars[k].to_digit(10).unwrap_or(0) * 10 + chars[k + 1].to_digit(10).unwrap_or(0)
        })
    };
    let hour_len = digit_run(chars, i);
    if !(1..=2).contains(&hour_len) {
        return None;
    }
    let hour: u32 = chars[i..i + hour_len]
        .iter()
        .collect::<String>()
        .parse()
        .ok()?;
    let mut j = i + hour_len;
    let spaces = |mut k: usize| {
        while matches!(chars.get(k), Some(' ' | '\u{A0}' | '\u{202F}')) {
            k += 1;
        }
        k
    };
    // The word after the time: am/pm (not in German, where `am` is "on
    // the"), Uhr, h.
    let marker = |k: usize| -> Option<(&'static str, usize)> {
        let k = spaces(k);
        let end = (k..chars.len())
            .find(|&m| !letter(chars[m]) && chars[m] != '.')
            .unwrap_or(chars.len());
        let word = chars[k..end].iter().collect::<String>().to_lowercase();
        let english = style.words != NumberWords::German;
        match word.trim_end_matches('.') {
            "am" | "a.m" if english => Some(("am", end)),
            "pm" | "p.m" if english => Some(("pm", end)),
            "uhr" => Some(("uhr", end)),
            "h" => Some(("h", end)),
            _ => None,
        }
    };
    let mut minute = None;
    if matches!(chars.get(j), Some(':' | '.'))
        && let Some(m) = two_digits(j + 1)
    {
        let after = j + 3;
        if chars[j] != ':' && marker(after).is_none() {
            return None; // 20.30 alone is a decimal
        }
        minute = Some(m);
        j = after;
        if chars.get(j) == Some(&':') && two_digits(j + 1).is_some() {
            j += 3; // seconds
        }
    }
    let mut half = None;
    if let Some((word, end)) = marker(j) {
        j = end;
        if matches!(word, "am" | "pm") {
            half = Some(word);
        } else if minute.is_none() {
            // 20 h 30, 20 h. 30, 20h30
            let k = spaces(end);
            if let Some(m) = two_digits(k) {
                minute = Some(m);
                j = k + 2;
            }
        }
        // 7.45 Uhr abends
        let k = spaces(j);
        let after: String = chars[k..]
            .iter()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        match after.as_str() {
            "abends" | "nachmittags" | "nachts" if half.is_none() => half = Some("pm"),
            "morgens" | "früh" | "vormittags" if half.is_none() => half = Some("am"),
            _ => {}
        }
    } else if minute.is_none() {
        return None;
    }
    let minute = minute.unwrap_or(0);
    if hour > 24 || minute > 59 || (half.is_some() && !(1..=12).contains(&hour)) {
        return None;
    }
    let half_day = half.is_none() && (1..=12).contains(&hour);
    let hour = match half {
        Some("pm") if hour < 12 => hour + 12,
        Some("am") if hour == 12 => 0,
        _ => hour,
    };
    Some((
        Number {
            clock: true,
            half_day,
            ..number(f64::from(hour * 60 + minute), false)
        },
        j,
    ))
}

/// A time of day in Chinese after the hour read at `start..end`: `三点半`,
/// `15点30分`, `下午3点` (with a part of the day before it).
fn chinese_clock(
    chars: &[char],
    start: usize,
    hour: Number,
    end: usize,
) -> Option<(Number, usize)> {
    if !matches!(chars.get(end), Some('点' | '點' | '时' | '時')) || hour.value.fract() != 0.0 {
        return None;
    }
    let hour_value = hour.value as u32;
    let before: String = chars[start.saturating_sub(2)..start].iter().collect();
    let afternoon = matches!(before.as_str(), "下午" | "晚上" | "傍晚" | "夜里" | "中午");
    let morning = matches!(before.as_str(), "上午" | "早上" | "凌晨" | "清晨");
    let mut j = end + 1;
    let minute = if chars.get(j) == Some(&'半') {
        j += 1;
        Some(30)
    } else if chars.get(j) == Some(&'整') {
        j += 1;
        Some(0)
    } else {
        let read = if chars.get(j).is_some_and(char::is_ascii_digit) {
            Some(arabic(chars, j, NumberStyle::default()))
        } else if chars
            .get(j)
            .is_some_and(|&c| chinese_digit(c).is_some() || c == '十')
        {
            chinese(chars, j)
        } else {
            None
        };
        match read {
            Some((m, stop)) if chars.get(stop) == Some(&'分') && m.value < 60.0 => {
                j = stop + 1;
                Some(m.value as u32)
            }
            _ => None,
        }
    };
    if minute.is_none() && !afternoon && !morning {
        return None;
    }
    if hour_value > 24 {
        return None;
    }
    let hour_value = match (afternoon, morning) {
        (true, _) if hour_value < 12 && !(before == "中午" && hour_value >= 11) => {
            hour_value + 12
        }
        (_, true) if hour_value == 12 => 0,
        _ => hour_value,
    };
    Some((
        Number {
            clock: true,
            spelled: hour.spelled,
            half_day: !afternoon && !morning && (1..=12).contains(&hour_value),
            ..number(f64::from(hour_value * 60 + minute.unwrap_or(0)), false)
        },
        j,
    ))
}

/// A date written with points (`3.5.2024`, `03.05.24`): its day, month and
/// year, not the decimal 3.5.
fn dotted_date(chars: &[char], i: usize) -> Option<(Vec<Number>, usize)> {
    let read = |k: usize, n: usize| -> u32 {
        chars[k..k + n]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0)
    };
    let day_len = digit_run(chars, i);
    let month_at = i + day_len + 1;
    let month_len = digit_run(chars, month_at);
    let year_at = month_at + month_len + 1;
    let year_len = digit_run(chars, year_at);
    let shape = (1..=2).contains(&day_len)
        && chars.get(i + day_len) == Some(&'.')
        && (1..=2).contains(&month_len)
        && chars.get(month_at + month_len) == Some(&'.')
        && (year_len == 4 || year_len == 2)
        && !chars.get(year_at + year_len).is_some_and(|&c| {
            c.is_alphanumeric() || (c == '.' && digit_run(chars, year_at + year_len + 1) > 0)
        });
    if !shape {
        return None;
    }
    let (day, month) = (read(i, day_len), read(month_at, month_len));
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    let year = read(year_at, year_len);
    Some((
        vec![
            number(f64::from(day), false),
            number(f64::from(month), false),
            number(f64::from(year), false),
        ],
        year_at + year_len,
    ))
}

/// The value of a vulgar fraction character: `½` is 0.5.
fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    })
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
    i > 0 && letter(chars[i - 1])
}

/// An Arabic numeral at `i`, read in `style`: digits, separators between
/// groups of three, one decimal part, an ordinal suffix, a `%` (after a
/// space too: `12,5 %`).
fn arabic(chars: &[char], i: usize, style: NumberStyle) -> (Number, usize) {
    let (decimal, group) = match style.decimal_comma {
        true => (',', '.'),
        false => ('.', ','),
    };
    let mut j = i + digit_run(chars, i);
    let mut text: String = chars[i..j].iter().collect();
    let first_group = j - i;
    // The separator that has grouped thousands so far, if any.
    let mut grouping: Option<char> = None;
    while let Some(&c) = chars.get(j) {
        let after = digit_run(chars, j + 1);
        if after == 0 {
            break;
        }
        let three = after == 3;
        // 0341 555: a leading zero makes an identifier, not a quantity.
        let may_group = three
            && chars[i] != '0'
            && (grouping == Some(c) || (grouping.is_none() && first_group <= 3));
        let spacing =
            matches!(c, '\u{A0}' | '\u{202F}' | '\u{2009}') || (c == ' ' && style.space_groups);
        let is_group = match c {
            '\'' | '’' => may_group,
            _ if spacing => may_group,
            _ if c == group => may_group,
            // The decimal mark groups only when it repeats: 1.234.567 in
            // a decimal-point text is a German number.
            // (or when the other mark follows as a decimal: 1.499,99 in a
            // decimal-point text)
            _ if c == decimal => {
                may_group
                    && (grouping == Some(c)
                        // Swiss German writes 6.400 as Germans do, beside
                        // 6'400 and 1'250.50.
                        || style.either_decimal
                        || (chars.get(j + 4) == Some(&c) && digit_run(chars, j + 5) == 3)
                        || (chars.get(j + 4) == Some(&group) && !matches!(digit_run(chars, j + 5), 0 | 3)))
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
        // After the decimal mark grouping (1.499,99), the other is the
        // decimal; Swiss German writes 12,5 % beside 1'250.50.
        let decimal_part = grouping != Some(c)
            && (c == decimal
                || (c == '.' && style.decimal_comma && !three)
                || (c == group && grouping == Some(decimal))
                || (c == ',' && style.either_decimal && !three));
        if decimal_part {
            text.push('.');
            text.extend(&chars[j + 1..j + 1 + after]);
            j += 1 + after;
        }
        break;
    }
    let mut value: f64 = text.parse().unwrap_or(0.0);
    // 1½, 1 ½
    if !text.contains('.') {
        let at = match chars.get(j) {
            Some(' ' | '\u{A0}' | '\u{202F}') => j + 1,
            _ => j,
        };
        if let Some(fraction) = chars.get(at).and_then(|&c| vulgar_fraction(c)) {
            value += fraction;
            j = at + 1;
        }
    }
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

/// 万 (萬), 亿 (億) and 兆: Chinese and Japanese count by ten thousands.
/// 兆 is 10¹² as Japanese and Taiwan write it (mainland Chinese rarely
/// writes it as a number).
fn large_unit(c: char) -> Option<u64> {
    match c {
        '万' | '萬' => Some(10_000),
        '亿' | '億' => Some(100_000_000),
        '兆' => Some(1_000_000_000_000),
        _ => None,
    }
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
        // So is 两 after a digit it cannot make a range with (八九两 is
        // eight or nine taels; 一两天 is a day or two).
        if c == '两'
            && j > start
            && (chinese_unit(chars[j - 1]).is_some()
                || (chinese_digit(chars[j - 1]).is_some() && !matches!(chars[j - 1], '一' | '三')))
        {
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
        } else if let Some(scale) = large_unit(c) {
            // 两万亿: a larger unit multiplies all before it; 三亿五千万 and
            // 三兆五千億: a smaller one counts its own section.
            // A bare 万 is ten thousand.
            let part = match (total, section + digit.unwrap_or(0)) {
                (0, 0) => 1,
                (_, part) => part,
            };
            total = match total == 0 || total < scale {
                true => (total + part) * scale,
                false => total + part * scale,
            };
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
    // (not 三点五分, five past three, nor 一点一点, little by little)
    if chars.get(j) == Some(&'点') && chars.get(j + 1).and_then(|&c| chinese_digit(c)).is_some() {
        let mut k = j + 1;
        let mut fraction = String::from("0.");
        while let Some(d) = chars.get(k).and_then(|&c| chinese_digit(c)) {
            fraction.push(char::from_digit(d as u32, 10).unwrap_or('0'));
            k += 1;
        }
        if !matches!(chars.get(k), Some('分' | '点' | '十')) {
            value += fraction.parse::<f64>().unwrap_or(0.0);
            j = k;
        }
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
        spelled: false,
        clock: false,
        half_day: false,
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
    // 令和6年 is 2024, 民国元年 1912: a reign's or era's years.
    if follows(end, "年") && number.value >= 1.0 && number.value < 100.0 {
        let era: String = chars[start.saturating_sub(2)..start].iter().collect();
        let first_year = match era.as_str() {
            "令和" => Some(2018.0),
            "平成" => Some(1988.0),
            "昭和" => Some(1925.0),
            "大正" => Some(1911.0),
            "民国" | "民國" => Some(1911.0),
            _ => None,
        };
        if let Some(first) = first_year {
            return (
                Number {
                    value: first + number.value,
                    ..number
                },
                end,
            );
        }
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
/// Whether a currency sign or code stands before the number at `start`
/// (`$2.3m`, `EUR 2.3bn`, `€ 5k`): then `m`, `bn` and `k` after it are
/// scales, not metres or kilos.
fn money_before(chars: &[char], start: usize) -> bool {
    let before: String = chars[..start]
        .iter()
        .rev()
        .skip_while(|c| **c == ' ' || **c == '\u{A0}')
        .take(3)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    before.ends_with(['$', '€', '£', '¥'])
        || ["EUR", "USD", "GBP", "CHF", "JPY", "CNY", "RMB"]
            .iter()
            .any(|code| before.ends_with(code))
}

fn with_multiplier(
    chars: &[char],
    number: Number,
    end: usize,
    (money, words): (bool, NumberWords),
) -> (Number, usize) {
    let mut j = end;
    // 万 and 亿 multiply in turn: 1.1万亿 is 1.1 × 10⁴ × 10⁸; digits before a
    // smaller unit add to it: 1兆2000億 is 1.2 × 10¹².
    let mut scale = 1.0;
    while let Some(step) = chars.get(j).and_then(|&c| large_unit(c)) {
        scale *= step as f64;
        j += 1;
    }
    if j > end {
        let mut value = number.value * scale;
        loop {
            let digits = digit_run(chars, j);
            // 5千億: a small unit between the digits and the large one
            let small = chars.get(j + digits).and_then(|&c| chinese_unit(c));
            let at = j + digits + usize::from(small.is_some());
            let next = chars.get(at).and_then(|&c| large_unit(c));
            match next {
                Some(unit) if digits > 0 && (unit as f64) < scale => {
                    let part: f64 = chars[j..j + digits]
                        .iter()
                        .collect::<String>()
                        .parse()
                        .unwrap_or(0.0);
                    value += part * small.unwrap_or(1) as f64 * unit as f64;
                    scale = unit as f64;
                    j = at + 1;
                }
                _ => break,
            }
        }
        return (Number { value, ..number }, j);
    }
    while matches!(chars.get(j), Some(' ' | '\u{A0}' | '\u{202F}')) {
        j += 1;
    }
    let word_end = (j..chars.len())
        .find(|&k| !letter(chars[k]))
        .unwrap_or(chars.len());
    let word: String = chars[j..word_end].iter().collect::<String>().to_lowercase();
    // percent, Prozent, per cent, pour cent, por ciento, процентов
    let next_word = || {
        let from = (word_end..chars.len())
            .find(|&k| chars[k] != ' ')
            .unwrap_or(chars.len());
        let to = (from..chars.len())
            .find(|&k| !letter(chars[k]))
            .unwrap_or(chars.len());
        (
            chars[from..to].iter().collect::<String>().to_lowercase(),
            to,
        )
    };
    let percent_end = match word.as_str() {
        "percent" | "prozent" | "pourcent" | "процент" | "процента" | "процентов" => {
            Some(word_end)
        }
        "per" | "pour" | "por" => match next_word() {
            (next, to) if matches!(next.as_str(), "cent" | "cento" | "ciento") => Some(to),
            _ => None,
        },
        _ => None,
    };
    if let Some(end) = percent_end {
        return (
            Number {
                percent: true,
                ..number
            },
            end,
        );
    }
    // 2,5 M€, 3 Md€: French writes the scale into the currency.
    let before_currency = chars
        .get(word_end)
        .is_some_and(|c| matches!(c, '€' | '$' | '£'));
    let written: String = chars[j..word_end].iter().collect();
    let glued = word_end > j && j == end;
    let scale = match (written.as_str(), word.as_str()) {
        ("M", _) if before_currency => Some(1e6),
        ("Md" | "Mrd", _) if before_currency => Some(1e9),
        (_, "k") if money || before_currency => Some(1e3),
        (_, "m") if money && glued => Some(1e6),
        (_, "b") if money && glued => Some(1e9),
        _ => None,
    };
    if let Some(scale) = scale {
        return (
            Number {
                value: number.value * scale,
                ..number
            },
            word_end,
        );
    }
    // German and French count billions as 10¹² (a billion in English is
    // their Milliarde, milliard).
    let long_scale = matches!(words, NumberWords::German | NumberWords::French);
    if long_scale && matches!(word.as_str(), "billion" | "billionen" | "billions") {
        return (
            Number {
                value: number.value * 1e12,
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
        "million" | "millions" | "mio" | "mill" | "mn" | "millionen" | "millón" | "millones"
        | "milione" | "milioni" | "milhão" | "milhões" | "miljoen" | "mln" | "млн" | "миллион"
        | "миллиона" | "миллионов" => 1e6,
        "billion"
        | "billions"
        | "bn"
        | "bln"
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

/// A Roman numeral with a French ordinal ending (`XXe`, `XXIe`, `Ier`,
/// `IIIème`): its value.
fn roman_ordinal(word: &str) -> Option<f64> {
    let numeral = ["ème", "er", "re", "e"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))?;
    roman(numeral)
}

/// The value of a Roman numeral in capitals (`XX`, `XIX`, `V`); a single
/// L, C, D or M is a letter, not a number.
fn roman(numeral: &str) -> Option<f64> {
    // Le, Ce, De, Me are words.
    let word_like = numeral.len() == 1 && !"IVX".contains(numeral);
    if numeral.is_empty() || word_like || !numeral.chars().all(|c| "IVXLCDM".contains(c)) {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        _ => 1000,
    };
    let digits: Vec<i32> = numeral.chars().map(value).collect();
    let total: i32 = digits
        .iter()
        .enumerate()
        .map(|(k, &d)| match digits.get(k + 1) {
            Some(&next) if next > d => -d,
            _ => d,
        })
        .sum();
    (total > 0).then_some(f64::from(total))
}

/// One word of a number written in words, German or French.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Unit(f64),
    /// Ten to nineteen.
    Teen(f64),
    Tens(f64),
    Hundred,
    Thousand,
    /// German `und` (dreiundzwanzig), French `et` (vingt et un).
    And,
}

/// The value of number words in a row (`drei` `und` `zwanzig`; `vingt`
/// `et` `un`; `quatre-vingt` `dix`), or `None` where they do not make one
/// number (`drei vier`, a unit before tens without `und`).
fn parts_value(parts: &[Part]) -> Option<f64> {
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let (mut last, mut before_and): (Option<Part>, Option<Part>) = (None, None);
    for &part in parts {
        // dreiundzwanzig: a unit, und, tens; vingt et un, soixante et
        // onze: tens, et, one or eleven. Anything else is a list (`quatre
        // et douze`, four and twelve).
        if last == Some(Part::And) {
            let joined = match before_and {
                Some(Part::Unit(_)) => matches!(part, Part::Tens(_)),
                Some(Part::Tens(_)) => matches!(part, Part::Unit(1.0) | Part::Teen(11.0)),
                _ => false,
            };
            if !joined {
                return None;
            }
        }
        match (last, part) {
            (Some(Part::Unit(_)), Part::Unit(_) | Part::Teen(_) | Part::Tens(_)) => return None,
            (Some(Part::Teen(t)), Part::Unit(_)) if t != 10.0 => return None,
            (Some(Part::And), Part::Hundred | Part::Thousand | Part::And) | (None, Part::And) => {
                return None;
            }
            (_, Part::Unit(v) | Part::Teen(v) | Part::Tens(v)) => current += v,
            (_, Part::Hundred) if current < 100.0 => current = current.max(1.0) * 100.0,
            (_, Part::Hundred) => return None,
            (_, Part::Thousand) if total == 0.0 => {
                total = current.max(1.0) * 1000.0;
                current = 0.0;
            }
            (_, Part::Thousand) => return None,
            (_, Part::And) => before_and = last,
        }
        last = Some(part);
    }
    match last {
        None | Some(Part::And) => None,
        _ => Some(total + current),
    }
}

/// A German number word (`dreiundzwanzig`, `zweitausendvierhundert`,
/// `Achttausender`, a mountain of 8000 m): its value and whether it is
/// approximate (`Hunderte`, `Tausende`). A lone `ein` is the article.
fn german_number(word: &str) -> Option<(f64, bool)> {
    const PARTS: [(&str, Part); 37] = [
        ("dreizehn", Part::Teen(13.0)),
        ("vierzehn", Part::Teen(14.0)),
        ("fünfzehn", Part::Teen(15.0)),
        ("fuenfzehn", Part::Teen(15.0)),
        ("sechzehn", Part::Teen(16.0)),
        ("siebzehn", Part::Teen(17.0)),
        ("achtzehn", Part::Teen(18.0)),
        ("neunzehn", Part::Teen(19.0)),
        ("zwanzig", Part::Tens(20.0)),
        ("dreißig", Part::Tens(30.0)),
        ("dreissig", Part::Tens(30.0)),
        ("vierzig", Part::Tens(40.0)),
        ("fünfzig", Part::Tens(50.0)),
        ("fuenfzig", Part::Tens(50.0)),
        ("sechzig", Part::Tens(60.0)),
        ("siebzig", Part::Tens(70.0)),
        ("achtzig", Part::Tens(80.0)),
        ("neunzig", Part::Tens(90.0)),
        ("hundert", Part::Hundred),
        ("tausend", Part::Thousand),
        ("zwölf", Part::Teen(12.0)),
        ("zwoelf", Part::Teen(12.0)),
        ("zehn", Part::Teen(10.0)),
        ("elf", Part::Teen(11.0)),
        ("eins", Part::Unit(1.0)),
        ("ein", Part::Unit(1.0)),
        ("zwei", Part::Unit(2.0)),
        ("drei", Part::Unit(3.0)),
        ("vier", Part::Unit(4.0)),
        ("fünf", Part::Unit(5.0)),
        ("fuenf", Part::Unit(5.0)),
        ("sechs", Part::Unit(6.0)),
        ("sieben", Part::Unit(7.0)),
        ("acht", Part::Unit(8.0)),
        ("neun", Part::Unit(9.0)),
        ("und", Part::And),
        ("null", Part::Unit(0.0)),
    ];
    match word {
        "ein" => return None,
        "hunderte" | "hunderten" => return Some((100.0, true)),
        "tausende" | "tausenden" => return Some((1000.0, true)),
        "dutzend" => return Some((12.0, false)),
        "dutzende" | "dutzenden" => return Some((12.0, true)),
        _ => {}
    }
    let split = |word: &str| -> Option<Vec<Part>> {
        let mut parts = Vec::new();
        let mut rest = word;
        while !rest.is_empty() {
            // The longest word first: achtzehn before acht.
            let (text, part) = PARTS
                .iter()
                .filter(|(text, _)| rest.starts_with(text))
                .max_by_key(|(text, _)| text.len())?;
            parts.push(*part);
            rest = &rest[text.len()..];
        }
        Some(parts)
    };
    // Achttausender, Achttausenders, den Sechzigern
    let stems = [
        Some(word),
        word.strip_suffix("er"),
        word.strip_suffix("ern"),
        word.strip_suffix("ers"),
    ];
    stems
        .into_iter()
        .flatten()
        .filter_map(|stem| split(stem).and_then(|parts| parts_value(&parts)))
        .next()
        .map(|value| (value, false))
}

/// A French number in words over one or more words joined by hyphens or
/// spaces (`vingt et un`, `quatre-vingt-dix`, `deux mille trois cents`,
/// `troisième`): its value and where it ends. A lone `un` or `une` is the
/// article, and `cent` after `pour` is percent.
fn french_phrase(chars: &[char], start: usize) -> Option<(f64, usize)> {
    fn part(word: &str) -> Option<Part> {
        Some(match word {
            "un" | "une" => Part::Unit(1.0),
            "deux" => Part::Unit(2.0),
            "trois" => Part::Unit(3.0),
            "quatre" => Part::Unit(4.0),
            "cinq" => Part::Unit(5.0),
            "six" => Part::Unit(6.0),
            "sept" => Part::Unit(7.0),
            "huit" => Part::Unit(8.0),
            "neuf" => Part::Unit(9.0),
            "dix" => Part::Teen(10.0),
            "onze" => Part::Teen(11.0),
            "douze" => Part::Teen(12.0),
            "treize" => Part::Teen(13.0),
            "quatorze" => Part::Teen(14.0),
            "quinze" => Part::Teen(15.0),
            "seize" => Part::Teen(16.0),
            "vingt" | "vingts" => Part::Tens(20.0),
            "trente" => Part::Tens(30.0),
            "quarante" => Part::Tens(40.0),
            "cinquante" => Part::Tens(50.0),
            "soixante" => Part::Tens(60.0),
            // Belgian and Swiss French
            "septante" => Part::Tens(70.0),
            "huitante" | "octante" => Part::Tens(80.0),
            "nonante" => Part::Tens(90.0),
            "cent" | "cents" => Part::Hundred,
            "mille" => Part::Thousand,
            "et" => Part::And,
            _ => return None,
        })
    }
    // troisième, cinquième, neuvième, vingtième
    fn ordinal(word: &str) -> Option<Part> {
        let stem = word.strip_suffix("ième")?;
        match stem {
            "cinqu" => Some(Part::Unit(5.0)),
            "neuv" => Some(Part::Unit(9.0)),
            _ => part(stem).or_else(|| part(&format!("{stem}e"))),
        }
        .filter(|p| *p != Part::And)
    }
    let before: String = chars[..start].iter().rev().skip(1).take(4).collect();
    let (mut parts, mut ends): (Vec<Part>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut j = start;
    loop {
        let word_end = (j..chars.len())
            .find(|&k| !letter(chars[k]))
            .unwrap_or(chars.len());
        let word: String = chars[j..word_end].iter().collect::<String>().to_lowercase();
        let (found, last) = match part(&word) {
            Some(p) => (Some(p), false),
            None => (ordinal(&word), true),
        };
        let Some(mut found) = found else { break };
        if found == Part::Hundred && parts.is_empty() && before == "ruop" {
            break; // pour cent
        }
        // quatre-vingt(s): eighty
        if found == Part::Tens(20.0) && parts.last() == Some(&Part::Unit(4.0)) {
            parts.pop();
            ends.pop();
            found = Part::Tens(80.0);
        }
        parts.push(found);
        ends.push(word_end);
        if last {
            break;
        }
        match chars.get(word_end) {
            Some(' ' | '-') if chars.get(word_end + 1).is_some_and(|&c| letter(c)) => {
                j = word_end + 1;
            }
            _ => break,
        }
    }
    // The longest run of words that makes one number: `deux trois` is 2.
    (1..=parts.len()).rev().find_map(|n| {
        let parts = &parts[..n];
        if parts == [Part::Unit(1.0)] {
            return None;
        }
        parts_value(parts).map(|value| (value, ends[n - 1]))
    })
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
        assert_eq!(values_in("48,5 Prozent mehr", "de-DE"), [(48.5, true)]);
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
        assert_eq!(values_in("um 12,5 %", "de-CH"), [(12.5, true)]);
        assert_eq!(values_in("1,2 Mio. Euro", "de-CH"), [(1_200_000.0, false)]);
        assert_eq!(values_in("1.499,99 €", "de-CH"), [(1499.99, false)]);
        assert_eq!(values_in("1'499.99 Fr.", "de-CH"), [(1499.99, false)]);
        assert_eq!(values_in("6.400 Mitarbeiter", "de-CH"), [(6400.0, false)]);
        assert_eq!(values_in("1,6 Billionen Euro", "de"), [(1.6e12, false)]);
        assert_eq!(
            values_in("1,2\u{A0}million d'euros", "fr"),
            [(1.2e6, false)]
        );
        assert_eq!(values_in("1.6 trillion euros", "en"), [(1.6e12, false)]);
        assert_eq!(values_in("2 billion", "en"), [(2e9, false)]);
        assert_eq!(values_in("1.234,5 kg", "en"), [(1234.5, false)]);
        // A comma is a decimal mark in German, a list in English.
        assert_eq!(
            values_in("1,2,3", "en"),
            [(1.0, false), (2.0, false), (3.0, false)]
        );
        // A date is its day, month and year, not a decimal.
        assert_eq!(
            values_in("am 3.10.2024", "de"),
            [(3.0, false), (10.0, false), (2024.0, false)]
        );
        assert_eq!(values_in("3.10 Franken", "de-CH"), [(3.1, false)]);
        // German groups with spaces too (Duden); a year before a number
        // is still two numbers.
        assert_eq!(values_in("25 350 ft", "de"), [(25_350.0, false)]);
        assert_eq!(
            values_in("1956 300 Träger", "de"),
            [(1956.0, false), (300.0, false)]
        );
        // Fractions.
        assert_eq!(values_in("etwa 1 ½ m tief", "de"), [(1.5, false)]);
        assert_eq!(values_in("1½ miles", "en"), [(1.5, false)]);
        assert_eq!(values_in("¾ of it", "en"), [(0.75, false)]);
        // Percent in words.
        assert_eq!(values_in("cinq pour cent", "fr"), [(5.0, true)]);
        assert_eq!(values_in("12 Prozent", "de"), [(12.0, true)]);
    }

    #[test]
    fn times_of_day() {
        let clock = |text: &str, tag: &str| -> Vec<(f64, bool)> {
            numbers_in(text, NumberStyle::of(tag))
                .into_iter()
                .map(|n| (n.value, n.clock))
                .collect()
        };
        let at = |h: f64, m: f64| (h * 60.0 + m, true);
        assert_eq!(clock("at 3:30 p.m.", "en"), [at(15.0, 30.0)]);
        assert_eq!(clock("at 15:30", "en"), [at(15.0, 30.0)]);
        assert_eq!(clock("at 3.30 pm", "en"), [at(15.0, 30.0)]);
        assert_eq!(clock("at 12 am", "en"), [at(0.0, 0.0)]);
        assert_eq!(clock("um 20.30 Uhr", "de"), [at(20.0, 30.0)]);
        assert_eq!(clock("um 20 Uhr", "de"), [at(20.0, 0.0)]);
        assert_eq!(clock("à 20 h. 30 ils", "fr"), [at(20.0, 30.0)]);
        assert_eq!(clock("à 20 h 30", "fr"), [at(20.0, 30.0)]);
        assert_eq!(clock("à 20h30", "fr"), [at(20.0, 30.0)]);
        assert_eq!(clock("下午三点半", "zh"), [at(15.0, 30.0)]);
        assert_eq!(clock("15点30分", "zh"), [at(15.0, 30.0)]);
        assert_eq!(clock("三点五分", "zh"), [at(3.0, 5.0)]);
        // Not times: a decimal, German `am` (on the), hectares.
        assert_eq!(clock("um 20.30 mehr", "de"), [(20.3, false)]);
        assert_eq!(clock("3 am Montag", "de"), [(3.0, false)]);
        assert_eq!(clock("20 ha Wald", "de"), [(20.0, false)]);
        assert_eq!(clock("三点五", "zh"), [(3.5, false)]);
        assert_eq!(clock("um 7.45 Uhr abends", "de"), [at(19.0, 45.0)]);
        assert_eq!(clock("at noon", "en"), [at(12.0, 0.0)]);
        assert_eq!(clock("à minuit", "fr"), [at(0.0, 0.0)]);
        // Written without a.m. or p.m., a time may be either half of the day.
        let half = |text: &str, tag: &str| numbers_in(text, NumberStyle::of(tag))[0].half_day;
        assert!(half("at 3:30", "en"));
        assert!(half("um 7.45 Uhr", "de"));
        assert!(!half("at 9 a.m.", "en"));
        assert!(!half("um 21 Uhr", "de"));
        assert!(!half("下午三点半", "zh"));
    }

    #[test]
    fn german_and_french_number_words() {
        let read = |text: &str, tag: &str| -> Vec<(f64, bool)> {
            numbers_in(text, NumberStyle::of(tag))
                .into_iter()
                .map(|n| (n.value, n.spelled))
                .collect()
        };
        assert_eq!(read("vor hundert Jahren", "de"), [(100.0, true)]);
        assert_eq!(read("rund tausend Meter", "de"), [(1000.0, true)]);
        assert_eq!(read("dreiundzwanzig", "de"), [(23.0, true)]);
        assert_eq!(read("zweitausendvierhundert", "de"), [(2400.0, true)]);
        assert_eq!(read("kein Achttausender", "de"), [(8000.0, true)]);
        assert_eq!(
            read("zwei Sechstausendern", "de"),
            [(2.0, true), (6000.0, true)]
        );
        assert_eq!(read("drei Millionen", "de"), [(3e6, true)]);
        // Words that begin like numbers, and the article.
        assert_eq!(read("Achtung, ein Elfenbein", "de"), []);
        // English words inside German words are not numbers.
        assert_eq!(read("Sendegeräten", "de"), []);
        assert_eq!(read("Sendegeräten", "und"), []);
        assert_eq!(read("vingt et un", "fr"), [(21.0, true)]);
        assert_eq!(read("quatre-vingt-dix-sept", "fr"), [(97.0, true)]);
        assert_eq!(read("soixante-dix", "fr"), [(70.0, true)]);
        assert_eq!(read("deux mille trois cents", "fr"), [(2300.0, true)]);
        assert_eq!(read("la troisième fois", "fr"), [(3.0, true)]);
        assert_eq!(read("deux trois", "fr"), [(2.0, true), (3.0, true)]);
        assert_eq!(
            read("entre quatre et douze", "fr"),
            [(4.0, true), (12.0, true)]
        );
        assert_eq!(read("soixante et onze", "fr"), [(71.0, true)]);
        assert_eq!(read("un homme", "fr"), []);
        assert_eq!(read("1 000 mètres", "fr"), [(1000.0, false)]);
        // Telephone numbers are not quantities; signed numbers and dates are.
        assert_eq!(read("Tel. +49 341 555 0199, 3 Büros", "de"), [(3.0, false)]);
        assert_eq!(read("ein Plus von +12 %", "de"), [(12.0, false)]);
        assert_eq!(read("Rufen Sie 0800 123 456 an.", "de"), []);
        assert_eq!(
            read("am 01/02/2024", "de"),
            [(1.0, false), (2.0, false), (2024.0, false)]
        );
        assert_eq!(read("le XXe siècle", "fr"), [(20.0, true)]);
        assert_eq!(read("le XXIe siècle", "fr"), [(21.0, true)]);
        assert_eq!(read("В XX веке", "ru"), [(20.0, true)]);
        assert_eq!(read("the XIX century", "en"), [(19.0, true)]);
        assert_eq!(read("nonante-neuf pour cent", "fr-CH"), [(99.0, true)]);
        assert_eq!(read("open 24/7 on weekdays", "en"), []);
        assert_eq!(read("Le roi est mort. Ce que De Gaulle dit.", "fr"), []);
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
        assert_eq!(read("还有八九两剩下"), [(89.0, true)]);
        // 一点 is "a little", 七零八落 "in disarray": spelled, so free.
        assert_eq!(read("一点一点变得"), [(1.0, false), (1.0, false)]);
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
        assert_eq!(english("more than one trillion edges"), [1e12]);
        assert_eq!(english("one of them"), []);
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
    fn japanese_and_traditional_large_units_and_eras() {
        assert_eq!(values("売上高は1兆2000億円"), [1.2e12]);
        assert_eq!(values("約50億円"), [5e9]);
        assert_eq!(values("3兆5千億円を超えました"), [3.5e12]);
        assert_eq!(values("人口約2,300萬人"), [2.3e7]);
        assert_eq!(values("三亿五千万"), [3.5e8]);
        assert_eq!(values("两万亿"), [2e12]);
        assert_eq!(values("百二十人"), [120.0]);
        assert_eq!(values("令和6年4月1日"), [2024.0, 4.0, 1.0]);
        assert_eq!(values("平成31年"), [2019.0]);
        assert_eq!(values("老百姓"), Vec::<f64>::new());
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
        assert_eq!(values("EUR 2.3bn and 4mn"), [2.3e9, 4e6]);
        assert_eq!(values("Revenue reached $2.3m, 12 m long"), [2.3e6, 12.0]);
        let french: Vec<f64> = numbers_in("Le prix est de 2,5 M€ ou 3 Md€", NumberStyle::of("fr"))
            .into_iter()
            .map(|n| n.value)
            .collect();
        assert_eq!(french, [2.5e6, 3e9]);
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
