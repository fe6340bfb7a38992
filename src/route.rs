//! The app's addresses. Hash routing (`#/module/…`) so deep links work on any static server
//! without rewrite rules.

use yew_router::prelude::*;

#[derive(Routable, Clone, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Catalog,
    #[at("/module/:id")]
    Intro { id: String },
    #[at("/play/:id")]
    Play { id: String },
    #[at("/trainer/:id")]
    Trainer { id: String },
    #[at("/audience/:id")]
    Audience { id: String },
    #[at("/embed/:id")]
    Embed { id: String },
    #[at("/share/:id")]
    Share { id: String },
    #[at("/preview")]
    Preview,
    #[at("/progress")]
    Progress,
    #[at("/summary/:id")]
    Summary { id: String },
    /// The map of a finished play-through (`?attempt=<id>`; the latest without it).
    #[at("/path/:id")]
    Path { id: String },
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

/// A parameter of the address's query, after the route (`#/path/x?attempt=a` gives `a` for
/// `attempt`): options a link sets for one page, never saved.
pub fn address_query(name: &str) -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let query = hash.split_once('?')?.1;
    web_sys::UrlSearchParams::new_with_str(query)
        .ok()?
        .get(name)
}
