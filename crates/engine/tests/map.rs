//! Golden layouts of the scenario map, and the map's promises for every shipped module.
//!
//! Fixtures live in `tests/fixtures/map/`: `NAME.toml` is a module and `NAME.layout` its
//! expected layout, written as text (each node's layer and centre, each edge's points), so a
//! change to the layout shows in a diff. Run with `UPDATE_GOLDEN=1` to rewrite them, then look
//! at the drawing before committing (the author preview draws any module file).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use common::assert_golden;

use std::fmt::Write;

use peerpath_engine::map::{recommended_path, trail, NodeKind, ScenarioMap, NODE_WIDTH};
use peerpath_engine::{load, Module, Outcome, Target};

fn describe(module: &Module, map: &ScenarioMap) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "{} layers, {} x {} px, {} crossings",
        map.layer_count, map.width, map.height, map.crossings
    )
    .unwrap();
    for node in &map.nodes {
        let kind = match node.kind {
            NodeKind::Decision { choices } => format!("decision ({choices} choices)"),
            NodeKind::Routing { routes } => format!("routing ({routes} routes)"),
            NodeKind::Ending(outcome) => format!("ending ({})", outcome.as_str()),
        };
        let marks = match (node.reachable, node.dead_end) {
            (true, false) => "",
            (false, false) => " unreachable",
            (true, true) => " dead-end",
            (false, true) => " unreachable dead-end",
        };
        writeln!(
            out,
            "node {}: layer {} at {},{} {kind}{marks}",
            module.target_id(node.target),
            node.layer,
            node.x,
            node.y
        )
        .unwrap();
    }
    for edge in &map.edges {
        let points: Vec<String> = edge
            .points
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect();
        writeln!(
            out,
            "edge {} -> {}{} ({} ways): {}",
            module.target_id(map.nodes[edge.from].target),
            module.target_id(map.nodes[edge.to].target),
            if edge.back { " back" } else { "" },
            edge.vias.len(),
            points.join(" ")
        )
        .unwrap();
    }
    let recommended: Vec<&str> = trail(module, &recommended_path(module))
        .into_iter()
        .map(|t| module.target_id(t))
        .collect();
    writeln!(out, "recommended: {}", recommended.join(" > ")).unwrap();
    out
}

// Each fixture module lays out exactly as its golden file says.
#[test]
fn golden_layouts() {
    let folder = common::fixtures().join("map");
    let files = common::toml_files(&folder);
    assert!(files.len() >= 3, "map fixtures missing");
    for file in files {
        let module = load(&common::read(&file)).module.unwrap_or_else(|| {
            panic!("{} does not load", file.display());
        });
        let map = ScenarioMap::of(&module);
        assert_golden(&file.with_extension("layout"), &describe(&module, &map));
    }
    // And a generated module, for a larger shape.
    let module = load(&peerpath_engine::generate::module(40)).module.unwrap();
    let map = ScenarioMap::of(&module);
    assert_golden(
        &folder.join("generated-40.layout"),
        &describe(&module, &map),
    );
}

/// The map's promises for one module: start on top, endings on the bottom layer, every edge
/// down one layer at a time (or marked as leading back), nothing overlapping.
fn assert_sound(module: &Module, map: &ScenarioMap, name: &str) {
    let start = map.node(module.start).unwrap();
    assert_eq!(map.nodes[start].layer, 0, "{name}: start not on top");
    let last = map.layer_count - 1;
    for node in &map.nodes {
        if let Target::Ending(_) = node.target {
            assert_eq!(node.layer, last, "{name}: ending not at the bottom");
        }
        assert!(node.x >= NODE_WIDTH / 2 && node.x + NODE_WIDTH / 2 <= map.width);
        assert!(node.y >= 0 && node.y < map.height);
    }
    for (i, a) in map.nodes.iter().enumerate() {
        for b in &map.nodes[i + 1..] {
            if a.layer == b.layer {
                assert!((a.x - b.x).abs() >= NODE_WIDTH, "{name}: nodes overlap");
            }
        }
    }
    for edge in &map.edges {
        let (a, b) = (&map.nodes[edge.from], &map.nodes[edge.to]);
        if edge.from == edge.to {
            continue;
        }
        assert_eq!(edge.back, a.layer > b.layer, "{name}: edge direction");
        let first = *edge.points.first().unwrap();
        let last = *edge.points.last().unwrap();
        assert!(
            first.0.abs_diff(a.x) <= NODE_WIDTH as u32 / 4,
            "{name}: edge start"
        );
        assert!(
            last.0.abs_diff(b.x) <= NODE_WIDTH as u32 / 4,
            "{name}: edge end"
        );
    }
}

