use yew::prelude::*;

use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    /// The button's words, e.g. "Reset this module".
    pub label: AttrValue,
    /// What will happen, asked before doing it.
    pub question: AttrValue,
    /// The confirming button's words, e.g. "Yes, reset it".
    pub confirm: AttrValue,
    /// Called once the learner confirms.
    pub on_confirm: Callback<()>,
}

/// A button that asks first: the question and two choices appear in place, and focus moves
/// to the safe one.
#[component]
pub fn ConfirmButton(props: &ConfirmButtonProps) -> Html {
    let s = use_lang().learner();
    let asking = use_state(|| false);
    let cancel_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with(*asking, move |asking| {
            if *asking {
                if let Some(button) = cancel_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    if !*asking {
        let ask = {
            let asking = asking.clone();
            Callback::from(move |_: MouseEvent| asking.set(true))
        };
        return html! { <button type="button" class="button" onclick={ask}>{ &props.label }</button> };
    }
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    let confirm = {
        let asking = asking.clone();
        let on_confirm = props.on_confirm.clone();
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            on_confirm.emit(());
        })
    };
    html! {
        <div class="confirm" role="group" aria-label={props.label.clone()}>
            <p>{ &props.question }</p>
            <button type="button" class="button button-danger" onclick={confirm}>{ &props.confirm }</button>
            <button type="button" class="button" ref={cancel_ref} onclick={cancel}>{ s.cancel }</button>
        </div>
    }
}
