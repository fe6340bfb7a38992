// A site's own LRS (`[xapi]` in site.toml) against a real one: Ralph (PyPI). A learner plays on
// the site, anonymously; a learner plays a module embedded in an intranet page that says who
// they are; and a learner plays while the LRS is down and closes the tab. What Ralph holds is
// read back: each statement valid (@learninglocker/xapi-validation), the right actor, one
// registration per attempt, and each fact exactly once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { openPage, assertAccessible, playOn as playOnWith } from "./helpers.mjs";
import { startLrs, freePort } from "./lrs.mjs";

/** This file's path through a module: always the first choice. */
const playOn = (frame, decisions = Infinity) => playOnWith(frame, { decisions });

const require = createRequire(import.meta.url);
const validate = require("@learninglocker/xapi-validation").default;
const DIST = new URL("../../dist/", import.meta.url).pathname;
const VERB = "http://adlnet.gov/expapi/verbs/";
const SAM = { objectType: "Agent", name: "Sam Rivera", mbox: "mailto:sam.rivera@intranet.example.org" };

let folder;
let site;
let lrs;
let intranet;
let intranetUrl;
let browser;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), "peerpath-xapi-"));
  cpSync(DIST, folder, { recursive: true });
  site = await serve(folder);
  const intranetPort = await freePort();
  const intranetOrigin = `http://127.0.0.1:${intranetPort}`;
  intranetUrl = `${intranetOrigin}/`;
  lrs = await startLrs({ origins: [new URL(site.url).origin] });
  writeFileSync(
    join(folder, "site.toml"),
    `title = "Harbour Peer Network"
allowed_parent_origins = ["${intranetOrigin}"]

[xapi]
endpoint = "${lrs.url}"
key = "peerpath"
secret = "peerpath-secret"
activity_base = "https://training.example.org/peerpath"
`,
  );
  // The intranet page: embeds a module and, when it is ready, says who the learner is.
  intranet = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head><body>
<main><h1>Required training</h1>
<iframe id="module" title="De-escalation" src="${site.url}#/embed/de-escalation" style="width:100%;height:80vh;border:0"></iframe></main>
<script>
window.addEventListener("message", (event) => {
  if (event.data?.source === "peerpath" && event.data.type === "peerpath:ready") {
    event.source.postMessage({ type: "peerpath:identify", actor: ${JSON.stringify(SAM)} }, event.origin);
  }
});
</script></body></html>`);
  });
  await new Promise((resolve) => intranet.listen(intranetPort, "127.0.0.1", resolve));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => intranet?.close(resolve));
  await site?.close();
  await lrs?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});


/** Waits until Ralph holds at least `count` statements matching `filter`; returns them. */
async function held(filter, count) {
  let statements = [];
  for (let i = 0; i < 300; i++) {
    statements = (await lrs.statements()).filter(filter);
    if (statements.length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // A moment more, so a duplicate would show.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return (await lrs.statements()).filter(filter);
}

const verb = (s) => s.verb.id.replace(VERB, "");

function checkValid(statements, label) {
  for (const statement of statements) {
    const { stored, authority, version, ...sent } = statement;
    assert.deepEqual(validate(sent).map((w) => String(w.message ?? w)), [], `${label}: ${verb(statement)} is valid xAPI`);
  }
  assert.equal(new Set(statements.map((s) => s.id)).size, statements.length, `${label}: no statement id twice`);
}

// Ensures a learner on the site is reported as this browser's anonymous learner, across a
// reload, with each fact once and one registration for the attempt.
test("xAPI: a learner on the site reports every fact once, anonymously, across a reload", async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}#/play/shared-crisis`);
  assert.equal(await playOn(page, 3), 3);
  await page.reload();
  const more = await playOn(page);
  const decisions = 3 + more;
  const passed = /outcome-(strong|mixed)/.test(await page.locator(".ending [class*='outcome-']").getAttribute("class"));
  const module = "https://training.example.org/peerpath/modules/shared-crisis";
  const mine = (s) => s.object.id === module || s.context?.contextActivities?.parent?.[0]?.id === module;
  const statements = await held(mine, 2 * decisions + 2);
  assert.equal(statements.length, 2 * decisions + 2, "experienced and answered per decision, completed, and the verdict");
  checkValid(statements, "site");
  const counts = {};
  for (const s of statements) counts[verb(s)] = (counts[verb(s)] ?? 0) + 1;
  assert.deepEqual(counts, { experienced: decisions, answered: decisions, completed: 1, [passed ? "passed" : "failed"]: 1 });
  const actors = new Set(statements.map((s) => JSON.stringify(s.actor)));
  assert.equal(actors.size, 1, "one learner across the reload");
  const actor = statements[0].actor;
  assert.equal(actor.account.homePage, site.url.replace(/\/$/, ""));
  assert.match(actor.account.name, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(statements.map((s) => s.context.registration)).size, 1, "one registration for the attempt");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures an embedding page on an allowed origin names the learner, and statements carry
// that name.
test("xAPI: a module embedded in an intranet page reports the learner the page names", async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(intranetUrl);
  const frame = await (await page.waitForSelector("#module")).contentFrame();
  await frame.waitForSelector(".content-note");
  await frame.click(".actions .button-primary");
  assert.equal(await playOn(frame, 2), 2);
  await assertAccessible(frame, "embedded module reporting to an LRS");
  // Three scenes shown (the third waits for a decision) and two decisions.
  const statements = await held((s) => s.actor.mbox === SAM.mbox, 5);
  assert.equal(statements.length, 5, "experienced three times, answered twice");
  checkValid(statements, "embed");
  assert.ok(statements.every((s) => s.actor.name === "Sam Rivera"));
  await page.context().close();
});

// Ensures statements made while the LRS is down wait in the browser through a closed tab,
// and arrive exactly once on the next visit.
test("xAPI: with the LRS down, statements survive a closed tab and arrive once on the next visit", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  let page = await context.newPage();
  await lrs.stop();
  await page.goto(`${site.url}#/play/role-boundaries`);
  assert.equal(await playOn(page, 2), 2);
  const waiting = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.includes("outbox")).map((k) => JSON.parse(localStorage.getItem(k)).pending.length),
  );
  assert.deepEqual(waiting, [5], "five statements (three scenes shown, two decisions) wait in the browser");
  await page.close({ runBeforeUnload: true });
  await lrs.start();
  page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector(".card-title");
  const module = "https://training.example.org/peerpath/modules/role-boundaries";
  const statements = await held((s) => s.context?.contextActivities?.parent?.[0]?.id === module, 5);
  assert.equal(statements.length, 5, "each statement once");
  checkValid(statements, "after the outage");
  await page.waitForFunction(() => Object.keys(localStorage).every((k) => !k.includes("outbox")));
  await context.close();
});

// Ensures a site that names no LRS never downloads the reporter (nor a package's launch
// runtime): learners pay for neither.
test("xAPI: without [xapi] the learner's page loads neither the LRS reporter nor the LMS runtime", async () => {
  const plain = await serve(DIST);
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${plain.url}#/play/de-escalation`);
  await playOn(page, 1);
  assert.deepEqual(plain.requests.filter((path) => /peerpath-(xapi|lms)/.test(path)), []);
  await page.context().close();
  await plain.close();
  // With [xapi], the reporter is fetched once.
  assert.equal(site.requests.filter((path) => /peerpath-xapi-[0-9a-f]+_bg\.wasm$/.test(path)).length > 0, true);
});
