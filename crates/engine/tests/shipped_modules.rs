//! The modules in the repository's `modules/` folder: all clean, all listed in the catalog.
//! Works for whatever module files exist, and fails when there are none.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use std::collections::BTreeSet;

use peerpath_engine::translation::load_translation;
use peerpath_engine::{load, parse_catalog, Session};

fn module_file_names() -> BTreeSet<String> {
    common::shipped_modules()
        .iter()
        .map(|(path, _)| path.file_name().unwrap().to_str().unwrap().to_owned())
        .collect()
}

/// Ensures there is at least one shipped module, so the other tests here check something.
#[test]
fn there_are_shipped_modules() {
    assert!(
        !common::shipped_modules().is_empty(),
        "no module files in {}",
        common::modules_dir().display()
    );
}

/// Ensures every shipped module loads with no errors and no warnings, the audit's (W205,
/// W206) included, as `peerpath check` reports them.
#[test]
fn every_shipped_module_is_clean() {
    let modules = common::shipped_modules();
    assert!(!modules.is_empty(), "no module files to check");
    let mut problems = Vec::new();
    for (path, text) in &modules {
        let loaded = peerpath_engine::load::load_audited(text);
        for d in &loaded.diagnostics {
            problems.push(format!("{}:{d}", path.display()));
        }
        if loaded.diagnostics.is_empty() {
            assert!(
                loaded.module.is_some(),
                "{} has no diagnostics but did not load",
                path.display()
            );
        }
    }
    assert!(
        problems.is_empty(),
        "shipped modules have problems:\n{}",
        problems.join("\n")
    );
}

/// Ensures the shipped translations exist, are complete and current (no diagnostics at all),
/// and change only text: the translated module has the same ids, branching and state.
#[test]
fn every_shipped_translation_is_clean_and_changes_only_text() {
    let translations = common::shipped_translations();
    let names: Vec<&str> = translations
        .iter()
        .map(|(name, _, _)| name.as_str())
        .collect();
    for expected in ["de-escalation.es.toml", "role-boundaries.es.toml"] {
        assert!(
            names.contains(&expected),
            "{expected} is missing: {names:?}"
        );
    }
    for (name, text, english) in &translations {
        let loaded = load_translation(english, name, text);
        let problems: Vec<String> = loaded
            .diagnostics
            .iter()
            .map(|d| format!("{name}:{d}"))
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let translation = loaded.translation.expect("a translation without errors");
        let module = common::load_ok(name, english);
        let translated = translation.apply(&module);
        assert_ne!(
            translated.title, module.title,
            "{name}: the title is translated"
        );
        assert_eq!(translated.id, module.id);
        assert_eq!(translated.start, module.start);
        assert_eq!(translated.meters.len(), module.meters.len());
        for (a, b) in translated.scenes.iter().zip(&module.scenes) {
            assert_eq!(a.id, b.id);
            assert_eq!(
                a.image.as_ref().map(|i| &i.src),
                b.image.as_ref().map(|i| &i.src)
            );
            let (ca, cb) = (a.choices(), b.choices());
            assert_eq!(ca.len(), cb.len());
            for (x, y) in ca.iter().zip(cb) {
                assert_eq!(
                    (&x.id, &x.condition, &x.effects, x.target, x.rating),
                    (&y.id, &y.condition, &y.effects, y.target, y.rating)
                );
                assert_ne!(
                    x.label, y.label,
                    "{name}: choice `{}` in `{}` is translated",
                    x.id, a.id
                );
            }
        }
        for (a, b) in translated.endings.iter().zip(&module.endings) {
            assert_eq!(
                (&a.id, a.outcome, &a.references),
                (&b.id, b.outcome, &b.references)
            );
            assert_eq!(a.takeaways.len(), b.takeaways.len());
        }
        // Still a playable module: the compiled form's checks accept it.
        peerpath_engine::Module::from_compiled(&translated.to_compiled())
            .expect("the translation compiles");
    }
}

/// Ensures each module file is named after its id, as modules/README.md asks.
#[test]
fn every_shipped_module_is_named_after_its_id() {
    let modules = common::shipped_modules();
    assert!(!modules.is_empty(), "no module files to check");
    for (path, text) in &modules {
        let module = common::load_ok(&path.display().to_string(), text);
        let expected = format!("{}.toml", module.id);
        assert_eq!(path.file_name().unwrap().to_str().unwrap(), expected);
    }
}

