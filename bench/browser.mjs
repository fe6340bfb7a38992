// Browser half of the benchmark: bundle sizes of dist/, what crosses the network to the first
// interactive scene and to the catalog, time to the first interactive scene, step latency and
// layout shift, in headless Chromium against the release build served with brotli on
// loopback. Prints one JSON object on stdout.
import { execFileSync } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import zlib from "node:zlib";

import { serve } from "../tests/e2e/server.mjs";
import { launch } from "../tests/e2e/browser.mjs";

const DIST = new URL("../dist/", import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bundle() {
  const sizes = { raw: 0, gzip: 0, brotli: 0, files: {} };
  // The initial payload: everything the app loads before the first scene, except the module
  // files themselves (modules/) and the helper script for embedding pages.
  for (const name of await readdir(DIST)) {
    const path = join(DIST, name);
    if ((await stat(path)).isDirectory() || name === "peerpath-embed.js") continue;
    const body = await readFile(path);
    const file = {
      raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length,
    };
    sizes.files[name.replace(/-[0-9a-f]{12,16}/, "")] = file;
    for (const key of ["raw", "gzip", "brotli"]) sizes[key] += file[key];
  }
  return sizes;
}

/** Everything that crosses the network (response bodies as sent, brotli, and every header)
 *  for a fresh visit to `hash`, until `selector` shows and the network is idle: what the page
 *  needs to show it. The service worker is blocked here, since once the page has loaded it
 *  downloads the offline copy on purpose: `offlineCopy` measures that. */
async function transfer(browser, url, hash, selector) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const files = [];
  context.on("requestfinished", async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (!sizes) return;
    const bytes = sizes.responseBodySize + sizes.responseHeadersSize + sizes.requestHeadersSize;
    const name = new URL(request.url()).pathname.replace(/.*\//, "").replace(/[.-][0-9a-f]{12,16}/, "");
    files.push({ path: name || "index.html", bytes });
  });
  const page = await context.newPage();
  await page.goto(`${url}${hash}`);
  await page.waitForSelector(selector);
  await page.waitForLoadState("networkidle");
  await context.close();
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  return { bytes: total, requests: files.length, files: Object.fromEntries(files.map((f) => [f.path, f.bytes])) };
}

/** What the service worker downloads after a first visit to the catalog, so every listed
 *  module plays offline: its own requests only (brotli, headers included). */
