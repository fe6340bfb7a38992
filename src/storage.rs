//! The only code that touches browser storage.
//!
//! Progress lives in `localStorage` under versioned keys. When storage is blocked (private
//! windows, blocked cookies, some iframes) the app keeps progress in memory and says so; when
//! a write fails (a full quota) what was saved before stays as it was. A record that cannot be
//! read is set aside under another key, never deleted.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use peerpath_engine::{Outcome, SavedSession};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

const PREFIX: &str = "peerpath/v1/progress/";
const SET_ASIDE: &str = "peerpath/set-aside/";
const PROBE: &str = "peerpath/probe";

/// The version of [`Progress`] this app writes.
pub const PROGRESS_VERSION: u32 = 1;

/// A learner's progress in one module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// The play-through in progress, or the last one finished.
    pub session: Option<SavedSession>,
    /// How many times the learner reached an ending.
    pub completions: u32,
    /// The best outcome reached so far.
    pub best_outcome: Option<Outcome>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: PROGRESS_VERSION,
            session: None,
            completions: 0,
            best_outcome: None,
        }
    }
}

/// Why storage did not do what was asked. The browser's doing, never the learner's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refused the write, most often because storage is full.
    WriteRefused { detail: String },
    /// A saved record could not be read; it was set aside under `kept_as`.
    Corrupt {
        module: String,
        kept_as: String,
        detail: String,
    },
    /// A record written by a newer PeerPath; it is left untouched.
    TooNew { module: String, version: u32 },
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::WriteRefused { detail } => write!(
                f,
                "Your browser would not save progress ({detail}). Progress saved earlier is unchanged. Freeing some browser storage may help."
            ),
            StorageError::Corrupt { module, .. } => write!(
                f,
                "Saved progress for “{module}” could not be read, so this attempt starts fresh. The damaged record was kept, not deleted."
            ),
            StorageError::TooNew { module, .. } => write!(
                f,
                "Progress for “{module}” was saved by a newer version of PeerPath. It is left untouched; this attempt will not be saved."
            ),
        }
    }
}

enum Backend {
    Local(web_sys::Storage),
    Memory(RefCell<HashMap<String, String>>),
}

/// Where progress is kept.
pub struct Store {
    backend: Backend,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Store {
    /// Opens `localStorage` if the browser lets us write to it, otherwise memory.
    /// (gloo's storage panics when storage is blocked, so this probes by hand.)
    pub fn open() -> Store {
        let local = web_sys::window()
            .and_then(|window| window.local_storage().ok().flatten())
            .filter(|storage| {
                storage.set_item(PROBE, "1").is_ok() && storage.remove_item(PROBE).is_ok()
            });
        match local {
            Some(storage) => Store {
                backend: Backend::Local(storage),
            },
            None => Store::in_memory(),
        }
    }

    /// A store that forgets everything on reload.
    pub fn in_memory() -> Store {
        Store {
            backend: Backend::Memory(RefCell::new(HashMap::new())),
        }
    }

    /// Whether progress survives a reload.
    pub fn is_persistent(&self) -> bool {
        matches!(self.backend, Backend::Local(_))
    }

    fn get(&self, key: &str) -> Option<String> {
        match &self.backend {
            Backend::Local(storage) => storage.get_item(key).ok().flatten(),
            Backend::Memory(map) => map.borrow().get(key).cloned(),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(storage) => storage.set_item(key, value).map_err(|error| {
                let detail = js_sys::Reflect::get(&error, &"name".into())
                    .ok()
                    .and_then(|name| name.as_string())
                    .unwrap_or_else(|| "unknown error".into());
                StorageError::WriteRefused { detail }
            }),
            Backend::Memory(map) => {
                map.borrow_mut().insert(key.to_owned(), value.to_owned());
                Ok(())
            }
        }
    }

    fn remove(&self, key: &str) {
        match &self.backend {
            Backend::Local(storage) => {
                let _ = storage.remove_item(key);
            }
            Backend::Memory(map) => {
                map.borrow_mut().remove(key);
            }
        }
    }

    /// The learner's progress in a module; a fresh record when there is none. A damaged
    /// record is set aside (kept) and reported; a newer one is reported and left alone.
    pub fn progress(&self, module: &str) -> Result<Progress, StorageError> {
        let key = format!("{PREFIX}{module}");
        let Some(text) = self.get(&key) else {
            return Ok(Progress::default());
        };
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        match from_json::<Version>(&text) {
            Ok(Version { version }) if version > PROGRESS_VERSION => {
                return Err(StorageError::TooNew {
                    module: module.to_owned(),
                    version,
                });
            }
            _ => {}
        }
        match from_json::<Progress>(&text) {
            Ok(progress) => Ok(progress),
            Err(error) => {
                let kept_as = format!("{SET_ASIDE}{module}/{}", js_sys::Date::now() as u64);
                // Keep the damaged text before removing it, so nothing is ever lost.
                self.set(&kept_as, &text)?;
                self.remove(&key);
                Err(StorageError::Corrupt {
                    module: module.to_owned(),
                    kept_as,
                    detail: error.to_string(),
                })
            }
        }
    }

    /// Saves a module's progress. On failure the previous record stays as it was.
    pub fn save_progress(&self, module: &str, progress: &Progress) -> Result<(), StorageError> {
        let text = to_json(progress);
        self.set(&format!("{PREFIX}{module}"), &text)
    }
}

/// JSON through the browser's own parser and serializer (`JSON.parse`/`JSON.stringify` with
/// serde-wasm-bindgen), which keeps serde_json's parser out of the bundle.
fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|error| {
        error
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| "not JSON".to_owned(), |e| String::from(e.message()))
    })?;
    serde_wasm_bindgen::from_value(value).map_err(|error| error.to_string())
}

/// The same text `serde_json::to_string` writes: compact, fields in declaration order, `None`
/// as `null`.
fn to_json<T: Serialize>(value: &T) -> String {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}
