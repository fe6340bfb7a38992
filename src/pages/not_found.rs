use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::use_focus::use_focus;
use crate::hooks::use_title::use_title;
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
    use_title("Page not found".into());
    let heading = use_node_ref();
    use_focus(heading.clone(), props.what.clone());
    html! {
        <article class="page narrow">
            <h1 ref={heading} tabindex="-1">{ "We can't find that page" }</h1>
            if let Some(what) = &props.what {
                <p>{ format!("There is no module called “{what}” on this site. It may have been renamed or removed.") }</p>
            } else {
                <p>{ "The address may be mistyped, or the page may have moved." }</p>
            }
            <p><Link<Route> classes="button" to={Route::Catalog}>{ "See all modules" }</Link<Route>></p>
        </article>
    }
}
