//! Benchmark, not a test: parse and check a generated 10,000-scene module inside headless
//! Chromium, and load the same module compiled (what the player does for built-in modules). `scripts/bench.sh` runs it in release mode and records the printed line; the
//! test suite leaves it out (it is slow in debug builds).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Times `load` on the generated module; prints `browser-bench {json}`.
#[wasm_bindgen_test]
fn parse_and_check_generated_module() {
    let scenes = 10_000;
    let text = peerpath_engine::generate::module(scenes);
    let mut times = Vec::new();
    for _ in 0..7 {
        let started = now_ms();
        let loaded = peerpath_engine::load(&text);
        times.push(now_ms() - started);
        assert!(loaded.module.is_some(), "{:?}", loaded.diagnostics.first());
    }
    times.sort_by(f64::total_cmp);
    console_log!(
        "browser-bench {{\"scenes\":{scenes},\"bytes\":{},\"median_ms\":{:.1},\"best_ms\":{:.1}}}",
        text.len(),
        times[times.len() / 2],
        times[0]
    );
}

/// Times decoding the generated module's compiled form (header, postcard, every index checked
/// again); prints `browser-bench-compiled {json}`.
#[wasm_bindgen_test]
fn load_compiled_generated_module() {
    let scenes = 10_000;
    let module = peerpath_engine::load(&peerpath_engine::generate::module(scenes))
        .module
        .unwrap();
    let bytes = module.to_compiled();
    let mut times = Vec::new();
    for _ in 0..9 {
        let started = now_ms();
        let decoded = peerpath_engine::Module::from_compiled(&bytes);
        times.push(now_ms() - started);
        assert!(decoded.is_ok());
    }
    times.sort_by(f64::total_cmp);
    console_log!(
        "browser-bench-compiled {{\"scenes\":{scenes},\"bytes\":{},\"median_ms\":{:.1},\"best_ms\":{:.1}}}",
        bytes.len(),
        times[times.len() / 2],
        times[0]
    );
}
