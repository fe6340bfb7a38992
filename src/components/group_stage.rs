use std::rc::Rc;

use peerpath_engine::group::GroupSession;
use peerpath_engine::{Module, View};
use yew::prelude::*;

use crate::components::decision_list::decision_list;
use crate::components::markdown::Markdown;
use crate::components::meter_list::MeterList;
use crate::components::outcome_badge::OutcomeBadge;
use crate::components::rating_badge::RatingBadge;
use crate::i18n::use_lang;
use crate::pages::play::meter_values;
use crate::text::with_english;

#[derive(Properties, PartialEq)]
pub struct GroupStageProps {
    /// The module the group is playing.
    pub module: Rc<Module>,
    /// The group session, as the presenter left it.
    pub group: GroupSession,
}

/// What the room sees: the scene and its options, the vote tally and the feedback once the
/// trainer shows them, and the ending's questions. Nobody's personal progress or scores.
#[component]
pub fn GroupStage(props: &GroupStageProps) -> Html {
    let module = &props.module;
    let group = &props.group;
    let t = use_lang().tools();
    if group.blank {
        return html! { <div class="stage-blank" role="img" aria-label={t.blank_screen_label}></div> };
    }
    let session = match group.session(module) {
        Ok(session) => session,
        Err(error) => {
            return html! { <p class="stage-problem">{ with_english(t.session_unshowable, &error.to_string()) }</p> }
        }
    };
    let votes = group.votes_now(module);
    let total: u32 = votes.values().sum();
    match session.view(module) {
        Err(error) => html! { <p class="stage-problem" lang="en">{ error.to_string() }</p> },
        Ok(View::Decision { scene, choices, .. }) => html! {
            <section class="stage" aria-labelledby="stage-heading">
                <div class="stage-columns">
                <div class="stage-scene">
                <h2 id="stage-heading">{ (t.step)(group.step()) }</h2>
                if let Some(speaker) = &scene.speaker {
                    <p class="speaker">{ speaker }</p>
                }
                <div class="stage-text"><Markdown prose={scene.text.clone()} /></div>
                </div>
                <div class="stage-options">
                <h3>{ t.what_would_you_do }</h3>
                <ol class="stage-choices">
                    { for choices.iter().map(|choice| {
                        let count = votes.get(choice.id).copied().unwrap_or(0);
                        html! {
                            <li key={choice.id} class={classes!(choice.unavailable.is_some().then_some("stage-unavailable"))}>
                                <span class="stage-choice-label">{ choice.label }</span>
                                if let Some(reason) = choice.unavailable {
                                    <span class="choice-reason">{ t.not_available }{ reason }</span>
                                }
                                if group.show_votes {
                                    <span class="tally">
                                        <meter class="tally-bar" min="0" max={total.max(1).to_string()} value={count.to_string()} aria-hidden="true"></meter>
                                        <span class="tally-count">{ (t.vote_count)(count) }</span>
                                    </span>
                                }
                            </li>
                        }
                    }) }
                </ol>
                </div>
                </div>
            </section>
        },
        Ok(View::Feedback { choice, meters, .. }) => html! {
            <section class="stage" aria-labelledby="stage-heading">
                <h2 id="stage-heading">{ t.group_chose }</h2>
                <blockquote class="chosen">{ &choice.label }</blockquote>
                if group.show_feedback {
                    <p><RatingBadge rating={choice.rating} /></p>
                    if let Some(feedback) = &choice.feedback {
                        <div class="stage-text"><Markdown prose={feedback.clone()} /></div>
                    }
                    <MeterList meters={meter_values(&meters)} />
                } else {
                    <p class="stage-wait">{ t.talk_it_over }</p>
                }
            </section>
        },
        Ok(View::Ending { ending, .. }) => html! {
            <section class="stage" aria-labelledby="stage-heading">
                <p class="eyebrow">{ t.end_of_path }</p>
                <h2 id="stage-heading">{ &ending.title }</h2>
                <p><OutcomeBadge outcome={ending.outcome} /></p>
                <div class="stage-text"><Markdown prose={ending.text.clone()} /></div>
                if group.assessment {
                    <h3>{ t.groups_decisions }</h3>
                    // The room reads the feedback when the trainer reveals it (R): eleven
                    // paragraphs at once do not fit a projector.
                    { decision_list(&session.decisions(module), group.show_feedback) }
                }
                if ending.discussion.is_some() || !ending.reflection.is_empty() {
                    <h3>{ t.to_discuss }</h3>
                    <ul>
                        if let Some(discussion) = &ending.discussion {
                            <li><Markdown prose={discussion.clone()} /></li>
                        }
                        { for ending.reflection.iter().map(|r| html! { <li><Markdown prose={r.clone()} /></li> }) }
                    </ul>
                }
            </section>
        },
    }
}
