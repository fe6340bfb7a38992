//! `modules/catalog.toml`: which module files the app lists, in order, and the checks that
//! look at a list of modules as a whole.

use std::collections::HashMap;

#[cfg(feature = "site")]
use toml::de::DeValue;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
#[cfg(feature = "site")]
use crate::format;

/// A module file listed in the catalog, and where it is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The file name, relative to the catalog's folder.
    pub file: String,
    /// Byte range of the entry in the catalog's text.
    pub span: std::ops::Range<usize>,
}

#[cfg(feature = "site")]
/// Reads the catalog: the module file names it lists, relative to its folder. A listed name
/// must be a plain `*.toml` file name (no folders, no `..`), so a catalog cannot point the app
/// anywhere else.
pub fn parse_catalog(text: &str) -> Result<Vec<Listed>, Vec<Diagnostic>> {
    let mut diagnostics = Diagnostics::new(text);
    let read = format::parse_document(text).and_then(|document| format::read_catalog(&document));
    let modules = match read {
        Ok(modules) => modules,
        Err(error) => {
            diagnostics.push(Code::Syntax, error.span, error.message.trim());
            return Err(diagnostics.into_sorted());
        }
    };
    let mut files = Vec::new();
    for name in modules {
        let valid = is_module_file_name(name.get_ref());
        if valid
            && files
                .iter()
                .any(|listed: &Listed| &listed.file == name.get_ref())
        {
            diagnostics.push(
                Code::ListedTwice,
                name.span(),
                format!("`{}` is listed twice", name.get_ref()),
            );
        } else if valid {
            // Inside the quotes: the name itself.
            let span = name.span().start + 1..name.span().end.saturating_sub(1);
            files.push(Listed {
                file: name.into_inner(),
                span,
            });
        } else {
            diagnostics.push(
                Code::InvalidFileName,
                name.span(),
                format!(
                    "`{}` is not a module file name: use a name like `de-escalation.toml`, in the same folder",
                    name.get_ref()
                ),
            );
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics.into_sorted())
    } else {
        Ok(files)
    }
}

/// A plain `*.toml` file name (letters, digits, `-` and `_`), or a translation's
/// (`our-module.es.toml`: one dot and a two- or three-letter language code): no folders, no
/// `..`, so a list of modules cannot point the app anywhere else.
pub fn is_module_file_name(name: &str) -> bool {
    // A translation beside its module (`our-module.es.toml`) names its module's file.
    let file = translation_of(name).map_or_else(|| name.to_owned(), |(module, _)| module);
    file.strip_suffix(".toml").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

/// If `file_name` names a translation (`<stem>.<language>.toml`, the language two or three
/// lowercase letters), the English file's name and the language: `de-escalation.es.toml` →
/// (`de-escalation.toml`, `es`).
pub fn translation_of(file_name: &str) -> Option<(String, &str)> {
    let stem = file_name.strip_suffix(".toml")?;
    let (module, language) = stem.rsplit_once('.')?;
    let is_code =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
    (is_code && !module.is_empty()).then(|| (format!("{module}.toml"), language))
}

/// The catalog's entries whose file `exists` says is not there, as E303 errors at each entry.
/// `text` is the catalog's text; `exists` is asked with each listed file name, so the host
/// decides what "there" means (a folder on disk, files fetched, a test's list).
pub fn missing_files(
    text: &str,
    listed: &[Listed],
    mut exists: impl FnMut(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut diagnostics = Diagnostics::new(text);
    for entry in listed {
        if !exists(&entry.file) {
            diagnostics.push(
                Code::MissingFile,
                entry.span.clone(),
                format!(
                    "the catalog lists `{}`, but there is no such file beside it",
                    entry.file
                ),
            );
        }
    }
    diagnostics.into_sorted()
}

/// A module id that a second file uses again: only one of the two modules could be found by
/// its id (in links, saved progress and embeds), so the other would be silently hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateModule {
    /// The module id both files use.
    pub id: String,
    /// The file that used the id first, in the order given.
    pub first_file: String,
    /// The later file that uses the id again.
    pub file: String,
}

impl DuplicateModule {
    #[cfg(feature = "site")]
    /// The E304 error for [`DuplicateModule::file`], naming the first file. `text` is that
    /// file's text; the error points at its `id`, or at the start when there is none to
    /// find.
    pub fn diagnostic(&self, text: &str) -> Diagnostic {
        Diagnostic::new(
            Code::DuplicateModule,
            text,
            module_id_span(text).unwrap_or(0..0),
            format!(
                "module id `{}` is already used by `{}`; give each module its own id",
                self.id, self.first_file
            ),
        )
    }
}

/// Every module id used by more than one file, given `(file name, module id)` for each loaded
/// module, in the order the modules are listed. Each later use is reported once, naming the
/// file that used the id first. Linear in the number of modules.
pub fn duplicate_module_ids<'a>(
    modules: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<DuplicateModule> {
    let mut first_files: HashMap<&'a str, &'a str> = HashMap::new();
    let mut duplicates = Vec::new();
    for (file, id) in modules {
        match first_files.get(id) {
            Some(first_file) => duplicates.push(DuplicateModule {
                id: id.to_owned(),
                first_file: (*first_file).to_owned(),
                file: file.to_owned(),
            }),
            None => {
                first_files.insert(id, file);
            }
        }
    }
    duplicates
}

#[cfg(feature = "site")]
/// Where a module file's top-level `id` value is written.
fn module_id_span(text: &str) -> Option<std::ops::Range<usize>> {
    let document = format::parse_document(text).ok()?;
    let DeValue::Table(table) = document.get_ref() else {
        return None;
    };
    table.get("id").map(|id| id.span())
}
