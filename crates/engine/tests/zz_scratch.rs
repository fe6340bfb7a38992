use peerpath_engine::*;

const BASE: &str = r#"format = 1
id = "m"
title = "T"
topic = "t"
audience = ["peer-worker"]
minutes = 1
content_note = "n"
objectives = ["o"]
start = "a"

[[meters]]
id = "trust"
label = "Trust"
min = 0
max = 5
start = 2

[[scenes]]
id = "a"
text = "x"

  [[scenes.choices]]
  id = "c1"
  label = "l"
  if = COND
  goto = "end"
  feedback = "f"
  rating = "recommended"

  [[scenes.choices]]
  id = "c2"
  label = "l"
  goto = "end"
  feedback = "f"
  rating = "recommended"

[[endings]]
id = "end"
title = "E"
outcome = "strong"
text = "t"
"#;

fn show(label: &str, text: &str) {
    let l = load(text);
    println!("--- {label}: module={}", l.module.is_some());
    for d in &l.diagnostics { println!("  {d}"); }
}

#[test]
fn probe() {
    let base = BASE.replace("COND", "\"trust > 1\"");
    show("plain", &BASE.replace("COND", "\"trust >= 99\""));
    show("triple", &BASE.replace("COND", "\"\"\"trust >= 99\"\"\""));
    show("triple-nl", &BASE.replace("COND", "\"\"\"\ntrust >= 99\"\"\""));
    show("literal", &BASE.replace("COND", "'trust >= 99'"));
    show("escape", &BASE.replace("COND", "\"\\u0074rust >= 99\""));
    show("deep-cond", &BASE.replace("COND", &format!("\"{}trust >= 1{}\"", "(".repeat(10000), ")".repeat(10000))));
    show("wrongtype minutes", &base.replace("minutes = 1", "minutes = \"one\""));
    show("unknown field", &base.replace("text = \"x\"", "text = \"x\"\nspeeker = \"N\""));
    show("missing format", &base.replace("format = 1\n", ""));
    show("format 2", &base.replace("format = 1", "format = 2"));
    show("effects wrong", &BASE.replace("  if = COND\n", "  if = \"trust > 1\"\n  effects = { trust = \"x\" }\n"));
    show("effects unknown", &BASE.replace("  if = COND\n", "  if = \"trust > 1\"\n  effects = { trsut = 1 }\n"));
}

#[test]
fn more() {
    let base = BASE.replace("COND", "\"trust > 1\"");
    show("format str", &base.replace("format = 1", "format = \"1\""));
    show("format float", &base.replace("format = 1", "format = 1.0"));
    show("format 0", &base.replace("format = 1", "format = 0"));
    show("missing title", &base.replace("title = \"T\"\n", ""));
    show("audience bad", &base.replace("[\"peer-worker\"]", "[\"everyone\"]"));
    show("rating bad", &base.replace("rating = \"recommended\"", "rating = \"great\""));
    show("syntax", &base.replace("min = 0", "min = = 0"));
    show("dup key", &base.replace("min = 0", "min = 0\nmin = 1"));
    show("big effect", &base.replace("  if = \"trust > 1\"\n", "  if = \"trust > 1\"\n  effects = { trust = 99999999999999999999 }\n"));
    show("min>max", &base.replace("max = 5", "max = -1"));
    show("neg start", &base.replace("start = 2", "start = -1"));
    show("cr lf", &base.replace("\n", "\r\n").replace("trust > 1", "trust > 9"));
    show("multibyte col", &base.replace("  if = \"trust > 1\"", "  if = \"trust > 9\" # é").replace("label = \"l\"\n  if", "label = \"é\"\n  if"));
    show("tab before cond", &base.replace("  if = \"trust > 1\"", "\tif = \"trust > 9\""));
    show("img", &base.replace("text = \"x\"", "text = \"x\"\nimage = { src = \"a.svg\", alt = \" \" }"));
    show("empty text", &base.replace("text = \"x\"", "text = \"  \""));
    show("start ending", &base.replace("start = \"a\"", "start = \"end\""));
    show("empty scenes", "format = 1\nid = \"m\"\ntitle = \"T\"\ntopic = \"t\"\naudience = []\nminutes = 1\ncontent_note = \"n\"\nobjectives = []\nstart = \"end\"\nscenes = []\n[[endings]]\nid = \"end\"\ntitle = \"E\"\noutcome = \"strong\"\ntext = \"t\"\n");
}

#[test]
fn deep_array() {
    let t = format!("a = {}", "[".repeat(10000));
    show("deep-array-open", &t);
    let t = format!("{}objectives2 = {}{}", BASE.replace("COND", "\"trust > 1\""), "[".repeat(10000), "]".repeat(10000));
    show("deep-array", &t);
}
#[test]
fn deep_table() {
    let t = format!("a = {}1{}", "{a = ".repeat(10000), "}".repeat(10000));
    show("deep-table", &t);
}

#[test]
fn md() {
    for s in ["<script>alert(1)</script>\n\nHello *w*", "> <div>x</div>\n>\n> more\n\nafter", "- <div>\n  hi\n  </div>\n- two", "[x](javascript&#58;alert(1))"] {
        println!("{s:?} => {:#?}", markdown::parse(s));
    }
}
#[test]
fn md_deep() {
    let s = format!("{} hi", ">".repeat(10000));
    let b = markdown::parse(&s);
    println!("quote depth parsed {}", b.len());
    let s = format!("{}hi{}", "*".repeat(10000), "*".repeat(10000));
    let b = markdown::parse(&s);
    println!("emph parsed {}", b.len());
    let s = format!("{}hi{}", "[".repeat(10000), "](x)".repeat(10000));
    let b = markdown::parse(&s);
    println!("link parsed {}", b.len());
}
#[test]
fn md2() {
    for s in ["<a@b.org> and <https://x.org/a>", "![alt *text*](x.png)", "a  \nb\\\nc", "~~strike~~", "1. a\n2. b\n\n   - c\n3. d", "3. three\n4. four"] {
        println!("{s:?} => {:?}", markdown::parse(s));
    }
}
