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
//!
//! Nothing here changes text: every function reads its input and returns facts
//! about it.
//!
//! [whatlang]: https://docs.rs/whatlang

mod chinese;
mod identify;
mod length;
mod numbers;
mod script;
mod tag;
mod tokens;

pub use chinese::{ChineseScript, chinese_script};
pub use identify::{Identification, identify, identify_among};
pub use length::length;
pub use numbers::{Number, numbers};
pub use script::{Script, ScriptCounts, script_of};
pub use tag::{LanguageTag, TagError, TagStyle, primary_language};
pub use tokens::{
    Punctuation, fold_accents, match_tokens, punctuation, stem, unspaced_tokens, words,
};
