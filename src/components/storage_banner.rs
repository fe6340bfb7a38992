use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::download;
use crate::hooks::use_progress::use_progress;

/// Says so when this browser will not keep progress, with the way to take it along.
#[component]
pub fn StorageBanner() -> Html {
    let progress = use_progress();
    let problem = use_state(|| None::<String>);
    let export = {
        let progress = progress.clone();
        let problem = problem.clone();
        Callback::from(move |_: MouseEvent| {
            problem.set(download::export_progress(progress.book()).err());
        })
    };
    let problems = html! {
        { for progress.problems.iter().map(|p| html! { <Notice kind={NoticeKind::Problem}><p>{ p }</p></Notice> }) }
    };
    if progress.persistent {
        return problems;
    }
    html! {
        <>
        { problems }
        <Notice kind={NoticeKind::Info}>
            <p>
                { "This browser is not letting PeerPath save anything, so your progress will be lost when you close or reload this page. You can still play every module, and export your progress to keep it. " }
                <button type="button" class="button button-quiet" onclick={export}>{ "Export my progress" }</button>
            </p>
            if let Some(problem) = &*problem {
                <p>{ format!("The export did not work: {problem}.") }</p>
            }
        </Notice>
        </>
    }
}
