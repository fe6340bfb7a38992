//! Author prose as a small, safe document tree. Raw HTML becomes plain text, images become
//! their alt text, and links keep their address only when its scheme is safe. The app turns
//! this tree into elements; nothing here is ever inserted as HTML.

#[cfg(feature = "check")]
use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag};
use serde::{Deserialize, Serialize};

/// How deeply lists, quotes, emphasis and links may nest; deeper ones are flattened, so
/// hostile text cannot build a tree deep enough to exhaust the stack of whatever walks it.
pub const MAX_NESTING: usize = 16;

/// A piece of author prose, parsed once when the module is read: what a module's Markdown
/// fields hold. The player renders the tree; it never parses Markdown itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Prose(pub Vec<Block>);

impl Prose {
    /// Parses author Markdown. Never fails; unknown constructs become text.
    #[cfg(feature = "check")]
    pub fn parse(text: &str) -> Prose {
        Prose(parse(text))
    }

    /// The blocks, in order.
    pub fn blocks(&self) -> &[Block] {
        &self.0
    }

    /// Whether there is no prose at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text without its markup, blocks separated by a space: for short summaries such
    /// as a catalog card, and for measuring wording.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        blocks_text(&self.0, &mut out);
        out.trim().to_owned()
    }

    /// How deeply the tree nests, counting blocks and inlines. Parsed prose stays within
    /// [`MAX_NESTING`] levels of containers; compiled data that claims more is refused.
    pub fn depth(&self) -> usize {
        blocks_depth(&self.0)
    }
}

fn blocks_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => {
                out.push_str(&plain_text(inlines));
            }
            Block::List { items, .. } => {
                for item in items {
                    blocks_text(item, out);
                }
            }
            Block::Quote(inner) => blocks_text(inner, out),
            Block::Code(code) => out.push_str(code),
            Block::Rule => {}
        }
        if !out.ends_with(' ') {
            out.push(' ');
        }
    }
}

fn blocks_depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => 1 + inlines_depth(inlines),
            Block::List { items, .. } => {
                2 + items
                    .iter()
                    .map(|item| blocks_depth(item))
                    .max()
                    .unwrap_or(0)
            }
            Block::Quote(inner) => 1 + blocks_depth(inner),
            Block::Code(_) | Block::Rule => 1,
        })
        .max()
        .unwrap_or(0)
}

fn inlines_depth(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Emphasis(children)
            | Inline::Strong(children)
            | Inline::Link { children, .. } => 1 + inlines_depth(children),
            Inline::Text(_) | Inline::Code(_) | Inline::Break => 1,
        })
        .max()
        .unwrap_or(0)
}

/// A block of author prose: what stacks down the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A paragraph of running text.
    Paragraph(Vec<Inline>),
    /// A heading, level 1 to 6. The app shifts it below its own headings.
    Heading(u8, Vec<Inline>),
    /// A bulleted or numbered list.
    List {
        /// The first number of an ordered list; `None` for bullets.
        start: Option<u64>,
        /// Each item's blocks, in order.
        items: Vec<Vec<Block>>,
    },
    /// A block quote (`> ...`), such as someone's words in a scene.
    Quote(Vec<Block>),
    /// A code block, shown as written.
    Code(String),
    /// A thematic break (`---`).
    Rule,
}

/// A run of author prose inside a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    /// Plain text; raw HTML in the source arrives here too, as text.
    Text(String),
    /// `*emphasis*`
    Emphasis(Vec<Inline>),
    /// `**strong**`
    Strong(Vec<Inline>),
    /// `` `code` ``, shown as written.
    Code(String),
    /// A link; `href` is `None` when its address was unsafe, so it shows as text.
    Link {
        /// The address, kept only when [`safe_href`] allows it.
        href: Option<String>,
        /// The link's text.
        children: Vec<Inline>,
    },
    /// A hard line break.
    Break,
}

/// Keeps `https:`, `http:`, `mailto:` and scheme-less (relative) addresses; drops the rest,
/// including `javascript:` hidden behind case, spaces or control characters.
pub fn safe_href(href: &str) -> Option<String> {
    let cleaned: String = href
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(end) if cleaned[end..].starts_with(':') => {
            let scheme = cleaned[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "https" | "http" | "mailto").then_some(cleaned)
        }
        _ => Some(cleaned),
    }
}

#[cfg(feature = "check")]
enum Kind {
    Root,
    Paragraph,
    Heading(u8),
    Quote,
    List(Option<u64>),
    Item,
    Emphasis,
    Strong,
    Link(Option<String>),
    /// Containers whose content is kept as plain inline text (images, strikethrough, …).
    Plain,
    Code,
}

#[cfg(feature = "check")]
struct Frame {
    kind: Kind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    items: Vec<Vec<Block>>,
    code: String,
}

#[cfg(feature = "check")]
impl Frame {
    fn new(kind: Kind) -> Self {
        Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
            items: Vec::new(),
            code: String::new(),
        }
    }

    /// Loose text inside a container block (as in tight list items) becomes a paragraph.
    fn flush(&mut self) {
        if !self.inlines.is_empty() {
            let inlines = std::mem::take(&mut self.inlines);
            self.blocks.push(Block::Paragraph(inlines));
        }
    }
}

