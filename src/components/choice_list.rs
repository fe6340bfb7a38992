use yew::prelude::*;

use crate::i18n::use_lang;

/// A choice as the player offers it.
#[derive(Clone, PartialEq)]
pub struct ChoiceOption {
    pub id: AttrValue,
    pub label: AttrValue,
    /// Why it cannot be taken now; `None` when it can.
    pub unavailable: Option<AttrValue>,
}

#[derive(Properties, PartialEq)]
pub struct ChoiceListProps {
    /// The options, in the module's order.
    pub choices: Vec<ChoiceOption>,
    /// Called with the id of the choice the learner takes.
    pub on_choose: Callback<AttrValue>,
}

/// The learner's options as a numbered list of buttons; unavailable ones stay visible,
/// disabled, with their reason.
#[component]
pub fn ChoiceList(props: &ChoiceListProps) -> Html {
    let s = use_lang().learner();
    html! {
        <ol class="choices">
            { for props.choices.iter().map(|choice| {
                let reason_id = format!("reason-{}", choice.id);
                let onclick = {
                    let on_choose = props.on_choose.clone();
                    let id = choice.id.clone();
                    Callback::from(move |_: MouseEvent| on_choose.emit(id.clone()))
                };
                match &choice.unavailable {
                    None => html! {
                        <li key={choice.id.to_string()}>
                            <button type="button" class="choice" {onclick}>{ &choice.label }</button>
                        </li>
                    },
                    Some(reason) => html! {
                        <li key={choice.id.to_string()}>
                            <button type="button" class="choice" disabled=true aria-describedby={reason_id.clone()}>{ &choice.label }</button>
                            <p id={reason_id} class="choice-reason">{ s.not_available }{ reason }</p>
                        </li>
                    },
                }
            }) }
        </ol>
    }
}
