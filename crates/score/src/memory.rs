//! Memory checks: a translation memory should give one target per source.
//! Pairs are seen one at a time, as they are written or read, and each is
//! compared with the pairs before it by hashes of their texts, so memory
//! grows by a few words per pair, never by the texts themselves.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use crate::{Flag, FlagKind};

/// What the memory has seen so far.
#[derive(Debug, Default)]
pub struct MemoryChecks {
    /// (Source hash, target hash) → number of the first unit with that pair.
    by_pair: HashMap<(u64, u64), usize>,
    /// Source hash → number of the first unit with it.
    by_source: HashMap<u64, usize>,
    /// Target hash → number of the first unit with it.
    by_target: HashMap<u64, usize>,
}

impl MemoryChecks {
    /// An empty memory.
    pub fn new() -> MemoryChecks {
        MemoryChecks::default()
    }

    /// The flags of unit `number` (as reports number it) against the units
    /// seen before, then remembers it. Texts are compared with their
    /// whitespace collapsed; case and punctuation count. A pair seen before
    /// is a duplicate of its first occurrence; a new pair whose source (or
    /// target) was seen before conflicts with the first unit that had it.
    pub fn check(&mut self, number: usize, source: &str, target: &str) -> Vec<Flag> {
        let (s, t) = (fingerprint(source), fingerprint(target));
        let first_pair = *self.by_pair.entry((s, t)).or_insert(number);
        let first_source = *self.by_source.entry(s).or_insert(number);
        let first_target = *self.by_target.entry(t).or_insert(number);
        if first_pair != number {
            return vec![Flag::new(
                FlagKind::Duplicate,
                format!("the same pair as unit {first_pair}"),
            )];
        }
        // The pair is new: a unit that had its source had another target.
        let mut flags = Vec::new();
        if first_source != number {
            flags.push(Flag::new(
                FlagKind::SourceConflict,
                format!("unit {first_source} has the same source with another target"),
            ));
        }
        if first_target != number {
            flags.push(Flag::new(
                FlagKind::TargetConflict,
                format!("unit {first_target} has the same target with another source"),
            ));
        }
        flags
    }
}

fn fingerprint(text: &str) -> u64 {
    // DefaultHasher::new() has fixed keys: the same text, the same hash in
    // every run.
    let mut hasher = DefaultHasher::new();
    for word in text.split_whitespace() {
        word.hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_conflicts_point_at_the_first_unit() {
        let mut memory = MemoryChecks::new();
        assert!(memory.check(1, "保存", "Save").is_empty());
        assert!(memory.check(2, "打开", "Open").is_empty());
        let ids = |flags: Vec<Flag>| -> Vec<(&'static str, String)> {
            flags
                .into_iter()
                .map(|f| (f.kind.id(), f.message))
                .collect()
        };
        assert_eq!(
            ids(memory.check(3, "保存 ", "Save")),
            [("duplicate", "the same pair as unit 1".to_string())]
        );
        assert_eq!(
            ids(memory.check(4, "保存", "Store")),
            [(
                "source-conflict",
                "unit 1 has the same source with another target".to_string()
            )]
        );
        assert_eq!(
            ids(memory.check(5, "开启", "Open")),
            [(
                "target-conflict",
                "unit 2 has the same target with another source".to_string()
            )]
        );
        assert!(memory.check(6, "关闭", "Close").is_empty());
        // A pair seen before is a duplicate of its first occurrence, even
        // where its source first came with another target.
        assert_eq!(
            ids(memory.check(7, "保存", "Store")),
            [("duplicate", "the same pair as unit 4".to_string())]
        );
        // A new pair whose source and target were each seen elsewhere.
        assert_eq!(
            ids(memory.check(8, "打开", "Close")),
            [
                (
                    "source-conflict",
                    "unit 2 has the same source with another target".to_string()
                ),
                (
                    "target-conflict",
                    "unit 6 has the same target with another source".to_string()
                )
            ]
        );
    }
}
