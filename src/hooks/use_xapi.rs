//! Reporting play-throughs to the site's own LRS (`[xapi]` in `site.toml`): each step goes to
//! the reporter's bundle (see `lms::site_lrs`), which builds the statements and sends them.
//! Nothing happens when the site names no LRS.

use std::rc::Rc;

use peerpath_engine::report::scene_excerpt;
use peerpath_engine::{Event, Module};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::catalog::{use_english_module, Found};
use crate::components::lrs_provider::{site_base, SiteLrsContext};
use crate::hooks::use_play::Reported;
use crate::hooks::use_progress::use_progress;
use crate::lms::site_lrs::LrsStep;
use crate::site::use_site;

/// A callback for the player's steps that hands them to the site's LRS, as `actor` (the
/// embedding page's learner, or `undefined` for this browser's anonymous learner); only when
/// `enabled`.
#[hook]
pub fn use_xapi(module: &Rc<Module>, actor: JsValue, enabled: bool) -> Callback<Reported> {
    let site = use_site();
    let lrs = use_context::<SiteLrsContext>()
        .and_then(|context| context.0)
        .filter(|_| enabled);
    let activity_base = site
        .config
        .xapi
        .as_ref()
        .and_then(|xapi| xapi.activity_base.clone())
        .or_else(site_base)
        .unwrap_or_default();
    let progress = use_progress();
    // Statements name their language `en-US`: their words come from the English module
    // (fetched only when reporting and playing another language); ids and state are the same.
    let english = use_english_module(if lrs.is_some() { &module.id } else { "" });
    let named = match english {
        Found::Ready(english) if english.id == module.id => english,
        _ => module.clone(),
    };
    let module = module.clone();
    Callback::from(move |step: Reported| {
        let Some(lrs) = &lrs else {
            return;
        };
        let scenes = step
            .events
            .iter()
            .filter_map(|event| match event {
                Event::SceneShown { scene, .. } | Event::Decided { scene, .. } => Some(scene),
                _ => None,
            })
            .filter_map(|id| Some((id.clone(), scene_excerpt(&named, id)?)))
            .collect();
        let attempt_started = progress
            .book()
            .progress(&module.id)
            .and_then(|p| p.current.as_ref())
            .filter(|current| current.id == step.attempt)
            .map(|current| current.started_at);
        let step = LrsStep {
            module: module.id.clone(),
            title: named.title.clone(),
            passing: module.passing,
            activity: format!(
                "{}/modules/{}",
                activity_base.trim_end_matches('/'),
                module.id
            ),
            attempt: step.attempt,
            attempt_started,
            events: step.events,
            scenes,
        };
        lrs.step(&step, &actor);
    })
}
