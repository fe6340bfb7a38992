use std::rc::Rc;

use peerpath_engine::{Module, Player as EnginePlayer, Status};
use yew::prelude::*;

use crate::catalog::use_module;
use crate::components::markdown::Markdown;
use crate::components::notice::{Notice, NoticeKind};
use crate::embed::{EmbedBridge, EmbedEvent};
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_play::{Fresh, Reported};
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_title::use_title;
use crate::i18n::use_lang;
use crate::pages::play::Player;
use crate::pages::with_module;
use crate::site::use_site;

#[derive(Properties, PartialEq)]
pub struct EmbedPageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// One module on its own, for an iframe on another site: no site navigation, the content
/// note first, a way to pause always in view, and events for the embedding page.
#[component]
pub fn EmbedPage(props: &EmbedPageProps) -> Html {
    let found = use_module(&props.id);
    with_module(&found, &props.id, |module| {
        match EnginePlayer::start(module.clone()) {
            Ok((player, events)) => {
                html! { <Embedded module={module.clone()} fresh={Fresh { player, events }} /> }
            }
            Err(error) => {
                html! { <Notice kind={NoticeKind::Problem}><p lang="en">{ error.to_string() }</p></Notice> }
            }
        }
    })
}

#[derive(Properties, PartialEq)]
struct EmbeddedProps {
    /// The module shown in the frame.
    module: Rc<Module>,
    /// A newly started player, for when nothing is saved.
    fresh: Fresh,
}

#[component]
fn Embedded(props: &EmbeddedProps) -> Html {
    let module = &props.module;
    let lang = use_lang();
    let s = lang.learner();
    use_title(module.title.clone());
    let site = use_site();
    let progress = use_progress();
    let playing = use_state(|| false);
    let heading = use_node_ref();
    use_focus(heading.clone(), *playing);
    // This component only mounts once the catalog is loaded, and the site configuration is
    // set with it, so the allowed origins are the configured ones from the first message.
    let allowed = site.config.allowed_parent_origins.clone();
    // Who the learner is, when the embedding page says (for the site's LRS).
    let actor = use_state(|| wasm_bindgen::JsValue::UNDEFINED);
    let bridge = use_memo(allowed.clone(), {
        let actor = actor.clone();
        move |allowed| {
            EmbedBridge::open(
                allowed,
                Callback::from(move |who: wasm_bindgen::JsValue| actor.set(who)),
            )
        }
    });
    {
        let bridge = bridge.clone();
        let id = module.id.clone();
        use_effect_with(allowed, move |_| {
            bridge.send(&EmbedEvent::Ready { module: id });
        });
    }
    let on_step = {
        let bridge = bridge.clone();
        let id = module.id.clone();
        Callback::from(move |step: Reported| {
            for event in step.events {
                bridge.send(&EmbedEvent::from_event(&id, event));
            }
        })
    };
    let toggle = {
        let playing = playing.clone();
        Callback::from(move |_: MouseEvent| playing.set(!*playing))
    };
    let status = progress
        .book()
        .progress(&module.id)
        .map_or(Status::NotStarted, |p| p.status());
    html! {
        <div class="embed">
            <div class="embed-bar">
                <p class="embed-title">{ &module.title }</p>
                if *playing {
                    <button type="button" class="button button-quiet pause" onclick={toggle.clone()}>
                        { s.pause }<span class="visually-hidden">{ s.place_kept }</span>
                    </button>
                }
            </div>
            if *playing {
                // Keyed by the module: see the play page.
                <Player key={crate::pages::play::module_key(module)} module={module.clone()} fresh={props.fresh.clone()} {on_step} actor={(*actor).clone()} />
            } else {
                <article class="page narrow intro">
                    <h1 ref={heading} tabindex="-1">{ &module.title }</h1>
                    <section class="content-note" aria-labelledby="content-note-heading">
                        <h2 id="content-note-heading">{ s.content_note_heading }</h2>
                        <Markdown prose={module.content_note.clone()} />
                        <p>{ s.embed_pause_hint }</p>
                    </section>
                    <div class="actions">
                        <button type="button" class="button button-primary" onclick={toggle}>
                            { if status == Status::InProgress { s.resume } else { s.start } }
                        </button>
                    </div>
                </article>
            }
        </div>
    }
}
