use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::site::use_site;

/// Tells the site's administrator what in `site.toml` could not be used.
#[component]
pub fn SiteNotice() -> Html {
    let site = use_site();
    if site.notices.is_empty() {
        return html! {};
    }
    html! {
        <Notice kind={NoticeKind::Problem}>
            <p><strong>{ "For this site's administrator: " }</strong>{ "part of the site configuration could not be used, so defaults stand in for it." }</p>
            <ul>{ for site.notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
        </Notice>
    }
}
