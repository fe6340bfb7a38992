//! Writing a translation file: what `peerpath translate` does.

use std::collections::{BTreeMap, BTreeSet};

use super::{language_name, Entry, Place, Text, Unit, TRANSLATION_FORMAT};

/// Writes a translation file for `units` (the English module's, from [`units_of`](super::units_of)) in
/// `language`, keeping every existing entry. A translated field keeps its text and hash (with
/// `accept`, every translated field gets the hash of the current English: a person has
/// checked them). A field not translated yet is written empty, under its English as `# en:`
/// comment lines; a field whose English changed keeps its translation, under the new English.
/// Entries for ids the module no longer has are kept at the end, for a person to delete.
/// What `peerpath translate` writes.
pub fn write_translation(
    module_id: &str,
    language: &str,
    units: &[Unit],
    existing: &BTreeMap<(Place, &'static str), Entry>,
    accept: bool,
) -> String {
    struct Field {
        name: &'static str,
        text: Text,
        hash: Option<String>,
        /// The English, shown above the field when it needs a translator.
        english: Option<Text>,
    }
    let mut out = String::new();
    let name = language_name(language).unwrap_or(language);
    out.push_str(&format!(
        "# {name} translation of the module `{module_id}`: text only, keyed by the module's ids;\n\
         # branching lives in the English file. An empty field is not translated yet: its English\n\
         # is in the `# en:` lines above it. Once you have translated or updated fields, run\n\
         # `peerpath translate <module>.toml --lang {language} --accept` to record what they translate.\n\
         format = {TRANSLATION_FORMAT}\nmodule = {}\nlanguage = {}\n",
        toml_string(module_id),
        toml_string(language)
    ));
    let mut groups: Vec<(Place, Vec<Field>)> = Vec::new();
    for unit in units {
        let current = unit.english.hash();
        let field = match existing.get(&(unit.place.clone(), unit.field)) {
            Some(entry) if !entry.text.is_blank() => {
                let hash = if accept {
                    Some(current.clone())
                } else {
                    entry.hash.clone()
                };
                let stale = hash.as_deref() != Some(current.as_str());
                Field {
                    name: unit.field,
                    text: entry.text.clone(),
                    hash,
                    english: stale.then(|| unit.english.clone()),
                }
            }
            _ => Field {
                name: unit.field,
                text: match &unit.english {
                    Text::One(_) => Text::One(String::new()),
                    Text::List(items) => Text::List(vec![String::new(); items.len()]),
                },
                hash: None,
                english: Some(unit.english.clone()),
            },
        };
        match groups.last_mut() {
            Some((place, fields)) if *place == unit.place => fields.push(field),
            _ => groups.push((unit.place.clone(), vec![field])),
        }
    }
    let known: BTreeSet<Place> = units.iter().map(|unit| unit.place.clone()).collect();
    let translated = groups.len();
    for ((place, field), entry) in existing {
        if known.contains(place) {
            continue;
        }
        let field = Field {
            name: field,
            text: entry.text.clone(),
            hash: entry.hash.clone(),
            english: None,
        };
        let among_orphans = groups.len() > translated;
        match groups.last_mut() {
            Some((last, fields)) if among_orphans && last == place => fields.push(field),
            _ => groups.push((place.clone(), vec![field])),
        }
    }
    for (index, (place, fields)) in groups.iter().enumerate() {
        if index == translated {
            out.push_str("\n# Entries for ids the module no longer has: delete them once nothing in them is needed.\n");
        }
        if let Some(table) = place.table() {
            out.push_str(&format!("\n[{table}]\n"));
        }
        let mut hashes = Vec::new();
        for field in fields {
            if let Some(english) = &field.english {
                let lines = match english {
                    Text::One(text) => text.trim().to_owned(),
                    Text::List(items) => items
                        .iter()
                        .map(|item| format!("- {item}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                };
                for line in lines.lines() {
                    out.push_str(&format!("# en: {line}\n").replace("# en: \n", "# en:\n"));
                }
            }
            out.push_str(&format!("{} = {}\n", field.name, toml_text(&field.text)));
            if let Some(hash) = &field.hash {
                hashes.push(format!("{} = \"{hash}\"", field.name));
            }
        }
        if !hashes.is_empty() {
            out.push_str(&format!("hashes = {{ {} }}\n", hashes.join(", ")));
        }
    }
    out
}

/// A TOML basic string (JSON's escaping is valid TOML).
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A text as TOML: a multi-line string when it has line breaks, a list for a list.
fn toml_text(text: &Text) -> String {
    match text {
        Text::One(one) if one.contains('\n') => {
            let escaped = one
                .replace('\\', "\\\\")
                .replace("\"\"\"", "\"\"\\\"")
                .replace('\r', "\\r");
            // A closing quote right before the delimiter would end the string early.
            let escaped = match escaped.strip_suffix('"') {
                Some(rest) => format!("{rest}\\\""),
                None => escaped,
            };
            format!("\"\"\"\n{escaped}\"\"\"")
        }
        Text::One(one) => toml_string(one),
        Text::List(items) => {
            let lines: Vec<String> = items
                .iter()
                .map(|item| format!("  {},\n", toml_string(item)))
                .collect();
            format!("[\n{}]", lines.concat())
        }
    }
}
