use std::rc::Rc;

use peerpath_engine::map::decisions_of;
use peerpath_engine::progress::Attempt;
use peerpath_engine::{Module, Target};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::use_module;
use crate::components::map_details::MapDetails;
use crate::components::outcome_badge::OutcomeBadge;
use crate::components::scenario_map::ScenarioMap;
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_roads::{use_roads, Roads};
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
    // The attempt the address asks for (`#/path/<id>?attempt=<attempt id>`), else the latest.
    let wanted = crate::route::address_query("attempt");
    let attempt = wanted
        .and_then(|id| attempts.iter().find(|a| a.id == id))
        .or_else(|| {
            attempts
                .iter()
                .max_by(|a, b| a.finished_at.total_cmp(&b.finished_at))
        })
        .cloned();
    let path = attempt
        .as_ref()
        .map(|a| decisions_of(module, &a.decisions))
        .unwrap_or_default();
    let Roads {
        sketch,
        marks,
        path,
        recommended,
    } = use_roads(module, path, None, true);
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
