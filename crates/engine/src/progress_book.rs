//! Every module's progress on one device, and the things that change it, as one value.
//!
//! This is the heart of the app's progress store: the app keeps a `ProgressBook` in a
//! reducer and applies [`ProgressAction`]s to it, then writes what changed. Applying is pure
//! (no storage, no clock: times come in the actions), so it is tested natively.

use std::collections::BTreeMap;

use crate::event::Event;
use crate::progress::{MergeReport, ModuleProgress};
use crate::save::SavedSession;

/// What the device holds for one module.
// A book holds one record per module, a handful at most, so the size of the rare `TooNew`
// does not matter; boxing `Kept` would only add noise to every match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// Progress this PeerPath reads and writes.
    Kept(ModuleProgress),
    /// Progress written by a newer PeerPath: shown as unreadable, never changed.
    TooNew {
        /// The record's format version.
        version: u32,
    },
}

/// Every module's progress, by module id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgressBook {
    /// The records, by module id.
    pub records: BTreeMap<String, Record>,
}

/// A change to the learner's progress.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgressAction {
    /// A step of play: the session as it now stands, and the events the step caused.
    Record {
        /// The module played.
        module: String,
        /// The attempt's id; a new one begins a new attempt.
        attempt: String,
        /// The session after the step.
        session: SavedSession,
        /// What the step caused, as the engine reported it.
        events: Vec<Event>,
        /// When, in ms since the epoch.
        now: f64,
    },
    /// A reflection note, saved as the learner types.
    Reflect {
        /// The module whose debrief it is.
        module: String,
        /// The note's key (see [`crate::progress::reflection_key`]).
        key: String,
        /// The whole text of the note.
        text: String,
        /// When, in ms since the epoch.
        now: f64,
    },
    /// How the learner wants to play a module from the next attempt on.
    ChooseMode {
        /// The module.
        module: String,
        /// Hold feedback, ratings and meters until the debrief.
        assessment: bool,
        /// When, in ms since the epoch.
        now: f64,
    },
    /// Leave the current attempt to start over; history and notes stay.
    StartOver {
        /// The module.
        module: String,
    },
    /// Records from an export file, already validated: merged, never replacing newer.
    Import(Vec<ModuleProgress>),
    /// Forget one module's progress.
    Reset {
        /// The module.
        module: String,
    },
    /// Forget every module's progress except records from a newer PeerPath.
    ResetAll,
    /// Another tab wrote (or removed, with `None`) a module's record.
    Arrived {
        /// The module.
        module: String,
        /// What the other tab left in storage.
        record: Option<Record>,
    },
}

impl ProgressBook {
    /// A module's progress, when this PeerPath can read it.
    pub fn progress(&self, module: &str) -> Option<&ModuleProgress> {
        match self.records.get(module) {
            Some(Record::Kept(progress)) => Some(progress),
            _ => None,
        }
    }

    /// Whether a module's progress may be changed (not a newer PeerPath's record).
    pub fn may_save(&self, module: &str) -> bool {
        !matches!(self.records.get(module), Some(Record::TooNew { .. }))
    }

    /// The events of a step that are news to the stored record (see
    /// [`ModuleProgress::news`]); all of them when nothing is stored yet.
    pub fn news(&self, module: &str, attempt: &str, events: &[Event]) -> Vec<Event> {
        match self.progress(module) {
            Some(progress) => progress.news(attempt, events),
            None => events.to_vec(),
        }
    }

    /// What importing these records would change, module by module, to tell the learner.
    /// Nothing is changed.
    pub fn import_report(&self, incoming: &[ModuleProgress]) -> Vec<(String, MergeReport)> {
        incoming
            .iter()
            .map(|theirs| {
                let mut mine = self
                    .progress(&theirs.module)
                    .cloned()
                    .unwrap_or_else(|| ModuleProgress::new(&theirs.module));
                (theirs.module.clone(), mine.merge(theirs))
            })
            .collect()
    }

    /// Whether an import would touch a newer PeerPath's record (and so must be refused whole).
    pub fn import_blocked_by(&self, incoming: &[ModuleProgress]) -> Option<(String, u32)> {
        incoming
            .iter()
            .find_map(|theirs| match self.records.get(&theirs.module) {
                Some(Record::TooNew { version }) => Some((theirs.module.clone(), *version)),
                _ => None,
            })
    }

    /// Applies a change. A change to a newer PeerPath's record is ignored: it is never touched.
    pub fn apply(&mut self, action: ProgressAction) {
        match action {
            ProgressAction::Record {
                module,
                attempt,
                session,
                events,
                now,
            } => {
                if let Some(progress) = self.kept_mut(&module) {
                    progress.record(&attempt, &session, &events, now);
                }
            }
            ProgressAction::Reflect {
                module,
                key,
                text,
                now,
            } => {
                if let Some(progress) = self.kept_mut(&module) {
                    progress.set_reflection(&key, &text, now);
                }
            }
            ProgressAction::ChooseMode {
                module,
                assessment,
                now,
            } => {
                if let Some(progress) = self.kept_mut(&module) {
                    progress.choose_mode(assessment, now);
                }
            }
            ProgressAction::StartOver { module } => {
                if let Some(progress) = self.kept_mut(&module) {
                    if progress.current.is_some() {
                        progress.clear_current();
                    }
                }
            }
            ProgressAction::Import(incoming) => {
                if self.import_blocked_by(&incoming).is_some() {
                    return;
                }
                for theirs in incoming {
                    if let Some(progress) = self.kept_mut(&theirs.module) {
                        progress.merge(&theirs);
                    }
                }
            }
            ProgressAction::Reset { module } => {
                if self.may_save(&module) {
                    self.records.remove(&module);
                }
            }
            ProgressAction::ResetAll => self
                .records
                .retain(|_, record| matches!(record, Record::TooNew { .. })),
            ProgressAction::Arrived { module, record } => {
                match (record, self.records.get_mut(&module)) {
                    (None, _) => {
                        self.records.remove(&module);
                    }
                    (Some(Record::Kept(theirs)), Some(Record::Kept(mine))) => {
                        mine.merge(&theirs);
                    }
                    (Some(theirs), _) => {
                        self.records.insert(module, theirs);
                    }
                }
            }
        }
    }

    /// The record to change for `module`, made when there is none; `None` for a newer
    /// PeerPath's record, which is never changed.
    fn kept_mut(&mut self, module: &str) -> Option<&mut ModuleProgress> {
        let record = self
            .records
            .entry(module.to_owned())
            .or_insert_with(|| Record::Kept(ModuleProgress::new(module)));
        match record {
            Record::Kept(progress) => Some(progress),
            Record::TooNew { .. } => None,
        }
    }
}
