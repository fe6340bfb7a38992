//! Signal 4, gates that don't bite: a choice's `if` that changes nothing for the learner.
//!
//! A gated choice (one with an `if`) is reported when
//!
//! - **bypassed**: it is rated recommended or acceptable, and the same scene has an ungated
//!   choice rated as well or better, so a learner aiming for the best loses nothing when the
//!   gate is shut. (Gates on risky or harmful choices offer a temptation, not a reward, and
//!   are not judged this way.) The ungated choice named is the best-rated, first in the scene.
//! - **always open**: in every reachable state at its scene the condition holds.
//! - **never open**: in no reachable state at its scene does the condition hold, so the choice
//!   is never offered.
//!
//! "Always" and "never" are judged only when exploration was complete and reached the scene.

use serde::Serialize;

use crate::module::{Module, Rating};

use super::space::StateSpace;

/// Why a gate does not bite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum GateKind {
    /// An ungated choice in the scene is rated as well or better.
    Bypassed {
        /// The ungated choice's id.
        by: String,
        /// Its rating.
        by_rating: Rating,
    },
    /// The condition holds in every reachable state at the scene.
    AlwaysOpen,
    /// The condition holds in no reachable state at the scene.
    NeverOpen,
}

/// A gated choice whose gate changes nothing for the learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToothlessGate {
    /// The scene's id.
    pub scene: String,
    /// The gated choice's id.
    pub choice: String,
    /// The gated choice's rating.
    pub rating: Option<Rating>,
    /// The gate's condition, as written.
    pub condition: String,
    /// Why it does not bite.
    #[serde(flatten)]
    pub kind: GateKind,
}

/// Every gate that doesn't bite, in file order (a choice may be listed once per reason).
pub fn toothless_gates(module: &Module, space: &StateSpace) -> Vec<ToothlessGate> {
    let mut found = Vec::new();
    for (scene_index, scene) in module.scenes.iter().enumerate() {
        let choices = scene.choices();
        let states: Vec<usize> = (0..space.states.len())
            .filter(|&state| space.scene_of(state) == Some(scene_index))
            .collect();
        let best_ungated = choices
            .iter()
            .filter(|choice| choice.condition.is_none())
            .filter_map(|choice| Some((choice.rating?, choice)))
            .min_by_key(|(rating, _)| *rating);
        for choice in choices {
            let Some(condition) = &choice.condition else {
                continue;
            };
            let mut report = |kind| {
                found.push(ToothlessGate {
                    scene: scene.id.clone(),
                    choice: choice.id.clone(),
                    rating: choice.rating,
                    condition: condition.source.clone(),
                    kind,
                });
            };
            if let (
                Some(rating @ (Rating::Recommended | Rating::Acceptable)),
                Some((by_rating, by)),
            ) = (choice.rating, best_ungated)
            {
                if by_rating <= rating {
                    report(GateKind::Bypassed {
                        by: by.id.clone(),
                        by_rating,
                    });
                }
            }
            if !space.complete || states.is_empty() {
                continue;
            }
            let holds = states
                .iter()
                .filter_map(|&state| space.states.get(state))
                .filter(|state| condition.holds(&state.meters, &state.flags))
                .count();
            if holds == states.len() {
                report(GateKind::AlwaysOpen);
            } else if holds == 0 {
                report(GateKind::NeverOpen);
            }
        }
    }
    found
}
