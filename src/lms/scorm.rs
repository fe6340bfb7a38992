//! The SCORM runtime API, as an LMS offers it to a package's window: found by the standard's
//! discovery algorithm, called with every value the engine's [`ScormReport`] asks for. This
//! is the only code that calls an LMS.

use std::cell::{Cell, RefCell};

use js_sys::{Function, Object, Reflect};
use peerpath_engine::report::scorm::{Launch as LmsHeld, Launched, ScormReport, Set, Version};
use peerpath_engine::report::Resume;
use peerpath_engine::{Event, Outcome, RestoreError};
use wasm_bindgen::{JsCast, JsValue};

use crate::json::{from_json, to_json};
use crate::lms::Problem;

/// How many windows up a chain discovery looks (the 2004 algorithm's limit; 1.2's is 7).
const MAX_HOPS: usize = 500;

/// An LMS's API object.
pub struct ScormApi {
    version: Version,
    api: JsValue,
}

/// A property of a window or object, or `None` when it is missing or may not be read (a
/// window of another origin throws).
fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

/// Looks for the API object named `name` in `start` and up its parents.
fn scan(start: JsValue, name: &str) -> Option<JsValue> {
    let mut window = start;
    for _ in 0..MAX_HOPS {
        if let Some(api) = property(&window, name).filter(JsValue::is_object) {
            return Some(api);
        }
        let parent = property(&window, "parent")?;
        if Object::is(&parent, &window) {
            return None;
        }
        window = parent;
    }
    None
}

impl ScormApi {
    /// Finds the LMS's API as the standard describes: this window and its parents, then the
    /// window that opened this one and its parents.
    pub fn find(version: Version) -> Option<ScormApi> {
        let window: JsValue = web_sys::window()?.into();
        let name = version.api_name();
        let api =
            scan(window.clone(), name).or_else(|| scan(property(&window, "opener")?, name))?;
        Some(ScormApi { version, api })
    }

    /// Calls one of the API's functions; `None` if it is missing or throws.
    fn call(&self, function: &str, args: &[&str]) -> Option<String> {
        let function: Function = property(&self.api, function)?.dyn_into().ok()?;
        let result = match args {
            [] => function.call1(&self.api, &JsValue::from_str("")),
            [a] => function.call1(&self.api, &JsValue::from_str(a)),
            [a, b] => function.call2(&self.api, &JsValue::from_str(a), &JsValue::from_str(b)),
            _ => return None,
        }
        .ok()?;
        Some(
            result
                .as_string()
                .unwrap_or_else(|| result.as_bool().map_or_else(String::new, |b| b.to_string())),
        )
    }

    fn name(&self, v12: &'static str, v2004: &'static str) -> &'static str {
        match self.version {
            Version::Scorm12 => v12,
            Version::Scorm2004 => v2004,
        }
    }

    fn succeeded(answer: Option<String>) -> bool {
        answer.is_some_and(|a| a == "true")
    }

    /// Starts the session (`LMSInitialize` / `Initialize`).
    pub fn initialize(&self) -> bool {
        Self::succeeded(self.call(self.name("LMSInitialize", "Initialize"), &[]))
    }

    /// A value the LMS holds, or an empty string.
    pub fn get(&self, element: &str) -> String {
        self.call(self.name("LMSGetValue", "GetValue"), &[element])
            .unwrap_or_default()
    }

    /// Sets a value; on refusal, the LMS's error code and message.
    pub fn set(&self, element: &str, value: &str) -> Result<(), String> {
        let answer = self.call(self.name("LMSSetValue", "SetValue"), &[element, value]);
        if Self::succeeded(answer) {
            return Ok(());
        }
        let code = self
            .call(self.name("LMSGetLastError", "GetLastError"), &[])
            .unwrap_or_default();
        let text = self
            .call(self.name("LMSGetErrorString", "GetErrorString"), &[&code])
            .unwrap_or_default();
        Err(format!("{element}: error {code} {text}").trim().to_owned())
    }

    /// Asks the LMS to keep what was set (`LMSCommit` / `Commit`).
    pub fn commit(&self) -> bool {
        Self::succeeded(self.call(self.name("LMSCommit", "Commit"), &[]))
    }

    /// Ends the session (`LMSFinish` / `Terminate`).
    pub fn finish(&self) -> bool {
        Self::succeeded(self.call(self.name("LMSFinish", "Terminate"), &[]))
    }
}

