//! A trainer's group session: one play-through that a room decides together, with hand-count
//! votes, what the trainer has revealed, and the freedom to step back ("what if we had chosen
//! B?"). Plain data like a save, so the presenter and audience windows share it as a value.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::module::{Module, Rating, Target};
use crate::save::{RestoreError, SavedDecision, SavedSession, MIN_SAVE_VERSION, SAVE_VERSION};
use crate::session::{Phase, PlayError, Session};

/// The version of [`GroupSession`] this engine writes. Version 2 keys votes by step and
/// scene (version 1 kept a list by step, so votes from one path showed on another).
pub const GROUP_VERSION: u32 = 2;

/// Where a group session stands. The presenter changes it; the audience only shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredGroup")]
pub struct GroupSession {
    /// The shape this session was stored in; older ones are read as [`GROUP_VERSION`].
    pub version: u32,
    /// The id of the module the room is playing.
    pub module: String,
    /// The group's decisions so far.
    pub decisions: Vec<SavedDecision>,
    /// Whether the feedback on the last decision is on screen.
    pub reviewing: bool,
    /// Hand counts per choice id, by [`vote_key`] (step and scene): going back and taking
    /// another path never shows one path's votes on another's scene.
    pub votes: BTreeMap<String, BTreeMap<String, u32>>,
    /// The audience sees the vote tally.
    pub show_votes: bool,
    /// The audience sees the feedback and rating of the group's choice.
    pub show_feedback: bool,
    /// The audience screen is blank (a pause for discussion).
    pub blank: bool,
    /// Assessment mode: the room decides without feedback, ratings or meters, and sees them
    /// all for every decision at the ending.
    #[serde(default, skip_serializing_if = "is_false")]
    pub assessment: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Why a group step was refused: the presenter asked for something the module does not offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupError {
    /// The session refused the step (a choice not offered, no feedback to move on from).
    Play(PlayError),
    /// The group's decisions could not be replayed as a save.
    Restore(RestoreError),
    /// The saved decisions no longer fit the module (it changed).
    Stale,
    /// Stepping back from the first scene.
    NothingBefore,
}

impl std::fmt::Display for GroupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GroupError::Play(error) => write!(f, "{error}"),
            GroupError::Restore(error) => write!(f, "{error}"),
            GroupError::Stale => f.write_str("the session's path no longer fits this module"),
            GroupError::NothingBefore => f.write_str("this is the first step"),
        }
    }
}

impl std::error::Error for GroupError {}

/// One decision of the group, for the session summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupDecision {
    /// The id of the scene the room decided in.
    pub scene: String,
    /// The id of the choice the room took.
    pub chosen: String,
    /// Votes per choice id, in the scene's choice order.
    pub votes: Vec<(String, u32)>,
    /// The ids of the choices the module rates as recommended.
    pub recommended: Vec<String>,
}

/// The key of the votes cast at decision `step` (from 1) in `scene`.
pub fn vote_key(step: usize, scene: &str) -> String {
    format!("{step}/{scene}")
}

/// A group session as stored by any released version, read before it becomes the current
/// shape: version 1's list of votes by step becomes votes by step and scene.
#[derive(Deserialize)]
struct StoredGroup {
    version: u32,
    module: String,
    decisions: Vec<SavedDecision>,
    reviewing: bool,
    votes: StoredVotes,
    show_votes: bool,
    show_feedback: bool,
    blank: bool,
    #[serde(default)]
    assessment: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StoredVotes {
    ByStepAndScene(BTreeMap<String, BTreeMap<String, u32>>),
    /// Version 1: index = step - 1. Each decision's scene is known from the path; the votes
    /// of the step on screen (past the last decision) cannot be placed and are dropped.
    ByStep(Vec<BTreeMap<String, u32>>),
}

impl From<StoredGroup> for GroupSession {
    fn from(stored: StoredGroup) -> Self {
        let votes = match stored.votes {
            StoredVotes::ByStepAndScene(votes) => votes,
            StoredVotes::ByStep(list) => list
                .into_iter()
                .zip(&stored.decisions)
                .enumerate()
                .map(|(index, (votes, decision))| (vote_key(index + 1, &decision.scene), votes))
                .collect(),
        };
        GroupSession {
            version: stored.version.max(GROUP_VERSION),
            module: stored.module,
            decisions: stored.decisions,
            reviewing: stored.reviewing,
            votes,
            show_votes: stored.show_votes,
            show_feedback: stored.show_feedback,
            blank: stored.blank,
            assessment: stored.assessment,
        }
    }
}

impl GroupSession {
    /// A fresh group session at the module's start, with nothing revealed.
    pub fn new(module: &Module) -> Self {
        GroupSession {
            version: GROUP_VERSION,
            module: module.id.clone(),
            decisions: Vec::new(),
            reviewing: false,
            votes: BTreeMap::new(),
            show_votes: false,
            show_feedback: false,
            blank: false,
            assessment: false,
        }
    }

    /// The play session this group session stands for, rebuilt by replaying its decisions.
    pub fn session(&self, module: &Module) -> Result<Session, GroupError> {
        let saved = SavedSession {
            version: SAVE_VERSION,
            min_reader: MIN_SAVE_VERSION,
            module: self.module.clone(),
            decisions: self.decisions.clone(),
            reviewing: self.reviewing,
        };
        let restored = Session::restore(module, &saved).map_err(GroupError::Restore)?;
        if restored.dropped.is_some() {
            return Err(GroupError::Stale);
        }
        Ok(restored.session)
    }

