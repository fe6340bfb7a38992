pub mod audience;
pub mod catalog;
pub mod embed;
pub mod intro;
pub mod launch;
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

use crate::catalog::Found;
use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::notice::{Notice, NoticeKind};
use not_found::NotFoundPage;

/// Renders `page` with the module `id` once it is here (see `catalog::use_module`);
/// otherwise the right message: still loading, not on this site, or a module file that
/// failed to load (with its problems).
pub(crate) fn with_module(found: &Found, id: &str, page: impl FnOnce(&Rc<Module>) -> Html) -> Html {
    match found {
        Found::Ready(module) => page(module),
        Found::Loading => {
            html! { <p class="loading page" role="status">{ "Loading the module…" }</p> }
        }
        Found::CatalogFailed(reason) => html! {
            <article class="page narrow">
                <h1>{ "Modules could not be loaded" }</h1>
                <Notice kind={NoticeKind::Problem}><p>{ reason }</p></Notice>
            </article>
        },
        Found::NotFound => html! { <NotFoundPage what={AttrValue::from(id.to_owned())} /> },
        Found::Invalid { file, diagnostics } => html! {
            <article class="page narrow">
                <h1>{ "This module can't be opened" }</h1>
                <p>{ format!("The module file {file} has problems that its author needs to fix. Everything else on the site still works.") }</p>
                <DiagnosticsList file={file.clone()} diagnostics={diagnostics.clone()} />
            </article>
        },
        Found::Unavailable(reason) => html! {
            <article class="page narrow">
                <h1>{ "This module can't be opened" }</h1>
                <Notice kind={NoticeKind::Problem}><p>{ reason }</p></Notice>
            </article>
        },
    }
}
