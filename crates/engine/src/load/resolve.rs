//! Pass 2, resolution: every reference looked up in the declarations, and typed.
//!
//! `goto`s and `start` must name a scene or ending, an ending's `references` a source, and
//! conditions and effects meters and flags used as what they are. A reference that does not
//! resolve is reported and left `None`; nothing stands in for it.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use super::declare::{Symbols, VariableRef};
use crate::condition::{self, Condition, Variable};
use crate::diagnostic::{Code, Diagnostics};
use crate::format::{EffectValue, RawChoice, RawModule, RawRoute, RawScene};
use crate::module::{Effect, Target};

/// The module's references, resolved where they could be, in the order of the file.
pub(super) struct Resolved {
    /// Where the story starts.
    pub start: Option<Target>,
    /// One entry per scene, in file order.
    pub scenes: Vec<ResolvedScene>,
    /// The meter and flag declarations that some condition reads.
    pub read: HashSet<VariableRef>,
}

/// A scene's choices and routes, in file order.
pub(super) struct ResolvedScene {
    pub choices: Vec<ResolvedChoice>,
    pub routes: Vec<ResolvedRoute>,
}

pub(super) struct ResolvedChoice {
    pub target: Option<Target>,
    /// `None` when the choice has no `if`, or when its condition has a problem.
    pub condition: Option<Condition>,
    /// The effects that resolved; the others were reported.
    pub effects: Vec<Effect>,
}

pub(super) struct ResolvedRoute {
    pub target: Option<Target>,
    /// `None` when the route has no `if`, or when its condition has a problem.
    pub condition: Option<Condition>,
}

/// Runs the pass.
pub(super) fn resolve(
    raw: &RawModule,
    symbols: &Symbols,
    diagnostics: &mut Diagnostics<'_>,
) -> Resolved {
    let mut resolver = Resolver {
        symbols,
        diagnostics,
        read: HashSet::new(),
    };
    let scenes = raw
        .scenes
        .iter()
        .map(|scene| resolver.scene(scene))
        .collect();
    for ending in &raw.endings {
        for reference in &ending.references {
            resolver.source(reference);
        }
    }
    let start = resolver.target(&raw.start, "`start`");
    Resolved {
        start,
        scenes,
        read: resolver.read,
    }
}

/// The pass's walk: the symbols to look in, where to report, and what conditions read.
struct Resolver<'s, 'd, 'a> {
    symbols: &'s Symbols,
    diagnostics: &'d mut Diagnostics<'a>,
    read: HashSet<VariableRef>,
}

