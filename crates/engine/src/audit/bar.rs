//! The bar every module must meet (issue 10), as numbers in one place, and the check of an
//! audit against it. modules/README.md ("Auditing a module") states the same numbers.

use serde::Serialize;

use super::Audit;

/// How far above chance a label tell's rate may be.
pub const LABEL_TELL_MARGIN: f64 = 0.10;
/// A learner with p = 0.9 reaches a strong ending at least this often.
pub const P90_MIN_STRONG: f64 = 0.40;
/// A learner with p = 0.7 reaches a strong ending at least this often …
pub const P70_MIN_STRONG: f64 = 0.15;
/// … and at most this often.
pub const P70_MAX_STRONG: f64 = 0.75;
/// A learner with p = 0.5 reaches a strong ending at most this often …
pub const P50_MAX_STRONG: f64 = 0.50;
/// … and a difficult ending at least this often.
pub const P50_MIN_DIFFICULT: f64 = 0.10;

/// One way a module misses the bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// A stable name for the rule: `strong-after-harm`, `harm-without-mark`,
    /// `best-is-longest`, `only-warm`, `calibration-p90`, `calibration-p70`,
    /// `calibration-p50` or `incomplete`.
    pub rule: &'static str,
    /// What was found against what the bar asks, in plain English.
    pub detail: String,
}

/// Every way the audited module misses the bar; empty when it meets it.
pub fn misses(audit: &Audit) -> Vec<Miss> {
    let mut misses = Vec::new();
    let mut miss = |rule, detail: String| misses.push(Miss { rule, detail });
    if !audit.exploration.complete {
        miss(
            "incomplete",
            format!(
                "exploration stopped at {} states, so no finding can be ruled out",
                audit.exploration.states
            ),
        );
    }
    let strong: Vec<&str> = audit
        .endings_after_harm
        .iter()
        .filter(|e| e.outcome == crate::module::Outcome::Strong)
        .map(|e| e.ending.as_str())
        .collect();
    if !strong.is_empty() {
        miss(
            "strong-after-harm",
            format!(
                "strong ending{} reachable after a harmful choice: {}",
                if strong.len() == 1 { "" } else { "s" },
                strong.join(", ")
            ),
        );
    }
    let unmarked: Vec<String> = audit
        .without_mark
        .iter()
        .filter(|w| w.rating == crate::module::Rating::Harmful)
        .map(|w| format!("{}/{}", w.scene, w.choice))
        .collect();
    if !unmarked.is_empty() {
        miss(
            "harm-without-mark",
            format!(
                "harmful choices without a lasting mark: {}",
                unmarked.join(", ")
            ),
        );
    }
    let tells = &audit.label_tells;
    let limit = tells.chance + LABEL_TELL_MARGIN;
    for (rule, rate, what) in [
        (
            "best-is-longest",
            tells.best_is_longest,
            "best option is the longest",
        ),
        (
            "only-warm",
            tells.only_warm,
            "only the best option has warm wording",
        ),
    ] {
        if rate > limit + f64::EPSILON {
            miss(
                rule,
                format!(
                    "{what} in {rate:.2} of scenes; chance {:.2}, limit {limit:.2}",
                    tells.chance
                ),
            );
        }
    }
    for chances in &audit.calibration.learners {
        let (strong, difficult) = (chances.strong, chances.difficult);
        let (rule, fails, wants) = match chances.p {
            p if (p - 0.9).abs() < 1e-9 => (
                "calibration-p90",
                strong < P90_MIN_STRONG,
                format!("P(strong) ≥ {P90_MIN_STRONG:.2}"),
            ),
            p if (p - 0.7).abs() < 1e-9 => (
                "calibration-p70",
                !(P70_MIN_STRONG..=P70_MAX_STRONG).contains(&strong),
                format!("{P70_MIN_STRONG:.2} ≤ P(strong) ≤ {P70_MAX_STRONG:.2}"),
            ),
            p if (p - 0.5).abs() < 1e-9 => (
                "calibration-p50",
                strong > P50_MAX_STRONG || difficult < P50_MIN_DIFFICULT,
                format!(
                    "P(strong) ≤ {P50_MAX_STRONG:.2} and P(difficult) ≥ {P50_MIN_DIFFICULT:.2}"
                ),
            ),
            _ => continue,
        };
        if fails {
            miss(
                rule,
                format!(
                    "p = {}: P(strong) {strong:.3}, P(difficult) {difficult:.3}; the bar asks {wants}",
                    chances.p
                ),
            );
        }
    }
    misses
}
