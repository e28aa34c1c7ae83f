//! Which encoding an XML document (TMX, XLIFF, SRX) is written in, found as
//! XML 1.0 (Fifth Edition), Appendix F, says: a byte-order mark; else the
//! first four bytes, which are `<?` in the encoding (UTF-16 and UTF-32
//! without a mark, as memoQ and some Java tools write them); else the
//! encoding declaration (`<?xml version="1.0" encoding="windows-1252"?>`);
//! else UTF-8. Beyond the appendix, for files without a declaration: two
//! ASCII characters each with a zero byte beside it are UTF-16.
//!
//! Decoding is encoding_rs's (through encoding_rs_io for streams), except
//! for UTF-32, which the WHATWG encodings encoding_rs implements leave out:
//! that one is read whole and converted here, four bytes a character.

use std::io::{BufRead, BufReader, Cursor, Read};

use encoding_rs::Encoding;

use crate::ReadError;

/// How many bytes are looked at for a byte-order mark and a declaration.
const PROLOGUE: usize = 1024;

/// An XML document's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlEncoding {
    /// UTF-32, little-endian.
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
    /// Any encoding encoding_rs decodes (UTF-8, UTF-16, windows-1252,
    /// GB18030, Shift_JIS, …).
    Other(&'static Encoding),
}

/// What the first bytes of a document said of its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: XmlEncoding,
    /// The byte-order mark's length in bytes (0 without one).
    pub bom: usize,
}

/// Why an XML document's encoding is not one tandem reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodingError {
    /// The declaration names an encoding no one knows.
    #[error("its XML declaration names the encoding '{0}', which is not one tandem knows")]
    Unknown(String),
    /// EBCDIC (`<?` as 4C 6F A7 94).
    #[error("it looks like EBCDIC (it starts 4C 6F A7 94): save it as UTF-8")]
    Ebcdic,
    /// Not text at all: a known binary format, or zero bytes where no
    /// text encoding puts them.
    #[error("it is {0}, not an XML document")]
    NotText(&'static str),
    /// Bytes that are not UTF-32 where the start says UTF-32.
    #[error("it looks like {name}, but byte {offset} starts no character of {name}")]
    BadUtf32 {
        /// `UTF-32LE` or `UTF-32BE`.
        name: &'static str,
        /// Offset of the first bad code unit.
        offset: usize,
    },
}

impl XmlEncoding {
    /// The encoding's usual name.
    pub fn name(self) -> &'static str {
        match self {
            XmlEncoding::Utf32Le => "UTF-32LE",
            XmlEncoding::Utf32Be => "UTF-32BE",
            XmlEncoding::Other(encoding) => encoding.name(),
        }
    }
}

/// The encoding of a document that starts with `first` (its first
/// kilobyte is enough).
pub fn detect(first: &[u8]) -> Result<Detected, EncodingError> {
    let found = |encoding, bom| Ok(Detected { encoding, bom });
    let other = XmlEncoding::Other;
    match first {
        [0x00, 0x00, 0xFE, 0xFF, ..] => found(XmlEncoding::Utf32Be, 4),
        [0xFF, 0xFE, 0x00, 0x00, ..] => found(XmlEncoding::Utf32Le, 4),
        [0xEF, 0xBB, 0xBF, ..] => found(other(encoding_rs::UTF_8), 3),
        [0xFE, 0xFF, ..] => found(other(encoding_rs::UTF_16BE), 2),
        [0xFF, 0xFE, ..] => found(other(encoding_rs::UTF_16LE), 2),
        [0x00, 0x00, 0x00, 0x3C, ..] => found(XmlEncoding::Utf32Be, 0),
        [0x3C, 0x00, 0x00, 0x00, ..] => found(XmlEncoding::Utf32Le, 0),
        [0x00, 0x3C, 0x00, 0x3F, ..] => found(other(encoding_rs::UTF_16BE), 0),
        [0x3C, 0x00, 0x3F, 0x00, ..] => found(other(encoding_rs::UTF_16LE), 0),
        [0x4C, 0x6F, 0xA7, 0x94, ..] => Err(EncodingError::Ebcdic),
        // No declaration (`<tmx` straight away, as some tools write):
        // ASCII characters with a zero byte after or before each.
        [a, 0x00, b, 0x00, ..] if *a != 0 && *b != 0 => found(other(encoding_rs::UTF_16LE), 0),
        [0x00, a, 0x00, b, ..] if *a != 0 && *b != 0 => found(other(encoding_rs::UTF_16BE), 0),
        [0x7F, b'E', b'L', b'F', ..] => Err(EncodingError::NotText("a program (ELF)")),
        [b'%', b'P', b'D', b'F', ..] => Err(EncodingError::NotText("a PDF document")),
        [b'P', b'K', 3, 4, ..] => Err(EncodingError::NotText(
            "a zip archive (a Word or OpenDocument file, or another zipped file)",
        )),
        [0x1F, 0x8B, ..] => Err(EncodingError::NotText(
            "gzip-compressed (decompress it first)",
        )),
        _ if first.contains(&0) => Err(EncodingError::NotText(
            "a binary file (it holds zero bytes)",
        )),
        _ => match declared(first) {
            // A declaration of UTF-16 in bytes that are not: the bytes win
            // (a file converted to UTF-8 whose declaration was not).
            Some(label) => match Encoding::for_label(label.as_bytes()) {
                Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
                    found(other(encoding_rs::UTF_8), 0)
                }
                Some(e) => found(other(e), 0),
                None => Err(EncodingError::Unknown(label)),
            },
            None => found(other(encoding_rs::UTF_8), 0),
        },
    }
}

