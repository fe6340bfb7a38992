//! The site's LRS sender (`[xapi]` in `site.toml`), shared by every page: opened once the
//! site configuration is read, it sends at once whatever an earlier visit left waiting (a
//! closed tab, a lost connection), whichever page the learner comes back to.

use std::rc::Rc;

use yew::prelude::*;

use crate::lms::xapi::{Lrs, Sender};
use crate::site::use_site;
use crate::storage::Store;

/// The site's sender, or `None` when the site names no LRS.
pub type SiteLrs = Option<Rc<Sender>>;

#[derive(Properties, PartialEq)]
pub struct LrsProviderProps {
    /// Everything that may report to the LRS.
    pub children: Html,
}

/// Holds the site's LRS sender for everything below it.
#[component]
pub fn LrsProvider(props: &LrsProviderProps) -> Html {
    let site = use_site();
    let store = use_context::<Rc<Store>>();
    let sender = use_memo(site.config.xapi.clone(), move |config| {
        let config = config.as_ref()?;
        let authorization = basic(&config.key, &config.secret)?;
        Some(Sender::open(
            Lrs::new(&config.endpoint, authorization),
            store?,
        ))
    });
    html! {
        <ContextProvider<Wrapped> context={Wrapped((*sender).clone())}>
            { props.children.clone() }
        </ContextProvider<Wrapped>>
    }
}

/// The context value: the sender, compared by identity.
#[derive(Clone)]
pub struct Wrapped(pub SiteLrs);

impl PartialEq for Wrapped {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// HTTP Basic credentials (`Basic base64(key:secret)`), by the browser's `btoa`; `None` for
/// characters it cannot encode (outside Latin-1).
fn basic(key: &str, secret: &str) -> Option<String> {
    let encoded = web_sys::window()?.btoa(&format!("{key}:{secret}")).ok()?;
    Some(format!("Basic {encoded}"))
}
