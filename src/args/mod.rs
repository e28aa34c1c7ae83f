//! The command line's shared option groups, each turned once into the
//! settings the libraries take, and the parsers of single values.

mod document;
mod model;
mod output;
mod quality;
mod values;

pub use document::{
    DEFAULT_MAX_INPUT_SIZE, DictionaryArgs, DocumentArgs, Encoding, InputSizeArgs, LimitArgs,
    ParagraphArgs, ReadSettings, SrxArgs,
};
pub use model::{ModelArgs, ModelDir, fetch as model_fetch};
pub use output::{LangStyle, OutputArgs, WriteArgs, output_format};
pub use quality::{ExportArgs, ReportArgs, ThresholdArgs};
pub use values::{parse_encoding, parse_positive, parse_tag};
