//! Subtitles: SubRip (`.srt`) and WebVTT (`.vtt`, W3C). Each cue is a
//! paragraph, its lines joined, and keeps its time on screen
//! ([`CodedParagraph::time`]): cues of a film and its translation that are
//! on screen together are likely translations of each other, which the
//! aligner counts as evidence. Italic, bold and underline tags become
//! inline codes; other markup (WebVTT voices and classes, SubRip font
//! tags, ASS positioning like `{\an8}`) is left out. A timecode that does
//! not read is an error naming its line.

use crate::codes::{CodeKind, CodedParagraph, OpenCode, ParagraphBuilder};
use crate::formats::FormatError;

/// Whether a text starts as a subtitle file: `WEBVTT`, or a SubRip cue (a
/// number, then a timing line).
pub fn looks_like_subtitles(text: &str) -> Option<SubtitleKind> {
    let text = text.trim_start_matches('\u{FEFF}');
    if text.starts_with("WEBVTT") {
        return Some(SubtitleKind::WebVtt);
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let number = lines.next()?;
    let timing = lines.next()?;
    (number.chars().all(|c| c.is_ascii_digit()) && timing.contains("-->"))
        .then_some(SubtitleKind::SubRip)
}

/// The two subtitle formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubtitleKind {
    /// SubRip: `00:00:01,500 --> 00:00:04,000`.
    SubRip,
    /// WebVTT: `00:01.500 --> 00:04.000`, hours optional.
    WebVtt,
}

/// A timestamp in seconds: `hh:mm:ss,mmm` (SubRip), `hh:mm:ss.mmm` or
/// `mm:ss.mmm` (WebVTT).
fn seconds(stamp: &str) -> Option<f64> {
    let stamp = stamp.trim().replace(',', ".");
    let parts: Vec<&str> = stamp.split(':').collect();
    let (h, m, s) = match parts.as_slice() {
        [h, m, s] => (*h, *m, *s),
        [m, s] => ("0", *m, *s),
        _ => return None,
    };
    let whole = |t: &str| {
        (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse::<f64>().ok())
            .flatten()
    };
    let (secs, fraction) = s.split_once('.').unwrap_or((s, ""));
    let fraction = match fraction {
        "" => 0.0,
        digits => whole(digits)? / 10f64.powi(digits.len().min(9) as i32),
    };
    let (h, m, secs) = (whole(h)?, whole(m)?, whole(secs)?);
    (m < 60.0 && secs < 60.0).then_some(h * 3600.0 + m * 60.0 + secs + fraction)
}

/// A timing line's start and end, in seconds (WebVTT's cue settings after
/// the end ignored).
fn timing(line: &str) -> Option<(f64, f64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    let (start, end) = (seconds(start)?, seconds(end)?);
    (end >= start).then_some((start, end))
}

/// The cues of a subtitle file, each a paragraph with its time.
pub fn subtitle_paragraphs(
    text: &str,
    kind: SubtitleKind,
) -> Result<Vec<CodedParagraph>, FormatError> {
    let text = text.trim_start_matches('\u{FEFF}');
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut k = 0;
    if kind == SubtitleKind::WebVtt {
        // The header block.
        while k < lines.len() && !lines[k].trim().is_empty() {
            k += 1;
        }
    }
    while k < lines.len() {
        // One block: up to the next blank line.
        while k < lines.len() && lines[k].trim().is_empty() {
            k += 1;
        }
        let start = k;
        while k < lines.len() && !lines[k].trim().is_empty() {
            k += 1;
        }
        let block = &lines[start..k];
        if block.is_empty() {
            break;
        }
        let first = block[0].trim();
        if kind == SubtitleKind::WebVtt
            && (first.starts_with("NOTE") || first == "STYLE" || first == "REGION")
        {
            continue;
        }
        // The timing line: the first (or, after an identifier, the second).
        let Some(at) = block.iter().take(2).position(|l| l.contains("-->")) else {
            // The line meant as the timing line: the one that looks like one.
            let meant = block
                .iter()
                .take(2)
                .position(|l| l.contains("->") || l.contains(':') && l.contains(char::is_numeric))
                .unwrap_or(0);
            return Err(FormatError::Subtitle {
                line: start + meant + 1,
                problem: format!(
                    "`{}` is where a cue's timing line (start --> end) should be",
                    block[meant].trim()
                ),
            });
        };
        let Some(time) = timing(block[at]) else {
            let line = block[at].trim();
            let backwards = line
                .split_once("-->")
                .and_then(|(a, b)| Some((seconds(a)?, seconds(b.split_whitespace().next()?)?)))
                .is_some_and(|(a, b)| b < a);
            return Err(FormatError::Subtitle {
                line: start + at + 1,
                problem: match backwards {
                    true => format!("`{line}` ends before it starts"),
                    false => format!("`{line}` is not a timing line (start --> end)"),
                },
            });
        };
        let mut cue = ParagraphBuilder::collapsing();
        for line in &block[at + 1..] {
            cue_text(&mut cue, line);
            cue.soft_space();
        }
        let mut paragraph = cue.finish();
        if !paragraph.text.is_empty() {
            paragraph.time = Some(time);
            paragraph.origin = Some(format!("cue {}", out.len() + 1));
            out.push(paragraph);
        }
    }
    Ok(out)
}

