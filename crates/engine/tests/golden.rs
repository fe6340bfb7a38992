//! Golden tests of behaviour: a fixture module, a scripted list of choices, and the expected
//! transcript of everything the learner sees.
//!
//! Fixtures live in `tests/fixtures/golden/`: `NAME.toml` is a module, `NAME.SCRIPT.choices`
//! lists choice ids (one a line; blank lines and `#` comments are skipped), and
//! `NAME.SCRIPT.transcript` is the expected transcript. The harness makes each choice, shows
//! its feedback, proceeds, and shows the next view. A choice the engine refuses is recorded as
//! `! refused: …` and the script goes on, so a script can show that a disabled or hidden
//! choice cannot be taken.
//!
//! Run with `UPDATE_GOLDEN=1` to rewrite the expected files, then read the diff: an expected
//! file is only right once a person has checked it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod common;

use common::assert_golden;

use std::fmt::Write;
use std::path::PathBuf;

use peerpath_engine::markdown::{self, Block, Inline, Prose};
use std::rc::Rc;

use peerpath_engine::{Event, MeterReading, Module, Player, Session, View};

fn golden_dir() -> PathBuf {
    common::fixtures().join("golden")
}

/// Prose as the learner reads it: one line per block, list items and inline markup marked
/// as Markdown writes them (line breaks inside a paragraph are spaces once parsed).
fn prose(out: &mut String, field: &str, text: &Prose) {
    writeln!(out, "{field}:").unwrap();
    prose_blocks(out, "", text.blocks());
}

fn prose_blocks(out: &mut String, marker: &str, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => writeln!(out, "  | {marker}{}", marked(inlines)).unwrap(),
            Block::Heading(level, inlines) => {
                let hashes = "#".repeat(usize::from(*level));
                writeln!(out, "  | {marker}{hashes} {}", marked(inlines)).unwrap();
            }
            Block::List { items, .. } => {
                for item in items {
                    prose_blocks(out, &format!("{marker}- "), item);
                }
            }
            Block::Quote(inner) => prose_blocks(out, &format!("{marker}> "), inner),
            Block::Code(code) => writeln!(out, "  | {marker}```{code}```").unwrap(),
            Block::Rule => writeln!(out, "  | {marker}---").unwrap(),
        }
    }
}

fn marked(inlines: &[Inline]) -> String {
    let mut text = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(plain) => text.push_str(plain),
            Inline::Code(code) => text.push_str(&format!("`{code}`")),
            Inline::Break => text.push_str("\\n"),
            Inline::Emphasis(children) => text.push_str(&format!("*{}*", marked(children))),
            Inline::Strong(children) => text.push_str(&format!("**{}**", marked(children))),
            Inline::Link { href, children } => text.push_str(&format!(
                "[{}]({})",
                marked(children),
                href.as_deref().unwrap_or("unsafe")
            )),
        }
    }
    text
}

fn list<T: AsRef<str>>(out: &mut String, field: &str, items: impl IntoIterator<Item = T>) {
    let items: Vec<T> = items.into_iter().collect();
    if items.is_empty() {
        writeln!(out, "{field}: (none)").unwrap();
    } else {
        writeln!(out, "{field}:").unwrap();
        for item in items {
            writeln!(out, "  - {}", item.as_ref()).unwrap();
        }
    }
}

