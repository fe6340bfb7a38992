#[test]
fn dump() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnostics");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let l = peerpath_engine::load(&text);
        let idx = peerpath_engine::LineIndex::new(&text);
        println!("== {}", f.file_name().unwrap().to_str().unwrap());
        for d in &l.diagnostics {
            println!("  {d}\n    | {}\n    | {}^", idx.line_text(d.line), " ".repeat(d.column - 1));
        }
    }
}
