//! BCP 47 language tags, validated and written in their conventional case.

use std::fmt;

/// A well-formed BCP 47 language tag (`zh-CN`, `zh-Hant-TW`, `de`, `pt-BR`),
/// stored in the case BCP 47 recommends: language in lower case, script in
/// title case, region in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LanguageTag(String);

/// Why a string is not a language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagError {
    /// `zh_CN`: a POSIX locale, not a BCP 47 tag.
    #[error(
        "'{given}' is not a BCP 47 language tag: tags use '-', not '_' (did you mean '{suggestion}'?)"
    )]
    Underscore {
        /// The string given.
        given: String,
        /// The same with hyphens.
        suggestion: String,
    },
    /// Anything else malformed.
    #[error(
        "'{given}' is not a BCP 47 language tag ({reason}); examples: en, zh-CN, zh-Hant, pt-BR"
    )]
    Malformed {
        /// The string given.
        given: String,
        /// What the parser objected to.
        reason: String,
    },
}

impl LanguageTag {
    /// Parses and validates a tag.
    pub fn parse(tag: &str) -> Result<LanguageTag, TagError> {
        if tag.contains('_') {
            let suggestion = tag.replace('_', "-");
            if LanguageTag::parse(&suggestion).is_ok() {
                return Err(TagError::Underscore {
                    given: tag.to_string(),
                    suggestion,
                });
            }
        }
        let parsed =
            oxilangtag::LanguageTag::parse(tag.to_string()).map_err(|e| TagError::Malformed {
                given: tag.to_string(),
                reason: e.to_string(),
            })?;
        Ok(LanguageTag(canonical_case(parsed.as_str())))
    }

    /// A tag as files from other tools write it, read leniently: a POSIX
    /// locale (`zh_CN`, `en_US.UTF-8`, `de_DE@euro`) becomes its BCP 47
    /// tag, any case is taken (`EN-us` is `en-US`). For what tandem reads
    /// (a TMX's `xml:lang`); what users type goes through
    /// [`LanguageTag::parse`], which says what is wrong instead.
    ///
    /// ```
    /// use tandem_text::LanguageTag;
    /// assert_eq!(LanguageTag::read("zh_CN").unwrap().as_str(), "zh-CN");
    /// assert_eq!(LanguageTag::read("EN-us").unwrap().as_str(), "en-US");
    /// assert_eq!(LanguageTag::read("pt_BR.UTF-8").unwrap().as_str(), "pt-BR");
    /// assert!(LanguageTag::read("*all*").is_err());
    /// ```
    pub fn read(written: &str) -> Result<LanguageTag, TagError> {
        let trimmed = written.trim();
        // A POSIX locale's codeset and modifier name no language.
        let locale = trimmed
            .split(['.', '@'])
            .next()
            .filter(|_| trimmed.contains('_'))
            .unwrap_or(trimmed);
        LanguageTag::parse(&locale.replace('_', "-"))
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, in lower case (`zh` for `zh-Hant-TW`).
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Whether two tags name the same language, whatever their regions or
    /// scripts (`zh-CN` and `zh-TW` do).
    pub fn same_language(&self, other: &LanguageTag) -> bool {
        self.language() == other.language()
    }

    /// The script subtag (`Hant` in `zh-Hant-TW`), if any.
    pub fn script(&self) -> Option<&str> {
        self.subtags()
            .find(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()))
    }

    /// The region subtag (`TW` in `zh-Hant-TW`, `419` in `es-419`), if any.
    pub fn region(&self) -> Option<&str> {
        self.subtags().find(|s| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
                || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        })
    }

    /// The subtags after the language, up to the first singleton
    /// (extensions and private use are not scripts or regions).
    fn subtags(&self) -> impl Iterator<Item = &str> {
        self.0.split('-').skip(1).take_while(|s| s.len() > 1)
    }

    /// The tag written in `style`, for tools that expect one form. Chinese
    /// maps between regions and scripts (CN, SG, MY: Hans; TW, HK, MO:
    /// Hant); other languages keep what they have when the style asks for
    /// what they lack.
    pub fn styled(&self, style: TagStyle) -> LanguageTag {
        let language = self.language();
        let chinese_script = |region: &str| match region {
            "CN" | "SG" | "MY" => Some("Hans"),
            "TW" | "HK" | "MO" => Some("Hant"),
            _ => None,
        };
        let chinese_region = |script: &str| match script {
            "Hans" => Some("CN"),
            "Hant" => Some("TW"),
            _ => None,
        };
        let chinese = language == "zh";
        // The subtag the style keeps after the language, found or (for
        // Chinese) mapped from the other kind.
        let subtag = match style {
            TagStyle::AsGiven => return self.clone(),
            TagStyle::Bare => None,
            TagStyle::Region => self
                .region()
                .or_else(|| self.script().filter(|_| chinese).and_then(chinese_region)),
            TagStyle::Script => self
                .script()
                .or_else(|| self.region().filter(|_| chinese).and_then(chinese_script)),
        };
        let tag = match (style, subtag) {
            (TagStyle::Bare, _) => language.to_string(),
            (_, Some(subtag)) => format!("{language}-{subtag}"),
            // Nothing of the kind asked for: the tag as it is.
            (_, None) => return self.clone(),
        };
        LanguageTag::parse(&tag).unwrap_or_else(|_| self.clone())
    }
}