fn meters(out: &mut String, readings: &[MeterReading<'_>]) {
    let shown: Vec<String> = readings
        .iter()
        .map(|m| format!("{} {} ({}..{})", m.label, m.value, m.min, m.max))
        .collect();
    if shown.is_empty() {
        writeln!(out, "meters: (none visible)").unwrap();
    } else {
        writeln!(out, "meters: {}", shown.join(", ")).unwrap();
    }
}

/// Every meter and flag, visible or not, so a transcript shows hidden state changing too.
fn state(out: &mut String, module: &Module, session: &Session) {
    let mut parts = Vec::new();
    for meter in &module.meters {
        let value = session.meter(module, &meter.id).unwrap();
        parts.push(format!("{}={value}", meter.id));
    }
    for flag in &module.flags {
        let value = session.flag(module, &flag.id).unwrap();
        parts.push(format!("{}={value}", flag.id));
    }
    writeln!(out, "state: {}", parts.join(" ")).unwrap();
}

fn view(out: &mut String, module: &Module, session: &Session) {
    match session.view(module).unwrap() {
        View::Decision {
            scene,
            meters: readings,
            choices,
        } => {
            writeln!(out, "== scene `{}`", scene.id).unwrap();
            if let Some(speaker) = &scene.speaker {
                writeln!(out, "speaker: {speaker}").unwrap();
            }
            prose(out, "text", &scene.text);
            meters(out, &readings);
            writeln!(out, "choices:").unwrap();
            for choice in choices {
                match choice.unavailable {
                    None => writeln!(out, "  * {}: {}", choice.id, choice.label).unwrap(),
                    Some(reason) => writeln!(
                        out,
                        "  x {}: {} [disabled: {reason}]",
                        choice.id, choice.label
                    )
                    .unwrap(),
                }
            }
        }
        View::Feedback {
            scene,
            choice,
            meters: readings,
            ends,
        } => {
            writeln!(
                out,
                "== feedback on `{}` in scene `{}`",
                choice.id, scene.id
            )
            .unwrap();
            let rating = choice.rating.map_or("(none)", |r| r.as_str());
            writeln!(out, "rating: {rating}").unwrap();
            if !choice.competencies.is_empty() {
                writeln!(out, "competencies: {}", choice.competencies.join(", ")).unwrap();
            }
            match &choice.feedback {
                Some(feedback) => prose(out, "feedback", feedback),
                None => writeln!(out, "feedback: (none)").unwrap(),
            }
            meters(out, &readings);
            writeln!(out, "next: {}", if ends { "the ending" } else { "a scene" }).unwrap();
        }
        View::Ending {
            ending,
            meters: readings,
        } => {
            writeln!(out, "== ending `{}`", ending.id).unwrap();
            writeln!(out, "title: {}", ending.title).unwrap();
            writeln!(out, "outcome: {}", ending.outcome.as_str()).unwrap();
            prose(out, "text", &ending.text);
            meters(out, &readings);
            list(
                out,
                "takeaways",
                ending.takeaways.iter().map(Prose::plain_text),
            );
            list(
                out,
                "reflection",
                ending.reflection.iter().map(Prose::plain_text),
            );
            list(out, "references", &ending.references);
        }
    }
    state(out, module, session);
    out.push('\n');
}

/// The events a step reported, one JSON object a line, so a transcript shows exactly what
/// every listener (embedding page, LMS, LRS) would be told.
fn events(out: &mut String, events: &[Event]) {
    for event in events {
        writeln!(out, "event: {}", serde_json::to_string(event).unwrap()).unwrap();
    }
}

/// Plays `script` on `module` and renders the transcript, with the events of every step.
fn transcript(module: &Module, script: &str) -> String {
    let mut out = String::new();
    writeln!(out, "# module `{}`: {}\n", module.id, module.title).unwrap();
    let (mut player, started) = Player::start(Rc::new(module.clone())).unwrap();
    events(&mut out, &started);
    view(&mut out, module, player.session());
    for line in script.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        writeln!(out, "> choose {line}").unwrap();
        match player.choose(line) {
            Err(refused) => {
                writeln!(out, "! refused: {refused}\n").unwrap();
                continue;
            }
            Ok(decided) => events(&mut out, &decided),
        }
        view(&mut out, module, player.session());
        writeln!(out, "> proceed").unwrap();
        let arrived = player.proceed().unwrap();
        events(&mut out, &arrived);
        view(&mut out, module, player.session());
    }
    if player.ending().is_none() {
        writeln!(out, "(the script ended before an ending)").unwrap();
    }
    out
}

/// Runs the script `NAME.SCRIPT.choices` on `NAME.toml` and compares with its transcript,
/// then runs it again on the module's compiled form (what the browser plays), which must
/// give the very same transcript.
fn check_script(module_name: &str, script_name: &str) {
    let dir = golden_dir();
    let text = common::read(&dir.join(format!("{module_name}.toml")));
    let module = common::load_ok(module_name, &text);
    let script = common::read(&dir.join(format!("{module_name}.{script_name}.choices")));
    let expected = dir.join(format!("{module_name}.{script_name}.transcript"));
    assert_golden(&expected, &transcript(&module, &script));
    let compiled = Module::from_compiled(&module.to_compiled()).unwrap();
    assert_golden(&expected, &transcript(&compiled, &script));
}

/// The scripts the tests below run; `every_script_has_a_test` keeps this list complete.
const SCRIPTS: &[(&str, &str)] = &[
    ("crossroads", "steady"),
    ("crossroads", "walked-away"),
    ("crossroads", "second-chance"),
    ("waiting-room", "calm"),
    ("waiting-room", "security"),
    ("revisit", "worn-out"),
    ("revisit", "answered"),
    ("revisit", "unfinished"),
];

/// Ensures a disabled choice is refused, a meter clamps at `max`, and routing picks the strong end.
#[test]
fn crossroads_steady() {
    check_script("crossroads", "steady");
}

