//! The checker's diagnostics: every code, with its exact position and message.
//!
//! Each module fixture in `tests/fixtures/diagnostics/` is `clean.toml` with one change, named
//! after the code it triggers (`dangling-target.toml` for E102), and must report that
//! diagnostic and nothing else. The codes about other files have their fixtures in
//! subfolders named after what reads them: `catalog/` (checked as if beside the module
//! fixtures), `site/` (a `site.toml`) and `folder/` (a module file checked together with
//! `clean.toml`), and `audit/` (the audit's warnings, which `load_audited` adds and the
//! browser's `load` leaves out).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use std::path::PathBuf;

use peerpath_engine::audit::audit_warnings;
use peerpath_engine::catalog::{duplicate_module_ids, missing_files};
use peerpath_engine::site::parse_site;
use peerpath_engine::translation::load_translation;
use peerpath_engine::{load, parse_catalog, Code, Diagnostic, Severity};

/// One expected diagnostic: its code, where it points (1-based line and column, in
/// characters), and a phrase its message must contain.
struct Case {
    code: Code,
    line: usize,
    column: usize,
    phrase: &'static str,
}

/// The expected diagnostic of each code's fixture, in `Code::ALL` order.
#[rustfmt::skip] // one code a line reads as a table
const CASES: &[Case] = &[
    Case { code: Code::Syntax, line: 30, column: 1, phrase: "unknown field `speeker`" },
    Case { code: Code::FormatVersion, line: 2, column: 10, phrase: "uses format 2, which is newer" },
    Case { code: Code::DuplicateId, line: 50, column: 8, phrase: "choice id `greet` is already used on line 32" },
    Case { code: Code::DanglingTarget, line: 52, column: 10, phrase: "goes to `dnoe`, which is not a scene or ending" },
    Case { code: Code::UnknownVariable, line: 36, column: 38, phrase: "effect on `mood`" },
    Case { code: Code::OutOfBounds, line: 21, column: 9, phrase: "starts at 9, outside its bounds 0 to 5" },
    Case { code: Code::DeadEnd, line: 57, column: 6, phrase: "scene `limbo` has neither choices nor routes" },
    Case { code: Code::BadCondition, line: 34, column: 15, phrase: "use `==` to compare, not `=`" },
    Case { code: Code::TypeMismatch, line: 44, column: 9, phrase: "`met` is a flag (true or false) and cannot be compared" },
    Case { code: Code::NoWayOn, line: 28, column: 6, phrase: "every choice in scene `first` has an `if`" },
    Case { code: Code::UnreachableScene, line: 57, column: 6, phrase: "reaches scene `aside`" },
    Case { code: Code::UnreachableEnding, line: 64, column: 6, phrase: "reaches ending `never`" },
    Case { code: Code::RoutingLoop, line: 57, column: 6, phrase: "routing scene `loop` can lead back to itself" },
    Case { code: Code::InvalidId, line: 50, column: 8, phrase: "choice id `Wait_Here` must use only lowercase letters" },
    Case { code: Code::UnknownSource, line: 61, column: 24, phrase: "`handbook` is not the id of a source" },
    Case { code: Code::MixedScene, line: 57, column: 6, phrase: "scene `both` has both choices and routes" },
    Case { code: Code::MissingField, line: 43, column: 11, phrase: "choice `nod` in scene `first` has an empty `label`" },
    Case { code: Code::PathOutsideSite, line: 30, column: 17, phrase: "image `https://tracker.example/pixel.png` must be a relative path inside this site" },
    Case { code: Code::UnusedVariable, line: 28, column: 6, phrase: "`spare` is never read by a condition" },
    Case { code: Code::MissingFeedback, line: 50, column: 8, phrase: "choice `wait` in scene `first` has no `feedback`" },
    Case { code: Code::MissingRating, line: 50, column: 8, phrase: "choice `wait` in scene `first` has no `rating`" },
    Case { code: Code::ReasonWithoutCondition, line: 52, column: 17, phrase: "gives an `unavailable` reason but has no `if`" },
    Case { code: Code::StrongAfterHarm, line: 57, column: 6, phrase: "strong ending `done` can be reached after the harmful choice `wait` in scene `first`, for example first/wait (harmful)" },
    Case { code: Code::HarmWithoutMark, line: 50, column: 8, phrase: "harmful choice `wait` in scene `first` changes no meter or flag" },
    Case { code: Code::InvalidFileName, line: 2, column: 26, phrase: "`../secret.toml` is not a module file name" },
    Case { code: Code::ListedTwice, line: 2, column: 26, phrase: "`clean.toml` is listed twice" },
    Case { code: Code::MissingFile, line: 2, column: 27, phrase: "the catalog lists `absent.toml`, but there is no such file" },
    Case { code: Code::DuplicateModule, line: 3, column: 6, phrase: "module id `fixture` is already used by `clean.toml`" },
    Case { code: Code::InvalidOrigin, line: 2, column: 27, phrase: "`intranet.example.org` is not an origin" },
    Case { code: Code::LowContrast, line: 2, column: 1, phrase: "white button text on `primary`" },
    Case { code: Code::InvalidLrs, line: 3, column: 12, phrase: "`endpoint` must be the LRS's https:// address" },
    Case { code: Code::TranslationMismatch, line: 12, column: 1, phrase: "`objectives` of the module has 2 items here and 1 in English" },
    Case { code: Code::UntranslatableField, line: 35, column: 1, phrase: "`goto` of choice `greet` in scene `first` cannot be translated" },
    Case { code: Code::MissingTranslation, line: 44, column: 23, phrase: "choice `wait` in scene `first` has no Spanish for `feedback`" },
    Case { code: Code::StaleTranslation, line: 31, column: 19, phrase: "the English `text` of scene `first` changed after this was translated; it now reads “Someone is waiting.”" },
    Case { code: Code::UnknownTranslationId, line: 49, column: 9, phrase: "the module has no scene `gone`, so this entry is ignored" },
];

