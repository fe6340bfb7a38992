//! SCORM 1.2 and SCORM 2004 (3rd Edition): the data-model values a play-through sets.
//!
//! [`ScormReport`] is fed what the LMS held at launch ([`Launch`]) and then each step's
//! events, and answers with the `SetValue` calls to make, in order ([`Set`]); the host makes
//! them and commits. It never reads the LMS itself, so it is tested natively.

use crate::event::Event;
use crate::module::{Outcome, Rating};
use crate::report::time::{cmi_time, cmi_timespan, iso_duration, iso_timestamp};
use crate::report::{parse_decimal, passes, Score};

/// Which SCORM the LMS speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// SCORM 1.2 (the API object `API`).
    Scorm12,
    /// SCORM 2004 3rd Edition (the API object `API_1484_11`).
    Scorm2004,
}

impl Version {
    /// The name of the API object the LMS puts on a window.
    pub fn api_name(self) -> &'static str {
        match self {
            Version::Scorm12 => "API",
            Version::Scorm2004 => "API_1484_11",
        }
    }

    /// The element holding the entry mode (`resume` after a suspend).
    pub fn entry(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.entry",
            Version::Scorm2004 => "cmi.entry",
        }
    }

    /// The element holding completion (1.2: the one lesson status).
    pub fn status(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.lesson_status",
            Version::Scorm2004 => "cmi.completion_status",
        }
    }

    /// The element holding the score as [`Launch::score`] reads it.
    pub fn score(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.score.raw",
            Version::Scorm2004 => "cmi.score.scaled",
        }
    }

    fn location(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.lesson_location",
            Version::Scorm2004 => "cmi.location",
        }
    }

    /// The element holding the launch mode.
    pub fn mode(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.lesson_mode",
            Version::Scorm2004 => "cmi.mode",
        }
    }

    fn exit(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.exit",
            Version::Scorm2004 => "cmi.exit",
        }
    }

    /// How this version says a choice was wrong.
    fn wrong(self) -> &'static str {
        match self {
            Version::Scorm12 => "wrong",
            Version::Scorm2004 => "incorrect",
        }
    }
}

/// One `SetValue` (`LMSSetValue` in 1.2) call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set {
    /// The data-model element.
    pub element: String,
    /// Its new value.
    pub value: String,
}

fn set(element: impl Into<String>, value: impl Into<String>) -> Set {
    Set {
        element: element.into(),
        value: value.into(),
    }
}

/// What the LMS held when the module launched, as read through `GetValue` (empty strings
/// for what it does not have).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Launch {
    /// `entry`: `resume` after the learner suspended, else `ab-initio` or empty.
    pub entry: String,
    /// `suspend_data`.
    pub suspend_data: String,
    /// 1.2: `cmi.core.lesson_status`; 2004: `cmi.completion_status`.
    pub status: String,
    /// 2004: `cmi.success_status` (empty for 1.2).
    pub success: String,
    /// 1.2: `cmi.core.score.raw`; 2004: `cmi.score.scaled`.
    pub score: String,
    /// `cmi.interactions._count`.
    pub interactions: String,
    /// 1.2: `cmi.core.lesson_mode`; 2004: `cmi.mode` (`normal`, `browse` or `review`; empty
    /// means normal).
    pub mode: String,
}

/// How a completion stands in the LMS, to compare a new one with.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Standing {
    passed: Option<bool>,
    /// The score in ten-thousandths (0 to 10,000).
    score: Option<u64>,
}

/// Reports a play-through to a SCORM LMS.
#[derive(Debug, Clone, PartialEq)]
pub struct ScormReport {
    version: Version,
    /// The module's weakest passing outcome.
    passing: Outcome,
    /// The next interaction's index.
    interactions: usize,
    /// When the decision scene on screen was shown, in ms since the epoch.
    shown_at: Option<f64>,
    /// Whether an ending was reached, in this session or an earlier one.
    completed: bool,
    /// Whether the attempt on screen has reached its ending (a replay after one has not).
    attempt_finished: bool,
    /// Whether this launch counts: in `browse` and `review` modes nothing is recorded.
    counts: bool,
    standing: Standing,
}

