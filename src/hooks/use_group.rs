//! The presenter's group session: a reducer over the engine's `GroupSession`, kept in storage
//! (so a closed window resumes) and posted to the audience window after every change; and
//! which part of a long screen the audience window shows, so the presenter's keys step
//! through the parts before moving on.

use std::cell::RefCell;
use std::rc::Rc;

use peerpath_engine::group::GroupSession;
use peerpath_engine::{Module, View};
use yew::prelude::*;

use crate::group_channel::{GroupChannel, Message, RoomParts};
use crate::hooks::use_store::use_store;

#[derive(Debug, Clone, PartialEq)]
pub struct GroupState {
    pub module: Rc<Module>,
    pub group: GroupSession,
    /// Why the last action was refused, for the presenter.
    pub problem: Option<String>,
    /// Which part of its screen the room sees, as the audience window last said or as the
    /// presenter last asked; `None` with no audience window (one-window mode). It is about
    /// the group's screen only while its `screen` is that screen.
    pub room: Option<RoomParts>,
    /// How many times the presenter has asked the room for another part: each ask is posted
    /// once, even one for the part asked for before.
    pub asks: u32,
}

impl GroupState {
    /// The room's parts, when they are about the group's screen now.
    pub fn room_now(&self) -> Option<&RoomParts> {
        self.room
            .as_ref()
            .filter(|room| room.screen == crate::group_channel::screen_of(&self.group))
    }

    /// Asks the room for the part `step` from the one it shows, if it has one.
    fn ask_part(&self, step: isize) -> Option<Rc<Self>> {
        let room = self.room_now()?;
        let shown = room.shown.checked_add_signed(step)?;
        if !(1..=room.count).contains(&shown) {
            return None;
        }
        Some(Rc::new(GroupState {
            room: Some(RoomParts {
                shown,
                ..room.clone()
            }),
            asks: self.asks.wrapping_add(1),
            problem: None,
            ..self.clone()
        }))
    }
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
    /// The clicker's "next": the room's next part while its screen has one, then show the
    /// votes, reveal the feedback, move on.
    Next,
    /// The clicker's "back": the room's previous part while it is past the first, else back
    /// one step.
    Previous,
    /// Back one step.
    Back,
    /// Shows the room the next part of its screen.
    NextPart,
    /// Shows the room the previous part of its screen.
    PreviousPart,
    /// What the audience window says about its parts (`None`: it closed).
    RoomParts(Option<RoomParts>),
    JumpTo(usize),
    ToggleBlank,
    /// Hold feedback, ratings and meters until the ending, or show them after each decision.
    ToggleAssessment,
    StartOver,
}

impl Reducible for GroupState {
    type Action = GroupAction;

    fn reduce(self: Rc<Self>, action: GroupAction) -> Rc<Self> {
        // The room's parts come first: the clicker shows the next or previous part of a long
        // screen while there is one, then does what it does with one part.
        let action = match action {
            GroupAction::Next => match self.ask_part(1) {
                Some(asked) => return asked,
                None => GroupAction::Next,
            },
            GroupAction::Previous => match self.ask_part(-1) {
                Some(asked) => return asked,
                None => GroupAction::Back,
            },
            GroupAction::NextPart => return self.ask_part(1).unwrap_or(self),
            GroupAction::PreviousPart => return self.ask_part(-1).unwrap_or(self),
            GroupAction::RoomParts(room) => {
                return Rc::new(GroupState {
                    room,
                    ..(*self).clone()
                })
            }
            action => action,
        };
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
            // Handled before this match.
            GroupAction::Previous
            | GroupAction::NextPart
            | GroupAction::PreviousPart
            | GroupAction::RoomParts(_) => Ok(()),
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
            room: self.room.clone(),
            asks: self.asks,
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

/// The presenter's session for `module`: resumed from storage, saved and posted on change;
/// the room's parts heard from the audience window, and the presenter's asks posted to it.
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
                room: None,
                asks: 0,
            }
        }
    });
    // The latest state, for answering an audience window that says hello.
    let latest = use_mut_ref(|| state.group.clone());
    let channel: Rc<RefCell<Option<GroupChannel>>> = use_mut_ref(|| None);
    {
        let channel = channel.clone();
        let latest = latest.clone();
        let state = state.clone();
        use_effect_with(module.id.clone(), move |id| {
            let reply_to = Rc::downgrade(&channel);
            let opened = GroupChannel::open(id, move |message| {
                let reply = |message: &Message| {
                    if let Some(channel) = reply_to.upgrade() {
                        if let Some(channel) = channel.borrow().as_ref() {
                            channel.post(message);
                        }
                    }
                };
                match message {
                    Message::Hello => reply(&Message::State {
                        group: latest.borrow().clone(),
                    }),
                    Message::Parts(parts) => state.dispatch(GroupAction::RoomParts(Some(parts))),
                    Message::Goodbye => {
                        state.dispatch(GroupAction::RoomParts(None));
                        // Another audience window, if one is still open, says where it is.
                        reply(&Message::Hello);
                    }
                    // The presenter's own kinds, from another presenter window: not for us.
                    Message::State { .. } | Message::ShowPart { .. } => {}
                }
            });
            // An audience window already open says which part it shows.
            if let Some(channel) = &opened {
                channel.say_hello();
            }
            *channel.borrow_mut() = opened;
            let closing = channel.clone();
            move || {
                closing.borrow_mut().take();
            }
        });
    }
    {
        let store = store.clone();
        let channel = channel.clone();
        use_effect_with(state.group.clone(), move |group| {
            *latest.borrow_mut() = group.clone();
            // Not saving only costs resuming after a closed window; the session goes on.
            let _ = store.save_group_session(group);
            if let Some(channel) = channel.borrow().as_ref() {
                channel.post_state(group);
            }
        });
    }
    // Each ask once; the room answers with its parts, which may differ if it moved meanwhile.
    {
        let room = state.room.clone();
        use_effect_with(state.asks, move |&asks| {
            if let (true, Some(room)) = (asks > 0, room) {
                if let Some(channel) = channel.borrow().as_ref() {
                    channel.post(&Message::ShowPart {
                        screen: room.screen,
                        part: room.shown,
                    });
                }
            }
        });
    }
    state
}