/// What reads a code's fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checked {
    /// `load`, on a module file.
    Module,
    /// `parse_catalog`, then `missing_files` as if the catalog were beside the module fixtures.
    Catalog,
    /// `parse_site`, on a `site.toml`.
    Site,
    /// `load`, then `duplicate_module_ids` with `clean.toml` listed first.
    Folder,
    /// `load`, then `audit_warnings` on the module (unless `load` already reports them).
    Audit,
    /// `load_translation`, on a translation of `clean.toml` named `clean.es.toml`.
    Translation,
}

impl Checked {
    fn of(code: Code) -> Checked {
        match code {
            Code::InvalidFileName | Code::ListedTwice | Code::MissingFile => Checked::Catalog,
            Code::InvalidOrigin | Code::LowContrast | Code::InvalidLrs => Checked::Site,
            Code::DuplicateModule => Checked::Folder,
            Code::StrongAfterHarm | Code::HarmWithoutMark => Checked::Audit,
            Code::TranslationMismatch
            | Code::UntranslatableField
            | Code::MissingTranslation
            | Code::StaleTranslation
            | Code::UnknownTranslationId => Checked::Translation,
            _ => Checked::Module,
        }
    }

    /// The fixture subfolder, if any.
    fn folder(self) -> Option<&'static str> {
        match self {
            Checked::Module => None,
            Checked::Catalog => Some("catalog"),
            Checked::Site => Some("site"),
            Checked::Folder => Some("folder"),
            Checked::Audit => Some("audit"),
            Checked::Translation => Some("translation"),
        }
    }
}

fn diagnostics_dir() -> PathBuf {
    common::fixtures().join("diagnostics")
}

/// A module fixture, by name.
fn fixture_path(name: &str) -> PathBuf {
    diagnostics_dir().join(format!("{name}.toml"))
}

/// A code's fixture, in the subfolder of what reads it.
fn code_fixture_path(code: Code) -> PathBuf {
    let mut path = diagnostics_dir();
    if let Some(folder) = Checked::of(code).folder() {
        path.push(folder);
    }
    path.join(format!("{}.toml", code.name()))
}

/// A module fixture's diagnostics.
fn diagnostics_of(name: &str) -> Vec<Diagnostic> {
    load(&common::read(&fixture_path(name))).diagnostics
}

