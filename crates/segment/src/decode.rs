//! Bytes to text: byte-order marks, UTF-8, and legacy encodings named by the
//! user. Undecodable bytes are an error with their offset, never replaced.

use encoding_rs::{DecoderResult, Encoding, UTF_8};

/// Why bytes could not become text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A NUL byte in a file without a byte-order mark: not text.
    #[error("this is not a text file (a NUL byte at offset {offset})")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// Not UTF-8, and no encoding was named.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
        /// The encoding the bytes most likely are, when a guess is possible.
        likely: Option<&'static str>,
    },
    /// Not valid in the encoding the user named.
    #[error("bytes at offset {offset} are not valid {encoding}")]
    Malformed {
        /// The encoding tried.
        encoding: &'static str,
        /// Byte offset of the first malformed sequence.
        offset: usize,
    },
}

/// Looks up an encoding by any of its WHATWG labels (`gbk`, `GB18030`,
/// `big5`, `shift_jis`, `windows-1252`, `latin1`, `utf-16le`, …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes a file's bytes.
///
/// A byte-order mark (UTF-8, UTF-16 LE or BE) decides the encoding and is
/// dropped. Without one, the bytes are decoded as `encoding` when given, and
/// must otherwise be UTF-8. Malformed bytes are an error naming their offset;
/// nothing is replaced.
///
/// The bytes are taken by value: UTF-8, the usual case, becomes the text
/// without a copy, so a file costs its size once, not twice.
pub fn decode(
    mut bytes: Vec<u8>,
    encoding: Option<&'static Encoding>,
) -> Result<String, DecodeError> {
    if let Some((bom_encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if bom_encoding == UTF_8 {
            bytes.drain(..bom_len);
            return utf8(bytes, bom_len);
        }
        return decode_strictly(&bytes[bom_len..], bom_encoding, bom_len);
    }
    let is_utf16 = |e: &'static Encoding| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE;
    if !encoding.is_some_and(is_utf16)
        && let Some(offset) = bytes.iter().position(|&b| b == 0)
    {
        return Err(DecodeError::Binary { offset });
    }
    match encoding {
        Some(encoding) if encoding != UTF_8 => decode_strictly(&bytes, encoding, 0),
        _ => utf8(bytes, 0),
    }
}

/// UTF-8 bytes as text; offsets in errors count `base_offset` bytes before.
fn utf8(bytes: Vec<u8>, base_offset: usize) -> Result<String, DecodeError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = base_offset + e.utf8_error().valid_up_to();
        DecodeError::InvalidUtf8 {
            offset,
            likely: guess_encoding(e.as_bytes()),
        }
    })
}

fn decode_strictly(
    bytes: &[u8],
    encoding: &'static Encoding,
    base_offset: usize,
) -> Result<String, DecodeError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        // The buffer was sized for the worst case, so it cannot fill.
        DecoderResult::OutputFull => unreachable!("output buffer sized for the whole input"),
        DecoderResult::Malformed(bad, extra) => Err(DecodeError::Malformed {
            encoding: encoding.name(),
            // `read` counts the bad sequence and the bytes after it that
            // were consumed; the sequence starts before both.
            offset: base_offset + read - bad as usize - extra as usize,
        }),
    }
}

/// The encoding a detector believes undecodable bytes to be in, unless it
/// believes they are UTF-8 (which they are not).
fn guess_encoding(bytes: &[u8]) -> Option<&'static str> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    (guess != UTF_8).then(|| guess.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("中文".as_bytes().to_vec(), None).unwrap(), "中文");
        assert_eq!(decode(b"\xEF\xBB\xBFabc".to_vec(), None).unwrap(), "abc");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("中a".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("中a".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(le.to_vec(), None).unwrap(), "中a");
        assert_eq!(decode(be.to_vec(), None).unwrap(), "中a");
    }

    #[test]
    fn legacy_encodings_by_name() {
        let (gbk, _, _) = encoding_rs::GBK.encode("政府工作报告");
        let (big5, _, _) = encoding_rs::BIG5.encode("政府工作報告");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("東京都の人口");
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("Café – «déjà»");
        let named = |label| encoding_for_label(label);
        assert_eq!(decode(gbk.to_vec(), named("GBK")).unwrap(), "政府工作报告");
        assert_eq!(
            decode(gbk.to_vec(), named("gb18030")).unwrap(),
            "政府工作报告"
        );
        assert_eq!(
            decode(big5.to_vec(), named("big5")).unwrap(),
            "政府工作報告"
        );
        assert_eq!(
            decode(sjis.to_vec(), named("shift_jis")).unwrap(),
            "東京都の人口"
        );
        assert_eq!(
            decode(cp1252.to_vec(), named("windows-1252")).unwrap(),
            "Café – «déjà»"
        );
    }

    #[test]
    fn invalid_utf8_names_offset_and_likely_encoding() {
        let (gbk, _, _) = encoding_rs::GBK
            .encode("abc政府工作报告，加快建设韧性城市。加强气象地质监测能力建设。");
        let err = decode(gbk.to_vec(), None).unwrap_err();
        match &err {
            DecodeError::InvalidUtf8 { offset, likely } => {
                assert_eq!(*offset, 3);
                assert_eq!(*likely, Some("GBK"));
            }
            other => panic!("{other:?}"),
        }
        // The fact, not the command line's vocabulary: the caller names its
        // own option.
        assert_eq!(err.to_string(), "invalid UTF-8 at byte offset 3");
    }

    #[test]
    fn malformed_legacy_bytes_name_their_offset() {
        // 0xFD is neither a character nor a lead byte in Shift_JIS.
        let err = decode(b"ab\xFDc".to_vec(), encoding_for_label("shift_jis")).unwrap_err();
        assert_eq!(
            err,
            DecodeError::Malformed {
                encoding: "Shift_JIS",
                offset: 2
            }
        );
    }

    #[test]
    fn utf16_without_a_bom_when_named() {
        let le: Vec<u8> = "中a".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = "中a".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(
            decode(le.clone(), encoding_for_label("utf-16le")).unwrap(),
            "中a"
        );
        assert_eq!(decode(be, encoding_for_label("utf-16be")).unwrap(), "中a");
        // Not named, its NUL bytes make it binary.
        assert!(matches!(decode(le, None), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn utf8_named_or_not_reads_alike() {
        let bytes = b"ab\xffc".to_vec();
        assert_eq!(
            decode(bytes.clone(), None),
            decode(bytes, encoding_for_label("utf-8"))
        );
        assert_eq!(
            decode(b"abc".to_vec(), encoding_for_label("utf-8")).unwrap(),
            "abc"
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode(b"PK\x03\x04\x00\x00".to_vec(), None).unwrap_err();
        assert_eq!(err, DecodeError::Binary { offset: 4 });
    }
}
