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
    const UNSEEN: usize = usize::MAX;
    let n = scenes.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut in_loop = vec![false; n];
    for root in 0..n {
        if order[root] != UNSEEN || !is_routing(root) {
            continue;
        }
        let mut work: Vec<(usize, Vec<usize>, usize)> = vec![(root, successors(root), 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((node, succ, position)) = work.last_mut() {
            let node = *node;
            if let Some(&next) = succ.get(*position) {
                *position += 1;
                if order[next] == UNSEEN {
                    order[next] = next_order;
                    low[next] = next_order;
                    next_order += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, successors(next), 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(order[next]);
                }
                continue;
            }
            let self_loop = succ.contains(&node);
            work.pop();
            if let Some((parent, _, _)) = work.last() {
                low[*parent] = low[*parent].min(low[node]);
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 || self_loop {
                    for member in component {
                        in_loop[member] = true;
                    }
                }
            }
        }
    }
    (0..n).filter(|&i| in_loop[i]).collect()
}

/// Size and shape of a module, as `peerpath check --json` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleStats {
    pub scenes: usize,
    pub decision_scenes: usize,
    pub routing_scenes: usize,
    pub endings: usize,
    pub choices: usize,
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
                if index >= scenes.len() || distance[index] <= cost {
                    continue;
                }
                distance[index] = cost;
                let step = weight(&scenes[index]);
                for next in edges(&scenes[index]) {
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
    for index in (0..scenes.len()).rev() {
        longest[index] = edges(&scenes[index])
            .filter_map(|next| match next {
                Target::Ending(_) => Some(0),
                Target::Scene(later) if later > index => longest.get(later).copied().flatten(),
                Target::Scene(_) => None,
            })
            .max()
            .map(|rest| rest + weight(&scenes[index]));
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
    let mut ready: Vec<usize> = (0..scenes.len()).filter(|&i| incoming[i] == 0).collect();
    let mut peeled = 0;
    while let Some(index) = ready.pop() {
        peeled += 1;
        for next in edges(&scenes[index]) {
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
