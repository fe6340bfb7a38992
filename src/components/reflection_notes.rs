use std::collections::BTreeMap;

use peerpath_engine::markdown::Prose;
use peerpath_engine::progress::reflection_key;
use yew::prelude::*;

use crate::components::markdown::Markdown;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct ReflectionNotesProps {
    /// The ending whose prompts these are (part of each note's key).
    pub ending: AttrValue,
    /// The reflection prompts, in the module's words.
    pub prompts: Vec<Prose>,
    /// Notes saved earlier, by reflection key (the fields start with them).
    pub notes: BTreeMap<String, String>,
    /// Called with (key, text) on every change, so notes are saved as the learner types.
    pub on_note: Callback<(String, String)>,
}

/// The debrief's reflection prompts, each with a place to write.
#[component]
pub fn ReflectionNotes(props: &ReflectionNotesProps) -> Html {
    let s = use_lang().learner();
    if props.prompts.is_empty() {
        return html! {};
    }
    html! {
        <section class="reflection" aria-labelledby="reflection-heading">
            <h3 id="reflection-heading">{ s.to_reflect_on }</h3>
            <p class="hint">{ s.reflection_hint }</p>
            { for props.prompts.iter().enumerate().map(|(index, prompt)| {
                let key = reflection_key(&props.ending, index);
                let field_id = format!("reflection-{index}");
                let label_id = format!("{field_id}-label");
                let saved = props.notes.get(&key).cloned().unwrap_or_default();
                let oninput = {
                    let on_note = props.on_note.clone();
                    let key = key.clone();
                    Callback::from(move |event: InputEvent| {
                        if let Some(area) = event.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                            on_note.emit((key.clone(), area.value()));
                        }
                    })
                };
                html! {
                    <div class="reflection-prompt" key={key.clone()}>
                        <div id={label_id.clone()} class="reflection-label"><Markdown prose={prompt.clone()} heading_base={4} /></div>
                        <textarea id={field_id} aria-labelledby={label_id} rows="4" defaultvalue={saved} {oninput} />
                    </div>
                }
            }) }
        </section>
    }
}
