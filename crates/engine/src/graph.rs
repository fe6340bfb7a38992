//! The module as a graph of scenes and endings: reachability, routing loops and path lengths.
//! Every pass is iterative (no recursion), so a long module cannot exhaust the stack, and
//! linear in scenes plus edges.

use std::collections::VecDeque;

use serde::Serialize;

use crate::module::{Module, Scene, Step, Target};

pub(crate) struct Reach {
    pub scenes: Vec<bool>,
    pub endings: Vec<bool>,
}

/// A scene as the checker's graph passes see it, before any module is built: where it can
/// lead (only the `goto`s that resolved), and whether it moves on by routes alone.
pub(crate) struct Node {
    pub targets: Vec<Target>,
    pub routing: bool,
}

fn edges(scene: &Scene) -> impl Iterator<Item = Target> + '_ {
    let (choices, routes) = match &scene.step {
        Step::Decide(choices) => (choices.as_slice(), &[][..]),
        Step::Route(routes) => (&[][..], routes.as_slice()),
    };
    choices
        .iter()
        .map(|choice| choice.target)
        .chain(routes.iter().map(|route| route.target))
}

/// Which scenes and endings some path from `start` reaches, ignoring conditions.
pub(crate) fn reachable(scenes: &[Node], ending_count: usize, start: Target) -> Reach {
    let mut reach = Reach {
        scenes: vec![false; scenes.len()],
        endings: vec![false; ending_count],
    };
    let mut queue = vec![start];
    while let Some(target) = queue.pop() {
        match target {
            Target::Ending(index) => {
                if let Some(seen) = reach.endings.get_mut(index) {
                    *seen = true;
                }
            }
            Target::Scene(index) => {
                let Some(seen) = reach.scenes.get_mut(index) else {
                    continue;
                };
                if !*seen {
                    *seen = true;
                    if let Some(node) = scenes.get(index) {
                        queue.extend(node.targets.iter().copied());
                    }
                }
            }
        }
    }
    reach
}

/// Tarjan's bookkeeping for one scene while [`routing_loops`] searches.
#[derive(Debug, Clone, Copy, Default)]
struct Visit {
    /// When the search first reached the scene; `None` until it does.
    order: Option<usize>,
    /// The earliest `order` the scene reaches through scenes still on the search's stack.
    low: usize,
    on_stack: bool,
    in_loop: bool,
}

impl Visit {
    fn first(order: usize) -> Self {
        Visit {
            order: Some(order),
            low: order,
            on_stack: true,
            in_loop: false,
        }
    }
}

