//! cmi5: the unit's side of a launch (spec: AICC/CMI-5_Spec_Current, §8–§11). The LMS opens
//! the launch page with `endpoint`, `fetch`, `actor`, `registration` and `activityId` in the
//! address; the unit fetches its token once, reads `LMS.LaunchData` (and the learner's
//! preferences), keeps its own place and standing in a state document, and sends its
//! statements through the outbox.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use peerpath_engine::report::xapi::{
    is_absolute_iri, is_agent, is_iri, is_uuid, Cmi5Launch, LaunchMode, Standing, Statement,
    Subject, XapiReport,
};
use peerpath_engine::report::{parse_decimal, Resume};
use peerpath_engine::{Event, Module, RestoreError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::json::{from_json, to_json};
use crate::lms::xapi::{request, sleep, Lrs, Sender};
use crate::lms::Problem;
use crate::storage::Store;

/// The unit's own state document (per registration): where the learner is, and which
/// results the registration already holds.
const STATE_ID: &str = "https://peerpath.example/xapi/state/progress";

/// The launch address's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Cmi5Params {
    /// The LRS's xAPI base.
    pub endpoint: String,
    /// Where to fetch the token, once.
    pub fetch: String,
    /// The learner, as an xAPI Agent.
    pub actor: Value,
    /// The registration (a UUID).
    pub registration: String,
    /// The unit's activity id.
    pub activity_id: String,
}

/// Reads the launch address's query: `Ok(None)` when it names none of the five (opened
/// outside an LMS), an error naming the first problem when it names some but not well.
pub fn params(search: &str) -> Result<Option<Cmi5Params>, String> {
    let query = web_sys::UrlSearchParams::new_with_str(search)
        .map_err(|_| "the address cannot be read".to_owned())?;
    let names = ["endpoint", "fetch", "actor", "registration", "activityId"];
    if names.iter().all(|name| query.get(name).is_none()) {
        return Ok(None);
    }
    let get = |name: &str| {
        query
            .get(name)
            .ok_or_else(|| format!("the launch address has no `{name}`"))
    };
    let (endpoint, fetch, actor, registration, activity_id) = (
        get("endpoint")?,
        get("fetch")?,
        get("actor")?,
        get("registration")?,
        get("activityId")?,
    );
    if !is_iri(&endpoint) {
        return Err(format!(
            "`endpoint` is not an http(s) address: {}",
            clip(&endpoint)
        ));
    }
    if !is_iri(&fetch) {
        return Err(format!(
            "`fetch` is not an http(s) address: {}",
            clip(&fetch)
        ));
    }
    let actor: Value =
        from_json(&actor).map_err(|problem| format!("`actor` is not JSON: {problem}"))?;
    if !is_agent(&actor) {
        return Err("`actor` is not an xAPI Agent with one identifier".into());
    }
    if !is_uuid(&registration) {
        return Err(format!(
            "`registration` is not a UUID: {}",
            clip(&registration)
        ));
    }
    if !is_absolute_iri(&activity_id) {
        return Err(format!(
            "`activityId` is not an IRI: {}",
            clip(&activity_id)
        ));
    }
    Ok(Some(Cmi5Params {
        endpoint,
        fetch,
        actor,
        registration,
        activity_id,
    }))
}

fn clip(text: &str) -> String {
    text.chars().take(80).collect()
}

/// What the unit keeps in its state document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Kept {
    #[serde(default)]
    standing: Standing,
    #[serde(default)]
    resume: Option<Resume>,
}