/// The `encoding` of an XML declaration at the start of ASCII-compatible
/// bytes, if there is one.
fn declared(first: &[u8]) -> Option<String> {
    let end = first.windows(2).position(|w| w == b"?>")?;
    let declaration = std::str::from_utf8(first.get(..end)?).ok()?;
    let rest = declaration.strip_prefix("<?xml")?;
    let at = rest.find("encoding")?;
    let rest = rest[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|&q| q == '"' || q == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].trim().to_string())
}

/// `input` as UTF-8 for an XML parser: its encoding detected ([`detect`])
/// and decoded, the byte-order mark left out.
pub fn utf8_reader<'a>(mut input: impl Read + 'a) -> Result<Box<dyn BufRead + 'a>, ReadError> {
    let mut first = Vec::with_capacity(PROLOGUE);
    (&mut input).take(PROLOGUE as u64).read_to_end(&mut first)?;
    let detected = detect(&first)?;
    let whole = Cursor::new(first).chain(input);
    Ok(match detected.encoding {
        XmlEncoding::Other(encoding) if encoding == encoding_rs::UTF_8 => {
            let mut whole = BufReader::new(whole);
            // Fills the buffer with at least the mark, which it then skips.
            if detected.bom > 0 {
                whole.fill_buf()?;
                whole.consume(detected.bom);
            }
            Box::new(whole)
        }
        XmlEncoding::Other(encoding) => Box::new(BufReader::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .bom_override(true)
                .strip_bom(true)
                .build(whole),
        )),
        utf32 => {
            let mut bytes = Vec::new();
            BufReader::new(whole).read_to_end(&mut bytes)?;
            Box::new(Cursor::new(
                utf32_to_string(&bytes[detected.bom..], utf32, detected.bom)?.into_bytes(),
            ))
        }
    })
}

/// A whole XML document's text, decoded as [`utf8_reader`] does: for
/// documents read whole (an SRX file).
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    let mut text = String::new();
    utf8_reader(bytes)?.read_to_string(&mut text)?;
    Ok(text)
}

