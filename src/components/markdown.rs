//! Author prose, rendered element by element from the engine's safe tree: no inner HTML.

use peerpath_engine::markdown::{Block, Inline, Prose};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MarkdownProps {
    /// The prose, as the module reader parsed it.
    pub prose: Prose,
    /// The heading level that Markdown's `#` becomes, so headings nest under the page's own.
    #[prop_or(3)]
    pub heading_base: u8,
}

#[component]
pub fn Markdown(props: &MarkdownProps) -> Html {
    html! { <>{ for props.prose.blocks().iter().map(|b| block(b, props.heading_base)) }</> }
}

fn block(block: &Block, base: u8) -> Html {
    match block {
        Block::Paragraph(inlines) => html! { <p>{ inline_list(inlines) }</p> },
        Block::Heading(level, inlines) => {
            let tag = format!(
                "h{}",
                base.saturating_add(*level).saturating_sub(1).clamp(1, 6)
            );
            html! { <@{tag}>{ inline_list(inlines) }</@> }
        }
        Block::List {
            start: Some(first),
            items,
        } => html! {
            <ol start={first.to_string()}>{ for items.iter().map(|item| list_item(item, base)) }</ol>
        },
        Block::List { start: None, items } => html! {
            <ul>{ for items.iter().map(|item| list_item(item, base)) }</ul>
        },
        Block::Quote(blocks) => html! {
            <blockquote>{ for blocks.iter().map(|b| self::block(b, base)) }</blockquote>
        },
        Block::Code(code) => html! { <pre><code>{ code }</code></pre> },
        Block::Rule => html! { <hr /> },
    }
}

fn list_item(blocks: &[Block], base: u8) -> Html {
    html! { <li>{ for blocks.iter().map(|b| block(b, base)) }</li> }
}

fn inline_list(inlines: &[Inline]) -> Html {
    html! { <>{ for inlines.iter().map(inline) }</> }
}

fn inline(inline: &Inline) -> Html {
    match inline {
        Inline::Text(text) => html! { { text } },
        Inline::Emphasis(children) => html! { <em>{ inline_list(children) }</em> },
        Inline::Strong(children) => html! { <strong>{ inline_list(children) }</strong> },
        Inline::Code(code) => html! { <code>{ code }</code> },
        Inline::Link {
            href: Some(href),
            children,
        } => html! {
            <a href={href.clone()} rel="noopener noreferrer">{ inline_list(children) }</a>
        },
        Inline::Link {
            href: None,
            children,
        } => inline_list(children),
        Inline::Break => html! { <br /> },
    }
}
