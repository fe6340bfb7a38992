//! The compiled form (`peerpath build`, what the browser plays): every shipped module and
//! fixture plays exactly as its TOML source does, and damaged, stale or hand-made compiled
//! data is refused with a reason instead of being played.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use std::rc::Rc;
use std::sync::OnceLock;

use common::Rng;
use peerpath_engine::compiled::{is_data_file_name, COMPILED_VERSION, MAX_PROSE_DEPTH};
use peerpath_engine::markdown::{Block, Inline, Prose};
use peerpath_engine::{
    generate, Choice, DecodeError, Effect, Event, Index, IndexEntry, Module, Player, Step, Target,
    View,
};
use proptest::prelude::*;

/// Every shipped module and golden fixture, as loaded from TOML and as decoded from its
/// compiled bytes.
fn pairs() -> &'static [(String, Module, Module)] {
    static PAIRS: OnceLock<Vec<(String, Module, Module)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        common::shipped_and_golden()
            .into_iter()
            .map(|(name, module)| {
                let compiled = Module::from_compiled(&module.to_compiled())
                    .unwrap_or_else(|error| panic!("{name}: {error}"));
                (name, module, compiled)
            })
            .collect()
    })
}

/// Ensures every shipped module decodes to exactly the module its TOML source loads as.
#[test]
fn every_module_survives_compilation_unchanged() {
    assert!(pairs().len() >= 7 + 3);
    for (name, module, compiled) in pairs() {
        assert_eq!(module, compiled, "{name}");
        // Lookups by id work on the decoded module (its id table is rebuilt, not stored).
        for scene in &module.scenes {
            assert_eq!(compiled.scene(&scene.id), Some(scene), "{name}");
        }
        for (index, ending) in module.endings.iter().enumerate() {
            assert_eq!(compiled.target(&ending.id), Some(Target::Ending(index)));
        }
    }
}

/// Ensures a 10,000-scene module compiles and decodes, and that its compiled form is smaller
/// than its TOML source.
#[test]
fn large_module_round_trips() {
    let text = generate::module(10_000);
    let module = common::load_ok("generated", &text);
    let bytes = module.to_compiled();
    assert!(
        bytes.len() < text.len(),
        "{} >= {}",
        bytes.len(),
        text.len()
    );
    assert_eq!(Module::from_compiled(&bytes).unwrap(), module);
}

