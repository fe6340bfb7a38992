//! Compiled modules: the compact binary form `peerpath build` writes for every built-in
//! module, so the browser player needs neither the TOML reader nor the Markdown parser.
//!
//! A compiled file is a 6-byte header (`PPM`, a kind byte, the format version as two
//! little-endian bytes) followed by [postcard](https://docs.rs/postcard) data. Decoding checks
//! the header, then every index, id, bound and nesting depth again: data from a different
//! version, a truncated download or a hand-edited file is refused with a message that says
//! which, and never played.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::condition::{Condition, Expr, MAX_DEPTH as MAX_CONDITION_DEPTH};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Prose, MAX_NESTING};
use crate::module::{
    is_valid_id, Audience, Effect, Ending, Flag, Meter, Module, Outcome, Scene, Source, Step,
    Target,
};

/// The version of the compiled form. Raise it whenever a type inside a compiled file
/// changes shape; files of another version are refused and the site must be rebuilt.
pub const COMPILED_VERSION: u16 = 4;

/// How deeply compiled prose may nest. The Markdown reader flattens anything deeper than
/// [`MAX_NESTING`] containers; each container adds at most two levels of tree.
pub const MAX_PROSE_DEPTH: usize = 2 * MAX_NESTING + 4;

const MAGIC: &[u8; 3] = b"PPM";

/// What a compiled file holds; the header says which, so one is never read as the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One module.
    Module,
    /// The catalog index.
    Index,
    /// A module file as the module reader checked it.
    Checked,
}

impl Kind {
    fn byte(self) -> u8 {
        match self {
            Kind::Module => b'M',
            Kind::Index => b'I',
            Kind::Checked => b'C',
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Module => "a module",
            Kind::Index => "a catalog index",
            Kind::Checked => "a checked module file",
        }
    }
}

