// Trainer mode: a presenter window and an audience window kept in step through a whole
// module with the keyboard, votes and reveal, the one-window mode, resuming after a closed
// window, accessibility of both views, and learners' progress left untouched.
import { test } from "node:test";
import assert from "node:assert/strict";

import { at, builtSite, openPage, assertAccessible } from "./helpers.mjs";

const DOCS = new URL("../../docs/", import.meta.url).pathname;
const env = builtSite();

const LEARNER_KEY = "peerpath/v1/progress/de-escalation";
const LEARNER = JSON.stringify({
  version: 1,
  module: "de-escalation",
  revision: 2,
  current: {
    id: "learner-attempt",
    started_at: 1,
    updated_at: 2,
    active_ms: 1,
    session: { version: 1, min_reader: 1, module: "de-escalation", decisions: [{ scene: "arrival", choice: "stop-at-distance" }], reviewing: false },
  },
  attempts: [],
  reflections: {},
});

/** The number of the first option the group can take, from the presenter's table. */
async function firstAvailable(presenter) {
  const text = await presenter.locator('.presenter-choices button:not([disabled]):has-text("Group takes")').first().innerText();
  return Number(text.replace(/\D/g, ""));
}

const stageHeading = (page) => page.locator(".stage h2").innerText();

test("two windows stay in step through a whole module, driven by the keyboard", async () => {
  const presenter = await openPage(env.browser, { viewport: { width: 1280, height: 720 } });
  await presenter.goto(env.site.url);
  // Wait until this first app has read storage, so it cannot read or rewrite the record below.
  await presenter.waitForSelector(".card-title");
  await presenter.evaluate(([key, value]) => {
    localStorage.clear();
    localStorage.setItem(key, value);
  }, [LEARNER_KEY, LEARNER]);
  await presenter.goto(at(env.site.url, "#/trainer/de-escalation"));
  await presenter.waitForSelector(".presenter-panel");
  const audience = await presenter.context().newPage();
  audience.problems = [];
  audience.on("pageerror", (e) => audience.problems.push(e.message));
  await audience.goto(at(env.site.url, "#/audience/de-escalation"));
  await audience.waitForSelector(".stage");
  assert.equal(await stageHeading(audience), "Step 1");
  assert.equal(await audience.locator(".site-header").count(), 0, "the projector shows no site navigation");
  await assertAccessible(presenter, "the presenter view");
  await assertAccessible(audience, "the audience view");

  let steps = 0;
  for (; steps < 40; steps++) {
    if (await presenter.locator(".presenter-panel h2", { hasText: "Session summary" }).count()) break;
    const option = await firstAvailable(presenter);
    // Hand counts typed in, then the keyboard only.
    await presenter.fill(`.presenter-choices tbody tr:nth-child(${option}) input`, String(10 + steps));
    await presenter.keyboard.press("Escape"); // leave the count field: the keys work again
    await presenter.keyboard.press("PageDown"); // show the tally
    await audience.waitForSelector(".tally");
    assert.match(await audience.locator(`.stage-choices li:nth-child(${option}) .tally-count`).innerText(), new RegExp(`^${10 + steps} votes$`));
    assert.equal(await audience.locator(".stage .badge").count(), 0, "no rating before the reveal");
    await presenter.keyboard.press(String(option));
    await audience.waitForSelector("text=The group chose");
    assert.equal(await audience.locator(".stage .badge").count(), 0, "feedback waits for the trainer");
    await presenter.keyboard.press("ArrowRight"); // reveal
    await audience.waitForSelector(".stage .badge");
    await presenter.keyboard.press("ArrowRight"); // move on
    await presenter.waitForFunction(() => !document.querySelector(".stage blockquote.chosen"));
    await audience.waitForFunction(() => !document.querySelector(".stage blockquote.chosen"));
    assert.equal(await stageHeading(audience), await stageHeading(presenter), "both windows show the same step");
  }
  assert.ok(steps >= 5, `played ${steps} decisions`);
  assert.equal(await presenter.locator(".session-summary > li").count(), steps, "the summary lists every decision");
  assert.match(await presenter.locator(".session-summary").innerText(), /Votes: option \d+: 10 votes/);
  assert.match(await presenter.locator(".session-summary").innerText(), /Recommended: /);
  await assertAccessible(presenter, "the session summary");
  await assertAccessible(audience, "the audience ending");

  // Step back ("what if?") from the ending, and blank the screen.
  await presenter.keyboard.press("ArrowLeft");
  await audience.waitForSelector("text=The group chose");
  await presenter.keyboard.press("b");
  await audience.waitForSelector(".stage-blank");
  await presenter.keyboard.press("b");
  await audience.waitForSelector(".stage");

  assert.equal(await presenter.evaluate((k) => localStorage.getItem(k), LEARNER_KEY), LEARNER, "learner progress untouched");
  assert.deepEqual(presenter.problems, []);
  assert.deepEqual(audience.problems, []);
  await presenter.context().close();
});

test("one window: the notes fold away before the room looks; a closed window resumes", async () => {
  const page = await openPage(env.browser, { viewport: { width: 1280, height: 720 } });
  await page.goto(at(env.site.url, "#/trainer/de-escalation"));
  await page.waitForSelector(".presenter-panel");
  await page.locator("h1").focus();
  await page.keyboard.press(String(await firstAvailable(page)));
  await page.waitForSelector("text=The group's choice");
  await page.keyboard.press("n");
  await page.waitForFunction(() => !document.querySelector(".presenter-panel"));
  assert.equal(await page.locator(".stage").count(), 1, "the room's view stays");
  assert.match(await page.locator(".stage").innerText(), /The group chose/);
  await page.screenshot({ path: `${DOCS}trainer-one-window-1280x720.png` });
  await page.keyboard.press("n");
  await page.waitForSelector(".presenter-panel");

  // Closing and reopening the presenter view resumes the session where it was.
  const context = page.context();
  await page.close();
  const again = await context.newPage();
  await again.goto(at(env.site.url, "#/trainer/de-escalation"));
  await again.waitForSelector(".presenter-panel");
  assert.match(await again.locator(".presenter-panel").innerText(), /The group's choice/);
  await context.close();
});

test("screenshots of the audience view at 1280×720 for the documentation", async () => {
  const presenter = await openPage(env.browser, { viewport: { width: 1280, height: 720 } });
  await presenter.goto(at(env.site.url, "#/trainer/de-escalation"));
  await presenter.waitForSelector(".presenter-panel");
  await presenter.click("text=End and start a new session");
  const audience = await presenter.context().newPage();
  await audience.setViewportSize({ width: 1280, height: 720 });
  await audience.goto(at(env.site.url, "#/audience/de-escalation"));
  await audience.waitForSelector(".stage");
  const option = await firstAvailable(presenter);
  await presenter.fill(`.presenter-choices tbody tr:nth-child(${option}) input`, "14");
  await presenter.fill(".presenter-choices tbody tr:nth-child(2) input", "5");
  await presenter.locator("h1").focus();
  await presenter.keyboard.press("v");
  await audience.waitForSelector(".tally");
  await audience.screenshot({ path: `${DOCS}audience-votes-1280x720.png` });
  await presenter.keyboard.press(String(option));
  await presenter.keyboard.press("r");
  await audience.waitForSelector(".stage .badge");
  await audience.screenshot({ path: `${DOCS}audience-feedback-1280x720.png` });
  await presenter.screenshot({ path: `${DOCS}presenter-1280x720.png` });
  await presenter.context().close();
});
