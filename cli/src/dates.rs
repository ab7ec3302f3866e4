//! Calendar dates and minute timestamps as plain integers (days and minutes since 1970-01-01),
//! parsed from ISO 8601 text. Enough for the CLI's inputs without a date-time dependency.

/// Days since 1970-01-01 of `YYYY-MM-DD`; `None` if malformed or not a real date.
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    // ASCII only, so the byte offsets below are character boundaries.
    if !s.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Minutes since 1970-01-01T00:00 of `YYYY-MM-DDTHH:MM` (optionally `:SS`, ignored; a space may
/// replace the `T`).
pub(crate) fn parse_timestamp(s: &str) -> Option<i64> {
    if !s.is_ascii()
        || s.len() < 16
        || !matches!(s.as_bytes()[10], b'T' | b' ')
        || s.as_bytes()[13] != b':'
    {
        return None;
    }
    let day = parse_date(&s[..10])?;
    let h: i64 = s[11..13].parse().ok()?;
    let min: i64 = s[14..16].parse().ok()?;
    let rest = &s[16..];
    let seconds_ok = rest.is_empty()
        || (rest.len() == 3
            && rest.starts_with(':')
            && rest[1..].parse::<u8>().is_ok_and(|x| x < 60));
    if h > 23 || min > 59 || !seconds_ok {
        return None;
    }
    Some(day * 1440 + h * 60 + min)
}

/// `YYYY-MM-DD` of a day number.
pub(crate) fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDTHH:MM` of a minute number.
pub(crate) fn format_timestamp(minutes: i64) -> String {
    let (day, m) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    format!("{}T{:02}:{:02}", format_date(day), m / 60, m % 60)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2000-03-01"), Some(11_017));
        assert_eq!(parse_date("2026-11-21"), Some(20_778));
        assert_eq!(format_date(20_778), "2026-11-21");
        for d in [-800_000, -1, 0, 59, 60, 11_016, 20_778, 2_000_000] {
            assert_eq!(parse_date(&format_date(d)), Some(d), "{d}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "2026-13-01",
            "2026-02-30",
            "2025-02-29",
            "26-11-21",
            "2026/11/21",
            "",
            "2026-1-01",
            "202é-11-2",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(
            parse_date("2024-02-29").map(format_date).as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn timestamps() {
        assert_eq!(parse_timestamp("1970-01-02T01:30"), Some(1440 + 90));
        assert_eq!(parse_timestamp("1970-01-02 01:30:59"), Some(1440 + 90));
        for s in [
            "2024-01-01T10:0é",
            "1970-01-02T24:00",
            "1970-01-02T01:60",
            "1970-01-02",
            "1970-01-02T01:30:75",
            "1970-01-02X01:30",
        ] {
            assert_eq!(parse_timestamp(s), None, "{s}");
        }
    }
}