/// How language tags are written for a tool ([`LanguageTag::styled`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TagStyle {
    /// As given or detected (`zh-CN`, `zh-Hant`, `en`).
    #[default]
    AsGiven,
    /// Language and region: `zh-CN`, `zh-TW` (what Trados and memoQ use).
    Region,
    /// Language and script: `zh-Hans`, `zh-Hant`.
    Script,
    /// The language alone: `zh`, `en`.
    Bare,
}

/// The primary language subtag of a tag as files write it, lower-cased,
/// `_` taken for `-`: `zh` for `zh-Hant-TW` and for `ZH_cn`. For tags that
/// need not be well-formed (a TMX's `xml:lang`, a set's `LANGS`).
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for LanguageTag {
    type Err = TagError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LanguageTag::parse(s)
    }
}

// BCP 47 tags are case-insensitive; this is the conventional case of RFC 5646
// section 2.1.1. Subtags after a singleton (extensions, private use) stay lower.
fn canonical_case(tag: &str) -> String {
    let mut out = Vec::new();
    let mut after_singleton = false;
    for (i, subtag) in tag.split('-').enumerate() {
        let cased = if i == 0 || after_singleton {
            subtag.to_ascii_lowercase()
        } else if subtag.len() == 1 {
            after_singleton = true;
            subtag.to_ascii_lowercase()
        } else if subtag.len() == 4 && subtag.chars().all(|c| c.is_ascii_alphabetic()) {
            let lower = subtag.to_ascii_lowercase();
            let mut chars = lower.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect()
        } else if subtag.len() == 2 && subtag.chars().all(|c| c.is_ascii_alphabetic()) {
            subtag.to_ascii_uppercase()
        } else {
            subtag.to_ascii_lowercase()
        };
        out.push(cased);
    }
    out.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_language_of_loose_tags() {
        assert_eq!(primary_language("zh-Hant-TW"), "zh");
        assert_eq!(primary_language("ZH_cn"), "zh");
        assert_eq!(primary_language("en"), "en");
    }

    #[test]
    fn accepts_and_normalises_case() {
        for (given, expected) in [
            ("en", "en"),
            ("zh-cn", "zh-CN"),
            ("ZH-HANT-tw", "zh-Hant-TW"),
            ("pt-BR", "pt-BR"),
            ("es-419", "es-419"),
            ("de-CH-1996", "de-CH-1996"),
            ("en-x-Custom", "en-x-custom"),
            // A variant of letters is neither a script nor a region.
            ("SL-ROZAJ-biske", "sl-rozaj-biske"),
            ("sr-latn-rs", "sr-Latn-RS"),
            ("zh-YUE-hk", "zh-yue-HK"),
        ] {
            assert_eq!(LanguageTag::parse(given).unwrap().as_str(), expected);
        }
    }

    #[test]
    fn rejects_malformed_tags() {
        for bad in [
            "",
            "e",
            "english!",
            "zh-",
            "-CN",
            "en--US",
            "toolonglanguage",
        ] {
            assert!(LanguageTag::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn underscore_gets_a_suggestion() {
        let err = LanguageTag::parse("zh_CN").unwrap_err();
        assert!(err.to_string().contains("did you mean 'zh-CN'"), "{err}");
    }

    #[test]
    fn same_language_ignores_region() {
        let cn = LanguageTag::parse("zh-CN").unwrap();
        let tw = LanguageTag::parse("zh-TW").unwrap();
        let en = LanguageTag::parse("en").unwrap();
        assert!(cn.same_language(&tw));
        assert!(!cn.same_language(&en));
        assert_eq!(tw.language(), "zh");
    }
}

#[cfg(test)]
mod style_tests {
    use super::*;

    fn styled(tag: &str, style: TagStyle) -> String {
        LanguageTag::parse(tag).unwrap().styled(style).to_string()
    }

    #[test]
    fn chinese_maps_between_regions_and_scripts() {
        assert_eq!(styled("zh-CN", TagStyle::Script), "zh-Hans");
        assert_eq!(styled("zh-HK", TagStyle::Script), "zh-Hant");
        assert_eq!(styled("zh-Hant", TagStyle::Region), "zh-TW");
        assert_eq!(styled("zh-Hans-SG", TagStyle::Region), "zh-SG");
        assert_eq!(styled("zh-Hans-SG", TagStyle::Script), "zh-Hans");
        assert_eq!(styled("zh-Hant-TW", TagStyle::Bare), "zh");
        assert_eq!(styled("zh", TagStyle::Region), "zh");
        assert_eq!(styled("zh-cn", TagStyle::AsGiven), "zh-CN");
        assert_eq!(styled("zh-Hans", TagStyle::Region), "zh-CN");
    }

    #[test]
    fn other_languages_keep_what_they_have() {
        assert_eq!(styled("en", TagStyle::Region), "en");
        assert_eq!(styled("en-GB", TagStyle::Script), "en-GB");
        assert_eq!(styled("sr-Latn-RS", TagStyle::Region), "sr-RS");
        assert_eq!(styled("es-419", TagStyle::Bare), "es");
        assert_eq!(styled("de-CH", TagStyle::Region), "de-CH");
        let tag = LanguageTag::parse("zh-Hant-TW").unwrap();
        assert_eq!((tag.script(), tag.region()), (Some("Hant"), Some("TW")));
        let private = LanguageTag::parse("en-x-test").unwrap();
        assert_eq!((private.script(), private.region()), (None, None));
        // A region of three digits; an extlang of three letters is none.
        assert_eq!(LanguageTag::parse("es-419").unwrap().region(), Some("419"));
        let extlang = LanguageTag::parse("zh-cmn-Hans-CN").unwrap();
        assert_eq!(extlang.region(), Some("CN"));
    }
}
