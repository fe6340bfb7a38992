//! The scenario map: a module's scenes and endings as a layered drawing, start on top and
//! endings at the bottom, and the ways through it (a learner's, the recommended one).
//!
//! The engine computes the whole drawing, in pixels, so the app only draws SVG and the
//! layout is tested natively. It is linear in scenes and edges apart from the ordering
//! sweeps (see `map/layout.rs`); a 2,000-scene module lays out in milliseconds.
//!
//! ```
//! use peerpath_engine::{load, map::ScenarioMap, Target};
//! let module = load(peerpath_engine::generate::module(12).as_str()).module.unwrap();
//! let map = ScenarioMap::of(&module);
//! let start = map.node(module.start).unwrap();
//! assert_eq!(map.nodes[start].layer, 0);
//! // Every ending sits on the last layer.
//! let last = map.layer_count - 1;
//! assert!(map.nodes.iter().all(|n| matches!(n.target, Target::Scene(_)) || n.layer == last));
//! ```

mod layout;

pub use layout::sort_by;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::module::{Module, Outcome, Rating, Step, Target};
use crate::save::SavedDecision;
use crate::session::{Decision, Session};

/// A node's width in the drawing, in CSS pixels.
pub const NODE_WIDTH: i32 = 184;
/// A node's height.
pub const NODE_HEIGHT: i32 = 64;
/// From the top of one layer to the top of the next.
pub const LAYER_HEIGHT: i32 = 120;
/// Space around the drawing.
pub const MARGIN: i32 = 32;
/// How far a self-loop (a choice back to its own scene) reaches right of its node.
const LOOP_REACH: i32 = 24;

/// What a node is, which the map shows by shape and words as well as colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// The learner chooses here, among this many choices.
    Decision {
        /// How many choices the scene offers.
        choices: usize,
    },
    /// The story routes on state, with this many routes.
    Routing {
        /// How many routes the scene has.
        routes: usize,
    },
    /// An ending, and how it turned out.
    Ending(Outcome),
}

/// One scene or ending, placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapNode {
    /// The scene or ending.
    pub target: Target,
    /// What kind of node it is.
    pub kind: NodeKind,
    /// Its layer, from 0 (the start) down.
    pub layer: usize,
    /// The centre of the node, left to right, in pixels.
    pub x: i32,
    /// The top of the node, in pixels.
    pub y: i32,
    /// Whether any way from the start reaches it (ignoring conditions).
    pub reachable: bool,
    /// A scene from which no ending can be reached (ignoring conditions).
    pub dead_end: bool,
}

/// Which of a scene's ways onward an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Via {
    /// A choice, by its place among the scene's choices.
    Choice(usize),
    /// A route, by its place among the scene's routes.
    Route(usize),
}

/// Every way from one node to another, drawn as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapEdge {
    /// Where it leaves, by index into [`ScenarioMap::nodes`].
    pub from: usize,
    /// Where it leads.
    pub to: usize,
    /// The choices or routes it stands for, in file order.
    pub vias: Vec<Via>,
    /// The line to draw, in pixels, from `from` to `to`.
    pub points: Vec<(i32, i32)>,
    /// Whether it leads back up (it closes a loop in the story).
    pub back: bool,
}

/// Each node's neighbours in a [`ScenarioMap`], by node, left to right.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Neighbours {
    /// The nodes each node leads to.
    pub onward: Vec<Vec<usize>>,
    /// The nodes that lead to each node.
    pub from: Vec<Vec<usize>>,
}

/// A module laid out: nodes (scenes in file order, then endings), edges, and the size of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioMap {
    /// Scenes in file order, then endings in file order.
    pub nodes: Vec<MapNode>,
    /// One per pair of nodes a choice or route joins, ordered by where they leave.
    pub edges: Vec<MapEdge>,
    /// How many layers there are.
    pub layer_count: usize,
    /// The drawing's width, in pixels.
    pub width: i32,
    /// The drawing's height, in pixels.
    pub height: i32,
    /// How many edges cross in the drawing (the layout keeps this low).
    pub crossings: usize,
}

/// A module's shape, all the map needs: each scene's id and ways onward, each ending's title
/// and outcome, and the start. Made from a [`Module`], or (by `load::sketch`) from a module
/// file with errors, so the author preview can draw what is there, unresolved `goto`s and
/// all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sketch {
    /// Every scene, in file order.
    pub scenes: Vec<SketchScene>,
    /// Every ending, in file order.
    pub endings: Vec<SketchEnding>,
    /// Where play begins, when `start` names a scene or ending.
    pub start: Option<Target>,
}