// Every shipped module gets a sound map, with its strongest
// outcome at the end of the recommended path.
#[test]
fn shipped_modules_map_soundly() {
    for (path, text) in common::shipped_modules() {
        let name = path.display().to_string();
        let module = common::load_ok(&name, &text);
        let map = ScenarioMap::of(&module);
        assert_sound(&module, &map, &name);
        assert!(
            map.nodes.iter().all(|n| n.reachable),
            "{name}: unreachable scene"
        );
        let passed = trail(&module, &recommended_path(&module));
        let Some(Target::Ending(end)) = passed.last() else {
            panic!("{name}: the recommended path does not reach an ending");
        };
        assert_eq!(
            module.endings[*end].outcome,
            Outcome::Strong,
            "{name}: the recommended path does not end strong"
        );
    }
}

// Generated modules of 500 and 2,000 scenes give sound maps too.
#[test]
fn generated_modules_map_soundly() {
    for scenes in [500, 2_000] {
        let module = load(&peerpath_engine::generate::module(scenes))
            .module
            .unwrap();
        let map = ScenarioMap::of(&module);
        assert_sound(&module, &map, &format!("generated {scenes}"));
    }
}

// Each diagnostic is traced to the scene or ending whose table holds it, choices included;
// the rest of the file (a meter) belongs to none.
#[test]
fn diagnostics_are_traced_to_their_scene() {
    let text = common::read(&common::fixtures().join("map/crossroads.toml"));
    // Take the feedback off the first choice of `talk`, and add a meter no condition reads.
    let talk = text.find("id = \"talk\"").unwrap();
    let feedback = talk + text[talk..].find("feedback =").unwrap();
    let line_end = feedback + text[feedback..].find('\n').unwrap();
    let mut edited = format!("{}{}", &text[..feedback], &text[line_end + 1..]);
    let first_table = edited.find("[[").unwrap();
    edited.insert_str(
        first_table,
        "[[meters]]\nid = \"unused\"\nlabel = \"Unused\"\nmin = 0\nmax = 1\nstart = 0\n\n",
    );
    let loaded = load(&edited);
    assert!(loaded.module.is_some());
    let owners = peerpath_engine::load::owners(&edited, &loaded.diagnostics);
    let found: Vec<(&str, Option<&str>)> = loaded
        .diagnostics
        .iter()
        .zip(&owners)
        .map(|(d, owner)| (d.code.as_str(), owner.as_deref()))
        .collect();
    assert!(found.contains(&("W202", Some("talk"))), "{found:?}");
    assert!(found.contains(&("W201", None)), "{found:?}");
    // Text that does not parse traces nothing, and says so for each diagnostic.
    let broken = load("[[scenes]\n");
    assert_eq!(
        peerpath_engine::load::owners("[[scenes]\n", &broken.diagnostics),
        vec![None; broken.diagnostics.len()]
    );
}

// A file with errors still sketches: the unreachable scene and the dead end show as such,
// and a `goto` to nowhere is left out of the drawing.
#[test]
fn a_file_with_errors_is_sketched() {
    let text = common::read(&common::fixtures().join("map/crossroads.toml"))
        + r#"
[[scenes]]
id = "lost-room"
text = "Nobody comes here."

  [[scenes.choices]]
  id = "stay"
  label = "Stay."
  goto = "lost-room"
  feedback = "."
  rating = "acceptable"

  [[scenes.choices]]
  id = "wander"
  label = "Wander."
  goto = "nowhere"
  feedback = "."
  rating = "acceptable"
"#;
    let loaded = load(&text);
    assert!(loaded.module.is_none());
    let codes: Vec<&str> = loaded.errors().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"E109") && codes.contains(&"E102"),
        "{codes:?}"
    );
    let sketch = peerpath_engine::load::sketch(&text).unwrap();
    let lost = sketch.target("lost-room").unwrap();
    assert_eq!(sketch.scenes.last().unwrap().ways[1].target, None);
    let map = ScenarioMap::of_sketch(&sketch);
    let node = &map.nodes[map.node(lost).unwrap()];
    assert!(!node.reachable && node.dead_end);
    assert_eq!(
        map.nodes
            .iter()
            .filter(|n| !n.reachable || n.dead_end)
            .count(),
        1,
        "only the lost room"
    );
    // Text that is not a module sketches nothing.
    assert!(peerpath_engine::load::sketch("title = 3").is_none());
}