/// Why compiled data was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes do not start like a compiled PeerPath file.
    NotCompiled,
    /// A compiled file of the other kind (an index where a module was expected).
    WrongKind {
        /// What was expected.
        expected: &'static str,
    },
    /// Written by a build of another compiled-format version.
    Version {
        /// The file's version.
        found: u16,
    },
    /// The data ends early or does not fit the format (truncated or damaged).
    Damaged(String),
    /// The data decodes but does not describe a playable module.
    Invalid(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotCompiled => {
                f.write_str("this is not a compiled PeerPath file (the site may need rebuilding)")
            }
            DecodeError::WrongKind { expected } => {
                write!(f, "this compiled file is not {expected}")
            }
            DecodeError::Version { found } => write!(
                f,
                "this file was compiled by another version of PeerPath (format {found}, this player reads {COMPILED_VERSION}); rebuild the site with `peerpath build`"
            ),
            DecodeError::Damaged(reason) => {
                write!(f, "the compiled data is damaged or incomplete ({reason})")
            }
            DecodeError::Invalid(reason) => {
                write!(f, "the compiled data does not describe a playable module: {reason}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

fn encode<T: Serialize>(kind: Kind, value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(MAGIC);
    out.push(kind.byte());
    out.extend_from_slice(&COMPILED_VERSION.to_le_bytes());
    // Serializing plain data into a growing vector cannot fail; were it to, the empty
    // result would be refused by every reader.
    postcard::to_extend(value, out).unwrap_or_default()
}

fn decode<T: for<'de> Deserialize<'de>>(kind: Kind, bytes: &[u8]) -> Result<T, DecodeError> {
    let (header, body) = bytes.split_at_checked(6).ok_or(DecodeError::NotCompiled)?;
    let (magic, rest) = header.split_at(3);
    if magic != MAGIC {
        return Err(DecodeError::NotCompiled);
    }
    let (kind_byte, version) = rest.split_at(1);
    if kind_byte != [kind.byte()] {
        return Err(DecodeError::WrongKind {
            expected: kind.name(),
        });
    }
    let found = u16::from_le_bytes([
        version.first().copied().unwrap_or(0),
        version.get(1).copied().unwrap_or(0),
    ]);
    if found != COMPILED_VERSION {
        return Err(DecodeError::Version { found });
    }
    match postcard::take_from_bytes::<T>(body) {
        Ok((value, [])) => Ok(value),
        Ok((_, extra)) => Err(DecodeError::Damaged(format!(
            "{} unexpected bytes at the end",
            extra.len()
        ))),
        Err(postcard::Error::DeserializeUnexpectedEnd) => {
            Err(DecodeError::Damaged("it ends too early".into()))
        }
        Err(postcard::Error::SerdeDeCustom) => Err(DecodeError::Invalid(
            "an index, id or bound is out of place".into(),
        )),
        Err(error) => Err(DecodeError::Damaged(error.to_string())),
    }
}

impl Module {
    /// The module as a learner plays it: without the trainer's facilitator notes and
    /// discussion prompts, which only trainer mode shows (a sixth of a module's data).
    pub fn for_learners(&self) -> Module {
        let mut module = self.clone();
        for scene in &mut module.scenes {
            scene.facilitator_notes = None;
            scene.discussion = None;
        }
        for ending in &mut module.endings {
            ending.facilitator_notes = None;
            ending.discussion = None;
        }
        module
    }

    /// The module in its compiled form.
    pub fn to_compiled(&self) -> Vec<u8> {
        encode(Kind::Module, self)
    }

    /// Reads a compiled module, checking it as thoroughly as the module reader would have
    /// left it: every target, meter and flag index in range, ids unique, bounds in order,
    /// nesting within limits.
    pub fn from_compiled(bytes: &[u8]) -> Result<Module, DecodeError> {
        // Deserializing a `Module` goes through `Unchecked` and `check`; keep the reason.
        let unchecked: Unchecked = decode(Kind::Module, bytes)?;
        unchecked.check().map_err(DecodeError::Invalid)
    }
}

/// A module as decoded, before its indexes are checked. Deserializing a [`Module`] always
/// goes through this, so no path builds one from unchecked data.
#[derive(Deserialize)]
#[doc(hidden)]
pub struct Unchecked {
    id: String,
    title: String,
    topic: String,
    audience: Vec<Audience>,
    minutes: u32,
    passing: Outcome,
    content_note: Prose,
    objectives: Vec<Prose>,
    sources: Vec<Source>,
    meters: Vec<Meter>,
    flags: Vec<Flag>,
    scenes: Vec<Scene>,
    endings: Vec<Ending>,
    start: Target,
}

impl TryFrom<Unchecked> for Module {
    type Error = String;

    fn try_from(unchecked: Unchecked) -> Result<Module, String> {
        unchecked.check()
    }
}

impl Unchecked {
    fn check(self) -> Result<Module, String> {
        if !is_valid_id(&self.id) {
            return Err(format!("`{}` is not a module id", self.id));
        }
        let mut targets = HashMap::with_capacity(self.scenes.len() + self.endings.len());
        let ids = self
            .scenes
            .iter()
            .enumerate()
            .map(|(index, scene)| (&scene.id, Target::Scene(index)))
            .chain(
                self.endings
                    .iter()
                    .enumerate()
                    .map(|(index, ending)| (&ending.id, Target::Ending(index))),
            );
        for (id, target) in ids {
            if id.is_empty() {
                return Err("a scene or ending has no id".into());
            }
            if targets.insert(id.clone(), target).is_some() {
                return Err(format!("the id `{id}` is used twice"));
            }
        }
        let shape = Shape {
            scenes: self.scenes.len(),
            endings: self.endings.len(),
            meters: self.meters.len(),
            flags: self.flags.len(),
        };
        shape.target(self.start, "the start")?;
        for meter in &self.meters {
            if !(meter.min <= meter.start && meter.start <= meter.max) {
                return Err(format!("meter `{}` starts outside its bounds", meter.id));
            }
        }
        prose(&self.content_note)?;
        self.objectives.iter().try_for_each(prose)?;
        for scene in &self.scenes {
            let place = |what: &str| format!("{what} in scene `{}`", scene.id);
            prose(&scene.text)?;
            scene.facilitator_notes.iter().try_for_each(prose)?;
            scene.discussion.iter().try_for_each(prose)?;
            match &scene.step {
                Step::Decide(choices) if choices.is_empty() => {
                    return Err(place("no choices"));
                }
                Step::Decide(choices) => {
                    for choice in choices {
                        shape.target(choice.target, &place("a choice's target"))?;
                        shape
                            .condition(choice.condition.as_ref(), &place("a choice's condition"))?;
                        for effect in &choice.effects {
                            shape.effect(*effect, &place("an effect"))?;
                        }
                        choice.feedback.iter().try_for_each(prose)?;
                    }
                }
                Step::Route(routes) => {
                    // The checker requires the last route to have no condition, so a
                    // routing scene always leads somewhere.
                    match routes.last() {
                        Some(last) if last.condition.is_none() => {}
                        _ => return Err(place("routes without a fallback")),
                    }
                    for route in routes {
                        shape.target(route.target, &place("a route's target"))?;
                        shape.condition(route.condition.as_ref(), &place("a route's condition"))?;
                    }
                }
            }
        }
        for ending in &self.endings {
            prose(&ending.text)?;
            ending.takeaways.iter().try_for_each(prose)?;
            ending.reflection.iter().try_for_each(prose)?;
            ending.facilitator_notes.iter().try_for_each(prose)?;
            ending.discussion.iter().try_for_each(prose)?;
        }
        Ok(Module {
            id: self.id,
            title: self.title,
            topic: self.topic,
            audience: self.audience,
            minutes: self.minutes,
            passing: self.passing,
            content_note: self.content_note,
            objectives: self.objectives,
            sources: self.sources,
            meters: self.meters,
            flags: self.flags,
            scenes: self.scenes,
            endings: self.endings,
            start: self.start,
            targets,
        })
    }
}

/// How many of each thing a module has, for checking indexes against.
struct Shape {
    scenes: usize,
    endings: usize,
    meters: usize,
    flags: usize,
}

impl Shape {
    fn target(&self, target: Target, what: &str) -> Result<(), String> {
        let fits = match target {
            Target::Scene(index) => index < self.scenes,
            Target::Ending(index) => index < self.endings,
        };
        fits.then_some(())
            .ok_or_else(|| format!("{what} leads nowhere"))
    }

    fn effect(&self, effect: Effect, what: &str) -> Result<(), String> {
        let fits = match effect {
            Effect::Add { meter, .. } => meter < self.meters,
            Effect::Set { flag, .. } => flag < self.flags,
        };
        fits.then_some(())
            .ok_or_else(|| format!("{what} names a meter or flag that does not exist"))
    }

    fn condition(&self, condition: Option<&Condition>, what: &str) -> Result<(), String> {
        match condition {
            Some(condition) => self.expr(&condition.expr, 0, what),
            None => Ok(()),
        }
    }

    fn expr(&self, expr: &Expr, depth: usize, what: &str) -> Result<(), String> {
        if depth > 2 * MAX_CONDITION_DEPTH + 2 {
            return Err(format!("{what} nests too deeply"));
        }
        match expr {
            Expr::Flag(flag) if *flag < self.flags => Ok(()),
            Expr::Compare { meter, .. } if *meter < self.meters => Ok(()),
            Expr::Flag(_) | Expr::Compare { .. } => {
                Err(format!("{what} names a meter or flag that does not exist"))
            }
            Expr::Not(inner) => self.expr(inner, depth + 1, what),
            Expr::All(parts) | Expr::Any(parts) => parts
                .iter()
                .try_for_each(|part| self.expr(part, depth + 1, what)),
        }
    }
}

fn prose(prose: &Prose) -> Result<(), String> {
    if prose.depth() > MAX_PROSE_DEPTH {
        return Err("some prose nests too deeply".into());
    }
    Ok(())
}

/// One module as the catalog lists it: what a card needs, and where the module's compiled
/// data is. The whole index is a few kilobytes, so the catalog never loads every module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// The module file the entry was compiled from, as the catalog and `site.toml` list it.
    pub file: String,
    /// The compiled module as learners play it ([`Module::for_learners`]), relative to the
    /// index (`de-escalation.1a2b3c4d5e6f7a8b.ppm`). The name carries a hash of the content,
    /// so a host may cache it for a year.
    pub data: String,
    /// The whole compiled module, with the trainer's notes, for trainer mode
    /// (`de-escalation.trainer.0123456789abcdef.ppm`).
    pub trainer_data: String,
    /// The module's id.
    pub id: String,
    /// The module's title.
    pub title: String,
    /// The module's topic.
    pub topic: String,
    /// Who the module is written for.
    pub audience: Vec<Audience>,
    /// About how long one play-through takes.
    pub minutes: u32,
    /// What may be hard to read.
    pub content_note: Prose,
    /// The module in other languages, each compiled whole (see [`IndexTranslation`]).
    pub translations: Vec<IndexTranslation>,
}

/// A built-in module in another language: the same module with its text translated (same ids,
/// same branching), compiled twice like the English, and what its card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexTranslation {
    /// The language code (`es`).
    pub language: String,
    /// The compiled module as learners play it (`de-escalation.es.0123456789abcdef.ppm`).
    pub data: String,
    /// The whole compiled module, for trainer mode.
    pub trainer_data: String,
    /// The module's title in this language.
    pub title: String,
    /// The module's topic in this language.
    pub topic: String,
    /// The content note in this language.
    pub content_note: Prose,
}

impl IndexTranslation {
    /// The entry for `module` (already translated) in `language`, compiled into `data` and
    /// `trainer_data`.
    pub fn new(
        module: &Module,
        language: &str,
        data: &str,
        trainer_data: &str,
    ) -> IndexTranslation {
        IndexTranslation {
            language: language.to_owned(),
            data: data.to_owned(),
            trainer_data: trainer_data.to_owned(),
            title: module.title.clone(),
            topic: module.topic.clone(),
            content_note: module.content_note.clone(),
        }
    }
}

impl IndexEntry {
    /// The entry for `module`, compiled from `file` into `data` (for learners) and
    /// `trainer_data` (whole).
    pub fn new(module: &Module, file: &str, data: &str, trainer_data: &str) -> IndexEntry {
        IndexEntry {
            file: file.to_owned(),
            data: data.to_owned(),
            trainer_data: trainer_data.to_owned(),
            id: module.id.clone(),
            title: module.title.clone(),
            topic: module.topic.clone(),
            audience: module.audience.clone(),
            minutes: module.minutes,
            content_note: module.content_note.clone(),
            translations: Vec::new(),
        }
    }

    /// The entry in `language`: its card's text and data in that language when it has a
    /// translation, else the English entry as it is. The second value says whether it is
    /// translated.
    pub fn in_language(&self, language: &str) -> (IndexEntry, bool) {
        match self.translations.iter().find(|t| t.language == language) {
            Some(translation) => (
                IndexEntry {
                    data: translation.data.clone(),
                    trainer_data: translation.trainer_data.clone(),
                    title: translation.title.clone(),
                    topic: translation.topic.clone(),
                    content_note: translation.content_note.clone(),
                    translations: Vec::new(),
                    ..self.clone()
                },
                true,
            ),
            None => (self.clone(), false),
        }
    }
}

/// The catalog index: every built-in module, in catalog order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// The modules, in the order the catalog lists them.
    pub modules: Vec<IndexEntry>,
}

