//! In-browser tests (headless Chromium through wasm-bindgen-test): the storage module against
//! the real `localStorage`, and author Markdown rendered inert in the real DOM.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use peerpath_engine::progress::{ModuleProgress, PROGRESS_VERSION};
use peerpath_engine::{load, Session};
use peerpath_web::components::markdown::{Markdown, MarkdownProps};
use peerpath_web::storage::{StorageError, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("headless Chromium has localStorage")
}

fn module() -> peerpath_engine::Module {
    load(include_str!("../modules/de-escalation.toml"))
        .module
        .expect("the shipped module loads")
}

/// Progress written through the store reads back the same, from real localStorage.
#[wasm_bindgen_test]
fn progress_round_trips_through_local_storage() {
    local().clear().unwrap();
    let store = Store::open();
    assert!(store.is_persistent());
    let module = module();
    let mut session = Session::start(&module).unwrap();
    let first = match session.view(&module).unwrap() {
        peerpath_engine::View::Decision { choices, .. } => choices[0].id.to_owned(),
        other => panic!("expected a decision, got {other:?}"),
    };
    session.choose(&module, &first).unwrap();
    let progress = store
        .update(&module.id, |p| {
            p.record(&module, &session, 1000.0, "attempt");
            p.set_reflection("end/0", "a note", 1000.0);
        })
        .unwrap();
    assert_eq!(
        progress.current.as_ref().unwrap().session,
        session.save(&module)
    );
    assert_eq!(Store::open().progress(&module.id).unwrap(), progress);
}

/// A damaged record is reported, kept aside with its exact text, and no longer in the way.
#[wasm_bindgen_test]
fn corrupt_progress_is_set_aside_not_deleted() {
    local().clear().unwrap();
    local()
        .set_item("peerpath/v1/progress/de-escalation", "{not json")
        .unwrap();
    let store = Store::open();
    let error = store.progress("de-escalation").unwrap_err();
    let StorageError::Corrupt { kept_as, .. } = error else {
        panic!("expected Corrupt, got {error:?}");
    };
    assert_eq!(
        local().get_item(&kept_as).unwrap().as_deref(),
        Some("{not json")
    );
    assert_eq!(
        store.progress("de-escalation").unwrap(),
        ModuleProgress::new("de-escalation")
    );
}

/// Progress from a newer PeerPath is reported and never rewritten, even by an update.
#[wasm_bindgen_test]
fn newer_progress_is_left_untouched() {
    local().clear().unwrap();
    let newer = format!(r#"{{"version":{},"future":"field"}}"#, PROGRESS_VERSION + 1);
    local()
        .set_item("peerpath/v1/progress/de-escalation", &newer)
        .unwrap();
    let error = Store::open().progress("de-escalation").unwrap_err();
    assert!(matches!(error, StorageError::TooNew { .. }), "{error:?}");
    let refused = Store::open().update("de-escalation", |p| p.clear_current());
    assert!(
        matches!(refused, Err(StorageError::TooNew { .. })),
        "{refused:?}"
    );
    assert_eq!(
        local()
            .get_item("peerpath/v1/progress/de-escalation")
            .unwrap(),
        Some(newer)
    );
}

/// The memory store works when the browser keeps nothing, and says it is not persistent.
#[wasm_bindgen_test]
fn memory_store_keeps_progress_for_the_page() {
    let store = Store::in_memory();
    assert!(!store.is_persistent());
    let progress = store
        .update("m", |p| p.set_reflection("e/0", "x", 1.0))
        .unwrap();
    assert_eq!(store.progress("m").unwrap(), progress);
}

/// Hostile author text renders as inert text: no script, no handlers, no javascript: links.
#[wasm_bindgen_test]
async fn hostile_markdown_renders_inert() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let text = concat!(
        "Hello <script>window.hacked = 1</script> <img src=x onerror=\"window.hacked=2\">\n\n",
        "[click](javascript:alert(1)) [safe](https://example.org) [sneaky](JaVa\tScRiPt:alert(1))\n\n",
        "<iframe src=\"https://example.org\"></iframe>",
    );
    let handle = yew::Renderer::<Markdown>::with_root_and_props(
        root.clone(),
        MarkdownProps {
            text: text.into(),
            heading_base: 3,
        },
    )
    .render();
    yew::platform::time::sleep(Duration::from_millis(10)).await;
    assert_eq!(
        root.query_selector_all("script, img, iframe")
            .unwrap()
            .length(),
        0
    );
    assert!(
        root.inner_html().contains("&lt;script&gt;"),
        "the tag shows as text: {}",
        root.inner_html()
    );
    let links = root.query_selector_all("a[href]").unwrap();
    assert_eq!(
        links.length(),
        1,
        "only the https link keeps its address: {}",
        root.inner_html()
    );
    assert!(root.text_content().unwrap().contains("click"));
    let hacked = js_sys::Reflect::get(&web_sys::window().unwrap(), &"hacked".into()).unwrap();
    assert!(hacked.is_undefined());
    handle.destroy();
}
