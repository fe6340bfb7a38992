//! Fuzzing the engine's parsers with proptest (no nightly toolchain, so no cargo-fuzz): module
//! files, `site.toml`, Markdown and progress export files, from arbitrary bytes and from
//! structure-aware edits of real inputs (the shipped modules, the test fixtures, a valid
//! export): lines deleted, duplicated, swapped or borrowed from another file, cuts, numbers
//! turned huge or negative, values of the wrong type, deep nesting, odd Unicode, long strings.
//!
//! Whatever the input: no panic, every diagnostic points inside the text, a module that loads
//! plays, and an export that validates survives JSON unchanged.
//!
//! `malformed.rs` already covers random bytes and TOML-ish text for `load`, character-level
//! edits of one fixture, and the 10,000-deep cases (in a child process); this file adds
//! line- and value-level edits of every real input, and the other three parsers.
//!
//! Cases per test: `PEERPATH_FUZZ_CASES` (a CI-length default otherwise), e.g.
//! `PEERPATH_FUZZ_CASES=200000 cargo test --release -p peerpath-engine --test fuzz`.
//! `PROPTEST_RNG_SEED` fixes the cases explored, as in CI.

// The shared helpers panic on a missing fixture, which fails the test as it should.
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::rc::Rc;
use std::sync::OnceLock;

use peerpath_engine::markdown::{self, safe_href, Block, Inline};
use peerpath_engine::progress::{ModuleProgress, ProgressExport};
use peerpath_engine::site::{self, normalize_origin, MIN_CONTRAST};
use peerpath_engine::{load, Diagnostic, LineIndex, Module, Player, View};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::TestCaseError;
use serde_json::Value;

/// The cases each test runs when `PEERPATH_FUZZ_CASES` is not set: together about 25 s in a
/// debug build on two cores.
fn cases(ci_default: u32) -> ProptestConfig {
    let cases = std::env::var("PEERPATH_FUZZ_CASES")
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(ci_default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

fn fail(error: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(error.to_string())
}

// ---------------------------------------------------------------------------------------------
// Seeds: the real inputs the structure-aware edits start from.

/// The shipped modules and every module fixture (golden, diagnostics, stats), with names.
fn module_seeds() -> &'static [(String, String)] {
    static SEEDS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds: Vec<(String, String)> = common::shipped_modules()
            .into_iter()
            .map(|(path, text)| (path.display().to_string(), text))
            .collect();
        for folder in ["golden", "diagnostics", "stats"] {
            for path in common::toml_files(&common::fixtures().join(folder)) {
                let text = common::read(&path);
                seeds.push((path.display().to_string(), text));
            }
        }
        seeds
    })
}

/// The repository's `site.toml`, the same with every example setting switched on, and a
/// fully branded configuration.
fn site_seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let shipped = common::read(&common::modules_dir().join("../site.toml"));
        let switched_on: String = shipped
            .split_inclusive('\n')
            .map(|line| match line.strip_prefix("# ") {
                Some(setting) if setting.contains(" = ") || setting.starts_with('[') => setting,
                _ => line,
            })
            .collect();
        let branded = r##"title = "Acme Peer Training ✓"
logo = "brand/logo.svg"
modules = ["de-escalation.toml", "our-own.toml"]
allowed_parent_origins = ["https://Intranet.Example.org/", "http://127.0.0.1:9000"]

[colors]
primary = "#7a1f5c"
background = "#fff"
surface = "#ffffff"
text = "#222222"
"##;
        vec![shipped, switched_on, branded.to_owned()]
    })
}

/// Real Markdown: the module reviews and README, the Markdown fixture, the docs.
fn markdown_seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = common::modules_dir().join("..");
        let mut paths = vec![
            common::fixtures().join("golden/markdown/tricky.md"),
            root.join("modules/README.md"),
            root.join("docs/embedding.md"),
            root.join("docs/trainer-mode.md"),
        ];
        let mut reviews: Vec<_> = std::fs::read_dir(common::modules_dir())
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|path| path.to_string_lossy().ends_with(".review.md"))
                    .collect()
            })
            .unwrap_or_default();
        reviews.sort();
        paths.extend(reviews);
        paths.iter().map(|path| common::read(path)).collect()
    })
}

