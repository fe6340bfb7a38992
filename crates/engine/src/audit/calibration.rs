//! Signal 5, calibration: how often a learner of a given skill reaches each outcome.
//!
//! The learner picks among the choices available in each state: with probability `p` a
//! recommended one (spread evenly over the available recommended choices), otherwise one of
//! the other available choices, uniformly. When no recommended choice is available, or only
//! recommended ones are, the pick is uniform over what is available.
//!
//! When exploration was complete and no state can lead back to itself, the chances are
//! exact: summed backwards over the state graph in topological order. Otherwise they are
//! estimated by [`SAMPLE_RUNS`] play-throughs from a fixed seed, so the same module always
//! gets the same numbers; a play-through longer than [`MAX_SAMPLE_DECISIONS`] counts as
//! unfinished.

use serde::Serialize;

use crate::module::{Module, Outcome, Rating};
use crate::session::Session;

use super::ratio;
use super::space::{choices_at, step, StateSpace};

/// The learners the audit reports: the chance of picking a recommended option.
pub const LEARNERS: [f64; 3] = [0.5, 0.7, 0.9];

/// Play-throughs sampled per learner when the state graph has cycles or was not explored
/// to the end.
pub const SAMPLE_RUNS: u32 = 20_000;

/// The sampler's seed.
pub const SAMPLE_SEED: u64 = 0x5EED_CA11_B4A7_E000;

/// Decisions after which a sampled play-through is given up as unfinished.
pub const MAX_SAMPLE_DECISIONS: usize = 10_000;

/// How the chances were worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Method {
    /// Exactly, over the acyclic state graph.
    Exact,
    /// By sampling play-throughs.
    Sampled {
        /// Play-throughs per learner.
        runs: u32,
        /// The seed.
        seed: u64,
    },
}

/// One learner's chances of each outcome.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Chances {
    /// The chance of picking a recommended option when one is available.
    pub p: f64,
    /// The chance of a strong ending.
    pub strong: f64,
    /// The chance of a mixed ending.
    pub mixed: f64,
    /// The chance of a difficult ending.
    pub difficult: f64,
    /// The chance of reaching no ending (a sampled play-through cut short, or a step the
    /// engine refused); 0 for a checked module played exactly.
    pub unfinished: f64,
}

/// The module's calibration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// How the chances were worked out.
    pub method: Method,
    /// One entry per learner in [`LEARNERS`].
    pub learners: Vec<Chances>,
    /// A learner who always picks a recommended option when one is available (`p` = 1).
    pub always_recommended: Chances,
}

/// The chances for every learner in [`LEARNERS`], and for an always-recommended one.
pub fn calibration(module: &Module, space: &StateSpace) -> Calibration {
    let order = if space.complete {
        space.topological_order()
    } else {
        None
    };
    let method = match order {
        Some(_) => Method::Exact,
        None => Method::Sampled {
            runs: SAMPLE_RUNS,
            seed: SAMPLE_SEED,
        },
    };
    let chances = |p: f64| match &order {
        Some(order) => exact(module, space, order, p),
        None => sampled(module, p),
    };
    Calibration {
        method,
        learners: LEARNERS.iter().map(|&p| chances(p)).collect(),
        always_recommended: chances(1.0),
    }
}

/// The chance of each option, in the order given, for a learner who picks a recommended one
/// with probability `p`.
pub fn pick_chances(ratings: &[Option<Rating>], p: f64) -> Vec<f64> {
    let recommended = ratings
        .iter()
        .filter(|r| **r == Some(Rating::Recommended))
        .count();
    let others = ratings.len() - recommended;
    ratings
        .iter()
        .map(|rating| {
            if recommended == 0 || others == 0 {
                1.0 / ratio(ratings.len())
            } else if *rating == Some(Rating::Recommended) {
                p / ratio(recommended)
            } else {
                (1.0 - p) / ratio(others)
            }
        })
        .collect()
}

