//! `peerpath`: check module files like a compiler, audit them, generate large modules, and time
//! the checker.

mod audit;
mod build;
mod check;
mod package;
mod report;
mod translate;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  peerpath check [--json] PATH...   check module files (a folder means its *.toml files)
  peerpath audit [--json] [--strict] PATH...
                                    audit modules against the bar in modules/README.md
  peerpath build [--modules DIR] [--dist DIR]
                                    check the catalog's modules and compile them into DIR/modules
                                    (trunk runs this after every build, on its staging folder)
  peerpath package --format scorm12|scorm2004|cmi5 --out DIR [--dist DIR] [--id-base IRI]
                  [MODULE_ID...]    write a SCORM or cmi5 package (zip) per module of a built site
                                    (default: every module in DIR/modules/catalog.ppm, dist/)
  peerpath translate MODULE.toml --lang LANG [--accept]
                                    write or update MODULE.LANG.toml, the module's translation
                                    (--accept: record that its fields translate today's English)
  peerpath generate SCENES          print a generated module with SCENES scenes
  peerpath bench [SCENES] [RUNS]    time parsing and checking a generated module (default 10000, 20)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check::run(&args[1..]),
        Some("audit") => audit::run(&args[1..]),
        Some("build") => build::run(&args[1..]),
        Some("package") => package::run(&args[1..]),
        Some("translate") => translate::run(&args[1..]),
        Some("generate") => match args.get(1).and_then(|n| n.parse::<usize>().ok()) {
            Some(scenes) => {
                print!("{}", peerpath_engine::generate::module(scenes));
                ExitCode::SUCCESS
            }
            None => usage("generate needs a number of scenes"),
        },
        Some("bench") => {
            let scenes = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10_000);
            let runs = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
            bench(scenes, runs)
        }
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage("unknown command"),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprint!("peerpath: {problem}\n{USAGE}");
    ExitCode::from(2)
}

/// Times `load` on a generated module: prints the median and best of `runs`, as JSON.
fn bench(scenes: usize, runs: usize) -> ExitCode {
    let text = peerpath_engine::generate::module(scenes);
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let started = std::time::Instant::now();
        let loaded = peerpath_engine::load(&text);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if loaded.module.is_none() {
            eprintln!(
                "peerpath: the generated module did not load: {:?}",
                loaded.diagnostics.first()
            );
            return ExitCode::FAILURE;
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{}",
        serde_json::json!({
            "scenes": scenes,
            "bytes": text.len(),
            "runs": times.len(),
            "median_ms": times[times.len() / 2],
            "best_ms": times[0],
        })
    );
    ExitCode::SUCCESS
}
