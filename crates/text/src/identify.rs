//! Language identification: by script where the script decides, by
//! [whatlang]'s trigram model where several languages share a script.

use crate::chinese::{ChineseScript, chinese_script};
use crate::script::{Script, ScriptCounts};
use crate::tag::LanguageTag;

/// What [`identify`] found out about a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Identification {
    /// The language as an ISO 639-1 code (`zh`, `en`, `de`), or ISO 639-3
    /// where the language has no two-letter code.
    pub language: &'static str,
    /// The script that carries most of the text.
    pub script: Script,
    /// For Chinese, whether Simplified or Traditional characters dominate.
    pub chinese: Option<ChineseScript>,
    /// False when the answer is a guess: too little text, or two languages
    /// the model could not tell apart.
    pub reliable: bool,
}

impl Identification {
    /// The tag tandem writes for this language when the user gave none:
    /// `zh-CN` for Simplified and `zh-TW` for Traditional Chinese, the bare
    /// code for every other language.
    pub fn tag(&self) -> LanguageTag {
        let tag = match (self.language, self.chinese) {
            ("zh", Some(ChineseScript::Traditional)) => "zh-TW",
            ("zh", _) => "zh-CN",
            (code, _) => code,
        };
        LanguageTag::parse(tag).expect("identification codes are valid tags")
    }
}

/// Identifies the language of `text`, or returns `None` for a text without
/// letters (numbers, punctuation) or one that no model recognises.
///
/// Chinese, Japanese and Korean are told by their scripts (Japanese by its
/// kana); Greek, Hebrew and Thai are the only languages tandem knows in their
/// scripts; Latin, Cyrillic, Arabic and Devanagari text goes to whatlang.
pub fn identify(text: &str) -> Option<Identification> {
    let counts = ScriptCounts::of(text);
    let script = counts.dominant()?;
    let by_script = |language| {
        Some(Identification {
            language,
            script,
            chinese: None,
            reliable: true,
        })
    };
    match script {
        Script::Han => Some(Identification {
            language: "zh",
            script,
            chinese: chinese_script(text),
            reliable: true,
        }),
        Script::Kana => by_script("ja"),
        Script::Hangul => by_script("ko"),
        Script::Greek => by_script("el"),
        Script::Hebrew => by_script("he"),
        Script::Thai => by_script("th"),
        Script::Latin | Script::Cyrillic | Script::Arabic | Script::Devanagari => {
            let info = whatlang::detect(text)?;
            Some(Identification {
                language: iso639_1(info.lang()),
                script,
                chinese: None,
                reliable: info.is_reliable(),
            })
        }
    }
}

/// Identifies which of `candidates` (ISO codes as [`identify`] returns them)
/// `text` is written in, with whatlang's confidence in that answer (0 to 1:
/// near 0 when the candidates score alike, as they do on a short line), or
/// `None` when the text has no letters or none of the candidates is a
/// language whatlang knows.
pub fn identify_among(text: &str, candidates: &[&str]) -> Option<(&'static str, f64)> {
    let allow: Vec<whatlang::Lang> = whatlang::Lang::all()
        .iter()
        .copied()
        .filter(|&lang| candidates.contains(&iso639_1(lang)))
        .collect();
    if allow.is_empty() {
        return None;
    }
    let info = whatlang::Detector::with_allowlist(allow).detect(text)?;
    Some((iso639_1(info.lang()), info.confidence()))
}

/// The two-letter code of a whatlang language: BCP 47 wants the shortest
/// ISO 639 code, and every language whatlang knows has one (the match is
/// exhaustive, so a language a new whatlang adds must be mapped here).
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Epo => "eo",
        Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(text: &str) -> Option<&'static str> {
        identify(text).map(|i| i.language)
    }

    #[test]
    fn every_language_with_a_two_letter_code_gets_it() {
        assert_eq!(
            lang(
                "Mae'r ddinas wedi cadw ei haddewidion i'r bobl eleni, ac rydym wedi adeiladu ysgolion newydd ym mhob ardal."
            ),
            Some("cy")
        );
        // Every language whatlang knows has an ISO 639-1 code: each maps to
        // it, a tag that parses.
        for lang in whatlang::Lang::all() {
            let code = iso639_1(*lang);
            assert!(crate::LanguageTag::parse(code).is_ok(), "{lang:?} {code}");
            assert_eq!(code.len(), 2, "{lang:?} {code}");
        }
    }

    #[test]
    fn scripts_decide_where_they_can() {
        assert_eq!(lang("坚定不移贯彻总体国家安全观。"), Some("zh"));
        assert_eq!(lang("東京都の人口は増えている。"), Some("ja"));
        assert_eq!(lang("서울은 한국의 수도이다."), Some("ko"));
        assert_eq!(lang("Η Αθήνα είναι η πρωτεύουσα."), Some("el"));
    }

    #[test]
    fn shared_scripts_go_to_the_model() {
        assert_eq!(
            lang("We will pursue a holistic approach to national security."),
            Some("en")
        );
        assert_eq!(
            lang("Die Regierung wird die Sicherheit der Hauptstadt gewährleisten."),
            Some("de")
        );
        assert_eq!(
            lang(
                "Le gouvernement assurera la sécurité de la capitale et protégera les habitants contre les catastrophes."
            ),
            Some("fr")
        );
        assert_eq!(
            lang("Правительство обеспечит безопасность столицы."),
            Some("ru")
        );
    }

    #[test]
    fn chinese_tags_follow_the_characters() {
        assert_eq!(
            identify("这是我们的报告。").unwrap().tag().as_str(),
            "zh-CN"
        );
        assert_eq!(
            identify("這是我們的報告。").unwrap().tag().as_str(),
            "zh-TW"
        );
        assert_eq!(
            identify("The report of the government.")
                .unwrap()
                .tag()
                .as_str(),
            "en"
        );
    }

    #[test]
    fn no_letters_no_language() {
        assert_eq!(lang("2024 — 3.5%"), None);
        assert_eq!(lang(""), None);
    }

    #[test]
    fn candidates_restrict_the_choice() {
        // Short and ambiguous on its own; between German and French it is German.
        let language = |text| identify_among(text, &["de", "fr"]).map(|(l, _)| l);
        assert_eq!(language("Die Berge im Winter"), Some("de"));
        assert_eq!(language("Les montagnes en hiver"), Some("fr"));
        assert_eq!(identify_among("Les montagnes", &["xx"]), None);
    }

    #[test]
    fn a_longer_text_is_identified_with_more_confidence() {
        let confidence = |text| identify_among(text, &["en", "de"]).unwrap().1;
        let short = confidence("• Fernwartung");
        let long = confidence(
            "Die neue Anlage umfasst 6.400 Quadratmeter und verfügt über eine Testhalle für autonome Lagerfahrzeuge.",
        );
        assert!((0.0..=1.0).contains(&short), "{short}");
        assert!(long > short, "{long} against {short}");
    }
}
