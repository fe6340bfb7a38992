//! What the checker says about a module file: stable codes, positions and plain-English messages.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is. Errors stop a module from loading; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The module cannot be played until it is fixed.
    Error,
    /// The module plays, but should be fixed before it is published.
    Warning,
}

/// A stable diagnostic code. The numbers never change meaning and each means one kind of
/// problem; new codes get new numbers. Each one is documented in `modules/README.md`.
///
/// `E0xx` are about reading a file at all, `E1xx` about a module file, `W2xx` are warnings
/// about a module file, `E3xx` are about the catalog, `site.toml` and a folder of modules, and
/// `4xx` are about a module's translation (`<module>.<language>.toml`). No number is used by
/// both an error and a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// E001: not valid TOML, a misspelt or missing field, or a value of the wrong type.
    Syntax,
    /// E002: `format` is missing or not a version this PeerPath reads.
    FormatVersion,
    /// E101: two things in one module that must be told apart share an id.
    DuplicateId,
    /// E102: a `goto` or `start` names no scene or ending.
    DanglingTarget,
    /// E103: a condition or effect names no meter or flag.
    UnknownVariable,
    /// E104: a number that can never fit a meter's bounds.
    OutOfBounds,
    /// E105: a scene with neither choices nor routes.
    DeadEnd,
    /// E106: a condition that cannot be read.
    BadCondition,
    /// E107: a flag used as a number, a meter as true/false, or an effect of the wrong kind.
    TypeMismatch,
    /// E108: a learner could be stuck: no choice or route is sure to be available.
    NoWayOn,
    /// E109: no path from `start` reaches a scene.
    UnreachableScene,
    /// E110: no path from `start` reaches an ending.
    UnreachableEnding,
    /// E111: routing scenes that lead back to themselves without a decision.
    RoutingLoop,
    /// E112: an id in a module with characters other than lowercase letters, digits and hyphens.
    InvalidId,
    /// E113: an ending refers to a source that is not listed.
    UnknownSource,
    /// E114: a scene with both choices and routes.
    MixedScene,
    /// E115: a required field is empty.
    MissingField,
    /// E116: an image path (a scene's `image.src`, the site's `logo`) that leaves the site.
    PathOutsideSite,
    /// W201: a meter or flag that no condition reads.
    UnusedVariable,
    /// W202: a choice without feedback.
    MissingFeedback,
    /// W203: a choice without a rating.
    MissingRating,
    /// W204: an `unavailable` reason on a choice that has no `if`.
    ReasonWithoutCondition,
    /// W205: a strong ending that some play-through reaches after a harmful choice.
    StrongAfterHarm,
    /// W206: a harmful choice that changes no meter or flag a later condition reads.
    HarmWithoutMark,
    /// E301: a listed module file name that is not a plain `*.toml` name in the modules folder.
    InvalidFileName,
    /// E302: a list of module files names the same file twice.
    ListedTwice,
    /// E303: the catalog lists a file that is not in its folder.
    MissingFile,
    /// E304: two module files use the same module `id`, so one would hide the other.
    DuplicateModule,
    /// E305: an `allowed_parent_origins` entry that is not an origin.
    InvalidOrigin,
    /// E306: site colours too faint to read.
    LowContrast,
    /// E307: an `[xapi]` setting that cannot be used (so nothing is sent to an LRS).
    InvalidLrs,
    /// E401: a translation that does not fit its module: another module or language, a list
    /// with another number of items, or text for a field the English does not have.
    TranslationMismatch,
    /// E402: a translation sets something that is not text (a `goto`, an `if`, effects, a
    /// rating): branching lives in the English file only.
    UntranslatableField,
    /// W403: English text with no translation, so learners see the English.
    MissingTranslation,
    /// W404: a translation made from English that has changed since (or with no record of it).
    StaleTranslation,
    /// W405: a translation entry for an id the module does not have; it is ignored.
    UnknownTranslationId,
}

