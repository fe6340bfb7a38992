use yew::prelude::*;

/// How urgent a notice is: a status is read out politely, an alert at once.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Problem,
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// Info or problem; sets the colour and how screen readers announce it.
    pub kind: NoticeKind,
    /// What to say.
    pub children: Html,
}

/// A calm, visible message in a live region.
#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    let (class, role) = match props.kind {
        NoticeKind::Info => ("notice notice-info", "status"),
        NoticeKind::Problem => ("notice notice-problem", "alert"),
    };
    html! { <div {class} {role}>{ props.children.clone() }</div> }
}
