use yew::prelude::*;

use crate::components::progress_provider::{ProgressContext, ProgressState};

/// The progress store from the nearest `ProgressProvider`. The app always has one; a part
/// rendered without it (in a test) gets an empty store that saves nothing.
#[hook]
pub fn use_progress() -> ProgressContext {
    let detached = use_reducer(ProgressState::default);
    use_context::<ProgressContext>().unwrap_or_else(|| ProgressContext::detached(detached))
}
