//! The module file as written: serde shapes that keep the position of everything the checker
//! may need to point at. Nothing here is trusted; `load` turns it into a checked [`Module`].
//!
//! [`Module`]: crate::Module

use std::collections::BTreeMap;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::module::{Audience, Outcome, Rating};

/// The only format version this engine reads.
pub const FORMAT_VERSION: i64 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub meters: Vec<RawMeter>,
    #[serde(default)]
    pub flags: Vec<RawFlag>,
    pub scenes: Vec<RawScene>,
    pub endings: Vec<RawEnding>,
}

/// Read first, on its own, so that a file written for a newer format gets a clear message
/// instead of complaints about fields this version does not know.
#[derive(Deserialize)]
pub(crate) struct FormatProbe {
    pub format: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub id: Spanned<String>,
    pub title: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMeter {
    pub id: Spanned<String>,
    pub label: String,
    pub min: Spanned<i64>,
    pub max: Spanned<i64>,
    pub start: Spanned<i64>,
    #[serde(default)]
    pub visible: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFlag {
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub start: bool,
    #[serde(default)]
    pub visible: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScene {
    pub id: Spanned<String>,
    pub speaker: Option<String>,
    pub text: Option<String>,
    pub image: Option<RawImage>,
    pub facilitator_notes: Option<String>,
    pub discussion: Option<String>,
    #[serde(default)]
    pub choices: Vec<RawChoice>,
    #[serde(default)]
    pub routes: Vec<RawRoute>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImage {
    pub src: Spanned<String>,
    pub alt: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChoice {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    #[serde(rename = "if")]
    pub condition: Option<Spanned<String>>,
    pub unavailable: Option<Spanned<String>>,
    #[serde(default)]
    pub effects: BTreeMap<Spanned<String>, Spanned<EffectValue>>,
    pub goto: Spanned<String>,
    pub feedback: Option<String>,
    pub rating: Option<Rating>,
    #[serde(default)]
    pub competencies: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRoute {
    #[serde(rename = "if")]
    pub condition: Option<Spanned<String>>,
    pub goto: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEnding {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub outcome: Outcome,
    pub text: String,
    #[serde(default)]
    pub takeaways: Vec<String>,
    #[serde(default)]
    pub reflection: Vec<String>,
    #[serde(default)]
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

impl<'de> Deserialize<'de> for EffectValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EffectVisitor;
        impl Visitor<'_> for EffectVisitor {
            type Value = EffectValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number (to move a meter) or true/false (to set a flag)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<EffectValue, E> {
                Ok(EffectValue::Add(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<EffectValue, E> {
                i64::try_from(v)
                    .map(EffectValue::Add)
                    .map_err(|_| E::custom("this number is far too large for an effect"))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<EffectValue, E> {
                Ok(EffectValue::Set(v))
            }
        }
        deserializer.deserialize_any(EffectVisitor)
    }
}
