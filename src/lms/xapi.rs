//! Sending xAPI statements to an LRS. Statements wait in browser storage (the outbox) until
//! the LRS acknowledges each one; they go one at a time, oldest first, each with a `PUT` to
//! its own id, so a retry after a lost answer is harmless: the LRS already holds that id.
//!
//! What an answer means: 2xx or 409 (the LRS holds that id already) — done; 400 — the LRS
//! will never take it, dropped and reported (a bug); 401 or 403 — the key is wrong, sending
//! stops and the page says so; anything else, or no answer — tried again after 1 s, 2 s,
//! 4 s … up to 5 minutes, and at once when the browser comes back online.

use std::cell::RefCell;
use std::rc::Rc;

use peerpath_engine::report::xapi::{Statement, XAPI_VERSION};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::json::to_json;
use crate::storage::{Pending, Store};

/// Where statements go, and the `Authorization` header value that lets them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lrs {
    /// The LRS's xAPI base, ending in `/`.
    pub endpoint: String,
    /// `Basic …`.
    pub authorization: String,
}

impl Lrs {
    /// An LRS at `endpoint` (a `/` is added when missing).
    pub fn new(endpoint: &str, authorization: String) -> Lrs {
        let mut endpoint = endpoint.to_owned();
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        Lrs {
            endpoint,
            authorization,
        }
    }
}

/// An LRS's answer.
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub text: String,
}

fn message(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map_or_else(
        || "the request failed".to_owned(),
        |e| String::from(e.message()),
    )
}

/// One request to `url` with the xAPI headers (and `authorization`, when given); `Err` when
/// no answer came (offline, refused, blocked by CORS).
pub async fn request(
    url: &str,
    method: &str,
    authorization: Option<&str>,
    body: Option<&str>,
    keepalive: bool,
) -> Result<Answer, String> {
    let window = web_sys::window().ok_or("no window")?;
    let headers = web_sys::Headers::new().map_err(|e| message(&e))?;
    headers
        .set("X-Experience-API-Version", XAPI_VERSION)
        .map_err(|e| message(&e))?;
    if let Some(authorization) = authorization {
        headers
            .set("Authorization", authorization)
            .map_err(|e| message(&e))?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(|e| message(&e))?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    if keepalive {
        // web-sys binds `keepalive` only as an unstable API; it is a plain dictionary field.
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| message(&e))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| message(&e))?;
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Answer {
        status: response.status(),
        text,
    })
}

/// Waits `ms` milliseconds (a `setTimeout` as a future).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The longest wait between tries.
const MAX_DELAY_MS: i32 = 300_000;

#[derive(Default)]
struct SenderState {
    sending: bool,
    /// The wait before the next try, after a failure.
    delay_ms: i32,
    /// The pending retry's timer.
    timer: Option<i32>,
    /// Why sending stopped for good (the key was refused).
    blocked: Option<String>,
    /// The last thing that went wrong, for the status line.
    problem: Option<String>,
    /// Told when the state changes (for the status line).
    on_change: Option<Rc<dyn Fn()>>,
}

/// Sends an outbox's statements to an LRS.
pub struct Sender {
    lrs: Lrs,
    store: Rc<Store>,
    /// The outbox's key in storage.
    key: String,
    /// Statements that storage would not take (full, or blocked mid-visit): kept here, and
    /// sent like the others, so none is dropped.
    memory: RefCell<Vec<Pending>>,
    state: RefCell<SenderState>,
    _online: RefCell<Option<Closure<dyn FnMut()>>>,
}

/// What the learner's status line says about sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Statements not yet acknowledged.
    pub waiting: usize,
    /// What went wrong last, if anything.
    pub problem: Option<String>,
}

impl Sender {
    /// A sender for `lrs`; it starts sending whatever an earlier page left waiting.
    pub fn open(lrs: Lrs, store: Rc<Store>) -> Rc<Sender> {
        let key = lrs.endpoint.clone();
        Sender::open_keyed(lrs, store, key)
    }

