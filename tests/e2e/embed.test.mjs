// An organization's deployment: served from a sub-path under a strict Content-Security-Policy,
// branded by site.toml, with its own modules (a good one, a broken one, a hostile one), and a
// module embedded in an intranet page on another origin that hears the events and sizes the
// frame, while spoofed and unlisted messages are ignored.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { at, openPage, assertAccessible } from "./helpers.mjs";
import { policy } from "../../scripts/csp.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const BASE = "/training/peerpath/";
let folder;
let site;
let intranet;
let stranger;
let browser;

const OWN = `format = 1
id = "acme-own"
title = "Acme: a first shift"
topic = "Orientation"
audience = ["peer-worker"]
minutes = 3
content_note = "An everyday conversation. Nothing difficult."
objectives = ["Greet someone warmly."]
start = "hello"

[[scenes]]
id = "hello"
text = "Someone arrives for their first group."

  [[scenes.choices]]
  id = "welcome"
  label = "Welcome them by name."
  goto = "done"
  feedback = "A warm, personal welcome helps."
  rating = "recommended"

[[endings]]
id = "done"
title = "Welcomed"
outcome = "strong"
text = "They stay for the group."
`;

const BROKEN = OWN.replace('id = "acme-own"', 'id = "acme-broken"').replace('goto = "done"', 'goto = "gone"');

const HOSTILE = `format = 1
id = "hostile"
title = "Hostile <img src=x onerror=window.__pwned=1>"
topic = "Test"
audience = ["peer-worker"]
minutes = 1
content_note = "<script>window.__pwned = 2</script> A note."
objectives = ["[Click](javascript:window.__pwned=3)"]
start = "s"

[[scenes]]
id = "s"
text = """
<script>window.__pwned = 4</script>
<img src="x" onerror="window.__pwned = 5">
[a link](JaVaScRiPt:window.__pwned=6) and <a href="javascript:window.__pwned=7">raw</a>
<iframe src="javascript:window.__pwned=8"></iframe>
"""

  [[scenes.choices]]
  id = "go"
  label = "<b onmouseover=window.__pwned=9>Go</b>"
  goto = "end"
  feedback = "<style>body{display:none}</style>Fine."
  rating = "acceptable"

[[endings]]
id = "end"
title = "End"
outcome = "mixed"
text = "Done."
`;

