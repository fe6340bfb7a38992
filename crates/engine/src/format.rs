//! The module file as written: shapes that keep the position of everything the checker may
//! need to point at. Nothing here is trusted; `load` turns it into a checked [`Module`].
//!
//! The shapes are read by hand from toml's spanned document tree ([`DeTable`]) rather than
//! through serde: the serde path monomorphises toml's deserializer for every field type and
//! was the largest part of the browser bundle. The messages follow serde's wording
//! ("missing field `x`", "unknown field `x`, expected one of …", "invalid type: …, expected …").
//!
//! [`Module`]: crate::Module

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::module::{Audience, Outcome, Rating};

/// The only format version this engine reads.
pub const FORMAT_VERSION: i64 = 1;

/// Why the file could not be read into these shapes: TOML syntax or a value of the wrong shape.
pub(crate) struct FormatError {
    pub span: Range<usize>,
    pub message: String,
}

pub(crate) type Read<T> = Result<T, FormatError>;

/// A value with its position in the file.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// Parses the TOML syntax only: the whole document as one table value.
pub(crate) fn parse_document(text: &str) -> Read<Value<'_>> {
    match DeTable::parse(text) {
        Ok(table) => Ok(Spanned::new(
            table.span(),
            DeValue::Table(table.into_inner()),
        )),
        Err(error) => fail(error.span().unwrap_or(0..0), error.message().to_owned()),
    }
}

pub(crate) struct RawModule {
    pub format: Spanned<i64>,
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub topic: String,
    pub audience: Vec<Audience>,
    pub minutes: u32,
    pub content_note: Spanned<String>,
    pub objectives: Vec<String>,
    pub start: Spanned<String>,
    pub sources: Vec<RawSource>,
    pub meters: Vec<RawMeter>,
    pub flags: Vec<RawFlag>,
    pub scenes: Vec<RawScene>,
    pub endings: Vec<RawEnding>,
}

pub(crate) struct RawSource {
    pub id: Spanned<String>,
    pub title: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

pub(crate) struct RawMeter {
    pub id: Spanned<String>,
    pub label: String,
    pub min: Spanned<i64>,
    pub max: Spanned<i64>,
    pub start: Spanned<i64>,
    pub visible: bool,
}

pub(crate) struct RawFlag {
    pub id: Spanned<String>,
    pub label: String,
    pub start: bool,
    pub visible: bool,
}

pub(crate) struct RawScene {
    pub id: Spanned<String>,
    pub speaker: Option<String>,
    pub text: Option<String>,
    pub image: Option<RawImage>,
    pub facilitator_notes: Option<String>,
    pub discussion: Option<String>,
    pub choices: Vec<RawChoice>,
    pub routes: Vec<RawRoute>,
}

pub(crate) struct RawImage {
    pub src: Spanned<String>,
    pub alt: Spanned<String>,
}

pub(crate) struct RawChoice {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    /// `if` in the file.
    pub condition: Option<Spanned<String>>,
    pub unavailable: Option<Spanned<String>>,
    pub effects: BTreeMap<Spanned<String>, Spanned<EffectValue>>,
    pub goto: Spanned<String>,
    pub feedback: Option<String>,
    pub rating: Option<Rating>,
    pub competencies: Vec<String>,
}

pub(crate) struct RawRoute {
    /// `if` in the file.
    pub condition: Option<Spanned<String>>,
    pub goto: Spanned<String>,
}

pub(crate) struct RawEnding {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub outcome: Outcome,
    pub text: String,
    pub takeaways: Vec<String>,
    pub reflection: Vec<String>,
    pub references: Vec<Spanned<String>>,
    pub facilitator_notes: Option<String>,
    pub discussion: Option<String>,
}

/// An effect's value: a number moves a meter, true or false sets a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EffectValue {
    Add(i64),
    Set(bool),
}

// ---- Reading values, with serde's wording ----

pub(crate) fn fail<T>(span: Range<usize>, message: String) -> Read<T> {
    Err(FormatError { span, message })
}

/// serde's `one of` list: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_owned(),
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", list.join(", "))
        }
    }
}

