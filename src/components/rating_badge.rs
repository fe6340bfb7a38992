use peerpath_engine::Rating;
use yew::prelude::*;

use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct RatingBadgeProps {
    /// The authors' rating of a choice; none shows nothing.
    pub rating: Option<Rating>,
}

/// A choice's rating, in words and colour (never colour alone).
#[component]
pub fn RatingBadge(props: &RatingBadgeProps) -> Html {
    let s = use_lang().learner();
    match props.rating {
        Some(rating) => html! {
            <span class={classes!("badge", format!("rating-{}", rating.as_str()))}>{ s.rating(rating) }</span>
        },
        None => html! {},
    }
}
