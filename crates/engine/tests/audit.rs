//! The audit's five signals, each on a small fixture in `tests/fixtures/audit/` whose answer
//! is worked out by hand in the test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use peerpath_engine::audit::calibration::pick_chances;
use peerpath_engine::audit::label_tells::has_warm_wording;
use peerpath_engine::audit::{Audit, GateKind, Method, Skipped};
use peerpath_engine::{Module, Outcome, Rating};

fn fixture(name: &str) -> Module {
    let path = common::fixtures().join(format!("audit/{name}.toml"));
    common::load_ok(name, &common::read(&path))
}

fn audit(name: &str) -> Audit {
    Audit::of(&fixture(name))
}

/// `scene/choice` for each step, to compare paths briefly.
fn steps(refs: &[peerpath_engine::audit::ChoiceRef]) -> Vec<String> {
    refs.iter()
        .map(|c| format!("{}/{}", c.scene, c.choice))
        .collect()
}

fn close(found: f64, expected: f64) -> bool {
    (found - expected).abs() < 1e-12
}

/// Ensures a strong and a mixed ending reachable after an unmarked harmful choice are both
/// reported, each with the shortest witness and the harmful choice, and the bar is missed.
#[test]
fn strong_ending_after_harm_is_found_with_a_witness() {
    let audit = audit("strong-after-harm");
    let found: Vec<(&str, Outcome, Vec<String>, Vec<String>)> = audit
        .endings_after_harm
        .iter()
        .map(|e| {
            (
                e.ending.as_str(),
                e.outcome,
                steps(&e.witness),
                steps(&e.harmful_choices),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "good",
                Outcome::Strong,
                vec!["a/hurt".into(), "b/finish".into()],
                vec!["a/hurt".into()]
            ),
            (
                "okay",
                Outcome::Mixed,
                vec!["a/hurt".into(), "b/meh".into()],
                vec!["a/hurt".into()]
            ),
        ]
    );
    assert_eq!(
        audit.endings_after_harm[0].witness[0].rating,
        Some(Rating::Harmful)
    );
    let rules: Vec<&str> = audit.misses.iter().map(|m| m.rule).collect();
    assert!(rules.contains(&"strong-after-harm"), "{rules:?}");
    assert!(rules.contains(&"harm-without-mark"), "{rules:?}");
}

/// Ensures harm that sets a flag routing away from the strong ending reports nothing.
#[test]
fn harm_routed_away_reports_no_ending() {
    let audit = audit("harm-routed-away");
    assert_eq!(audit.endings_after_harm, Vec::new());
    assert_eq!(audit.without_mark, Vec::new());
    assert!(audit.exploration.complete);
}

