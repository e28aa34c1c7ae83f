//! Parsers of single values: tags, encodings, numbers in range, sizes,
//! dates.

use anyhow::{Context as _, Result, bail};
use tandem_score::FlagKind;
use tandem_segment::encoding_for_label;
use tandem_text::LanguageTag;

use super::Encoding;

/// A BCP 47 tag.
pub fn parse_tag(tag: &str) -> Result<LanguageTag, String> {
    LanguageTag::parse(tag).map_err(|e| e.to_string())
}

/// An encoding by one of its WHATWG labels.
pub fn parse_encoding(label: &str) -> Result<Encoding, String> {
    encoding_for_label(label).ok_or_else(|| {
        format!(
            "unknown encoding '{label}' (try GB18030, GBK, Big5, Shift_JIS, windows-1252, UTF-16LE)"
        )
    })
}

/// A flag's id (`numbers-differ`).
pub fn parse_flag_id(id: &str) -> Result<FlagKind, String> {
    FlagKind::from_id(id).ok_or_else(|| {
        let ids: Vec<&str> = FlagKind::ALL.iter().map(|k| k.id()).collect();
        format!("unknown flag '{id}' (one of: {})", ids.join(", "))
    })
}

/// A probability: a number from 0 to 1.
pub fn parse_probability(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        Ok(_) => Err(format!(
            "{text} is not between 0 and 1 (a confidence is a probability)"
        )),
        Err(_) => Err(format!("'{text}' is not a number")),
    }
}

/// A number above 0.
pub fn parse_positive_float(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(x),
        Ok(_) => Err(format!("{text} is not a number above 0")),
        Err(_) => Err(format!("'{text}' is not a number")),
    }
}

/// A whole number, 0 or more.
pub fn parse_count(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .map_err(|_| format!("'{text}' is not a whole number (0 or more)"))
}

/// A whole number above 0.
pub fn parse_positive(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("'{text}' is not a whole number above 0")),
    }
}

/// A size in bytes: a number with an optional K, M or G (powers of 1024).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((at, unit @ ('K' | 'k' | 'M' | 'm' | 'G' | 'g'))) => {
            let shift = match unit.to_ascii_uppercase() {
                'K' => 10,
                'M' => 20,
                _ => 30,
            };
            (&text[..at], shift)
        }
        _ => (text, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("'{text}' is not a size (a number of bytes, or with K, M or G)"))
}

/// The creation date in TMX's basic form, from `--creation-date`, else
/// `SOURCE_DATE_EPOCH`, else the clock.
pub fn creation_date(given: Option<&str>) -> Result<String> {
    let timestamp = match given {
        Some(text) => parse_date(text)?,
        None => match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(epoch) => {
                let seconds: i64 = epoch.trim().parse().with_context(|| {
                    format!("SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds")
                })?;
                jiff::Timestamp::from_second(seconds)
                    .context("SOURCE_DATE_EPOCH is out of range")?
            }
            Err(_) => jiff::Timestamp::now(),
        },
    };
    Ok(timestamp.strftime("%Y%m%dT%H%M%SZ").to_string())
}

fn parse_date(text: &str) -> Result<jiff::Timestamp> {
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(ts);
    }
    if let Ok(ts) = jiff::Timestamp::strptime("%Y%m%dT%H%M%S%#z", text.replace('Z', "+0000")) {
        return Ok(ts);
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return Ok(date.to_zoned(jiff::tz::TimeZone::UTC)?.timestamp());
    }
    bail!(
        "--creation-date '{text}' is not a date (use 2024-01-21, 2024-01-21T08:00:00Z or 20240121T080000Z)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("0").is_err() && parse_size("1X").is_err());
    }

    #[test]
    fn values_out_of_range_are_refused() {
        assert_eq!(parse_probability("0.95"), Ok(0.95));
        assert_eq!(parse_probability("1"), Ok(1.0));
        assert!(
            parse_probability("95")
                .unwrap_err()
                .contains("between 0 and 1")
        );
        assert!(parse_probability("-0.1").is_err() && parse_probability("NaN").is_err());
        assert_eq!(parse_positive_float("2.5"), Ok(2.5));
        assert!(parse_positive_float("0").is_err() && parse_positive_float("inf").is_err());
        assert_eq!(parse_positive("3"), Ok(3));
        assert_eq!(parse_count("0"), Ok(0));
        assert!(
            parse_count("-3")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert!(parse_positive("0").is_err() && parse_positive("-1").is_err());
        assert!(parse_flag_id("numbers-differ").is_ok());
        assert!(
            parse_flag_id("numbers")
                .unwrap_err()
                .contains("one of: empty-side")
        );
    }

    #[test]
    fn creation_dates_in_three_forms() {
        for given in ["2024-01-21", "2024-01-21T00:00:00Z", "20240121T000000Z"] {
            assert_eq!(creation_date(Some(given)).unwrap(), "20240121T000000Z");
        }
        assert!(creation_date(Some("yesterday")).is_err());
    }
}
