//! `peerpath package`: a learning platform's package of one module, from a built site.
//!
//! `peerpath package --dist DIR --format scorm12|scorm2004|cmi5 --out DIR [MODULE_ID...]` writes
//! `<module>-<format>.zip` for each module (every module in the site's catalog when none is
//! named). Each zip holds the player (the learner's wasm, its styles), that one module in
//! its compiled form, the site's branding, a launch page, and the standard's manifest (SCORM:
//! `imsmanifest.xml` with its schema files; cmi5: `cmi5.xml` with one unit). The launch page is the site's `index.html` with a `<meta
//! name="peerpath-launch">` naming the standard and the module, so the player plays just
//! that module and reports to the LMS (see `src/lms/`).
//!
//! Nothing is written for a module that cannot be packaged (unknown id, damaged data, a
//! longest path whose resume data would not fit SCORM 1.2's `cmi.suspend_data`), and a zip
//! is written beside its final name and renamed, so a failure never leaves half a package.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use peerpath_engine::audit::{StateSpace, STATE_BOUND};
use peerpath_engine::report::{Resume, MAX_ATTEMPT_ID, SCORM12_SUSPEND_LIMIT};
use peerpath_engine::site::{parse_site, Rgb};
use peerpath_engine::{Index, Module, SavedSession, SAVE_VERSION};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::build::INDEX_FILE;

/// The standards a package can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Scorm12,
    Scorm2004,
    Cmi5,
}

impl Format {
    fn parse(text: &str) -> Option<Format> {
        match text {
            "scorm12" => Some(Format::Scorm12),
            "scorm2004" => Some(Format::Scorm2004),
            "cmi5" => Some(Format::Cmi5),
            _ => None,
        }
    }

    /// The name in file names and in the launch page's `<meta>`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Format::Scorm12 => "scorm12",
            Format::Scorm2004 => "scorm2004",
            Format::Cmi5 => "cmi5",
        }
    }

    /// The launch page's file name.
    fn launch_page(self) -> &'static str {
        match self {
            Format::Scorm12 | Format::Scorm2004 => "scorm.html",
            Format::Cmi5 => "cmi5.html",
        }
    }
}

/// What cmi5 course and unit ids start with unless `--id-base` says otherwise: globally
/// unique by the module's id, owned by no web site.
const DEFAULT_ID_BASE: &str = "urn:peerpath:module:";

/// The SCORM 1.2 schema files, beside the manifest.
const SCORM12_SCHEMAS: &[(&str, &[u8])] = &[
    (
        "adlcp_rootv1p2.xsd",
        include_bytes!("../schemas/scorm12/adlcp_rootv1p2.xsd"),
    ),
    (
        "ims_xml.xsd",
        include_bytes!("../schemas/scorm12/ims_xml.xsd"),
    ),
    (
        "imscp_rootv1p1p2.xsd",
        include_bytes!("../schemas/scorm12/imscp_rootv1p1p2.xsd"),
    ),
    (
        "imsmd_rootv1p2p1.xsd",
        include_bytes!("../schemas/scorm12/imsmd_rootv1p2p1.xsd"),
    ),
];

/// The SCORM 2004 3rd Edition schema files, in `schemas/`.
const SCORM2004_SCHEMAS: &[(&str, &[u8])] = &[
    (
        "XMLSchema.dtd",
        include_bytes!("../schemas/scorm2004/XMLSchema.dtd"),
    ),
    (
        "adlcp_v1p3.xsd",
        include_bytes!("../schemas/scorm2004/adlcp_v1p3.xsd"),
    ),
    (
        "adlnav_v1p3.xsd",
        include_bytes!("../schemas/scorm2004/adlnav_v1p3.xsd"),
    ),
    (
        "adlseq_v1p3.xsd",
        include_bytes!("../schemas/scorm2004/adlseq_v1p3.xsd"),
    ),
    (
        "datatypes.dtd",
        include_bytes!("../schemas/scorm2004/datatypes.dtd"),
    ),
    (
        "imscp_v1p1.xsd",
        include_bytes!("../schemas/scorm2004/imscp_v1p1.xsd"),
    ),
    (
        "imsss_v1p0.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0.xsd"),
    ),
    (
        "imsss_v1p0auxresource.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0auxresource.xsd"),
    ),
    (
        "imsss_v1p0control.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0control.xsd"),
    ),
    (
        "imsss_v1p0delivery.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0delivery.xsd"),
    ),
    (
        "imsss_v1p0limit.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0limit.xsd"),
    ),
    (
        "imsss_v1p0objective.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0objective.xsd"),
    ),
    (
        "imsss_v1p0random.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0random.xsd"),
    ),
    (
        "imsss_v1p0rollup.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0rollup.xsd"),
    ),
    (
        "imsss_v1p0seqrule.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0seqrule.xsd"),
    ),
    (
        "imsss_v1p0util.xsd",
        include_bytes!("../schemas/scorm2004/imsss_v1p0util.xsd"),
    ),
    ("xml.xsd", include_bytes!("../schemas/scorm2004/xml.xsd")),
];

