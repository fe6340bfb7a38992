use yew::prelude::*;

/// Moves keyboard and screen-reader focus to `target` whenever `key` changes, so each new
/// page or scene starts at its heading rather than wherever the last button was. The page
/// scrolls back to the top first: a heading left under the sticky header counts as "in
/// view" to the browser, so focusing it alone would not show it (WCAG 2.4.11).
#[hook]
pub fn use_focus<K: PartialEq + 'static>(target: NodeRef, key: K) {
    use_effect_with(key, move |_| {
        if let Some(element) = target.cast::<web_sys::HtmlElement>() {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
            let _ = element.focus();
        }
    });
}
