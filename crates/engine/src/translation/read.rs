//! Reading and checking a translation file against its English module.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::de::DeValue;

use super::{
    language_name, translation_of, units_of, Entry, LoadedTranslation, Place, Text, Translation,
    LANGUAGES, LIST_FIELDS, TRANSLATION_FORMAT,
};
use crate::diagnostic::{Code, Diagnostics};
use crate::format::{self, RawModule, Value};

/// Checks the translation file `file_name` (`de-escalation.es.toml`; its language part must
/// match the file's `language`) with text `text` against the English module file's text.
/// Never panics, whatever the input.
pub fn load_translation(english: &str, file_name: &str, text: &str) -> LoadedTranslation {
    let mut diagnostics = Diagnostics::new(text);
    let mut entries = BTreeMap::new();
    let mut found = Found::default();
    let done = |diagnostics: Diagnostics<'_>, entries, language| LoadedTranslation {
        translation: None,
        entries,
        language,
        diagnostics: diagnostics.into_sorted(),
    };
    let document = match format::parse_document(text) {
        Ok(document) => document,
        Err(error) => {
            diagnostics.push(Code::Syntax, error.span, error.message);
            return done(diagnostics, entries, None);
        }
    };
    let Some((module_id, units)) = units_of(english) else {
        diagnostics.push(
            Code::TranslationMismatch,
            0..0,
            "the English module this file translates cannot be read; fix its errors first",
        );
        return done(diagnostics, entries, None);
    };
    read_table(
        &document,
        &Place::Module,
        &mut found,
        &mut entries,
        &mut diagnostics,
    );
    let language = found.language.as_ref().map(|(_, code)| code.clone());
    check_header(&found, &module_id, file_name, &document, &mut diagnostics);

    let places = english_places(english).unwrap_or_default();
    let english: BTreeMap<(Place, &'static str), &Text> = units
        .iter()
        .map(|unit| ((unit.place.clone(), unit.field), &unit.english))
        .collect();
    let mut texts = BTreeMap::new();
    // Fields present but refused (an error says why): not reported missing as well.
    let mut refused = BTreeSet::new();
    for ((place, field), entry) in &entries {
        if !places.contains(place) {
            continue; // reported once per table, below
        }
        let span = found
            .spans
            .get(&(place.clone(), *field))
            .cloned()
            .unwrap_or(0..0);
        let Some(source) = english.get(&(place.clone(), *field)) else {
            diagnostics.push(
                Code::TranslationMismatch,
                span,
                format!(
                    "{} has no `{field}` in English, so there is nothing to translate here; remove it",
                    place.describe()
                ),
            );
            continue;
        };
        if let (Text::List(english_items), Text::List(items)) = (source, &entry.text) {
            if english_items.len() != items.len() {
                diagnostics.push(
                    Code::TranslationMismatch,
                    span,
                    format!(
                        "`{field}` of {} has {} items here and {} in English; translate each item in the same order",
                        place.describe(),
                        items.len(),
                        english_items.len()
                    ),
                );
                refused.insert((place.clone(), *field));
                continue;
            }
        }
        if entry.text.is_blank() {
            continue; // missing: reported below
        }
        let current = source.hash();
        let hash_span = found
            .hash_spans
            .get(&(place.clone(), *field))
            .cloned()
            .unwrap_or(span.clone());
        match &entry.hash {
            Some(hash) if *hash == current => {}
            Some(_) => diagnostics.push(
                Code::StaleTranslation,
                hash_span,
                format!(
                    "the English `{field}` of {} changed after this was translated; it now reads “{}”. Update the translation, then run `peerpath translate --accept`",
                    place.describe(),
                    source.excerpt(120)
                ),
            ),
            None => diagnostics.push(
                Code::StaleTranslation,
                span,
                format!(
                    "`{field}` of {} has no hash of the English it translates, so a later change to the English would go unnoticed; run `peerpath translate --accept` once it is translated",
                    place.describe()
                ),
            ),
        }
        texts.insert((place.clone(), *field), entry.text.clone());
    }
    for (place, span) in &found.tables {
        if !places.contains(place) {
            diagnostics.push(
                Code::UnknownTranslationId,
                span.clone(),
                format!(
                    "the module has no {}, so this entry is ignored (was it renamed or removed?)",
                    place.describe()
                ),
            );
        }
    }
    let name = language
        .as_deref()
        .and_then(language_name)
        .unwrap_or("this language");
    let mut missing: BTreeMap<&Place, Vec<&'static str>> = BTreeMap::new();
    for unit in &units {
        let key = (unit.place.clone(), unit.field);
        if !texts.contains_key(&key) && !refused.contains(&key) {
            missing.entry(&unit.place).or_default().push(unit.field);
        }
    }
    let top = found
        .language
        .as_ref()
        .map_or(0..0, |(span, _)| span.clone());
    for (place, fields) in missing {
        let span = found.tables.get(place).cloned().unwrap_or(top.clone());
        let list = fields
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diagnostics.push(
            Code::MissingTranslation,
            span,
            format!(
                "{} has no {name} for {list}; learners see the English",
                place.describe()
            ),
        );
    }
    let translation = (!diagnostics.has_errors()).then(|| Translation {
        module: module_id,
        language: language.clone().unwrap_or_default(),
        texts,
    });
    LoadedTranslation {
        translation,
        entries,
        language,
        diagnostics: diagnostics.into_sorted(),
    }
}

