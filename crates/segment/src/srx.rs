//! SRX 2.0 segmentation rules, the standard that Trados, memoQ, OmegaT and
//! Okapi share: language rules (ordered break and exception rules, each a
//! `beforebreak` and an `afterbreak` regular expression) and a map from
//! language patterns to rules, with cascading.
//!
//! At each position between two characters the rules of the language are
//! tried in order; the first whose `beforebreak` matches the text ending
//! there and whose `afterbreak` matches the text starting there decides:
//! break or not. No rule matching means no break. Each expression is
//! matched on its own side of the position (`(?:before)$` against the text
//! before it, `^(?:after)` against the text after it), so capturing groups
//! inside a rule cannot move the break, as they do in engines that search
//! one combined pattern and take a group's offset.
//!
//! Expressions are ICU syntax in SRX; they are run with the `regex` crate,
//! which has the common part (classes, `\p{..}`, `\b`, `(?i)`, groups,
//! alternation, repetition) but not look-around or back-references: a rule
//! using them is an error naming the rule.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;

/// Why an SRX file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SrxError {
    /// Not well-formed XML, or not SRX.
    #[error("at byte {position}: {message}")]
    Malformed {
        /// Byte offset where it went wrong.
        position: u64,
        /// What was wrong.
        message: String,
    },
    /// A rule's expression that `regex` cannot compile.
    #[error("rule {rule} of '{language}': {side} /{pattern}/: {message}")]
    Rule {
        /// The language rule's name.
        language: String,
        /// 1-based number of the rule within it.
        rule: usize,
        /// `beforebreak` or `afterbreak`.
        side: &'static str,
        /// The expression.
        pattern: String,
        /// The compiler's complaint.
        message: String,
    },
    /// A language map naming a language rule that does not exist.
    #[error("the language map '{pattern}' names '{name}', which no languagerule defines")]
    UnknownRule {
        /// The map's language pattern.
        pattern: String,
        /// The missing name.
        name: String,
    },
}

/// One rule: break or not where `before` ends and `after` begins.
#[derive(Debug, Clone)]
pub struct SrxRule {
    /// Break (`break="yes"`, the default) or an exception (`break="no"`).
    pub breaks: bool,
    /// The `beforebreak` expression as written (empty: matches anywhere).
    pub before: String,
    /// The `afterbreak` expression as written.
    pub after: String,
    /// The expressions compiled (anchored on their side of the position),
    /// when first needed: the built-in file holds rules for ten languages
    /// and a run needs one or two. Shared by the rule's clones.
    compiled: Arc<OnceLock<Compiled>>,
    /// The characters `before` can end with ([`last_chars`]), worked out
    /// once and shared by the rule's clones.
    ends: Arc<OnceLock<Option<Vec<char>>>>,
}

type Compiled = (Option<Regex>, Option<Regex>);

impl SrxRule {
    /// A rule from its expressions, compiled now; errors carry the rule's
    /// place.
    pub fn new(
        breaks: bool,
        before: &str,
        after: &str,
        place: (&str, usize),
    ) -> Result<SrxRule, SrxError> {
        let rule = SrxRule::unchecked(breaks, before, after);
        let compiled = rule.compile(place)?;
        let _ = rule.compiled.set(compiled);
        Ok(rule)
    }

    /// A rule compiled when first used (for rules known to be valid).
    fn unchecked(breaks: bool, before: &str, after: &str) -> SrxRule {
        SrxRule {
            breaks,
            before: before.to_string(),
            after: after.to_string(),
            compiled: Arc::new(OnceLock::new()),
            ends: Arc::new(OnceLock::new()),
        }
    }

    /// The characters a match of `before` can end with ([`last_chars`]).
    fn ends(&self) -> Option<&[char]> {
        self.ends
            .get_or_init(|| last_chars(&self.before))
            .as_deref()
    }

