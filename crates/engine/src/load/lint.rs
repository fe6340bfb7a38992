//! Pass 3, lint: the shape of the story, once every reference is resolved.
//!
//! Required text is present, every scene leads on and a learner can never be stuck, images
//! stay inside the site, every meter and flag is read, and every scene and ending can be
//! reached without routing in circles. Warnings (`W2xx`) come from here too.

use super::declare::Symbols;
use super::resolve::{Resolved, ResolvedScene};
use crate::diagnostic::{Code, Diagnostics};
use crate::format::{RawChoice, RawModule, RawScene};
use crate::graph::{self, Node};
use crate::site::is_site_path;

/// Runs the pass.
pub(super) fn lint(
    raw: &RawModule,
    symbols: &Symbols,
    resolved: &Resolved,
    diagnostics: &mut Diagnostics<'_>,
) {
    required_fields(raw, diagnostics);
    for scene in &raw.scenes {
        self::scene(scene, diagnostics);
    }
    unused_variables(symbols, resolved, diagnostics);
    // With no known start, every scene would look unreachable: the E102 on `start` says it all.
    if let Some(start) = resolved.start {
        paths(raw, &resolved.scenes, start, diagnostics);
    }
}

fn required_fields(raw: &RawModule, diagnostics: &mut Diagnostics<'_>) {
    for (field, value) in [("title", &raw.title), ("content_note", &raw.content_note)] {
        if value.get_ref().trim().is_empty() {
            diagnostics.push(
                Code::MissingField,
                value.span(),
                format!("`{field}` must not be empty"),
            );
        }
    }
    // The lists have no position of their own once read, so point at the title.
    for (field, empty) in [
        ("audience", raw.audience.is_empty()),
        ("objectives", raw.objectives.is_empty()),
    ] {
        if empty {
            diagnostics.push(
                Code::MissingField,
                raw.title.span(),
                format!("`{field}` must list at least one entry"),
            );
        }
    }
}

fn scene(raw: &RawScene, diagnostics: &mut Diagnostics<'_>) {
    let id = raw.id.get_ref();
    match (raw.choices.is_empty(), raw.routes.is_empty()) {
        (true, true) => diagnostics.push(
            Code::DeadEnd,
            raw.id.span(),
            format!("scene `{id}` has neither choices nor routes, so the story stops here; add choices, routes, or make it an [[endings]] entry"),
        ),
        (false, false) => diagnostics.push(
            Code::MixedScene,
            raw.id.span(),
            format!("scene `{id}` has both choices and routes; split it into a decision scene and a routing scene"),
        ),
        _ => {}
    }
    if raw.routes.is_empty() && raw.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
        diagnostics.push(
            Code::MissingField,
            raw.id.span(),
            format!("scene `{id}` asks the learner to decide but has no `text`"),
        );
    }
    if let Some(image) = &raw.image {
        if image.alt.get_ref().trim().is_empty() {
            diagnostics.push(
                Code::MissingField,
                image.alt.span(),
                "an image needs `alt` text that says what it shows",
            );
        }
        // The app puts `src` in an <img>: a scheme, another host or `..` would load from
        // outside the site, which the content-security policy and the author's reader
        // should not have to catch.
        if !is_site_path(image.src.get_ref()) {
            diagnostics.push(
                Code::PathOutsideSite,
                image.src.span(),
                format!(
                    "image `{}` must be a relative path inside this site, such as `images/park.svg` (no scheme such as `https:`, no leading `/`, no `..`, no backslash)",
                    image.src.get_ref()
                ),
            );
        }
    }
    if !raw.choices.is_empty() && raw.choices.iter().all(|choice| choice.condition.is_some()) {
        diagnostics.push(
            Code::NoWayOn,
            raw.id.span(),
            format!(
                "every choice in scene `{id}` has an `if`, so a learner could find none available; give at least one choice no condition"
            ),
        );
    }
    for choice in &raw.choices {
        self::choice(raw, choice, diagnostics);
    }
    if let Some(condition) = raw.routes.last().and_then(|last| last.condition.as_ref()) {
        diagnostics.push(
            Code::NoWayOn,
            condition.span(),
            format!(
                "the last route in scene `{id}` has an `if`; if no route matches the learner is stuck, so remove the last `if` to make it the fallback"
            ),
        );
    }
}