    /// The step on screen, counted from 1.
    pub fn step(&self) -> usize {
        self.decisions.len() + usize::from(!self.reviewing)
    }

    /// The key of the votes at the decision on screen: its step and scene.
    fn current_key(&self, module: &Module) -> Result<String, GroupError> {
        let session = self.session(module)?;
        let step = self.decisions.len() + 1;
        match (self.reviewing, session.position()) {
            (false, Target::Scene(index)) => module
                .scenes
                .get(index)
                .map(|scene| vote_key(step, &scene.id))
                .ok_or(GroupError::Stale),
            _ => Err(GroupError::Play(PlayError::NotDeciding)),
        }
    }

    /// Sets the hand count for a choice at the current decision.
    pub fn set_votes(
        &mut self,
        module: &Module,
        choice: &str,
        count: u32,
    ) -> Result<(), GroupError> {
        let key = self.current_key(module)?;
        self.votes
            .entry(key)
            .or_default()
            .insert(choice.to_owned(), count);
        Ok(())
    }

    /// Adds one vote for a choice at the current decision.
    pub fn add_vote(&mut self, module: &Module, choice: &str) -> Result<(), GroupError> {
        let key = self.current_key(module)?;
        let count = self
            .votes
            .entry(key)
            .or_default()
            .entry(choice.to_owned())
            .or_insert(0);
        *count = count.saturating_add(1);
        Ok(())
    }

    /// The hand counts at the current decision (none while feedback shows).
    pub fn votes_now(&self, module: &Module) -> BTreeMap<String, u32> {
        self.current_key(module)
            .ok()
            .and_then(|key| self.votes.get(&key).cloned())
            .unwrap_or_default()
    }

    /// The group takes a choice; its feedback waits for the presenter to reveal it.
    pub fn choose(&mut self, module: &Module, choice: &str) -> Result<(), GroupError> {
        let mut session = self.session(module)?;
        session.choose(module, choice).map_err(GroupError::Play)?;
        // In assessment mode the feedback waits for the ending: move straight on.
        if self.assessment {
            session.proceed(module).map_err(GroupError::Play)?;
        }
        self.sync(module, &session);
        self.show_feedback = false;
        self.show_votes = false;
        Ok(())
    }

    /// Moves on from the feedback to the next scene or the ending.
    pub fn proceed(&mut self, module: &Module) -> Result<(), GroupError> {
        let mut session = self.session(module)?;
        session.proceed(module).map_err(GroupError::Play)?;
        self.sync(module, &session);
        self.show_feedback = false;
        Ok(())
    }

    /// One step back: from feedback to its scene (the choice undone, its votes kept), or from
    /// a scene to the feedback before it.
    pub fn back(&mut self, module: &Module) -> Result<(), GroupError> {
        if self.reviewing {
            self.decisions.pop();
            self.reviewing = false;
        } else if self.decisions.is_empty() {
            return Err(GroupError::NothingBefore);
        } else if self.assessment {
            // No feedback step in between: back to the previous decision itself.
            self.decisions.pop();
        } else {
            self.reviewing = true;
        }
        self.show_feedback = false;
        self.session(module).map(|_| ())
    }

    /// Goes back to the scene of decision `step` (1-based), undoing it and everything after;
    /// the votes cast there are kept, so the room can see what it said before.
    pub fn jump_to(&mut self, module: &Module, step: usize) -> Result<(), GroupError> {
        if step == 0 || step > self.decisions.len() + 1 {
            return Err(GroupError::NothingBefore);
        }
        self.decisions.truncate(step - 1);
        self.reviewing = false;
        self.show_feedback = false;
        self.show_votes = false;
        self.session(module).map(|_| ())
    }

    fn sync(&mut self, module: &Module, session: &Session) {
        let saved = session.save(module);
        self.decisions = saved.decisions;
        self.reviewing = session.phase() == Phase::Reviewing;
    }

    /// The group's path with the vote split and the recommended choices at each decision.
    pub fn summary(&self, module: &Module) -> Vec<GroupDecision> {
        self.decisions
            .iter()
            .enumerate()
            .filter_map(|(index, decision)| {
                let scene = module.scene(&decision.scene)?;
                let votes = self.votes.get(&vote_key(index + 1, &decision.scene));
                Some(GroupDecision {
                    scene: decision.scene.clone(),
                    chosen: decision.choice.clone(),
                    votes: scene
                        .choices()
                        .iter()
                        .map(|c| {
                            (
                                c.id.clone(),
                                votes.and_then(|v| v.get(&c.id)).copied().unwrap_or(0),
                            )
                        })
                        .collect(),
                    recommended: scene
                        .choices()
                        .iter()
                        .filter(|c| c.rating == Some(Rating::Recommended))
                        .map(|c| c.id.clone())
                        .collect(),
                })
            })
            .collect()
    }

    /// Every scene visited so far, by step (1-based), for jumping back.
    pub fn visited(&self) -> Vec<(usize, String)> {
        self.decisions
            .iter()
            .enumerate()
            .map(|(index, d)| (index + 1, d.scene.clone()))
            .collect()
    }

    /// Whether the session has reached an ending (with its feedback read).
    pub fn is_over(&self, module: &Module) -> bool {
        self.session(module)
            .map(|s| matches!(s.position(), Target::Ending(_)) && s.phase() == Phase::Deciding)
            .unwrap_or(false)
    }
}
