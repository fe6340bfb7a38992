use super::scorm::{Launch, ScormReport, Set, Version};
use super::time::{cmi_time, cmi_timespan, iso_duration, iso_timestamp};
use super::{passes, Resume, Score};
use crate::event::Event;
use crate::module::{Outcome, Rating};
use crate::save::{RestoreError, SavedDecision, SavedSession};

const ATTEMPT: &str = "18c2f3a1b2c-3e8f1a";

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
    assert_eq!(score.ten_thousandths(), 6667);
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
    let launched = ScormReport::launch(version, Outcome::Mixed, launch);
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
        Outcome::Mixed,
        &Launch {
            entry: "resume".into(),
            suspend_data: text.clone(),
            ..Launch::default()
        },
    );
    assert_eq!(resumed.saved.as_deref(), Some(text.as_str()));
    assert_eq!(Resume::from_text(&text, "tiny").unwrap(), resume(2));
    let fresh = ScormReport::launch(
        Version::Scorm12,
        Outcome::Mixed,
        &Launch {
            entry: "ab-initio".into(),
            suspend_data: text.clone(),
            ..Launch::default()
        },
    );
    assert_eq!(fresh.saved, None);
    let damaged = ScormReport::launch(
        Version::Scorm2004,
        Outcome::Mixed,
        &Launch {
            entry: "resume".into(),
            suspend_data: "{\"attempt\":".into(),
            ..Launch::default()
        },
    );
    assert!(Resume::from_text(&damaged.saved.unwrap(), "tiny").is_err());
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
        ATTEMPT,
        &resume(0).to_text().unwrap(),
        &[Event::SceneShown {
            scene: "s1".into(),
            step: 1,
        }],
        |_| None,
        1_000_000.0,
    );
    assert_eq!(value(&shown, "cmi.core.lesson_location"), Some("s1"));
    let sets = report.step(
        ATTEMPT,
        &resume(1).to_text().unwrap(),
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
        ATTEMPT,
        &resume(1).to_text().unwrap(),
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
        ATTEMPT,
        &resume(2).to_text().unwrap(),
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
    // Play again: the replay's place is kept when the learner pauses or leaves.
    let again = report.step(
        ATTEMPT,
        &resume(0).to_text().unwrap(),
        &[Event::Restarted],
        |_| None,
        0.0,
    );
    assert_eq!(value(&again, "cmi.core.exit"), Some("suspend"));
    assert_eq!(value(&report.pause(), "cmi.core.exit"), Some("suspend"));
    assert_eq!(
        value(&report.finish(1000), "cmi.core.exit"),
        Some("suspend")
    );
    assert!(report.is_completed(), "completion is never taken back");
    let worse = report.step(
        ATTEMPT,
        &resume(1).to_text().unwrap(),
        &[completed(Outcome::Difficult, vec![Some(Harmful)])],
        |_| None,
        0.0,
    );
    assert_eq!(value(&worse, "cmi.core.lesson_status"), None);
    assert_eq!(value(&worse, "cmi.core.score.raw"), None);
    let better = report.step(
        ATTEMPT,
        &resume(1).to_text().unwrap(),
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
        ATTEMPT,
        &resume(3).to_text().unwrap(),
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

#[allow(clippy::indexing_slicing)] // a test fails by panicking
mod xapi {
    use serde_json::{json, Value};

    use super::completed;
    use crate::event::Event;
    use crate::module::{Outcome, Rating};
    use crate::report::xapi::{
        derived_uuid, is_agent, is_uuid, Cmi5Launch, LaunchMode, Standing, Subject, XapiReport,
    };

    fn actor() -> Value {
        json!({ "objectType": "Agent", "account": { "homePage": "https://lms.example.org", "name": "learner-1" } })
    }

    fn subject() -> Subject {
        Subject {
            activity: "https://lms.example.org/au/tiny".into(),
            title: "Tiny".into(),
            passing: Outcome::Mixed,
        }
    }

    fn launch(mode: LaunchMode, mastery: Option<u64>) -> Cmi5Launch {
        let template = json!({
            "extensions": { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "session-1" },
            "contextActivities": { "grouping": [{ "id": "https://lms.example.org/au/tiny/publisher" }] },
        });
        Cmi5Launch {
            activity_id: "https://lms.example.org/au/tiny".into(),
            registration: "8a0e3a1c-8f6b-4a53-9a3c-1d2e3f405060".into(),
            context_template: template.as_object().cloned().unwrap_or_default(),
            mode,
            mastery,
        }
    }

    fn verbs(statements: &[crate::report::xapi::Statement]) -> Vec<String> {
        statements
            .iter()
            .map(|s| {
                s.body["verb"]["id"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_owned()
            })
            .collect()
    }

    fn decided(step: usize, rating: Rating) -> Event {
        Event::Decided {
            step,
            scene: format!("s{step}"),
            choice: "c".into(),
            rating: Some(rating),
            competencies: vec![],
        }
    }

    // Ids are UUIDs derived from the fact, so a statement rebuilt after a crash is the same.
    #[test]
    fn statement_ids_are_stable_uuids() {
        assert!(is_uuid(&derived_uuid("a")));
        assert_eq!(derived_uuid("a"), derived_uuid("a"));
        assert_ne!(derived_uuid("a"), derived_uuid("b"));
        let mut one = XapiReport::xapi(actor(), subject(), 0.0);
        let mut two = XapiReport::xapi(actor(), subject(), 0.0);
        let events = [decided(1, Rating::Risky)];
        assert_eq!(
            one.step("att", &events, |_| None, 5.0),
            two.step("att", &events, |_| None, 5.0)
        );
    }

    // Actors must be Agents with exactly one identifier.
    #[test]
    fn only_well_formed_agents_are_actors() {
        assert!(is_agent(&actor()));
        assert!(is_agent(
            &json!({ "mbox": "mailto:a@example.org", "name": "A" })
        ));
        assert!(!is_agent(&json!({ "mbox": "a@example.org" })));
        assert!(!is_agent(
            &json!({ "mbox": "mailto:a@example.org", "account": { "homePage": "https://x.org", "name": "a" } })
        ));
        assert!(!is_agent(
            &json!({ "objectType": "Group", "mbox": "mailto:a@example.org" })
        ));
        assert!(!is_agent(
            &json!({ "account": { "homePage": "x", "name": "a" } })
        ));
        assert!(!is_agent(&json!("someone")));
    }

    // Plain xAPI: experienced, answered (with success from the rating), completed, then
    // passed or failed with the score; every statement carries the attempt's registration.
    #[test]
    fn plain_xapi_reports_each_fact() {
        let mut report = XapiReport::xapi(actor(), subject(), 1_000.0);
        let shown = Event::SceneShown {
            scene: "s1".into(),
            step: 1,
        };
        let statements = report.step(
            "att",
            &[
                shown,
                decided(1, Rating::Harmful),
                completed(
                    Outcome::Mixed,
                    vec![Some(Rating::Harmful), Some(Rating::Recommended)],
                ),
            ],
            |_| Some("Opening words".into()),
            61_000.0,
        );
        assert_eq!(
            verbs(&statements),
            ["experienced", "answered", "completed", "passed"]
        );
        let answered = &statements[1].body;
        assert_eq!(answered["result"]["response"], "c");
        assert_eq!(answered["result"]["success"], false);
        assert_eq!(
            answered["object"]["id"],
            "https://lms.example.org/au/tiny/scenes/s1"
        );
        assert_eq!(
            answered["object"]["definition"]["description"]["en-US"],
            "Opening words"
        );
        let passed = &statements[3].body;
        assert_eq!(passed["result"]["score"]["scaled"], 0.5);
        assert_eq!(passed["result"]["duration"], "PT1M");
        let registration = derived_uuid("registration/att");
        for statement in &statements {
            assert_eq!(
                statement.body["context"]["registration"],
                json!(registration)
            );
            assert_eq!(statement.body["id"], json!(statement.id));
            assert_eq!(statement.body["actor"], actor());
        }
    }

    // cmi5: initialized first, answered between, completed once per registration, one verdict
    // per session, never failed after passed, terminated last; the template is kept.
    #[test]
    fn cmi5_keeps_its_rules() {
        let mut report = XapiReport::cmi5(
            actor(),
            subject(),
            launch(LaunchMode::Normal, None),
            Standing::default(),
            0.0,
        );
        let mut all = report.initialized(0.0);
        all.extend(report.step("att", &[decided(1, Rating::Risky)], |_| None, 1.0));
        all.extend(report.step(
            "att",
            &[completed(Outcome::Difficult, vec![Some(Rating::Risky)])],
            |_| None,
            2.0,
        ));
        // A second play-through in the same session: no completed again, no second verdict.
        all.extend(report.step(
            "att2",
            &[completed(Outcome::Strong, vec![Some(Rating::Recommended)])],
            |_| None,
            3.0,
        ));
        all.extend(report.terminated(4.0));
        assert_eq!(
            verbs(&all),
            [
                "initialized",
                "answered",
                "completed",
                "failed",
                "terminated"
            ]
        );
        assert_eq!(
            report.standing(),
            Standing {
                completed: true,
                passed: false
            }
        );
        for statement in &all {
            let context = &statement.body["context"];
            assert_eq!(
                context["registration"],
                "8a0e3a1c-8f6b-4a53-9a3c-1d2e3f405060"
            );
            assert_eq!(
                context["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"],
                "session-1"
            );
            assert_eq!(
                context["contextActivities"]["grouping"][0]["id"],
                "https://lms.example.org/au/tiny/publisher"
            );
        }
        let categories = |s: &Value| -> Vec<String> {
            s["context"]["contextActivities"]["category"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|c| c["id"].as_str().unwrap_or("").to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            categories(&all[1].body),
            Vec::<String>::new(),
            "answered is an allowed statement"
        );
        assert_eq!(
            categories(&all[2].body).len(),
            2,
            "completed carries cmi5 and moveon"
        );
        assert!(
            all[2].body["result"].get("score").is_none(),
            "completed has no score"
        );
        assert_eq!(all[4].body["result"]["duration"], "PT0S");

        // The next session (a relaunch), on the same registration: passed may still come,
        // completed does not come again; after passed, nothing more.
        let mut next = XapiReport::cmi5(
            actor(),
            subject(),
            launch(LaunchMode::Normal, None),
            report.standing(),
            0.0,
        );
        let passed = next.step(
            "att3",
            &[completed(Outcome::Strong, vec![Some(Rating::Recommended)])],
            |_| None,
            1.0,
        );
        assert_eq!(verbs(&passed), ["passed"]);
        let mut last = XapiReport::cmi5(
            actor(),
            subject(),
            launch(LaunchMode::Normal, None),
            next.standing(),
            0.0,
        );
        assert_eq!(
            last.step(
                "att4",
                &[completed(Outcome::Difficult, vec![None])],
                |_| None,
                1.0
            ),
            vec![]
        );
    }

    // A mastery score decides passed by the score, and is named in the context.
    #[test]
    fn cmi5_mastery_score_decides() {
        let mut report = XapiReport::cmi5(
            actor(),
            subject(),
            launch(LaunchMode::Normal, Some(8000)),
            Standing::default(),
            0.0,
        );
        let statements = report.step(
            "att",
            &[completed(
                Outcome::Strong,
                vec![Some(Rating::Recommended), Some(Rating::Risky)],
            )],
            |_| None,
            1.0,
        );
        assert_eq!(verbs(&statements), ["completed", "failed"]);
        assert_eq!(
            statements[1].body["context"]["extensions"]
                ["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"],
            0.8
        );
    }

    // Browse and Review report only initialized and terminated.
    #[test]
    fn cmi5_browse_reports_no_results() {
        let mut report = XapiReport::cmi5(
            actor(),
            subject(),
            launch(LaunchMode::Browse, None),
            Standing::default(),
            0.0,
        );
        assert_eq!(verbs(&report.initialized(0.0)), ["initialized"]);
        assert!(report
            .step(
                "att",
                &[
                    decided(1, Rating::Risky),
                    completed(Outcome::Strong, vec![])
                ],
                |_| None,
                1.0
            )
            .is_empty());
        assert_eq!(verbs(&report.terminated(2.0)), ["terminated"]);
    }
}

// Browse and review launches record nothing and resume nothing.
#[test]
fn browse_and_review_record_nothing() {
    for (version, mode) in [(Version::Scorm12, "browse"), (Version::Scorm2004, "review")] {
        let launched = ScormReport::launch(
            version,
            Outcome::Mixed,
            &Launch {
                entry: "resume".into(),
                suspend_data: resume(1).to_text().unwrap(),
                mode: mode.into(),
                ..Launch::default()
            },
        );
        assert_eq!(launched.sets, vec![]);
        assert_eq!(launched.saved, None);
        let mut report = launched.report;
        assert!(!report.counts());
        let events = [
            decided(1, Some(Rating::Risky)),
            completed(Outcome::Strong, vec![]),
        ];
        assert_eq!(report.step(ATTEMPT, "{}", &events, |_| None, 0.0), vec![]);
        assert_eq!(report.pause(), vec![]);
        let finish = report.finish(1000);
        assert_eq!(finish.len(), 1, "only the session time: {finish:?}");
    }
}