/// What a launch found: the reporter, the values to set now, and where to resume.
#[derive(Debug)]
pub struct Launched {
    /// The reporter for the steps to come.
    pub report: ScormReport,
    /// Values to set at once (first launch: `incomplete`, and `suspend` as the exit so a
    /// closed window keeps the learner's place).
    pub sets: Vec<Set>,
    /// What the LMS kept to resume from, when it asks to resume (`entry = resume`); `None`
    /// for a fresh start. The host reads it with [`Resume::check`](crate::report::Resume::check)
    /// and, when it cannot, says so and overwrites nothing until the learner agrees.
    pub saved: Option<String>,
}

impl ScormReport {
    /// Starts reporting for module `module` (whose weakest passing outcome is `passing`),
    /// given what the LMS holds.
    pub fn launch(version: Version, passing: Outcome, launch: &Launch) -> Launched {
        let status = launch.status.as_str();
        let completed = match version {
            Version::Scorm12 => matches!(status, "completed" | "passed" | "failed"),
            Version::Scorm2004 => status == "completed",
        };
        let passed = match (version, status, launch.success.as_str()) {
            (Version::Scorm12, "passed", _) | (Version::Scorm2004, _, "passed") => Some(true),
            (Version::Scorm12, "failed", _) | (Version::Scorm2004, _, "failed") => Some(false),
            _ => None,
        };
        // 1.2 holds a percentage, 2004 a share: both in ten-thousandths.
        let score = match version {
            Version::Scorm12 => parse_decimal(&launch.score, 2),
            Version::Scorm2004 => parse_decimal(&launch.score, 4),
        };
        // Browse and review: a look, not an attempt. Nothing is recorded, nothing resumed.
        let counts = !matches!(launch.mode.as_str(), "browse" | "review");
        let mut sets = Vec::new();
        if !counts {
            return Launched {
                report: ScormReport {
                    version,
                    passing,
                    interactions: 0,
                    shown_at: None,
                    completed,
                    attempt_finished: true,
                    counts,
                    standing: Standing { passed, score },
                },
                sets,
                saved: None,
            };
        }
        if !completed && passed.is_none() && status != "incomplete" {
            sets.push(set(version.status(), "incomplete"));
        }
        if !completed {
            sets.push(set(version.exit(), "suspend"));
        }
        let saved = (launch.entry == "resume" && !launch.suspend_data.is_empty())
            .then(|| launch.suspend_data.clone());
        Launched {
            report: ScormReport {
                version,
                passing,
                interactions: launch.interactions.trim().parse().unwrap_or(0),
                shown_at: None,
                completed,
                attempt_finished: completed,
                counts,
                standing: Standing { passed, score },
            },
            sets,
            saved,
        }
    }

    /// The values one step of play in attempt `attempt` sets: the events it caused (each
    /// reported once, by the app's progress store), and where the attempt now stands
    /// (`resume`, the [`Resume`](crate::report::Resume)'s text).
    pub fn step(
        &mut self,
        attempt: &str,
        resume: &str,
        events: &[Event],
        scene_title: impl Fn(&str) -> Option<String>,
        now: f64,
    ) -> Vec<Set> {
        if !self.counts {
            return Vec::new();
        }
        let version = self.version;
        let mut sets = Vec::new();
        for event in events {
            match event {
                Event::SceneShown { scene, .. } => {
                    self.shown_at = Some(now);
                    sets.push(set(version.location(), scene.as_str()));
                }
                Event::Decided {
                    step,
                    scene,
                    choice,
                    rating,
                    ..
                } => {
                    sets.extend(self.interaction(attempt, *step, scene, choice, *rating, now));
                    if let Some(title) = scene_title(scene) {
                        if version == Version::Scorm2004 {
                            let n = self.interactions - 1;
                            let title: String = title.chars().take(250).collect();
                            sets.push(set(format!("cmi.interactions.{n}.description"), title));
                        }
                    }
                }
                Event::Completed {
                    outcome, ratings, ..
                } => sets.extend(self.completion(*outcome, ratings)),
                // Play again: a new attempt whose place must be kept if the learner leaves.
                Event::Restarted => {
                    self.attempt_finished = false;
                    sets.push(set(version.exit(), "suspend"));
                }
            }
        }
        sets.push(set("cmi.suspend_data", resume));
        sets
    }