/// Ensures every shipped module starts and offers a first decision or ending.
#[test]
fn every_shipped_module_starts() {
    let modules = common::shipped_modules();
    assert!(!modules.is_empty(), "no module files to check");
    for (path, text) in &modules {
        let module = common::load_ok(&path.display().to_string(), text);
        let session = Session::start(&module).unwrap();
        session.view(&module).unwrap();
    }
}

/// Ensures the catalog parses, lists only files that exist, and lists each at most once.
#[test]
fn catalog_lists_only_existing_files() {
    let path = common::modules_dir().join("catalog.toml");
    let listed: Vec<String> = parse_catalog(&common::read(&path))
        .unwrap_or_else(|diagnostics| panic!("catalog.toml: {diagnostics:#?}"))
        .into_iter()
        .map(|listed| listed.file)
        .collect();
    assert!(!listed.is_empty(), "the catalog lists no modules");
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "a module is listed twice: {listed:?}"
    );
    for name in &listed {
        let file = common::modules_dir().join(name);
        assert!(
            file.is_file(),
            "catalog.toml lists {name}, but {} does not exist",
            file.display()
        );
    }
}

/// Ensures every module file is listed in the catalog, so none is left out of the app.
#[test]
fn every_module_file_is_in_the_catalog() {
    let files = module_file_names();
    assert!(!files.is_empty(), "no module files to check");
    let path = common::modules_dir().join("catalog.toml");
    let listed: BTreeSet<String> = parse_catalog(&common::read(&path))
        .unwrap_or_else(|diagnostics| panic!("catalog.toml: {diagnostics:#?}"))
        .into_iter()
        .map(|listed| listed.file)
        .collect();
    let missing: Vec<&String> = files.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "not listed in catalog.toml: {missing:?}"
    );
}

/// Ensures the complete example in modules/README.md loads with no diagnostics.
#[test]
fn readme_example_is_clean() {
    let readme = common::read(&common::modules_dir().join("README.md"));
    let start = readme
        .find("```toml\n")
        .expect("a ```toml block in the README")
        + "```toml\n".len();
    let length = readme[start..].find("```").expect("the end of the block");
    let loaded = load(&readme[start..start + length]);
    assert_eq!(loaded.diagnostics, Vec::new());
    assert_eq!(loaded.module.map(|m| m.id), Some("waiting-room".to_owned()));
}

/// Ensures every shipped module meets the content bar a trainer relies on: at least 20 scenes,
/// 8 decisions on the longest path and 5 on the shortest, 3 endings with different outcomes,
/// state that steers later options or routes, facilitator notes and a discussion prompt in
/// every decision scene, feedback, a rating and competencies on every choice, and a debrief
/// with takeaways, reflection prompts and references on every ending.
#[test]
fn every_shipped_module_meets_the_content_bar() {
    use peerpath_engine::{ModuleStats, Step};
    use std::collections::BTreeSet;
    for (path, text) in common::shipped_modules() {
        let name = path.display().to_string();
        let module = common::load_ok(&name, &text);
        let stats = ModuleStats::of(&module);
        assert!(stats.scenes >= 20, "{name}: {} scenes", stats.scenes);
        assert!(
            stats.longest_decisions >= Some(8),
            "{name}: longest {:?}",
            stats.longest_decisions
        );
        assert!(
            stats.shortest_decisions >= Some(5),
            "{name}: shortest {:?}",
            stats.shortest_decisions
        );
        let outcomes: BTreeSet<_> = module.endings.iter().map(|e| e.outcome).collect();
        assert!(
            module.endings.len() >= 3 && outcomes.len() >= 2,
            "{name}: endings {:?}",
            outcomes
        );
        assert!(
            !module.content_note.plain_text().is_empty() && !module.objectives.is_empty(),
            "{name}"
        );
        // State that carries: conditions on choices or routes read at least two variables.
        let mut steering = BTreeSet::new();
        for scene in &module.scenes {
            let conditions: Vec<_> = match &scene.step {
                Step::Decide(choices) => choices
                    .iter()
                    .filter_map(|c| c.condition.as_ref())
                    .collect(),
                Step::Route(routes) => routes.iter().filter_map(|r| r.condition.as_ref()).collect(),
            };
            for condition in conditions {
                for variable in module
                    .meters
                    .iter()
                    .map(|m| &m.id)
                    .chain(module.flags.iter().map(|f| &f.id))
                {
                    if condition
                        .source
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                        .any(|w| w == variable)
                    {
                        steering.insert(variable.clone());
                    }
                }
            }
        }
        assert!(
            steering.len() >= 2,
            "{name}: only {steering:?} steer the story"
        );
        for scene in module.scenes.iter().filter(|s| s.is_decision()) {
            let id = &scene.id;
            assert!(
                scene
                    .facilitator_notes
                    .as_ref()
                    .is_some_and(|n| !n.plain_text().is_empty()),
                "{name}: scene {id} has no facilitator notes"
            );
            assert!(
                scene
                    .discussion
                    .as_ref()
                    .is_some_and(|d| !d.plain_text().is_empty()),
                "{name}: scene {id} has no discussion prompt"
            );
            for choice in scene.choices() {
                assert!(
                    choice.feedback.is_some() && choice.rating.is_some(),
                    "{name}: {id}/{}",
                    choice.id
                );
                assert!(
                    !choice.competencies.is_empty(),
                    "{name}: {id}/{} has no competencies",
                    choice.id
                );
            }
        }
        for ending in &module.endings {
            assert!(
                !ending.takeaways.is_empty()
                    && !ending.reflection.is_empty()
                    && !ending.references.is_empty(),
                "{name}: ending {} lacks takeaways, reflection prompts or references",
                ending.id
            );
        }
        // A review sheet sits beside every module, naming each of its decision scenes.
        let sheet = path.with_extension("review.md");
        let review = std::fs::read_to_string(&sheet)
            .unwrap_or_else(|_| panic!("{name}: no review sheet at {}", sheet.display()));
        for scene in module.scenes.iter().filter(|s| s.is_decision()) {
            assert!(
                review.contains(&format!("`{}`", scene.id)),
                "{name}: the review sheet never mentions scene {}",
                scene.id
            );
        }
    }
}

