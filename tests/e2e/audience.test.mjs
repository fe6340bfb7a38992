// The audience view read from the back of a room, on a 1280×720 and a 1920×1080 projector:
// every text at least 24 CSS px, nothing cut off, nothing to scroll (a room cannot), and a
// screen longer than the projector's read in parts with the buttons or Page Down/Page Up, in
// the audience window or from the presenter's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { at, builtSite, openPage, assertAccessible } from "./helpers.mjs";

const DOCS = new URL("../../docs/", import.meta.url).pathname;
const MODULES = [...readFileSync(new URL("../../modules/catalog.toml", import.meta.url), "utf8").matchAll(/"([a-z0-9-]+)\.toml"/g)].map(
  (m) => m[1],
);
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const SMALLEST = 24;
const env = builtSite();

/** A presenter window for `module` and its audience window, both at `size`. */
async function openRoom(module, size) {
  const presenter = await openPage(env.browser, { viewport: size });
  await presenter.goto(at(env.site.url, `#/trainer/${module}`));
  await presenter.waitForSelector(".presenter-panel");
  const audience = await presenter.context().newPage();
  audience.problems = [];
  audience.on("pageerror", (e) => audience.problems.push(e.message));
  await audience.goto(at(env.site.url, `#/audience/${module}`));
  await audience.waitForSelector(".stage");
  await presenter.locator("h1").focus();
  return { presenter, audience };
}

/** The smallest computed font size of any text the page renders, and whose it is. */
function smallestText(page) {
  return page.evaluate(() => {
    let smallest = { size: Infinity, text: "" };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      const element = node.parentElement;
      if (!node.textContent.trim() || !element.checkVisibility()) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < smallest.size) smallest = { size, text: node.textContent.trim().slice(0, 60) };
    }
    return smallest;
  });
}

/** Asserts the page neither scrolls nor overflows sideways. */
async function assertNoScrolling(page, label) {
  const box = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    viewWidth: innerWidth,
    viewHeight: innerHeight,
  }));
  assert.ok(box.width <= box.viewWidth, `${label}: ${box.width} px wide in a ${box.viewWidth} px window`);
  assert.ok(box.height <= box.viewHeight, `${label}: ${box.height} px tall in a ${box.viewHeight} px window`);
}

/** Whether each line of text on the stage is wholly in view now (in document order): inside
 *  the window onto the stage's columns, and inside the browser's. */
function linesInView(page) {
  return page.evaluate(() => {
    const stage = document.querySelector(".stage-window") ?? document.documentElement;
    const window_ = stage.getBoundingClientRect();
    // The window lets a glyph overhang its edge by its clip margin (0.4em), no more.
    const slack = 0.4 * parseFloat(getComputedStyle(stage).fontSize);
    const lines = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(document.querySelector(".stage-flow") ?? document.querySelector(".audience"), NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      if (!node.textContent.trim()) continue;
      range.selectNodeContents(node);
      for (const line of range.getClientRects()) {
        lines.push(
          line.left >= window_.left - slack &&
            line.right <= Math.min(window_.right + slack, innerWidth) &&
            line.top >= window_.top - 1 &&
            line.bottom <= Math.min(window_.bottom + 1, innerHeight),
        );
      }
    }
    return lines;
  });
}

/** The part on view and how many there are, from the pager ("Part 1 of 2"); one when none. */
async function partOf(page) {
  if (!(await page.locator(".stage-part").count())) return [1, 1];
  const [, part, parts] = (await page.locator(".stage-part").innerText()).match(/(\d+) of (\d+)/);
  return [Number(part), Number(parts)];
}

/** Steps through every part (with Page Down, or the "Next part" button), checking each as it
 *  goes; asserts every line of the stage was once wholly in view. Returns how many parts. */
