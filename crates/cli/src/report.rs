//! Compiler-style output: the code, where, what, and the offending line with a marker.

use peerpath_engine::{LineIndex, Severity};

use crate::check::FileReport;

pub(crate) fn print(reports: &[FileReport]) {
    for report in reports {
        let index = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let line_text = index.line_text(d.line);
            let gutter = d.line.to_string().len();
            let marker_len = report
                .text
                .get(d.span.clone())
                .map_or(1, |s| s.lines().next().unwrap_or("").chars().count().max(1));
            println!("{kind}[{}] {}: {}", d.code, d.name, d.message);
            println!("{:gutter$}--> {}:{}:{}", "", report.file, d.line, d.column);
            println!("{:gutter$} |", "");
            println!("{} | {}", d.line, line_text);
            println!(
                "{:gutter$} | {}{}",
                "",
                " ".repeat(d.column.saturating_sub(1)),
                "^".repeat(marker_len)
            );
            println!();
        }
        let summary = match (report.errors, report.warnings) {
            (0, 0) => "ok".to_owned(),
            (e, w) => format!("{} error{}, {} warning{}", e, plural(e), w, plural(w)),
        };
        println!("{}: {summary}", report.file);
    }
    let failed = reports.iter().filter(|r| r.errors > 0).count();
    println!(
        "checked {} file{}: {}",
        reports.len(),
        plural(reports.len()),
        if failed == 0 {
            "no errors".to_owned()
        } else {
            format!("{failed} with errors")
        }
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
