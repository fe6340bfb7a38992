//! The presenter's group session: a reducer over the engine's `GroupSession`, kept in storage
//! (so a closed window resumes) and posted to the audience window after every change.

use std::cell::RefCell;
use std::rc::Rc;

use peerpath_engine::group::GroupSession;
use peerpath_engine::{Module, View};
use yew::prelude::*;

use crate::group_channel::GroupChannel;
use crate::hooks::use_store::use_store;

#[derive(Debug, Clone, PartialEq)]
pub struct GroupState {
    pub module: Rc<Module>,
    pub group: GroupSession,
    /// Why the last action was refused, for the presenter.
    pub problem: Option<String>,
}

/// What the trainer can do, from a button, a key or a clicker.
pub enum GroupAction {
    /// The group takes this choice.
    Choose(String),
    /// Takes the choice numbered so on screen (1-based), when it is available.
    ChooseNumber(usize),
    SetVotes(String, u32),
    AddVote(String),
    ToggleVotes,
    RevealFeedback,
    Proceed,
    /// The clicker's "next": show the votes, reveal the feedback, then move on.
    Next,
    Back,
    JumpTo(usize),
    ToggleBlank,
    /// Hold feedback, ratings and meters until the ending, or show them after each decision.
    ToggleAssessment,
    StartOver,
}

impl Reducible for GroupState {
    type Action = GroupAction;

    fn reduce(self: Rc<Self>, action: GroupAction) -> Rc<Self> {
        let module = &self.module;
        let mut group = self.group.clone();
        let result = match action {
            GroupAction::Choose(choice) => group.choose(module, &choice).map_err(|e| e.to_string()),
            GroupAction::ChooseNumber(number) => match numbered_choice(module, &group, number) {
                Some(choice) => group.choose(module, &choice).map_err(|e| e.to_string()),
                None => Ok(()),
            },
            GroupAction::SetVotes(choice, count) => group
                .set_votes(module, &choice, count)
                .map_err(|e| e.to_string()),
            GroupAction::AddVote(choice) => {
                group.add_vote(module, &choice).map_err(|e| e.to_string())
            }
            GroupAction::ToggleVotes => {
                group.show_votes = !group.show_votes;
                Ok(())
            }
            GroupAction::RevealFeedback => {
                group.show_feedback = true;
                Ok(())
            }
            GroupAction::Proceed => group.proceed(module).map_err(|e| e.to_string()),
            GroupAction::Next => next(module, &mut group),
            GroupAction::Back => group.back(module).map_err(|e| e.to_string()),
            GroupAction::JumpTo(step) => group.jump_to(module, step).map_err(|e| e.to_string()),
            GroupAction::ToggleAssessment => {
                group.assessment = !group.assessment;
                Ok(())
            }
            GroupAction::ToggleBlank => {
                group.blank = !group.blank;
                Ok(())
            }
            GroupAction::StartOver => {
                group = GroupSession::new(module);
                Ok(())
            }
        };
        Rc::new(GroupState {
            module: self.module.clone(),
            group,
            problem: result.err(),
        })
    }
}

/// A click handler that sends the action `make` builds.
pub fn on_click(
    state: &UseReducerHandle<GroupState>,
    make: impl Fn() -> GroupAction + 'static,
) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| state.dispatch(make()))
}

/// The id of the available choice shown as number `number`.
fn numbered_choice(module: &Module, group: &GroupSession, number: usize) -> Option<String> {
    let session = group.session(module).ok()?;
    let View::Decision { choices, .. } = session.view(module).ok()? else {
        return None;
    };
    let choice = choices.get(number.checked_sub(1)?)?;
    choice.unavailable.is_none().then(|| choice.id.to_owned())
}

fn next(module: &Module, group: &mut GroupSession) -> Result<(), String> {
    if group.blank {
        group.blank = false;
        return Ok(());
    }
    if group.reviewing {
        if group.show_feedback {
            group.proceed(module).map_err(|e| e.to_string())
        } else {
            group.show_feedback = true;
            Ok(())
        }
    } else {
        group.show_votes = true;
        Ok(())
    }
}

/// The presenter's session for `module`: resumed from storage, saved and posted on change.
#[hook]
pub fn use_group(module: Rc<Module>) -> UseReducerHandle<GroupState> {
    let store = use_store();
    let state = use_reducer({
        let store = store.clone();
        let module = module.clone();
        move || {
            let group = store
                .group_session(&module.id)
                .filter(|group| group.session(&module).is_ok())
                .unwrap_or_else(|| GroupSession::new(&module));
            GroupState {
                module,
                group,
                problem: None,
            }
        }
    });
    // The latest state, for answering an audience window that says hello.
    let latest = use_mut_ref(|| state.group.clone());
    let channel: Rc<RefCell<Option<GroupChannel>>> = use_mut_ref(|| None);
    {
        let channel = channel.clone();
        let latest = latest.clone();
        use_effect_with(module.id.clone(), move |id| {
            let reply_to = Rc::downgrade(&channel);
            let opened = GroupChannel::open(
                id,
                |_| {},
                move || {
                    if let Some(channel) = reply_to.upgrade() {
                        if let Some(channel) = channel.borrow().as_ref() {
                            channel.post_state(&latest.borrow());
                        }
                    }
                },
            );
            *channel.borrow_mut() = opened;
            let closing = channel.clone();
            move || {
                closing.borrow_mut().take();
            }
        });
    }
    {
        let store = store.clone();
        use_effect_with(state.group.clone(), move |group| {
            *latest.borrow_mut() = group.clone();
            // Not saving only costs resuming after a closed window; the session goes on.
            let _ = store.save_group_session(group);
            if let Some(channel) = channel.borrow().as_ref() {
                channel.post_state(group);
            }
        });
    }
    state
}