    fn interaction(
        &mut self,
        attempt: &str,
        step: usize,
        scene: &str,
        choice: &str,
        rating: Option<Rating>,
        now: f64,
    ) -> Vec<Set> {
        let version = self.version;
        let n = self.interactions;
        self.interactions += 1;
        let at = |name: &str| format!("cmi.interactions.{n}.{name}");
        let id: String = format!("{attempt}_{step:02}_{scene}")
            .chars()
            .take(255)
            .collect();
        let result = match rating {
            Some(Rating::Recommended | Rating::Acceptable) => "correct",
            Some(Rating::Risky | Rating::Harmful) => version.wrong(),
            None => "neutral",
        };
        // Whole milliseconds since the scene came on screen, never negative.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let latency = self
            .shown_at
            .map(|shown| (now - shown).max(0.0).floor() as u64);
        let mut sets = vec![set(at("id"), id), set(at("type"), "choice")];
        match version {
            Version::Scorm12 => {
                sets.push(set(at("student_response"), choice));
                sets.push(set(at("result"), result));
                sets.push(set(at("time"), cmi_time(now)));
                if let Some(latency) = latency {
                    sets.push(set(at("latency"), cmi_timespan(latency)));
                }
            }
            Version::Scorm2004 => {
                sets.push(set(at("learner_response"), choice));
                sets.push(set(at("result"), result));
                sets.push(set(at("timestamp"), iso_timestamp(now)));
                if let Some(latency) = latency {
                    sets.push(set(at("latency"), iso_duration(latency)));
                }
            }
        }
        sets
    }

    fn completion(&mut self, outcome: Outcome, ratings: &[Option<Rating>]) -> Vec<Set> {
        let version = self.version;
        let passed = passes(outcome, self.passing);
        let score = Score::of(ratings);
        let mut sets = Vec::new();
        if version == Version::Scorm2004 {
            sets.push(set("cmi.completion_status", "completed"));
        }
        // The attempt is over: the next launch starts afresh.
        let normal = match version {
            Version::Scorm12 => "",
            Version::Scorm2004 => "normal",
        };
        sets.push(set(version.exit(), normal));
        self.completed = true;
        self.attempt_finished = true;
        // The best play-through stands: a pass beats a fail, then a higher score wins.
        let better = match (self.standing.passed, passed) {
            (None, _) | (Some(false), true) => true,
            (Some(true), false) => false,
            _ => score.map(|s| u64::from(s.ten_thousandths())) > self.standing.score,
        };
        if !better {
            return sets;
        }
        self.standing = Standing {
            passed: Some(passed),
            score: score.map(|s| u64::from(s.ten_thousandths())),
        };
        let verdict = if passed { "passed" } else { "failed" };
        match version {
            Version::Scorm12 => {
                sets.push(set("cmi.core.lesson_status", verdict));
                if let Some(score) = score {
                    sets.push(set("cmi.core.score.min", "0"));
                    sets.push(set("cmi.core.score.max", "100"));
                    sets.push(set("cmi.core.score.raw", score.percent().to_string()));
                }
            }
            Version::Scorm2004 => {
                sets.push(set("cmi.success_status", verdict));
                if let Some(score) = score {
                    sets.push(set("cmi.score.min", "0"));
                    sets.push(set("cmi.score.max", score.rated.to_string()));
                    sets.push(set("cmi.score.raw", score.good.to_string()));
                    sets.push(set("cmi.score.scaled", score.scaled_text()));
                }
            }
        }
        sets
    }

    /// The values to set when the learner pauses: suspend, so the LMS keeps their place
    /// (unless the attempt on screen is finished: then the LMS's attempt is over).
    pub fn pause(&self) -> Vec<Set> {
        if self.attempt_finished {
            Vec::new()
        } else {
            vec![set(self.version.exit(), "suspend")]
        }
    }

    /// The values to set just before the session ends (`LMSFinish` / `Terminate`): the
    /// session's length, `active_ms` in ms.
    pub fn finish(&self, active_ms: u64) -> Vec<Set> {
        let time = match self.version {
            Version::Scorm12 => set("cmi.core.session_time", cmi_timespan(active_ms)),
            Version::Scorm2004 => set("cmi.session_time", iso_duration(active_ms)),
        };
        let mut sets = vec![time];
        sets.extend(self.pause());
        sets
    }

    /// Whether this launch records anything (not in `browse` or `review` mode).
    pub fn counts(&self) -> bool {
        self.counts
    }

    /// Whether an ending has been reached (now or in an earlier session).
    pub fn is_completed(&self) -> bool {
        self.completed
    }
}
