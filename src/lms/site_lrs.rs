//! The site's own LRS (`[xapi]` in `site.toml`), in a wasm of its own.
//!
//! Building and sending xAPI statements takes about 25 KB (brotli) of code that most sites,
//! which name no LRS, never use. So the learner's page carries only what hands each step
//! over ([`SiteLrs`]); the statements are built and sent by the `peerpath-xapi` bundle
//! (`src/bin/xapi.rs`, [`install`]), which the page loads only when `site.toml` has `[xapi]`.
//! The two talk through one global object, `window.peerpathLrs`, with two calls:
//! `open(config)` and `step(step, actor)`; the bundle fires `peerpath-lrs-ready` on the
//! window when it is installed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use peerpath_engine::report::xapi::{is_agent, Subject, XapiReport};
use peerpath_engine::{Event, Outcome};
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::lms::xapi::{Lrs, Sender};
use crate::storage::Store;

/// The global the bundle installs.
const GLOBAL: &str = "peerpathLrs";
/// The event the bundle fires once installed.
const READY: &str = "peerpath-lrs-ready";

/// Where the bundle sends, and who an anonymous learner is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LrsConfig {
    /// The LRS's xAPI base.
    pub endpoint: String,
    /// `Basic …`.
    pub authorization: String,
    /// The site's address: the anonymous learner's account `homePage`.
    pub home_page: String,
}

/// One step of play, as the page hands it over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LrsStep {
    /// The module's id.
    pub module: String,
    /// The module's title.
    pub title: String,
    /// The module's weakest passing outcome.
    pub passing: Outcome,
    /// The module's activity IRI.
    pub activity: String,
    /// The attempt.
    pub attempt: String,
    /// The step's events, each reported once.
    pub events: Vec<Event>,
    /// The opening words of the scenes the events name, by scene id.
    pub scenes: Vec<(String, String)>,
    /// When the attempt began (ms since the epoch), when the page knows: durations count
    /// from it.
    #[serde(default)]
    pub attempt_started: Option<f64>,
}

/// The page's side: loads the bundle, hands it each step. Steps taken before the bundle is
/// ready wait in memory (a learner cannot act before the page shows the module, by which
/// time the bundle has long arrived).
pub struct SiteLrs {
    waiting: Rc<RefCell<Vec<(JsValue, JsValue)>>>,
    _ready: Closure<dyn FnMut()>,
}

fn global() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &GLOBAL.into())
        .ok()
        .filter(JsValue::is_object)
}

