//! Playing a module: the engine's player in a reducer. Each step's events go, once, to the
//! progress store and to whoever listens (an embedding page).

use std::collections::BTreeMap;
use std::rc::Rc;

use peerpath_engine::save::SavedSession;
use peerpath_engine::{Event, Module, Player, ProgressAction, ProgressBook};
use yew::prelude::*;

use crate::hooks::use_progress::use_progress;
use crate::i18n::use_lang;

/// One step of play, waiting to be recorded and reported.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayStep {
    /// The attempt it belongs to.
    pub attempt: String,
    /// Whether that attempt is played in assessment mode.
    pub assessment: bool,
    /// The session after the step.
    pub session: SavedSession,
    /// What the step caused, as the engine reported it.
    pub events: Vec<Event>,
}

/// A step's news, for whoever reports it beyond the progress store (an embedding page, an
/// LMS): the events this device had not recorded yet, and where the attempt now stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Reported {
    /// The attempt the step belongs to.
    pub attempt: String,
    /// Whether the attempt is played in assessment mode.
    pub assessment: bool,
    /// The session after the step.
    pub session: SavedSession,
    /// The step's events that are news, each reported once.
    pub events: Vec<Event>,
}

/// A play-through on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayState {
    pub player: Player,
    /// The attempt's id: kept across page loads, new after Play again.
    pub attempt: String,
    /// Assessment mode: each decision moves straight on, and feedback, ratings and meters
    /// wait for the debrief.
    pub assessment: bool,
    /// Every step taken since the player opened, in order; the hook delivers each once.
    pub steps: Vec<PlayStep>,
    /// Why the last step could not be taken, in the engine's words (never expected in
    /// practice); the page says it in the learner's language.
    pub problem: Option<String>,
}

/// What the learner can do.
pub enum PlayAction {
    Choose(String),
    Proceed,
    /// Play again, as a new attempt with this id.
    Restart {
        attempt: String,
        /// Whether the new attempt is played in assessment mode.
        assessment: bool,
    },
    /// Another tab moved this attempt further on: show where it is now. Nothing happened
    /// here, so there are no events.
    CatchUp(SavedSession),
}

impl Reducible for PlayState {
    type Action = PlayAction;

    fn reduce(self: Rc<Self>, action: PlayAction) -> Rc<Self> {
        let mut next = (*self).clone();
        let result = match action {
            // In assessment mode the feedback is not shown now: the choice and the move on
            // are one step.
            PlayAction::Choose(choice) if next.assessment => {
                next.player.choose(&choice).and_then(|mut events| {
                    events.extend(next.player.proceed()?);
                    Ok(events)
                })
            }
            PlayAction::Choose(choice) => next.player.choose(&choice),
            PlayAction::Proceed => next.player.proceed(),
            PlayAction::Restart {
                attempt,
                assessment,
            } => next.player.restart().inspect(|_| {
                next.attempt = attempt;
                next.assessment = assessment;
            }),
            PlayAction::CatchUp(saved) => {
                if let Ok((player, None)) = Player::resume(next.player.module().clone(), &saved) {
                    next.player = player;
                }
                return Rc::new(next);
            }
        };
        match result {
            Ok(events) => {
                next.steps.push(PlayStep {
                    attempt: next.attempt.clone(),
                    assessment: next.assessment,
                    session: next.player.save(),
                    events,
                });
                next.problem = None;
            }
            Err(error) => next.problem = Some(error.to_string()),
        }
        Rc::new(next)
    }
}

/// What the learner is told about how the play opened; in words once the language is known.
#[derive(Debug, Clone, PartialEq)]
enum Opening {
    /// The module changed since: the attempt resumes after its first `kept` decisions.
    Updated { kept: usize },
    /// The saved place could not be restored, for this reason (the engine's).
    NotRestored(String),
}

/// The start of a play: the saved attempt resumed, or else `fresh` (a newly started player
/// and the events of its start) as a new attempt.
fn open(
    module: &Rc<Module>,
    book: &ProgressBook,
    fresh: &Fresh,
    fresh_id: String,
) -> (PlayState, Vec<Opening>) {
    let mut notices = Vec::new();
    let current = book
        .progress(&module.id)
        .and_then(|progress| progress.current.clone());
    let assessment = book
        .progress(&module.id)
        .is_some_and(|progress| progress.assessment());
    if let Some(current) = current {
        match Player::resume(module.clone(), &current.session) {
            Ok((player, dropped)) => {
                if let Some(dropped) = dropped {
                    notices.push(Opening::Updated { kept: dropped.kept });
                }
                let state = PlayState {
                    player,
                    assessment: current.assessment,
                    attempt: current.id,
                    steps: Vec::new(),
                    problem: None,
                };
                return (state, notices);
            }
            Err(error) => notices.push(Opening::NotRestored(error.to_string())),
        }
    }
    let state = PlayState {
        steps: vec![PlayStep {
            attempt: fresh_id.clone(),
            assessment,
            session: fresh.player.save(),
            events: fresh.events.clone(),
        }],
        player: fresh.player.clone(),
        attempt: fresh_id,
        assessment,
        problem: None,
    };
    (state, notices)
}

