//! The app's frame: shared context, the router, and the header that is always there.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::CatalogProvider;
use crate::components::lrs_provider::LrsProvider;
use crate::components::progress_provider::ProgressProvider;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::components::site_notice::SiteNotice;
use crate::components::storage_banner::StorageBanner;
use crate::components::update_notice::UpdateNotice;
use crate::i18n::{use_lang, InModuleLanguage, LanguageProvider};
use crate::pages::audience::AudiencePage;
use crate::pages::catalog::CatalogPage;
use crate::pages::embed::EmbedPage;
use crate::pages::intro::IntroPage;
use crate::pages::launch::LaunchPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::path::PathPage;
use crate::pages::play::PlayPage;
use crate::pages::preview::PreviewPage;
use crate::pages::progress::ProgressPage;
use crate::pages::share::SharePage;
use crate::pages::summary::SummaryPage;
use crate::pages::trainer::TrainerPage;
use crate::route::Route;
use crate::storage::Store;

/// The learner's pages: everything a learner needs to find, play and embed a module. The
/// main wasm (`src/main.rs`) renders these; every other route opens the tools page.
pub fn learner(route: Route) -> Html {
    match route {
        Route::Catalog => html! { <CatalogPage /> },
        // Keyed by module, so going from one module's page to another's starts afresh
        // instead of keeping the first module's state.
        Route::Intro { id } => html! {
            <InModuleLanguage key={id.clone()} id={id.clone()}><IntroPage id={id.clone()} /></InModuleLanguage>
        },
        Route::Play { id } => html! {
            <InModuleLanguage key={id.clone()} id={id.clone()}><PlayPage id={id.clone()} /></InModuleLanguage>
        },
        Route::Embed { id } => html! {
            <InModuleLanguage key={id.clone()} id={id.clone()}><EmbedPage id={id.clone()} /></InModuleLanguage>
        },
        Route::NotFound => html! { <NotFoundPage /> },
        other => html! { <OtherPage page={Page::Tools} route={other} /> },
    }
}

/// The tools: trainer mode, the audience view, My progress, the completion summary, the map
/// of a finished play-through, the author preview and the embed snippet. A second wasm (`src/bin/tools.rs`, `tools.html`),
/// loaded only when one of them is opened, so a learner never downloads them to play.
pub fn tools(route: Route) -> Html {
    match route {
        Route::Progress => html! { <ProgressPage /> },
        Route::Trainer { id } => html! {
            <InModuleLanguage key={id.clone()} id={id.clone()}><TrainerPage id={id.clone()} /></InModuleLanguage>
        },
        Route::Audience { id } => html! {
            <InModuleLanguage key={id.clone()} id={id.clone()}><AudiencePage id={id.clone()} /></InModuleLanguage>
        },
        Route::Share { id } => html! { <SharePage key={id.clone()} id={id.clone()} /> },
        Route::Preview => html! { <PreviewPage /> },
        Route::Summary { id } => html! {
            <InModuleLanguage key={id.clone()} id={id.clone()}><SummaryPage id={id.clone()} /></InModuleLanguage>
        },
        Route::Path { id } => html! {
            <InModuleLanguage key={id.clone()} id={id.clone()}><PathPage id={id.clone()} /></InModuleLanguage>
        },
        Route::NotFound => html! { <NotFoundPage /> },
        other => html! { <OtherPage page={Page::Learner} route={other} /> },
    }
}

/// A package's launch page (`peerpath package`): its one module, reported to the learning
/// platform, whatever the address says. A third wasm (`src/bin/lms.rs`), in packages only, so
/// learners on the site never download the SCORM and cmi5 runtime.
pub fn launch(_: Route) -> Html {
    match crate::lms::launch() {
        Some(launch) => html! { <LaunchPage {launch} /> },
        None => html! { <NotFoundPage /> },
    }
}

/// The two pages the app is built as.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    /// `index.html` (or the folder itself): the learner's pages.
    Learner,
    /// `tools.html`: trainer mode, My progress, the summary, the preview, the embed snippet.
    Tools,
    /// A package's launch page (`scorm.html`, `cmi5.html`).
    Launch,
}

/// The tools page's file name, beside `index.html`.
pub const TOOLS_PAGE: &str = "tools.html";

impl Page {
    /// The page's address relative to either page: both sit in the same folder.
    pub fn href(self) -> &'static str {
        match self {
            Page::Learner | Page::Launch => "./",
            Page::Tools => TOOLS_PAGE,
        }
    }
}

#[derive(Properties, PartialEq)]
struct OtherPageProps {
    page: Page,
    route: Route,
}

/// A route the other page renders: opens it at the same address (replacing this history
/// entry, so Back goes where the learner came from).
#[component]
fn OtherPage(props: &OtherPageProps) -> Html {
    let target = format!("{}#{}", props.page.href(), props.route.to_path());
    use_effect_with(target.clone(), |target| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().replace(target);
        }
    });
    let s = use_lang().common();
    html! { <p class="loading page" role="status">{ s.opening_page }</p> }
}

/// The first thing a keyboard reaches: straight to the page's content.
#[component]
fn SkipLink() -> Html {
    let s = use_lang().common();
    html! { <a class="skip-link" href="#main">{ s.skip_to_content }</a> }
}

#[derive(Properties)]
pub struct AppProps {
    /// The pages this build renders: [`learner`], [`tools`] or [`launch`].
    pub pages: fn(Route) -> Html,
    /// Which page this is.
    pub page: Page,
}

impl PartialEq for AppProps {
    /// The root's props are set once, when the app mounts, and never change.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    // Opened once: storage access lives in `storage`, shared through context.
    let store = use_memo((), |_| {
        let store = Rc::new(Store::open());
        store.request_persistence();
        store
    });
    html! {
        <ContextProvider<Rc<Store>> context={(*store).clone()}>
        <LanguageProvider>
        <ProgressProvider store={(*store).clone()}>
            <CatalogProvider>
            <LrsProvider enabled={props.page == Page::Learner}>
                <HashRouter>
                    <SkipLink />
                    <SiteHeader />
                    <SiteNotice />
                    <StorageBanner />
                    <UpdateNotice enabled={props.page != Page::Launch} />
                    <main id="main" tabindex="-1">
                        <Switch<Route> render={props.pages} />
                    </main>
                    <SiteFooter />
                </HashRouter>
            </LrsProvider>
            </CatalogProvider>
        </ProgressProvider>
        </LanguageProvider>
        </ContextProvider<Rc<Store>>>
    }
}
