//! A checked module: every id resolved, every condition parsed. Only `load` builds one.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::condition::Condition;
use crate::markdown::Prose;

/// Lowercase letters, digits and hyphens, starting with a letter: safe in links and saves.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Who a module is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Peer support workers themselves (`peer-worker`).
    PeerWorker,
    /// People who supervise peer workers (`supervisor`).
    Supervisor,
    /// A whole team, played together (`team`).
    Team,
}

impl Audience {
    /// The plural heading the catalog shows for this audience.
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
    /// The choice the authors would make.
    Recommended,
    /// Reasonable, though not the best.
    Acceptable,
    /// Likely to make things worse.
    Risky,
    /// Does damage to the person or the relationship.
    Harmful,
}

impl Rating {
    /// The rating as the learner reads it, capitalised.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Recommended => "Recommended",
            Rating::Acceptable => "Acceptable",
            Rating::Risky => "Risky",
            Rating::Harmful => "Harmful",
        }
    }

    /// The rating as a module file spells it (`recommended`), for saves and reports.
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
    /// Things went well for everyone.
    Strong,
    /// Some things went well, some did not.
    Mixed,
    /// The situation went badly or the chance to help was lost.
    Difficult,
}

impl Outcome {
    /// The outcome as the ending's badge reads it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Strong => "Strong outcome",
            Outcome::Mixed => "Mixed outcome",
            Outcome::Difficult => "Difficult outcome",
        }
    }

    /// The outcome as a module file spells it (`strong`), for saves and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Strong => "strong",
            Outcome::Mixed => "mixed",
            Outcome::Difficult => "difficult",
        }
    }
}

/// A loaded, checked module, ready to play.
///
/// It serializes to the compiled form (see [`crate::compiled`]); deserializing checks every
/// index and id again, so compiled data that does not describe a playable module is refused
/// rather than played.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "crate::compiled::Unchecked")]
pub struct Module {
    /// Names the module in links and saved progress; renaming it orphans that progress.
    pub id: String,
    /// The module's name, as the catalog and the player show it.
    pub title: String,
    /// The subject area the catalog groups the module under (e.g. "De-escalation").
    pub topic: String,
    /// Who the module is written for.
    pub audience: Vec<Audience>,
    /// About how long one play-through takes.
    pub minutes: u32,
    /// The weakest ending outcome that counts as passed when a learning platform asks
    /// (`passing` in the file; mixed unless the module says otherwise).
    pub passing: Outcome,
    /// What may be hard to read, shown before the module starts.
    pub content_note: Prose,
    /// Learning objectives, one short sentence each.
    pub objectives: Vec<Prose>,
    /// The material the module rests on, cited by endings.
    pub sources: Vec<Source>,
    /// Numeric state the choices move, in file order; effects and conditions index into it.
    pub meters: Vec<Meter>,
    /// True-or-false state the choices set, in file order; effects and conditions index into it.
    pub flags: Vec<Flag>,
    /// Every scene, in file order; a [`Target::Scene`] indexes into it.
    pub scenes: Vec<Scene>,
    /// Every ending, in file order; a [`Target::Ending`] indexes into it.
    pub endings: Vec<Ending>,
    /// Where play begins.
    pub start: Target,
    #[serde(skip)]
    pub(crate) targets: HashMap<String, Target>,
}

impl Module {
    /// The scene or ending with this id.
    pub fn target(&self, id: &str) -> Option<Target> {
        self.targets.get(id).copied()
    }

    /// The scene with this id, or `None` if the id names an ending or nothing.
    pub fn scene(&self, id: &str) -> Option<&Scene> {
        match self.target(id)? {
            Target::Scene(index) => self.scenes.get(index),
            Target::Ending(_) => None,
        }
    }

    /// The source an ending cites by this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// The id of a scene or ending.
    ///
    /// Every target in a loaded module comes from the checker and is in range; one from
    /// elsewhere that is not gets an empty id rather than a panic.
    pub fn target_id(&self, target: Target) -> &str {
        match target {
            Target::Scene(index) => self.scenes.get(index).map_or("", |scene| &scene.id),
            Target::Ending(index) => self.endings.get(index).map_or("", |ending| &ending.id),
        }
    }
}

/// Where a `goto` leads: a scene or an ending, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// A scene, by its place in [`Module::scenes`].
    Scene(usize),
    /// An ending, by its place in [`Module::endings`].
    Ending(usize),
}