/// A code's fixture's diagnostics, as what reads it reports them.
fn diagnostics_for(code: Code) -> Vec<Diagnostic> {
    let text = common::read(&code_fixture_path(code));
    match Checked::of(code) {
        Checked::Module => load(&text).diagnostics,
        Checked::Catalog => match parse_catalog(&text) {
            Err(diagnostics) => diagnostics,
            Ok(listed) => missing_files(&text, &listed, |file| {
                diagnostics_dir().join(file).is_file()
            }),
        },
        Checked::Site => parse_site(&text).diagnostics,
        Checked::Folder => {
            let loaded = load(&text);
            let clean = load(&common::read(&fixture_path("clean")));
            let ids = [
                ("clean.toml", clean.module.as_ref().map(|m| m.id.as_str())),
                (
                    "duplicate-module.toml",
                    loaded.module.as_ref().map(|m| m.id.as_str()),
                ),
            ];
            let duplicates =
                duplicate_module_ids(ids.iter().filter_map(|(file, id)| Some((*file, (*id)?))));
            let mut found = loaded.diagnostics.clone();
            found.extend(duplicates.iter().map(|d| d.diagnostic(&text)));
            found
        }
        Checked::Translation => {
            load_translation(
                &common::read(&fixture_path("clean")),
                "clean.es.toml",
                &text,
            )
            .diagnostics
        }
        Checked::Audit => {
            let found = peerpath_engine::load::load_audited(&text).diagnostics;
            assert!(
                load(&text).diagnostics.is_empty(),
                "the browser's load leaves the audit out"
            );
            found
        }
    }
}

/// Loads the code's fixture and checks it reports exactly the expected diagnostic.
fn check(code: Code) {
    let case = CASES
        .iter()
        .find(|c| c.code == code)
        .expect("a case for every code");
    let diagnostics = diagnostics_for(code);
    assert_eq!(
        diagnostics.len(),
        1,
        "{code}: expected one diagnostic, got {diagnostics:#?}"
    );
    let d = &diagnostics[0];
    assert_eq!(d.code, code, "{d:#?}");
    assert_eq!(d.name, code.name());
    assert_eq!(d.severity, code.severity());
    assert_eq!(
        (d.line, d.column),
        (case.line, case.column),
        "{code} position: {d:#?}"
    );
    assert!(
        d.message.contains(case.phrase),
        "{code}: {:?} lacks {:?}",
        d.message,
        case.phrase
    );
}

/// Ensures a misspelt field is E001, pointing at the field's name.
#[test]
fn e001_syntax() {
    check(Code::Syntax);
}

/// Ensures a newer `format` is E002, pointing at the version, and says to update PeerPath.
#[test]
fn e002_format_version() {
    check(Code::FormatVersion);
}

/// Ensures a repeated choice id is E101 at the second use, naming the line of the first.
#[test]
fn e101_duplicate_id() {
    check(Code::DuplicateId);
}

/// Ensures a `goto` to a missing id is E102 at that `goto`.
#[test]
fn e102_dangling_target() {
    check(Code::DanglingTarget);
}

/// Ensures an effect on an undeclared variable is E103 at the effect's name.
#[test]
fn e103_unknown_variable() {
    check(Code::UnknownVariable);
}

/// Ensures a meter starting outside its bounds is E104 at its `start`.
#[test]
fn e104_out_of_bounds() {
    check(Code::OutOfBounds);
}

/// Ensures a scene with neither choices nor routes is E105 at its id.
#[test]
fn e105_dead_end() {
    check(Code::DeadEnd);
}

/// Ensures an unreadable condition is E106 at the offending character inside the string.
#[test]
fn e106_bad_condition() {
    check(Code::BadCondition);
}

/// Ensures a flag compared with a number is E107 at the comparison.
#[test]
fn e107_type_mismatch() {
    check(Code::TypeMismatch);
}

/// Ensures a scene whose every choice has an `if` is E108 at the scene's id.
#[test]
fn e108_no_way_on() {
    check(Code::NoWayOn);
}

/// Ensures a scene nothing leads to is E109 at its id.
#[test]
fn e109_unreachable_scene() {
    check(Code::UnreachableScene);
}

/// Ensures an ending nothing leads to is E110 at its id.
#[test]
fn e110_unreachable_ending() {
    check(Code::UnreachableEnding);
}

/// Ensures a routing scene that can route to itself is E111 at its id.
#[test]
fn e111_routing_loop() {
    check(Code::RoutingLoop);
}

/// Ensures an id with capitals or underscores is E112 at the id.
#[test]
fn e112_invalid_id() {
    check(Code::InvalidId);
}

/// Ensures a reference to an unlisted source is E113 at that reference.
#[test]
fn e113_unknown_source() {
    check(Code::UnknownSource);
}

/// Ensures a scene with both choices and routes is E114 at its id.
#[test]
fn e114_mixed_scene() {
    check(Code::MixedScene);
}

/// Ensures a blank choice label is E115 at the label.
#[test]
fn e115_missing_field() {
    check(Code::MissingField);
}

/// Ensures an image from another site is E116 at its `src`.
#[test]
fn e116_path_outside_site() {
    check(Code::PathOutsideSite);
}

/// Ensures a flag no condition reads is W201 at its id.
#[test]
fn w201_unused_variable() {
    check(Code::UnusedVariable);
}

