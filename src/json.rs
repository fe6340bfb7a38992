//! JSON through the browser's own parser and serializer (`JSON.parse`/`JSON.stringify` with
//! serde-wasm-bindgen), which keeps serde_json out of the player's bundle.

use serde::Serialize;
use wasm_bindgen::JsCast;

/// Reads JSON text into a value.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|error| {
        error
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| "not JSON".to_owned(), |e| String::from(e.message()))
    })?;
    serde_wasm_bindgen::from_value(value).map_err(|error| error.to_string())
}

/// Compact JSON with fields in declaration order and `None` as `null`, as serde_json writes.
/// A value that cannot be written is an error, never an empty string.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value
        .serialize(&serializer)
        .map_err(|error| error.to_string())?;
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .filter(|text| !text.is_empty())
        .ok_or_else(|| "the browser could not write it as text".to_owned())
}
