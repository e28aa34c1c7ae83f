//! Many documents' memories merged into one, each distinct pair once.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufRead, Write};

use tandem_tmx::{ReadError, ReadUnit, SegType, TmxReader, TmxWriter, TranslationUnit};

use crate::format::tmx::header;

/// Why a merge failed: a document's memory could not be read, or the
/// merged one not written.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A document's memory could not be read.
    #[error("{error}")]
    Read {
        /// The document's index.
        document: usize,
        /// What went wrong.
        error: ReadError,
    },
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] io::Error),
}

/// One pair of a document's memory.
struct Pair {
    tgt_lang: String,
    source: String,
    target: String,
    props: Vec<(String, String)>,
}

/// A document's memory, written by tandem: its header's `srclang`, and its
/// pairs (the variant in that language, and the first in another).
struct DocumentMemory<R: BufRead> {
    srclang: Option<String>,
    units: TmxReader<R>,
}

impl<R: BufRead> DocumentMemory<R> {
    fn new(units: TmxReader<R>) -> DocumentMemory<R> {
        DocumentMemory {
            srclang: units.header().srclang.clone(),
            units,
        }
    }

    fn pair(srclang: &str, unit: ReadUnit) -> Option<Pair> {
        let source = unit.variants.iter().find(|v| v.lang == srclang)?;
        let target = unit.variants.iter().find(|v| v.lang != srclang)?;
        Some(Pair {
            tgt_lang: target.lang.clone(),
            source: source.text.clone(),
            target: target.text.clone(),
            props: unit.props,
        })
    }

    /// Calls `each` on every pair, in order; read errors name `document`.
    fn pairs(
        self,
        document: usize,
        each: &mut dyn FnMut(Pair) -> io::Result<()>,
    ) -> Result<(), MergeError> {
        let srclang = self.srclang.unwrap_or_default();
        for unit in self.units {
            let unit = unit.map_err(|error| MergeError::Read { document, error })?;
            if let Some(pair) = DocumentMemory::<R>::pair(&srclang, unit) {
                each(pair)?;
            }
        }
        Ok(())
    }
}

fn fingerprint(source: &str, target: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    (source, target).hash(&mut hasher);
    hasher.finish()
}

