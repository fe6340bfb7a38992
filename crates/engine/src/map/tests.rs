#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a test fails by panicking

use super::layout::{count_all, layout, Graph, Spacing};
use super::*;
use crate::load;

const SPACING: Spacing = Spacing {
    node_width: 100.0,
    point_width: 10.0,
    gap: 20.0,
    margin: 10.0,
};

fn place(count: usize, edges: &[(usize, usize)], bottom: &[usize]) -> super::layout::Placed {
    let bottom: Vec<bool> = (0..count).map(|n| bottom.contains(&n)).collect();
    layout(
        &Graph {
            count,
            edges,
            start: 0,
            bottom: &bottom,
        },
        SPACING,
    )
}

/// Every edge points down (or, turned around, up) one layer at a time through its points.
fn assert_downward(placed: &super::layout::Placed, edges: &[(usize, usize)]) {
    for (index, &(from, to)) in edges.iter().enumerate() {
        if from == to {
            continue;
        }
        let (upper, lower) = if placed.reversed[index] {
            (to, from)
        } else {
            (from, to)
        };
        let (top, bottom) = (placed.layers[upper], placed.layers[lower]);
        assert!(top < bottom, "edge {from}->{to} is not downward");
        let layers: Vec<usize> = placed.points[index].iter().map(|p| p.1).collect();
        assert_eq!(layers, (top + 1..bottom).collect::<Vec<_>>());
    }
}

/// Nodes in one layer never overlap, and keep the gap between them.
fn assert_apart(placed: &super::layout::Placed) {
    let count = placed.layers.len();
    for a in 0..count {
        for b in a + 1..count {
            if placed.layers[a] == placed.layers[b] {
                let distance = (placed.x[a] - placed.x[b]).abs();
                assert!(
                    distance >= 119,
                    "nodes {a} and {b} overlap ({distance} px apart)"
                );
            }
        }
    }
}

// A diamond lays out on three layers with the join centred under the split.
#[test]
fn diamond() {
    let edges = [(0, 1), (0, 2), (1, 3), (2, 3)];
    let placed = place(4, &edges, &[3]);
    assert_eq!(placed.layers, [0, 1, 1, 2]);
    assert_eq!(placed.crossings, 0);
    assert_eq!(placed.x[0], placed.x[3]);
    assert_eq!(placed.x[0] * 2, placed.x[1] + placed.x[2]);
    assert_apart(&placed);
}

// A loop back to an earlier scene is turned around, and only that edge.
#[test]
fn cycle_is_broken_at_the_edge_that_closes_it() {
    let edges = [(0, 1), (1, 2), (2, 0), (2, 3)];
    let placed = place(4, &edges, &[3]);
    assert_eq!(placed.reversed, [false, false, true, false]);
    assert_eq!(placed.layers, [0, 1, 2, 3]);
    assert_downward(&placed, &edges);
}

// Endings all sit on the bottom layer, however early a path reaches them; the long edge
// gets a point on every layer it crosses.
#[test]
fn endings_on_the_bottom_layer() {
    let edges = [(0, 1), (0, 4), (1, 2), (2, 3)];
    let placed = place(5, &edges, &[3, 4]);
    assert_eq!(placed.layers[3], placed.layers[4]);
    assert_eq!(placed.layers[3], 3);
    assert_eq!(placed.points[1].len(), 2);
    assert_downward(&placed, &edges);
}

// An order that crosses is untangled: two parallel pairs given crossed come out uncrossed.
#[test]
fn crossings_are_removed_where_possible() {
    let edges = [(0, 1), (0, 2), (1, 4), (2, 3), (3, 5), (4, 5)];
    let placed = place(6, &edges, &[5]);
    assert_eq!(placed.crossings, 0);
    // And the count itself is right: one crossing in a hand-made order.
    let rows = vec![vec![0, 1], vec![2, 3]];
    let below = vec![vec![3], vec![2], vec![], vec![]];
    assert_eq!(count_all(&rows, &below, 4), 1);
}

// Unreachable scenes, edges out of range and self-loops neither panic nor disturb the rest.
#[test]
fn odd_graphs_lay_out() {
    let edges = [(0, 1), (1, 1), (5, 9), (2, 1), (1, 3)];
    let placed = place(4, &edges, &[3]);
    assert_eq!(placed.layers.len(), 4);
    assert_apart(&placed);
    let empty = place(0, &[], &[]);
    assert_eq!(empty.layer_count, 0);
}

// The same graph always gives the same drawing.
#[test]
fn deterministic() {
    let module = load(&crate::generate::module(60)).module.unwrap();
    assert_eq!(ScenarioMap::of(&module), ScenarioMap::of(&module));
}

