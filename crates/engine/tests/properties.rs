//! Properties of play and of saves, checked on random play-throughs of the shipped modules,
//! the golden fixtures and generated modules.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use std::sync::OnceLock;

use common::Rng;
use peerpath_engine::save::SavedDecision;
use peerpath_engine::{
    generate, Module, Phase, RestoreError, SavedSession, Session, View, SAVE_VERSION,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// More decisions than any play-through of these modules needs: a walk that has not ended by
/// then is stuck in a loop it cannot leave.
const STEP_BOUND: usize = 2_000;

/// The shipped modules and the golden fixtures, loaded once.
fn modules() -> &'static [(String, Module)] {
    static MODULES: OnceLock<Vec<(String, Module)>> = OnceLock::new();
    MODULES.get_or_init(common::shipped_and_golden)
}

fn generated(scenes: usize) -> Module {
    common::load_ok("generated", &generate::module(scenes))
}

/// Every meter, visible or not, within its bounds.
fn meters_in_bounds(module: &Module, session: &Session) -> Result<(), TestCaseError> {
    for meter in &module.meters {
        let value = session.meter(module, &meter.id).unwrap();
        prop_assert!(
            (meter.min..=meter.max).contains(&value),
            "meter `{}` is {value}, outside {}..={}",
            meter.id,
            meter.min,
            meter.max
        );
    }
    Ok(())
}

/// Makes one random available choice and checks the feedback view. The session must be
/// deciding in a scene.
fn step(module: &Module, session: &mut Session, rng: &mut Rng) -> Result<(), TestCaseError> {
    let View::Decision { scene, choices, .. } = session.view(module).unwrap() else {
        return Err(TestCaseError::fail("expected a decision"));
    };
    let available = common::available_choices(session, module);
    prop_assert!(
        !available.is_empty(),
        "scene `{}` offers no available choice ({} shown)",
        scene.id,
        choices.len()
    );
    let id = available[rng.below(available.len())].clone();
    session
        .choose(module, &id)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(session.phase(), Phase::Reviewing);
    let View::Feedback { choice, ends, .. } = session.view(module).unwrap() else {
        return Err(TestCaseError::fail("expected feedback after a choice"));
    };
    prop_assert_eq!(choice.id.as_str(), id.as_str());
    prop_assert_eq!(ends, session.is_over());
    meters_in_bounds(module, session)
}

/// Plays to an ending from wherever the session is, and checks the ending is shown.
fn finish(module: &Module, session: &mut Session, rng: &mut Rng) -> Result<usize, TestCaseError> {
    let mut decisions = 0;
    loop {
        if session.phase() == Phase::Reviewing {
            session.proceed(module).unwrap();
        }
        if session.is_over() {
            break;
        }
        prop_assert!(
            decisions < STEP_BOUND,
            "no ending after {STEP_BOUND} decisions"
        );
        step(module, session, rng)?;
        decisions += 1;
    }
    let ending = session.ending(module);
    prop_assert!(ending.is_some(), "over, but no ending");
    let is_ending_view = matches!(session.view(module), Ok(View::Ending { .. }));
    prop_assert!(is_ending_view, "over, but the view is not the ending");
    prop_assert!(
        session.choose(module, "anything").is_err(),
        "a choice after the ending"
    );
    Ok(decisions)
}

/// Plays up to `decisions` random decisions, stopping early at an ending; leaves the feedback
/// of the last one showing when `reviewing` is set.
fn play_some(
    module: &Module,
    session: &mut Session,
    rng: &mut Rng,
    decisions: usize,
    reviewing: bool,
) -> Result<(), TestCaseError> {
    for made in 0..decisions {
        if session.is_over() {
            break;
        }
        step(module, session, rng)?;
        if made + 1 < decisions || !reviewing {
            session.proceed(module).unwrap();
        }
    }
    Ok(())
}

fn save_round_trip(module: &Module, session: &Session) -> SavedSession {
    let json = session.save(module).to_json().unwrap();
    SavedSession::from_json(&json).unwrap()
}

