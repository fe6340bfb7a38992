//! In-browser tests (headless Chromium through wasm-bindgen-test): the storage module against
//! the real `localStorage`, and author Markdown rendered inert in the real DOM.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use std::rc::Rc;

use peerpath_engine::progress::{ModuleProgress, PROGRESS_VERSION};
use peerpath_engine::{load, Player, ProgressAction, ProgressBook, Record};
use peerpath_web::components::markdown::{Markdown, MarkdownProps};
use peerpath_web::storage::{export_text, read_import, StorageError, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("headless Chromium has localStorage")
}

fn module() -> Rc<peerpath_engine::Module> {
    Rc::new(
        load(include_str!("../modules/de-escalation.toml"))
            .module
            .expect("the shipped module loads"),
    )
}

/// A record after one decision and a note, as the progress store would hold it.
fn played(module: &Rc<peerpath_engine::Module>) -> ModuleProgress {
    let (mut player, started) = Player::start(module.clone()).unwrap();
    let first = match player.view().unwrap() {
        peerpath_engine::View::Decision { choices, .. } => choices[0].id.to_owned(),
        other => panic!("expected a decision, got {other:?}"),
    };
    let mut progress = ModuleProgress::new(&module.id);
    progress.record("attempt", &player.save(), &started, 1e12);
    let decided = player.choose(&first).unwrap();
    progress.record("attempt", &player.save(), &decided, 1e12 + 1000.0);
    progress.set_reflection("end/0", "a note", 1e12 + 2000.0);
    progress
}

/// Progress written through the store reads back the same, from real localStorage.
#[wasm_bindgen_test]
fn progress_round_trips_through_local_storage() {
    local().clear().unwrap();
    let store = Store::open();
    assert!(store.is_persistent());
    let module = module();
    let progress = played(&module);
    let written = store.write(&progress, None).unwrap();
    assert_eq!(written, progress);
    let (book, problems) = Store::open().load_book();
    assert_eq!(problems, []);
    assert_eq!(book.progress(&module.id), Some(&progress));
}

/// A write merges in what another tab wrote since this one last looked, so no write is lost.
#[wasm_bindgen_test]
fn a_write_keeps_another_tabs_write() {
    local().clear().unwrap();
    let store = Store::open();
    let module = module();
    let mine = played(&module);
    let mut theirs = ModuleProgress::new(&module.id);
    theirs.set_reflection("other/0", "written in another tab", 1e12);
    store.write(&theirs, None).unwrap();
    let written = store.write(&mine, None).unwrap();
    assert_eq!(written.reflections.len(), 2);
    let (book, _) = Store::open().load_book();
    assert_eq!(book.progress(&module.id), Some(&written));
}

/// A damaged or out-of-range record is reported, kept aside with its exact text, and no
/// longer in the way.
#[wasm_bindgen_test]
fn corrupt_progress_is_set_aside_not_deleted() {
    for damaged in [
        "{not json".to_owned(),
        r#"{"version":1,"module":"de-escalation","revision":1,"current":null,"attempts":[{"id":"a","started_at":0,"finished_at":1e16,"active_ms":0,"ending":"e","outcome":"strong","decisions":[]}],"reflections":{}}"#.to_owned(),
    ] {
        local().clear().unwrap();
        local()
            .set_item("peerpath/v1/progress/de-escalation", &damaged)
            .unwrap();
        let (book, problems) = Store::open().load_book();
        let [StorageError::Corrupt { kept_as, .. }] = &problems[..] else {
            panic!("expected one Corrupt, got {problems:?}");
        };
        assert_eq!(local().get_item(kept_as).unwrap(), Some(damaged.clone()));
        assert!(book.records.is_empty());
        assert_eq!(
            local().get_item("peerpath/v1/progress/de-escalation").unwrap(),
            None
        );
    }
}

/// Progress from a newer PeerPath is read as such and never rewritten.
#[wasm_bindgen_test]
fn newer_progress_is_left_untouched() {
    local().clear().unwrap();
    let newer = format!(r#"{{"version":{},"future":"field"}}"#, PROGRESS_VERSION + 1);
    local()
        .set_item("peerpath/v1/progress/de-escalation", &newer)
        .unwrap();
    let (mut book, problems) = Store::open().load_book();
    assert_eq!(problems, []);
    assert_eq!(
        book.records["de-escalation"],
        Record::TooNew {
            version: PROGRESS_VERSION + 1
        }
    );
    book.apply(ProgressAction::StartOver {
        module: "de-escalation".into(),
    });
    assert!(!book.may_save("de-escalation"));
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
    let mut progress = ModuleProgress::new("m");
    progress.set_reflection("e/0", "x", 1.0);
    store.write(&progress, None).unwrap();
    assert_eq!(store.load_book().0.progress("m"), Some(&progress));
}

/// An export is never empty: it holds every readable record, and reads back as a valid file.
#[wasm_bindgen_test]
fn export_round_trips_through_import() {
    let module = module();
    let mut book = ProgressBook::default();
    let record = played(&module);
    let revision = format!("\"revision\": {}", record.revision);
    book.records.insert(module.id.clone(), Record::Kept(record));
    let text = export_text(&book, 1e12).unwrap();
    assert!(text.contains("a note"));
    let incoming = read_import(&text, &ProgressBook::default()).unwrap();
    assert_eq!(incoming.len(), 1);
    let hostile = text.replace(&revision, "\"revision\": 9007199254740993");
    assert!(hostile != text && read_import(&hostile, &book).is_err());
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
            prose: peerpath_engine::Prose::parse(text),
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

/// Words both languages write the same way: names, and words Spanish borrows.
const SAME_IN_BOTH: &[&str] = &["PeerPath", "OK", "Aceptable"];

/// Ensures every interface text exists in both languages (the compiler already refuses a
/// missing one), none is empty, and no Spanish text is English left in place by mistake.
#[wasm_bindgen_test]
fn every_interface_text_is_in_both_languages() {
    use peerpath_web::i18n::{all_tables, Lang};
    let mut checked = 0;
    for (table, english, spanish) in all_tables() {
        assert_eq!(english.len(), spanish.len(), "{table}");
        for ((field, en), (same_field, es)) in english.iter().zip(&spanish) {
            assert_eq!(field, same_field);
            assert!(!en.trim().is_empty(), "{table}.{field} is empty in English");
            assert!(!es.trim().is_empty(), "{table}.{field} is empty in Spanish");
            assert!(
                en != es || SAME_IN_BOTH.contains(&es.trim()),
                "{table}.{field} is the same in English and Spanish: {es:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} texts");
    // Texts made from numbers: one form for exactly 1, another for the rest, 0 included.
    for lang in Lang::ALL {
        let s = lang.learner();
        assert_ne!((s.about_minutes)(1), (s.about_minutes)(2));
        assert!((s.about_minutes)(0).contains('0'));
    }
    assert_eq!(
        (Lang::Es.learner().about_minutes)(1),
        "alrededor de 1 minuto"
    );
    assert_eq!(
        (Lang::Es.learner().about_minutes)(12),
        "alrededor de 12 minutos"
    );
    assert_eq!(Lang::from_tag("es-MX"), Some(Lang::Es));
    assert_eq!(Lang::from_tag("EN-gb"), Some(Lang::En));
    assert_eq!(Lang::from_tag("fr"), None);
}
