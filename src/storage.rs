//! The only code that touches browser storage.
//!
//! Progress lives in `localStorage`, one record per module, under keys namespaced by the
//! deployment's path, so two PeerPath sites under one origin never share progress. It is
//! read once when the app starts ([`Store::load_book`]); after that the progress store writes
//! each changed record ([`Store::write`]) and hears other tabs' writes ([`Store::watch`]).
//! When storage is blocked (private windows, blocked cookies, some iframes) the app keeps
//! progress in memory and says so; when a write fails (a full quota) what was saved before
//! stays as it was. A record that cannot be read is set aside under another key, never
//! deleted.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use peerpath_engine::group::{GroupSession, GROUP_VERSION};
use peerpath_engine::progress::{ImportError, ModuleProgress, ProgressExport, PROGRESS_VERSION};
use peerpath_engine::{ProgressBook, Record};
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::json::{from_json, to_json};
use crate::site::deployment_scope;

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
    /// A record could not be turned into text (a bug); nothing was written.
    Unwritable { module: String, detail: String },
}

/// Why an import changed nothing: the file's fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// Not JSON, or not shaped like an export; the parser's words.
    Unreadable(String),
    /// Shaped like an export but not one we can trust.
    Refused(ImportError),
    /// It would change progress saved by a newer PeerPath, which is never touched.
    NewerHere { module: String, version: u32 },
}

impl ImportProblem {
    /// Why the import changed nothing, in `lang` (the parser's and the engine's own words
    /// stay in English).
    pub fn describe(&self, lang: Lang) -> String {
        let s = lang.tools();
        match self {
            ImportProblem::Unreadable(detail) => (s.import_unreadable)(detail),
            ImportProblem::Refused(error) => (s.import_refused)(&error.to_string()),
            ImportProblem::NewerHere { module, .. } => (s.import_newer)(module),
        }
    }
}

/// In English, for text that is not shown in the interface's language.
impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl StorageError {
    /// What happened and what is safe, in `lang` (the browser's own words stay as they are).
    pub fn describe(&self, lang: Lang) -> String {
        let s = lang.common();
        match self {
            StorageError::WriteRefused { detail } if detail == "QuotaExceededError" => {
                s.storage_full.to_owned()
            }
            StorageError::WriteRefused { detail } => (s.storage_refused)(detail),
            StorageError::Corrupt { module, .. } => (s.record_corrupt)(module),
            StorageError::Unwritable { module, detail } => (s.record_unwritable)(module, detail),
        }
    }
}

/// In English, for text that is not shown in the interface's language (and the pages that
/// do not ask for a language yet).
impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

enum Backend {
    Local(web_sys::Storage),
    Memory(RefCell<HashMap<String, String>>),
}

/// The keys of one deployment. The root deployment keeps the keys of earlier versions.
struct Keys {
    progress: String,
    set_aside: String,
    trainer: String,
    outbox: String,
    learner: String,
    probe: String,
    migrated: String,
    language: String,
}

impl Keys {
    fn for_scope(scope: &str) -> Keys {
        // "/" gives "peerpath/", the prefix every earlier version used.
        let base = format!("peerpath{scope}");
        Keys {
            progress: format!("{base}v1/progress/"),
            set_aside: format!("{base}set-aside/"),
            trainer: format!("{base}v1/trainer/"),
            outbox: format!("{base}v1/outbox/"),
            learner: format!("{base}v1/anonymous-learner"),
            probe: format!("{base}probe"),
            migrated: format!("{base}v1/migrated"),
            language: format!("{base}v1/language"),
        }
    }
}

/// The shape of the outbox this PeerPath writes.
const OUTBOX_VERSION: u32 = 1;

/// A statement waiting for the LRS: its id, and its JSON text exactly as it will be sent
/// (timestamp included, so a retry is the same statement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The statement's id.
    pub id: String,
    /// The statement as JSON text.
    pub statement: String,
}

#[derive(Serialize, Deserialize)]
struct Outbox {
    version: u32,
    pending: Vec<Pending>,
}

/// A random (v4) UUID from the browser's cryptographic random numbers.
fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No crypto (never in a browser that runs wasm): fall back to Math.random.
        for byte in &mut bytes {
            // In range: 0 <= random * 256 < 256.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let random = (js_sys::Math::random() * 256.0).floor() as u8;
            *byte = random;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The keys earlier versions used for every deployment of an origin alike.
const LEGACY_PROGRESS: &str = "peerpath/v1/progress/";

/// Where progress is kept.
pub struct Store {
    backend: Backend,
    keys: Keys,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Keeps a `storage` listener alive; dropping it stops listening.
pub struct Watch {
    listener: Closure<dyn FnMut(web_sys::StorageEvent)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "storage",
                self.listener.as_ref().unchecked_ref(),
            );
        }
    }
}

