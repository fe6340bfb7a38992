use std::rc::Rc;

use peerpath_engine::{Module, View};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::catalog::use_module;
use crate::components::choice_list::{ChoiceList, ChoiceOption};
use crate::components::debrief::Debrief;
use crate::components::markdown::Markdown;
use crate::components::meter_list::{MeterList, MeterValue};
use crate::components::notice::{Notice, NoticeKind};
use crate::components::outcome_badge::OutcomeBadge;
use crate::components::rating_badge::RatingBadge;
use crate::hooks::use_focus::use_focus;
use crate::hooks::use_play::{attempt_id, use_play, Fresh, PlayAction, Reported};
use crate::hooks::use_title::use_title;
use crate::hooks::use_xapi::use_xapi;
use crate::i18n::use_lang;
use crate::pages::{with_module, Problem, ProblemPage};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct PlayPageProps {
    /// The module's id, from the address.
    pub id: AttrValue,
}

/// Playing a module: scene, feedback, and finally the debrief.
#[component]
pub fn PlayPage(props: &PlayPageProps) -> Html {
    let found = use_module(&props.id);
    with_module(
        &found,
        &props.id,
        |module| match peerpath_engine::Player::start(module.clone()) {
            Ok((player, events)) => {
                html! { <Player key={module_key(module)} module={module.clone()} fresh={Fresh { player, events }} /> }
            }
            Err(error) => html! {
                <ProblemPage problem={Problem::CannotStart} reason={error.to_string()} />
            },
        },
    )
}

/// The player is keyed by the module it plays: when the module changes under it (the learner
/// switched language, or a translation arrived), it reopens in that module, resumed from the
/// saved step (same ids, same state; resuming reports nothing new).
pub(crate) fn module_key(module: &Rc<Module>) -> String {
    format!("{:p}", Rc::as_ptr(module))
}

#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    /// The module to play.
    pub module: Rc<Module>,
    /// A newly started player, used when nothing is saved.
    pub fresh: Fresh,
    /// Told of each step: its scenes shown, decisions and completions (once each) and where
    /// the attempt stands.
    #[prop_or_default]
    pub on_step: Callback<Reported>,
    /// The learner as the embedding page names them, for the site's LRS (else anonymous).
    #[prop_or(wasm_bindgen::JsValue::UNDEFINED)]
    pub actor: wasm_bindgen::JsValue,
    /// Whether the site's LRS (`[xapi]`) hears this play: not for an author's preview, nor in
    /// a package, whose learning platform hears it.
    #[prop_or(true)]
    pub to_site_lrs: bool,
    /// Whether the debrief offers the map of the play-through (see `Debrief::map_link`).
    #[prop_or(true)]
    pub map_link: bool,
}

