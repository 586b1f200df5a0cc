//! `cargo run -p synack-langpack`: rewrites every language's pack in web/lang/, their
//! fingerprints (web/src/packs.rs) and the early requests in index.html.

use std::process::ExitCode;

fn main() -> ExitCode {
    let files = match synack_langpack::generate() {
        Ok(f) => f,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            return ExitCode::FAILURE;
        }
    };
    for (path, text) in &files {
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {} ({} bytes)", path.display(), text.len());
    }
    ExitCode::SUCCESS
}
