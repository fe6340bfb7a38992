//! A package's launch page (`peerpath package`): one module, as the embed view plays it,
//! reported to the learning platform that launched it. The platform holds the learner's
//! place; the progress store follows it.

use std::rc::Rc;

use peerpath_engine::report::Resume;
use peerpath_engine::{Module, Player as EnginePlayer, ProgressAction, ProgressBook};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::catalog::use_module;
use crate::components::markdown::Markdown;
use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_play::{Fresh, Reported};
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_title::use_title;
use crate::lms::scorm::{Connected, ScormSession};
use crate::lms::{Launch, Standard};
use crate::pages::play::Player;
use crate::pages::with_module;

#[derive(Properties, PartialEq)]
pub struct LaunchPageProps {
    /// The module and standard the package was written for.
    pub launch: Launch,
}

/// The launch page of a package.
#[component]
pub fn LaunchPage(props: &LaunchPageProps) -> Html {
    let found = use_module(&props.launch.module);
    let standard = props.launch.standard;
    with_module(
        &found,
        &props.launch.module,
        |module| match EnginePlayer::start(module.clone()) {
            Ok((player, events)) => html! {
                <Launched module={module.clone()} {standard} fresh={Fresh { player, events }} />
            },
            Err(error) => {
                html! { <Notice kind={NoticeKind::Problem}><p>{ error.to_string() }</p></Notice> }
            }
        },
    )
}

#[derive(Properties, PartialEq)]
struct LaunchedProps {
    /// The module the package plays.
    module: Rc<Module>,
    /// How it reports.
    standard: Standard,
    /// A newly started player, for a fresh attempt.
    fresh: Fresh,
}

/// Where the platform says the learner stands, once the progress store agrees.
#[derive(Clone, PartialEq)]
enum Place {
    /// The platform's saved attempt.
    Resume(Resume),
    /// A fresh start: no current attempt.
    Fresh,
    /// Whatever this browser holds (no platform).
    Local,
}

impl Place {
    /// Whether the progress store already holds this place for `module`.
    fn is_held(&self, book: &ProgressBook, module: &str) -> bool {
        let current = book.progress(module).and_then(|p| p.current.as_ref());
        match (self, current) {
            (Place::Local, _) | (Place::Fresh, None) => true,
            (Place::Resume(resume), Some(current)) => {
                current.id == resume.attempt && current.session == resume.session
            }
            _ => false,
        }
    }
}

fn connect(standard: Standard, module: &Module) -> Connected {
    let version = match standard {
        Standard::Scorm12 => peerpath_engine::report::scorm::Version::Scorm12,
        Standard::Scorm2004 => peerpath_engine::report::scorm::Version::Scorm2004,
    };
    ScormSession::connect(version, &module.id, module.passing, js_sys::Date::now())
}

