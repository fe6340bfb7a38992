//! `peerpath build`: compiles the catalog's modules into a site folder, refuses a module with
//! errors without writing anything, and gives the module reader worker a hashed name.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use peerpath_engine::{load, Index, Module};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh, empty folder under the target directory, named for the test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("build-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn build(modules: &Path, dist: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peerpath"))
        .args(["build", "--modules"])
        .arg(modules)
        .arg("--dist")
        .arg(dist)
        .env_remove("TRUNK_STAGING_DIR")
        .output()
        .expect("the peerpath binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Ensures every shipped module is compiled under a content-hashed name, listed in the index in
/// catalog order, and decodes to exactly the module its TOML source loads as.
#[test]
fn compiles_the_shipped_catalog() {
    let dist = scratch("shipped");
    let output = build(&repo().join("modules"), &dist);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("7 modules compiled"),
        "{}",
        text(&output.stderr)
    );
    let index =
        Index::from_compiled(&std::fs::read(dist.join("modules/catalog.ppm")).unwrap()).unwrap();
    let catalog = std::fs::read_to_string(repo().join("modules/catalog.toml")).unwrap();
    let listed = peerpath_engine::parse_catalog(&catalog).unwrap();
    assert_eq!(
        index
            .modules
            .iter()
            .map(|e| e.file.as_str())
            .collect::<Vec<_>>(),
        listed.iter().map(|l| l.file.as_str()).collect::<Vec<_>>()
    );
    for entry in &index.modules {
        let source = std::fs::read_to_string(repo().join("modules").join(&entry.file)).unwrap();
        let module = load(&source).module.unwrap();
        let read = |name: &str| {
            Module::from_compiled(&std::fs::read(dist.join("modules").join(name)).unwrap()).unwrap()
        };
        assert_eq!(read(&entry.data), module.for_learners(), "{}", entry.file);
        assert_eq!(read(&entry.trainer_data), module, "{}", entry.file);
        assert!(entry
            .trainer_data
            .starts_with(&format!("{}.trainer.", module.id)));
        assert_eq!(entry.id, module.id);
        let (stem, hash) = entry
            .data
            .strip_suffix(".ppm")
            .unwrap()
            .rsplit_once('.')
            .unwrap();
        assert_eq!(stem, module.id);
        assert_eq!(hash.len(), 16);
    }
    // Building again gives the very same names: the hash is of the content.
    let again = scratch("shipped-again");
    assert!(build(&repo().join("modules"), &again).status.success());
    let second =
        Index::from_compiled(&std::fs::read(again.join("modules/catalog.ppm")).unwrap()).unwrap();
    assert_eq!(second, index);
}

/// Ensures a catalog with a broken module builds nothing: the errors are printed like
/// `peerpath check` prints them, the exit code fails the trunk build, and the site folder is
/// left as it was.
#[test]
fn refuses_a_module_with_errors() {
    let modules = scratch("broken-modules");
    std::fs::copy(
        repo().join("modules/de-escalation.toml"),
        modules.join("de-escalation.toml"),
    )
    .unwrap();
    // The checker's own fixture for E102, a `goto` that names no scene or ending.
    std::fs::copy(
        repo().join("crates/engine/tests/fixtures/diagnostics/dangling-target.toml"),
        modules.join("broken.toml"),
    )
    .unwrap();
    std::fs::write(
        modules.join("catalog.toml"),
        "modules = [\"de-escalation.toml\", \"broken.toml\"]\n",
    )
    .unwrap();
    let dist = scratch("broken-dist");
    std::fs::write(dist.join("index.html"), "<html><head></head></html>").unwrap();
    let output = build(&modules, &dist);
    assert_eq!(output.status.code(), Some(1));
    let printed = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(printed.contains("E102"), "{printed}");
    assert!(printed.contains("broken.toml:"), "{printed}");
    assert!(printed.contains("nothing was built"), "{printed}");
    assert!(!dist.join("modules").exists(), "nothing written");
    assert_eq!(
        std::fs::read_to_string(dist.join("index.html")).unwrap(),
        "<html><head></head></html>"
    );
}

/// Ensures a module's translation beside it is compiled under its own hashed names, listed in
/// the index with the module, and decodes to the module with its text translated; and that a
/// translation with an error (here a `goto`, E402) builds nothing.
#[test]
fn compiles_translations_and_refuses_broken_ones() {
    let fixtures = repo().join("crates/engine/tests/fixtures/diagnostics");
    let modules = scratch("translated-modules");
    std::fs::copy(fixtures.join("clean.toml"), modules.join("clean.toml")).unwrap();
    std::fs::copy(
        fixtures.join("translation/clean.es.toml"),
        modules.join("clean.es.toml"),
    )
    .unwrap();
    std::fs::write(modules.join("catalog.toml"), "modules = [\"clean.toml\"]\n").unwrap();
    let dist = scratch("translated-dist");
    let output = build(&modules, &dist);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let index =
        Index::from_compiled(&std::fs::read(dist.join("modules/catalog.ppm")).unwrap()).unwrap();
    let entry = &index.modules[0];
    assert_eq!(entry.translations.len(), 1);
    let spanish = &entry.translations[0];
    assert_eq!(
        (spanish.language.as_str(), spanish.title.as_str()),
        ("es", "Ejemplo")
    );
    assert!(spanish.data.starts_with("fixture.es."), "{}", spanish.data);
    assert!(spanish.trainer_data.starts_with("fixture.es.trainer."));
    let module =
        Module::from_compiled(&std::fs::read(dist.join("modules").join(&spanish.data)).unwrap())
            .unwrap();
    assert_eq!(module.scenes[0].choices()[0].label, "Saludar.");
    let english = load(&std::fs::read_to_string(modules.join("clean.toml")).unwrap())
        .module
        .unwrap();
    assert_eq!(
        module.scenes[0].choices()[0].effects,
        english.scenes[0].choices()[0].effects
    );
    // The worker precaches both languages.
    let worker = std::fs::read_to_string(dist.join("sw.js")).unwrap();
    assert!(
        worker.contains(&format!("\"modules/{}\"", spanish.data)),
        "{worker}"
    );
    assert!(
        worker.contains(&format!("\"modules/{}\"", entry.data)),
        "{worker}"
    );

    std::fs::copy(
        fixtures.join("translation/untranslatable-field.toml"),
        modules.join("clean.es.toml"),
    )
    .unwrap();
    let refused = scratch("translated-refused");
    let output = build(&modules, &refused);
    assert_eq!(output.status.code(), Some(1));
    let printed = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(
        printed.contains("E402") && printed.contains("clean.es.toml:"),
        "{printed}"
    );
    assert!(!refused.join("modules").exists(), "nothing written");
}

