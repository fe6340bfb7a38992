//! Translations: a module's text in another language, in a parallel file beside it
//! (`de-escalation.es.toml` beside `de-escalation.toml`), keyed by the module's own ids, as
//! Yarn Spinner keys its string tables by line ids.
//!
//! A translation holds text only: the fields a learner or trainer reads. Branching (`goto`,
//! `if`, `effects`, ratings, outcomes, bounds) lives in the English file alone, and a
//! translation that tries to set any of it is refused (E402). Each translated field may carry
//! the hash of the English text it was made from (`hashes = { text = "1f0c9a3e" }`, written by
//! `peerpath translate --accept`); the checker then reports the fields whose English changed
//! since (W404), the English fields nobody translated (W403), and entries for ids the module no
//! longer has (W405). A translated module plays exactly as the English one: the same ids, the
//! same state, so progress is shared across languages.

mod read;
mod write;

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::format::{self, RawModule};
use crate::markdown::Prose;
use crate::module::{Module, Step};

pub use read::load_translation;
pub use write::write_translation;

/// The only translation format version this engine reads.
pub const TRANSLATION_FORMAT: i64 = 1;

/// The languages a module may be translated into: the ones the app's interface speaks,
/// besides English, with their names in English (for authors' messages).
pub const LANGUAGES: &[(&str, &str)] = &[("es", "Spanish")];

/// The English name of a language code the app speaks (`es` → Spanish).
pub fn language_name(code: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, name)| *name)
}

pub use crate::catalog::translation_of;

/// The object a translatable text belongs to, by the module's ids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The module itself (title, topic, content note, objectives).
    Module,
    /// A source, by id.
    Source(String),
    /// A meter, by id.
    Meter(String),
    /// A flag, by id.
    Flag(String),
    /// A scene, by id.
    Scene(String),
    /// A choice, by scene id and choice id.
    Choice(String, String),
    /// An ending, by id.
    Ending(String),
}

impl Place {
    /// How a message names it: "scene `arrival`".
    pub fn describe(&self) -> String {
        match self {
            Place::Module => "the module".to_owned(),
            Place::Source(id) => format!("source `{id}`"),
            Place::Meter(id) => format!("meter `{id}`"),
            Place::Flag(id) => format!("flag `{id}`"),
            Place::Scene(id) => format!("scene `{id}`"),
            Place::Choice(scene, id) => format!("choice `{id}` in scene `{scene}`"),
            Place::Ending(id) => format!("ending `{id}`"),
        }
    }

    /// Its table's header in a translation file (`scenes.arrival.choices.wait`), or `None`
    /// for the module's own fields, which sit at the top.
    pub fn table(&self) -> Option<String> {
        match self {
            Place::Module => None,
            Place::Source(id) => Some(format!("sources.{id}")),
            Place::Meter(id) => Some(format!("meters.{id}")),
            Place::Flag(id) => Some(format!("flags.{id}")),
            Place::Scene(id) => Some(format!("scenes.{id}")),
            Place::Choice(scene, id) => Some(format!("scenes.{scene}.choices.{id}")),
            Place::Ending(id) => Some(format!("endings.{id}")),
        }
    }

    /// The translatable fields of this kind of object, in the order files list them; the
    /// others it has in the English file, which a translation may not set; and which of the
    /// translatable ones are lists.
    pub(crate) fn fields(&self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Place::Module => (
                &["title", "topic", "content_note", "objectives"],
                &["id", "audience", "minutes", "passing", "start"],
            ),
            Place::Source(_) => (&["title", "note"], &["id", "url"]),
            Place::Meter(_) => (&["label"], &["id", "min", "max", "start", "visible"]),
            Place::Flag(_) => (&["label"], &["id", "start", "visible"]),
            Place::Scene(_) => (
                &["speaker", "text", "alt", "facilitator_notes", "discussion"],
                &["id", "image", "routes"],
            ),
            Place::Choice(..) => (
                &["label", "unavailable", "feedback"],
                &["id", "if", "effects", "goto", "rating", "competencies"],
            ),
            Place::Ending(_) => (
                &[
                    "title",
                    "text",
                    "takeaways",
                    "reflection",
                    "facilitator_notes",
                    "discussion",
                ],
                &["id", "outcome", "references"],
            ),
        }
    }
}

/// Fields whose value is a list of texts.
pub(crate) const LIST_FIELDS: &[&str] = &["objectives", "takeaways", "reflection"];

/// A field's text: one, or a list (objectives, takeaways, reflection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A single text.
    One(String),
    /// A list of texts, item by item.
    List(Vec<String>),
}