/// Merges the TMX memories of the documents `names`, in order, into one
/// TMX on `out`: each distinct pair once, with an `x-document` prop naming
/// every document it came from (the first occurrence's `x-document` props
/// replaced) and `x-occurrences` when it came more than once. `open(k)`
/// opens document `k`'s memory, written by tandem (its header's `srclang`
/// is the source's tag); it is called twice per document, so that memory
/// holds a fingerprint and document numbers per distinct pair, never the
/// texts. The header's `srclang` is `srclang` when given, else the first
/// document's. Returns the units written.
pub fn merge<R: BufRead>(
    names: &[&str],
    open: impl Fn(usize) -> Result<TmxReader<R>, ReadError>,
    srclang: Option<&str>,
    creation_date: &str,
    out: impl Write,
) -> Result<usize, MergeError> {
    // Reads document `k`'s pairs; returns its header's source language.
    let read = |k: usize, each: &mut dyn FnMut(Pair) -> io::Result<()>| {
        let memory = open(k).map_err(|error| MergeError::Read { document: k, error })?;
        let memory = DocumentMemory::new(memory);
        let srclang = memory.srclang.clone();
        memory.pairs(k, each)?;
        Ok::<_, MergeError>(srclang)
    };
    // Pass 1: which documents each distinct pair comes from.
    let mut documents: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut srclang = srclang.map(str::to_string);
    for k in 0..names.len() {
        let first = read(k, &mut |pair| {
            let found = documents
                .entry(fingerprint(&pair.source, &pair.target))
                .or_default();
            if found.last() != Some(&(k as u32)) {
                found.push(k as u32);
            }
            Ok(())
        })?;
        if srclang.is_none() {
            srclang = first;
        }
    }
    let header = header(
        srclang.as_deref().unwrap_or("*all*"),
        SegType::Sentence,
        creation_date,
    );
    // Pass 2: each pair the first time it comes.
    let mut writer = TmxWriter::new(out, &header)?;
    let mut written: HashSet<u64> = HashSet::new();
    for k in 0..names.len() {
        read(k, &mut |pair| {
            let key = fingerprint(&pair.source, &pair.target);
            if !written.insert(key) {
                return Ok(());
            }
            let mut props: Vec<(Cow<'_, str>, Cow<'_, str>)> = pair
                .props
                .iter()
                .filter(|(kind, _)| kind != "x-document")
                .map(|(kind, value)| (Cow::Borrowed(kind.as_str()), Cow::Borrowed(value.as_str())))
                .collect();
            let from = &documents[&key];
            for &d in from {
                props.push(("x-document".into(), names[d as usize].into()));
            }
            if from.len() > 1 {
                props.push(("x-occurrences".into(), from.len().to_string().into()));
            }
            writer.write_unit(&TranslationUnit {
                tuid: written.len().to_string().into(),
                props,
                variants: vec![
                    (header.srclang.as_str().into(), pair.source.as_str().into()),
                    (pair.tgt_lang.as_str().into(), pair.target.as_str().into()),
                ],
            })
        })?;
    }
    let (_, stats) = writer.finish()?;
    Ok(stats.units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::tmx::header as tandem_header;

    /// A memory as tandem writes one document's.
    fn memory(srclang: &str, pairs: &[(&str, &str, &str)]) -> Vec<u8> {
        let mut writer = TmxWriter::new(
            Vec::new(),
            &tandem_header(srclang, SegType::Sentence, "20240101T000000Z"),
        )
        .unwrap();
        for (k, (source, target, document)) in pairs.iter().enumerate() {
            writer
                .write_unit(&TranslationUnit {
                    tuid: (k + 1).to_string().into(),
                    props: vec![
                        ("x-confidence".into(), "0.9000".into()),
                        ("x-document".into(), (*document).into()),
                    ],
                    variants: vec![
                        (srclang.into(), (*source).into()),
                        ("de".into(), (*target).into()),
                    ],
                })
                .unwrap();
        }
        writer.finish().unwrap().0
    }

    fn merged(memories: &[Vec<u8>], srclang: Option<&str>) -> Vec<ReadUnit> {
        let names = ["a", "b", "c"];
        let mut out = Vec::new();
        let n = merge(
            &names[..memories.len()],
            |k| TmxReader::new(memories[k].as_slice()),
            srclang,
            "20240101T000000Z",
            &mut out,
        )
        .unwrap();
        let units: Vec<ReadUnit> = TmxReader::new(out.as_slice())
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(n, units.len());
        units
    }

    #[test]
    fn each_distinct_pair_once_with_all_its_documents() {
        let a = memory(
            "en",
            &[("Hello.", "Hallo.", "a.txt"), ("Yes.", "Ja.", "a.txt")],
        );
        let b = memory("en", &[("Yes.", "Ja.", "b.txt"), ("No.", "Nein.", "b.txt")]);
        let c = memory("en", &[("Yes.", "Ja.", "c.txt"), ("Yes.", "Ja.", "c.txt")]);
        let units = merged(&[a, b, c], None);
        let texts: Vec<(&str, &str)> = units
            .iter()
            .map(|u| (u.variants[0].text.as_str(), u.variants[1].text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [("Hello.", "Hallo."), ("Yes.", "Ja."), ("No.", "Nein.")]
        );
        let tuids: Vec<&str> = units.iter().map(|u| u.tuid.as_deref().unwrap()).collect();
        assert_eq!(tuids, ["1", "2", "3"]);
        assert_eq!(
            units[1].props,
            [
                ("x-confidence".into(), "0.9000".into()),
                ("x-document".into(), "a".into()),
                ("x-document".into(), "b".into()),
                ("x-document".into(), "c".into()),
                ("x-occurrences".into(), "3".into())
            ]
        );
        assert_eq!(units[0].props[1], ("x-document".into(), "a".into()));
        assert_eq!(units[0].props.len(), 2);
    }

    #[test]
    fn the_source_language_is_the_given_one_or_the_first_documents() {
        let a = memory("en-US", &[("Hello.", "Hallo.", "a.txt")]);
        let units = merged(std::slice::from_ref(&a), None);
        assert_eq!(units[0].variants[0].lang, "en-US");
        assert_eq!(units[0].variants[1].lang, "de");
        let units = merged(&[a], Some("en-GB"));
        assert_eq!(units[0].variants[0].lang, "en-GB");
    }

    #[test]
    fn an_unreadable_document_is_named() {
        let good = memory("en", &[("Hello.", "Hallo.", "a.txt")]);
        let bad = b"<tmx version=\"1.4\"><header/><body><tu></body></tmx>".to_vec();
        let memories = [good, bad];
        let error = merge(
            &["a", "b"],
            |k| TmxReader::new(memories[k].as_slice()),
            None,
            "20240101T000000Z",
            Vec::new(),
        )
        .unwrap_err();
        assert!(
            matches!(error, MergeError::Read { document: 1, .. }),
            "{error:?}"
        );
    }
}
