//! What a play-through tells a learning platform: an LMS through SCORM, an LRS through xAPI.
//!
//! Everything here is pure: it turns the engine's [`Event`](crate::Event)s into the values a
//! standard asks for (a score, passed or failed, data-model elements, times in each
//! standard's own format), and the host sends them. The rules, once, for every standard:
//!
//! - **Completion** when an ending is reached.
//! - **Success:** passed when the ending's outcome is at least as good as the module's
//!   [`passing`](crate::Module::passing) outcome (mixed unless the module sets its own).
//! - **Score:** the share of rated decisions that the authors rate recommended or
//!   acceptable ([`Score`]).
//! - **Never downgrade:** a later play-through never turns passed into failed or lowers the
//!   score a platform already holds; the best play-through stands.

pub mod scorm;
pub mod time;
pub mod xapi;

use serde::{Deserialize, Serialize};

use crate::module::{Module, Outcome, Rating};
use crate::save::{RestoreError, SavedSession, SAVE_VERSION};

/// How many characters SCORM 1.2 keeps in `cmi.suspend_data`. Every shipped module's
/// longest path must fit (a test and `peerpath package` check it).
pub const SCORM12_SUSPEND_LIMIT: usize = 4096;

/// How a play-through scored: the decisions the authors rate recommended or acceptable,
/// out of the decisions that carry a rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Decisions rated recommended or acceptable.
    pub good: u32,
    /// Decisions with a rating.
    pub rated: u32,
}

impl Score {
    /// The score of these ratings (one per decision, in order), or `None` when no decision
    /// was rated: a share of nothing is not a score.
    pub fn of(ratings: &[Option<Rating>]) -> Option<Score> {
        let rated = ratings.iter().flatten();
        let good = rated
            .clone()
            .filter(|r| matches!(r, Rating::Recommended | Rating::Acceptable))
            .count();
        let rated = rated.count();
        let (good, rated) = (u32::try_from(good).ok()?, u32::try_from(rated).ok()?);
        (rated > 0).then_some(Score { good, rated })
    }

    /// The share as a whole percentage, rounded half up (0 to 100).
    pub fn percent(self) -> u32 {
        self.share_in(100)
    }

    /// The share in ten-thousandths, rounded half up (0 to 10,000): what standards that
    /// take a decimal share get, written by [`Score::scaled_text`].
    pub fn ten_thousandths(self) -> u32 {
        self.share_in(10_000)
    }

    /// The share as a decimal with four places, `0.6667`, in integers: the browser player
    /// carries no float formatting for it.
    pub fn scaled_text(self) -> String {
        let share = self.ten_thousandths();
        format!("{}.{:04}", share / 10_000, share % 10_000)
    }

    fn share_in(self, whole: u64) -> u32 {
        let (good, rated) = (u64::from(self.good), u64::from(self.rated.max(1)));
        // At most `whole`, since good <= rated.
        u32::try_from((good * whole + rated / 2) / rated).unwrap_or(u32::MAX)
    }
}

/// Reads a non-negative decimal such as `0.75`, `80` or `66.5` as a number of
/// `1 / 10^places` units, without float parsing (the browser player carries none); `None`
/// for anything else (a sign, an exponent, too many digits).
pub fn parse_decimal(text: &str, places: u32) -> Option<u64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || whole.len() > 9
    {
        return None;
    }
    let mut value: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut fraction = fraction.bytes();
    for _ in 0..places {
        let digit = fraction.next().map_or(0, |b| u64::from(b - b'0'));
        value = value * 10 + digit;
    }
    Some(value)
}

/// A scene's opening words, as reports describe it (SCORM 2004's interaction description
/// holds at most 250 characters; xAPI statements use the same).
pub fn scene_excerpt(module: &Module, scene: &str) -> Option<String> {
    Some(
        module
            .scene(scene)?
            .text
            .plain_text()
            .chars()
            .take(250)
            .collect(),
    )
}

/// Whether an ending with `outcome` passes a module whose weakest passing outcome is
/// `passing`.
pub fn passes(outcome: Outcome, passing: Outcome) -> bool {
    // Outcomes are ordered best first.
    outcome <= passing
}

/// What a platform keeps to resume a learner where they paused (SCORM's
/// `cmi.suspend_data`): the attempt and its saved session. Small and versioned, like every
/// save; its JSON must fit [`SCORM12_SUSPEND_LIMIT`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    /// The attempt's id (PeerPath's, as in the progress store).
    pub attempt: String,
    /// Played in assessment mode.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assessment: bool,
    /// Where the attempt stands.
    pub session: SavedSession,
}

/// The longest attempt id a [`Resume`] accepts; PeerPath's own are about 24 characters.
pub const MAX_ATTEMPT_ID: usize = 64;
/// The most decisions a [`Resume`] accepts; far beyond any module's longest path.
pub const MAX_RESUME_DECISIONS: usize = 1000;

impl Resume {
    /// The compact JSON a platform keeps.
    pub fn to_text(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads what a platform kept for `module` (see [`Resume::check`]).
    pub fn from_text(text: &str, module: &str) -> Result<Resume, RestoreError> {
        let resume: Resume = serde_json::from_str(text).map_err(|e| RestoreError::Malformed {
            reason: e.to_string(),
        })?;
        resume.check(module)
    }

    /// Checks every part of what a platform kept for `module`: it came from outside, and a
    /// damaged one must be refused with a reason, never half-used. (The browser player reads
    /// the JSON with the browser's own parser, then calls this.)
    pub fn check(self, module: &str) -> Result<Resume, RestoreError> {
        let resume = self;
        let malformed = |reason: String| RestoreError::Malformed { reason };
        let attempt_ok = !resume.attempt.is_empty()
            && resume.attempt.len() <= MAX_ATTEMPT_ID
            && resume
                .attempt
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !attempt_ok {
            return Err(malformed(format!(
                "the attempt id `{}` is not one PeerPath writes",
                resume.attempt.chars().take(80).collect::<String>()
            )));
        }
        if resume.session.min_reader > SAVE_VERSION {
            return Err(RestoreError::TooNew {
                version: resume.session.version,
                min_reader: resume.session.min_reader,
            });
        }
        if resume.session.module != module {
            return Err(RestoreError::WrongModule {
                expected: module.to_owned(),
                found: resume.session.module,
            });
        }
        if resume.session.decisions.len() > MAX_RESUME_DECISIONS {
            return Err(malformed(format!(
                "it holds {} decisions, more than any module has",
                resume.session.decisions.len()
            )));
        }
        Ok(resume)
    }
}

#[cfg(test)]
mod tests;