// A large generated module lays out with every edge downward and nothing overlapping.
#[test]
fn large_module() {
    let module = load(&crate::generate::module(500)).module.unwrap();
    let map = ScenarioMap::of(&module);
    assert_eq!(map.nodes.len(), module.scenes.len() + module.endings.len());
    assert!(map.nodes.iter().all(|n| n.reachable && !n.dead_end));
    for edge in &map.edges {
        let (a, b) = (&map.nodes[edge.from], &map.nodes[edge.to]);
        assert_eq!(edge.back, a.layer >= b.layer, "{edge:?}");
        assert!(edge.points.windows(2).all(|w| w[0].1 <= w[1].1) || edge.back);
    }
}

const LOOPING: &str = r#"
format = 1
id = "looping"
title = "Looping"
topic = "Test"
audience = ["peer-worker"]
minutes = 1
content_note = "None."
objectives = ["Loop."]
start = "door"

[[meters]]
id = "calm"
label = "Calm"
min = 0
max = 3
start = 0

[[scenes]]
id = "door"
text = "At the door."

  [[scenes.choices]]
  id = "knock"
  label = "Knock."
  goto = "check"
  effects = { calm = 1 }
  rating = "recommended"
  feedback = "Fine."

  [[scenes.choices]]
  id = "wait"
  label = "Wait."
  goto = "door"
  rating = "acceptable"
  feedback = "Fine."

  [[scenes.choices]]
  id = "leave"
  label = "Leave."
  goto = "gone"
  rating = "harmful"
  feedback = "No."

[[scenes]]
id = "check"

  [[scenes.routes]]
  if = "calm >= 2"
  goto = "good"

  [[scenes.routes]]
  goto = "door"

[[endings]]
id = "good"
title = "Good"
outcome = "strong"
text = "Done."

[[endings]]
id = "gone"
title = "Gone"
outcome = "difficult"
text = "Gone."
"#;

// The trail passes routing scenes, and loops back where the play-through did.
#[test]
fn trail_follows_routes() {
    let module = load(LOOPING).module.unwrap();
    let path = [
        Decision {
            scene: 0,
            choice: 0,
        },
        Decision {
            scene: 0,
            choice: 0,
        },
    ];
    let passed: Vec<&str> = trail(&module, &path)
        .into_iter()
        .map(|t| module.target_id(t))
        .collect();
    assert_eq!(passed, ["door", "check", "door", "check", "good"]);
    // A path that does not fit stops the trail where it stops fitting.
    let wrong = [Decision {
        scene: 1,
        choice: 0,
    }];
    assert_eq!(trail(&module, &wrong), [Target::Scene(0)]);
}

// The recommended path takes the best-rated choice each time, and reaches the strong ending.
#[test]
fn recommended_path_takes_the_best_choices() {
    let module = load(LOOPING).module.unwrap();
    let path = recommended_path(&module);
    assert_eq!(
        path,
        [
            Decision {
                scene: 0,
                choice: 0
            },
            Decision {
                scene: 0,
                choice: 0
            }
        ]
    );
    let map = ScenarioMap::of(&module);
    let door = map.node(Target::Scene(0)).unwrap();
    // The self-loop and the loop back through `check` are both there; only the latter is back.
    let self_loop = map.edge(door, door).unwrap();
    assert!(!map.edges[self_loop].back);
    let check = map.node(Target::Scene(1)).unwrap();
    assert!(map.edges[map.edge(check, door).unwrap()].back);
    // Neighbours leave the self-loop out, and go both ways.
    let neighbours = map.neighbours();
    assert_eq!(neighbours.onward[door].len(), 2);
    assert_eq!(neighbours.from[check], [door]);
    assert!(neighbours.from[door].contains(&check) && !neighbours.from[door].contains(&door));
}

// Saved decisions become places in the module, up to the first the module does not have.
#[test]
fn saved_decisions_are_placed() {
    use crate::save::SavedDecision;
    let module = load(LOOPING).module.unwrap();
    let saved = |scene: &str, choice: &str| SavedDecision {
        scene: scene.into(),
        choice: choice.into(),
    };
    let placed = decisions_of(
        &module,
        &[
            saved("door", "knock"),
            saved("door", "gone-away"),
            saved("door", "knock"),
        ],
    );
    assert_eq!(
        placed,
        [Decision {
            scene: 0,
            choice: 0
        }]
    );
    assert!(
        decisions_of(&module, &[saved("good", "knock")]).is_empty(),
        "an ending is no scene"
    );
}