    fn compile(&self, (language, rule): (&str, usize)) -> Result<Compiled, SrxError> {
        let compile = |pattern: &str, side: &'static str, anchored: String| {
            if pattern.is_empty() {
                return Ok(None);
            }
            Regex::new(&anchored).map(Some).map_err(|e| SrxError::Rule {
                language: language.to_string(),
                rule,
                side,
                pattern: pattern.to_string(),
                message: e.to_string().lines().last().unwrap_or_default().to_string(),
            })
        };
        let (before, after) = (&self.before, &self.after);
        Ok((
            compile(before, "beforebreak", format!("(?:{before})$"))?,
            compile(after, "afterbreak", format!("^(?:{after})"))?,
        ))
    }

    /// Whether the rule applies at byte `at` of `text`.
    fn applies(&self, text: &str, at: usize) -> bool {
        let (before, after) = self.compiled.get_or_init(|| {
            self.compile(("", 0))
                .expect("rules made unchecked are valid (the built-in file's test checks)")
        });
        before.as_ref().is_none_or(|r| r.is_match(&text[..at]))
            && after.as_ref().is_none_or(|r| r.is_match(&text[at..]))
    }
}

/// A named language rule: its rules in order.
#[derive(Debug, Clone)]
pub struct LanguageRule {
    /// `languagerulename`.
    pub name: String,
    /// The rules, tried in order.
    pub rules: Vec<SrxRule>,
}

/// A language map: language codes matching `pattern` (whole, in any case)
/// use the rule `name`.
#[derive(Debug, Clone)]
pub struct LanguageMap {
    /// `languagepattern` as written (a regular expression over codes).
    pub pattern: String,
    /// `languagerulename`.
    pub name: String,
    regex: Regex,
}

/// A parsed SRX document.
#[derive(Debug, Clone)]
pub struct Srx {
    /// Whether every matching map's rules apply, in map order (`cascade`),
    /// or only the first matching map's.
    pub cascade: bool,
    /// The language rules, in file order.
    pub language_rules: Vec<LanguageRule>,
    /// The maps, in file order.
    pub maps: Vec<LanguageMap>,
}

/// tandem's built-in rules, an SRX file embedded in the program
/// (`tandem segment --dump-srx` writes it out to edit).
pub const BUILTIN_SRX: &str = include_str!("../rules/builtin.srx");

