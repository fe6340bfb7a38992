//! The saved progress model: recording attempts, status, merging two copies, and checking
//! export files. A fixture of every released format version stays here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::rc::Rc;

use peerpath_engine::progress::{
    reflection_key, ImportError, ModuleProgress, PositionMerge, ProgressExport, Status,
    EXPORT_KIND, IDLE_CAP_MS, MAX_COUNTER,
};
use peerpath_engine::{Event, Module, Outcome, Player, Session};

fn waiting_room() -> Rc<Module> {
    let path = common::fixtures().join("golden/waiting-room.toml");
    Rc::new(common::load_ok("waiting-room", &common::read(&path)))
}

/// Plays `choices` in order (reading feedback after each), recording progress and the
/// events of every step at one-minute intervals from `start`. Returns the events that were
/// news to the record, as a host would report them.
fn play(
    module: &Rc<Module>,
    progress: &mut ModuleProgress,
    id: &str,
    start: f64,
    choices: &[&str],
) -> Vec<Event> {
    let mut reported = Vec::new();
    let mut step = |progress: &mut ModuleProgress, player: &Player, events: Vec<Event>, now| {
        reported.extend(progress.news(id, &events));
        progress.record(id, &player.save(), &events, now);
    };
    let (mut player, events) = Player::start(module.clone()).unwrap();
    let mut now = start;
    step(progress, &player, events, now);
    for choice in choices {
        let events = player.choose(choice).unwrap();
        now += 60_000.0;
        step(progress, &player, events, now);
        let events = player.proceed().unwrap();
        now += 60_000.0;
        step(progress, &player, events, now);
    }
    reported
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
    let reported = play(&module, &mut progress, "first", 0.0, &["call-security"]);
    assert_eq!(
        reported.iter().filter(|e| e.name() == "completed").count(),
        1
    );
    // The same attempt's steps arriving again (another tab, a replay) are no news: no
    // second attempt, and nothing to report twice.
    let again = play(&module, &mut progress, "first", 0.0, &["call-security"]);
    assert_eq!(again, []);
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
    let (mut player, events) = Player::start(module).unwrap();
    progress.record("a", &player.save(), &events, 0.0);
    let events = player.choose("sit-beside").unwrap();
    progress.record("a", &player.save(), &events, 90_000.0);
    let events = player.proceed().unwrap();
    // A day away before the next step.
    progress.record("a", &player.save(), &events, 90_000.0 + 86_400_000.0);
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
    assert!(restored.dropped.is_none());
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

/// Ensures a decision or completion that another copy already holds is not news, so a host
/// reports it once, whichever tab made it.
#[test]
fn news_leaves_out_what_the_record_holds() {
    let module = waiting_room();
    let mut here = ModuleProgress::new("waiting-room");
    play(&module, &mut here, "a", 0.0, &["sit-beside"]);
    // The other tab is one step behind on the same attempt, and makes the same decision.
    let (mut player, _) = Player::start(module.clone()).unwrap();
    let events = player.choose("sit-beside").unwrap();
    assert_eq!(here.news("a", &events), []);
    // A new attempt's first decision is news.
    assert_eq!(here.news("b", &events), events);
}

/// Ensures a record at the largest counter stays there: a step or a merge never pushes the
/// revision past what JSON keeps exactly, so the record can always be written.
#[test]
fn revision_stops_at_the_largest_exact_counter() {
    let module = waiting_room();
    let mut progress = ModuleProgress::new("waiting-room");
    progress.revision = MAX_COUNTER;
    play(&module, &mut progress, "a", 0.0, &["sit-beside"]);
    assert_eq!(progress.revision, MAX_COUNTER);
    let mut other = ModuleProgress::new("waiting-room");
    other.set_reflection("calm-ending/0", "a note", 5.0);
    progress.merge(&other);
    assert_eq!(progress.revision, MAX_COUNTER);
    assert_eq!(progress.validate(), Ok(()));
    let text = serde_json::to_string(&progress).unwrap();
    assert!(text.contains("9007199254740991"));
}

/// Ensures an export with values PeerPath never writes is refused, naming the field.
#[test]
fn export_validation_checks_ranges() {
    let module = waiting_room();
    let mut record = ModuleProgress::new("waiting-room");
    play(&module, &mut record, "a", 1e12, &["call-security"]);
    let good = ProgressExport::new(vec![record.clone()], 2e12);
    assert_eq!(good.validate(), Ok(()));

    let refused = |change: &dyn Fn(&mut ModuleProgress)| {
        let mut bad = good.clone();
        change(&mut bad.modules[0]);
        bad.validate().unwrap_err()
    };
    let far_future = refused(&|r| r.attempts[0].finished_at = 1e16);
    assert!(matches!(
        far_future,
        ImportError::OutOfRange {
            field: "attempts.finished_at",
            ..
        }
    ));
    assert!(far_future.to_string().contains("finished_at"));
    assert!(matches!(
        refused(&|r| r.attempts[0].started_at = f64::NAN),
        ImportError::OutOfRange { .. }
    ));
    assert!(matches!(
        refused(&|r| r.attempts[0].started_at = -1.0),
        ImportError::OutOfRange { .. }
    ));
    assert!(matches!(
        refused(&|r| r.revision = MAX_COUNTER + 1),
        ImportError::OutOfRange {
            field: "revision",
            ..
        }
    ));
    assert!(matches!(
        refused(&|r| r.attempts[0].active_ms = u64::MAX),
        ImportError::OutOfRange { .. }
    ));
    assert!(matches!(
        refused(&|r| r.set_reflection("x/0", &"a".repeat(60_000), 1.0)),
        ImportError::TooLong { .. }
    ));
    assert!(matches!(
        refused(&|r| r.attempts[0].id = "x".repeat(300)),
        ImportError::TooLong { .. }
    ));
    assert!(matches!(
        refused(&|r| r.current.as_mut().unwrap().session.module = "other".into()),
        ImportError::OutOfRange { .. }
    ));
    let mut late = good.clone();
    late.exported_at = f64::INFINITY;
    assert!(late.validate().is_err());
}
