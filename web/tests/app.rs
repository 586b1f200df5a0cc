//! Component tests in a real browser: `cargo test -p synack-web --target wasm32-unknown-unknown`
//! (headless Chromium via chromedriver; see .cargo/config.toml and web/webdriver.json).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use synack_web::{simulate, App};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Renders the app into a fresh <div> and waits (up to 5 s) until `selector` matches in it.
async fn render_app_until(selector: &str) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    for _ in 0..500 {
        if root.query_selector(selector).unwrap().is_some() {
            break;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    root
}

#[wasm_bindgen_test]
async fn the_app_draws_the_simulated_handshake_as_a_ladder() {
    let root = render_app_until("svg.ladder").await;
    let svg = root.query_selector("svg.ladder").unwrap();
    assert!(svg.is_some(), "no ladder in: {}", root.inner_html());
    let first = root.query_selector("svg.ladder .segment").unwrap().unwrap();
    assert_eq!(first.get_attribute("data-flags").as_deref(), Some("SYN"));
    assert_eq!(first.get_attribute("data-from").as_deref(), Some("client"));
    let list = root.query_selector("ol.segments").unwrap().unwrap();
    assert!(list.child_element_count() >= 3);
}

#[wasm_bindgen_test]
fn the_simulation_runs_in_wasm_and_opens_with_a_three_way_handshake() {
    let rows = simulate().unwrap();
    let flags: Vec<String> = rows.into_iter().map(|r| r.flags).take(3).collect();
    assert_eq!(flags, ["SYN", "SYN|ACK", "ACK"]);
}
