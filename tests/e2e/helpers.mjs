// Shared steps for the browser tests: open the built app, watch the console, run axe-core.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { before, after } from "node:test";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";

const require = createRequire(import.meta.url);
// Injected through the DevTools protocol, which a page's Content-Security-Policy does not
// govern, so pages can be checked under the strict policy too.
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Opens a page that records console errors and uncaught exceptions. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") page.problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => page.problems.push(`exception: ${error.message}`));
  return page;
}

/** Asserts that axe-core finds no WCAG 2.2 A/AA violations on the page as it is now. */
export async function assertAccessible(page, label) {
  await page.evaluate(`(() => { ${AXE}\n; return true; })()`);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    }),
  );
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  assert.deepEqual(summary, [], `axe-core violations on ${label}`);
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
export async function tabTo(page, selector, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** The text of the element that has focus. */
export function focusedText(page) {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
}

/** The routes the tools page (tools.html: trainer mode, My progress, the summary, the
 *  preview, the embed snippet, the map of a play-through) renders; the learner's page opens it for them. */
const TOOLS = /^#\/(progress|trainer|audience|share|preview|summary|path)\b/;

/** The address of `hash` on the site at `url`: on the page that renders it, so a test does
 *  not race the learner page opening the tools page. */
export function at(url, hash) {
  return TOOLS.test(hash) ? `${url}tools.html${hash}` : `${url}${hash}`;
}

/** Serves the release build (dist/) and launches Chromium for the tests of one file;
 *  `env.site` and `env.browser` are set before the first test. */
export function builtSite() {
  const env = {};
  before(async () => {
    env.site = await serve(new URL("../../dist/", import.meta.url).pathname);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

/** Plays on in `frame` (a page or a frame) until an ending, or until `decisions` decisions
 *  were made, reading each feedback; returns how many were made. `pick(made, count)` chooses
 *  which of the available choices to take (the first, by default). */
export async function playOn(frame, { decisions = Infinity, pick = () => 0 } = {}) {
  let made = 0;
  for (let guard = 0; guard < 200; guard++) {
    await frame.waitForSelector(".scene, .feedback, .ending");
    if (await frame.locator(".ending").count()) return made;
    if (await frame.locator(".feedback").count()) {
      await frame.click(".feedback .button-primary");
      await frame.waitForSelector(".scene, .ending");
      continue;
    }
    if (made >= decisions) return made;
    const choices = frame.locator(".choice:not([disabled])");
    await choices.nth(pick(made, await choices.count())).click();
    await frame.waitForSelector(".feedback");
    made += 1;
  }
  assert.fail("no ending after 200 steps");
}
