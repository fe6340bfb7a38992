//! Pass 4, lowering: the file as written, with its references resolved, becomes the playable
//! [`Module`]. Runs only when the other passes found no error, so every reference resolved;
//! should one not have, the module is not built rather than built with a placeholder.

use super::declare::Symbols;
use super::resolve::{Resolved, ResolvedChoice, ResolvedRoute, ResolvedScene};
use crate::format::{RawChoice, RawEnding, RawMeter, RawModule, RawScene};
use crate::markdown::Prose;
use crate::module::{Choice, Ending, Flag, Image, Meter, Module, Route, Scene, Source, Step};

/// Runs the pass: `None` if some reference did not resolve or a scene has both choices and
/// routes (both already reported as errors).
pub(super) fn lower(raw: RawModule, symbols: Symbols, resolved: Resolved) -> Option<Module> {
    let scenes = raw
        .scenes
        .iter()
        .zip(resolved.scenes)
        .map(|(scene, resolved)| self::scene(scene, resolved))
        .collect::<Option<Vec<Scene>>>()?;
    Some(Module {
        id: raw.id.into_inner(),
        title: raw.title.into_inner(),
        topic: raw.topic,
        audience: raw.audience,
        minutes: raw.minutes,
        passing: raw.passing,
        content_note: Prose::parse(raw.content_note.get_ref()),
        objectives: raw.objectives.iter().map(|o| Prose::parse(o)).collect(),
        sources: raw
            .sources
            .into_iter()
            .map(|source| Source {
                id: source.id.into_inner(),
                title: source.title,
                url: source.url,
                note: source.note,
            })
            .collect(),
        meters: raw.meters.iter().map(meter).collect(),
        flags: raw
            .flags
            .into_iter()
            .map(|flag| Flag {
                id: flag.id.into_inner(),
                label: flag.label,
                start: flag.start,
                visible: flag.visible,
            })
            .collect(),
        scenes,
        endings: raw.endings.into_iter().map(ending).collect(),
        start: resolved.start?,
        targets: symbols.targets,
    })
}

fn meter(raw: &RawMeter) -> Meter {
    let (min, max, start) = (*raw.min.get_ref(), *raw.max.get_ref(), *raw.start.get_ref());
    // The declare pass has reported bounds that do not fit; these keep `clamp` from
    // panicking on them all the same.
    let max = max.max(min);
    Meter {
        id: raw.id.get_ref().clone(),
        label: raw.label.clone(),
        min,
        max,
        start: start.clamp(min, max),
        visible: raw.visible,
    }
}

fn scene(raw: &RawScene, resolved: ResolvedScene) -> Option<Scene> {
    let ResolvedScene { choices, routes } = resolved;
    let step = match (choices.is_empty(), routes.is_empty()) {
        (_, true) => Step::Decide(
            raw.choices
                .iter()
                .zip(choices)
                .map(|(raw, resolved)| choice(raw, resolved))
                .collect::<Option<_>>()?,
        ),
        (true, false) => Step::Route(routes.into_iter().map(route).collect::<Option<_>>()?),
        (false, false) => return None,
    };
    Some(Scene {
        id: raw.id.get_ref().clone(),
        speaker: raw.speaker.clone(),
        text: raw.text.as_deref().map(Prose::parse).unwrap_or_default(),
        image: raw.image.as_ref().map(|image| Image {
            src: image.src.get_ref().clone(),
            alt: image.alt.get_ref().clone(),
        }),
        facilitator_notes: raw.facilitator_notes.as_deref().map(Prose::parse),
        discussion: raw.discussion.as_deref().map(Prose::parse),
        step,
    })
}

fn choice(raw: &RawChoice, resolved: ResolvedChoice) -> Option<Choice> {
    Some(Choice {
        id: raw.id.get_ref().clone(),
        label: raw.label.get_ref().clone(),
        condition: resolved.condition,
        unavailable: raw.unavailable.as_ref().map(|r| r.get_ref().clone()),
        effects: resolved.effects,
        target: resolved.target?,
        feedback: raw.feedback.as_deref().map(Prose::parse),
        rating: raw.rating,
        competencies: raw.competencies.clone(),
    })
}

fn route(resolved: ResolvedRoute) -> Option<Route> {
    Some(Route {
        condition: resolved.condition,
        target: resolved.target?,
    })
}

fn ending(raw: RawEnding) -> Ending {
    Ending {
        id: raw.id.into_inner(),
        title: raw.title.into_inner(),
        outcome: raw.outcome,
        text: Prose::parse(&raw.text),
        takeaways: raw.takeaways.iter().map(|t| Prose::parse(t)).collect(),
        reflection: raw.reflection.iter().map(|r| Prose::parse(r)).collect(),
        references: raw.references.into_iter().map(|r| r.into_inner()).collect(),
        facilitator_notes: raw.facilitator_notes.as_deref().map(Prose::parse),
        discussion: raw.discussion.as_deref().map(Prose::parse),
    }
}