impl Srx {
    /// The built-in rules ([`BUILTIN_SRX`]), parsed once.
    pub fn builtin() -> &'static Srx {
        static BUILTIN: std::sync::LazyLock<Srx> = std::sync::LazyLock::new(|| {
            Srx::read(BUILTIN_SRX, false)
                .expect("the built-in SRX file is valid (a test checks it)")
        });
        &BUILTIN
    }

    /// Parses an SRX 2.0 document (1.0's layout is the same for what is
    /// read here), compiling every rule so that an error shows now. A
    /// DOCTYPE is never read.
    pub fn parse(xml: &str) -> Result<Srx, SrxError> {
        Srx::read(xml, true)
    }

    /// Parses; `check` compiles every rule now, else each when first used.
    fn read(xml: &str, check: bool) -> Result<Srx, SrxError> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().trim_text(false);
        let malformed = |reader: &Reader<&[u8]>, message: String| SrxError::Malformed {
            position: reader.buffer_position(),
            message,
        };
        let mut srx = Srx {
            cascade: false,
            language_rules: Vec::new(),
            maps: Vec::new(),
        };
        let mut seen_root = false;
        // The rule being read: break, and the text of the element open now.
        let mut rule: Option<(bool, String, String)> = None;
        let mut open: Option<&'static str> = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| malformed(&reader, e.to_string()))?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name = local_name(e);
                    if !seen_root {
                        if name != "srx" {
                            return Err(malformed(
                                &reader,
                                format!("the root element is <{name}>, not <srx>: not an SRX file"),
                            ));
                        }
                        seen_root = true;
                    }
                    match name.as_str() {
                        "header" => srx.cascade = attribute(e, "cascade").as_deref() == Some("yes"),
                        "languagerule" => srx.language_rules.push(LanguageRule {
                            name: attribute(e, "languagerulename").unwrap_or_default(),
                            rules: Vec::new(),
                        }),
                        "rule" => {
                            let breaks = attribute(e, "break").as_deref() != Some("no");
                            rule = Some((breaks, String::new(), String::new()));
                            if empty {
                                push_rule(&mut srx, rule.take(), check)?;
                            }
                        }
                        "beforebreak" => open = Some("before"),
                        "afterbreak" => open = Some("after"),
                        "languagemap" => {
                            let pattern = attribute(e, "languagepattern").unwrap_or_default();
                            let name = attribute(e, "languagerulename").unwrap_or_default();
                            let regex =
                                Regex::new(&format!("(?i)^(?:{pattern})$")).map_err(|err| {
                                    malformed(
                                        &reader,
                                        format!("languagepattern /{pattern}/: {err}"),
                                    )
                                })?;
                            srx.maps.push(LanguageMap {
                                pattern,
                                name,
                                regex,
                            });
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    let text = t
                        .xml_content()
                        .map_err(|e| malformed(&reader, e.to_string()))?;
                    append(&mut rule, open, &text);
                }
                Event::GeneralRef(r) => {
                    // XML's own entities and character references; nothing
                    // else is expanded.
                    let text = crate::formats::resolve_reference(&r)
                        .map_err(|e| malformed(&reader, e))?
                        .ok_or_else(|| {
                            let name = String::from_utf8_lossy(&r);
                            malformed(&reader, format!("unknown entity &{name};"))
                        })?;
                    append(&mut rule, open, &text);
                }
                Event::CData(t) => append(&mut rule, open, &String::from_utf8_lossy(&t)),
                Event::End(e) => match local_name_of(e.name().as_ref()).as_str() {
                    "beforebreak" | "afterbreak" => open = None,
                    "rule" => push_rule(&mut srx, rule.take(), check)?,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        if !seen_root {
            return Err(SrxError::Malformed {
                position: 0,
                message: "no XML elements: not an SRX file".into(),
            });
        }
        for map in &srx.maps {
            if !srx.language_rules.iter().any(|l| l.name == map.name) {
                return Err(SrxError::UnknownRule {
                    pattern: map.pattern.clone(),
                    name: map.name.clone(),
                });
            }
        }
        Ok(srx)
    }

    /// Whether `language` has rules of its own: the first map matching it
    /// is not the one every language falls back to (the first map matching
    /// `qaa`, a code ISO 639 reserves for local use, so no file names it).
    pub fn has_rules_for(&self, language: &str) -> bool {
        let first = |code: &str| self.maps.iter().position(|m| m.regex.is_match(code));
        first(language).is_some_and(|k| Some(k) != first("qaa"))
    }

    /// The rules for a language code (`zh-CN`, `EN`), in the order they are
    /// tried: the first matching map's, or with cascading every matching
    /// map's in map order.
    pub fn segmenter(&self, language: &str) -> Segmenter {
        let mut rules = Vec::new();
        for map in self.maps.iter().filter(|m| m.regex.is_match(language)) {
            if let Some(rule) = self.language_rules.iter().find(|l| l.name == map.name) {
                rules.extend(rule.rules.iter().cloned());
            }
            if !self.cascade {
                break;
            }
        }
        Segmenter::new(rules)
    }
}

/// The sentence rules of one language, ready to split paragraphs: the
/// built-in rules ([`Segmenter::builtin`], `rules/builtin.srx`) or an SRX
/// file's ([`Srx::segmenter`]).
#[derive(Debug, Clone)]
pub struct Segmenter {
    rules: Vec<SrxRule>,
    /// The characters the text before a break may end with: the last
    /// characters of the suffix literals of every break rule's
    /// `beforebreak`, sorted; `None` when some break rule may break anywhere
    /// (then every position is tried).
    ends: Option<Vec<char>>,
}

impl Segmenter {
    /// The built-in rules for a language, given as a BCP 47 tag or its
    /// primary language subtag (`zh`, `en`, `de-CH`). Languages without
    /// rules of their own get the generic rules of languages written with
    /// spaces.
    pub fn builtin(language: &str) -> Segmenter {
        Srx::builtin().segmenter(language)
    }