/// A connected cmi5 session.
pub struct Cmi5Session {
    sender: Rc<Sender>,
    report: RefCell<XapiReport>,
    params: Cmi5Params,
    /// Where to send the learner when they leave, if the LMS gave one.
    pub return_url: Option<String>,
    finished: Cell<bool>,
    problem: Rc<RefCell<Option<Problem>>>,
    /// The unit's state to write next (the latest place), and whether a write is under way.
    state_next: Rc<RefCell<Option<String>>>,
    state_writing: Rc<Cell<bool>>,
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

impl Cmi5Params {
    fn state_url(&self, state_id: &str) -> Result<String, String> {
        let agent = to_json(&self.actor)?;
        Ok(format!(
            "{}activities/state?stateId={}&activityId={}&agent={}&registration={}",
            Lrs::new(&self.endpoint, String::new()).endpoint,
            encode(state_id),
            encode(&self.activity_id),
            encode(&agent),
            encode(&self.registration)
        ))
    }
}

/// The registration and session a report belongs to, as an outbox key's tail.
fn report_session(registration: &str, report: &XapiReport) -> String {
    format!("{registration}/{}", report.session_id())
}

/// Reads a JSON number or numeric string (`masteryScore`) in ten-thousandths.
fn mastery(value: &Value) -> Option<u64> {
    let text = match value {
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.clone(),
        _ => return None,
    };
    parse_decimal(&text, 4).filter(|m| *m <= 10_000)
}

/// Connects: the token, the launch data, the learner's preferences, the unit's state; sends
/// `initialized`. Returns the session and where to resume.
pub async fn connect(
    params: Cmi5Params,
    module: &Module,
    store: Rc<Store>,
    now: f64,
) -> Result<(Cmi5Session, Result<Option<Resume>, RestoreError>), String> {
    let token = request(&params.fetch, "POST", None, None, false)
        .await
        .map_err(|p| format!("the token could not be fetched: {p}"))?;
    if token.status != 200 {
        return Err(format!("the LMS refused the token (HTTP {})", token.status));
    }
    let answer: Value =
        from_json(&token.text).map_err(|p| format!("the token answer is not JSON: {p}"))?;
    let Some(token) = answer.get("auth-token").and_then(Value::as_str) else {
        let code = answer
            .get("error-text")
            .and_then(Value::as_str)
            .unwrap_or("no auth-token");
        return Err(format!("the LMS gave no token: {}", clip(code)));
    };
    let lrs = Lrs::new(&params.endpoint, format!("Basic {token}"));
    let launch_data = request(
        &params.state_url("LMS.LaunchData")?,
        "GET",
        Some(&lrs.authorization),
        None,
        false,
    )
    .await
    .map_err(|p| format!("the launch data could not be read: {p}"))?;
    if launch_data.status != 200 {
        return Err(format!(
            "the LMS has no launch data for this unit (HTTP {})",
            launch_data.status
        ));
    }
    let data: Value =
        from_json(&launch_data.text).map_err(|p| format!("the launch data is not JSON: {p}"))?;
    let context_template: Map<String, Value> = data
        .get("contextTemplate")
        .and_then(Value::as_object)
        .cloned()
        .ok_or("the launch data has no contextTemplate")?;
    let mode = data
        .get("launchMode")
        .and_then(Value::as_str)
        .and_then(LaunchMode::parse)
        .ok_or("the launch data has no valid launchMode")?;
    let mastery = match data.get("masteryScore") {
        None | Some(Value::Null) => None,
        Some(value) => {
            Some(mastery(value).ok_or("the launch data's masteryScore is not between 0 and 1")?)
        }
    };
    let return_url = data
        .get("returnURL")
        .and_then(Value::as_str)
        .filter(|url| is_iri(url))
        .map(str::to_owned);
    // The spec asks the unit to read the learner's preferences; PeerPath has no use for them
    // yet, and an LMS without them is fine.
    let agent = to_json(&params.actor)?;
    let _ = request(
        &format!(
            "{}agents/profile?profileId=cmi5LearnerPreferences&agent={}",
            lrs.endpoint,
            encode(&agent)
        ),
        "GET",
        Some(&lrs.authorization),
        None,
        false,
    )
    .await;
    let kept = match request(
        &params.state_url(STATE_ID)?,
        "GET",
        Some(&lrs.authorization),
        None,
        false,
    )
    .await
    {
        // No state yet: the registration's first launch.
        Ok(answer) if answer.status == 404 => Ok(Kept::default()),
        Ok(answer) if answer.status == 200 => from_json::<Kept>(&answer.text),
        // Anything else: the unit cannot know where the learner is or what the registration
        // holds, so it reports nothing rather than start over on top of it.
        Ok(answer) => {
            return Err(format!(
                "the unit's saved place could not be read (HTTP {})",
                answer.status
            ))
        }
        Err(problem) => {
            return Err(format!(
                "the unit's saved place could not be read: {problem}"
            ))
        }
    };
    // A saved place that cannot be read is shown, and replaced only if the learner chooses to
    // start again.
    let (standing, resume) = match kept {
        Ok(kept) => {
            let resume = match (mode, kept.resume) {
                (LaunchMode::Normal, Some(resume)) => resume.check(&module.id).map(Some),
                _ => Ok(None),
            };
            (kept.standing, resume)
        }
        Err(reason) => (Standing::default(), Err(RestoreError::Malformed { reason })),
    };
    let subject = Subject {
        activity: params.activity_id.clone(),
        title: module.title.clone(),
        passing: module.passing,
    };
    let launch = Cmi5Launch {
        activity_id: params.activity_id.clone(),
        registration: params.registration.clone(),
        context_template,
        mode,
        mastery,
    };
    let report = XapiReport::cmi5(params.actor.clone(), subject, launch, standing, now);
    // One outbox per session: statements of an earlier session are stale once the LMS has
    // moved on (cmi5 §9.3.6), so they never hold up this one's.
    let session_key = format!(
        "{}#{}",
        lrs.endpoint,
        report_session(&params.registration, &report)
    );
    store.drop_outboxes_like(&lrs.endpoint, &session_key);
    let sender = Sender::open_keyed(lrs, store, session_key);
    sender.queue(&report.initialized(now));
    let session = Cmi5Session {
        sender,
        report: RefCell::new(report),
        params,
        return_url,
        finished: Cell::new(false),
        problem: Rc::default(),
        state_next: Rc::default(),
        state_writing: Rc::default(),
    };
    Ok((session, resume))
}

impl Cmi5Session {
    /// Reports a step: its statements, then the unit's state (place and standing).
    pub fn step(
        &self,
        resume: &Resume,
        events: &[Event],
        scene_text: impl Fn(&str) -> Option<String>,
        now: f64,
    ) {
        if self.finished.get() {
            return;
        }
        let statements: Vec<Statement> =
            self.report
                .borrow_mut()
                .step(&resume.attempt, events, scene_text, now);
        self.sender.queue(&statements);
        if !self.report.borrow().reports_results() {
            return;
        }
        let kept = Kept {
            standing: self.report.borrow().standing(),
            resume: Some(resume.clone()),
        };
        let (Ok(url), Ok(body)) = (self.params.state_url(STATE_ID), to_json(&kept)) else {
            return;
        };
        // One write at a time, the latest last: two writes in flight could land in the wrong
        // order and leave the LMS an older place than the learner's.
        *self.state_next.borrow_mut() = Some(body);
        if self.state_writing.get() {
            return;
        }
        self.state_writing.set(true);
        let authorization = self.sender.lrs().authorization.clone();
        let (next, writing, problem) = (
            self.state_next.clone(),
            self.state_writing.clone(),
            self.problem.clone(),
        );
        wasm_bindgen_futures::spawn_local(async move {
            let mut delay = 1000;
            loop {
                let Some(body) = next.borrow().clone() else {
                    break;
                };
                let written = matches!(
                    request(&url, "PUT", Some(&authorization), Some(&body), false).await,
                    Ok(answer) if (200..300).contains(&answer.status)
                );
                if written {
                    // Done, unless a newer place arrived meanwhile.
                    let mut next = next.borrow_mut();
                    if next.as_deref() == Some(body.as_str()) {
                        *next = None;
                    }
                    delay = 1000;
                    *problem.borrow_mut() = None;
                } else {
                    *problem.borrow_mut() = Some(Problem::PlaceNotSavedYet);
                    sleep(delay).await;
                    delay = (delay * 2).min(60_000);
                }
            }
            writing.set(false);
        });
    }

