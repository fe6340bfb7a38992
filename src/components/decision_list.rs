use peerpath_engine::{Choice, Scene};
use yew::prelude::*;

use crate::components::markdown::Markdown;
use crate::components::rating_badge::RatingBadge;

/// The decisions of a play-through, in order, each with its rating and (when `feedback`) the
/// module's feedback on it: the learner's debrief and the room's ending in assessment mode.
pub fn decision_list(decisions: &[(&Scene, &Choice)], feedback: bool) -> Html {
    html! {
        <ol class="decision-list">
            { for decisions.iter().map(|(scene, choice)| html! {
                <li key={format!("{}-{}", scene.id, choice.id)}>
                    <p class="decision-label">{ &choice.label }{ " " }<RatingBadge rating={choice.rating} /></p>
                    if let (true, Some(text)) = (feedback, &choice.feedback) {
                        <Markdown prose={text.clone()} heading_base={4} />
                    }
                </li>
            }) }
        </ol>
    }
}