async function readThrough(page, label, { keys = false } = {}) {
  const seen = [];
  let [part, parts] = await partOf(page);
  assert.equal(part, 1, `${label}: a screen opens at its first part`);
  for (;;) {
    const smallest = await smallestText(page);
    assert.ok(smallest.size >= SMALLEST, `${label}, part ${part}: "${smallest.text}" is ${smallest.size} px`);
    await assertNoScrolling(page, `${label}, part ${part}`);
    (await linesInView(page)).forEach((inView, line) => (seen[line] ||= inView));
    if (part === parts) break;
    if (keys) await page.keyboard.press("PageDown");
    else await page.click("text=Next part");
    await page.waitForFunction((n) => document.querySelector(".stage-part")?.textContent.startsWith(`Part ${n} `), part + 1);
    part += 1;
  }
  const missed = seen.filter((inView) => !inView).length;
  assert.equal(missed, 0, `${label}: ${missed} of ${seen.length} lines never shown whole in ${parts} parts`);
  return parts;
}

test("every module's first scene, with the vote tally, reads at a distance at 1280×720 and 1920×1080", async () => {
  const longest = {};
  for (const size of SIZES) {
    for (const module of MODULES) {
      const { presenter, audience } = await openRoom(module, size);
      await presenter.keyboard.press("v");
      await audience.waitForSelector(".tally");
      const label = `${module} at ${size.width}×${size.height}`;
      const parts = await readThrough(audience, label);
      if (module === "shared-crisis") longest[size.width] = parts;
      assert.deepEqual(audience.problems, [], label);
      await presenter.context().close();
    }
  }
  // shared-crisis opens with the longest scene of the shipped modules (1,029 characters and a
  // list): too long for one screen at 24 px, so it must have been read in parts.
  assert.ok(longest[1280] > 1 && longest[1920] > 1, `the longest scene took ${JSON.stringify(longest)} parts`);
});

