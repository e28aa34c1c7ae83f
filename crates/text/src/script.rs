//! Writing systems, by Unicode block.

/// A writing system, as far as alignment cares: scripts that tell languages apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// Chinese characters (also used by Japanese, and in older Korean).
    Han,
    /// Japanese hiragana and katakana.
    Kana,
    /// Korean.
    Hangul,
    /// Latin letters, including accented ones and full-width forms.
    Latin,
    /// Cyrillic (Russian, Ukrainian, Bulgarian, Serbian, …).
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic (also Persian and Urdu).
    Arabic,
    /// Hebrew.
    Hebrew,
    /// Thai.
    Thai,
    /// Devanagari (Hindi, Marathi, Nepali).
    Devanagari,
}

impl Script {
    /// Every script, in a fixed order (for counting tables).
    pub const ALL: [Script; 10] = [
        Script::Han,
        Script::Kana,
        Script::Hangul,
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Thai,
        Script::Devanagari,
    ];

    /// Whether one character of this script carries roughly a word's worth of
    /// meaning (Han, Kana, Hangul) rather than a letter's.
    pub fn is_ideographic(self) -> bool {
        matches!(self, Script::Han | Script::Kana | Script::Hangul)
    }

    /// Whether this script separates words with spaces.
    pub fn uses_spaces(self) -> bool {
        !matches!(self, Script::Han | Script::Kana | Script::Thai)
    }
}

/// The script of a letter, or `None` for digits, punctuation, spaces, symbols
/// and letters of scripts tandem does not distinguish.
pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    let script = match u {
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
        0x20000..=0x2FA1F | 0x30000..=0x323AF => Script::Han,
        // The prolonged sound mark and middle dot are shared by both kana.
        0x3041..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D => Script::Kana,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0590..=0x05FF => Script::Hebrew,
        0x0E00..=0x0E7F => Script::Thai,
        0x0900..=0x097F => Script::Devanagari,
        0x0041..=0x024F | 0x1E00..=0x1EFF | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        _ => return None,
    };
    // Inside the ranges above sit a few non-letters (× ÷ in Latin-1, Arabic
    // digits and punctuation, Greek question mark); letters only.
    if script == Script::Han || script == Script::Kana || c.is_alphabetic() {
        Some(script)
    } else {
        None
    }
}

/// How many letters of each script a text holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    counts: [usize; Script::ALL.len()],
}

impl ScriptCounts {
    /// Counts the letters of `text` by script.
    pub fn of(text: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        for c in text.chars() {
            if let Some(script) = script_of(c) {
                counts.counts[script as usize] += 1;
            }
        }
        counts
    }

    /// The number of letters of `script`.
    pub fn get(&self, script: Script) -> usize {
        self.counts[script as usize]
    }

    /// All letters counted.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The script that carries most of the text, or `None` for a text without
    /// letters. An ideographic character weighs as much as three letters, about
    /// what a Chinese character is worth in English letters, so that an
    /// acronym inside a Chinese sentence does not make it Latin.
    pub fn dominant(&self) -> Option<Script> {
        let weight = |s: Script| self.get(s) * if s.is_ideographic() { 3 } else { 1 };
        // Japanese mixes kana with Han; the pair counts as one writing system.
        let japanese = self.get(Script::Kana) > 0;
        Script::ALL
            .iter()
            .copied()
            .filter(|&s| self.get(s) > 0)
            .map(|s| {
                let w = if japanese && s == Script::Kana {
                    weight(Script::Kana) + weight(Script::Han)
                } else {
                    weight(s)
                };
                (w, s)
            })
            // Ties go to the first script in `ALL` order: deterministic.
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_get_their_script() {
        assert_eq!(script_of('中'), Some(Script::Han));
        assert_eq!(script_of('〇'), Some(Script::Han));
        assert_eq!(script_of('の'), Some(Script::Kana));
        assert_eq!(script_of('한'), Some(Script::Hangul));
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('Ｂ'), Some(Script::Latin));
        assert_eq!(script_of('ж'), Some(Script::Cyrillic));
        assert_eq!(script_of('λ'), Some(Script::Greek));
        assert_eq!(script_of('ب'), Some(Script::Arabic));
        assert_eq!(script_of('𠀀'), Some(Script::Han));
        assert_eq!(script_of('א'), Some(Script::Hebrew));
        assert_eq!(script_of('ก'), Some(Script::Thai));
        assert_eq!(script_of('क'), Some(Script::Devanagari));
        // The middle dot is no letter, but it is kana.
        assert_eq!(script_of('・'), Some(Script::Kana));
    }

    #[test]
    fn scripts_with_and_without_spaces_and_ideographs() {
        let ideographic: Vec<Script> = Script::ALL
            .into_iter()
            .filter(|s| s.is_ideographic())
            .collect();
        assert_eq!(ideographic, [Script::Han, Script::Kana, Script::Hangul]);
        let unspaced: Vec<Script> = Script::ALL
            .into_iter()
            .filter(|s| !s.uses_spaces())
            .collect();
        assert_eq!(unspaced, [Script::Han, Script::Kana, Script::Thai]);
    }

    #[test]
    fn non_letters_have_no_script() {
        for c in ['1', '，', '。', ' ', '×', '%', '「', '-'] {
            assert_eq!(script_of(c), None, "{c:?}");
        }
    }

    #[test]
    fn a_chinese_sentence_with_an_acronym_stays_han() {
        let counts = ScriptCounts::of("中共中央CPC会议");
        assert_eq!(counts.dominant(), Some(Script::Han));
        assert_eq!(
            ScriptCounts::of("We met the CPC.").dominant(),
            Some(Script::Latin)
        );
    }

    #[test]
    fn an_ideograph_weighs_three_letters() {
        // 3 × 3 against 7 letters; 2 × 3 against 7.
        assert_eq!(
            ScriptCounts::of("中共中 abcdefg").dominant(),
            Some(Script::Han)
        );
        assert_eq!(
            ScriptCounts::of("中共 abcdefg").dominant(),
            Some(Script::Latin)
        );
        assert_eq!(ScriptCounts::of("中共 abcdefg").total(), 9);
        // Kana alone weighs as ideographs do.
        assert_eq!(
            ScriptCounts::of("ひらがな abc").dominant(),
            Some(Script::Kana)
        );
    }

    #[test]
    fn japanese_counts_kana_and_han_together() {
        // More Han than kana, yet a Japanese sentence.
        assert_eq!(
            ScriptCounts::of("東京都知事選挙の結果").dominant(),
            Some(Script::Kana)
        );
    }

    #[test]
    fn no_letters_no_script() {
        assert_eq!(ScriptCounts::of("2024 — 3.5%").dominant(), None);
    }
}
