//! A learner's progress: what the app saves about each module, as plain versioned data, and
//! how two copies of it merge (two tabs, or an import from another device).
//!
//! The app decides where this lives; the engine only defines it. Times are milliseconds since
//! the Unix epoch, as the browser gives them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::module::{Module, Outcome};
use crate::save::{SavedDecision, SavedSession};
use crate::session::{Phase, Session};

/// The version of [`ModuleProgress`] this engine writes. Version 1 is the first released one;
/// a later version adds a `From` conversion from the previous shape here, and a fixture of
/// every released version stays in the tests.
pub const PROGRESS_VERSION: u32 = 1;

/// The version of [`ProgressExport`] files this engine writes.
pub const EXPORT_VERSION: u32 = 1;

/// A gap longer than this between two steps counts as a break, not as time spent.
pub const IDLE_CAP_MS: u64 = 5 * 60 * 1000;

/// Everything kept about one module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleProgress {
    pub version: u32,
    pub module: String,
    /// Goes up by one with every write, so a copy can tell it is behind.
    pub revision: u64,
    /// The attempt on screen: in progress, or finished and showing its debrief.
    pub current: Option<CurrentAttempt>,
    /// Every finished attempt, oldest first.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Notes typed at the debrief's reflection prompts, by [`reflection_key`].
    #[serde(default)]
    pub reflections: BTreeMap<String, Reflection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentAttempt {
    /// Unique across devices, so merged histories never double-count an attempt.
    pub id: String,
    pub started_at: f64,
    pub updated_at: f64,
    /// Time spent on this attempt, with breaks left out (see [`IDLE_CAP_MS`]).
    pub active_ms: u64,
    pub session: SavedSession,
}

/// A finished attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub id: String,
    pub started_at: f64,
    pub finished_at: f64,
    pub active_ms: u64,
    /// The id of the ending reached.
    pub ending: String,
    pub outcome: Outcome,
    /// The path taken.
    pub decisions: Vec<SavedDecision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reflection {
    pub text: String,
    pub updated_at: f64,
}

/// Where a learner stands in a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    InProgress,
    /// Finished at least once; the best outcome reached.
    Completed(Outcome),
}

/// The key of a reflection note: the ending and the prompt's position in it.
pub fn reflection_key(ending: &str, prompt: usize) -> String {
    format!("{ending}/{prompt}")
}

impl ModuleProgress {
    pub fn new(module: &str) -> Self {
        ModuleProgress {
            version: PROGRESS_VERSION,
            module: module.to_owned(),
            revision: 0,
            current: None,
            attempts: Vec::new(),
            reflections: BTreeMap::new(),
        }
    }

    pub fn best_outcome(&self) -> Option<Outcome> {
        self.attempts.iter().map(|a| a.outcome).min()
    }

    /// Whether the current attempt has reached its ending.
    pub fn current_is_finished(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|current| self.attempts.iter().any(|a| a.id == current.id))
    }

    pub fn status(&self) -> Status {
        match (
            self.current.is_some() && !self.current_is_finished(),
            self.best_outcome(),
        ) {
            (true, _) => Status::InProgress,
            (false, Some(best)) => Status::Completed(best),
            (false, None) => Status::NotStarted,
        }
    }

    /// Records the session after a step. Starts a new current attempt (with `fresh_id`) when
    /// there is none; when the session has just reached its ending, adds the attempt to the
    /// history, once.
    pub fn record(&mut self, module: &Module, session: &Session, now: f64, fresh_id: &str) {
        let saved = session.save(module);
        let current = self.current.get_or_insert_with(|| CurrentAttempt {
            id: fresh_id.to_owned(),
            started_at: now,
            updated_at: now,
            active_ms: 0,
            session: saved.clone(),
        });
        if current.session != saved {
            let gap = (now - current.updated_at).max(0.0) as u64;
            current.active_ms += gap.min(IDLE_CAP_MS);
            current.updated_at = now;
            current.session = saved;
        }
        let finished = match (session.ending(module), session.phase()) {
            (Some(ending), Phase::Deciding) => Some(ending),
            _ => None,
        };
        let current = current.clone();
        if let Some(ending) = finished {
            if !self.attempts.iter().any(|a| a.id == current.id) {
                self.attempts.push(Attempt {
                    id: current.id.clone(),
                    started_at: current.started_at,
                    finished_at: now,
                    active_ms: current.active_ms,
                    ending: ending.id.clone(),
                    outcome: ending.outcome,
                    decisions: current.session.decisions.clone(),
                });
            }
        }
        self.revision += 1;
    }

    /// Ends the current attempt without a trace in the history (starting over); finished
    /// attempts and reflections stay.
    pub fn clear_current(&mut self) {
        self.current = None;
        self.revision += 1;
    }

    pub fn set_reflection(&mut self, key: &str, text: &str, now: f64) {
        self.reflections.insert(
            key.to_owned(),
            Reflection {
                text: text.to_owned(),
                updated_at: now,
            },
        );
        self.revision += 1;
    }

    /// Merges `other` (another tab's copy, or an import) into this one without losing
    /// anything newer: every attempt from both, each reflection's newer text, and the more
    /// recently played current attempt.
    pub fn merge(&mut self, other: &ModuleProgress) -> MergeReport {
        let mut report = MergeReport::default();
        for attempt in &other.attempts {
            match self.attempts.iter_mut().find(|a| a.id == attempt.id) {
                None => {
                    self.attempts.push(attempt.clone());
                    report.attempts_added += 1;
                }
                Some(mine) if attempt.finished_at > mine.finished_at => *mine = attempt.clone(),
                Some(_) => {}
            }
        }
        self.attempts.sort_by(|a, b| {
            a.finished_at
                .total_cmp(&b.finished_at)
                .then(a.id.cmp(&b.id))
        });
        for (key, theirs) in &other.reflections {
            let newer = self
                .reflections
                .get(key)
                .is_none_or(|mine| theirs.updated_at > mine.updated_at);
            if newer {
                self.reflections.insert(key.clone(), theirs.clone());
                report.reflections_updated += 1;
            }
        }
        match (&self.current, &other.current) {
            (None, Some(theirs)) => {
                self.current = Some(theirs.clone());
                report.position = PositionMerge::Taken;
            }
            (Some(mine), Some(theirs)) if theirs.updated_at > mine.updated_at => {
                if mine.id != theirs.id && !self.attempts.iter().any(|a| a.id == mine.id) {
                    report.position = PositionMerge::ReplacedOlder;
                } else {
                    report.position = PositionMerge::Taken;
                }
                self.current = Some(theirs.clone());
            }
            (Some(_), Some(_)) => report.position = PositionMerge::KeptNewer,
            (_, None) => {}
        }
        self.revision = self.revision.max(other.revision) + 1;
        report
    }
}

