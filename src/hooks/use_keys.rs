use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Calls `on_key` with each key pressed anywhere on the page, except while the user types in
/// a field (so vote counts can be typed); Escape leaves the field, so the keys work again.
/// The callback decides what a key means.
#[hook]
pub fn use_keys(on_key: Callback<web_sys::KeyboardEvent>) {
    use_effect_with(on_key, |on_key| {
        let on_key = on_key.clone();
        let listener = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(
            move |event: web_sys::KeyboardEvent| {
                let field = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                    .filter(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                if let Some(field) = field {
                    if event.key() == "Escape" {
                        let _ = field.blur();
                    }
                } else if !event.ctrl_key() && !event.meta_key() && !event.alt_key() {
                    on_key.emit(event);
                }
            },
        );
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(document) = &document {
            let _ = document
                .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(document) = &document {
                let _ = document.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
