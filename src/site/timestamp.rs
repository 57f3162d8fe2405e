//! Dates and date-times written as text, as Hugo reads them.
//!
//! Hugo reads a front-matter date given as a string (YAML's timestamps
//! stay strings to it, and JSON has no dates) with spf13/cast, which tries
//! a list of layouts with Go's `time` parser. The layouts that start
//! with a date are
//!
//! ```text
//! 2006-01-02
//! 2006-01-02T15:04:05Z07:00          (RFC 3339)
//! 2006-01-02T15:04:05
//! 2006-01-02T15:04:05-0700
//! 2006-01-02 15:04:05
//! 2006-01-02 15:04:05Z0700
//! 2006-01-02 15:04:05Z07:00
//! 2006-01-02 15:04:05 -07:00
//! 2006-01-02 15:04:05 -0700
//! 2006-01-02 15:04:05.999999999 -0700 MST   (Go's Time.String())
//! ```
//!
//! and Go reads them strictly: the seconds are required, `T` and `Z` are
//! capitals, a zone has its minutes, a space stands before a zone only in
//! the forms that have one. An hour may have one digit, a fraction of a
//! second may follow the seconds in any of them (`.` or `,`), and a space
//! of the layout matches one or more. Anything else fails the build with
//! "the "date" front matter field is not a parsable date".

/// The year, month and day of `s` written `YYYY-MM-DD` (ten bytes, digits
/// where they go), whatever their values.
fn date_parts(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    Some((num(0..4), num(5..7), num(8..10)))
}

/// The days of month `m` of year `y`; `None` for no month.
fn days_in(y: u32, m: u32) -> Option<u32> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn is_date(s: &str) -> bool {
    date_parts(s).is_some_and(|(y, m, d)| days_in(y, m).is_some_and(|n| (1..=n).contains(&d)))
}

/// Why `s`, written `YYYY-MM-DD` (perhaps with a time after it), is no
/// day of the calendar: `there is no month 13`, `February 2025 has 28
/// days`; `None` for a real date or another form.
pub fn calendar_fault(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (y, m, d) = date_parts(s.get(..10)?)?;
    let Some(days) = days_in(y, m) else {
        return Some(format!("there is no month {m:02}"));
    };
    match d {
        0 => Some("there is no day 00".to_string()),
        d if d > days => Some(format!("{} {y} has {days} days", MONTHS[m as usize - 1])),
        _ => None,
    }
}

/// A date, or a date-time Hugo reads (see the module's documentation):
/// `2025-05-26`, `2025-05-26T08:30:00+02:00`, `2025-05-26 08:30:00`.
pub fn is_datetime(s: &str) -> bool {
    s.get(..10).is_some_and(is_date) && time_of_day(&s[10..])
}

/// Whether `rest`, what follows a date, is one of the time parts Hugo
/// reads: nothing, or a time (`T08:30:00`, ` 08:30:00.5`) then perhaps a
/// zone (`Z`, `+02:00`, `+0200`; after a space-separated time also
/// ` +02:00`, ` +0200` and Go's ` +0200 CEST`).
pub fn time_of_day(rest: &str) -> bool {
    let b = rest.as_bytes();
    let spaced = match b.first() {
        None => return true,
        Some(b'T') => false,
        Some(b' ') => true,
        Some(_) => return false,
    };
    let start = if spaced { after_spaces(b, 0) } else { 1 };
    let Some(end) = clock(b, start).filter(|c| c.seconds) else {
        return false;
    };
    let zone = &b[end.end..];
    if matches!(zone, [] | [b'Z']) || offset(zone, true) || offset(zone, false) {
        return true;
    }
    if !spaced || zone.first() != Some(&b' ') {
        return false;
    }
    let zone = &zone[after_spaces(zone, 0)..];
    if offset(zone, true) || offset(zone, false) {
        return true;
    }
    // `Time.String()`: `+0200 CEST`.
    zone.len() > 5
        && offset(&zone[..5], false)
        && zone[5] == b' '
        && zone_name(&zone[after_spaces(zone, 5)..])
}

