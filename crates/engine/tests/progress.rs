//! The saved progress model: recording attempts, status, merging two copies, and checking
//! export files. A fixture of every released format version stays here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use peerpath_engine::progress::{
    reflection_key, ImportError, ModuleProgress, PositionMerge, ProgressExport, Status,
    EXPORT_KIND, IDLE_CAP_MS,
};
use peerpath_engine::{Module, Outcome, Session};

fn waiting_room() -> Module {
    let path = common::fixtures().join("golden/waiting-room.toml");
    common::load_ok("waiting-room", &common::read(&path))
}

/// Plays `choices` in order (reading feedback after each), recording progress after every
/// step at one-minute intervals from `start`.
fn play(module: &Module, progress: &mut ModuleProgress, id: &str, start: f64, choices: &[&str]) {
    let mut session = Session::start(module).unwrap();
    let mut now = start;
    progress.record(module, &session, now, id);
    for choice in choices {
        session.choose(module, choice).unwrap();
        now += 60_000.0;
        progress.record(module, &session, now, id);
        session.proceed().unwrap();
        now += 60_000.0;
        progress.record(module, &session, now, id);
    }
}

/// Ensures status moves from not started to in progress to completed, with the best outcome.
#[test]
fn status_follows_play() {
    let module = waiting_room();
    let mut progress = ModuleProgress::new("waiting-room");
    assert_eq!(progress.status(), Status::NotStarted);
    play(&module, &mut progress, "a1", 0.0, &["sit-beside"]);
    assert_eq!(progress.status(), Status::InProgress);
    play(
        &module,
        &mut progress,
        "a1",
        0.0,
        &["sit-beside", "ask-what-helps"],
    );
    assert_eq!(progress.status(), Status::Completed(Outcome::Strong));
    assert_eq!(progress.attempts.len(), 1);
}

/// Ensures each attempt is recorded once, with its path, ending and outcome, and the best
/// outcome is the best of all attempts.
#[test]
fn attempts_are_recorded_once_each() {
    let module = waiting_room();
    let mut progress = ModuleProgress::new("waiting-room");
    play(&module, &mut progress, "first", 0.0, &["call-security"]);
    // Reloading the debrief records the same session again: no second attempt.
    play(&module, &mut progress, "first", 0.0, &["call-security"]);
    assert_eq!(progress.attempts.len(), 1);
    let first = &progress.attempts[0];
    assert_eq!(
        (first.ending.as_str(), first.outcome),
        ("tense-ending", Outcome::Difficult)
    );
    assert_eq!(first.decisions.len(), 1);
    assert_eq!(progress.best_outcome(), Some(Outcome::Difficult));

    progress.clear_current();
    play(
        &module,
        &mut progress,
        "second",
        1e7,
        &["sit-beside", "ask-what-helps"],
    );
    assert_eq!(progress.attempts.len(), 2);
    assert_eq!(progress.best_outcome(), Some(Outcome::Strong));
}

/// Ensures time spent counts steps but not long breaks.
#[test]
fn active_time_leaves_out_breaks() {
    let module = waiting_room();
    let mut progress = ModuleProgress::new("waiting-room");
    let mut session = Session::start(&module).unwrap();
    progress.record(&module, &session, 0.0, "a");
    session.choose(&module, "sit-beside").unwrap();
    progress.record(&module, &session, 90_000.0, "a");
    session.proceed().unwrap();
    // A day away before the next step.
    progress.record(&module, &session, 90_000.0 + 86_400_000.0, "a");
    assert_eq!(progress.current.unwrap().active_ms, 90_000 + IDLE_CAP_MS);
}

/// Ensures a merge keeps every attempt from both copies, once.
#[test]
fn merge_unions_attempts() {
    let module = waiting_room();
    let mut here = ModuleProgress::new("waiting-room");
    play(&module, &mut here, "here", 0.0, &["call-security"]);
    let mut there = ModuleProgress::new("waiting-room");
    play(
        &module,
        &mut there,
        "there",
        1e6,
        &["sit-beside", "ask-what-helps"],
    );
    let report = here.merge(&there);
    assert_eq!(report.attempts_added, 1);
    let ids: Vec<&str> = here.attempts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["here", "there"]);
    // Merging again adds nothing.
    assert_eq!(here.merge(&there).attempts_added, 0);
    assert_eq!(here.attempts.len(), 2);
}

