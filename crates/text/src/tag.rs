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
