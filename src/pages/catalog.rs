use peerpath_engine::Status;
use yew::prelude::*;

use crate::catalog::{use_catalog, Catalog, EntryStatus, TranslationState};
use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::module_card::ModuleCard;
use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_title::use_title;
use crate::i18n::use_lang;

/// Every module the site offers, with the learner's standing in each.
#[component]
pub fn CatalogPage() -> Html {
    let lang = use_lang();
    let s = lang.learner();
    use_title(s.catalog_title.into());
    let catalog = use_catalog();
    let progress = use_progress();
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let body = match &*catalog {
        Catalog::Loading => html! { <p class="loading" role="status">{ s.loading_modules }</p> },
        Catalog::Failed(reason) => html! {
            <Notice kind={NoticeKind::Problem}>
                <p>{ s.catalog_failed }</p>
                <p lang="en">{ reason }</p>
            </Notice>
        },
        Catalog::Ready(entries) => html! {
            <ul class="cards">
                { for entries.iter().map(|entry| match &entry.status {
                    EntryStatus::Ready(listing) => {
                        let (module, translated) = listing.summary_in(lang);
                        let problem = listing.translation_problem(lang).map(|translation| html! {
                            <div class="card-problem">
                                <p>{ (s.translation_problems)(&translation.file) }</p>
                                { match &translation.state {
                                    TranslationState::Invalid(diagnostics) => html! {
                                        <DiagnosticsList file={translation.file.clone()} diagnostics={diagnostics.clone()} />
                                    },
                                    TranslationState::Unavailable(reason) => html! { <p lang="en">{ reason }</p> },
                                    _ => html! {},
                                } }
                            </div>
                        });
                        let status = progress
                            .book()
                            .progress(&module.id)
                            .map_or(Status::NotStarted, |progress| progress.status());
                        let audience = module.audience.iter().map(|a| s.audience(*a)).collect::<Vec<_>>().join(", ");
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
                                {translated}
                            >
                                { problem.unwrap_or_default() }
                            </ModuleCard>
                        }
                    }
                    EntryStatus::Invalid(diagnostics) => html! {
                        <li class="card card-broken" key={entry.file.clone()}>
                            <h2 class="card-title">{ (s.cannot_open)(&entry.file) }</h2>
                            <p>{ s.author_must_fix }</p>
                            <DiagnosticsList file={entry.file.clone()} diagnostics={diagnostics.clone()} />
                        </li>
                    },
                    EntryStatus::Unavailable(reason) => html! {
                        <li class="card card-broken" key={entry.file.clone()}>
                            <h2 class="card-title">{ (s.cannot_open)(&entry.file) }</h2>
                            <p lang="en">{ reason }</p>
                        </li>
                    },
                }) }
            </ul>
        },
    };
    html! {
        <article class="page">
            <h1 ref={heading} tabindex="-1">{ s.catalog_heading }</h1>
            <p class="lede">{ s.catalog_lede }</p>
            { body }
        </article>
    }
}
