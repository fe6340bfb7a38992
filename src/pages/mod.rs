pub mod audience;
pub mod catalog;
pub mod embed;
pub mod intro;
pub mod launch;
pub mod not_found;
pub mod path;
pub mod play;
pub mod preview;
pub mod progress;
pub mod share;
pub mod summary;
pub mod trainer;

use std::rc::Rc;

use peerpath_engine::{Diagnostic, Module};
use yew::prelude::*;

use crate::catalog::Found;
use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::notice::{Notice, NoticeKind};
use crate::i18n::use_lang;
use not_found::NotFoundPage;

/// Renders `page` with the module `id` once it is here (see `catalog::use_module`);
/// otherwise the right message: still loading, not on this site, or a module file that
/// failed to load (with its problems).
pub(crate) fn with_module(found: &Found, id: &str, page: impl FnOnce(&Rc<Module>) -> Html) -> Html {
    match found {
        Found::Ready(module) => page(module),
        Found::Loading => html! { <ModuleLoading /> },
        Found::CatalogFailed(reason) => html! {
            <ProblemPage problem={Problem::CatalogFailed} reason={reason.clone()} />
        },
        Found::NotFound => html! { <NotFoundPage what={AttrValue::from(id.to_owned())} /> },
        Found::Invalid { file, diagnostics } => html! {
            <ModuleInvalid file={file.clone()} diagnostics={diagnostics.clone()} />
        },
        Found::Unavailable(reason) => html! {
            <ProblemPage problem={Problem::Unavailable} reason={reason.clone()} />
        },
    }
}

// The messages are components so they can read the language (`with_module` is not one).

#[component]
fn ModuleLoading() -> Html {
    let s = use_lang().learner();
    html! { <p class="loading page" role="status">{ s.loading_module }</p> }
}

/// What kept a module's page from showing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The list of modules could not be read.
    CatalogFailed,
    /// The module's file or data could not be fetched or read.
    Unavailable,
    /// The engine would not start the module.
    CannotStart,
}

#[derive(Properties, PartialEq)]
pub(crate) struct ProblemPageProps {
    /// What went wrong, which sets the heading.
    pub problem: Problem,
    /// Why, in the app's or the engine's technical English.
    pub reason: AttrValue,
}

/// A page that could not be shown, and why (the reason stays English, marked so).
#[component]
pub(crate) fn ProblemPage(props: &ProblemPageProps) -> Html {
    let s = use_lang().learner();
    html! {
        <article class="page narrow">
            <h1>{ match props.problem {
                Problem::CatalogFailed => s.modules_failed,
                Problem::Unavailable => s.module_cannot_open,
                Problem::CannotStart => s.cannot_start,
            } }</h1>
            <Notice kind={NoticeKind::Problem}><p lang="en">{ &props.reason }</p></Notice>
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct ModuleInvalidProps {
    /// The module file's name.
    file: AttrValue,
    /// Everything the checker found in it.
    diagnostics: Vec<Diagnostic>,
}

#[component]
fn ModuleInvalid(props: &ModuleInvalidProps) -> Html {
    let s = use_lang().learner();
    html! {
        <article class="page narrow">
            <h1>{ s.module_cannot_open }</h1>
            <p>{ (s.module_file_problems)(&props.file) }</p>
            <DiagnosticsList file={props.file.clone()} diagnostics={props.diagnostics.clone()} />
        </article>
    }
}
