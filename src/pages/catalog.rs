use peerpath_engine::Status;
use yew::prelude::*;

use crate::catalog::{use_catalog, Catalog, EntryStatus};
use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::module_card::ModuleCard;
use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_title::use_title;

/// Every module the site offers, with the learner's standing in each.
#[component]
pub fn CatalogPage() -> Html {
    use_title("Modules".into());
    let catalog = use_catalog();
    let progress = use_progress();
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let body = match &*catalog {
        Catalog::Loading => html! { <p class="loading" role="status">{ "Loading modules…" }</p> },
        Catalog::Failed(reason) => html! {
            <Notice kind={NoticeKind::Problem}>
                <p>{ "The list of modules could not be loaded, so there is nothing to show yet." }</p>
                <p>{ reason }</p>
            </Notice>
        },
        Catalog::Ready(entries) => html! {
            <ul class="cards">
                { for entries.iter().map(|entry| match &entry.status {
                    EntryStatus::Ready(listing) => {
                        let module = &listing.summary;
                        let status = progress
                            .book()
                            .progress(&module.id)
                            .map_or(Status::NotStarted, |progress| progress.status());
                        let audience = module.audience.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ");
                        html! {
                            <ModuleCard
                                key={module.id.clone()}
                                id={module.id.clone()}
                                title={module.title.clone()}
                                topic={module.topic.clone()}
                                {audience}
                                minutes={module.minutes}
                                content_note={module.content_note.plain_text()}
                                {status}
                            />
                        }
                    }
                    EntryStatus::Invalid(diagnostics) => html! {
                        <li class="card card-broken" key={entry.file.clone()}>
                            <h2 class="card-title">{ format!("{} can't be opened", entry.file) }</h2>
                            <p>{ "This module file has problems its author needs to fix:" }</p>
                            <DiagnosticsList file={entry.file.clone()} diagnostics={diagnostics.clone()} />
                        </li>
                    },
                    EntryStatus::Unavailable(reason) => html! {
                        <li class="card card-broken" key={entry.file.clone()}>
                            <h2 class="card-title">{ format!("{} can't be opened", entry.file) }</h2>
                            <p>{ reason }</p>
                        </li>
                    },
                }) }
            </ul>
        },
    };
    html! {
        <article class="page">
            <h1 ref={heading} tabindex="-1">{ "Practice modules" }</h1>
            <p class="lede">{ "Short scenarios for the judgement calls of peer support work. Each one shows you a situation, asks what you would do, and explains why. Take your time: there is no clock, and you can pause whenever you need to." }</p>
            { body }
        </article>
    }
}
