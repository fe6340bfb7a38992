//! A learner's progress: what the app saves about each module, as plain versioned data, and
//! how two copies of it merge (two tabs, or an import from another device).
//!
//! The app decides where this lives; the engine only defines it. Times are milliseconds since
//! the Unix epoch, as the browser gives them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::event::Event;
use crate::module::Outcome;
use crate::save::{SavedDecision, SavedSession};

/// The version of [`ModuleProgress`] this engine writes. Version 1 is the first released one;
/// a later version adds a `From` conversion from the previous shape here, and a fixture of
/// every released version stays in the tests.
pub const PROGRESS_VERSION: u32 = 1;

/// The version of [`ProgressExport`] files this engine writes.
pub const EXPORT_VERSION: u32 = 1;

/// A gap longer than this between two steps counts as a break, not as time spent.
pub const IDLE_CAP_MS: u64 = 5 * 60 * 1000;

/// The largest counter PeerPath keeps (revisions, milliseconds): 2^53 - 1, the largest whole
/// number a browser's JSON keeps exactly. Counters stop here rather than go past it.
pub const MAX_COUNTER: u64 = (1 << 53) - 1;

/// The latest time a record may carry: 1 January 2200, in ms since the epoch. Anything later
/// is not a time PeerPath wrote, and browsers cannot show dates much past it.
pub const LATEST_TIME: f64 = 7_258_118_400_000.0;

/// Limits on what one record may hold, far above what a learner ever writes, so a hostile
/// file cannot fill storage or slow every page that reads it.
pub mod limits {
    /// Finished attempts in one module's record.
    pub const ATTEMPTS: usize = 10_000;
    /// Decisions in one attempt.
    pub const DECISIONS: usize = 10_000;
    /// Reflection notes in one module's record.
    pub const REFLECTIONS: usize = 1_000;
    /// Characters in one reflection note.
    pub const NOTE_CHARS: usize = 50_000;
    /// Characters in an id (attempt, scene, choice, ending, reflection key).
    pub const ID_CHARS: usize = 200;
    /// Modules in one export file.
    pub const MODULES: usize = 1_000;
}

/// Everything kept about one module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleProgress {
    /// The shape this record was written in ([`PROGRESS_VERSION`] or older).
    pub version: u32,
    /// The id of the module the record is about.
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
    /// How the learner chose to play this module; `None` until they choose (practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<PlayMode>,
}

/// The attempt being played (or just finished), with enough to resume it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentAttempt {
    /// Unique across devices, so merged histories never double-count an attempt.
    pub id: String,
    /// When the attempt began, in ms since the epoch.
    pub started_at: f64,
    /// When the attempt last moved on, in ms since the epoch; the later copy wins a merge.
    pub updated_at: f64,
    /// Time spent on this attempt, with breaks left out (see [`IDLE_CAP_MS`]).
    pub active_ms: u64,
    /// Where the attempt stands, to resume from.
    pub session: SavedSession,
    /// Played in assessment mode: feedback, ratings and meters held until the debrief.
    #[serde(default, skip_serializing_if = "is_false")]
    pub assessment: bool,
}

/// A finished attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// The attempt's id, as it was while current.
    pub id: String,
    /// When the attempt began, in ms since the epoch.
    pub started_at: f64,
    /// When the ending was reached, in ms since the epoch.
    pub finished_at: f64,
    /// Time spent on the attempt, with breaks left out (see [`IDLE_CAP_MS`]).
    pub active_ms: u64,
    /// The id of the ending reached.
    pub ending: String,
    /// How that ending turned out.
    pub outcome: Outcome,
    /// The path taken.
    pub decisions: Vec<SavedDecision>,
    /// Played in assessment mode: feedback, ratings and meters held until the debrief.
    #[serde(default, skip_serializing_if = "is_false")]
    pub assessment: bool,
}

/// A note the learner typed at one of an ending's reflection prompts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reflection {
    /// What the learner wrote.
    pub text: String,
    /// When they last changed it, in ms since the epoch; the later note wins a merge.
    pub updated_at: f64,
}

/// The learner's choice of how to play a module, and when they made it (in a merge, the
/// later choice wins).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PlayMode {
    /// Hold feedback, ratings and meter changes until the debrief.
    pub assessment: bool,
    /// When the learner chose, in ms since the epoch.
    pub chosen_at: f64,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Where a learner stands in a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Never played, or only started over.
    NotStarted,
    /// An attempt is under way.
    InProgress,
    /// Finished at least once; the best outcome reached.
    Completed(Outcome),
}

