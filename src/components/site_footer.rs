use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::use_lang;
use crate::route::Route;

/// The footer on every page but the projector's.
#[component]
pub fn SiteFooter() -> Html {
    let route = use_route::<Route>();
    let s = use_lang().common();
    if matches!(route, Some(Route::Audience { .. } | Route::Embed { .. }))
        || crate::lms::launch().is_some()
    {
        return html! {};
    }
    html! {
        <footer class="site-footer">
            <p>{ s.footer_support }</p>
            <p><Link<Route> to={Route::Preview}>{ s.footer_authors }</Link<Route>></p>
        </footer>
    }
}
