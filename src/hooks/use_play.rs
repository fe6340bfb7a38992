//! Playing a module: the session in a reducer, restored from storage when the player opens and
//! saved after every step.

use std::rc::Rc;

use peerpath_engine::{Module, Session};
use yew::prelude::*;

use crate::hooks::use_store::use_store;
use crate::storage::{Progress, StorageError, Store};

/// A play-through on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayState {
    pub module: Rc<Module>,
    pub session: Session,
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
        let result = match action {
            PlayAction::Choose(choice) => session.choose(&self.module, &choice),
            PlayAction::Proceed => session.proceed(),
            PlayAction::Restart => Session::start(&self.module).map(|fresh| session = fresh),
        };
        let problem = result
            .err()
            .map(|error| format!("That step could not be taken: {error}."));
        Rc::new(PlayState {
            module: self.module.clone(),
            session,
            problem,
        })
    }
}

/// The start of a play: the session to show, and anything to tell the learner about it.
struct Opening {
    state: PlayState,
    notices: Vec<String>,
    /// False when saving must not happen (progress from a newer PeerPath).
    may_save: bool,
}

/// Resumes the saved session for `module`, or begins with `fresh`.
fn open(module: &Rc<Module>, fresh: &Session, store: &Store) -> Opening {
    let mut notices = Vec::new();
    let mut may_save = true;
    let saved = match store.progress(&module.id) {
        Ok(progress) => progress.session,
        Err(error) => {
            may_save = !matches!(error, StorageError::TooNew { .. });
            notices.push(error.to_string());
            None
        }
    };
    let restored = saved.and_then(|saved| match Session::restore(module, &saved) {
        Ok(restored) => {
            if let Some(dropped) = restored.dropped {
                notices.push(format!(
                    "This module was updated since you last played. You resume after your first {} decision{}; the rest no longer fit the new version.",
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
            problem: None,
        },
        notices,
        may_save,
    }
}

/// What the player needs: the state, a way to act on it, and notices for the learner.
pub struct PlayHandle {
    pub state: UseReducerHandle<PlayState>,
    pub notices: Vec<String>,
}

/// Opens `module`'s saved session (or `fresh`, a newly started one) and saves after every step.
#[hook]
pub fn use_play(module: Rc<Module>, fresh: Session) -> PlayHandle {
    let store = use_store();
    let opening = use_memo((), {
        let store = store.clone();
        let module = module.clone();
        move |_| {
            let opening = open(&module, &fresh, &store);
            (opening.state, opening.notices, opening.may_save)
        }
    });
    let state = use_reducer({
        let first = opening.0.clone();
        move || first
    });
    let save_problem = use_state(|| None::<String>);
    {
        let store = store.clone();
        let save_problem = save_problem.clone();
        let may_save = opening.2;
        let module = state.module.clone();
        use_effect_with(state.session.clone(), move |session| {
            if may_save {
                let result = save(&store, &module, session);
                let message = result.err().map(|error| error.to_string());
                if *save_problem != message {
                    save_problem.set(message);
                }
            }
        });
    }
    let mut notices = opening.1.clone();
    if !opening.2 {
        notices.push("Progress in this module is not being saved.".into());
    }
    notices.extend((*save_problem).clone());
    PlayHandle { state, notices }
}

/// Writes the session into the module's progress, counting a newly reached ending once.
fn save(store: &Store, module: &Module, session: &Session) -> Result<(), StorageError> {
    let mut progress: Progress = store.progress(&module.id).unwrap_or_default();
    let saved = session.save(module);
    if progress.session.as_ref() == Some(&saved) {
        return Ok(());
    }
    if let Some(ending) = session.ending(module) {
        progress.completions += 1;
        progress.best_outcome = Some(
            progress
                .best_outcome
                .map_or(ending.outcome, |best| best.min(ending.outcome)),
        );
    }
    progress.session = Some(saved);
    store.save_progress(&module.id, &progress)
}