impl Resolver<'_, '_, '_> {
    fn scene(&mut self, raw: &RawScene) -> ResolvedScene {
        let choices = raw
            .choices
            .iter()
            .map(|choice| self.choice(raw, choice))
            .collect();
        let where_ = format!("a route in scene `{}`", raw.id.get_ref());
        let routes = raw
            .routes
            .iter()
            .map(|route| self.route(route, &where_))
            .collect();
        ResolvedScene { choices, routes }
    }

    fn choice(&mut self, scene: &RawScene, raw: &RawChoice) -> ResolvedChoice {
        let condition = raw.condition.as_ref().and_then(|c| self.condition(c));
        let effects = raw
            .effects
            .iter()
            .filter_map(|(name, value)| self.effect(name, value))
            .collect();
        let where_ = format!(
            "choice `{}` in scene `{}`",
            raw.id.get_ref(),
            scene.id.get_ref()
        );
        ResolvedChoice {
            target: self.target(&raw.goto, &where_),
            condition,
            effects,
        }
    }

    fn route(&mut self, raw: &RawRoute, where_: &str) -> ResolvedRoute {
        ResolvedRoute {
            condition: raw.condition.as_ref().and_then(|c| self.condition(c)),
            target: self.target(&raw.goto, where_),
        }
    }

    fn target(&mut self, id: &Spanned<String>, what: &str) -> Option<Target> {
        let found = self.symbols.targets.get(id.get_ref()).copied();
        if found.is_none() {
            self.diagnostics.push(
                Code::DanglingTarget,
                id.span(),
                format!(
                    "{what} goes to `{}`, which is not a scene or ending in this module",
                    id.get_ref()
                ),
            );
        }
        found
    }

    fn source(&mut self, reference: &Spanned<String>) {
        if !self.symbols.sources.contains(reference.get_ref()) {
            self.diagnostics.push(
                Code::UnknownSource,
                reference.span(),
                format!(
                    "`{}` is not the id of a source listed under [[sources]]",
                    reference.get_ref()
                ),
            );
        }
    }

    /// Parses a condition, noting each variable it reads, even when the condition as a
    /// whole has a problem: a misused variable is still one the author meant to use.
    fn condition(&mut self, raw: &Spanned<String>) -> Option<Condition> {
        let text = raw.get_ref();
        let variables = &self.symbols.variables;
        let read = &mut self.read;
        let mut lookup = |name: &str| {
            let (reference, variable) = variables.lookup(name)?;
            read.insert(reference);
            Some(variable)
        };
        match condition::parse(text, &mut lookup) {
            Ok(condition) => Some(condition),
            Err(problems) => {
                let source = self.diagnostics.text();
                for problem in problems {
                    let span = value_offset(source, raw.span(), problem.range.start)
                        ..value_offset(source, raw.span(), problem.range.end);
                    self.diagnostics.push(
                        problem.code,
                        span,
                        format!("in condition `{text}`: {}", problem.message),
                    );
                }
                None
            }
        }
    }

    fn effect(&mut self, name: &Spanned<String>, value: &Spanned<EffectValue>) -> Option<Effect> {
        let id = name.get_ref();
        let variable = self
            .symbols
            .variables
            .lookup(id)
            .map(|(_, variable)| variable);
        match (variable, *value.get_ref()) {
            (Some(Variable::Meter { index, min, max }), EffectValue::Add(delta)) => {
                let range = max.saturating_sub(min);
                if delta.unsigned_abs() > range.unsigned_abs() {
                    self.diagnostics.push(
                        Code::OutOfBounds,
                        value.span(),
                        format!(
                            "moving `{id}` by {delta} overshoots its whole range ({min} to {max})"
                        ),
                    );
                }
                Some(Effect::Add {
                    meter: index,
                    delta,
                })
            }
            (Some(Variable::Flag { index }), EffectValue::Set(value)) => {
                Some(Effect::Set { flag: index, value })
            }
            (None, _) => {
                self.diagnostics.push(
                    Code::UnknownVariable,
                    name.span(),
                    format!(
                        "effect on `{id}`, which is not a meter or flag declared in this module"
                    ),
                );
                None
            }
            (Some(Variable::Meter { .. }), EffectValue::Set(_)) => {
                self.diagnostics.push(
                    Code::TypeMismatch,
                    value.span(),
                    format!(
                        "`{id}` is a meter: move it by a number, such as `{id} = 1` or `{id} = -2`"
                    ),
                );
                None
            }
            (Some(Variable::Flag { .. }), EffectValue::Add(_)) => {
                self.diagnostics.push(
                    Code::TypeMismatch,
                    value.span(),
                    format!("`{id}` is a flag: set it to `true` or `false`"),
                );
                None
            }
        }
    }
}

/// Where byte `offset` of a string's value lies in the file, given the span of the string as
/// written: past its opening quotes (and the newline a multi-line string drops), counting
/// each escape sequence as the characters it stands for.
fn value_offset(text: &str, span: Range<usize>, offset: usize) -> usize {
    let Some(raw) = text.get(span.clone()) else {
        return span.start;
    };
    let (mut pos, escapes) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else {
        (1, raw.starts_with('"'))
    };
    if pos == 3 {
        let after_quotes = raw.get(pos..).unwrap_or_default();
        pos += if after_quotes.starts_with("\r\n") {
            2
        } else {
            usize::from(after_quotes.starts_with('\n'))
        };
    }
    let mut decoded = 0;
    while decoded < offset {
        let Some(rest) = raw.get(pos..) else { break };
        let Some(first) = rest.chars().next() else {
            break;
        };
        let (raw_len, value_len) = if escapes && first == '\\' {
            let hex_char = |digits: usize| {
                rest.get(2..2 + digits)
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .and_then(char::from_u32)
                    .map_or(1, char::len_utf8)
            };
            match rest.as_bytes().get(1) {
                Some(b'u') => (6, hex_char(4)),
                Some(b'U') => (10, hex_char(8)),
                Some(b'x') => (4, hex_char(2)),
                // A line-ending backslash swallows the line break and the spaces after it.
                Some(b' ' | b'\t' | b'\r' | b'\n') => {
                    let after = rest.get(1..).unwrap_or_default();
                    let skipped = after.len() - after.trim_start().len();
                    (1 + skipped, 0)
                }
                _ => (2, 1),
            }
        } else {
            (first.len_utf8(), first.len_utf8())
        };
        pos += raw_len;
        decoded += value_len;
    }
    span.start + pos.min(raw.len())
}
