//! The module reader: a web worker that reads and checks module files (`.toml`) for the
//! browser player, which contains neither the TOML reader nor the Markdown parser.
//!
//! The player starts it only when a site lists its own `.toml` modules or an author opens the
//! preview (see `src/reader.rs`). The worker says `"ready"` once loaded; then each request is
//! `[id, text]` and each answer `[id, bytes]`, where the bytes are a compiled
//! [`Checked`](peerpath_engine::compiled::Checked): the module when it has no errors, and
//! every diagnostic with its line and column. A request `[id, text, name, translation]`
//! checks the translation file `name` against the module `text` instead: the answer holds the
//! translated module when neither has errors, and the translation's diagnostics.

use js_sys::{Array, Uint8Array};
use peerpath_engine::compiled::Checked;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Not running as a worker: nothing to answer.
        return;
    };
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let request = Array::from(&event.data());
        let id = request.get(0);
        let translation = (request.get(2).as_string(), request.get(3).as_string());
        let answer = match (request.get(1).as_string(), translation) {
            (Some(english), (Some(name), Some(text))) => {
                translated(&english, &name, &text).to_compiled()
            }
            (Some(text), _) => {
                let loaded = peerpath_engine::load(&text);
                Checked {
                    owners: peerpath_engine::load::owners(&text, &loaded.diagnostics),
                    sketch: loaded
                        .module
                        .is_none()
                        .then(|| peerpath_engine::load::sketch(&text))
                        .flatten(),
                    module: loaded.module,
                    diagnostics: loaded.diagnostics,
                }
                .to_compiled()
            }
            // A request that is not text gets no module and no diagnostics; the player
            // reports the empty answer.
            (None, _) => Checked {
                module: None,
                diagnostics: Vec::new(),
                owners: Vec::new(),
                sketch: None,
            }
            .to_compiled(),
        };
        let message = Array::of2(&id, &Uint8Array::from(answer.as_slice()));
        let _ = reply.post_message(&message);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page that started it; so does its handler.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The module `english` in the translation `name` (`text`), when both read without errors;
/// the translation's diagnostics either way.
fn translated(english: &str, name: &str, text: &str) -> Checked {
    let loaded = peerpath_engine::translation::load_translation(english, name, text);
    let module = peerpath_engine::load(english).module;
    Checked {
        module: module
            .zip(loaded.translation)
            .map(|(module, translation)| translation.apply(&module)),
        owners: vec![None; loaded.diagnostics.len()],
        sketch: None,
        diagnostics: loaded.diagnostics,
    }
}