fn call(name: &str, args: &[&JsValue]) {
    let Some(lrs) = global() else {
        return;
    };
    let Some(function) = js_sys::Reflect::get(&lrs, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let _ = match args {
        [a] => function.call1(&lrs, a),
        [a, b] => function.call2(&lrs, a, b),
        _ => return,
    };
}

impl SiteLrs {
    /// Loads the bundle named by the page's `<meta name="peerpath-lrs">` and opens it with
    /// `config`; `None` when the page has no such bundle.
    pub fn load(config: &LrsConfig) -> Option<SiteLrs> {
        let window = web_sys::window()?;
        let document = window.document()?;
        let base = crate::site::page_meta("peerpath-lrs")?;
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let config = config.serialize(&serializer).ok()?;
        let waiting: Rc<RefCell<Vec<(JsValue, JsValue)>>> = Rc::default();
        let ready = Closure::<dyn FnMut()>::new({
            let waiting = waiting.clone();
            move || {
                call("open", &[&config]);
                for (step, actor) in waiting.borrow_mut().drain(..) {
                    call("step", &[&step, &actor]);
                }
            }
        });
        window
            .add_event_listener_with_callback(READY, ready.as_ref().unchecked_ref())
            .ok()?;
        // The bundle's glue, then its starter, in order.
        let glue = document.create_element("script").ok()?;
        glue.set_attribute("src", &format!("{base}.js")).ok()?;
        let starter = format!("{base}_start.js");
        let on_glue = Closure::once_into_js(move || {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            if let (Ok(start), Some(head)) = (document.create_element("script"), document.head()) {
                let _ = start.set_attribute("src", &starter);
                let _ = head.append_child(&start);
            }
        });
        glue.add_event_listener_with_callback("load", on_glue.unchecked_ref())
            .ok()?;
        document.head()?.append_child(&glue).ok()?;
        Some(SiteLrs {
            waiting,
            _ready: ready,
        })
    }

    /// Hands a step to the bundle (or keeps it until the bundle is ready). `actor` is the
    /// learner as the embedding page named them, or `undefined`.
    pub fn step(&self, step: &LrsStep, actor: &JsValue) {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let Ok(step) = step.serialize(&serializer) else {
            return;
        };
        if global().is_some() && self.waiting.borrow().is_empty() {
            call("step", &[&step, actor]);
        } else {
            self.waiting.borrow_mut().push((step, actor.clone()));
        }
    }
}

/// The bundle's side: what `open` and `step` do.
#[derive(Default)]
struct Bundle {
    sender: Option<Rc<Sender>>,
    anonymous: Option<serde_json::Value>,
    /// One reporter per module, for this page.
    reports: HashMap<String, XapiReport>,
    /// When each attempt began, by attempt id.
    attempts: HashMap<String, f64>,
}

impl Bundle {
    fn open(&mut self, config: JsValue) {
        let Ok(config) = serde_wasm_bindgen::from_value::<LrsConfig>(config) else {
            return;
        };
        if self.sender.is_some() {
            return;
        }
        let store = Rc::new(Store::open());
        self.anonymous = Some(serde_json::json!({
            "objectType": "Agent",
            "account": { "homePage": config.home_page, "name": store.anonymous_learner() },
        }));
        self.sender = Some(Sender::open(
            Lrs::new(&config.endpoint, config.authorization),
            store,
        ));
    }

    fn step(&mut self, step: JsValue, actor: JsValue) {
        let (Some(sender), Some(anonymous)) = (self.sender.clone(), self.anonymous.clone()) else {
            return;
        };
        let Ok(step) = serde_wasm_bindgen::from_value::<LrsStep>(step) else {
            return;
        };
        let now = js_sys::Date::now();
        let report = self.reports.entry(step.module.clone()).or_insert_with(|| {
            let subject = Subject {
                activity: step.activity.clone(),
                title: step.title.clone(),
                passing: step.passing,
            };
            XapiReport::xapi(anonymous, subject, now)
        });
        let started = *self
            .attempts
            .entry(step.attempt.clone())
            .or_insert_with(|| step.attempt_started.unwrap_or(now));
        report.set_started_at(started);
        if let Ok(actor) = serde_wasm_bindgen::from_value::<serde_json::Value>(actor) {
            if is_agent(&actor) {
                report.set_actor(actor);
            }
        }
        let scene_text = |id: &str| {
            step.scenes
                .iter()
                .find(|(scene, _)| scene == id)
                .map(|(_, text)| text.clone())
        };
        let statements = report.step(&step.attempt, &step.events, scene_text, now);
        sender.queue(&statements);
    }
}

/// Installs `window.peerpathLrs` and says it is ready (the bundle's `main`).
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let bundle = Rc::new(RefCell::new(Bundle::default()));
    let object = js_sys::Object::new();
    let open = Closure::<dyn FnMut(JsValue)>::new({
        let bundle = bundle.clone();
        move |config: JsValue| bundle.borrow_mut().open(config)
    });
    let step = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |step: JsValue, actor: JsValue| {
        bundle.borrow_mut().step(step, actor)
    });
    let _ = js_sys::Reflect::set(&object, &"open".into(), open.as_ref());
    let _ = js_sys::Reflect::set(&object, &"step".into(), step.as_ref());
    // They live as long as the page.
    open.forget();
    step.forget();
    let _ = js_sys::Reflect::set(&window, &GLOBAL.into(), &object);
    if let Ok(event) = web_sys::Event::new(READY) {
        let _ = window.dispatch_event(&event);
    }
}
