//! Offline use: registers the service worker `peerpath build` writes (`sw.js`, beside the
//! page), tells it what else to keep, and watches for a new version.
//!
//! A service worker can be missing in three ways, and each leaves the site working online as
//! before: `navigator.serviceWorker` is absent (plain http outside localhost, some private
//! modes), `register()` rejects (a policy forbids workers, the host serves `sw.js` with the
//! wrong type), or it resolves to something that is not a registration (a test harness that
//! blocks workers). So the container is probed before use and every value is checked.
//!
//! The page never touches CacheStorage: it posts messages and the worker keeps files.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The worker's file, relative to the page: its scope is the page's folder.
const SCRIPT: &str = "./sw.js";

/// Where this page's offline copy stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offline {
    /// Not registered yet, or not possible here: the site works online only.
    Unavailable,
    /// Registered: after its first install, what this page needs is kept for offline use.
    Ready,
    /// A new version is downloaded and waits until the learner agrees to use it.
    UpdateWaiting,
    /// Another tab switched to a new version; this tab carries on with the one it loaded.
    UpdatedElsewhere,
}

/// The page's service worker container, when this browser offers one here.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let key = JsValue::from_str("serviceWorker");
    if !Reflect::has(&navigator, &key).unwrap_or(false) {
        return None;
    }
    Reflect::get(&navigator, &key).ok()?.dyn_into().ok()
}

/// The registration, once the worker is registered, with what watches it. Kept for the
/// page's lifetime by the component that registered it.
pub struct Registration {
    registration: ServiceWorkerRegistration,
    container: ServiceWorkerContainer,
    /// Set by [`Registration::apply_update`]: only the tab that asked reloads.
    asked: Rc<RefCell<bool>>,
    _listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Registration {
    /// Registers `sw.js` and calls `changed` whenever the state changes (at once with the
    /// first). Resolves to `None`, having called nothing, when there is no worker here.
    pub async fn register(changed: Rc<dyn Fn(Offline)>) -> Option<Registration> {
        let container = container()?;
        let value = JsFuture::from(container.register(SCRIPT)).await.ok()?;
        let registration: ServiceWorkerRegistration = value.dyn_into().ok()?;
        let asked = Rc::new(RefCell::new(false));
        let mut listeners = Vec::new();

        // A new worker has finished installing: an update when an older one runs this page.
        let watch: Rc<dyn Fn(ServiceWorker)> = {
            let container = container.clone();
            let changed = changed.clone();
            Rc::new(move |installing: ServiceWorker| {
                let watched = installing.clone();
                let container = container.clone();
                let changed = changed.clone();
                let on_state = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                    if watched.state() == ServiceWorkerState::Installed
                        && container.controller().is_some()
                    {
                        changed(Offline::UpdateWaiting);
                    }
                });
                installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                // Lives as long as the installing worker, which holds it.
                on_state.forget();
            })
        };
        let on_update_found = {
            let registration = registration.clone();
            let watch = watch.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Some(installing) = registration.installing() {
                    watch(installing);
                }
            })
        };
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        listeners.push(on_update_found);
        // One already installing when the page opened announced itself before we listened.
        if let Some(installing) = registration.installing() {
            watch(installing);
        }

        // A new worker took over: the tab that asked for it reloads into it; others say so.
        // The very first worker taking over a page that had none is no update.
        let on_controller_change = {
            let asked = asked.clone();
            let changed = changed.clone();
            let reloaded = Rc::new(RefCell::new(false));
            let controlled = Rc::new(RefCell::new(container.controller().is_some()));
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if !controlled.replace(true) {
                    return;
                }
                if *asked.borrow() {
                    if !reloaded.replace(true) {
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().reload();
                        }
                    }
                } else {
                    changed(Offline::UpdatedElsewhere);
                }
            })
        };
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        listeners.push(on_controller_change);

        // A tab left open for days (a trainer's) looks for a new version when it is shown.
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let registration = registration.clone();
            let on_visible = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let visible = web_sys::window()
                    .and_then(|w| w.document())
                    .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
                if visible {
                    if let Ok(promise) = registration.update() {
                        // A failed check (offline) is retried on the next one.
                        wasm_bindgen_futures::spawn_local(async move {
                            let _ = JsFuture::from(promise).await;
                        });
                    }
                }
            });
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                on_visible.as_ref().unchecked_ref(),
            );
            listeners.push(on_visible);
        }

        let waiting = registration.waiting().is_some() && container.controller().is_some();
        changed(if waiting {
            Offline::UpdateWaiting
        } else {
            Offline::Ready
        });
        Some(Registration {
            registration,
            container,
            asked,
            _listeners: listeners,
        })
    }

    /// The learner agreed: the waiting version takes over, and this tab reloads into it.
    pub fn apply_update(&self) {
        let Some(waiting) = self.registration.waiting() else {
            return;
        };
        *self.asked.borrow_mut() = true;
        let _ = waiting.post_message(&message("skip-waiting", &[]));
    }

    /// Asks the worker to keep these files (relative to the page) for offline use: the ones
    /// the page fetched before the worker ran it, which it could not see.
    pub fn keep(&self, urls: &[String]) {
        if urls.is_empty() {
            return;
        }
        let list: Array = urls.iter().map(|url| JsValue::from_str(url)).collect();
        self.post(&message("keep", &[("urls", list.into())]));
    }

    /// Gives the worker the site's name, colour and language for the install manifest.
    pub fn describe_site(&self, name: &str, theme_color: &str, lang: &str) {
        self.post(&message(
            "site",
            &[
                ("name", name.into()),
                ("short_name", name.into()),
                ("theme_color", theme_color.into()),
                ("lang", lang.into()),
            ],
        ));
    }

    /// Posts to the active worker (the one for this version), once there is one.
    fn post(&self, data: &JsValue) {
        let worker = self
            .registration
            .active()
            .or_else(|| self.container.controller());
        match worker {
            Some(worker) => {
                let _ = worker.post_message(data);
            }
            None => {
                // First install still running: post once it is active.
                let Ok(ready) = self.container.ready() else {
                    return;
                };
                let data = data.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let Ok(value) = JsFuture::from(ready).await else {
                        return;
                    };
                    let active = value
                        .dyn_into::<ServiceWorkerRegistration>()
                        .ok()
                        .and_then(|registration| registration.active());
                    if let Some(worker) = active {
                        let _ = worker.post_message(&data);
                    }
                });
            }
        }
    }
}

/// `{ type, ...fields }`.
fn message(kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &"type".into(), &kind.into());
    for (key, value) in fields {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}
