//! A trainer's group session: votes per decision, reveal state, stepping back, and the
//! summary of the group's path.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use peerpath_engine::group::{GroupError, GroupSession};
use peerpath_engine::{Module, Phase, View};

fn waiting_room() -> Module {
    let path = common::fixtures().join("golden/waiting-room.toml");
    common::load_ok("waiting-room", &common::read(&path))
}

/// Ensures votes are counted per decision and survive stepping back to that decision.
#[test]
fn votes_belong_to_their_decision() {
    let module = waiting_room();
    let mut group = GroupSession::new(&module);
    group.set_votes(&module, "sit-beside", 12).unwrap();
    group.add_vote(&module, "call-security").unwrap();
    group.add_vote(&module, "call-security").unwrap();
    assert_eq!(group.votes_now(&module)["call-security"], 2);
    group.choose(&module, "sit-beside").unwrap();
    group.proceed(&module).unwrap();
    assert!(
        group.votes_now(&module).is_empty(),
        "a new decision starts with no votes"
    );
    group.add_vote(&module, "ask-what-helps").unwrap();
    group.back(&module).unwrap();
    group.back(&module).unwrap();
    assert_eq!(
        group.votes_now(&module)["sit-beside"],
        12,
        "the first decision's votes are still there"
    );
}

/// Ensures choosing hides the feedback until revealed, and back undoes the choice.
#[test]
fn choose_reveal_and_back() {
    let module = waiting_room();
    let mut group = GroupSession::new(&module);
    group.show_votes = true;
    group.choose(&module, "sit-beside").unwrap();
    assert!(group.reviewing && !group.show_feedback && !group.show_votes);
    let session = group.session(&module).unwrap();
    assert!(matches!(
        session.view(&module).unwrap(),
        View::Feedback { .. }
    ));
    group.back(&module).unwrap();
    assert!(group.decisions.is_empty());
    assert_eq!(group.session(&module).unwrap().phase(), Phase::Deciding);
    assert_eq!(group.back(&module), Err(GroupError::NothingBefore));
}

/// Ensures jumping back to an earlier step undoes it and what followed, for "what if?".
#[test]
fn jump_back_to_try_another_choice() {
    let module = waiting_room();
    let mut group = GroupSession::new(&module);
    group.choose(&module, "sit-beside").unwrap();
    group.proceed(&module).unwrap();
    group.choose(&module, "ask-what-helps").unwrap();
    group.proceed(&module).unwrap();
    assert!(group.is_over(&module));
    assert_eq!(group.visited().len(), 2);
    group.jump_to(&module, 1).unwrap();
    assert!(group.decisions.is_empty());
    group.choose(&module, "call-security").unwrap();
    group.proceed(&module).unwrap();
    let session = group.session(&module).unwrap();
    assert_eq!(session.ending(&module).unwrap().id, "tense-ending");
}

/// Ensures the summary gives the group's path, the vote split and the recommended choices.
#[test]
fn summary_of_the_group_path() {
    let module = waiting_room();
    let mut group = GroupSession::new(&module);
    group.set_votes(&module, "sit-beside", 9).unwrap();
    group.set_votes(&module, "call-security", 3).unwrap();
    group.choose(&module, "sit-beside").unwrap();
    group.proceed(&module).unwrap();
    let summary = group.summary(&module);
    assert_eq!(summary.len(), 1);
    assert_eq!(summary[0].chosen, "sit-beside");
    assert_eq!(
        summary[0].votes,
        [
            ("sit-beside".to_owned(), 9),
            ("call-security".to_owned(), 3)
        ]
    );
    assert_eq!(summary[0].recommended, ["sit-beside"]);
}

/// Ensures a group session whose path no longer fits the module is reported, not trusted.
#[test]
fn stale_group_session_is_refused() {
    let module = waiting_room();
    let mut group = GroupSession::new(&module);
    group.decisions.push(peerpath_engine::save::SavedDecision {
        scene: "arrival".into(),
        choice: "no-such-choice".into(),
    });
    assert_eq!(group.session(&module), Err(GroupError::Stale));
    assert!(group.choose(&module, "sit-beside").is_err());
}

/// Ensures a group session survives a round trip through JSON (how windows share it).
#[test]
fn group_session_round_trips() {
    let module = waiting_room();
    let mut group = GroupSession::new(&module);
    group.add_vote(&module, "sit-beside").unwrap();
    group.choose(&module, "sit-beside").unwrap();
    let text = serde_json::to_string(&group).unwrap();
    let back: GroupSession = serde_json::from_str(&text).unwrap();
    assert_eq!(back, group);
}

fn crossroads() -> Module {
    let path = common::fixtures().join("golden/crossroads.toml");
    common::load_ok("crossroads", &common::read(&path))
}

/// Ensures votes cast at a step on one path never show at the same step of another path,
/// and come back when the group returns to that path (votes are keyed by step and scene).
#[test]
fn votes_do_not_leak_across_paths() {
    let module = crossroads();
    let mut group = GroupSession::new(&module);
    group.choose(&module, "listen").unwrap();
    group.proceed(&module).unwrap();
    group.set_votes(&module, "offer-water", 7).unwrap();
    group.jump_to(&module, 1).unwrap();
    group.choose(&module, "joke").unwrap();
    group.proceed(&module).unwrap();
    assert_eq!(group.step(), 2);
    assert!(
        group.votes_now(&module).is_empty(),
        "step 2 of another path shows no votes"
    );
    group.jump_to(&module, 1).unwrap();
    group.choose(&module, "listen").unwrap();
    group.proceed(&module).unwrap();
    assert_eq!(group.votes_now(&module)["offer-water"], 7);
}

/// Ensures votes can only be counted while the room is deciding.
#[test]
fn no_votes_while_feedback_shows() {
    let module = crossroads();
    let mut group = GroupSession::new(&module);
    group.choose(&module, "listen").unwrap();
    assert!(group.add_vote(&module, "listen").is_err());
    assert!(group.votes_now(&module).is_empty());
}

/// Ensures a version 1 session (votes listed by step) is read: each decided step's votes
/// move to that step's scene; the undecided step's votes cannot be placed and are dropped.
#[test]
fn version_1_group_session_migrates() {
    let module = waiting_room();
    let v1 = r#"{"version":1,"module":"waiting-room","decisions":[{"scene":"arrival","choice":"sit-beside"}],"reviewing":false,"votes":[{"sit-beside":9,"call-security":3},{"ask-what-helps":2}],"show_votes":true,"show_feedback":false,"blank":false}"#;
    let group: GroupSession = serde_json::from_str(v1).unwrap();
    assert_eq!(group.version, peerpath_engine::group::GROUP_VERSION);
    assert_eq!(
        group.summary(&module)[0].votes[0],
        ("sit-beside".to_owned(), 9)
    );
    assert!(group.votes_now(&module).is_empty());
    assert!(group.show_votes);
}

/// Ensures a group in assessment mode moves straight from a decision to the next scene, steps
/// back decision by decision, and keeps the mode through JSON (how windows share it).
#[test]
fn assessment_mode_skips_the_feedback_step() {
    let module = crossroads();
    let mut group = GroupSession::new(&module);
    group.assessment = true;
    group.choose(&module, "listen").unwrap();
    assert!(!group.reviewing, "no feedback step in assessment mode");
    assert_eq!(group.step(), 2);
    group.back(&module).unwrap();
    assert!(group.decisions.is_empty() && !group.reviewing);
    let text = serde_json::to_string(&group).unwrap();
    let back: GroupSession = serde_json::from_str(&text).unwrap();
    assert!(back.assessment);
}