    /// The rules for `language`: `srx`'s when given, else the built-in ones.
    pub fn for_language(language: &str, srx: Option<&Srx>) -> Segmenter {
        srx.unwrap_or_else(|| Srx::builtin()).segmenter(language)
    }

    fn new(rules: Vec<SrxRule>) -> Segmenter {
        let ends = rules
            .iter()
            .filter(|r| r.breaks)
            .map(SrxRule::ends)
            .collect::<Option<Vec<&[char]>>>()
            .map(|sets| {
                let mut ends: Vec<char> = sets.into_iter().flatten().copied().collect();
                ends.sort_unstable();
                ends.dedup();
                ends
            });
        Segmenter { rules, ends }
    }

    /// The sentences of `paragraph`: the text between breaks, without
    /// surrounding white space (only white space falls between them).
    ///
    /// Positions are tried against the rules in order, each expression
    /// matched against its side of the position. Only positions where some
    /// break rule's `beforebreak` can end are tried (after a terminator, for
    /// the built-in rules), so the cost grows with the text's length plus
    /// the candidates times the rules tried at each.
    pub fn split<'t>(&self, paragraph: &'t str) -> Vec<&'t str> {
        self.spans(paragraph)
            .into_iter()
            .map(|span| &paragraph[span])
            .collect()
    }

    /// Where [`Segmenter::split`]'s sentences lie in `paragraph`: byte
    /// ranges in order, each without surrounding white space, so that what
    /// lies between two of them is the document's own separator.
    pub fn spans(&self, paragraph: &str) -> Vec<Range<usize>> {
        let mut breaks = vec![0];
        for at in self.candidates(paragraph) {
            let decision = self.rules.iter().find(|r| r.applies(paragraph, at));
            if decision.is_some_and(|r| r.breaks) {
                breaks.push(at);
            }
        }
        breaks.push(paragraph.len());
        breaks
            .windows(2)
            .filter_map(|w| trimmed(paragraph, w[0]..w[1]))
            .collect()
    }

    /// The byte positions strictly inside `text` where a break may fall,
    /// in order: after a character some break rule's expression can end
    /// with.
    fn candidates(&self, text: &str) -> Vec<usize> {
        text.char_indices()
            .filter(|(_, c)| {
                self.ends
                    .as_ref()
                    .is_none_or(|ends| ends.binary_search(c).is_ok())
            })
            .map(|(at, c)| at + c.len_utf8())
            .filter(|&at| at < text.len())
            .collect()
    }

    /// Splits trying every position (what [`Segmenter::split`] must
    /// equal): for tests.
    #[doc(hidden)]
    pub fn split_everywhere<'t>(&self, paragraph: &'t str) -> Vec<&'t str> {
        Segmenter {
            rules: self.rules.clone(),
            ends: None,
        }
        .split(paragraph)
    }
}

/// `span` of `text` without the white space around it; `None` when
/// nothing else is left.
fn trimmed(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let piece = &text[span.clone()];
    let start = span.start + (piece.len() - piece.trim_start().len());
    let end = span.end - (piece.len() - piece.trim_end().len());
    (start < end).then_some(start..end)
}

/// The characters a match of `pattern` may end with (the last characters
/// of its suffix literals), or `None` when they are unknown or a match may
/// be empty (then a break may fall anywhere).
fn last_chars(pattern: &str) -> Option<Vec<char>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    if pattern.is_empty() {
        return None;
    }
    let hir = regex_syntax::parse(pattern).ok()?;
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Suffix)
        .limit_class(256)
        .limit_total(4096);
    let seq = extractor.extract(&hir);
    let last_char = |bytes: &[u8]| {
        // The shortest tail of the literal that is one whole character.
        (1..=bytes.len().min(4))
            .find_map(|n| std::str::from_utf8(&bytes[bytes.len() - n..]).ok())
            .and_then(|tail| tail.chars().next())
    };
    seq.literals()?
        .iter()
        .map(|l| last_char(l.as_bytes()))
        .collect::<Option<Vec<char>>>()
        .filter(|chars| !chars.is_empty())
}