/// A scene in a [`Sketch`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SketchScene {
    /// The scene's id.
    pub id: String,
    /// Whether the story routes here (its ways are routes), rather than the learner choosing.
    pub routing: bool,
    /// Its choices or routes, in file order.
    pub ways: Vec<Way>,
}

/// A choice or route in a [`Sketch`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Way {
    /// Where it leads; `None` when its `goto` names nothing (a file with errors).
    pub target: Option<Target>,
    /// A choice's label, or a route's condition as written (empty for the last route).
    pub label: String,
}

/// An ending in a [`Sketch`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SketchEnding {
    /// The ending's id.
    pub id: String,
    /// Its heading.
    pub title: String,
    /// How it turned out.
    pub outcome: Outcome,
}

impl Sketch {
    /// The shape of a checked module.
    pub fn of(module: &Module) -> Sketch {
        Sketch {
            scenes: module
                .scenes
                .iter()
                .map(|scene| {
                    let (routing, ways) = match &scene.step {
                        Step::Decide(choices) => (
                            false,
                            choices
                                .iter()
                                .map(|c| Way {
                                    target: Some(c.target),
                                    label: c.label.clone(),
                                })
                                .collect(),
                        ),
                        Step::Route(routes) => (
                            true,
                            routes
                                .iter()
                                .map(|r| Way {
                                    target: Some(r.target),
                                    label: r
                                        .condition
                                        .as_ref()
                                        .map_or_else(String::new, |c| c.source.clone()),
                                })
                                .collect(),
                        ),
                    };
                    SketchScene {
                        id: scene.id.clone(),
                        routing,
                        ways,
                    }
                })
                .collect(),
            endings: module
                .endings
                .iter()
                .map(|ending| SketchEnding {
                    id: ending.id.clone(),
                    title: ending.title.clone(),
                    outcome: ending.outcome,
                })
                .collect(),
            start: Some(module.start),
        }
    }

    /// The scene or ending with this id (the first, should two share it).
    pub fn target(&self, id: &str) -> Option<Target> {
        self.scenes
            .iter()
            .position(|scene| scene.id == id)
            .map(Target::Scene)
            .or_else(|| {
                self.endings
                    .iter()
                    .position(|ending| ending.id == id)
                    .map(Target::Ending)
            })
    }

    /// A scene's or ending's id; empty for one out of range.
    pub fn id(&self, target: Target) -> &str {
        match target {
            Target::Scene(i) => self.scenes.get(i).map_or("", |s| s.id.as_str()),
            Target::Ending(i) => self.endings.get(i).map_or("", |e| e.id.as_str()),
        }
    }
}

impl ScenarioMap {
    /// Lays a checked module out.
    pub fn of(module: &Module) -> ScenarioMap {
        ScenarioMap::of_sketch(&Sketch::of(module))
    }

