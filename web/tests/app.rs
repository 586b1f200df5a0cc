//! Component tests in a real browser: `cargo test -p synack-web --target wasm32-unknown-unknown`
//! (headless Chromium via chromedriver; see .cargo/config.toml and web/webdriver.json).

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use synack_web::engine::{simulate, Settings};
use synack_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Renders the app into a fresh <div> and waits for Yew to draw.
async fn render_app() -> web_sys::Element {
    let root = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(60)).await;
}

fn q(root: &web_sys::Element, sel: &str) -> web_sys::Element {
    root.query_selector(sel)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no {sel} in: {}", root.inner_html()))
}

fn click(el: &web_sys::Element) {
    match el.dyn_ref::<web_sys::HtmlElement>() {
        Some(h) => h.click(),
        None => {
            // SVG elements have no click(): dispatch a bubbling event (Yew delegates).
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            let ev = web_sys::Event::new_with_event_init_dict("click", &init).expect("an event");
            el.dispatch_event(&ev).expect("dispatched");
        }
    }
}

#[wasm_bindgen_test]
fn the_simulation_runs_in_wasm_and_opens_with_a_three_way_handshake() {
    let trace = simulate(&Settings::default()).expect("a trace");
    let flags: Vec<String> = trace
        .segments
        .iter()
        .take(3)
        .map(|r| r.segment.flags.to_string())
        .collect();
    assert_eq!(flags, ["SYN", "SYN|ACK", "ACK"]);
}

#[wasm_bindgen_test]
async fn the_app_draws_a_ladder_and_the_state_diagram_with_both_sides() {
    let root = render_app().await;
    let segs = root.query_selector_all("svg.ladder .seg").expect("query");
    assert!(segs.length() >= 3);
    let first = q(&root, "svg.ladder .seg");
    assert_eq!(first.get_attribute("data-from").as_deref(), Some("client"));
    assert_eq!(
        root.query_selector_all(".state-now li")
            .expect("q")
            .length(),
        2
    );
    assert!(q(&root, "svg.states .state.current")
        .get_attribute("data-state")
        .is_some());
    // At 0 the client has connected (SYN-SENT) and the server listens.
    let client = q(&root, ".state-now li[data-side=client]");
    assert_eq!(
        client.get_attribute("data-current").as_deref(),
        Some("SYN-SENT")
    );
    let server = q(&root, ".state-now li[data-side=server]");
    assert_eq!(
        server.get_attribute("data-current").as_deref(),
        Some("LISTEN")
    );
}

#[wasm_bindgen_test]
async fn stepping_to_the_end_shows_the_final_states_and_selecting_opens_the_inspector() {
    let root = render_app().await;
    click(&q(&root, "button.tbtn.end"));
    settle().await;
    let trace = simulate(&Settings::default()).expect("a trace");
    for (side, i) in [("client", 0), ("server", 1)] {
        let fig = q(&root, &format!(".state-now li[data-side={side}]"));
        assert_eq!(
            fig.get_attribute("data-current").as_deref(),
            Some(trace.final_states[i].rfc_name())
        );
    }
    click(&q(&root, "svg.ladder .seg"));
    settle().await;
    let insp = q(&root, "#inspector");
    assert!(insp.inner_html().contains("svg"), "{}", insp.inner_html());
    assert!(root.query_selector_all(".hex .byte").expect("q").length() >= 20);
}

#[wasm_bindgen_test]
async fn switching_to_chinese_translates_the_page() {
    // The site fetches lang/zh.txt; here, the committed pack is handed over directly.
    synack_web::langpack::install_text("zh", include_str!("../lang/zh.txt")).expect("the pack");
    let root = render_app().await;
    let select = q(&root, "#lang-select")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .expect("a select");
    select.set_value("zh");
    let ev = web_sys::Event::new("change").expect("event");
    select.dispatch_event(&ev).expect("dispatched");
    settle().await;
    let h = q(&root, "#ladder-h").text_content().unwrap_or_default();
    assert_eq!(h, "时序图");
}
