//! The page's offline copy, as components see it: registers the service worker once the
//! catalog has loaded and the page has finished loading (so its downloads never compete
//! with the first scene), keeps what the build could not list, and offers updates.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::catalog::{use_catalog, Catalog};
use crate::i18n::use_lang;
use crate::offline::{Offline, Registration};
use crate::site::{page_meta, use_site};

/// What [`use_offline`] gives: where the offline copy stands, and the learner's "Update now".
#[derive(Clone, PartialEq)]
pub struct OfflineHandle {
    pub state: Offline,
    pub update: Callback<()>,
}

/// Registers the worker when `enabled` (the site's pages; never a package's launch page,
/// whose folder belongs to the learning platform).
#[hook]
pub fn use_offline(enabled: bool) -> OfflineHandle {
    let state = use_state(|| Offline::Unavailable);
    let registration = use_mut_ref(|| None::<Registration>);
    let catalog = use_catalog();
    let site = use_site();
    let lang = use_lang();
    let loaded = !matches!(*catalog, Catalog::Loading);
    {
        let state = state.clone();
        let registration = registration.clone();
        use_effect_with(enabled && loaded, move |ready| {
            if *ready {
                let keep = files_to_keep(&catalog, &site.config);
                let title = site.config.title.clone();
                let colour = site.config.colors.primary.css();
                let tag = lang.code();
                after_load(move || {
                    wasm_bindgen_futures::spawn_local(async move {
                        let changed: Rc<dyn Fn(Offline)> = Rc::new(move |next| state.set(next));
                        if let Some(registered) = Registration::register(changed).await {
                            registered.keep(&keep);
                            registered.describe_site(&title, &colour, tag);
                            *registration.borrow_mut() = Some(registered);
                        }
                    });
                });
            }
        });
    }
    let update = {
        let registration = registration.clone();
        Callback::from(move |()| {
            if let Some(registered) = registration.borrow().as_ref() {
                registered.apply_update();
            }
        })
    };
    OfflineHandle {
        state: *state,
        update,
    }
}

/// Runs `then` once the page's `load` event has fired (at once if it has).
fn after_load(then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let complete = window
        .document()
        .is_some_and(|document| document.ready_state() == "complete");
    if complete {
        then();
        return;
    }
    let then = RefCell::new(Some(then));
    let on_load = Closure::once_into_js(move || {
        if let Some(then) = then.borrow_mut().take() {
            then();
        }
    });
    let _ = window.add_event_listener_with_callback("load", on_load.unchecked_ref());
}

/// What the page fetched before the worker could see it and the build could not list: the
/// site's own modules with the module reader that checks them, its logo, and the LRS
/// reporter when the site sends xAPI.
fn files_to_keep(catalog: &Catalog, config: &peerpath_engine::site::SiteConfig) -> Vec<String> {
    let mut files = catalog.own_files();
    if !files.is_empty() {
        if let Ok(loader) = crate::reader::loader_url() {
            let base = loader.trim_end_matches("_loader.js").to_owned();
            files.extend([format!("{base}.js"), format!("{base}_bg.wasm"), loader]);
        }
    }
    if let Some(logo) = &config.logo {
        files.push(logo.clone());
    }
    if config.xapi.is_some() {
        if let Some(base) = page_meta("peerpath-lrs") {
            files.extend([
                format!("{base}.js"),
                format!("{base}_bg.wasm"),
                format!("{base}_start.js"),
            ]);
        }
    }
    files
}
