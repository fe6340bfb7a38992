use peerpath_engine::Status;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

fn status_label(status: Status) -> String {
    match status {
        Status::NotStarted => "Not started".into(),
        Status::InProgress => "In progress".into(),
        Status::Completed(best) => format!("Completed · best: {}", best.label().to_lowercase()),
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
}

/// A module in the catalog: what it is, for whom, how long, and where the learner stands.
#[component]
pub fn ModuleCard(props: &ModuleCardProps) -> Html {
    html! {
        <li class="card">
            <h2 class="card-title">
                <Link<Route> to={Route::Intro { id: props.id.to_string() }}>{ &props.title }</Link<Route>>
            </h2>
            <p class="card-meta">
                <span>{ &props.topic }</span>{ " · " }
                <span>{ &props.audience }</span>{ " · " }
                <span>{ format!("about {} minutes", props.minutes) }</span>
            </p>
            <p class="card-note"><strong>{ "Content note: " }</strong>{ &props.content_note }</p>
            <p class="card-status">{ status_label(props.status) }</p>
        </li>
    }
}