/// Adds text to the open side (`before` or `after`) of the rule being read.
fn append(rule: &mut Option<(bool, String, String)>, open: Option<&str>, text: &str) {
    match (open, rule.as_mut()) {
        (Some("before"), Some((_, before, _))) => before.push_str(text),
        (Some(_), Some((_, _, after))) => after.push_str(text),
        _ => {}
    }
}

/// Adds a rule read (break, before, after) to the last language rule.
fn push_rule(
    srx: &mut Srx,
    rule: Option<(bool, String, String)>,
    check: bool,
) -> Result<(), SrxError> {
    if let (Some((breaks, before, after)), Some(language)) = (rule, srx.language_rules.last_mut()) {
        let number = language.rules.len() + 1;
        let rule = if check {
            SrxRule::new(breaks, &before, &after, (&language.name, number))?
        } else {
            SrxRule::unchecked(breaks, &before, &after)
        };
        language.rules.push(rule);
    }
    Ok(())
}

fn local_name(e: &BytesStart<'_>) -> String {
    local_name_of(e.name().as_ref())
}

fn local_name_of(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    name.rsplit(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local_name_of(a.key.as_ref()) == key)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn srx(cascade: bool, maps: &str, rules: &str) -> Srx {
        let cascade = if cascade { "yes" } else { "no" };
        Srx::parse(&format!(
            r#"<?xml version="1.0"?>
<srx version="2.0" xmlns="http://www.lisa.org/srx20">
  <header segmentsubflows="yes" cascade="{cascade}"/>
  <body>
    <languagerules>{rules}</languagerules>
    <maprules>{maps}</maprules>
  </body>
</srx>"#
        ))
        .unwrap()
    }

    const ENGLISH: &str = r#"
      <languagerule languagerulename="English">
        <rule break="no"><beforebreak>\b(Mr?s|[DMJS]r)\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="no"><beforebreak>\b(e\.g|i\.e)\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>"#;
    const DEFAULT: &str = r#"
      <languagerule languagerulename="Default">
        <rule break="yes"><beforebreak>[\.\?!]+</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule><beforebreak>[。！？]</beforebreak><afterbreak></afterbreak></rule>
      </languagerule>"#;
    const MAPS: &str = r#"
      <languagemap languagepattern="EN.*" languagerulename="English"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>"#;

    fn split(srx: &Srx, language: &str, text: &str) -> Vec<String> {
        srx.segmenter(language)
            .split(text)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn capturing_groups_do_not_move_breaks() {
        let rules = srx(true, MAPS, &format!("{ENGLISH}{DEFAULT}"));
        assert_eq!(
            split(
                &rules,
                "en-US",
                "Mr. Smith met Dr. Jones. They talked, e.g. about Mrs. Brown!  She left."
            ),
            [
                "Mr. Smith met Dr. Jones.",
                "They talked, e.g. about Mrs. Brown!",
                "She left."
            ]
        );
        // The same exception written with the space inside beforebreak, and
        // a break rule that ends after the space: breaks fall after it.
        let spaced = srx(
            false,
            r#"<languagemap languagepattern=".*" languagerulename="Spaced"/>"#,
            r#"<languagerule languagerulename="Spaced">
                 <rule break="no"><beforebreak>\b(Mr?s|[DMJS]r)\.\s</beforebreak><afterbreak></afterbreak></rule>
                 <rule break="yes"><beforebreak>[.?!]\s</beforebreak><afterbreak>\p{Lu}</afterbreak></rule>
               </languagerule>"#,
        );
        assert_eq!(
            split(&spaced, "en", "Ask Mrs. Brown. Jr. members wait. Go"),
            ["Ask Mrs. Brown.", "Jr. members wait.", "Go"]
        );
    }

    #[test]
    fn languages_with_rules_of_their_own() {
        let rules = Srx::builtin();
        for language in ["en", "de-CH", "zh-Hant-TW", "ja", "ru"] {
            assert!(rules.has_rules_for(language), "{language}");
        }
        for language in ["xx", "test", "ko", "english"] {
            assert!(!rules.has_rules_for(language), "{language}");
        }
    }

    #[test]
    fn cascading_joins_the_maps_in_order() {
        let text = "Mr. Smith left. 他走了。好。";
        let cascading = srx(true, MAPS, &format!("{ENGLISH}{DEFAULT}"));
        assert_eq!(
            split(&cascading, "en-GB", text),
            ["Mr. Smith left.", "他走了。", "好。"]
        );
        // Without cascading only the first matching map counts: English has
        // no break rules, so nothing breaks.
        let first_only = srx(false, MAPS, &format!("{ENGLISH}{DEFAULT}"));
        assert_eq!(split(&first_only, "en-GB", text), [text]);
        // Other languages reach Default either way, and the exception is
        // not theirs.
        assert_eq!(
            split(&first_only, "de", "Mr. Smith left. Gut."),
            ["Mr.", "Smith left.", "Gut."]
        );
    }

    #[test]
    fn map_order_and_rule_order_decide() {
        // ".*" first: English is never reached without cascading.
        let reversed = srx(
            false,
            r#"<languagemap languagepattern=".*" languagerulename="Default"/>
               <languagemap languagepattern="en.*" languagerulename="English"/>"#,
            &format!("{ENGLISH}{DEFAULT}"),
        );
        assert_eq!(
            split(&reversed, "en", "Mr. Smith left."),
            ["Mr.", "Smith left."]
        );
        // With cascading, Default's break rule comes before English's
        // exception, and the first rule that applies wins.
        let cascading = srx(
            true,
            r#"<languagemap languagepattern=".*" languagerulename="Default"/>
               <languagemap languagepattern="en.*" languagerulename="English"/>"#,
            &format!("{ENGLISH}{DEFAULT}"),
        );
        assert_eq!(
            split(&cascading, "EN", "Mr. Smith left."),
            ["Mr.", "Smith left."]
        );
    }

    #[test]
    fn entities_cdata_and_empty_rules() {
        let rules = srx(
            false,
            r#"<languagemap languagepattern=".*" languagerulename="R"/>"#,
            r#"<languagerule languagerulename="R">
                 <rule break="no"><beforebreak>&lt;b&gt;</beforebreak><afterbreak/></rule>
                 <rule><beforebreak><![CDATA[[;>]]]></beforebreak><afterbreak>\s</afterbreak></rule>
                 <rule break="no"/>
               </languagerule>"#,
        );
        assert_eq!(rules.language_rules[0].rules.len(), 3);
        assert_eq!(rules.language_rules[0].rules[0].before, "<b>");
        assert_eq!(
            split(&rules, "fr", "a; b> c <b> d"),
            ["a;", "b>", "c <b> d"]
        );
    }

    #[test]
    fn errors_name_what_is_wrong() {
        let lookbehind = Srx::parse(
            r#"<srx version="2.0"><header cascade="no"/><body><languagerules>
               <languagerule languagerulename="X"><rule><beforebreak>(?&lt;=a)\.</beforebreak></rule></languagerule>
               </languagerules><maprules/></body></srx>"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            lookbehind.starts_with(r"rule 1 of 'X': beforebreak /(?<=a)\./"),
            "{lookbehind}"
        );
        let unknown = Srx::parse(
            r#"<srx version="2.0"><body><maprules><languagemap languagepattern=".*" languagerulename="Nope"/></maprules></body></srx>"#,
        )
        .unwrap_err()
        .to_string();
        assert!(unknown.contains("'Nope'"), "{unknown}");
        let not_srx = Srx::parse("<tmx/>").unwrap_err().to_string();
        assert!(not_srx.contains("not an SRX file"), "{not_srx}");
        let entity = Srx::parse(
            r#"<srx version="2.0"><header cascade="no"/><body><languagerules>
               <languagerule languagerulename="X"><rule><beforebreak>a&nbsp;\.</beforebreak></rule></languagerule>
               </languagerules><maprules/></body></srx>"#,
        )
        .unwrap_err()
        .to_string();
        assert!(entity.contains("unknown entity &nbsp;"), "{entity}");
    }
}
