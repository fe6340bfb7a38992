// The scenario map in its three places: the author preview (a file with errors and one
// without), the trainer's presenter screen (never the audience's), and the learner's path,
// reached from the debrief and My progress (never before an ending, in assessment mode too);
// keyboard moves along the edges, the outline alternative, axe-core, and screenshots of each
// at phone, laptop and projector sizes.
import { test } from "node:test";
import assert from "node:assert/strict";

import { at, builtSite, openPage, assertAccessible, playOn, tabTo } from "./helpers.mjs";

const DOCS = new URL("../../docs/", import.meta.url).pathname;
const env = builtSite();

const HEAD = `format = 1
id = "map-check"
title = "Map check"
topic = "Test"
audience = ["peer-worker"]
minutes = 2
content_note = "Nothing difficult."
objectives = ["Check the map."]
start = "door"
`;

const choice = (id, label, goto, rating, feedback = true) => `
  [[scenes.choices]]
  id = "${id}"
  label = "${label}"
  goto = "${goto}"
  rating = "${rating}"
${feedback ? `  feedback = "Why it matters."\n` : ""}`;

// Door leads to Hall, Porch and Gone; Porch back to Hall; Hall to Calm or Gone. The choice
// from the porch has no feedback (a warning, W202), so Porch carries one problem.
const GOOD = `${HEAD}
[[scenes]]
id = "door"
text = "Someone waits at the door."
${choice("greet", "Greet them.", "hall", "recommended")}${choice("wait", "Wait outside.", "porch", "acceptable")}${choice("leave", "Leave.", "gone", "harmful")}
[[scenes]]
id = "hall"
text = "You sit in the hall together."
${choice("sit", "Sit and listen.", "calm", "recommended")}${choice("rush", "Hurry them.", "gone", "risky")}
[[scenes]]
id = "porch"
text = "The porch is cold."
${choice("call", "Call them out.", "hall", "acceptable", false)}${choice("go", "Go home.", "gone", "harmful")}
[[endings]]
id = "calm"
title = "Calm together"
outcome = "strong"
text = "It went well."

[[endings]]
id = "gone"
title = "Gone"
outcome = "difficult"
text = "They left."
`;

// The same with an attic nobody reaches, whose only way leads nowhere: errors E109, E102.
const BROKEN = `${GOOD}
[[scenes]]
id = "attic"
text = "Dusty."
${choice("climb", "Climb out.", "nowhere", "acceptable")}`;

/** The name a map node's accessible name starts with. */
const nameOf = (label) => label.split(";")[0].trim();
/** The names a node's accessible name says it leads to. */
const leadsTo = (label) => (label.match(/leads to ([^;]+)/)?.[1] ?? "").split(",").map((n) => n.trim()).filter(Boolean);
const focusedLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");