    /// A sender for `lrs` whose outbox is kept under `key`.
    pub fn open_keyed(lrs: Lrs, store: Rc<Store>, key: String) -> Rc<Sender> {
        let sender = Rc::new(Sender {
            lrs,
            store,
            key,
            memory: RefCell::default(),
            state: RefCell::new(SenderState {
                delay_ms: 1000,
                ..SenderState::default()
            }),
            _online: RefCell::new(None),
        });
        let weak = Rc::downgrade(&sender);
        let online = Closure::<dyn FnMut()>::new(move || {
            if let Some(sender) = weak.upgrade() {
                sender.state.borrow_mut().delay_ms = 1000;
                sender.flush();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ =
                window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        }
        *sender._online.borrow_mut() = Some(online);
        sender.flush();
        sender
    }

    /// Calls `on_change` whenever what [`Sender::progress`] says may have changed.
    pub fn watch(&self, on_change: Rc<dyn Fn()>) {
        self.state.borrow_mut().on_change = Some(on_change);
    }

    fn changed(&self) {
        let on_change = self.state.borrow().on_change.clone();
        if let Some(on_change) = on_change {
            on_change();
        }
    }

    /// How sending stands.
    pub fn progress(&self) -> Progress {
        let state = self.state.borrow();
        Progress {
            waiting: self.pending().len(),
            problem: state.blocked.clone().or_else(|| state.problem.clone()),
        }
    }

    /// What waits, oldest first: the stored outbox, then what storage would not take.
    fn pending(&self) -> Vec<Pending> {
        let mut pending = self.store.outbox(&self.key);
        for extra in self.memory.borrow().iter() {
            if !pending.iter().any(|p| p.id == extra.id) {
                pending.push(extra.clone());
            }
        }
        pending
    }

    /// Forgets a statement the LRS acknowledged.
    fn done(&self, id: &str) -> Result<(), String> {
        self.memory.borrow_mut().retain(|p| p.id != id);
        self.store
            .change_outbox(&self.key, |outbox| outbox.retain(|p| p.id != id))
            .map(|_| ())
            .map_err(|problem| problem.to_string())
    }

    /// Keeps `statements` in the outbox (before anything is sent), then sends.
    pub fn queue(self: &Rc<Self>, statements: &[Statement]) {
        if statements.is_empty() {
            return;
        }
        let mut pending = Vec::with_capacity(statements.len());
        for statement in statements {
            match to_json(&statement.body) {
                Ok(text) => pending.push(Pending {
                    id: statement.id.clone(),
                    statement: text,
                }),
                Err(problem) => self.state.borrow_mut().problem = Some(problem),
            }
        }
        let kept = self.store.change_outbox(&self.key, |outbox| {
            for new in &pending {
                if !outbox.iter().any(|old| old.id == new.id) {
                    outbox.push(new.clone());
                }
            }
        });
        if let Err(problem) = kept {
            // Not lost: they wait in memory, and go like the others while the page is open.
            self.state.borrow_mut().problem =
                Some(format!("{problem}; new records wait in this page only"));
            self.memory.borrow_mut().extend(pending);
        }
        self.flush();
        self.changed();
    }

    /// Sends what waits, oldest first, until the outbox is empty or a try fails.
    pub fn flush(self: &Rc<Self>) {
        {
            let mut state = self.state.borrow_mut();
            if state.sending || state.blocked.is_some() {
                return;
            }
            state.sending = true;
            if let (Some(timer), Some(window)) = (state.timer.take(), web_sys::window()) {
                window.clear_timeout_with_handle(timer);
            }
        }
        let sender = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            while let Some(next) = sender.pending().into_iter().next() {
                let url = format!("{}statements?statementId={}", sender.lrs.endpoint, next.id);
                let answer = request(
                    &url,
                    "PUT",
                    Some(&sender.lrs.authorization),
                    Some(&next.statement),
                    false,
                )
                .await;
                let done = match answer {
                    Ok(answer) if (200..300).contains(&answer.status) || answer.status == 409 => {
                        true
                    }
                    Ok(answer) if answer.status == 400 => {
                        sender.state.borrow_mut().problem = Some(format!(
                            "the LRS refused a statement as malformed: {}",
                            answer.text.chars().take(200).collect::<String>()
                        ));
                        true
                    }
                    Ok(answer) if answer.status == 401 || answer.status == 403 => {
                        sender.state.borrow_mut().blocked = Some(format!(
                            "the LRS refused the key (HTTP {}); statements wait in this browser",
                            answer.status
                        ));
                        break;
                    }
                    Ok(answer) if answer.status == 429 || answer.status >= 500 => {
                        sender.retry_later(format!("the LRS answered HTTP {}", answer.status));
                        break;
                    }
                    // 400 and any other refusal: the LRS will never take this statement, so it
                    // must not hold up the rest. Said on the page; a bug to report.
                    Ok(answer) => {
                        sender.state.borrow_mut().problem = Some(format!(
                            "the LRS refused a record (HTTP {}): {}",
                            answer.status,
                            answer.text.chars().take(200).collect::<String>()
                        ));
                        true
                    }
                    Err(problem) => {
                        sender.retry_later(format!("the LRS could not be reached ({problem})"));
                        break;
                    }
                };
                if done {
                    let removed = sender.done(&next.id);
                    let mut state = sender.state.borrow_mut();
                    state.delay_ms = 1000;
                    if let Err(problem) = removed {
                        state.problem = Some(problem);
                        break;
                    }
                }
                sender.changed();
            }
            sender.state.borrow_mut().sending = false;
            sender.changed();
        });
    }

    fn retry_later(self: &Rc<Self>, problem: String) {
        let weak = Rc::downgrade(self);
        let callback = Closure::once_into_js(move || {
            if let Some(sender) = weak.upgrade() {
                sender.state.borrow_mut().timer = None;
                sender.flush();
            }
        });
        let mut state = self.state.borrow_mut();
        state.problem = Some(problem);
        // Jitter, so many learners do not all retry at once: up to a quarter more.
        // In range: 0 <= random * delay / 4 <= delay / 4.
        #[allow(clippy::cast_possible_truncation)]
        let jitter = (js_sys::Math::random() * f64::from(state.delay_ms) / 4.0).floor() as i32;
        let delay = state.delay_ms + jitter;
        state.delay_ms = (state.delay_ms * 2).min(MAX_DELAY_MS);
        state.timer = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.unchecked_ref(),
                    delay,
                )
                .ok()
        });
    }

    /// As the page goes away: hands every waiting statement to the browser to send even
    /// after the page is gone (`keepalive`). They stay in the outbox until acknowledged, so
    /// the next page sends any that did not arrive.
    pub fn send_on_exit(&self) {
        if self.state.borrow().blocked.is_some() {
            return;
        }
        // Browsers cap keepalive bodies at 64 KB in all.
        let mut budget: usize = 60_000;
        for next in self.pending() {
            if next.statement.len() > budget {
                break;
            }
            budget -= next.statement.len();
            let url = format!("{}statements?statementId={}", self.lrs.endpoint, next.id);
            let authorization = self.lrs.authorization.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = request(
                    &url,
                    "PUT",
                    Some(&authorization),
                    Some(&next.statement),
                    true,
                )
                .await;
            });
        }
    }

    /// The LRS this sends to.
    pub fn lrs(&self) -> &Lrs {
        &self.lrs
    }
}
