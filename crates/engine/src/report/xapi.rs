//! xAPI statements for a play-through: plain xAPI (a site's own LRS) and cmi5 (an LMS that
//! launches the module as an assignable unit).
//!
//! [`XapiReport`] turns the engine's events into statements, each with a stable id (a UUID
//! v5 of the session and the fact), its own timestamp, the actor and a registration. A
//! statement rebuilt after a crash has the same id, so an LRS never stores a fact twice;
//! the host queues them until the LRS acknowledges each one.
//!
//! - Plain xAPI: `experienced` for each decision scene shown, `answered` for each decision,
//!   `completed` and `passed` or `failed` at an ending. Each attempt is its own registration.
//! - cmi5 (spec: AICC/CMI-5_Spec_Current): `initialized` first, `answered` per decision (an
//!   "allowed" statement), `completed` and `passed` or `failed` (cmi5 "defined" statements,
//!   at most once per registration, never `failed` after `passed`, at most one verdict per
//!   session), and `terminated` last. In Browse and Review modes, only `initialized` and
//!   `terminated`.

use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::event::Event;
use crate::module::{Outcome, Rating};
use crate::report::time::{iso_duration, iso_timestamp};
use crate::report::{passes, Score};

/// The xAPI version every request names (`X-Experience-API-Version`).
pub const XAPI_VERSION: &str = "1.0.3";

/// PeerPath's namespace for the UUIDs it derives (statement ids, registrations).
const NAMESPACE: Uuid = Uuid::from_u128(0x5d1f_0e4a_8b2c_4c7e_9a31_6f0d_2b7e_c4a9);

const VERBS: &str = "http://adlnet.gov/expapi/verbs/";
const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const MASTERY_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
const SESSION_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

/// A UUID (v5, in PeerPath's namespace) derived from `name`: the same name, the same id.
pub fn derived_uuid(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
        .hyphenated()
        .to_string()
}

/// Whether `text` is a UUID as xAPI writes them (`8-4-4-4-12` hex digits).
pub fn is_uuid(text: &str) -> bool {
    text.len() == 36 && Uuid::try_parse(text).is_ok()
}

/// Whether `value` is an xAPI Agent with exactly one identifier (mbox, mbox_sha1sum, openid
/// or account), the shape an actor must have.
pub fn is_agent(value: &Value) -> bool {
    let Some(agent) = value.as_object() else {
        return false;
    };
    if agent.get("objectType").is_some_and(|kind| kind != "Agent") {
        return false;
    }
    if agent.get("name").is_some_and(|name| !name.is_string()) {
        return false;
    }
    let text = |key: &str| agent.get(key).and_then(Value::as_str);
    let identifiers = [
        text("mbox").is_some_and(|m| m.starts_with("mailto:") && m.len() > 8),
        text("mbox_sha1sum")
            .is_some_and(|s| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())),
        text("openid").is_some_and(is_absolute_iri),
        agent.get("account").is_some_and(|account| {
            account
                .get("homePage")
                .and_then(Value::as_str)
                .is_some_and(is_absolute_iri)
                && account
                    .get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|name| !name.is_empty())
        }),
    ];
    let present = ["mbox", "mbox_sha1sum", "openid", "account"]
        .iter()
        .filter(|key| agent.contains_key(**key))
        .count();
    present == 1 && identifiers.iter().filter(|ok| **ok).count() == 1
}

/// Whether `text` is an absolute IRI (a scheme, `:`, and more) without spaces: an
/// activity id such as `https://…` or `urn:…`.
pub fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether `text` is an absolute http(s) address without spaces (an endpoint).
pub fn is_iri(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && text.len() > 8
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// How a cmi5 LMS launched the unit (`launchMode` in `LMS.LaunchData`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchMode {
    /// Counts: everything is reported.
    Normal,
    /// A look without credit: only `initialized` and `terminated`.
    Browse,
    /// A look back: only `initialized` and `terminated`.
    Review,
}

impl LaunchMode {
    /// Reads `launchMode`.
    pub fn parse(text: &str) -> Option<LaunchMode> {
        match text {
            "Normal" => Some(LaunchMode::Normal),
            "Browse" => Some(LaunchMode::Browse),
            "Review" => Some(LaunchMode::Review),
            _ => None,
        }
    }
}

/// What a cmi5 launch gave: from the launch URL and the `LMS.LaunchData` state.
#[derive(Debug, Clone, PartialEq)]
pub struct Cmi5Launch {
    /// `activityId` from the launch URL: the unit's activity.
    pub activity_id: String,
    /// `registration` from the launch URL.
    pub registration: String,
    /// `contextTemplate`: every statement's context starts from it.
    pub context_template: Map<String, Value>,
    /// `launchMode`.
    pub mode: LaunchMode,
    /// `masteryScore` in ten-thousandths, when the LMS set one: it then decides passed.
    pub mastery: Option<u64>,
}

