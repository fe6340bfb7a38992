//! The site configuration: branding, module list and embedding origins, with every mistake
//! reported and replaced by a default.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use peerpath_engine::site::{is_site_path, normalize_origin, parse_site, Colors, Rgb, SiteConfig};
use peerpath_engine::Code;

/// Ensures an empty file gives the defaults and no complaints.
#[test]
fn empty_file_is_the_defaults() {
    let site = parse_site("");
    assert_eq!(site.config, SiteConfig::default());
    assert!(site.diagnostics.is_empty());
}

/// Ensures a full, valid configuration is read as written.
#[test]
fn branded_configuration_is_read() {
    let site = parse_site(
        r##"
title = "Acme Peer Training"
logo = "brand/logo.svg"
modules = ["de-escalation.toml", "our-own.toml"]
allowed_parent_origins = ["https://Intranet.Example.org/", "http://127.0.0.1:9000"]

[colors]
primary = "#7a1f5c"
background = "#fff"
surface = "#ffffff"
text = "#222222"
"##,
    );
    assert!(site.diagnostics.is_empty(), "{:#?}", site.diagnostics);
    let config = site.config;
    assert_eq!(config.title, "Acme Peer Training");
    assert_eq!(config.logo.as_deref(), Some("brand/logo.svg"));
    let files: Vec<_> = config
        .modules
        .unwrap()
        .into_iter()
        .map(|l| l.file)
        .collect();
    assert_eq!(files, ["de-escalation.toml", "our-own.toml"]);
    assert_eq!(
        config.allowed_parent_origins,
        ["https://intranet.example.org", "http://127.0.0.1:9000"]
    );
    assert_eq!(config.colors.primary, Rgb(0x7a, 0x1f, 0x5c));
    assert_eq!(config.colors.background, Rgb(255, 255, 255));
}

/// Ensures colours too faint to read fall back to the defaults, with the reason and place.
#[test]
fn low_contrast_colours_fall_back() {
    let site = parse_site("title = \"X\"\n[colors]\nprimary = \"#9fd3cf\"\n");
    assert_eq!(site.config.colors, Colors::default());
    assert_eq!(site.config.title, "X", "the rest of the file still applies");
    assert_eq!(site.diagnostics.len(), 1);
    let d = &site.diagnostics[0];
    assert_eq!(
        (d.code, d.line),
        (Code::LowContrast, 2),
        "points at the [colors] table"
    );
    assert!(
        d.message.contains("white button text on `primary`"),
        "{}",
        d.message
    );
}

/// Ensures each bad value is reported where it is, and the rest of the file still applies.
#[test]
fn mistakes_are_reported_in_place() {
    let site = parse_site(
        "title = \"Ours\"\nlogo = \"https://elsewhere.example/logo.png\"\nallowed_parent_origins = [\"intranet\", \"https://ok.example\"]\nmodules = [\"../x.toml\"]\ncolour = 1\n",
    );
    let found: Vec<_> = site
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            (Code::PathOutsideSite, 2, 8),
            (Code::InvalidOrigin, 3, 27),
            (Code::InvalidFileName, 4, 12),
            (Code::Syntax, 5, 1),
        ]
    );
    assert_eq!(site.config.title, "Ours");
    assert_eq!(site.config.logo, None);
    assert_eq!(site.config.allowed_parent_origins, ["https://ok.example"]);
}

/// Ensures a file that is not TOML gives the defaults and one syntax error.
#[test]
fn malformed_file_gives_defaults() {
    let site = parse_site("title = \"unclosed\n");
    assert_eq!(site.config, SiteConfig::default());
    assert_eq!(site.diagnostics[0].code, Code::Syntax);
}

/// Ensures contrast is computed as WCAG defines it.
#[test]
fn contrast_ratio() {
    let black = Rgb(0, 0, 0);
    let white = Rgb(255, 255, 255);
    assert!((black.contrast(white) - 21.0).abs() < 1e-9);
    assert!((white.contrast(white) - 1.0).abs() < 1e-9);
    // The default colours pass AA on every text pair.
    assert!(Colors::default()
        .text_pairs()
        .iter()
        .all(|(_, r)| *r >= 4.5));
    assert_eq!(Rgb::parse("#1F5f5b"), Some(Rgb(0x1f, 0x5f, 0x5b)));
    assert_eq!(Rgb::parse("red"), None);
}

