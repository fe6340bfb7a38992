use std::rc::Rc;

use peerpath_engine::group::GroupSession;
use peerpath_engine::{Module, Target, View};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::use_whole_module;
use crate::components::group_stage::GroupStage;
use crate::components::map_details::MapDetails;
use crate::components::markdown::Markdown;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::rating_badge::RatingBadge;
use crate::components::scenario_map::ScenarioMap;
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_group::{on_click, use_group, GroupAction};
use crate::hooks::use_keys::use_keys;
use crate::hooks::use_roads::{use_roads, Roads};
use crate::hooks::use_store::use_store;
use crate::hooks::use_title::use_title;
use crate::i18n::tools::Tools;
use crate::i18n::use_lang;
use crate::pages::with_module;
use crate::route::Route;
use crate::text::with_english;

#[derive(Properties, PartialEq)]
pub struct TrainerPageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// Trainer mode, presenter view: what the room sees, and beside it the notes, the vote tally
/// and the controls. With one screen, the notes fold away (N) before the room looks.
#[component]
pub fn TrainerPage(props: &TrainerPageProps) -> Html {
    let found = use_whole_module(&props.id);
    with_module(
        &found,
        &props.id,
        |module| html! { <Presenter module={module.clone()} /> },
    )
}

#[derive(Properties, PartialEq)]
struct PresenterProps {
    /// The module the group is playing.
    module: Rc<Module>,
}

/// The keys the presenter may press, and what each does.
fn keys(t: &'static Tools) -> [(&'static str, &'static str); 10] {
    [
        (t.key_next_keys, t.key_next),
        (t.key_back_keys, t.key_back),
        ("1–9", t.key_number),
        ("V", t.key_votes),
        ("R", t.key_reveal),
        ("B", t.key_blank),
        ("H", t.key_hold),
        ("N", t.key_notes),
        ("T", t.key_timer),
        ("Esc", t.key_escape),
    ]
}

