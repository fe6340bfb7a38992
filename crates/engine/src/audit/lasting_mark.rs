//! Signal 3, choices without a lasting mark: a harmful or risky choice whose effects change
//! no meter or flag that a later condition reads, so the story cannot remember it.
//!
//! "Later" means a choice's `if` or a route's `if` in any scene that the choice's `goto`
//! can lead to, following every `goto` and route whatever its condition (the same paths as
//! the checker's reachability). A choice whose `goto` is an ending is not reported: the
//! ending is its mark, and signal 2 checks that ending is not strong. An effect counts as a
//! mark even when the meter is already at its bound, so a report here is never wrong: the
//! choice really cannot change anything that follows.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::condition::Expr;
use crate::module::{Effect, Module, Rating, Step, Target};

/// A meter or a flag, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Variable {
    Meter(usize),
    Flag(usize),
}

/// A harmful or risky choice that the story forgets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WithoutMark {
    /// The scene's id.
    pub scene: String,
    /// The choice's id.
    pub choice: String,
    /// Harmful or risky.
    pub rating: Rating,
    /// The meters and flags it does change, none of which a later condition reads.
    pub changes: Vec<String>,
}

/// Every harmful or risky choice without a lasting mark, in file order.
pub fn without_mark(module: &Module) -> Vec<WithoutMark> {
    let reads: Vec<BTreeSet<Variable>> = module
        .scenes
        .iter()
        .map(|scene| {
            let mut read = BTreeSet::new();
            let conditions: Vec<&Expr> = match &scene.step {
                Step::Decide(choices) => choices
                    .iter()
                    .filter_map(|c| c.condition.as_ref())
                    .map(|c| &c.expr)
                    .collect(),
                Step::Route(routes) => routes
                    .iter()
                    .filter_map(|r| r.condition.as_ref())
                    .map(|c| &c.expr)
                    .collect(),
            };
            for expr in conditions {
                collect_reads(expr, &mut read);
            }
            read
        })
        .collect();
    let mut found = Vec::new();
    for scene in &module.scenes {
        for choice in scene.choices() {
            let Some(rating @ (Rating::Harmful | Rating::Risky)) = choice.rating else {
                continue;
            };
            let Target::Scene(next) = choice.target else {
                continue;
            };
            let later: BTreeSet<Variable> = scenes_from(module, next)
                .into_iter()
                .filter_map(|scene| reads.get(scene))
                .flatten()
                .copied()
                .collect();
            let changed: Vec<Variable> = choice.effects.iter().map(|e| variable(*e)).collect();
            if changed.iter().any(|variable| later.contains(variable)) {
                continue;
            }
            found.push(WithoutMark {
                scene: scene.id.clone(),
                choice: choice.id.clone(),
                rating,
                changes: changed.iter().filter_map(|v| name(module, *v)).collect(),
            });
        }
    }
    found
}

fn variable(effect: Effect) -> Variable {
    match effect {
        Effect::Add { meter, .. } => Variable::Meter(meter),
        Effect::Set { flag, .. } => Variable::Flag(flag),
    }
}

fn name(module: &Module, variable: Variable) -> Option<String> {
    match variable {
        Variable::Meter(index) => module.meters.get(index).map(|m| m.id.clone()),
        Variable::Flag(index) => module.flags.get(index).map(|f| f.id.clone()),
    }
}

/// The meters and flags an expression reads. Conditions nest at most a few dozen levels
/// (the parser's limit), so a stack of parts is plenty.
fn collect_reads(expr: &Expr, read: &mut BTreeSet<Variable>) {
    let mut stack = vec![expr];
    while let Some(expr) = stack.pop() {
        match expr {
            Expr::Flag(flag) => {
                read.insert(Variable::Flag(*flag));
            }
            Expr::Compare { meter, .. } => {
                read.insert(Variable::Meter(*meter));
            }
            Expr::Not(inner) => stack.push(inner),
            Expr::All(parts) | Expr::Any(parts) => stack.extend(parts),
        }
    }
}

/// Every scene some path of `goto`s and routes reaches from `start`, `start` included.
fn scenes_from(module: &Module, start: usize) -> Vec<usize> {
    let mut seen = vec![false; module.scenes.len()];
    let mut stack = vec![start];
    let mut found = Vec::new();
    while let Some(index) = stack.pop() {
        match seen.get_mut(index) {
            Some(mark @ false) => *mark = true,
            _ => continue,
        }
        found.push(index);
        let Some(scene) = module.scenes.get(index) else {
            continue;
        };
        let targets: Vec<Target> = match &scene.step {
            Step::Decide(choices) => choices.iter().map(|c| c.target).collect(),
            Step::Route(routes) => routes.iter().map(|r| r.target).collect(),
        };
        stack.extend(targets.into_iter().filter_map(|target| match target {
            Target::Scene(next) => Some(next),
            Target::Ending(_) => None,
        }));
    }
    found
}
