//! Dates and times as helpdesk exports write them, read into UTC seconds.
//!
//! Two forms are read without a format string, quickly: ISO 8601 as
//! Zendesk and Freshdesk write it (`2026-03-02 09:15`, `2026-03-02T09:15:00Z`,
//! `2026-03-02 09:15:00 +0100`) and Jira's (`05/Dec/26 9:30 AM`). A mapping
//! file may give any chrono format instead. A time without an offset is
//! read in the import's time zone, by the clock's rule for clock changes
//! (a skipped time is the instant the clocks jump, a repeated one its
//! first occurrence).

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

/// How the times of a file are written and in which zone.
#[derive(Debug, Clone)]
pub(crate) struct TimeReader {
    /// A chrono format string from a mapping file, replacing the two
    /// built-in forms.
    pub format: Option<String>,
    /// The zone of times written without an offset.
    pub zone: Tz,
}

impl TimeReader {
    /// Reads one time as Unix seconds, or says what was expected.
    pub fn read(&self, text: &str) -> Result<i64, String> {
        let text = text.trim();
        if let Some(format) = &self.format {
            if let Ok(t) = chrono::DateTime::parse_from_str(text, format) {
                return Ok(t.timestamp());
            }
            return match NaiveDateTime::parse_from_str(text, format) {
                Ok(local) => Ok(self.utc(local)),
                Err(_) => Err(format!(
                    "`{text}` is not a date in the mapping's format `{format}`"
                )),
            };
        }
        if let Some((local, offset)) = iso(text.as_bytes()) {
            return Ok(match offset {
                Some(seconds) => local.and_utc().timestamp() - seconds,
                None => self.utc(local),
            });
        }
        if let Some(local) = jira(text.as_bytes()) {
            return Ok(self.utc(local));
        }
        Err(format!(
            "`{text}` is not a date: expected `2026-03-02 09:15[:00][ +01:00]`, `2026-03-02T09:15:00Z` or Jira's `02/Mar/26 9:15 AM` (give `date_format` in a mapping file for another form)"
        ))
    }

    fn utc(&self, local: NaiveDateTime) -> i64 {
        if self.zone == Tz::UTC {
            return local.and_utc().timestamp();
        }
        crate::clock::utc_of_local(&self.zone, local.and_utc().timestamp())
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() {
        return None;
    }
    let mut n = 0u32;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(b - b'0');
    }
    Some(n)
}

/// `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][ ][Z|±HH[:]MM]`: the local time and
/// the offset east of UTC in seconds when one is written.
fn iso(b: &[u8]) -> Option<(NaiveDateTime, Option<i64>)> {
    if b.len() < 16 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b' ') {
        return None;
    }
    if b[13] != b':' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(digits(&b[0..4])?).ok()?,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )?;
    let (hour, minute) = (digits(&b[11..13])?, digits(&b[14..16])?);
    let mut rest = &b[16..];
    let mut second = 0;
    if rest.first() == Some(&b':') {
        second = digits(rest.get(1..3)?)?;
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            // Fractions of a second are dropped: tickets are timed to the second.
            rest = &rest[1 + n..];
        }
    }
    let time = date.and_hms_opt(hour, minute, second)?;
    if rest.first() == Some(&b' ') {
        rest = &rest[1..];
    }
    let offset = match rest {
        [] => None,
        [b'Z'] | b"UTC" => Some(0),
        [sign @ (b'+' | b'-'), tail @ ..] => {
            let (h, m) = match tail {
                [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => {
                    (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?)
                }
                [h1, h2] => (digits(&[*h1, *h2])?, 0),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = i64::from(h * 3600 + m * 60);
            Some(if *sign == b'-' { -seconds } else { seconds })
        }
        _ => return None,
    };
    Some((time, offset))
}

const MONTHS: [&[u8; 3]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];

/// Jira's `dd/MMM/yy h:mm a` (`05/Dec/26 9:30 AM`), also with a four-digit
/// year.
fn jira(b: &[u8]) -> Option<NaiveDateTime> {
    let mut parts = b.split(|&c| c == b' ');
    let date = parts.next()?;
    let clock = parts.next()?;
    let meridiem = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    let mut d = date.split(|&c| c == b'/');
    let day = digits(d.next()?)?;
    let month_name = d.next()?.to_ascii_lowercase();
    let year_text = d.next()?;
    if d.next().is_some() || month_name.len() != 3 {
        return None;
    }
    let month = MONTHS.iter().position(|m| m[..] == month_name[..])? as u32 + 1;
    let year = match year_text.len() {
        2 => 2000 + digits(year_text)?,
        4 => digits(year_text)?,
        _ => return None,
    };
    let (h, m) = {
        let mut c = clock.split(|&x| x == b':');
        let h = digits(c.next()?)?;
        let m = digits(c.next()?)?;
        if c.next().is_some() {
            return None;
        }
        (h, m)
    };
    if !(1..=12).contains(&h) {
        return None;
    }
    let hour = match meridiem.to_ascii_uppercase().as_slice() {
        b"AM" => h % 12,
        b"PM" => h % 12 + 12,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?.and_hms_opt(hour, m, 0)
}

/// Writes Unix seconds as Jira does (`05/Dec/26 9:30 AM`), in UTC.
pub(crate) fn jira_text(seconds: i64) -> String {
    let t = chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    t.format("%d/%b/%y %-I:%M %p").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Result<i64, String> {
        TimeReader {
            format: None,
            zone: Tz::UTC,
        }
        .read(text)
    }

    #[test]
    fn iso_forms_with_and_without_offsets() {
        let base = 1_772_442_900; // 2026-03-02T09:15:00Z
        assert_eq!(utc("2026-03-02 09:15"), Ok(base));
        assert_eq!(utc("2026-03-02T09:15:00Z"), Ok(base));
        assert_eq!(utc("2026-03-02 09:15:00.123 +01:00"), Ok(base - 3600));
        assert_eq!(utc("2026-03-02T09:15:00-0500"), Ok(base + 5 * 3600));
        assert!(utc("2026-02-30 09:15").is_err());
        assert!(utc("02/03/2026 09:15").unwrap_err().contains("not a date"));
    }

    #[test]
    fn jira_form_both_ways() {
        let t = utc("05/Dec/26 9:30 AM").unwrap();
        assert_eq!(jira_text(t), "05/Dec/26 9:30 AM");
        assert_eq!(utc("05/dec/2026 12:05 PM").unwrap() - t, 2 * 3600 + 35 * 60);
        assert_eq!(
            utc("05/Dec/26 12:00 AM").unwrap() - t,
            -(9 * 3600 + 30 * 60)
        );
    }

    #[test]
    fn local_times_follow_the_zone_and_a_mapping_format() {
        let paris = TimeReader {
            format: Some("%d/%m/%Y %H:%M".into()),
            zone: "Europe/Paris".parse().unwrap(),
        };
        assert_eq!(paris.read("02/03/2026 10:15"), Ok(1_772_442_900));
        // 02:30 does not exist in Paris on 2026-03-29: the clocks jump at
        // 01:00 UTC.
        assert_eq!(
            paris.read("29/03/2026 02:30"),
            Ok(chrono::DateTime::parse_from_rfc3339("2026-03-29T01:00:00Z")
                .unwrap()
                .timestamp())
        );
    }
}
