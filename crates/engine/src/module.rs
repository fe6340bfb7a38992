//! A checked module: every id resolved, every condition parsed. Only `load` builds one.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::condition::Condition;

/// Who a module is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    PeerWorker,
    Supervisor,
    Team,
}

impl Audience {
    pub fn label(self) -> &'static str {
        match self {
            Audience::PeerWorker => "Peer workers",
            Audience::Supervisor => "Supervisors",
            Audience::Team => "Teams",
        }
    }
}

/// How good a choice is, as the module's authors judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    Recommended,
    Acceptable,
    Risky,
    Harmful,
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Rating::Recommended => "Recommended",
            Rating::Acceptable => "Acceptable",
            Rating::Risky => "Risky",
            Rating::Harmful => "Harmful",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Recommended => "recommended",
            Rating::Acceptable => "acceptable",
            Rating::Risky => "risky",
            Rating::Harmful => "harmful",
        }
    }
}

/// How an ending turned out for the people in it. Ordered from best to hardest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Strong,
    Mixed,
    Difficult,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Strong => "Strong outcome",
            Outcome::Mixed => "Mixed outcome",
            Outcome::Difficult => "Difficult outcome",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Strong => "strong",
            Outcome::Mixed => "mixed",
            Outcome::Difficult => "difficult",
        }
    }
}

/// A loaded, checked module, ready to play.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub audience: Vec<Audience>,
    pub minutes: u32,
    pub content_note: String,
    pub objectives: Vec<String>,
    pub sources: Vec<Source>,
    pub meters: Vec<Meter>,
    pub flags: Vec<Flag>,
    pub scenes: Vec<Scene>,
    pub endings: Vec<Ending>,
    pub start: Target,
    pub(crate) targets: HashMap<String, Target>,
}

impl Module {
    /// The scene or ending with this id.
    pub fn target(&self, id: &str) -> Option<Target> {
        self.targets.get(id).copied()
    }

    pub fn scene(&self, id: &str) -> Option<&Scene> {
        match self.target(id)? {
            Target::Scene(index) => self.scenes.get(index),
            Target::Ending(_) => None,
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// The id of a scene or ending.
    pub fn target_id(&self, target: Target) -> &str {
        match target {
            Target::Scene(index) => &self.scenes[index].id,
            Target::Ending(index) => &self.endings[index].id,
        }
    }
}

/// Where a `goto` leads: a scene or an ending, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Scene(usize),
    Ending(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// A whole-number measure of the situation that stays within its bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meter {
    pub id: String,
    pub label: String,
    pub min: i64,
    pub max: i64,
    pub start: i64,
    pub visible: bool,
}

/// Something that did or did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub id: String,
    pub label: String,
    pub start: bool,
    pub visible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scene {
    pub id: String,
    pub speaker: Option<String>,
    pub text: String,
    pub image: Option<Image>,
    pub facilitator_notes: Option<String>,
    pub discussion: Option<String>,
    pub step: Step,
}

impl Scene {
    /// The learner's options, or none for a routing scene.
    pub fn choices(&self) -> &[Choice] {
        match &self.step {
            Step::Decide(choices) => choices,
            Step::Route(_) => &[],
        }
    }

    pub fn is_decision(&self) -> bool {
        matches!(self.step, Step::Decide(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

/// What happens after a scene: the learner decides, or the story routes on state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Decide(Vec<Choice>),
    Route(Vec<Route>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub condition: Option<Condition>,
    /// When set, the choice is shown disabled with this reason while its condition is false.
    pub unavailable: Option<String>,
    pub effects: Vec<Effect>,
    pub target: Target,
    pub feedback: Option<String>,
    pub rating: Option<Rating>,
    pub competencies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub condition: Option<Condition>,
    pub target: Target,
}

/// A change to the session's state, applied when a choice is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Move meter number `meter` by `delta`, staying within its bounds.
    Add { meter: usize, delta: i64 },
    /// Set flag number `flag`.
    Set { flag: usize, value: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    pub id: String,
    pub title: String,
    pub outcome: Outcome,
    pub text: String,
    pub takeaways: Vec<String>,
    pub reflection: Vec<String>,
    pub references: Vec<String>,
    pub facilitator_notes: Option<String>,
    pub discussion: Option<String>,
}