/// One line of a cue's text, its markup read: `<i>`, `<b>`, `<u>` as
/// codes, any other tag and `{…}` overrides left out, entities decoded.
fn cue_text(cue: &mut ParagraphBuilder, line: &str) {
    let mut open: Vec<(String, OpenCode)> = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<')
            && let Some(end) = after.find('>')
        {
            let tag = &after[..end];
            let name = tag
                .trim_start_matches('/')
                .split(['.', ' '])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let kind = match name.as_str() {
                "i" => Some(CodeKind::Italic),
                "b" => Some(CodeKind::Bold),
                "u" => Some(CodeKind::Underline),
                _ => None,
            };
            if let Some(kind) = kind {
                if tag.starts_with('/') {
                    if let Some(k) = open.iter().rposition(|(n, _)| *n == name) {
                        cue.close(open.remove(k).1);
                    }
                } else {
                    let code = cue.open(kind, &format!("<{tag}>"), &format!("</{name}>"));
                    open.push((name, code));
                }
            }
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('{')
            && after.starts_with('\\')
            && let Some(end) = after.find('}')
        {
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('&')
            && let Some(end) = after.find(';').filter(|&e| e <= 6)
        {
            let entity = match &after[..end] {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "nbsp" => "\u{A0}",
                "lrm" => "\u{200E}",
                "rlm" => "\u{200F}",
                _ => "",
            };
            if entity.is_empty() {
                cue.push_str("&");
                rest = after;
            } else {
                cue.push_str(entity);
                rest = &after[end + 1..];
            }
        } else {
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let next = rest[first..]
                .find(['<', '{', '&'])
                .map_or(rest.len(), |p| p + first);
            cue.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    for (_, code) in open {
        cue.close(code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_in_both_formats() {
        assert_eq!(seconds("00:01:02,500"), Some(62.5));
        assert_eq!(seconds("01:02.25"), Some(62.25));
        assert_eq!(seconds("1:00:00.000"), Some(3600.0));
        assert_eq!(seconds("00:61:00,000"), None);
        assert_eq!(seconds("00:0x:00,000"), None);
        assert_eq!(
            timing("00:00:01,000 --> 00:00:04,000 X1:40"),
            Some((1.0, 4.0))
        );
        assert_eq!(timing("00:00:05,000 --> 00:00:04,000"), None);
    }

    #[test]
    fn cues_are_paragraphs_with_their_time() {
        let srt = "1\n00:00:01,000 --> 00:00:03,500\n{\\an8}<i>Where are</i>\nyou going?\n\n\
                   2\n00:00:04,000 --> 00:00:06,000\n<font color=\"red\">Home.</font> Tom &amp; me.\n";
        assert_eq!(looks_like_subtitles(srt), Some(SubtitleKind::SubRip));
        let cues = subtitle_paragraphs(srt, SubtitleKind::SubRip).unwrap();
        let texts: Vec<&str> = cues.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Where are you going?", "Home. Tom & me."]);
        assert_eq!(cues[0].time, Some((1.0, 3.5)));
        assert_eq!(cues[0].codes.len(), 1);
        assert_eq!(cues[1].time, Some((4.0, 6.0)));

        // Lines that start with a letter outside ASCII.
        let srt = "1\n00:00:01,000 --> 00:00:03,500\nÜber alles.\nПривет, <i>Анна</i>!\n\n2\n00:00:04,000 --> 00:00:05,000\n你好。\n";
        let cues = subtitle_paragraphs(srt, SubtitleKind::SubRip).unwrap();
        let texts: Vec<&str> = cues.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Über alles. Привет, Анна!", "你好。"]);

        let vtt = "WEBVTT - a film\n\nNOTE a comment\nover lines\n\nintro\n00:01.000 --> 00:03.500 align:start\n<v Anna>Where are you going?\n\n00:04.000 --> 00:06.000\nHome.\n";
        assert_eq!(looks_like_subtitles(vtt), Some(SubtitleKind::WebVtt));
        let cues = subtitle_paragraphs(vtt, SubtitleKind::WebVtt).unwrap();
        let texts: Vec<&str> = cues.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Where are you going?", "Home."]);
        assert_eq!(cues[1].time, Some((4.0, 6.0)));
    }

    #[test]
    fn a_timing_line_that_does_not_read_says_why() {
        let vtt = "WEBVTT\n\nScene 2\n00:01.000 -> 00:02.000\nHello.\n";
        let error = subtitle_paragraphs(vtt, SubtitleKind::WebVtt).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 4: `00:01.000 -> 00:02.000` is where a cue's timing line (start --> end) should be"
        );
        let srt = "1\n00:00:05,000 --> 00:00:04,000\nHello.\n";
        let error = subtitle_paragraphs(srt, SubtitleKind::SubRip).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 2: `00:00:05,000 --> 00:00:04,000` ends before it starts"
        );
    }

    #[test]
    fn a_broken_timecode_names_its_line() {
        let srt = "1\n00:00:01,000 --> 00:00:03,500\nFine.\n\n2\n00:00:0x,000 --> 00:00:06,000\nBroken.\n";
        assert_eq!(
            subtitle_paragraphs(srt, SubtitleKind::SubRip),
            Err(FormatError::Subtitle {
                line: 6,
                problem: "`00:00:0x,000 --> 00:00:06,000` is not a timing line (start --> end)"
                    .into()
            })
        );
    }
}
