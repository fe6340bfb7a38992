//! `peerpath translate MODULE.toml --lang es [--accept]`: writes or updates the module's
//! translation file (`MODULE.es.toml` beside it), as Yarn Spinner regenerates its string
//! tables. New English fields arrive empty under their English; fields whose English changed
//! keep their translation under the new English; nothing a translator wrote is dropped. With
//! `--accept`, every translated field records the hash of the English it now translates.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use peerpath_engine::load::load;
use peerpath_engine::translation::{
    language_name, load_translation, units_of, write_translation, Text, LANGUAGES,
};

use crate::report::{self, FileReport};

struct Options {
    module: PathBuf,
    language: String,
    accept: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let (mut module, mut language, mut accept) = (None, None, false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => language = Some(args.next().ok_or("--lang needs a language code")?.clone()),
            "--accept" => accept = true,
            other if other.starts_with("--") => {
                return Err(format!("translate does not know `{other}`"))
            }
            other if module.is_none() => module = Some(PathBuf::from(other)),
            other => {
                return Err(format!(
                    "translate takes one module file, not also `{other}`"
                ))
            }
        }
    }
    let module = module.ok_or("translate needs the English module file")?;
    let language = language.ok_or("translate needs --lang, such as --lang es")?;
    if language_name(&language).is_none() {
        let known: Vec<&str> = LANGUAGES.iter().map(|(code, _)| *code).collect();
        return Err(format!(
            "PeerPath speaks en and {}; it cannot translate into `{language}`",
            known.join(", ")
        ));
    }
    Ok(Options {
        module,
        language,
        accept,
    })
}

/// The translation file's path: `<stem>.<language>.toml` beside the module.
pub(crate) fn translation_path(module: &Path, language: &str) -> PathBuf {
    let stem = module
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    module.with_file_name(format!("{stem}.{language}.toml"))
}

pub(crate) fn run(args: &[String]) -> ExitCode {
    let options = match options(args) {
        Ok(options) => options,
        Err(problem) => return crate::usage(&problem),
    };
    match translate(&options) {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(Refused::Reports(reports)) => {
            report::print(&reports);
            eprintln!("peerpath translate: fix the errors above first; nothing was written");
            ExitCode::FAILURE
        }
        Err(Refused::Problem(problem)) => {
            eprintln!("peerpath translate: {problem}; nothing was written");
            ExitCode::from(2)
        }
    }
}

enum Refused {
    Reports(Vec<FileReport>),
    Problem(String),
}

fn read(path: &Path) -> Result<String, Refused> {
    std::fs::read_to_string(path)
        .map_err(|error| Refused::Problem(format!("cannot read {}: {error}", path.display())))
}

fn translate(options: &Options) -> Result<String, Refused> {
    let english = read(&options.module)?;
    let loaded = load(&english);
    if loaded.module.is_none() {
        let bytes = english.as_bytes();
        return Err(Refused::Reports(vec![crate::check::check_file(
            &options.module,
            bytes,
        )]));
    }
    let Some((module_id, units)) = units_of(&english) else {
        return Err(Refused::Problem(format!(
            "{} cannot be read",
            options.module.display()
        )));
    };
    let path = translation_path(&options.module, &options.language);
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let existing = if path.exists() {
        let text = read(&path)?;
        let checked = load_translation(&english, &file_name, &text);
        // Only a file that cannot be read at all is refused; everything else is kept.
        if checked
            .diagnostics
            .iter()
            .any(|d| d.code == peerpath_engine::Code::Syntax)
        {
            let report = crate::check::check_file(&path, text.as_bytes());
            return Err(Refused::Reports(vec![report]));
        }
        checked.entries
    } else {
        Default::default()
    };
    let text = write_translation(
        &module_id,
        &options.language,
        &units,
        &existing,
        options.accept,
    );
    // Written beside it and renamed over it: a failed write leaves the old file as it was.
    let partial = path.with_extension("toml.partial");
    std::fs::write(&partial, &text).map_err(|error| {
        Refused::Problem(format!("cannot write {}: {error}", partial.display()))
    })?;
    std::fs::rename(&partial, &path)
        .map_err(|error| Refused::Problem(format!("cannot write {}: {error}", path.display())))?;
    let after = load_translation(&english, &file_name, &text);
    let count =
        |code: peerpath_engine::Code| after.diagnostics.iter().filter(|d| d.code == code).count();
    let same: Vec<String> = units
        .iter()
        .filter(|unit| {
            existing
                .get(&(unit.place.clone(), unit.field))
                .is_some_and(|entry| {
                    entry.text == unit.english && !matches!(unit.english, Text::List(_))
                })
        })
        .map(|unit| format!("{} `{}`", unit.place.describe(), unit.field))
        .collect();
    let mut summary = format!(
        "peerpath translate: wrote {} ({} fields; objects with untranslated fields: {}; stale: {})",
        path.display(),
        units.len(),
        count(peerpath_engine::Code::MissingTranslation),
        count(peerpath_engine::Code::StaleTranslation),
    );
    if !same.is_empty() {
        summary.push_str(&format!(
            "\nstill identical to the English (fine for names and titles; check the rest): {}",
            same.iter().take(12).cloned().collect::<Vec<_>>().join(", ")
        ));
        if same.len() > 12 {
            summary.push_str(&format!(" and {} more", same.len() - 12));
        }
    }
    Ok(summary)
}
