//! Entry point of the web app (built by Trunk from the root index.html).
fn main() {
    yew::Renderer::<synack_web::App>::new().render();
}
