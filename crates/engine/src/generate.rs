//! Generated modules of any size, for benchmarks and tests of the checker's speed.

use std::fmt::Write;

/// A valid module with `scenes` decision scenes (plus one routing scene every ten), three
/// endings, two meters and a flag. Each scene offers three choices that move forward one or
/// three scenes, one of them behind a condition, so the graph is wide as well as long.
pub fn module(scenes: usize) -> String {
    let scenes = scenes.max(1);
    let mut out = String::with_capacity(scenes * 700);
    out.push_str(
        r#"format = 1
id = "generated"
title = "Generated module"
topic = "Benchmark"
audience = ["peer-worker"]
minutes = 5
content_note = "Generated text for measuring speed."
objectives = ["Measure the checker."]
start = "s0"

[[sources]]
id = "generated"
title = "Generated"

[[meters]]
id = "trust"
label = "Trust"
min = 0
max = 10
start = 5
visible = true

[[meters]]
id = "strain"
label = "Strain"
min = 0
max = 10
start = 0

[[flags]]
id = "asked"
label = "Asked for help"
"#,
    );
    let target = |i: usize| {
        if i >= scenes {
            match i % 3 {
                0 => "end-strong",
                1 => "end-mixed",
                _ => "end-difficult",
            }
            .to_owned()
        } else {
            format!("s{i}")
        }
    };
    for i in 0..scenes {
        if i % 10 == 9 && i + 1 < scenes {
            let _ = write!(
                out,
                "\n[[scenes]]\nid = \"s{i}\"\n\n  [[scenes.routes]]\n  if = \"trust >= 6 and not asked\"\n  goto = \"{}\"\n\n  [[scenes.routes]]\n  goto = \"{}\"\n",
                target(i + 1),
                target(i + 2),
            );
            continue;
        }
        let _ = write!(
            out,
            r#"
[[scenes]]
id = "s{i}"
speaker = "Narrator"
text = """
Scene {i}. Someone is talking to you about their week, and *you* listen.
"""
facilitator_notes = "Notes for scene {i}."
discussion = "What would you do at scene {i}?"

  [[scenes.choices]]
  id = "listen"
  label = "Listen and reflect back what you heard."
  effects = {{ trust = 1, strain = -1 }}
  goto = "{a}"
  feedback = "Listening builds trust."
  rating = "recommended"
  competencies = ["listening"]

  [[scenes.choices]]
  id = "advise"
  label = "Offer advice straight away."
  effects = {{ trust = -1, strain = 1 }}
  goto = "{b}"
  feedback = "Advice too early can feel dismissive."
  rating = "risky"

  [[scenes.choices]]
  id = "ask"
  label = "Ask what would help."
  if = "trust >= 3 or (strain < 5 and not asked)"
  unavailable = "Trust is too low."
  effects = {{ asked = true }}
  goto = "{c}"
  feedback = "Offering choices shares power."
  rating = "recommended"
"#,
            a = target(i + 1),
            b = target(i + 2),
            c = target(i + 3),
        );
    }
    for (id, outcome) in [
        ("end-strong", "strong"),
        ("end-mixed", "mixed"),
        ("end-difficult", "difficult"),
    ] {
        let _ = write!(
            out,
            "\n[[endings]]\nid = \"{id}\"\ntitle = \"Ending\"\noutcome = \"{outcome}\"\ntext = \"The end.\"\ntakeaways = [\"Listen first.\"]\nreflection = [\"What did you notice?\"]\nreferences = [\"generated\"]\n"
        );
    }
    out
}
