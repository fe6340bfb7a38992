//! PeerPath in the browser: a thin Yew app that drives `peerpath-engine`.

mod app;
mod catalog;
mod components;
mod hooks;
mod pages;
mod route;
mod storage;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
