//! The learner's app (`index.html`): find, play and embed modules.

fn main() {
    peerpath_web::run(peerpath_web::app::learner, peerpath_web::app::Page::Learner);
}
