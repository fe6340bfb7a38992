//! Checks over a list of modules as a whole: module ids used by two files, and catalog
//! entries with no file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use peerpath_engine::catalog::{duplicate_module_ids, missing_files, DuplicateModule};
use peerpath_engine::{parse_catalog, Code};

fn duplicate(id: &str, first_file: &str, file: &str) -> DuplicateModule {
    DuplicateModule {
        id: id.to_owned(),
        first_file: first_file.to_owned(),
        file: file.to_owned(),
    }
}

/// Ensures distinct ids give no duplicates, and no modules at all give none either.
#[test]
fn distinct_ids_are_fine() {
    assert_eq!(duplicate_module_ids([]), []);
    assert_eq!(
        duplicate_module_ids([("a.toml", "alpha"), ("b.toml", "beta")]),
        []
    );
}

/// Ensures a second file with the same id is reported, naming the file that used it first.
#[test]
fn second_use_names_the_first_file() {
    let found =
        duplicate_module_ids([("a.toml", "alpha"), ("b.toml", "beta"), ("c.toml", "alpha")]);
    assert_eq!(found, [duplicate("alpha", "a.toml", "c.toml")]);
}

/// Ensures every later use is reported once, each naming the first file (not the one before).
#[test]
fn every_later_use_names_the_first() {
    let found = duplicate_module_ids([
        ("a.toml", "same"),
        ("b.toml", "same"),
        ("c.toml", "same"),
        ("d.toml", "other"),
        ("e.toml", "other"),
    ]);
    assert_eq!(
        found,
        [
            duplicate("same", "a.toml", "b.toml"),
            duplicate("same", "a.toml", "c.toml"),
            duplicate("other", "d.toml", "e.toml"),
        ]
    );
}

/// Ensures "first" follows the order given, so the catalog's order decides which one wins.
#[test]
fn order_given_decides_the_first() {
    let found = duplicate_module_ids([("z.toml", "alpha"), ("a.toml", "alpha")]);
    assert_eq!(found, [duplicate("alpha", "z.toml", "a.toml")]);
}

/// Ensures the duplicate's error points at the later file's `id` and names both files.
#[test]
fn duplicate_error_points_at_the_id() {
    let text = "# a module\nformat = 1\n  id  =  \"alpha\"\n";
    let error = duplicate("alpha", "a.toml", "b.toml").diagnostic(text);
    assert_eq!(
        (error.code, error.line, error.column),
        (Code::DuplicateModule, 3, 10)
    );
    assert!(error.is_error());
    assert!(
        error.message.contains("`alpha`") && error.message.contains("`a.toml`"),
        "{}",
        error.message
    );
    // Text with no readable `id` still gets an error, at the start.
    let error = duplicate("alpha", "a.toml", "b.toml").diagnostic("not = [toml");
    assert_eq!((error.line, error.column), (1, 1));
}

/// Ensures each listed file that is not there is an E303 at its name, and present ones pass.
#[test]
fn missing_files_point_at_their_entries() {
    let text = "modules = [\n  \"here.toml\",\n  \"gone.toml\",\n  \"also-gone.toml\",\n]\n";
    let listed = parse_catalog(text).unwrap();
    let found: Vec<_> = missing_files(text, &listed, |file| file == "here.toml")
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [(Code::MissingFile, 3, 4), (Code::MissingFile, 4, 4)]
    );
    assert_eq!(missing_files(text, &listed, |_| true), []);
}

/// Ensures a translation's file name (`our-module.es.toml`) may be listed, and nothing that
/// could leave the folder or smuggle another extension.
#[test]
fn translation_file_names_may_be_listed() {
    use peerpath_engine::catalog::is_module_file_name;
    for good in ["our-module.toml", "our-module.es.toml", "a_b.fil.toml"] {
        assert!(is_module_file_name(good), "{good}");
    }
    for bad in [
        "../x.toml",
        ".es.toml",
        "x.ES.toml",
        "x.e.toml",
        "x.spanish.toml",
        "x.es.es.toml",
        "x..toml",
        "x/y.es.toml",
        "x.es",
    ] {
        assert!(!is_module_file_name(bad), "{bad}");
    }
}