    /// Lays a module's shape out. Ways that lead nowhere known, and targets out of range,
    /// are left out; nothing here can panic on a damaged sketch.
    pub fn of_sketch(sketch: &Sketch) -> ScenarioMap {
        let scene_count = sketch.scenes.len();
        let count = scene_count + sketch.endings.len();
        let node_of = |target: Target| match target {
            Target::Scene(index) => index,
            Target::Ending(index) => scene_count.saturating_add(index),
        };
        // One edge per pair of nodes, with every choice or route it stands for.
        let mut joined: BTreeMap<(usize, usize), Vec<Via>> = BTreeMap::new();
        for (index, scene) in sketch.scenes.iter().enumerate() {
            for (at, way) in scene.ways.iter().enumerate() {
                let Some(to) = way.target.map(node_of).filter(|&to| to < count) else {
                    continue;
                };
                let via = if scene.routing {
                    Via::Route(at)
                } else {
                    Via::Choice(at)
                };
                joined.entry((index, to)).or_default().push(via);
            }
        }
        let pairs: Vec<(usize, usize)> = joined.keys().copied().collect();
        let bottom: Vec<bool> = (0..count).map(|node| node >= scene_count).collect();
        let start = sketch
            .start
            .map(node_of)
            .filter(|&n| n < count)
            .unwrap_or(0);
        let placed = layout::layout(
            &layout::Graph {
                count,
                edges: &pairs,
                start,
                bottom: &bottom,
            },
            layout::Spacing {
                node_width: f64::from(NODE_WIDTH),
                point_width: 12.0,
                gap: 24.0,
                margin: f64::from(MARGIN),
            },
        );
        let layer_top =
            |layer: usize| MARGIN.saturating_add(LAYER_HEIGHT.saturating_mul(whole(layer)));
        let reachable = reach(count, &pairs, &[start]);
        let ending_nodes: Vec<usize> = (scene_count..count).collect();
        let reversed_pairs: Vec<(usize, usize)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
        let leads_to_ending = reach(count, &reversed_pairs, &ending_nodes);

        let nodes: Vec<MapNode> = (0..count)
            .map(|node| {
                let (target, kind) = if let Some(scene) = sketch.scenes.get(node) {
                    let kind = if scene.routing {
                        NodeKind::Routing {
                            routes: scene.ways.len(),
                        }
                    } else {
                        NodeKind::Decision {
                            choices: scene.ways.len(),
                        }
                    };
                    (Target::Scene(node), kind)
                } else {
                    let index = node - scene_count;
                    let outcome = sketch
                        .endings
                        .get(index)
                        .map_or(Outcome::Difficult, |e| e.outcome);
                    (Target::Ending(index), NodeKind::Ending(outcome))
                };
                let layer = placed.layers.get(node).copied().unwrap_or(0);
                MapNode {
                    target,
                    kind,
                    layer,
                    x: placed.x.get(node).copied().unwrap_or(0),
                    y: layer_top(layer),
                    reachable: reachable.get(node).copied().unwrap_or(false),
                    dead_end: node < scene_count
                        && !leads_to_ending.get(node).copied().unwrap_or(false),
                }
            })
            .collect();

        let half = NODE_WIDTH / 2;
        let edges = joined
            .into_iter()
            .enumerate()
            .filter_map(|(index, ((from, to), vias))| {
                let (a, b) = (nodes.get(from)?, nodes.get(to)?);
                let back = placed.reversed.get(index).copied().unwrap_or(false);
                let through = placed.points.get(index).cloned().unwrap_or_default();
                let points = if from == to {
                    let (right, top) = (a.x + half, a.y);
                    vec![
                        (right, top + NODE_HEIGHT / 3),
                        (right + LOOP_REACH, top + NODE_HEIGHT / 3),
                        (right + LOOP_REACH, top + 2 * NODE_HEIGHT / 3),
                        (right, top + 2 * NODE_HEIGHT / 3),
                    ]
                } else if back {
                    // Up from the source's top to the target's bottom, a little to the right
                    // so it never hides an edge going down between the same two nodes.
                    let shift = NODE_WIDTH / 4;
                    let mut points = vec![(a.x + shift, a.y)];
                    for &(x, layer) in through.iter().rev() {
                        let top = layer_top(layer);
                        points.push((x, top + NODE_HEIGHT));
                        points.push((x, top));
                    }
                    points.push((b.x + shift, b.y + NODE_HEIGHT));
                    points
                } else {
                    let mut points = vec![(a.x, a.y + NODE_HEIGHT)];
                    for &(x, layer) in &through {
                        let top = layer_top(layer);
                        points.push((x, top));
                        points.push((x, top + NODE_HEIGHT));
                    }
                    points.push((b.x, b.y));
                    points
                };
                Some(MapEdge {
                    from,
                    to,
                    vias,
                    points,
                    back,
                })
            })
            .collect();
        let layer_count = placed.layer_count.max(1);
        ScenarioMap {
            nodes,
            edges,
            layer_count,
            width: placed.width.max(2 * MARGIN) + LOOP_REACH,
            height: (2 * MARGIN + NODE_HEIGHT)
                .saturating_add(LAYER_HEIGHT.saturating_mul(whole(layer_count - 1))),
            crossings: placed.crossings,
        }
    }

    /// The node of a scene or ending.
    pub fn node(&self, target: Target) -> Option<usize> {
        self.nodes.iter().position(|node| node.target == target)
    }

