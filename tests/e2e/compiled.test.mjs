// Built-in modules arrive compiled: the catalog reads one small index, a module's page fetches
// that module alone, and the module reader (TOML reader and checker) is never downloaded for
// them. Sites' own .toml modules and the preview use the reader: see embed.test.mjs and
// broken_module.test.mjs, which run under the strict CSP from a sub-path.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { openPage, assertAccessible } from "./helpers.mjs";
import { policy } from "../../scripts/csp.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const BASE = "/training/peer/";
let site;
let browser;

before(async () => {
  const index = await readFile(`${DIST}index.html`, "utf8");
  site = await serve(DIST, { base: BASE, headers: { "content-security-policy": policy(index) } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** A page whose own requests are counted: with the service worker blocked, since its install
 *  downloads every learner module and the player on purpose (offline.test.mjs tests that, and
 *  bench/ measures it). What the page itself fetches to show a scene is what these tests pin. */
const pageOnly = () => openPage(browser, { serviceWorkers: "block" });

/** Every request the site received since `from`, as paths below the base. */
function since(from) {
  return site.requests.slice(from).map((path) => path.slice(BASE.length));
}

const isReader = (path) => path.startsWith("peerpath-reader");
const isTools = (path) => path.startsWith("peerpath-tools") || path === "tools.html";
const isModuleData = (path) => /^modules\/.+\.ppm$/.test(path) && path !== "modules/catalog.ppm";

test("the dist holds a compiled file per module, the index, and a hashed module reader", async () => {
  const modules = await readdir(`${DIST}modules`);
  const catalog = await readFile(new URL("../../modules/catalog.toml", import.meta.url), "utf8");
  const listed = [...catalog.matchAll(/"([a-z0-9-]+)\.toml"/g)].map(([, id]) => id);
  assert.ok(listed.length >= 7);
  for (const id of listed) {
    assert.ok(modules.some((f) => new RegExp(`^${id}\\.[0-9a-f]{16}\\.ppm$`).test(f)), `${id} is compiled`);
    assert.ok(modules.some((f) => new RegExp(`^${id}\\.trainer\\.[0-9a-f]{16}\\.ppm$`).test(f)), `${id} is compiled for trainers`);
  }
  assert.ok(modules.includes("catalog.ppm"));
  const top = await readdir(DIST);
  assert.ok(top.some((f) => /^peerpath-reader-[0-9a-f]{16}_bg\.wasm$/.test(f)), "the reader has a hashed name");
  assert.ok(!top.includes("peerpath-reader_bg.wasm"), "no unhashed reader is left behind");
  const index = await readFile(`${DIST}index.html`, "utf8");
  assert.match(index, /<meta name="peerpath-reader" content="\.\/peerpath-reader-[0-9a-f]{16}_loader\.js"/);
});

test("the catalog reads the index alone: no module data, no TOML, no module reader", async () => {
  const from = site.requests.length;
  const page = await pageOnly();
  await page.goto(site.url);
  await page.waitForSelector(".card-title a");
  assert.ok((await page.locator(".card").count()) >= 7);
  // Content notes are shown as plain text, without Markdown marks.
  assert.doesNotMatch(await page.locator(".card-note").first().innerText(), /[*_]{1,2}\w/);
  const paths = since(from);
  assert.ok(paths.includes("modules/catalog.ppm"), paths.join(" "));
  assert.deepEqual(paths.filter(isModuleData), [], "no module's data");
  assert.deepEqual(paths.filter((p) => p.endsWith(".toml") && p !== "site.toml"), [], "no module file");
  assert.deepEqual(paths.filter(isReader), [], "no module reader");
  assert.deepEqual(paths.filter(isTools), [], "no tools page");
  await assertAccessible(page, "the catalog under the strict CSP");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a deep link to play a built-in module fetches that module only, and plays it to the end", async () => {
  const from = site.requests.length;
  const page = await pageOnly();
  await page.goto(`${site.url}#/play/de-escalation`);
  await page.waitForSelector(".choice:not([disabled])");
  for (let guard = 0; guard < 80 && !(await page.locator(".ending").count()); guard++) {
    if (await page.locator(".scene").count()) {
      await page.locator(".choice:not([disabled])").first().click();
      await page.waitForSelector(".feedback");
    } else if (await page.locator(".feedback").count()) {
      await page.locator(".feedback .button-primary").click();
      await page.waitForSelector(".scene, .ending");
    } else {
      await page.waitForSelector(".scene, .feedback, .ending");
    }
  }
  await page.waitForSelector(".ending");
  const paths = since(from);
  const data = paths.filter(isModuleData);
  assert.equal(data.length, 1, data.join(" "));
  assert.match(data[0], /^modules\/de-escalation\.[0-9a-f]{16}\.ppm$/);
  assert.deepEqual(paths.filter(isReader), [], "no module reader");
  assert.deepEqual(paths.filter(isTools), [], "no tools page");
  assert.deepEqual(paths.filter((p) => p.endsWith(".toml") && p !== "site.toml"), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("moving from a module's intro to playing it fetches its data once", async () => {
  const from = site.requests.length;
  const page = await pageOnly();
  await page.goto(`${site.url}#/module/role-boundaries`);
  await page.waitForSelector(".content-note");
  await page.click(".actions .button-primary");
  await page.waitForSelector(".choice");
  const data = since(from).filter(isModuleData);
  assert.equal(data.length, 1, data.join(" "));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a compiled module that is damaged is refused with a message, and nothing breaks", async () => {
  const page = await pageOnly();
  await page.route(/de-escalation\.[0-9a-f]{16}\.ppm$/, (route) =>
    route.fulfill({ status: 200, contentType: "application/octet-stream", body: Buffer.from("PPM") }),
  );
  await page.goto(`${site.url}#/play/de-escalation`);
  await page.waitForSelector("h1");
  assert.equal(await page.locator("h1").innerText(), "This module can't be opened");
  assert.match(await page.locator(".notice-problem").innerText(), /not a compiled PeerPath file|damaged/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("My progress and trainer mode live on the tools page, opened from any link, and lead back", async () => {
  const page = await pageOnly();
  await page.goto(site.url);
  await page.waitForSelector(".card-title a");
  const from = site.requests.length;
  // The header's link, as a learner follows it: the learner's page opens the tools page.
  await page.click('nav a[href="#/progress"]');
  await page.waitForURL(`${site.url}tools.html#/progress`);
  await page.waitForSelector("main h1");
  assert.equal(await page.locator("main h1").innerText(), "My progress");
  const paths = since(from);
  assert.ok(paths.some((p) => /^peerpath-tools-[0-9a-f]{16}_bg\.wasm$/.test(p)), paths.join(" "));
  assert.deepEqual(paths.filter((p) => p.startsWith("peerpath-web-")), [], "the learner's wasm is not loaded again");
  await assertAccessible(page, "My progress on the tools page");
  // Back to the modules: the tools page opens the learner's page.
  await page.click('nav .nav-link[href="#/"]');
  await page.waitForURL(`${site.url}#/`);
  await page.waitForSelector(".card-title a");
  // An old bookmark to trainer mode still works, from the learner's page; trainer mode reads
  // the whole module, with the facilitator notes learners never download.
  const beforeTrainer = site.requests.length;
  await page.goto(`${site.url}#/trainer/de-escalation`);
  await page.waitForURL(`${site.url}tools.html#/trainer/de-escalation`);
  await page.waitForSelector(".facilitator-notes");
  const trainerData = since(beforeTrainer).filter((p) => p.endsWith(".ppm") && p !== "modules/catalog.ppm");
  assert.equal(trainerData.length, 1, trainerData.join(" "));
  assert.match(trainerData[0], /^modules\/de-escalation\.trainer\.[0-9a-f]{16}\.ppm$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
