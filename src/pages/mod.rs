pub mod audience;
pub mod catalog;
pub mod embed;
pub mod intro;
pub mod not_found;
pub mod play;
pub mod preview;
pub mod progress;
pub mod share;
pub mod summary;
pub mod trainer;

use std::rc::Rc;

use peerpath_engine::Module;
use yew::prelude::*;

use crate::catalog::{Catalog, EntryStatus};
use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::notice::{Notice, NoticeKind};
use not_found::NotFoundPage;

/// Renders `page` with the module `id` once the catalog has it; otherwise the right message:
/// still loading, not on this site, or a module file that failed to load (with its problems).
pub(crate) fn with_module(
    catalog: &Catalog,
    id: &str,
    page: impl FnOnce(&Rc<Module>) -> Html,
) -> Html {
    let entry = match catalog {
        Catalog::Loading => {
            return html! { <p class="loading page" role="status">{ "Loading the module…" }</p> }
        }
        Catalog::Failed(reason) => {
            return html! {
                <article class="page narrow">
                    <h1>{ "Modules could not be loaded" }</h1>
                    <Notice kind={NoticeKind::Problem}><p>{ reason }</p></Notice>
                </article>
            }
        }
        Catalog::Ready(_) => catalog.entry(id),
    };
    let Some(entry) = entry else {
        return html! { <NotFoundPage what={AttrValue::from(id.to_owned())} /> };
    };
    match &entry.status {
        EntryStatus::Ready(module) => page(module),
        EntryStatus::Invalid(diagnostics) => html! {
            <article class="page narrow">
                <h1>{ "This module can't be opened" }</h1>
                <p>{ format!("The module file {} has problems that its author needs to fix. Everything else on the site still works.", entry.file) }</p>
                <DiagnosticsList file={entry.file.clone()} diagnostics={diagnostics.clone()} />
            </article>
        },
        EntryStatus::Unavailable(reason) => html! {
            <article class="page narrow">
                <h1>{ "This module can't be opened" }</h1>
                <Notice kind={NoticeKind::Problem}><p>{ reason }</p></Notice>
            </article>
        },
    }
}
