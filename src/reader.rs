//! The module reader: the TOML reader and checker, in a web worker of its own
//! (`crates/reader`), started only when a site lists its own `.toml` modules or an author
//! opens the preview. Built-in modules arrive compiled, so most learners never download it.
//!
//! One worker serves the whole page. Requests wait until it says it is ready; each answer is
//! matched to its request by number. If the worker cannot start (missing from the build,
//! blocked), every request fails with a message that says so, and nothing else stops working.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Uint8Array};
use peerpath_engine::compiled::Checked;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// Where `peerpath build` says the worker's loader is: `<meta name="peerpath-reader">`.
const META: &str = "peerpath-reader";

struct Reader {
    worker: Worker,
    ready: bool,
    /// Requests made before the worker said it was ready.
    queue: Vec<Array>,
    /// Each waiting request's resolve and reject functions, by number.
    pending: HashMap<u32, (Function, Function)>,
    next: u32,
    /// Why the worker cannot answer, once it has failed.
    failed: Option<String>,
}

thread_local! {
    static READER: RefCell<Option<Rc<RefCell<Reader>>>> = const { RefCell::new(None) };
}

/// The worker's loader, as the page names it.
pub fn loader_url() -> Result<String, String> {
    crate::site::page_meta(META).ok_or_else(|| {
            "this site was built without the module reader, so it can only play its built-in modules".to_owned()
        })
}

fn fail_all(reader: &Rc<RefCell<Reader>>, reason: String) {
    let pending = {
        let mut reader = reader.borrow_mut();
        reader.failed = Some(reason.clone());
        reader.queue.clear();
        std::mem::take(&mut reader.pending)
    };
    for (_, (_, reject)) in pending {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&reason));
    }
}

fn start() -> Result<Rc<RefCell<Reader>>, String> {
    let url = loader_url()?;
    let worker = Worker::new(&url)
        .map_err(|_| "the module reader could not be started in this browser".to_owned())?;
    let reader = Rc::new(RefCell::new(Reader {
        worker: worker.clone(),
        ready: false,
        queue: Vec::new(),
        pending: HashMap::new(),
        next: 0,
        failed: None,
    }));
    let on_message = {
        let reader = reader.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some("ready") {
                let mut reader = reader.borrow_mut();
                reader.ready = true;
                for request in std::mem::take(&mut reader.queue) {
                    let _ = reader.worker.post_message(&request);
                }
                return;
            }
            let answer = Array::from(&data);
            let Some(id) = answer
                .get(0)
                .as_f64()
                .and_then(|id| u32::try_from(id as u64).ok())
            else {
                return;
            };
            let waiting = reader.borrow_mut().pending.remove(&id);
            if let Some((resolve, _)) = waiting {
                let _ = resolve.call1(&JsValue::NULL, &answer.get(1));
            }
        })
    };
    let on_error = {
        let reader = reader.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            fail_all(
                &reader,
                "the module reader could not be loaded (check that every file of the site was uploaded)".into(),
            );
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The worker serves the page for as long as it is open; so do its handlers.
    on_message.forget();
    on_error.forget();
    Ok(reader)
}

fn reader() -> Result<Rc<RefCell<Reader>>, String> {
    READER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some(reader) = slot.as_ref() {
            return Ok(reader.clone());
        }
        let reader = start()?;
        *slot = Some(reader.clone());
        Ok(reader)
    })
}

/// Reads and checks a module file's text in the worker: the module when it has no errors,
/// and every diagnostic with its line and column. `Err` says why the reader could not answer.
pub async fn check(text: String) -> Result<Checked, String> {
    ask(vec![JsValue::from_str(&text)]).await
}

/// Checks the translation file `name` (`text`) against the module file's text `english`: the
/// translated module when neither has errors, and the translation's diagnostics.
pub async fn check_translation(
    english: String,
    name: String,
    text: String,
) -> Result<Checked, String> {
    ask(vec![
        JsValue::from_str(&english),
        JsValue::from_str(&name),
        JsValue::from_str(&text),
    ])
    .await
}

/// Sends `[id, ...parts]` to the worker and reads its answer.
async fn ask(parts: Vec<JsValue>) -> Result<Checked, String> {
    let reader = reader()?;
    if let Some(reason) = reader.borrow().failed.clone() {
        return Err(reason);
    }
    let promise = {
        let reader = reader.clone();
        Promise::new(&mut move |resolve, reject| {
            let mut reader = reader.borrow_mut();
            let id = reader.next;
            reader.next = reader.next.wrapping_add(1);
            reader.pending.insert(id, (resolve, reject));
            let request = Array::new();
            request.push(&JsValue::from(id));
            for part in &parts {
                request.push(part);
            }
            if reader.ready {
                let _ = reader.worker.post_message(&request);
            } else {
                reader.queue.push(request);
            }
        })
    };
    let answer = JsFuture::from(promise).await.map_err(|reason| {
        reason
            .as_string()
            .unwrap_or_else(|| "the module reader failed".into())
    })?;
    let bytes = answer
        .dyn_into::<Uint8Array>()
        .map_err(|_| "the module reader's answer was not understood".to_owned())?
        .to_vec();
    Checked::from_compiled(&bytes)
        .map_err(|error| format!("the module reader's answer was not understood: {error}"))
}