impl Cmi5Launch {
    /// The session id the LMS put in the context template.
    pub fn session_id(&self) -> Option<&str> {
        self.context_template
            .get("extensions")?
            .get(SESSION_EXTENSION)?
            .as_str()
    }
}

/// What a registration already holds (cmi5), kept by the unit in its own state document so
/// a relaunch never sends `completed` or `passed` twice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Standing {
    /// `completed` was sent.
    pub completed: bool,
    /// `passed` was sent.
    pub passed: bool,
}

/// One statement, ready to send: its id, and the whole statement (id included).
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The statement's UUID.
    pub id: String,
    /// The statement.
    pub body: Value,
}

#[derive(Debug, Clone, PartialEq)]
enum Flavor {
    Xapi,
    Cmi5 {
        launch: Cmi5Launch,
        standing: Standing,
        /// Whether this session sent its one `passed` or `failed`.
        verdict_sent: bool,
    },
}

/// The module, as statements name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    /// The module's activity IRI (plain xAPI: `{base}/modules/{id}`; cmi5: the `activityId`).
    pub activity: String,
    /// The module's title.
    pub title: String,
    /// The module's weakest passing outcome.
    pub passing: Outcome,
}

/// Turns a play-through's events into xAPI statements.
#[derive(Debug, Clone, PartialEq)]
pub struct XapiReport {
    actor: Value,
    subject: Subject,
    flavor: Flavor,
    /// When the session began (cmi5: `initialized`), in ms since the epoch.
    started_at: f64,
    /// cmi5's session id, from the LMS (empty for plain xAPI).
    session: String,
}

impl XapiReport {
    /// Plain xAPI for a site's own LRS.
    pub fn xapi(actor: Value, subject: Subject, now: f64) -> XapiReport {
        XapiReport {
            actor,
            subject,
            flavor: Flavor::Xapi,
            started_at: now,
            session: String::new(),
        }
    }

    /// Counts durations from `at` (ms since the epoch) from now on: for plain xAPI, the start
    /// of the attempt being reported.
    pub fn set_started_at(&mut self, at: f64) {
        self.started_at = at;
    }

    /// Names the learner from now on (an embedding page said who it is).
    pub fn set_actor(&mut self, actor: Value) {
        self.actor = actor;
    }

    /// cmi5, for a unit launched with `launch`, whose registration already holds `standing`.
    pub fn cmi5(
        actor: Value,
        subject: Subject,
        launch: Cmi5Launch,
        standing: Standing,
        now: f64,
    ) -> XapiReport {
        let session = launch.session_id().unwrap_or_default().to_owned();
        XapiReport {
            actor,
            subject,
            flavor: Flavor::Cmi5 {
                launch,
                standing,
                verdict_sent: false,
            },
            started_at: now,
            session,
        }
    }

    /// The LMS's session id (cmi5; empty for plain xAPI).
    pub fn session_id(&self) -> &str {
        &self.session
    }

    /// What the registration holds now (cmi5), to keep in the unit's state.
    pub fn standing(&self) -> Standing {
        match &self.flavor {
            Flavor::Cmi5 { standing, .. } => *standing,
            Flavor::Xapi => Standing::default(),
        }
    }

    /// Whether this launch reports decisions and results (cmi5 Browse and Review do not).
    pub fn reports_results(&self) -> bool {
        match &self.flavor {
            Flavor::Cmi5 { launch, .. } => launch.mode == LaunchMode::Normal,
            Flavor::Xapi => true,
        }
    }

    fn duration(&self, now: f64) -> String {
        // Whole ms since the session began, never negative.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let ms = (now - self.started_at).max(0.0).floor() as u64;
        iso_duration(ms)
    }

    fn id(&self, key: &str) -> String {
        match &self.flavor {
            Flavor::Cmi5 { launch, .. } => derived_uuid(&format!(
                "cmi5/{}/{}/{key}",
                launch.registration, self.session
            )),
            // Every plain xAPI key names its attempt, unique across devices.
            Flavor::Xapi => derived_uuid(&format!("xapi/{key}")),
        }
    }

