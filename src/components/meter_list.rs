use yew::prelude::*;

use crate::i18n::use_lang;

/// A meter's reading, owned so it can travel in props.
#[derive(Clone, PartialEq)]
pub struct MeterValue {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: i64,
    pub min: i64,
    pub max: i64,
}

#[derive(Properties, PartialEq)]
pub struct MeterListProps {
    /// The visible meters and their values now.
    pub meters: Vec<MeterValue>,
}

/// The visible meters as labelled bars with their numbers.
#[component]
pub fn MeterList(props: &MeterListProps) -> Html {
    let s = use_lang().learner();
    if props.meters.is_empty() {
        return html! {};
    }
    html! {
        <section class="meters" aria-label={s.how_things_stand}>
            <ul>
                { for props.meters.iter().map(|meter| {
                    let label_id = format!("meter-{}", meter.id);
                    html! {
                        <li key={meter.id.to_string()}>
                            <span id={label_id.clone()} class="meter-label">{ &meter.label }</span>
                            <meter aria-labelledby={label_id} min={meter.min.to_string()} max={meter.max.to_string()} value={meter.value.to_string()}></meter>
                            <span class="meter-value">{ (s.meter_value)(meter.value, meter.max) }</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