/// Ensures a catalog that lists a missing file, or two files with one module id, is refused too.
#[test]
fn refuses_a_broken_catalog() {
    let modules = scratch("catalog-modules");
    std::fs::write(modules.join("catalog.toml"), "modules = [\"gone.toml\"]\n").unwrap();
    let dist = scratch("catalog-dist");
    let output = build(&modules, &dist);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stdout).contains("E303"),
        "{}",
        text(&output.stdout)
    );
    assert!(!dist.join("modules").exists());

    std::fs::copy(
        repo().join("modules/de-escalation.toml"),
        modules.join("a.toml"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("modules/de-escalation.toml"),
        modules.join("b.toml"),
    )
    .unwrap();
    std::fs::write(
        modules.join("catalog.toml"),
        "modules = [\"a.toml\", \"b.toml\"]\n",
    )
    .unwrap();
    let output = build(&modules, &dist);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stdout).contains("E304"),
        "{}",
        text(&output.stdout)
    );
    assert!(!dist.join("modules").exists());
}

/// Ensures the module reader's files get one hashed name, its loader points at them by
/// relative paths, and the page is told where the loader is.
#[test]
fn names_the_module_reader_by_its_content() {
    let dist = scratch("reader");
    std::fs::write(dist.join("peerpath-reader.js"), "/* glue */").unwrap();
    std::fs::write(dist.join("peerpath-reader_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dist.join("peerpath-reader_loader.js"), "old").unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<html><head><title>x</title></head><body></body></html>",
    )
    .unwrap();
    let output = build(&repo().join("modules"), &dist);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let names: Vec<String> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("peerpath-reader"))
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let loader = names.iter().find(|n| n.ends_with("_loader.js")).unwrap();
    let base = loader.strip_suffix("_loader.js").unwrap();
    assert_eq!(base.len(), "peerpath-reader-".len() + 16);
    let shim = std::fs::read_to_string(dist.join(loader)).unwrap();
    assert!(shim.contains(&format!("importScripts(\"./{base}.js\")")));
    assert!(shim.contains(&format!("\"./{base}_bg.wasm\"")));
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(html.contains(&format!(
        "<meta name=\"peerpath-reader\" content=\"./{loader}\" />\n</head>"
    )));
}

/// Ensures the tools page is written from `index.html`: the same styles and reader `<meta>`,
/// none of the main wasm's loader or preloads, and the tools bundle's hashed scripts, deferred.
#[test]
fn writes_the_tools_page() {
    let dist = scratch("tools");
    std::fs::write(dist.join("peerpath-tools.js"), "let wasm_bindgen;").unwrap();
    std::fs::write(dist.join("peerpath-tools_bg.wasm"), b"\0asm tools").unwrap();
    std::fs::write(dist.join("peerpath-reader.js"), "/* glue */").unwrap();
    std::fs::write(dist.join("peerpath-reader_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(
        dist.join("index.html"),
        concat!(
            "<html><head><title>x</title>\n",
            "<script type=\"module\">\nimport init from './peerpath-web-0123456789abcdef.js';\n</script>\n",
            "<link rel=\"stylesheet\" href=\"./app-0123456789abcdef.css\"/>\n",
            "<link rel=\"modulepreload\" href=\"./peerpath-web-0123456789abcdef.js\"><link rel=\"preload\" href=\"./peerpath-web-0123456789abcdef_bg.wasm\" as=\"fetch\">",
            "</head><body></body></html>"
        ),
    )
    .unwrap();
    let output = build(&repo().join("modules"), &dist);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let tools = std::fs::read_to_string(dist.join("tools.html")).unwrap();
    assert!(!tools.contains("peerpath-web-"), "{tools}");
    assert!(!tools.contains("type=\"module\""), "{tools}");
    assert!(tools.contains("app-0123456789abcdef.css"), "{tools}");
    assert!(tools.contains("<meta name=\"peerpath-reader\""), "{tools}");
    let base = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find_map(|n| n.strip_suffix("_start.js").map(str::to_owned))
        .unwrap();
    assert!(base.starts_with("peerpath-tools-"));
    assert!(tools.contains(&format!(
        "<script defer src=\"./{base}.js\"></script>\n<script defer src=\"./{base}_start.js\"></script>\n</head>"
    )));
    assert!(dist.join(format!("{base}_bg.wasm")).is_file());
    assert!(!dist.join("peerpath-tools.js").exists());
    // The learner's page is untouched but for the reader's <meta>.
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(index.contains("type=\"module\"") && index.contains("peerpath-web-"));
}
