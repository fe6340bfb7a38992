use std::rc::Rc;

use peerpath_engine::{Decision, Module, Step, Target};
use yew::prelude::*;

use crate::components::markdown::Markdown;
use crate::components::outcome_badge::OutcomeBadge;
use crate::components::rating_badge::RatingBadge;
use crate::components::scenario_map::words;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct MapDetailsProps {
    /// The map's id, which names this panel's parts.
    pub id: AttrValue,
    /// The module the map draws.
    pub module: Rc<Module>,
    /// The scene or ending selected on the map.
    pub target: Target,
    /// The decisions of the path taken (a learner's or a group's), to mark what was chosen.
    #[prop_or_default]
    pub path: Rc<Vec<Decision>>,
    /// The decisions of the recommended path, to mark the recommended way on.
    #[prop_or_default]
    pub recommended: Rc<Vec<Decision>>,
    /// Whether to show the scene's own text (the author preview does).
    #[prop_or_default]
    pub with_text: bool,
    /// The level of the panel's heading (4 under a section's `h3`).
    #[prop_or(4)]
    pub level: u8,
    /// What the page adds (a trainer's jump, an author's problems).
    #[prop_or_default]
    pub children: Html,
}

/// The scene or ending selected on the scenario map: its choices and where each leads, which
/// one was chosen and which one the recommended path takes, or the routes and their
/// conditions, or the ending's outcome.
#[component]
pub fn MapDetails(props: &MapDetailsProps) -> Html {
    let lang = use_lang();
    let m = lang.map();
    let module = &props.module;
    let name = |target: Target| match target {
        Target::Scene(_) => words(module.target_id(target)),
        Target::Ending(index) => module
            .endings
            .get(index)
            .map_or_else(String::new, |ending| ending.title.clone()),
    };
    let steps_here = |path: &[Decision], scene: usize, choice: usize| -> Vec<usize> {
        path.iter()
            .enumerate()
            .filter(|(_, d)| d.scene == scene && d.choice == choice)
            .map(|(at, _)| at + 1)
            .collect()
    };
    let body = match props.target {
        Target::Ending(index) => match module.endings.get(index) {
            Some(ending) => html! {
                <>
                    <p><OutcomeBadge outcome={ending.outcome} /></p>
                    if props.with_text {
                        <Markdown prose={ending.text.clone()} heading_base={5} />
                    }
                </>
            },
            None => html! {},
        },
        Target::Scene(index) => match module.scenes.get(index) {
            None => html! {},
            Some(scene) => html! {
                <>
                    if props.with_text {
                        if let Some(speaker) = &scene.speaker { <p class="speaker">{ speaker }</p> }
                        <Markdown prose={scene.text.clone()} heading_base={5} />
                    }
                    { match &scene.step {
                        Step::Decide(choices) => html! {
                            <ul class="map-ways">
                                { for choices.iter().enumerate().map(|(at, choice)| {
                                    let chosen = steps_here(&props.path, index, at);
                                    let recommended = !steps_here(&props.recommended, index, at).is_empty();
                                    html! {
                                        <li key={choice.id.clone()} class={classes!((!chosen.is_empty()).then_some("map-way-chosen"))}>
                                            <p class="decision-label">{ &choice.label }{ " " }<RatingBadge rating={choice.rating} /></p>
                                            <p class="hint">
                                                { (m.leads_to)(&name(choice.target)) }
                                                if !chosen.is_empty() {
                                                    { "; " }<strong>{ (m.chosen_at)(&chosen.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")) }</strong>
                                                }
                                                if recommended { { "; " }{ m.on_recommended } }
                                            </p>
                                        </li>
                                    }
                                }) }
                            </ul>
                        },
                        Step::Route(routes) => html! {
                            <>
                                <p>{ m.outline_routes }</p>
                                <ul class="map-ways">
                                    { for routes.iter().map(|route| {
                                        let condition = route.condition.as_ref().map_or(m.otherwise, |c| c.source.as_str());
                                        html! { <li><code lang="en">{ condition }</code>{ " → " }{ name(route.target) }</li> }
                                    }) }
                                </ul>
                            </>
                        },
                    } }
                </>
            },
        },
    };
    let heading = format!("{}-details-heading", props.id);
    html! {
        <section class="map-details" aria-labelledby={heading.clone()}>
            <@{format!("h{}", props.level.clamp(2, 6))} id={heading}
                lang={(matches!(props.target, Target::Scene(_)) && lang != crate::i18n::Lang::En).then_some("en")}>{ name(props.target) }</@>
            { body }
            { props.children.clone() }
        </section>
    }
}
