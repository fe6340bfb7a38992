//! The states a learner can reach: every position (a decision scene or an ending) with the
//! meters and flags the engine holds there, and the choices that lead from one to another.
//!
//! Steps are taken by the engine's own [`Session`] (choose, then proceed past the feedback),
//! so conditions, clamped meters and routing scenes behave exactly as in play.

use std::collections::HashMap;

use crate::module::{Choice, Module, Target};
use crate::save::SavedDecision;
use crate::session::Session;

/// How many distinct states exploration visits at most (about 300 MB and a few seconds).
/// The shipped modules have from ten thousand to two hundred thousand; past the bound the
/// audit says its exploration is incomplete.
pub const STATE_BOUND: usize = 500_000;

/// A choice taken from one state, and the state it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edge {
    /// The choice's index in its scene.
    pub choice: usize,
    /// The state it leads to, by index into [`StateSpace::states`].
    pub to: usize,
}

/// The reachable part of a module's state graph. State 0 is the start.
#[derive(Debug, Clone)]
pub struct StateSpace {
    /// Each state: at a decision scene or an ending, deciding, with an empty path.
    pub(crate) states: Vec<Session>,
    /// The available choices out of each state, in scene order.
    pub(crate) edges: Vec<Vec<Edge>>,
    /// False when the bound stopped exploration (or the start itself failed).
    pub(crate) complete: bool,
}

/// What makes two states the same: where the learner is, and what the engine remembers.
type Key = (Target, Vec<i64>, Vec<bool>);

fn key(session: &Session) -> Key {
    (session.at, session.meters.clone(), session.flags.clone())
}

impl StateSpace {
    /// Explores breadth-first from the start, visiting at most `bound` states.
    pub fn explore(module: &Module, bound: usize) -> StateSpace {
        let mut space = StateSpace {
            states: Vec::new(),
            edges: Vec::new(),
            complete: true,
        };
        let Ok(start) = Session::start(module) else {
            space.complete = false;
            return space;
        };
        let mut index: HashMap<Key, usize> = HashMap::from([(key(&start), 0)]);
        space.states.push(start);
        space.edges.push(Vec::new());
        let mut next = 0;
        while let Some(state) = space.states.get(next).cloned() {
            let mut out = Vec::new();
            for (choice_index, choice) in choices_at(module, &state) {
                let Some(after) = step(module, &state, choice) else {
                    continue;
                };
                let after_key = key(&after);
                let to = match index.get(&after_key) {
                    Some(&known) => known,
                    None if space.states.len() >= bound => {
                        space.complete = false;
                        continue;
                    }
                    None => {
                        let new = space.states.len();
                        index.insert(after_key, new);
                        space.states.push(after);
                        space.edges.push(Vec::new());
                        new
                    }
                };
                out.push(Edge {
                    choice: choice_index,
                    to,
                });
            }
            if let Some(slot) = space.edges.get_mut(next) {
                *slot = out;
            }
            next += 1;
        }
        space
    }

    /// How many distinct states were visited.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether no state was visited (the start itself failed).
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// Whether every reachable state was visited within the bound.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The scene index of a decision state, or `None` for an ending.
    pub(crate) fn scene_of(&self, state: usize) -> Option<usize> {
        match self.states.get(state)?.at {
            Target::Scene(scene) => Some(scene),
            Target::Ending(_) => None,
        }
    }

    /// The ending index of an ending state.
    pub(crate) fn ending_of(&self, state: usize) -> Option<usize> {
        match self.states.get(state)?.at {
            Target::Ending(ending) => Some(ending),
            Target::Scene(_) => None,
        }
    }

    /// The choices out of a state.
    pub(crate) fn edges_of(&self, state: usize) -> &[Edge] {
        self.edges.get(state).map_or(&[], Vec::as_slice)
    }