/// Ensures the newer text of each reflection wins, whichever copy it is in.
#[test]
fn merge_keeps_newer_reflections() {
    let key = reflection_key("calm-ending", 0);
    let mut here = ModuleProgress::new("m");
    here.set_reflection(&key, "newer here", 200.0);
    here.set_reflection("calm-ending/1", "older here", 100.0);
    let mut there = ModuleProgress::new("m");
    there.set_reflection(&key, "older there", 150.0);
    there.set_reflection("calm-ending/1", "newer there", 300.0);
    there.set_reflection("calm-ending/2", "only there", 50.0);
    let report = here.merge(&there);
    assert_eq!(report.reflections_updated, 2);
    assert_eq!(here.reflections[&key].text, "newer here");
    assert_eq!(here.reflections["calm-ending/1"].text, "newer there");
    assert_eq!(here.reflections["calm-ending/2"].text, "only there");
}

/// Ensures the more recently played position wins, and an older one never replaces it.
#[test]
fn merge_keeps_the_newer_position() {
    let module = waiting_room();
    let mut older = ModuleProgress::new("waiting-room");
    play(&module, &mut older, "old", 0.0, &["sit-beside"]);
    let mut newer = ModuleProgress::new("waiting-room");
    play(&module, &mut newer, "new", 1e6, &[]);

    let mut kept = newer.clone();
    assert_eq!(kept.merge(&older).position, PositionMerge::KeptNewer);
    assert_eq!(kept.current.as_ref().unwrap().id, "new");

    let mut replaced = older.clone();
    assert_eq!(
        replaced.merge(&newer).position,
        PositionMerge::ReplacedOlder
    );
    assert_eq!(replaced.current.as_ref().unwrap().id, "new");
    assert!(replaced.revision > older.revision.max(newer.revision));

    let mut empty = ModuleProgress::new("waiting-room");
    assert_eq!(empty.merge(&older).position, PositionMerge::Taken);
}

/// Ensures export files are checked before anything is merged.
#[test]
fn export_validation_refuses_what_it_cannot_trust() {
    let good = ProgressExport::new(
        vec![ModuleProgress::new("a"), ModuleProgress::new("b")],
        1.0,
    );
    assert_eq!(good.validate(), Ok(()));

    let mut wrong_kind = good.clone();
    wrong_kind.kind = "something else".into();
    assert_eq!(wrong_kind.validate(), Err(ImportError::NotAnExport));

    let mut newer = good.clone();
    newer.version = 99;
    assert_eq!(newer.validate(), Err(ImportError::TooNew { version: 99 }));

    let mut module_newer = good.clone();
    module_newer.modules[1].version = 7;
    assert!(matches!(
        module_newer.validate(),
        Err(ImportError::ModuleTooNew { version: 7, .. })
    ));

    let mut bad_id = good.clone();
    bad_id.modules[0].module = "../etc".into();
    assert!(matches!(
        bad_id.validate(),
        Err(ImportError::BadModuleId { .. })
    ));

    let mut twice = good;
    twice.modules[1].module = "a".into();
    assert!(matches!(
        twice.validate(),
        Err(ImportError::Duplicate { .. })
    ));
}

/// Ensures a module record saved in format version 1 still reads as today's type.
#[test]
fn version_1_record_still_reads() {
    let text = common::read(&common::fixtures().join("progress/v1-module.json"));
    let progress: ModuleProgress = serde_json::from_str(&text).unwrap();
    assert_eq!(progress.version, 1);
    assert_eq!(progress.status(), Status::InProgress);
    assert_eq!(progress.attempts.len(), 1);
    assert_eq!(progress.best_outcome(), Some(Outcome::Difficult));
    assert_eq!(
        progress.reflections["tense-ending/0"].text,
        "I reached for safety too early."
    );
    let module = waiting_room();
    let restored = Session::restore(&module, &progress.current.unwrap().session).unwrap();
    assert_eq!(restored.session.path().len(), 1);
}

/// Ensures an export file in format version 1 still reads and validates.
#[test]
fn version_1_export_still_reads() {
    let text = common::read(&common::fixtures().join("progress/v1-export.json"));
    let export: ProgressExport = serde_json::from_str(&text).unwrap();
    assert_eq!(export.kind, EXPORT_KIND);
    assert_eq!(export.validate(), Ok(()));
    assert_eq!(export.modules.len(), 1);
}