    /// The context: cmi5's template with the registration (adding, never overwriting), or
    /// plain xAPI's registration for the attempt.
    fn context(&self, attempt: &str, categories: &[&str], extra: Map<String, Value>) -> Value {
        let mut context = match &self.flavor {
            Flavor::Cmi5 { launch, .. } => {
                let mut context = launch.context_template.clone();
                context.insert("registration".into(), json!(launch.registration));
                context
            }
            Flavor::Xapi => {
                let mut context = Map::new();
                context.insert(
                    "registration".into(),
                    json!(derived_uuid(&format!("registration/{attempt}"))),
                );
                context.insert("platform".into(), json!("PeerPath"));
                context
            }
        };
        let activities = context
            .entry("contextActivities")
            .or_insert_with(|| json!({}));
        if let Some(activities) = activities.as_object_mut() {
            let mut add = |kind: &str, ids: Vec<String>| {
                let list = activities.entry(kind).or_insert_with(|| json!([]));
                if !list.is_array() {
                    // xAPI allows a single object here; keep it and add to a list.
                    *list = json!([list.take()]);
                }
                if let Some(list) = list.as_array_mut() {
                    for id in ids {
                        list.push(json!({ "id": id, "objectType": "Activity" }));
                    }
                }
            };
            add(
                "category",
                categories.iter().map(|c| (*c).to_owned()).collect(),
            );
            for (kind, ids) in extra {
                if let Some(ids) = ids.as_array() {
                    add(
                        &kind,
                        ids.iter()
                            .filter_map(|id| id.as_str().map(str::to_owned))
                            .collect(),
                    );
                }
            }
            for kind in ["category", "parent", "grouping", "other"] {
                if activities
                    .get(kind)
                    .and_then(Value::as_array)
                    .is_some_and(Vec::is_empty)
                {
                    activities.remove(kind);
                }
            }
        }
        Value::Object(context)
    }

    fn statement(
        &self,
        key: &str,
        verb: &str,
        object: Value,
        result: Option<Value>,
        context: Value,
        now: f64,
    ) -> Statement {
        let id = self.id(key);
        let mut body = json!({
            "id": id,
            "timestamp": iso_timestamp(now),
            "actor": self.actor,
            "verb": { "id": format!("{VERBS}{verb}"), "display": { "en-US": verb } },
            "object": object,
            "context": context,
        });
        if let (Some(result), Some(map)) = (result, body.as_object_mut()) {
            map.insert("result".into(), result);
        }
        Statement { id, body }
    }

    fn module_object(&self) -> Value {
        match &self.flavor {
            Flavor::Cmi5 { .. } => json!({ "id": self.subject.activity, "objectType": "Activity" }),
            Flavor::Xapi => json!({
                "id": self.subject.activity,
                "objectType": "Activity",
                "definition": {
                    "name": { "en-US": self.subject.title },
                    "type": "http://adlnet.gov/expapi/activities/module",
                },
            }),
        }
    }

    fn scene_object(&self, scene: &str, text: Option<String>) -> Value {
        let mut definition = json!({ "type": INTERACTION, "interactionType": "choice" });
        if let (Some(text), Some(map)) = (text, definition.as_object_mut()) {
            map.insert("description".into(), json!({ "en-US": text }));
        }
        json!({
            "id": format!("{}/scenes/{scene}", self.subject.activity),
            "objectType": "Activity",
            "definition": definition,
        })
    }

    /// `initialized`, the first statement of a cmi5 session (none for plain xAPI).
    pub fn initialized(&self, now: f64) -> Vec<Statement> {
        if !matches!(self.flavor, Flavor::Cmi5 { .. }) {
            return Vec::new();
        }
        let context = self.context("", &[CMI5_CATEGORY], Map::new());
        vec![self.statement(
            "initialized",
            "initialized",
            self.module_object(),
            None,
            context,
            now,
        )]
    }

    /// `terminated`, the last statement of a cmi5 session (none for plain xAPI).
    pub fn terminated(&self, now: f64) -> Vec<Statement> {
        if !matches!(self.flavor, Flavor::Cmi5 { .. }) {
            return Vec::new();
        }
        let context = self.context("", &[CMI5_CATEGORY], Map::new());
        let result = json!({ "duration": self.duration(now) });
        vec![self.statement(
            "terminated",
            "terminated",
            self.module_object(),
            Some(result),
            context,
            now,
        )]
    }