/// Routing scenes that can reach themselves through routes alone (Tarjan's strongly
/// connected components over routing scenes only), in scene order.
pub(crate) fn routing_loops(scenes: &[Node]) -> Vec<usize> {
    let is_routing = |index: usize| scenes.get(index).is_some_and(|node| node.routing);
    let successors = |index: usize| -> Vec<usize> {
        match scenes.get(index) {
            Some(node) if node.routing => node
                .targets
                .iter()
                .filter_map(|target| match *target {
                    Target::Scene(next) if is_routing(next) => Some(next),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    // Every index below is a scene's (from `0..scenes.len()` or a routing successor), so
    // each `get` finds its visit; a miss would only skip that scene.
    let lower = |visits: &mut [Visit], index: usize, order: usize| {
        if let Some(visit) = visits.get_mut(index) {
            visit.low = visit.low.min(order);
        }
    };
    let mut visits = vec![Visit::default(); scenes.len()];
    let mut stack = Vec::new();
    let mut next_order = 0;
    for root in 0..scenes.len() {
        if !is_routing(root) {
            continue;
        }
        let Some(visit) = visits.get_mut(root) else {
            continue;
        };
        if visit.order.is_some() {
            continue;
        }
        *visit = Visit::first(next_order);
        next_order += 1;
        stack.push(root);
        let mut work: Vec<(usize, Vec<usize>, usize)> = vec![(root, successors(root), 0)];
        while let Some((node, succ, position)) = work.last_mut() {
            let node = *node;
            if let Some(&next) = succ.get(*position) {
                *position += 1;
                let Some(seen) = visits.get_mut(next) else {
                    continue;
                };
                match seen.order {
                    None => {
                        *seen = Visit::first(next_order);
                        next_order += 1;
                        stack.push(next);
                        work.push((next, successors(next), 0));
                    }
                    Some(order) if seen.on_stack => lower(&mut visits, node, order),
                    Some(_) => {}
                }
                continue;
            }
            let self_loop = succ.contains(&node);
            work.pop();
            let Some(&Visit { order, low, .. }) = visits.get(node) else {
                continue;
            };
            if let Some((parent, _, _)) = work.last() {
                lower(&mut visits, *parent, low);
            }
            if order == Some(low) {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    if let Some(visit) = visits.get_mut(member) {
                        visit.on_stack = false;
                    }
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 || self_loop {
                    for member in component {
                        if let Some(visit) = visits.get_mut(member) {
                            visit.in_loop = true;
                        }
                    }
                }
            }
        }
    }
    visits
        .iter()
        .enumerate()
        .filter(|(_, visit)| visit.in_loop)
        .map(|(index, _)| index)
        .collect()
}

/// Size and shape of a module, as `peerpath check --json` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleStats {
    /// How many scenes the module has, of both kinds.
    pub scenes: usize,
    /// Scenes where the learner chooses.
    pub decision_scenes: usize,
    /// Scenes that route on state without asking the learner.
    pub routing_scenes: usize,
    /// How many endings the module has.
    pub endings: usize,
    /// Choices across all decision scenes.
    pub choices: usize,
    /// Meters and flags together.
    pub variables: usize,
    /// The fewest decisions on any path from the start to an ending.
    pub shortest_decisions: Option<usize>,
    /// The most decisions on a path from the start to an ending that only moves forward
    /// through the file (loops back to an earlier scene are not followed).
    pub longest_decisions: Option<usize>,
    /// Whether some path can revisit a scene (then longer play-throughs are possible).
    pub has_cycles: bool,
}

impl ModuleStats {
    /// Measures a loaded module.
    pub fn of(module: &Module) -> Self {
        let scenes = &module.scenes;
        let decision_scenes = scenes.iter().filter(|s| s.is_decision()).count();
        let (longest, has_cycles) = longest_decisions(scenes, module.start);
        ModuleStats {
            scenes: scenes.len(),
            decision_scenes,
            routing_scenes: scenes.len() - decision_scenes,
            endings: module.endings.len(),
            choices: scenes.iter().map(|s| s.choices().len()).sum(),
            variables: module.meters.len() + module.flags.len(),
            shortest_decisions: shortest_decisions(scenes, module.start),
            longest_decisions: longest,
            has_cycles,
        }
    }
}

fn weight(scene: &Scene) -> usize {
    usize::from(scene.is_decision())
}

/// 0-1 breadth-first search: leaving a decision scene costs one decision, a routing scene none.
fn shortest_decisions(scenes: &[Scene], start: Target) -> Option<usize> {
    let mut distance = vec![usize::MAX; scenes.len()];
    let mut best: Option<usize> = None;
    let mut queue = VecDeque::from([(start, 0)]);
    while let Some((target, cost)) = queue.pop_front() {
        match target {
            Target::Ending(_) => best = Some(best.map_or(cost, |b| b.min(cost))),
            Target::Scene(index) => {
                let (Some(scene), Some(seen)) = (scenes.get(index), distance.get_mut(index)) else {
                    continue;
                };
                if *seen <= cost {
                    continue;
                }
                *seen = cost;
                let step = weight(scene);
                for next in edges(scene) {
                    if step == 0 {
                        queue.push_front((next, cost));
                    } else {
                        queue.push_back((next, cost + 1));
                    }
                }
            }
        }
    }
    best
}

/// The most decisions on a path that only moves forward through the file: a `goto` to a scene
/// written earlier (a loop such as "try again") is not followed. Authors write modules in
/// story order, so this is exact for modules without loops, does not depend on the order of
/// choices, and stays linear (the longest simple path in a graph with cycles is NP-hard).
fn longest_decisions(scenes: &[Scene], start: Target) -> (Option<usize>, bool) {
    let has_cycles = has_cycles(scenes);
    let Target::Scene(root) = start else {
        return (Some(0), has_cycles);
    };
    let mut longest: Vec<Option<usize>> = vec![None; scenes.len()];
    for (index, scene) in scenes.iter().enumerate().rev() {
        let here = edges(scene)
            .filter_map(|next| match next {
                Target::Ending(_) => Some(0),
                Target::Scene(later) if later > index => longest.get(later).copied().flatten(),
                Target::Scene(_) => None,
            })
            .max()
            .map(|rest| rest + weight(scene));
        if let Some(slot) = longest.get_mut(index) {
            *slot = here;
        }
    }
    (longest.get(root).copied().flatten(), has_cycles)
}

/// Whether some scene can lead back to itself (Kahn's algorithm: what cannot be peeled off
/// from the sources lies on or behind a cycle).
fn has_cycles(scenes: &[Scene]) -> bool {
    let mut incoming = vec![0usize; scenes.len()];
    for scene in scenes {
        for next in edges(scene) {
            if let Target::Scene(index) = next {
                if let Some(count) = incoming.get_mut(index) {
                    *count += 1;
                }
            }
        }
    }
    let mut ready: Vec<usize> = incoming
        .iter()
        .enumerate()
        .filter(|(_, &count)| count == 0)
        .map(|(index, _)| index)
        .collect();
    let mut peeled = 0;
    while let Some(index) = ready.pop() {
        peeled += 1;
        for next in scenes.get(index).into_iter().flat_map(edges) {
            if let Target::Scene(next) = next {
                if let Some(count) = incoming.get_mut(next) {
                    *count -= 1;
                    if *count == 0 {
                        ready.push(next);
                    }
                }
            }
        }
    }
    peeled < scenes.len()
}
