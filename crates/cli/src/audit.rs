//! `peerpath audit`: the checker's sibling. For each module, what a trainer should know before
//! publishing it: label tells, strong endings after harm, choices without a lasting mark,
//! gates that don't bite, and calibration, against the bar in modules/README.md.
//!
//! The engine does the analysis ([`peerpath_engine::audit`]) and returns plain data; this
//! file finds the files, prints, and picks the exit code: 0 for a report, 1 when a file has
//! errors (as `check`) or, with `--strict`, when a module misses the bar, 2 when a file
//! cannot be read.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use peerpath_engine::translation::translation_of;

use peerpath_engine::audit::{Audit, GateKind, Method, SceneTells};
use peerpath_engine::{load, Diagnostic, Rating};
use serde::Serialize;

/// One audited file, as `--json` prints it.
#[derive(Serialize)]
struct FileAudit {
    /// The path as given (or found in a folder).
    file: String,
    /// The module's id, when it loaded.
    id: Option<String>,
    /// The errors that kept it from loading, if any.
    errors: Vec<Diagnostic>,
    /// The audit, when it loaded.
    audit: Option<Audit>,
    /// Whether it loaded and meets the bar.
    meets_bar: bool,
}

pub(crate) fn run(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    let strict = args.iter().any(|a| a == "--strict");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if let Some(unknown) = args
        .iter()
        .find(|a| a.starts_with("--") && *a != "--json" && *a != "--strict")
    {
        return crate::usage(&format!("audit does not know {unknown}"));
    }
    if paths.is_empty() {
        return crate::usage("audit needs at least one module file or folder");
    }
    let mut audits = Vec::new();
    let mut unreadable = false;
    for file in paths.iter().flat_map(|path| module_files(Path::new(path))) {
        let file = match file {
            Ok(file) => file,
            Err((path, error)) => {
                eprintln!("peerpath: cannot read {}: {error}", path.display());
                unreadable = true;
                continue;
            }
        };
        match std::fs::read_to_string(&file) {
            Ok(text) => audits.push(audit_file(&file, &text)),
            Err(error) => {
                eprintln!("peerpath: cannot read {}: {error}", file.display());
                unreadable = true;
            }
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&audits).unwrap_or_else(|_| "[]".into());
        println!("{text}");
    } else {
        let mut out = String::new();
        for audit in &audits {
            print_file(&mut out, audit);
        }
        let meeting = audits.iter().filter(|a| a.meets_bar).count();
        let broken = audits.iter().filter(|a| a.audit.is_none()).count();
        let missing = audits.len() - meeting - broken;
        let _ = write!(
            out,
            "audited {} file{}: {meeting} meet{} the bar, {missing} miss{} it",
            audits.len(),
            plural(audits.len()),
            if meeting == 1 { "s" } else { "" },
            if missing == 1 { "es" } else { "" },
        );
        if broken > 0 {
            let _ = write!(out, ", {broken} not audited (errors)");
        }
        let _ = writeln!(out);
        print!("{out}");
    }
    if unreadable {
        ExitCode::from(2)
    } else if audits.iter().any(|a| !a.errors.is_empty())
        || (strict && audits.iter().any(|a| !a.meets_bar))
    {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A file, or a folder's module files (`*.toml` but the catalog and translations) in name
/// order.
fn module_files(path: &Path) -> Vec<Result<PathBuf, (PathBuf, std::io::Error)>> {
    if !path.is_dir() {
        return vec![Ok(path.to_path_buf())];
    }
    match std::fs::read_dir(path) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
                .filter(|p| {
                    p.file_name().is_some_and(|n| {
                        let name = n.to_string_lossy();
                        name != "catalog.toml" && translation_of(&name).is_none()
                    })
                })
                .collect();
            files.sort();
            files.into_iter().map(Ok).collect()
        }
        Err(error) => vec![Err((path.to_path_buf(), error))],
    }
}

fn audit_file(file: &Path, text: &str) -> FileAudit {
    let loaded = load(text);
    let audit = loaded.module.as_ref().map(Audit::of);
    FileAudit {
        file: file.display().to_string(),
        id: loaded.module.as_ref().map(|m| m.id.clone()),
        errors: loaded.errors().cloned().collect(),
        meets_bar: audit.as_ref().is_some_and(Audit::meets_bar),
        audit,
    }
}

/// One section per file: a heading, then each signal's numbers and findings.
fn print_file(out: &mut String, file: &FileAudit) {
    let Some(audit) = &file.audit else {
        let _ = writeln!(
            out,
            "== {}: not audited, it has errors (run `peerpath check`)",
            file.file
        );
        for error in &file.errors {
            let _ = writeln!(out, "  {error}");
        }
        let _ = writeln!(out);
        return;
    };
    let verdict = if audit.meets_bar() {
        "meets the bar".to_owned()
    } else {
        format!("misses the bar ({})", audit.misses.len())
    };
    let _ = writeln!(out, "== {} ({}): {verdict}", file.file, audit.module);
    label_tells(out, audit);
    endings_after_harm(out, audit);
    without_mark(out, audit);
    gates(out, audit);
    calibration(out, audit);
    for miss in &audit.misses {
        let _ = writeln!(out, "  ✗ {}: {}", miss.rule, miss.detail);
    }
    let _ = writeln!(out);
}