/// Every object of the English module, translatable text or not (a routing scene has none,
/// yet a translation may list it).
fn english_places(module_text: &str) -> Option<BTreeSet<Place>> {
    let document = format::parse_document(module_text).ok()?;
    let raw = RawModule::read(&document).ok()?;
    let mut places = BTreeSet::from([Place::Module]);
    places.extend(
        raw.sources
            .iter()
            .map(|s| Place::Source(s.id.get_ref().clone())),
    );
    places.extend(
        raw.meters
            .iter()
            .map(|m| Place::Meter(m.id.get_ref().clone())),
    );
    places.extend(
        raw.flags
            .iter()
            .map(|f| Place::Flag(f.id.get_ref().clone())),
    );
    for scene in &raw.scenes {
        let id = scene.id.get_ref();
        places.insert(Place::Scene(id.clone()));
        places.extend(
            scene
                .choices
                .iter()
                .map(|c| Place::Choice(id.clone(), c.id.get_ref().clone())),
        );
    }
    places.extend(
        raw.endings
            .iter()
            .map(|e| Place::Ending(e.id.get_ref().clone())),
    );
    Some(places)
}

/// What reading the file found besides its entries: the header and where things are.
#[derive(Default)]
struct Found {
    format: Option<(Range<usize>, Option<i64>)>,
    module: Option<(Range<usize>, String)>,
    language: Option<(Range<usize>, String)>,
    /// Each object table's key, by place.
    tables: BTreeMap<Place, Range<usize>>,
    /// Each field's key.
    spans: BTreeMap<(Place, &'static str), Range<usize>>,
    /// Each recorded hash.
    hash_spans: BTreeMap<(Place, &'static str), Range<usize>>,
}

fn check_header(
    found: &Found,
    module_id: &str,
    file_name: &str,
    document: &Value<'_>,
    diagnostics: &mut Diagnostics<'_>,
) {
    match &found.format {
        None => diagnostics.push(
            Code::FormatVersion,
            0..0,
            format!("the file has no `format`; add `format = {TRANSLATION_FORMAT}` at the top"),
        ),
        Some((_, Some(TRANSLATION_FORMAT))) => {}
        Some((span, version)) => diagnostics.push(
            Code::FormatVersion,
            span.clone(),
            match version {
                Some(v) if *v > TRANSLATION_FORMAT => format!(
                    "this translation uses format {v}, which is newer than this PeerPath reads (format {TRANSLATION_FORMAT}); update PeerPath"
                ),
                _ => format!("`format` must be {TRANSLATION_FORMAT}"),
            },
        ),
    }
    match &found.module {
        None => diagnostics.push(
            Code::Syntax,
            document.span().start..document.span().start,
            format!("missing field `module`: name the module this translates, `module = \"{module_id}\"`"),
        ),
        Some((span, id)) if id != module_id => diagnostics.push(
            Code::TranslationMismatch,
            span.clone(),
            format!("this file translates `{id}`, but the English file beside it is the module `{module_id}`"),
        ),
        Some(_) => {}
    }
    let from_name = translation_of(file_name).map(|(_, language)| language);
    match &found.language {
        None => diagnostics.push(
            Code::Syntax,
            document.span().start..document.span().start,
            "missing field `language`: the language code, such as `language = \"es\"`",
        ),
        Some((span, code)) => {
            let spoken: Vec<String> = std::iter::once("`en`".to_owned())
                .chain(LANGUAGES.iter().map(|(code, _)| format!("`{code}`")))
                .collect();
            if language_name(code).is_none() {
                diagnostics.push(
                    Code::TranslationMismatch,
                    span.clone(),
                    format!(
                        "PeerPath's interface speaks {}; a module cannot be translated into `{code}` until it does",
                        spoken.join(" and ")
                    ),
                );
            } else if from_name.is_some_and(|name| name != code) {
                diagnostics.push(
                    Code::TranslationMismatch,
                    span.clone(),
                    format!(
                        "the file name says `{}` but `language` says `{code}`; name the file `<module>.{code}.toml`",
                        from_name.unwrap_or_default()
                    ),
                );
            }
        }
    }
}

/// A `hashes` entry as written, checked once the table's fields are known.
struct RecordedHash {
    field: String,
    field_span: Range<usize>,
    hash: Option<String>,
    hash_span: Range<usize>,
}

/// Reads one object's table (the document itself for the module's fields), recording its
/// fields, hashes and nested tables.
fn read_table(
    value: &Value<'_>,
    place: &Place,
    found: &mut Found,
    entries: &mut BTreeMap<(Place, &'static str), Entry>,
    diagnostics: &mut Diagnostics<'_>,
) {
    let DeValue::Table(table) = value.get_ref() else {
        diagnostics.push(
            Code::Syntax,
            value.span(),
            format!("{} must be a table of texts", place.describe()),
        );
        return;
    };
    let (translatable, fixed) = place.fields();
    let mut hashes: Vec<RecordedHash> = Vec::new();
    for (key, field) in table.iter() {
        let name: &str = key.get_ref().as_ref();
        let key_span = key.span();
        match (place, name) {
            (Place::Module, "format") => {
                found.format = Some((field.span(), format::as_i64(field.get_ref()).flatten()));
            }
            (Place::Module, "module" | "language") => match field.get_ref() {
                DeValue::String(text) => {
                    let read = Some((field.span(), text.as_ref().to_owned()));
                    if name == "module" {
                        found.module = read;
                    } else {
                        found.language = read;
                    }
                }
                _ => diagnostics.push(
                    Code::Syntax,
                    field.span(),
                    format!("`{name}` must be a string"),
                ),
            },
            (Place::Module, "sources" | "meters" | "flags" | "scenes" | "endings") => {
                read_objects(name, field, found, entries, diagnostics);
            }
            (Place::Scene(scene), "choices") => {
                let DeValue::Table(choices) = field.get_ref() else {
                    diagnostics.push(
                        Code::Syntax,
                        field.span(),
                        "`choices` must be tables keyed by choice id: `[scenes.<scene>.choices.<choice>]`",
                    );
                    continue;
                };
                for (id, choice) in choices.iter() {
                    let place = Place::Choice(scene.clone(), id.get_ref().as_ref().to_owned());
                    found.tables.insert(place.clone(), id.span());
                    read_table(choice, &place, found, entries, diagnostics);
                }
            }
            (_, "hashes") => {
                let DeValue::Table(list) = field.get_ref() else {
                    diagnostics.push(
                        Code::Syntax,
                        field.span(),
                        "`hashes` must be a table such as `hashes = { text = \"1f0c9a3e\" }`",
                    );
                    continue;
                };
                for (field_name, hash) in list.iter() {
                    let text = match hash.get_ref() {
                        DeValue::String(text) => Some(text.as_ref().to_owned()),
                        _ => None,
                    };
                    hashes.push(RecordedHash {
                        field: field_name.get_ref().as_ref().to_owned(),
                        field_span: field_name.span(),
                        hash: text,
                        hash_span: hash.span(),
                    });
                }
            }
            _ => {
                if let Some(field_name) = translatable.iter().find(|known| **known == name) {
                    match read_text(field, LIST_FIELDS.contains(field_name)) {
                        Ok(text) => {
                            found.spans.insert((place.clone(), field_name), key_span);
                            entries.insert((place.clone(), field_name), Entry { text, hash: None });
                        }
                        Err(message) => diagnostics.push(Code::Syntax, field.span(), message),
                    }
                } else if fixed.contains(&name) {
                    diagnostics.push(
                        Code::UntranslatableField,
                        key_span,
                        format!(
                            "`{name}` of {} cannot be translated: branching, ids and numbers live in the English file only{}",
                            place.describe(),
                            if name == "image" { "; translate the picture's description as `alt`" } else { "" }
                        ),
                    );
                } else {
                    let expected = translatable
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    diagnostics.push(
                        Code::Syntax,
                        key_span,
                        format!(
                            "unknown field `{name}` in {}, expected one of {expected} or `hashes` (check the spelling against modules/README.md)",
                            place.describe()
                        ),
                    );
                }
            }
        }
    }
    for RecordedHash {
        field: field_name,
        field_span: name_span,
        hash,
        hash_span,
    } in hashes
    {
        let Some(field) = translatable.iter().find(|known| **known == field_name) else {
            diagnostics.push(
                Code::Syntax,
                name_span,
                format!(
                    "`hashes` names `{field_name}`, which {} cannot translate",
                    place.describe()
                ),
            );
            continue;
        };
        let valid = hash
            .filter(|h| h.len() == 8 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
        let Some(hash) = valid else {
            diagnostics.push(
                Code::Syntax,
                hash_span,
                "a hash is 8 lowercase hex digits, written by `peerpath translate --accept`; delete it to have it written again",
            );
            continue;
        };
        if let Some(entry) = entries.get_mut(&(place.clone(), field)) {
            entry.hash = Some(hash);
            found.hash_spans.insert((place.clone(), field), hash_span);
        }
    }
}

/// Reads a `[sources.<id>]`-style group of tables.
fn read_objects(
    group: &str,
    value: &Value<'_>,
    found: &mut Found,
    entries: &mut BTreeMap<(Place, &'static str), Entry>,
    diagnostics: &mut Diagnostics<'_>,
) {
    let DeValue::Table(objects) = value.get_ref() else {
        diagnostics.push(
            Code::Syntax,
            value.span(),
            format!("`{group}` must be tables keyed by id, such as `[{group}.<id>]`"),
        );
        return;
    };
    for (id, object) in objects.iter() {
        let id_text = id.get_ref().as_ref().to_owned();
        let place = match group {
            "sources" => Place::Source(id_text),
            "meters" => Place::Meter(id_text),
            "flags" => Place::Flag(id_text),
            "scenes" => Place::Scene(id_text),
            _ => Place::Ending(id_text),
        };
        found.tables.insert(place.clone(), id.span());
        read_table(object, &place, found, entries, diagnostics);
    }
}

fn read_text(value: &Value<'_>, is_list: bool) -> Result<Text, String> {
    match (value.get_ref(), is_list) {
        (DeValue::String(text), false) => Ok(Text::One(text.as_ref().to_owned())),
        (DeValue::Array(items), true) => items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(text) => Ok(text.as_ref().to_owned()),
                _ => Err("every item must be a string".to_owned()),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Text::List),
        (_, false) => Err("invalid type: expected a string".to_owned()),
        (_, true) => Err("invalid type: expected a list of strings".to_owned()),
    }
}