/// Ensures a choice without feedback is W202 at the choice's id.
#[test]
fn w202_missing_feedback() {
    check(Code::MissingFeedback);
}

/// Ensures a choice without a rating is W203 at the choice's id.
#[test]
fn w203_missing_rating() {
    check(Code::MissingRating);
}

/// Ensures an `unavailable` reason on a choice with no `if` is W204 at the reason.
#[test]
fn w204_reason_without_condition() {
    check(Code::ReasonWithoutCondition);
}

/// Ensures a catalog entry that leaves the folder is E301 at the entry.
#[test]
fn e301_invalid_file_name() {
    check(Code::InvalidFileName);
}

/// Ensures a catalog listing a file twice is E302 at the second entry.
#[test]
fn e302_listed_twice() {
    check(Code::ListedTwice);
}

/// Ensures a catalog entry with no file beside it is E303 at the file name.
#[test]
fn e303_missing_file() {
    check(Code::MissingFile);
}

/// Ensures a second module file with the same id is E304 at its `id`, naming the first file.
#[test]
fn e304_duplicate_module() {
    check(Code::DuplicateModule);
}

/// Ensures an `allowed_parent_origins` entry without a scheme is E305 at the entry.
#[test]
fn e305_invalid_origin() {
    check(Code::InvalidOrigin);
}

/// Ensures site colours too faint to read are E306 at the `[colors]` table.
#[test]
fn e306_low_contrast() {
    check(Code::LowContrast);
}

/// Ensures an `[xapi]` endpoint that is not an http(s) address is E307 at the value.
#[test]
fn e307_invalid_lrs() {
    check(Code::InvalidLrs);
}

/// Ensures a strong ending reachable after a harmful choice is W205 at the ending's id, with
/// a witness play-through.
#[test]
fn w205_strong_after_harm() {
    check(Code::StrongAfterHarm);
}

/// Ensures a harmful choice whose effects no later condition reads is W206 at the choice's id.
#[test]
fn w206_harm_without_mark() {
    check(Code::HarmWithoutMark);
}

/// Ensures a translation with a list of another length is E401, at the list.
#[test]
fn e401_translation_mismatch() {
    check(Code::TranslationMismatch);
}

/// Ensures a translation that sets a `goto` is E402, at the field.
#[test]
fn e402_untranslatable_field() {
    check(Code::UntranslatableField);
}

/// Ensures English text with no translation is W403, at the object's table.
#[test]
fn w403_missing_translation() {
    check(Code::MissingTranslation);
}

/// Ensures a translation whose English changed since is W404, at its hash, quoting the English.
#[test]
fn w404_stale_translation() {
    check(Code::StaleTranslation);
}

/// Ensures an entry for an id the module does not have is W405, at the id.
#[test]
fn w405_unknown_translation_id() {
    check(Code::UnknownTranslationId);
}

/// Ensures the clean translation fixture has no diagnostics, so each one above comes from its
/// one change, and that it translates what it says.
#[test]
fn clean_translation_has_no_diagnostics() {
    let english = common::read(&fixture_path("clean"));
    let text = common::read(&diagnostics_dir().join("translation/clean.es.toml"));
    let loaded = load_translation(&english, "clean.es.toml", &text);
    assert_eq!(loaded.diagnostics, Vec::new());
    let module = load(&english).module.expect("clean.toml loads");
    let spanish = loaded.translation.expect("no errors").apply(&module);
    assert_eq!(spanish.title, "Ejemplo");
    assert_eq!(spanish.scenes[0].choices()[0].label, "Saludar.");
    assert_eq!(
        spanish.scenes[0].choices()[0].unavailable.as_deref(),
        Some("Ahora no.")
    );
    // The file name must agree with the language, and the language must be one PeerPath speaks.
    let found = load_translation(&english, "clean.fr.toml", &text).diagnostics;
    assert!(
        found.iter().any(|d| d.code == Code::TranslationMismatch
            && d.message.contains("the file name says `fr`")),
        "{found:#?}"
    );
    let french = text.replace("language = \"es\"", "language = \"fr\"");
    let found = load_translation(&english, "clean.fr.toml", &french).diagnostics;
    assert!(
        found
            .iter()
            .any(|d| d.code == Code::TranslationMismatch
                && d.message.contains("speaks `en` and `es`")),
        "{found:#?}"
    );
    // Another module's translation.
    let other = text.replace("module = \"fixture\"", "module = \"other\"");
    let found = load_translation(&english, "clean.es.toml", &other).diagnostics;
    assert!(
        found.iter().any(
            |d| d.code == Code::TranslationMismatch && d.message.contains("translates `other`")
        ),
        "{found:#?}"
    );
    // Whitespace alone does not make a translation stale.
    let rewrapped = english.replace(
        "text = \"Someone is waiting.\"",
        "text = \"\"\"\r\nSomeone is waiting.   \r\n\"\"\"",
    );
    assert_ne!(rewrapped, english);
    assert_eq!(
        load_translation(&rewrapped, "clean.es.toml", &text).diagnostics,
        Vec::new()
    );
}