struct Options {
    dist: PathBuf,
    format: Format,
    /// cmi5: what the course's and unit's ids start with.
    id_base: String,
    out: PathBuf,
    modules: Vec<String>,
}

fn options(args: &[String]) -> Result<Options, String> {
    let (mut dist, mut format, mut out, mut modules) =
        (PathBuf::from("dist"), None, None, Vec::new());
    let mut id_base = DEFAULT_ID_BASE.to_owned();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dist" => dist = args.next().ok_or("--dist needs a folder")?.into(),
            "--out" => out = Some(args.next().ok_or("--out needs a folder")?.into()),
            "--id-base" => {
                id_base = args.next().ok_or("--id-base needs an IRI")?.clone();
                if !peerpath_engine::report::xapi::is_absolute_iri(&id_base) {
                    return Err(format!(
                        "--id-base must be an absolute IRI (https://… or urn:…), not `{id_base}`"
                    ));
                }
            }
            "--format" => {
                let name = args
                    .next()
                    .ok_or("--format needs scorm12, scorm2004 or cmi5")?;
                format = Some(Format::parse(name).ok_or_else(|| {
                    format!("--format must be scorm12, scorm2004 or cmi5, not `{name}`")
                })?);
            }
            other if other.starts_with("--") => {
                return Err(format!("package does not know `{other}`"))
            }
            id => modules.push(id.to_owned()),
        }
    }
    Ok(Options {
        dist,
        format: format.ok_or("package needs --format scorm12, scorm2004 or cmi5")?,
        id_base,
        out: out.ok_or("package needs --out FOLDER")?,
        modules,
    })
}

