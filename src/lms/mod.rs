//! Reporting to a learning platform from a package's launch page (`peerpath package`).
//!
//! A package's launch page is the learner's page with a `<meta name="peerpath-launch"
//! content="STANDARD MODULE">` that `peerpath package` writes: the app then plays that one
//! module, as the embed view does, and reports each step to the platform the standard
//! names. The platform's data is the source of truth; the progress store is only a cache.

pub mod cmi5;
pub mod scorm;
pub mod site_lrs;
pub mod xapi;

use std::rc::Rc;

use peerpath_engine::report::scorm::Version;
use peerpath_engine::report::Resume;
use peerpath_engine::{Event, Module, RestoreError};

use crate::storage::Store;
use cmi5::Cmi5Session;
use scorm::{Connected, ScormSession};

/// Whoever hears the play-through: an LMS through SCORM or cmi5, or no one.
pub enum Reporter {
    /// A SCORM LMS.
    Scorm(ScormSession),
    /// A cmi5 LMS and its LRS.
    Cmi5(Cmi5Session),
    /// No platform: the module plays and nothing is reported (with why, when a launch
    /// was attempted and failed).
    Alone(Option<String>),
}

/// What went wrong reporting, for the launch page's status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The learner's place is not saved with the platform yet (cmi5); it is being tried
    /// again.
    PlaceNotSavedYet,
    /// The LMS did not confirm it kept the last step (SCORM).
    NotConfirmed,
    /// The platform's or the browser's own account, in English: for whoever runs the
    /// platform.
    Detail(String),
}

impl Problem {
    /// The problem in `lang`, and whether it is in English whatever `lang` is (a detail).
    pub fn describe(&self, lang: crate::i18n::Lang) -> (&str, bool) {
        let s = lang.launch();
        match self {
            Problem::PlaceNotSavedYet => (s.place_not_saved_yet, false),
            Problem::NotConfirmed => (s.not_confirmed, false),
            Problem::Detail(detail) => (detail, true),
        }
    }
}

/// What connecting found: the reporter, and where the platform says to resume (`Ok(None)`:
/// a fresh start; an error: kept data that cannot be read).
pub struct Connection {
    /// Who hears the play-through.
    pub reporter: Reporter,
    /// Where to resume.
    pub resume: Result<Option<Resume>, RestoreError>,
}

impl Connection {
    fn alone(why: Option<String>) -> Connection {
        Connection {
            reporter: Reporter::Alone(why),
            resume: Ok(None),
        }
    }
}

/// Connects to the platform that launched `module` through `standard`.
pub async fn connect(standard: Standard, module: Rc<Module>, store: Rc<Store>) -> Connection {
    let now = js_sys::Date::now();
    let version = match standard {
        Standard::Scorm12 => Version::Scorm12,
        Standard::Scorm2004 => Version::Scorm2004,
        Standard::Cmi5 => {
            let search = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
            return match cmi5::params(&search) {
                Ok(None) => Connection::alone(None),
                Err(problem) => Connection::alone(Some(problem)),
                Ok(Some(params)) => match cmi5::connect(params, &module, store, now).await {
                    Ok((session, resume)) => Connection {
                        reporter: Reporter::Cmi5(session),
                        resume,
                    },
                    Err(problem) => Connection::alone(Some(problem)),
                },
            };
        }
    };
    match ScormSession::connect(version, &module.id, module.passing, now) {
        Connected::Lms(session, resume) => Connection {
            reporter: Reporter::Scorm(session),
            resume,
        },
        Connected::Alone => Connection::alone(None),
    }
}

impl Reporter {
    /// Reports a step of play: its events, and where attempt `resume.attempt` now stands.
    pub fn step(
        &self,
        resume: &Resume,
        events: &[Event],
        scene_text: impl Fn(&str) -> Option<String>,
        now: f64,
    ) {
        match self {
            Reporter::Scorm(session) => session.step(resume, events, scene_text, now),
            Reporter::Cmi5(session) => session.step(resume, events, scene_text, now),
            Reporter::Alone(_) => {}
        }
    }

    /// The learner paused.
    pub fn pause(&self) {
        if let Reporter::Scorm(session) = self {
            session.pause();
        }
    }

    /// The page is going away: end the session, once.
    pub fn finish(&self, now: f64) {
        match self {
            Reporter::Scorm(session) => session.finish(now),
            Reporter::Cmi5(session) => session.finish(now),
            Reporter::Alone(_) => {}
        }
    }

    /// Where cmi5's LMS asks the learner to be sent when they leave, if anywhere.
    pub fn return_url(&self) -> Option<String> {
        match self {
            Reporter::Cmi5(session) => session.return_url.clone(),
            _ => None,
        }
    }

    /// How many statements wait to be sent (cmi5).
    pub fn waiting(&self) -> usize {
        match self {
            Reporter::Cmi5(session) => session.waiting(),
            _ => 0,
        }
    }

    /// Whether the platform records this launch (not browse or review).
    pub fn counts(&self) -> bool {
        match self {
            Reporter::Scorm(session) => session.counts(),
            Reporter::Cmi5(session) => session.counts(),
            Reporter::Alone(_) => false,
        }
    }

    /// Whether a platform hears the play-through.
    pub fn is_connected(&self) -> bool {
        !matches!(self, Reporter::Alone(_))
    }

    /// What went wrong reporting, if anything.
    pub fn problem(&self) -> Option<Problem> {
        match self {
            Reporter::Scorm(session) => session.problem(),
            Reporter::Cmi5(session) => session.problem(),
            Reporter::Alone(why) => why.clone().map(Problem::Detail),
        }
    }
}

/// The standards a package reports through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// SCORM 1.2.
    Scorm12,
    /// SCORM 2004 3rd Edition.
    Scorm2004,
    /// cmi5 (xAPI, launched by an LMS).
    Cmi5,
}

impl Standard {
    /// The standard's name in the launch page's `<meta>` and in file names.
    pub fn key(self) -> &'static str {
        match self {
            Standard::Scorm12 => "scorm12",
            Standard::Scorm2004 => "scorm2004",
            Standard::Cmi5 => "cmi5",
        }
    }

    /// The standard as an administrator reads it.
    pub fn label(self) -> &'static str {
        match self {
            Standard::Scorm12 => "SCORM 1.2",
            Standard::Scorm2004 => "SCORM 2004",
            Standard::Cmi5 => "cmi5",
        }
    }
}

/// What a package's launch page asks for: which module, reported through which standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// How the page reports.
    pub standard: Standard,
    /// The module it plays.
    pub module: String,
}

/// The launch this page was written for, from its `<meta name="peerpath-launch">`; `None`
/// on the site's own pages.
pub fn launch() -> Option<Launch> {
    parse(&crate::site::page_meta("peerpath-launch")?)
}

fn parse(content: &str) -> Option<Launch> {
    let (standard, module) = content.trim().split_once(' ')?;
    let standard = match standard {
        "scorm12" => Standard::Scorm12,
        "scorm2004" => Standard::Scorm2004,
        "cmi5" => Standard::Cmi5,
        _ => return None,
    };
    let module = module.trim();
    peerpath_engine::module::is_valid_id(module).then(|| Launch {
        standard,
        module: module.to_owned(),
    })
}
