//! `peerpath build`: compile the built-in modules for the browser player, and finish a built
//! site. trunk runs it after every build (a `post_build` hook in `Trunk.toml`), on its staging
//! folder, so `dist/` only ever holds a site whose modules passed the checker.
//!
//! It checks `modules/catalog.toml` and every module it lists, exactly as `peerpath check`
//! does, and stops at the first error without writing anything. Then it writes each module's
//! compiled form twice, as learners play it (`modules/<id>.<hash>.ppm`, without the
//! trainer's notes) and whole for trainer mode (`modules/<id>.trainer.<hash>.ppm`), named by
//! the hash of their content so hosts may cache them for a year, and the catalog index
//! `modules/catalog.ppm`. A module's translations beside it (`<stem>.<language>.toml`) are
//! checked too, and each is compiled the same way (`modules/<id>.<language>.<hash>.ppm`) and
//! listed in the index with its entry. It gives the module reader
//! worker and the tools page's wasm, which trunk names without a hash, hashed names, and
//! writes `tools.html`, the page that runs the tools.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use peerpath_engine::translation::{load_translation, LANGUAGES};
use peerpath_engine::{parse_catalog, Index, IndexEntry, IndexTranslation, Module};

use crate::check::check_file;
use crate::report::{self, FileReport};

/// The compiled catalog index, beside the modules.
pub(crate) const INDEX_FILE: &str = "catalog.ppm";
/// What trunk names the module reader worker's files, before they get a hash.
const READER: &str = "peerpath-reader";
/// What trunk names the tools page's wasm bundle, before it gets a hash.
const TOOLS: &str = "peerpath-tools";
/// What trunk names a package launch page's wasm bundle, before it gets a hash.
pub(crate) const LMS: &str = "peerpath-lms";
/// What trunk names the site's LRS reporter's wasm bundle, before it gets a hash.
const XAPI: &str = "peerpath-xapi";
/// The main wasm's name, as trunk's hashed file names start.
const MAIN: &str = "peerpath-web-";
/// The tools page, beside `index.html` (the app links to it by this name).
const TOOLS_PAGE: &str = "tools.html";

struct Options {
    modules: PathBuf,
    dist: PathBuf,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut modules = PathBuf::from("modules");
    let mut dist = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--modules" => modules = args.next().ok_or("--modules needs a folder")?.into(),
            "--dist" => dist = Some(args.next().ok_or("--dist needs a folder")?.into()),
            other => return Err(format!("build does not know `{other}`")),
        }
    }
    // Run by trunk's hook, the staging folder is the place to write.
    let dist = dist
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .ok_or("build needs --dist FOLDER (or trunk's TRUNK_STAGING_DIR)")?;
    Ok(Options { modules, dist })
}