fn choice(scene: &RawScene, raw: &RawChoice, diagnostics: &mut Diagnostics<'_>) {
    let where_ = format!(
        "choice `{}` in scene `{}`",
        raw.id.get_ref(),
        scene.id.get_ref()
    );
    if raw.label.get_ref().trim().is_empty() {
        diagnostics.push(
            Code::MissingField,
            raw.label.span(),
            format!("{where_} has an empty `label`"),
        );
    }
    if raw.condition.is_none() {
        if let Some(reason) = &raw.unavailable {
            diagnostics.push(
                Code::ReasonWithoutCondition,
                reason.span(),
                format!("{where_} gives an `unavailable` reason but has no `if`, so it is always available"),
            );
        }
    }
    if raw.feedback.as_deref().is_none_or(|f| f.trim().is_empty()) {
        diagnostics.push(
            Code::MissingFeedback,
            raw.id.span(),
            format!("{where_} has no `feedback` explaining why it helps or harms"),
        );
    }
    if raw.rating.is_none() {
        diagnostics.push(
            Code::MissingRating,
            raw.id.span(),
            format!("{where_} has no `rating` (recommended, acceptable, risky or harmful)"),
        );
    }
}

/// A meter or flag that no condition reads cannot change the story. Each declaration counts
/// on its own, so a repeated id is unused even when its first declaration is read.
fn unused_variables(symbols: &Symbols, resolved: &Resolved, diagnostics: &mut Diagnostics<'_>) {
    for (reference, declared) in symbols.variables.iter() {
        if !resolved.read.contains(&reference) {
            diagnostics.push(
                Code::UnusedVariable,
                declared.id.span(),
                format!(
                    "`{}` is never read by a condition, so it cannot change the story",
                    declared.id.get_ref()
                ),
            );
        }
    }
}

/// Reachability and routing loops, over the `goto`s that resolved. A mixed scene counts as a
/// decision scene whose routes are edges too, so its one mistake does not also make later
/// scenes look unreachable or its routes look like a loop.
fn paths(
    raw: &RawModule,
    scenes: &[ResolvedScene],
    start: crate::module::Target,
    diagnostics: &mut Diagnostics<'_>,
) {
    let nodes: Vec<Node> = scenes
        .iter()
        .map(|scene| Node {
            targets: scene
                .choices
                .iter()
                .map(|choice| choice.target)
                .chain(scene.routes.iter().map(|route| route.target))
                .flatten()
                .collect(),
            routing: scene.choices.is_empty() && !scene.routes.is_empty(),
        })
        .collect();
    let reach = graph::reachable(&nodes, raw.endings.len(), start);
    for (scene, reached) in raw.scenes.iter().zip(&reach.scenes) {
        if !reached {
            diagnostics.push(
                Code::UnreachableScene,
                scene.id.span(),
                format!(
                    "no path from the start reaches scene `{}`",
                    scene.id.get_ref()
                ),
            );
        }
    }
    for (ending, reached) in raw.endings.iter().zip(&reach.endings) {
        if !reached {
            diagnostics.push(
                Code::UnreachableEnding,
                ending.id.span(),
                format!(
                    "no path from the start reaches ending `{}`",
                    ending.id.get_ref()
                ),
            );
        }
    }
    for scene in graph::routing_loops(&nodes)
        .into_iter()
        .filter_map(|index| raw.scenes.get(index))
    {
        diagnostics.push(
            Code::RoutingLoop,
            scene.id.span(),
            format!(
                "routing scene `{}` can lead back to itself through routes alone, without a decision in between",
                scene.id.get_ref()
            ),
        );
    }
}
