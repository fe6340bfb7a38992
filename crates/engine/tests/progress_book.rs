//! The app's progress store as pure actions on a value: each action's effect, and that a
//! newer PeerPath's record is never changed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::rc::Rc;

use peerpath_engine::progress::{ModuleProgress, PositionMerge};
use peerpath_engine::{Event, Module, Player, ProgressAction, ProgressBook, Record};

fn waiting_room() -> Rc<Module> {
    let path = common::fixtures().join("golden/waiting-room.toml");
    Rc::new(common::load_ok("waiting-room", &common::read(&path)))
}

/// Plays `choices` on a fresh player as attempt `attempt`, applying a `Record` action per
/// step; returns the events a host would have reported (the news of each step).
fn play(book: &mut ProgressBook, attempt: &str, choices: &[&str], start: f64) -> Vec<Event> {
    let module = waiting_room();
    let mut reported = Vec::new();
    let (mut player, events) = Player::start(module).unwrap();
    let mut step = |book: &mut ProgressBook, player: &Player, events: Vec<Event>, now: f64| {
        reported.extend(book.news("waiting-room", attempt, &events));
        book.apply(ProgressAction::Record {
            module: "waiting-room".into(),
            attempt: attempt.into(),
            session: player.save(),
            events,
            now,
        });
    };
    step(book, &player, events, start);
    for (n, choice) in choices.iter().enumerate() {
        let now = start + (n as f64 + 1.0) * 1000.0;
        let events = player.choose(choice).unwrap();
        step(book, &player, events, now);
        let events = player.proceed().unwrap();
        step(book, &player, events, now + 500.0);
    }
    reported
}

fn completions(events: &[Event]) -> usize {
    events.iter().filter(|e| e.name() == "completed").count()
}

/// Ensures a finished attempt is in the history once, and its completion is news once, even
/// when the same steps are recorded again (a reload, another tab).
#[test]
fn record_reports_a_completion_once() {
    let mut book = ProgressBook::default();
    let first = play(&mut book, "a", &["call-security"], 1e12);
    assert_eq!(completions(&first), 1);
    let again = play(&mut book, "a", &["call-security"], 1e12 + 5000.0);
    assert_eq!(completions(&again), 0);
    assert_eq!(book.progress("waiting-room").unwrap().attempts.len(), 1);
}

/// Ensures a new attempt id after starting over is a new attempt with its own completion.
#[test]
fn start_over_begins_a_new_attempt() {
    let mut book = ProgressBook::default();
    play(&mut book, "a", &["call-security"], 1e12);
    book.apply(ProgressAction::StartOver {
        module: "waiting-room".into(),
    });
    assert!(book.progress("waiting-room").unwrap().current.is_none());
    let second = play(&mut book, "b", &["sit-beside", "ask-what-helps"], 2e12);
    assert_eq!(completions(&second), 1);
    assert_eq!(book.progress("waiting-room").unwrap().attempts.len(), 2);
}

/// Ensures reflection notes live in the book, so every page sees the latest text.
#[test]
fn reflect_keeps_the_latest_text() {
    let mut book = ProgressBook::default();
    for (text, now) in [("I", 1.0), ("I felt", 2.0)] {
        book.apply(ProgressAction::Reflect {
            module: "waiting-room".into(),
            key: "calm-ending/0".into(),
            text: text.into(),
            now,
        });
    }
    let progress = book.progress("waiting-room").unwrap();
    assert_eq!(progress.reflections["calm-ending/0"].text, "I felt");
}

/// Ensures a newer PeerPath's record is never changed, and an import that would touch one
/// is refused whole.
#[test]
fn newer_records_are_left_alone() {
    let mut book = ProgressBook::default();
    book.records
        .insert("waiting-room".into(), Record::TooNew { version: 9 });
    play(&mut book, "a", &["call-security"], 1e12);
    book.apply(ProgressAction::Reset {
        module: "waiting-room".into(),
    });
    book.apply(ProgressAction::ResetAll);
    assert_eq!(book.records["waiting-room"], Record::TooNew { version: 9 });
    let other = ModuleProgress::new("other");
    let incoming = vec![other, ModuleProgress::new("waiting-room")];
    assert_eq!(
        book.import_blocked_by(&incoming),
        Some(("waiting-room".into(), 9))
    );
    book.apply(ProgressAction::Import(incoming));
    assert!(
        book.progress("other").is_none(),
        "nothing of a refused import is kept"
    );
}

/// Ensures an import merges (keeping what is newer here) and its report says what changed.
#[test]
fn import_merges_and_reports() {
    let mut here = ProgressBook::default();
    play(&mut here, "here", &["call-security"], 1e12);
    let mut there = ProgressBook::default();
    play(&mut there, "there", &["sit-beside"], 0.5e12);
    let incoming = vec![there.progress("waiting-room").unwrap().clone()];
    let report = here.import_report(&incoming);
    assert_eq!(report[0].1.attempts_added, 0);
    assert_eq!(report[0].1.position, PositionMerge::KeptNewer);
    here.apply(ProgressAction::Import(incoming));
    let progress = here.progress("waiting-room").unwrap();
    assert_eq!(progress.current.as_ref().unwrap().id, "here");
}

/// Ensures another tab's write is merged, its removal is followed, and two tabs that merge
/// each other's records end with the same value.
#[test]
fn arrivals_from_other_tabs_converge() {
    let mut a = ProgressBook::default();
    let mut b = ProgressBook::default();
    play(&mut a, "from-a", &["call-security"], 1e12);
    play(&mut b, "from-b", &["sit-beside", "ask-what-helps"], 2e12);
    let a_record = a.records["waiting-room"].clone();
    let b_record = b.records["waiting-room"].clone();
    a.apply(ProgressAction::Arrived {
        module: "waiting-room".into(),
        record: Some(b_record),
    });
    b.apply(ProgressAction::Arrived {
        module: "waiting-room".into(),
        record: Some(a_record),
    });
    assert_eq!(a, b);
    assert_eq!(a.progress("waiting-room").unwrap().attempts.len(), 2);
    a.apply(ProgressAction::Arrived {
        module: "waiting-room".into(),
        record: None,
    });
    assert!(a.records.is_empty());
}

/// Ensures assessment mode is remembered per module, applies from the next attempt, and is
/// kept on the finished attempt (for the summary and reports).
#[test]
fn assessment_mode_applies_from_the_next_attempt() {
    let mut book = ProgressBook::default();
    play(&mut book, "a", &["sit-beside"], 1e12);
    book.apply(ProgressAction::ChooseMode {
        module: "waiting-room".into(),
        assessment: true,
        now: 1e12 + 10.0,
    });
    let progress = book.progress("waiting-room").unwrap();
    assert!(progress.assessment());
    assert!(
        !progress.current.as_ref().unwrap().assessment,
        "the attempt under way keeps the mode it began with"
    );
    book.apply(ProgressAction::StartOver {
        module: "waiting-room".into(),
    });
    play(&mut book, "b", &["call-security"], 2e12);
    let finished = &book.progress("waiting-room").unwrap().attempts[0];
    assert_eq!(finished.id, "b");
    assert!(finished.assessment);
}
