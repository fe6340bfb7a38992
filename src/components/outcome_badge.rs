use peerpath_engine::Outcome;
use yew::prelude::*;

use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct OutcomeBadgeProps {
    /// How the ending turned out.
    pub outcome: Outcome,
}

/// An ending's outcome, in words and colour.
#[component]
pub fn OutcomeBadge(props: &OutcomeBadgeProps) -> Html {
    let s = use_lang().learner();
    html! {
        <span class={classes!("badge", format!("outcome-{}", props.outcome.as_str()))}>{ s.outcome(props.outcome) }</span>
    }
}