/// Ensures every shipped module meets the audit's bar (modules/README.md, "Auditing a
/// module"): no strong ending after a harmful choice, no harmful choice without a lasting mark,
/// label tells no better than chance allows, and calibration within its band.
#[test]
fn every_shipped_module_meets_the_audit_bar() {
    let modules = common::shipped_modules();
    assert!(!modules.is_empty(), "no module files to audit");
    let mut problems = Vec::new();
    for (path, text) in &modules {
        let Some(module) = load(text).module else {
            problems.push(format!("{}: does not load", path.display()));
            continue;
        };
        let audit = peerpath_engine::audit::Audit::of(&module);
        for miss in &audit.misses {
            problems.push(format!(
                "{}: {}: {}",
                path.display(),
                miss.rule,
                miss.detail
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "modules miss the audit bar (run `peerpath audit` for details):\n{}",
        problems.join("\n")
    );
}

/// Ensures what SCORM keeps to resume (`cmi.suspend_data`) fits SCORM 1.2's 4,096 characters
/// on the longest path of every shipped module: the real resume text of that path, with the
/// longest attempt id PeerPath accepts, in assessment mode, paused on the feedback.
#[test]
fn every_shipped_modules_longest_path_fits_scorm_12_suspend_data() {
    use peerpath_engine::report::{Resume, MAX_ATTEMPT_ID, SCORM12_SUSPEND_LIMIT};
    let modules = common::shipped_modules();
    assert!(!modules.is_empty(), "no module files to measure");
    let mut report = Vec::new();
    for (path, text) in &modules {
        let module = load(text).module.expect("shipped modules load");
        let space = peerpath_engine::audit::StateSpace::explore(
            &module,
            peerpath_engine::audit::STATE_BOUND,
        );
        let path_taken = space
            .longest_path(&module)
            .unwrap_or_else(|| panic!("{}: no bounded longest path", path.display()));
        assert!(!path_taken.is_empty());
        let resume = Resume {
            attempt: "a".repeat(MAX_ATTEMPT_ID),
            assessment: true,
            session: peerpath_engine::SavedSession {
                version: peerpath_engine::SAVE_VERSION,
                min_reader: peerpath_engine::SAVE_VERSION,
                module: module.id.clone(),
                decisions: path_taken.clone(),
                reviewing: true,
            },
        };
        // The path is a real play-through: it replays on the module to the end.
        let (player, dropped) =
            peerpath_engine::Player::resume(std::rc::Rc::new(module.clone()), &resume.session)
                .unwrap();
        assert_eq!(
            dropped,
            None,
            "{}: the longest path does not replay",
            path.display()
        );
        assert_eq!(player.save().decisions, path_taken);
        let size = resume.to_text().unwrap().chars().count();
        report.push(format!(
            "{}: {} decisions, {size} characters",
            module.id,
            path_taken.len()
        ));
        assert!(
            size <= SCORM12_SUSPEND_LIMIT,
            "{}: resume data on the longest path is {size} characters, over SCORM 1.2's {SCORM12_SUSPEND_LIMIT}",
            path.display()
        );
    }
    eprintln!("{}", report.join("\n"));
}
