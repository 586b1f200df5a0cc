//! `cargo run -p synack-langpack`: rewrites web/lang/zh.txt and the pack URL in index.html.

use std::process::ExitCode;

fn main() -> ExitCode {
    let pack = match synack_langpack::pack() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot write the pack: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = synack_langpack::pack_url(&pack);
    let index_path = synack_langpack::index_path();
    let index = match std::fs::read_to_string(&index_path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}: {e}", index_path.display());
            return ExitCode::FAILURE;
        }
    };
    let Some(index) = synack_langpack::with_url(&index, &url) else {
        eprintln!("{}: no lang/zh.txt?v=… URL to update", index_path.display());
        return ExitCode::FAILURE;
    };
    for (path, text) in [(synack_langpack::pack_path(), &pack), (index_path, &index)] {
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "wrote web/lang/zh.txt ({} bytes) and {url} in index.html",
        pack.len()
    );
    ExitCode::SUCCESS
}
