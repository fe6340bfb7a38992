//! The host's handle on a play-through: the module and its session together, with a call for
//! each thing the learner can do, each returning the events it caused (as blade-ink's `Story`
//! and Yarn Spinner's `Dialogue` do).

use std::rc::Rc;

use crate::event::Event;
use crate::module::{Choice, Ending, Module, Scene};
use crate::save::{Dropped, RestoreError, SavedSession};
use crate::session::{PlayError, Session, View};

/// A module being played. Cheap to clone: the module is shared.
#[derive(Debug, Clone)]
pub struct Player {
    module: Rc<Module>,
    session: Session,
}

impl PartialEq for Player {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.module, &other.module) || self.module == other.module)
            && self.session == other.session
    }
}

impl Player {
    /// Starts a new play-through. The events say which scene came on screen first.
    pub fn start(module: Rc<Module>) -> Result<(Player, Vec<Event>), PlayError> {
        let session = Session::start(&module)?;
        let events = session.arrived(&module);
        Ok((Player { module, session }, events))
    }

    /// Picks up a saved play-through where it was left. Reports no events: nothing new
    /// happened. `dropped` says what of the save no longer fits a changed module.
    pub fn resume(
        module: Rc<Module>,
        saved: &SavedSession,
    ) -> Result<(Player, Option<Dropped>), RestoreError> {
        let restored = Session::restore(&module, saved)?;
        Ok((
            Player {
                module,
                session: restored.session,
            },
            restored.dropped,
        ))
    }

    /// The module played.
    pub fn module(&self) -> &Rc<Module> {
        &self.module
    }

    /// The session as it stands.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// What the learner sees now.
    pub fn view(&self) -> Result<View<'_>, PlayError> {
        self.session.view(&self.module)
    }

    /// Makes a decision; the feedback on it shows next.
    pub fn choose(&mut self, choice_id: &str) -> Result<Vec<Event>, PlayError> {
        self.session.choose(&self.module, choice_id)
    }

    /// Moves on from the feedback: to the next scene, or to the ending (a completion).
    pub fn proceed(&mut self) -> Result<Vec<Event>, PlayError> {
        self.session.proceed(&self.module)
    }

    /// Starts again from the beginning, as a new attempt.
    pub fn restart(&mut self) -> Result<Vec<Event>, PlayError> {
        let session = Session::start(&self.module)?;
        self.session = session;
        let mut events = vec![Event::Restarted];
        events.extend(self.session.arrived(&self.module));
        Ok(events)
    }

    /// The play-through as a value to store.
    pub fn save(&self) -> SavedSession {
        self.session.save(&self.module)
    }

    /// Every decision made, with the scene and choice it was.
    pub fn decisions(&self) -> Vec<(&Scene, &Choice)> {
        self.session.decisions(&self.module)
    }

    /// The ending reached, once the feedback on the last decision has been read.
    pub fn ending(&self) -> Option<&Ending> {
        self.session.ending(&self.module)
    }
}