pub(crate) fn invalid_type<T>(value: &Value<'_>, expected: &str) -> Read<T> {
    let found = match value.get_ref() {
        DeValue::String(text) => format!("string {:?}", text.as_ref()),
        DeValue::Integer(number) => format!("integer `{number}`"),
        DeValue::Float(number) => format!("floating point `{}`", number.as_str()),
        DeValue::Boolean(flag) => format!("boolean `{flag}`"),
        DeValue::Datetime(_) => "datetime".to_owned(),
        DeValue::Array(_) => "sequence".to_owned(),
        DeValue::Table(_) => "map".to_owned(),
    };
    fail(
        value.span(),
        format!("invalid type: {found}, expected {expected}"),
    )
}

pub(crate) fn string(value: &Value<'_>) -> Read<String> {
    match value.get_ref() {
        DeValue::String(text) => Ok(text.as_ref().to_owned()),
        _ => invalid_type(value, "a string"),
    }
}

pub(crate) fn spanned_string(value: &Value<'_>) -> Read<Spanned<String>> {
    Ok(Spanned::new(value.span(), string(value)?))
}

fn boolean(value: &Value<'_>) -> Read<bool> {
    match value.get_ref() {
        DeValue::Boolean(flag) => Ok(*flag),
        _ => invalid_type(value, "a boolean"),
    }
}

/// A TOML integer as an `i64`, or `None` when it does not fit.
pub(crate) fn as_i64(value: &DeValue<'_>) -> Option<Option<i64>> {
    match value {
        DeValue::Integer(number) => Some(i64::from_str_radix(number.as_str(), number.radix()).ok()),
        _ => None,
    }
}

fn integer(value: &Value<'_>, expected: &str) -> Read<i64> {
    match as_i64(value.get_ref()) {
        Some(Some(number)) => Ok(number),
        Some(None) => fail(
            value.span(),
            format!(
                "invalid value: integer `{}`, expected {expected}",
                value
                    .get_ref()
                    .as_integer()
                    .map(|n| n.as_str())
                    .unwrap_or_default()
            ),
        ),
        None => invalid_type(value, expected),
    }
}

fn spanned_i64(value: &Value<'_>) -> Read<Spanned<i64>> {
    Ok(Spanned::new(value.span(), integer(value, "i64")?))
}

fn unsigned(value: &Value<'_>) -> Read<u32> {
    let number = integer(value, "u32")?;
    u32::try_from(number).or_else(|_| {
        fail(
            value.span(),
            format!("invalid value: integer `{number}`, expected u32"),
        )
    })
}

