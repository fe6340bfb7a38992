//! Hostile and broken input: `load`, `parse_catalog` and `markdown::parse` never panic, never
//! exhaust the stack, and always answer with well-formed diagnostics. Plus the link filter.
//!
//! A stack overflow aborts the whole test process instead of failing one test, so the tests
//! that could overflow run their body in a child copy of this test binary and check that it
//! exited cleanly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use std::process::Command;

use peerpath_engine::markdown::{self, safe_href, Block, Inline};
use peerpath_engine::{load, parse_catalog, Code, LineIndex, Loaded, Session, View};
use proptest::prelude::*;

/// Runs `body` in a child process (this binary, running only the test `name`), so that a
/// stack overflow fails the test instead of aborting every test.
fn in_child_process(name: &str, body: impl FnOnce()) {
    if std::env::var_os("PEERPATH_TEST_CHILD").is_some() {
        body();
        return;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--include-ignored", "--test-threads=1"])
        .env("PEERPATH_TEST_CHILD", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "`{name}` crashed or failed in its child process ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "the child process did not run `{name}`"
    );
}

/// Checks what any `load` must give back: diagnostics sorted, each positioned inside the
/// text with a non-empty message, and a module exactly when there are no errors.
fn assert_well_formed(text: &str, loaded: &Loaded) {
    let index = LineIndex::new(text);
    let line_count = text.split('\n').count();
    for d in &loaded.diagnostics {
        assert!(
            (1..=line_count).contains(&d.line),
            "line {} outside 1..={line_count}: {d}",
            d.line
        );
        let width = index.line_text(d.line).chars().count();
        assert!(
            (1..=width + 2).contains(&d.column),
            "column {} outside line {} of width {width}: {d}",
            d.column,
            d.line
        );
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "span {:?}: {d}",
            d.span
        );
        assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
    }
    let positions: Vec<(usize, usize)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] <= w[1]),
        "unsorted: {positions:?}"
    );
    assert_eq!(
        loaded.module.is_some(),
        loaded.errors().next().is_none(),
        "a module must load exactly when there are no errors"
    );
}

fn load_checked(text: &str) -> Loaded {
    let loaded = load(text);
    assert_well_formed(text, &loaded);
    loaded
}

/// A module that loads must play: a first-choice walk never errors and never gets stuck.
fn assert_plays(loaded: &Loaded) {
    let Some(module) = &loaded.module else { return };
    let mut session = Session::start(module).unwrap();
    for _ in 0..200 {
        if session.is_over() {
            break;
        }
        let available = common::available_choices(&session, module);
        assert!(
            !available.is_empty(),
            "a loaded module left the learner stuck"
        );
        session.choose(module, &available[0]).unwrap();
        session.proceed(module).unwrap();
    }
}

fn crossroads() -> String {
    common::read(&common::fixtures().join("golden/crossroads.toml"))
}

/// The shipped modules and the crossroads fixture, the inputs the breakage tests start from.
fn valid_modules() -> Vec<(String, String)> {
    let mut modules: Vec<(String, String)> = common::shipped_modules()
        .into_iter()
        .map(|(path, text)| (path.display().to_string(), text))
        .collect();
    modules.push(("crossroads.toml".into(), crossroads()));
    modules
}

/// Ensures every truncation of a valid module gives well-formed diagnostics, never a panic.
#[test]
fn truncations_never_panic() {
    let modules = valid_modules();
    // About 400 loads in all keeps this test to a few seconds in a debug build.
    let cuts_per_file = (400 / modules.len()).max(100);
    for (name, text) in modules {
        let stride = (text.len() / cuts_per_file).max(1);
        let mut cut = 0;
        let mut checked = 0;
        while cut < text.len() {
            let mut end = cut;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let loaded = load_checked(&text[..end]);
            // Only a cut just before trailing comments or blank lines could still load.
            if loaded.module.is_some() {
                assert!(text[end..]
                    .trim()
                    .lines()
                    .all(|l| l.trim().is_empty() || l.trim().starts_with('#')));
            }
            checked += 1;
            // Vary the step so cuts land at different places within lines.
            cut += stride + checked % 7;
        }
        assert!(
            checked * 2 >= cuts_per_file.min(text.len()),
            "{name}: only {checked} cuts"
        );
    }
}

