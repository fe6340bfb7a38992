//! The site configuration: `site.toml` in the deployed folder, which an administrator edits
//! without a rebuild to brand the site, list its modules and name the pages allowed to embed
//! it. Anything wrong falls back to the defaults and is reported with its line and column.

use std::ops::Range;

use toml::de::DeValue;
use toml::Spanned;

use crate::catalog::Listed;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::format::{self, Field, Value};

/// The site as configured, with defaults for whatever is missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// The site's name, in the header and the browser tab.
    pub title: String,
    /// A logo image, relative to the site (a plain path, never another site).
    pub logo: Option<String>,
    /// The module files to list, in order; `None` means the built-in `modules/catalog.toml`.
    pub modules: Option<Vec<Listed>>,
    /// Origins (scheme, host and port) of pages that may embed modules and hear their events.
    pub allowed_parent_origins: Vec<String>,
    /// The brand colours, or the defaults when the configured ones are hard to read.
    pub colors: Colors,
    /// The LRS that hears learners' play-throughs as xAPI statements (`[xapi]`), if any.
    pub xapi: Option<XapiSite>,
}

/// `[xapi]`: where a site sends xAPI statements. A static site cannot keep a secret: the key
/// and secret are readable by anyone who opens the site, so they must be a write-only
/// client's (see docs/lms.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XapiSite {
    /// The LRS's xAPI base address.
    pub endpoint: String,
    /// The client's key (the user name of HTTP Basic authentication).
    pub key: String,
    /// The client's secret (the password).
    pub secret: String,
    /// What the modules' activity ids start with; `None`: the site's own address.
    pub activity_base: Option<String>,
}

/// The site's colours, as CSS custom properties. Every pair that shows text meets WCAG AA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors {
    /// Links and buttons; button text on it is white.
    pub primary: Rgb,
    /// Behind the page.
    pub background: Rgb,
    /// Behind cards and panels.
    pub surface: Rgb,
    /// Body text.
    pub text: Rgb,
}

/// A colour as red, green and blue channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` or `#rgb`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()?;
        match digits.as_slice() {
            [r, g, b] => Some(Rgb(r * 17, g * 17, b * 17)),
            [r1, r2, g1, g2, b1, b2] => Some(Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
            _ => None,
        }
    }

    /// The colour as CSS writes it, `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// The WCAG contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// The button text on `primary`, which the contrast check measures against.
pub const WHITE: Rgb = Rgb(255, 255, 255);

impl Default for Colors {
    fn default() -> Self {
        Colors {
            primary: Rgb(0x1f, 0x5f, 0x5b),
            background: Rgb(0xf7, 0xf4, 0xee),
            surface: WHITE,
            text: Rgb(0x1d, 0x2a, 0x2a),
        }
    }
}

impl Colors {
    /// The pairs that carry text, with what each is for, and their contrast.
    pub fn text_pairs(&self) -> [(&'static str, f64); 4] {
        [
            (
                "`text` on `background`",
                self.text.contrast(self.background),
            ),
            ("`text` on `surface`", self.text.contrast(self.surface)),
            (
                "`primary` (links and buttons) on `surface`",
                self.primary.contrast(self.surface),
            ),
            (
                "white button text on `primary`",
                WHITE.contrast(self.primary),
            ),
        ]
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "PeerPath".to_owned(),
            logo: None,
            modules: None,
            allowed_parent_origins: Vec::new(),
            colors: Colors::default(),
            xapi: None,
        }
    }
}

