//! The app's frame: shared context, the router, and the header that is always there.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::CatalogProvider;
use crate::components::progress_provider::ProgressProvider;
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
        // Keyed by module, so going from one module's page to another's starts afresh
        // instead of keeping the first module's state.
        Route::Intro { id } => html! { <IntroPage key={id.clone()} id={id.clone()} /> },
        Route::Play { id } => html! { <PlayPage key={id.clone()} id={id.clone()} /> },
        Route::Progress => html! { <ProgressPage /> },
        Route::Trainer { id } => html! { <TrainerPage key={id.clone()} id={id.clone()} /> },
        Route::Audience { id } => html! { <AudiencePage key={id.clone()} id={id.clone()} /> },
        Route::Embed { id } => html! { <EmbedPage key={id.clone()} id={id.clone()} /> },
        Route::Share { id } => html! { <SharePage key={id.clone()} id={id.clone()} /> },
        Route::Preview => html! { <PreviewPage /> },
        Route::Summary { id } => html! { <SummaryPage key={id.clone()} id={id.clone()} /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

#[component]
pub fn App() -> Html {
    // Opened once: storage access lives in `storage`, shared through context.
    let store = use_memo((), |_| {
        let store = Rc::new(Store::open());
        store.request_persistence();
        store
    });
    html! {
        <ContextProvider<Rc<Store>> context={(*store).clone()}>
        <ProgressProvider store={(*store).clone()}>
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
        </ProgressProvider>
        </ContextProvider<Rc<Store>>>
    }
}
