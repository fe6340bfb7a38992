//! A package's launch page (`scorm.html`, `cmi5.html`, written by `peerpath package`): one
//! module, reported to the LMS through SCORM or cmi5. Its own wasm, so the site's learners
//! never download the LMS runtime. trunk builds it beside the main wasm; `peerpath build`
//! names it by its content.

fn main() {
    peerpath_web::run(peerpath_web::app::launch, peerpath_web::app::Page::Launch);
}