/// What a merge changed, to tell the learner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub attempts_added: usize,
    pub reflections_updated: usize,
    pub position: PositionMerge,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PositionMerge {
    /// Nothing to merge.
    #[default]
    Unchanged,
    /// The other copy's place was taken (there was none here, or it is the same attempt, newer).
    Taken,
    /// This copy's place was newer and was kept.
    KeptNewer,
    /// An older unfinished attempt here gave way to a newer one from the other copy.
    ReplacedOlder,
}

/// An export file: every module's progress, to take to another device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressExport {
    /// Always "PeerPath progress", so a stray file is recognised as not one of ours.
    pub kind: String,
    pub version: u32,
    pub exported_at: f64,
    pub modules: Vec<ModuleProgress>,
}

pub const EXPORT_KIND: &str = "PeerPath progress";

/// Why an import file was refused. The file's fault; nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not a PeerPath progress file.
    NotAnExport,
    /// Written by a newer PeerPath.
    TooNew { version: u32 },
    /// A module's record is from a newer PeerPath.
    ModuleTooNew { module: String, version: u32 },
    /// A module id that cannot be one of ours.
    BadModuleId { module: String },
    /// The same module twice.
    Duplicate { module: String },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotAnExport => f.write_str("this file is not a PeerPath progress export"),
            ImportError::TooNew { version } => write!(f, "this file was exported by a newer version of PeerPath (export format {version}); this version reads format {EXPORT_VERSION}"),
            ImportError::ModuleTooNew { module, version } => write!(f, "the progress for “{module}” in this file comes from a newer version of PeerPath (format {version})"),
            ImportError::BadModuleId { module } => write!(f, "the file names a module “{module}”, which is not a valid module id"),
            ImportError::Duplicate { module } => write!(f, "the file lists the module “{module}” twice"),
        }
    }
}

impl std::error::Error for ImportError {}

impl ProgressExport {
    pub fn new(modules: Vec<ModuleProgress>, now: f64) -> Self {
        ProgressExport {
            kind: EXPORT_KIND.to_owned(),
            version: EXPORT_VERSION,
            exported_at: now,
            modules,
        }
    }

    /// Checks an export read from a file before anything is merged.
    pub fn validate(&self) -> Result<(), ImportError> {
        if self.kind != EXPORT_KIND {
            return Err(ImportError::NotAnExport);
        }
        if self.version > EXPORT_VERSION {
            return Err(ImportError::TooNew {
                version: self.version,
            });
        }
        let mut seen = std::collections::BTreeSet::new();
        for progress in &self.modules {
            if progress.version > PROGRESS_VERSION {
                return Err(ImportError::ModuleTooNew {
                    module: progress.module.clone(),
                    version: progress.version,
                });
            }
            if !crate::load::is_valid_id(&progress.module) {
                return Err(ImportError::BadModuleId {
                    module: progress.module.clone(),
                });
            }
            if !seen.insert(progress.module.as_str()) {
                return Err(ImportError::Duplicate {
                    module: progress.module.clone(),
                });
            }
        }
        Ok(())
    }
}
