use yew::prelude::*;

/// Sets the document's title, so each page is named in tabs, history and screen readers.
#[hook]
pub fn use_title(title: String) {
    use_effect_with(title, |title| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{title} · PeerPath"));
        }
    });
}
