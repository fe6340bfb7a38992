//! Times and durations in the formats the standards ask for, from milliseconds. Pure
//! arithmetic on UTC, so the browser and the tests agree to the character.

/// A duration as SCORM 1.2's CMITimespan, `HHHH:MM:SS.SS` (hours capped at 9999).
pub fn cmi_timespan(ms: u64) -> String {
    let centis = (ms / 10).min(9999 * 360_000 + 359_999);
    let (hours, rest) = (centis / 360_000, centis % 360_000);
    let (minutes, rest) = (rest / 6000, rest % 6000);
    let (seconds, centis) = (rest / 100, rest % 100);
    format!("{hours:04}:{minutes:02}:{seconds:02}.{centis:02}")
}

/// A duration as ISO 8601 (SCORM 2004's timeinterval, xAPI's duration), with at most two
/// decimals on the seconds: `PT1H2M3.45S`, `PT0S`.
pub fn iso_duration(ms: u64) -> String {
    let centis = ms / 10;
    let (hours, rest) = (centis / 360_000, centis % 360_000);
    let (minutes, rest) = (rest / 6000, rest % 6000);
    let (seconds, centis) = (rest / 100, rest % 100);
    let mut out = String::from("PT");
    if hours > 0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}M"));
    }
    if centis > 0 {
        let fraction = format!("{centis:02}");
        out.push_str(&format!("{seconds}.{}S", fraction.trim_end_matches('0')));
    } else if seconds > 0 || out.len() == 2 {
        out.push_str(&format!("{seconds}S"));
    }
    out
}

/// The civil date (year, month, day) of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // In range by construction: day 1..=31, month 1..=12.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (year, month as u32, day as u32)
}

/// Splits ms since the epoch into whole days and the centiseconds into that day.
fn split(epoch_ms: f64) -> (i64, u64) {
    // A browser clock: finite, and within a few centuries of 1970.
    #[allow(clippy::cast_possible_truncation)]
    let centis = (epoch_ms.max(0.0) / 10.0).floor() as i64;
    let (days, of_day) = (centis.div_euclid(8_640_000), centis.rem_euclid(8_640_000));
    #[allow(clippy::cast_sign_loss)]
    (days, of_day as u64)
}

/// A moment as an ISO 8601 UTC date-time with two decimals: `2026-12-02T14:03:07.12Z`
/// (SCORM 2004's timestamps; xAPI's take it too).
pub fn iso_timestamp(epoch_ms: f64) -> String {
    let (days, centis) = split(epoch_ms);
    let (year, month, day) = civil_from_days(days);
    let (hours, rest) = (centis / 360_000, centis % 360_000);
    let (minutes, rest) = (rest / 6000, rest % 6000);
    let (seconds, centis) = (rest / 100, rest % 100);
    format!("{year:04}-{month:02}-{day:02}T{hours:02}:{minutes:02}:{seconds:02}.{centis:02}Z")
}

/// A moment as SCORM 1.2's CMITime, the time of day in UTC: `14:03:07`.
pub fn cmi_time(epoch_ms: f64) -> String {
    let (_, centis) = split(epoch_ms);
    let seconds = centis / 100;
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}
