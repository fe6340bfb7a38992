//! The contract of merging two copies of a learner's progress (two tabs, or an import from
//! another device), checked on generated records whose attempt ids, reflection keys and times
//! are drawn from small pools so that the two copies collide and tie often:
//!
//! - commutative, exactly: `a ⊔ b == b ⊔ a`, revision, attempt order and position included;
//! - idempotent and absorbing, exactly: merging what a copy already holds changes nothing, not
//!   even the revision;
//! - associative on content;
//! - nothing lost: every attempt, the newer text of every note, the newer position;
//! - the revision is the larger one when the merge brings nothing new to that copy, else one
//!   more;
//! - an export survives JSON, validation and a merge into an empty record unchanged.
//!
//! Records are generated as the engine keeps them: one module, attempt ids unique within a
//! copy, attempts oldest first (by `finished_at`, then id), times plausible and finite.

use std::collections::{BTreeMap, BTreeSet};

use peerpath_engine::progress::{
    Attempt, CurrentAttempt, ModuleProgress, PlayMode, ProgressExport, Reflection, PROGRESS_VERSION,
};
use peerpath_engine::save::{SavedDecision, SavedSession};
use peerpath_engine::{Outcome, SAVE_VERSION};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

const MODULE: &str = "waiting-room";

/// 2025-11-29, so that an import's plausibility checks accept every generated time.
const EPOCH: f64 = 1_764_374_400_000.0;

/// A few instants, so that two copies often tie on `updated_at` and `finished_at`.
fn instant() -> impl Strategy<Value = f64> {
    select(vec![0.0, 1_000.0, 2_000.0, 60_000.5, 86_400_000.0]).prop_map(|offset| EPOCH + offset)
}

/// Attempt ids shared by both copies, so the same attempt often appears on both sides.
fn attempt_id() -> impl Strategy<Value = String> {
    select(vec![
        "m3x8a1-1193",
        "m3x9k2-4821",
        "k7p2q0-0007",
        "z0z0z0-9999",
    ])
    .prop_map(str::to_owned)
}

fn decisions() -> impl Strategy<Value = Vec<SavedDecision>> {
    let decision = select(vec![
        ("arrival", "sit-beside"),
        ("arrival", "call-security"),
        ("listening", "ask-what-helps"),
    ])
    .prop_map(|(scene, choice)| SavedDecision {
        scene: scene.to_owned(),
        choice: choice.to_owned(),
    });
    prop::collection::vec(decision, 0..3)
}

fn attempt() -> impl Strategy<Value = Attempt> {
    (
        attempt_id(),
        instant(),
        instant(),
        select(vec![0u64, 1_000, 240_000]),
        select(vec![
            ("calm-ending", Outcome::Strong),
            ("tense-ending", Outcome::Difficult),
            ("mixed-ending", Outcome::Mixed),
        ]),
        decisions(),
    )
        .prop_map(
            |(id, started_at, finished_at, active_ms, (ending, outcome), decisions)| Attempt {
                id,
                started_at,
                finished_at,
                active_ms,
                ending: ending.to_owned(),
                outcome,
                decisions,
                assessment: false,
            },
        )
}

fn reflection() -> impl Strategy<Value = Reflection> {
    (
        select(vec![
            "",
            "I reached for safety too early.",
            "Next time I'll wait.",
            "Ça m’a aidé ✓",
        ]),
        instant(),
    )
        .prop_map(|(text, updated_at)| Reflection {
            text: text.to_owned(),
            updated_at,
        })
}

fn current(module: &'static str) -> impl Strategy<Value = CurrentAttempt> {
    (
        attempt_id(),
        instant(),
        instant(),
        select(vec![0u64, 60_000]),
        decisions(),
        any::<bool>(),
    )
        .prop_map(
            move |(id, started_at, updated_at, active_ms, decisions, reviewing)| CurrentAttempt {
                id,
                started_at,
                updated_at,
                active_ms,
                session: SavedSession {
                    version: SAVE_VERSION,
                    min_reader: 1,
                    module: module.to_owned(),
                    decisions,
                    reviewing,
                },
                assessment: false,
            },
        )
}

