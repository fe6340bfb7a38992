//! Author prose from hostile files: however deeply it nests, the tree the app walks stays
//! shallow, so rendering it cannot exhaust the browser's stack.

use peerpath_engine::markdown::{parse, Block, Inline};

fn inline_depth(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Emphasis(children)
            | Inline::Strong(children)
            | Inline::Link { children, .. } => 1 + inline_depth(children),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

fn depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => inline_depth(inlines),
            Block::Quote(children) => 1 + depth(children),
            Block::List { items, .. } => {
                1 + items.iter().map(|item| depth(item)).max().unwrap_or(0)
            }
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// Ensures 5,000-deep emphasis, quotes, lists and their mixtures become a tree at most a
/// few dozen levels deep, keeping every word.
#[test]
fn deep_nesting_is_flattened() {
    let n = 5_000;
    let cases = [
        (
            "emphasis",
            format!("{}x{}", "*a _b ".repeat(n), " b_ a*".repeat(n)),
        ),
        ("quotes", format!("{}x", "> ".repeat(n))),
        (
            "lists",
            (0..n).map(|i| format!("{}- x\n", "  ".repeat(i))).collect(),
        ),
        ("mixed", format!("{}x", "> - *a ".repeat(n))),
        ("links", format!("{}x{}", "[".repeat(n), "](a)".repeat(n))),
    ];
    for (name, text) in cases {
        let blocks = parse(&text);
        let found = depth(&blocks);
        assert!(found <= 40, "{name}: the tree is {found} levels deep");
        let words: String = format!("{blocks:?}");
        assert!(words.contains('x'), "{name}: the innermost text was lost");
    }
}
