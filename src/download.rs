//! Handing a file to the learner: the browser's download of text the app made.

use wasm_bindgen::JsCast;

use crate::i18n::Lang;

/// What the browser would not do for a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// There was no document to put the link in.
    Document,
    /// The file could not be made.
    File,
    /// The download could not be started.
    Download,
}

impl Refusal {
    /// The refusal in `lang`, as the end of a sentence.
    pub fn describe(self, lang: Lang) -> &'static str {
        let s = lang.common();
        match self {
            Refusal::Document => s.browser_no_document,
            Refusal::File => s.browser_no_file,
            Refusal::Download => s.browser_no_download,
        }
    }
}

/// Offers `text` as a file called `filename`. Nothing leaves the device.
pub fn offer(filename: &str, mime: &str, text: &str) -> Result<(), Refusal> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Refusal::Document)?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| Refusal::File)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Refusal::File)?;
    let link = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(Refusal::Download)?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Exports every module's progress as a download; an error instead of an empty file, in
/// `lang` when the browser refused (a problem with the progress itself is a detail in
/// English, from `storage::export_text`).
pub fn export_progress_in(book: &peerpath_engine::ProgressBook, lang: Lang) -> Result<(), String> {
    let text = crate::storage::export_text(book, js_sys::Date::now())?;
    offer(
        &format!(
            "peerpath-progress-{}.json",
            crate::text::date(Lang::En, js_sys::Date::now())
        ),
        "application/json",
        &text,
    )
    .map_err(|refusal| refusal.describe(lang).to_owned())
}
