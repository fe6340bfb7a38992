//! Small wordings shared by pages: dates, durations, plurals.

/// A time (ms since the epoch) as YYYY-MM-DD: plain, and the same in every locale.
pub fn date(ms: f64) -> String {
    let iso: String = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
        .to_iso_string()
        .into();
    iso.get(..10).unwrap_or_default().to_owned()
}

/// A duration in words: "under a minute", "1 minute", "12 minutes".
pub fn minutes(ms: u64) -> String {
    match ms / 60_000 {
        0 => "under a minute".into(),
        1 => "1 minute".into(),
        n => format!("{n} minutes"),
    }
}

/// "s" unless there is exactly one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
