//! Loading and checking a module file: every problem at once, each with a code and a position.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::DeValue;
use toml::Spanned;

use crate::condition::{self, Condition, Variable};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::format::{self, EffectValue, RawChoice, RawModule, RawScene, FORMAT_VERSION};
use crate::graph;
use crate::module::{
    Choice, Effect, Ending, Flag, Image, Meter, Module, Route, Scene, Source, Step, Target,
};

/// The result of loading a module file: the module when it has no errors, and every
/// diagnostic (errors and warnings) in file order.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub module: Option<Module>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
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
    let module = Checker::new(&mut diagnostics).check(raw);
    let module = if diagnostics.has_errors() {
        None
    } else {
        module
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
        pos += if raw[pos..].starts_with("\r\n") {
            2
        } else {
            usize::from(raw[pos..].starts_with('\n'))
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
                    let skipped = rest[1..].len() - rest[1..].trim_start().len();
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

/// Lowercase letters, digits and hyphens, starting with a letter: safe in links and saves.
pub(crate) fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

struct Checker<'d, 'a> {
    diagnostics: &'d mut Diagnostics<'a>,
    variables: HashMap<String, Variable>,
    variable_spans: Vec<(String, Range<usize>)>,
    read: Vec<bool>,
    meter_count: usize,
}

impl<'d, 'a> Checker<'d, 'a> {
    fn new(diagnostics: &'d mut Diagnostics<'a>) -> Self {
        Checker {
            diagnostics,
            variables: HashMap::new(),
            variable_spans: Vec::new(),
            read: Vec::new(),
            meter_count: 0,
        }
    }

    fn error(&mut self, code: Code, span: Range<usize>, message: impl Into<String>) {
        self.diagnostics.push(code, span, message);
    }

    fn check_id(&mut self, id: &Spanned<String>, what: &str) {
        if !is_valid_id(id.get_ref()) {
            self.error(
                Code::InvalidId,
                id.span(),
                format!(
                    "{what} id `{}` must use only lowercase letters, digits and hyphens, starting with a letter",
                    id.get_ref()
                ),
            );
        }
    }

    /// Records an id in `seen`, reporting a duplicate with the line of the first use.
    fn claim<T: Copy>(
        &mut self,
        seen: &mut HashMap<String, (T, usize)>,
        id: &Spanned<String>,
        value: T,
        what: &str,
    ) {
        let line = self.diagnostics.line_of(id.span().start);
        if let Some((_, first)) = seen.get(id.get_ref()) {
            let first = *first;
            self.error(
                Code::DuplicateId,
                id.span(),
                format!(
                    "{what} id `{}` is already used on line {first}",
                    id.get_ref()
                ),
            );
        } else {
            seen.insert(id.get_ref().clone(), (value, line));
        }
    }

    fn check(mut self, raw: RawModule) -> Option<Module> {
        self.check_id(&raw.id, "module");
        for (field, value) in [("title", &raw.title), ("content_note", &raw.content_note)] {
            if value.get_ref().trim().is_empty() {
                self.error(
                    Code::MissingField,
                    value.span(),
                    format!("`{field}` must not be empty"),
                );
            }
        }

        for (field, empty) in [
            ("audience", raw.audience.is_empty()),
            ("objectives", raw.objectives.is_empty()),
        ] {
            if empty {
                self.error(
                    Code::MissingField,
                    raw.title.span(),
                    format!("`{field}` must list at least one entry"),
                );
            }
        }
        let sources = self.sources(&raw);
        let (meters, flags) = self.variables(&raw);
        let targets = self.targets(&raw);

        let scenes: Vec<Scene> = raw
            .scenes
            .iter()
            .map(|scene| self.scene(scene, &targets))
            .collect();
        let endings: Vec<Ending> = raw
            .endings
            .iter()
            .map(|ending| {
                for reference in &ending.references {
                    if !sources.contains_key(reference.get_ref()) {
                        self.error(
                            Code::UnknownSource,
                            reference.span(),
                            format!(
                                "`{}` is not the id of a source listed under [[sources]]",
                                reference.get_ref()
                            ),
                        );
                    }
                }
                Ending {
                    id: ending.id.get_ref().clone(),
                    title: ending.title.get_ref().clone(),
                    outcome: ending.outcome,
                    text: ending.text.clone(),
                    takeaways: ending.takeaways.clone(),
                    reflection: ending.reflection.clone(),
                    references: ending
                        .references
                        .iter()
                        .map(|r| r.get_ref().clone())
                        .collect(),
                    facilitator_notes: ending.facilitator_notes.clone(),
                    discussion: ending.discussion.clone(),
                }
            })
            .collect();

        let start = self.resolve(&targets, &raw.start, "`start`");
        self.unused_variables();

        // Unresolved `goto`s point nowhere, so the graph checks still see every other edge.
        let start = start?;
        self.graph(&raw, &scenes, endings.len(), start);

        Some(Module {
            id: raw.id.into_inner(),
            title: raw.title.into_inner(),
            topic: raw.topic,
            audience: raw.audience,
            minutes: raw.minutes,
            content_note: raw.content_note.into_inner(),
            objectives: raw.objectives,
            sources: raw
                .sources
                .into_iter()
                .map(|source| Source {
                    id: source.id.into_inner(),
                    title: source.title,
                    url: source.url,
                    note: source.note,
                })
                .collect(),
            meters,
            flags,
            scenes,
            endings,
            start,
            targets: targets
                .into_iter()
                .map(|(id, (target, _))| (id, target))
                .collect(),
        })
    }

    fn sources(&mut self, raw: &RawModule) -> HashMap<String, ((), usize)> {
        let mut seen = HashMap::new();
        for source in &raw.sources {
            self.check_id(&source.id, "source");
            self.claim(&mut seen, &source.id, (), "source");
        }
        seen
    }

    fn variables(&mut self, raw: &RawModule) -> (Vec<Meter>, Vec<Flag>) {
        let mut seen = HashMap::new();
        let mut meters = Vec::new();
        for meter in &raw.meters {
            self.check_id(&meter.id, "meter");
            self.claim(&mut seen, &meter.id, (), "meter or flag");
            let (min, max, start) = (
                *meter.min.get_ref(),
                *meter.max.get_ref(),
                *meter.start.get_ref(),
            );
            if min > max {
                self.error(
                    Code::OutOfBounds,
                    meter.min.span(),
                    format!(
                        "meter `{}` has `min` {min} above `max` {max}",
                        meter.id.get_ref()
                    ),
                );
            } else if start < min || start > max {
                self.error(
                    Code::OutOfBounds,
                    meter.start.span(),
                    format!(
                        "meter `{}` starts at {start}, outside its bounds {min} to {max}",
                        meter.id.get_ref()
                    ),
                );
            }
            let index = meters.len();
            self.variables
                .entry(meter.id.get_ref().clone())
                .or_insert(Variable::Meter { index, min, max });
            self.variable_spans
                .push((meter.id.get_ref().clone(), meter.id.span()));
            meters.push(Meter {
                id: meter.id.get_ref().clone(),
                label: meter.label.clone(),
                min,
                max: max.max(min),
                start: start.clamp(min, max.max(min)),
                visible: meter.visible,
            });
        }
        self.meter_count = meters.len();
        let mut flags = Vec::new();
        for flag in &raw.flags {
            self.check_id(&flag.id, "flag");
            self.claim(&mut seen, &flag.id, (), "meter or flag");
            let index = flags.len();
            self.variables
                .entry(flag.id.get_ref().clone())
                .or_insert(Variable::Flag { index });
            self.variable_spans
                .push((flag.id.get_ref().clone(), flag.id.span()));
            flags.push(Flag {
                id: flag.id.get_ref().clone(),
                label: flag.label.clone(),
                start: flag.start,
                visible: flag.visible,
            });
        }
        self.read = vec![false; meters.len() + flags.len()];
        (meters, flags)
    }

    fn targets(&mut self, raw: &RawModule) -> HashMap<String, (Target, usize)> {
        let mut seen = HashMap::new();
        for (index, scene) in raw.scenes.iter().enumerate() {
            self.check_id(&scene.id, "scene");
            self.claim(
                &mut seen,
                &scene.id,
                Target::Scene(index),
                "scene or ending",
            );
        }
        for (index, ending) in raw.endings.iter().enumerate() {
            self.check_id(&ending.id, "ending");
            self.claim(
                &mut seen,
                &ending.id,
                Target::Ending(index),
                "scene or ending",
            );
        }
        seen
    }

    fn resolve(
        &mut self,
        targets: &HashMap<String, (Target, usize)>,
        id: &Spanned<String>,
        what: &str,
    ) -> Option<Target> {
        let found = targets.get(id.get_ref()).map(|(target, _)| *target);
        if found.is_none() {
            self.error(
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

    fn condition(&mut self, raw: &Spanned<String>) -> Option<Condition> {
        let text = raw.get_ref();
        let source = self.diagnostics.text();
        let variables = &self.variables;
        let read = &mut self.read;
        let meter_count = self.meter_count;
        let mut lookup = |name: &str| {
            let variable = variables.get(name).copied();
            let slot = match variable {
                Some(Variable::Meter { index, .. }) => Some(index),
                Some(Variable::Flag { index }) => Some(meter_count + index),
                None => None,
            };
            if let Some(flag) = slot.and_then(|slot| read.get_mut(slot)) {
                *flag = true;
            }
            variable
        };
        match condition::parse(text, &mut lookup) {
            Ok(condition) => Some(condition),
            Err(problems) => {
                for problem in problems {
                    let span = value_offset(source, raw.span(), problem.range.start)
                        ..value_offset(source, raw.span(), problem.range.end);
                    self.error(
                        problem.code,
                        span,
                        format!("in condition `{text}`: {}", problem.message),
                    );
                }
                None
            }
        }
    }

    fn scene(&mut self, raw: &RawScene, targets: &HashMap<String, (Target, usize)>) -> Scene {
        let id = raw.id.get_ref();
        let step = match (raw.choices.is_empty(), raw.routes.is_empty()) {
            (true, true) => {
                self.error(
                    Code::DeadEnd,
                    raw.id.span(),
                    format!("scene `{id}` has neither choices nor routes, so the story stops here; add choices, routes, or make it an [[endings]] entry"),
                );
                Step::Decide(Vec::new())
            }
            (false, false) => {
                self.error(
                    Code::MixedScene,
                    raw.id.span(),
                    format!("scene `{id}` has both choices and routes; split it into a decision scene and a routing scene"),
                );
                // Check both anyway, and keep the routes' targets as edges, so this one mistake
                // does not also make later scenes look unreachable or variables unused.
                let mut choices = self.choices(raw, targets);
                choices.extend(self.routes(raw, targets).into_iter().map(|route| Choice {
                    id: String::new(),
                    label: String::new(),
                    condition: route.condition,
                    unavailable: None,
                    effects: Vec::new(),
                    target: route.target,
                    feedback: None,
                    rating: None,
                    competencies: Vec::new(),
                }));
                Step::Decide(choices)
            }
            (false, true) => Step::Decide(self.choices(raw, targets)),
            (true, false) => Step::Route(self.routes(raw, targets)),
        };
        if raw.routes.is_empty() && raw.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
            self.error(
                Code::MissingField,
                raw.id.span(),
                format!("scene `{id}` asks the learner to decide but has no `text`"),
            );
        }
        let image = raw.image.as_ref().map(|image| {
            if image.alt.get_ref().trim().is_empty() {
                self.error(
                    Code::MissingField,
                    image.alt.span(),
                    "an image needs `alt` text that says what it shows",
                );
            }
            Image {
                src: image.src.get_ref().clone(),
                alt: image.alt.get_ref().clone(),
            }
        });
        Scene {
            id: id.clone(),
            speaker: raw.speaker.clone(),
            text: raw.text.clone().unwrap_or_default(),
            image,
            facilitator_notes: raw.facilitator_notes.clone(),
            discussion: raw.discussion.clone(),
            step,
        }
    }

    fn choices(
        &mut self,
        raw: &RawScene,
        targets: &HashMap<String, (Target, usize)>,
    ) -> Vec<Choice> {
        let mut seen = HashMap::new();
        let mut choices = Vec::with_capacity(raw.choices.len());
        for choice in &raw.choices {
            self.check_id(&choice.id, "choice");
            self.claim(&mut seen, &choice.id, (), "choice");
            choices.push(self.choice(raw, choice, targets));
        }
        if raw.choices.iter().all(|choice| choice.condition.is_some()) {
            self.error(
                Code::NoWayOn,
                raw.id.span(),
                format!(
                    "every choice in scene `{}` has an `if`, so a learner could find none available; give at least one choice no condition",
                    raw.id.get_ref()
                ),
            );
        }
        choices
    }

    fn choice(
        &mut self,
        scene: &RawScene,
        raw: &RawChoice,
        targets: &HashMap<String, (Target, usize)>,
    ) -> Choice {
        let where_ = format!(
            "choice `{}` in scene `{}`",
            raw.id.get_ref(),
            scene.id.get_ref()
        );
        if raw.label.get_ref().trim().is_empty() {
            self.error(
                Code::MissingField,
                raw.label.span(),
                format!("{where_} has an empty `label`"),
            );
        }
        let condition = raw.condition.as_ref().and_then(|c| self.condition(c));
        if raw.condition.is_none() {
            if let Some(reason) = &raw.unavailable {
                self.error(
                    Code::ReasonWithoutCondition,
                    reason.span(),
                    format!("{where_} gives an `unavailable` reason but has no `if`, so it is always available"),
                );
            }
        }
        let effects = raw
            .effects
            .iter()
            .filter_map(|(name, value)| self.effect(name, value))
            .collect();
        if raw.feedback.as_deref().is_none_or(|f| f.trim().is_empty()) {
            self.error(
                Code::MissingFeedback,
                raw.id.span(),
                format!("{where_} has no `feedback` explaining why it helps or harms"),
            );
        }
        if raw.rating.is_none() {
            self.error(
                Code::MissingRating,
                raw.id.span(),
                format!("{where_} has no `rating` (recommended, acceptable, risky or harmful)"),
            );
        }
        let target = self
            .resolve(targets, &raw.goto, &where_)
            .unwrap_or(Target::Ending(usize::MAX));
        Choice {
            id: raw.id.get_ref().clone(),
            label: raw.label.get_ref().clone(),
            condition,
            unavailable: raw.unavailable.as_ref().map(|r| r.get_ref().clone()),
            effects,
            target,
            feedback: raw.feedback.clone(),
            rating: raw.rating,
            competencies: raw.competencies.clone(),
        }
    }

    fn effect(&mut self, name: &Spanned<String>, value: &Spanned<EffectValue>) -> Option<Effect> {
        let id = name.get_ref();
        match (self.variables.get(id).copied(), *value.get_ref()) {
            (None, _) => {
                self.error(
                    Code::UnknownVariable,
                    name.span(),
                    format!(
                        "effect on `{id}`, which is not a meter or flag declared in this module"
                    ),
                );
                None
            }
            (Some(Variable::Meter { index, min, max }), EffectValue::Add(delta)) => {
                let range = max.saturating_sub(min);
                if delta.unsigned_abs() > range.unsigned_abs() {
                    self.error(
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
            (Some(Variable::Meter { .. }), EffectValue::Set(_)) => {
                self.error(
                    Code::TypeMismatch,
                    value.span(),
                    format!(
                        "`{id}` is a meter: move it by a number, such as `{id} = 1` or `{id} = -2`"
                    ),
                );
                None
            }
            (Some(Variable::Flag { .. }), EffectValue::Add(_)) => {
                self.error(
                    Code::TypeMismatch,
                    value.span(),
                    format!("`{id}` is a flag: set it to `true` or `false`"),
                );
                None
            }
        }
    }

    fn routes(&mut self, raw: &RawScene, targets: &HashMap<String, (Target, usize)>) -> Vec<Route> {
        let where_ = format!("a route in scene `{}`", raw.id.get_ref());
        let routes = raw
            .routes
            .iter()
            .map(|route| Route {
                condition: route.condition.as_ref().and_then(|c| self.condition(c)),
                target: self
                    .resolve(targets, &route.goto, &where_)
                    .unwrap_or(Target::Ending(usize::MAX)),
            })
            .collect();
        if let Some(last) = raw.routes.last() {
            if let Some(condition) = &last.condition {
                self.error(
                    Code::NoWayOn,
                    condition.span(),
                    format!(
                        "the last route in scene `{}` has an `if`; if no route matches the learner is stuck, so remove the last `if` to make it the fallback",
                        raw.id.get_ref()
                    ),
                );
            }
        }
        routes
    }

    fn unused_variables(&mut self) {
        let unused: Vec<_> = self
            .variable_spans
            .iter()
            .zip(&self.read)
            .filter(|(_, read)| !**read)
            .map(|((id, span), _)| (id.clone(), span.clone()))
            .collect();
        for (id, span) in unused {
            self.error(
                Code::UnusedVariable,
                span,
                format!("`{id}` is never read by a condition, so it cannot change the story"),
            );
        }
    }

    fn graph(&mut self, raw: &RawModule, scenes: &[Scene], ending_count: usize, start: Target) {
        let reach = graph::reachable(scenes, ending_count, start);
        for (scene, reached) in raw.scenes.iter().zip(&reach.scenes) {
            if !reached {
                self.error(
                    Code::UnreachableScene,
                    scene.id.span(),
                    format!(
                        "no path from the start reaches scene `{}`",
                        scene.id.get_ref()
                    ),
                );
            }
        }
        for (ending, reached) in raw.endings.iter().zip(&reach.endings) {
            if !reached {
                self.error(
                    Code::UnreachableEnding,
                    ending.id.span(),
                    format!(
                        "no path from the start reaches ending `{}`",
                        ending.id.get_ref()
                    ),
                );
            }
        }
        for scene in graph::routing_loops(scenes) {
            let raw_scene = &raw.scenes[scene];
            self.error(
                Code::RoutingLoop,
                raw_scene.id.span(),
                format!(
                    "routing scene `{}` can lead back to itself through routes alone, without a decision in between",
                    raw_scene.id.get_ref()
                ),
            );
        }
    }
}
