//! The audit: what the checker cannot call an error, but a trainer should know before a
//! module is published. Five signals, one file each, over a loaded [`Module`]:
//!
//! 1. [`label_tells`](label_tells::label_tells): can the best option be read off its wording?
//! 2. [`endings_after_harm`](after_harm::endings_after_harm): strong or mixed endings that a
//!    play-through with a harmful choice still reaches, with a witness.
//! 3. [`without_mark`](lasting_mark::without_mark): harmful or risky choices the story forgets.
//! 4. [`toothless_gates`](gates::toothless_gates): conditions that change nothing.
//! 5. [`calibration`](calibration::calibration): each outcome's chance for learners of
//!    different skill.
//!
//! Signals 2, 4 and 5 walk the module's reachable state space (position, meters, flags),
//! stepping with the engine's own [`Session`](crate::Session) up to
//! [`STATE_BOUND`] states. [`bar`] holds the numbers a module must meet. Everything returned
//! is plain data (serde `Serialize`), for the `peerpath audit` command to print.
//!
//! ```
//! use peerpath_engine::{audit::Audit, load};
//! # let text = include_str!("../../tests/fixtures/audit/calibration.toml");
//! let module = load(text).module.expect("a module without errors");
//! let audit = Audit::of(&module);
//! println!("{} misses", audit.misses.len());
//! ```

pub mod after_harm;
pub mod bar;
pub mod calibration;
pub mod checker;
pub mod gates;
pub mod label_tells;
pub mod lasting_mark;
pub mod space;

use std::fmt;

use serde::Serialize;

use crate::module::{Module, Rating};

pub use after_harm::EndingAfterHarm;
pub use bar::Miss;
pub use calibration::{Calibration, Chances, Method};
pub use checker::audit_warnings;
pub use gates::{GateKind, ToothlessGate};
pub use label_tells::{LabelTells, SceneTells, Skipped, WARM_WORDING};
pub use lasting_mark::WithoutMark;
pub use space::{StateSpace, STATE_BOUND};

/// A choice in a scene, by id, as findings name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceRef {
    /// The scene's id.
    pub scene: String,
    /// The choice's id.
    pub choice: String,
    /// The choice's rating.
    pub rating: Option<Rating>,
}

impl ChoiceRef {
    /// The choice at these indices, if there is one.
    pub(crate) fn of(module: &Module, scene: usize, choice: usize) -> Option<ChoiceRef> {
        let scene = module.scenes.get(scene)?;
        let choice = scene.choices().get(choice)?;
        Some(ChoiceRef {
            scene: scene.id.clone(),
            choice: choice.id.clone(),
            rating: choice.rating,
        })
    }
}

impl fmt::Display for ChoiceRef {
    /// `scene/choice`, with `(harmful)` or another rating after it when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.scene, self.choice)?;
        match self.rating {
            Some(rating) => write!(f, " ({})", rating.as_str()),
            None => Ok(()),
        }
    }
}

/// How much of the state space the audit saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Exploration {
    /// Distinct states visited (decision scenes and endings, with meters and flags).
    pub states: usize,
    /// Whether every reachable state was visited; when false, findings are real but some
    /// may be missing, and "always"/"never" gate findings are not judged.
    pub complete: bool,
    /// The most states the audit visits.
    pub bound: usize,
}

/// Everything the audit found in one module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    /// The module's id.
    pub module: String,
    /// How much of the state space was seen.
    pub exploration: Exploration,
    /// Signal 1.
    pub label_tells: LabelTells,
    /// Signal 2: strong and mixed endings reachable after a harmful choice.
    pub endings_after_harm: Vec<EndingAfterHarm>,
    /// Signal 3: harmful and risky choices without a lasting mark.
    pub without_mark: Vec<WithoutMark>,
    /// Signal 4.
    pub toothless_gates: Vec<ToothlessGate>,
    /// Signal 5.
    pub calibration: Calibration,
    /// Every way the module misses the [`bar`]; empty when it meets it.
    pub misses: Vec<Miss>,
}

impl Audit {
    /// Audits a module, exploring up to [`STATE_BOUND`] states.
    pub fn of(module: &Module) -> Audit {
        Audit::with_bound(module, STATE_BOUND)
    }

    /// Audits a module, exploring up to `bound` states.
    pub fn with_bound(module: &Module, bound: usize) -> Audit {
        let space = space::StateSpace::explore(module, bound);
        let mut audit = Audit {
            module: module.id.clone(),
            exploration: Exploration {
                states: space.states.len(),
                complete: space.complete,
                bound,
            },
            label_tells: label_tells::label_tells(module),
            endings_after_harm: after_harm::endings_after_harm(module, &space),
            without_mark: lasting_mark::without_mark(module),
            toothless_gates: gates::toothless_gates(module, &space),
            calibration: calibration::calibration(module, &space),
            misses: Vec::new(),
        };
        audit.misses = bar::misses(&audit);
        audit
    }

    /// Whether the module meets the bar.
    pub fn meets_bar(&self) -> bool {
        self.misses.is_empty()
    }
}

/// A count as a float, for rates. Counts here are far below 2^32; a larger one saturates.
pub(crate) fn ratio(count: usize) -> f64 {
    u32::try_from(count).map_or(f64::from(u32::MAX), f64::from)
}
