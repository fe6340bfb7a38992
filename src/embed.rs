//! Talking to the page that embeds a module in an iframe: the documented events out, one
//! documented request in, and the iframe's height so the parent can size it. This is the only
//! code that uses `postMessage`. See docs/embedding.md for the message shapes.

use peerpath_engine::{Event, Outcome, Rating};
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// An event for the parent page. Field names are the documented API: change them only with a
/// new `version`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum EmbedEvent {
    #[serde(rename = "peerpath:ready")]
    Ready { module: String },
    #[serde(rename = "peerpath:scene")]
    Scene {
        module: String,
        scene: String,
        step: usize,
    },
    #[serde(rename = "peerpath:decision")]
    Decision {
        module: String,
        /// Which decision of the attempt, counted from 1.
        step: usize,
        scene: String,
        choice: String,
        rating: Option<Rating>,
        competencies: Vec<String>,
    },
    #[serde(rename = "peerpath:completed")]
    Completed {
        module: String,
        ending: String,
        outcome: Outcome,
        /// The rating of each decision, in order.
        ratings: Vec<Option<Rating>>,
    },
    #[serde(rename = "peerpath:restarted")]
    Restarted { module: String },
    #[serde(rename = "peerpath:resize")]
    Resize { height: f64 },
}

impl EmbedEvent {
    /// The message for an engine event in `module`.
    pub fn from_event(module: &str, event: Event) -> EmbedEvent {
        let module = module.to_owned();
        match event {
            Event::SceneShown { scene, step } => EmbedEvent::Scene {
                module,
                scene,
                step,
            },
            Event::Decided {
                step,
                scene,
                choice,
                rating,
                competencies,
            } => EmbedEvent::Decision {
                module,
                step,
                scene,
                choice,
                rating,
                competencies,
            },
            Event::Completed {
                ending,
                outcome,
                ratings,
            } => EmbedEvent::Completed {
                module,
                ending,
                outcome,
                ratings,
            },
            Event::Restarted => EmbedEvent::Restarted { module },
        }
    }

    /// Whether any page may hear it: only that the module is ready and how tall it is.
    /// What the learner does goes only to a page the site allows by name.
    fn is_public(&self) -> bool {
        matches!(self, EmbedEvent::Ready { .. } | EmbedEvent::Resize { .. })
    }
}

/// Every message carries these, so a parent can tell ours from others'.
#[derive(Serialize)]
struct Envelope<'a> {
    source: &'static str,
    version: u32,
    #[serde(flatten)]
    event: &'a EmbedEvent,
}

/// The embedded page's side of the conversation.
pub struct EmbedBridge {
    /// Where messages go: the parent's origin when it is allowed, `*` when no origins are
    /// configured (then only `ready` and `resize` are sent), or nowhere.
    target: Option<String>,
    _inbound: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    _observer: Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>,
}

/// The origin of the page embedding this one, as the browser reports it.
fn parent_origin() -> Option<String> {
    let window = web_sys::window()?;
    // `location.ancestorOrigins` where the browser has it (web-sys does not bind it).
    let ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok();
    let first = ancestors
        .filter(|list| !list.is_undefined())
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|origin| origin.as_string());
    if let Some(first) = first {
        return Some(first.to_ascii_lowercase());
    }
    let referrer = window.document()?.referrer();
    let url = web_sys::Url::new(&referrer).ok()?;
    Some(url.origin().to_ascii_lowercase())
}

fn in_iframe() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.parent()
                .ok()
                .flatten()
                .map(|p| !js_sys::Object::is(&p, &w))
        })
        .unwrap_or(false)
}

fn document_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map_or(0.0, |e| f64::from(e.scroll_height()))
}