/// Ensures a wrong-typed value for any field is one E001 (E002 for `format`) on its line.
#[test]
fn wrong_types_are_syntax_errors_on_their_line() {
    let text = crossroads();
    let mut checked = 0;
    for (number, line) in text.lines().enumerate() {
        let Some((key, value)) = line.split_once(" = ") else {
            continue;
        };
        let key = key.trim();
        if key.starts_with('#')
            || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            || value == "\"\"\""
        {
            continue;
        }
        let wrong = if value.starts_with(['"', '[', '{']) {
            "42"
        } else {
            "\"wrong\""
        };
        let broken: String = text
            .lines()
            .enumerate()
            .map(|(n, l)| {
                if n == number {
                    format!("{} = {wrong}\n", l.split_once(" = ").unwrap().0)
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        let loaded = load_checked(&broken);
        let expected = if key == "format" {
            Code::FormatVersion
        } else {
            Code::Syntax
        };
        let found: Vec<(Code, usize)> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.code, d.line))
            .collect();
        assert_eq!(
            found,
            [(expected, number + 1)],
            "`{key}` on line {}: {:#?}",
            number + 1,
            loaded.diagnostics
        );
        checked += 1;
    }
    assert!(checked > 60, "only {checked} fields checked");
}

/// Ensures wrong types inside lists and effect tables are E001 on their line.
#[test]
fn wrong_types_inside_values() {
    let text = crossroads();
    for (old, new) in [
        (
            "audience = [\"peer-worker\", \"team\"]",
            "audience = [\"peer-worker\", 7]",
        ),
        (
            "takeaways = [\"Trust takes time.\"]",
            "takeaways = [[\"Trust takes time.\"]]",
        ),
        (
            "references = [\"guide\"]",
            "references = [{ id = \"guide\" }]",
        ),
        (
            "competencies = [\"listening\", \"calm presence\"]",
            "competencies = [true]",
        ),
        (
            "effects = { trust = 3, strain = -1 }",
            "effects = { trust = 3.5, strain = -1 }",
        ),
        (
            "effects = { trust = 3, strain = -1 }",
            "effects = { trust = \"up\", strain = -1 }",
        ),
        (
            "effects = { trust = 3, strain = -1 }",
            "effects = { trust = [3], strain = -1 }",
        ),
        (
            "effects = { trust = 3, strain = -1 }",
            "effects = { trust = 18446744073709551615 }",
        ),
        ("minutes = 5", "minutes = -5"),
        ("minutes = 5", "minutes = 1979-05-27"),
    ] {
        assert_eq!(text.matches(old).count(), 1, "{old}");
        let line = text[..text.find(old).unwrap()].matches('\n').count() + 1;
        let loaded = load_checked(&text.replacen(old, new, 1));
        let found: Vec<(Code, usize)> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.code, d.line))
            .collect();
        assert_eq!(found, [(Code::Syntax, line)], "{new}");
    }
}

/// Ensures 10,000 nested arrays, alone or as a module field, give E001 and no stack overflow.
#[test]
fn deeply_nested_arrays() {
    in_child_process("deeply_nested_arrays", || {
        for text in [
            format!("a = {}", "[".repeat(10_000)),
            format!("a = {}{}", "[".repeat(10_000), "]".repeat(10_000)),
            crossroads().replacen(
                "objectives = [\"Exercise every rule of play.\"]",
                &format!(
                    "objectives = {}\"x\"{}",
                    "[".repeat(10_000),
                    "]".repeat(10_000)
                ),
                1,
            ),
        ] {
            assert_syntax_error(&text);
        }
    });
}

