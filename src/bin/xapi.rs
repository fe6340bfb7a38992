//! The site's LRS reporter (`[xapi]` in `site.toml`): builds and sends xAPI statements for
//! the learner's page, which loads it only when the site names an LRS (see
//! `lms::site_lrs`). trunk builds it beside the main wasm; `peerpath build` names it by its
//! content and tells the page where it is.

fn main() {
    peerpath_web::lms::site_lrs::install();
}