pub(crate) fn run(args: &[String]) -> ExitCode {
    let options = match options(args) {
        Ok(options) => options,
        Err(problem) => return crate::usage(&problem),
    };
    match package(&options) {
        Ok(written) => {
            for line in written {
                eprintln!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("peerpath package: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

/// Packages every requested module; checks them all before writing any.
fn package(options: &Options) -> Result<Vec<String>, String> {
    let dist = &options.dist;
    let index_path = dist.join("modules").join(INDEX_FILE);
    let index = Index::from_compiled(&read(&index_path)?).map_err(|error| {
        format!(
            "{} is not a module index PeerPath can read ({error}); build the site with `trunk build` first",
            index_path.display()
        )
    })?;
    let ids: Vec<String> = if options.modules.is_empty() {
        index.modules.iter().map(|entry| entry.id.clone()).collect()
    } else {
        options.modules.clone()
    };
    let player = Player::read(dist)?;
    let mut packages = Vec::with_capacity(ids.len());
    for id in &ids {
        let entry = index
            .modules
            .iter()
            .find(|entry| &entry.id == id)
            .ok_or_else(|| {
                format!(
                    "no module `{id}` in {}; the site has: {}",
                    index_path.display(),
                    index
                        .modules
                        .iter()
                        .map(|e| e.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
        let data_path = dist.join("modules").join(&entry.data);
        let data = read(&data_path)?;
        let module = Module::from_compiled(&data)
            .map_err(|error| format!("{}: {error}", data_path.display()))?;
        if options.format == Format::Scorm12 {
            fits_scorm12(&module)?;
        }
        let mut entry = entry.clone();
        // The package holds only the learners' form, in English.
        entry.trainer_data = entry.data.clone();
        entry.translations.clear();
        let one = Index {
            modules: vec![entry],
        };
        packages.push((module, data, one));
    }
    std::fs::create_dir_all(&options.out)
        .map_err(|error| format!("cannot create {}: {error}", options.out.display()))?;
    let mut written = Vec::with_capacity(packages.len());
    for (module, data, index) in &packages {
        let files = files(
            options.format,
            &options.id_base,
            &player,
            module,
            data,
            index,
        )?;
        let name = format!("{}-{}.zip", module.id, options.format.key());
        let size = write_zip(&options.out.join(&name), &files)?;
        written.push(format!(
            "peerpath package: {} ({} files, {} KB)",
            options.out.join(&name).display(),
            files.len(),
            size.div_ceil(1024)
        ));
    }
    Ok(written)
}

/// Refuses a module whose resume data, on its longest path, would not fit SCORM 1.2.
fn fits_scorm12(module: &Module) -> Result<(), String> {
    let space = StateSpace::explore(module, STATE_BOUND);
    let Some(path) = space.longest_path(module) else {
        return Err(format!(
            "module `{}` has no bounded longest path (a loop, or more than {STATE_BOUND} states), so its resume data cannot be shown to fit SCORM 1.2's {SCORM12_SUSPEND_LIMIT} characters; package it as scorm2004",
            module.id
        ));
    };
    let worst = Resume {
        attempt: "a".repeat(MAX_ATTEMPT_ID),
        assessment: true,
        session: SavedSession {
            version: SAVE_VERSION,
            min_reader: SAVE_VERSION,
            module: module.id.clone(),
            decisions: path,
            reviewing: true,
        },
    };
    let size = worst
        .to_text()
        .map_err(|error| error.to_string())?
        .chars()
        .count();
    if size > SCORM12_SUSPEND_LIMIT {
        return Err(format!(
            "module `{}`: on its longest path the resume data is {size} characters, over SCORM 1.2's {SCORM12_SUSPEND_LIMIT}; shorten its ids or package it as scorm2004",
            module.id
        ));
    }
    Ok(())
}

/// What every package of a site shares: the learner's page and the files it loads.
struct Player {
    /// `index.html` running the launch page's bundle, to write the launch page from.
    page: String,
    /// The files that page loads (the launch bundle's wasm, its scripts, styles, icon), by
    /// name in `dist/`.
    assets: Vec<(String, Vec<u8>)>,
    /// `site.toml`, rewritten with only what a package uses (title, logo, colours).
    site: String,
    /// The logo's file, when the site has one.
    logo: Option<(String, Vec<u8>)>,
}

impl Player {
    fn read(dist: &Path) -> Result<Player, String> {
        let page_path = dist.join("index.html");
        let index = String::from_utf8(read(&page_path)?)
            .map_err(|_| format!("{} is not UTF-8 text", page_path.display()))?;
        let base = launch_bundle(dist)?;
        let page = crate::build::page_for_bundle(&index, &base)?;
        let mut assets = Vec::new();
        let wasm = format!("{base}_bg.wasm");
        for name in local_references(&page).into_iter().chain([wasm]) {
            // The tools and the module reader are not part of a package.
            if name.contains("peerpath-reader") || name.contains("peerpath-tools") {
                continue;
            }
            let path = dist.join(&name);
            if path.is_file() && !assets.iter().any(|(known, _)| known == &name) {
                assets.push((name, read(&path)?));
            }
        }
        let site_path = dist.join("site.toml");
        let site_text = match std::fs::read_to_string(&site_path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(error) => return Err(format!("cannot read {}: {error}", site_path.display())),
        };
        let loaded = parse_site(&site_text);
        for diagnostic in &loaded.diagnostics {
            eprintln!("{}:{diagnostic}", site_path.display());
        }
        let config = loaded.config;
        let logo = match &config.logo {
            Some(logo) => Some((logo.clone(), read(&dist.join(logo))?)),
            None => None,
        };
        let hex = |Rgb(r, g, b): Rgb| format!("\"#{r:02x}{g:02x}{b:02x}\"");
        let mut site = format!(
            "# Written by `peerpath package` from the site's site.toml: what a package uses.\ntitle = {}\n",
            toml_string(&config.title)
        );
        if let Some(logo) = &config.logo {
            site.push_str(&format!("logo = {}\n", toml_string(logo)));
        }
        let colors = &config.colors;
        site.push_str(&format!(
            "\n[colors]\nprimary = {}\nbackground = {}\nsurface = {}\ntext = {}\n",
            hex(colors.primary),
            hex(colors.background),
            hex(colors.surface),
            hex(colors.text)
        ));
        Ok(Player {
            page,
            assets,
            site,
            logo,
        })
    }
}

/// The launch page bundle's name (`peerpath-lms-<hash>`), as `peerpath build` left it.
fn launch_bundle(dist: &Path) -> Result<String, String> {
    let entries = std::fs::read_dir(dist)
        .map_err(|error| format!("cannot read {}: {error}", dist.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            name.strip_suffix("_start.js")
                .filter(|base| base.starts_with(&format!("{}-", crate::build::LMS)))
                .map(str::to_owned)
        })
        .filter(|base| {
            dist.join(format!("{base}.js")).is_file()
                && dist.join(format!("{base}_bg.wasm")).is_file()
        })
        .collect();
    found.sort();
    match found.as_slice() {
        [base] => Ok(base.clone()),
        [] => Err(format!(
            "{} has no launch page bundle ({}-*.js); build the site with `trunk build` first",
            dist.display(),
            crate::build::LMS
        )),
        _ => Err(format!(
            "{} has more than one launch page bundle ({}); build the site again into an empty folder",
            dist.display(),
            found.join(", ")
        )),
    }
}

/// A TOML basic string (JSON's escaping is valid TOML).
fn toml_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// Every `./name` a page refers to in quotes (its scripts, wasm, styles, icon).
fn local_references(page: &str) -> Vec<String> {
    let mut names = Vec::new();
    for quote in ['"', '\''] {
        let opening = format!("{quote}./");
        let mut rest = page;
        while let Some(at) = rest.find(&opening) {
            let after = &rest[at + opening.len()..];
            let end = after.find(quote).unwrap_or(after.len());
            let name = after[..end].split(['?', '#']).next().unwrap_or_default();
            if !name.is_empty() && !name.contains("..") {
                names.push(name.to_owned());
            }
            rest = &after[end..];
        }
    }
    names
}

/// Escapes text for XML content and attributes.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// The module's description for manifests and the launch page: its objectives.
fn description(module: &Module) -> String {
    module
        .objectives
        .iter()
        .map(|objective| objective.plain_text())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The launch page: `index.html` with the module's title and description, the `<meta>` that
/// makes it play one module and report, and nothing of the module reader.
fn launch_page(page: &str, format: Format, module: &Module) -> Result<String, String> {
    let mut out = String::with_capacity(page.len() + 256);
    for tag in page.split_inclusive('>') {
        // No module reader, no site LRS, and no install manifest: a package is not a site.
        if tag.contains("name=\"peerpath-reader\"")
            || tag.contains("name=\"peerpath-lrs\"")
            || tag.contains("rel=\"manifest\"")
        {
            continue;
        }
        if tag.trim_start().starts_with("<meta name=\"description\"") {
            let indent = &tag[..tag.len() - tag.trim_start().len()];
            out.push_str(&format!(
                "{indent}<meta name=\"description\" content=\"{}\" />",
                xml(&description(module))
            ));
            continue;
        }
        out.push_str(tag);
    }
    let out = match (out.find("<title>"), out.find("</title>")) {
        (Some(start), Some(end)) if start < end => format!(
            "{}<title>{}</title>{}",
            &out[..start],
            xml(&module.title),
            &out[end + "</title>".len()..]
        ),
        _ => return Err("index.html has no <title>".into()),
    };
    let meta = format!(
        "<meta name=\"peerpath-launch\" content=\"{} {}\" />\n",
        format.key(),
        module.id
    );
    match out.find("</head>") {
        Some(at) => Ok(format!("{}{meta}{}", &out[..at], &out[at..])),
        None => Err("index.html has no </head>".into()),
    }
}

/// Every file of one package, by its path in the zip, in a stable order.
fn files(
    format: Format,
    id_base: &str,
    player: &Player,
    module: &Module,
    data: &[u8],
    index: &Index,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut content: Vec<(String, Vec<u8>)> = vec![(
        format.launch_page().to_owned(),
        launch_page(&player.page, format, module)?.into_bytes(),
    )];
    content.extend(player.assets.iter().cloned());
    content.push(("site.toml".into(), player.site.clone().into_bytes()));
    if let Some(logo) = &player.logo {
        content.push(logo.clone());
    }
    content.push((format!("modules/{INDEX_FILE}"), index.to_compiled()));
    let entry = index.modules.first().ok_or("an empty index")?;
    content.push((format!("modules/{}", entry.data), data.to_vec()));
    let names: Vec<&str> = content.iter().map(|(name, _)| name.as_str()).collect();
    let (manifest, text) = match format {
        Format::Scorm12 => (
            "imsmanifest.xml",
            scorm12_manifest(module, format.launch_page(), &names),
        ),
        Format::Scorm2004 => (
            "imsmanifest.xml",
            scorm2004_manifest(module, format.launch_page(), &names),
        ),
        Format::Cmi5 => (
            "cmi5.xml",
            cmi5_course(module, id_base, format.launch_page()),
        ),
    };
    let mut files = vec![(manifest.to_owned(), text.into_bytes())];
    let schemas = match format {
        Format::Scorm12 => SCORM12_SCHEMAS
            .iter()
            .map(|(n, b)| ((*n).to_owned(), b))
            .collect::<Vec<_>>(),
        Format::Scorm2004 => SCORM2004_SCHEMAS
            .iter()
            .map(|(n, b)| (format!("schemas/{n}"), b))
            .collect(),
        Format::Cmi5 => Vec::new(),
    };
    files.extend(
        schemas
            .into_iter()
            .map(|(name, bytes)| (name, bytes.to_vec())),
    );
    files.extend(content);
    Ok(files)
}

fn file_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("      <file href=\"{}\"/>\n", xml(name)))
        .collect()
}

fn scorm12_manifest(module: &Module, launch: &str, names: &[&str]) -> String {
    let (id, title, description) = (
        xml(&module.id),
        xml(&module.title),
        xml(&description(module)),
    );
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="peerpath.{id}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title><imsmd:langstring xml:lang="en">{title}</imsmd:langstring></imsmd:title>
        <imsmd:description><imsmd:langstring xml:lang="en">{description}</imsmd:langstring></imsmd:description>
      </imsmd:general>
    </imsmd:lom>
  </metadata>
  <organizations default="peerpath">
    <organization identifier="peerpath">
      <title>{title}</title>
      <item identifier="item-{id}" identifierref="sco-{id}" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-{id}" type="webcontent" adlcp:scormtype="sco" href="{launch}">
{files}    </resource>
  </resources>
</manifest>
"#,
        files = file_list(names)
    )
}

fn scorm2004_manifest(module: &Module, launch: &str, names: &[&str]) -> String {
    let (id, title) = (xml(&module.id), xml(&module.title));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="peerpath.{id}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 schemas/imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 schemas/adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 schemas/adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 schemas/adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss schemas/imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 3rd Edition</schemaversion>
  </metadata>
  <organizations default="peerpath">
    <organization identifier="peerpath">
      <title>{title}</title>
      <item identifier="item-{id}" identifierref="sco-{id}">
        <title>{title}</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-{id}" type="webcontent" adlcp:scormType="sco" href="{launch}">
{files}    </resource>
  </resources>
</manifest>
"#,
        files = file_list(names)
    )
}

/// cmi5's course structure with one unit (spec §13–§14): the module's title and
/// description, passed or completed moves on, opened in any window.
fn cmi5_course(module: &Module, id_base: &str, launch: &str) -> String {
    let (id, title, description) = (
        xml(&format!("{id_base}{}", module.id)),
        xml(&module.title),
        xml(&description(module)),
    );
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="{id}/course">
    <title><langstring lang="en">{title}</langstring></title>
    <description><langstring lang="en">{description}</langstring></description>
  </course>
  <au id="{id}" moveOn="CompletedOrPassed" launchMethod="AnyWindow">
    <title><langstring lang="en">{title}</langstring></title>
    <description><langstring lang="en">{description}</langstring></description>
    <url>{launch}</url>
  </au>
</courseStructure>
"#
    )
}

/// Writes a zip beside `path` and renames it into place; returns its size in bytes.
fn write_zip(path: &Path, files: &[(String, Vec<u8>)]) -> Result<usize, String> {
    let partial = path.with_extension("zip.partial");
    let result = (|| -> Result<(), String> {
        let file = std::fs::File::create(&partial)
            .map_err(|error| format!("cannot create {}: {error}", partial.display()))?;
        let mut zip = ZipWriter::new(file);
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .unix_permissions(0o644);
        let fail =
            |error: &dyn std::fmt::Display| format!("cannot write {}: {error}", partial.display());
        for (name, bytes) in files {
            zip.start_file(name.as_str(), options)
                .map_err(|e| fail(&e))?;
            zip.write_all(bytes).map_err(|e| fail(&e))?;
        }
        zip.finish().map_err(|e| fail(&e))?;
        Ok(())
    })();
    if let Err(problem) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(problem);
    }
    std::fs::rename(&partial, path)
        .map_err(|error| format!("cannot rename {} into place: {error}", partial.display()))?;
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    Ok(usize::try_from(size).unwrap_or(usize::MAX))
}
