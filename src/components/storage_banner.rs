use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_store::use_store;

/// Says so when this browser will not keep progress.
#[component]
pub fn StorageBanner() -> Html {
    let store = use_store();
    if store.is_persistent() {
        return html! {};
    }
    html! {
        <Notice kind={NoticeKind::Info}>
            { "This browser is not letting PeerPath save anything, so your progress will be lost when you close or reload this page. You can still play every module." }
        </Notice>
    }
}