/// A date or date-time Hugo does not read but whose meaning is plain,
/// written as it reads it (`2025-01-06 08:00` → `2025-01-06T08:00:00`,
/// ` 2025-01-06` → `2025-01-06`), with what had to change; `None` when
/// Hugo reads `written` as it is, or it is no date.
pub fn readable_form(written: &str) -> Option<(String, String)> {
    // Spaces around the value (inside its quotes) are no part of any form.
    let text = written.trim_matches(' ');
    let date = text.get(..10).filter(|d| is_date(d))?;
    let b = text.as_bytes();
    let mut changes = Vec::new();
    if text.len() != written.len() {
        changes.push("no spaces around it");
    }
    if time_of_day(&text[10..]) {
        return (!changes.is_empty()).then(|| (text.to_string(), changes.join(", ")));
    }
    let start = match b.get(10)? {
        b'T' => 11,
        b't' => {
            changes.push("a capital `T`");
            11
        }
        b' ' => after_spaces(b, 10),
        _ => return None,
    };
    let clock = clock(b, start)?;
    if !clock.seconds {
        changes.push("the seconds");
    }
    let mut i = after_spaces(b, clock.end);
    let spaced_zone = i > clock.end;
    let zone = match &b[i..] {
        [] => String::new(),
        [z @ (b'Z' | b'z')] => {
            if *z == b'z' {
                changes.push("a capital `Z`");
            }
            "Z".to_string()
        }
        [sign @ (b'+' | b'-'), ..] => {
            i += 1;
            let hours = two_digits(b, i).filter(|h| *h <= 23)?;
            i += 2;
            if b.get(i) == Some(&b':') {
                i += 1;
            }
            let minutes = match b.get(i..)? {
                [] => {
                    changes.push("the zone's minutes");
                    0
                }
                _ => two_digits(b, i).filter(|m| *m <= 59)?,
            };
            if i < b.len() && i + 2 != b.len() {
                return None;
            }
            format!("{}{hours:02}:{minutes:02}", char::from(*sign))
        }
        _ => return None,
    };
    if spaced_zone && (zone == "Z" || b[10] != b' ') {
        changes.push("no space before the zone");
    }
    if changes.is_empty() || changes == ["no spaces around it"] {
        // Go refuses it for a reason none of the above names: no plain
        // form to offer.
        return None;
    }
    let (h, m, s) = (clock.hour, clock.minute, clock.second);
    let fraction = &text[clock.fraction..clock.end];
    Some((
        format!("{date}T{h:02}:{m:02}:{s:02}{fraction}{zone}"),
        changes.join(", "),
    ))
}

/// A time of day read from `b` at `start`, the way Go reads `15:04:05`: an
/// hour of one or two digits (below 24), two-digit minutes and seconds
/// (below 60: Go refuses a leap second), then perhaps a fraction. The
/// seconds may be missing here; the caller says whether that is allowed.
struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    seconds: bool,
    /// Where the fraction of a second (`.` or `,` and its digits) starts;
    /// it goes on to `end`, where the clock ends.
    fraction: usize,
    end: usize,
}

fn clock(b: &[u8], start: usize) -> Option<Clock> {
    let digit = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_digit())
            .map(|c| u32::from(c - b'0'))
    };
    let mut i = start;
    let mut hour = digit(i)?;
    i += 1;
    if let Some(d) = digit(i) {
        hour = hour * 10 + d;
        i += 1;
    }
    if hour > 23 || b.get(i) != Some(&b':') {
        return None;
    }
    let minute = two_digits(b, i + 1).filter(|m| *m <= 59)?;
    i += 3;
    let (second, seconds) = if b.get(i) == Some(&b':') {
        let s = two_digits(b, i + 1).filter(|s| *s <= 59)?;
        i += 3;
        (s, true)
    } else {
        (0, false)
    };
    let from = i;
    if seconds && matches!(b.get(i), Some(b'.' | b',')) && digit(i + 1).is_some() {
        i += 1;
        while digit(i).is_some() {
            i += 1;
        }
    }
    Some(Clock {
        hour,
        minute,
        second,
        seconds,
        fraction: from,
        end: i,
    })
}

