use std::rc::Rc;

use peerpath_engine::progress::{Attempt, ModuleProgress, PositionMerge};
use peerpath_engine::{IndexEntry, Module, ProgressAction, Record, Status};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::{use_catalog, use_module, Catalog, Found};
use crate::components::confirm_button::ConfirmButton;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::outcome_badge::OutcomeBadge;
use crate::download;
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_title::use_title;
use crate::i18n::{use_lang, Lang};
use crate::route::Route;
use crate::storage;
use crate::text::{date, minutes};

/// The outcome of the last action on this page, to announce.
#[derive(Clone, PartialEq)]
enum Outcome {
    Done(String),
    Failed(String),
}

/// Everything the learner has done, across modules: status, attempts, notes; export, import
/// and reset.
#[component]
pub fn ProgressPage() -> Html {
    let lang = use_lang();
    let t = lang.tools();
    use_title(t.progress_title.into());
    let catalog = use_catalog();
    let progress = use_progress();
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let message = use_state(|| None::<Outcome>);

    let export = {
        let progress = progress.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            message.set(Some(
                match download::export_progress_in(progress.book(), lang) {
                    Ok(()) => Outcome::Done(t.export_started.into()),
                    Err(error) => Outcome::Failed((lang.common().export_failed)(&error)),
                },
            ));
        })
    };
    let import = {
        let progress = progress.clone();
        let message = message.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let progress = progress.clone();
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string());
                let outcome = match text {
                    None => Outcome::Failed(t.file_unreadable.into()),
                    Some(text) => match storage::read_import(&text, progress.book()) {
                        Ok(incoming) => {
                            let reports = progress.book().import_report(&incoming);
                            progress.dispatch(ProgressAction::Import(incoming));
                            Outcome::Done(import_summary(lang, &reports))
                        }
                        Err(problem) => Outcome::Failed(problem.describe(lang)),
                    },
                };
                message.set(Some(outcome));
            });
        })
    };
    let reset_all = {
        let progress = progress.clone();
        let message = message.clone();
        Callback::from(move |()| {
            progress.dispatch(ProgressAction::ResetAll);
            message.set(Some(Outcome::Done(t.all_reset.into())));
        })
    };

    let stored = &progress.book().records;
    let loaded = matches!(&*catalog, Catalog::Ready(_) | Catalog::Failed(_));
    // Each module's title in the interface's language when it has a translation, and whether
    // it has.
    let modules: Vec<(Rc<IndexEntry>, bool)> = match &*catalog {
        Catalog::Ready(entries) => entries
            .iter()
            .filter_map(|entry| match &entry.status {
                crate::catalog::EntryStatus::Ready(listing) => Some(listing.summary_in(lang)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let elsewhere: Vec<&str> = stored
        .keys()
        .map(String::as_str)
        .filter(|id| !modules.iter().any(|(m, _)| m.id == *id))
        .collect();

    html! {
        <article class="page narrow my-progress">
            <h1 ref={heading} tabindex="-1">{ t.progress_title }</h1>
            <p class="lede">{ t.progress_lede }</p>
            if let Some(outcome) = &*message {
                {
                    match outcome {
                        Outcome::Done(text) => html! { <Notice kind={NoticeKind::Info}><p>{ text }</p></Notice> },
                        Outcome::Failed(text) => html! { <Notice kind={NoticeKind::Problem}><p>{ text }</p></Notice> },
                    }
                }
            }
            <section class="transfer" aria-labelledby="transfer-heading">
                <h2 id="transfer-heading">{ t.take_progress_with_you }</h2>
                <div class="actions">
                    <button type="button" class="button button-primary" onclick={export}>{ lang.common().export_my_progress }</button>
                    <label class="button file-button">
                        { t.import_file }
                        <input type="file" accept=".json,application/json" class="visually-hidden" onchange={import} />
                    </label>
                </div>
                <p class="hint">{ t.import_hint }</p>
            </section>
            { for modules.iter().map(|(module, translated)| {
                let record = match stored.get(&module.id) {
                    None => Some(ModuleProgress::new(&module.id)),
                    Some(Record::Kept(kept)) => Some(kept.clone()),
                    Some(Record::TooNew { .. }) => None,
                };
                html! { <ModuleHistory key={module.id.clone()} summary={module.clone()} translated={*translated} progress={record} on_reset={{
                    let progress = progress.clone();
                    let message = message.clone();
                    let id = module.id.clone();
                    let title = module.title.clone();
                    Callback::from(move |()| {
                        progress.dispatch(ProgressAction::Reset { module: id.clone() });
                        message.set(Some(Outcome::Done((t.module_reset)(&title))));
                    })
                }} /> }
            }) }
            // What follows the modules waits for them, so nothing jumps down as they arrive.
            if loaded {
                if !elsewhere.is_empty() {
                    <p class="hint">{ (t.elsewhere)(&elsewhere.join(", ")) }</p>
                }
                <section aria-labelledby="reset-heading">
                    <h2 id="reset-heading">{ t.start_afresh }</h2>
                    <ConfirmButton
                        label={t.reset_all}
                        question={t.reset_all_question}
                        confirm={t.reset_all_confirm}
                        on_confirm={reset_all}
                    />
                </section>
            } else {
                <p class="loading" role="status">{ t.loading_the_modules }</p>
            }
        </article>
    }
}

fn import_summary(
    lang: Lang,
    reports: &[(String, peerpath_engine::progress::MergeReport)],
) -> String {
    let t = lang.tools();
    let attempts: usize = reports.iter().map(|(_, r)| r.attempts_added).sum();
    let notes: usize = reports.iter().map(|(_, r)| r.reflections_updated).sum();
    let kept: Vec<&str> = reports
        .iter()
        .filter(|(_, r)| r.position == PositionMerge::KeptNewer)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut text = (t.import_summary)(reports.len(), attempts, notes);
    if !kept.is_empty() {
        text.push_str(&(t.import_kept_newer)(&kept.join(", ")));
    }
    text
}

#[derive(Properties, PartialEq)]
struct ModuleHistoryProps {
    /// The module whose history this is, as the catalog lists it.
    summary: Rc<IndexEntry>,
    /// Whether its title is in the interface's language (else it is English).
    translated: bool,
    /// The saved progress, or `None` when it could not be read here.
    progress: Option<ModuleProgress>,
    /// Called once the learner confirms resetting this module.
    on_reset: Callback<()>,
}

/// How an attempt was played, in the learner's words.
pub(crate) fn mode_label(lang: Lang, assessment: bool) -> &'static str {
    let t = lang.tools();
    if assessment {
        t.mode_assessment
    } else {
        t.mode_practice
    }
}

/// A choice's label as the module has it now (its id if the module changed since, or while
/// the module is on its way).
fn choice_label(module: Option<&Module>, scene: &str, choice: &str) -> String {
    module
        .and_then(|module| module.scene(scene))
        .and_then(|s| s.choices().iter().find(|c| c.id == choice))
        .map_or_else(|| choice.to_owned(), |c| c.label.clone())
}

/// One module's standing and history.
#[component]
fn ModuleHistory(props: &ModuleHistoryProps) -> Html {
    let module = &props.summary;
    let lang = use_lang();
    let t = lang.tools();
    let s = lang.learner();
    let title_lang = (!props.translated).then_some("en");
    let Some(progress) = &props.progress else {
        return html! {
            <section class="history card">
                <h2 lang={title_lang}>{ &module.title }</h2>
                <p>{ t.record_unreadable }</p>
            </section>
        };
    };
    let step = progress
        .current
        .as_ref()
        .map_or(1, |current| current.session.decisions.len() + 1);
    let status = match progress.status() {
        Status::NotStarted => html! { { s.not_started } },
        Status::InProgress => html! { { (t.at_step)(step) } },
        Status::Completed(best) => {
            html! { <>{ t.completed_best_lead }<OutcomeBadge outcome={best} /></> }
        }
    };
    let heading_id = format!("history-{}", module.id);
    html! {
        <section class="history card" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} lang={title_lang}>{ &module.title }</h2>
            <p class="card-status">{ status }</p>
            if !progress.attempts.is_empty() {
                <Attempts id={module.id.clone()} attempts={progress.attempts.clone()} />
            }
            if !progress.reflections.is_empty() {
                <p>{ (t.reflection_notes)(progress.reflections.len()) }</p>
            }
            <div class="actions">
                <Link<Route> classes="button" to={Route::Intro { id: module.id.clone() }}>{ t.open_module }</Link<Route>>
                if !progress.attempts.is_empty() {
                    <Link<Route> classes="button" to={Route::Summary { id: module.id.clone() }}>{ t.completion_summary }</Link<Route>>
                }
                if progress.revision > 0 {
                    <ConfirmButton
                        label={t.reset_module}
                        question={(t.reset_module_question)(&module.title)}
                        confirm={t.reset_module_confirm}
                        on_confirm={props.on_reset.clone()}
                    />
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AttemptsProps {
    /// The module's id.
    id: AttrValue,
    /// Its finished attempts, oldest first.
    attempts: Vec<Attempt>,
}

/// A module's finished attempts, with its endings' titles and its choices' labels: the
/// module is fetched for this only, and the table shows ids until it is here.
#[component]
fn Attempts(props: &AttemptsProps) -> Html {
    let found = use_module(&props.id);
    let lang = use_lang();
    let t = lang.tools();
    let module = match found {
        Found::Ready(module) => Some(module),
        _ => None,
    };
    let ending_title = |attempt: &Attempt| {
        module
            .as_ref()
            .and_then(|module| module.endings.iter().find(|e| e.id == attempt.ending))
            .map_or_else(|| attempt.ending.clone(), |e| e.title.clone())
    };
    html! {
        <table>
            <caption>{ t.finished_attempts }</caption>
            <thead><tr><th scope="col">{ t.col_date }</th><th scope="col">{ t.col_ending }</th><th scope="col">{ t.col_outcome }</th><th scope="col">{ t.col_decisions }</th><th scope="col">{ t.col_time_spent }</th><th scope="col">{ t.col_mode }</th><th scope="col">{ t.col_path }</th></tr></thead>
            <tbody>
                { for props.attempts.iter().map(|attempt| html! {
                    <tr key={attempt.id.clone()}>
                        <td data-label={t.col_date}>{ date(lang, attempt.finished_at) }</td>
                        <td data-label={t.col_ending}>{ ending_title(attempt) }</td>
                        <td data-label={t.col_outcome}><OutcomeBadge outcome={attempt.outcome} /></td>
                        <td data-label={t.col_decisions}>{ attempt.decisions.len() }</td>
                        <td data-label={t.col_time_spent}>{ minutes(lang, attempt.active_ms) }</td>
                        <td data-label={t.col_mode}>{ mode_label(lang, attempt.assessment) }</td>
                        <td data-label={t.col_path}>
                            <details>
                                <summary>{ t.your_choices }</summary>
                                <ol>{ for attempt.decisions.iter().map(|d| html! { <li>{ choice_label(module.as_deref(), &d.scene, &d.choice) }</li> }) }</ol>
                            </details>
                            <a href={format!("#/path/{}?attempt={}", props.id, String::from(js_sys::encode_uri_component(&attempt.id)))}>{ lang.map().on_the_map }</a>
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
