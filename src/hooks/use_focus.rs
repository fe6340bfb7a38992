use yew::prelude::*;

/// Moves keyboard and screen-reader focus to `target` whenever `key` changes, so each new
/// page or scene starts at its heading rather than wherever the last button was.
#[hook]
pub fn use_focus<K: PartialEq + 'static>(target: NodeRef, key: K) {
    use_effect_with(key, move |_| {
        if let Some(element) = target.cast::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    });
}
