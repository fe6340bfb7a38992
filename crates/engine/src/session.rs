//! Playing a module: the session's state, what the learner sees now, and what they can do.

use std::fmt;

use crate::event::Event;
use crate::module::{Choice, Effect, Ending, Module, Scene, Step, Target};

/// One decision the learner made, by index into the module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decision {
    /// The scene's place in the module's scenes.
    pub scene: usize,
    /// The choice's place among that scene's choices.
    pub choice: usize,
}

/// Where the learner is in the loop of deciding and reading feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Looking at a scene (or an ending) and its choices.
    Deciding,
    /// Reading the feedback on the decision just made; `proceed` moves on.
    Reviewing,
}

/// A play-through of one module. Deterministic: the same choices always give the same
/// session. It holds indices into the module it was started with, so always pass that module.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Session {
    pub(crate) module_id: String,
    pub(crate) at: Target,
    pub(crate) meters: Vec<i64>,
    pub(crate) flags: Vec<bool>,
    pub(crate) path: Vec<Decision>,
    pub(crate) phase: Phase,
}

/// Why a request to the session was refused. Always a bug in the caller (an app that offered
/// something the engine did not), or a module that changed under a running session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayError {
    /// The session was started with another module.
    WrongModule {
        /// The id of the module the session was started with.
        expected: String,
        /// The id of the module it was given.
        found: String,
    },
    /// No choice with this id in the current scene.
    UnknownChoice {
        /// The id of the scene the session is at.
        scene: String,
        /// The choice id asked for.
        choice: String,
    },
    /// The choice exists but its condition does not hold.
    Unavailable {
        /// The id of the scene the session is at.
        scene: String,
        /// The id of the choice whose condition is false.
        choice: String,
    },
    /// A choice was made while feedback was showing, or after the ending.
    NotDeciding,
    /// `proceed` was called while no feedback was showing.
    NothingToProceed,
    /// Routing went round in circles. The checker rejects such modules; kept as a guard.
    RoutingLoop {
        /// The id of the scene where routing gave up.
        scene: String,
    },
    /// The session stands at a scene or ending this module does not have. A checked module
    /// and a restored save never get here; kept as a guard rather than a panic.
    UnknownPosition {
        /// Where the session thinks it is.
        position: Target,
    },
}

impl fmt::Display for PlayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlayError::WrongModule { expected, found } => {
                write!(
                    f,
                    "this session belongs to module `{expected}`, not `{found}`"
                )
            }
            PlayError::UnknownChoice { scene, choice } => {
                write!(f, "scene `{scene}` has no choice `{choice}`")
            }
            PlayError::Unavailable { scene, choice } => {
                write!(
                    f,
                    "choice `{choice}` in scene `{scene}` is not available now"
                )
            }
            PlayError::NotDeciding => f.write_str("there is no decision to make right now"),
            PlayError::NothingToProceed => f.write_str("there is no feedback to move on from"),
            PlayError::RoutingLoop { scene } => {
                write!(f, "routing from scene `{scene}` goes round in circles")
            }
            PlayError::UnknownPosition { position } => {
                write!(
                    f,
                    "the session is at {position:?}, which this module does not have"
                )
            }
        }
    }
}

impl std::error::Error for PlayError {}

/// What the learner sees now.
#[derive(Debug, Clone, PartialEq)]
pub enum View<'m> {
    /// A scene with its choices.
    Decision {
        /// The scene being played.
        scene: &'m Scene,
        /// The visible meters as they stand.
        meters: Vec<MeterReading<'m>>,
        /// The choices offered, including disabled ones that give a reason.
        choices: Vec<ChoiceView<'m>>,
    },
    /// Feedback on the decision just made.
    Feedback {
        /// The scene the decision was made in.
        scene: &'m Scene,
        /// The choice made, whose feedback is shown.
        choice: &'m Choice,
        /// The visible meters after the choice's effects.
        meters: Vec<MeterReading<'m>>,
        /// Whether moving on reaches an ending.
        ends: bool,
    },
    /// The story is over.
    Ending {
        /// The ending reached, with its debrief.
        ending: &'m Ending,
        /// The visible meters as the story ended.
        meters: Vec<MeterReading<'m>>,
    },
}

/// A visible meter's current value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeterReading<'m> {
    /// The meter's id in the module.
    pub id: &'m str,
    /// What the learner sees beside the bar.
    pub label: &'m str,
    /// Where the meter stands now.
    pub value: i64,
    /// The meter's lowest value, the empty end of the bar.
    pub min: i64,
    /// The meter's highest value, the full end of the bar.
    pub max: i64,
}

/// A choice as offered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceView<'m> {
    /// The id to pass to [`Session::choose`].
    pub id: &'m str,
    /// What the learner reads on the button.
    pub label: &'m str,
    /// `None` when the learner can take it; otherwise the reason it is shown disabled.
    pub unavailable: Option<&'m str>,
}

