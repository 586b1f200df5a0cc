//! Thin Yew components: each maps layout structs (already positioned, already worded) to SVG
//! or HTML elements and sends `Action`s back. No layout arithmetic lives here.

pub mod app;
pub mod capture;
pub mod capture_list;
pub mod data_settings;
pub mod header;
pub mod help;
pub mod inspector;
pub mod keys;
pub mod ladder;
pub mod narration;
pub mod packetdrill;
pub mod pkt_dialog;
pub mod pkt_lines;
pub mod preset;
pub mod quiz;
pub mod quiz_share;
pub mod segments;
pub mod settings;
pub mod states;
pub mod tcb;
pub mod tools;
pub mod transport;
pub mod views;

/// A number for an SVG attribute (one decimal; never `NaN`).
pub fn n(v: f64) -> String {
    crate::fmt::fixed1(v)
}

/// A callback that sends `a` on any event: one closure type shared by every such control,
/// instead of one per button (wasm size).
#[inline(never)]
pub fn send<E: 'static>(
    d: &yew::Callback<crate::state::Action>,
    a: crate::state::Action,
) -> yew::Callback<E> {
    d.reform(move |_: E| a.clone())
}

/// The value of the `<select>` an event came from (`None` for any other target).
pub fn select_value(e: &yew::Event) -> Option<String> {
    use yew::TargetCast;
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
}
