// Offline and installable: after one visit every listed module plays with the network off; a
// new build waits until the learner agrees; everything works with service workers blocked or
// missing; Chromium finds the site installable. All from a sub-path, under the strict CSP.
// Each test serves its own copy of dist/, since some change files on disk.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { serve } from "./server.mjs";
import { CHROMIUM, launch } from "./browser.mjs";
import { openPage, assertAccessible, playOn } from "./helpers.mjs";
import { policy } from "../../scripts/csp.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const BASE = "/training/peerpath/";
const folders = [];
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** A copy of dist/ served from the sub-path under the strict CSP; `change(folder)` edits it
 *  before serving. */
async function site(change = async () => {}) {
  const folder = await mkdtemp(join(tmpdir(), "peerpath-offline-"));
  folders.push(folder);
  await cp(DIST, folder, { recursive: true });
  await change(folder);
  const index = await readFile(join(folder, "index.html"), "utf8");
  const served = await serve(folder, { base: BASE, headers: { "content-security-policy": policy(index) } });
  served.folder = folder;
  return served;
}

/** Records CSP violations on every page of the context, into `page.violations`. */
async function watchPolicy(page) {
  page.violations = [];
  await page.exposeFunction("reportViolation", (text) => page.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}

/** Waits until a service worker controls the page (it has installed: everything it
 *  precaches is in its cache). */
async function controlled(page) {
  for (let i = 0; i < 300; i++) {
    if (await page.evaluate(() => Boolean(navigator.serviceWorker?.controller))) return;
    await page.waitForTimeout(100);
  }
  assert.fail("no service worker took control of the page");
}

/** The titles of the catalog's cards, and their module ids. */
async function listedModules(page) {
  await page.waitForSelector(".card-title a");
  const hrefs = await page.locator(".card-title a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  return hrefs.map((href) => href.replace(/.*#\/module\//, ""));
}

test("after one visit, every listed module plays with the network off, a site's own module too", async () => {
  // The site lists its own module (read by the module reader from a .toml) beside the
  // built-in ones: the reader and the file are fetched before the worker runs the page, so
  // the page asks the worker to keep them.
  const served = await site(async (folder) => {
    const own = (await readFile(join(folder, "modules/circle-of-influence.toml"), "utf8")).replace(
      'id = "circle-of-influence"',
      'id = "our-circle"',
    );
    await writeFile(join(folder, "modules/our-circle.toml"), own);
    const catalog = await readFile(new URL("../../modules/catalog.toml", import.meta.url), "utf8");
    const files = [...catalog.matchAll(/"([a-z0-9-]+\.toml)"/g)].map(([, file]) => file);
    const siteToml = await readFile(join(folder, "site.toml"), "utf8");
    await writeFile(
      join(folder, "site.toml"),
      `modules = ${JSON.stringify([...files, "our-circle.toml"])}\n${siteToml}`,
    );
  });
  const page = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await watchPolicy(page);
  await page.goto(served.url);
  const ids = await listedModules(page);
  assert.ok(ids.length >= 8 && ids.includes("our-circle"), ids.join(" "));
  await controlled(page);
  // The first worker taking over the page is no update: nothing to say.
  await page.waitForTimeout(300);
  assert.equal(await page.locator(".update-notice").count(), 0, "no notice on a first visit");
  // The worker keeps the site's own files once it runs: wait until the reader is cached.
  for (let i = 0; i < 100; i++) {
    const kept = await page.evaluate(async () => {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        if ((await cache.keys()).some((r) => r.url.endsWith("modules/our-circle.toml"))) return true;
      }
      return false;
    });
    if (kept) break;
    await page.waitForTimeout(100);
  }

  await page.context().setOffline(true);
  const requestsBefore = served.requests.length;
  await page.reload();
  assert.deepEqual(await listedModules(page), ids, "the same catalog offline");
  for (const id of ids) {
    await page.goto(`${served.url}#/play/${id}`);
    await page.waitForSelector(".choice:not([disabled])");
    await page.goto(`${served.url}#/`);
    await page.waitForSelector(".card-title a");
  }
  // One to its ending, and the ending's debrief.
  await page.goto(`${served.url}#/module/de-escalation`);
  await page.click(".actions .button-primary");
  await playOn(page);
  await page.waitForSelector(".ending");
  assert.equal(served.requests.length, requestsBefore, "nothing reached the server while offline");
  await assertAccessible(page, "an ending, offline");
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
  await served.close();
});

test("a new build waits for the learner's agreement, in this tab and never in another", async () => {
  const served = await site();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (error) => page.problems.push(error.message));
  await page.goto(served.url);
  await page.waitForSelector(".card-title a");
  await controlled(page);
  // A second tab, mid-attempt.
  const other = await context.newPage();
  await other.goto(`${served.url}#/play/role-boundaries`);
  await other.waitForSelector(".choice:not([disabled])");
  await other.evaluate(() => {
    window.stillTheSamePage = true;
  });

  // Deploy a new build: a changed page and a new worker.
  const index = join(served.folder, "index.html");
  await writeFile(index, (await readFile(index, "utf8")).replace("<title>", '<meta name="peerpath-build" content="second" />\n<title>'));
  const sw = join(served.folder, "sw.js");
  await writeFile(sw, (await readFile(sw, "utf8")).replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "$1-second"'));

  // The browser finds it on the next navigation; the page keeps the version it runs.
  await page.reload();
  await page.waitForSelector(".update-notice", { timeout: 20000 });
  assert.match(await page.locator(".update-notice").innerText(), /A new version of PeerPath is ready/);
  assert.equal(await page.locator('meta[name="peerpath-build"]').count(), 0, "still the first build");
  await assertAccessible(page, "the catalog with the update notice");
  // Not during an attempt.
  await page.goto(`${served.url}#/play/de-escalation`);
  await page.waitForSelector(".choice:not([disabled])");
  assert.equal(await page.locator(".update-notice").count(), 0, "no notice while playing");
  await page.goto(`${served.url}#/`);
  await page.waitForSelector(".update-notice");
  // Later: the notice goes; nothing changes.
  await page.click(".update-notice .button-quiet");
  assert.equal(await page.locator(".update-notice").count(), 0);
  await page.reload();
  await page.waitForSelector(".update-notice");
  assert.equal(await page.locator('meta[name="peerpath-build"]').count(), 0, "Later changed nothing");

  // Update now: this tab reloads into the new build.
  await Promise.all([page.waitForEvent("load"), page.click(".update-notice .button")]);
  await page.waitForSelector(".card-title a");
  assert.equal(await page.locator('meta[name="peerpath-build"]').count(), 1, "the second build runs");
  assert.equal(await page.locator(".update-notice").count(), 0);

  // The other tab carries on with its attempt and was not reloaded.
  assert.equal(await other.evaluate(() => window.stillTheSamePage), true, "the other tab was not reloaded");
  assert.equal(await other.locator(".choice:not([disabled])").count() > 0, true);
  await other.goto(`${served.url}#/`);
  await other.waitForSelector(".update-notice");
  assert.match(await other.locator(".update-notice").innerText(), /updated in another tab/);
  assert.deepEqual(page.problems, []);
  await context.close();
  await served.close();
});

for (const [how, options, init] of [
  ["blocked by the browser", { serviceWorkers: "block" }, null],
  ["missing (a plain-http intranet)", {}, () => delete Navigator.prototype.serviceWorker],
]) {
  test(`with service workers ${how}, everything works online`, async () => {
    const served = await site();
    const page = await openPage(browser, { viewport: { width: 390, height: 844 }, ...options });
    if (init) await page.addInitScript(init);
    await page.goto(served.url);
    await page.waitForSelector(".card-title a");
    await page.click('.card-title a[href*="role-boundaries"]');
    await page.click(".actions .button-primary");
    await playOn(page);
    await page.waitForSelector(".ending");
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), false);
    assert.equal(await page.locator(".update-notice").count(), 0);
    await page.goto(`${served.url}tools.html#/progress`);
    await page.waitForSelector(".progress-list, .progress-empty, h1");
    assert.deepEqual(page.problems, []);
    await page.context().close();
    await served.close();
  });
}