/// Ensures `peerpath translate`'s writer keeps every translated field and its hash, writes the
/// untranslated ones empty under their English, and that what it writes reads back.
#[test]
fn a_written_translation_reads_back() {
    use peerpath_engine::translation::{units_of, write_translation};
    let english = common::read(&fixture_path("clean"));
    let text = common::read(&diagnostics_dir().join("translation/clean.es.toml"));
    let (id, units) = units_of(&english).expect("clean.toml reads");
    let loaded = load_translation(&english, "clean.es.toml", &text);
    let again = write_translation(&id, "es", &units, &loaded.entries, false);
    let reread = load_translation(&english, "clean.es.toml", &again);
    assert_eq!(reread.diagnostics, Vec::new(), "{again}");
    assert_eq!(reread.translation, loaded.translation);
    // From nothing: every field empty, each reported missing, none an error.
    let skeleton = write_translation(&id, "es", &units, &Default::default(), false);
    assert!(
        skeleton.contains("# en: Someone is waiting.\ntext = \"\""),
        "{skeleton}"
    );
    let fresh = load_translation(&english, "clean.es.toml", &skeleton);
    assert!(
        fresh
            .diagnostics
            .iter()
            .all(|d| d.code == Code::MissingTranslation),
        "{:#?}",
        fresh.diagnostics
    );
    assert_eq!(fresh.diagnostics.len(), 9, "one per object with text");
    // Texts that need escaping survive the round trip.
    let tricky = text.replace(
        "\"Alguien espera.\"",
        "\"\"\"\nDijo: \\\"ya\\\"\nRuta C:\\\\temp \\\"\"\"\"",
    );
    let tricky_loaded = load_translation(&english, "clean.es.toml", &tricky);
    let rewritten = write_translation(&id, "es", &units, &tricky_loaded.entries, false);
    assert_eq!(
        load_translation(&english, "clean.es.toml", &rewritten).translation,
        tricky_loaded.translation,
        "{rewritten}"
    );
}

/// Ensures the audit's warnings say nothing about the clean fixture.
#[test]
fn clean_fixture_has_no_audit_warnings() {
    let text = common::read(&fixture_path("clean"));
    let module = load(&text).module.expect("clean.toml loads");
    assert_eq!(audit_warnings(&module, &text), Vec::new());
}

/// Ensures every code has a case and a fixture that triggers it, so no new code goes untested.
#[test]
fn every_code_has_a_fixture_and_a_case() {
    for code in Code::ALL {
        assert!(
            CASES.iter().any(|c| c.code == code),
            "{code} has no case in CASES"
        );
        let path = code_fixture_path(code);
        assert!(path.is_file(), "{code} has no fixture {}", path.display());
        let found = diagnostics_for(code);
        assert!(
            found.iter().any(|d| d.code == code),
            "{} does not report {code}",
            path.display()
        );
    }
    assert_eq!(CASES.len(), Code::ALL.len(), "one case per code");
}

/// Ensures the fixture folder holds only code fixtures and listed extras, none left untested.
#[test]
fn no_stray_fixtures() {
    let extras = [
        "clean",
        "several-problems",
        "condition-in-triple-quotes",
        "alt-after-accents",
        "mixed-start-scene",
    ];
    for path in common::toml_files(&diagnostics_dir()) {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        assert!(
            extras.contains(&stem)
                || Code::ALL
                    .iter()
                    .any(|c| c.name() == stem && Checked::of(*c) == Checked::Module),
            "{} is neither a module code's fixture nor a listed extra",
            path.display()
        );
    }
    for checked in [
        Checked::Catalog,
        Checked::Site,
        Checked::Folder,
        Checked::Audit,
        Checked::Translation,
    ] {
        let folder = diagnostics_dir().join(checked.folder().unwrap());
        for path in common::toml_files(&folder) {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            assert!(
                (checked == Checked::Translation && stem == "clean.es")
                    || Code::ALL
                        .iter()
                        .any(|c| c.name() == stem && Checked::of(*c) == checked),
                "{} is not the fixture of a code {checked:?} reports",
                path.display()
            );
        }
    }
}

