//! What the checker says about a module file: stable codes, positions and plain-English messages.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// How serious a diagnostic is. Errors stop a module from loading; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A stable diagnostic code. The numbers never change meaning; new codes get new numbers.
/// Each one is documented in `modules/README.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Syntax,
    FormatVersion,
    DuplicateId,
    DanglingTarget,
    UnknownVariable,
    OutOfBounds,
    DeadEnd,
    BadCondition,
    TypeMismatch,
    NoWayOn,
    UnreachableScene,
    UnreachableEnding,
    RoutingLoop,
    InvalidId,
    UnknownSource,
    MixedScene,
    MissingField,
    UnusedVariable,
    MissingFeedback,
    MissingRating,
    ReasonWithoutCondition,
}

impl Code {
    /// Every code, in documentation order.
    pub const ALL: [Code; 21] = [
        Code::Syntax,
        Code::FormatVersion,
        Code::DuplicateId,
        Code::DanglingTarget,
        Code::UnknownVariable,
        Code::OutOfBounds,
        Code::DeadEnd,
        Code::BadCondition,
        Code::TypeMismatch,
        Code::NoWayOn,
        Code::UnreachableScene,
        Code::UnreachableEnding,
        Code::RoutingLoop,
        Code::InvalidId,
        Code::UnknownSource,
        Code::MixedScene,
        Code::MissingField,
        Code::UnusedVariable,
        Code::MissingFeedback,
        Code::MissingRating,
        Code::ReasonWithoutCondition,
    ];

    /// The short stable code, such as `E102`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "E001",
            Code::FormatVersion => "E002",
            Code::DuplicateId => "E101",
            Code::DanglingTarget => "E102",
            Code::UnknownVariable => "E103",
            Code::OutOfBounds => "E104",
            Code::DeadEnd => "E105",
            Code::BadCondition => "E106",
            Code::TypeMismatch => "E107",
            Code::NoWayOn => "E108",
            Code::UnreachableScene => "E109",
            Code::UnreachableEnding => "E110",
            Code::RoutingLoop => "E111",
            Code::InvalidId => "E112",
            Code::UnknownSource => "E113",
            Code::MixedScene => "E114",
            Code::MissingField => "E115",
            Code::UnusedVariable => "W201",
            Code::MissingFeedback => "W202",
            Code::MissingRating => "W203",
            Code::ReasonWithoutCondition => "W204",
        }
    }

    /// The readable name, such as `dangling-target`.
    pub fn name(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::FormatVersion => "format-version",
            Code::DuplicateId => "duplicate-id",
            Code::DanglingTarget => "dangling-target",
            Code::UnknownVariable => "unknown-variable",
            Code::OutOfBounds => "out-of-bounds",
            Code::DeadEnd => "dead-end",
            Code::BadCondition => "bad-condition",
            Code::TypeMismatch => "type-mismatch",
            Code::NoWayOn => "no-way-on",
            Code::UnreachableScene => "unreachable-scene",
            Code::UnreachableEnding => "unreachable-ending",
            Code::RoutingLoop => "routing-loop",
            Code::InvalidId => "invalid-id",
            Code::UnknownSource => "unknown-source",
            Code::MixedScene => "mixed-scene",
            Code::MissingField => "missing-field",
            Code::UnusedVariable => "unused-variable",
            Code::MissingFeedback => "missing-feedback",
            Code::MissingRating => "missing-rating",
            Code::ReasonWithoutCondition => "reason-without-condition",
        }
    }

    /// Errors start with `E`, warnings with `W`.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem in a module file, always the author's to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub name: &'static str,
    pub severity: Severity,
    /// 1-based line of the offending text.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte range of the offending text in the file.
    #[serde(skip)]
    pub span: Range<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{kind}[{}] {}:{}: {}",
            self.code, self.line, self.column, self.message
        )
    }
}

/// Turns byte offsets into 1-based lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// Line and column (both 1-based; the column in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count());
        (line + 1, column + 1)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &'a str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

/// Collects diagnostics while a module is checked.
pub(crate) struct Diagnostics<'a> {
    index: LineIndex<'a>,
    pub(crate) list: Vec<Diagnostic>,
}

impl<'a> Diagnostics<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Diagnostics {
            index: LineIndex::new(text),
            list: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, code: Code, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = self.index.position(span.start);
        self.list.push(Diagnostic {
            code,
            name: code.name(),
            severity: code.severity(),
            line,
            column,
            span,
            message: message.into(),
        });
    }

    /// The text being checked.
    pub(crate) fn text(&self) -> &'a str {
        self.index.text
    }

    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.index.position(offset).0
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort_by_key(|d| (d.line, d.column, d.code));
        self.list
    }
}
