use std::rc::Rc;

use peerpath_engine::map::{decisions_of, recommended_path, trail, Sketch};
use peerpath_engine::progress::Attempt;
use peerpath_engine::{Module, Target};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::use_module;
use crate::components::map_details::MapDetails;
use crate::components::outcome_badge::OutcomeBadge;
use crate::components::scenario_map::{MapMarks, ScenarioMap};
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_title::use_title;
use crate::i18n::use_lang;
use crate::pages::with_module;
use crate::route::Route;
use crate::text::date;

#[derive(Properties, PartialEq)]
pub struct PathPageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// The learner's map of a finished play-through: the whole scenario, their path through it
/// with each decision numbered, the recommended path beside it, and the endings they did not
/// reach. Reached from the debrief (the latest play-through) and from My progress (any one,
/// `?attempt=<id>`). Only finished play-throughs have one, so in assessment mode the map
/// never shows before the debrief.
#[component]
pub fn PathPage(props: &PathPageProps) -> Html {
    let found = use_module(&props.id);
    with_module(
        &found,
        &props.id,
        |module| html! { <PathMap module={module.clone()} /> },
    )
}

#[derive(Properties, PartialEq)]
struct PathMapProps {
    /// The module played.
    module: Rc<Module>,
}

/// The attempt the address asks for (`#/path/<id>?attempt=<attempt id>`).
fn attempt_from_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let query = hash.split_once('?')?.1;
    web_sys::UrlSearchParams::new_with_str(query)
        .ok()?
        .get("attempt")
}

#[component]
fn PathMap(props: &PathMapProps) -> Html {
    let module = &props.module;
    let lang = use_lang();
    let m = lang.map();
    let t = lang.tools();
    use_title((m.path_heading)(&module.title));
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let store = use_progress();
    let selected = use_state(|| None::<Target>);
    let attempts: Vec<Attempt> = store
        .book()
        .progress(&module.id)
        .map(|p| p.attempts.clone())
        .unwrap_or_default();
    let wanted = attempt_from_address();
    let attempt = wanted
        .and_then(|id| attempts.iter().find(|a| a.id == id))
        .or_else(|| {
            attempts
                .iter()
                .max_by(|a, b| a.finished_at.total_cmp(&b.finished_at))
        })
        .cloned();
    let roads = use_memo(
        (
            Rc::as_ptr(module) as usize,
            attempt.as_ref().map(|a| a.id.clone()),
        ),
        {
            let module = module.clone();
            let saved = attempt
                .as_ref()
                .map(|a| a.decisions.clone())
                .unwrap_or_default();
            move |_| {
                let path = decisions_of(&module, &saved);
                let recommended = recommended_path(&module);
                let marks = MapMarks {
                    trail: trail(&module, &path),
                    recommended: trail(&module, &recommended),
                    fade_unreached: true,
                    ..MapMarks::default()
                };
                (Rc::new(marks), Rc::new(path), Rc::new(recommended))
            }
        },
    );
    let sketch = use_memo(Rc::as_ptr(module) as usize, {
        let module = module.clone();
        move |_| Sketch::of(&module)
    });
    let actions = html! {
        <div class="actions">
            <Link<Route> classes="button" to={Route::Intro { id: module.id.clone() }}>{ t.open_module }</Link<Route>>
            <Link<Route> classes="button" to={Route::Progress}>{ t.back_to_progress }</Link<Route>>
        </div>
    };
    let Some(attempt) = attempt else {
        return html! {
            <article class="page narrow path-page">
                <h1 ref={heading} tabindex="-1">{ (m.path_heading)(&module.title) }</h1>
                <p>{ (m.no_path)(&module.title) }</p>
                { actions }
            </article>
        };
    };
    let (marks, path, recommended) = (*roads).clone();
    let ending = module
        .endings
        .iter()
        .find(|e| e.id == attempt.ending)
        .map_or_else(|| attempt.ending.clone(), |e| e.title.clone());
    html! {
        <article class="page narrow path-page">
            <h1 ref={heading} tabindex="-1">{ (m.path_heading)(&module.title) }</h1>
            <p>{ (m.path_played)(&date(lang, attempt.finished_at), &ending) }{ " " }<OutcomeBadge outcome={attempt.outcome} /></p>
            <p>{ m.path_how }</p>
            <ScenarioMap id="path-map" {sketch} label={(m.path_heading)(&module.title)} {marks}
                selected={*selected} on_select={{
                    let selected = selected.clone();
                    Callback::from(move |target| selected.set(Some(target)))
                }} />
            if let Some(target) = *selected {
                <MapDetails id="path-map" level={2} module={module.clone()} {target} {path} {recommended} />
            }
            { actions }
        </article>
    }
}
