use std::rc::Rc;

use peerpath_engine::{Diagnostic, Module, Player as EnginePlayer};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::progress_provider::ProgressProvider;
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_play::Fresh;
use crate::hooks::use_title::use_title;
use crate::pages::play::Player;
use crate::storage::Store;

/// A module file the author opened, checked.
#[derive(Clone, PartialEq)]
struct Opened {
    file: String,
    module: Option<Rc<Module>>,
    diagnostics: Vec<Diagnostic>,
}

/// For authors: open a module file from this computer (picker or drag and drop), see what the
/// checker says, and play it. Nothing is uploaded, and playing here saves nothing.
#[component]
pub fn PreviewPage() -> Html {
    use_title("Preview a module file".into());
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let opened = use_state(|| None::<Opened>);
    let playing = use_state(|| false);
    let problem = use_state(|| None::<String>);
    let checking = use_state(|| false);
    // Playing a preview never touches anyone's saved progress.
    let scratch = use_memo((), |_| Rc::new(Store::in_memory()));

    let read_file = {
        let opened = opened.clone();
        let playing = playing.clone();
        let problem = problem.clone();
        let checking = checking.clone();
        Callback::from(move |file: web_sys::File| {
            let opened = opened.clone();
            let playing = playing.clone();
            let problem = problem.clone();
            let checking = checking.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                {
                    None => problem.set(Some(format!("{name} could not be read as text."))),
                    Some(text) => {
                        // The module reader is a worker of its own, fetched the first time
                        // an author opens a file here.
                        checking.set(true);
                        let checked = crate::reader::check(text).await;
                        checking.set(false);
                        match checked {
                            Err(reason) => {
                                problem.set(Some(format!("{name} could not be checked: {reason}.")))
                            }
                            Ok(checked) => {
                                problem.set(None);
                                playing.set(false);
                                opened.set(Some(Opened {
                                    file: name,
                                    module: checked.module.map(Rc::new),
                                    diagnostics: checked.diagnostics,
                                }));
                            }
                        }
                    }
                }
            });
        })
    };
    let on_pick = {
        let read_file = read_file.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                if let Some(file) = input.files().and_then(|files| files.get(0)) {
                    read_file.emit(file);
                }
                input.set_value("");
            }
        })
    };
    let on_drop = {
        let read_file = read_file.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if let Some(file) = event
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read_file.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());

    let result = match &*opened {
        None => html! {},
        Some(opened) => {
            let errors = opened.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = opened.diagnostics.len() - errors;
            html! {
                <section class="preview-result" aria-labelledby="result-heading">
                    <h2 id="result-heading">{ &opened.file }</h2>
                    <p role="status">{ match (errors, warnings) {
                        (0, 0) => "The checker found no problems.".to_owned(),
                        (0, w) => format!("No errors; {w} warning{} to look at before publishing.", if w == 1 { "" } else { "s" }),
                        (e, _) => format!("{e} error{} to fix before this module can be played.", if e == 1 { "" } else { "s" }),
                    } }</p>
                    if !opened.diagnostics.is_empty() {
                        <DiagnosticsList file={opened.file.clone()} diagnostics={opened.diagnostics.clone()} />
                    }
                    if let Some(module) = &opened.module {
                        if *playing {
                            <ProgressProvider store={(*scratch).clone()}>
                                { match EnginePlayer::start(module.clone()) {
                                    Ok((player, events)) => html! { <Player module={module.clone()} fresh={Fresh { player, events }} to_site_lrs={false} /> },
                                    Err(error) => html! { <Notice kind={NoticeKind::Problem}><p>{ error.to_string() }</p></Notice> },
                                } }
                            </ProgressProvider>
                        } else {
                            <button type="button" class="button button-primary" onclick={{
                                let playing = playing.clone();
                                Callback::from(move |_: MouseEvent| playing.set(true))
                            }}>{ format!("Play “{}”", module.title) }</button>
                        }
                    }
                </section>
            }
        }
    };
    html! {
        <article class="page narrow preview">
            <h1 ref={heading} tabindex="-1">{ "Preview a module file" }</h1>
            <p class="lede">{ "Open a module file from this computer to see what the checker says and to play it. The file stays on this computer: nothing is uploaded, and playing it here saves nothing." }</p>
            <div class="drop-zone" ondrop={on_drop} ondragover={on_drag_over}>
                <label for="module-file">{ "Choose a module file (.toml), or drop one here" }</label>
                <input id="module-file" type="file" accept=".toml,text/plain" onchange={on_pick} />
            </div>
            <p class="checking" role="status">{ if *checking { "Checking the file…" } else { "" } }</p>
            if let Some(problem) = &*problem {
                <Notice kind={NoticeKind::Problem}><p>{ problem }</p></Notice>
            }
            { result }
        </article>
    }
}