/// The configuration read from `site.toml`, and every problem found (each falls back).
#[derive(Debug, Clone)]
pub struct LoadedSite {
    /// The configuration to use: what the file sets, and defaults for the rest.
    pub config: SiteConfig,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// The settings `site.toml` may have.
const SITE_FIELDS: &[&str] = &[
    "title",
    "logo",
    "modules",
    "allowed_parent_origins",
    "colors",
    "xapi",
];

/// The settings `[xapi]` may have.
const XAPI_FIELDS: &[&str] = &["endpoint", "key", "secret", "activity_base"];

/// The colours `[colors]` may set.
const COLOR_FIELDS: &[&str] = &["primary", "background", "surface", "text"];

/// WCAG 2.2 AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// Reads `site.toml`. Never fails: what cannot be used is reported and replaced by defaults.
pub fn parse_site(text: &str) -> LoadedSite {
    let mut diagnostics = Diagnostics::new(text);
    let mut config = SiteConfig::default();
    let document = match format::parse_document(text) {
        Ok(document) => document,
        Err(error) => {
            diagnostics.push(Code::Syntax, error.span, error.message.trim());
            return LoadedSite {
                config,
                diagnostics: diagnostics.into_sorted(),
            };
        }
    };
    let walked = format::walk_table(
        &document,
        "the site's settings",
        SITE_FIELDS,
        |key, value| {
            // A value of the wrong shape is reported here and the walk goes on, so one field's
            // mistake does not hide the others'.
            let read = match key {
            "title" => format::string(value).map(|title| {
                if !title.trim().is_empty() {
                    config.title = title;
                }
            }),
            "logo" => format::spanned_string(value).map(|logo| {
                if is_site_path(logo.get_ref()) {
                    config.logo = Some(logo.into_inner());
                } else {
                    diagnostics.push(
                        Code::PathOutsideSite,
                        logo.span(),
                        "`logo` must be a path inside this site, such as `brand/logo.svg`",
                    );
                }
            }),
            "modules" => format::list(value, format::spanned_string).map(|names| {
                config.modules = Some(modules(names, &mut diagnostics));
            }),
            "allowed_parent_origins" => {
                format::list(value, format::spanned_string).map(|origins| {
                    for origin in origins {
                        match normalize_origin(origin.get_ref()) {
                            Some(origin) => config.allowed_parent_origins.push(origin),
                            None => diagnostics.push(
                                Code::InvalidOrigin,
                                origin.span(),
                                format!(
                                    "`{}` is not an origin; write it as `https://intranet.example.org` (scheme, host and port only)",
                                    origin.get_ref()
                                ),
                            ),
                        }
                    }
                })
            }
            "colors" => {
                config.colors = read_colors(value, &mut diagnostics);
                Ok(())
            }
            "xapi" => {
                config.xapi = read_xapi(value, &mut diagnostics);
                Ok(())
            }
            _ => return Ok(Field::Unknown),
        };
            if let Err(error) = read {
                diagnostics.push(Code::Syntax, error.span, error.message);
            }
            Ok(Field::Known)
        },
    );
    if let Err(error) = walked {
        diagnostics.push(Code::Syntax, error.span, error.message);
    }
    LoadedSite {
        config,
        diagnostics: diagnostics.into_sorted(),
    }
}

fn modules(names: Vec<Spanned<String>>, diagnostics: &mut Diagnostics<'_>) -> Vec<Listed> {
    let mut listed: Vec<Listed> = Vec::new();
    for name in names {
        if !crate::catalog::is_module_file_name(name.get_ref()) {
            diagnostics.push(
                Code::InvalidFileName,
                name.span(),
                format!(
                    "`{}` is not a module file name: use a name like `de-escalation.toml`, in the modules folder",
                    name.get_ref()
                ),
            );
        } else if listed.iter().any(|l| &l.file == name.get_ref()) {
            diagnostics.push(
                Code::ListedTwice,
                name.span(),
                format!("`{}` is listed twice", name.get_ref()),
            );
        } else {
            let span = name.span().start + 1..name.span().end.saturating_sub(1);
            listed.push(Listed {
                file: name.into_inner(),
                span,
            });
        }
    }
    listed
}

/// Reads `[xapi]`: all of it, or none (with E307 saying what to fix).
fn read_xapi(value: &Value<'_>, diagnostics: &mut Diagnostics<'_>) -> Option<XapiSite> {
    let (mut endpoint, mut key, mut secret, mut activity_base) = (None, None, None, None);
    let mut usable = true;
    let result = format::walk_table(
        value,
        "a table with endpoint, key and secret",
        XAPI_FIELDS,
        |name, value| {
            let text = format::spanned_string(value)?;
            let (span, inner) = (text.span(), text.into_inner());
            let problem = match name {
                "endpoint" if !is_http(&inner) => Some("`endpoint` must be the LRS's https:// address (its xAPI base), such as `https://lrs.example.org/xapi/`"),
                "key" | "secret" if inner.trim().is_empty() => Some("`key` and `secret` must not be empty"),
                "activity_base" if !crate::report::xapi::is_absolute_iri(&inner) => Some("`activity_base` must be an absolute IRI such as `https://training.example.org/peerpath`"),
                _ => None,
            };
            if let Some(problem) = problem {
                diagnostics.push(Code::InvalidLrs, span, problem);
                usable = false;
            }
            match name {
                "endpoint" => endpoint = Some(inner),
                "key" => key = Some(inner),
                "secret" => secret = Some(inner),
                "activity_base" => activity_base = Some(inner),
                _ => return Ok(Field::Unknown),
            }
            Ok(Field::Known)
        },
    );
    if let Err(error) = result {
        diagnostics.push(Code::Syntax, error.span, error.message);
        return None;
    }
    let (Some(endpoint), Some(key), Some(secret)) = (endpoint, key, secret) else {
        diagnostics.push(
            Code::InvalidLrs,
            value.span(),
            "`[xapi]` needs `endpoint`, `key` and `secret`; nothing is sent to an LRS until all three are set",
        );
        return None;
    };
    usable.then_some(XapiSite {
        endpoint,
        key,
        secret,
        activity_base,
    })
}

/// Whether `text` is an http(s) address with a host.
fn is_http(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && !text.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

fn read_colors(value: &Value<'_>, diagnostics: &mut Diagnostics<'_>) -> Colors {
    let mut colors = Colors::default();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let result = format::walk_table(
        value,
        "a table of colours such as primary = \"#1f5f5b\"",
        COLOR_FIELDS,
        |key, value| {
            let slot = match key {
                "primary" => &mut colors.primary,
                "background" => &mut colors.background,
                "surface" => &mut colors.surface,
                "text" => &mut colors.text,
                _ => return Ok(Field::Unknown),
            };
            let text = format::spanned_string(value)?;
            let Some(rgb) = Rgb::parse(text.get_ref()) else {
                return format::fail(
                    text.span(),
                    format!(
                        "`{}` is not a colour; write it as `#1f5f5b`",
                        text.get_ref()
                    ),
                );
            };
            spans.push(text.span());
            *slot = rgb;
            Ok(Field::Known)
        },
    );
    if let Err(error) = result {
        diagnostics.push(Code::Syntax, error.span, error.message);
        return Colors::default();
    }
    let low: Vec<String> = colors
        .text_pairs()
        .iter()
        .filter(|(_, ratio)| *ratio < MIN_CONTRAST)
        .map(|(pair, ratio)| format!("{pair} is {ratio:.1}:1"))
        .collect();
    if !low.is_empty() {
        let span = match value.get_ref() {
            DeValue::Table(_) => value.span(),
            _ => spans.first().cloned().unwrap_or(0..0),
        };
        diagnostics.push(
            Code::LowContrast,
            span,
            format!(
                "these colours would be hard to read ({}; at least {MIN_CONTRAST}:1 is needed), so the default colours are used",
                low.join(", ")
            ),
        );
        return Colors::default();
    }
    colors
}

/// Whether `path` is a relative path inside the site, safe to put in an `src`: no scheme (so
/// no `https:` or `javascript:`), no leading `/` (another host with `//`), no `..` segment,
/// no backslash (browsers read it as `/`), no `%` (`%2e%2e` is `..` to a browser), no query
/// or fragment, and no control characters or surrounding spaces (browsers drop them, so
/// `" //host"` or `".\t./"` would become another host or `..`).
pub fn is_site_path(path: &str) -> bool {
    !path.is_empty()
        && path.trim() == path
        && !path.starts_with('/')
        && !path
            .chars()
            .any(|c| c.is_control() || matches!(c, ':' | '\\' | '%' | '?' | '#'))
        && !path.split('/').any(|segment| segment == "..")
}

/// `https://host[:port]` (or `http://` for local testing), lowercased, with no path.
pub fn normalize_origin(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/').to_ascii_lowercase();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))?;
    let valid = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    valid.then_some(text)
}