/// A piece of material the module rests on (guidance, a study), cited by endings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// How endings' `references` name this source.
    pub id: String,
    /// The source's title, as listed in the debrief.
    pub title: String,
    /// Where to read it, if it is online.
    pub url: Option<String>,
    /// Why it matters or which part to read.
    pub note: Option<String>,
}

/// A whole-number measure of the situation that stays within its bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meter {
    /// How conditions and effects name the meter (e.g. `trust`).
    pub id: String,
    /// What the learner sees beside the bar.
    pub label: String,
    /// The lowest value; effects stop here.
    pub min: i64,
    /// The highest value; effects stop here.
    pub max: i64,
    /// The value when play begins.
    pub start: i64,
    /// Whether the learner sees it as a bar; hidden meters still steer the story.
    pub visible: bool,
}

/// Something that did or did not happen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// How conditions and effects name the flag (e.g. `police-arrived`).
    pub id: String,
    /// What the learner sees when the flag is shown.
    pub label: String,
    /// Whether it is already true when play begins.
    pub start: bool,
    /// Whether the learner sees it; hidden flags still steer the story.
    pub visible: bool,
}

/// One moment of the story: what happens, then a decision or a route onward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scene {
    /// Unique among scenes and endings; `goto`s and saved progress use it.
    pub id: String,
    /// Who is speaking, or whose view this is.
    pub speaker: Option<String>,
    /// What happens; may be empty in a routing scene.
    pub text: Prose,
    /// A picture shown with the scene.
    pub image: Option<Image>,
    /// Notes for a trainer running the scene with a group.
    pub facilitator_notes: Option<Prose>,
    /// A question for the group to discuss.
    pub discussion: Option<Prose>,
    /// What comes after the scene: the learner's choices or the story's routes.
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

    /// Whether the learner chooses here, rather than the story routing on state.
    pub fn is_decision(&self) -> bool {
        matches!(self.step, Step::Decide(_))
    }
}

/// A picture shown with a scene.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// A relative path inside the site; the checker refuses anything that leaves it.
    pub src: String,
    /// What the picture shows, for people who cannot see it.
    pub alt: String,
}

/// What happens after a scene: the learner decides, or the story routes on state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// A decision scene: the learner picks one of these choices.
    Decide(Vec<Choice>),
    /// A routing scene: the first route whose condition holds is taken.
    Route(Vec<Route>),
}

/// One option the learner may pick in a decision scene.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Unique within its scene; saved progress records it.
    pub id: String,
    /// What the learner reads on the button.
    pub label: String,
    /// When set, the choice is offered only while this holds.
    pub condition: Option<Condition>,
    /// When set, the choice is shown disabled with this reason while its condition is false.
    pub unavailable: Option<String>,
    /// Changes to meters and flags, applied in order when the choice is made.
    pub effects: Vec<Effect>,
    /// The scene or ending the choice leads to.
    pub target: Target,
    /// Why this choice helps or harms, shown after it is made.
    pub feedback: Option<Prose>,
    /// How good the authors judge the choice to be.
    pub rating: Option<Rating>,
    /// Skills the choice practises (e.g. "calm presence"), for the debrief.
    pub competencies: Vec<String>,
}

/// One conditional jump out of a routing scene.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// When this holds (or is absent), the route is taken; the last route has none.
    pub condition: Option<Condition>,
    /// The scene or ending the route leads to.
    pub target: Target,
}

/// A change to the session's state, applied when a choice is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Move meter number `meter` by `delta`, staying within its bounds.
    Add {
        /// The meter's place in [`Module::meters`].
        meter: usize,
        /// How far to move it; negative moves it down.
        delta: i64,
    },
    /// Set flag number `flag`.
    Set {
        /// The flag's place in [`Module::flags`].
        flag: usize,
        /// What the flag becomes.
        value: bool,
    },
}

/// Where a play-through stops, with its debrief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    /// Unique among scenes and endings; `goto`s and saved progress use it.
    pub id: String,
    /// The ending's heading.
    pub title: String,
    /// How things turned out, which progress records.
    pub outcome: Outcome,
    /// What happened.
    pub text: Prose,
    /// The debrief's key points.
    pub takeaways: Vec<Prose>,
    /// Prompts for the learner to reflect on.
    pub reflection: Vec<Prose>,
    /// Ids of the module's sources the debrief cites.
    pub references: Vec<String>,
    /// Notes for a trainer running the debrief with a group.
    pub facilitator_notes: Option<Prose>,
    /// A question for the group to discuss.
    pub discussion: Option<Prose>,
}
