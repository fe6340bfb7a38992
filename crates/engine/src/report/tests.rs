use super::scorm::{Launch, ScormReport, Set, Version};
use super::time::{cmi_time, cmi_timespan, iso_duration, iso_timestamp};
use super::{passes, Resume, Score};
use crate::event::Event;
use crate::module::{Outcome, Rating};
use crate::save::{RestoreError, SavedDecision, SavedSession};

fn resume(decisions: usize) -> Resume {
    Resume {
        attempt: "18c2f3a1b2c-3e8f1a".into(),
        assessment: false,
        session: SavedSession {
            version: 1,
            min_reader: 1,
            module: "tiny".into(),
            decisions: (0..decisions)
                .map(|i| SavedDecision {
                    scene: format!("s{i}"),
                    choice: "c".into(),
                })
                .collect(),
            reviewing: false,
        },
    }
}

fn value<'a>(sets: &'a [Set], element: &str) -> Option<&'a str> {
    sets.iter()
        .rev()
        .find(|s| s.element == element)
        .map(|s| s.value.as_str())
}

// The score counts recommended and acceptable among rated decisions only.
#[test]
fn score_is_the_share_of_good_rated_decisions() {
    use Rating::*;
    let score = Score::of(&[Some(Recommended), Some(Risky), None, Some(Acceptable)]);
    assert_eq!(score, Some(Score { good: 2, rated: 3 }));
    let score = score.unwrap();
    assert_eq!(score.percent(), 67);
    assert!((score.scaled() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(Score::of(&[None, None]), None);
    assert_eq!(Score::of(&[Some(Harmful)]).map(Score::percent), Some(0));
    assert_eq!(score.scaled_text(), "0.6667");
    assert_eq!(Score { good: 3, rated: 3 }.scaled_text(), "1.0000");
    assert_eq!(Score { good: 0, rated: 7 }.scaled_text(), "0.0000");
}

// LMS decimals are read exactly, and anything else is not a score.
#[test]
fn decimals_are_read_without_floats() {
    use super::parse_decimal;
    assert_eq!(parse_decimal("0.75", 4), Some(7500));
    assert_eq!(parse_decimal("80", 2), Some(8000));
    assert_eq!(parse_decimal(" 66.5 ", 2), Some(6650));
    assert_eq!(parse_decimal(".5", 4), Some(5000));
    assert_eq!(parse_decimal("0.123456", 4), Some(1234));
    for bad in ["", ".", "-1", "1e3", "abc", "1.2.3", "9999999999"] {
        assert_eq!(parse_decimal(bad, 4), None, "{bad}");
    }
}

// Passing is "at least as good as the module's passing outcome".
#[test]
fn passing_follows_the_modules_rule() {
    assert!(passes(Outcome::Strong, Outcome::Mixed));
    assert!(passes(Outcome::Mixed, Outcome::Mixed));
    assert!(!passes(Outcome::Difficult, Outcome::Mixed));
    assert!(!passes(Outcome::Mixed, Outcome::Strong));
    assert!(passes(Outcome::Difficult, Outcome::Difficult));
}

// Each standard's time formats, including the edges the LMSs reject.
#[test]
fn times_are_written_in_each_standards_format() {
    assert_eq!(cmi_timespan(0), "0000:00:00.00");
    assert_eq!(cmi_timespan(3_723_456), "0001:02:03.45");
    assert_eq!(cmi_timespan(u64::MAX), "9999:59:59.99");
    assert_eq!(iso_duration(0), "PT0S");
    assert_eq!(iso_duration(3_723_456), "PT1H2M3.45S");
    assert_eq!(iso_duration(60_000), "PT1M");
    assert_eq!(iso_duration(1_500), "PT1.5S");
    assert_eq!(iso_duration(9), "PT0S");
    // 2026-12-02 14:03:07.123 UTC
    let moment = 1_796_220_187_123.0;
    assert_eq!(iso_timestamp(moment), "2026-12-02T14:03:07.12Z");
    assert_eq!(cmi_time(moment), "14:03:07");
    assert_eq!(iso_timestamp(0.0), "1970-01-01T00:00:00.00Z");
    assert_eq!(iso_timestamp(951_782_400_000.0), "2000-02-29T00:00:00.00Z");
}

// What a platform keeps round-trips, and damaged or foreign data is refused with a reason.
#[test]
fn resume_text_round_trips_and_refuses_what_is_not_ours() {
    let kept = resume(3);
    let text = kept.to_text().unwrap();
    assert_eq!(Resume::from_text(&text, "tiny").unwrap(), kept);
    assert!(matches!(
        Resume::from_text(&text, "other"),
        Err(RestoreError::WrongModule { .. })
    ));
    assert!(matches!(
        Resume::from_text("{not json", "tiny"),
        Err(RestoreError::Malformed { .. })
    ));
    let bad_attempt = text.replace("18c2f3a1b2c-3e8f1a", "<script>");
    assert!(matches!(
        Resume::from_text(&bad_attempt, "tiny"),
        Err(RestoreError::Malformed { .. })
    ));
    let newer = text.replace("\"min_reader\":1", "\"min_reader\":9");
    assert!(matches!(
        Resume::from_text(&newer, "tiny"),
        Err(RestoreError::TooNew { .. })
    ));
}

fn launch(version: Version, launch: &Launch) -> (ScormReport, Vec<Set>) {
    let launched = ScormReport::launch(version, "tiny", Outcome::Mixed, launch);
    (launched.report, launched.sets)
}

// A first launch marks the attempt incomplete and suspends by default, so a closed window
// keeps the learner's place.
#[test]
fn first_launch_sets_incomplete_and_suspend() {
    let first = Launch {
        status: "not attempted".into(),
        ..Launch::default()
    };
    let (_, sets) = launch(Version::Scorm12, &first);
    assert_eq!(value(&sets, "cmi.core.lesson_status"), Some("incomplete"));
    assert_eq!(value(&sets, "cmi.core.exit"), Some("suspend"));
    let (_, sets) = launch(
        Version::Scorm2004,
        &Launch {
            status: "unknown".into(),
            ..first
        },
    );
    assert_eq!(value(&sets, "cmi.completion_status"), Some("incomplete"));
    assert_eq!(value(&sets, "cmi.exit"), Some("suspend"));
}

// Resume data is used only when the LMS says `resume`; damaged data is an error, not a
// fresh start in disguise.
#[test]
fn launch_resumes_only_on_resume_entry() {
    let text = resume(2).to_text().unwrap();
    let resumed = ScormReport::launch(
        Version::Scorm12,
        "tiny",
        Outcome::Mixed,
        &Launch {
            entry: "resume".into(),
            suspend_data: text.clone(),
            ..Launch::default()
        },
    );
    assert_eq!(resumed.resume.unwrap(), Some(resume(2)));
    let fresh = ScormReport::launch(
        Version::Scorm12,
        "tiny",
        Outcome::Mixed,
        &Launch {
            entry: "ab-initio".into(),
            suspend_data: text,
            ..Launch::default()
        },
    );
    assert_eq!(fresh.resume.unwrap(), None);
    let damaged = ScormReport::launch(
        Version::Scorm2004,
        "tiny",
        Outcome::Mixed,
        &Launch {
            entry: "resume".into(),
            suspend_data: "{\"attempt\":".into(),
            ..Launch::default()
        },
    );
    assert!(damaged.resume.is_err());
}

fn decided(step: usize, rating: Option<Rating>) -> Event {
    Event::Decided {
        step,
        scene: format!("s{step}"),
        choice: "c".into(),
        rating,
        competencies: vec![],
    }
}

// A decision is one interaction, numbered after those the LMS already holds, with each
// version's own vocabulary and time formats.
#[test]
fn decisions_become_interactions_in_each_vocabulary() {
    let at_launch = Launch {
        interactions: "2".into(),
        ..Launch::default()
    };
    let (mut report, _) = launch(Version::Scorm12, &at_launch);
    let shown = report.step(
        &resume(0),
        &[Event::SceneShown {
            scene: "s1".into(),
            step: 1,
        }],
        |_| None,
        1_000_000.0,
    );
    assert_eq!(value(&shown, "cmi.core.lesson_location"), Some("s1"));
    let sets = report.step(
        &resume(1),
        &[decided(1, Some(Rating::Risky))],
        |_| Some("Scene one".into()),
        1_012_340.0,
    );
    assert_eq!(
        value(&sets, "cmi.interactions.2.id"),
        Some("18c2f3a1b2c-3e8f1a_01_s1")
    );
    assert_eq!(value(&sets, "cmi.interactions.2.type"), Some("choice"));
    assert_eq!(
        value(&sets, "cmi.interactions.2.student_response"),
        Some("c")
    );
    assert_eq!(value(&sets, "cmi.interactions.2.result"), Some("wrong"));
    assert_eq!(
        value(&sets, "cmi.interactions.2.latency"),
        Some("0000:00:12.34")
    );
    assert_eq!(value(&sets, "cmi.interactions.2.description"), None);
    assert_eq!(
        value(&sets, "cmi.suspend_data"),
        Some(resume(1).to_text().unwrap().as_str())
    );

    let (mut report, _) = launch(Version::Scorm2004, &Launch::default());
    let sets = report.step(
        &resume(1),
        &[decided(1, Some(Rating::Harmful)), decided(2, None)],
        |_| Some("Scene one".into()),
        1_796_220_187_123.0,
    );
    assert_eq!(value(&sets, "cmi.interactions.0.result"), Some("incorrect"));
    assert_eq!(
        value(&sets, "cmi.interactions.0.learner_response"),
        Some("c")
    );
    assert_eq!(
        value(&sets, "cmi.interactions.0.timestamp"),
        Some("2026-12-02T14:03:07.12Z")
    );
    assert_eq!(
        value(&sets, "cmi.interactions.0.description"),
        Some("Scene one")
    );
    assert_eq!(value(&sets, "cmi.interactions.0.latency"), None);
    assert_eq!(value(&sets, "cmi.interactions.1.result"), Some("neutral"));
}

fn completed(outcome: Outcome, ratings: Vec<Option<Rating>>) -> Event {
    Event::Completed {
        ending: "end".into(),
        outcome,
        ratings,
    }
}

// A completion sets status, success and score; a later, worse play-through never
// downgrades them.
#[test]
fn completion_reports_the_best_play_through() {
    use Rating::*;
    let (mut report, _) = launch(Version::Scorm12, &Launch::default());
    let sets = report.step(
        &resume(2),
        &[completed(
            Outcome::Mixed,
            vec![Some(Recommended), Some(Risky)],
        )],
        |_| None,
        0.0,
    );
    assert_eq!(value(&sets, "cmi.core.lesson_status"), Some("passed"));
    assert_eq!(value(&sets, "cmi.core.score.raw"), Some("50"));
    assert_eq!(value(&sets, "cmi.core.exit"), Some(""));
    assert!(report.is_completed());
    assert_eq!(report.pause(), vec![]);
    let worse = report.step(
        &resume(1),
        &[completed(Outcome::Difficult, vec![Some(Harmful)])],
        |_| None,
        0.0,
    );
    assert_eq!(value(&worse, "cmi.core.lesson_status"), None);
    assert_eq!(value(&worse, "cmi.core.score.raw"), None);
    let better = report.step(
        &resume(1),
        &[completed(Outcome::Strong, vec![Some(Recommended)])],
        |_| None,
        0.0,
    );
    assert_eq!(value(&better, "cmi.core.score.raw"), Some("100"));

    // 2004, launched on an attempt the LMS already holds as failed at 20%.
    let (mut report, sets) = launch(
        Version::Scorm2004,
        &Launch {
            status: "completed".into(),
            success: "failed".into(),
            score: "0.2".into(),
            ..Launch::default()
        },
    );
    assert_eq!(sets, vec![]);
    let sets = report.step(
        &resume(3),
        &[completed(
            Outcome::Difficult,
            vec![Some(Recommended), Some(Harmful), Some(Risky)],
        )],
        |_| None,
        0.0,
    );
    assert_eq!(value(&sets, "cmi.completion_status"), Some("completed"));
    assert_eq!(value(&sets, "cmi.success_status"), Some("failed"));
    assert_eq!(value(&sets, "cmi.score.scaled"), Some("0.3333"));
    assert_eq!(value(&sets, "cmi.score.raw"), Some("1"));
    assert_eq!(value(&sets, "cmi.score.max"), Some("3"));
    assert_eq!(value(&sets, "cmi.exit"), Some("normal"));
}

// Finishing reports the session time; an unfinished attempt stays suspended.
#[test]
fn finish_reports_session_time_and_suspends_unfinished() {
    let (report, _) = launch(Version::Scorm12, &Launch::default());
    let sets = report.finish(83_000);
    assert_eq!(value(&sets, "cmi.core.session_time"), Some("0000:01:23.00"));
    assert_eq!(value(&sets, "cmi.core.exit"), Some("suspend"));
    let (report, _) = launch(Version::Scorm2004, &Launch::default());
    assert_eq!(
        value(&report.finish(83_000), "cmi.session_time"),
        Some("PT1M23S")
    );
}