proptest! {
    /// Ensures random play of each shipped and golden module ends, never erring or stuck.
    #[test]
    fn random_walks_reach_an_ending(seed in any::<u64>()) {
        prop_assert!(!modules().is_empty());
        for (name, module) in modules() {
            let mut rng = Rng(seed);
            let mut session = Session::start(module).unwrap();
            meters_in_bounds(module, &session)?;
            finish(module, &mut session, &mut rng)
                .map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        }
    }

    /// Ensures random play-throughs of small generated modules reach an ending.
    #[test]
    fn random_walks_on_generated_modules(scenes in 1usize..40, seed in any::<u64>()) {
        let module = generated(scenes);
        let mut session = Session::start(&module).unwrap();
        let decisions = finish(&module, &mut session, &mut Rng(seed))?;
        prop_assert!(decisions >= 1 && decisions <= scenes, "{decisions} decisions for {scenes} scenes");
    }

    /// Ensures save, JSON and restore give the same session, and the same end when played on.
    #[test]
    fn save_and_restore_is_invisible(
        seed in any::<u64>(),
        decisions in 0usize..12,
        reviewing in any::<bool>(),
        which in any::<prop::sample::Index>(),
    ) {
        let (name, module) = &modules()[which.index(modules().len())];
        let mut rng = Rng(seed);
        let mut session = Session::start(module).unwrap();
        play_some(module, &mut session, &mut rng, decisions, reviewing)?;

        let restored = Session::restore(module, &save_round_trip(module, &session)).unwrap();
        prop_assert_eq!(restored.dropped, None, "{}", name);
        prop_assert_eq!(&restored.session, &session, "{}", name);

        let mut continued = session;
        let mut resumed = restored.session;
        finish(module, &mut continued, &mut rng.clone())?;
        finish(module, &mut resumed, &mut rng)?;
        prop_assert_eq!(&resumed, &continued);
        prop_assert_eq!(resumed.view(module).unwrap(), continued.view(module).unwrap());
    }

    /// Ensures an edited save keeps the decisions before the edit and reports the rest dropped.
    #[test]
    fn edited_save_keeps_the_valid_prefix(
        seed in any::<u64>(),
        which in any::<prop::sample::Index>(),
        edit in any::<prop::sample::Index>(),
        edit_scene in any::<bool>(),
    ) {
        let (name, module) = &modules()[which.index(modules().len())];
        let mut rng = Rng(seed);
        let mut session = Session::start(module).unwrap();
        finish(module, &mut session, &mut rng)?;
        let mut saved = save_round_trip(module, &session);
        let total = saved.decisions.len();
        let at = edit.index(total);
        if edit_scene {
            saved.decisions[at].scene = "renamed-scene".into();
        } else {
            saved.decisions[at].choice = "renamed-choice".into();
        }

        let restored = Session::restore(module, &saved).unwrap();
        let dropped = restored.dropped.expect("an edited save drops something");
        prop_assert_eq!(dropped.kept, at, "{}", name);
        prop_assert_eq!(dropped.dropped, total - at);
        let renamed = if edit_scene { "renamed-scene" } else { "renamed-choice" };
        prop_assert!(dropped.reason.contains(renamed), "{}", dropped.reason);

        // The same as replaying only the kept decisions, ready for the next one.
        let mut expected = Session::start(module).unwrap();
        for decision in &saved.decisions[..at] {
            expected.choose(module, &decision.choice).unwrap();
            expected.proceed(module).unwrap();
        }
        prop_assert_eq!(restored.session.phase(), Phase::Deciding);
        prop_assert_eq!(&restored.session, &expected);
    }

    /// Ensures text that is not a save is refused as malformed, never as anything else.
    #[test]
    fn garbage_is_malformed(text in ".{0,200}") {
        let refused = matches!(SavedSession::from_json(&text), Err(RestoreError::Malformed { .. }));
        prop_assert!(refused, "{:?} was not refused as malformed", text);
    }

    /// Ensures any save that names a newer minimum reader is refused as too new.
    #[test]
    fn newer_min_reader_is_too_new(min_reader in (SAVE_VERSION + 1)..u32::MAX, version in any::<u32>()) {
        let json = format!(
            r#"{{"version":{version},"min_reader":{min_reader},"module":"crossroads","decisions":[],"reviewing":false}}"#
        );
        prop_assert_eq!(
            SavedSession::from_json(&json),
            Err(RestoreError::TooNew { version, min_reader })
        );
    }
}

