use peerpath_engine::Diagnostic;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsListProps {
    /// The module file's name, as the catalog lists it.
    pub file: AttrValue,
    /// Everything the checker found, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A module file's problems, each with its place in the file, so its author can fix them. The
/// checker writes them in English, for authors, so the list is marked as English.
#[component]
pub fn DiagnosticsList(props: &DiagnosticsListProps) -> Html {
    html! {
        <ul class="diagnostics" lang="en">
            { for props.diagnostics.iter().map(|d| html! {
                <li class={if d.is_error() { "diagnostic-error" } else { "diagnostic-warning" }}>
                    <code>{ format!("{}:{}:{}", props.file, d.line, d.column) }</code>
                    { " " }
                    <strong>{ if d.is_error() { "Error" } else { "Warning" } }{ format!(" {} ({})", d.code, d.name) }</strong>
                    { ": " }{ &d.message }
                </li>
            }) }
        </ul>
    }
}