/// UTF-32 `bytes` (starting `offset` bytes into the file) as text.
fn utf32_to_string(
    bytes: &[u8],
    encoding: XmlEncoding,
    offset: usize,
) -> Result<String, EncodingError> {
    let name = encoding.name();
    let little = encoding == XmlEncoding::Utf32Le;
    let mut text = String::with_capacity(bytes.len() / 4);
    for (k, unit) in bytes.chunks(4).enumerate() {
        let bad = EncodingError::BadUtf32 {
            name,
            offset: offset + 4 * k,
        };
        let unit: [u8; 4] = unit.try_into().map_err(|_| bad.clone())?;
        let value = if little {
            u32::from_le_bytes(unit)
        } else {
            u32::from_be_bytes(unit)
        };
        text.push(char::from_u32(value).ok_or(bad)?);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, encoding: &str, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        match encoding {
            "utf-16le" | "utf-16be" => {
                let little = encoding == "utf-16le";
                let units = std::iter::once(0xFEFF)
                    .filter(|_| bom)
                    .chain(text.encode_utf16());
                for unit in units {
                    bytes.extend(if little {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    });
                }
            }
            _ => {
                let little = encoding == "utf-32le";
                let chars = std::iter::once('\u{feff}')
                    .filter(|_| bom)
                    .chain(text.chars());
                for c in chars {
                    bytes.extend(if little {
                        (c as u32).to_le_bytes()
                    } else {
                        (c as u32).to_be_bytes()
                    });
                }
            }
        }
        bytes
    }

    #[test]
    fn utf16_and_utf32_with_or_without_a_mark() {
        let xml = "<?xml version=\"1.0\"?><a>中文 ok 😀</a>";
        for encoding in ["utf-16le", "utf-16be", "utf-32le", "utf-32be"] {
            for bom in [true, false] {
                let bytes = encode(xml, encoding, bom);
                assert_eq!(decode(&bytes).unwrap(), xml, "{encoding} {bom}");
            }
        }
    }

    #[test]
    fn the_declaration_names_a_legacy_encoding() {
        let mut bytes = b"<?xml version='1.0' encoding = 'windows-1252' ?><a>".to_vec();
        bytes.extend([0xE9, 0x80]);
        bytes.extend(b"</a>");
        assert_eq!(
            decode(&bytes).unwrap(),
            "<?xml version='1.0' encoding = 'windows-1252' ?><a>é€</a>"
        );
        let gbk =
            encoding_rs::GB18030.encode("<?xml version=\"1.0\" encoding=\"GBK\"?><a>中文</a>");
        assert_eq!(
            decode(&gbk.0).unwrap(),
            "<?xml version=\"1.0\" encoding=\"GBK\"?><a>中文</a>"
        );
        // UTF-8 with a mark; a stale UTF-16 declaration in UTF-8 bytes.
        assert_eq!(decode("\u{feff}<a/>".as_bytes()).unwrap(), "<a/>");
        let stale = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é</a>";
        assert_eq!(decode(stale.as_bytes()).unwrap(), stale);
    }

    #[test]
    fn what_cannot_be_read_is_named() {
        let unknown = decode(b"<?xml version=\"1.0\" encoding=\"klingon-8\"?><a/>").unwrap_err();
        assert!(unknown.to_string().contains("'klingon-8'"), "{unknown}");
        let ebcdic = decode(&[0x4C, 0x6F, 0xA7, 0x94, 0x40]).unwrap_err();
        assert!(ebcdic.to_string().contains("EBCDIC"), "{ebcdic}");
        let mut cut = encode("<a/>", "utf-32le", false);
        cut.push(0);
        let cut = decode(&cut).unwrap_err();
        assert!(cut.to_string().contains("UTF-32LE, but byte 16"), "{cut}");
        // Files that are no text at all say what they are.
        for (bytes, what) in [
            (&b"\x7fELF\x02\x01\x01\x00"[..], "a program (ELF)"),
            (&b"%PDF-1.7\n"[..], "a PDF document"),
            (&b"PK\x03\x04\x14\x00"[..], "a zip archive"),
            (&b"\x1f\x8b\x08\x00"[..], "gzip-compressed"),
            (&b"<tmx>\x00\x00\x01</tmx>"[..], "a binary file"),
        ] {
            let error = decode(bytes).unwrap_err().to_string();
            assert!(error.contains(what), "{error}");
        }
        // No declaration at all: `<tmx` in UTF-16, either order.
        for encoding in ["utf-16le", "utf-16be"] {
            let bytes = encode("<tmx>中文</tmx>", encoding, false);
            assert_eq!(decode(&bytes).unwrap(), "<tmx>中文</tmx>", "{encoding}");
        }
        assert_eq!(
            detect(&encode("<?xml", "utf-16le", false)).unwrap(),
            Detected {
                encoding: XmlEncoding::Other(encoding_rs::UTF_16LE),
                bom: 0
            }
        );
    }
}