pub(crate) fn run(args: &[String]) -> ExitCode {
    let options = match options(args) {
        Ok(options) => options,
        Err(problem) => return crate::usage(&problem),
    };
    let compiled = match compile(&options.modules) {
        Ok(compiled) => compiled,
        Err(Refused::Reports(reports)) => {
            report::print(&reports);
            eprintln!(
                "peerpath build: the modules above have errors, so nothing was built; fix them and build again"
            );
            return ExitCode::FAILURE;
        }
        Err(Refused::Unreadable(problem)) => {
            eprintln!("peerpath build: {problem}");
            return ExitCode::from(2);
        }
    };
    match write(&options.dist, &compiled) {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("peerpath build: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// Why nothing was built.
enum Refused {
    /// The catalog or a module has errors; every file's report, to print.
    Reports(Vec<FileReport>),
    /// A file could not be read at all.
    Unreadable(String),
}

/// The modules, compiled, in catalog order, with the index that lists them.
struct Compiled {
    files: Vec<(String, Vec<u8>)>,
    index: Index,
}

fn read(path: &Path) -> Result<Vec<u8>, Refused> {
    std::fs::read(path)
        .map_err(|error| Refused::Unreadable(format!("cannot read {}: {error}", path.display())))
}

fn compile(folder: &Path) -> Result<Compiled, Refused> {
    let catalog_path = folder.join("catalog.toml");
    let catalog = check_file(&catalog_path, &read(&catalog_path)?);
    if catalog.errors > 0 {
        return Err(Refused::Reports(vec![catalog]));
    }
    // The catalog has no errors, so it parses.
    let listed = parse_catalog(&catalog.text).unwrap_or_default();
    let mut reports = Vec::with_capacity(listed.len());
    for entry in &listed {
        let path = folder.join(&entry.file);
        reports.push(check_file(&path, &read(&path)?));
    }
    crate::check::report_duplicate_modules(&mut reports);
    // Each module's translations beside it (`<stem>.<language>.toml`), checked the same way.
    let mut translation_reports = Vec::new();
    let mut translations = Vec::with_capacity(listed.len());
    for (entry, report) in listed.iter().zip(&reports) {
        let mut found = Vec::new();
        for (language, _) in LANGUAGES {
            let stem = entry.file.trim_end_matches(".toml");
            let name = format!("{stem}.{language}.toml");
            let path = folder.join(&name);
            if !path.is_file() {
                continue;
            }
            let checked = check_file(&path, &read(&path)?);
            let loaded = load_translation(&report.text, &name, &checked.text);
            translation_reports.push(checked);
            if let Some(translation) = loaded.translation {
                found.push(translation);
            }
        }
        translations.push(found);
    }
    if reports
        .iter()
        .chain(&translation_reports)
        .any(|report| report.errors > 0)
    {
        reports.append(&mut translation_reports);
        return Err(Refused::Reports(reports));
    }
    let mut files = Vec::with_capacity(listed.len());
    let mut index = Index::default();
    for ((entry, report), translated) in listed.iter().zip(&reports).zip(&translations) {
        let Some(module) = report.module.as_ref() else {
            return Err(Refused::Reports(reports));
        };
        let (learners, whole) = compile_forms(module, "", &entry.file, &mut files)?;
        let mut indexed = IndexEntry::new(module, &entry.file, &learners, &whole);
        for translation in translated {
            let module = translation.apply(module);
            let language = &translation.language;
            let (learners, whole) =
                compile_forms(&module, &format!(".{language}"), &entry.file, &mut files)?;
            indexed
                .translations
                .push(IndexTranslation::new(&module, language, &learners, &whole));
        }
        index.modules.push(indexed);
    }
    Ok(Compiled { files, index })
}

/// Compiles `module` as learners play it and whole, names each file by its content
/// (`<id><suffix>.<hash>.ppm`, `<id><suffix>.trainer.<hash>.ppm`), adds both to `files`, and
/// returns their names.
fn compile_forms(
    module: &Module,
    suffix: &str,
    file: &str,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Result<(String, String), Refused> {
    let mut names = Vec::with_capacity(2);
    for (kind, form) in [("", module.for_learners()), (".trainer", module.clone())] {
        let bytes = form.to_compiled();
        // The player must read what was written; check now rather than in the browser.
        if let Err(error) = Module::from_compiled(&bytes) {
            return Err(Refused::Unreadable(format!(
                "{file}{suffix} compiled to data the player refuses: {error}"
            )));
        }
        let name = format!("{}{suffix}{kind}.{}.ppm", module.id, hash(&bytes));
        names.push(name.clone());
        files.push((name, bytes));
    }
    let whole = names.pop().unwrap_or_default();
    let learners = names.pop().unwrap_or_default();
    Ok((learners, whole))
}

/// Writes the compiled modules and index into `dist/modules/`, and names the module reader
/// worker by its content. Returns a one-line summary.
fn write(dist: &Path, compiled: &Compiled) -> Result<String, String> {
    let folder = dist.join("modules");
    std::fs::create_dir_all(&folder)
        .map_err(|error| format!("cannot create {}: {error}", folder.display()))?;
    let put = |path: PathBuf, bytes: &[u8]| {
        std::fs::write(&path, bytes)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))
    };
    let mut total = 0;
    for (name, bytes) in &compiled.files {
        put(folder.join(name), bytes)?;
        total += bytes.len();
    }
    let index = compiled.index.to_compiled();
    put(folder.join(INDEX_FILE), &index)?;
    // The <meta>s first: the tools page is written from index.html and needs them too.
    let reader = name_reader(dist)?;
    let xapi = name_lrs_bundle(dist)?;
    let tools = write_tools_page(dist)?;
    let lms = name_launch_bundle(dist)?;
    // Last: the worker lists the files as they are finally named.
    let offline = write_service_worker(dist, &compiled.index)?;
    Ok(format!(
        "peerpath build: {} modules compiled ({} KB, index {} KB){}{}{}{}; {offline}",
        compiled.index.modules.len(),
        total.div_ceil(1024),
        index.len().div_ceil(1024),
        reader.map_or(String::new(), |name| format!("; module reader {name}")),
        tools.map_or(String::new(), |name| format!("; {TOOLS_PAGE} runs {name}")),
        lms.map_or(String::new(), |name| format!(
            "; packages' launch pages run {name}"
        )),
        xapi.map_or(String::new(), |name| format!(
            "; the LRS reporter is {name}"
        ))
    ))
}

/// Gives the bundle trunk built as `{name}.js` and `{name}_bg.wasm`, unhashed, one name from
/// their content (a host could otherwise serve an old one with a new player) and returns it,
/// or `None` when this build has no such bundle (a test's dist).
fn hash_bundle(dist: &Path, name: &str) -> Result<Option<String>, String> {
    let js = dist.join(format!("{name}.js"));
    let wasm = dist.join(format!("{name}_bg.wasm"));
    if !js.is_file() || !wasm.is_file() {
        return Ok(None);
    }
    let read = |path: &Path| {
        std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
    };
    let (js_bytes, wasm_bytes) = (read(&js)?, read(&wasm)?);
    let base = format!(
        "{name}-{}",
        hash(&[js_bytes.as_slice(), wasm_bytes.as_slice()].concat())
    );
    let rename = |from: &Path, to: String| {
        std::fs::rename(from, dist.join(&to))
            .map_err(|error| format!("cannot rename {}: {error}", from.display()))
    };
    rename(&js, format!("{base}.js"))?;
    rename(&wasm, format!("{base}_bg.wasm"))?;
    let _ = std::fs::remove_file(dist.join(format!("{name}_loader.js")));
    Ok(Some(base))
}

fn write_text(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// `dist/index.html`'s text.
fn read_index(dist: &Path) -> Result<String, String> {
    let index = dist.join("index.html");
    std::fs::read_to_string(&index)
        .map_err(|error| format!("cannot read {}: {error}", index.display()))
}

/// Adds a `<meta name="{name}" content="./{file}">` to `dist/index.html`: how the page finds
/// a bundle that `peerpath build` named.
fn add_meta(dist: &Path, name: &str, file: &str) -> Result<(), String> {
    let meta = format!("<meta name=\"{name}\" content=\"./{file}\" />");
    write_text(
        &dist.join("index.html"),
        &before_head_end(&read_index(dist)?, &meta)?,
    )
}

/// Inserts `tags` just before `</head>`.
fn before_head_end(html: &str, tags: &str) -> Result<String, String> {
    match html.find("</head>") {
        Some(at) => Ok(format!("{}{tags}\n{}", &html[..at], &html[at..])),
        None => Err("index.html has no </head>".to_owned()),
    }
}

/// The module reader worker: hashed, with a loader beside it (relative to itself, so the site
/// works from any sub-path), and a `<meta>` in `index.html` that tells the page where it is.
/// Returns the loader's name.
fn name_reader(dist: &Path) -> Result<Option<String>, String> {
    let Some(base) = hash_bundle(dist, READER)? else {
        return Ok(None);
    };
    let loader = format!("{base}_loader.js");
    write_text(
        &dist.join(&loader),
        &format!("importScripts(\"./{base}.js\");\nwasm_bindgen({{ module_or_path: \"./{base}_bg.wasm\" }});\n"),
    )?;
    add_meta(dist, "peerpath-reader", &loader)?;
    Ok(Some(loader))
}

/// Writes `{base}_start.js`, which starts a `no-modules` bundle trunk built beside the main
/// one (an external file, so the strict CSP needs no new hash).
fn write_start(dist: &Path, base: &str) -> Result<(), String> {
    write_text(
        &dist.join(format!("{base}_start.js")),
        &format!("wasm_bindgen({{ module_or_path: \"./{base}_bg.wasm\" }});\n"),
    )
}

/// The tools page: trunk builds its wasm as a `no-modules` bundle beside the main one. Hashes
/// it, and writes `tools.html` from `index.html` (same styles, preloads and reader `<meta>`),
/// with the main wasm's loader and preloads swapped for this bundle's scripts. Returns the
/// bundle's name.
fn write_tools_page(dist: &Path) -> Result<Option<String>, String> {
    let Some(base) = hash_bundle(dist, TOOLS)? else {
        return Ok(None);
    };
    write_start(dist, &base)?;
    write_text(
        &dist.join(TOOLS_PAGE),
        &page_for_bundle(&read_index(dist)?, &base)?,
    )?;
    Ok(Some(base))
}

/// The site's LRS reporter: hashed, with its starter, and a `<meta name="peerpath-lrs">` in
/// `index.html` that tells the learner's page where it is (it loads it only when `site.toml`
/// has `[xapi]`). Returns the bundle's name.
fn name_lrs_bundle(dist: &Path) -> Result<Option<String>, String> {
    let Some(base) = hash_bundle(dist, XAPI)? else {
        return Ok(None);
    };
    write_start(dist, &base)?;
    add_meta(dist, "peerpath-lrs", &base)?;
    Ok(Some(base))
}

/// A package launch page's bundle: hashed, with its starter; `peerpath package` writes the
/// page itself. Returns the bundle's name.
fn name_launch_bundle(dist: &Path) -> Result<Option<String>, String> {
    let Some(base) = hash_bundle(dist, LMS)? else {
        return Ok(None);
    };
    write_start(dist, &base)?;
    Ok(Some(base))
}

/// `index.html` running the `no-modules` bundle `base` instead of the main wasm: trunk's
/// inline loader and the tags that preload the main wasm go, the bundle's two scripts come.
pub(crate) fn page_for_bundle(html: &str, base: &str) -> Result<String, String> {
    let mut page = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script type=\"module\">") {
        page.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after
            .find("</script>")
            .ok_or("index.html has an unclosed <script>")?;
        rest = &after[end + "</script>".len()..];
    }
    page.push_str(rest);
    let page = page
        .split_inclusive('>')
        .filter(|tag| !(tag.contains("<link") && tag.contains(MAIN)))
        .collect::<String>();
    let scripts = format!(
        "<script defer src=\"./{base}.js\"></script>\n<script defer src=\"./{base}_start.js\"></script>"
    );
    before_head_end(&page, &scripts)
}

/// The service worker's file, beside `index.html` (its scope is that folder).
const SERVICE_WORKER: &str = "sw.js";

/// Files in the site's folder that the worker downloads at install, besides the main wasm's
/// (`peerpath-web-*`), the styles and the icons: the two pages, the manifest, and `site.toml`
/// (fetched network-first, but a first copy must be there for the first offline visit).
const PRECACHED_PAGES: &[&str] = &[
    "index.html",
    TOOLS_PAGE,
    "manifest.webmanifest",
    "site.toml",
];

/// Whether a file name carries a content hash (trunk's `-<12..16 hex>` or ours), the rule
/// `sw.js` applies too.
fn is_hashed(name: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = ["_bg", "_start", "_loader"]
        .iter()
        .find_map(|suffix| stem.strip_suffix(suffix))
        .unwrap_or(stem);
    stem.rsplit_once(['-', '.']).is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len())
            && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Whether the worker downloads this file of the site's folder at install: what a learner
/// needs to open the catalog and play. The tools page's wasm, the module reader, the LRS
/// reporter and trainer modules are kept only once fetched; a package's launch bundle and
/// the embedding script never.
fn is_precached(name: &str) -> bool {
    PRECACHED_PAGES.contains(&name)
        || name.starts_with(MAIN)
        || [".css", ".svg", ".png"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Writes `sw.js` from its template with this build's file lists and a build id (the hash of
/// every listed file's name and content, so any change to them makes a new worker, which the
/// page offers as an update). Returns a summary.
fn write_service_worker(dist: &Path, index: &Index) -> Result<String, String> {
    let mut root = Vec::new();
    let entries = std::fs::read_dir(dist)
        .map_err(|error| format!("cannot list {}: {error}", dist.display()))?;
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot list {}: {error}", dist.display()))?;
        if entry.path().is_file() {
            root.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    let mut modules = Vec::new();
    let folder = dist.join("modules");
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for entry in entries.flatten() {
            modules.push(format!("modules/{}", entry.file_name().to_string_lossy()));
        }
    }
    root.sort();
    modules.sort();
    let mut precache: Vec<String> = root
        .iter()
        .filter(|name| name.as_str() != SERVICE_WORKER && is_precached(name))
        .cloned()
        .collect();
    precache.push(format!("modules/{INDEX_FILE}"));
    for entry in &index.modules {
        precache.push(format!("modules/{}", entry.data));
        precache.extend(
            entry
                .translations
                .iter()
                .map(|translation| format!("modules/{}", translation.data)),
        );
    }
    let hashed: Vec<&String> = root
        .iter()
        .chain(&modules)
        .filter(|name| is_hashed(name.rsplit('/').next().unwrap_or(name)))
        .collect();
    let mut identity = Vec::new();
    for name in &precache {
        let path = dist.join(name);
        let bytes = std::fs::read(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        identity.extend_from_slice(name.as_bytes());
        identity.extend_from_slice(hash(&bytes).as_bytes());
    }
    for name in &hashed {
        identity.extend_from_slice(name.as_bytes());
    }
    let list = |names: &mut dyn Iterator<Item = &String>| {
        let quoted: Vec<String> = names
            .map(|name| serde_json::Value::String(name.clone()).to_string())
            .collect();
        format!("[\n  {},\n]", quoted.join(",\n  "))
    };
    let script = include_str!("sw.js")
        .replace("__BUILD__", &hash(&identity))
        .replace("__PRECACHE__", &list(&mut precache.iter()))
        .replace("__HASHED_FILES__", &list(&mut hashed.iter().copied()));
    write_text(&dist.join(SERVICE_WORKER), &script)?;
    let bytes: u64 = precache
        .iter()
        .filter_map(|name| std::fs::metadata(dist.join(name)).ok())
        .map(|meta| meta.len())
        .sum();
    Ok(format!(
        "{SERVICE_WORKER} precaches {} files ({} KB before compression)",
        precache.len(),
        bytes.div_ceil(1024)
    ))
}

/// 64-bit FNV-1a as 16 hex digits: enough to tell versions of a file apart in a cache (not a
/// security measure).
fn hash(bytes: &[u8]) -> String {
    format!("{:016x}", peerpath_engine::compiled::fnv1a64(bytes))
}