/// The key of a reflection note: the ending and the prompt's position in it.
pub fn reflection_key(ending: &str, prompt: usize) -> String {
    format!("{ending}/{prompt}")
}

impl ModuleProgress {
    /// An empty record for the module with this id.
    pub fn new(module: &str) -> Self {
        ModuleProgress {
            version: PROGRESS_VERSION,
            module: module.to_owned(),
            revision: 0,
            current: None,
            attempts: Vec::new(),
            reflections: BTreeMap::new(),
            mode: None,
        }
    }

    /// The best outcome of any finished attempt.
    pub fn best_outcome(&self) -> Option<Outcome> {
        self.attempts.iter().map(|a| a.outcome).min()
    }

    /// Whether the current attempt has reached its ending.
    pub fn current_is_finished(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|current| self.attempts.iter().any(|a| a.id == current.id))
    }

    /// Where the learner stands in the module, for the catalog.
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

    /// The events of a step in attempt `attempt` that this record does not hold yet: facts
    /// that another tab (or an earlier page load) already recorded are left out, so a host
    /// that reports only these reports each fact once.
    pub fn news(&self, attempt: &str, events: &[Event]) -> Vec<Event> {
        let finished = self.attempts.iter().any(|a| a.id == attempt);
        let (decided, reviewing) = self
            .current
            .as_ref()
            .filter(|current| current.id == attempt)
            .map_or((0, false), |current| {
                (current.session.decisions.len(), current.session.reviewing)
            });
        events
            .iter()
            .filter(|event| match event {
                Event::Restarted => self.current.as_ref().is_none_or(|c| c.id != attempt),
                Event::SceneShown { step, .. } => {
                    !finished && (*step > decided + 1 || (*step == decided + 1 && reviewing))
                }
                Event::Decided { step, .. } => !finished && *step > decided,
                Event::Completed { .. } => !finished,
            })
            .cloned()
            .collect()
    }

    /// Records a step of play in attempt `attempt`: the session as it now stands and the
    /// events the step caused. A new attempt id (after a restart, or on the first step)
    /// begins a new current attempt; a completion adds the attempt to the history, once.
    pub fn record(&mut self, attempt: &str, session: &SavedSession, events: &[Event], now: f64) {
        let news = self.news(attempt, events);
        let current = match self.current.take() {
            Some(mut current) if current.id == attempt => {
                if current.session != *session {
                    let gap = (now - current.updated_at).clamp(0.0, IDLE_CAP_MS as f64);
                    // In range by the clamp: 0..=IDLE_CAP_MS, a whole number of ms after floor.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let gap = gap.floor() as u64;
                    current.active_ms = current.active_ms.saturating_add(gap).min(MAX_COUNTER);
                    current.updated_at = now.max(current.updated_at);
                    current.session = session.clone();
                }
                current
            }
            _ => CurrentAttempt {
                id: attempt.to_owned(),
                started_at: now,
                updated_at: now,
                active_ms: 0,
                session: session.clone(),
                // A new attempt is played the way the learner chose for the module.
                assessment: self.assessment(),
            },
        };
        for event in &news {
            if let Event::Completed {
                ending, outcome, ..
            } = event
            {
                self.attempts.push(Attempt {
                    id: current.id.clone(),
                    started_at: current.started_at,
                    finished_at: now,
                    active_ms: current.active_ms,
                    ending: ending.clone(),
                    outcome: *outcome,
                    decisions: current.session.decisions.clone(),
                    assessment: current.assessment,
                });
            }
        }
        self.current = Some(current);
        self.bump();
    }

    /// Whether new attempts are played in assessment mode.
    pub fn assessment(&self) -> bool {
        self.mode.is_some_and(|mode| mode.assessment)
    }

    /// Remembers how the learner wants to play this module from the next attempt on.
    pub fn choose_mode(&mut self, assessment: bool, now: f64) {
        self.mode = Some(PlayMode {
            assessment,
            chosen_at: now,
        });
        self.bump();
    }

    /// Ends the current attempt without a trace in the history (starting over); finished
    /// attempts and reflections stay.
    pub fn clear_current(&mut self) {
        self.current = None;
        self.bump();
    }

    /// Saves the learner's note for the reflection prompt `key` (see [`reflection_key`]).
    pub fn set_reflection(&mut self, key: &str, text: &str, now: f64) {
        self.reflections.insert(
            key.to_owned(),
            Reflection {
                text: text.to_owned(),
                updated_at: now,
            },
        );
        self.bump();
    }

    fn bump(&mut self) {
        self.revision = self.revision.saturating_add(1).min(MAX_COUNTER);
    }

    /// Whether two records hold the same things, whatever their revisions.
    pub fn same_content(&self, other: &ModuleProgress) -> bool {
        self.version == other.version
            && self.module == other.module
            && self.current == other.current
            && self.attempts == other.attempts
            && self.reflections == other.reflections
            && self.mode == other.mode
    }

    /// Checks that every value is one PeerPath could have written: counters within
    /// [`MAX_COUNTER`], times finite and between the epoch and [`LATEST_TIME`], ids and notes
    /// within [`limits`]. Storage and imports refuse records that fail.
    pub fn validate(&self) -> Result<(), ImportError> {
        let check = Checks {
            module: &self.module,
        };
        if self.version > PROGRESS_VERSION {
            return Err(ImportError::ModuleTooNew {
                module: self.module.clone(),
                version: self.version,
            });
        }
        if !crate::module::is_valid_id(&self.module) || self.module.len() > limits::ID_CHARS {
            return Err(ImportError::BadModuleId {
                module: self.module.clone(),
            });
        }
        check.counter("revision", self.revision)?;
        check.count("attempts", self.attempts.len(), limits::ATTEMPTS)?;
        check.count("reflections", self.reflections.len(), limits::REFLECTIONS)?;
        if let Some(current) = &self.current {
            check.id("current.id", &current.id)?;
            check.time("current.started_at", current.started_at)?;
            check.time("current.updated_at", current.updated_at)?;
            check.counter("current.active_ms", current.active_ms)?;
            check.session(&current.session)?;
        }
        for attempt in &self.attempts {
            check.id("attempts.id", &attempt.id)?;
            check.id("attempts.ending", &attempt.ending)?;
            check.time("attempts.started_at", attempt.started_at)?;
            check.time("attempts.finished_at", attempt.finished_at)?;
            check.counter("attempts.active_ms", attempt.active_ms)?;
            check.decisions("attempts.decisions", &attempt.decisions)?;
        }
        if let Some(mode) = &self.mode {
            check.time("mode.chosen_at", mode.chosen_at)?;
        }
        for (key, reflection) in &self.reflections {
            check.id("reflections key", key)?;
            check.time("reflections.updated_at", reflection.updated_at)?;
            check.count(
                "reflections.text",
                reflection.text.chars().count(),
                limits::NOTE_CHARS,
            )?;
        }
        Ok(())
    }

    /// Merges `other` (another tab's copy, or an import) into this one without losing
    /// anything newer: every attempt from both, each reflection's newer text, and the more
    /// recently played current attempt. The result is the same whichever copy merges the
    /// other, and merging a copy with itself changes nothing, not even the revision, so two
    /// tabs that merge each other's writes settle instead of writing back and forth.
    pub fn merge(&mut self, other: &ModuleProgress) -> MergeReport {
        let mut report = MergeReport::default();
        let mut merged = self.clone();
        for attempt in &other.attempts {
            match merged.attempts.iter_mut().find(|a| a.id == attempt.id) {
                None => {
                    merged.attempts.push(attempt.clone());
                    report.attempts_added += 1;
                }
                Some(mine) => {
                    if later_attempt(attempt, mine) {
                        *mine = attempt.clone();
                    }
                }
            }
        }
        merged.attempts.sort_by(|a, b| {
            a.finished_at
                .total_cmp(&b.finished_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        for (key, theirs) in &other.reflections {
            let newer = merged
                .reflections
                .get(key)
                .is_none_or(|mine| later_reflection(theirs, mine));
            if newer {
                merged.reflections.insert(key.clone(), theirs.clone());
                report.reflections_updated += 1;
            }
        }
        match (&self.current, &other.current) {
            (None, Some(theirs)) => {
                merged.current = Some(theirs.clone());
                report.position = PositionMerge::Taken;
            }
            (Some(mine), Some(theirs)) if mine == theirs => {}
            (Some(mine), Some(theirs)) if later_current(theirs, mine) => {
                report.position =
                    if mine.id != theirs.id && !merged.attempts.iter().any(|a| a.id == mine.id) {
                        PositionMerge::ReplacedOlder
                    } else {
                        PositionMerge::Taken
                    };
                merged.current = Some(theirs.clone());
            }
            (Some(_), Some(_)) => report.position = PositionMerge::KeptNewer,
            (_, None) => {}
        }
        if let Some(theirs) = other.mode {
            let newer =
                merged
                    .mode
                    .is_none_or(|mine| match theirs.chosen_at.total_cmp(&mine.chosen_at) {
                        std::cmp::Ordering::Equal => theirs.assessment && !mine.assessment,
                        order => order.is_gt(),
                    });
            if newer {
                merged.mode = Some(theirs);
            }
        }
        merged.version = self.version.max(other.version);
        merged.revision = if merged.same_content(self) && self.revision >= other.revision {
            self.revision
        } else if merged.same_content(other) && other.revision >= self.revision {
            other.revision
        } else {
            self.revision
                .max(other.revision)
                .saturating_add(1)
                .min(MAX_COUNTER)
        };
        *self = merged;
        report
    }
}

/// Whether `a` should replace `b`, two copies of the same attempt: the later finish wins,
/// and a tie is broken by content, so either copy merging the other agrees.
fn later_attempt(a: &Attempt, b: &Attempt) -> bool {
    match a.finished_at.total_cmp(&b.finished_at) {
        std::cmp::Ordering::Equal => tie_break(a, b),
        order => order.is_gt(),
    }
}

fn later_reflection(a: &Reflection, b: &Reflection) -> bool {
    match a.updated_at.total_cmp(&b.updated_at) {
        std::cmp::Ordering::Equal => a.text > b.text,
        order => order.is_gt(),
    }
}

fn later_current(a: &CurrentAttempt, b: &CurrentAttempt) -> bool {
    match a.updated_at.total_cmp(&b.updated_at) {
        std::cmp::Ordering::Equal => tie_break(a, b),
        order => order.is_gt(),
    }
}

/// A total order on two values that compare equal on time: by their JSON, which holds every
/// field. Serializing these plain records cannot fail; if it did, neither side wins.
fn tie_break<T: Serialize>(a: &T, b: &T) -> bool {
    match (serde_json::to_string(a), serde_json::to_string(b)) {
        (Ok(a), Ok(b)) => a > b,
        _ => false,
    }
}

/// Range checks for one module's record, naming the module in every error.
struct Checks<'a> {
    module: &'a str,
}

impl Checks<'_> {
    fn out_of_range(&self, field: &'static str, value: String) -> ImportError {
        ImportError::OutOfRange {
            module: self.module.to_owned(),
            field,
            value,
        }
    }

    fn counter(&self, field: &'static str, value: u64) -> Result<(), ImportError> {
        if value > MAX_COUNTER {
            return Err(self.out_of_range(field, value.to_string()));
        }
        Ok(())
    }

    fn time(&self, field: &'static str, value: f64) -> Result<(), ImportError> {
        if !(value.is_finite() && (0.0..=LATEST_TIME).contains(&value)) {
            return Err(self.out_of_range(field, value.to_string()));
        }
        Ok(())
    }

    fn count(&self, field: &'static str, length: usize, limit: usize) -> Result<(), ImportError> {
        if length > limit {
            return Err(ImportError::TooLong {
                module: self.module.to_owned(),
                field,
                length,
                limit,
            });
        }
        Ok(())
    }

    fn id(&self, field: &'static str, value: &str) -> Result<(), ImportError> {
        if value.is_empty() {
            return Err(self.out_of_range(field, "an empty id".to_owned()));
        }
        self.count(field, value.chars().count(), limits::ID_CHARS)
    }

    fn decisions(
        &self,
        field: &'static str,
        decisions: &[SavedDecision],
    ) -> Result<(), ImportError> {
        self.count(field, decisions.len(), limits::DECISIONS)?;
        for decision in decisions {
            self.id(field, &decision.scene)?;
            self.id(field, &decision.choice)?;
        }
        Ok(())
    }

    fn session(&self, session: &SavedSession) -> Result<(), ImportError> {
        if session.module != self.module {
            return Err(self.out_of_range("current.session.module", session.module.clone()));
        }
        self.decisions("current.session.decisions", &session.decisions)
    }
}