/// A record of `module` as the engine keeps it.
fn progress_of(module: &'static str) -> impl Strategy<Value = ModuleProgress> {
    let key = select(vec!["calm-ending/0", "calm-ending/1", "tense-ending/0"]);
    (
        select(vec![0u64, 1, 2, 3, 7, 9_007_199_254_740_990]),
        prop::option::of(current(module)),
        prop::collection::vec(attempt(), 0..5),
        prop::collection::btree_map(key.prop_map(str::to_owned), reflection(), 0..4),
        prop::option::of(
            (any::<bool>(), instant()).prop_map(|(assessment, chosen_at)| PlayMode {
                assessment,
                chosen_at,
            }),
        ),
    )
        .prop_map(
            move |(revision, current, mut attempts, reflections, mode)| {
                let mut seen = BTreeSet::new();
                attempts.retain(|attempt| seen.insert(attempt.id.clone()));
                attempts.sort_by(|a, b| {
                    a.finished_at
                        .total_cmp(&b.finished_at)
                        .then_with(|| a.id.cmp(&b.id))
                });
                ModuleProgress {
                    version: PROGRESS_VERSION,
                    module: module.to_owned(),
                    revision,
                    current,
                    attempts,
                    reflections,
                    mode,
                }
            },
        )
}

fn progress() -> impl Strategy<Value = ModuleProgress> {
    progress_of(MODULE)
}

/// `a` with `b` merged into it, as a new value.
fn merged(a: &ModuleProgress, b: &ModuleProgress) -> ModuleProgress {
    let mut result = a.clone();
    result.merge(b);
    result
}

/// What a record holds, without the revision that counts its writes.
fn content(progress: &ModuleProgress) -> ModuleProgress {
    ModuleProgress {
        revision: 0,
        ..progress.clone()
    }
}

