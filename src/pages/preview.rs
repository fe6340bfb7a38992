use std::rc::Rc;

use peerpath_engine::map::Sketch;
use peerpath_engine::{Diagnostic, Module, Player as EnginePlayer, Target};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::map_details::MapDetails;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::progress_provider::ProgressProvider;
use crate::components::scenario_map::{node_name, MapMarks, ScenarioMap};
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
    /// For each diagnostic, the id of the scene or ending it is in.
    owners: Vec<Option<String>>,
    /// The file's shape, for the map: the module's, or as far as a file with errors reads.
    sketch: Option<Rc<Sketch>>,
}

impl Opened {
    /// The diagnostics of one scene or ending, by id.
    fn diagnostics_of(&self, id: &str) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .zip(&self.owners)
            .filter(|(_, owner)| owner.as_deref() == Some(id))
            .map(|(diagnostic, _)| diagnostic.clone())
            .collect()
    }

    /// How many diagnostics each scene or ending has, for the map.
    fn marks(&self, sketch: &Sketch) -> MapMarks {
        let mut problems: Vec<(Target, usize)> = Vec::new();
        for owner in self.owners.iter().flatten() {
            let Some(target) = sketch.target(owner) else {
                continue;
            };
            match problems.iter_mut().find(|(t, _)| *t == target) {
                Some((_, count)) => *count += 1,
                None => problems.push((target, 1)),
            }
        }
        MapMarks {
            problems,
            ..MapMarks::default()
        }
    }
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
    let selected = use_state(|| None::<Target>);
    // Playing a preview never touches anyone's saved progress.
    let scratch = use_memo((), |_| Rc::new(Store::in_memory()));

    let read_file = {
        let opened = opened.clone();
        let playing = playing.clone();
        let problem = problem.clone();
        let checking = checking.clone();
        let selected = selected.clone();
        Callback::from(move |file: web_sys::File| {
            let selected = selected.clone();
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
                                selected.set(None);
                                let sketch = match &checked.module {
                                    Some(module) => Some(Sketch::of(module)),
                                    None => checked.sketch,
                                };
                                opened.set(Some(Opened {
                                    file: name,
                                    sketch: sketch.map(Rc::new),
                                    module: checked.module.map(Rc::new),
                                    diagnostics: checked.diagnostics,
                                    owners: checked.owners,
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

    let m = use_lang().map();
    let result = match &*opened {
        None => html! {},
        Some(opened) => {
            let map = match &opened.sketch {
                None => html! { <p>{ m.fix_errors_first }</p> },
                Some(sketch) => {
                    let problems_here = |target: Target| {
                        let here = opened.diagnostics_of(sketch.id(target));
                        if here.is_empty() {
                            html! {}
                        } else {
                            html! {
                                <>
                                    <h5>{ m.problems_here }</h5>
                                    <DiagnosticsList file={opened.file.clone()} diagnostics={here} />
                                </>
                            }
                        }
                    };
                    html! {
                        <>
                            <p>{ m.preview_lede }</p>
                            <ScenarioMap id="preview-map" sketch={sketch.clone()} label={m.preview_heading}
                                marks={Rc::new(opened.marks(sketch))} selected={*selected} on_select={{
                                    let selected = selected.clone();
                                    Callback::from(move |target| selected.set(Some(target)))
                                }} />
                            if let Some(target) = *selected {
                                if let Some(module) = &opened.module {
                                    <MapDetails id="preview-map" module={module.clone()} {target} with_text={true}>
                                        { problems_here(target) }
                                    </MapDetails>
                                } else {
                                    <section class="map-details" aria-labelledby="preview-map-details-heading">
                                        <h4 id="preview-map-details-heading">{ node_name(sketch, target) }</h4>
                                        { problems_here(target) }
                                    </section>
                                }
                            }
                        </>
                    }
                }
            };
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
                                    Ok((player, events)) => html! { <Player module={module.clone()} fresh={Fresh { player, events }} to_site_lrs={false} map_link={false} /> },
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
                    <section class="preview-map" aria-labelledby="preview-map-heading">
                        <h3 id="preview-map-heading">{ m.preview_heading }</h3>
                        { map }
                    </section>
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