/// Ensures the base of every fixture is clean, so each diagnostic comes from the one change.
#[test]
fn clean_fixture_has_no_diagnostics() {
    let loaded = load(&common::read(&fixture_path("clean")));
    assert_eq!(loaded.diagnostics, Vec::new());
    assert!(loaded.module.is_some());
}

/// Ensures a module with several different problems reports all of them in one pass.
#[test]
fn several_problems_are_reported_at_once() {
    let found: Vec<(Code, usize, usize)> = diagnostics_of("several-problems")
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            (Code::UnknownVariable, 35, 9),
            (Code::OutOfBounds, 45, 24),
            (Code::InvalidId, 51, 8),
            (Code::MissingFeedback, 51, 8),
            (Code::DanglingTarget, 53, 10),
            (Code::UnknownSource, 61, 15),
        ]
    );
    let loaded = load(&common::read(&fixture_path("several-problems")));
    assert!(
        loaded.module.is_none(),
        "a module with errors must not load"
    );
    assert_eq!(loaded.errors().count(), 5);
    assert_eq!(loaded.warnings().count(), 1);
}

/// Ensures every fixture's diagnostics come sorted by line, then column.
#[test]
fn diagnostics_are_sorted_by_position() {
    let mut checked = 0;
    for path in common::toml_files(&common::fixtures().join("diagnostics")) {
        let found = load(&common::read(&path)).diagnostics;
        let positions: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
        let mut sorted = positions.clone();
        sorted.sort();
        assert_eq!(positions, sorted, "{}", path.display());
        checked += found.len();
    }
    // Written in reverse file order, these would come out unsorted if nothing sorted them.
    let mut text = common::read(&fixture_path("clean"));
    text = text
        .replace("id = \"wait\"", "id = \"Wait\"")
        .replace("start = 2", "start = 9");
    let positions: Vec<(usize, usize)> = load(&text)
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(positions, [(21, 9), (50, 8)]);
    assert!(
        checked > 25,
        "the fixtures should give plenty of diagnostics to compare"
    );
}

/// Ensures warnings alone still let the module load, and errors stop it.
#[test]
fn warnings_do_not_stop_a_module_from_loading() {
    let loaded = load(&common::read(&fixture_path("missing-rating")));
    assert!(loaded.module.is_some());
    assert_eq!(loaded.warnings().count(), 1);
    let loaded = load(&common::read(&fixture_path("dangling-target")));
    assert!(loaded.module.is_none());
}

/// Ensures each code's fixture loads exactly when the code is a warning: only errors stop it.
#[test]
fn only_errors_stop_a_module_loading() {
    let mut warnings = 0;
    for code in Code::ALL
        .into_iter()
        .filter(|c| Checked::of(*c) == Checked::Module)
    {
        let loaded = load(&common::read(&fixture_path(code.name())));
        let is_warning = code.as_str().starts_with('W');
        assert_eq!(loaded.module.is_some(), is_warning, "{code}");
        assert_eq!(code.severity() == Severity::Warning, is_warning, "{code}");
        warnings += usize::from(is_warning);
    }
    assert_eq!(warnings, 4, "W201 to W204");
}

/// Ensures codes and names are unique, so no two problems share a code.
#[test]
fn codes_and_names_are_unique() {
    let mut codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    codes.sort_unstable();
    codes.dedup();
    names.sort_unstable();
    names.dedup();
    assert_eq!(codes.len(), Code::ALL.len());
    assert_eq!(names.len(), Code::ALL.len());
}

/// Ensures every code is documented in modules/README.md's table with its name.
#[test]
fn every_code_is_documented() {
    let readme = common::read(&common::modules_dir().join("README.md"));
    for code in Code::ALL {
        let row = format!("| {} | {} |", code.as_str(), code.name());
        assert!(
            readme.contains(&row),
            "modules/README.md has no row `{row}`"
        );
    }
}

// Variants: the same codes in other places, where positions are easy to get wrong.

fn clean_with(old: &str, new: &str) -> Vec<Diagnostic> {
    let text = common::read(&fixture_path("clean"));
    assert_eq!(
        text.matches(old).count(),
        1,
        "`{old}` must appear once in clean.toml"
    );
    load(&text.replacen(old, new, 1)).diagnostics
}

fn summary(found: &[Diagnostic]) -> Vec<(Code, usize, usize)> {
    found.iter().map(|d| (d.code, d.line, d.column)).collect()
}