/// A valid export with something in every field: three modules, a position, finished
/// attempts, notes in several scripts.
fn built_export() -> String {
    let decisions = serde_json::json!([
        { "scene": "arrival", "choice": "sit-beside" },
        { "scene": "listening", "choice": "ask-what-helps" }
    ]);
    let record = |module: &str, revision: u64| {
        serde_json::json!({
            "version": 1,
            "module": module,
            "revision": revision,
            "current": {
                "id": format!("{module}-now"),
                "started_at": 1_764_460_800_000.0,
                "updated_at": 1_764_461_040_000.5,
                "active_ms": 240_000,
                "session": {
                    "version": 1,
                    "min_reader": 1,
                    "module": module,
                    "decisions": decisions,
                    "reviewing": true
                }
            },
            "attempts": [
                {
                    "id": "m3x8a1-1193",
                    "started_at": 1_764_374_400_000.0,
                    "finished_at": 1_764_374_580_000.0,
                    "active_ms": 180_000,
                    "ending": "calm-ending",
                    "outcome": "strong",
                    "decisions": decisions
                },
                {
                    "id": "m3x9k2-4821",
                    "started_at": 1_764_374_600_000.0,
                    "finished_at": 1_764_374_700_000.25,
                    "active_ms": 0,
                    "ending": "tense-ending",
                    "outcome": "difficult",
                    "decisions": []
                }
            ],
            "reflections": {
                "calm-ending/0": { "text": "I listened first.\n\nThen I asked.", "updated_at": 1_764_374_700_000.0 },
                "tense-ending/1": { "text": "Ça m’a aidé — 助かった ✓ \"quoted\"", "updated_at": 1_764_374_800_000.0 }
            }
        })
    };
    serde_json::json!({
        "kind": "PeerPath progress",
        "version": 1,
        "exported_at": 1_764_461_100_000.0,
        "modules": [record("waiting-room", 7), record("crossroads", 0), record("de-escalation", 42)]
    })
    .to_string()
}

/// The version 1 export fixture, the version 1 record fixture inside an export, and a built
/// export.
fn progress_seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let folder = common::fixtures().join("progress");
        let record = common::read(&folder.join("v1-module.json"));
        vec![
            common::read(&folder.join("v1-export.json")),
            format!(
                r#"{{"kind": "PeerPath progress", "version": 1, "exported_at": 1764461100000, "modules": [{record}]}}"#
            ),
            built_export(),
        ]
    })
}

