use peerpath_engine::Status;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::{use_lang, Lang};
use crate::route::Route;

fn status_label(lang: Lang, status: Status) -> String {
    let s = lang.learner();
    match status {
        Status::NotStarted => s.not_started.into(),
        Status::InProgress => s.in_progress.into(),
        Status::Completed(best) => (s.completed_best)(s.outcome(best)),
    }
}

#[derive(Properties, PartialEq)]
pub struct ModuleCardProps {
    /// The module's id, for its link.
    pub id: AttrValue,
    /// The module's title, linked to its introduction.
    pub title: AttrValue,
    /// What the module is about, in a few words.
    pub topic: AttrValue,
    /// Who it is for, already in words.
    pub audience: AttrValue,
    /// About how long one play-through takes.
    pub minutes: u32,
    /// What may be hard to read in it.
    pub content_note: AttrValue,
    /// Where the learner stands in it.
    pub status: Status,
    /// Whether the module's own text (title, topic, content note) is in the interface's
    /// language; when it is not, it is marked as English and the card says so.
    #[prop_or(true)]
    pub translated: bool,
    /// Anything more the card must say (a translation that could not be used).
    #[prop_or_default]
    pub children: Html,
}

/// A module in the catalog: what it is, for whom, how long, and where the learner stands.
#[component]
pub fn ModuleCard(props: &ModuleCardProps) -> Html {
    let lang = use_lang();
    let s = lang.learner();
    // The module's own words, in English when there is no translation: marked for screen
    // readers, which then read them with an English voice.
    let module_lang = (!props.translated).then_some("en");
    html! {
        <li class="card">
            <h2 class="card-title" lang={module_lang}>
                <Link<Route> to={Route::Intro { id: props.id.to_string() }}>{ &props.title }</Link<Route>>
            </h2>
            <p class="card-meta">
                <span lang={module_lang}>{ &props.topic }</span>{ " · " }
                <span>{ &props.audience }</span>{ " · " }
                <span>{ (s.about_minutes)(props.minutes) }</span>
                if !props.translated {
                    { " · " }<span class="card-language">{ lang.common().only_in_english }</span>
                }
            </p>
            <p class="card-note"><strong>{ s.content_note_lead }</strong><span lang={module_lang}>{ &props.content_note }</span></p>
            <p class="card-status">{ status_label(lang, props.status) }</p>
            { props.children.clone() }
        </li>
    }
}
