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
    use_title(format!("Completion summary: {}", module.title));
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
                <h1 ref={heading} tabindex="-1">{ "Completion summary" }</h1>
                <p>{ format!("“{}” has not been completed on this device yet.", module.title) }</p>
                <p><Link<Route> classes="button" to={Route::Intro { id: module.id.clone() }}>{ "Open the module" }</Link<Route>></p>
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
    let total_time = minutes(attempts.iter().map(|a| a.active_ms).sum());
    html! {
        <article class="page narrow summary">
            <h1 ref={heading} tabindex="-1">{ "Completion summary" }</h1>
            <div class="no-print">
                <label for="learner-name">{ "Your name, as it should appear on the printout" }</label>
                <input id="learner-name" type="text" autocomplete="name" value={(*name).clone()} {oninput} />
                <p class="hint">{ "Your name is not saved anywhere; it is only put on this page." }</p>
            </div>
            <dl class="summary-facts">
                <dt>{ "Name" }</dt><dd class="learner-name">{ if name.is_empty() { "—".to_owned() } else { (*name).clone() } }</dd>
                <dt>{ "Module" }</dt><dd>{ &module.title }</dd>
                <dt>{ "Completed on" }</dt><dd>{ date(latest.finished_at) }</dd>
                <dt>{ "Outcome of the latest attempt" }</dt><dd><OutcomeBadge outcome={latest.outcome} /></dd>
                <dt>{ "Latest attempt played in" }</dt><dd>{ if latest.assessment { "assessment mode (feedback held until the end)" } else { "practice mode (feedback after each decision)" } }</dd>
                <dt>{ "Attempts in assessment mode" }</dt><dd>{ attempts.iter().filter(|a| a.assessment).count() }</dd>
                <dt>{ "Best outcome" }</dt><dd><OutcomeBadge outcome={best} /></dd>
                <dt>{ "Attempts finished" }</dt><dd>{ attempts.len() }</dd>
                <dt>{ "Time spent, all attempts" }</dt><dd>{ total_time }</dd>
            </dl>
            <h2>{ "What this module practises" }</h2>
            <ul>{ for module.objectives.iter().map(|o| html! { <li><Markdown prose={o.clone()} /></li> }) }</ul>
            <div class="actions no-print">
                <button type="button" class="button button-primary" onclick={print}>{ "Print this summary" }</button>
                <Link<Route> classes="button" to={Route::Progress}>{ "Back to my progress" }</Link<Route>>
            </div>
        </article>
    }
}
