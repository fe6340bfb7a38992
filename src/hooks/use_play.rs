//! Playing a module: the session in a reducer, restored from storage when the player opens and
//! recorded after every step.

use std::collections::BTreeMap;
use std::rc::Rc;

use peerpath_engine::progress::ModuleProgress;
use peerpath_engine::{Module, Session};
use yew::prelude::*;

use crate::hooks::use_store::use_store;
use crate::storage::{StorageError, Store};

/// A play-through on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayState {
    pub module: Rc<Module>,
    pub session: Session,
    /// How many times the learner started again here; a change begins a new attempt.
    pub restarts: u32,
    /// Something the learner should know about the last step (never expected in practice).
    pub problem: Option<String>,
}

/// What the learner can do.
pub enum PlayAction {
    Choose(String),
    Proceed,
    Restart,
}

impl Reducible for PlayState {
    type Action = PlayAction;

    fn reduce(self: Rc<Self>, action: PlayAction) -> Rc<Self> {
        let mut session = self.session.clone();
        let mut restarts = self.restarts;
        let result = match action {
            PlayAction::Choose(choice) => session.choose(&self.module, &choice),
            PlayAction::Proceed => session.proceed(),
            PlayAction::Restart => Session::start(&self.module).map(|fresh| {
                session = fresh;
                restarts += 1;
            }),
        };
        let problem = result
            .err()
            .map(|error| format!("That step could not be taken: {error}."));
        Rc::new(PlayState {
            module: self.module.clone(),
            session,
            restarts,
            problem,
        })
    }
}

/// The start of a play: the session to show, and anything to tell the learner about it.
struct Opening {
    state: PlayState,
    notes: BTreeMap<String, String>,
    notices: Vec<String>,
    /// False when saving must not happen (progress from a newer PeerPath).
    may_save: bool,
}

/// Resumes the saved session for `module`, or begins with `fresh`.
fn open(module: &Rc<Module>, fresh: &Session, store: &Store) -> Opening {
    let mut notices = Vec::new();
    let mut may_save = true;
    let (saved, notes) = match store.progress(&module.id) {
        Ok(progress) => (
            progress.current.map(|current| current.session),
            progress
                .reflections
                .into_iter()
                .map(|(key, note)| (key, note.text))
                .collect(),
        ),
        Err(error) => {
            may_save = !matches!(error, StorageError::TooNew { .. });
            notices.push(error.to_string());
            (None, BTreeMap::new())
        }
    };
    let restored = saved.and_then(|saved| match Session::restore(module, &saved) {
        Ok(restored) => {
            if let Some(dropped) = restored.dropped {
                notices.push(format!(
                    "This module was updated since you last played. You resume after your first {} decision{}; the rest no longer fit the new version. Your history is kept.",
                    dropped.kept,
                    if dropped.kept == 1 { "" } else { "s" }
                ));
            }
            Some(restored.session)
        }
        Err(error) => {
            notices.push(format!(
                "Your saved place could not be restored ({error}), so this attempt starts from the beginning."
            ));
            None
        }
    });
    Opening {
        state: PlayState {
            module: module.clone(),
            session: restored.unwrap_or_else(|| fresh.clone()),
            restarts: 0,
            problem: None,
        },
        notes,
        notices,
        may_save,
    }
}

/// What the player needs: the state, a way to act on it, and notices for the learner.
pub struct PlayHandle {
    pub state: UseReducerHandle<PlayState>,
    pub notices: Vec<String>,
    /// Reflection notes saved earlier, by key.
    pub notes: BTreeMap<String, String>,
    /// Saves a reflection note (key, text).
    pub on_note: Callback<(String, String)>,
}

/// Opens `module`'s saved session (or `fresh`, a newly started one) and records every step.
#[hook]
pub fn use_play(module: Rc<Module>, fresh: Session) -> PlayHandle {
    let store = use_store();
    let opening = use_memo((), {
        let store = store.clone();
        let module = module.clone();
        move |_| {
            let opening = open(&module, &fresh, &store);
            (
                opening.state,
                opening.notices,
                opening.may_save,
                opening.notes,
            )
        }
    });
    let state = use_reducer({
        let first = opening.0.clone();
        move || first
    });
    let save_problem = use_state(|| None::<String>);
    let recorded_restarts = use_mut_ref(|| 0u32);
    {
        let store = store.clone();
        let save_problem = save_problem.clone();
        let may_save = opening.2;
        let module = state.module.clone();
        let restarts = state.restarts;
        use_effect_with(state.session.clone(), move |session| {
            if may_save {
                let restarted = *recorded_restarts.borrow() != restarts;
                *recorded_restarts.borrow_mut() = restarts;
                let result = store.update(&module.id, |progress| {
                    record(progress, &module, session, restarted)
                });
                let message = result.err().map(|error| error.to_string());
                if *save_problem != message {
                    save_problem.set(message);
                }
            }
        });
    }
    let on_note = {
        let module = state.module.id.clone();
        let save_problem = save_problem.clone();
        let may_save = opening.2;
        Callback::from(move |(key, text): (String, String)| {
            if !may_save {
                return;
            }
            let now = js_sys::Date::now();
            let result = store.update(&module, |progress| {
                progress.set_reflection(&key, &text, now)
            });
            let message = result.err().map(|error| error.to_string());
            if *save_problem != message {
                save_problem.set(message);
            }
        })
    };
    let mut notices = opening.1.clone();
    if !opening.2 {
        notices.push("Progress in this module is not being saved.".into());
    }
    notices.extend((*save_problem).clone());
    PlayHandle {
        state,
        notices,
        notes: opening.3.clone(),
        on_note,
    }
}

/// Records the session in the module's progress; a restart begins a new attempt.
fn record(progress: &mut ModuleProgress, module: &Module, session: &Session, restarted: bool) {
    if restarted {
        progress.clear_current();
    }
    let now = js_sys::Date::now();
    progress.record(module, session, now, &attempt_id(now));
}

/// An attempt id unlikely to clash across devices: the time and a random part.
pub fn attempt_id(now: f64) -> String {
    format!(
        "{:x}-{:x}",
        now as u64,
        (js_sys::Math::random() * 1e12) as u64
    )
}
