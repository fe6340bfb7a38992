//! `peerpath check` (and `generate`), run as a learner's trainer would: the built binary on
//! fixture files in `tests/fixtures/check/`, checking exit codes and what it prints.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

/// Runs `peerpath` with `args` in the fixture folder, so printed paths are short and stable.
fn peerpath(args: &[&str]) -> Output {
    peerpath_in(&fixtures(), args)
}

fn peerpath_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peerpath"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the peerpath binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 errors")
}

fn json(output: &Output) -> Vec<Value> {
    let value: Value = serde_json::from_str(&stdout(output)).expect("--json prints JSON");
    value
        .as_array()
        .expect("a JSON array, one entry per file")
        .clone()
}

/// A fresh scratch folder for this test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Ensures a clean module exits 0 and prints `ok` for it.
#[test]
fn clean_module_is_ok() {
    let output = peerpath(&["check", "clean.toml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "clean.toml: ok\nchecked 1 file: no errors\n"
    );
}

/// Ensures a broken module exits 1 and shows the error, its line and a `^` marker, like a compiler.
#[test]
fn broken_module_shows_the_error_in_context() {
    let output = peerpath(&["check", "broken.toml"]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    let expected = "\
error[E102] dangling-target: choice `wait` in scene `first` goes to `secnod`, which is not a scene or ending in this module
  --> broken.toml:36:10
   |
36 |   goto = \"secnod\"
   |          ^^^^^^^^
";
    assert!(printed.starts_with(expected), "got:\n{printed}");
    // The marker sits under the value's opening quote: column 10 on line 36.
    let marker = printed.lines().nth(4).unwrap();
    let source = printed.lines().nth(3).unwrap();
    assert_eq!(marker.find('^'), source.find('"'));
    assert!(
        printed.ends_with("broken.toml: 2 errors, 0 warnings\nchecked 1 file: 1 with errors\n"),
        "{printed}"
    );
}

/// Ensures warnings alone print with their marker but exit 0.
#[test]
fn warnings_alone_exit_zero() {
    let output = peerpath(&["check", "warning.toml"]);
    assert_eq!(output.status.code(), Some(0));
    let printed = stdout(&output);
    assert!(
        printed.starts_with("warning[W203] missing-rating: choice `wait`"),
        "{printed}"
    );
    assert!(printed.contains("  --> warning.toml:34:8\n"), "{printed}");
    assert!(
        printed.contains("warning.toml: 0 errors, 1 warning\n"),
        "{printed}"
    );
}

/// Ensures `--json` prints one object per file with the module's stats and its diagnostics.
#[test]
fn json_report_has_stats_and_diagnostics() {
    let output = peerpath(&["check", "--json", "clean.toml"]);
    assert_eq!(output.status.code(), Some(0));
    let reports = json(&output);
    assert_eq!(reports.len(), 1);
    let report = &reports[0];
    assert_eq!(report["file"], "clean.toml");
    assert_eq!(report["id"], "clean");
    assert_eq!(report["scenes"], 2);
    assert_eq!(report["decision_scenes"], 2);
    assert_eq!(report["endings"], 1);
    assert_eq!(report["variables"], 1);
    assert_eq!(report["shortest_decisions"], 1);
    assert_eq!(report["longest_decisions"], 2);
    assert_eq!(report["diagnostics"], Value::Array(Vec::new()));
}

/// Ensures `--json` on a broken module lists each diagnostic's fields, gives no id, and exits 1.
#[test]
fn json_report_of_a_broken_module() {
    let output = peerpath(&["check", "broken.toml", "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let reports = json(&output);
    let report = &reports[0];
    assert_eq!(report["id"], Value::Null);
    assert_eq!(report["errors"], 2);
    let first = &report["diagnostics"][0];
    assert_eq!(first["code"], "E102");
    assert_eq!(first["name"], "dangling-target");
    assert_eq!(first["severity"], "error");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(36), Some(10))
    );
    assert!(first["message"].as_str().unwrap().contains("`secnod`"));
}

/// Ensures a folder argument checks each of its `.toml` files in name order and skips the rest.
#[test]
fn folder_checks_every_toml_file() {
    let output = peerpath(&["check", "folder-ok"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "folder-ok/alpha.toml: ok\nfolder-ok/beta.toml: ok\nfolder-ok/catalog.toml: ok\nchecked 3 files: no errors\n"
    );
}

/// Ensures a catalog listing a file that does not exist is an error pointing at the entry.
#[test]
fn catalog_listing_a_missing_file_is_an_error() {
    let output = peerpath(&["check", "folder-missing"]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(printed.contains("error[E303] missing-file: the catalog lists `gamma.toml`, but there is no such file beside it\n"), "{printed}");
    assert!(
        printed.contains(" --> folder-missing/catalog.toml:4:4\n"),
        "{printed}"
    );
    assert!(
        printed.contains("4 |   \"gamma.toml\",\n  |    ^^^^^^^^^^\n"),
        "{printed}"
    );
}

/// Ensures two modules in one folder with the same id are an error in the later file, at its
/// `id`, naming the earlier file; each file checked on its own is fine.
#[test]
fn folder_with_two_modules_sharing_an_id() {
    let output = peerpath(&["check", "folder-duplicate"]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    let expected = "\
folder-duplicate/alpha.toml: ok
error[E304] duplicate-module: module id `alpha` is already used by `folder-duplicate/alpha.toml`; give each module its own id
 --> folder-duplicate/beta.toml:3:6
  |
3 | id = \"alpha\"
  |      ^^^^^^^

folder-duplicate/beta.toml: 1 error, 0 warnings
";
    assert!(printed.starts_with(expected), "got:\n{printed}");
    let report = &json(&peerpath(&["check", "--json", "folder-duplicate"]))[1];
    assert_eq!(report["errors"], 1);
    assert_eq!(report["diagnostics"][0]["code"], "E304");
    let output = peerpath(&[
        "check",
        "folder-duplicate/alpha.toml",
        "folder-duplicate/beta.toml",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

/// Ensures a missing-file error points at the catalog entry, not an earlier comment naming it.
#[test]
fn catalog_error_points_at_the_entry_not_a_comment() {
    let output = peerpath(&["check", "catalog-comment"]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(
        printed.contains(" --> catalog-comment/catalog.toml:2:27\n"),
        "{printed}"
    );
}

/// Ensures a broken catalog (not TOML) is reported as E001 with a position.
#[test]
fn broken_catalog_is_a_syntax_error() {
    let dir = scratch("broken-catalog");
    std::fs::write(dir.join("catalog.toml"), "modules = [\"a.toml\"\n").unwrap();
    let output = peerpath_in(&dir, &["check", "catalog.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("error[E001] syntax:"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("--> catalog.toml:"),
        "{}",
        stdout(&output)
    );
}

/// Ensures a path that does not exist exits 2, saying it cannot be read.
#[test]
fn missing_path_exits_two() {
    let output = peerpath(&["check", "no-such-module.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read no-such-module.toml"),
        "{}",
        stderr(&output)
    );
}

/// Ensures an unreadable path among good ones still exits 2, after checking the good ones.
#[test]
fn missing_path_among_good_ones_exits_two() {
    let output = peerpath(&["check", "clean.toml", "no-such-folder"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("clean.toml: ok"),
        "{}",
        stdout(&output)
    );
}

/// Ensures `generate 50` prints a module that passes `check` with nothing to report.
#[test]
fn generated_module_passes_check() {
    let generated = peerpath(&["generate", "50"]);
    assert_eq!(generated.status.code(), Some(0));
    let dir = scratch("generate-50");
    std::fs::write(dir.join("generated.toml"), &generated.stdout).unwrap();
    let output = peerpath_in(&dir, &["check", "--json", "generated.toml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report = &json(&output)[0];
    assert_eq!(report["diagnostics"], Value::Array(Vec::new()));
    assert_eq!(report["scenes"], 50);
    let output = peerpath_in(&dir, &["check", "generated.toml"]);
    assert_eq!(
        stdout(&output),
        "generated.toml: ok\nchecked 1 file: no errors\n"
    );
}

/// Ensures a file that is not UTF-8 is E001 at the first bad byte, with a marker, not a crash.
#[test]
fn non_utf8_file_is_e001_with_a_position() {
    let dir = scratch("non-utf8");
    std::fs::write(dir.join("latin1.toml"), b"format = 1\nid = \"caf\xe9\"\n").unwrap();
    let output = peerpath_in(&dir, &["check", "latin1.toml"]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(
        printed.starts_with("error[E001] syntax: the file is not UTF-8 text"),
        "{printed}"
    );
    assert!(printed.contains(" --> latin1.toml:2:10\n"), "{printed}");
    assert!(printed.contains("  |          ^\n"), "{printed}");
}

/// Ensures commands used wrongly exit 2 with the usage, and `--help` exits 0 with it.
#[test]
fn usage_errors_exit_two() {
    for args in [
        &[][..],
        &["check"],
        &["check", "--json"],
        &["generate"],
        &["generate", "many"],
        &["frobnicate"],
    ] {
        let output = peerpath(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("usage:"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let output = peerpath(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("peerpath check [--json] PATH..."));
}

/// Ensures the repository's own modules folder passes `check`, as CI runs it.
#[test]
fn shipped_modules_pass_check() {
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../modules");
    let output = peerpath_in(&modules, &["check", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("./catalog.toml: ok"),
        "{}",
        stdout(&output)
    );
}
