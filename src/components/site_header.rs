use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::language_switcher::LanguageSwitcher;
use crate::i18n::use_lang;
use crate::route::Route;
use crate::site::use_site;

/// The header on every page. While a module is playing it holds the way to pause and leave,
/// always in view.
#[component]
pub fn SiteHeader() -> Html {
    let route = use_route::<Route>();
    let site = use_site();
    let s = use_lang().common();
    // The projector shows the room only the scene.
    if matches!(route, Some(Route::Audience { .. } | Route::Embed { .. }))
        || crate::lms::launch().is_some()
    {
        return html! {};
    }
    let playing = matches!(route, Some(Route::Play { .. }));
    let leave = match route {
        Some(Route::Play { id }) => html! {
            <Link<Route> classes="button button-quiet pause" to={Route::Intro { id }}>
                { s.pause_and_leave }<span class="visually-hidden">{ s.progress_is_saved }</span>
            </Link<Route>>
        },
        _ => html! {},
    };
    html! {
        <header class={classes!("site-header", playing.then_some("playing"))}>
            <nav aria-label={s.site_nav}>
                <Link<Route> classes="brand" to={Route::Catalog}>
                    if let Some(logo) = &site.config.logo {
                        <img class="brand-logo" src={logo.clone()} alt="" />
                    }
                    { &site.config.title }
                </Link<Route>>
                <Link<Route> classes="nav-link" to={Route::Catalog}>{ s.all_modules }</Link<Route>>
                <Link<Route> classes="nav-link" to={Route::Progress}>{ s.my_progress }</Link<Route>>
            </nav>
            <div class="header-actions">
                <LanguageSwitcher />
                { leave }
            </div>
        </header>
    }
}
