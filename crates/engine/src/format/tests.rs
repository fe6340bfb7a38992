//! Reading tables by key: a value lands in the field of its own name, whatever the order of
//! a field list.

use super::*;

fn document(text: &str) -> Value<'_> {
    match parse_document(text) {
        Ok(document) => document,
        Err(error) => panic!("test TOML does not parse: {}", error.message),
    }
}

/// What `walk_table` hands a reader that knows `a`, `b` and `c`: each key with its value.
fn walked(fields: &[&str]) -> Vec<(String, i64)> {
    let table = document("c = 3\na = 1\nb = 2\n");
    let mut seen = Vec::new();
    let result = walk_table(&table, "a test table", fields, |key, value| {
        if !matches!(key, "a" | "b" | "c") {
            return Ok(Field::Unknown);
        }
        seen.push((key.to_owned(), integer(value, "i64")?));
        Ok(Field::Known)
    });
    assert!(result.is_ok(), "{fields:?}");
    seen
}

/// Ensures every order of the field list gives each value to its own key.
#[test]
fn field_list_order_does_not_move_values() {
    let expected = vec![
        ("c".to_owned(), 3),
        ("a".to_owned(), 1),
        ("b".to_owned(), 2),
    ];
    for fields in [
        ["a", "b", "c"],
        ["a", "c", "b"],
        ["b", "a", "c"],
        ["b", "c", "a"],
        ["c", "a", "b"],
        ["c", "b", "a"],
    ] {
        assert_eq!(walked(&fields), expected, "{fields:?}");
    }
}

/// Ensures a key the reader does not handle is an error, even when the field list names it:
/// a list out of step with its reader can never read a value into another field.
#[test]
fn listed_but_unread_key_is_an_error() {
    let table = document("a = 1\nb = 2\n");
    let result = walk_table(&table, "a test table", &["a", "b"], |key, _| {
        Ok(if key == "a" {
            Field::Known
        } else {
            Field::Unknown
        })
    });
    let Err(error) = result else {
        panic!("`b` was accepted without being read");
    };
    assert_eq!(error.message, "unknown field `b`, expected `a` or `b`");
}

/// Ensures every reader reads each field its list names, so no listed field is refused.
#[test]
fn every_listed_field_is_read() {
    type Reader = fn(&Value<'_>) -> Option<String>;
    fn message<T>(read: Read<T>) -> Option<String> {
        read.err().map(|error| error.message)
    }
    let readers: [(&str, &[&str], Reader); 9] = [
        ("module", RawModule::FIELDS, |v| message(RawModule::read(v))),
        ("source", RawSource::FIELDS, |v| message(RawSource::read(v))),
        ("meter", RawMeter::FIELDS, |v| message(RawMeter::read(v))),
        ("flag", RawFlag::FIELDS, |v| message(RawFlag::read(v))),
        ("scene", RawScene::FIELDS, |v| message(RawScene::read(v))),
        ("image", RawImage::FIELDS, |v| message(RawImage::read(v))),
        ("choice", RawChoice::FIELDS, |v| message(RawChoice::read(v))),
        ("route", RawRoute::FIELDS, |v| message(RawRoute::read(v))),
        ("ending", RawEnding::FIELDS, |v| message(RawEnding::read(v))),
    ];
    for (table, fields, read) in readers {
        for field in fields {
            // A float is the wrong type for every field, so reading stops at this one.
            let text = format!("{field} = 1.5\n");
            let found = read(&document(&text)).unwrap_or_default();
            assert!(
                found.starts_with("invalid type"),
                "{table}.{field}: {found}"
            );
        }
        let found = read(&document("no_such_field = 1\n")).unwrap_or_default();
        assert!(found.starts_with("unknown field"), "{table}: {found}");
    }
}