/// Ensures only scheme, host and port make an origin.
#[test]
fn origins_are_normalized() {
    assert_eq!(
        normalize_origin("https://A.example/").as_deref(),
        Some("https://a.example")
    );
    assert_eq!(
        normalize_origin("http://localhost:8080").as_deref(),
        Some("http://localhost:8080")
    );
    assert_eq!(normalize_origin("https://a.example/path"), None);
    assert_eq!(normalize_origin("javascript:alert(1)"), None);
    assert_eq!(normalize_origin("*"), None);
}

/// Ensures only relative paths inside the site pass, whatever trick would leave it: a scheme,
/// another host, `..` (also percent-encoded or split by a tab), a backslash, a query.
#[test]
fn site_paths_stay_inside_the_site() {
    for inside in [
        "park.svg",
        "images/park.svg",
        "./images/park.svg",
        "images/café-été.svg",
        "a picture.png",
        "..hidden/x.png",
    ] {
        assert!(is_site_path(inside), "{inside:?} is inside the site");
    }
    for outside in [
        "",
        "https://tracker.example/pixel.png",
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:image/svg+xml;base64,AAAA",
        "/etc/passwd",
        "//evil.example/x.png",
        " //evil.example/x.png",
        "../secret.png",
        "images/../../secret.png",
        "images/..",
        "%2e%2e/secret.png",
        ".\t./secret.png",
        "images\\..\\x.png",
        "\\\\evil.example\\x.png",
        "x.png?javascript:alert(1)",
        "x.png#frag",
        "x.png\n",
    ] {
        assert!(!is_site_path(outside), "{outside:?} leaves the site");
    }
}

/// Ensures a duplicate module file in `site.toml`'s list is E302, not a duplicate id.
#[test]
fn module_listed_twice_in_site_toml() {
    let site = parse_site("modules = [\"a.toml\", \"a.toml\"]\n");
    let found: Vec<_> = site
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(found, [(Code::ListedTwice, 1, 22)]);
}

/// Ensures `[xapi]` is read whole, and a missing or unusable part turns it off with E307
/// (nothing half-configured is ever used).
#[test]
fn xapi_is_read_whole_or_not_at_all() {
    let site = parse_site(
        "[xapi]\nendpoint = \"https://lrs.example.org/xapi/\"\nkey = \"writer\"\nsecret = \"s3\"\nactivity_base = \"https://training.example.org/peerpath\"\n",
    );
    assert!(site.diagnostics.is_empty(), "{:#?}", site.diagnostics);
    let xapi = site.config.xapi.unwrap();
    assert_eq!(xapi.endpoint, "https://lrs.example.org/xapi/");
    assert_eq!((xapi.key.as_str(), xapi.secret.as_str()), ("writer", "s3"));
    assert_eq!(
        xapi.activity_base.as_deref(),
        Some("https://training.example.org/peerpath")
    );
    for (text, line) in [
        ("[xapi]\nendpoint = \"https://lrs.example.org/xapi/\"\nkey = \"writer\"\n", 1),
        ("[xapi]\nendpoint = \"https://lrs.example.org/\"\nkey = \"\"\nsecret = \"s\"\n", 3),
        ("[xapi]\nendpoint = \"https://lrs.example.org/\"\nkey = \"k\"\nsecret = \"s\"\nactivity_base = \"not an iri\"\n", 5),
    ] {
        let site = parse_site(text);
        assert_eq!(site.config.xapi, None, "{text}");
        assert_eq!(site.diagnostics.len(), 1, "{text}: {:#?}", site.diagnostics);
        assert_eq!(site.diagnostics[0].code, Code::InvalidLrs);
        assert_eq!(site.diagnostics[0].line, line, "{text}");
    }
}
