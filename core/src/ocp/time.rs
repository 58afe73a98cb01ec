//! UTC timestamps of the v1.0 envelope (`created_utc`, `assertion_time_utc`): formatting a
//! caller-supplied Unix time in milliseconds, and checking a given timestamp's form. No clock.

/// The last instant RFC 3339 can write (four-digit years): `9999-12-31T23:59:59.999Z`, in
/// milliseconds after the Unix epoch. [`utc_from_unix_ms`] of a later time has a longer year,
/// which [`is_rfc3339`] (and so an envelope parser) refuses.
pub const MAX_RFC3339_UNIX_MS: u64 = 253_402_300_799_999;

/// `ms` milliseconds after the Unix epoch as RFC 3339 UTC: `2026-05-19T12:00:05Z`, with
/// `.mmm` before the `Z` when `ms` is not a whole second.
pub fn utc_from_unix_ms(ms: u64) -> String {
    let (secs, millis) = (ms / 1000, ms % 1000);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days);
    let time = format!("{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60);
    if millis == 0 {
        format!("{year:04}-{month:02}-{day:02}T{time}Z")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{time}.{millis:03}Z")
    }
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `text` is an RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the
/// ISO 8601 profile the envelope uses) with every field in range.
pub fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = b.get(range)?;
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16), num(17..19))
    else {
        return false;
    };
    let separators = at(4, b'-') && at(7, b'-') && (at(10, b'T') || at(10, b't')) && at(13, b':') && at(16, b':');
    let in_range = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !(separators && in_range) {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        i += 1 + digits;
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len()
                && at(i + 3, b':')
                && num(i + 1..i + 3).is_some_and(|h| h < 24)
                && num(i + 4..i + 6).is_some_and(|m| m < 60)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(utc_from_unix_ms(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_from_unix_ms(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(utc_from_unix_ms(1_777_222_524_027), "2026-04-26T16:55:24.027Z");
        assert_eq!(utc_from_unix_ms(1_779_192_005_000), "2026-05-19T12:00:05Z");
        assert_eq!(utc_from_unix_ms(4_107_542_399_999), "2100-02-28T23:59:59.999Z");
        assert_eq!(utc_from_unix_ms(MAX_RFC3339_UNIX_MS), "9999-12-31T23:59:59.999Z");
        assert!(is_rfc3339(&utc_from_unix_ms(MAX_RFC3339_UNIX_MS)));
        assert!(!is_rfc3339(&utc_from_unix_ms(MAX_RFC3339_UNIX_MS + 1)), "year 10000 has five digits");
    }

    #[test]
    fn checks_the_form_and_the_ranges() {
        for good in ["2026-05-20T09:00:00Z", "2026-05-20T09:00:00.5+02:00", "2024-02-29T23:59:60z"] {
            assert!(is_rfc3339(good), "{good}");
        }
        for bad in [
            "",
            "2026-05-20",
            "2026-05-20 09:00:00Z",
            "2026-13-20T09:00:00Z",
            "2025-02-29T09:00:00Z",
            "2026-05-20T24:00:00Z",
            "2026-05-20T09:00:00",
            "2026-05-20T09:00:00.Z",
            "2026-05-20T09:00:00+0200",
            "2026-05-20T09:00:00Zx",
            "2026-05-20T09:00:00é",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
