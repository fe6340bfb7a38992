//! `ModuleStats::of`: counts, and the fewest and most decisions from start to an ending, on
//! small fixtures in `tests/fixtures/stats/` and checked against a brute-force search.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use peerpath_engine::{generate, Module, ModuleStats, Step, Target};

fn stats_of(name: &str) -> ModuleStats {
    let path = common::fixtures()
        .join("stats")
        .join(format!("{name}.toml"));
    ModuleStats::of(&common::load_ok(name, &common::read(&path)))
}

/// The fewest and most decisions over every path from the start to an ending that visits no
/// scene twice, by trying them all. Only for small modules.
fn brute_force(module: &Module) -> (Option<usize>, Option<usize>) {
    fn walk(
        module: &Module,
        at: Target,
        on_path: &mut Vec<bool>,
        decisions: usize,
        found: &mut Vec<usize>,
    ) {
        let Target::Scene(index) = at else {
            found.push(decisions);
            return;
        };
        if on_path[index] {
            return;
        }
        on_path[index] = true;
        let scene = &module.scenes[index];
        let (cost, next): (usize, Vec<Target>) = match &scene.step {
            Step::Decide(choices) => (1, choices.iter().map(|c| c.target).collect()),
            Step::Route(routes) => (0, routes.iter().map(|r| r.target).collect()),
        };
        for target in next {
            walk(module, target, on_path, decisions + cost, found);
        }
        on_path[index] = false;
    }
    let mut found = Vec::new();
    walk(
        module,
        module.start,
        &mut vec![false; module.scenes.len()],
        0,
        &mut found,
    );
    (found.iter().copied().min(), found.iter().copied().max())
}

fn assert_matches_brute_force(name: &str, module: &Module) {
    let stats = ModuleStats::of(module);
    let (shortest, longest) = brute_force(module);
    assert_eq!(stats.shortest_decisions, shortest, "{name}: shortest");
    assert_eq!(stats.longest_decisions, longest, "{name}: longest");
}

/// Ensures a straight path with a shortcut counts 1 to 3 decisions and no cycle.
#[test]
fn linear_module() {
    assert_eq!(
        stats_of("linear"),
        ModuleStats {
            scenes: 3,
            decision_scenes: 3,
            routing_scenes: 0,
            endings: 1,
            choices: 4,
            variables: 0,
            shortest_decisions: Some(1),
            longest_decisions: Some(3),
            has_cycles: false,
        }
    );
}

/// Ensures routing scenes count as scenes but cost no decisions on the way to an ending.
#[test]
fn routing_scenes_weigh_nothing() {
    assert_eq!(
        stats_of("routing"),
        ModuleStats {
            scenes: 4,
            decision_scenes: 2,
            routing_scenes: 2,
            endings: 2,
            choices: 2,
            variables: 1,
            shortest_decisions: Some(0),
            longest_decisions: Some(2),
            has_cycles: false,
        }
    );
}

/// Ensures a cycle is reported, and counted once in the longest path.
#[test]
fn cycle_is_reported_and_counted_once() {
    let stats = stats_of("cycle");
    assert!(stats.has_cycles);
    assert_eq!(stats.shortest_decisions, Some(3));
    assert_eq!(stats.longest_decisions, Some(3));
    assert_eq!((stats.scenes, stats.choices), (3, 4));
}

/// Ensures a module whose start is an ending is 0 decisions long, with nothing to count.
#[test]
fn start_at_an_ending() {
    let stats = stats_of("start-at-ending");
    assert_eq!((stats.scenes, stats.endings, stats.choices), (0, 1, 0));
    assert_eq!(
        (
            stats.shortest_decisions,
            stats.longest_decisions,
            stats.has_cycles
        ),
        (Some(0), Some(0), false)
    );
}

/// Ensures crossroads' stats, with its routing scenes and a cycle back through its start.
#[test]
fn golden_fixture_stats() {
    let path = common::fixtures().join("golden/crossroads.toml");
    let stats = ModuleStats::of(&common::load_ok("crossroads", &common::read(&path)));
    assert_eq!(
        stats,
        ModuleStats {
            scenes: 5,
            decision_scenes: 3,
            routing_scenes: 2,
            endings: 3,
            choices: 9,
            variables: 5,
            shortest_decisions: Some(1),
            longest_decisions: Some(2),
            has_cycles: true,
        }
    );
}

/// Ensures generated modules' counts follow from how `generate::module` builds them.
#[test]
fn generated_module_counts() {
    for scenes in [1, 9, 10, 11, 25] {
        let stats = ModuleStats::of(&common::load_ok("generated", &generate::module(scenes)));
        let routing = (0..scenes)
            .filter(|i| i % 10 == 9 && i + 1 < scenes)
            .count();
        assert_eq!(stats.scenes, scenes, "{scenes}");
        assert_eq!(stats.routing_scenes, routing, "{scenes}");
        assert_eq!(stats.decision_scenes, scenes - routing, "{scenes}");
        assert_eq!(stats.choices, 3 * (scenes - routing), "{scenes}");
        assert_eq!(
            (stats.endings, stats.variables, stats.has_cycles),
            (3, 3, false),
            "{scenes}"
        );
    }
}

/// Ensures shortest and longest match a brute-force search on fixtures and generated modules.
#[test]
fn matches_brute_force() {
    for name in ["linear", "routing", "cycle", "start-at-ending"] {
        let path = common::fixtures()
            .join("stats")
            .join(format!("{name}.toml"));
        assert_matches_brute_force(name, &common::load_ok(name, &common::read(&path)));
    }
    for path in common::toml_files(&common::fixtures().join("golden")) {
        let name = path.display().to_string();
        assert_matches_brute_force(&name, &common::load_ok(&name, &common::read(&path)));
    }
    for scenes in 1..=14 {
        assert_matches_brute_force(
            "generated",
            &common::load_ok("generated", &generate::module(scenes)),
        );
    }
}

/// Ensures the longest path ignores choice order: it follows only forward gotos, so 4 both ways.
#[test]
fn longest_ignores_choice_order() {
    // The longest path follows only forward gotos (c → b goes back up the file), so it is
    // a → b → d → e → end in both orders: 4 decisions.
    assert_eq!(stats_of("order-c-first").longest_decisions, Some(4));
    assert_eq!(stats_of("order-b-first").longest_decisions, Some(4));
}

/// Ensures the two order fixtures differ only in their longest path, pinning that on order.
#[test]
fn order_fixtures_are_the_same_graph() {
    let (b, c) = (stats_of("order-b-first"), stats_of("order-c-first"));
    assert_eq!(
        (b.scenes, b.choices, b.shortest_decisions, b.has_cycles),
        (c.scenes, c.choices, c.shortest_decisions, c.has_cycles)
    );
    assert_eq!(b.shortest_decisions, Some(2));
    assert!(b.has_cycles);
}
