//! Saved sessions: a small, versioned value that the host stores where it likes.
//!
//! A save records the module's id and the decisions made, by id. Restoring replays those
//! decisions on the module as it is now, so a save is never trusted blindly: state is always
//! recomputed, and a save made before the module changed resumes at the last point that still
//! exists.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::module::Module;
use crate::session::{Phase, PlayError, Session};

/// The save format this engine writes.
pub const SAVE_VERSION: u32 = 1;
/// The oldest save format this engine reads.
pub const MIN_SAVE_VERSION: u32 = 1;

/// A session as a serializable value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSession {
    /// The format this save was written in.
    pub version: u32,
    /// The oldest engine save format that can read it; a newer one is refused.
    pub min_reader: u32,
    /// The id of the module the session plays.
    pub module: String,
    /// The decisions made, oldest first, by id so they survive edits to the module.
    pub decisions: Vec<SavedDecision>,
    /// Whether the learner was reading the feedback on the last decision.
    pub reviewing: bool,
}

/// One decision in a save, by the ids the module file gives, not by position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDecision {
    /// The id of the scene the decision was made in.
    pub scene: String,
    /// The id of the choice made there.
    pub choice: String,
}

/// Why a save could not be restored. The save itself is the problem (corrupt, from a newer
/// PeerPath, or for another module); the host keeps it and tells the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// The text is not a save at all.
    Malformed {
        /// What the JSON reader could not make sense of.
        reason: String,
    },
    /// Written by a newer PeerPath that this one cannot read.
    TooNew {
        /// The save's format.
        version: u32,
        /// The oldest save format that can read it, newer than [`SAVE_VERSION`].
        min_reader: u32,
    },
    /// A save of another module.
    WrongModule {
        /// The id of the module being restored.
        expected: String,
        /// The id of the module the save belongs to.
        found: String,
    },
    /// Starting the module failed (a bug: checked modules always start).
    Play(PlayError),
}

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestoreError::Malformed { reason } => write!(f, "the saved progress is damaged: {reason}"),
            RestoreError::TooNew { version, .. } => write!(
                f,
                "the saved progress was written by a newer version of PeerPath (save format {version}); this version reads format {SAVE_VERSION}"
            ),
            RestoreError::WrongModule { expected, found } => {
                write!(f, "the saved progress is for module `{found}`, not `{expected}`")
            }
            RestoreError::Play(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for RestoreError {}

/// A restored session, and what of the save could not be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The session, as far as the save could be replayed.
    pub session: Session,
    /// Set when the module changed since the save and later decisions were dropped.
    pub dropped: Option<Dropped>,
}

/// The part of a save that no longer fits the module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// How many decisions were kept.
    pub kept: usize,
    /// How many were dropped.
    pub dropped: usize,
    /// Why the first dropped one could not be replayed.
    pub reason: String,
}

impl SavedSession {
    /// The save as compact JSON. An error is never turned into an empty string: a host
    /// that wrote one would replace a good save with nothing.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads a save, refusing one from a newer, incompatible PeerPath.
    pub fn from_json(text: &str) -> Result<SavedSession, RestoreError> {
        #[derive(Deserialize)]
        struct Versions {
            version: u32,
            min_reader: u32,
        }
        let versions: Versions =
            serde_json::from_str(text).map_err(|e| RestoreError::Malformed {
                reason: e.to_string(),
            })?;
        if versions.min_reader > SAVE_VERSION {
            return Err(RestoreError::TooNew {
                version: versions.version,
                min_reader: versions.min_reader,
            });
        }
        serde_json::from_str(text).map_err(|e| RestoreError::Malformed {
            reason: e.to_string(),
        })
    }
}

impl Session {
    /// The session as a value to store.
    pub fn save(&self, module: &Module) -> SavedSession {
        SavedSession {
            version: SAVE_VERSION,
            min_reader: MIN_SAVE_VERSION,
            module: self.module_id.clone(),
            decisions: self
                .decisions(module)
                .into_iter()
                .map(|(scene, choice)| SavedDecision {
                    scene: scene.id.clone(),
                    choice: choice.id.clone(),
                })
                .collect(),
            reviewing: self.phase == Phase::Reviewing,
        }
    }

    /// Rebuilds a session by replaying the saved decisions on `module`.
    pub fn restore(module: &Module, saved: &SavedSession) -> Result<Restored, RestoreError> {
        if saved.min_reader > SAVE_VERSION {
            return Err(RestoreError::TooNew {
                version: saved.version,
                min_reader: saved.min_reader,
            });
        }
        if saved.module != module.id {
            return Err(RestoreError::WrongModule {
                expected: module.id.clone(),
                found: saved.module.clone(),
            });
        }
        let mut session = Session::start(module).map_err(RestoreError::Play)?;
        for (kept, decision) in saved.decisions.iter().enumerate() {
            session.proceed_if_reviewing();
            let replayed = session
                .expect_scene(module, &decision.scene)
                .and_then(|()| {
                    session
                        .choose(module, &decision.choice)
                        .map_err(|e| e.to_string())
                });
            if let Err(reason) = replayed {
                session.proceed_if_reviewing();
                return Ok(Restored {
                    session,
                    dropped: Some(Dropped {
                        kept,
                        dropped: saved.decisions.len() - kept,
                        reason,
                    }),
                });
            }
        }
        if !saved.reviewing {
            session.proceed_if_reviewing();
        }
        Ok(Restored {
            session,
            dropped: None,
        })
    }

    fn proceed_if_reviewing(&mut self) {
        if self.phase == Phase::Reviewing {
            self.phase = Phase::Deciding;
        }
    }

    fn expect_scene(&self, module: &Module, scene: &str) -> Result<(), String> {
        let here = module.target_id(self.at);
        if here == scene {
            Ok(())
        } else {
            Err(format!(
                "the saved path was in scene `{scene}`, but the module now leads to `{here}`"
            ))
        }
    }
}