/// Ensures every seed is what the edits assume: modules that load, a site without problems,
/// exports that validate.
#[test]
fn seeds_are_valid() -> Result<(), String> {
    let loading = module_seeds()
        .iter()
        .filter(|(_, text)| load(text).module.is_some())
        .count();
    // The diagnostics fixtures are broken on purpose; the shipped and golden ones load.
    if loading < common::shipped_modules().len() + 3 {
        return Err(format!("only {loading} module seeds load"));
    }
    for text in site_seeds() {
        let site = site::parse_site(text);
        if !site.diagnostics.is_empty() {
            return Err(format!("{:#?}\n{text}", site.diagnostics));
        }
    }
    if markdown_seeds().len() < 5 {
        return Err("too few Markdown seeds".into());
    }
    for text in progress_seeds() {
        let export: ProgressExport = serde_json::from_str(text).map_err(|e| e.to_string())?;
        export.validate().map_err(|e| format!("{e}: {text}"))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Edits.

/// Text that breaks parsers: deep nesting, odd Unicode, long runs.
fn nasty_text() -> impl Strategy<Value = String> {
    let repeated = (
        select(vec![
            "[", "[[", "{ a = ", ">", "> ", "- ", "* ", "1. ", "*_", "_*", "(", "`", "\"", "\\",
            "#", "]", "}", "&#58;", "<", "not ", "- - ", "**", "~~", "|", "\t",
        ]),
        prop_oneof![3 => 1usize..64, 1 => 64usize..3_000],
    )
        .prop_map(|(unit, count)| unit.repeat(count));
    let odd = select(vec![
        "[[[[",
        ">>>>>",
        "- - - -",
        "*_*_",
        "\u{feff}",
        "\u{202e}evil\u{202c}",
        "\u{0}",
        "\r",
        "\r\n",
        "\u{2028}",
        "e\u{301}\u{301}\u{301}",
        "👩‍👩‍👧‍👦",
        "\u{10ffff}",
        "\u{fffd}",
        "ß",
        "İ",
        "javascript:alert(1)",
        "[x](javascript:alert(1))",
        "<script>alert(1)</script>",
        "\"\"\"",
        "'''",
        "${",
        "%s%n",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        4 => repeated,
        4 => odd,
        3 => "\\PC{0,40}",
        1 => (1usize..200_000).prop_map(|n| "long text ".repeat(n / 10 + 1)),
        1 => prop::collection::vec(any::<u8>(), 0..64)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ]
}

/// Numbers at and past every limit, as TOML or JSON might spell them.
fn nasty_number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(vec![
            "0", "-0", "-1", "1e308", "-1e308", "1e309", "1e-400", "1e16", "-1e16", "nan",
            "+inf", "-inf", "NaN", "Infinity", "9007199254740991", "9007199254740992",
            "9007199254740993", "2147483648", "-2147483649", "4294967296", "9223372036854775807",
            "-9223372036854775808", "9223372036854775808", "18446744073709551615",
            "18446744073709551616", "340282366920938463463374607431768211456", "0x7fffffff",
            "1_000", "3.5", "-0.0", "0.1", "00", "1.", "+1", "1979-05-27", "7258118400001",
        ])
        .prop_map(str::to_owned),
        1 => any::<f64>().prop_map(|x| format!("{x:?}")),
        1 => any::<i64>().prop_map(|x| x.to_string()),
        1 => any::<u64>().prop_map(|x| x.to_string()),
    ]
}

/// A TOML value of any type, including wrong ones, deep ones and strings that break Markdown.
fn nasty_toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => nasty_number(),
        3 => nasty_text().prop_map(|text| toml_string(&text)),
        1 => nasty_text().prop_map(|text| format!("\"\"\"\n{}\"\"\"", toml_string(&text).trim_matches('"'))),
        1 => nasty_text(),
        2 => select(vec![
            "true", "\"\"", "[]", "[\"\"]", "{}", "{ a = 1 }", "[[]]", "[1, \"a\"]",
            "\"#zzz\"", "\"#fff\"", "\"#000000\"", "\"../x.toml\"", "\"https://x\"",
            "\"//evil.example\"", "\"a\\\\b\"", "\"not (\"", "\"trust >= \"",
        ])
        .prop_map(str::to_owned),
        1 => (1usize..2_000).prop_map(|depth| format!("{}1{}", "[".repeat(depth), "]".repeat(depth))),
        1 => (1usize..2_000).prop_map(|depth| format!("{}1{}", "{ a = ".repeat(depth), " }".repeat(depth))),
    ]
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// One edit of a text file, in terms of its lines.
#[derive(Debug, Clone)]
enum Edit {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    MoveLine(Index, Index),
    /// Cut the file short at a byte offset.
    Truncate(Index),
    /// A new line.
    InsertLine(Index, String),
    /// Something in the middle of a line.
    InsertText(Index, String),
    /// The n-th number in the file becomes another.
    ReplaceNumber(Index, String),
    /// The value of the n-th `key = value` line becomes another.
    ReplaceValue(Index, String),
    /// A line of another seed file, as a careless copy and paste from it.
    Borrow(Index, Index, Index),
}

fn edit(value: BoxedStrategy<String>) -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any::<Index>().prop_map(Edit::DeleteLine),
        2 => any::<Index>().prop_map(Edit::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::MoveLine(a, b)),
        1 => any::<Index>().prop_map(Edit::Truncate),
        2 => (any::<Index>(), nasty_text()).prop_map(|(at, text)| Edit::InsertLine(at, text)),
        2 => (any::<Index>(), nasty_text()).prop_map(|(at, text)| Edit::InsertText(at, text)),
        3 => (any::<Index>(), nasty_number()).prop_map(|(at, n)| Edit::ReplaceNumber(at, n)),
        4 => (any::<Index>(), value).prop_map(|(at, v)| Edit::ReplaceValue(at, v)),
        2 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(seed, line, at)| Edit::Borrow(seed, line, at)),
    ]
}

fn edits(value: BoxedStrategy<String>) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(value), 1..6)
}