/// A connected SCORM session: the API, the engine's reporter, and what went wrong.
pub struct ScormSession {
    api: ScormApi,
    report: RefCell<ScormReport>,
    started_at: f64,
    finished: Cell<bool>,
    /// The first value the LMS refused, for the learner's status line.
    problem: RefCell<Option<Problem>>,
}

/// What connecting found.
pub enum Connected {
    /// An LMS that took the session: the session, and where it says to resume.
    Lms(ScormSession, Result<Option<Resume>, RestoreError>),
    /// No LMS answered: the module plays, and nothing is reported.
    Alone,
}

impl ScormSession {
    /// Finds the LMS, starts the session, reads what it holds for `module` and sets the
    /// launch values.
    pub fn connect(version: Version, module: &str, passing: Outcome, now: f64) -> Connected {
        let Some(api) = ScormApi::find(version) else {
            return Connected::Alone;
        };
        if !api.initialize() {
            return Connected::Alone;
        }
        let held = LmsHeld {
            entry: api.get(version.entry()),
            suspend_data: api.get("cmi.suspend_data"),
            status: api.get(version.status()),
            success: match version {
                Version::Scorm12 => String::new(),
                Version::Scorm2004 => api.get("cmi.success_status"),
            },
            score: api.get(version.score()),
            interactions: api.get("cmi.interactions._count"),
            mode: api.get(version.mode()),
        };
        let Launched {
            report,
            sets,
            saved,
        } = ScormReport::launch(version, passing, &held);
        let resume = saved
            .map(|text| {
                from_json::<Resume>(&text)
                    .map_err(|reason| RestoreError::Malformed { reason })
                    .and_then(|resume| resume.check(module))
            })
            .transpose();
        let session = ScormSession {
            api,
            report: RefCell::new(report),
            started_at: now,
            finished: Cell::new(false),
            problem: RefCell::new(None),
        };
        session.apply(&sets);
        Connected::Lms(session, resume)
    }

    /// Sets each value, then commits. The first refusal is kept for the status line; the
    /// rest still go, so one bad value never loses the others.
    fn apply(&self, sets: &[Set]) {
        if self.finished.get() || sets.is_empty() {
            return;
        }
        for Set { element, value } in sets {
            if let Err(problem) = self.api.set(element, value) {
                self.problem
                    .borrow_mut()
                    .get_or_insert(Problem::Detail(problem));
            }
        }
        if !self.api.commit() {
            self.problem
                .borrow_mut()
                .get_or_insert(Problem::NotConfirmed);
        }
    }

    /// Reports a step: its events and where the attempt now stands.
    pub fn step(
        &self,
        resume: &Resume,
        events: &[Event],
        scene_title: impl Fn(&str) -> Option<String>,
        now: f64,
    ) {
        let text = match to_json(resume) {
            Ok(text) => text,
            Err(problem) => {
                // Without the resume data the step is not sent at all, rather than half.
                self.problem
                    .borrow_mut()
                    .get_or_insert(Problem::Detail(format!(
                        "the place could not be written: {problem}"
                    )));
                return;
            }
        };
        let sets = self
            .report
            .borrow_mut()
            .step(&resume.attempt, &text, events, scene_title, now);
        self.apply(&sets);
    }

    /// The learner paused: keep their place.
    pub fn pause(&self) {
        let sets = self.report.borrow().pause();
        self.apply(&sets);
    }

    /// Ends the session, once: the session time, then `LMSFinish` / `Terminate`.
    pub fn finish(&self, now: f64) {
        if self.finished.get() {
            return;
        }
        // Whole ms of wall time since launch, never negative.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let elapsed = (now - self.started_at).max(0.0).floor() as u64;
        let sets = self.report.borrow().finish(elapsed);
        self.apply(&sets);
        self.finished.set(true);
        self.api.finish();
    }

    /// Whether this launch records anything (not a browse or review launch).
    pub fn counts(&self) -> bool {
        self.report.borrow().counts()
    }

    /// The first value the LMS refused, if any.
    pub fn problem(&self) -> Option<Problem> {
        self.problem.borrow().clone()
    }
}
