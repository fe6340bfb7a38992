// Assessment mode: a learner chooses to hold feedback, ratings and meters until the debrief;
// the choice is remembered per module and shown in My progress and the completion summary.
import { test } from "node:test";
import assert from "node:assert/strict";

import { at, builtSite, openPage, assertAccessible } from "./helpers.mjs";

const env = builtSite();

/** Takes the first available choice until an ending shows; returns the decisions made. In
 *  assessment mode no feedback screen may appear, and no meter either. */
async function playHeldBack(page) {
  let decisions = 0;
  for (let guard = 0; guard < 80; guard++) {
    await page.waitForSelector(".scene, .feedback, .ending");
    if (await page.locator(".ending").count()) return decisions;
    assert.equal(await page.locator(".feedback").count(), 0, "no feedback during an assessment");
    assert.equal(await page.locator(".scene .meters").count(), 0, "no meters during an assessment");
    assert.equal(await page.locator('.scene [class*="rating-"]').count(), 0, "no ratings during an assessment");
    const step = await page.locator(".scene h2").innerText();
    await page.click(".choice:not([disabled])");
    await page.waitForFunction(
      (before) => document.querySelector(".ending") || document.querySelector(".scene h2")?.textContent !== before,
      step,
    );
    decisions += 1;
  }
  assert.fail("no ending after 80 decisions");
}

// Ensures assessment mode holds feedback until the debrief, which then rates every decision,
// and that the mode is remembered and reported.
test("assessment mode holds feedback until the debrief and is remembered", async () => {
  const page = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(`${env.site.url}#/module/de-escalation`);
  await page.waitForSelector(".play-mode");
  await page.check('input[name="play-mode"] >> nth=1');
  await assertAccessible(page, "the intro with the mode choice");
  await page.reload();
  await page.waitForSelector(".play-mode");
  assert.equal(await page.isChecked('input[name="play-mode"] >> nth=1'), true, "the choice is remembered");

  await page.click("text=Start the module");
  await page.waitForSelector(".scene");
  assert.match(await page.locator(".assessment-note").innerText(), /waits for the end/);
  await assertAccessible(page, "a scene in assessment mode");
  const decisions = await playHeldBack(page);
  assert.ok(decisions >= 5, `a full path (${decisions} decisions)`);

  await page.waitForSelector(".debrief");
  assert.match(await page.locator(".ending .assessment-note").innerText(), /assessment mode/);
  assert.equal(await page.locator(".decision-list > li").count(), decisions, "every decision in the debrief");
  assert.equal(await page.locator('.decision-list [class*="rating-"]').count(), decisions, "each decision rated");
  await assertAccessible(page, "the debrief after an assessment");

  await page.goto(at(env.site.url, "#/progress"));
  await page.waitForSelector(".history tbody tr");
  assert.match(await page.locator('.history td[data-label="Mode"]').first().innerText(), /Assessment/);
  await page.click("text=Completion summary");
  await page.waitForSelector(".summary-facts");
  assert.match(await page.locator(".summary-facts").innerText(), /assessment mode/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures a trainer can hold feedback until the end: the room goes from decision to decision
// with no feedback screen, and the ending lists every decision with its rating and feedback.
test("trainer mode holds feedback until the ending when asked", async () => {
  const page = await openPage(env.browser, { viewport: { width: 1280, height: 720 } });
  await page.goto(at(env.site.url, "#/trainer/de-escalation"));
  await page.waitForSelector(".presenter-panel");
  await page.keyboard.press("h");
  await page.waitForSelector('button[aria-pressed="true"]:has-text("Hold feedback")');
  let decisions = 0;
  for (let guard = 0; guard < 80 && !(await page.locator(".audience-preview .stage .eyebrow").count()); guard++) {
    const before = await page.locator(".audience-preview .stage h2").innerText();
    const text = await page
      .locator('.presenter-choices button:not([disabled]):has-text("Group takes")')
      .first()
      .innerText();
    await page.keyboard.press(text.replace(/\D/g, ""));
    await page.waitForFunction(
      (b) => document.querySelector(".audience-preview .stage h2")?.textContent !== b,
      before,
    );
    decisions += 1;
    assert.equal(await page.locator('.audience-preview .stage h2:has-text("The group chose")').count(), 0, "no feedback step");
  }
  await page.waitForSelector(".audience-preview .stage .decision-list");
  assert.equal(await page.locator(".audience-preview .stage .decision-list > li").count(), decisions);
  assert.equal(await page.locator('.audience-preview .decision-list [class*="rating-"]').count(), decisions);
  await assertAccessible(page, "the trainer's ending in assessment mode");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
