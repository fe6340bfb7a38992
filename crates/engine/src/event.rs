//! What happened in a play-through, as the engine reports it.
//!
//! Every call that moves a session on ([`crate::Player::choose`], [`crate::Player::proceed`],
//! [`crate::Player::restart`], [`crate::Player::start`]) returns the events it caused, once.
//! Nothing else makes events: restoring a save reports none, because nothing new happened.
//! This is the one event type that every listener (an embedding page, SCORM, xAPI, the
//! progress store) is fed from.

use serde::{Deserialize, Serialize};

use crate::module::{Outcome, Rating};

/// One fact about a play-through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Event {
    /// A decision scene came on screen, waiting for the learner.
    SceneShown {
        /// The scene's id.
        scene: String,
        /// The decision it asks for, counted from 1.
        step: usize,
    },
    /// The learner made a decision.
    Decided {
        /// Which decision of the attempt this is, counted from 1.
        step: usize,
        /// The scene decided in.
        scene: String,
        /// The choice made.
        choice: String,
        /// How the module's authors rate that choice.
        rating: Option<Rating>,
        /// The competencies the choice practises, as the module names them.
        competencies: Vec<String>,
    },
    /// The learner read the feedback on their last decision and reached an ending.
    Completed {
        /// The ending's id.
        ending: String,
        /// How the ending turned out.
        outcome: Outcome,
        /// The rating of each decision, in order.
        ratings: Vec<Option<Rating>>,
    },
    /// The learner started the module again from the beginning: a new attempt.
    Restarted,
}

impl Event {
    /// The event's name as the documented embedding API spells it (`peerpath:…`).
    pub fn name(&self) -> &'static str {
        match self {
            Event::SceneShown { .. } => "scene",
            Event::Decided { .. } => "decision",
            Event::Completed { .. } => "completed",
            Event::Restarted => "restarted",
        }
    }
}
