//! Reporting play-throughs to the site's own LRS (`[xapi]` in `site.toml`), as xAPI
//! statements sent through the outbox (see `lms::xapi`). Nothing happens when the site names
//! no LRS.

use std::cell::RefCell;
use std::rc::Rc;

use peerpath_engine::report::xapi::{Subject, XapiReport};
use peerpath_engine::Module;
use serde_json::{json, Value};
use yew::prelude::*;

use crate::components::lrs_provider::Wrapped;
use crate::hooks::use_play::Reported;
use crate::lms::xapi::Sender;
use crate::site::use_site;
use crate::storage::Store;

/// The site's address without the page's file name or hash: `https://host/training/`.
fn site_base() -> Option<String> {
    let location = web_sys::window()?.location();
    let (origin, path) = (location.origin().ok()?, location.pathname().ok()?);
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    Some(format!("{origin}{folder}"))
}

/// The reporter and its sender, made once per player.
struct SiteReport {
    sender: Rc<Sender>,
    report: RefCell<XapiReport>,
}

/// A callback for the player's steps that sends them to the site's LRS, as `actor` (the
/// embedding page's learner) or else this browser's anonymous learner; when `enabled`.
#[hook]
pub fn use_xapi(module: &Rc<Module>, actor: Option<Value>, enabled: bool) -> Callback<Reported> {
    let site = use_site();
    let store = use_context::<Rc<Store>>();
    let sender = use_context::<Wrapped>().and_then(|wrapped| wrapped.0);
    let reporting = use_memo(sender.is_some(), {
        let module = module.clone();
        let activity_base = site
            .config
            .xapi
            .as_ref()
            .and_then(|x| x.activity_base.clone());
        move |_| {
            let sender = sender.filter(|_| enabled)?;
            let base = site_base()?;
            let activity_base = activity_base.unwrap_or_else(|| base.clone());
            let anonymous = json!({
                "objectType": "Agent",
                "account": { "homePage": base, "name": store?.anonymous_learner() },
            });
            let subject = Subject {
                activity: format!(
                    "{}/modules/{}",
                    activity_base.trim_end_matches('/'),
                    module.id
                ),
                title: module.title.clone(),
                passing: module.passing,
            };
            Some(Rc::new(SiteReport {
                sender,
                report: RefCell::new(XapiReport::xapi(anonymous, subject, js_sys::Date::now())),
            }))
        }
    });
    {
        let reporting = reporting.clone();
        use_effect_with(actor, move |actor| {
            if let (Some(reporting), Some(actor)) = (&*reporting, actor) {
                reporting.report.borrow_mut().set_actor(actor.clone());
            }
        });
    }
    let module = module.clone();
    Callback::from(move |step: Reported| {
        let Some(reporting) = &*reporting else {
            return;
        };
        let scene_text = |id: &str| {
            module
                .scene(id)
                .map(|scene| scene.text.plain_text().chars().take(250).collect())
        };
        let statements = reporting.report.borrow_mut().step(
            &step.attempt,
            &step.events,
            scene_text,
            js_sys::Date::now(),
        );
        reporting.sender.queue(&statements);
    })
}