    /// Each node's neighbours along the edges (itself left out), left to right: the nodes it
    /// leads to, and the nodes that lead to it. Computed once for the whole map, for moving
    /// along edges with the keyboard.
    pub fn neighbours(&self) -> Neighbours {
        let mut onward = vec![Vec::new(); self.nodes.len()];
        let mut from = vec![Vec::new(); self.nodes.len()];
        for edge in self.edges.iter().filter(|edge| edge.from != edge.to) {
            if let (Some(ahead), Some(behind)) = (onward.get_mut(edge.from), from.get_mut(edge.to))
            {
                ahead.push(edge.to);
                behind.push(edge.from);
            }
        }
        for list in onward.iter_mut().chain(from.iter_mut()) {
            sort_by(list, |n| self.nodes.get(n).map_or(0, |n| i64::from(n.x)));
        }
        Neighbours { onward, from }
    }

    /// The edge joining two nodes, if any.
    pub fn edge(&self, from: usize, to: usize) -> Option<usize> {
        self.edges
            .iter()
            .position(|edge| edge.from == from && edge.to == to)
    }
}

/// A count as a coordinate factor; a drawing never has anywhere near `i32::MAX` layers.
fn whole(count: usize) -> i32 {
    i32::try_from(count).unwrap_or(i32::MAX)
}

/// Which nodes some edge path from `roots` reaches.
fn reach(count: usize, edges: &[(usize, usize)], roots: &[usize]) -> Vec<bool> {
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); count];
    for &(from, to) in edges {
        if let (Some(list), true) = (next.get_mut(from), to < count) {
            list.push(to);
        }
    }
    let mut seen = vec![false; count];
    let mut stack: Vec<usize> = roots.to_vec();
    while let Some(node) = stack.pop() {
        match seen.get_mut(node) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        stack.extend(next.get(node).into_iter().flatten().copied());
    }
    seen
}

/// The scenes and endings a play-through passed, in order, routing scenes included: the
/// start, then where each decision led. Stops early, with what it has, at a decision that
/// does not fit the module (a path saved for another version of it).
pub fn trail(module: &Module, path: &[Decision]) -> Vec<Target> {
    let mut passed = Vec::new();
    let Ok(mut session) = Session::start(module) else {
        return passed;
    };
    let _ = session.follow_routes_noting(module, module.start, &mut |t| passed.push(t));
    for decision in path {
        if session.position() != Target::Scene(decision.scene) {
            break;
        }
        let Some(choice) = module
            .scenes
            .get(decision.scene)
            .and_then(|scene| scene.choices().get(decision.choice))
        else {
            break;
        };
        if session.choose(module, &choice.id).is_err() {
            break;
        }
        let _ = session.follow_routes_noting(module, choice.target, &mut |t| passed.push(t));
        if session.proceed(module).is_err() {
            break;
        }
    }
    passed
}

/// A saved play-through's decisions as places in the module, up to the first that does not
/// fit it (a scene or choice the module no longer has: progress saved for another version).
pub fn decisions_of(module: &Module, saved: &[SavedDecision]) -> Vec<Decision> {
    saved
        .iter()
        .map_while(|decision| {
            let Some(Target::Scene(scene)) = module.target(&decision.scene) else {
                return None;
            };
            let choice = module
                .scenes
                .get(scene)?
                .choices()
                .iter()
                .position(|c| c.id == decision.choice)?;
            Some(Decision { scene, choice })
        })
        .collect()
}

/// The way through that takes the best-rated choice offered at every decision (the first of
/// equals; an unrated choice counts below every rating): the road the module's authors
/// recommend. At most one decision per scene and ending in the module, so a loop of
/// recommended choices cannot run for ever.
pub fn recommended_path(module: &Module) -> Vec<Decision> {
    let Ok(mut session) = Session::start(module) else {
        return Vec::new();
    };
    let limit = module.scenes.len() + module.endings.len();
    while session.path().len() < limit {
        let Target::Scene(index) = session.position() else {
            break;
        };
        let Some(scene) = module.scenes.get(index) else {
            break;
        };
        let best = scene
            .choices()
            .iter()
            .filter(|choice| session.is_available(choice))
            .min_by_key(|choice| choice.rating.map_or(4, rank));
        let Some(best) = best else { break };
        if session.choose(module, &best.id).is_err() || session.proceed(module).is_err() {
            break;
        }
    }
    session.path().to_vec()
}

fn rank(rating: Rating) -> u8 {
    match rating {
        Rating::Recommended => 0,
        Rating::Acceptable => 1,
        Rating::Risky => 2,
        Rating::Harmful => 3,
    }
}

#[cfg(test)]
mod tests;
