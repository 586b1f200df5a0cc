//! Not a check: prints a preset as the app would tell it, for reading and reviewing texts.
//!
//! ```sh
//! PRESET=syn-lost cargo test -p synack-diagram --test print -- --ignored --nocapture
//! ```
//! With `SYNACK_DIAGRAM_DUMP=/tmp` it also writes `/tmp/<preset>.svg`.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use synack_diagram::*;

#[test]
#[ignore]
fn print_a_preset() {
    let name = std::env::var("PRESET").unwrap_or("handshake-and-close".into());
    let t = common::trace(&name);
    let lad = Ladder::new(&t, &LadderOptions::default());
    for lang in [Lang::EN, zh()] {
        for i in 0..lad.steps.len() {
            let st = lad.narrate(&t, i, lang);
            println!("[{}] {}", st.at.0, st.text);
            for w in st.whys {
                println!("   WHY {}: {}", w.title, w.body);
            }
        }
    }
    println!("{}", mermaid(&t));
    if let Ok(dir) = std::env::var("SYNACK_DIAGRAM_DUMP") {
        std::fs::write(
            format!("{dir}/{name}.svg"),
            ladder_svg(&t, &LadderOptions::default(), Lang::EN),
        )
        .unwrap();
    }
}

/// Simplified Chinese, from the committed pack (kept in step with `lang/zh.txt` by
/// `synack-langpack`'s test).
fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}