#[cfg(feature = "check")]
fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(feature = "check")]
/// Parses Markdown into blocks. Never fails; unknown constructs become text.
pub fn parse(text: &str) -> Vec<Block> {
    let mut stack = vec![Frame::new(Kind::Root)];
    for event in Parser::new(text) {
        match event {
            Event::Start(tag) => {
                let too_deep = stack.len() > MAX_NESTING;
                let kind = match tag {
                    // Past the limit, containers keep their content but no longer nest.
                    Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::Link { .. }
                        if too_deep =>
                    {
                        Kind::Plain
                    }
                    // Raw HTML blocks are kept, as plain text in a paragraph.
                    Tag::Paragraph | Tag::HtmlBlock => Kind::Paragraph,
                    Tag::Heading { level, .. } => Kind::Heading(heading_level(level)),
                    Tag::BlockQuote(_) => Kind::Quote,
                    Tag::CodeBlock(_) => Kind::Code,
                    Tag::List(start) => Kind::List(start),
                    Tag::Item => Kind::Item,
                    Tag::Emphasis => Kind::Emphasis,
                    Tag::Strong => Kind::Strong,
                    Tag::Link {
                        link_type: LinkType::Email,
                        dest_url,
                        ..
                    } => Kind::Link(safe_href(&format!("mailto:{dest_url}"))),
                    Tag::Link { dest_url, .. } => Kind::Link(safe_href(&dest_url)),
                    _ => Kind::Plain,
                };
                if matches!(
                    kind,
                    Kind::Paragraph | Kind::Heading(_) | Kind::Quote | Kind::Code | Kind::List(_)
                ) {
                    if let Some(parent) = stack.last_mut() {
                        parent.flush();
                    }
                }
                stack.push(Frame::new(kind));
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    continue;
                }
                let Some(mut frame) = stack.pop() else { break };
                let Some(parent) = stack.last_mut() else {
                    break;
                };
                match frame.kind {
                    Kind::Root => {}
                    Kind::Paragraph => parent.blocks.push(Block::Paragraph(frame.inlines)),
                    Kind::Heading(level) => {
                        parent.blocks.push(Block::Heading(level, frame.inlines))
                    }
                    Kind::Quote => {
                        frame.flush();
                        parent.blocks.push(Block::Quote(frame.blocks));
                    }
                    Kind::Code => parent.blocks.push(Block::Code(frame.code)),
                    Kind::List(start) => {
                        // Items flattened for depth arrive as loose blocks: keep them as one.
                        frame.flush();
                        let mut items = frame.items;
                        if !frame.blocks.is_empty() {
                            items.push(frame.blocks);
                        }
                        parent.blocks.push(Block::List { start, items });
                    }
                    Kind::Item => {
                        frame.flush();
                        parent.items.push(frame.blocks);
                    }
                    Kind::Emphasis => parent.inlines.push(Inline::Emphasis(frame.inlines)),
                    Kind::Strong => parent.inlines.push(Inline::Strong(frame.inlines)),
                    Kind::Link(href) => parent.inlines.push(Inline::Link {
                        href,
                        children: frame.inlines,
                    }),
                    Kind::Plain => {
                        parent.inlines.extend(frame.inlines);
                        parent.blocks.extend(frame.blocks);
                    }
                }
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let Some(frame) = stack.last_mut() else {
                    continue;
                };
                if matches!(frame.kind, Kind::Code) {
                    frame.code.push_str(&text);
                } else {
                    push_text(&mut frame.inlines, &text);
                }
            }
            Event::Code(code) => {
                if let Some(frame) = stack.last_mut() {
                    frame.inlines.push(Inline::Code(code.into_string()));
                }
            }
            Event::SoftBreak => {
                if let Some(frame) = stack.last_mut() {
                    push_text(&mut frame.inlines, " ");
                }
            }
            Event::HardBreak => {
                if let Some(frame) = stack.last_mut() {
                    frame.inlines.push(Inline::Break);
                }
            }
            Event::Rule => {
                if let Some(frame) = stack.last_mut() {
                    frame.flush();
                    frame.blocks.push(Block::Rule);
                }
            }
            _ => {}
        }
    }
    // Close anything left open (pulldown-cmark balances its tags, but be safe).
    while stack.len() > 1 {
        let Some(mut frame) = stack.pop() else { break };
        frame.flush();
        if let Some(parent) = stack.last_mut() {
            parent.blocks.extend(frame.blocks);
        }
    }
    let Some(mut root) = stack.pop() else {
        return Vec::new();
    };
    root.flush();
    root.blocks
}

#[cfg(feature = "check")]
fn push_text(inlines: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = inlines.last_mut() {
        last.push_str(text);
    } else {
        inlines.push(Inline::Text(text.to_owned()));
    }
}

/// The plain text of some inlines, for labels and summaries.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(children)
            | Inline::Strong(children)
            | Inline::Link { children, .. } => {
                out.push_str(&plain_text(children));
            }
            Inline::Break => out.push(' '),
        }
    }
    out
}
