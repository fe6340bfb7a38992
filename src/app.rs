//! The app's frame: shared context, the router, and the header that is always there.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::CatalogProvider;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::components::site_notice::SiteNotice;
use crate::components::storage_banner::StorageBanner;
use crate::pages::audience::AudiencePage;
use crate::pages::catalog::CatalogPage;
use crate::pages::embed::EmbedPage;
use crate::pages::intro::IntroPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::play::PlayPage;
use crate::pages::preview::PreviewPage;
use crate::pages::progress::ProgressPage;
use crate::pages::share::SharePage;
use crate::pages::summary::SummaryPage;
use crate::pages::trainer::TrainerPage;
use crate::route::Route;
use crate::storage::Store;

fn switch(route: Route) -> Html {
    match route {
        Route::Catalog => html! { <CatalogPage /> },
        Route::Intro { id } => html! { <IntroPage {id} /> },
        Route::Play { id } => html! { <PlayPage {id} /> },
        Route::Progress => html! { <ProgressPage /> },
        Route::Trainer { id } => html! { <TrainerPage {id} /> },
        Route::Audience { id } => html! { <AudiencePage {id} /> },
        Route::Embed { id } => html! { <EmbedPage {id} /> },
        Route::Share { id } => html! { <SharePage {id} /> },
        Route::Preview => html! { <PreviewPage /> },
        Route::Summary { id } => html! { <SummaryPage {id} /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

#[component]
pub fn App() -> Html {
    // Opened once: storage access lives in `storage`, shared through context.
    let store = use_memo((), |_| {
        let store = Store::open();
        store.request_persistence();
        store
    });
    html! {
        <ContextProvider<Rc<Store>> context={store}>
            <CatalogProvider>
                <HashRouter>
                    <a class="skip-link" href="#main">{ "Skip to content" }</a>
                    <SiteHeader />
                    <SiteNotice />
                    <StorageBanner />
                    <main id="main" tabindex="-1">
                        <Switch<Route> render={switch} />
                    </main>
                    <SiteFooter />
                </HashRouter>
            </CatalogProvider>
        </ContextProvider<Rc<Store>>>
    }
}