impl Session {
    /// Starts a play-through at the module's `start`, following any routing scenes. The first
    /// [`crate::Player::start`] also reports the first scene shown.
    pub fn start(module: &Module) -> Result<Session, PlayError> {
        let mut session = Session {
            module_id: module.id.clone(),
            at: module.start,
            meters: module.meters.iter().map(|m| m.start).collect(),
            flags: module.flags.iter().map(|f| f.start).collect(),
            path: Vec::new(),
            phase: Phase::Deciding,
        };
        session.at = session.follow_routes(module, module.start)?;
        Ok(session)
    }

    /// The id of the module this session plays.
    pub fn module_id(&self) -> &str {
        &self.module_id
    }

    /// Whether the learner is deciding or reading feedback.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The decisions made so far, in order.
    pub fn path(&self) -> &[Decision] {
        &self.path
    }

    /// The current scene or ending.
    pub fn position(&self) -> Target {
        self.at
    }

    /// Whether the session has reached an ending (feedback on the last decision read or not).
    pub fn is_over(&self) -> bool {
        matches!(self.at, Target::Ending(_))
    }

    /// The ending reached, once feedback on the last decision has been read.
    pub fn ending<'m>(&self, module: &'m Module) -> Option<&'m Ending> {
        match (self.at, self.phase) {
            (Target::Ending(index), Phase::Deciding) => module.endings.get(index),
            _ => None,
        }
    }

    /// The current value of a meter, by id.
    pub fn meter(&self, module: &Module, id: &str) -> Option<i64> {
        let index = module.meters.iter().position(|m| m.id == id)?;
        self.meters.get(index).copied()
    }

    /// The current value of a flag, by id.
    pub fn flag(&self, module: &Module, id: &str) -> Option<bool> {
        let index = module.flags.iter().position(|f| f.id == id)?;
        self.flags.get(index).copied()
    }

    /// Every decision made, with the scene and choice it was.
    pub fn decisions<'m>(&self, module: &'m Module) -> Vec<(&'m Scene, &'m Choice)> {
        self.path
            .iter()
            .filter_map(|d| {
                let scene = module.scenes.get(d.scene)?;
                Some((scene, scene.choices().get(d.choice)?))
            })
            .collect()
    }

    fn readings<'m>(&self, module: &'m Module) -> Vec<MeterReading<'m>> {
        module
            .meters
            .iter()
            .zip(&self.meters)
            .filter(|(meter, _)| meter.visible)
            .map(|(meter, value)| MeterReading {
                id: &meter.id,
                label: &meter.label,
                value: *value,
                min: meter.min,
                max: meter.max,
            })
            .collect()
    }

    /// What the learner sees now.
    pub fn view<'m>(&self, module: &'m Module) -> Result<View<'m>, PlayError> {
        self.check_module(module)?;
        let meters = self.readings(module);
        if self.phase == Phase::Reviewing {
            let (scene, choice) = self
                .decisions(module)
                .pop()
                .ok_or(PlayError::NothingToProceed)?;
            return Ok(View::Feedback {
                scene,
                choice,
                meters,
                ends: self.is_over(),
            });
        }
        let lost = PlayError::UnknownPosition { position: self.at };
        match self.at {
            Target::Ending(index) => Ok(View::Ending {
                ending: module.endings.get(index).ok_or(lost)?,
                meters,
            }),
            Target::Scene(index) => {
                let scene = module.scenes.get(index).ok_or(lost)?;
                let choices = scene
                    .choices()
                    .iter()
                    .filter_map(|choice| {
                        let available = self.is_available(choice);
                        match (available, &choice.unavailable) {
                            (true, _) => Some(ChoiceView {
                                id: &choice.id,
                                label: &choice.label,
                                unavailable: None,
                            }),
                            (false, Some(reason)) => Some(ChoiceView {
                                id: &choice.id,
                                label: &choice.label,
                                unavailable: Some(reason),
                            }),
                            (false, None) => None,
                        }
                    })
                    .collect();
                Ok(View::Decision {
                    scene,
                    meters,
                    choices,
                })
            }
        }
    }

    pub(crate) fn is_available(&self, choice: &Choice) -> bool {
        choice
            .condition
            .as_ref()
            .is_none_or(|condition| condition.holds(&self.meters, &self.flags))
    }

    fn check_module(&self, module: &Module) -> Result<(), PlayError> {
        if module.id == self.module_id {
            Ok(())
        } else {
            Err(PlayError::WrongModule {
                expected: self.module_id.clone(),
                found: module.id.clone(),
            })
        }
    }

    /// Makes the choice with this id in the current scene: applies its effects, records it,
    /// and moves on (through routing scenes) to the next decision or ending. The session then
    /// shows the choice's feedback until [`Session::proceed`]. Returns the decision made.
    pub fn choose(&mut self, module: &Module, choice_id: &str) -> Result<Vec<Event>, PlayError> {
        self.check_module(module)?;
        let (Phase::Deciding, Target::Scene(scene_index)) = (self.phase, self.at) else {
            return Err(PlayError::NotDeciding);
        };
        let Some(scene) = module.scenes.get(scene_index) else {
            return Err(PlayError::UnknownPosition { position: self.at });
        };
        let Some((choice_index, choice)) = scene
            .choices()
            .iter()
            .enumerate()
            .find(|(_, choice)| choice.id == choice_id)
        else {
            return Err(PlayError::UnknownChoice {
                scene: scene.id.clone(),
                choice: choice_id.to_owned(),
            });
        };
        if !self.is_available(choice) {
            return Err(PlayError::Unavailable {
                scene: scene.id.clone(),
                choice: choice_id.to_owned(),
            });
        }
        let next = self.clone().apply(module, choice)?;
        *self = next;
        self.path.push(Decision {
            scene: scene_index,
            choice: choice_index,
        });
        self.phase = Phase::Reviewing;
        Ok(vec![Event::Decided {
            step: self.path.len(),
            scene: scene.id.clone(),
            choice: choice.id.clone(),
            rating: choice.rating,
            competencies: choice.competencies.clone(),
        }])
    }

    /// Applies a choice to a copy, so that a failure leaves the session untouched.
    fn apply(mut self, module: &Module, choice: &Choice) -> Result<Session, PlayError> {
        for effect in &choice.effects {
            match *effect {
                Effect::Add { meter, delta } => {
                    if let (Some(value), Some(bounds)) =
                        (self.meters.get_mut(meter), module.meters.get(meter))
                    {
                        *value = value.saturating_add(delta).clamp(bounds.min, bounds.max);
                    }
                }
                Effect::Set { flag, value } => {
                    if let Some(slot) = self.flags.get_mut(flag) {
                        *slot = value;
                    }
                }
            }
        }
        self.at = self.follow_routes(module, choice.target)?;
        Ok(self)
    }

    /// Moves on from feedback to the next scene or the ending. Returns the scene shown, or the
    /// completion when this reaches the ending.
    pub fn proceed(&mut self, module: &Module) -> Result<Vec<Event>, PlayError> {
        self.check_module(module)?;
        if self.phase != Phase::Reviewing {
            return Err(PlayError::NothingToProceed);
        }
        self.phase = Phase::Deciding;
        Ok(self.arrived(module))
    }

    /// What arriving where the session now stands means: a decision scene shown, or the
    /// module completed. Called once by whatever moved the session here; never on a restore.
    pub(crate) fn arrived(&self, module: &Module) -> Vec<Event> {
        if let Some(ending) = self.ending(module) {
            return vec![Event::Completed {
                ending: ending.id.clone(),
                outcome: ending.outcome,
                ratings: self
                    .decisions(module)
                    .iter()
                    .map(|(_, choice)| choice.rating)
                    .collect(),
            }];
        }
        match (self.phase, self.at) {
            (Phase::Deciding, Target::Scene(index)) => module
                .scenes
                .get(index)
                .map(|scene| Event::SceneShown {
                    scene: scene.id.clone(),
                    step: self.path.len() + 1,
                })
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    fn follow_routes(&self, module: &Module, target: Target) -> Result<Target, PlayError> {
        self.follow_routes_noting(module, target, &mut |_| {})
    }

    /// [`Session::follow_routes`], telling `note` every scene or ending it passes through,
    /// `target` and the last one included (the scenario map draws the way taken).
    pub(crate) fn follow_routes_noting(
        &self,
        module: &Module,
        mut target: Target,
        note: &mut dyn FnMut(Target),
    ) -> Result<Target, PlayError> {
        // A checked module has no routing loops, so one hop per scene is plenty.
        for _ in 0..=module.scenes.len() {
            note(target);
            let Target::Scene(index) = target else {
                return Ok(target);
            };
            let Some(scene) = module.scenes.get(index) else {
                return Err(PlayError::UnknownPosition { position: target });
            };
            let Step::Route(routes) = &scene.step else {
                return Ok(target);
            };
            let Some(route) = routes.iter().find(|route| {
                route
                    .condition
                    .as_ref()
                    .is_none_or(|c| c.holds(&self.meters, &self.flags))
            }) else {
                return Err(PlayError::RoutingLoop {
                    scene: scene.id.clone(),
                });
            };
            target = route.target;
        }
        Err(PlayError::RoutingLoop {
            scene: module.target_id(target).to_owned(),
        })
    }
}