/// Ensures clamping at both bounds, routing on a hidden meter, and refused hidden/unknown choices.
#[test]
fn crossroads_walked_away() {
    check_script("crossroads", "walked-away");
}

/// Ensures a set flag reveals a hidden choice, the mixed ending follows, and then nothing more.
#[test]
fn crossroads_second_chance() {
    check_script("crossroads", "second-chance");
}

/// Ensures the example in modules/README.md plays as documented, ending calmly.
#[test]
fn waiting_room_calm() {
    check_script("waiting-room", "calm");
}

/// Ensures the README example's flag-driven routing leads to the tense ending.
#[test]
fn waiting_room_security() {
    check_script("waiting-room", "security");
}

/// Ensures a scene is revisited through a routing scene until a meter runs down to its minimum.
#[test]
fn revisit_worn_out() {
    check_script("revisit", "worn-out");
}

/// Ensures leaving a loop by a decision reaches the ending it names.
#[test]
fn revisit_answered() {
    check_script("revisit", "answered");
}

/// Ensures a script that stops mid-module is reported as unfinished, not as an ending.
#[test]
fn revisit_unfinished() {
    check_script("revisit", "unfinished");
}

/// Ensures every `*.choices` fixture is run by a test above, so none is silently skipped.
#[test]
fn every_script_has_a_test() {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(golden_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".choices") {
            let (module, script) = stem.split_once('.').expect("NAME.SCRIPT.choices");
            found.push((module.to_owned(), script.to_owned()));
        }
    }
    found.sort();
    let mut listed: Vec<(String, String)> = SCRIPTS
        .iter()
        .map(|(m, s)| ((*m).to_owned(), (*s).to_owned()))
        .collect();
    listed.sort();
    assert_eq!(found, listed);
}

/// Ensures every golden module is clean, so no transcript rests on a module the checker rejects.
#[test]
fn golden_modules_are_clean() {
    for path in common::toml_files(&golden_dir()) {
        let loaded = peerpath_engine::load(&common::read(&path));
        assert!(
            loaded.diagnostics.is_empty(),
            "{}: {:#?}",
            path.display(),
            loaded.diagnostics
        );
    }
}

fn render_inlines(out: &mut String, depth: usize, inlines: &[Inline]) {
    let pad = "  ".repeat(depth);
    for inline in inlines {
        match inline {
            Inline::Text(text) => writeln!(out, "{pad}text {text:?}").unwrap(),
            Inline::Code(code) => writeln!(out, "{pad}code {code:?}").unwrap(),
            Inline::Break => writeln!(out, "{pad}break").unwrap(),
            Inline::Emphasis(children) => {
                writeln!(out, "{pad}emphasis").unwrap();
                render_inlines(out, depth + 1, children);
            }
            Inline::Strong(children) => {
                writeln!(out, "{pad}strong").unwrap();
                render_inlines(out, depth + 1, children);
            }
            Inline::Link { href, children } => {
                match href {
                    Some(href) => writeln!(out, "{pad}link {href:?}").unwrap(),
                    None => writeln!(out, "{pad}link (unsafe, shown as text)").unwrap(),
                }
                render_inlines(out, depth + 1, children);
            }
        }
    }
}

fn render_blocks(out: &mut String, depth: usize, blocks: &[Block]) {
    let pad = "  ".repeat(depth);
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => {
                writeln!(out, "{pad}paragraph").unwrap();
                render_inlines(out, depth + 1, inlines);
            }
            Block::Heading(level, inlines) => {
                writeln!(out, "{pad}heading {level}").unwrap();
                render_inlines(out, depth + 1, inlines);
            }
            Block::List { start, items } => {
                match start {
                    Some(first) => writeln!(out, "{pad}list ordered from {first}").unwrap(),
                    None => writeln!(out, "{pad}list bullets").unwrap(),
                }
                for item in items {
                    writeln!(out, "{pad}  item").unwrap();
                    render_blocks(out, depth + 2, item);
                }
            }
            Block::Quote(blocks) => {
                writeln!(out, "{pad}quote").unwrap();
                render_blocks(out, depth + 1, blocks);
            }
            Block::Code(code) => writeln!(out, "{pad}code block {code:?}").unwrap(),
            Block::Rule => writeln!(out, "{pad}rule").unwrap(),
        }
    }
}

/// Ensures `markdown::parse` builds the expected safe tree for the tricky prose in tricky.md.
#[test]
fn markdown_tree_of_tricky_prose() {
    let dir = golden_dir().join("markdown");
    let input = common::read(&dir.join("tricky.md"));
    let mut actual = String::new();
    render_blocks(&mut actual, 0, &markdown::parse(&input));
    assert_golden(&dir.join("tricky.tree"), &actual);
}
