//! Rows of strings as rows of ids: each distinct string stored once.

use rustc_hash::FxHashMap;

/// Strings read as rows of ids, in order of first appearance.
pub(crate) struct Interned {
    /// Each distinct string and its id.
    pub(crate) ids: FxHashMap<String, u32>,
    /// Each row's strings as ids.
    pub(crate) rows: Vec<Vec<u32>>,
}

impl Interned {
    /// Interns `rows` of strings, one row at a time: memory holds each
    /// distinct string once, and a row of ids per row.
    pub(crate) fn new(rows: impl Iterator<Item = Vec<String>>) -> Interned {
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let rows = rows
            .map(|row| {
                let mut row: Vec<u32> = row
                    .into_iter()
                    .map(|s| {
                        let next = ids.len() as u32;
                        *ids.entry(s).or_insert(next)
                    })
                    .collect();
                row.shrink_to_fit();
                row
            })
            .collect();
        Interned { ids, rows }
    }

    /// How many times each id occurs in all rows.
    pub(crate) fn occurrences(&self) -> Vec<usize> {
        let mut counts = vec![0; self.ids.len()];
        for &id in self.rows.iter().flatten() {
            counts[id as usize] += 1;
        }
        counts
    }

    /// In how many rows each id occurs.
    pub(crate) fn row_frequencies(&self) -> Vec<usize> {
        let mut counts = vec![0; self.ids.len()];
        let mut seen = Vec::new();
        for row in &self.rows {
            seen.clone_from(row);
            seen.sort_unstable();
            seen.dedup();
            for &id in &seen {
                counts[id as usize] += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_order_of_first_appearance_and_their_counts() {
        let rows = vec![
            vec!["a".to_string(), "b".to_string(), "a".to_string()],
            vec!["c".to_string(), "a".to_string()],
        ];
        let interned = Interned::new(rows.into_iter());
        assert_eq!(interned.rows, [vec![0, 1, 0], vec![2, 0]]);
        assert_eq!(interned.ids["c"], 2);
        assert_eq!(interned.occurrences(), [3, 1, 1]);
        assert_eq!(interned.row_frequencies(), [2, 1, 1]);
    }
}