/// Two ASCII digits at `i`, as a number.
fn two_digits(b: &[u8], i: usize) -> Option<u32> {
    match b.get(i..i + 2)? {
        [x @ b'0'..=b'9', y @ b'0'..=b'9'] => Some(u32::from(x - b'0') * 10 + u32::from(y - b'0')),
        _ => None,
    }
}

/// A numeric zone, the whole of `z`: `+02:00` (with `colon`) or `+0200`.
/// Go allows an hour up to 24 and minutes up to 60.
fn offset(z: &[u8], colon: bool) -> bool {
    let minutes_at = match (z.len(), colon) {
        (6, true) if z[3] == b':' => 4,
        (5, false) => 3,
        _ => return false,
    };
    matches!(z[0], b'+' | b'-')
        && two_digits(z, 1).is_some_and(|h| h <= 24)
        && two_digits(z, minutes_at).is_some_and(|m| m <= 60)
}

/// A zone's name as Go's `parseTimeZone` takes it, the whole of `z`: `UTC`
/// (and nothing after it), three capitals (`CET`), four or five ending in
/// `T` (`CEST`), `WITA`, `ChST`, `MeST`, or a signed hour alone or after
/// `GMT` (`+03`, `GMT+3`); never under three bytes.
fn zone_name(z: &[u8]) -> bool {
    if z.len() < 3 {
        return false;
    }
    if z.starts_with(b"UTC") {
        return z.len() == 3;
    }
    let signed = |s: &[u8]| match s {
        [b'+' | b'-', digits @ ..]
            if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) =>
        {
            digits
                .iter()
                .try_fold(0u32, |n, &c| {
                    n.checked_mul(10)?.checked_add(u32::from(c - b'0'))
                })
                .is_some_and(|n| n <= 23)
        }
        _ => false,
    };
    let capitals = z.iter().all(u8::is_ascii_uppercase);
    match z {
        b"ChST" | b"MeST" | b"GMT" => true,
        [b'G', b'M', b'T', rest @ ..] => signed(rest),
        [b'+' | b'-', ..] => signed(z),
        _ if capitals => match z.len() {
            3 => true,
            4 => z[3] == b'T' || z == b"WITA",
            5 => z[4] == b'T',
            _ => false,
        },
        _ => false,
    }
}