impl EmbedBridge {
    /// Opens the bridge for a page embedded by one of `allowed` (origins). Outside an iframe
    /// it does nothing. `on_identify` hears who the learner is, when an allowed page says
    /// (never when no origins are configured: any page could claim anyone).
    pub fn open(
        allowed: &[String],
        on_identify: yew::Callback<wasm_bindgen::JsValue>,
    ) -> EmbedBridge {
        if !in_iframe() {
            return EmbedBridge {
                target: None,
                _inbound: None,
                _observer: None,
            };
        }
        let target = if allowed.is_empty() {
            Some("*".to_owned())
        } else {
            parent_origin().filter(|origin| allowed.contains(origin))
        };
        let inbound = target.clone().map(|target| {
            let allowed = allowed.to_vec();
            let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |event: web_sys::MessageEvent| {
                    if let Some(actor) = identity(&event, &allowed) {
                        on_identify.emit(actor);
                    }
                    if is_size_request(&event, &allowed) {
                        post(
                            &target,
                            &EmbedEvent::Resize {
                                height: document_height(),
                            },
                        );
                    }
                },
            );
            if let Some(window) = web_sys::window() {
                let _ = window
                    .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
            }
            listener
        });
        let observer = target.clone().and_then(|target| {
            let callback = Closure::<dyn FnMut()>::new(move || {
                post(
                    &target,
                    &EmbedEvent::Resize {
                        height: document_height(),
                    },
                );
            });
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
            let body = web_sys::window()?.document()?.body()?;
            observer.observe(&body);
            Some((observer, callback))
        });
        EmbedBridge {
            target,
            _inbound: inbound,
            _observer: observer,
        }
    }

    /// Whether the learner's events reach the parent: only when the site lists the
    /// embedding page's origin in `allowed_parent_origins`.
    pub fn is_connected(&self) -> bool {
        self.target.as_deref().is_some_and(|target| target != "*")
    }

    /// Sends an event to the parent. With no origins configured, only `ready` and `resize`
    /// go (to any page); decisions and completions never go to a page not named.
    pub fn send(&self, event: &EmbedEvent) {
        match self.target.as_deref() {
            Some("*") if !event.is_public() => {}
            Some(target) => post(target, event),
            None => {}
        }
    }
}

impl Drop for EmbedBridge {
    fn drop(&mut self) {
        if let Some((observer, _)) = &self._observer {
            observer.disconnect();
        }
        if let (Some(listener), Some(window)) = (&self._inbound, web_sys::window()) {
            let _ = window
                .remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
        }
    }
}

/// `{ "type": "peerpath:identify", "actor": AGENT }` from the parent window, from an origin
/// the site lists by name: the learner, for the site's LRS, whose reporter checks that it is
/// an xAPI Agent (and ignores it otherwise). Anything else is ignored.
fn identity(event: &web_sys::MessageEvent, allowed: &[String]) -> Option<wasm_bindgen::JsValue> {
    let parent = web_sys::window()?.parent().ok()??;
    let source: wasm_bindgen::JsValue = event.source()?.into();
    let from_parent = js_sys::Object::is(&source, &parent);
    let origin_ok = allowed.contains(&event.origin().to_ascii_lowercase());
    if !from_parent || !origin_ok {
        return None;
    }
    let data = event.data();
    let kind = js_sys::Reflect::get(&data, &"type".into())
        .ok()?
        .as_string()?;
    if kind != "peerpath:identify" {
        return None;
    }
    js_sys::Reflect::get(&data, &"actor".into())
        .ok()
        .filter(wasm_bindgen::JsValue::is_object)
}

/// Only `{ "type": "peerpath:request-size" }` from the parent window, from an allowed origin
/// (any, when none are configured), is answered; everything else is ignored.
fn is_size_request(event: &web_sys::MessageEvent, allowed: &[String]) -> bool {
    let from_parent = match (
        event.source(),
        web_sys::window().and_then(|w| w.parent().ok().flatten()),
    ) {
        (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
        _ => false,
    };
    let origin_ok = allowed.is_empty() || allowed.contains(&event.origin().to_ascii_lowercase());
    let data = event.data();
    let shape_ok = data.is_object()
        && js_sys::Reflect::get(&data, &"type".into())
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == "peerpath:request-size")
        && js_sys::Object::keys(data.unchecked_ref::<js_sys::Object>()).length() == 1;
    from_parent && origin_ok && shape_ok
}

fn post(target: &str, event: &EmbedEvent) {
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return;
    };
    let envelope = Envelope {
        source: "peerpath",
        version: 1,
        event,
    };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    if let Ok(message) = envelope.serialize(&serializer) {
        let _ = parent.post_message(&message, target);
    }
}