impl Index {
    /// The index in its compiled form.
    pub fn to_compiled(&self) -> Vec<u8> {
        encode(Kind::Index, self)
    }

    /// Reads a compiled index, refusing entries whose data path could point anywhere but a
    /// file beside it, and prose that nests too deeply.
    pub fn from_compiled(bytes: &[u8]) -> Result<Index, DecodeError> {
        let index: Index = decode(Kind::Index, bytes)?;
        for entry in &index.modules {
            let translated = entry.translations.iter();
            let names = [&entry.data, &entry.trainer_data]
                .into_iter()
                .chain(translated.clone().flat_map(|t| [&t.data, &t.trainer_data]));
            for name in names {
                if !is_data_file_name(name) {
                    return Err(DecodeError::Invalid(format!(
                        "`{name}` is not a compiled module's file name"
                    )));
                }
            }
            prose(&entry.content_note).map_err(DecodeError::Invalid)?;
            for translation in translated {
                prose(&translation.content_note).map_err(DecodeError::Invalid)?;
            }
        }
        Ok(index)
    }

    /// The entry compiled from this module file.
    pub fn by_file(&self, file: &str) -> Option<&IndexEntry> {
        self.modules.iter().find(|entry| entry.file == file)
    }
}

/// 64-bit FNV-1a: what names a compiled file by its content (`peerpath build`) and what a
/// translation records of the English it translates. Enough to tell versions apart; not a
/// security measure.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A compiled module's file name: letters, digits, `-`, `_` and dots, ending in `.ppm`; no
/// folders, so an index cannot point the app anywhere else.
pub fn is_data_file_name(name: &str) -> bool {
    name.strip_suffix(".ppm").is_some_and(|stem| {
        !stem.is_empty()
            && !stem.starts_with('.')
            && stem
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    })
}

/// A module file as the module reader checked it: the module when it has no errors, and
/// every diagnostic. The module reader (a worker, for sites' own `.toml` files and the author
/// preview) sends this to the player, which cannot read TOML itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    /// The module, when the file has no errors.
    pub module: Option<Module>,
    /// Everything the checker found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// For each diagnostic, the scene or ending it is in, by id (see [`crate::load::owners`]).
    pub owners: Vec<Option<String>>,
    /// The file's shape when it has errors, so the author preview can still draw it (see
    /// [`crate::load::sketch`]); `None` when there is a module (its shape is in it) or when
    /// the file does not read as a module at all.
    pub sketch: Option<crate::map::Sketch>,
}

impl Checked {
    /// The answer in its compiled form.
    pub fn to_compiled(&self) -> Vec<u8> {
        encode(Kind::Checked, self)
    }

    /// Reads an answer; its module is checked like any compiled module.
    pub fn from_compiled(bytes: &[u8]) -> Result<Checked, DecodeError> {
        decode(Kind::Checked, bytes)
    }
}
