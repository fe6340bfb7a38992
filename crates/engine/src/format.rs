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
    pub passing: Outcome,
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

/// A string naming one of `variants`, as the value paired with that name.
fn variant<T: Copy>(value: &Value<'_>, variants: &[(&str, T)]) -> Read<T> {
    let names: Vec<&str> = variants.iter().map(|(name, _)| *name).collect();
    match value.get_ref() {
        DeValue::String(text) => variants
            .iter()
            .find(|(name, _)| *name == text.as_ref())
            .map_or_else(
                || {
                    fail(
                        value.span(),
                        format!(
                            "unknown variant `{}`, expected {}",
                            text.as_ref(),
                            one_of(&names)
                        ),
                    )
                },
                |(_, variant)| Ok(*variant),
            ),
        _ => invalid_type(value, &one_of(&names)),
    }
}

fn audience(value: &Value<'_>) -> Read<Audience> {
    variant(
        value,
        &[
            ("peer-worker", Audience::PeerWorker),
            ("supervisor", Audience::Supervisor),
            ("team", Audience::Team),
        ],
    )
}

fn rating(value: &Value<'_>) -> Read<Rating> {
    variant(
        value,
        &[
            ("recommended", Rating::Recommended),
            ("acceptable", Rating::Acceptable),
            ("risky", Rating::Risky),
            ("harmful", Rating::Harmful),
        ],
    )
}

fn outcome(value: &Value<'_>) -> Read<Outcome> {
    variant(
        value,
        &[
            ("strong", Outcome::Strong),
            ("mixed", Outcome::Mixed),
            ("difficult", Outcome::Difficult),
        ],
    )
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

/// Whether a table's reader knew a key: [`walk_table`] reports the keys it did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Known,
    Unknown,
}

