use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::download;
use crate::hooks::use_store::use_store;

/// Says so when this browser will not keep progress, with the way to take it along.
#[component]
pub fn StorageBanner() -> Html {
    let store = use_store();
    let problem = use_state(|| None::<String>);
    if store.is_persistent() {
        return html! {};
    }
    let export = {
        let store = store.clone();
        let problem = problem.clone();
        Callback::from(move |_: MouseEvent| {
            problem.set(download::export_progress(&store).err());
        })
    };
    html! {
        <Notice kind={NoticeKind::Info}>
            <p>
                { "This browser is not letting PeerPath save anything, so your progress will be lost when you close or reload this page. You can still play every module, and export your progress to keep it. " }
                <button type="button" class="button button-quiet" onclick={export}>{ "Export my progress" }</button>
            </p>
            if let Some(problem) = &*problem {
                <p>{ format!("The export did not work: {problem}.") }</p>
            }
        </Notice>
    }
}
