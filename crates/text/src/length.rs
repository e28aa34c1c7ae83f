//! The length the length model counts.

/// The length of a sentence for the length model: its characters, not
/// counting white space. Whitespace is left out because Chinese and Japanese
/// have none and its share in other languages varies with the layout, not the
/// content; the ratio between two languages is estimated per document anyway.
pub fn length(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::length;

    #[test]
    fn counts_characters_not_bytes_or_spaces() {
        assert_eq!(length("政府工作报告"), 6);
        assert_eq!(length(" a b\u{3000}c\t"), 3);
        assert_eq!(length(""), 0);
    }
}
