//! A package's launch page (`peerpath package`): one module, as the embed view plays it,
//! reported to the learning platform that launched it. The platform holds the learner's
//! place; the progress store follows it.

use std::rc::Rc;

use peerpath_engine::report::{scene_excerpt, Resume};
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
use crate::i18n::use_lang;
use crate::lms::{connect, Connection, Launch, Problem, Reporter, Standard};
use crate::pages::play::Player;
use crate::pages::with_module;
use crate::storage::Store;
use crate::text::with_english;

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
                html! { <Notice kind={NoticeKind::Problem}><p lang="en">{ error.to_string() }</p></Notice> }
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
    /// Whether the progress store already holds this place for `module`, or never will: a
    /// record from a newer PeerPath is left untouched (the player says so), so play opens
    /// without it.
    fn is_held(&self, book: &ProgressBook, module: &str) -> bool {
        if !book.may_save(module) {
            return true;
        }
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

/// Connects to the platform, then shows the module.
#[component]
fn Launched(props: &LaunchedProps) -> Html {
    use_title(props.module.title.clone());
    let t = use_lang().launch();
    let store = use_context::<Rc<Store>>();
    let connection = use_state(|| None::<Rc<Connection>>);
    {
        let connection = connection.clone();
        let (standard, module) = (props.standard, props.module.clone());
        use_effect_with((), move |_| {
            let store = store.unwrap_or_else(|| Rc::new(Store::in_memory()));
            wasm_bindgen_futures::spawn_local(async move {
                connection.set(Some(Rc::new(connect(standard, module, store).await)));
            });
        });
    }
    match &*connection {
        None => html! {
            <p class="loading page" role="status">{ t.connecting }</p>
        },
        Some(connection) => html! {
            <Reporting module={props.module.clone()} standard={props.standard} fresh={props.fresh.clone()} connection={connection.clone()} />
        },
    }
}

#[derive(Properties)]
struct ReportingProps {
    /// The module the package plays.
    module: Rc<Module>,
    /// How it reports.
    standard: Standard,
    /// A newly started player, for a fresh attempt.
    fresh: Fresh,
    /// The platform, connected once.
    connection: Rc<Connection>,
}

impl PartialEq for ReportingProps {
    fn eq(&self, other: &Self) -> bool {
        self.module == other.module
            && self.standard == other.standard
            && self.fresh == other.fresh
            && Rc::ptr_eq(&self.connection, &other.connection)
    }
}

/// The module, reported to the connected platform.
#[component]
fn Reporting(props: &ReportingProps) -> Html {
    let module = &props.module;
    let lang = use_lang();
    let t = lang.launch();
    let progress = use_progress();
    let connection = props.connection.clone();
    let refresh = use_force_update();
    {
        let connection = connection.clone();
        use_effect_with((), move |_| {
            if let Reporter::Cmi5(session) = &connection.reporter {
                session
                    .sender()
                    .watch(Rc::new(move || refresh.force_update()));
            }
        });
    }
    // What the platform kept, and the learner's agreement to start afresh when it could
    // not be read.
    let place = use_state(|| match (&connection.reporter, &connection.resume) {
        (Reporter::Alone(_), _) => Ok(Place::Local),
        (_, Ok(Some(resume))) => Ok(Place::Resume(resume.clone())),
        (_, Ok(None)) => Ok(Place::Fresh),
        (_, Err(error)) => Err(error.to_string()),
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
    // The status line reads the reporter's state at each render; a step may change it.
    let problem = use_state(|| None::<Problem>);
    let heading = use_node_ref();
    use_focus(heading.clone(), *playing);
    // The session ends when the page goes away, once, whatever closes it. A page the browser
    // brings back from its back/forward cache has ended its session, so it loads afresh and
    // starts a new one rather than play on unreported.
    {
        let connection = connection.clone();
        use_effect_with((), move |_| {
            let hide = Closure::<dyn FnMut()>::new(move || {
                connection.reporter.finish(js_sys::Date::now());
            });
            let show = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
                let persisted = js_sys::Reflect::get(&event, &"persisted".into())
                    .ok()
                    .and_then(|p| p.as_bool())
                    .unwrap_or(false);
                if let (true, Some(window)) = (persisted, web_sys::window()) {
                    let _ = window.location().reload();
                }
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window
                    .add_event_listener_with_callback("pagehide", hide.as_ref().unchecked_ref());
                let _ = window
                    .add_event_listener_with_callback("pageshow", show.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "pagehide",
                        hide.as_ref().unchecked_ref(),
                    );
                    let _ = window.remove_event_listener_with_callback(
                        "pageshow",
                        show.as_ref().unchecked_ref(),
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
            let resume = Resume {
                attempt: step.attempt,
                assessment: step.assessment,
                session: step.session,
            };
            let scene_title = |id: &str| scene_excerpt(&module, id);
            connection
                .reporter
                .step(&resume, &step.events, scene_title, js_sys::Date::now());
            let now = connection.reporter.problem();
            if *problem != now {
                problem.set(now);
            }
        })
    };
    let toggle = {
        let playing = playing.clone();
        let connection = connection.clone();
        Callback::from(move |_: MouseEvent| {
            if *playing {
                connection.reporter.pause();
            }
            playing.set(!*playing);
        })
    };
    // cmi5: the LMS may name a page to return to; leaving ends the session there, once the
    // statements are sent (or after a few seconds: they wait in the browser either way).
    let leave = connection.reporter.return_url().map(|url| {
        let connection = connection.clone();
        Callback::from(move |_: MouseEvent| {
            connection.reporter.finish(js_sys::Date::now());
            let (connection, url) = (connection.clone(), url.clone());
            wasm_bindgen_futures::spawn_local(async move {
                for _ in 0..50 {
                    if connection.reporter.waiting() == 0 {
                        break;
                    }
                    crate::lms::xapi::sleep(100).await;
                }
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(&url);
                }
            });
        })
    });
    let start_afresh = {
        let place = place.clone();
        Callback::from(move |_: MouseEvent| place.set(Ok(Place::Fresh)))
    };
    let connected = connection.reporter.is_connected();
    let reporting = if connected && !connection.reporter.counts() {
        t.browse_only.to_owned()
    } else if connected {
        (t.reported_to)(props.standard.label())
    } else {
        t.no_platform.to_owned()
    };
    let waiting = match &connection.reporter {
        Reporter::Cmi5(session) => session.sender().progress().waiting,
        _ => 0,
    };
    let problem = connection.reporter.problem();
    let problem_line = problem.as_ref().map(|problem| {
        let sentence = if connected {
            t.reporting_problem
        } else {
            t.launch_unusable
        };
        match problem.describe(lang) {
            (detail, true) => with_english(sentence, detail),
            (words, false) => html! { { sentence(words) } },
        }
    });
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
                    <p>{ with_english(t.unreadable_place, reason) }</p>
                </Notice>
                <div class="actions">
                    <button type="button" class="button button-primary" onclick={start_afresh}>
                        { t.start_from_beginning }
                    </button>
                </div>
            </article>
        },
        // A newer PeerPath's record in this browser: the store would not follow the platform,
        // so playing here could write over the place the platform keeps. Say so instead.
        Ok(Place::Resume(_) | Place::Fresh) if !progress.book().may_save(&module.id) => html! {
            <article class="page narrow intro">
                <h1 ref={heading} tabindex="-1">{ &module.title }</h1>
                <Notice kind={NoticeKind::Problem}>
                    <p>{ t.newer_record }</p>
                </Notice>
            </article>
        },
        Ok(_) if !ready => {
            html! { <p class="loading page" role="status">{ t.opening_place }</p> }
        }
        Ok(_) if *playing => html! {
            <Player module={module.clone()} fresh={props.fresh.clone()} {on_step} to_site_lrs={false} map_link={false} />
        },
        Ok(_) => html! {
            <article class="page narrow intro">
                <h1 ref={heading} tabindex="-1">{ &module.title }</h1>
                <section class="content-note" aria-labelledby="content-note-heading">
                    <h2 id="content-note-heading">{ t.content_note_heading }</h2>
                    <Markdown prose={module.content_note.clone()} />
                    <p>{
                        if connected {
                            t.pause_platform
                        } else {
                            t.pause_browser
                        }
                    }</p>
                </section>
                <div class="actions">
                    <button type="button" class="button button-primary" onclick={toggle.clone()}>
                        { if resuming { t.resume } else { t.start } }
                    </button>
                    if let Some(leave) = leave {
                        <button type="button" class="button button-quiet leave" onclick={leave}>
                            { t.return_to_course }
                        </button>
                    }
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
                        { t.pause }<span class="visually-hidden">{ t.place_kept }</span>
                    </button>
                }
            </div>
            { body }
            <p class="launch-status" role="status">
                { reporting }
                if waiting > 0 {
                    { (t.waiting)(waiting) }
                }
                if let Some(problem) = problem_line {
                    { problem }
                }
            </p>
        </div>
    }
}
