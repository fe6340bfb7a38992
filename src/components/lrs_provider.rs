//! The site's LRS (`[xapi]` in `site.toml`), shared by the learner's pages: once the site
//! configuration is read, the reporter's bundle is loaded (see `lms::site_lrs`), and it sends
//! at once whatever an earlier visit left waiting (a closed tab, a lost connection),
//! whichever page the learner comes back to.

use std::rc::Rc;

use yew::prelude::*;

use crate::lms::site_lrs::{LrsConfig, SiteLrs};
use crate::site::use_site;

/// The site's LRS, when the site names one and this page reports to it.
#[derive(Clone)]
pub struct SiteLrsContext(pub Option<Rc<SiteLrs>>);

impl PartialEq for SiteLrsContext {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LrsProviderProps {
    /// Whether this page reports to the site's LRS (the learner's page does; the tools page
    /// and a package's launch page do not).
    pub enabled: bool,
    /// Everything that may report to the LRS.
    pub children: Html,
}

/// The site's address without the page's file name or hash: `https://host/training`.
pub fn site_base() -> Option<String> {
    let location = web_sys::window()?.location();
    let (origin, path) = (location.origin().ok()?, location.pathname().ok()?);
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    Some(format!("{origin}{folder}"))
}

/// Holds the site's LRS for everything below it.
#[component]
pub fn LrsProvider(props: &LrsProviderProps) -> Html {
    let site = use_site();
    let enabled = props.enabled;
    let lrs = use_memo(site.config.xapi.clone(), move |config| {
        let config = config.as_ref().filter(|_| enabled)?;
        let authorization = basic(&config.key, &config.secret)?;
        let config = LrsConfig {
            endpoint: config.endpoint.clone(),
            authorization,
            home_page: site_base()?,
        };
        SiteLrs::load(&config).map(Rc::new)
    });
    html! {
        <ContextProvider<SiteLrsContext> context={SiteLrsContext((*lrs).clone())}>
            { props.children.clone() }
        </ContextProvider<SiteLrsContext>>
    }
}

/// HTTP Basic credentials (`Basic base64(key:secret)`), by the browser's `btoa`; `None` for
/// characters it cannot encode (outside Latin-1).
fn basic(key: &str, secret: &str) -> Option<String> {
    let encoded = web_sys::window()?.btoa(&format!("{key}:{secret}")).ok()?;
    Some(format!("Basic {encoded}"))
}