fn crossroads() -> &'static Module {
    &modules()
        .iter()
        .find(|(_, m)| m.id == "crossroads")
        .expect("the crossroads fixture")
        .1
}

/// Ensures `restore` itself refuses a save whose `min_reader` is newer than this engine.
#[test]
fn restore_refuses_a_newer_min_reader() {
    let module = crossroads();
    let mut saved = Session::start(module).unwrap().save(module);
    saved.min_reader = SAVE_VERSION + 1;
    saved.version = SAVE_VERSION + 1;
    assert_eq!(
        Session::restore(module, &saved),
        Err(RestoreError::TooNew {
            version: SAVE_VERSION + 1,
            min_reader: SAVE_VERSION + 1
        })
    );
}

/// Ensures a too-new save is refused as such even when the rest of it is unreadable to us.
#[test]
fn too_new_wins_over_unknown_shape() {
    let json = r#"{"version": 9, "min_reader": 9, "module": 42, "steps": "new shape"}"#;
    assert_eq!(
        SavedSession::from_json(json),
        Err(RestoreError::TooNew {
            version: 9,
            min_reader: 9
        })
    );
}

/// Ensures a newer save that allows old readers (min_reader 1, extra fields) is restored.
#[test]
fn newer_save_readable_by_us_is_restored() {
    let module = crossroads();
    let json = r#"{"version": 5, "min_reader": 1, "module": "crossroads",
        "decisions": [{"scene": "meeting", "choice": "listen", "note": "new field"}],
        "reviewing": false, "bookmarks": []}"#;
    let saved = SavedSession::from_json(json).unwrap();
    let restored = Session::restore(module, &saved).unwrap();
    assert_eq!(restored.dropped, None);
    assert_eq!(restored.session.path().len(), 1);
    assert_eq!(restored.session.meter(module, "trust"), Some(4));
}

/// Ensures broken saves (empty, cut short, wrong shape, missing fields) are malformed.
#[test]
fn broken_saves_are_malformed() {
    for text in [
        "",
        "{",
        "null",
        "[]",
        r#"{"version": 1}"#,
        r#"{"version": 1, "min_reader": 1}"#,
        r#"{"version": -1, "min_reader": 1, "module": "m", "decisions": [], "reviewing": false}"#,
        r#"{"version": 1, "min_reader": 1, "module": "m", "decisions": [{"scene": "a"}], "reviewing": false}"#,
        r#"{"version": 1, "min_reader": 1, "module": "m", "decisions": [], "reviewing": "no"}"#,
    ] {
        assert!(
            matches!(
                SavedSession::from_json(text),
                Err(RestoreError::Malformed { .. })
            ),
            "{text:?}: {:?}",
            SavedSession::from_json(text)
        );
    }
}

/// Ensures a save of another module is refused, naming both.
#[test]
fn save_of_another_module_is_refused() {
    let module = crossroads();
    let mut saved = Session::start(module).unwrap().save(module);
    saved.module = "waiting-room".into();
    assert_eq!(
        Session::restore(module, &saved),
        Err(RestoreError::WrongModule {
            expected: "crossroads".into(),
            found: "waiting-room".into()
        })
    );
}

/// Ensures a save with a decision past the ending drops that decision.
#[test]
fn decision_after_the_ending_is_dropped() {
    let module = crossroads();
    let mut session = Session::start(module).unwrap();
    for choice in ["listen", "offer-water"] {
        session.choose(module, choice).unwrap();
        session.proceed(module).unwrap();
    }
    let mut saved = session.save(module);
    saved.decisions.push(SavedDecision {
        scene: "steady".into(),
        choice: "again".into(),
    });
    let restored = Session::restore(module, &saved).unwrap();
    let dropped = restored.dropped.unwrap();
    assert_eq!((dropped.kept, dropped.dropped), (2, 1));
    assert_eq!(restored.session, session);
}

/// Ensures a session refuses to be played with a module it was not started with.
#[test]
fn session_refuses_another_module() {
    let module = crossroads();
    let other = generated(3);
    let mut session = Session::start(module).unwrap();
    assert!(session.view(&other).is_err());
    assert!(session.choose(&other, "listen").is_err());
    assert_eq!(
        session,
        Session::start(module).unwrap(),
        "a refused choice changes nothing"
    );
}