/// The largest char boundary at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Applies `edits` to `text`; `others` are the files a line may be borrowed from.
fn apply(text: &str, edits: &[Edit], others: &[&str]) -> String {
    let mut text = text.to_owned();
    for edit in edits {
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let count = lines.len();
        match edit {
            Edit::DeleteLine(at) => {
                lines.remove(at.index(count));
            }
            Edit::DuplicateLine(at) => {
                let line = lines[at.index(count)].clone();
                lines.insert(at.index(count), line);
            }
            Edit::SwapLines(a, b) => lines.swap(a.index(count), b.index(count)),
            Edit::MoveLine(from, to) => {
                let line = lines.remove(from.index(count));
                lines.insert(to.index(count), line);
            }
            Edit::Truncate(at) => {
                let cut = floor_boundary(&text, at.index(text.len() + 1));
                text.truncate(cut);
                continue;
            }
            Edit::InsertLine(at, new) => lines.insert(at.index(count + 1), format!("{new}\n")),
            Edit::InsertText(at, new) => {
                let offset = floor_boundary(&text, at.index(text.len() + 1));
                text.insert_str(offset, new);
                continue;
            }
            Edit::ReplaceNumber(at, number) => {
                let numbers = number_spans(&text);
                if !numbers.is_empty() {
                    let (start, end) = numbers[at.index(numbers.len())];
                    text.replace_range(start..end, number);
                }
                continue;
            }
            Edit::ReplaceValue(at, value) => {
                let settings: Vec<usize> = (0..count)
                    .filter(|&n| lines[n].contains(" = ") || lines[n].contains("\": "))
                    .collect();
                if !settings.is_empty() {
                    let n = settings[at.index(settings.len())];
                    let line = &lines[n];
                    let key = line
                        .split_once(" = ")
                        .map(|(key, _)| format!("{key} = "))
                        .or_else(|| line.split_once("\": ").map(|(key, _)| format!("{key}\": ")))
                        .unwrap_or_default();
                    let comma = if line.trim_end().ends_with(',') {
                        ","
                    } else {
                        ""
                    };
                    lines[n] = format!("{key}{value}{comma}\n");
                }
            }
            Edit::Borrow(seed, line, at) => {
                if !others.is_empty() {
                    let other: Vec<&str> = others[seed.index(others.len())]
                        .split_inclusive('\n')
                        .collect();
                    if !other.is_empty() {
                        let borrowed = other[line.index(other.len())].to_owned();
                        lines.insert(at.index(count + 1), borrowed);
                    }
                }
            }
        }
        text = lines.concat();
    }
    text
}

/// Keys whose values are prose the learner reads, never referred to elsewhere.
const PROSE_KEYS: [&str; 11] = [
    "label",
    "feedback",
    "text",
    "facilitator_notes",
    "discussion",
    "speaker",
    "title",
    "note",
    "unavailable",
    "topic",
    "content_note",
];

/// Replaces the value of the `at`-th one-line prose setting (`label = "…"`) with `value`.
fn replace_prose(text: &str, at: &Index, value: &str) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let prose: Vec<usize> = (0..lines.len())
        .filter(|&n| {
            lines[n].split_once(" = \"").is_some_and(|(key, rest)| {
                PROSE_KEYS.contains(&key.trim()) && rest.trim_end().ends_with('"') && rest.len() > 2
            })
        })
        .collect();
    if let Some(&n) = prose.get(at.index(prose.len().max(1))) {
        if let Some((key, _)) = lines[n].split_once(" = ") {
            lines[n] = format!("{key} = {value}\n");
        }
    }
    lines.concat()
}

/// The byte ranges of the digit runs in `text` (with a leading minus), where numbers live.
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_digit() {
            let start = if at > 0 && bytes[at - 1] == b'-' {
                at - 1
            } else {
                at
            };
            let mut end = at;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
                end += 1;
            }
            spans.push((start, end));
            at = end;
        } else {
            at += 1;
        }
    }
    spans
}

// ---------------------------------------------------------------------------------------------
// Properties.

/// Checks that every diagnostic points inside `text`: a line that exists, a column from 1 to
/// just past the line's last character, a span on character boundaries whose start is that
/// line and column, and a message.
fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let index = LineIndex::new(text);
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diagnostics {
        prop_assert!(
            (1..=lines.len()).contains(&d.line),
            "line {} of {}: {}",
            d.line,
            lines.len(),
            d
        );
        // The line as written, `\r` included: a column may point at the line's end.
        let width = lines[d.line - 1].chars().count();
        prop_assert!(
            (1..=width + 1).contains(&d.column),
            "column {} on line {} of {width} characters: {}",
            d.column,
            d.line,
            d
        );
        prop_assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "span {:?} in {} bytes: {}",
            d.span,
            text.len(),
            d
        );
        prop_assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "span {:?} splits a character: {}",
            d.span,
            d
        );
        prop_assert_eq!(
            index.position(d.span.start),
            (d.line, d.column),
            "the position is not the span's start: {}",
            d
        );
        prop_assert!(!d.message.trim().is_empty(), "no message: {:?}", d);
    }
    Ok(())
}