/// A newly started player and the events its start reported, used when nothing is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Fresh {
    pub player: Player,
    pub events: Vec<Event>,
}

/// What the player needs: the state, a way to act on it, and notices for the learner.
pub struct PlayHandle {
    pub state: UseReducerHandle<PlayState>,
    pub notices: Vec<String>,
    /// Reflection notes as saved now, by key.
    pub notes: BTreeMap<String, String>,
    /// Saves a reflection note (key, text).
    pub on_note: Callback<(String, String)>,
    /// How the learner wants to play this module now (for Play again).
    pub assessment_preference: bool,
}

/// Opens `module`'s saved attempt (or begins one) and delivers each step's events once: to
/// the progress store, and the ones that are news to it, with the session, to `on_step`.
#[hook]
pub fn use_play(module: Rc<Module>, fresh: Fresh, on_step: Callback<Reported>) -> PlayHandle {
    let s = use_lang().learner();
    let progress = use_progress();
    let opening = use_memo((), {
        let book = progress.book().clone();
        let module = module.clone();
        move |_| open(&module, &book, &fresh, attempt_id(js_sys::Date::now()))
    });
    let state = use_reducer({
        let first = opening.0.clone();
        move || first
    });
    let delivered = use_mut_ref(|| 0usize);
    {
        let progress = progress.clone();
        let module = module.id.clone();
        let steps = state.steps.clone();
        use_effect_with(state.steps.len(), move |_| {
            let start = *delivered.borrow();
            for step in steps.iter().skip(start) {
                let news = progress.book().news(&module, &step.attempt, &step.events);
                progress.dispatch(ProgressAction::Record {
                    module: module.clone(),
                    attempt: step.attempt.clone(),
                    session: step.session.clone(),
                    events: step.events.clone(),
                    now: js_sys::Date::now(),
                });
                on_step.emit(Reported {
                    attempt: step.attempt.clone(),
                    assessment: step.assessment,
                    session: step.session.clone(),
                    events: news,
                });
            }
            *delivered.borrow_mut() = steps.len();
        });
    }
    // Another tab playing the same attempt further on: follow it, so the learner never
    // decides a step twice.
    {
        let state = state.clone();
        let stored = progress
            .book()
            .progress(&module.id)
            .and_then(|p| p.current.clone());
        use_effect_with(stored, move |stored| {
            if let Some(stored) = stored {
                let mine = state.player.save();
                if stored.id == state.attempt && is_ahead(&stored.session, &mine) {
                    state.dispatch(PlayAction::CatchUp(stored.session.clone()));
                }
            }
        });
    }
    let may_save = progress.book().may_save(&module.id);
    let on_note = {
        let module = module.id.clone();
        let progress = progress.clone();
        Callback::from(move |(key, text): (String, String)| {
            progress.dispatch(ProgressAction::Reflect {
                module: module.clone(),
                key,
                text,
                now: js_sys::Date::now(),
            });
        })
    };
    let notes = progress
        .book()
        .progress(&module.id)
        .map(|p| {
            p.reflections
                .iter()
                .map(|(key, note)| (key.clone(), note.text.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut notices: Vec<String> = opening
        .1
        .iter()
        .map(|notice| match notice {
            Opening::Updated { kept } => (s.module_updated)(*kept),
            Opening::NotRestored(error) => (s.not_restored)(error),
        })
        .collect();
    if !may_save {
        notices.push(s.newer_version_play.into());
    }
    let assessment_preference = progress
        .book()
        .progress(&module.id)
        .is_some_and(|p| p.assessment());
    PlayHandle {
        state,
        notices,
        notes,
        on_note,
        assessment_preference,
    }
}

/// Whether `theirs` is further on than `mine` in the same attempt: more decisions, or the
/// same ones with the feedback on the last already read.
fn is_ahead(theirs: &SavedSession, mine: &SavedSession) -> bool {
    let (t, m) = (theirs.decisions.len(), mine.decisions.len());
    t > m || (t == m && mine.reviewing && !theirs.reviewing && theirs.decisions == mine.decisions)
}

/// An attempt id unlikely to clash across devices: the time and a random part.
pub fn attempt_id(now: f64) -> String {
    // Both parts are whole, non-negative and below 2^53 here, so they convert exactly.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (time, random) = (
        now.max(0.0).floor() as u64,
        (js_sys::Math::random() * 1e12).floor() as u64,
    );
    format!("{time:x}-{random:x}")
}