/// Ensures `proceed` without feedback showing is refused and changes nothing.
#[test]
fn proceed_without_feedback_is_refused() {
    let module = crossroads();
    let mut session = Session::start(module).unwrap();
    assert!(session.proceed(module).is_err());
    assert_eq!(session, Session::start(module).unwrap());
}

/// The decisions, scenes and completion a list of events tells of, checked against the
/// session it came from: every decision once, in order, each after its scene was shown, and
/// one completion at the end exactly when an ending was reached.
fn events_match_session(
    module: &Module,
    session: &Session,
    events: &[peerpath_engine::Event],
) -> Result<(), TestCaseError> {
    use peerpath_engine::Event;
    let decided: Vec<(usize, &str, &str)> = events
        .iter()
        .filter_map(|event| match event {
            Event::Decided {
                step,
                scene,
                choice,
                ..
            } => Some((*step, scene.as_str(), choice.as_str())),
            _ => None,
        })
        .collect();
    let path: Vec<(usize, &str, &str)> = session
        .decisions(module)
        .into_iter()
        .enumerate()
        .map(|(index, (scene, choice))| (index + 1, scene.id.as_str(), choice.id.as_str()))
        .collect();
    prop_assert_eq!(
        decided,
        path,
        "the decisions reported are not the path taken"
    );
    let mut shown = None;
    for event in events {
        match event {
            Event::SceneShown { scene, step } => shown = Some((*step, scene.as_str())),
            Event::Decided { step, scene, .. } => prop_assert_eq!(
                shown.take(),
                Some((*step, scene.as_str())),
                "decision {} without its scene shown just before",
                step
            ),
            _ => {}
        }
    }
    let completions: Vec<&Event> = events
        .iter()
        .filter(|e| matches!(e, Event::Completed { .. }))
        .collect();
    match session.ending(module) {
        Some(ending) => {
            prop_assert_eq!(completions.len(), 1, "one completion per attempt");
            prop_assert_eq!(events.last(), completions.first().copied());
            let Event::Completed {
                ending: id,
                outcome,
                ratings,
            } = completions[0]
            else {
                unreachable!()
            };
            prop_assert_eq!(id, &ending.id);
            prop_assert_eq!(*outcome, ending.outcome);
            let expected: Vec<_> = session
                .decisions(module)
                .iter()
                .map(|(_, c)| c.rating)
                .collect();
            prop_assert_eq!(ratings, &expected);
        }
        None => prop_assert!(completions.is_empty(), "a completion before the ending"),
    }
    Ok(())
}

proptest! {
    /// Ensures the events of random play, with saves and resumes at random points (a pause,
    /// a reload), tell exactly the path taken: resuming reports nothing, so nothing repeats.
    #[test]
    fn events_of_random_walks_match_the_path(seed in any::<u64>()) {
        use std::rc::Rc;
        use peerpath_engine::Player;
        for (name, module) in modules() {
            let module = Rc::new(module.clone());
            let mut rng = Rng(seed);
            let (mut player, mut events) = Player::start(module.clone()).unwrap();
            for _ in 0..STEP_BOUND {
                if rng.below(4) == 0 {
                    let saved = save_round_trip(&module, player.session());
                    let (resumed, dropped) = Player::resume(module.clone(), &saved).unwrap();
                    prop_assert!(dropped.is_none());
                    prop_assert_eq!(&resumed, &player);
                    player = resumed;
                }
                if player.session().phase() == Phase::Reviewing {
                    events.extend(player.proceed().unwrap());
                    continue;
                }
                if player.session().is_over() {
                    break;
                }
                let available = common::available_choices(player.session(), &module);
                prop_assert!(!available.is_empty(), "{}: stuck", name);
                let id = available[rng.below(available.len())].clone();
                events.extend(player.choose(&id).unwrap());
            }
            prop_assert!(player.ending().is_some(), "{}: no ending", name);
            events_match_session(&module, player.session(), &events)?;
            // Play again: a restart, then a fresh attempt's first scene, and nothing else.
            let restarted = player.restart().unwrap();
            let fresh_start = matches!(
                &restarted[..],
                [peerpath_engine::Event::Restarted, peerpath_engine::Event::SceneShown { step: 1, .. }]
            );
            prop_assert!(fresh_start, "{}: restart reported {:?}", name, restarted);
        }
    }
}