/// Ensures a file without `format` is E002 at the very start, saying what to add.
#[test]
fn missing_format_is_e002_at_the_start() {
    let found = clean_with("format = 1\n", "");
    assert_eq!(summary(&found), [(Code::FormatVersion, 1, 1)]);
    assert!(
        found[0].message.contains("add `format = 1`"),
        "{}",
        found[0].message
    );
}

/// Ensures a `format` of the wrong type is E002 naming what was found, not a type error.
#[test]
fn format_of_the_wrong_type_is_e002() {
    let found = clean_with("format = 1", "format = \"1\"");
    assert_eq!(summary(&found), [(Code::FormatVersion, 2, 10)]);
    assert!(
        found[0].message.contains("found \"1\""),
        "{}",
        found[0].message
    );
}

/// Ensures a newer-format file gets only E002, not complaints about fields it does not know.
#[test]
fn newer_format_hides_unknown_fields() {
    let found = clean_with("format = 1", "format = 3\nmood_board = true");
    assert_eq!(summary(&found), [(Code::FormatVersion, 2, 10)]);
}

/// Ensures a TOML syntax error points at the offending token.
#[test]
fn toml_syntax_error_points_at_the_token() {
    let found = clean_with("min = 0", "min = = 0");
    assert_eq!(summary(&found), [(Code::Syntax, 19, 7)]);
}

/// Ensures a value of the wrong type is E001 at the value, naming the expected type.
#[test]
fn wrong_type_points_at_the_value() {
    let found = clean_with("minutes = 1", "minutes = \"one\"");
    assert_eq!(summary(&found), [(Code::Syntax, 7, 11)]);
    assert!(
        found[0].message.contains("expected u32"),
        "{}",
        found[0].message
    );
}

/// Ensures an unknown rating is E001 listing the ratings there are.
#[test]
fn unknown_rating_lists_the_choices() {
    let found = clean_with("rating = \"recommended\"", "rating = \"great\"");
    assert_eq!(summary(&found), [(Code::Syntax, 39, 12)]);
    assert!(found[0]
        .message
        .contains("`recommended`, `acceptable`, `risky`, `harmful`"));
}

/// Ensures an unknown name inside a condition is E103 at that name.
#[test]
fn unknown_name_in_a_condition() {
    let found = clean_with("if = \"met or trust < 5\"", "if = \"met or trsut < 5\"");
    assert_eq!(summary(&found), [(Code::UnknownVariable, 44, 16)]);
}

/// Ensures a comparison a meter's bounds can never satisfy is E104 at the number.
#[test]
fn condition_outside_the_meters_bounds() {
    let found = clean_with("trust < 5\"", "trust < 50\"");
    assert_eq!(summary(&found), [(Code::OutOfBounds, 44, 24)]);
}

/// Ensures `min` above `max` is E104 at `min`.
#[test]
fn min_above_max() {
    let found = clean_with("max = 5", "max = -1");
    assert!(
        found
            .iter()
            .any(|d| (d.code, d.line, d.column) == (Code::OutOfBounds, 19, 7)),
        "{found:#?}"
    );
    assert!(
        found[0].message.contains("`min` 0 above `max` -1"),
        "{}",
        found[0].message
    );
}

/// Ensures an effect bigger than the meter's whole range is E104 at the number.
#[test]
fn effect_overshooting_the_range() {
    let found = clean_with("trust = 1, met", "trust = 6, met");
    assert_eq!(summary(&found), [(Code::OutOfBounds, 36, 23)]);
}

/// Ensures an effect setting a meter to true, or moving a flag, is E107 at the value.
#[test]
fn effects_of_the_wrong_kind() {
    let found = clean_with("trust = 1, met = true", "trust = true, met = 1");
    assert_eq!(
        summary(&found),
        [(Code::TypeMismatch, 36, 23), (Code::TypeMismatch, 36, 35)]
    );
    assert!(found[0].message.contains("`trust` is a meter"));
    assert!(found[1].message.contains("`met` is a flag"));
}

/// Ensures a meter used as true/false in a condition is E107 at its name.
#[test]
fn meter_used_as_a_flag() {
    let found = clean_with("if = \"met or trust < 5\"", "if = \"met or trust\"");
    assert_eq!(summary(&found), [(Code::TypeMismatch, 44, 16)]);
}