    /// The statements for one step of play in attempt `attempt`: its events, each once.
    /// `scene_text` gives a scene's opening words for its description.
    pub fn step(
        &mut self,
        attempt: &str,
        events: &[Event],
        scene_text: impl Fn(&str) -> Option<String>,
        now: f64,
    ) -> Vec<Statement> {
        if !self.reports_results() {
            return Vec::new();
        }
        let cmi5 = matches!(self.flavor, Flavor::Cmi5 { .. });
        let activity = self.subject.activity.clone();
        let parent = || {
            let mut extra = Map::new();
            extra.insert("parent".into(), json!([activity]));
            extra
        };
        let mut statements = Vec::new();
        for event in events {
            match event {
                Event::SceneShown { scene, step } if !cmi5 => {
                    let object = self.scene_object(scene, scene_text(scene));
                    let context = self.context(attempt, &[], parent());
                    statements.push(self.statement(
                        &format!("{attempt}/experienced/{step}"),
                        "experienced",
                        object,
                        None,
                        context,
                        now,
                    ));
                }
                Event::SceneShown { .. } | Event::Restarted => {}
                Event::Decided {
                    step,
                    scene,
                    choice,
                    rating,
                    ..
                } => {
                    let object = self.scene_object(scene, scene_text(scene));
                    let mut extra = parent();
                    extra.insert(
                        "other".into(),
                        json!([format!(
                            "{}/scenes/{scene}/choices/{choice}",
                            self.subject.activity
                        )]),
                    );
                    let context = self.context(attempt, &[], extra);
                    let mut result = json!({ "response": choice });
                    if let (Some(rating), Some(map)) = (rating, result.as_object_mut()) {
                        let good = matches!(rating, Rating::Recommended | Rating::Acceptable);
                        map.insert("success".into(), json!(good));
                    }
                    statements.push(self.statement(
                        &format!("{attempt}/answered/{step}"),
                        "answered",
                        object,
                        Some(result),
                        context,
                        now,
                    ));
                }
                Event::Completed {
                    outcome, ratings, ..
                } => statements.extend(self.completion(attempt, *outcome, ratings, now)),
            }
        }
        statements
    }

    fn completion(
        &mut self,
        attempt: &str,
        outcome: Outcome,
        ratings: &[Option<Rating>],
        now: f64,
    ) -> Vec<Statement> {
        let score = Score::of(ratings);
        let duration = self.duration(now);
        let object = self.module_object();
        let mut statements = Vec::new();
        match &self.flavor {
            Flavor::Xapi => {
                let passed = passes(outcome, self.subject.passing);
                let context = self.context(attempt, &[], Map::new());
                let completed = json!({ "completion": true, "duration": duration });
                statements.push(self.statement(
                    &format!("{attempt}/completed"),
                    "completed",
                    object.clone(),
                    Some(completed),
                    context.clone(),
                    now,
                ));
                let mut result =
                    json!({ "success": passed, "completion": true, "duration": duration });
                if let (Some(score), Some(map)) = (score, result.as_object_mut()) {
                    map.insert(
                        "score".into(),
                        json!({
                            "scaled": f64::from(score.ten_thousandths()) / 10_000.0,
                            "raw": score.good,
                            "min": 0,
                            "max": score.rated,
                        }),
                    );
                }
                let verb = if passed { "passed" } else { "failed" };
                statements.push(self.statement(
                    &format!("{attempt}/{verb}"),
                    verb,
                    object,
                    Some(result),
                    context,
                    now,
                ));
            }
            Flavor::Cmi5 {
                launch,
                standing,
                verdict_sent,
            } => {
                let (mut standing, verdict_sent_now) = (*standing, *verdict_sent);
                let mastery = launch.mastery;
                let passed = match (mastery, score) {
                    (Some(mastery), Some(score)) => u64::from(score.ten_thousandths()) >= mastery,
                    _ => passes(outcome, self.subject.passing),
                };
                let categories = [CMI5_CATEGORY, MOVEON_CATEGORY];
                if !standing.completed {
                    let context = self.context(attempt, &categories, Map::new());
                    let result = json!({ "completion": true, "duration": duration });
                    statements.push(self.statement(
                        "completed",
                        "completed",
                        object.clone(),
                        Some(result),
                        context,
                        now,
                    ));
                    standing.completed = true;
                }
                // One verdict per session; never `passed` twice or `failed` after `passed`.
                let verdict = !verdict_sent_now && !standing.passed;
                if verdict {
                    let mut context = self.context(attempt, &categories, Map::new());
                    if let (Some(mastery), Some(map)) = (mastery, context.as_object_mut()) {
                        let extensions = map.entry("extensions").or_insert_with(|| json!({}));
                        if let Some(extensions) = extensions.as_object_mut() {
                            // In range: mastery is at most 10,000.
                            #[allow(clippy::cast_precision_loss)]
                            extensions
                                .insert(MASTERY_EXTENSION.into(), json!(mastery as f64 / 10_000.0));
                        }
                    }
                    let mut result = json!({ "success": passed, "duration": duration });
                    if let (Some(score), Some(map)) = (score, result.as_object_mut()) {
                        map.insert(
                            "score".into(),
                            json!({ "scaled": f64::from(score.ten_thousandths()) / 10_000.0 }),
                        );
                    }
                    let verb = if passed { "passed" } else { "failed" };
                    statements.push(self.statement(verb, verb, object, Some(result), context, now));
                    standing.passed = passed;
                }
                if let Flavor::Cmi5 {
                    standing: kept,
                    verdict_sent,
                    ..
                } = &mut self.flavor
                {
                    *kept = standing;
                    *verdict_sent |= verdict;
                }
            }
        }
        statements
    }
}