/// Checks that nothing from `a` or `b` is missing in `result`, and that where both had
/// something, the newer one is kept.
fn nothing_lost(
    a: &ModuleProgress,
    b: &ModuleProgress,
    result: &ModuleProgress,
) -> Result<(), TestCaseError> {
    let ids: Vec<&str> = result.attempts.iter().map(|x| x.id.as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    prop_assert_eq!(unique.len(), ids.len(), "an attempt twice: {:?}", ids);
    let expected: BTreeSet<&str> = a
        .attempts
        .iter()
        .chain(&b.attempts)
        .map(|x| x.id.as_str())
        .collect();
    prop_assert_eq!(&unique, &expected, "attempt ids");
    for kept in &result.attempts {
        let sides: Vec<&Attempt> = a
            .attempts
            .iter()
            .chain(&b.attempts)
            .filter(|x| x.id == kept.id)
            .collect();
        prop_assert!(
            sides.contains(&kept),
            "attempt {} is neither side's: {:?}",
            kept.id,
            kept
        );
        let latest = sides
            .iter()
            .map(|x| x.finished_at)
            .fold(f64::NEG_INFINITY, f64::max);
        prop_assert_eq!(
            kept.finished_at,
            latest,
            "attempt {} lost its later finish",
            &kept.id
        );
    }
    prop_assert!(
        result
            .attempts
            .windows(2)
            .all(|w| w[0].finished_at <= w[1].finished_at),
        "attempts not oldest first: {:?}",
        result.attempts
    );

    let keys: BTreeSet<&String> = a.reflections.keys().chain(b.reflections.keys()).collect();
    prop_assert_eq!(
        result.reflections.keys().collect::<BTreeSet<_>>(),
        keys,
        "reflection keys"
    );
    for (key, kept) in &result.reflections {
        let sides: Vec<&Reflection> = [a, b]
            .iter()
            .filter_map(|side| side.reflections.get(key))
            .collect();
        prop_assert!(sides.contains(&kept), "note {} is neither side's", key);
        let newest = sides
            .iter()
            .map(|x| x.updated_at)
            .fold(f64::NEG_INFINITY, f64::max);
        prop_assert_eq!(kept.updated_at, newest, "note {} lost its newer text", key);
    }

    let positions: Vec<&CurrentAttempt> = [a, b]
        .iter()
        .filter_map(|side| side.current.as_ref())
        .collect();
    match &result.current {
        None => prop_assert!(positions.is_empty(), "the position was lost"),
        Some(kept) => {
            prop_assert!(positions.contains(&kept), "a position neither side had");
            let newest = positions
                .iter()
                .map(|x| x.updated_at)
                .fold(f64::NEG_INFINITY, f64::max);
            prop_assert_eq!(kept.updated_at, newest, "an older position won");
        }
    }
    Ok(())
}

fn config() -> ProptestConfig {
    // Each case is a handful of merges of small records: cheap, so explore widely.
    ProptestConfig {
        cases: 1_024,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Ensures the order of a merge never matters: both tabs end with the same record,
    /// revision, attempt order and position included.
    #[test]
    fn merge_is_commutative(a in progress(), b in progress()) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
    }

    /// Ensures merging a copy of itself changes nothing, not even the revision, so two tabs
    /// that hold the same record do not keep bumping each other.
    #[test]
    fn merge_is_idempotent(a in progress()) {
        prop_assert_eq!(merged(&a, &a.clone()), a);
    }

    /// Ensures merging again what a merge already holds changes nothing, revision included.
    #[test]
    fn merge_absorbs_what_it_already_has(a in progress(), b in progress()) {
        let both = merged(&a, &b);
        prop_assert_eq!(&merged(&both, &both.clone()), &both, "with itself");
        prop_assert_eq!(&merged(&both, &a), &both, "with the first side again");
        prop_assert_eq!(&merged(&both, &b), &both, "with the second side again");
    }

    /// Ensures three copies merge to the same content however they are grouped.
    #[test]
    fn merge_is_associative_on_content(a in progress(), b in progress(), c in progress()) {
        let left = merged(&merged(&a, &b), &c);
        let right = merged(&a, &merged(&b, &c));
        prop_assert_eq!(content(&left), content(&right));
    }

    /// Ensures every attempt from either side survives once, with its later finish, and each
    /// note and the position keep their newer version.
    #[test]
    fn merge_loses_nothing(a in progress(), b in progress()) {
        nothing_lost(&a, &b, &merged(&a, &b))?;
        nothing_lost(&b, &a, &merged(&b, &a))?;
    }

    /// Ensures the revision is the larger one when the merge brings that copy nothing new, and
    /// one more when it does, so a copy can tell it is behind.
    #[test]
    fn merge_revision_counts_only_changes(a in progress(), b in progress()) {
        let result = merged(&a, &b);
        let larger = a.revision.max(b.revision);
        let unchanged = [&a, &b]
            .iter()
            .any(|side| side.revision == larger && content(side) == content(&result));
        let expected = if unchanged { larger } else { larger + 1 };
        prop_assert_eq!(
            result.revision, expected,
            "revisions {} and {}, content {}",
            a.revision,
            b.revision,
            if unchanged { "unchanged" } else { "changed" }
        );
    }

    /// Ensures an export survives JSON, validation, and a merge into an empty record (a first
    /// import on a new device) unchanged, module by module.
    #[test]
    fn export_import_round_trips(
        modules in (progress_of("waiting-room"), progress_of("crossroads"), progress_of("de-escalation")),
        count in 0usize..=3,
        exported_at in instant(),
        pretty in any::<bool>(),
    ) {
        let (first, second, third) = modules;
        let modules: Vec<ModuleProgress> = [first, second, third].into_iter().take(count).collect();
        let export = ProgressExport::new(modules, exported_at);
        prop_assert_eq!(export.validate(), Ok(()));
        let json = if pretty {
            serde_json::to_string_pretty(&export)
        } else {
            serde_json::to_string(&export)
        }
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let read: ProgressExport =
            serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        prop_assert_eq!(read.validate(), Ok(()));
        prop_assert_eq!(&read, &export);

        let mut stored: BTreeMap<String, ModuleProgress> = BTreeMap::new();
        for incoming in &read.modules {
            stored
                .entry(incoming.module.clone())
                .or_insert_with(|| ModuleProgress::new(&incoming.module))
                .merge(incoming);
        }
        let expected: BTreeMap<String, ModuleProgress> = export
            .modules
            .iter()
            .map(|m| (m.module.clone(), m.clone()))
            .collect();
        prop_assert_eq!(stored, expected);
    }

    /// Ensures an empty record (no attempts, notes or position, revision 0) merged into a
    /// record leaves it exactly as it was.
    #[test]
    fn merging_an_empty_record_changes_nothing(a in progress()) {
        prop_assert_eq!(merged(&a, &ModuleProgress::new(MODULE)), a);
    }
}