/// Loads `text` (which must not panic) and expects an E001 among its diagnostics.
fn assert_syntax_error(text: &str) {
    let loaded = load_checked(text);
    assert!(
        loaded.diagnostics.iter().any(|d| d.code == Code::Syntax),
        "{:#?}",
        loaded.diagnostics
    );
}

/// Ensures 10,000 nested inline tables and table headers give E001 and no stack overflow.
#[test]
fn deeply_nested_tables() {
    in_child_process("deeply_nested_tables", || {
        for text in [
            format!("a = {}1{}", "{ a = ".repeat(10_000), " }".repeat(10_000)),
            format!("[{}]\n", vec!["a"; 10_000].join(".")),
            crossroads().replacen(
                "effects = { trust = 3, strain = -1 }",
                &format!(
                    "effects = {}1{}",
                    "{ trust = ".repeat(10_000),
                    " }".repeat(10_000)
                ),
                1,
            ),
        ] {
            assert_syntax_error(&text);
        }
    });
}

/// Ensures conditions nested 10,000 deep are E106 at the first level too deep, not an overflow.
#[test]
fn deeply_nested_conditions_are_e106() {
    in_child_process("deeply_nested_conditions_are_e106", || {
        let text = crossroads();
        let old = "if = \"trust >= 3\"";
        let line = text[..text.find(old).unwrap()].matches('\n').count() + 1;
        for condition in [
            format!("{}trust >= 3{}", "(".repeat(10_000), ")".repeat(10_000)),
            format!("{}(trust >= 3", "(".repeat(10_000)),
            format!("{}trust >= 3", "not ".repeat(10_000)),
        ] {
            let loaded = load_checked(&text.replacen(old, &format!("if = \"{condition}\""), 1));
            let e106: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::BadCondition)
                .collect();
            assert_eq!(e106.len(), 1, "{:#?}", loaded.diagnostics);
            assert_eq!(e106[0].line, line);
            assert!(
                e106[0].message.contains("at most 32 levels"),
                "{}",
                e106[0].message
            );
        }
        // The 33rd `(` is the first too deep: column 9 is the first one.
        let loaded = load(&text.replacen(
            old,
            &format!("if = \"{}trust >= 3{}\"", "(".repeat(40), ")".repeat(40)),
            1,
        ));
        let e106 = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == Code::BadCondition)
            .unwrap();
        assert_eq!((e106.line, e106.column), (line, 9 + 32));
    });
}

/// Ensures a condition 32 levels deep, the limit, is still accepted.
#[test]
fn conditions_at_the_depth_limit_load() {
    let text = crossroads().replacen(
        "if = \"trust >= 3\"",
        &format!("if = \"{}trust >= 3{}\"", "(".repeat(31), ")".repeat(31)),
        1,
    );
    assert_eq!(load_checked(&text).diagnostics, Vec::new());
}

/// Ensures a 100,000-term `or`/`and` chain loads and plays (or is refused) without an overflow.
#[test]
fn long_condition_chains_do_not_overflow() {
    in_child_process("long_condition_chains_do_not_overflow", || {
        for joiner in [" or ", " and "] {
            let condition = vec!["water"; 100_000].join(joiner);
            let text =
                crossroads().replacen("if = \"trust >= 3\"", &format!("if = \"{condition}\""), 1);
            let loaded = load_checked(&text);
            assert_plays(&loaded);
            drop(loaded);
        }
    });
}

/// Ensures a 5 MB string value loads with its text intact (size limits are the host's call).
#[test]
fn five_megabyte_string() {
    let big = "Sam talks. ".repeat(500_000);
    let text = crossroads().replacen(
        "text = \"Sam turns away from you.\"",
        &format!("text = \"{big}\""),
        1,
    );
    let loaded = load_checked(&text);
    let module = loaded.module.expect("a module with a long text");
    // "Sam talks. " repeated, one paragraph: the text is all there, minus the last space.
    assert_eq!(
        module.scene("overwhelmed").unwrap().text.plain_text().len(),
        big.trim_end().len()
    );
}

