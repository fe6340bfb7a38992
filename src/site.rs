//! The site configuration (`site.toml` beside index.html), fetched at start-up: the title, a
//! logo, colours, the module list and the pages allowed to embed modules. A missing or broken
//! file falls back to the defaults, and the administrator is told what to fix.

use std::rc::Rc;

use peerpath_engine::site::{parse_site, SiteConfig};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the configuration lives, relative to the page.
pub const SITE_URL: &str = "site.toml";

/// The configuration in force, and what the administrator should know about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    pub config: SiteConfig,
    /// Problems with `site.toml`, each with its line and column; defaults stand in for them.
    pub notices: Vec<String>,
}

/// Reads `site.toml` from the fetched text (or the reason it could not be fetched).
pub fn site_from(fetched: Result<String, String>) -> Site {
    match fetched {
        Err(reason) => Site {
            config: SiteConfig::default(),
            notices: vec![format!(
                "No site configuration could be read ({reason}), so the default title, colours and modules are used. Put a {SITE_URL} beside index.html to change them."
            )],
        },
        Ok(text) => {
            let loaded = parse_site(&text);
            Site {
                config: loaded.config,
                notices: loaded
                    .diagnostics
                    .iter()
                    .map(|d| format!("{SITE_URL}, line {}, column {}: {}", d.line, d.column, d.message))
                    .collect(),
            }
        }
    }
}

/// Applies the configured colours as CSS custom properties (through the CSSOM, which a
/// strict Content-Security-Policy allows, unlike inline styles).
pub fn apply_branding(config: &SiteConfig) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    let colors = &config.colors;
    for (name, value) in [
        ("--pp-primary", colors.primary),
        ("--pp-bg", colors.background),
        ("--pp-surface", colors.surface),
        ("--pp-text", colors.text),
    ] {
        let _ = style.set_property(name, &value.css());
    }
    // The browser's own bar (and an installed app's title bar) in the site's colour.
    if let Some(meta) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name='theme-color']").ok().flatten())
    {
        let _ = meta.set_attribute("content", &colors.primary.css());
    }
}

/// The site as shared through context; compared by identity.
#[derive(Clone, Debug)]
pub struct SiteHandle(pub Rc<Site>);

impl PartialEq for SiteHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The site configuration from the nearest provider (the defaults until it is loaded).
#[hook]
pub fn use_site() -> Rc<Site> {
    use_context::<SiteHandle>()
        .map(|handle| handle.0)
        .unwrap_or_default()
}

/// The content of the page's `<meta name="{name}">`: how `peerpath build` and `peerpath
/// package` tell the page where its bundles are and what it is for.
pub fn page_meta(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name='{name}']"))
        .ok()??
        .get_attribute("content")
}

/// The folder this deployment is served from (`/`, `/training/peerpath/`): the part of the
/// page's path up to its last `/`. Storage keys and trainer channels are namespaced by it,
/// so two PeerPath sites under one origin never share progress or sessions.
pub fn deployment_scope() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    match path.rfind('/') {
        Some(end) => path.get(..=end).unwrap_or("/").to_owned(),
        None => "/".to_owned(),
    }
}
