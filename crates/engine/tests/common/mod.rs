//! Helpers shared by the engine's integration tests: fixture paths, the shipped modules, and a
//! play loop that walks a module to its end.

// Each test crate uses a different part of this file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use peerpath_engine::translation::translation_of;
use peerpath_engine::{load, Module, Session, View};

/// The folder of this crate's test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The repository's `modules/` folder, where the shipped modules live.
pub fn modules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../modules")
}

/// Reads a text file, naming it when it is missing.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every `*.toml` file in `folder`, in name order.
pub fn toml_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

/// Every shipped module file (the `modules/` folder's `*.toml` files except the catalog), with
/// its text.
pub fn shipped_modules() -> Vec<(PathBuf, String)> {
    toml_files(&modules_dir())
        .into_iter()
        .filter(|path| {
            path.file_name().is_some_and(|name| {
                let name = name.to_string_lossy();
                name != "catalog.toml" && translation_of(&name).is_none()
            })
        })
        .map(|path| {
            let text = read(&path);
            (path, text)
        })
        .collect()
}

/// Every shipped translation (`modules/<module>.<language>.toml`), with its file name, its text
/// and its English module's text.
pub fn shipped_translations() -> Vec<(String, String, String)> {
    toml_files(&modules_dir())
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            let (english, _) = translation_of(&name)?;
            Some((
                name.clone(),
                read(&path),
                read(&modules_dir().join(english)),
            ))
        })
        .collect()
}

/// The shipped modules and the golden fixtures, loaded, each with its path as a name.
pub fn shipped_and_golden() -> Vec<(String, Module)> {
    let mut files = shipped_modules();
    for path in toml_files(&fixtures().join("golden")) {
        let text = read(&path);
        files.push((path, text));
    }
    files
        .into_iter()
        .map(|(path, text)| {
            let name = path.display().to_string();
            let module = load_ok(&name, &text);
            (name, module)
        })
        .collect()
}

/// Loads a module that must have no errors, showing the diagnostics when it has some.
pub fn load_ok(name: &str, text: &str) -> Module {
    let loaded = load(text);
    match loaded.module {
        Some(module) => module,
        None => panic!("{name} did not load: {:#?}", loaded.diagnostics),
    }
}

/// The ids of the choices the learner can take now (not the disabled ones).
pub fn available_choices(session: &Session, module: &Module) -> Vec<String> {
    match session.view(module) {
        Ok(View::Decision { choices, .. }) => choices
            .iter()
            .filter(|choice| choice.unavailable.is_none())
            .map(|choice| choice.id.to_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// SplitMix64: small, deterministic, and good enough to choose among a few options.
#[derive(Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        usize::try_from(z % u64::try_from(n.max(1)).unwrap_or(u64::MAX)).unwrap_or(0)
    }
}

/// Compares `actual` with the expected file, or rewrites it under `UPDATE_GOLDEN=1`.
pub fn assert_golden(expected_path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(expected_path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); run with UPDATE_GOLDEN=1 to create it, then check it by hand",
            expected_path.display()
        )
    });
    if expected != actual {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the actual output, first at line {}.\n--- actual ---\n{actual}",
            expected_path.display(),
            first_difference + 1
        );
    }
}