async function offlineCopy(browser, url) {
  const context = await browser.newContext();
  const files = [];
  context.on("requestfinished", async (request) => {
    if (!request.serviceWorker()) return;
    const sizes = await request.sizes().catch(() => null);
    if (!sizes) return;
    files.push(sizes.responseBodySize + sizes.responseHeadersSize + sizes.requestHeadersSize);
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector(".card-title a");
  for (let i = 0; i < 300 && !(await page.evaluate(() => Boolean(navigator.serviceWorker?.controller))); i++) {
    await page.waitForTimeout(100);
  }
  await page.waitForLoadState("networkidle");
  await context.close();
  return { bytes: files.reduce((sum, n) => sum + n, 0), requests: files.length };
}

/** From navigation start to the first enabled choice button of the first scene. */
async function firstScene(browser, url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}#/play/de-escalation`);
    await page.waitForSelector(".choice:not([disabled])");
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return { median_ms: median(times), best_ms: Math.min(...times), runs: times.length };
}

/** From a click to the next view painted (feedback after a choice, a scene after Continue),
 *  over whole play-throughs until at least `wanted` steps are timed. */
async function stepLatency(browser, url, wanted = 100) {
  const times = [];
  for (let play = 0; play < 20 && times.length < wanted; play++) {
    times.push(...(await playThrough(browser, url, play)));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
  return { p95_ms: p95, median_ms: median(times), max_ms: Math.max(...times), steps: times.length };
}

/** One play-through of de-escalation, taking the choice at `offset` (wrapping) each time. */
async function playThrough(browser, url, offset) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#/play/de-escalation`);
  await page.waitForSelector(".choice:not([disabled])");
  const times = [];
  for (let step = 0; step < 80; step++) {
    const choices = await page.locator(".choice:not([disabled])").count();
    const [button, next] = (await page.locator(".scene").count())
      ? [`.choice:not([disabled]) >> nth=${offset % Math.max(choices, 1)}`, ".feedback"]
      : (await page.locator(".feedback").count())
        ? [".feedback .button-primary", ".scene, .ending"]
        : [null, null];
    if (!button) break;
    times.push(
      await page.evaluate(
        ([button, next]) =>
          new Promise((resolve) => {
            const started = performance.now();
            const done = () => requestAnimationFrame(() => resolve(performance.now() - started));
            const observer = new MutationObserver(() => {
              if (document.querySelector(next)) {
                observer.disconnect();
                done();
              }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            const [selector, nth] = button.split(" >> nth=");
            document.querySelectorAll(selector)[Number(nth ?? 0)].click();
          }),
        [button, next],
      ),
    );
  }
  await context.close();
  return times;
}

/** Cumulative layout shift while a page loads and settles, per page and viewport: what a
 *  learner sees jump as the catalog, a module or saved progress arrives. */
async function layoutShift(browser, url) {
  const pages = { catalog: "#/", intro: "#/module/de-escalation", play: "#/play/de-escalation", progress: "#/progress" };
  const viewports = { phone: { width: 390, height: 844 }, laptop: { width: 1280, height: 800 } };
  const result = {};
  for (const [viewportName, viewport] of Object.entries(viewports)) {
    for (const [pageName, hash] of Object.entries(pages)) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(`${url}${hash}`);
      await page.waitForSelector(".card, .content-note, .choice:not([disabled]), .history");
      // Two frames after the content is there, so late shifts are counted too.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      result[`${pageName}-${viewportName}`] = await page.evaluate(() => window.__cls);
      await context.close();
    }
  }
  return { max: Math.max(...Object.values(result)), pages: result };
}

/** The scenario map of a generated module of `scenes` scenes in the author preview: layout
 *  and drawing (the app's own `peerpath:map:<nodes>` measure, from before the layout to the
 *  first effect after the SVG is in the page), then the time to the next frame, and how long
 *  one keyboard move along an edge takes to show (key press to the next node focused and a
 *  frame painted). Median of `runs`. */
async function mapTiming(browser, url, scenes, runs = 5) {
  const text = execFileSync("cargo", ["run", "-q", "--release", "-p", "peerpath-cli", "--", "generate", String(scenes)], { maxBuffer: 1 << 28 });
  const drawn = [];
  const painted = [];
  const moves = [];
  let nodes = 0;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${url}tools.html#/preview`);
    await page.waitForSelector("#module-file");
    await page.setInputFiles("#module-file", { name: "generated.toml", mimeType: "text/plain", buffer: text });
    await page.waitForSelector(".preview-map .map-node", { timeout: 120000 });
    const timing = await page.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() => {
            const measure = performance.getEntriesByType("measure").find((m) => m.name.startsWith("peerpath:map:"));
            resolve({ nodes: Number(measure.name.split(":")[2]), drawn: measure.duration, painted: performance.now() - measure.startTime });
          }),
        ),
    );
    nodes = timing.nodes;
    drawn.push(timing.drawn);
    painted.push(timing.painted);
    await page.focus('.preview-map .map-node[tabindex="0"]');
    moves.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const before = document.activeElement;
            const started = performance.now();
            const check = () => (document.activeElement !== before ? requestAnimationFrame(() => resolve(performance.now() - started)) : requestAnimationFrame(check));
            before.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
            requestAnimationFrame(check);
          }),
      ),
    );
    await context.close();
  }
  return { scenes, nodes, runs, drawn_ms: median(drawn), painted_ms: median(painted), keyboard_move_ms: median(moves) };
}

const site = await serve(DIST, { brotli: true });
const browser = await launch();
try {
  const result = {
    play_transfer: await transfer(browser, site.url, "#/play/de-escalation", ".choice:not([disabled])"),
    catalog_transfer: await transfer(browser, site.url, "#/", ".card-title a"),
    offline_copy: await offlineCopy(browser, site.url),
    bundle: await bundle(),
    first_interactive_scene: await firstScene(browser, site.url),
    step_latency: await stepLatency(browser, site.url),
    layout_shift: await layoutShift(browser, site.url),
    map: [await mapTiming(browser, site.url, 500), await mapTiming(browser, site.url, 2000)],
  };
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await site.close();
}
