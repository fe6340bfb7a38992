//! Signal 1, label tells: can the best option be picked from its wording alone?
//!
//! In each decision scene with at least two options and one best-rated option (the best
//! rating held by exactly one choice, ratings ordered recommended > acceptable > risky >
//! harmful), two tells are scored:
//!
//! - **best is longest**: 1 when the best label has strictly more characters than every
//!   other label; when it ties for longest with `t` others, `1 / (t + 1)` (the chance that a
//!   reader who picks a longest label at random picks it); otherwise 0.
//! - **only warm**: 1 when the best label has [warm wording](WARM_WORDING) and no other
//!   label in the scene does; otherwise 0.
//!
//! Each is averaged over the counted scenes and compared with chance, the mean of `1 / k`
//! over the same scenes (`k` options each). All of a scene's choices count, gated or not,
//! as the author wrote them. Scenes with no rating, with the best rating shared, or with a
//! single option are listed as skipped and count for nothing.

use serde::Serialize;

use crate::module::Module;

use super::ratio;

/// Words and phrases that sound warm, collaborative or validating, matched as whole words,
/// case-insensitively (curly apostrophes read as straight ones). Distractors should use them
/// as often as best options do. Kept here, in one list, and mirrored in modules/README.md.
pub const WARM_WORDING: &[&str] = &[
    "together",
    "with them",
    "with her",
    "with him",
    "jointly",
    "collaborate",
    "collaborating",
    "ask",
    "asks",
    "asked",
    "asking",
    "what would help",
    "what would",
    "what matters",
    "how would",
    "would you like",
    "open question",
    "listen",
    "listens",
    "listened",
    "listening",
    "hear",
    "hears",
    "acknowledge",
    "acknowledges",
    "acknowledging",
    "thank",
    "thanks",
    "thanking",
    "sorry",
    "apologize",
    "apologise",
    "apologizes",
    "apologises",
    "apology",
    "my mistake",
    "i was wrong",
    "own the",
    "share",
    "shares",
    "sharing",
    "invite",
    "invites",
    "inviting",
    "invitation",
    "validate",
    "validates",
    "validating",
    "check in",
    "checks in",
    "let's",
    "we",
    "welcome",
    "gently",
    "curious",
    "curiosity",
    "explore",
    "support",
    "supports",
    "respect",
    "respects",
    "their choice",
    "her choice",
    "his choice",
    "in their own words",
    "feel",
    "feels",
    "feelings",
];

/// Why a scene was not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skipped {
    /// Fewer than two options: nothing to pick between.
    SingleOption,
    /// No option has a rating.
    NoRating,
    /// Two or more options share the best rating.
    SharedBest,
}

/// One decision scene's tells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneTells {
    /// The scene's id.
    pub scene: String,
    /// How many options the scene lists (gated ones included).
    pub options: usize,
    /// The best-rated option's id, when one option alone holds the best rating.
    pub best: Option<String>,
    /// Why the scene was not counted, if it was not.
    pub skipped: Option<Skipped>,
    /// The best-is-longest score: 1, a tie share, or 0.
    pub best_is_longest: f64,
    /// Whether the best option alone has warm wording.
    pub only_warm: bool,
    /// The options whose labels have warm wording, in scene order.
    pub warm: Vec<String>,
}

/// The tells over a whole module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelTells {
    /// Decision scenes counted.
    pub counted: usize,
    /// The best-is-longest rate over counted scenes (0 when none).
    pub best_is_longest: f64,
    /// The only-warm rate over counted scenes (0 when none).
    pub only_warm: f64,
    /// Chance: the mean of `1 / options` over counted scenes (0 when none).
    pub chance: f64,
    /// Every decision scene, counted or skipped, in file order.
    pub scenes: Vec<SceneTells>,
}

/// Scores every decision scene of the module.
pub fn label_tells(module: &Module) -> LabelTells {
    let scenes: Vec<SceneTells> = module
        .scenes
        .iter()
        .filter(|scene| scene.is_decision())
        .map(|scene| {
            let choices = scene.choices();
            let best_rating = choices.iter().filter_map(|choice| choice.rating).min();
            let best: Vec<usize> = choices
                .iter()
                .enumerate()
                .filter(|(_, choice)| choice.rating.is_some() && choice.rating == best_rating)
                .map(|(index, _)| index)
                .collect();
            let warm: Vec<usize> = choices
                .iter()
                .enumerate()
                .filter(|(_, choice)| has_warm_wording(&choice.label))
                .map(|(index, _)| index)
                .collect();
            let skipped = match (choices.len(), best.as_slice()) {
                (0 | 1, _) => Some(Skipped::SingleOption),
                (_, []) => Some(Skipped::NoRating),
                (_, [_]) => None,
                _ => Some(Skipped::SharedBest),
            };
            let best = match (skipped, best.as_slice()) {
                (None, [only]) => Some(*only),
                _ => None,
            };
            let lengths: Vec<usize> = choices
                .iter()
                .map(|choice| choice.label.trim().chars().count())
                .collect();
            let best_is_longest = best.map_or(0.0, |best| {
                let best_length = lengths.get(best).copied().unwrap_or(0);
                let longest = lengths.iter().copied().max().unwrap_or(0);
                let tied = lengths.iter().filter(|&&length| length == longest).count();
                if best_length == longest {
                    1.0 / ratio(tied)
                } else {
                    0.0
                }
            });
            SceneTells {
                scene: scene.id.clone(),
                options: choices.len(),
                best: best
                    .and_then(|index| choices.get(index))
                    .map(|c| c.id.clone()),
                skipped,
                best_is_longest,
                only_warm: best.is_some_and(|best| warm == [best]),
                warm: warm
                    .iter()
                    .filter_map(|&index| choices.get(index))
                    .map(|choice| choice.id.clone())
                    .collect(),
            }
        })
        .collect();
    let counted: Vec<&SceneTells> = scenes.iter().filter(|s| s.skipped.is_none()).collect();
    let mean = |score: &dyn Fn(&SceneTells) -> f64| {
        if counted.is_empty() {
            0.0
        } else {
            counted.iter().map(|scene| score(scene)).sum::<f64>() / ratio(counted.len())
        }
    };
    LabelTells {
        counted: counted.len(),
        best_is_longest: mean(&|scene| scene.best_is_longest),
        only_warm: mean(&|scene| if scene.only_warm { 1.0 } else { 0.0 }),
        chance: mean(&|scene| 1.0 / ratio(scene.options)),
        scenes,
    }
}

/// Whether a label has any of the [`WARM_WORDING`], as whole words.
pub fn has_warm_wording(label: &str) -> bool {
    let words = words(label);
    WARM_WORDING.iter().any(|phrase| {
        let phrase = words_of_phrase(phrase);
        !phrase.is_empty() && words.windows(phrase.len()).any(|window| window == phrase)
    })
}

fn words_of_phrase(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_owned).collect()
}

/// Lowercase words: letters, digits and apostrophes, with curly apostrophes made straight.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|word| word.trim_matches('\''))
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}