/// Ensures harmful and risky choices are reported exactly when no later condition reads what
/// they change: a meter read only before is no mark; a flag a later route reads is; a `goto`
/// straight to an ending is exempt.
#[test]
fn choices_without_a_lasting_mark() {
    let audit = audit("marks");
    let found: Vec<(String, Rating, Vec<String>)> = audit
        .without_mark
        .iter()
        .map(|w| {
            (
                format!("{}/{}", w.scene, w.choice),
                w.rating,
                w.changes.clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("a/shout".into(), Rating::Harmful, vec!["trust".into()]),
            ("a/rush".into(), Rating::Risky, vec![]),
        ]
    );
    let rules: Vec<&str> = audit.misses.iter().map(|m| m.rule).collect();
    assert!(rules.contains(&"harm-without-mark"), "{rules:?}");
}

/// Ensures a risky choice without a mark is reported but does not miss the bar on its own.
#[test]
fn risky_without_a_mark_is_only_a_warning() {
    let audit = audit("harm-routed-away");
    assert!(audit.misses.iter().all(|m| m.rule != "harm-without-mark"));
}

/// Ensures gates are reported as bypassed, always open or never open, and that a temptation
/// gate and a gate that bites are not.
#[test]
fn gates_that_do_not_bite() {
    let audit = audit("gates");
    let found: Vec<(String, GateKind)> = audit
        .toothless_gates
        .iter()
        .map(|g| (format!("{}/{}", g.scene, g.choice), g.kind.clone()))
        .collect();
    let by_plain = || GateKind::Bypassed {
        by: "plain".into(),
        by_rating: Rating::Recommended,
    };
    assert_eq!(
        found,
        [
            ("b/deep".into(), by_plain()),
            ("b/sure".into(), by_plain()),
            ("b/sure".into(), GateKind::AlwaysOpen),
            ("b/never".into(), by_plain()),
            ("b/never".into(), GateKind::NeverOpen),
        ]
    );
    assert_eq!(audit.toothless_gates[0].condition, "asked");
}

/// A scene's tells, briefly: id, best option, why skipped, best-is-longest, only warm.
type Scored<'a> = (&'a str, Option<&'a str>, Option<Skipped>, f64, bool);

/// Ensures the label tells are scored as worked by hand: s1 longest and only warm (1, 1);
/// s2 tied for longest with one other, both warm (1/2, 0); s3 neither (0, 0); s4 (shared
/// best) and s5 (one option) skipped. Chance is the mean of 1/3, 1/2 and 1/4.
#[test]
fn label_tells_against_chance() {
    let tells = audit("tells").label_tells;
    assert_eq!(tells.counted, 3);
    let scores: Vec<Scored> = tells
        .scenes
        .iter()
        .map(|s| {
            (
                s.scene.as_str(),
                s.best.as_deref(),
                s.skipped,
                s.best_is_longest,
                s.only_warm,
            )
        })
        .collect();
    assert_eq!(
        scores,
        [
            ("s1", Some("a1"), None, 1.0, true),
            ("s2", Some("a2"), None, 0.5, false),
            ("s3", Some("a3"), None, 0.0, false),
            ("s4", None, Some(Skipped::SharedBest), 0.0, false),
            ("s5", None, Some(Skipped::SingleOption), 0.0, false),
        ]
    );
    assert_eq!(tells.scenes[1].warm, ["a2", "b2"]);
    assert!(close(tells.best_is_longest, 1.5 / 3.0));
    assert!(close(tells.only_warm, 1.0 / 3.0));
    assert!(close(
        tells.chance,
        (1.0 / 3.0 + 1.0 / 2.0 + 1.0 / 4.0) / 3.0
    ));
}

/// Ensures warm wording matches whole words and phrases, in any case, with curly apostrophes.
#[test]
fn warm_wording_matches_whole_words() {
    assert!(has_warm_wording("Let’s plan the week."));
    assert!(has_warm_wording("ASKING first"));
    assert!(has_warm_wording("Find out what would help her most."));
    assert!(!has_warm_wording("Shoot some basketball."));
    assert!(!has_warm_wording("Tell him what to do."));
}

/// Ensures the learner's picks: p over the recommended, the rest over the others, uniform
/// when none or only recommended are available.
#[test]
fn pick_chances_follow_the_learner() {
    let r = Some(Rating::Recommended);
    let a = Some(Rating::Acceptable);
    assert_eq!(pick_chances(&[r, a, a, r], 0.6), [0.3, 0.2, 0.2, 0.3]);
    assert_eq!(pick_chances(&[a, a], 0.9), [0.5, 0.5]);
    assert_eq!(pick_chances(&[r, r], 0.9), [0.5, 0.5]);
}

/// Ensures calibration is exact on a tiny module worked by hand. At `a`, r1 (recommended)
/// has chance p, x and h (1 - p)/2 each; x ends mixed, h sets `bad`, which routes to the
/// difficult ending; after r1, `c` offers r (strong) with chance p and acc (mixed) with
/// 1 - p (the gated `late` is never available). So P(strong) = p², P(mixed) = (1 - p)/2 +
/// p(1 - p), P(difficult) = (1 - p)/2.
#[test]
fn calibration_is_exact_on_a_small_module() {
    let calibration = audit("calibration").calibration;
    assert_eq!(calibration.method, Method::Exact);
    let found: Vec<f64> = calibration.learners.iter().map(|c| c.p).collect();
    assert_eq!(found, [0.5, 0.7, 0.9]);
    for chances in calibration
        .learners
        .iter()
        .chain([&calibration.always_recommended])
    {
        let p = chances.p;
        assert!(close(chances.strong, p * p), "{chances:?}");
        assert!(
            close(chances.mixed, (1.0 - p) / 2.0 + p * (1.0 - p)),
            "{chances:?}"
        );
        assert!(close(chances.difficult, (1.0 - p) / 2.0), "{chances:?}");
        assert_eq!(chances.unfinished, 0.0);
    }
    assert_eq!(calibration.always_recommended.strong, 1.0);
}

/// Ensures a module whose states loop is sampled, the same on every run, and close to the
/// exact answer: going on (p), trying again and quitting ((1 - p)/2 each) give
/// P(strong) = p / (p + (1 - p)/2) = 2/3 at p = 0.5.
#[test]
fn calibration_samples_a_cyclic_module_deterministically() {
    let first = audit("cycle").calibration;
    assert!(matches!(first.method, Method::Sampled { .. }));
    assert_eq!(first, audit("cycle").calibration);
    let half = first.learners[0];
    assert!((half.strong - 2.0 / 3.0).abs() < 0.02, "{half:?}");
    assert!(close(half.strong + half.difficult, 1.0), "{half:?}");
}

/// Ensures calibration outside the band misses the bar, and the bar's rules are named.
#[test]
fn calibration_band_is_part_of_the_bar() {
    // The tiny module: p = 0.5 gives P(strong) 0.25 and P(difficult) 0.25 (inside), p = 0.7
    // gives 0.49 (inside), p = 0.9 gives 0.81 (inside), so only label tells could miss.
    let audit = audit("calibration");
    assert!(
        audit
            .misses
            .iter()
            .all(|m| !m.rule.starts_with("calibration")),
        "{:?}",
        audit.misses
    );
    // The cyclic module reaches a strong ending 2/3 of the time at p = 0.5: above 0.50.
    let cycle = self::audit("cycle");
    assert!(
        cycle.misses.iter().any(|m| m.rule == "calibration-p50"),
        "{:?}",
        cycle.misses
    );
}

/// Ensures a bound smaller than the state space is reported as incomplete and misses the
/// bar, while what was found stays real.
#[test]
fn exploration_bound_is_reported() {
    let module = fixture("calibration");
    let audit = Audit::with_bound(&module, 2);
    assert!(!audit.exploration.complete);
    assert_eq!(audit.exploration.states, 2);
    assert!(matches!(audit.calibration.method, Method::Sampled { .. }));
    assert!(audit.misses.iter().any(|m| m.rule == "incomplete"));
}

/// Ensures the audit serializes to JSON with each signal under its own key.
#[test]
fn audit_serializes() {
    let value = serde_json::to_value(audit("gates")).unwrap();
    for key in [
        "module",
        "exploration",
        "label_tells",
        "endings_after_harm",
        "without_mark",
        "toothless_gates",
        "calibration",
        "misses",
    ] {
        assert!(value.get(key).is_some(), "no `{key}` in {value}");
    }
    assert_eq!(value["toothless_gates"][0]["kind"], "bypassed");
    assert_eq!(value["toothless_gates"][0]["by"], "plain");
}