/// Ensures a `start` naming nothing is E102 at `start`'s value.
#[test]
fn dangling_start() {
    let found = clean_with("start = \"first\"", "start = \"frist\"");
    assert!(
        found
            .iter()
            .any(|d| (d.code, d.line, d.column) == (Code::DanglingTarget, 10, 9)),
        "{found:#?}"
    );
}

/// Ensures a scene and an ending sharing an id is E101 at the ending, naming the scene's line.
#[test]
fn scene_and_ending_share_an_id() {
    let found = clean_with("id = \"done\"", "id = \"first\"");
    let duplicate = found
        .iter()
        .find(|d| d.code == Code::DuplicateId)
        .expect("an E101");
    assert_eq!((duplicate.line, duplicate.column), (57, 6));
    assert!(
        duplicate.message.contains("already used on line 28"),
        "{}",
        duplicate.message
    );
}

/// Ensures a last route with an `if` is E108 at that condition.
#[test]
fn last_route_with_a_condition() {
    let text = common::read(&fixture_path("clean")).replacen("goto = \"done\"\n  feedback = \"Waiting", "goto = \"route\"\n  feedback = \"Waiting", 1)
        + "\n[[scenes]]\nid = \"route\"\n\n  [[scenes.routes]]\n  if = \"met\"\n  goto = \"done\"\n";
    let found = load(&text).diagnostics;
    assert_eq!(summary(&found), [(Code::NoWayOn, 67, 8)], "{found:#?}");
}

/// Ensures two routing scenes routing to each other are both reported as E111.
#[test]
fn two_scene_routing_loop() {
    let text = common::read(&fixture_path("clean")).replacen("goto = \"done\"\n  feedback = \"Waiting", "goto = \"ping\"\n  feedback = \"Waiting", 1)
        + "\n[[scenes]]\nid = \"ping\"\n\n  [[scenes.routes]]\n  if = \"met\"\n  goto = \"pong\"\n\n  [[scenes.routes]]\n  goto = \"done\"\n"
        + "\n[[scenes]]\nid = \"pong\"\n\n  [[scenes.routes]]\n  goto = \"ping\"\n";
    let found = load(&text).diagnostics;
    assert_eq!(
        summary(&found),
        [(Code::RoutingLoop, 64, 6), (Code::RoutingLoop, 74, 6)],
        "{found:#?}"
    );
}

/// Ensures a decision scene without text is E115 at the scene's id.
#[test]
fn decision_scene_without_text() {
    let found = clean_with("text = \"Someone is waiting.\"\n", "");
    assert_eq!(summary(&found), [(Code::MissingField, 28, 6)]);
}

/// Ensures columns count characters, not bytes: an empty `alt` after accented letters.
#[test]
fn columns_count_characters() {
    let found = diagnostics_of("alt-after-accents");
    assert_eq!(summary(&found), [(Code::MissingField, 30, 39)]);
}

/// Ensures a problem in a condition between triple quotes points at the offending number.
#[test]
fn condition_positions_in_triple_quotes() {
    let found = diagnostics_of("condition-in-triple-quotes");
    assert_eq!(summary(&found), [(Code::OutOfBounds, 44, 26)]);
}

/// Ensures a condition with an escape (`\u0074` is `t`) still points at the right column.
#[test]
fn condition_positions_after_an_escape() {
    let found = clean_with(
        "if = \"met or trust < 5\"",
        "if = \"met or \\u0074rust < 50\"",
    );
    assert_eq!(summary(&found), [(Code::OutOfBounds, 44, 29)]);
}

/// Ensures a mixed scene gives E114 alone, not a false unreachable ending or unused variables.
#[test]
fn mixed_scene_does_not_cascade() {
    let found = diagnostics_of("mixed-start-scene");
    assert_eq!(summary(&found), [(Code::MixedScene, 28, 6)]);
}

/// Ensures a scene image with a scheme, a leading `/` or `..` is E116 at its `src`, and a
/// relative path is fine.
#[test]
fn scene_image_paths() {
    let image = |src: &str| {
        clean_with(
            "text = \"Someone is waiting.\"\n",
            &format!(
                "text = \"Someone is waiting.\"\nimage = {{ src = {src:?}, alt = \"A bench.\" }}\n"
            ),
        )
    };
    assert_eq!(summary(&image("images/bench.svg")), []);
    for src in [
        "javascript:alert(1)",
        "/images/bench.svg",
        "//cdn.example/bench.svg",
        "images/../../bench.svg",
        "images\\bench.svg",
    ] {
        assert_eq!(
            summary(&image(src)),
            [(Code::PathOutsideSite, 30, 17)],
            "{src}"
        );
    }
}
