use std::cell::RefCell;
use std::rc::Rc;

use peerpath_engine::Module;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::catalog::use_whole_module;
use crate::components::group_stage::GroupStage;
use crate::components::stage_parts::StageParts;
use crate::group_channel::{screen_of, GroupChannel, Message, RoomParts};
use crate::hooks::use_store::use_store;
use crate::hooks::use_title::use_title;
use crate::i18n::use_lang;
use crate::pages::with_module;

#[derive(Properties, PartialEq)]
pub struct AudiencePageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// Trainer mode, audience view: for the projector. Large type (never under 24 CSS px), high
/// contrast, and only what the trainer has chosen to show. It follows the presenter window;
/// a screen longer than the projector's is shown in parts (`StageParts`), stepped through
/// here or from the presenter window, which hears which part the room sees.
#[component]
pub fn AudiencePage(props: &AudiencePageProps) -> Html {
    let found = use_whole_module(&props.id);
    with_module(
        &found,
        &props.id,
        |module| html! { <Audience module={module.clone()} /> },
    )
}

#[derive(Properties, PartialEq)]
struct AudienceProps {
    /// The module the group is playing.
    module: Rc<Module>,
}

#[component]
fn Audience(props: &AudienceProps) -> Html {
    let module = &props.module;
    use_title(module.title.clone());
    // The presenter's window and this one share the browser's saved language.
    let t = use_lang().tools();
    let store = use_store();
    let group = use_state({
        let store = store.clone();
        let id = module.id.clone();
        move || store.group_session(&id)
    });
    // The part asked for (counting from 0) and the screen it is on: each new screen starts at
    // its first part.
    let part = use_state_eq(|| (String::new(), 0_usize));
    // The parts last told, for a presenter that opens later and to check its asks against.
    let told: Rc<RefCell<Option<RoomParts>>> = use_mut_ref(|| None);
    let channel: Rc<RefCell<Option<GroupChannel>>> = use_mut_ref(|| None);
    {
        let group = group.clone();
        let part = part.clone();
        let told = told.clone();
        let channel = channel.clone();
        use_effect_with(module.id.clone(), move |id| {
            let reply_to = Rc::downgrade(&channel);
            let opened = GroupChannel::open(id, {
                let told = told.clone();
                move |message| match message {
                    Message::State { group: state } => group.set(Some(state)),
                    Message::Hello => {
                        let Some(parts) = told.borrow().clone() else {
                            return;
                        };
                        if let Some(channel) = reply_to.upgrade() {
                            if let Some(channel) = channel.borrow().as_ref() {
                                channel.post(&Message::Parts(parts));
                            }
                        }
                    }
                    Message::ShowPart {
                        screen,
                        part: asked,
                    } => {
                        let fits = told
                            .borrow()
                            .as_ref()
                            .is_some_and(|told| told.screen == screen && asked <= told.count);
                        if fits {
                            part.set((screen, asked.saturating_sub(1)));
                        }
                    }
                    // Another audience window's.
                    Message::Parts(_) | Message::Goodbye => {}
                }
            });
            // The stage may have told its parts before the channel opened (its effects run
            // first): tell them now.
            if let Some(channel) = &opened {
                channel.say_hello();
                if let Some(parts) = told.borrow().clone() {
                    channel.post(&Message::Parts(parts));
                }
            }
            *channel.borrow_mut() = opened;
            // The presenter forgets the room's parts when this window goes, and hears them
            // again if it comes back (from the browser's back-forward cache).
            let leaving = page_events(channel.clone(), told);
            let closing = channel.clone();
            move || {
                drop(leaving);
                if let Some(channel) = closing.borrow_mut().take() {
                    channel.say_goodbye();
                }
            }
        });
    }
    // The screen on view, as the presenter names it.
    let screen = group.as_ref().map(screen_of).unwrap_or_default();
    let asked = if part.0 == screen { part.1 } else { 0 };
    // Forget the part asked for on a screen once it goes, so coming back to it (the presenter
    // stepping back) starts at its first part too.
    {
        let part = part.clone();
        use_effect_with(screen.clone(), move |screen| part.set((screen.clone(), 0)));
    }
    let on_part = {
        let part = part.clone();
        use_callback(screen.clone(), move |asked: usize, screen| {
            part.set((screen.clone(), asked))
        })
    };
    let on_parts = use_callback(
        screen.clone(),
        move |(shown, count): (usize, usize), screen| {
            let parts = RoomParts {
                screen: screen.clone(),
                shown,
                count,
            };
            if let Some(channel) = channel.borrow().as_ref() {
                channel.post(&Message::Parts(parts.clone()));
            }
            *told.borrow_mut() = Some(parts);
        },
    );
    html! {
        <article class="audience" aria-live="polite">
            <h1 class="audience-title">{ &module.title }</h1>
            if let Some(group) = &*group {
                <StageParts screen={screen} part={asked} {on_part} {on_parts}>
                    <GroupStage module={module.clone()} group={group.clone()} />
                </StageParts>
            } else {
                <p class="stage-wait">{ t.waiting_for_trainer }</p>
            }
        </article>
    }
}

/// Tells the presenter when this window is hidden to leave (closed, reloaded, navigated
/// away) and says hello again when it is shown once more. The listeners go when the returned
/// value is dropped.
fn page_events(
    channel: Rc<RefCell<Option<GroupChannel>>>,
    told: Rc<RefCell<Option<RoomParts>>>,
) -> Option<PageEvents> {
    let window = web_sys::window()?;
    let on_hide = {
        let channel = channel.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(channel) = channel.borrow().as_ref() {
                channel.say_goodbye();
            }
        })
    };
    let on_show = Closure::<dyn FnMut()>::new(move || {
        if let Some(channel) = channel.borrow().as_ref() {
            channel.say_hello();
            if let Some(parts) = told.borrow().clone() {
                channel.post(&Message::Parts(parts));
            }
        }
    });
    let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("pageshow", on_show.as_ref().unchecked_ref());
    Some(PageEvents {
        window,
        on_hide,
        on_show,
    })
}

/// The audience window's `pagehide` and `pageshow` listeners, removed on drop.
struct PageEvents {
    window: web_sys::Window,
    on_hide: Closure<dyn FnMut()>,
    on_show: Closure<dyn FnMut()>,
}

impl Drop for PageEvents {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("pagehide", self.on_hide.as_ref().unchecked_ref());
        let _ = self
            .window
            .remove_event_listener_with_callback("pageshow", self.on_show.as_ref().unchecked_ref());
    }
}
