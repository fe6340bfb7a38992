use std::cell::RefCell;
use std::rc::Rc;

use peerpath_engine::group::GroupSession;
use peerpath_engine::Module;
use yew::prelude::*;

use crate::catalog::use_whole_module;
use crate::components::group_stage::GroupStage;
use crate::components::stage_parts::StageParts;
use crate::group_channel::GroupChannel;
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
/// a screen longer than the projector's is shown in parts (`StageParts`).
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
    let channel: Rc<RefCell<Option<GroupChannel>>> = use_mut_ref(|| None);
    {
        let group = group.clone();
        use_effect_with(module.id.clone(), move |id| {
            let opened =
                GroupChannel::open(id, move |state: GroupSession| group.set(Some(state)), || {});
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
    html! {
        <article class="audience" aria-live="polite">
            <h1 class="audience-title">{ &module.title }</h1>
            if let Some(group) = &*group {
                <StageParts screen={format!("{}-{}", group.step(), group.reviewing)}>
                    <GroupStage module={module.clone()} group={group.clone()} />
                </StageParts>
            } else {
                <p class="stage-wait">{ t.waiting_for_trainer }</p>
            }
        </article>
    }
}