fn rating_of(module: &Module, scene: Option<usize>, choice: usize) -> Option<Rating> {
    module.scenes.get(scene?)?.choices().get(choice)?.rating
}

/// [strong, mixed, difficult] for each state, from the endings backwards.
fn exact(module: &Module, space: &StateSpace, order: &[usize], p: f64) -> Chances {
    let mut value: Vec<[f64; 3]> = vec![[0.0; 3]; space.states.len()];
    for &state in order.iter().rev() {
        let here = if let Some(ending) = space.ending_of(state) {
            let mut one = [0.0; 3];
            if let Some(slot) = module
                .endings
                .get(ending)
                .and_then(|ending| one.get_mut(outcome_slot(ending.outcome)))
            {
                *slot = 1.0;
            }
            one
        } else {
            let edges = space.edges_of(state);
            let scene = space.scene_of(state);
            let ratings: Vec<Option<Rating>> = edges
                .iter()
                .map(|edge| rating_of(module, scene, edge.choice))
                .collect();
            let mut sum = [0.0; 3];
            for (edge, chance) in edges.iter().zip(pick_chances(&ratings, p)) {
                let next = value.get(edge.to).copied().unwrap_or([0.0; 3]);
                for (total, part) in sum.iter_mut().zip(next) {
                    *total += chance * part;
                }
            }
            sum
        };
        if let Some(slot) = value.get_mut(state) {
            *slot = here;
        }
    }
    let [strong, mixed, difficult] = value.first().copied().unwrap_or([0.0; 3]);
    Chances {
        p,
        strong,
        mixed,
        difficult,
        // What rounding leaves over is not a chance of being stuck.
        unfinished: Some(1.0 - strong - mixed - difficult)
            .filter(|rest| *rest > 1e-9)
            .unwrap_or(0.0),
    }
}

fn outcome_slot(outcome: Outcome) -> usize {
    match outcome {
        Outcome::Strong => 0,
        Outcome::Mixed => 1,
        Outcome::Difficult => 2,
    }
}

/// [`SAMPLE_RUNS`] play-throughs with the engine, picking by a seeded generator.
fn sampled(module: &Module, p: f64) -> Chances {
    let mut random = SplitMix64(SAMPLE_SEED);
    let mut counts = [0u32; 4];
    for _ in 0..SAMPLE_RUNS {
        let slot = play_once(module, p, &mut random).map_or(3, outcome_slot);
        if let Some(count) = counts.get_mut(slot) {
            *count += 1;
        }
    }
    let share = |count: u32| f64::from(count) / f64::from(SAMPLE_RUNS);
    let [strong, mixed, difficult, unfinished] = counts.map(share);
    Chances {
        p,
        strong,
        mixed,
        difficult,
        unfinished,
    }
}

fn play_once(module: &Module, p: f64, random: &mut SplitMix64) -> Option<Outcome> {
    let mut state = Session::start(module).ok()?;
    for _ in 0..MAX_SAMPLE_DECISIONS {
        if let Some(ending) = state.ending(module) {
            return Some(ending.outcome);
        }
        let available: Vec<_> = choices_at(module, &state).map(|(_, c)| c).collect();
        let ratings: Vec<Option<Rating>> = available.iter().map(|c| c.rating).collect();
        let mut roll = random.unit();
        let mut picked = available.last().copied();
        for (choice, chance) in available.iter().zip(pick_chances(&ratings, p)) {
            if roll < chance {
                picked = Some(choice);
                break;
            }
            roll -= chance;
        }
        state = step(module, &state, picked?)?;
    }
    None
}

/// A small, well-known generator (Steele, Lea and Flood's SplitMix64): deterministic and
/// the same on every platform, which is all sampling here needs.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1), from the top 32 bits.
    fn unit(&mut self) -> f64 {
        let top = u32::try_from(self.next() >> 32).unwrap_or(u32::MAX);
        f64::from(top) / 4_294_967_296.0
    }
}
