// A site's own module file with mistakes (listed in site.toml, read by the module reader)
// shows its author exactly what to fix, and every other module keeps working. Built-in modules
// with mistakes never reach a site: `peerpath build` refuses them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { openPage, assertAccessible } from "./helpers.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
let folder;
let site;
let browser;

const BROKEN = `format = 1
id = "broken"
title = "Broken on purpose"
topic = "Testing"
audience = ["peer-worker"]
minutes = 1
content_note = "None."
objectives = ["Show errors."]
start = "first"

[[scenes]]
id = "first"
text = "A scene."

  [[scenes.choices]]
  id = "go"
  label = "Go on."
  goto = "nowhere"
  feedback = "Why."
  rating = "recommended"

[[endings]]
id = "end"
title = "End"
outcome = "strong"
text = "The end."
`;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), "peerpath-broken-"));
  await cp(DIST, folder, { recursive: true });
  await writeFile(join(folder, "modules/broken.toml"), BROKEN);
  const siteToml = await readFile(join(folder, "site.toml"), "utf8");
  await writeFile(join(folder, "site.toml"), `modules = ["broken.toml", "de-escalation.toml", "role-boundaries.toml"]\n${siteToml}`);
  site = await serve(folder);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await rm(folder, { recursive: true, force: true });
});

test("a broken module is an error card naming file, line, column and problem", async () => {
  const page = await openPage(browser);
  await page.goto(site.url);
  await page.waitForSelector(".card-broken");
  const card = await page.locator(".card-broken").innerText();
  assert.match(card, /broken\.toml can't be opened/);
  assert.match(card, /broken\.toml:18:10/);
  assert.match(card, /E102 \(dangling-target\)/);
  assert.match(card, /goes to `nowhere`/);
  assert.match(card, /E110 \(unreachable-ending\)/);
  await assertAccessible(page, "the catalog with a broken module");

  // The good module still opens and plays.
  await page.click('.card-title a[href*="de-escalation"]');
  await page.waitForSelector(".content-note");
  await page.click(".actions .button-primary");
  await page.waitForSelector(".choice");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("opening a broken module's address explains the problem instead of failing", async () => {
  const page = await openPage(browser);
  await page.goto(`${site.url}#/play/broken`);
  await page.waitForSelector("h1");
  assert.equal(await page.locator("h1").innerText(), "This module can't be opened");
  assert.match(await page.locator(".diagnostics").innerText(), /broken\.toml:18:10/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a site whose module reader was not uploaded says so on its own modules' cards, and built-ins still play", async () => {
  const partial = await mkdtemp(join(tmpdir(), "peerpath-noreader-"));
  await cp(folder, partial, { recursive: true });
  for (const name of await readdir(partial)) {
    if (name.startsWith("peerpath-reader")) await rm(join(partial, name));
  }
  const other = await serve(partial);
  const page = await openPage(browser);
  await page.goto(other.url);
  await page.waitForSelector(".card-broken");
  assert.match(await page.locator(".card-broken").innerText(), /broken\.toml could not be read: the module reader could not be loaded/);
  await page.click('.card-title a[href*="de-escalation"]');
  await page.waitForSelector(".content-note");
  await page.click(".actions .button-primary");
  await page.waitForSelector(".choice");
  await page.context().close();
  await other.close();
  await rm(partial, { recursive: true, force: true });
});
