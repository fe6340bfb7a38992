//! Reporting to a learning platform from a package's launch page (`peerpath package`).
//!
//! A package's launch page is the learner's page with a `<meta name="peerpath-launch"
//! content="STANDARD MODULE">` that `peerpath package` writes: the app then plays that one
//! module, as the embed view does, and reports each step to the platform the standard
//! names. The platform's data is the source of truth; the progress store is only a cache.

pub mod scorm;

/// The standards a package reports through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// SCORM 1.2.
    Scorm12,
    /// SCORM 2004 3rd Edition.
    Scorm2004,
}

impl Standard {
    /// The standard's name in the launch page's `<meta>` and in file names.
    pub fn key(self) -> &'static str {
        match self {
            Standard::Scorm12 => "scorm12",
            Standard::Scorm2004 => "scorm2004",
        }
    }

    /// The standard as an administrator reads it.
    pub fn label(self) -> &'static str {
        match self {
            Standard::Scorm12 => "SCORM 1.2",
            Standard::Scorm2004 => "SCORM 2004",
        }
    }
}

/// What a package's launch page asks for: which module, reported through which standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// How the page reports.
    pub standard: Standard,
    /// The module it plays.
    pub module: String,
}

/// The launch this page was written for, from its `<meta name="peerpath-launch">`; `None`
/// on the site's own pages.
pub fn launch() -> Option<Launch> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name='peerpath-launch']")
        .ok()??;
    parse(&meta.get_attribute("content")?)
}

fn parse(content: &str) -> Option<Launch> {
    let (standard, module) = content.trim().split_once(' ')?;
    let standard = match standard {
        "scorm12" => Standard::Scorm12,
        "scorm2004" => Standard::Scorm2004,
        _ => return None,
    };
    let module = module.trim();
    peerpath_engine::module::is_valid_id(module).then(|| Launch {
        standard,
        module: module.to_owned(),
    })
}
