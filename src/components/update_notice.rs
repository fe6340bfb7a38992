use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_offline::use_offline;
use crate::i18n::use_lang;
use crate::offline::Offline;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct UpdateNoticeProps {
    /// Whether this page keeps an offline copy (the site's pages, not a package's).
    pub enabled: bool,
}

/// Keeps the site for offline use and, when a new version has arrived, says so calmly and
/// waits: nothing changes until the learner chooses "Update now". It never shows while an
/// attempt, an embedded module or a group session is on screen, and never moves focus.
#[component]
pub fn UpdateNotice(props: &UpdateNoticeProps) -> Html {
    let offline = use_offline(props.enabled);
    let dismissed = use_state(|| None::<Offline>);
    let route = use_route::<Route>();
    let s = use_lang().common();
    let busy = matches!(
        route,
        Some(
            Route::Play { .. }
                | Route::Embed { .. }
                | Route::Trainer { .. }
                | Route::Audience { .. }
        )
    );
    if busy || *dismissed == Some(offline.state) {
        return html! {};
    }
    let later = {
        let dismissed = dismissed.clone();
        let state = offline.state;
        Callback::from(move |_: MouseEvent| dismissed.set(Some(state)))
    };
    let (says, act, action): (_, _, Callback<MouseEvent>) = match offline.state {
        Offline::UpdateWaiting => (
            s.update_ready,
            s.update_now,
            offline.update.reform(|_: MouseEvent| ()),
        ),
        Offline::UpdatedElsewhere => (
            s.updated_elsewhere,
            s.reload,
            Callback::from(|_: MouseEvent| {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }),
        ),
        Offline::Unavailable | Offline::Ready => return html! {},
    };
    html! {
        <Notice kind={NoticeKind::Info}>
            <p class="update-notice">
                { says }
                <button type="button" class="button" onclick={action}>{ act }</button>
                { " " }
                <button type="button" class="button button-quiet" onclick={later}>{ s.later }</button>
            </p>
        </Notice>
    }
}
