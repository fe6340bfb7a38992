//! Signal 2, strong endings after harmful choices: every strong or mixed ending that some
//! play-through reaches after taking at least one harmful choice, with the shortest such
//! play-through as a witness, and every harmful choice that lies on some path to it.
//!
//! Found over the explored [state space](super::space), so conditions, effects and routing
//! are the engine's own. A witness is always a real play-through; when the exploration
//! bound was hit, some endings may be missing from the list.

use std::collections::VecDeque;

use serde::Serialize;

use crate::module::{Module, Outcome, Rating};

use super::space::StateSpace;
use super::ChoiceRef;

/// One strong or mixed ending that a harmful choice does not rule out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndingAfterHarm {
    /// The ending's id.
    pub ending: String,
    /// Strong or mixed.
    pub outcome: Outcome,
    /// The shortest play-through that takes a harmful choice and ends here, in order.
    pub witness: Vec<ChoiceRef>,
    /// Every harmful choice that some play-through takes before ending here, in file order.
    pub harmful_choices: Vec<ChoiceRef>,
}

/// Every strong or mixed ending reachable after a harmful choice, in file order.
pub fn endings_after_harm(module: &Module, space: &StateSpace) -> Vec<EndingAfterHarm> {
    let witnesses = witnesses(module, space);
    module
        .endings
        .iter()
        .enumerate()
        .filter(|(_, ending)| ending.outcome != Outcome::Difficult)
        .filter_map(|(index, ending)| {
            let witness = witnesses.get(index).cloned().flatten()?;
            Some(EndingAfterHarm {
                ending: ending.id.clone(),
                outcome: ending.outcome,
                witness,
                harmful_choices: harmful_choices_before(module, space, index),
            })
        })
        .collect()
}

fn is_harmful(module: &Module, scene: usize, choice: usize) -> bool {
    module
        .scenes
        .get(scene)
        .and_then(|scene| scene.choices().get(choice))
        .is_some_and(|choice| choice.rating == Some(Rating::Harmful))
}

/// For each ending, the shortest play-through to it that takes a harmful choice: a
/// breadth-first search over (state, harmed yet).
fn witnesses(module: &Module, space: &StateSpace) -> Vec<Option<Vec<ChoiceRef>>> {
    let node = |state: usize, harmed: bool| state * 2 + usize::from(harmed);
    let mut seen = vec![false; space.states.len() * 2];
    // For each node reached, the node before it and the (scene, choice) taken.
    let mut came_from: Vec<Option<(usize, usize, usize)>> = vec![None; space.states.len() * 2];
    let mut found: Vec<Option<Vec<ChoiceRef>>> = vec![None; module.endings.len()];
    if space.states.is_empty() {
        return found;
    }
    if let Some(start) = seen.get_mut(node(0, false)) {
        *start = true;
    }
    let mut queue = VecDeque::from([(0usize, false)]);
    while let Some((state, harmed)) = queue.pop_front() {
        if let (true, Some(ending)) = (harmed, space.ending_of(state)) {
            if let Some(slot @ None) = found.get_mut(ending) {
                *slot = Some(path_to(module, &came_from, node(state, harmed)));
            }
            continue;
        }
        let Some(scene) = space.scene_of(state) else {
            continue;
        };
        for edge in space.edges_of(state) {
            let next_harmed = harmed || is_harmful(module, scene, edge.choice);
            let next = node(edge.to, next_harmed);
            if let Some(visited @ false) = seen.get_mut(next) {
                *visited = true;
                if let Some(slot) = came_from.get_mut(next) {
                    *slot = Some((node(state, harmed), scene, edge.choice));
                }
                queue.push_back((edge.to, next_harmed));
            }
        }
    }
    found
}

/// The choices that led to `node`, from the start.
fn path_to(
    module: &Module,
    came_from: &[Option<(usize, usize, usize)>],
    mut node: usize,
) -> Vec<ChoiceRef> {
    let mut path = Vec::new();
    // Each step goes back one node of a breadth-first tree, so this ends within its size.
    for _ in 0..came_from.len() {
        let Some(Some((before, scene, choice))) = came_from.get(node) else {
            break;
        };
        path.extend(ChoiceRef::of(module, *scene, *choice));
        node = *before;
    }
    path.reverse();
    path
}

/// Every harmful choice from which some play-through goes on to this ending.
fn harmful_choices_before(module: &Module, space: &StateSpace, ending: usize) -> Vec<ChoiceRef> {
    // States that can still reach the ending: a search backwards from it.
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); space.states.len()];
    for (from, edges) in space.edges.iter().enumerate() {
        for edge in edges {
            if let Some(list) = before.get_mut(edge.to) {
                list.push(from);
            }
        }
    }
    let mut leads_there = vec![false; space.states.len()];
    let mut stack: Vec<usize> = (0..space.states.len())
        .filter(|&state| space.ending_of(state) == Some(ending))
        .collect();
    for &state in &stack {
        if let Some(mark) = leads_there.get_mut(state) {
            *mark = true;
        }
    }
    while let Some(state) = stack.pop() {
        for &from in before.get(state).map_or(&[][..], Vec::as_slice) {
            if let Some(mark @ false) = leads_there.get_mut(from) {
                *mark = true;
                stack.push(from);
            }
        }
    }
    let mut harmful: Vec<(usize, usize)> = Vec::new();
    for (from, edges) in space.edges.iter().enumerate() {
        let Some(scene) = space.scene_of(from) else {
            continue;
        };
        for edge in edges {
            if leads_there.get(edge.to).copied().unwrap_or(false)
                && is_harmful(module, scene, edge.choice)
            {
                harmful.push((scene, edge.choice));
            }
        }
    }
    harmful.sort_unstable();
    harmful.dedup();
    harmful
        .into_iter()
        .filter_map(|(scene, choice)| ChoiceRef::of(module, scene, choice))
        .collect()
}
