use peerpath_engine::Rating;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RatingBadgeProps {
    /// The authors' rating of a choice; none shows nothing.
    pub rating: Option<Rating>,
}

/// A choice's rating, in words and colour (never colour alone).
#[component]
pub fn RatingBadge(props: &RatingBadgeProps) -> Html {
    match props.rating {
        Some(rating) => html! {
            <span class={classes!("badge", format!("rating-{}", rating.as_str()))}>{ rating.label() }</span>
        },
        None => html! {},
    }
}
