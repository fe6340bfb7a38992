//! PeerPath in the browser: a thin Yew app that drives `peerpath-engine`.
//!
//! Layout: `pages/` are the routed screens, `components/` their parts, `hooks/` the app's
//! hooks, `storage` the only code that touches browser storage, and `catalog` the list of
//! modules fetched at start-up.

pub mod app;
pub mod catalog;
pub mod components;
pub mod hooks;
pub mod pages;
pub mod route;
pub mod storage;

/// Mounts the app on the page's body.
pub fn run() {
    yew::Renderer::<app::App>::new().render();
}