pub(crate) fn list<T>(
    value: &Value<'_>,
    mut item: impl FnMut(&Value<'_>) -> Read<T>,
) -> Read<Vec<T>> {
    match value.get_ref() {
        DeValue::Array(items) => items.iter().map(&mut item).collect(),
        _ => invalid_type(value, "a sequence"),
    }
}

fn strings(value: &Value<'_>) -> Read<Vec<String>> {
    list(value, string)
}

/// A string naming one of `names`, as the index into `names`.
fn variant(value: &Value<'_>, names: &[&str]) -> Read<usize> {
    match value.get_ref() {
        DeValue::String(text) => names.iter().position(|n| *n == text.as_ref()).map_or_else(
            || {
                fail(
                    value.span(),
                    format!(
                        "unknown variant `{}`, expected {}",
                        text.as_ref(),
                        one_of(names)
                    ),
                )
            },
            Ok,
        ),
        _ => invalid_type(value, &one_of(names)),
    }
}

fn audience(value: &Value<'_>) -> Read<Audience> {
    const ALL: [Audience; 3] = [Audience::PeerWorker, Audience::Supervisor, Audience::Team];
    Ok(ALL[variant(value, &["peer-worker", "supervisor", "team"])?])
}

fn rating(value: &Value<'_>) -> Read<Rating> {
    const ALL: [Rating; 4] = [
        Rating::Recommended,
        Rating::Acceptable,
        Rating::Risky,
        Rating::Harmful,
    ];
    Ok(ALL[variant(value, &["recommended", "acceptable", "risky", "harmful"])?])
}

fn outcome(value: &Value<'_>) -> Read<Outcome> {
    const ALL: [Outcome; 3] = [Outcome::Strong, Outcome::Mixed, Outcome::Difficult];
    Ok(ALL[variant(value, &["strong", "mixed", "difficult"])?])
}

fn effect_value(value: &Value<'_>) -> Read<Spanned<EffectValue>> {
    let effect = match (value.get_ref(), as_i64(value.get_ref())) {
        (_, Some(Some(number))) => EffectValue::Add(number),
        (_, Some(None)) => {
            return fail(
                value.span(),
                "this number is far too large for an effect".to_owned(),
            )
        }
        (DeValue::Boolean(flag), None) => EffectValue::Set(*flag),
        _ => {
            return invalid_type(
                value,
                "a whole number (to move a meter) or true/false (to set a flag)",
            )
        }
    };
    Ok(Spanned::new(value.span(), effect))
}

fn effects(value: &Value<'_>) -> Read<BTreeMap<Spanned<String>, Spanned<EffectValue>>> {
    let DeValue::Table(table) = value.get_ref() else {
        return invalid_type(value, "a map");
    };
    let mut effects = BTreeMap::new();
    for (key, value) in table.iter() {
        effects.insert(
            Spanned::new(key.span(), key.get_ref().as_ref().to_owned()),
            effect_value(value)?,
        );
    }
    Ok(effects)
}

/// Walks a table's fields in file order, as serde's `deny_unknown_fields` does: a field not
/// in `fields` is an error at its key; `read` is called with the field's index and value.
/// `name` says what the table should be, in the author's words.
pub(crate) fn walk_table<'a, 'i>(
    value: &'a Value<'i>,
    name: &str,
    fields: &[&str],
    mut read: impl FnMut(usize, &'a Value<'i>) -> Read<()>,
) -> Read<()> {
    let DeValue::Table(table) = value.get_ref() else {
        return invalid_type(value, name);
    };
    for (key, field) in table.iter() {
        let key_name = key.get_ref().as_ref();
        match fields.iter().position(|f| *f == key_name) {
            Some(index) => read(index, field)?,
            None => {
                return fail(
                    key.span(),
                    format!("unknown field `{key_name}`, expected {}", one_of(fields)),
                )
            }
        }
    }
    Ok(())
}

pub(crate) fn required<T>(field: Option<T>, name: &str, table: &Value<'_>) -> Read<T> {
    field.map_or_else(|| fail(table.span(), format!("missing field `{name}`")), Ok)
}

impl RawModule {
    pub(crate) fn read(document: &Value<'_>) -> Read<RawModule> {
        const FIELDS: &[&str] = &[
            "format",
            "id",
            "title",
            "topic",
            "audience",
            "minutes",
            "content_note",
            "objectives",
            "start",
            "sources",
            "meters",
            "flags",
            "scenes",
            "endings",
        ];
        let (mut format, mut id, mut title, mut topic, mut audience_, mut minutes) =
            (None, None, None, None, None, None);
        let (mut content_note, mut objectives, mut start) = (None, None, None);
        let (mut sources, mut meters, mut flags, mut scenes, mut endings) =
            (Vec::new(), Vec::new(), Vec::new(), None, None);
        walk_table(document, "the module's fields", FIELDS, |index, v| {
            match index {
                0 => format = Some(spanned_i64(v)?),
                1 => id = Some(spanned_string(v)?),
                2 => title = Some(spanned_string(v)?),
                3 => topic = Some(string(v)?),
                4 => audience_ = Some(list(v, audience)?),
                5 => minutes = Some(unsigned(v)?),
                6 => content_note = Some(spanned_string(v)?),
                7 => objectives = Some(strings(v)?),
                8 => start = Some(spanned_string(v)?),
                9 => sources = list(v, RawSource::read)?,
                10 => meters = list(v, RawMeter::read)?,
                11 => flags = list(v, RawFlag::read)?,
                12 => scenes = Some(list(v, RawScene::read)?),
                _ => endings = Some(list(v, RawEnding::read)?),
            }
            Ok(())
        })?;
        Ok(RawModule {
            format: required(format, "format", document)?,
            id: required(id, "id", document)?,
            title: required(title, "title", document)?,
            topic: required(topic, "topic", document)?,
            audience: required(audience_, "audience", document)?,
            minutes: required(minutes, "minutes", document)?,
            content_note: required(content_note, "content_note", document)?,
            objectives: required(objectives, "objectives", document)?,
            start: required(start, "start", document)?,
            sources,
            meters,
            flags,
            scenes: required(scenes, "scenes", document)?,
            endings: required(endings, "endings", document)?,
        })
    }
}

impl RawSource {
    fn read(value: &Value<'_>) -> Read<RawSource> {
        let (mut id, mut title, mut url, mut note) = (None, None, None, None);
        walk_table(
            value,
            "a source ([[sources]])",
            &["id", "title", "url", "note"],
            |index, v| {
                match index {
                    0 => id = Some(spanned_string(v)?),
                    1 => title = Some(string(v)?),
                    2 => url = Some(string(v)?),
                    _ => note = Some(string(v)?),
                }
                Ok(())
            },
        )?;
        Ok(RawSource {
            id: required(id, "id", value)?,
            title: required(title, "title", value)?,
            url,
            note,
        })
    }
}

impl RawMeter {
    fn read(value: &Value<'_>) -> Read<RawMeter> {
        let (mut id, mut label, mut min, mut max, mut start, mut visible) =
            (None, None, None, None, None, false);
        walk_table(
            value,
            "a meter ([[meters]])",
            &["id", "label", "min", "max", "start", "visible"],
            |index, v| {
                match index {
                    0 => id = Some(spanned_string(v)?),
                    1 => label = Some(string(v)?),
                    2 => min = Some(spanned_i64(v)?),
                    3 => max = Some(spanned_i64(v)?),
                    4 => start = Some(spanned_i64(v)?),
                    _ => visible = boolean(v)?,
                }
                Ok(())
            },
        )?;
        Ok(RawMeter {
            id: required(id, "id", value)?,
            label: required(label, "label", value)?,
            min: required(min, "min", value)?,
            max: required(max, "max", value)?,
            start: required(start, "start", value)?,
            visible,
        })
    }
}

impl RawFlag {
    fn read(value: &Value<'_>) -> Read<RawFlag> {
        let (mut id, mut label, mut start, mut visible) = (None, None, false, false);
        walk_table(
            value,
            "a flag ([[flags]])",
            &["id", "label", "start", "visible"],
            |index, v| {
                match index {
                    0 => id = Some(spanned_string(v)?),
                    1 => label = Some(string(v)?),
                    2 => start = boolean(v)?,
                    _ => visible = boolean(v)?,
                }
                Ok(())
            },
        )?;
        Ok(RawFlag {
            id: required(id, "id", value)?,
            label: required(label, "label", value)?,
            start,
            visible,
        })
    }
}

impl RawScene {
    fn read(value: &Value<'_>) -> Read<RawScene> {
        const FIELDS: &[&str] = &[
            "id",
            "speaker",
            "text",
            "image",
            "facilitator_notes",
            "discussion",
            "choices",
            "routes",
        ];
        let (mut id, mut speaker, mut text, mut image) = (None, None, None, None);
        let (mut facilitator_notes, mut discussion, mut choices, mut routes) =
            (None, None, Vec::new(), Vec::new());
        walk_table(value, "a scene ([[scenes]])", FIELDS, |index, v| {
            match index {
                0 => id = Some(spanned_string(v)?),
                1 => speaker = Some(string(v)?),
                2 => text = Some(string(v)?),
                3 => image = Some(RawImage::read(v)?),
                4 => facilitator_notes = Some(string(v)?),
                5 => discussion = Some(string(v)?),
                6 => choices = list(v, RawChoice::read)?,
                _ => routes = list(v, RawRoute::read)?,
            }
            Ok(())
        })?;
        Ok(RawScene {
            id: required(id, "id", value)?,
            speaker,
            text,
            image,
            facilitator_notes,
            discussion,
            choices,
            routes,
        })
    }
}

impl RawImage {
    fn read(value: &Value<'_>) -> Read<RawImage> {
        let (mut src, mut alt) = (None, None);
        walk_table(
            value,
            "an image such as { src = \"park.svg\", alt = \"…\" }",
            &["src", "alt"],
            |index, v| {
                match index {
                    0 => src = Some(spanned_string(v)?),
                    _ => alt = Some(spanned_string(v)?),
                }
                Ok(())
            },
        )?;
        Ok(RawImage {
            src: required(src, "src", value)?,
            alt: required(alt, "alt", value)?,
        })
    }
}

impl RawChoice {
    fn read(value: &Value<'_>) -> Read<RawChoice> {
        const FIELDS: &[&str] = &[
            "id",
            "label",
            "if",
            "unavailable",
            "effects",
            "goto",
            "feedback",
            "rating",
            "competencies",
        ];
        let (mut id, mut label, mut condition, mut unavailable) = (None, None, None, None);
        let (mut effects_, mut goto, mut feedback, mut rating_, mut competencies) =
            (BTreeMap::new(), None, None, None, Vec::new());
        walk_table(
            value,
            "a choice ([[scenes.choices]])",
            FIELDS,
            |index, v| {
                match index {
                    0 => id = Some(spanned_string(v)?),
                    1 => label = Some(spanned_string(v)?),
                    2 => condition = Some(spanned_string(v)?),
                    3 => unavailable = Some(spanned_string(v)?),
                    4 => effects_ = effects(v)?,
                    5 => goto = Some(spanned_string(v)?),
                    6 => feedback = Some(string(v)?),
                    7 => rating_ = Some(rating(v)?),
                    _ => competencies = strings(v)?,
                }
                Ok(())
            },
        )?;
        Ok(RawChoice {
            id: required(id, "id", value)?,
            label: required(label, "label", value)?,
            condition,
            unavailable,
            effects: effects_,
            goto: required(goto, "goto", value)?,
            feedback,
            rating: rating_,
            competencies,
        })
    }
}

impl RawRoute {
    fn read(value: &Value<'_>) -> Read<RawRoute> {
        let (mut condition, mut goto) = (None, None);
        walk_table(
            value,
            "a route ([[scenes.routes]])",
            &["if", "goto"],
            |index, v| {
                match index {
                    0 => condition = Some(spanned_string(v)?),
                    _ => goto = Some(spanned_string(v)?),
                }
                Ok(())
            },
        )?;
        Ok(RawRoute {
            condition,
            goto: required(goto, "goto", value)?,
        })
    }
}

impl RawEnding {
    fn read(value: &Value<'_>) -> Read<RawEnding> {
        const FIELDS: &[&str] = &[
            "id",
            "title",
            "outcome",
            "text",
            "takeaways",
            "reflection",
            "references",
            "facilitator_notes",
            "discussion",
        ];
        let (mut id, mut title, mut outcome_, mut text) = (None, None, None, None);
        let (mut takeaways, mut reflection, mut references) = (Vec::new(), Vec::new(), Vec::new());
        let (mut facilitator_notes, mut discussion) = (None, None);
        walk_table(value, "an ending ([[endings]])", FIELDS, |index, v| {
            match index {
                0 => id = Some(spanned_string(v)?),
                1 => title = Some(spanned_string(v)?),
                2 => outcome_ = Some(outcome(v)?),
                3 => text = Some(string(v)?),
                4 => takeaways = strings(v)?,
                5 => reflection = strings(v)?,
                6 => references = list(v, spanned_string)?,
                7 => facilitator_notes = Some(string(v)?),
                _ => discussion = Some(string(v)?),
            }
            Ok(())
        })?;
        Ok(RawEnding {
            id: required(id, "id", value)?,
            title: required(title, "title", value)?,
            outcome: required(outcome_, "outcome", value)?,
            text: required(text, "text", value)?,
            takeaways,
            reflection,
            references,
            facilitator_notes,
            discussion,
        })
    }
}

/// `modules/catalog.toml`: `modules = ["a.toml", …]` and nothing else.
pub(crate) fn read_catalog(document: &Value<'_>) -> Read<Vec<Spanned<String>>> {
    let mut modules = None;
    walk_table(document, "the catalog", &["modules"], |_, v| {
        modules = Some(list(v, spanned_string)?);
        Ok(())
    })?;
    required(modules, "modules", document)
}
