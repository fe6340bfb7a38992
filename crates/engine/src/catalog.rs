//! `modules/catalog.toml`: which module files the app lists, in order.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::format;

/// A module file listed in the catalog, and where it is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub file: String,
    /// Byte range of the entry in the catalog's text.
    pub span: std::ops::Range<usize>,
}

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
                Code::DuplicateId,
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
                Code::InvalidId,
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

/// A plain `*.toml` file name (letters, digits, `-` and `_`): no folders, no `..`, so a list
/// of modules cannot point the app anywhere else.
pub fn is_module_file_name(name: &str) -> bool {
    name.strip_suffix(".toml").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}
