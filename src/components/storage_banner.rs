use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::download;
use crate::hooks::use_progress::use_progress;
use crate::i18n::use_lang;

/// Says so when this browser will not keep progress, with the way to take it along.
#[component]
pub fn StorageBanner() -> Html {
    let progress = use_progress();
    let lang = use_lang();
    let s = lang.common();
    let problem = use_state(|| None::<String>);
    let export = {
        let progress = progress.clone();
        let problem = problem.clone();
        Callback::from(move |_: MouseEvent| {
            problem.set(download::export_progress_in(progress.book(), lang).err());
        })
    };
    let problems = html! {
        { for progress.problems.iter().map(|p| html! { <Notice kind={NoticeKind::Problem}><p>{ p.describe(lang) }</p></Notice> }) }
    };
    if progress.persistent {
        return problems;
    }
    html! {
        <>
        { problems }
        <Notice kind={NoticeKind::Info}>
            <p>
                { s.storage_blocked }
                <button type="button" class="button button-quiet" onclick={export}>{ s.export_my_progress }</button>
            </p>
            if let Some(problem) = &*problem {
                <p>{ (s.export_failed)(problem) }</p>
            }
        </Notice>
        </>
    }
}