    /// Ends the session once: `terminated`, handed to the browser to send as the page goes.
    pub fn finish(&self, now: f64) {
        if self.finished.replace(true) {
            return;
        }
        let statements = self.report.borrow().terminated(now);
        self.sender.queue(&statements);
        self.sender.send_on_exit();
        // A place (and standing) not yet written goes with the page too, so a relaunch never
        // reports `completed` or `passed` a second time for want of it.
        let pending = self.state_next.borrow().clone();
        if let (Some(body), Ok(url)) = (pending, self.params.state_url(STATE_ID)) {
            let authorization = self.sender.lrs().authorization.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = request(&url, "PUT", Some(&authorization), Some(&body), true).await;
            });
        }
    }

    /// Statements and state writes not yet confirmed.
    pub fn waiting(&self) -> usize {
        self.sender.progress().waiting + usize::from(self.state_next.borrow().is_some())
    }

    /// Whether this launch records results (not a Browse or Review launch).
    pub fn counts(&self) -> bool {
        self.report.borrow().reports_results()
    }

    /// The sender, for the status line.
    pub fn sender(&self) -> &Rc<Sender> {
        &self.sender
    }

    /// What went wrong, if anything.
    pub fn problem(&self) -> Option<Problem> {
        self.problem
            .borrow()
            .clone()
            .or_else(|| self.sender.progress().problem.map(Problem::Detail))
    }
}