test("Chromium finds the site installable, named after site.toml", async () => {
  const served = await site(async (folder) => {
    const siteToml = await readFile(join(folder, "site.toml"), "utf8");
    await writeFile(join(folder, "site.toml"), siteToml.replace('title = "PeerPath"', 'title = "Riverside Peer Training"'));
  });
  // Installability is never checked in an incognito context: a profile on disk.
  const profile = await mkdtemp(join(tmpdir(), "peerpath-profile-"));
  folders.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(served.url);
  await page.waitForSelector(".card-title a");
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);
  // From the second load on, the worker serves the manifest with the site's own name.
  let manifest;
  for (let i = 0; i < 50; i++) {
    await page.reload();
    await page.waitForSelector(".card-title a");
    const answer = await cdp.send("Page.getAppManifest");
    assert.deepEqual(answer.errors, []);
    manifest = JSON.parse(answer.data);
    if (manifest.name === "Riverside Peer Training") break;
    await page.waitForTimeout(100);
  }
  assert.equal(manifest.name, "Riverside Peer Training");
  assert.equal(manifest.display, "standalone");
  assert.ok(manifest.icons.some((icon) => icon.sizes === "512x512" && icon.purpose === "maskable"));
  assert.deepEqual((await cdp.send("Page.getInstallabilityErrors")).installabilityErrors, []);
  await context.close();
  await served.close();
});