/// Decisions a random walk makes at most; a module that loads may still loop for longer.
const WALK_DECISIONS: usize = 200;

/// Plays a module by random choices: every step must succeed and a choice must always be
/// available until the ending.
fn random_walk(module: Module, seed: u64) -> Result<(), TestCaseError> {
    let (mut player, _) = Player::start(Rc::new(module)).map_err(fail)?;
    let mut rng = common::Rng(seed);
    for _ in 0..WALK_DECISIONS {
        if player.session().is_over() {
            prop_assert!(
                matches!(player.view(), Ok(View::Ending { .. })),
                "over, but no ending shown"
            );
            return Ok(());
        }
        let available: Vec<String> = match player.view().map_err(fail)? {
            View::Decision { choices, .. } => choices
                .iter()
                .filter(|choice| choice.unavailable.is_none())
                .map(|choice| choice.id.to_owned())
                .collect(),
            _ => return Err(fail("not over, but no decision to make")),
        };
        prop_assert!(!available.is_empty(), "the learner is stuck: no choice");
        player
            .choose(&available[rng.below(available.len())])
            .map_err(fail)?;
        prop_assert!(
            matches!(player.view(), Ok(View::Feedback { .. })),
            "no feedback after a choice"
        );
        player.proceed().map_err(fail)?;
    }
    Ok(())
}

/// Loads `text` and checks its diagnostics; whatever loads must play.
fn check_module(text: &str, walk_seed: u64) -> Result<(), TestCaseError> {
    let loaded = load(text);
    check_diagnostics(text, &loaded.diagnostics)?;
    prop_assert_eq!(
        loaded.module.is_some(),
        loaded.errors().next().is_none(),
        "a module loads exactly when there are no errors"
    );
    if let Some(module) = loaded.module {
        random_walk(module, walk_seed)?;
    }
    Ok(())
}

/// Parses `text` as `site.toml`: well-placed diagnostics, and whatever is kept is usable.
fn check_site(text: &str) -> Result<(), TestCaseError> {
    let site = site::parse_site(text);
    check_diagnostics(text, &site.diagnostics)?;
    let config = site.config;
    for (pair, contrast) in config.colors.text_pairs() {
        prop_assert!(
            contrast >= MIN_CONTRAST,
            "{} has contrast {:.2}",
            pair,
            contrast
        );
    }
    for origin in &config.allowed_parent_origins {
        prop_assert_eq!(
            normalize_origin(origin),
            Some(origin.clone()),
            "origin kept as written"
        );
    }
    if let Some(logo) = &config.logo {
        prop_assert!(
            !logo.contains(':') && !logo.starts_with('/') && !logo.contains('\\'),
            "logo {:?} leaves the site",
            logo
        );
    }
    for listed in config.modules.iter().flatten() {
        let file = &listed.file;
        prop_assert!(
            file.ends_with(".toml") && !file.contains('/') && !file.contains(".."),
            "module file {:?} leaves the folder",
            file
        );
    }
    Ok(())
}

/// Every link address in a document.
fn hrefs(blocks: &[Block], found: &mut Vec<String>) {
    fn inlines(list: &[Inline], found: &mut Vec<String>) {
        for inline in list {
            match inline {
                Inline::Link { href, children } => {
                    found.extend(href.clone());
                    inlines(children, found);
                }
                Inline::Emphasis(children) | Inline::Strong(children) => inlines(children, found),
                Inline::Text(_) | Inline::Code(_) | Inline::Break => {}
            }
        }
    }
    for block in blocks {
        match block {
            Block::Paragraph(list) | Block::Heading(_, list) => inlines(list, found),
            Block::List { items, .. } => items.iter().for_each(|item| hrefs(item, found)),
            Block::Quote(children) => hrefs(children, found),
            Block::Code(_) | Block::Rule => {}
        }
    }
}