impl Text {
    /// Whether some of it is missing: an empty string, an empty list, or a list with an
    /// empty item (a half-translated list is shown in English, whole).
    pub fn is_blank(&self) -> bool {
        match self {
            Text::One(text) => text.trim().is_empty(),
            Text::List(items) => {
                items.is_empty() || items.iter().any(|item| item.trim().is_empty())
            }
        }
    }

    /// The hash a translation records of this English text: the first 8 hex digits of the
    /// 64-bit FNV-1a of the text with line endings made `\n`, trailing spaces dropped from
    /// each line and the whole trimmed (list items joined by `\n\u{1f}`), so re-wrapping
    /// whitespace alone does not make a translation stale. Not a security measure.
    pub fn hash(&self) -> String {
        let joined = match self {
            Text::One(text) => normalize(text),
            Text::List(items) => items
                .iter()
                .map(|item| normalize(item))
                .collect::<Vec<_>>()
                .join("\n\u{1f}"),
        };
        format!("{:08x}", crate::compiled::fnv1a64(joined.as_bytes()) >> 32)
    }

    /// The text as one line of plain words, cut to about `max` characters, for messages.
    pub fn excerpt(&self, max: usize) -> String {
        let all = match self {
            Text::One(text) => text.clone(),
            Text::List(items) => items.join(" / "),
        };
        let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() <= max {
            flat
        } else {
            let cut: String = flat.chars().take(max).collect();
            format!("{}…", cut.trim_end())
        }
    }
}

fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// One translatable field of an English module, with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The object it belongs to.
    pub place: Place,
    /// The field's name in a translation file (`text`; `alt` for a scene image's `alt`).
    pub field: &'static str,
    /// The English text.
    pub english: Text,
}

/// Every translatable field of an English module file, in file order, or `None` when the
/// file cannot be read (check it first: its own diagnostics say why).
pub fn units_of(module_text: &str) -> Option<(String, Vec<Unit>)> {
    let document = format::parse_document(module_text).ok()?;
    let raw = RawModule::read(&document).ok()?;
    Some((raw.id.get_ref().clone(), units(&raw)))
}

pub(crate) fn units(raw: &RawModule) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut push = |place: &Place, field: &'static str, english: Option<Text>| {
        if let Some(english) = english.filter(|text| !text.is_blank()) {
            units.push(Unit {
                place: place.clone(),
                field,
                english,
            });
        }
    };
    let one = |text: &str| Some(Text::One(text.to_owned()));
    let maybe = |text: &Option<String>| text.as_deref().and_then(one);
    let place = Place::Module;
    push(&place, "title", one(raw.title.get_ref()));
    push(&place, "topic", one(&raw.topic));
    push(&place, "content_note", one(raw.content_note.get_ref()));
    push(
        &place,
        "objectives",
        Some(Text::List(raw.objectives.clone())),
    );
    for source in &raw.sources {
        let place = Place::Source(source.id.get_ref().clone());
        push(&place, "title", one(&source.title));
        push(&place, "note", maybe(&source.note));
    }
    for meter in &raw.meters {
        push(
            &Place::Meter(meter.id.get_ref().clone()),
            "label",
            one(&meter.label),
        );
    }
    for flag in &raw.flags {
        push(
            &Place::Flag(flag.id.get_ref().clone()),
            "label",
            one(&flag.label),
        );
    }
    for scene in &raw.scenes {
        let id = scene.id.get_ref();
        let place = Place::Scene(id.clone());
        push(&place, "speaker", maybe(&scene.speaker));
        push(&place, "text", maybe(&scene.text));
        push(
            &place,
            "alt",
            scene
                .image
                .as_ref()
                .and_then(|image| one(image.alt.get_ref())),
        );
        push(&place, "facilitator_notes", maybe(&scene.facilitator_notes));
        push(&place, "discussion", maybe(&scene.discussion));
        for choice in &scene.choices {
            let place = Place::Choice(id.clone(), choice.id.get_ref().clone());
            push(&place, "label", one(choice.label.get_ref()));
            push(
                &place,
                "unavailable",
                choice
                    .unavailable
                    .as_ref()
                    .and_then(|reason| one(reason.get_ref())),
            );
            push(&place, "feedback", maybe(&choice.feedback));
        }
    }
    for ending in &raw.endings {
        let place = Place::Ending(ending.id.get_ref().clone());
        push(&place, "title", one(ending.title.get_ref()));
        push(&place, "text", one(&ending.text));
        push(
            &place,
            "takeaways",
            Some(Text::List(ending.takeaways.clone())),
        );
        push(
            &place,
            "reflection",
            Some(Text::List(ending.reflection.clone())),
        );
        push(
            &place,
            "facilitator_notes",
            maybe(&ending.facilitator_notes),
        );
        push(&place, "discussion", maybe(&ending.discussion));
    }
    units
}