    /// The play-through whose save is longest: the decisions, by id, that maximise the
    /// length of their ids, which is what the save's size grows with. `None` when
    /// exploration was incomplete or some state can lead back to itself (a learner could go
    /// round for ever). Used to prove a module's resume data fits SCORM 1.2's 4,096
    /// characters.
    pub fn longest_path(&self, module: &Module) -> Option<Vec<SavedDecision>> {
        if !self.complete || self.states.is_empty() {
            return None;
        }
        let order = self.topological_order()?;
        let decision = |state: usize, edge: &Edge| -> Option<SavedDecision> {
            let scene = module.scenes.get(self.scene_of(state)?)?;
            let choice = scene.choices().get(edge.choice)?;
            Some(SavedDecision {
                scene: scene.id.clone(),
                choice: choice.id.clone(),
            })
        };
        // The heaviest path from each state to an ending, and its first edge.
        let mut best: Vec<(usize, Option<usize>)> = vec![(0, None); self.states.len()];
        for &state in order.iter().rev() {
            for (index, edge) in self.edges_of(state).iter().enumerate() {
                let Some(step) = decision(state, edge) else {
                    continue;
                };
                // Exactly what the decision adds to the save's JSON:
                // `{"scene":"…","choice":"…"},` (ids need no escaping).
                let weight = step.scene.len() + step.choice.len() + 25;
                let total = best.get(edge.to).map_or(0, |b| b.0) + weight;
                if let Some(slot) = best.get_mut(state) {
                    if total > slot.0 {
                        *slot = (total, Some(index));
                    }
                }
            }
        }
        let mut path = Vec::new();
        let mut state = 0;
        while let Some(&(_, Some(index))) = best.get(state) {
            let edge = self.edges_of(state).get(index)?;
            path.push(decision(state, edge)?);
            state = edge.to;
        }
        Some(path)
    }

    /// A topological order of the states (each before every state it leads to), or `None`
    /// when some state can lead back to itself.
    pub(crate) fn topological_order(&self) -> Option<Vec<usize>> {
        let mut incoming = vec![0usize; self.states.len()];
        for edge in self.edges.iter().flatten() {
            if let Some(count) = incoming.get_mut(edge.to) {
                *count += 1;
            }
        }
        let mut ready: Vec<usize> = incoming
            .iter()
            .enumerate()
            .filter(|(_, count)| **count == 0)
            .map(|(state, _)| state)
            .collect();
        let mut order = Vec::with_capacity(self.states.len());
        while let Some(state) = ready.pop() {
            order.push(state);
            for edge in self.edges_of(state) {
                if let Some(count) = incoming.get_mut(edge.to) {
                    *count -= 1;
                    if *count == 0 {
                        ready.push(edge.to);
                    }
                }
            }
        }
        (order.len() == self.states.len()).then_some(order)
    }
}

/// The choices a learner can take in this state (none at an ending), with their indices.
pub(crate) fn choices_at<'m>(
    module: &'m Module,
    state: &Session,
) -> impl Iterator<Item = (usize, &'m Choice)> + 'm {
    let scene = match state.at {
        Target::Scene(index) => module.scenes.get(index),
        Target::Ending(_) => None,
    };
    let (meters, flags) = (state.meters.clone(), state.flags.clone());
    scene
        .map_or(&[][..], |scene| scene.choices())
        .iter()
        .enumerate()
        .filter(move |(_, choice)| {
            choice
                .condition
                .as_ref()
                .is_none_or(|condition| condition.holds(&meters, &flags))
        })
}

/// The engine's own step: make the choice, read the feedback, move on. The path is dropped,
/// because two play-throughs that stand in the same state have the same future.
pub(crate) fn step(module: &Module, state: &Session, choice: &Choice) -> Option<Session> {
    let mut next = state.clone();
    next.path.clear();
    next.choose(module, &choice.id).ok()?;
    next.proceed(module).ok()?;
    next.path.clear();
    Some(next)
}