/// The index after the spaces at `i` (Go's layouts match one or more).
fn after_spaces(b: &[u8], i: usize) -> usize {
    i + b[i.min(b.len())..]
        .iter()
        .take_while(|&&c| c == b' ')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2025-13-01"));
        assert!(!is_date("2025-1-01"));
        assert!(!is_date("２０２５-01-01"));
        assert!(!is_date("2025-01-0é"));
    }

    #[test]
    fn what_makes_a_date_no_day_of_the_calendar() {
        let fault = |s: &str| calendar_fault(s);
        assert_eq!(
            fault("2025-02-30").as_deref(),
            Some("February 2025 has 28 days")
        );
        assert_eq!(
            fault("2024-02-30").as_deref(),
            Some("February 2024 has 29 days")
        );
        assert_eq!(
            fault("2025-04-31T10:00:00Z").as_deref(),
            Some("April 2025 has 30 days")
        );
        assert_eq!(fault("2025-13-01").as_deref(), Some("there is no month 13"));
        assert_eq!(fault("2025-00-10").as_deref(), Some("there is no month 00"));
        assert_eq!(fault("2025-01-00").as_deref(), Some("there is no day 00"));
        for fine in ["2025-02-28", "2025-2-30", "30/02/2025", "2025-02-3é", ""] {
            assert_eq!(fault(fine), None, "{fine}");
        }
    }

    /// Each of cast's layouts that starts with a date, and what Go's
    /// `time.Parse` refuses in them.
    #[test]
    fn the_date_times_hugo_reads() {
        for ok in [
            "2025-05-26",
            "2025-05-26T08:30:00+02:00",
            "2025-05-26T08:30:00Z",
            "2025-05-26T08:30:00",
            "2025-05-26T08:30:00-0500",
            "2025-05-26 08:30:00",
            "2025-05-26 08:30:00Z",
            "2025-05-26 08:30:00+0200",
            "2025-05-26 08:30:00+02:00",
            "2025-05-26 08:30:00 -05:00",
            "2025-05-26 08:30:00 -0500",
            "2025-05-26 08:30:00.123456789 +0200 CEST",
            "2025-05-26 08:30:00 +0000 UTC",
            "2025-05-26 08:30:00 +0300 +03",
            "2025-05-26 08:30:00 +0800 WITA",
            "2025-05-26 08:30:00 +0300 GMT+3",
            "2025-05-26   08:30:00",
            // A fraction after the seconds, in any layout; a one-digit hour.
            "2025-05-26T08:30:00.5Z",
            "2025-05-26T08:30:00,5",
            "2025-05-26T8:30:00",
            // Go's bounds on a zone: up to 24 hours and 60 minutes.
            "2025-05-26T08:30:00+24:00",
        ] {
            assert!(is_datetime(ok), "{ok}");
        }
        for bad in [
            "2025-13-45",
            "2025-05-26T08:30",
            "2025-05-26 08:30",
            "2025-05-26t08:30:00",
            "2025-05-26T08:30:00z",
            "2025-05-26T08:30:00 +02:00",
            "2025-05-26T08:30:00+02",
            "2025-05-26T08:30:60",
            "2025-05-26T24:00:00",
            "2025-05-26T08:60:00",
            "2025-05-26T08:30:00+25:00",
            "2025-05-26T08",
            "2025-05-26 08:30:00 Z",
            "2025-05-26 08:30:00 +0200 cest",
            "2025-05-26 08:30:00 +0200 CESTX",
            // Go takes `UTC` first, refuses a name under three bytes, and
            // of the four capitals not ending in `T` knows `WITA` only.
            "2025-05-26 08:30:00 +0200 UTCT",
            "2025-05-26 08:30:00 +0200 +3",
            "2025-05-26 08:30:00 +0200 WITB",
            " 2025-05-26",
            "2025-05-26T08:30:00.",
            "2025-05-26xyz",
            "2025-05-26 ",
            "2026-09-01T10:30:00+00:00[UTC]",
        ] {
            assert!(!is_datetime(bad), "{bad}");
        }
    }

    #[test]
    fn a_date_time_hugo_refuses_is_written_as_it_reads_it() {
        let form = |t: &str| readable_form(t);
        let cases = [
            ("2025-01-06T08:00", "2025-01-06T08:00:00", "the seconds"),
            ("2018-03-01 23:00", "2018-03-01T23:00:00", "the seconds"),
            (
                "2025-01-06t08:00:00z",
                "2025-01-06T08:00:00Z",
                "a capital `T`, a capital `Z`",
            ),
            (
                "2025-01-06T08:00:00 +01:00",
                "2025-01-06T08:00:00+01:00",
                "no space before the zone",
            ),
            (
                "2025-01-06T08:00:00+01",
                "2025-01-06T08:00:00+01:00",
                "the zone's minutes",
            ),
            (
                "2025-01-06T8:05+0130",
                "2025-01-06T08:05:00+01:30",
                "the seconds",
            ),
            (
                "2025-01-06 08:00 +01:00",
                "2025-01-06T08:00:00+01:00",
                "the seconds",
            ),
            (" 2025-01-06 ", "2025-01-06", "no spaces around it"),
            (
                "2025-01-06 08:00 ",
                "2025-01-06T08:00:00",
                "no spaces around it, the seconds",
            ),
            (
                " 2025-01-06 08:00",
                "2025-01-06T08:00:00",
                "no spaces around it, the seconds",
            ),
        ];
        for (text, written, changed) in cases {
            assert!(!is_datetime(text), "{text}");
            assert_eq!(
                form(text),
                Some((written.to_string(), changed.to_string())),
                "{text}"
            );
            assert!(is_datetime(written), "{written}");
        }
        // Read as written, or no plain meaning: nothing to offer.
        for text in [
            "2025-01-06",
            "2025-01-06T08:00:00Z",
            "2025-01-06T25:00",
            "2025-01-06T08:00:60",
            "2025-01-06 lundi",
            "2025-01-06T08:00:00+01:00 CET",
            " 2025-01-06T25:00:00 ",
            "06/01/2025 08:00",
        ] {
            assert_eq!(form(text), None, "{text}");
        }
    }
}