fn label_tells(out: &mut String, audit: &Audit) {
    let tells = &audit.label_tells;
    let _ = writeln!(
        out,
        "label tells: {} of {} decision scenes counted; best is longest {:.2}, only warm {:.2}; chance {:.2} (bar: at most {:.2})",
        tells.counted,
        tells.scenes.len(),
        tells.best_is_longest,
        tells.only_warm,
        tells.chance,
        tells.chance + peerpath_engine::audit::bar::LABEL_TELL_MARGIN,
    );
    let longest: Vec<String> = tells
        .scenes
        .iter()
        .filter(|s| s.best_is_longest > 0.0)
        .map(|s| {
            let share = if s.best_is_longest < 1.0 {
                format!(" ({:.2})", s.best_is_longest)
            } else {
                String::new()
            };
            format!("{}{share}", best(s))
        })
        .collect();
    if !longest.is_empty() {
        let _ = writeln!(out, "  best is longest: {}", longest.join(", "));
    }
    let warm: Vec<String> = tells
        .scenes
        .iter()
        .filter(|s| s.only_warm)
        .map(best)
        .collect();
    if !warm.is_empty() {
        let _ = writeln!(out, "  only warm: {}", warm.join(", "));
    }
}

fn best(scene: &SceneTells) -> String {
    format!("{}/{}", scene.scene, scene.best.as_deref().unwrap_or("?"))
}

fn endings_after_harm(out: &mut String, audit: &Audit) {
    let _ = writeln!(
        out,
        "strong or mixed endings after a harmful choice: {}",
        audit.endings_after_harm.len()
    );
    for found in &audit.endings_after_harm {
        let harmful: Vec<String> = found
            .harmful_choices
            .iter()
            .map(|c| format!("{}/{}", c.scene, c.choice))
            .collect();
        let witness: Vec<String> = found.witness.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "  {} {} after {}\n    e.g. {}",
            found.outcome.as_str(),
            found.ending,
            harmful.join(", "),
            witness.join(" → ")
        );
    }
}

fn without_mark(out: &mut String, audit: &Audit) {
    let count = |rating| {
        audit
            .without_mark
            .iter()
            .filter(|w| w.rating == rating)
            .count()
    };
    let _ = writeln!(
        out,
        "without a lasting mark: {} harmful, {} risky",
        count(Rating::Harmful),
        count(Rating::Risky)
    );
    for found in &audit.without_mark {
        let changes = if found.changes.is_empty() {
            "changes nothing".to_owned()
        } else {
            format!("changes {}, never read later", found.changes.join(", "))
        };
        let _ = writeln!(
            out,
            "  {} {}/{}: {changes}",
            found.rating.as_str(),
            found.scene,
            found.choice
        );
    }
}

fn gates(out: &mut String, audit: &Audit) {
    let _ = writeln!(
        out,
        "gates that don't bite: {}",
        audit.toothless_gates.len()
    );
    for gate in &audit.toothless_gates {
        let why = match &gate.kind {
            GateKind::Bypassed { by, by_rating } => {
                format!("bypassed by {by} ({})", by_rating.as_str())
            }
            GateKind::AlwaysOpen => "always open".to_owned(),
            GateKind::NeverOpen => "never open".to_owned(),
        };
        let _ = writeln!(
            out,
            "  {}/{} ({}, if {}): {why}",
            gate.scene,
            gate.choice,
            gate.rating.map_or("unrated", Rating::as_str),
            gate.condition
        );
    }
}

fn calibration(out: &mut String, audit: &Audit) {
    let calibration = &audit.calibration;
    let method = match calibration.method {
        Method::Exact => format!("exact over {} states", audit.exploration.states),
        Method::Sampled { runs, seed } => format!("sampled, {runs} runs, seed {seed:#x}"),
    };
    let incomplete = if audit.exploration.complete {
        String::new()
    } else {
        format!(
            "; exploration stopped at the bound of {} states",
            audit.exploration.bound
        )
    };
    let _ = writeln!(out, "calibration ({method}{incomplete}):");
    for chances in &calibration.learners {
        let _ = writeln!(
            out,
            "  p={:.1}  strong {:.2}  mixed {:.2}  difficult {:.2}{}",
            chances.p,
            chances.strong,
            chances.mixed,
            chances.difficult,
            if chances.unfinished > 0.0 {
                format!("  unfinished {:.2}", chances.unfinished)
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(
        out,
        "  always recommended: strong {:.2}",
        calibration.always_recommended.strong
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