/// Plays the same random walk on two players and requires the same events and views at every
/// step.
fn walk_both(source: &Module, compiled: &Module, seed: u64) -> Result<usize, TestCaseError> {
    let mut rng = Rng(seed);
    let (mut a, events_a) = Player::start(Rc::new(source.clone())).unwrap();
    let (mut b, events_b) = Player::start(Rc::new(compiled.clone())).unwrap();
    prop_assert_eq!(events_a, events_b);
    for step in 0..2_000 {
        prop_assert_eq!(a.view().unwrap(), b.view().unwrap());
        if a.ending().is_some() {
            prop_assert!(b.ending().is_some());
            return Ok(step);
        }
        let available = common::available_choices(a.session(), source);
        prop_assert!(!available.is_empty(), "stuck at step {step}");
        let id = &available[rng.below(available.len())];
        let (ea, eb) = (a.choose(id).unwrap(), b.choose(id).unwrap());
        prop_assert_eq!(ea, eb);
        prop_assert_eq!(a.view().unwrap(), b.view().unwrap());
        let (ea, eb) = (a.proceed().unwrap(), b.proceed().unwrap());
        prop_assert!(ea.iter().all(|e| !matches!(e, Event::Restarted)));
        prop_assert_eq!(ea, eb);
    }
    Err(TestCaseError::fail("no ending after 2,000 decisions"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Ensures random play-throughs of the TOML and compiled forms of every module report the
    /// same events and show the same views, step by step, to the same ending.
    #[test]
    fn compiled_modules_play_like_their_source(seed in any::<u64>()) {
        for (_, source, compiled) in pairs() {
            walk_both(source, compiled, seed)?;
        }
    }

    /// Ensures every prefix of a compiled module is refused as incomplete, never played and
    /// never a panic.
    #[test]
    fn truncated_data_is_refused(cut in 0.0f64..1.0) {
        let (_, module, _) = &pairs()[0];
        let bytes = module.to_compiled();
        let len = ((bytes.len() as f64) * cut) as usize;
        let error = Module::from_compiled(&bytes[..len.min(bytes.len() - 1)]).unwrap_err();
        prop_assert!(
            matches!(error, DecodeError::NotCompiled | DecodeError::Damaged(_) | DecodeError::Invalid(_)),
            "{error:?}"
        );
    }

    /// Ensures random bytes after a valid header decode to an error or to a module that
    /// passed every check, never to a panic.
    #[test]
    fn random_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = b"PPM".to_vec();
        bytes.push(b'M');
        bytes.extend_from_slice(&COMPILED_VERSION.to_le_bytes());
        bytes.extend_from_slice(&body);
        if let Ok(module) = Module::from_compiled(&bytes) {
            let _ = Player::start(Rc::new(module));
        }
    }

    /// Ensures flipping any one byte of a compiled module is either refused or still gives a
    /// module that starts without a panic.
    #[test]
    fn flipped_bytes_never_panic(at in 0.0f64..1.0, value in any::<u8>()) {
        let (_, module, _) = &pairs()[1];
        let mut bytes = module.to_compiled();
        let at = ((bytes.len() as f64) * at) as usize % bytes.len();
        bytes[at] = value;
        if let Ok(module) = Module::from_compiled(&bytes) {
            if let Ok((mut player, _)) = Player::start(Rc::new(module)) {
                let _ = player.view();
                if let Ok(View::Decision { choices, .. }) = player.view() {
                    let first = choices.first().map(|c| c.id.to_owned());
                    if let Some(first) = first {
                        let _ = player.choose(&first);
                        let _ = player.proceed();
                    }
                }
            }
        }
    }
}

fn small() -> Module {
    pairs()
        .iter()
        .find(|(name, _, _)| name.ends_with("crossroads.toml"))
        .unwrap()
        .1
        .clone()
}

/// The choices of the module's first decision scene.
fn first_choices(module: &mut Module) -> &mut Vec<Choice> {
    module
        .scenes
        .iter_mut()
        .find_map(|scene| match &mut scene.step {
            Step::Decide(choices) => Some(choices),
            Step::Route(_) => None,
        })
        .unwrap()
}

fn refused(module: &Module) -> String {
    match Module::from_compiled(&module.to_compiled()) {
        Err(DecodeError::Invalid(reason)) => reason,
        other => panic!("expected an invalid module, got {other:?}"),
    }
}

/// Ensures compiled data whose targets, meters, flags, ids or bounds do not fit the module is
/// refused, each with a reason that names what is wrong.
#[test]
fn out_of_range_data_is_refused() {
    let mut module = small();
    module.start = Target::Scene(99);
    assert!(refused(&module).contains("the start leads nowhere"));

    let mut module = small();
    let choices = first_choices(&mut module);
    choices[0].target = Target::Ending(7);
    assert!(
        refused(&module).contains("target in scene"),
        "{}",
        refused(&module)
    );

    let mut module = small();
    let choices = first_choices(&mut module);
    choices[0].effects.push(Effect::Add {
        meter: 40,
        delta: 1,
    });
    assert!(refused(&module).contains("meter or flag that does not exist"));

    let mut module = small();
    let id = module.scenes[0].id.clone();
    module.endings[0].id = id;
    assert!(refused(&module).contains("is used twice"));

    let mut module = small();
    module.meters[0].start = module.meters[0].max + 1;
    assert!(refused(&module).contains("starts outside its bounds"));

    let mut module = small();
    module.id = "../elsewhere".into();
    assert!(refused(&module).contains("is not a module id"));

    let mut module = small();
    module.scenes[0].step = Step::Decide(Vec::new());
    assert!(refused(&module).contains("no choices"));

    let mut module = small();
    let mut deep = vec![Inline::Text("deep".into())];
    for _ in 0..=MAX_PROSE_DEPTH {
        deep = vec![Inline::Emphasis(deep)];
    }
    module.scenes[0].text = Prose(vec![Block::Paragraph(deep)]);
    assert!(refused(&module).contains("nests too deeply"));
}

/// Ensures data that is not a compiled module says so: another format, the other kind, another
/// version, extra bytes.
#[test]
fn headers_are_checked() {
    let bytes = small().to_compiled();
    assert_eq!(
        Module::from_compiled(b"format = 1\nid = \"x\""),
        Err(DecodeError::NotCompiled)
    );
    assert_eq!(Module::from_compiled(&[]), Err(DecodeError::NotCompiled));
    let index = Index::default().to_compiled();
    assert!(matches!(
        Module::from_compiled(&index),
        Err(DecodeError::WrongKind { .. })
    ));
    assert!(matches!(
        Index::from_compiled(&bytes),
        Err(DecodeError::WrongKind { .. })
    ));
    let mut other_version = bytes.clone();
    other_version[4] = other_version[4].wrapping_add(1);
    let error = Module::from_compiled(&other_version).unwrap_err();
    assert!(matches!(error, DecodeError::Version { .. }));
    assert!(error.to_string().contains("rebuild the site"), "{error}");
    let mut longer = bytes;
    longer.push(0);
    assert!(matches!(
        Module::from_compiled(&longer),
        Err(DecodeError::Damaged(_))
    ));
}

/// Ensures the index round-trips, and refuses a data path that would leave its folder.
#[test]
fn index_round_trips_and_keeps_paths_local() {
    let module = small();
    let entry = IndexEntry::new(
        &module,
        "crossroads.toml",
        "crossroads.0123456789abcdef.ppm",
        "crossroads.trainer.0123456789abcdef.ppm",
    );
    let index = Index {
        modules: vec![entry.clone()],
    };
    let decoded = Index::from_compiled(&index.to_compiled()).unwrap();
    assert_eq!(decoded, index);
    assert_eq!(decoded.by_file("crossroads.toml"), Some(&entry));
    for bad in [
        "../x.ppm",
        "/x.ppm",
        "x.toml",
        ".ppm",
        "https://evil/x.ppm",
        "a/b.ppm",
    ] {
        assert!(!is_data_file_name(bad), "{bad}");
        for which in [0, 1] {
            let mut bad_entry = entry.clone();
            *[&mut bad_entry.data, &mut bad_entry.trainer_data][which] = bad.into();
            let index = Index {
                modules: vec![bad_entry],
            };
            assert!(matches!(
                Index::from_compiled(&index.to_compiled()),
                Err(DecodeError::Invalid(_))
            ));
        }
    }
}

/// Ensures prose parsed from any Markdown, however deeply nested, stays within the depth that
/// compiled data may have, so the checker never writes what the player would refuse.
#[test]
fn parsed_prose_stays_within_the_compiled_depth() {
    for text in [
        format!("{}deep", "- ".repeat(5_000)),
        format!("{}deep", "> ".repeat(5_000)),
        format!("{}deep{}", "*a ".repeat(5_000), " a*".repeat(5_000)),
        format!("{}deep{}", "[".repeat(2_000), "](https://x)".repeat(2_000)),
        format!("{}deep", "1. > - *".repeat(1_000)),
    ] {
        let prose = Prose::parse(&text);
        assert!(prose.depth() <= MAX_PROSE_DEPTH, "{}", prose.depth());
    }
}

/// Ensures the learners' form drops exactly the trainer's notes and discussion prompts (put
/// back, they give the whole module again), and that its compiled form plays like it.
#[test]
fn learners_form_drops_only_the_trainers_notes() {
    for (name, module, _) in pairs() {
        let learners = module.for_learners();
        assert!(learners
            .scenes
            .iter()
            .all(|s| s.facilitator_notes.is_none() && s.discussion.is_none()));
        assert!(learners
            .endings
            .iter()
            .all(|e| e.facilitator_notes.is_none() && e.discussion.is_none()));
        let mut restored = learners.clone();
        for (scene, whole) in restored.scenes.iter_mut().zip(&module.scenes) {
            scene.facilitator_notes.clone_from(&whole.facilitator_notes);
            scene.discussion.clone_from(&whole.discussion);
        }
        for (ending, whole) in restored.endings.iter_mut().zip(&module.endings) {
            ending
                .facilitator_notes
                .clone_from(&whole.facilitator_notes);
            ending.discussion.clone_from(&whole.discussion);
        }
        assert_eq!(&restored, module, "{name}");
        let decoded = Module::from_compiled(&learners.to_compiled()).unwrap();
        walk_both(&learners, &decoded, 7).unwrap();
    }
}
