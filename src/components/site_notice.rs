use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::i18n::use_lang;
use crate::site::use_site;

/// Tells the site's administrator what in `site.toml` could not be used.
#[component]
pub fn SiteNotice() -> Html {
    let site = use_site();
    let s = use_lang().common();
    if site.notices.is_empty() {
        return html! {};
    }
    html! {
        <Notice kind={NoticeKind::Problem}>
            <p><strong>{ s.admin_notice_lead }</strong>{ s.admin_notice_body }</p>
            // The details name files, lines and settings: in English, for the administrator.
            <ul lang="en">{ for site.notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
        </Notice>
    }
}