#[component]
fn Presenter(props: &PresenterProps) -> Html {
    let module = &props.module;
    let lang = use_lang();
    let t = lang.tools();
    use_title((t.trainer_title)(&module.title));
    let store = use_store();
    let state = use_group(module.clone());
    let notes_shown = use_state(|| true);
    let timer = use_state(|| TimerState::Stopped(0));
    let heading = use_node_ref();
    use_focus(heading.clone(), ());

    let on_key = {
        let state = state.clone();
        let notes_shown = notes_shown.clone();
        let timer = timer.clone();
        Callback::from(move |event: web_sys::KeyboardEvent| {
            let action = match event.key().as_str() {
                "ArrowRight" | "PageDown" | " " => Some(GroupAction::Next),
                "ArrowLeft" | "PageUp" => Some(GroupAction::Previous),
                "v" | "V" => Some(GroupAction::ToggleVotes),
                "r" | "R" => Some(GroupAction::RevealFeedback),
                "b" | "B" | "." => Some(GroupAction::ToggleBlank),
                "h" | "H" => Some(GroupAction::ToggleAssessment),
                "n" | "N" => {
                    notes_shown.set(!*notes_shown);
                    None
                }
                "t" | "T" => {
                    timer.set(timer.toggled(js_sys::Date::now()));
                    None
                }
                key => key
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=9).contains(n))
                    .map(GroupAction::ChooseNumber),
            };
            let handled = action.is_some() || matches!(event.key().as_str(), "n" | "N" | "t" | "T");
            if handled {
                event.prevent_default();
            }
            if let Some(action) = action {
                state.dispatch(action);
            }
        })
    };
    use_keys(on_key);

    let open_audience = {
        let id = module.id.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(window) = web_sys::window() {
                let _ = window.open_with_url_and_target(
                    &format!("#/audience/{id}"),
                    &format!("peerpath-audience-{id}"),
                );
            }
        })
    };
    let end_session = {
        let state = state.clone();
        let store = store.clone();
        let id = module.id.clone();
        Callback::from(move |_: MouseEvent| {
            store.clear_group_session(&id);
            state.dispatch(GroupAction::StartOver);
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let group = &state.group;

    html! {
        <article class={classes!("page", "trainer", (!*notes_shown).then_some("notes-folded"))}>
            <div class="trainer-bar no-print">
                <h1 ref={heading} tabindex="-1" class="trainer-title">{ (t.trainer_heading)(&module.title) }</h1>
                <div class="actions">
                    <button type="button" class="button" onclick={open_audience}>{ t.open_audience }</button>
                    <button type="button" class="button" aria-pressed={(!*notes_shown).to_string()} onclick={{
                        let notes_shown = notes_shown.clone();
                        Callback::from(move |_: MouseEvent| notes_shown.set(!*notes_shown))
                    }}>{ t.fold_notes }</button>
                    <button type="button" class="button" aria-pressed={group.blank.to_string()} onclick={on_click(&state, || GroupAction::ToggleBlank)}>
                        { t.blank_screen }
                    </button>
                    <button type="button" class="button" aria-pressed={group.assessment.to_string()} onclick={on_click(&state, || GroupAction::ToggleAssessment)}>
                        { t.hold_feedback }
                    </button>
                </div>
            </div>
            if let Some(problem) = &state.problem {
                <Notice kind={NoticeKind::Problem}><p lang="en">{ problem }</p></Notice>
            }
            <div class="trainer-layout">
                <div class="audience-preview" aria-label={t.what_room_sees}>
                    <GroupStage module={module.clone()} group={group.clone()} />
                    // The audience window's parts of a long screen, which the keys step through.
                    if let Some(room) = state.room_now().filter(|room| room.count > 1) {
                        <nav class="room-parts no-print" aria-label={t.room_parts}>
                            <p role="status">{ (t.room_sees_part)(room.shown, room.count) }</p>
                            <button type="button" class="button" disabled={room.shown <= 1} onclick={on_click(&state, || GroupAction::PreviousPart)}>{ t.previous_part }</button>
                            <button type="button" class="button" disabled={room.shown >= room.count} onclick={on_click(&state, || GroupAction::NextPart)}>{ t.next_part }</button>
                        </nav>
                    }
                </div>
                if *notes_shown {
                    <aside class="presenter-panel no-print-controls" aria-label={t.presenter_panel}>
                        <PresenterPanel module={module.clone()} group={group.clone()} state={state.clone()} timer={*timer} on_timer={{
                            let timer = timer.clone();
                            Callback::from(move |()| timer.set(timer.toggled(js_sys::Date::now())))
                        }} />
                        <div class="actions no-print">
                            <button type="button" class="button" onclick={print}>{ t.print_session }</button>
                            <button type="button" class="button" onclick={end_session}>{ t.end_session }</button>
                            <Link<Route> classes="button" to={Route::Intro { id: module.id.clone() }}>{ t.leave_trainer }</Link<Route>>
                        </div>
                        <details class="keys no-print">
                            <summary>{ t.keys_heading }</summary>
                            <dl>{ for keys(t).iter().map(|(key, what)| html! { <><dt>{ *key }</dt><dd>{ *what }</dd></> }) }</dl>
                        </details>
                    </aside>
                }
            </div>
            if *notes_shown {
                <SessionMap module={module.clone()} group={group.clone()} state={state.clone()} />
            }
        </article>
    }
}

/// The discussion timer: counts up, only when the trainer starts it, and moves nothing on.
#[derive(Clone, Copy, PartialEq)]
pub enum TimerState {
    /// Paused, with this many milliseconds counted.
    Stopped(u64),
    /// Running since this time, with this many milliseconds counted before.
    Running { since: f64, before: u64 },
}

impl TimerState {
    fn toggled(self, now: f64) -> TimerState {
        match self {
            TimerState::Stopped(0) => TimerState::Running {
                since: now,
                before: 0,
            },
            TimerState::Stopped(_) => TimerState::Stopped(0),
            TimerState::Running { since, before } => {
                TimerState::Stopped(before + (now - since).max(0.0) as u64)
            }
        }
    }

    fn elapsed(self, now: f64) -> u64 {
        match self {
            TimerState::Stopped(counted) => counted,
            TimerState::Running { since, before } => before + (now - since).max(0.0) as u64,
        }
    }
}

#[derive(Properties, PartialEq)]
struct PresenterPanelProps {
    /// The module the group is playing.
    module: Rc<Module>,
    /// The group session as it stands.
    group: GroupSession,
    /// Where the panel's controls send their actions.
    state: UseReducerHandle<crate::hooks::use_group::GroupState>,
    /// The discussion timer.
    timer: TimerState,
    /// Starts, pauses or resets the timer.
    on_timer: Callback<()>,
}

#[component]
fn PresenterPanel(props: &PresenterPanelProps) -> Html {
    let module = &props.module;
    let group = &props.group;
    let state = &props.state;
    let t = use_lang().tools();
    // Redraw the running timer once a second; nothing else happens on this tick.
    let tick = use_state(|| 0u32);
    {
        let tick = tick.clone();
        let running = matches!(props.timer, TimerState::Running { .. });
        use_effect_with(running, move |running| {
            let interval = running.then(|| {
                let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    tick.set(js_sys::Date::now() as u32)
                });
                let id = web_sys::window().and_then(|w| {
                    w.set_interval_with_callback_and_timeout_and_arguments_0(
                        wasm_bindgen::JsCast::unchecked_ref(callback.as_ref()),
                        1000,
                    )
                    .ok()
                });
                (id, callback)
            });
            move || {
                if let Some((Some(id), _callback)) = interval {
                    if let Some(window) = web_sys::window() {
                        window.clear_interval_with_handle(id);
                    }
                }
            }
        });
    }
    let elapsed = props.timer.elapsed(js_sys::Date::now()) / 1000;
    let timer_label = match props.timer {
        TimerState::Stopped(0) => t.timer_start,
        TimerState::Stopped(_) => t.timer_reset,
        TimerState::Running { .. } => t.timer_pause,
    };
    let timer = html! {
        <p class="timer">
            <span aria-live="off">{ (t.discussion_time)(elapsed) }</span>{ " " }
            <button type="button" class="button button-quiet" onclick={props.on_timer.reform(|_| ())}>{ timer_label }</button>
        </p>
    };
    let session = match group.session(module) {
        Ok(session) => session,
        Err(error) => {
            return html! { <p>{ with_english(t.session_misfit, &error.to_string()) }</p> }
        }
    };
    let leads_to = |target: Target| match target {
        Target::Scene(index) => (t.leads_to_scene)(&module.scenes[index].id),
        Target::Ending(index) => (t.leads_to_ending)(&module.endings[index].title),
    };
    let visited = group.visited();
    let jump_list = if visited.is_empty() {
        html! {}
    } else {
        html! {
            <details class="no-print">
                <summary>{ t.jump_back }</summary>
                <ul class="jump-list">
                    { for visited.iter().map(|(step, scene)| {
                        let step = *step;
                        html! { <li><button type="button" class="button button-quiet" onclick={on_click(state, move || GroupAction::JumpTo(step))}>{ (t.step_scene)(step, scene) }</button></li> }
                    }) }
                </ul>
            </details>
        }
    };
    let body = match session.view(module) {
        Err(error) => html! { <p lang="en">{ error.to_string() }</p> },
        Ok(View::Decision { scene, choices, .. }) => {
            let votes = group.votes_now(module);
            html! {
                <>
                    <h2>{ (t.step_notes)(group.step()) }</h2>
                    if let Some(notes) = &scene.facilitator_notes {
                        <div class="facilitator-notes"><h3>{ t.facilitator_notes }</h3><Markdown prose={notes.clone()} heading_base={4} /></div>
                    }
                    if let Some(discussion) = &scene.discussion {
                        <div class="discussion"><h3>{ t.ask_the_room }</h3><Markdown prose={discussion.clone()} heading_base={4} /></div>
                    }
                    { timer.clone() }
                    <table class="presenter-choices">
                        <caption>{ t.options_caption }</caption>
                        <thead><tr><th scope="col">{ "#" }</th><th scope="col">{ t.col_option }</th><th scope="col">{ t.col_votes }</th><th scope="col">{ t.col_take }</th></tr></thead>
                        <tbody>
                            { for choices.iter().enumerate().map(|(index, view)| {
                                let Some(choice) = scene.choices().iter().find(|c| c.id == view.id) else { return html! {} };
                                let id = choice.id.clone();
                                let count = votes.get(&id).copied().unwrap_or(0);
                                let input_id = format!("votes-{id}");
                                let on_count = {
                                    let state = state.clone();
                                    let id = id.clone();
                                    Callback::from(move |event: InputEvent| {
                                        if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                                            let count = input.value().trim().parse::<u32>().unwrap_or(0);
                                            state.dispatch(GroupAction::SetVotes(id.clone(), count));
                                        }
                                    })
                                };
                                let add = {
                                    let id = id.clone();
                                    on_click(state, move || GroupAction::AddVote(id.clone()))
                                };
                                let take = {
                                    let id = id.clone();
                                    on_click(state, move || GroupAction::Choose(id.clone()))
                                };
                                html! {
                                    <tr key={id.clone()}>
                                        <td data-label="#">{ index + 1 }</td>
                                        <td data-label={t.col_option}>
                                            <p class="decision-label">{ &choice.label }{ " " }<RatingBadge rating={choice.rating} /></p>
                                            <p class="hint">{ leads_to(choice.target) }
                                                if let Some(reason) = view.unavailable { { (t.not_available_now)(reason) } }
                                            </p>
                                        </td>
                                        <td data-label={t.col_votes}>
                                            <label class="visually-hidden" for={input_id.clone()}>{ (t.votes_for_option)(index + 1) }</label>
                                            <input id={input_id} class="vote-count" type="number" min="0" inputmode="numeric" value={count.to_string()} oninput={on_count} />
                                            <button type="button" class="button button-quiet" onclick={add}>{ "+1" }<span class="visually-hidden">{ (t.vote_for_option)(index + 1) }</span></button>
                                        </td>
                                        <td data-label={t.col_take}>
                                            <button type="button" class="button button-quiet" disabled={view.unavailable.is_some()} onclick={take}>{ (t.group_takes)(index + 1) }</button>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    <div class="actions">
                        <button type="button" class="button" aria-pressed={group.show_votes.to_string()} onclick={on_click(state, || GroupAction::ToggleVotes)}>{ if group.show_votes { t.hide_tally } else { t.show_tally } }</button>
                        if !visited.is_empty() {
                            <button type="button" class="button" onclick={on_click(state, || GroupAction::Back)}>{ t.back }</button>
                        }
                    </div>
                </>
            }
        }
        Ok(View::Feedback { choice, ends, .. }) => html! {
            <>
                <h2>{ t.groups_choice }</h2>
                <p class="decision-label">{ &choice.label }{ " " }<RatingBadge rating={choice.rating} /></p>
                if let Some(feedback) = &choice.feedback {
                    <div class="facilitator-notes"><h3>{ t.feedback_on_reveal }</h3><Markdown prose={feedback.clone()} heading_base={4} /></div>
                }
                { timer.clone() }
                <div class="actions">
                    <button type="button" class="button" disabled={group.show_feedback} onclick={on_click(state, || GroupAction::RevealFeedback)}>{ if group.show_feedback { t.feedback_revealed } else { t.reveal_feedback } }</button>
                    <button type="button" class="button button-primary" onclick={on_click(state, || GroupAction::Proceed)}>{ if ends { t.go_to_ending } else { t.continue_on } }</button>
                    <button type="button" class="button" onclick={on_click(state, || GroupAction::Back)}>{ t.back }</button>
                </div>
            </>
        },
        Ok(View::Ending { ending, .. }) => html! {
            <>
                <h2>{ t.session_summary }</h2>
                if let Some(notes) = &ending.facilitator_notes {
                    <div class="facilitator-notes"><h3>{ t.facilitator_notes }</h3><Markdown prose={notes.clone()} heading_base={4} /></div>
                }
                <SessionSummary module={module.clone()} group={group.clone()} />
                <div class="actions">
                    <button type="button" class="button" onclick={on_click(state, || GroupAction::Back)}>{ t.back }</button>
                </div>
            </>
        },
    };
    html! { <>{ body }{ jump_list }</> }
}

#[derive(Properties, PartialEq)]
struct SessionSummaryProps {
    /// The module the group played.
    module: Rc<Module>,
    /// The group session as it stands.
    group: GroupSession,
}

/// The group's path: each decision, the vote split, the recommended choice; then the
/// ending's questions. Prints on its own.
#[component]
fn SessionSummary(props: &SessionSummaryProps) -> Html {
    let module = &props.module;
    let t = use_lang().tools();
    let label = |scene: &str, choice: &str| {
        module
            .scene(scene)
            .and_then(|s| s.choices().iter().find(|c| c.id == choice))
            .map_or_else(|| choice.to_owned(), |c| c.label.clone())
    };
    html! {
        <ol class="session-summary">
            { for props.group.summary(module).iter().enumerate().map(|(index, decision)| {
                let total: u32 = decision.votes.iter().map(|(_, n)| n).sum();
                html! {
                    <li key={index}>
                        <p><strong>{ (t.summary_step_chose)(index + 1) }</strong>{ label(&decision.scene, &decision.chosen) }</p>
                        if total > 0 {
                            <p>{ t.votes_lead }{ decision.votes.iter().enumerate().filter(|(_, (_, n))| *n > 0).map(|(i, (_, n))| (t.option_votes)(i + 1, *n)).collect::<Vec<_>>().join("; ") }</p>
                        }
                        <p>{ t.recommended_lead }{ decision.recommended.iter().map(|c| label(&decision.scene, c)).collect::<Vec<_>>().join(" / ") }</p>
                    </li>
                }
            }) }
        </ol>
    }
}

#[derive(Properties, PartialEq)]
struct SessionMapProps {
    /// The module the group is playing.
    module: Rc<Module>,
    /// The group session as it stands.
    group: GroupSession,
    /// Where a jump back is sent.
    state: UseReducerHandle<crate::hooks::use_group::GroupState>,
}

/// The presenter's map of the session: where the group is, the path so far and the
/// recommended one; selecting a scene the group decided in offers to take it back there. It
/// folds away with the notes, so the room never sees it.
#[component]
fn SessionMap(props: &SessionMapProps) -> Html {
    let module = &props.module;
    let m = use_lang().map();
    let selected = use_state(|| None::<Target>);
    let session = props.group.session(module).ok();
    let Roads {
        sketch,
        marks,
        path,
        recommended,
    } = use_roads(
        module,
        session
            .as_ref()
            .map(|s| s.path().to_vec())
            .unwrap_or_default(),
        session.as_ref().map(|s| s.position()),
        false,
    );
    let details = selected.map(|target| {
        let id = module.target_id(target).to_owned();
        let steps: Vec<usize> = props
            .group
            .visited()
            .into_iter()
            .filter(|(_, scene)| *scene == id)
            .map(|(step, _)| step)
            .collect();
        html! {
            <MapDetails id="session-map" level={3} module={module.clone()} {target} path={path.clone()} recommended={recommended.clone()}>
                if matches!(target, Target::Scene(_)) {
                    if steps.is_empty() {
                        <p>{ m.group_not_here }</p>
                    } else {
                        <p class="actions">
                            { for steps.into_iter().map(|step| html! {
                                <button type="button" class="button" onclick={on_click(&props.state, move || GroupAction::JumpTo(step))}>{ (m.jump_to)(step) }</button>
                            }) }
                        </p>
                    }
                }
            </MapDetails>
        }
    });
    html! {
        <section class="session-map no-print" aria-labelledby="session-map-heading">
            <h2 id="session-map-heading">{ m.presenter_heading }</h2>
            <p>{ m.presenter_lede }</p>
            <ScenarioMap id="session-map" {sketch} label={m.presenter_heading} {marks}
                selected={*selected} on_select={{
                    let selected = selected.clone();
                    Callback::from(move |target| selected.set(Some(target)))
                }} />
            { details.unwrap_or_default() }
        </section>
    }
}
