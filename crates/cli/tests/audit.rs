//! `peerpath audit`, run as an author would: the built binary on fixture modules in
//! `tests/fixtures/audit/`, checking what it prints, its JSON and its exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit")
}

/// Runs `peerpath` with `args` in the fixture folder, so printed paths are short and stable.
fn peerpath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peerpath"))
        .current_dir(fixtures())
        .args(args)
        .output()
        .expect("the peerpath binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// Ensures a module that misses the bar gets a report naming each finding by scene and
/// choice, the witness path and the missed rules, and still exits 0.
#[test]
fn report_names_findings_and_exits_zero() {
    let output = peerpath(&["audit", "strong-after-harm.toml"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    for expected in [
        "== strong-after-harm.toml (strong-after-harm): misses the bar (4)\n",
        "strong or mixed endings after a harmful choice: 2\n",
        "  strong good after a/hurt\n    e.g. a/hurt (harmful) → b/finish (recommended)\n",
        "  mixed okay after a/hurt\n",
        "without a lasting mark: 1 harmful, 0 risky\n  harmful a/hurt: changes nothing\n",
        "calibration (exact over 4 states):\n",
        "  ✗ strong-after-harm: strong ending reachable after a harmful choice: good\n",
        "  ✗ harm-without-mark: harmful choices without a lasting mark: a/hurt\n",
        "audited 1 file: 0 meet the bar, 1 misses it\n",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
}

/// Ensures the calibration lines print each learner's chances to two places.
#[test]
fn report_prints_calibration() {
    let text = stdout(&peerpath(&["audit", "meets-bar.toml"]));
    assert!(
        text.contains("== meets-bar.toml (meets-bar): meets the bar\n"),
        "{text}"
    );
    assert!(
        text.contains("  p=0.7  strong 0.49  mixed 0.36  difficult 0.15\n"),
        "{text}"
    );
    assert!(
        text.contains("  c/late (risky, if bad): never open\n"),
        "{text}"
    );
}

/// Ensures `--strict` exits 1 when a module misses the bar, and 0 when every module meets it.
#[test]
fn strict_fails_only_below_the_bar() {
    let missed = peerpath(&["audit", "--strict", "strong-after-harm.toml"]);
    assert_eq!(missed.status.code(), Some(1));
    let met = peerpath(&["audit", "--strict", "meets-bar.toml"]);
    assert_eq!(met.status.code(), Some(0), "{}", stdout(&met));
}

/// Ensures `--json` prints one entry per file with the engine's audit under `audit`.
#[test]
fn json_has_every_signal() {
    let output = peerpath(&[
        "audit",
        "--json",
        "strong-after-harm.toml",
        "meets-bar.toml",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let value: Value = serde_json::from_str(&stdout(&output)).expect("--json prints JSON");
    let files = value.as_array().expect("one entry per file");
    assert_eq!(files.len(), 2);
    let first = &files[0];
    assert_eq!(first["file"], "strong-after-harm.toml");
    assert_eq!(first["id"], "strong-after-harm");
    assert_eq!(first["meets_bar"], false);
    let audit = &first["audit"];
    assert_eq!(audit["endings_after_harm"][0]["ending"], "good");
    assert_eq!(
        audit["endings_after_harm"][0]["witness"][0]["choice"],
        "hurt"
    );
    assert_eq!(audit["without_mark"][0]["choice"], "hurt");
    assert_eq!(audit["calibration"]["method"]["kind"], "exact");
    assert_eq!(audit["misses"][0]["rule"], "strong-after-harm");
    assert_eq!(files[1]["meets_bar"], true);
    assert_eq!(files[1]["audit"]["calibration"]["learners"][1]["p"], 0.7);
}

/// Ensures a file with errors is not audited, its errors are shown, and the exit code is 1,
/// as `check` gives.
#[test]
fn file_with_errors_is_not_audited() {
    let output = peerpath(&["audit", "broken.toml"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("== broken.toml: not audited, it has errors"),
        "{text}"
    );
    assert!(text.contains("error[E001]"), "{text}");
    let json: Value =
        serde_json::from_str(&stdout(&peerpath(&["audit", "--json", "broken.toml"]))).unwrap();
    assert_eq!(json[0]["audit"], Value::Null);
    assert_eq!(json[0]["errors"][0]["code"], "E001");
}

/// Ensures a folder means its module files in name order, and a missing file exits 2.
#[test]
fn folders_and_missing_files() {
    let text = stdout(&peerpath(&["audit", "."]));
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(headings.len(), 3, "{text}");
    assert!(headings[0].contains("broken.toml"), "{headings:?}");
    assert!(
        text.ends_with("audited 3 files: 1 meets the bar, 1 misses it, 1 not audited (errors)\n"),
        "{text}"
    );
    assert_eq!(peerpath(&["audit", "absent.toml"]).status.code(), Some(2));
}

/// Ensures `audit` without files, or with an unknown flag, is a usage error.
#[test]
fn usage_errors() {
    assert_eq!(peerpath(&["audit"]).status.code(), Some(2));
    assert_eq!(
        peerpath(&["audit", "--loud", "meets-bar.toml"])
            .status
            .code(),
        Some(2)
    );
}
