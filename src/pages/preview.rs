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
use crate::i18n::use_lang;
use crate::pages::play::Player;
use crate::storage::Store;
use crate::text::with_english;

/// A module file the author opened, checked.
#[derive(Clone, PartialEq)]
struct Opened {
    file: String,
    module: Option<Rc<Module>>,
    diagnostics: Vec<Diagnostic>,
}

/// Why a file the author opened could not be checked.
#[derive(Clone, PartialEq)]
enum Problem {
    /// The file (named) is not text.
    NotText(String),
    /// The file (named) could not be checked, with the reader's reason (in English).
    NotChecked(String, String),
}

/// For authors: open a module file from this computer (picker or drag and drop), see what the
/// checker says, and play it. Nothing is uploaded, and playing here saves nothing.
#[component]
pub fn PreviewPage() -> Html {
    let t = use_lang().tools();
    use_title(t.preview_title.into());
    let heading = use_node_ref();
    use_focus(heading.clone(), ());
    let opened = use_state(|| None::<Opened>);
    let playing = use_state(|| false);
    let problem = use_state(|| None::<Problem>);
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
                    None => problem.set(Some(Problem::NotText(name))),
                    Some(text) => {
                        // The module reader is a worker of its own, fetched the first time
                        // an author opens a file here.
                        checking.set(true);
                        let checked = crate::reader::check(text).await;
                        checking.set(false);
                        match checked {
                            Err(reason) => problem.set(Some(Problem::NotChecked(name, reason))),
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
                        (0, 0) => t.no_problems.to_owned(),
                        (0, w) => (t.warnings_only)(w),
                        (e, _) => (t.errors_to_fix)(e),
                    } }</p>
                    if !opened.diagnostics.is_empty() {
                        <DiagnosticsList file={opened.file.clone()} diagnostics={opened.diagnostics.clone()} />
                    }
                    if let Some(module) = &opened.module {
                        if *playing {
                            <ProgressProvider store={(*scratch).clone()}>
                                { match EnginePlayer::start(module.clone()) {
                                    Ok((player, events)) => html! { <Player module={module.clone()} fresh={Fresh { player, events }} to_site_lrs={false} /> },
                                    Err(error) => html! { <Notice kind={NoticeKind::Problem}><p lang="en">{ error.to_string() }</p></Notice> },
                                } }
                            </ProgressProvider>
                        } else {
                            <button type="button" class="button button-primary" onclick={{
                                let playing = playing.clone();
                                Callback::from(move |_: MouseEvent| playing.set(true))
                            }}>{ (t.play_module)(&module.title) }</button>
                        }
                    }
                </section>
            }
        }
    };
    html! {
        <article class="page narrow preview">
            <h1 ref={heading} tabindex="-1">{ t.preview_title }</h1>
            <p class="lede">{ t.preview_lede }</p>
            <div class="drop-zone" ondrop={on_drop} ondragover={on_drag_over}>
                <label for="module-file">{ t.choose_file }</label>
                <input id="module-file" type="file" accept=".toml,text/plain" onchange={on_pick} />
            </div>
            <p class="checking" role="status">{ if *checking { t.checking_file } else { "" } }</p>
            if let Some(problem) = &*problem {
                <Notice kind={NoticeKind::Problem}><p>{
                    match problem {
                        Problem::NotText(file) => html! { { (t.file_not_text)(file) } },
                        Problem::NotChecked(file, reason) => {
                            with_english(|reason| (t.file_not_checked)(file, reason), reason)
                        }
                    }
                }</p></Notice>
            }
            { result }
        </article>
    }
}
