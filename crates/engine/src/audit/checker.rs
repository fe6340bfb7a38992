//! The audit's sound signals as checker warnings: W205 (a strong ending reachable after a
//! harmful choice) and W206 (a harmful choice without a lasting mark). Both only ever report
//! what is certainly so: W205 names a real play-through, W206 a choice whose effects no
//! later condition can read.
//!
//! They come from [`crate::load::load_audited`] (what `peerpath check` and the tests run),
//! not from [`crate::load::load`]: finding them explores every state a learner can reach,
//! which takes seconds for a large module, and the browser loads modules on every visit.

use crate::diagnostic::{Code, Diagnostic};
use crate::format::{self, RawModule};
use crate::module::{Module, Outcome, Rating};

use super::after_harm::endings_after_harm;
use super::lasting_mark::without_mark;
use super::space::{StateSpace, STATE_BOUND};

/// W205 and W206 for a loaded module, positioned in `text`, the file it was loaded from.
/// Positions come from reading `text` again; should that fail (it cannot for the text the
/// module was loaded from), a warning points at the start of the file.
pub fn audit_warnings(module: &Module, text: &str) -> Vec<Diagnostic> {
    let raw = format::parse_document(text)
        .ok()
        .and_then(|document| RawModule::read(&document).ok());
    let ending_span = |id: &str| {
        raw.as_ref()
            .and_then(|raw| raw.endings.iter().find(|e| e.id.get_ref() == id))
            .map_or(0..0, |ending| ending.id.span())
    };
    let choice_span = |scene: &str, choice: &str| {
        raw.as_ref()
            .and_then(|raw| raw.scenes.iter().find(|s| s.id.get_ref() == scene))
            .and_then(|s| s.choices.iter().find(|c| c.id.get_ref() == choice))
            .map_or(0..0, |choice| choice.id.span())
    };
    let mut warnings = Vec::new();
    let space = StateSpace::explore(module, STATE_BOUND);
    for found in endings_after_harm(module, &space) {
        if found.outcome != Outcome::Strong {
            continue;
        }
        let harmful: Vec<String> = found
            .harmful_choices
            .iter()
            .map(|c| format!("`{}` in scene `{}`", c.choice, c.scene))
            .collect();
        let witness: Vec<String> = found.witness.iter().map(ToString::to_string).collect();
        warnings.push(Diagnostic::new(
            Code::StrongAfterHarm,
            text,
            ending_span(&found.ending),
            format!(
                "strong ending `{}` can be reached after the harmful choice{} {}, for example {}; make the harm leave a mark that routes away from this ending",
                found.ending,
                if harmful.len() == 1 { "" } else { "s" },
                harmful.join(", "),
                witness.join(" → "),
            ),
        ));
    }
    for found in without_mark(module) {
        if found.rating != Rating::Harmful {
            continue;
        }
        let changes = if found.changes.is_empty() {
            "changes no meter or flag".to_owned()
        } else {
            format!(
                "changes only {}, which no later condition reads",
                found
                    .changes
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        warnings.push(Diagnostic::new(
            Code::HarmWithoutMark,
            text,
            choice_span(&found.scene, &found.choice),
            format!(
                "harmful choice `{}` in scene `{}` {changes}, so the story forgets it; set a flag or move a meter that a later `if` reads",
                found.choice, found.scene
            ),
        ));
    }
    warnings.sort_by_key(|d| (d.line, d.column, d.code));
    warnings
}