/// Parses `text` as Markdown: no panic, and every link kept is a safe one.
fn check_markdown(text: &str) -> Result<(), TestCaseError> {
    let blocks = markdown::parse(text);
    let mut found = Vec::new();
    hrefs(&blocks, &mut found);
    for href in found {
        prop_assert_eq!(safe_href(&href), Some(href.clone()), "an unfiltered link");
        prop_assert!(
            !href
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:"),
            "{}",
            href
        );
    }
    Ok(())
}

/// Reads `text` as an export file. One that validates must survive JSON unchanged, and merge
/// into an empty record and into a real one without trouble, giving records that an export
/// of them would still validate.
fn check_progress(text: &str) -> Result<(), TestCaseError> {
    let Ok(export) = serde_json::from_str::<ProgressExport>(text) else {
        return Ok(());
    };
    if export.validate().is_err() {
        return Ok(());
    }
    let json = serde_json::to_string(&export).map_err(fail)?;
    let again: ProgressExport =
        serde_json::from_str(&json).map_err(|e| fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&again, &export, "changed by JSON: {}", json);
    let pretty = serde_json::to_string_pretty(&export).map_err(fail)?;
    let again: ProgressExport = serde_json::from_str(&pretty).map_err(fail)?;
    prop_assert_eq!(&again, &export, "changed by pretty JSON");

    let mut merged = Vec::new();
    for incoming in &export.modules {
        let mut fresh = ModuleProgress::new(&incoming.module);
        fresh.merge(incoming);
        let mut lived_in = incoming.clone();
        lived_in.merge(&fresh);
        merged.push(fresh);
    }
    let stored = ProgressExport::new(merged, export.exported_at);
    prop_assert_eq!(
        stored.validate(),
        Ok(()),
        "an import merged into empty records would not export again"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Structure-aware edits of JSON: on the value tree, before it is written out.

/// One edit of a JSON value tree, at the n-th node in document order.
#[derive(Debug, Clone)]
enum JsonEdit {
    Replace(Index, JsonValue),
    Remove(Index),
    Duplicate(Index),
    SwapWithSibling(Index, Index),
}

/// What a node may become. Kept as text until applied, so it is cheap to shrink.
#[derive(Debug, Clone)]
enum JsonValue {
    Number(String),
    Text(String),
    Literal(&'static str),
    Nested(usize),
}

fn json_edit() -> impl Strategy<Value = JsonEdit> {
    let value = prop_oneof![
        4 => nasty_number().prop_map(JsonValue::Number),
        3 => nasty_text().prop_map(JsonValue::Text),
        2 => select(vec!["null", "true", "[]", "{}", "\"\"", "[{}]", "\"PeerPath progress\""])
            .prop_map(JsonValue::Literal),
        1 => (1usize..300).prop_map(JsonValue::Nested),
    ];
    prop_oneof![
        5 => (any::<Index>(), value).prop_map(|(at, v)| JsonEdit::Replace(at, v)),
        2 => any::<Index>().prop_map(JsonEdit::Remove),
        2 => any::<Index>().prop_map(JsonEdit::Duplicate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| JsonEdit::SwapWithSibling(a, b)),
    ]
}

impl JsonValue {
    fn to_value(&self) -> Value {
        match self {
            JsonValue::Number(text) => serde_json::from_str(text)
                .ok()
                .filter(Value::is_number)
                .unwrap_or_else(|| Value::String(text.clone())),
            JsonValue::Text(text) => Value::String(text.clone()),
            JsonValue::Literal(text) => serde_json::from_str(text).unwrap_or(Value::Null),
            JsonValue::Nested(depth) => {
                (0..*depth).fold(Value::from(1), |inner, _| Value::Array(vec![inner]))
            }
        }
    }
}

/// The number of nodes under (and including) `value`.
fn node_count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(node_count).sum(),
        Value::Object(fields) => fields.values().map(node_count).sum(),
        _ => 0,
    }
}

/// Applies `edit` to node number `target` under `value` (counted in document order, `value`
/// itself being 0), editing it in its parent so that it can be removed or duplicated.
fn apply_json(value: &mut Value, target: usize, edit: &JsonEdit) {
    let sizes: Vec<usize> = match &*value {
        Value::Array(items) => items.iter().map(node_count).collect(),
        Value::Object(fields) => fields.values().map(node_count).collect(),
        _ => Vec::new(),
    };
    let mut start = 1;
    for (position, size) in sizes.into_iter().enumerate() {
        if target == start {
            edit_child(value, position, edit);
            return;
        }
        if (start..start + size).contains(&target) {
            let child = match value {
                Value::Array(items) => items.get_mut(position),
                Value::Object(fields) => fields.values_mut().nth(position),
                _ => None,
            };
            if let Some(child) = child {
                apply_json(child, target - start, edit);
            }
            return;
        }
        start += size;
    }
}

fn edit_child(parent: &mut Value, position: usize, edit: &JsonEdit) {
    match parent {
        Value::Array(items) => match edit {
            JsonEdit::Replace(_, new) => items[position] = new.to_value(),
            JsonEdit::Remove(_) => {
                items.remove(position);
            }
            JsonEdit::Duplicate(_) => items.insert(position, items[position].clone()),
            JsonEdit::SwapWithSibling(_, other) => {
                let other = other.index(items.len());
                items.swap(position, other);
            }
        },
        Value::Object(fields) => {
            let Some(key) = fields.keys().nth(position).cloned() else {
                return;
            };
            match edit {
                JsonEdit::Replace(_, new) => {
                    fields.insert(key, new.to_value());
                }
                JsonEdit::Remove(_) => {
                    fields.remove(&key);
                }
                JsonEdit::Duplicate(_) => {
                    // A field twice in the text: the JSON reader must refuse or pick one.
                    let copy = fields.get(&key).cloned().unwrap_or(Value::Null);
                    fields.insert(format!("{key}\u{0}dup"), copy);
                }
                JsonEdit::SwapWithSibling(_, other) => {
                    let keys: Vec<String> = fields.keys().cloned().collect();
                    let other_key = keys[other.index(keys.len())].clone();
                    let a = fields.get(&key).cloned().unwrap_or(Value::Null);
                    let b = fields.get(&other_key).cloned().unwrap_or(Value::Null);
                    fields.insert(key, b);
                    fields.insert(other_key, a);
                }
            }
        }
        _ => {}
    }
}

/// Edits the export `text` as a tree, then writes it out (a duplicated field is written
/// under its own name twice, as a careless editor would).
fn mutate_json(text: &str, edits: &[JsonEdit]) -> String {
    let Ok(mut value) = serde_json::from_str::<Value>(text) else {
        return text.to_owned();
    };
    for edit in edits {
        let count = node_count(&value);
        let at = match edit {
            JsonEdit::Replace(at, _)
            | JsonEdit::Remove(at)
            | JsonEdit::Duplicate(at)
            | JsonEdit::SwapWithSibling(at, _) => at,
        };
        // Node 0 is the whole file, which has no parent to be edited in: start from 1.
        if count > 1 {
            apply_json(&mut value, 1 + at.index(count - 1), edit);
        }
    }
    serde_json::to_string_pretty(&value)
        .unwrap_or_default()
        .replace("\\u0000dup\"", "\"")
}

// ---------------------------------------------------------------------------------------------

fn module_value() -> BoxedStrategy<String> {
    nasty_toml_value().boxed()
}

proptest! {
    #![proptest_config(cases(256))]

    /// Ensures line- and value-level edits of every real module never panic `load`, give
    /// diagnostics inside the text, and whatever still loads plays to the end by random
    /// choices.
    #[test]
    fn edited_modules(
        which in any::<Index>(),
        edits in edits(module_value()),
        walk in any::<u64>(),
    ) {
        let seeds = module_seeds();
        let (_, text) = &seeds[which.index(seeds.len())];
        let others: Vec<&str> = seeds.iter().map(|(_, text)| text.as_str()).collect();
        check_module(&apply(text, &edits, &others), walk)?;
    }

    /// Ensures a module whose prose is replaced (deep Markdown, odd Unicode, long text) still
    /// gives well-placed diagnostics, and plays when it loads: these smaller edits leave most
    /// modules loadable, so the play property is exercised.
    #[test]
    fn modules_with_prose_replaced(
        which in any::<Index>(),
        edits in prop::collection::vec((any::<Index>(), nasty_text()), 1..4),
        walk in any::<u64>(),
    ) {
        let seeds = module_seeds();
        let (_, text) = &seeds[which.index(seeds.len())];
        let mut text = text.clone();
        for (at, prose) in &edits {
            text = replace_prose(&text, at, &toml_string(prose));
        }
        check_module(&text, walk)?;
    }

    /// Ensures raw bytes spliced into a real module never panic `load`.
    #[test]
    fn bytes_spliced_into_modules(
        which in any::<Index>(),
        at in any::<Index>(),
        bytes in prop::collection::vec(any::<u8>(), 1..256),
    ) {
        let seeds = module_seeds();
        let (_, text) = &seeds[which.index(seeds.len())];
        let mut edited = text.as_bytes().to_vec();
        let offset = at.index(edited.len() + 1);
        edited.splice(offset..offset, bytes);
        check_module(&String::from_utf8_lossy(&edited), 0)?;
    }
}

proptest! {
    #![proptest_config(cases(1_000))]

    /// Ensures arbitrary bytes never panic `parse_site` and its diagnostics point inside them.
    #[test]
    fn site_from_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1_000)) {
        check_site(&String::from_utf8_lossy(&bytes))?;
    }

    /// Ensures TOML-ish text never panics `parse_site`.
    #[test]
    fn site_from_tomlish_text(
        text in r##"(title|logo|modules|allowed_parent_origins|\[colors\]|primary|text|surface|background| = |"#[0-9a-fA-F]{0,7}"|"https?://[a-z.:0-9]{0,12}/?"|"[a-z./-]{0,12}"|\[|\]|\{|\}|,|\n|#| ){0,80}"##
    ) {
        check_site(&text)?;
    }

    /// Ensures edits of real `site.toml` files never panic, give well-placed diagnostics, and
    /// never let through unreadable colours, an origin as written or a path leaving the site.
    #[test]
    fn edited_site_files(which in any::<Index>(), edits in edits(nasty_toml_value().boxed())) {
        let seeds = site_seeds();
        let text = &seeds[which.index(seeds.len())];
        let others: Vec<&str> = seeds.iter().map(String::as_str).collect();
        check_site(&apply(text, &edits, &others))?;
    }
}