/// Walks a table's fields in file order, as serde's `deny_unknown_fields` does: `read` is
/// called with each key and its value and matches on the key itself, so a value can only
/// land in the field of its own name. A key `read` does not know is an error at the key,
/// listing `fields` (which only words that message). `name` says what the table should be,
/// in the author's words.
pub(crate) fn walk_table<'a, 'i>(
    value: &'a Value<'i>,
    name: &str,
    fields: &[&str],
    mut read: impl FnMut(&'a str, &'a Value<'i>) -> Read<Field>,
) -> Read<()> {
    let DeValue::Table(table) = value.get_ref() else {
        return invalid_type(value, name);
    };
    for (key, field) in table.iter() {
        let key_name: &'a str = key.get_ref().as_ref();
        if read(key_name, field)? == Field::Unknown {
            return fail(
                key.span(),
                format!("unknown field `{key_name}`, expected {}", one_of(fields)),
            );
        }
    }
    Ok(())
}

pub(crate) fn required<T>(field: Option<T>, name: &str, table: &Value<'_>) -> Read<T> {
    field.map_or_else(|| fail(table.span(), format!("missing field `{name}`")), Ok)
}

impl RawModule {
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "format",
        "id",
        "title",
        "topic",
        "audience",
        "minutes",
        "passing",
        "content_note",
        "objectives",
        "start",
        "sources",
        "meters",
        "flags",
        "scenes",
        "endings",
    ];

    pub(crate) fn read(document: &Value<'_>) -> Read<RawModule> {
        let (mut format, mut id, mut title, mut topic, mut audience_, mut minutes) =
            (None, None, None, None, None, None);
        let (mut content_note, mut objectives, mut start, mut passing) = (None, None, None, None);
        let (mut sources, mut meters, mut flags, mut scenes, mut endings) =
            (Vec::new(), Vec::new(), Vec::new(), None, None);
        walk_table(document, "the module's fields", Self::FIELDS, |key, v| {
            match key {
                "format" => format = Some(spanned_i64(v)?),
                "id" => id = Some(spanned_string(v)?),
                "title" => title = Some(spanned_string(v)?),
                "topic" => topic = Some(string(v)?),
                "audience" => audience_ = Some(list(v, audience)?),
                "minutes" => minutes = Some(unsigned(v)?),
                "passing" => passing = Some(outcome(v)?),
                "content_note" => content_note = Some(spanned_string(v)?),
                "objectives" => objectives = Some(strings(v)?),
                "start" => start = Some(spanned_string(v)?),
                "sources" => sources = list(v, RawSource::read)?,
                "meters" => meters = list(v, RawMeter::read)?,
                "flags" => flags = list(v, RawFlag::read)?,
                "scenes" => scenes = Some(list(v, RawScene::read)?),
                "endings" => endings = Some(list(v, RawEnding::read)?),
                _ => return Ok(Field::Unknown),
            }
            Ok(Field::Known)
        })?;
        Ok(RawModule {
            format: required(format, "format", document)?,
            id: required(id, "id", document)?,
            title: required(title, "title", document)?,
            topic: required(topic, "topic", document)?,
            audience: required(audience_, "audience", document)?,
            minutes: required(minutes, "minutes", document)?,
            passing: passing.unwrap_or(Outcome::Mixed),
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
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] = &["id", "title", "url", "note"];

    fn read(value: &Value<'_>) -> Read<RawSource> {
        let (mut id, mut title, mut url, mut note) = (None, None, None, None);
        walk_table(value, "a source ([[sources]])", Self::FIELDS, |key, v| {
            match key {
                "id" => id = Some(spanned_string(v)?),
                "title" => title = Some(string(v)?),
                "url" => url = Some(string(v)?),
                "note" => note = Some(string(v)?),
                _ => return Ok(Field::Unknown),
            }
            Ok(Field::Known)
        })?;
        Ok(RawSource {
            id: required(id, "id", value)?,
            title: required(title, "title", value)?,
            url,
            note,
        })
    }
}

impl RawMeter {
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] =
        &["id", "label", "min", "max", "start", "visible"];

    fn read(value: &Value<'_>) -> Read<RawMeter> {
        let (mut id, mut label, mut min, mut max, mut start, mut visible) =
            (None, None, None, None, None, false);
        walk_table(value, "a meter ([[meters]])", Self::FIELDS, |key, v| {
            match key {
                "id" => id = Some(spanned_string(v)?),
                "label" => label = Some(string(v)?),
                "min" => min = Some(spanned_i64(v)?),
                "max" => max = Some(spanned_i64(v)?),
                "start" => start = Some(spanned_i64(v)?),
                "visible" => visible = boolean(v)?,
                _ => return Ok(Field::Unknown),
            }
            Ok(Field::Known)
        })?;
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
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] = &["id", "label", "start", "visible"];

    fn read(value: &Value<'_>) -> Read<RawFlag> {
        let (mut id, mut label, mut start, mut visible) = (None, None, false, false);
        walk_table(value, "a flag ([[flags]])", Self::FIELDS, |key, v| {
            match key {
                "id" => id = Some(spanned_string(v)?),
                "label" => label = Some(string(v)?),
                "start" => start = boolean(v)?,
                "visible" => visible = boolean(v)?,
                _ => return Ok(Field::Unknown),
            }
            Ok(Field::Known)
        })?;
        Ok(RawFlag {
            id: required(id, "id", value)?,
            label: required(label, "label", value)?,
            start,
            visible,
        })
    }
}

impl RawScene {
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "id",
        "speaker",
        "text",
        "image",
        "facilitator_notes",
        "discussion",
        "choices",
        "routes",
    ];

    fn read(value: &Value<'_>) -> Read<RawScene> {
        let (mut id, mut speaker, mut text, mut image) = (None, None, None, None);
        let (mut facilitator_notes, mut discussion, mut choices, mut routes) =
            (None, None, Vec::new(), Vec::new());
        walk_table(value, "a scene ([[scenes]])", Self::FIELDS, |key, v| {
            match key {
                "id" => id = Some(spanned_string(v)?),
                "speaker" => speaker = Some(string(v)?),
                "text" => text = Some(string(v)?),
                "image" => image = Some(RawImage::read(v)?),
                "facilitator_notes" => facilitator_notes = Some(string(v)?),
                "discussion" => discussion = Some(string(v)?),
                "choices" => choices = list(v, RawChoice::read)?,
                "routes" => routes = list(v, RawRoute::read)?,
                _ => return Ok(Field::Unknown),
            }
            Ok(Field::Known)
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
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] = &["src", "alt"];

    fn read(value: &Value<'_>) -> Read<RawImage> {
        let (mut src, mut alt) = (None, None);
        walk_table(
            value,
            "an image such as { src = \"park.svg\", alt = \"…\" }",
            Self::FIELDS,
            |key, v| {
                match key {
                    "src" => src = Some(spanned_string(v)?),
                    "alt" => alt = Some(spanned_string(v)?),
                    _ => return Ok(Field::Unknown),
                }
                Ok(Field::Known)
            },
        )?;
        Ok(RawImage {
            src: required(src, "src", value)?,
            alt: required(alt, "alt", value)?,
        })
    }
}

impl RawChoice {
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] = &[
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

    fn read(value: &Value<'_>) -> Read<RawChoice> {
        let (mut id, mut label, mut condition, mut unavailable) = (None, None, None, None);
        let (mut effects_, mut goto, mut feedback, mut rating_, mut competencies) =
            (BTreeMap::new(), None, None, None, Vec::new());
        walk_table(
            value,
            "a choice ([[scenes.choices]])",
            Self::FIELDS,
            |key, v| {
                match key {
                    "id" => id = Some(spanned_string(v)?),
                    "label" => label = Some(spanned_string(v)?),
                    "if" => condition = Some(spanned_string(v)?),
                    "unavailable" => unavailable = Some(spanned_string(v)?),
                    "effects" => effects_ = effects(v)?,
                    "goto" => goto = Some(spanned_string(v)?),
                    "feedback" => feedback = Some(string(v)?),
                    "rating" => rating_ = Some(rating(v)?),
                    "competencies" => competencies = strings(v)?,
                    _ => return Ok(Field::Unknown),
                }
                Ok(Field::Known)
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
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] = &["if", "goto"];

    fn read(value: &Value<'_>) -> Read<RawRoute> {
        let (mut condition, mut goto) = (None, None);
        walk_table(
            value,
            "a route ([[scenes.routes]])",
            Self::FIELDS,
            |key, v| {
                match key {
                    "if" => condition = Some(spanned_string(v)?),
                    "goto" => goto = Some(spanned_string(v)?),
                    _ => return Ok(Field::Unknown),
                }
                Ok(Field::Known)
            },
        )?;
        Ok(RawRoute {
            condition,
            goto: required(goto, "goto", value)?,
        })
    }
}

impl RawEnding {
    /// The fields this table may have, for the message about any other.
    pub(crate) const FIELDS: &'static [&'static str] = &[
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

    fn read(value: &Value<'_>) -> Read<RawEnding> {
        let (mut id, mut title, mut outcome_, mut text) = (None, None, None, None);
        let (mut takeaways, mut reflection, mut references) = (Vec::new(), Vec::new(), Vec::new());
        let (mut facilitator_notes, mut discussion) = (None, None);
        walk_table(value, "an ending ([[endings]])", Self::FIELDS, |key, v| {
            match key {
                "id" => id = Some(spanned_string(v)?),
                "title" => title = Some(spanned_string(v)?),
                "outcome" => outcome_ = Some(outcome(v)?),
                "text" => text = Some(string(v)?),
                "takeaways" => takeaways = strings(v)?,
                "reflection" => reflection = strings(v)?,
                "references" => references = list(v, spanned_string)?,
                "facilitator_notes" => facilitator_notes = Some(string(v)?),
                "discussion" => discussion = Some(string(v)?),
                _ => return Ok(Field::Unknown),
            }
            Ok(Field::Known)
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
    walk_table(document, "the catalog", &["modules"], |key, v| {
        if key != "modules" {
            return Ok(Field::Unknown);
        }
        modules = Some(list(v, spanned_string)?);
        Ok(Field::Known)
    })?;
    required(modules, "modules", document)
}

#[cfg(test)]
mod tests;