test("the longest scene: parts by button and by key, then its feedback; the presenter's view untouched; axe-core", async () => {
  const size = SIZES[0];
  const { presenter, audience } = await openRoom("shared-crisis", size);
  await presenter.keyboard.press("v");
  await audience.waitForSelector(".tally");
  assert.deepEqual(await partOf(audience), [1, 2]);
  assert.ok(await audience.locator("button:has-text('Previous part')").isDisabled(), "nothing before the first part");
  await assertAccessible(audience, "the audience view, first part of the longest scene");
  await audience.screenshot({ path: `${DOCS}audience-1280x720.png` });

  // The keyboard reaches the buttons and shows where it is; Page Down and Page Up step.
  await audience.keyboard.press("Tab");
  await audience.keyboard.press("Tab");
  const focused = await audience.evaluate(() => ({
    text: document.activeElement.textContent,
    outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  assert.equal(focused.text, "Next part");
  assert.notEqual(focused.outline, "none", "the focused button shows its focus");
  await audience.keyboard.press("Enter");
  await audience.waitForSelector("text=Part 2 of 2");
  assert.equal(
    await audience.evaluate(() => document.activeElement.textContent),
    "Previous part",
    "the focus moves off the button that has nothing left to show",
  );
  assert.ok(await audience.locator(".stage-options").isVisible());
  await assertAccessible(audience, "the audience view, second part of the longest scene");
  await audience.keyboard.press("PageUp");
  await audience.waitForSelector("text=Part 1 of 2");
  await audience.keyboard.press("PageDown");
  await audience.waitForSelector("text=Part 2 of 2");

  // The trainer moving on starts the next screen at its first part: the group's choice and,
  // once revealed, its feedback.
  await presenter.keyboard.press("3");
  await audience.waitForSelector("text=The group chose");
  await presenter.keyboard.press("r");
  await audience.waitForSelector(".stage .badge");
  await readThrough(audience, "the feedback at 1280×720");
  // The presenter's copy of the stage keeps its own layout: no parts there.
  assert.equal(await presenter.locator(".stage-pager, .stage-flow").count(), 0);
  assert.deepEqual(audience.problems, []);
  await presenter.context().close();

  const wide = await openRoom("shared-crisis", SIZES[1]);
  await wide.presenter.keyboard.press("v");
  await wide.audience.waitForSelector(".tally");
  await wide.audience.screenshot({ path: `${DOCS}audience-1920x1080.png` });
  await wide.presenter.context().close();
});

test("an assessment ending with every decision's feedback, the longest screen, is read in parts", async () => {
  for (const size of SIZES) {
    const { presenter, audience } = await openRoom("trauma-informed-supervision", size);
    await presenter.keyboard.press("h"); // hold feedback to the end
    // The group takes the first option it can at every step, to the ending.
    for (let guard = 0; guard < 40; guard++) {
      if (await presenter.locator(".presenter-panel h2", { hasText: "Session summary" }).count()) break;
      const before = await presenter.locator(".stage h2").innerText();
      const take = presenter.locator('.presenter-choices button:not([disabled]):has-text("Group takes")');
      await presenter.keyboard.press((await take.count()) ? (await take.first().innerText()).replace(/\D/g, "") : "ArrowRight");
      await presenter.waitForFunction((text) => document.querySelector(".stage h2")?.innerText !== text, before);
    }
    await audience.waitForSelector(".decision-list");
    await presenter.keyboard.press("r");
    // Each decision's feedback follows its label.
    await audience.waitForFunction(
      () => document.querySelectorAll(".decision-list p").length > document.querySelectorAll(".decision-list > li").length,
    );
    const label = `the ending at ${size.width}×${size.height}`;
    const parts = await readThrough(audience, label, { keys: true });
    assert.ok(parts > 2, `${label}: ${parts} parts`);
    if (size.width === 1280) await assertAccessible(audience, "the audience view's last part of an assessment ending");
    assert.deepEqual(audience.problems, []);
    await presenter.context().close();
  }
});

/** The presenter's line about the room's parts ("The room sees part 1 of 2"), or "" when the
 *  presenter shows none. */
function roomLine(presenter) {
  return presenter.evaluate(() => document.querySelector(".room-parts p")?.textContent ?? "");
}

/** Waits until the audience window shows part `part` (of any number). */
function audienceAt(audience, part) {
  return audience.waitForFunction((n) => document.querySelector(".stage-part")?.textContent.startsWith(`Part ${n} `), part);
}

/** Waits until the presenter says the room sees part `part` of `parts`. */
function presenterSays(presenter, part, parts) {
  return presenter.waitForFunction(
    (text) => document.querySelector(".room-parts p")?.textContent === text,
    `The room sees part ${part} of ${parts}`,
  );
}

test("the presenter's keys show the room's next and previous parts first, then move on; axe-core", async () => {
  const { presenter, audience } = await openRoom("shared-crisis", SIZES[0]);
  // The longest scene takes more than one screen even before the votes are shown.
  const [, parts] = await partOf(audience);
  assert.ok(parts > 1, `the first scene of shared-crisis takes ${parts} parts`);
  await presenterSays(presenter, 1, parts);
  await assertAccessible(presenter, "the presenter view with the room's parts");

  // Page Down in the presenter window shows the room's next part, not yet the votes.
  await presenter.keyboard.press("PageDown");
  await audienceAt(audience, 2);
  await presenterSays(presenter, 2, parts);
  assert.equal(await audience.locator(".tally").count(), 0, "the votes wait for the last part");
  // Page Up goes back a part, not a step.
  await presenter.keyboard.press("PageUp");
  await audienceAt(audience, 1);
  await presenterSays(presenter, 1, parts);
  assert.equal(await presenter.locator(".stage h2").innerText(), "Step 1");

  // The audience window's own keys and the presenter's buttons move the same parts.
  await audience.keyboard.press("PageDown");
  await audienceAt(audience, 2);
  await presenterSays(presenter, 2, parts);
  await presenter.click(".room-parts >> text=Previous part");
  await audienceAt(audience, 1);
  await presenterSays(presenter, 1, parts);

  // A presenter window opened later (here reloaded) hears where the room is.
  await audience.keyboard.press("PageDown");
  await audienceAt(audience, 2);
  await presenter.reload();
  await presenter.waitForSelector(".presenter-panel");
  await presenterSays(presenter, 2, parts);
  await presenter.locator("h1").focus();

  // Past the last part, "next" does what it did: the votes, on the same part.
  for (let part = 2; part < parts; part++) {
    await presenter.keyboard.press("PageDown");
    await audienceAt(audience, part + 1);
  }
  await presenter.keyboard.press("PageDown");
  await audience.waitForSelector(".tally");
  await presenter.waitForSelector(".stage .tally");

  // A new screen starts at its first part, and "back" from the first part steps back.
  await presenter.keyboard.press("3");
  await audience.waitForSelector("text=The group chose");
  const [part, chosenParts] = await partOf(audience);
  assert.equal(part, 1, "the group's choice opens at its first part");
  if (chosenParts > 1) await presenterSays(presenter, 1, chosenParts);
  else await presenter.waitForFunction(() => !document.querySelector(".room-parts"));
  await presenter.keyboard.press("ArrowLeft");
  await audience.waitForFunction(() => !document.body.textContent.includes("The group chose"));
  assert.deepEqual(await partOf(audience), [1, parts], "back on the scene, at its first part");
  await presenterSays(presenter, 1, parts);
  await assertAccessible(audience, "the audience view, driven from the presenter");

  // Messages that are not whole, not ours or out of range change nothing, in either window.
  await presenter.evaluate(() => {
    const channel = new BroadcastChannel("peerpath-trainer/shared-crisis");
    for (const message of [
      "not json",
      "{}",
      "[1, 2]",
      { kind: "hello" }, // not a string
      JSON.stringify({ kind: "parts", screen: "1-false", shown: 3, count: 2 }),
      JSON.stringify({ kind: "parts", screen: "1-false", shown: 1.5, count: 2 }),
      JSON.stringify({ kind: "parts", screen: "1-false", shown: 0, count: 0 }),
      JSON.stringify({ kind: "show-part", screen: "1-false", part: -1 }),
      JSON.stringify({ kind: "show-part", screen: "1-false", part: 0 }),
      JSON.stringify({ kind: "show-part", screen: "1-false", part: 99 }),
      JSON.stringify({ kind: "show-part", screen: 7, part: 2 }),
      JSON.stringify({ kind: "next-part" }),
    ])
      channel.postMessage(message);
    channel.close();
  });
  await presenter.keyboard.press("PageDown");
  await audienceAt(audience, 2);
  await presenterSays(presenter, 2, parts);
  assert.deepEqual(audience.problems, []);
  assert.deepEqual(presenter.problems, []);
  await presenter.context().close();
});

test("with the audience window closed, the presenter's keys do what they do in one window", async () => {
  const { presenter, audience } = await openRoom("shared-crisis", SIZES[0]);
  const [, parts] = await partOf(audience);
  await presenterSays(presenter, 1, parts);
  await audience.close();
  await presenter.waitForFunction(() => !document.querySelector(".room-parts"));
  await presenter.keyboard.press("PageDown");
  await presenter.waitForSelector(".stage .tally");
  assert.equal(await roomLine(presenter), "");
  assert.deepEqual(presenter.problems, []);
  await presenter.context().close();
});

test("the waiting screen reads at a distance too", async () => {
  const page = await openPage(env.browser, { viewport: SIZES[0] });
  await page.goto(at(env.site.url, "#/audience/de-escalation"));
  await page.waitForSelector(".stage-wait");
  const smallest = await smallestText(page);
  assert.ok(smallest.size >= SMALLEST, `"${smallest.text}" is ${smallest.size} px`);
  await assertNoScrolling(page, "the waiting screen");
  await assertAccessible(page, "the waiting screen");
  await page.context().close();
});
