use std::rc::Rc;

use peerpath_engine::{Module, Status};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::use_catalog;
use crate::components::markdown::Markdown;
use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_store::use_store;
use crate::hooks::use_title::use_title;
use crate::pages::with_module;
use crate::route::Route;
use crate::storage::StorageError;

#[derive(Properties, PartialEq)]
pub struct IntroPageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// Before a module: what it covers, its content note, and start or resume.
#[component]
pub fn IntroPage(props: &IntroPageProps) -> Html {
    let catalog = use_catalog();
    with_module(
        &catalog,
        &props.id,
        |module| html! { <Intro module={module.clone()} /> },
    )
}

#[derive(Properties, PartialEq)]
struct IntroProps {
    /// The module to introduce.
    module: Rc<Module>,
}

#[component]
fn Intro(props: &IntroProps) -> Html {
    let module = &props.module;
    use_title(module.title.clone());
    let store = use_store();
    let navigator = use_navigator();
    let heading = use_node_ref();
    use_focus(heading.clone(), module.id.clone());
    let problem = use_state(|| None::<String>);
    let progress = store.progress(&module.id);
    let status = progress
        .as_ref()
        .map(|p| p.status())
        .unwrap_or(Status::NotStarted);

    let play = Route::Play {
        id: module.id.clone(),
    };
    // Starting over clears only the current attempt; finished attempts and notes stay.
    let start_over = {
        let store = store.clone();
        let module = module.clone();
        let navigator = navigator.clone();
        let problem = problem.clone();
        let play = play.clone();
        Callback::from(move |_: MouseEvent| {
            // A newer PeerPath's record is never touched (`update` refuses), and the player
            // will not save over it either, so going ahead is safe.
            match store.update(&module.id, |progress| progress.clear_current()) {
                Ok(_) | Err(StorageError::TooNew { .. }) => {
                    if let Some(navigator) = &navigator {
                        navigator.push(&play);
                    }
                }
                Err(error) => problem.set(Some(error.to_string())),
            }
        })
    };
    let actions = match status {
        Status::InProgress => html! {
            <>
                <Link<Route> classes="button button-primary" to={play}>{ "Resume where you left off" }</Link<Route>>
                <button type="button" class="button" onclick={start_over}>{ "Start over" }</button>
            </>
        },
        Status::Completed(_) => html! {
            <>
                <button type="button" class="button button-primary" onclick={start_over}>{ "Play again" }</button>
                <Link<Route> classes="button" to={play}>{ "See your last debrief" }</Link<Route>>
            </>
        },
        Status::NotStarted => html! {
            <button type="button" class="button button-primary" onclick={start_over}>{ "Start the module" }</button>
        },
    };
    let audience = module
        .audience
        .iter()
        .map(|a| a.label())
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <article class="page narrow intro">
            <p class="eyebrow">{ &module.topic }{ " · " }{ audience }{ " · " }{ format!("about {} minutes", module.minutes) }</p>
            <h1 ref={heading} tabindex="-1">{ &module.title }</h1>
            <section class="content-note" aria-labelledby="content-note-heading">
                <h2 id="content-note-heading">{ "Before you start: content note" }</h2>
                <Markdown text={module.content_note.clone()} />
                <p>{ "You can pause at any moment with “Pause and leave” at the top of the screen. Your place is kept." }</p>
            </section>
            <section aria-labelledby="objectives-heading">
                <h2 id="objectives-heading">{ "What you will practise" }</h2>
                <ul>
                    { for module.objectives.iter().map(|o| html! { <li><Markdown text={o.clone()} /></li> }) }
                </ul>
            </section>
            if let Err(error) = &progress {
                <Notice kind={NoticeKind::Problem}><p>{ error.to_string() }</p></Notice>
            }
            if let Some(problem) = &*problem {
                <Notice kind={NoticeKind::Problem}><p>{ problem }</p></Notice>
            }
            <div class="actions">{ actions }</div>
            <p class="trainer-link">
                <Link<Route> to={Route::Trainer { id: module.id.clone() }}>{ "Run it with a group (trainer mode)" }</Link<Route>>
                { " — for a trainer and a projector. It never touches anyone's saved progress." }
            </p>
            <p class="trainer-link">
                <Link<Route> to={Route::Share { id: module.id.clone() }}>{ "Embed this module in another site" }</Link<Route>>
            </p>
        </article>
    }
}
