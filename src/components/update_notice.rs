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
    match offline.state {
        Offline::UpdateWaiting => {
            let update = offline.update.reform(|_: MouseEvent| ());
            html! {
                <Notice kind={NoticeKind::Info}>
                    <p class="update-notice">
                        { s.update_ready }
                        <button type="button" class="button" onclick={update}>{ s.update_now }</button>
                        { " " }
                        <button type="button" class="button button-quiet" onclick={later}>{ s.later }</button>
                    </p>
                </Notice>
            }
        }
        Offline::UpdatedElsewhere => {
            let reload = Callback::from(|_: MouseEvent| {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            });
            html! {
                <Notice kind={NoticeKind::Info}>
                    <p class="update-notice">
                        { s.updated_elsewhere }
                        <button type="button" class="button" onclick={reload}>{ s.reload }</button>
                        { " " }
                        <button type="button" class="button button-quiet" onclick={later}>{ s.later }</button>
                    </p>
                </Notice>
            }
        }
        Offline::Unavailable | Offline::Ready => html! {},
    }
}