#[component]
fn Launched(props: &LaunchedProps) -> Html {
    let module = &props.module;
    use_title(module.title.clone());
    let progress = use_progress();
    let connection = use_memo((), {
        let (standard, module) = (props.standard, module.clone());
        move |_| connect(standard, &module)
    });
    // What the platform kept, and the learner's agreement to start afresh when it could
    // not be read.
    let place = use_state(|| match &*connection {
        Connected::Alone => Ok(Place::Local),
        Connected::Lms(_, Ok(Some(resume))) => Ok(Place::Resume(resume.clone())),
        Connected::Lms(_, Ok(None)) => Ok(Place::Fresh),
        Connected::Lms(_, Err(error)) => Err(error.to_string()),
    });
    // The progress store follows the platform: once it holds the platform's place, play
    // may open (and the player reads the store only once, when it mounts).
    let aligned = use_mut_ref(|| false);
    if let Ok(place) = &*place {
        if place.is_held(progress.book(), &module.id) {
            *aligned.borrow_mut() = true;
        }
    }
    {
        let progress = progress.clone();
        let id = module.id.clone();
        let aligned = *aligned.borrow();
        use_effect_with(((*place).clone(), aligned), move |(place, aligned)| {
            if *aligned {
                return;
            }
            let now = js_sys::Date::now();
            match place {
                Ok(Place::Resume(resume)) => {
                    let mode = progress
                        .book()
                        .progress(&id)
                        .is_some_and(|p| p.assessment());
                    if mode != resume.assessment {
                        progress.dispatch(ProgressAction::ChooseMode {
                            module: id.clone(),
                            assessment: resume.assessment,
                            now,
                        });
                    }
                    progress.dispatch(ProgressAction::Record {
                        module: id,
                        attempt: resume.attempt.clone(),
                        session: resume.session.clone(),
                        events: Vec::new(),
                        now,
                    });
                }
                Ok(Place::Fresh) => progress.dispatch(ProgressAction::StartOver { module: id }),
                Ok(Place::Local) | Err(_) => {}
            }
        });
    }
    let playing = use_state(|| false);
    let problem = use_state(|| None::<String>);
    let heading = use_node_ref();
    use_focus(heading.clone(), *playing);
    // The session ends when the page goes away, once, whatever closes it.
    {
        let connection = connection.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut()>::new(move || {
                if let Connected::Lms(session, _) = &*connection {
                    session.finish(js_sys::Date::now());
                }
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "pagehide",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "pagehide",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let on_step = {
        let connection = connection.clone();
        let module = module.clone();
        let problem = problem.clone();
        Callback::from(move |step: Reported| {
            let Connected::Lms(session, _) = &*connection else {
                return;
            };
            let resume = Resume {
                attempt: step.attempt,
                assessment: step.assessment,
                session: step.session,
            };
            let scene_title = |id: &str| {
                module
                    .scene(id)
                    .map(|scene| scene.text.plain_text().chars().take(250).collect())
            };
            session.step(&resume, &step.events, scene_title, js_sys::Date::now());
            if *problem != session.problem() {
                problem.set(session.problem());
            }
        })
    };
    let toggle = {
        let playing = playing.clone();
        let connection = connection.clone();
        Callback::from(move |_: MouseEvent| {
            if *playing {
                if let Connected::Lms(session, _) = &*connection {
                    session.pause();
                }
            }
            playing.set(!*playing);
        })
    };
    let start_afresh = {
        let place = place.clone();
        Callback::from(move |_: MouseEvent| place.set(Ok(Place::Fresh)))
    };
    let reporting = match &*connection {
        Connected::Lms(..) => format!("Your progress is reported to your organization's learning platform ({}).", props.standard.label()),
        Connected::Alone => "No learning platform found: this play is not reported anywhere, and your place is kept in this browser only.".to_owned(),
    };
    let connected = matches!(&*connection, Connected::Lms(..));
    let resuming = matches!(&*place, Ok(Place::Resume(_)))
        || (matches!(&*place, Ok(Place::Local))
            && progress
                .book()
                .progress(&module.id)
                .is_some_and(|p| p.current.is_some() && !p.current_is_finished()));
    let ready = *aligned.borrow();
    let body = match &*place {
        Err(reason) => html! {
            <article class="page narrow intro">
                <h1 ref={heading} tabindex="-1">{ &module.title }</h1>
                <Notice kind={NoticeKind::Problem}>
                    <p>{ format!("Your learning platform kept a saved place that PeerPath cannot read: {reason}. Nothing has been changed.") }</p>
                </Notice>
                <div class="actions">
                    <button type="button" class="button button-primary" onclick={start_afresh}>
                        { "Start from the beginning (replaces the saved place)" }
                    </button>
                </div>
            </article>
        },
        Ok(_) if !ready => {
            html! { <p class="loading page" role="status">{ "Opening your place…" }</p> }
        }
        Ok(_) if *playing => html! {
            <Player module={module.clone()} fresh={props.fresh.clone()} {on_step} />
        },
        Ok(_) => html! {
            <article class="page narrow intro">
                <h1 ref={heading} tabindex="-1">{ &module.title }</h1>
                <section class="content-note" aria-labelledby="content-note-heading">
                    <h2 id="content-note-heading">{ "Before you start: content note" }</h2>
                    <Markdown prose={module.content_note.clone()} />
                    <p>{
                        if connected {
                            "You can pause at any moment: your place is kept by your learning platform, and you can close this window once you have paused."
                        } else {
                            "You can pause at any moment; your place is kept in this browser."
                        }
                    }</p>
                </section>
                <div class="actions">
                    <button type="button" class="button button-primary" onclick={toggle.clone()}>
                        { if resuming { "Resume" } else { "Start" } }
                    </button>
                </div>
            </article>
        },
    };
    html! {
        <div class="embed launch">
            <div class="embed-bar">
                <p class="embed-title">{ &module.title }</p>
                if *playing && ready {
                    <button type="button" class="button button-quiet pause" onclick={toggle}>
                        { "Pause" }<span class="visually-hidden">{ " (your place is kept)" }</span>
                    </button>
                }
            </div>
            { body }
            <p class="launch-status" role="status">
                { reporting }
                if let Some(problem) = &*problem {
                    { format!(" The platform refused part of the record ({problem}); tell your training lead.") }
                }
            </p>
        </div>
    }
}
