use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::use_focus::use_focus;
use crate::hooks::use_title::use_title;
use crate::i18n::use_lang;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct NotFoundPageProps {
    /// What was asked for, when known (a module id).
    #[prop_or_default]
    pub what: Option<AttrValue>,
}

/// An address that leads nowhere, or a module that is not in the catalog.
#[component]
pub fn NotFoundPage(props: &NotFoundPageProps) -> Html {
    let s = use_lang().learner();
    use_title(s.not_found_title.into());
    let heading = use_node_ref();
    use_focus(heading.clone(), props.what.clone());
    html! {
        <article class="page narrow">
            <h1 ref={heading} tabindex="-1">{ s.not_found_heading }</h1>
            if let Some(what) = &props.what {
                <p>{ (s.no_such_module)(what) }</p>
            } else {
                <p>{ s.address_mistyped }</p>
            }
            <p><Link<Route> classes="button" to={Route::Catalog}>{ s.see_all_modules }</Link<Route>></p>
        </article>
    }
}