/// One field as a translation file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The translated text.
    pub text: Text,
    /// The hash of the English it was made from, when recorded.
    pub hash: Option<String>,
}

/// A checked translation, ready to apply to its module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The English module's id.
    pub module: String,
    /// The language code (`es`).
    pub language: String,
    /// The translated texts, by object and field; a field left out stays English.
    pub(crate) texts: BTreeMap<(Place, &'static str), Text>,
}

/// What [`load_translation`] found.
#[derive(Debug, Clone)]
pub struct LoadedTranslation {
    /// The translation, when the file has no errors.
    pub translation: Option<Translation>,
    /// Every field the file has, by object and field name, including entries for ids the
    /// module no longer has: what `peerpath translate` keeps when it rewrites the file.
    pub entries: BTreeMap<(Place, &'static str), Entry>,
    /// The language the file says it is in, as written.
    pub language: Option<String>,
    /// Every error and warning, sorted by position in the translation file.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedTranslation {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Translation {
    /// The translated text of one field, if the translation has it.
    pub fn text(&self, place: &Place, field: &str) -> Option<&Text> {
        self.texts
            .iter()
            .find(|((p, f), _)| p == place && *f == field)
            .map(|(_, text)| text)
    }

    /// How many fields it translates.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether it translates nothing.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// `module` in this language: every translated field replaced, everything else (ids,
    /// branching, state, untranslated fields) exactly as it was.
    pub fn apply(&self, module: &Module) -> Module {
        let mut out = module.clone();
        let one = |place: &Place, field: &str| match self.text(place, field) {
            Some(Text::One(text)) => Some(text.clone()),
            _ => None,
        };
        let list = |place: &Place, field: &str| match self.text(place, field) {
            Some(Text::List(items)) => Some(
                items
                    .iter()
                    .map(|item| Prose::parse(item))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        };
        let prose = |place: &Place, field: &str| one(place, field).map(|text| Prose::parse(&text));
        let place = Place::Module;
        set(&mut out.title, one(&place, "title"));
        set(&mut out.topic, one(&place, "topic"));
        set(&mut out.content_note, prose(&place, "content_note"));
        set(&mut out.objectives, list(&place, "objectives"));
        for source in &mut out.sources {
            let place = Place::Source(source.id.clone());
            set(&mut source.title, one(&place, "title"));
            set_some(&mut source.note, one(&place, "note"));
        }
        for meter in &mut out.meters {
            set(
                &mut meter.label,
                one(&Place::Meter(meter.id.clone()), "label"),
            );
        }
        for flag in &mut out.flags {
            set(&mut flag.label, one(&Place::Flag(flag.id.clone()), "label"));
        }
        for scene in &mut out.scenes {
            let place = Place::Scene(scene.id.clone());
            set_some(&mut scene.speaker, one(&place, "speaker"));
            set(&mut scene.text, prose(&place, "text"));
            if let Some(image) = &mut scene.image {
                set(&mut image.alt, one(&place, "alt"));
            }
            set_some(
                &mut scene.facilitator_notes,
                prose(&place, "facilitator_notes"),
            );
            set_some(&mut scene.discussion, prose(&place, "discussion"));
            if let Step::Decide(choices) = &mut scene.step {
                for choice in choices {
                    let place = Place::Choice(scene.id.clone(), choice.id.clone());
                    set(&mut choice.label, one(&place, "label"));
                    set_some(&mut choice.unavailable, one(&place, "unavailable"));
                    set_some(&mut choice.feedback, prose(&place, "feedback"));
                }
            }
        }
        for ending in &mut out.endings {
            let place = Place::Ending(ending.id.clone());
            set(&mut ending.title, one(&place, "title"));
            set(&mut ending.text, prose(&place, "text"));
            set(&mut ending.takeaways, list(&place, "takeaways"));
            set(&mut ending.reflection, list(&place, "reflection"));
            set_some(
                &mut ending.facilitator_notes,
                prose(&place, "facilitator_notes"),
            );
            set_some(&mut ending.discussion, prose(&place, "discussion"));
        }
        out
    }
}

fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *field = value;
    }
}

/// Only where the English has the field: a translation never adds one.
fn set_some<T>(field: &mut Option<T>, value: Option<T>) {
    if field.is_some() {
        if let Some(value) = value {
            *field = Some(value);
        }
    }
}
