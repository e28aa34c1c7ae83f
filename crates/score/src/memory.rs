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
    /// Source hash → (target hash, number of the first unit with it).
    by_source: HashMap<u64, (u64, usize)>,
    /// Target hash → (source hash, number of the first unit with it).
    by_target: HashMap<u64, (u64, usize)>,
}

impl MemoryChecks {
    /// An empty memory.
    pub fn new() -> MemoryChecks {
        MemoryChecks::default()
    }

    /// The flags of unit `number` (as reports number it) against the units
    /// seen before, then remembers it. Texts are compared with their
    /// whitespace collapsed; case and punctuation count.
    pub fn check(&mut self, number: usize, source: &str, target: &str) -> Vec<Flag> {
        let (s, t) = (fingerprint(source), fingerprint(target));
        let mut flags = Vec::new();
        let first_source = *self.by_source.entry(s).or_insert((t, number));
        let first_target = *self.by_target.entry(t).or_insert((s, number));
        if first_source.1 != number && first_source.0 == t {
            flags.push(Flag::new(
                FlagKind::Duplicate,
                format!("the same pair as unit {}", first_source.1),
            ));
        } else {
            if first_source.1 != number {
                flags.push(Flag::new(
                    FlagKind::SourceConflict,
                    format!(
                        "unit {} has the same source with another target",
                        first_source.1
                    ),
                ));
            }
            if first_target.1 != number && first_target.0 != s {
                flags.push(Flag::new(
                    FlagKind::TargetConflict,
                    format!(
                        "unit {} has the same target with another source",
                        first_target.1
                    ),
                ));
            }
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
    }
}