/// What a merge changed, to tell the learner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Finished attempts this copy did not have.
    pub attempts_added: usize,
    /// Reflection notes that were new or newer in the other copy.
    pub reflections_updated: usize,
    /// What happened to the attempt in progress.
    pub position: PositionMerge,
}

/// What a merge did with the attempt in progress.
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
    /// The shape this file was written in ([`EXPORT_VERSION`] or older).
    pub version: u32,
    /// When the file was made, in ms since the epoch.
    pub exported_at: f64,
    /// Each module's record, at most one per module.
    pub modules: Vec<ModuleProgress>,
}

/// What every export file's `kind` says.
pub const EXPORT_KIND: &str = "PeerPath progress";

/// Why an import file was refused. The file's fault; nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not a PeerPath progress file.
    NotAnExport,
    /// Written by a newer PeerPath.
    TooNew {
        /// The file's export version.
        version: u32,
    },
    /// A module's record is from a newer PeerPath.
    ModuleTooNew {
        /// The module's id.
        module: String,
        /// The record's progress version.
        version: u32,
    },
    /// A module id that cannot be one of ours.
    BadModuleId {
        /// The id as the file gives it.
        module: String,
    },
    /// The same module twice.
    Duplicate {
        /// The module's id.
        module: String,
    },
    /// A number PeerPath never writes: a counter past [`MAX_COUNTER`], a time that is not
    /// finite or not between the epoch and [`LATEST_TIME`], an empty id.
    OutOfRange {
        /// The module's id; empty when the value belongs to the file itself.
        module: String,
        /// Which field, as the file spells it.
        field: &'static str,
        /// The value found, as text.
        value: String,
    },
    /// A text or list longer than PeerPath ever writes (see [`limits`]).
    TooLong {
        /// The module's id.
        module: String,
        /// Which field, as the file spells it.
        field: &'static str,
        /// How many characters or entries it holds.
        length: usize,
        /// How many are allowed.
        limit: usize,
    },
    /// More modules than one file may hold.
    TooManyModules {
        /// How many modules the file holds.
        count: usize,
        /// How many are allowed ([`limits::MODULES`]).
        limit: usize,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotAnExport => f.write_str("this file is not a PeerPath progress export"),
            ImportError::TooNew { version } => write!(f, "this file was exported by a newer version of PeerPath (export format {version}); this version reads format {EXPORT_VERSION}"),
            ImportError::ModuleTooNew { module, version } => write!(f, "the progress for “{module}” in this file comes from a newer version of PeerPath (format {version})"),
            ImportError::BadModuleId { module } => write!(f, "the file names a module “{module}”, which is not a valid module id"),
            ImportError::Duplicate { module } => write!(f, "the file lists the module “{module}” twice"),
            ImportError::OutOfRange { module, field, value } if module.is_empty() => write!(f, "the file has {field} = {value}, which PeerPath never writes"),
            ImportError::OutOfRange { module, field, value } => write!(f, "the progress for “{module}” has {field} = {value}, which PeerPath never writes"),
            ImportError::TooLong { module, field, length, limit } => write!(f, "the progress for “{module}” is too long in {field} ({length}, where at most {limit} are allowed)"),
            ImportError::TooManyModules { count, limit } => write!(f, "the file holds progress for {count} modules; at most {limit} are allowed"),
        }
    }
}

impl std::error::Error for ImportError {}

impl ProgressExport {
    /// An export of these records, made at `now`.
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
        if self.modules.len() > limits::MODULES {
            return Err(ImportError::TooManyModules {
                count: self.modules.len(),
                limit: limits::MODULES,
            });
        }
        if !(self.exported_at.is_finite() && (0.0..=LATEST_TIME).contains(&self.exported_at)) {
            return Err(ImportError::OutOfRange {
                module: String::new(),
                field: "exported_at",
                value: self.exported_at.to_string(),
            });
        }
        let mut seen = std::collections::BTreeSet::new();
        for progress in &self.modules {
            progress.validate()?;
            if !seen.insert(progress.module.as_str()) {
                return Err(ImportError::Duplicate {
                    module: progress.module.clone(),
                });
            }
        }
        Ok(())
    }
}
