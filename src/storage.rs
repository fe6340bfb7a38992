//! The only code that touches browser storage.
//!
//! Progress lives in `localStorage` under versioned keys. When storage is blocked (private
//! windows, blocked cookies, some iframes) the app keeps progress in memory and says so; when
//! a write fails (a full quota) what was saved before stays as it was. A record that cannot be
//! read is set aside under another key, never deleted.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use peerpath_engine::group::{GroupSession, GROUP_VERSION};
use peerpath_engine::progress::{
    ImportError, MergeReport, ModuleProgress, ProgressExport, PROGRESS_VERSION,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

const PREFIX: &str = "peerpath/v1/progress/";
const SET_ASIDE: &str = "peerpath/set-aside/";
const PROBE: &str = "peerpath/probe";
/// Trainer sessions live apart from learners' progress, which they never touch.
const TRAINER: &str = "peerpath/v1/trainer/";

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

/// Why an import changed nothing: the file's fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// Not JSON, or not shaped like an export; the parser's words.
    Unreadable(String),
    /// Shaped like an export but not one we can trust.
    Refused(ImportError),
    /// Storage refused to take it; nothing was changed.
    Storage(StorageError),
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportProblem::Unreadable(detail) => write!(
                f,
                "That file could not be read as PeerPath progress ({detail}). Nothing was changed."
            ),
            ImportProblem::Refused(error) => {
                let mut text = error.to_string();
                if let Some(first) = text.get(..1) {
                    text.replace_range(..1, &first.to_uppercase());
                }
                write!(f, "{text}. Nothing was changed.")
            }
            ImportProblem::Storage(error) => write!(f, "{error} Nothing was changed."),
        }
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::WriteRefused { detail } if detail == "QuotaExceededError" => f.write_str(
                "Your browser's storage for this site is full, so this step was not saved. Progress saved earlier is unchanged. Export your progress to keep it, or free some browser storage."
            ),
            StorageError::WriteRefused { detail } => write!(
                f,
                "Your browser would not save progress ({detail}). Progress saved earlier is unchanged. Export your progress to keep it."
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

    fn keys(&self) -> Vec<String> {
        match &self.backend {
            Backend::Local(storage) => {
                let count = storage.length().unwrap_or(0);
                (0..count)
                    .filter_map(|i| storage.key(i).ok().flatten())
                    .collect()
            }
            Backend::Memory(map) => map.borrow().keys().cloned().collect(),
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
    pub fn progress(&self, module: &str) -> Result<ModuleProgress, StorageError> {
        let key = format!("{PREFIX}{module}");
        let Some(text) = self.get(&key) else {
            return Ok(ModuleProgress::new(module));
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
        match from_json::<ModuleProgress>(&text) {
            Ok(progress) if progress.module == module => Ok(progress),
            result => {
                let detail = match result {
                    Err(error) => error,
                    Ok(other) => format!("it belongs to module `{}`", other.module),
                };
                let kept_as = format!("{SET_ASIDE}{module}/{}", js_sys::Date::now() as u64);
                // Keep the damaged text before removing it, so nothing is ever lost.
                self.set(&kept_as, &text)?;
                self.remove(&key);
                Err(StorageError::Corrupt {
                    module: module.to_owned(),
                    kept_as,
                    detail,
                })
            }
        }
    }

    /// Changes a module's progress: reads the latest copy (another tab may have written
    /// since), applies `change`, writes it back, all in one synchronous step, so no tab's
    /// write is lost. A damaged record is set aside and replaced; a newer one is never
    /// touched. On failure, what was saved before stays as it was.
    pub fn update(
        &self,
        module: &str,
        change: impl FnOnce(&mut ModuleProgress),
    ) -> Result<ModuleProgress, StorageError> {
        let mut progress = match self.progress(module) {
            Ok(progress) => progress,
            Err(StorageError::Corrupt { .. }) => ModuleProgress::new(module),
            Err(error) => return Err(error),
        };
        change(&mut progress);
        self.set(&format!("{PREFIX}{module}"), &to_json(&progress))?;
        Ok(progress)
    }

    /// Every module's progress that is stored, by module id (damaged or newer ones as errors).
    pub fn all_progress(&self) -> Vec<(String, Result<ModuleProgress, StorageError>)> {
        let mut modules: Vec<String> = self
            .keys()
            .into_iter()
            .filter_map(|key| key.strip_prefix(PREFIX).map(str::to_owned))
            .collect();
        modules.sort();
        modules
            .into_iter()
            .map(|module| {
                let progress = self.progress(&module);
                (module, progress)
            })
            .collect()
    }

    /// Forgets a module's progress. Records set aside earlier stay.
    pub fn reset(&self, module: &str) {
        self.remove(&format!("{PREFIX}{module}"));
    }

    /// Forgets every module's progress, except records from a newer PeerPath.
    pub fn reset_all(&self) {
        for (module, progress) in self.all_progress() {
            if !matches!(progress, Err(StorageError::TooNew { .. })) {
                self.reset(&module);
            }
        }
    }

    /// Everything, as an export file's text (readable JSON).
    pub fn export(&self, now: f64) -> String {
        let modules = self
            .all_progress()
            .into_iter()
            .filter_map(|(_, progress)| progress.ok())
            .collect();
        let export = ProgressExport::new(modules, now);
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        export
            .serialize(&serializer)
            .ok()
            .and_then(|value| {
                js_sys::JSON::stringify_with_replacer_and_space(
                    &value,
                    &wasm_bindgen::JsValue::NULL,
                    &wasm_bindgen::JsValue::from_f64(2.0),
                )
                .ok()
            })
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    }

    /// Reads an export file and merges it into what is stored, keeping whatever is newer.
    /// A file that cannot be trusted changes nothing.
    pub fn import(&self, text: &str) -> Result<Vec<(String, MergeReport)>, ImportProblem> {
        let export = from_json::<ProgressExport>(text).map_err(ImportProblem::Unreadable)?;
        export.validate().map_err(ImportProblem::Refused)?;
        // Check everything first, so a refusal part-way changes nothing.
        for incoming in &export.modules {
            if let Err(error @ StorageError::TooNew { .. }) = self.progress(&incoming.module) {
                return Err(ImportProblem::Storage(error));
            }
        }
        let mut reports = Vec::new();
        for incoming in &export.modules {
            let mut report = MergeReport::default();
            self.update(&incoming.module, |mine| report = mine.merge(incoming))
                .map_err(ImportProblem::Storage)?;
            reports.push((incoming.module.clone(), report));
        }
        Ok(reports)
    }

    /// The trainer's group session for a module, if one was left open. One that cannot be
    /// read (damaged, or from another PeerPath) is treated as none: the trainer starts anew.
    pub fn group_session(&self, module: &str) -> Option<GroupSession> {
        let text = self.get(&format!("{TRAINER}{module}"))?;
        from_json::<GroupSession>(&text)
            .ok()
            .filter(|group| group.version <= GROUP_VERSION && group.module == module)
    }

    /// Keeps the trainer's group session, so closing a window does not lose it.
    pub fn save_group_session(&self, group: &GroupSession) -> Result<(), StorageError> {
        self.set(&format!("{TRAINER}{}", group.module), &to_json(group))
    }

    /// Ends the trainer's group session for a module.
    pub fn clear_group_session(&self, module: &str) {
        self.remove(&format!("{TRAINER}{module}"));
    }

    /// Asks the browser to keep this site's storage even when space runs low. Browsers may
    /// say no; nothing depends on the answer.
    pub fn request_persistence(&self) {
        if !self.is_persistent() {
            return;
        }
        if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
            let _ = storage.persist();
        }
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

/// Compact JSON with fields in declaration order and `None` as `null`, as serde_json writes.
fn to_json<T: Serialize>(value: &T) -> String {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}
