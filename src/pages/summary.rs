use std::rc::Rc;

use peerpath_engine::Module;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::use_module;
use crate::components::markdown::Markdown;
use crate::components::outcome_badge::OutcomeBadge;
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_title::use_title;
use crate::i18n::use_lang;
use crate::pages::with_module;
use crate::route::Route;
use crate::text::{date, minutes};

#[derive(Properties, PartialEq)]
pub struct SummaryPageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// A printable record that the learner completed a module: what a supervisor asks to see.
#[component]
pub fn SummaryPage(props: &SummaryPageProps) -> Html {
    let found = use_module(&props.id);
    with_module(
        &found,
        &props.id,
        |module| html! { <Summary module={module.clone()} /> },
    )
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    /// The completed module.
    module: Rc<Module>,
}

#[component]
fn Summary(props: &SummaryProps) -> Html {
    let module = &props.module;
    let lang = use_lang();
    let t = lang.tools();
    use_title((t.summary_title)(&module.title));
    let store = use_progress();
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    // The name is only for this page and its printout: it is never stored.
    let name = use_state(String::new);
    let progress = store.book().progress(&module.id).cloned();
    let attempts = progress
        .as_ref()
        .map(|p| p.attempts.clone())
        .unwrap_or_default();
    let Some(latest) = attempts
        .iter()
        .max_by(|a, b| a.finished_at.total_cmp(&b.finished_at))
    else {
        return html! {
            <article class="page narrow">
                <h1 ref={heading} tabindex="-1">{ t.completion_summary }</h1>
                <p>{ (t.not_completed)(&module.title) }</p>
                <p><Link<Route> classes="button" to={Route::Intro { id: module.id.clone() }}>{ t.open_module }</Link<Route>></p>
            </article>
        };
    };
    let best = progress
        .as_ref()
        .and_then(|p| p.best_outcome())
        .unwrap_or(latest.outcome);
    let oninput = {
        let name = name.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                name.set(input.value());
            }
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let total_time = minutes(lang, attempts.iter().map(|a| a.active_ms).sum());
    html! {
        <article class="page narrow summary">
            <h1 ref={heading} tabindex="-1">{ t.completion_summary }</h1>
            <div class="no-print">
                <label for="learner-name">{ t.name_label }</label>
                <input id="learner-name" type="text" autocomplete="name" value={(*name).clone()} {oninput} />
                <p class="hint">{ t.name_hint }</p>
            </div>
            <dl class="summary-facts">
                <dt>{ t.fact_name }</dt><dd class="learner-name">{ if name.is_empty() { "—".to_owned() } else { (*name).clone() } }</dd>
                <dt>{ t.fact_module }</dt><dd>{ &module.title }</dd>
                <dt>{ t.fact_completed_on }</dt><dd>{ date(lang, latest.finished_at) }</dd>
                <dt>{ t.fact_latest_outcome }</dt><dd><OutcomeBadge outcome={latest.outcome} /></dd>
                <dt>{ t.fact_latest_mode }</dt><dd>{ if latest.assessment { t.latest_in_assessment } else { t.latest_in_practice } }</dd>
                <dt>{ t.fact_assessment_attempts }</dt><dd>{ attempts.iter().filter(|a| a.assessment).count() }</dd>
                <dt>{ t.fact_best }</dt><dd><OutcomeBadge outcome={best} /></dd>
                <dt>{ t.fact_attempts }</dt><dd>{ attempts.len() }</dd>
                <dt>{ t.fact_time }</dt><dd>{ total_time }</dd>
            </dl>
            <h2>{ t.practises }</h2>
            <ul>{ for module.objectives.iter().map(|o| html! { <li><Markdown prose={o.clone()} /></li> }) }</ul>
            <div class="actions no-print">
                <button type="button" class="button button-primary" onclick={print}>{ t.print_summary }</button>
                <Link<Route> classes="button" to={Route::Progress}>{ t.back_to_progress }</Link<Route>>
            </div>
        </article>
    }
}