/** Opens the preview at `size` and the module file `text` in it, waiting for its map. */
async function openInPreview(viewport, text) {
  const page = await openPage(env.browser, { viewport });
  await page.goto(at(env.site.url, "#/preview"));
  await page.waitForSelector("#module-file");
  await page.setInputFiles("#module-file", { name: "map-check.toml", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.waitForSelector(".preview-map .map-node");
  return page;
}

/** Starts a fresh group session of de-escalation in trainer mode and takes two decisions. */
async function twoDecisionsIn(page) {
  await page.goto(at(env.site.url, "#/trainer/de-escalation"));
  await page.waitForSelector(".presenter-panel");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector(".session-map .map-node.current");
  for (let step = 2; step <= 3; step++) {
    await page.locator('.presenter-choices button:not([disabled]):has-text("Group takes")').first().click();
    await page.click('button:has-text("Continue (→)")');
    await page.waitForFunction((n) => document.querySelector(".stage h2")?.textContent === `Step ${n}`, step);
  }
}

test("the author preview maps a file with errors, marking the unreachable scene and each problem", async () => {
  const page = await openInPreview({ width: 1280, height: 800 }, BROKEN);
  assert.equal(await page.locator(".preview-map .map-node").count(), 6, "four scenes and two endings");
  const attic = page.locator(".preview-map .map-node.unreachable");
  assert.equal(await attic.count(), 1, "only the attic is unreachable");
  assert.match(await attic.getAttribute("aria-label"), /^Attic;.*Unreachable.*Dead end.*2 problems/);
  assert.match(await page.locator(".preview-map .map-label.unreachable").evaluate((n) => n.textContent), /Unreachable/, "said in words, not only by colour");
  await attic.click();
  await page.waitForSelector(".preview-map .map-details");
  const details = await page.locator(".preview-map .map-details").innerText();
  assert.match(details, /Attic/);
  assert.match(details, /E109/);
  assert.match(details, /E102/);
  await assertAccessible(page, "the preview's map of a file with errors");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the preview's map moves along edges with the keyboard, selects, and has an outline", async () => {
  const page = await openInPreview({ width: 1280, height: 800 }, GOOD);
  assert.equal(await page.locator(".preview-map .map-node.has-problems").count(), 1);
  assert.match(await page.locator(".preview-map .map-node.has-problems").getAttribute("aria-label"), /^Porch;.*1 problem/);
  // Every node has a name, and only one is in the tab order.
  const labels = await page.locator(".preview-map .map-node").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("aria-label")));
  assert.ok(labels.every((l) => l && l.length > 5), "every node has an accessible name");
  assert.equal(await page.locator('.preview-map .map-node[tabindex="0"]').count(), 1);

  await tabTo(page, ".preview-map .map-node");
  const start = await focusedLabel(page);
  assert.equal(nameOf(start), "Door", "the start first");
  const onward = leadsTo(start);
  assert.deepEqual([...onward].sort(), ["Gone", "Hall", "Porch"]);
  await page.keyboard.press("ArrowDown");
  const first = nameOf(await focusedLabel(page));
  assert.ok(onward.includes(first), `down leads to one of the door's ways (${first})`);
  await page.keyboard.press("ArrowRight");
  const second = nameOf(await focusedLabel(page));
  assert.ok(onward.includes(second) && second !== first, `right moves to another way (${second})`);
  await page.keyboard.press("ArrowLeft");
  assert.equal(nameOf(await focusedLabel(page)), first, "left moves back");
  await page.keyboard.press("ArrowUp");
  assert.equal(nameOf(await focusedLabel(page)), "Door", "up goes back the way it came");
  // Down to the hall, then down again to an ending.
  for (let i = 0; i < 3 && nameOf(await focusedLabel(page)) !== "Hall"; i++) {
    await page.keyboard.press(i === 0 ? "ArrowDown" : "ArrowRight");
  }
  assert.equal(nameOf(await focusedLabel(page)), "Hall");
  await page.keyboard.press("ArrowDown");
  assert.ok(["Calm together", "Gone"].includes(nameOf(await focusedLabel(page))), "down from the hall reaches an ending");
  await page.keyboard.press("Home");
  assert.equal(nameOf(await focusedLabel(page)), "Door", "Home returns to the start");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".preview-map .map-details");
  const details = await page.locator(".preview-map .map-details").innerText();
  assert.match(details, /Someone waits at the door\./, "the scene's text");
  assert.match(details, /Greet them\.[\s\S]*leads to Hall/, "each choice and where it leads");
  assert.equal(await page.locator('.preview-map .map-node[aria-pressed="true"]').count(), 1);
  await assertAccessible(page, "the preview's map");

  // The outline: the same scenes, choices and where they lead, as nested lists.
  await page.click('.preview-map button:has-text("Show as a list")');
  await page.waitForSelector(".preview-map .map-outline");
  assert.equal(await page.locator(".preview-map .map-outline > li").count(), 5);
  const outline = await page.locator(".preview-map .map-outline").innerText();
  assert.match(outline, /“Wait outside\.” leads to Porch/);
  assert.match(outline, /“Call them out\.” leads to Hall/);
  await page.locator(".preview-map .map-outline-node", { hasText: /^Porch;/ }).click();
  await page.waitForFunction(() => document.querySelector(".preview-map .map-details h4")?.textContent === "Porch");
  assert.match(await page.locator(".preview-map .map-details").innerText(), /W202/, "the porch's problem");
  await assertAccessible(page, "the preview's outline");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the debrief leads to the map of the learner's path beside the recommended one, and nothing shows it sooner", async () => {
  const page = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(`${env.site.url}#/module/de-escalation`);
  await page.waitForSelector(".play-mode");
  await page.check('input[name="play-mode"] >> nth=1'); // assessment mode
  await page.click("text=Start the module");
  let decisions = 0;
  for (let guard = 0; guard < 80; guard++) {
    await page.waitForSelector(".scene, .ending");
    if (await page.locator(".ending").count()) break;
    assert.equal(await page.locator(".scenario-map, .debrief-map").count(), 0, "no map before the debrief");
    const step = await page.locator(".scene h2").innerText();
    await page.click(".choice:not([disabled]) >> nth=-1");
    await page.waitForFunction((b) => document.querySelector(".ending") || document.querySelector(".scene h2")?.textContent !== b, step);
    decisions += 1;
  }
  // The learner's page carries no map: the debrief links to it.
  await page.click('.debrief-map a:has-text("See your path on the map")');
  await page.waitForSelector("#path-map .map-node");
  assert.match(page.url(), /tools\.html#\/path\/de-escalation$/);
  assert.match(await page.locator("h1").innerText(), /^Your path through /);
  const numbered = await page.locator("#path-map .map-label.on-trail .map-badge-text").evaluateAll((texts) => texts.map((t) => t.textContent));
  const steps = numbered.flatMap((t) => t.split(",")).map(Number).sort((a, b) => a - b);
  assert.deepEqual(steps, Array.from({ length: decisions }, (_, i) => i + 1), "every decision numbered on the path");
  assert.ok(await page.locator("#path-map .map-node.recommended").count() > 2, "the recommended path is marked");
  const endings = await page.locator("#path-map .map-node.ending").count();
  assert.equal(await page.locator("#path-map .map-node.ending.faded").count(), endings - 1, "the other endings faded");
  assert.match(await page.locator("#path-map .map-node.ending.faded").first().getAttribute("aria-label"), /not reached/);
  assert.ok(await page.locator("#path-map .map-edge.on-trail").count() >= decisions, "the path's lines");
  // The learner selects where they took a turn: their choice and the recommended one.
  await page.locator("#path-map .map-node.on-trail.decision").first().click();
  const details = await page.locator(".map-details").innerText();
  assert.match(details, /chosen at step 1/);
  assert.match(details, /on the recommended path/);
  await assertAccessible(page, "the map of the learner's path");
  await page.click('#path-map button:has-text("Show as a list")');
  assert.ok(await page.locator("#path-map .map-outline > li.on-trail").count() > decisions / 2);
  await assertAccessible(page, "the outline of the learner's path");

  // My progress links each finished play-through to its map.
  await page.goto(at(env.site.url, "#/progress"));
  await page.click('.history a:has-text("See this path on the map")');
  await page.waitForSelector("#path-map .map-node.on-trail");
  assert.match(page.url(), /#\/path\/de-escalation\?attempt=/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the map of a module never finished says so", async () => {
  const page = await openPage(env.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(at(env.site.url, "#/path/role-boundaries"));
  await page.waitForSelector("h1");
  assert.match(await page.locator("article").innerText(), /You have not played .* to an ending yet/);
  assert.equal(await page.locator(".scenario-map").count(), 0);
  await assertAccessible(page, "the map page before any ending");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the presenter's map shows where the group is and jumps back; the room never sees it", async () => {
  const page = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
  await twoDecisionsIn(page);
  assert.equal(await page.locator(".session-map .map-node.current").count(), 1);
  assert.match(await page.locator(".session-map .map-node.current").getAttribute("aria-label"), /the group is here/);
  assert.ok(await page.locator(".session-map .map-node.on-trail").count() >= 3);
  // The map's arrow keys move on the map, not the group.
  await page.locator(".session-map .map-node.current").focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.locator(".stage h2").innerText(), "Step 3", "the group stayed where it was");
  // Jump back from the map.
  const first = await page.locator(".session-map .map-label.on-trail", { has: page.locator(".map-badge-text", { hasText: /^1$/ }) }).getAttribute("data-node");
  await page.click(`#session-map-node-${first}`);
  await page.click('.session-map button:has-text("Take the group back to step 1")');
  await page.waitForFunction(() => document.querySelector(".stage h2")?.textContent === "Step 1");
  await assertAccessible(page, "the presenter view with its map");

  const audience = await page.context().newPage();
  await audience.goto(at(env.site.url, "#/audience/de-escalation"));
  await audience.waitForSelector(".stage");
  assert.equal(await audience.locator(".scenario-map").count(), 0, "the audience never sees the map");
  await page.bringToFront();
  await page.locator("h1").click();
  await page.keyboard.press("n"); // fold the notes before the room looks
  await page.waitForFunction(() => !document.querySelector(".session-map"));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("screenshots of the map in each place at phone, laptop and projector sizes", async () => {
  const sizes = [
    ["phone", 390, 844],
    ["laptop", 1280, 800],
    ["projector", 1920, 1080],
  ];
  for (const [size, width, height] of sizes) {
    const page = await openInPreview({ width, height }, BROKEN);
    await page.locator(".preview-map .map-node.unreachable").click();
    await page.locator(".preview-map").scrollIntoViewIfNeeded();
    await page.locator(".preview-map h3").evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: `${DOCS}map-preview-${size}.png` });

    await twoDecisionsIn(page);
    await page.locator(".session-map h2").evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: `${DOCS}map-presenter-${size}.png` });

    await page.goto(`${env.site.url}#/play/de-escalation`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector(".scene");
    await playOn(page, { pick: (made, count) => (made % 2) % count });
    await page.click('.debrief-map a:has-text("See your path on the map")');
    await page.waitForSelector("#path-map .map-node");
    await page.locator("#path-map .map-label.on-trail.decision").nth(2).evaluate((n) => n.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: `${DOCS}map-learner-${size}.png` });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
