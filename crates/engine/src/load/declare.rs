//! Pass 1, declarations: what the module declares, each declaration checked on its own.
//!
//! Ids must be well formed and unique in their namespace (sources; meters and flags together;
//! scenes and endings together; choices within a scene), and a meter's numbers must fit its
//! bounds. The first declaration of an id is the one later passes see.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use crate::condition::Variable;
use crate::diagnostic::{Code, Diagnostics};
use crate::format::{RawMeter, RawModule};
use crate::module::Target;

pub(crate) use crate::module::is_valid_id;

/// What the module declares, for the passes that look names up.
pub(super) struct Symbols {
    /// Source ids, which endings' `references` name.
    pub sources: HashSet<String>,
    /// Meters and flags, which conditions and effects name.
    pub variables: Variables,
    /// Scenes and endings, which `goto` and `start` name.
    pub targets: HashMap<String, Target>,
}

/// Every meter and flag declaration in file order (meters first), and which one each name
/// means. A repeated name means its first declaration; the repeat stays listed, so the lint
/// pass can still see that nothing reads it.
pub(super) struct Variables {
    declared: Vec<DeclaredVariable>,
    by_name: HashMap<String, VariableRef>,
}

/// One meter or flag declaration.
pub(super) struct DeclaredVariable {
    pub id: Spanned<String>,
    pub variable: Variable,
}

/// Which declaration a name refers to: its position among [`Variables`]' declarations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct VariableRef(usize);

impl Variables {
    /// The declaration `name` refers to, if any.
    pub fn lookup(&self, name: &str) -> Option<(VariableRef, Variable)> {
        let reference = *self.by_name.get(name)?;
        let declared = self.declared.get(reference.0)?;
        Some((reference, declared.variable))
    }

    /// Every declaration, with the reference that names it.
    pub fn iter(&self) -> impl Iterator<Item = (VariableRef, &DeclaredVariable)> {
        self.declared
            .iter()
            .enumerate()
            .map(|(index, declared)| (VariableRef(index), declared))
    }

    /// Adds a declaration; `first` says whether its name is new, and so what the name means.
    fn declare(&mut self, id: &Spanned<String>, variable: Variable, first: bool) {
        let reference = VariableRef(self.declared.len());
        if first {
            self.by_name.insert(id.get_ref().clone(), reference);
        }
        self.declared.push(DeclaredVariable {
            id: id.clone(),
            variable,
        });
    }
}

/// The ids seen so far in one namespace, with the line each was first declared on.
struct Namespace {
    what: &'static str,
    first_lines: HashMap<String, usize>,
}

impl Namespace {
    fn new(what: &'static str) -> Self {
        Namespace {
            what,
            first_lines: HashMap::new(),
        }
    }

    /// Records `id`; returns whether it is new here, reporting it when it is not.
    fn claim(&mut self, id: &Spanned<String>, diagnostics: &mut Diagnostics<'_>) -> bool {
        if let Some(first) = self.first_lines.get(id.get_ref()) {
            diagnostics.push(
                Code::DuplicateId,
                id.span(),
                format!(
                    "{} id `{}` is already used on line {first}",
                    self.what,
                    id.get_ref()
                ),
            );
            false
        } else {
            let line = diagnostics.line_of(id.span().start);
            self.first_lines.insert(id.get_ref().clone(), line);
            true
        }
    }
}

/// Runs the pass: checks every declaration and returns what later passes look up.
pub(super) fn declare(raw: &RawModule, diagnostics: &mut Diagnostics<'_>) -> Symbols {
    check_id(&raw.id, "module", diagnostics);

    let mut sources = HashSet::new();
    let mut namespace = Namespace::new("source");
    for source in &raw.sources {
        check_id(&source.id, "source", diagnostics);
        if namespace.claim(&source.id, diagnostics) {
            sources.insert(source.id.get_ref().clone());
        }
    }

    let mut variables = Variables {
        declared: Vec::new(),
        by_name: HashMap::new(),
    };
    let mut namespace = Namespace::new("meter or flag");
    for (index, meter) in raw.meters.iter().enumerate() {
        check_id(&meter.id, "meter", diagnostics);
        check_bounds(meter, diagnostics);
        let first = namespace.claim(&meter.id, diagnostics);
        let (min, max) = (*meter.min.get_ref(), *meter.max.get_ref());
        variables.declare(&meter.id, Variable::Meter { index, min, max }, first);
    }
    for (index, flag) in raw.flags.iter().enumerate() {
        check_id(&flag.id, "flag", diagnostics);
        let first = namespace.claim(&flag.id, diagnostics);
        variables.declare(&flag.id, Variable::Flag { index }, first);
    }

    let mut targets = HashMap::new();
    let mut namespace = Namespace::new("scene or ending");
    let scenes = raw
        .scenes
        .iter()
        .enumerate()
        .map(|(index, scene)| (&scene.id, "scene", Target::Scene(index)));
    let endings = raw
        .endings
        .iter()
        .enumerate()
        .map(|(index, ending)| (&ending.id, "ending", Target::Ending(index)));
    for (id, what, target) in scenes.chain(endings) {
        check_id(id, what, diagnostics);
        if namespace.claim(id, diagnostics) {
            targets.insert(id.get_ref().clone(), target);
        }
    }

    // Nothing in a module refers to a choice (saves and progress do, by scene and choice id),
    // so choices are only checked, not recorded.
    for scene in &raw.scenes {
        let mut namespace = Namespace::new("choice");
        for choice in &scene.choices {
            check_id(&choice.id, "choice", diagnostics);
            namespace.claim(&choice.id, diagnostics);
        }
    }

    Symbols {
        sources,
        variables,
        targets,
    }
}

fn check_id(id: &Spanned<String>, what: &str, diagnostics: &mut Diagnostics<'_>) {
    if !is_valid_id(id.get_ref()) {
        diagnostics.push(
            Code::InvalidId,
            id.span(),
            format!(
                "{what} id `{}` must use only lowercase letters, digits and hyphens, starting with a letter",
                id.get_ref()
            ),
        );
    }
}

/// A meter's `min` must not be above its `max`, and it must start between them.
fn check_bounds(meter: &RawMeter, diagnostics: &mut Diagnostics<'_>) {
    let (min, max, start) = (
        *meter.min.get_ref(),
        *meter.max.get_ref(),
        *meter.start.get_ref(),
    );
    let problem: Option<(Range<usize>, String)> = if min > max {
        Some((
            meter.min.span(),
            format!(
                "meter `{}` has `min` {min} above `max` {max}",
                meter.id.get_ref()
            ),
        ))
    } else if start < min || start > max {
        Some((
            meter.start.span(),
            format!(
                "meter `{}` starts at {start}, outside its bounds {min} to {max}",
                meter.id.get_ref()
            ),
        ))
    } else {
        None
    };
    if let Some((span, message)) = problem {
        diagnostics.push(Code::OutOfBounds, span, message);
    }
}
