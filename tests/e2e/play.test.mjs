// The learner's path through the release build: catalog → intro → play to an ending with the
// keyboard alone, a reload mid-way that resumes in place, accessibility on every page, and no
// console errors.
import { test } from "node:test";
import assert from "node:assert/strict";

import { builtSite, openPage, assertAccessible, tabTo, focusedText } from "./helpers.mjs";

const env = builtSite();

/** Plays from the current scene with the keyboard, always taking the first available choice,
 *  until `stop()` is true or an ending shows. Returns the number of decisions made. */
async function playByKeyboard(page, stop = async () => false) {
  let decisions = 0;
  for (let guard = 0; guard < 80; guard++) {
    if (await page.locator(".ending").count()) return decisions;
    if (await stop()) return decisions;
    if (await page.locator(".scene").count()) {
      // Focus starts on the step heading; Tab reaches the first available choice.
      assert.match(await focusedText(page), /^Step \d+$/);
      await tabTo(page, ".choice:not([disabled])");
      await page.keyboard.press("Enter");
      await page.waitForSelector(".feedback");
      decisions += 1;
    } else if (await page.locator(".feedback").count()) {
      assert.equal(await focusedText(page), "Your choice");
      await tabTo(page, ".feedback .button-primary");
      await page.keyboard.press("Enter");
      await page.waitForSelector(".scene, .ending");
    } else {
      await page.waitForSelector(".scene, .feedback, .ending");
    }
  }
  assert.fail("no ending after 80 steps");
}

test("a learner plays the de-escalation module to an ending with the keyboard alone", async () => {
  const page = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(env.site.url);
  await page.waitForSelector(".card");
  await assertAccessible(page, "the catalog");

  await tabTo(page, '.card-title a[href*="de-escalation"]');
  await page.keyboard.press("Enter");
  await page.waitForSelector(".content-note");
  assert.match(await page.locator(".content-note").innerText(), /content note/i);
  await assertAccessible(page, "the module intro");

  await tabTo(page, ".actions .button-primary");
  assert.equal(await focusedText(page), "Start the module");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".scene");
  await assertAccessible(page, "a scene");
  assert.equal(await page.locator(".pause").count(), 1, "the way to pause is on screen");

  // Three decisions, then reload: the learner must come back to the same step and scene.
  const atStep = (n) => async () =>
    (await page.locator(".scene h2").count()) > 0 && (await page.locator(".scene h2").innerText()) === `Step ${n}`;
  await playByKeyboard(page, atStep(4));
  const before = await page.locator(".scene-text").innerText();
  await page.reload();
  await page.waitForSelector(".scene");
  assert.equal(await page.locator(".scene h2").innerText(), "Step 4");
  assert.equal(await page.locator(".scene-text").innerText(), before);

  const made = await playByKeyboard(page);
  assert.ok(made >= 3, `played on after the reload (${made} more decisions)`);
  await page.waitForSelector(".debrief");
  assert.equal(await focusedText(page), await page.locator(".ending h2").innerText());
  const listed = await page.locator(".decision-list > li").count();
  assert.equal(listed, 3 + made, "the debrief lists every decision made");
  await assertAccessible(page, "the ending and debrief");

  // Feedback showing when the learner reloads stays showing.
  await page.keyboard.press("Shift+Tab");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the catalog shows the learner's standing, and the intro offers to resume", async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.site.url}#/module/de-escalation`);
  await page.waitForSelector(".content-note");
  await page.click(".actions .button-primary");
  await page.waitForSelector(".scene");
  await page.click(".choice:not([disabled])");
  await page.waitForSelector(".feedback");
  await page.click(".pause");
  await page.waitForSelector(".content-note");
  assert.equal(await page.locator(".actions .button-primary").innerText(), "Resume where you left off");
  await page.goto(env.site.url);
  await page.waitForSelector(".card");
  assert.equal(await page.locator(".card-status").first().innerText(), "In progress");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("unknown addresses and unknown modules get a clear page", async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.site.url}#/no/such/page`);
  await page.waitForSelector("h1");
  assert.equal(await page.locator("h1").innerText(), "We can't find that page");
  await assertAccessible(page, "the not-found page");
  await page.goto(`${env.site.url}#/module/no-such-module`);
  await page.waitForSelector("h1");
  assert.match(await page.locator("article p").first().innerText(), /no module called “no-such-module”/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
