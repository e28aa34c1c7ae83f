//! How tandem sees the words of a sentence, shared by every stage.
//!
//! - [`Script`] and [`script_of`]: which writing system a character belongs to.
//! - [`identify`]: which language a piece of text is in, by script first and by
//!   statistical identification ([whatlang]) where scripts are shared.
//! - [`LanguageTag`]: a validated BCP 47 tag such as `zh-CN` or `de`.
//! - [`length`]: the length measure the length model counts.
//! - [`numbers`]: the numbers in a text, as values, whatever their script.
//! - [`words`], [`match_tokens`], [`punctuation`]: normalised copies of a
//!   sentence's words and structure, for lexical evidence.
//! - [`Sentences`] and [`Section`]: one side of a document as sentences in
//!   paragraphs, and which paragraphs of the two sides correspond; what
//!   segmentation produces and alignment consumes.
//!
//! Nothing here changes text: every function reads its input and returns facts
//! about it.
//!
//! ```
//! use tandem_text::{LanguageTag, TagStyle, identify, numbers};
//!
//! // Which language, and the tag tandem writes for it.
//! let found = identify("北京市政府工作报告").unwrap();
//! assert_eq!(found.tag().as_str(), "zh-CN");
//! // Tags are validated, kept in BCP 47's case, and restyled on request.
//! let tag = LanguageTag::parse("zh-hans-cn")?;
//! assert_eq!(tag.as_str(), "zh-Hans-CN");
//! assert_eq!(tag.styled(TagStyle::Region).as_str(), "zh-CN");
//! // Numbers by value, whatever their script: 1,100 is 一千一百.
//! let values = |text| numbers(text).iter().map(|n| n.value).collect::<Vec<f64>>();
//! assert_eq!(values("增长一千一百人"), values("grew by 1,100 people"));
//! # Ok::<(), tandem_text::TagError>(())
//! ```
//!
//! [whatlang]: https://docs.rs/whatlang

mod chinese;
mod identify;
mod length;
mod numbers;
mod script;
mod sentences;
mod tag;
mod tokens;

pub use chinese::{ChineseScript, chinese_script};
pub use identify::{Identification, identify, identify_among};
pub use length::length;
pub use numbers::{Number, NumberStyle, NumberWords, numbers, numbers_in};
pub use script::{Script, ScriptCounts, script_of};
pub use sentences::{Section, Sentences, ends_sentence};
pub use tag::{LanguageTag, TagError, TagStyle, primary_language};
pub use tokens::{
    Punctuation, fold_accents, match_tokens, punctuation, stem, unspaced_tokens, words,
};
