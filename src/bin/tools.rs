//! The tools page (`tools.html`): trainer mode, My progress, the completion summary, the
//! author preview and the embed snippet, in a wasm of its own that learners who only play
//! never download. trunk builds it beside the main wasm; `peerpath build` writes the page.

fn main() {
    peerpath_web::run(peerpath_web::app::tools, peerpath_web::app::Page::Tools);
}
