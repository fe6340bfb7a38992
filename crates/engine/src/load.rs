//! Loading and checking a module file: every problem at once, each with a code and a position.
//!
//! After parsing, checking runs as passes over the file as written, one pass a file, the way
//! a compiler's visitors do. Each pass reports what it finds and hands the next one plain
//! data, so no pass keeps half-built tables or placeholder values for another:
//!
//! 1. `declare` collects what the module declares (sources, meters and flags, scenes and
//!    endings, choices) and checks each declaration on its own: ids, duplicates, bounds.
//! 2. `resolve` looks every reference up in those declarations: `goto`s, `start`, ending
//!    references, conditions and effects. What does not resolve stays `None`.
//! 3. `lint` checks the shape of the story: empty fields, dead ends, stuck learners,
//!    unused variables, reachability and routing loops, image paths.
//! 4. `lower` builds the playable [`Module`], only when no pass found an error.

mod declare;
mod lint;
mod lower;
mod resolve;

use toml::de::DeValue;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::format::{self, RawModule, FORMAT_VERSION};
use crate::module::Module;

/// The result of loading a module file: the module when it has no errors, and every
/// diagnostic (errors and warnings) in file order.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The checked module, when the file has no errors.
    pub module: Option<Module>,
    /// Every error and warning, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// The diagnostics that stop the module from loading.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The diagnostics that do not stop it.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
}

/// [`load`], then, for a module without errors, the audit's sound warnings (W205: a strong
/// ending reachable after a harmful choice; W206: a harmful choice without a lasting mark).
/// What `peerpath check` runs; slower than `load`, since it explores every reachable state.
pub fn load_audited(text: &str) -> Loaded {
    let mut loaded = load(text);
    if let Some(module) = &loaded.module {
        loaded
            .diagnostics
            .extend(crate::audit::audit_warnings(module, text));
    }
    loaded
}

/// Parses and checks a module file's text. Never panics, whatever the input.
///
/// The work is linear in the size of the text: one parse, then a constant number of passes
/// over scenes, choices and edges.
pub fn load(text: &str) -> Loaded {
    let mut diagnostics = Diagnostics::new(text);
    let document = match format::parse_document(text) {
        Ok(document) => document,
        Err(error) => {
            diagnostics.push(Code::Syntax, error.span, syntax_message(&error.message));
            return Loaded {
                module: None,
                diagnostics: diagnostics.into_sorted(),
            };
        }
    };
    let raw = match RawModule::read(&document) {
        Ok(raw) if *raw.format.get_ref() == FORMAT_VERSION => raw,
        // A file for another format gets E002 rather than complaints about its fields.
        result => {
            if !report_format_version(&document, &mut diagnostics) {
                if let Err(error) = result {
                    diagnostics.push(Code::Syntax, error.span, syntax_message(&error.message));
                }
            }
            return Loaded {
                module: None,
                diagnostics: diagnostics.into_sorted(),
            };
        }
    };
    let symbols = declare::declare(&raw, &mut diagnostics);
    let resolved = resolve::resolve(&raw, &symbols, &mut diagnostics);
    lint::lint(&raw, &symbols, &resolved, &mut diagnostics);
    // A module with errors is never played, so it is never built: lowering may then assume
    // that every reference resolved.
    let module = if diagnostics.has_errors() {
        None
    } else {
        lower::lower(raw, symbols, resolved)
    };
    Loaded {
        module,
        diagnostics: diagnostics.into_sorted(),
    }
}

/// Reports a missing or unsupported `format`; returns whether it did.
fn report_format_version(document: &format::Value<'_>, diagnostics: &mut Diagnostics<'_>) -> bool {
    let Some(format) = document.get_ref().get("format") else {
        diagnostics.push(
            Code::FormatVersion,
            0..0,
            format!("the file has no `format`; add `format = {FORMAT_VERSION}` at the top"),
        );
        return true;
    };
    let message = match (format.get_ref(), format::as_i64(format.get_ref())) {
        (_, Some(Some(FORMAT_VERSION))) => return false,
        (_, Some(Some(version))) if version > FORMAT_VERSION => format!(
            "this module uses format {version}, which is newer than this PeerPath reads (format {FORMAT_VERSION}); update PeerPath"
        ),
        (found, number) => {
            let found = match (found, number) {
                (DeValue::String(text), _) => format!("\"{text}\""),
                (_, Some(Some(number))) => number.to_string(),
                (other, _) => format!("a {}", other.type_str()),
            };
            format!("`format` must be {FORMAT_VERSION}, found {found}")
        }
    };
    diagnostics.push(Code::FormatVersion, format.span(), message);
    true
}