proptest! {
    #![proptest_config(cases(400))]

    /// Ensures arbitrary bytes never panic `markdown::parse`.
    #[test]
    fn markdown_from_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
        check_markdown(&String::from_utf8_lossy(&bytes))?;
    }

    /// Ensures edits of real Markdown (reviews, READMEs, the fixture), with deep quotes, lists,
    /// emphasis and links inserted, never panic and keep only safe links.
    #[test]
    fn edited_markdown(which in any::<Index>(), edits in edits(nasty_text().boxed())) {
        let seeds = markdown_seeds();
        let text = &seeds[which.index(seeds.len())];
        let others: Vec<&str> = seeds.iter().map(String::as_str).collect();
        check_markdown(&apply(text, &edits, &others))?;
    }
}

proptest! {
    #![proptest_config(cases(1_000))]

    /// Ensures arbitrary bytes are never taken for an export that validates yet breaks later.
    #[test]
    fn progress_from_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1_000)) {
        check_progress(&String::from_utf8_lossy(&bytes))?;
    }

    /// Ensures value-level edits of real exports (numbers at every limit, wrong types, fields
    /// gone or twice, nesting past the reader's limit) never panic, and what validates
    /// survives JSON and merging.
    #[test]
    fn edited_progress_values(
        which in any::<Index>(),
        edits in prop::collection::vec(json_edit(), 1..5),
    ) {
        let seeds = progress_seeds();
        check_progress(&mutate_json(&seeds[which.index(seeds.len())], &edits))?;
    }

    /// Ensures text-level edits of real exports (lines gone or swapped, cuts, raw numbers such
    /// as `1e400` or `NaN`, values of another type) never panic.
    #[test]
    fn edited_progress_text(which in any::<Index>(), edits in edits(nasty_number().boxed())) {
        let seeds = progress_seeds();
        let pretty: Vec<String> = seeds
            .iter()
            .map(|text| {
                serde_json::from_str::<Value>(text)
                    .ok()
                    .and_then(|value| serde_json::to_string_pretty(&value).ok())
                    .unwrap_or_else(|| text.clone())
            })
            .collect();
        let others: Vec<&str> = pretty.iter().map(String::as_str).collect();
        check_progress(&apply(&pretty[which.index(pretty.len())], &edits, &others))?;
    }
}
