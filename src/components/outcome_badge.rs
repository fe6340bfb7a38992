use peerpath_engine::Outcome;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutcomeBadgeProps {
    /// How the ending turned out.
    pub outcome: Outcome,
}

/// An ending's outcome, in words and colour.
#[component]
pub fn OutcomeBadge(props: &OutcomeBadgeProps) -> Html {
    html! {
        <span class={classes!("badge", format!("outcome-{}", props.outcome.as_str()))}>{ props.outcome.label() }</span>
    }
}
