//! `peerpath check`: load every module file named, print what is wrong, exit non-zero on errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use peerpath_engine::catalog::{duplicate_module_ids, missing_files};
use peerpath_engine::load::load_audited;
use peerpath_engine::translation::{load_translation, translation_of};
use peerpath_engine::{parse_catalog, Code, Diagnostic, ModuleStats};

use crate::report::{self, FileReport};

pub(crate) fn run(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    if paths.is_empty() {
        return crate::usage("check needs at least one file or folder");
    }
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in paths {
        let path = Path::new(path);
        match files_in(path) {
            Ok(files) => {
                let mut checked = Vec::with_capacity(files.len());
                for file in files {
                    match std::fs::read(&file) {
                        Ok(bytes) => checked.push(check_file(&file, &bytes)),
                        Err(error) => {
                            eprintln!("peerpath: cannot read {}: {error}", file.display());
                            unreadable = true;
                        }
                    }
                }
                // A folder is what a catalog lists from, so its modules must not share an id.
                if path.is_dir() {
                    report_duplicate_modules(&mut checked);
                }
                reports.append(&mut checked);
            }
            Err(error) => {
                eprintln!("peerpath: cannot read {}: {error}", path.display());
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

pub(crate) fn check_file(file: &Path, bytes: &[u8]) -> FileReport {
    let name = file.display().to_string();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let offset = error.valid_up_to();
            let diagnostic = Diagnostic::new(
                Code::Syntax,
                &text,
                offset..offset,
                "the file is not UTF-8 text; save it as UTF-8",
            );
            return FileReport {
                file: name,
                id: None,
                stats: None,
                errors: 1,
                warnings: 0,
                diagnostics: vec![diagnostic],
                text,
                module: None,
            };
        }
    };
    if file.file_name().is_some_and(|n| n == "catalog.toml") {
        return check_catalog(file, name, text);
    }
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some((english, _)) = translation_of(&file_name) {
        return check_translation(file, &english, name, text);
    }
    let loaded = load_audited(&text);
    let errors = loaded.errors().count();
    FileReport {
        file: name,
        id: loaded.module.as_ref().map(|m| m.id.clone()),
        stats: loaded.module.as_ref().map(ModuleStats::of),
        errors,
        warnings: loaded.diagnostics.len() - errors,
        diagnostics: loaded.diagnostics,
        text,
        module: loaded.module,
    }
}

/// A translation (`<module>.<language>.toml`), against the English file beside it.
fn check_translation(file: &Path, english: &str, name: String, text: String) -> FileReport {
    let english_path = file.with_file_name(english);
    let diagnostics = match std::fs::read_to_string(&english_path) {
        Ok(english_text) => {
            let file_name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            load_translation(&english_text, &file_name, &text).diagnostics
        }
        Err(error) => vec![Diagnostic::new(
            Code::TranslationMismatch,
            &text,
            0..0,
            format!("this looks like a translation of {english}, which cannot be read beside it ({error}); a translation sits beside its English module file"),
        )],
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    FileReport {
        file: name,
        id: None,
        stats: None,
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics,
        text,
        module: None,
    }
}

fn check_catalog(file: &Path, name: String, text: String) -> FileReport {
    let diagnostics = match parse_catalog(&text) {
        Err(diagnostics) => diagnostics,
        Ok(listed) => {
            let folder = file.parent().unwrap_or(Path::new("."));
            missing_files(&text, &listed, |listed| folder.join(listed).is_file())
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
        module: None,
    }
}

/// Reports each module whose id an earlier file in the folder (in name order) already uses,
/// as an error in the later file naming the earlier one.
pub(crate) fn report_duplicate_modules(reports: &mut [FileReport]) {
    let duplicates = duplicate_module_ids(
        reports
            .iter()
            .filter_map(|report| Some((report.file.as_str(), report.id.as_deref()?))),
    );
    for duplicate in duplicates {
        if let Some(report) = reports.iter_mut().find(|r| r.file == duplicate.file) {
            let diagnostic = duplicate.diagnostic(&report.text);
            report.add_error(diagnostic);
        }
    }
}
