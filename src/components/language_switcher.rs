use yew::prelude::*;

use crate::i18n::{use_language, Lang};

/// The languages the interface speaks, each named in itself and marked with its own `lang`
/// (so a screen reader says "Español" in Spanish). The one in force is pressed.
#[component]
pub fn LanguageSwitcher() -> Html {
    let language = use_language();
    let s = language.lang.common();
    html! {
        <div class="language-switcher" role="group" aria-label={s.language}>
            { for Lang::ALL.into_iter().map(|lang| {
                let set = language.set.clone();
                let pressed = lang == language.lang;
                html! {
                    <button
                        type="button"
                        class="button button-quiet language"
                        lang={lang.code()}
                        aria-pressed={if pressed { "true" } else { "false" }}
                        onclick={Callback::from(move |_: MouseEvent| set.emit(lang))}
                    >
                        { lang.name() }
                    </button>
                }
            }) }
        </div>
    }
}
