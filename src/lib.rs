//! PeerPath in the browser: a thin Yew app that drives `peerpath-engine`.
//!
//! Layout: `pages/` are the routed screens, `components/` their parts, `hooks/` the app's
//! hooks, `storage` the only code that touches browser storage, `catalog` the list of
//! modules fetched at start-up (and each module, fetched when a page needs it), and `reader`
//! the module reader worker for sites' own `.toml` files.

pub mod app;
pub mod catalog;
pub mod components;
pub mod download;
pub mod embed;
pub mod group_channel;
pub mod hooks;
pub mod i18n;
pub mod json;
pub mod lms;
pub mod offline;
pub mod pages;
pub mod reader;
pub mod route;
pub mod site;
pub mod storage;
pub mod text;

/// Mounts the app on the page's body, rendering `pages` ([`app::learner`] in the main
/// wasm, [`app::tools`] in the tools page's).
pub fn run(pages: fn(route::Route) -> yew::Html, page: app::Page) {
    std::panic::set_hook(Box::new(|_| show_crash_notice()));
    yew::Renderer::<app::App>::with_props(app::AppProps { pages, page }).render();
}

/// The app checks everything it reads, so a panic is a bug; if one happens anyway, the page
/// says so plainly instead of freezing. Saved progress is untouched: saving happens after
/// each step, never during a crash.
fn show_crash_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(note), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    note.set_class_name("notice notice-problem crash");
    let _ = note.set_attribute("role", "alert");
    // In the language the page was showing (`<html lang>` follows the interface).
    let lang = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|tag| i18n::Lang::from_tag(&tag))
        .unwrap_or(i18n::Lang::En);
    note.set_text_content(Some(lang.common().crash));
    let _ = body.prepend_with_node_1(&note);
}