/** Serves a one-page "intranet" that embeds a module and records what reaches it. */
async function hostPage(appUrl) {
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><title>Intranet</title></head><body>
      <h1>Our intranet</h1>
      <iframe id="frame" src="${appUrl}#/embed/de-escalation" title="De-escalation" data-peerpath-embed width="100%" height="640"></iframe>
      <script>
        window.__messages = [];
        window.__events = [];
        window.addEventListener("message", (e) => window.__messages.push({ origin: e.origin, data: e.data }));
        for (const type of ["peerpath:ready", "peerpath:scene", "peerpath:decision", "peerpath:completed"]) {
          document.getElementById("frame").addEventListener(type, (e) => window.__events.push(e.detail));
        }
      </script>
      <script src="${appUrl}peerpath-embed.js"></script>
    </body></html>`);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

before(async () => {
  folder = await mkdtemp(join(tmpdir(), "peerpath-org-"));
  await cp(DIST, folder, { recursive: true });
  await writeFile(join(folder, "modules/acme-own.toml"), OWN);
  await writeFile(join(folder, "modules/acme-broken.toml"), BROKEN);
  await writeFile(join(folder, "modules/hostile.toml"), HOSTILE);
  // The site's port is only known once it listens; the intranet pages need the site's URL.
  const index = await readFile(join(folder, "index.html"), "utf8");
  const headers = {};
  site = await serve(folder, { base: BASE, headers });
  intranet = await hostPage(site.url);
  stranger = await hostPage(site.url);
  headers["content-security-policy"] = policy(index, [intranet.origin, stranger.origin]);
  await writeFile(
    join(folder, "site.toml"),
    `title = "Acme Peer Training"
modules = ["de-escalation.toml", "acme-own.toml", "acme-broken.toml", "hostile.toml"]
allowed_parent_origins = ["${intranet.origin}"]

[colors]
primary = "#6b2358"
`,
  );
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await intranet?.close();
  await stranger?.close();
  await rm(folder, { recursive: true, force: true });
});

/** Records CSP violations from the first script on. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
}

test("branded, from a sub-path, under the strict CSP: with the organization's own modules", async () => {
  const page = await openPage(browser);
  await watchCsp(page);
  await page.goto(site.url);
  await page.waitForSelector(".card");
  assert.match(await page.locator(".brand").innerText(), /Acme Peer Training/);
  assert.match(await page.title(), /Acme Peer Training/);
  const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--pp-primary").trim());
  assert.equal(primary, "#6b2358");
  assert.equal(await page.locator(".cards > li").count(), 4);
  const broken = await page.locator(".card-broken").innerText();
  assert.match(broken, /acme-broken\.toml:\d+:\d+/);
  assert.match(broken, /E102 \(dangling-target\)/);
  await assertAccessible(page, "the branded catalog");

  // The organization's own module plays.
  await page.goto(`${site.url}#/play/acme-own`);
  await page.click(".choice");
  await page.click(".feedback .button-primary");
  await page.waitForSelector(".ending");

  // The tools page, under the same policy, opened from the learner's page as a link would.
  for (const path of ["#/progress", "#/trainer/de-escalation", "#/preview", "#/share/de-escalation"]) {
    await page.goto(`${site.url}${path}`);
    await page.waitForURL(`${site.url}tools.html${path}`);
    await page.waitForSelector("main h1");
  }
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "no CSP violations");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a hostile module renders inert", async () => {
  const page = await openPage(browser);
  await watchCsp(page);
  await page.goto(`${site.url}#/module/hostile`);
  await page.waitForSelector(".content-note");
  await page.goto(`${site.url}#/play/hostile`);
  await page.waitForSelector(".scene");
  await page.hover(".choice");
  await page.click(".choice");
  await page.waitForSelector(".feedback");
  const inside = await page.evaluate(() => {
    const main = document.querySelector("main");
    return {
      scripts: main.querySelectorAll("script, iframe, img, style").length,
      handlers: [...main.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
      badLinks: [...main.querySelectorAll("a[href]")].filter((a) => !/^(https?:|mailto:|#|\/|\.)/i.test(a.getAttribute("href"))).length,
      pwned: window.__pwned,
      visible: getComputedStyle(document.body).display,
    };
  });
  assert.deepEqual(inside, { scripts: 0, handlers: 0, badLinks: 0, pwned: undefined, visible: "flex" });
  assert.match(await page.locator(".feedback").innerText(), /<style>body\{display:none\}<\/style>Fine\./, "raw HTML shows as text");
  await page.context().close();
});

test("embedded in an allowed intranet page: events with the right origin and shape, resizing", async () => {
  const page = await openPage(browser, { viewport: { width: 1000, height: 800 } });
  await page.goto(intranet.url);
  const frame = page.frameLocator("#frame");
  await frame.locator(".content-note").waitFor();
  assert.equal(await frame.locator(".site-header").count(), 0, "no site navigation in the frame");
  await page.waitForFunction(() => window.__events.some((e) => e.type === "peerpath:ready"));
  // The frame takes its content's height.
  await page.waitForFunction(() => document.getElementById("frame").style.height !== "");
  const first = await page.evaluate(() => document.getElementById("frame").getBoundingClientRect().height);

  await frame.locator(".actions .button-primary").click();
  for (let guard = 0; guard < 60; guard++) {
    if (await frame.locator(".ending").count()) break;
    if (await frame.locator(".scene").count()) await frame.locator(".choice:not([disabled])").first().click();
    else if (await frame.locator(".feedback").count()) await frame.locator(".feedback .button-primary").click();
    await frame.locator(".scene, .feedback, .ending").first().waitFor();
  }
  await page.waitForFunction(() => window.__events.some((e) => e.type === "peerpath:completed"));
  const events = await page.evaluate(() => window.__events);
  const messages = await page.evaluate(() => window.__messages);
  const siteOrigin = new URL(site.url).origin;
  assert.ok(messages.length > 0);
  assert.ok(messages.every((m) => m.origin === siteOrigin && m.data.source === "peerpath" && m.data.version === 1));
  const scene = events.find((e) => e.type === "peerpath:scene");
  assert.deepEqual(Object.keys(scene).sort(), ["module", "scene", "source", "step", "type", "version"]);
  const decision = events.find((e) => e.type === "peerpath:decision");
  assert.match(decision.rating, /^(recommended|acceptable|risky|harmful)$/);
  const completed = events.find((e) => e.type === "peerpath:completed");
  assert.match(completed.outcome, /^(strong|mixed|difficult)$/);
  assert.equal(completed.ratings.length, events.filter((e) => e.type === "peerpath:decision").length);
  const last = await page.evaluate(() => document.getElementById("frame").getBoundingClientRect().height);
  assert.notEqual(last, first, "the frame was resized to its content");

  // Spoofed or malformed requests are ignored; only the documented shape is answered.
  const resizes = () => page.evaluate(() => window.__messages.filter((m) => m.data.type === "peerpath:resize").length);
  const before = await resizes();
  await page.evaluate((origin) => {
    const target = document.getElementById("frame").contentWindow;
    target.postMessage({ type: "peerpath:request-size", extra: "spoof" }, origin);
    target.postMessage("peerpath:request-size", origin);
    target.postMessage({ type: "peerpath:restart" }, origin);
    target.postMessage({ type: "peerpath:request-size" }, origin);
  }, siteOrigin);
  await page.waitForFunction((n) => window.__messages.filter((m) => m.data.type === "peerpath:resize").length > n, before);
  // Messages are handled in order, so by the answer to the fourth the first three were seen.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await resizes(), before + 1, "only the well-formed request was answered");
  await page.context().close();
});

test("a page not in allowed_parent_origins hears nothing", async () => {
  const page = await openPage(browser);
  await page.goto(stranger.url);
  const frame = page.frameLocator("#frame");
  await frame.locator(".content-note").waitFor();
  await page.evaluate((origin) => {
    document.getElementById("frame").contentWindow.postMessage({ type: "peerpath:request-size" }, origin);
  }, new URL(site.url).origin);
  // Starting changes the frame's size and state: an allowed page would now hear of it.
  await frame.locator(".actions .button-primary").click();
  await frame.locator(".scene").waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.deepEqual(await page.evaluate(() => window.__messages), []);
  await page.context().close();
});

test("the author's preview checks and plays a file from this computer, uploading nothing", async () => {
  const page = await openPage(browser);
  await page.goto(at(site.url, "#/preview"));
  await page.waitForSelector("#module-file");
  await page.setInputFiles("#module-file", { name: "draft.toml", mimeType: "text/plain", buffer: Buffer.from(BROKEN) });
  await page.waitForSelector(".diagnostics");
  assert.match(await page.locator(".preview-result").innerText(), /draft\.toml:\d+:\d+ Error E102/);
  await page.setInputFiles("#module-file", { name: "draft.toml", mimeType: "text/plain", buffer: Buffer.from(OWN) });
  await page.waitForSelector("text=The checker found no problems.");
  await page.click("text=Play “Acme: a first shift”");
  await page.click(".choice");
  await page.waitForSelector(".feedback");
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("peerpath/v1/progress/")));
  assert.deepEqual(stored, [], "playing a preview saves nothing");
  assert.ok(!site.requests.some((path) => path.includes("draft")), "nothing was uploaded");
  await assertAccessible(page, "the preview page");
  await page.context().close();
});

test("a broken site.toml falls back to defaults and tells the administrator where", async () => {
  const broken = await mkdtemp(join(tmpdir(), "peerpath-badsite-"));
  await cp(DIST, broken, { recursive: true });
  await writeFile(join(broken, "site.toml"), 'title = "Ours"\nallowed_parent_origins = ["intranet"]\n[colors]\nprimary = "#eeeeee"\n');
  const other = await serve(broken);
  const page = await openPage(browser);
  await page.goto(other.url);
  await page.waitForSelector(".card");
  const notice = await page.locator(".notice-problem").innerText();
  assert.match(notice, /site\.toml, line 2, column 27/);
  assert.match(notice, /site\.toml, line 3, column 1: these colours would be hard to read/);
  assert.match(await page.locator(".brand").innerText(), /Ours/);
  const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--pp-primary").trim());
  assert.equal(primary, "#1f5f5b", "the default colours stand in");
  await page.context().close();
  await other.close();
  await rm(broken, { recursive: true, force: true });
});
