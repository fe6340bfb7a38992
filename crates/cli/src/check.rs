//! `peerpath check`: load every module file named, print what is wrong, exit non-zero on errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use peerpath_engine::{load, parse_catalog, Diagnostic, ModuleStats};
use serde::Serialize;

use crate::report;

/// One checked file, as `--json` prints it.
#[derive(Serialize)]
pub(crate) struct FileReport {
    pub file: String,
    pub id: Option<String>,
    #[serde(flatten)]
    pub stats: Option<ModuleStats>,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    pub text: String,
}

pub(crate) fn run(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    if paths.is_empty() {
        return crate::usage("check needs at least one file or folder");
    }
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in paths {
        match files_in(Path::new(path)) {
            Ok(files) => {
                for file in files {
                    match std::fs::read(&file) {
                        Ok(bytes) => reports.push(check_file(&file, &bytes)),
                        Err(error) => {
                            eprintln!("peerpath: cannot read {}: {error}", file.display());
                            unreadable = true;
                        }
                    }
                }
            }
            Err(error) => {
                eprintln!("peerpath: cannot read {path}: {error}");
                unreadable = true;
            }
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&reports).unwrap_or_else(|_| "[]".into());
        println!("{text}");
    } else {
        report::print(&reports);
    }
    if unreadable {
        ExitCode::from(2)
    } else if reports.iter().any(|r| r.errors > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A file, or a folder's `*.toml` files in name order. A folder's `catalog.toml` is checked as
/// a catalog: every file it lists must exist.
fn files_in(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn check_file(file: &Path, bytes: &[u8]) -> FileReport {
    let name = file.display().to_string();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let offset = error.valid_up_to();
            let (line, column) = peerpath_engine::LineIndex::new(&text).position(offset);
            let diagnostic = Diagnostic {
                code: peerpath_engine::Code::Syntax,
                name: "syntax",
                severity: peerpath_engine::Severity::Error,
                line,
                column,
                span: offset..offset,
                message: "the file is not UTF-8 text; save it as UTF-8".into(),
            };
            return FileReport {
                file: name,
                id: None,
                stats: None,
                errors: 1,
                warnings: 0,
                diagnostics: vec![diagnostic],
                text,
            };
        }
    };
    if file.file_name().is_some_and(|n| n == "catalog.toml") {
        return check_catalog(file, name, text);
    }
    let loaded = load(&text);
    let errors = loaded.errors().count();
    FileReport {
        file: name,
        id: loaded.module.as_ref().map(|m| m.id.clone()),
        stats: loaded.module.as_ref().map(ModuleStats::of),
        errors,
        warnings: loaded.diagnostics.len() - errors,
        diagnostics: loaded.diagnostics,
        text,
    }
}

fn check_catalog(file: &Path, name: String, text: String) -> FileReport {
    let diagnostics = match parse_catalog(&text) {
        Err(diagnostics) => diagnostics,
        Ok(listed) => {
            let folder = file.parent().unwrap_or(Path::new("."));
            let index = peerpath_engine::LineIndex::new(&text);
            listed
                .iter()
                .filter(|entry| !folder.join(&entry.file).is_file())
                .map(|entry| {
                    let (line, column) = index.position(entry.span.start);
                    Diagnostic {
                        code: peerpath_engine::Code::DanglingTarget,
                        name: "dangling-target",
                        severity: peerpath_engine::Severity::Error,
                        line,
                        column,
                        span: entry.span.clone(),
                        message: format!(
                            "the catalog lists `{}`, but there is no such file beside it",
                            entry.file
                        ),
                    }
                })
                .collect()
        }
    };
    FileReport {
        file: name,
        id: None,
        stats: None,
        errors: diagnostics.len(),
        warnings: 0,
        diagnostics,
        text,
    }
}
