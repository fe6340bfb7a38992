//! `peerpath package`: one self-contained zip per module and standard, with a manifest that
//! validates against the standard's schemas, and nothing written for what cannot be packaged.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh, empty folder under the target directory, named for the test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("package-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn peerpath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peerpath"))
        .args(args)
        .env_remove("TRUNK_STAGING_DIR")
        .output()
        .expect("the peerpath binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A built site as trunk leaves it, with a stand-in player: the shipped modules compiled by
/// `peerpath build`, an index.html that loads a wasm, styles and an icon, and a branded
/// site.toml with a logo.
fn site(name: &str, modules: &Path) -> PathBuf {
    let dist = scratch(name).join("dist");
    std::fs::create_dir_all(dist.join("brand")).unwrap();
    let page = r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="description" content="PeerPath: branching practice scenarios." />
    <title>PeerPath</title>
    <link rel="preload" href="./peerpath-web-0123_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" />
    <link rel="modulepreload" href="./peerpath-web-0123.js" crossorigin="anonymous" />
    <link rel="stylesheet" href="./app-4567.css" />
    <link rel="icon" href="./icon-89ab.svg" />
    <meta name="peerpath-reader" content="./peerpath-reader-cdef_loader.js" />
  <script type="module">
import init, * as bindings from './peerpath-web-0123.js';
const wasm = await init({ module_or_path: './peerpath-web-0123_bg.wasm' });
</script>
</head>
  <body></body>
</html>
"#;
    std::fs::write(dist.join("index.html"), page).unwrap();
    for (file, bytes) in [
        (
            "peerpath-web-0123.js",
            &b"export default function init() {}"[..],
        ),
        ("peerpath-web-0123_bg.wasm", b"\0asm\x01\0\0\0"),
        ("app-4567.css", b"body { margin: 0 }"),
        (
            "icon-89ab.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        ),
        ("peerpath-reader-cdef_loader.js", b"importScripts()"),
        ("peerpath-lms-4242.js", b"var wasm_bindgen;"),
        ("peerpath-lms-4242_bg.wasm", b"\0asm\x01\0\0\0"),
        ("peerpath-lms-4242_start.js", b"wasm_bindgen({});"),
        ("tools.html", b"<!doctype html>"),
        (
            "brand/logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        ),
    ] {
        std::fs::write(dist.join(file), bytes).unwrap();
    }
    std::fs::write(
        dist.join("site.toml"),
        "title = \"Harbour \\\"Peer\\\" Network\"\nlogo = \"brand/logo.svg\"\nallowed_parent_origins = [\"https://intranet.example.org\"]\n[colors]\nprimary = \"#7a2e1f\"\n",
    )
    .unwrap();
    let dist_arg = dist.to_str().unwrap();
    let output = peerpath(&[
        "build",
        "--modules",
        modules.to_str().unwrap(),
        "--dist",
        dist_arg,
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    dist
}

/// `peerpath package` of the site in `dist` for `format` into `out`, with `more` arguments.
fn package(dist: &Path, format: &str, out: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        "package",
        "--dist",
        dist.to_str().unwrap(),
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    peerpath(&args)
}

/// The files of a zip, by name.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

fn shipped_ids() -> Vec<String> {
    let catalog = std::fs::read_to_string(repo().join("modules/catalog.toml")).unwrap();
    peerpath_engine::parse_catalog(&catalog)
        .unwrap()
        .iter()
        .map(|listed| {
            let file = std::fs::read_to_string(repo().join("modules").join(&listed.file)).unwrap();
            peerpath_engine::load(&file).module.unwrap().id
        })
        .collect()
}

/// The bytes of the file `name` in an unzipped package.
fn file<'a>(zip: &Path, files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{}: no {name} in {names:?}", zip.display()))
        .1
}

/// Text as XML escapes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The `href`s of a manifest's `<file>` elements.
fn listed_files(manifest: &str) -> Vec<String> {
    manifest
        .split("<file href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

/// Ensures every shipped module packages in both SCORM versions: the manifest lists every
/// player file and validates against the standard's schemas (xmllint), the schema files sit
/// where the manifest says, the launch page plays that one module with its title, and the
/// package carries the site's branding but neither the tools nor the module reader.
#[test]
fn packages_every_shipped_module_in_both_scorm_versions() {
    let dist = site("shipped", &repo().join("modules"));
    let ids = shipped_ids();
    assert_eq!(ids.len(), 7);
    for format in ["scorm12", "scorm2004"] {
        let out = scratch(&format!("shipped-{format}"));
        let output = package(&dist, format, &out, &[]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        for id in &ids {
            let zip = out.join(format!("{id}-{format}.zip"));
            let files = unzip(&zip);
            let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
            let get = |name: &str| file(&zip, &files, name);
            let manifest = text(get("imsmanifest.xml"));
            for listed in listed_files(&manifest) {
                assert!(
                    names.contains(&listed.as_str()),
                    "{id}: manifest lists missing {listed}"
                );
            }
            for name in &names {
                let schema = name.ends_with(".xsd") || name.ends_with(".dtd");
                if !schema && *name != "imsmanifest.xml" {
                    assert!(
                        listed_files(&manifest).iter().any(|l| l == name),
                        "{id}: {name} is in the zip but not the manifest"
                    );
                }
            }
            let page = text(get("scorm.html"));
            assert!(page.contains(&format!(
                "<meta name=\"peerpath-launch\" content=\"{format} {id}\" />"
            )));
            assert!(
                !page.contains("peerpath-reader"),
                "{id}: the launch page names the reader"
            );
            assert!(
                !page.contains("<title>PeerPath</title>"),
                "{id}: the title is the site's"
            );
            for asset in [
                "peerpath-lms-4242.js",
                "peerpath-lms-4242_bg.wasm",
                "peerpath-lms-4242_start.js",
                "app-4567.css",
                "icon-89ab.svg",
                "brand/logo.svg",
                "modules/catalog.ppm",
            ] {
                get(asset);
            }
            // The launch page runs the launch bundle, not the learner's wasm.
            assert!(page.contains("<script defer src=\"./peerpath-lms-4242.js\"></script>"));
            assert!(!page.contains("peerpath-web-0123"), "{page}");
            assert!(!names.iter().any(|n| n.contains("reader")
                || n.contains("tools")
                || n.contains(".trainer.")
                || n.contains("peerpath-web")));
            // One module: its learners' data, and an index that lists only it.
            let index = peerpath_engine::Index::from_compiled(get("modules/catalog.ppm")).unwrap();
            assert_eq!(index.modules.len(), 1);
            assert_eq!(&index.modules[0].id, id);
            let module = peerpath_engine::Module::from_compiled(get(&format!(
                "modules/{}",
                index.modules[0].data
            )))
            .unwrap();
            assert_eq!(&module.id, id);
            assert!(manifest.contains(&format!("<title>{}</title>", escaped(&module.title))));
            let site = text(get("site.toml"));
            assert!(
                site.contains("title = \"Harbour \\\"Peer\\\" Network\""),
                "{site}"
            );
            assert!(site.contains("primary = \"#7a2e1f\""), "{site}");
            assert!(!site.contains("allowed_parent_origins"));
            assert!(peerpath_engine::site::parse_site(&site)
                .diagnostics
                .is_empty());
            match format {
                "scorm12" => {
                    assert!(manifest.contains("<schemaversion>1.2</schemaversion>"));
                    // The module's description (its objectives), in the manifest's metadata.
                    assert!(manifest.contains(&format!(
                        "<imsmd:description><imsmd:langstring xml:lang=\"en\">{}",
                        escaped(&module.objectives[0].plain_text())
                    )));
                    get("imscp_rootv1p1p2.xsd");
                    get("adlcp_rootv1p2.xsd");
                }
                _ => {
                    assert!(manifest.contains("<schemaversion>2004 3rd Edition</schemaversion>"));
                    assert_eq!(
                        names.iter().filter(|n| n.starts_with("schemas/")).count(),
                        17
                    );
                }
            }
            validate(&zip, &files, format);
        }
    }
}

/// Validates a package's manifest with xmllint (offline) against the schemas it carries.
fn validate(zip: &Path, files: &[(String, Vec<u8>)], format: &str) {
    let folder = zip.with_extension("unzipped");
    let _ = std::fs::remove_dir_all(&folder);
    for (name, bytes) in files {
        let path = folder.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let wrapper = folder.join("validate.xsd");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/package/{format}.xsd")),
        &wrapper,
    )
    .unwrap();
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&wrapper)
        .arg(folder.join("imsmanifest.xml"))
        .output()
        .expect("xmllint runs (scripts/setup.sh --test installs libxml2-utils)");
    assert!(
        output.status.success(),
        "{}: the manifest does not validate:\n{}",
        zip.display(),
        text(&output.stderr)
    );
}

/// Ensures an unknown module id, a folder that is not a built site, an unknown format, or a
/// site built without the launch page bundle is refused with a message that names it, and
/// nothing is written.
#[test]
fn refuses_what_it_cannot_package_and_writes_nothing() {
    let dist = site("refuse", &repo().join("modules"));
    let out = scratch("refuse-out");
    let unknown = package(&dist, "scorm12", &out, &["de-escalation", "no-such-module"]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown.stderr).contains("no module `no-such-module`"),
        "{}",
        text(&unknown.stderr)
    );
    let empty = scratch("refuse-empty");
    let unbuilt = package(&empty, "scorm12", &out, &[]);
    assert!(!unbuilt.status.success());
    assert!(
        text(&unbuilt.stderr).contains("catalog.ppm"),
        "{}",
        text(&unbuilt.stderr)
    );
    let format = package(&dist, "scorm3", &out, &[]);
    assert_eq!(format.status.code(), Some(2));
    assert!(text(&format.stderr).contains("`scorm3`"));
    std::fs::remove_file(dist.join("peerpath-lms-4242_start.js")).unwrap();
    let no_bundle = package(&dist, "scorm12", &out, &[]);
    assert!(!no_bundle.status.success());
    assert!(
        text(&no_bundle.stderr).contains("no launch page bundle"),
        "{}",
        text(&no_bundle.stderr)
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "something was written"
    );
}

/// Ensures a module whose longest path would overflow SCORM 1.2's 4,096 characters of
/// suspend data is refused for SCORM 1.2, and packages for SCORM 2004 (64,000).
#[test]
fn refuses_scorm12_when_resume_data_could_overflow() {
    let modules = scratch("long-modules");
    std::fs::write(
        modules.join("long.toml"),
        peerpath_engine::generate::module(400),
    )
    .unwrap();
    std::fs::write(modules.join("catalog.toml"), "modules = [\"long.toml\"]\n").unwrap();
    let dist = site("long", &modules);
    let out = scratch("long-out");
    let args = |format| package(&dist, format, &out, &[]);
    let refused = args("scorm12");
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("over SCORM 1.2's 4096"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    let packaged = args("scorm2004");
    assert!(packaged.status.success(), "{}", text(&packaged.stderr));
}

/// Ensures every shipped module packages for cmi5: `cmi5.xml` at the root is well-formed
/// XML with one course and one unit (ids from `--id-base`, the module's title and
/// description, launched at `cmi5.html`), and the launch page plays that module.
#[test]
fn packages_every_shipped_module_for_cmi5() {
    let dist = site("cmi5", &repo().join("modules"));
    let out = scratch("cmi5-out");
    let output = package(
        &dist,
        "cmi5",
        &out,
        &["--id-base", "https://training.example.org/peerpath/"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    for id in shipped_ids() {
        let zip = out.join(format!("{id}-cmi5.zip"));
        let files = unzip(&zip);
        let get = |name: &str| file(&zip, &files, name);
        let course = text(get("cmi5.xml"));
        let base = format!("https://training.example.org/peerpath/{id}");
        assert!(
            course.contains(&format!("<course id=\"{base}/course\">")),
            "{course}"
        );
        assert_eq!(course.matches("<au ").count(), 1);
        assert!(course.contains(&format!("<au id=\"{base}\" moveOn=\"CompletedOrPassed\"")));
        assert!(course.contains("<url>cmi5.html</url>"));
        assert!(course.contains("<description><langstring lang=\"en\">"));
        assert!(!files
            .iter()
            .any(|(n, _)| n == "imsmanifest.xml" || n.ends_with(".xsd")));
        let page = text(get("cmi5.html"));
        assert!(page.contains(&format!(
            "<meta name=\"peerpath-launch\" content=\"cmi5 {id}\" />"
        )));
        let folder = zip.with_extension("unzipped");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("cmi5.xml"), &course).unwrap();
        let lint = Command::new("xmllint")
            .args(["--noout", "--nonet"])
            .arg(folder.join("cmi5.xml"))
            .output()
            .expect("xmllint runs");
        assert!(
            lint.status.success(),
            "{id}: cmi5.xml is not well-formed: {}",
            text(&lint.stderr)
        );
    }
    let bad = package(&dist, "cmi5", &out, &["--id-base", "not an iri"]);
    assert_eq!(bad.status.code(), Some(2));
}