impl Store {
    /// Opens `localStorage` for this deployment if the browser lets us write to it,
    /// otherwise memory. (gloo's storage panics when storage is blocked, so this probes by
    /// hand.)
    pub fn open() -> Store {
        let keys = Keys::for_scope(&deployment_scope());
        let local = web_sys::window()
            .and_then(|window| window.local_storage().ok().flatten())
            .filter(|storage| {
                storage.set_item(&keys.probe, "1").is_ok()
                    && storage.remove_item(&keys.probe).is_ok()
            });
        match local {
            Some(storage) => {
                let store = Store {
                    backend: Backend::Local(storage),
                    keys,
                };
                store.adopt_legacy_records();
                store
            }
            None => Store::in_memory(),
        }
    }

    /// A store that forgets everything on reload.
    pub fn in_memory() -> Store {
        Store {
            backend: Backend::Memory(RefCell::new(HashMap::new())),
            keys: Keys::for_scope("/"),
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

    fn remove_key(&self, key: &str) {
        match &self.backend {
            Backend::Local(storage) => {
                let _ = storage.remove_item(key);
            }
            Backend::Memory(map) => {
                map.borrow_mut().remove(key);
            }
        }
    }

    /// A deployment under a sub-path used to share the origin-wide keys. The first time it
    /// opens with keys of its own, it copies those records (never moving them, so the other
    /// deployments keep theirs).
    fn adopt_legacy_records(&self) {
        if self.keys.progress == LEGACY_PROGRESS || self.get(&self.keys.migrated).is_some() {
            return;
        }
        let mine_exist = self
            .keys()
            .iter()
            .any(|key| key.starts_with(&self.keys.progress));
        if !mine_exist {
            for key in self.keys() {
                if let Some(module) = key.strip_prefix(LEGACY_PROGRESS) {
                    if let Some(text) = self.get(&key) {
                        let _ = self.set(&format!("{}{module}", self.keys.progress), &text);
                    }
                }
            }
        }
        let _ = self.set(&self.keys.migrated, "1");
    }

    /// Reads one module's stored text as a record; damaged text is set aside (kept) and
    /// reported.
    fn read_record(&self, module: &str, text: &str) -> Result<Record, StorageError> {
        match parse_record(module, text) {
            Ok(record) => Ok(record),
            Err(detail) => {
                let kept_as = format!(
                    "{}{module}/{}",
                    self.keys.set_aside,
                    js_sys::Date::now().max(0.0).floor()
                );
                // Keep the damaged text before removing it, so nothing is ever lost.
                self.set(&kept_as, text)?;
                self.remove_key(&self.progress_key(module));
                Err(StorageError::Corrupt {
                    module: module.to_owned(),
                    kept_as,
                    detail,
                })
            }
        }
    }

    fn progress_key(&self, module: &str) -> String {
        format!("{}{module}", self.keys.progress)
    }

    /// Every module's progress, read once when the app starts, and what could not be read.
    pub fn load_book(&self) -> (ProgressBook, Vec<StorageError>) {
        let mut book = ProgressBook::default();
        let mut problems = Vec::new();
        let mut modules: Vec<String> = self
            .keys()
            .into_iter()
            .filter_map(|key| key.strip_prefix(&self.keys.progress).map(str::to_owned))
            .filter(|module| !module.contains('/'))
            .collect();
        modules.sort();
        for module in modules {
            let Some(text) = self.get(&self.progress_key(&module)) else {
                continue;
            };
            match self.read_record(&module, &text) {
                Ok(record) => {
                    book.records.insert(module, record);
                }
                Err(problem) => problems.push(problem),
            }
        }
        (book, problems)
    }

    /// Writes one module's record. If another tab wrote since `last_seen` (what this tab
    /// last wrote or heard of), its record is merged in first, so no tab's write is lost;
    /// the merged record is returned so the caller can show it. On failure, what was
    /// stored before stays as it was.
    pub fn write(
        &self,
        progress: &ModuleProgress,
        last_seen: Option<&ModuleProgress>,
    ) -> Result<ModuleProgress, StorageError> {
        let key = self.progress_key(&progress.module);
        let mut merged = progress.clone();
        if let Some(text) = self.get(&key) {
            if let Ok(Record::Kept(stored)) = parse_record(&progress.module, &text) {
                if Some(&stored) != last_seen && !stored.same_content(progress) {
                    merged.merge(&stored);
                }
            }
        }
        let text = to_json(&merged).map_err(|detail| StorageError::Unwritable {
            module: progress.module.clone(),
            detail,
        })?;
        self.set(&key, &text)?;
        Ok(merged)
    }

    /// Forgets a module's progress. Records set aside earlier stay.
    pub fn remove(&self, module: &str) {
        self.remove_key(&self.progress_key(module));
    }

    /// Calls `on_change` with each module record another tab writes or removes (`None`).
    /// A record that cannot be read is left to the next start, which sets it aside.
    pub fn watch(
        &self,
        mut on_change: impl FnMut(String, Option<Record>) + 'static,
    ) -> Option<Watch> {
        let prefix = self.keys.progress.clone();
        self.watch_events(move |event| {
            let Some(module) = event
                .key()
                .and_then(|key| key.strip_prefix(&prefix).map(str::to_owned))
            else {
                return;
            };
            if module.contains('/') {
                return;
            }
            match event.new_value() {
                None => on_change(module, None),
                Some(text) => {
                    if let Ok(record) = parse_record(&module, &text) {
                        on_change(module, Some(record));
                    }
                }
            }
        })
    }

    /// Calls `on_event` with each write another tab makes to this store's storage. Dropping
    /// the returned `Watch` stops it; `None` when storage is memory only.
    fn watch_events(
        &self,
        mut on_event: impl FnMut(&web_sys::StorageEvent) + 'static,
    ) -> Option<Watch> {
        let Backend::Local(local) = &self.backend else {
            return None;
        };
        let local = local.clone();
        let listener = Closure::<dyn FnMut(web_sys::StorageEvent)>::new(
            move |event: web_sys::StorageEvent| {
                let ours = event
                    .storage_area()
                    .is_some_and(|area| js_sys::Object::is(&area, &local));
                if ours {
                    on_event(&event);
                }
            },
        );
        web_sys::window()?
            .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref())
            .ok()?;
        Some(Watch { listener })
    }

    /// The interface language the learner chose (a tag such as `es`), if they chose one.
    pub fn language(&self) -> Option<String> {
        self.get(&self.keys.language)
    }

    /// Remembers the learner's choice of language.
    pub fn set_language(&self, tag: &str) -> Result<(), StorageError> {
        self.set(&self.keys.language, tag)
    }

    /// Calls `on_change` when another tab changes the chosen language. Dropping the returned
    /// `Watch` stops it; `None` when storage is memory only.
    pub fn watch_language(&self, mut on_change: impl FnMut() + 'static) -> Option<Watch> {
        let key = self.keys.language.clone();
        self.watch_events(move |event| {
            if event.key().as_deref() == Some(key.as_str()) {
                on_change();
            }
        })
    }

    /// The trainer's group session for a module, if one was left open. One that cannot be
    /// read (damaged, or from another PeerPath) is treated as none: the trainer starts anew.
    pub fn group_session(&self, module: &str) -> Option<GroupSession> {
        let text = self.get(&format!("{}{module}", self.keys.trainer))?;
        from_json::<GroupSession>(&text)
            .ok()
            .filter(|group| group.version <= GROUP_VERSION && group.module == module)
    }

    /// Keeps the trainer's group session, so closing a window does not lose it.
    pub fn save_group_session(&self, group: &GroupSession) -> Result<(), StorageError> {
        let text = to_json(group).map_err(|detail| StorageError::Unwritable {
            module: group.module.clone(),
            detail,
        })?;
        self.set(&format!("{}{}", self.keys.trainer, group.module), &text)
    }

    /// Ends the trainer's group session for a module.
    pub fn clear_group_session(&self, module: &str) {
        self.remove_key(&format!("{}{module}", self.keys.trainer));
    }

    /// The xAPI statements waiting for the LRS at `endpoint`, oldest first. A list that
    /// cannot be read is left where it is and reads as empty (never overwritten by a guess:
    /// see [`Store::save_outbox`]).
    pub fn outbox(&self, endpoint: &str) -> Vec<Pending> {
        self.get(&format!("{}{endpoint}", self.keys.outbox))
            .and_then(|text| from_json::<Outbox>(&text).ok())
            .filter(|outbox| outbox.version == OUTBOX_VERSION)
            .map(|outbox| outbox.pending)
            .unwrap_or_default()
    }

    /// Changes the statements waiting for `endpoint`: reads what storage holds now (another
    /// tab may have added some), applies `change`, and writes it back, all in one task.
    pub fn change_outbox(
        &self,
        endpoint: &str,
        change: impl FnOnce(&mut Vec<Pending>),
    ) -> Result<Vec<Pending>, StorageError> {
        let key = format!("{}{endpoint}", self.keys.outbox);
        let text = self.get(&key);
        let mut outbox =
            match text.as_deref().map(from_json::<Outbox>) {
                None => Outbox {
                    version: OUTBOX_VERSION,
                    pending: Vec::new(),
                },
                Some(Ok(outbox)) if outbox.version == OUTBOX_VERSION => outbox,
                // Damaged or another version's: keep it, and keep new statements elsewhere.
                Some(_) => return Err(StorageError::Unwritable {
                    module: "xAPI".into(),
                    detail:
                        "the waiting statements were written in a form this PeerPath cannot read"
                            .into(),
                }),
            };
        change(&mut outbox.pending);
        if outbox.pending.is_empty() {
            self.remove_key(&key);
        } else {
            let text = to_json(&outbox).map_err(|detail| StorageError::Unwritable {
                module: "xAPI".into(),
                detail,
            })?;
            self.set(&key, &text)?;
        }
        Ok(outbox.pending)
    }

    /// Forgets the outboxes of `endpoint`'s other cmi5 sessions (keyed `{endpoint}#…`), all
    /// but `keep`: their statements are stale once the LMS has started a new session.
    pub fn drop_outboxes_like(&self, endpoint: &str, keep: &str) {
        let prefix = format!("{}{endpoint}#", self.keys.outbox);
        let keep = format!("{}{keep}", self.keys.outbox);
        for key in self.keys() {
            if key.starts_with(&prefix) && key != keep {
                self.remove_key(&key);
            }
        }
    }

    /// The anonymous learner's id on this site (a UUID made once, then kept), for xAPI when
    /// the embedding page names no one.
    pub fn anonymous_learner(&self) -> String {
        if let Some(id) = self
            .get(&self.keys.learner)
            .filter(|id| peerpath_engine::report::xapi::is_uuid(id))
        {
            return id;
        }
        let id = random_uuid();
        let _ = self.set(&self.keys.learner, &id);
        id
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

/// A module's stored text as a record: a newer PeerPath's is left as such; anything else must
/// be this module's progress with every value in range. The error says what is wrong.
fn parse_record(module: &str, text: &str) -> Result<Record, String> {
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    if let Ok(Version { version }) = from_json::<Version>(text) {
        if version > PROGRESS_VERSION {
            return Ok(Record::TooNew { version });
        }
    }
    let progress = from_json::<ModuleProgress>(text)?;
    if progress.module != module {
        return Err(format!("it belongs to module `{}`", progress.module));
    }
    progress.validate().map_err(|error| error.to_string())?;
    Ok(Record::Kept(progress))
}

/// Everything the book holds, as an export file's text (readable JSON). An error instead of
/// an empty or partial file.
pub fn export_text(book: &ProgressBook, now: f64) -> Result<String, String> {
    let modules = book
        .records
        .values()
        .filter_map(|record| match record {
            Record::Kept(progress) => Some(progress.clone()),
            Record::TooNew { .. } => None,
        })
        .collect();
    let export = ProgressExport::new(modules, now);
    export
        .validate()
        .map_err(|error| format!("the progress on this device is not valid: {error}"))?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = export
        .serialize(&serializer)
        .map_err(|error| error.to_string())?;
    js_sys::JSON::stringify_with_replacer_and_space(
        &value,
        &wasm_bindgen::JsValue::NULL,
        &wasm_bindgen::JsValue::from_f64(2.0),
    )
    .ok()
    .and_then(|text| text.as_string())
    .filter(|text| !text.is_empty())
    .ok_or_else(|| "the browser could not write the file".to_owned())
}

/// Reads an export file and checks every value in it before anything is merged.
pub fn read_import(text: &str, book: &ProgressBook) -> Result<Vec<ModuleProgress>, ImportProblem> {
    let export = from_json::<ProgressExport>(text).map_err(ImportProblem::Unreadable)?;
    export.validate().map_err(ImportProblem::Refused)?;
    if let Some((module, version)) = book.import_blocked_by(&export.modules) {
        return Err(ImportProblem::NewerHere { module, version });
    }
    Ok(export.modules)
}
