use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::hooks::use_keys::use_keys;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct StagePartsProps {
    /// What is on screen (`group_channel::screen_of`): told with the parts, so each new
    /// screen is told even when its parts are as many as the last one's.
    pub screen: AttrValue,
    /// The part asked for, counting from 0. Past the last part the last one shows, and the
    /// ask is kept when the parts shrink (the screen blanked, the tally hidden): the room
    /// comes back to the part it was reading.
    pub part: usize,
    /// Asks for another part, counting from 0: the buttons, Page Down and Page Up.
    pub on_part: Callback<usize>,
    /// Told the part on view and how many there are, counting from 1, when the screen or
    /// either changes.
    pub on_parts: Callback<(usize, usize)>,
    /// The room's view.
    pub children: Html,
}

/// How the room's view fills the screen.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Fit {
    /// How many screens of columns it takes.
    parts: usize,
    /// `split`: a scene's options (or the feedback on the group's choice) start a column of
    /// their own, so the room sees the options all together; `flow`: they follow on, when
    /// only that fits one screen.
    layout: &'static str,
}

/// The audience view's stage, set out to be read from the back of a room: in columns (a
/// scene's text on the left, its options on the right) and, when those are full, in parts
/// shown one at a time, with "Next part" and "Previous part" (Page Down and Page Up, as a
/// clicker sends them). The text never shrinks to fit, nothing is cut off, and nothing moves
/// on by itself. Which part shows is its parent's (the presenter's keys can ask for one too).
#[component]
pub fn StageParts(props: &StagePartsProps) -> Html {
    let t = use_lang().tools();
    let flow = use_node_ref();
    let previous = use_node_ref();
    let next = use_node_ref();
    let fit = use_state_eq(|| Fit {
        parts: 1,
        layout: "split",
    });
    let shown = props.part.min(fit.parts - 1);
    // What was last told, so each change is told once.
    let told = use_mut_ref(|| None::<(AttrValue, usize, usize)>);

    // The content changes with every render: lay it out again, count, and tell.
    {
        let flow = flow.clone();
        let fit = fit.clone();
        let (screen, part, on_parts) = (props.screen.clone(), props.part, props.on_parts.clone());
        use_effect(move || {
            if let Some(element) = flow.cast::<HtmlElement>() {
                let now = measure(&element);
                fit.set(now);
                let telling = (screen, part.min(now.parts - 1) + 1, now.parts);
                if told.borrow().as_ref() != Some(&telling) {
                    on_parts.emit((telling.1, telling.2));
                    *told.borrow_mut() = Some(telling);
                }
            }
        });
    }
    // So does the room for it: a resized window, the part controls coming or going.
    {
        let flow = flow.clone();
        let fit = fit.clone();
        use_effect_with((), move |_| {
            let observed = flow.cast::<HtmlElement>().and_then(|element| {
                let watched = element.clone();
                let callback = Closure::<dyn FnMut()>::new(move || fit.set(measure(&watched)));
                let observer =
                    web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, callback))
            });
            move || {
                if let Some((observer, _callback)) = observed {
                    observer.disconnect();
                }
            }
        });
    }
    // Style set through the CSSOM, which the site's Content-Security-Policy allows.
    {
        let flow = flow.clone();
        use_effect_with(shown, move |shown| {
            if let Some(element) = flow.cast::<HtmlElement>() {
                let _ = element.style().set_property("--part", &shown.to_string());
            }
        });
    }
    // A button that turns disabled under the keyboard hands the focus to the other one.
    {
        let (previous, next) = (previous.clone(), next.clone());
        use_effect_with((shown, fit.parts), move |&(shown, parts)| {
            let (from, to) = if shown + 1 >= parts {
                (next, previous)
            } else if shown == 0 {
                (previous, next)
            } else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let focused = from
                .get()
                .is_some_and(|node| active.is_some() && node.is_same_node(active.as_deref()));
            if let (true, Some(button)) = (focused, to.cast::<HtmlElement>()) {
                let _ = button.focus();
            }
        });
    }
    let on_key = use_callback(
        (shown, fit.parts, props.on_part.clone()),
        move |event: KeyboardEvent, (shown, parts, on_part)| {
            let to = match event.key().as_str() {
                "PageDown" if shown + 1 < *parts => shown + 1,
                "PageUp" if *shown > 0 => shown - 1,
                _ => return,
            };
            event.prevent_default();
            on_part.emit(to);
        },
    );
    use_keys(on_key);
    let on_previous = props
        .on_part
        .reform(move |_: MouseEvent| shown.saturating_sub(1));
    let on_next = {
        let last = fit.parts - 1;
        props
            .on_part
            .reform(move |_: MouseEvent| (shown + 1).min(last))
    };
    html! {
        <>
            <div class="stage-window">
                <div class="stage-flow" ref={flow} data-layout={fit.layout}>
                    { props.children.clone() }
                </div>
            </div>
            if fit.parts > 1 {
                <nav class="stage-pager" aria-label={t.stage_parts}>
                    <p class="stage-part">{ (t.part_of)(shown + 1, fit.parts) }</p>
                    <button type="button" class="button" ref={previous} disabled={shown == 0}
                        aria-keyshortcuts="PageUp" onclick={on_previous}>{ t.previous_part }</button>
                    <button type="button" class="button button-primary" ref={next}
                        disabled={shown + 1 == fit.parts} aria-keyshortcuts="PageDown"
                        onclick={on_next}>{ t.next_part }</button>
                </nav>
            }
        </>
    }
}

/// Lays the flow out split (a scene's options in a column of their own), unless letting them
/// follow on is what fits everything on one screen, and says how many parts it takes.
fn measure(flow: &HtmlElement) -> Fit {
    let _ = flow.set_attribute("data-layout", "split");
    let split = parts(flow);
    if split > 1 {
        let _ = flow.set_attribute("data-layout", "flow");
        if parts(flow) == 1 {
            return Fit {
                parts: 1,
                layout: "flow",
            };
        }
        let _ = flow.set_attribute("data-layout", "split");
    }
    Fit {
        parts: split,
        layout: "split",
    }
}

/// How many screens the flow's columns take as laid out now: the columns past the first
/// screen overflow to its right, each screen a window's width and a column gap on.
fn parts(flow: &HtmlElement) -> usize {
    let width = f64::from(flow.client_width());
    if width <= 0.0 {
        return 1;
    }
    let gap = web_sys::window()
        .and_then(|w| w.get_computed_style(flow).ok().flatten())
        .and_then(|style| style.get_property_value("column-gap").ok())
        .and_then(|gap| gap.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(0.0);
    // A screen holds content only past the gap before it: a line that overhangs its column
    // by a few pixels is not another part.
    let reach = f64::from(flow.scroll_width()) - gap;
    (reach / (width + gap)).ceil().max(1.0) as usize
}