/// serde's messages are good but terse; keep them, and say what to do where it helps.
fn syntax_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field") {
        format!("unknown field{rest} (check the spelling against modules/README.md)")
    } else if message.starts_with("missing field") {
        format!("{message}: this field is required here")
    } else {
        message.to_owned()
    }
}

/// For each diagnostic, the id of the scene or ending whose table holds it (`[[scenes]]` or
/// `[[endings]]`, with the choices and routes under it), so the author preview can mark it on
/// the scenario map; `None` elsewhere in the file, or for every one when the text does not
/// parse. A table's header starts its part of the file, which runs to the next top-level
/// table's header.
pub fn owners(text: &str, diagnostics: &[Diagnostic]) -> Vec<Option<String>> {
    let Ok(document) = format::parse_document(text) else {
        return vec![None; diagnostics.len()];
    };
    let mut starts: Vec<(usize, Option<String>)> = Vec::new();
    if let DeValue::Table(table) = document.get_ref() {
        for (key, value) in table.iter() {
            let owns = matches!(key.get_ref().as_ref(), "scenes" | "endings");
            match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        let id = match item.get_ref() {
                            DeValue::Table(fields) if owns => {
                                fields.get("id").and_then(|id| match id.get_ref() {
                                    DeValue::String(id) => Some(id.as_ref().to_owned()),
                                    _ => None,
                                })
                            }
                            _ => None,
                        };
                        starts.push((item.span().start, id));
                    }
                }
                DeValue::Table(_) => starts.push((value.span().start, None)),
                _ => {}
            }
        }
    }
    starts.sort_by_key(|(start, _)| *start);
    diagnostics
        .iter()
        .map(|diagnostic| {
            let at = starts.partition_point(|(start, _)| *start <= diagnostic.span.start);
            at.checked_sub(1)
                .and_then(|i| starts.get(i))
                .and_then(|(_, id)| id.clone())
        })
        .collect()
}

/// The shape of a module file as far as it reads, errors or not: each scene's ways with the
/// `goto`s that resolved, each ending, and the start. The author preview draws its scenario
/// map from this when the file has errors (an unreachable scene, a dead end), so the author
/// sees them. `None` when the text is not a module file at all (it does not parse, or a
/// field has the wrong type).
pub fn sketch(text: &str) -> Option<crate::map::Sketch> {
    use crate::map::{Sketch, SketchEnding, SketchScene, Way};
    let document = format::parse_document(text).ok()?;
    let raw = RawModule::read(&document).ok()?;
    // The diagnostics were reported by `load`; here they are only in the way.
    let mut ignored = Diagnostics::new(text);
    let symbols = declare::declare(&raw, &mut ignored);
    let resolved = resolve::resolve(&raw, &symbols, &mut ignored);
    let scenes = raw
        .scenes
        .iter()
        .zip(&resolved.scenes)
        .map(|(scene, resolved)| {
            let routing = scene.choices.is_empty() && !scene.routes.is_empty();
            let ways = if routing {
                scene
                    .routes
                    .iter()
                    .zip(&resolved.routes)
                    .map(|(route, to)| Way {
                        target: to.target,
                        label: route
                            .condition
                            .as_ref()
                            .map_or_else(String::new, |c| c.get_ref().clone()),
                    })
                    .collect()
            } else {
                scene
                    .choices
                    .iter()
                    .zip(&resolved.choices)
                    .map(|(choice, to)| Way {
                        target: to.target,
                        label: choice.label.get_ref().clone(),
                    })
                    .collect()
            };
            SketchScene {
                id: scene.id.get_ref().clone(),
                routing,
                ways,
            }
        })
        .collect();
    let endings = raw
        .endings
        .iter()
        .map(|ending| SketchEnding {
            id: ending.id.get_ref().clone(),
            title: ending.title.get_ref().clone(),
            outcome: ending.outcome,
        })
        .collect();
    Some(Sketch {
        scenes,
        endings,
        start: resolved.start,
    })
}
