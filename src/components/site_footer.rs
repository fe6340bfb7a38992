use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

/// The footer on every page but the projector's.
#[component]
pub fn SiteFooter() -> Html {
    let route = use_route::<Route>();
    if matches!(route, Some(Route::Audience { .. } | Route::Embed { .. }))
        || crate::lms::launch().is_some()
    {
        return html! {};
    }
    html! {
        <footer class="site-footer">
            <p>{ "PeerPath: practice for peer support work. If you need support right now, pause and reach out to someone you trust or your local crisis line." }</p>
            <p><Link<Route> to={Route::Preview}>{ "For module authors: preview a module file" }</Link<Route>></p>
        </footer>
    }
}
