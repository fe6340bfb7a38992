//! Small wordings shared by pages: dates, durations, and sentences around words that stay in
//! English. Formatted in Rust, with no browser call that could throw on a strange value.

use yew::prelude::*;

use crate::i18n::Lang;

/// A time (ms since the epoch) as YYYY-MM-DD in UTC: plain, and the same in every locale.
/// A time that is not a real date says so instead, in `lang`.
pub fn date(lang: Lang, ms: f64) -> String {
    const DAY_MS: f64 = 86_400_000.0;
    // Beyond ±100 million days JavaScript has no dates either; stay well inside i64.
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return lang.common().unknown_date.to_owned();
    }
    // In range by the check above: |days| ≤ 10^8.
    #[allow(clippy::cast_possible_truncation)]
    let days = (ms / DAY_MS).floor() as i64;
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, exact for every day in range).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A duration in words, in `lang`: "under a minute", "1 minute", "12 minutes".
pub fn minutes(lang: Lang, ms: u64) -> String {
    (lang.tools().duration)(ms / 60_000)
}

/// A sentence from the tables with words in it that stay in English (the engine's, a module
/// reader's or a learning platform's own words): `sentence` is given a marker in their place,
/// and the words go there, marked `lang="en"` so screen readers read them with an English
/// voice.
pub fn with_english(sentence: impl Fn(&str) -> String, english: &str) -> Html {
    const MARK: &str = "\u{1}";
    let text = sentence(MARK);
    match text.split_once(MARK) {
        Some((before, after)) => html! {
            <>{ before.to_owned() }<span lang="en">{ english.to_owned() }</span>{ after.to_owned() }</>
        },
        None => html! { { text } },
    }
}
