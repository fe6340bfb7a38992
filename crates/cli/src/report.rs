//! What `peerpath check` found, and how it prints: compiler-style, with the code, where, what,
//! and the offending line with a marker (drawn by annotate-snippets, as rustc's are).
//!
//! This file knows nothing of how files are found or checked; `check` fills in
//! [`FileReport`]s and hands them here, so the dependency runs one way.

use std::borrow::Cow;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use peerpath_engine::{Diagnostic, Module, ModuleStats, Severity};
use serde::Serialize;

/// One checked file, as `--json` prints it.
#[derive(Serialize)]
pub(crate) struct FileReport {
    /// The path as given on the command line (or found in a folder).
    pub file: String,
    /// The module's id, when it loaded.
    pub id: Option<String>,
    /// The module's size and shape, when it loaded.
    #[serde(flatten)]
    pub stats: Option<ModuleStats>,
    pub errors: usize,
    pub warnings: usize,
    /// Sorted by position, as the engine gives them.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's text, to show the offending lines.
    #[serde(skip)]
    pub text: String,
    /// The module, when it loaded (`peerpath build` compiles it).
    #[serde(skip)]
    pub module: Option<Module>,
}

impl FileReport {
    /// Adds an error found by looking at several files together, keeping the list in order.
    pub(crate) fn add_error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
        // Stable, and the engine sorts by the same key, so the others keep their order.
        self.diagnostics.sort_by_key(|d| (d.line, d.column, d.code));
        self.errors += 1;
    }
}

/// A terminal width no line of a module reaches, so lines are never cut short.
const FULL_LINES: usize = 1 << 20;

/// Prints every diagnostic of every file, each file's summary, and a last line for them all.
pub(crate) fn print(reports: &[FileReport]) {
    // Plain, because the output is read in terminals, CI logs and tests alike; and wide,
    // because a module's lines are long prose that an author needs to see whole.
    let renderer = Renderer::plain().term_width(FULL_LINES);
    for report in reports {
        for diagnostic in &report.diagnostics {
            println!("{}\n", render(&renderer, report, diagnostic));
        }
        let summary = match (report.errors, report.warnings) {
            (0, 0) => "ok".to_owned(),
            (e, w) => format!("{} error{}, {} warning{}", e, plural(e), w, plural(w)),
        };
        println!("{}: {summary}", report.file);
    }
    let failed = reports.iter().filter(|r| r.errors > 0).count();
    println!(
        "checked {} file{}: {}",
        reports.len(),
        plural(reports.len()),
        if failed == 0 {
            "no errors".to_owned()
        } else {
            format!("{failed} with errors")
        }
    );
}

/// `error[E102] dangling-target: message`, then `--> file:line:col` and the marked line.
fn render(renderer: &Renderer, report: &FileReport, diagnostic: &Diagnostic) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    // The code and its name stand where rustc puts the level and code, so a reader (or a
    // script) sees both at the start of the line.
    let heading = format!(
        "{}[{}] {}",
        match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        diagnostic.code,
        diagnostic.name
    );
    let marked = first_line_of(&report.text, diagnostic.span.clone());
    // The engine counts the empty line after a final line break as a line (a problem at the
    // end of the file points there); the renderer would point at the end of the line before
    // instead, so give it that line, and both say the same line and column.
    let source = if marked.start >= report.text.len() && report.text.ends_with('\n') {
        Cow::Owned(format!("{} ", report.text))
    } else {
        Cow::Borrowed(report.text.as_str())
    };
    let group = kind
        .with_name(heading)
        .primary_title(diagnostic.message.as_str())
        .element(
            Snippet::source(source)
                .path(report.file.as_str())
                .annotation(AnnotationKind::Primary.span(marked)),
        );
    renderer.render(&[group])
}

/// The part of `span` on its first line, within the text: one line with one marker, even for
/// a table or a multi-line string.
fn first_line_of(text: &str, span: Range<usize>) -> Range<usize> {
    // The engine's spans fall on character boundaries; this keeps a stray one from making
    // the renderer slice inside a character.
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_end = text
        .get(start..)
        .and_then(|rest| rest.find(['\n', '\r']))
        .map_or(text.len(), |offset| start + offset);
    let mut end = span.end.clamp(start, line_end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
