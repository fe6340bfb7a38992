#!/usr/bin/env bash
# PeerPath's benchmark. Measures, checks against the budgets below, and records the results
# in bench/results.json and bench/RESULTS.md. Exits 0 even when a budget is missed (the
# report says so): budgets live here, not in timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

# Budgets.
BUDGET_PAYLOAD_BROTLI=153600   # bytes: initial payload (wasm + js + css + html), brotli
BUDGET_FIRST_SCENE_MS=500      # first interactive scene on localhost
BUDGET_STEP_MS=100             # a click to the next view painted
BUDGET_NATIVE_PARSE_MS=50      # parse + check a generated 10,000-scene module natively
BUDGET_LAYOUT_SHIFT=0.02       # cumulative layout shift, worst page and viewport

echo "==> release build" >&2
trunk build --release >&2
echo "==> browser: bundle, first scene, step latency" >&2
browser=$(node bench/browser.mjs)
echo "==> native: parse + check 10,000 scenes" >&2
native=$(cargo run -q --release -p peerpath-cli -- bench 10000 20)
echo "==> in the browser: parse + check 10,000 scenes" >&2
in_browser=$(cargo test --release --target wasm32-unknown-unknown -p peerpath-web --test browser_bench -- --nocapture 2>&1 \
  | sed -n 's/.*browser-bench //p' | head -n 1)
[ -n "$in_browser" ] || in_browser=null

node --input-type=module - "$browser" "$native" "$in_browser" <<NODE
import { writeFileSync } from "node:fs";
import { execSync } from "node:child_process";
const [browser, native, inBrowser] = process.argv.slice(2).map((s) => JSON.parse(s));
const budgets = {
  payload_brotli_bytes: $BUDGET_PAYLOAD_BROTLI,
  first_interactive_scene_ms: $BUDGET_FIRST_SCENE_MS,
  step_latency_ms: $BUDGET_STEP_MS,
  native_parse_10k_ms: $BUDGET_NATIVE_PARSE_MS,
  cumulative_layout_shift: $BUDGET_LAYOUT_SHIFT,
};
const measured = {
  payload_brotli_bytes: browser.bundle.brotli,
  first_interactive_scene_ms: browser.first_interactive_scene.median_ms,
  step_latency_ms: browser.step_latency.median_ms,
  native_parse_10k_ms: native.median_ms,
  cumulative_layout_shift: browser.layout_shift.max,
};
const commit = execSync("git rev-parse --short HEAD").toString().trim();
const record = {
  date: new Date().toISOString(),
  commit,
  machine: "2 cores, headless Chromium on loopback",
  budgets,
  measured,
  within_budget: Object.fromEntries(Object.keys(budgets).map((k) => [k, measured[k] <= budgets[k]])),
  details: { layout_shift: browser.layout_shift, bundle: browser.bundle, first_interactive_scene: browser.first_interactive_scene, step_latency: browser.step_latency, native_parse: native, browser_parse: inBrowser },
};
writeFileSync("bench/results.json", JSON.stringify(record, null, 2) + "\n");
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const row = (name, value, budget, ok) => \`| \${name} | \${value} | \${budget} | \${ok ? "within" : "**over**"} |\`;
const files = Object.entries(browser.bundle.files)
  .map(([f, s]) => \`| \${f} | \${kb(s.raw)} | \${kb(s.gzip)} | \${kb(s.brotli)} |\`).join("\n");
const md = \`# Benchmark results

Recorded by \\\`scripts/bench.sh\\\` on \${record.date.slice(0, 10)} at commit \${commit} (\${record.machine}).
Raw numbers: [results.json](results.json).

| measure | result | budget | |
| --- | --- | --- | --- |
\${row("initial payload, brotli", kb(measured.payload_brotli_bytes), kb(budgets.payload_brotli_bytes), record.within_budget.payload_brotli_bytes)}
\${row("first interactive scene (median of " + browser.first_interactive_scene.runs + ")", measured.first_interactive_scene_ms.toFixed(0) + " ms", budgets.first_interactive_scene_ms + " ms", record.within_budget.first_interactive_scene_ms)}
\${row("step latency (median of " + browser.step_latency.steps + " steps; max " + browser.step_latency.max_ms.toFixed(0) + " ms)", measured.step_latency_ms.toFixed(1) + " ms", budgets.step_latency_ms + " ms", record.within_budget.step_latency_ms)}
\${row("parse + check 10,000 scenes, native (median of " + native.runs + ")", measured.native_parse_10k_ms.toFixed(0) + " ms", budgets.native_parse_10k_ms + " ms", record.within_budget.native_parse_10k_ms)}
\${row("cumulative layout shift, worst of catalog, intro, play and progress at 390×844 and 1280×800", measured.cumulative_layout_shift.toFixed(3), budgets.cumulative_layout_shift.toFixed(2), record.within_budget.cumulative_layout_shift)}
| parse + check 10,000 scenes, in Chromium (median of 7) | \${inBrowser ? inBrowser.median_ms.toFixed(0) + " ms" : "not measured"} | (none) | |

The generated module is \${(native.bytes / 1e6).toFixed(1)} MB of TOML (\${Math.round(native.bytes / native.scenes)} bytes a scene: text, facilitator notes, a discussion prompt and three choices with feedback), so natively the engine reads \${(native.bytes / 1e6 / (native.median_ms / 1000)).toFixed(0)} MB/s.

## Where the budgets stand, and why

- **Payload.** The wasm is most of it. As measured in commit 9349772, the module reader and checker (toml) and Markdown (pulldown-cmark, about 52 KB brotli alone, with its entity and case-folding tables) sit beside Yew, yew-router and the app. Builds with those parts stubbed out still came to about 139 KB, which leaves no room in 150 KB for the real module reader. The core player measured about 235 KB. Trainer mode, progress history with export and import, embedding and the author preview added the rest, because the whole app ships as one wasm file. Reaching the budget needs an architecture step: built-in modules compiled to data at build time (prose pre-parsed), the TOML checker and the trainer and author pages as separate wasm files loaded only when used. The alternative is a budget that fits the decided stack.
- **Native parse of 10,000 scenes.** Parsing the TOML text into toml's spanned tree takes most of the time. The checker's own passes are linear and small. Real scenes are larger than generated ones (the shipped de-escalation module averages about 2.5 KB a scene), so 10,000 real scenes in 50 ms would need a reader going at hundreds of MB/s. The engine reads about 30 MB/s natively and faster in Chromium, whose allocator handles the parser's many small allocations better than glibc's. A budget per megabyte, say 50 ms per MB, would measure what can be improved.

## Bundle (dist/, not counting modules/)

| file | raw | gzip | brotli |
| --- | --- | --- | --- |
\${files}
| **total** | \${kb(browser.bundle.raw)} | \${kb(browser.bundle.gzip)} | \${kb(browser.bundle.brotli)} |
\`;
writeFileSync("bench/RESULTS.md", md);
console.log(md);
NODE
