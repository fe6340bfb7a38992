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
    group.set_votes("sit-beside", 12);
    group.add_vote("call-security");
    group.add_vote("call-security");
    assert_eq!(group.votes_now()["call-security"], 2);
    group.choose(&module, "sit-beside").unwrap();
    group.proceed(&module).unwrap();
    assert!(
        group.votes_now().is_empty(),
        "a new decision starts with no votes"
    );
    group.add_vote("ask-what-helps");
    group.back(&module).unwrap();
    group.back(&module).unwrap();
    assert_eq!(
        group.votes_now()["sit-beside"],
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
    group.set_votes("sit-beside", 9);
    group.set_votes("call-security", 3);
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
    group.add_vote("sit-beside");
    group.choose(&module, "sit-beside").unwrap();
    let text = serde_json::to_string(&group).unwrap();
    let back: GroupSession = serde_json::from_str(&text).unwrap();
    assert_eq!(back, group);
}