impl Code {
    /// Every code, in documentation order.
    pub const ALL: [Code; 36] = [
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
        Code::PathOutsideSite,
        Code::UnusedVariable,
        Code::MissingFeedback,
        Code::MissingRating,
        Code::ReasonWithoutCondition,
        Code::StrongAfterHarm,
        Code::HarmWithoutMark,
        Code::InvalidFileName,
        Code::ListedTwice,
        Code::MissingFile,
        Code::DuplicateModule,
        Code::InvalidOrigin,
        Code::LowContrast,
        Code::InvalidLrs,
        Code::TranslationMismatch,
        Code::UntranslatableField,
        Code::MissingTranslation,
        Code::StaleTranslation,
        Code::UnknownTranslationId,
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
            Code::PathOutsideSite => "E116",
            Code::UnusedVariable => "W201",
            Code::MissingFeedback => "W202",
            Code::MissingRating => "W203",
            Code::ReasonWithoutCondition => "W204",
            Code::StrongAfterHarm => "W205",
            Code::HarmWithoutMark => "W206",
            Code::InvalidFileName => "E301",
            Code::ListedTwice => "E302",
            Code::MissingFile => "E303",
            Code::DuplicateModule => "E304",
            Code::InvalidOrigin => "E305",
            Code::LowContrast => "E306",
            Code::InvalidLrs => "E307",
            Code::TranslationMismatch => "E401",
            Code::UntranslatableField => "E402",
            Code::MissingTranslation => "W403",
            Code::StaleTranslation => "W404",
            Code::UnknownTranslationId => "W405",
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
            Code::PathOutsideSite => "path-outside-site",
            Code::UnusedVariable => "unused-variable",
            Code::MissingFeedback => "missing-feedback",
            Code::MissingRating => "missing-rating",
            Code::ReasonWithoutCondition => "reason-without-condition",
            Code::StrongAfterHarm => "strong-after-harm",
            Code::HarmWithoutMark => "harm-without-mark",
            Code::InvalidFileName => "invalid-file-name",
            Code::ListedTwice => "listed-twice",
            Code::MissingFile => "missing-file",
            Code::DuplicateModule => "duplicate-module",
            Code::InvalidOrigin => "invalid-origin",
            Code::LowContrast => "low-contrast",
            Code::InvalidLrs => "invalid-lrs",
            Code::TranslationMismatch => "translation-mismatch",
            Code::UntranslatableField => "untranslatable-field",
            Code::MissingTranslation => "missing-translation",
            Code::StaleTranslation => "stale-translation",
            Code::UnknownTranslationId => "unknown-translation-id",
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

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Code::ALL
            .into_iter()
            .find(|code| code.as_str() == text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{text}`")))
    }
}

/// A diagnostic as written, before its name and severity are taken from its code again.
#[derive(Deserialize)]
struct DiagnosticFields {
    code: Code,
    #[serde(rename = "name")]
    _name: String,
    #[serde(rename = "severity")]
    _severity: Severity,
    line: usize,
    column: usize,
    message: String,
}

impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = DiagnosticFields::deserialize(deserializer)?;
        Ok(Diagnostic::at(
            fields.code,
            (fields.line, fields.column),
            0..0,
            fields.message,
        ))
    }
}

/// One problem in a module file, always the author's to fix.
///
/// It serializes without its byte range (line and column say where); reading one back
/// takes the name and severity from the code, and leaves the range empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What kind of problem this is.
    pub code: Code,
    /// The code's readable name, such as `dangling-target`.
    pub name: &'static str,
    /// Whether it stops the module from loading.
    pub severity: Severity,
    /// 1-based line of the offending text.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte range of the offending text in the file.
    #[serde(skip)]
    pub span: Range<usize>,
    /// What is wrong, in plain English, and where it helps, what to do.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at byte range `span` of `text`, with its line and column worked out. For
    /// a host that finds a problem the engine cannot see, such as a file that is not UTF-8.
    pub fn new(code: Code, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic::at(
            code,
            LineIndex::new(text).position(span.start),
            span,
            message.into(),
        )
    }

    /// A diagnostic at a known (line, column).
    fn at(code: Code, (line, column): (usize, usize), span: Range<usize>, message: String) -> Self {
        Diagnostic {
            code,
            name: code.name(),
            severity: code.severity(),
            line,
            column,
            span,
            message,
        }
    }

    /// Whether this diagnostic stops a module from loading.
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
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// Line and column (both 1-based; the column in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        // `line_starts` begins with 0, so some start is at or before every offset.
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
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
        let position = self.index.position(span.start);
        self.list
            .push(Diagnostic::at(code, position, span, message.into()));
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