/// Ensures a 5 MB condition fails quickly and cleanly rather than hanging or crashing.
#[test]
fn five_megabyte_condition() {
    let condition = format!("trust >= 3 {}", "x".repeat(5_000_000));
    let text = crossroads().replacen("if = \"trust >= 3\"", &format!("if = \"{condition}\""), 1);
    let loaded = load_checked(&text);
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.code == Code::BadCondition),
        "{:?}",
        loaded.diagnostics.first()
    );
}

/// Ensures CRLF line endings and a byte-order mark load, and a NUL byte is an E001.
#[test]
fn odd_encodings() {
    let text = crossroads();
    assert!(
        load_checked(&text.replace('\n', "\r\n")).module.is_some(),
        "CRLF"
    );
    let with_bom = format!("\u{feff}{text}");
    assert!(load_checked(&with_bom).module.is_some(), "byte-order mark");
    let loaded = load_checked(&text.replacen("Crossroads", "Cross\0roads", 1));
    assert_eq!(loaded.diagnostics[0].code, Code::Syntax);
}

proptest! {
    /// Ensures random bytes, as lossy text, never panic `load` and give well-formed diagnostics.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        let text = String::from_utf8_lossy(&bytes);
        let loaded = load_checked(&text);
        prop_assert!(loaded.module.is_none());
    }

    /// Ensures random TOML-ish text never panics `load`.
    #[test]
    fn random_tomlish_text_never_panics(text in r#"([a-z\[\]{}="'.,#\n 0-9-]|\[\[scenes\]\]|format = 1\n|id = "x"\n){0,300}"#) {
        load_checked(&text);
    }

    /// Ensures random edits of a valid module never panic `load`, and whatever loads also plays.
    #[test]
    fn random_mutations_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, "[a-z0-9\"=\\[\\]{}()<>!#\\n -]{0,3}"), 1..6)
    ) {
        let mut text = crossroads();
        for (at, kind, insert) in edits {
            let mut start = at.index(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + 1 + usize::from(kind)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            match kind {
                0 => text.insert_str(start, &insert),
                1 => text.replace_range(start..end, ""),
                2 => text.replace_range(start..end, &insert),
                _ => {
                    // Duplicate a slice elsewhere, like a careless copy and paste.
                    let slice = text[start..end].to_owned();
                    text.insert_str(start, &slice);
                }
            }
        }
        let loaded = load_checked(&text);
        assert_plays(&loaded);
    }

    /// Ensures `parse_catalog` never panics and accepts only plain `*.toml` file names.
    #[test]
    fn catalog_never_panics(text in r#"(modules|= |\[|\]|"|,|\.toml|\.\./|/|[a-z -]|\n){0,60}"#) {
        if let Ok(files) = parse_catalog(&text) {
            for file in files.into_iter().map(|listed| listed.file) {
                prop_assert!(file.ends_with(".toml") && !file.contains('/') && !file.contains(".."), "{}", file);
            }
        }
    }

    /// Ensures random bytes never panic `parse_catalog`.
    #[test]
    fn catalog_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..500)) {
        let _ = parse_catalog(&String::from_utf8_lossy(&bytes));
    }

    /// Ensures `markdown::parse` never panics on random Markdown and keeps only safe links.
    #[test]
    fn markdown_never_panics(text in r#"([*_`>#\[\]()!<>/:\n -]|[a-z]|javascript:|https://x|<script>|    |1\. |- ){0,200}"#) {
        let blocks = markdown::parse(&text);
        for href in hrefs(&blocks) {
            prop_assert_eq!(safe_href(&href), Some(href.clone()), "an unfiltered link");
            // A safe link may mention "javascript:" in its path; it must not be its scheme.
            prop_assert!(!href.to_ascii_lowercase().starts_with("javascript:"), "{}", href);
        }
    }

    /// Ensures random Unicode never panics `markdown::parse`.
    #[test]
    fn markdown_never_panics_on_unicode(text in "\\PC{0,300}") {
        markdown::parse(&text);
    }
}

