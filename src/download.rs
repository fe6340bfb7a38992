//! Handing a file to the learner: the browser's download of text the app made.

use wasm_bindgen::JsCast;

/// Offers `text` as a file called `filename`. Nothing leaves the device.
pub fn offer(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let failed = |what: &str| format!("the browser would not {what}");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| failed("open the page's document"))?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| failed("make the file"))?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed("make the file"))?;
    let link = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| failed("start the download"))?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Exports every module's progress as a download; an error instead of an empty file.
pub fn export_progress(book: &peerpath_engine::ProgressBook) -> Result<(), String> {
    let text = crate::storage::export_text(book, js_sys::Date::now())?;
    offer(
        &format!(
            "peerpath-progress-{}.json",
            crate::text::date(js_sys::Date::now())
        ),
        "application/json",
        &text,
    )
}
