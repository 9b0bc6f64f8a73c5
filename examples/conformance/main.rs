//! The conformance runner: `cargo run --release --example conformance -- PATH...` runs every
//! case of the given vector files and folders (recursing into `*.jsonl`) and prints one line per
//! file, the failures, and `N passed, M failed`. The exit status is 0 only when at least one
//! case ran and none failed.

use std::process::ExitCode;

use openshift_image_examples::conformance::run_paths;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() || paths.iter().any(|p| p == "-h" || p == "--help") {
        eprintln!(
            "usage: conformance PATH...  (vector files or folders, e.g. ../shared/conformance/refs)"
        );
        return ExitCode::from(2);
    }
    let report = run_paths(&paths);
    println!("{report}");
    if report.cases() == 0 {
        eprintln!("error: no case ran");
    }
    if report.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