/// Ensures catalog entries that leave the folder or are not `.toml` names are refused as E301.
#[test]
fn catalog_refuses_paths() {
    for entry in [
        "../secret.toml",
        "sub/dir.toml",
        "/etc/passwd",
        "module.txt",
        ".toml",
        "a b.toml",
    ] {
        let text = format!("modules = [\"ok.toml\", \"{entry}\"]\n");
        let problems = parse_catalog(&text).expect_err(entry);
        assert_eq!(problems.len(), 1, "{entry}");
        assert_eq!(
            (problems[0].code, problems[0].line, problems[0].column),
            (Code::InvalidFileName, 1, 23)
        );
    }
    assert_eq!(
        parse_catalog("modules = [\"a.toml\", \"b-2.toml\"]")
            .map(|listed| listed.into_iter().map(|l| l.file).collect::<Vec<_>>()),
        Ok(vec!["a.toml".to_owned(), "b-2.toml".to_owned()])
    );
    assert_eq!(
        parse_catalog("modules = \"a.toml\"").unwrap_err()[0].code,
        Code::Syntax
    );
    assert_eq!(
        parse_catalog("modules = []\nextra = 1").unwrap_err()[0].code,
        Code::Syntax
    );
}

fn hrefs(blocks: &[Block]) -> Vec<String> {
    fn inlines(found: &mut Vec<String>, list: &[Inline]) {
        for inline in list {
            match inline {
                Inline::Link { href, children } => {
                    found.extend(href.clone());
                    inlines(found, children);
                }
                Inline::Emphasis(children) | Inline::Strong(children) => inlines(found, children),
                Inline::Text(_) | Inline::Code(_) | Inline::Break => {}
            }
        }
    }
    let mut found = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(list) | Block::Heading(_, list) => inlines(&mut found, list),
            Block::List { items, .. } => items.iter().for_each(|item| found.extend(hrefs(item))),
            Block::Quote(children) => found.extend(hrefs(children)),
            Block::Code(_) | Block::Rule => {}
        }
    }
    found
}

/// Ensures scripts and other unsafe schemes are refused, however they are disguised.
#[test]
fn safe_href_refuses_unsafe_schemes() {
    for href in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "\u{1}javascript:alert(1)",
        "javascript\u{0}:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "\u{a0}javascript:alert(1)",
    ] {
        assert_eq!(safe_href(href), None, "{href:?} must be refused");
    }
}

/// Ensures safe addresses are kept as written: web, mail, relative and in-page links.
#[test]
fn safe_href_keeps_safe_addresses() {
    for href in [
        "https://example.org/a?b=1#c",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG",
        "mailto:help@example.org",
        "modules/de-escalation",
        "../guide.html",
        "#debrief",
        "?page=2",
        "/catalog",
    ] {
        assert_eq!(
            safe_href(href).as_deref(),
            Some(href),
            "{href:?} must be kept"
        );
    }
}

/// Ensures a link hidden behind an HTML entity (`javascript&#58;`) is shown as text.
#[test]
fn encoded_script_link_is_text() {
    let blocks = markdown::parse("[x](javascript&#58;alert(1)) [y](&#106;avascript:alert(2))");
    let Block::Paragraph(inlines) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    let links: Vec<&Option<String>> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link { href, .. } => Some(href),
            _ => None,
        })
        .collect();
    assert_eq!(links, [&None, &None]);
}

