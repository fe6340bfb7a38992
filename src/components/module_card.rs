use peerpath_engine::{Module, Outcome, Session};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;
use crate::storage::Progress;

/// A learner's standing in a module, as the catalog shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    NotStarted,
    InProgress,
    Completed(Option<Outcome>),
}

impl Standing {
    /// Where the learner stands in `module`, from their saved progress.
    pub fn of(progress: &Progress, module: &Module) -> Standing {
        let unfinished = progress.session.as_ref().is_some_and(|saved| {
            Session::restore(module, saved)
                .is_ok_and(|restored| restored.session.ending(module).is_none())
        });
        match (unfinished, progress.completions) {
            (true, _) => Standing::InProgress,
            (false, 0) => Standing::NotStarted,
            (false, _) => Standing::Completed(progress.best_outcome),
        }
    }

    fn label(self) -> String {
        match self {
            Standing::NotStarted => "Not started".into(),
            Standing::InProgress => "In progress".into(),
            Standing::Completed(Some(best)) => {
                format!("Completed · best: {}", best.label().to_lowercase())
            }
            Standing::Completed(None) => "Completed".into(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ModuleCardProps {
    /// The module's id, for its link.
    pub id: AttrValue,
    pub title: AttrValue,
    pub topic: AttrValue,
    /// Who it is for, already in words.
    pub audience: AttrValue,
    pub minutes: u32,
    /// What may be hard to read in it.
    pub content_note: AttrValue,
    /// The learner's standing.
    pub standing: Standing,
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
            <p class="card-status">{ props.standing.label() }</p>
        </li>
    }
}
