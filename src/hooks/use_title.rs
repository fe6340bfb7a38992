use yew::prelude::*;

use crate::site::use_site;

/// Sets the document's title, so each page is named in tabs, history and screen readers.
#[hook]
pub fn use_title(title: String) {
    let site = use_site().config.title.clone();
    use_effect_with((title, site), |(title, site)| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{title} · {site}"));
        }
    });
}