/// Ensures raw `<script>` HTML, as a block or inline, comes out only as Text with the tag.
#[test]
fn raw_html_is_only_text() {
    let blocks = markdown::parse("<script>alert(1)</script>\n\nHi <script>alert(2)</script> there");
    assert_eq!(
        blocks,
        [
            Block::Paragraph(vec![Inline::Text("<script>alert(1)</script>\n".into())]),
            Block::Paragraph(vec![Inline::Text(
                "Hi <script>alert(2)</script> there".into()
            )]),
        ]
    );
}

/// Ensures an HTML block inside a quote keeps the quote and all its text.
#[test]
fn html_block_inside_a_quote_keeps_its_text() {
    assert_eq!(
        markdown::parse("> <div>x</div>\n>\n> more\n\nafter"),
        [
            Block::Quote(vec![
                Block::Paragraph(vec![Inline::Text("<div>x</div>\n".into())]),
                Block::Paragraph(vec![Inline::Text("more".into())]),
            ]),
            Block::Paragraph(vec![Inline::Text("after".into())]),
        ]
    );
}

/// Ensures an HTML block inside a list item keeps the list and its items.
#[test]
fn html_block_inside_a_list_keeps_its_items() {
    let blocks = markdown::parse("- <div>\n  hi\n  </div>\n- two");
    let Some(Block::List { items, .. }) = blocks.first() else {
        panic!("no list: {blocks:?}")
    };
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1],
        [Block::Paragraph(vec![Inline::Text("two".into())])]
    );
}

/// Ensures an email autolink (`<help@example.org>`) becomes a `mailto:` link, not a relative one.
#[test]
fn email_autolink_is_mailto() {
    let blocks = markdown::parse("<help@example.org>");
    assert_eq!(
        blocks,
        [Block::Paragraph(vec![Inline::Link {
            href: Some("mailto:help@example.org".into()),
            children: vec![Inline::Text("help@example.org".into())],
        }])]
    );
}

/// Ensures quotes, emphasis and links nested 10,000 deep parse and drop without an overflow.
#[test]
fn deeply_nested_markdown() {
    in_child_process("deeply_nested_markdown", || {
        for text in [
            format!("{} deep", ">".repeat(10_000)),
            format!("{}deep{}", "*".repeat(10_000), "*".repeat(10_000)),
            format!("{}deep{}", "_".repeat(10_000), "_".repeat(10_000)),
            format!("{}deep{}", "[".repeat(10_000), "](x)".repeat(10_000)),
        ] {
            let blocks = markdown::parse(&text);
            assert!(!blocks.is_empty(), "{:?}…", &text[..20]);
            drop(blocks);
        }
    });
}

/// Ensures 10,000 nested list items (20 KB of `- - - …`) parse and drop without a stack overflow.
#[test]
fn deeply_nested_lists() {
    in_child_process("deeply_nested_lists", || {
        for text in [
            format!("{}deep", "- ".repeat(10_000)),
            format!("{}deep", "1. ".repeat(10_000)),
        ] {
            let blocks = markdown::parse(&text);
            assert!(!blocks.is_empty());
            drop(blocks);
        }
    });
}

/// Ensures HTML in scene text reaches the view verbatim and parses as plain text, never markup.
#[test]
fn prose_is_kept_as_text() {
    let text = crossroads().replacen(
        "text = \"Sam turns away from you.\"",
        "text = \"<img src=x onerror=alert(1)>\"",
        1,
    );
    let module = load_checked(&text).module.unwrap();
    assert_eq!(
        module.scene("overwhelmed").unwrap().text.plain_text(),
        "<img src=x onerror=alert(1)>"
    );
    let mut session = Session::start(&module).unwrap();
    session.choose(&module, "joke").unwrap();
    session.proceed(&module).unwrap();
    let View::Decision { scene, .. } = session.view(&module).unwrap() else {
        panic!()
    };
    assert_eq!(
        scene.text.blocks(),
        [Block::Paragraph(vec![Inline::Text(
            "<img src=x onerror=alert(1)>".into()
        )])]
    );
}
