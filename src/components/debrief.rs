use std::collections::BTreeMap;
use std::rc::Rc;

use peerpath_engine::markdown::{safe_href, Prose};
use peerpath_engine::{Ending, Module, Session};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::decision_list::decision_list;
use crate::components::markdown::Markdown;
use crate::components::reflection_notes::ReflectionNotes;
use crate::i18n::use_lang;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct DebriefProps {
    /// The module played.
    pub module: Rc<Module>,
    /// The finished session, for the decisions made.
    pub session: Session,
    /// The ending reached.
    pub ending: Ending,
    /// Reflection notes saved earlier, by key.
    pub notes: BTreeMap<String, String>,
    /// Called with (key, text) as the learner writes a reflection note.
    pub on_note: Callback<(String, String)>,
    /// Whether to offer the map of this play-through (not in an author's preview, which
    /// saves nothing, nor in a package, which has no map page).
    #[prop_or(true)]
    pub map_link: bool,
}

/// After an ending: every decision with its feedback, the way to the map of this path beside
/// the roads not taken, the takeaways, reflection prompts with room to write, and the sources
/// the module rests on.
#[component]
pub fn Debrief(props: &DebriefProps) -> Html {
    let s = use_lang().learner();
    let decisions = props.session.decisions(&props.module);
    let references: Vec<_> = props
        .ending
        .references
        .iter()
        .filter_map(|id| props.module.source(id))
        .collect();
    html! {
        <div class="debrief">
            <section aria-labelledby="decisions-heading">
                <h3 id="decisions-heading">{ s.your_decisions }</h3>
                { decision_list(&decisions, true) }
            </section>
            if props.map_link {
                // The map is a page of the tools bundle (about 30 KB brotli of layout and
                // drawing code), so a learner who plays never downloads it; the attempt just
                // finished is already in progress, which that page reads.
                <section class="debrief-map" aria-labelledby="debrief-map-heading">
                    <h3 id="debrief-map-heading">{ s.map_heading }</h3>
                    <p>{ s.map_lede }</p>
                    <p><Link<Route> classes="button" to={Route::Path { id: props.module.id.clone() }}>{ s.see_the_map }</Link<Route>></p>
                </section>
            }
            { prose_list("takeaways", s.takeaways, &props.ending.takeaways) }
            <ReflectionNotes
                ending={props.ending.id.clone()}
                prompts={props.ending.reflection.clone()}
                notes={props.notes.clone()}
                on_note={props.on_note.clone()}
            />
            if !references.is_empty() {
                <section aria-labelledby="references-heading">
                    <h3 id="references-heading">{ s.where_from }</h3>
                    <ul class="references">
                        { for references.iter().map(|source| {
                            let href = source.url.as_deref().and_then(safe_href);
                            html! {
                                <li key={source.id.clone()}>
                                    if let Some(href) = href {
                                        <a {href} rel="noopener noreferrer">{ &source.title }</a>
                                    } else {
                                        { &source.title }
                                    }
                                    if let Some(note) = &source.note {
                                        { " — " }{ note }
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }
        </div>
    }
}

/// A headed list of short Markdown items, or nothing when there are none.
fn prose_list(key: &str, heading: &str, items: &[Prose]) -> Html {
    if items.is_empty() {
        return html! {};
    }
    let heading_id = format!("{key}-heading");
    html! {
        <section aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ heading }</h3>
            <ul>
                { for items.iter().map(|item| html! { <li><Markdown prose={item.clone()} heading_base={4} /></li> }) }
            </ul>
        </section>
    }
}
