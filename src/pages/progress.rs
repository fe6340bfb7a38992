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
use crate::route::Route;
use crate::storage;
use crate::text::{date, minutes, plural};

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
    use_title("My progress".into());
    let catalog = use_catalog();
    let progress = use_progress();
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let message = use_state(|| None::<Outcome>);

    let export = {
        let progress = progress.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            message.set(Some(match download::export_progress(progress.book()) {
                Ok(()) => Outcome::Done("Your progress file is downloading. Keep it somewhere safe; it holds your notes too.".into()),
                Err(error) => Outcome::Failed(format!("The export did not work: {error}.")),
            }));
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
                    None => {
                        Outcome::Failed("That file could not be read. Nothing was changed.".into())
                    }
                    Some(text) => match storage::read_import(&text, progress.book()) {
                        Ok(incoming) => {
                            let reports = progress.book().import_report(&incoming);
                            progress.dispatch(ProgressAction::Import(incoming));
                            Outcome::Done(import_summary(&reports))
                        }
                        Err(problem) => Outcome::Failed(problem.to_string()),
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
            message.set(Some(Outcome::Done(
                "All progress on this device was reset.".into(),
            )));
        })
    };

    let stored = &progress.book().records;
    let loaded = matches!(&*catalog, Catalog::Ready(_) | Catalog::Failed(_));
    let modules: Vec<Rc<IndexEntry>> = match &*catalog {
        Catalog::Ready(entries) => entries
            .iter()
            .filter_map(|entry| match &entry.status {
                crate::catalog::EntryStatus::Ready(listing) => Some(listing.summary.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let elsewhere: Vec<&str> = stored
        .keys()
        .map(String::as_str)
        .filter(|id| !modules.iter().any(|m| m.id == *id))
        .collect();

    html! {
        <article class="page narrow my-progress">
            <h1 ref={heading} tabindex="-1">{ "My progress" }</h1>
            <p class="lede">{ "Everything here is kept in this browser on this device, nowhere else. Export it to keep a copy or to carry on somewhere else." }</p>
            if let Some(outcome) = &*message {
                {
                    match outcome {
                        Outcome::Done(text) => html! { <Notice kind={NoticeKind::Info}><p>{ text }</p></Notice> },
                        Outcome::Failed(text) => html! { <Notice kind={NoticeKind::Problem}><p>{ text }</p></Notice> },
                    }
                }
            }
            <section class="transfer" aria-labelledby="transfer-heading">
                <h2 id="transfer-heading">{ "Take your progress with you" }</h2>
                <div class="actions">
                    <button type="button" class="button button-primary" onclick={export}>{ "Export my progress" }</button>
                    <label class="button file-button">
                        { "Import a progress file" }
                        <input type="file" accept=".json,application/json" class="visually-hidden" onchange={import} />
                    </label>
                </div>
                <p class="hint">{ "Importing adds to what is here: newer notes and places win, older ones never replace them." }</p>
            </section>
            { for modules.iter().map(|module| {
                let record = match stored.get(&module.id) {
                    None => Some(ModuleProgress::new(&module.id)),
                    Some(Record::Kept(kept)) => Some(kept.clone()),
                    Some(Record::TooNew { .. }) => None,
                };
                html! { <ModuleHistory key={module.id.clone()} summary={module.clone()} progress={record} on_reset={{
                    let progress = progress.clone();
                    let message = message.clone();
                    let id = module.id.clone();
                    let title = module.title.clone();
                    Callback::from(move |()| {
                        progress.dispatch(ProgressAction::Reset { module: id.clone() });
                        message.set(Some(Outcome::Done(format!("Progress in “{title}” was reset."))));
                    })
                }} /> }
            }) }
            // What follows the modules waits for them, so nothing jumps down as they arrive.
            if loaded {
                if !elsewhere.is_empty() {
                    <p class="hint">{ format!("This device also holds progress for modules not on this site: {}. It is kept, and included when you export.", elsewhere.join(", ")) }</p>
                }
                <section aria-labelledby="reset-heading">
                    <h2 id="reset-heading">{ "Start afresh" }</h2>
                    <ConfirmButton
                        label="Reset all my progress"
                        question="This removes every module's progress and notes from this browser. Export first if you may want them back. Reset everything?"
                        confirm="Yes, reset everything"
                        on_confirm={reset_all}
                    />
                </section>
            } else {
                <p class="loading" role="status">{ "Loading the modules…" }</p>
            }
        </article>
    }
}

fn import_summary(reports: &[(String, peerpath_engine::progress::MergeReport)]) -> String {
    let attempts: usize = reports.iter().map(|(_, r)| r.attempts_added).sum();
    let notes: usize = reports.iter().map(|(_, r)| r.reflections_updated).sum();
    let kept: Vec<&str> = reports
        .iter()
        .filter(|(_, r)| r.position == PositionMerge::KeptNewer)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut text = format!(
        "Imported progress for {} module{}: {attempts} new attempt{}, {notes} note{} added or updated.",
        reports.len(),
        plural(reports.len()),
        plural(attempts),
        plural(notes)
    );
    if !kept.is_empty() {
        text.push_str(&format!(
            " Your place on this device was newer in {} and was kept.",
            kept.join(", ")
        ));
    }
    text
}

#[derive(Properties, PartialEq)]
struct ModuleHistoryProps {
    /// The module whose history this is, as the catalog lists it.
    summary: Rc<IndexEntry>,
    /// The saved progress, or `None` when it could not be read here.
    progress: Option<ModuleProgress>,
    /// Called once the learner confirms resetting this module.
    on_reset: Callback<()>,
}

/// How an attempt was played, in the learner's words.
pub(crate) fn mode_label(assessment: bool) -> &'static str {
    if assessment {
        "Assessment"
    } else {
        "Practice"
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
    let Some(progress) = &props.progress else {
        return html! {
            <section class="history card">
                <h2>{ &module.title }</h2>
                <p>{ "The progress saved for this module could not be read here (it may come from a newer PeerPath). It is kept untouched." }</p>
            </section>
        };
    };
    let step = progress
        .current
        .as_ref()
        .map_or(1, |current| current.session.decisions.len() + 1);
    let status = match progress.status() {
        Status::NotStarted => html! { { "Not started" } },
        Status::InProgress => html! { { format!("In progress: at step {step}") } },
        Status::Completed(best) => {
            html! { <>{ "Completed · best: " }<OutcomeBadge outcome={best} /></> }
        }
    };
    let heading_id = format!("history-{}", module.id);
    html! {
        <section class="history card" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ &module.title }</h2>
            <p class="card-status">{ status }</p>
            if !progress.attempts.is_empty() {
                <Attempts id={module.id.clone()} attempts={progress.attempts.clone()} />
            }
            if !progress.reflections.is_empty() {
                <p>{ format!("{} reflection note{} saved.", progress.reflections.len(), plural(progress.reflections.len())) }</p>
            }
            <div class="actions">
                <Link<Route> classes="button" to={Route::Intro { id: module.id.clone() }}>{ "Open the module" }</Link<Route>>
                if !progress.attempts.is_empty() {
                    <Link<Route> classes="button" to={Route::Summary { id: module.id.clone() }}>{ "Completion summary" }</Link<Route>>
                }
                if progress.revision > 0 {
                    <ConfirmButton
                        label="Reset this module"
                        question={format!("This removes your progress and notes for “{}” from this browser. Reset it?", module.title)}
                        confirm="Yes, reset it"
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
            <caption>{ "Finished attempts" }</caption>
            <thead><tr><th scope="col">{ "Date" }</th><th scope="col">{ "Ending" }</th><th scope="col">{ "Outcome" }</th><th scope="col">{ "Decisions" }</th><th scope="col">{ "Time spent" }</th><th scope="col">{ "Mode" }</th><th scope="col">{ "Path" }</th></tr></thead>
            <tbody>
                { for props.attempts.iter().map(|attempt| html! {
                    <tr key={attempt.id.clone()}>
                        <td data-label="Date">{ date(attempt.finished_at) }</td>
                        <td data-label="Ending">{ ending_title(attempt) }</td>
                        <td data-label="Outcome"><OutcomeBadge outcome={attempt.outcome} /></td>
                        <td data-label="Decisions">{ attempt.decisions.len() }</td>
                        <td data-label="Time spent">{ minutes(attempt.active_ms) }</td>
                        <td data-label="Mode">{ mode_label(attempt.assessment) }</td>
                        <td data-label="Path">
                            <details>
                                <summary>{ "Your choices" }</summary>
                                <ol>{ for attempt.decisions.iter().map(|d| html! { <li>{ choice_label(module.as_deref(), &d.scene, &d.choice) }</li> }) }</ol>
                            </details>
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
