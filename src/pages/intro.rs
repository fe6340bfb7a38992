use std::rc::Rc;

use peerpath_engine::{Module, ProgressAction, Status};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::use_module;
use crate::components::markdown::Markdown;
use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_title::use_title;
use crate::i18n::use_lang;
use crate::pages::with_module;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct IntroPageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// Before a module: what it covers, its content note, and start or resume.
#[component]
pub fn IntroPage(props: &IntroPageProps) -> Html {
    let found = use_module(&props.id);
    with_module(
        &found,
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
    let s = use_lang().learner();
    use_title(module.title.clone());
    let progress = use_progress();
    let navigator = use_navigator();
    let heading = use_node_ref();
    use_focus(heading.clone(), module.id.clone());
    let record = progress.book().progress(&module.id);
    let status = record.map_or(Status::NotStarted, |p| p.status());
    let has_current = record.is_some_and(|p| p.current.is_some());
    // Set by Start over; the player opens once the store has let go of the old attempt, so
    // it can never resume the attempt the learner just left.
    let starting = use_state(|| false);

    let play = Route::Play {
        id: module.id.clone(),
    };
    {
        let navigator = navigator.clone();
        let play = play.clone();
        let starting = starting.clone();
        use_effect_with((*starting, has_current), move |&(started, has_current)| {
            if started && !has_current {
                starting.set(false);
                if let Some(navigator) = &navigator {
                    navigator.push(&play);
                }
            }
        });
    }
    // Starting over clears only the current attempt; finished attempts and notes stay. A
    // newer PeerPath's record is never touched, and the player does not save over it.
    let start_over = {
        let progress = progress.clone();
        let module = module.clone();
        let starting = starting.clone();
        Callback::from(move |_: MouseEvent| {
            progress.dispatch(ProgressAction::StartOver {
                module: module.id.clone(),
            });
            starting.set(true);
        })
    };
    let assessment = record.is_some_and(|p| p.assessment());
    let choose_mode = |on: bool| {
        let progress = progress.clone();
        let module = module.id.clone();
        Callback::from(move |_: Event| {
            progress.dispatch(ProgressAction::ChooseMode {
                module: module.clone(),
                assessment: on,
                now: js_sys::Date::now(),
            });
        })
    };
    let mode = html! {
        <fieldset class="play-mode">
            <legend>{ s.how_to_play }</legend>
            <label>
                <input type="radio" name="play-mode" checked={!assessment} onchange={choose_mode(false)} />
                { s.practice_mode }
            </label>
            <label>
                <input type="radio" name="play-mode" checked={assessment} onchange={choose_mode(true)} />
                { s.assessment_mode }
            </label>
            if status == Status::InProgress {
                <p class="hint">{ s.mode_applies_next }</p>
            }
        </fieldset>
    };
    let actions = match status {
        Status::InProgress => html! {
            <>
                <Link<Route> classes="button button-primary" to={play}>{ s.resume_where_left }</Link<Route>>
                <button type="button" class="button" onclick={start_over}>{ s.start_over }</button>
            </>
        },
        Status::Completed(_) => html! {
            <>
                <button type="button" class="button button-primary" onclick={start_over}>{ s.play_again }</button>
                <Link<Route> classes="button" to={play}>{ s.see_last_debrief }</Link<Route>>
            </>
        },
        Status::NotStarted => html! {
            <button type="button" class="button button-primary" onclick={start_over}>{ s.start_module }</button>
        },
    };
    let audience = module
        .audience
        .iter()
        .map(|a| s.audience(*a))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <article class="page narrow intro">
            <p class="eyebrow">{ &module.topic }{ " · " }{ audience }{ " · " }{ (s.about_minutes)(module.minutes) }</p>
            <h1 ref={heading} tabindex="-1">{ &module.title }</h1>
            <section class="content-note" aria-labelledby="content-note-heading">
                <h2 id="content-note-heading">{ s.content_note_heading }</h2>
                <Markdown prose={module.content_note.clone()} />
                <p>{ s.intro_pause_hint }</p>
            </section>
            <section aria-labelledby="objectives-heading">
                <h2 id="objectives-heading">{ s.objectives_heading }</h2>
                <ul>
                    { for module.objectives.iter().map(|o| html! { <li><Markdown prose={o.clone()} /></li> }) }
                </ul>
            </section>
            if !progress.book().may_save(&module.id) {
                <Notice kind={NoticeKind::Problem}><p>{ s.newer_version_intro }</p></Notice>
            }
            { mode }
            <div class="actions">{ actions }</div>
            <p class="trainer-link">
                <Link<Route> to={Route::Trainer { id: module.id.clone() }}>{ s.run_with_group }</Link<Route>>
                { s.run_with_group_note }
            </p>
            <p class="trainer-link">
                <Link<Route> to={Route::Share { id: module.id.clone() }}>{ s.embed_module_link }</Link<Route>>
            </p>
        </article>
    }
}