pub(crate) fn meter_values(readings: &[peerpath_engine::MeterReading<'_>]) -> Vec<MeterValue> {
    readings
        .iter()
        .map(|m| MeterValue {
            id: m.id.to_owned().into(),
            label: m.label.to_owned().into(),
            value: m.value,
            min: m.min,
            max: m.max,
        })
        .collect()
}

/// The play loop on screen: scene, feedback, ending and debrief, saved at every step.
#[component]
pub fn Player(props: &PlayerProps) -> Html {
    let s = use_lang().learner();
    use_title(props.module.title.clone());
    let to_lrs = use_xapi(&props.module, props.actor.clone(), props.to_site_lrs);
    let on_step = {
        let on_step = props.on_step.clone();
        Callback::from(move |step: Reported| {
            to_lrs.emit(step.clone());
            on_step.emit(step);
        })
    };
    let play = use_play(props.module.clone(), props.fresh.clone(), on_step);
    let state = play.state.clone();
    let module = state.player.module().clone();
    let session = state.player.session();
    let heading = use_node_ref();
    // A new step (a decision made, feedback read) moves focus to the step's heading.
    use_focus(heading.clone(), (session.path().len(), session.phase()));

    let on_choose = {
        let state = state.clone();
        Callback::from(move |id: AttrValue| state.dispatch(PlayAction::Choose(id.to_string())))
    };
    let proceed = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(PlayAction::Proceed))
    };
    let restart = {
        let state = state.clone();
        let assessment = play.assessment_preference;
        Callback::from(move |_: MouseEvent| {
            state.dispatch(PlayAction::Restart {
                attempt: attempt_id(js_sys::Date::now()),
                assessment,
            })
        })
    };
    let step = session.path().len() + 1;
    let body = match session.view(&module) {
        Err(error) => {
            html! { <Notice kind={NoticeKind::Problem}><p lang="en">{ error.to_string() }</p></Notice> }
        }
        Ok(View::Decision {
            scene,
            meters,
            choices,
        }) => {
            let choices = choices
                .iter()
                .map(|c| ChoiceOption {
                    id: c.id.to_owned().into(),
                    label: c.label.to_owned().into(),
                    unavailable: c.unavailable.map(|r| r.to_owned().into()),
                })
                .collect::<Vec<_>>();
            html! {
                <section class="scene" aria-labelledby="step-heading">
                    <h2 id="step-heading" ref={heading.clone()} tabindex="-1">{ (s.step_heading)(step) }</h2>
                    if let Some(speaker) = &scene.speaker {
                        <p class="speaker">{ speaker }</p>
                    }
                    if let Some(image) = &scene.image {
                        <img class="scene-image" src={image.src.clone()} alt={image.alt.clone()} />
                    }
                    <div class="scene-text"><Markdown prose={scene.text.clone()} /></div>
                    if state.assessment {
                        <p class="hint assessment-note">{ s.assessment_hint }</p>
                    } else {
                        <MeterList meters={meter_values(&meters)} />
                    }
                    <h3 class="choices-heading">{ s.what_do_you_do }</h3>
                    <ChoiceList {choices} {on_choose} />
                </section>
            }
        }
        Ok(View::Feedback {
            choice,
            meters,
            ends,
            ..
        }) => html! {
            <section class="feedback" aria-labelledby="feedback-heading">
                <h2 id="feedback-heading" ref={heading.clone()} tabindex="-1">{ s.your_choice }</h2>
                <blockquote class="chosen">{ &choice.label }</blockquote>
                <p><RatingBadge rating={choice.rating} /></p>
                if let Some(feedback) = &choice.feedback {
                    <div class="feedback-text"><Markdown prose={feedback.clone()} /></div>
                }
                <MeterList meters={meter_values(&meters)} />
                <div class="actions">
                    <button type="button" class="button button-primary" onclick={proceed}>
                        { if ends { s.see_how_it_ended } else { s.continue_on } }
                    </button>
                </div>
            </section>
        },
        Ok(View::Ending { ending, .. }) => html! {
            <section class="ending" aria-labelledby="ending-heading">
                <p class="eyebrow">{ s.end_of_path }</p>
                <h2 id="ending-heading" ref={heading.clone()} tabindex="-1">{ &ending.title }</h2>
                <p><OutcomeBadge outcome={ending.outcome} /></p>
                <div class="ending-text"><Markdown prose={ending.text.clone()} /></div>
                if state.assessment {
                    <p class="assessment-note">{ s.assessment_ending_note }</p>
                }
                <Debrief
                    module={module.clone()}
                    session={session.clone()}
                    ending={ending.clone()}
                    notes={play.notes.clone()}
                    on_note={play.on_note.clone()}
                    map_link={props.map_link}
                />
                <div class="actions">
                    <button type="button" class="button button-primary" onclick={restart}>{ s.play_again }</button>
                    <Link<Route> classes="button" to={Route::Catalog}>{ s.back_to_all_modules }</Link<Route>>
                </div>
            </section>
        },
    };
    html! {
        <article class="page narrow play">
            <h1 class="play-title">{ &module.title }</h1>
            { for play.notices.iter().map(|n| html! { <Notice kind={NoticeKind::Info}><p>{ n }</p></Notice> }) }
            if let Some(problem) = &state.problem {
                <Notice kind={NoticeKind::Problem}><p>{ (s.step_failed)(problem) }</p></Notice>
            }
            { body }
        </article>
    }
}
