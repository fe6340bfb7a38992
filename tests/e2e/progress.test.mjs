// Progress that is never lost: history, notes, export and import, and every way storage can
// fail, each injected into the real browser, with assertions on what the learner sees and on
// what is still stored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { at, builtSite, openPage, assertAccessible } from "./helpers.mjs";

const KEY = "peerpath/v1/progress/de-escalation";
const env = builtSite();

/** Clicks through until `done()` or an ending, taking the first available choice. */
async function playOn(page, done = async () => false) {
  for (let guard = 0; guard < 80; guard++) {
    if ((await page.locator(".ending").count()) || (await done())) return;
    if (await page.locator(".scene").count()) {
      await page.click(".choice:not([disabled])");
      await page.waitForSelector(".feedback");
    } else if (await page.locator(".feedback").count()) {
      await page.click(".feedback .button-primary");
      await page.waitForSelector(".scene, .ending");
    } else {
      await page.waitForSelector(".scene, .feedback, .ending");
    }
  }
  assert.fail("no ending after 80 steps");
}

const stored = (page, key = KEY) => page.evaluate((k) => localStorage.getItem(k), key);
const storedJson = async (page, key = KEY) => JSON.parse(await stored(page, key));

/** A saved record, as the app writes it, with the given current decisions. */
function record(decisions, extra = {}) {
  return {
    version: 1,
    module: "de-escalation",
    revision: 3,
    current: {
      id: "saved-attempt",
      started_at: 1764460800000,
      updated_at: 1764460900000,
      active_ms: 100000,
      session: { version: 1, min_reader: 1, module: "de-escalation", decisions, reviewing: false },
    },
    attempts: [
      {
        id: "earlier-attempt",
        started_at: 1764374400000,
        finished_at: 1764374580000,
        active_ms: 180000,
        ending: "lost-contact",
        outcome: "difficult",
        decisions: [{ scene: "arrival", choice: "call-out" }],
      },
    ],
    reflections: {},
    ...extra,
  };
}

/** Opens the app with `records` already in localStorage. */
async function openWith(records, path, options) {
  const page = await openPage(env.browser, options);
  await page.goto(env.site.url);
  // Wait until this first app has read storage: one still starting would read (and set
  // aside, or rewrite) the records below before the real start.
  await page.waitForSelector(".card-title");
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, records);
  // The app reads storage once when it starts: a new document is a fresh start with these
  // records (and the first one, unloaded, can no longer write).
  await page.goto("about:blank");
  await page.goto(at(env.site.url, path));
  return page;
}

test("history, notes as they are typed, My progress and a printable summary", async () => {
  const page = await openWith({}, "#/play/de-escalation");
  await page.waitForSelector(".scene");
  await playOn(page);
  await page.waitForSelector(".reflection textarea");
  await page.locator(".reflection textarea").first().fill("I rushed to fix things.");
  await page.reload();
  await page.waitForSelector(".reflection textarea");
  assert.equal(await page.locator(".reflection textarea").first().inputValue(), "I rushed to fix things.");
  const saved = await storedJson(page);
  assert.equal(saved.attempts.length, 1, "the finished attempt is in the history once");
  assert.equal(Object.values(saved.reflections)[0].text, "I rushed to fix things.");
  await assertAccessible(page, "the debrief with reflection notes");

  await page.click('nav a[href="#/progress"]');
  await page.waitForSelector(".history");
  assert.match(await page.locator(".history").first().innerText(), /Completed · best:/);
  assert.equal(await page.locator(".history tbody tr").count(), 1);
  await assertAccessible(page, "My progress");

  await page.click('a[href="#/summary/de-escalation"]');
  await page.fill("#learner-name", "Jordan Avery");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".site-header").isVisible(), false, "print hides the header");
  assert.equal(await page.locator(".learner-name").innerText(), "Jordan Avery");
  await page.emulateMedia({ media: "screen" });
  await assertAccessible(page, "the completion summary");
  assert.equal((await storedJson(page)).attempts.length, 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("blocked storage: the app plays in memory, says so, and exports in one click", async () => {
  const page = await openPage(env.browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await page.goto(`${env.site.url}#/play/de-escalation`);
  await page.waitForSelector(".scene");
  assert.match(await page.locator(".notice").first().innerText(), /not letting PeerPath save anything/);
  await page.click(".choice:not([disabled])");
  await page.waitForSelector(".feedback");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click(".notice button"),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.equal(exported.kind, "PeerPath progress");
  assert.equal(exported.modules[0].current.session.decisions.length, 1, "the step made in memory is exported");
  await page.context().close();
});

test("a full quota: the learner is told, and what was saved before stays", async () => {
  const page = await openWith({}, "#/play/de-escalation");
  await page.waitForSelector(".scene");
  await page.click(".choice:not([disabled])");
  await page.waitForSelector(".feedback");
  const before = await stored(page);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.click(".feedback .button-primary");
  await page.waitForSelector(".scene");
  await page.waitForSelector("text=storage for this site is full");
  assert.equal(await stored(page), before, "the earlier record is intact");
  await page.context().close();
});

test("a damaged record is set aside, everything else loads, and the learner is told", async () => {
  const base = record([]);
  const other = JSON.stringify({
    ...base,
    module: "other-module",
    current: { ...base.current, session: { ...base.current.session, module: "other-module" } },
  });
  const page = await openWith(
    { [KEY]: "{broken", "peerpath/v1/progress/other-module": other },
    "#/play/de-escalation",
  );
  await page.waitForSelector(".scene");
  await page.waitForSelector(".notice-problem");
  assert.match(await page.locator(".notice-problem").first().innerText(), /could not be read.*kept, not deleted/s);
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("peerpath/set-aside/de-escalation/")),
  );
  assert.equal(kept.length, 1);
  assert.equal(await stored(page, kept[0]), "{broken");
  assert.equal(await stored(page, "peerpath/v1/progress/other-module"), other, "other progress untouched");
  await page.goto(at(env.site.url, "#/progress"));
  await page.waitForSelector(".history");
  assert.match(await page.locator(".my-progress").innerText(), /other-module/);
  await page.context().close();
});

test("a saved place in a scene the module no longer has resumes at the last point that exists", async () => {
  const saved = record([
    { scene: "arrival", choice: "stop-at-distance" },
    { scene: "a-scene-that-was-removed", choice: "gone" },
  ]);
  const page = await openWith({ [KEY]: JSON.stringify(saved) }, "#/play/de-escalation");
  await page.waitForSelector(".scene");
  assert.match(await page.locator(".play .notice").first().innerText(), /updated since you last played.*first 1 decision/s);
  assert.equal(await page.locator(".scene h2").innerText(), "Step 2");
  await page.click(".choice:not([disabled])");
  await page.waitForSelector(".feedback");
  const after = await storedJson(page);
  assert.equal(after.attempts[0].id, "earlier-attempt", "history stays");
  assert.equal(after.current.session.decisions.length, 2);
  await page.context().close();
});

test("progress from a newer PeerPath is read-only and never overwritten", async () => {
  const newer = JSON.stringify({ ...record([]), version: 99, future: "field" });
  const page = await openWith({ [KEY]: newer }, "#/play/de-escalation");
  await page.waitForSelector(".scene");
  assert.match(await page.locator(".play").innerText(), /saved by a newer version of PeerPath/);
  await page.click(".choice:not([disabled])");
  await page.waitForSelector(".feedback");
  await page.click(".feedback .button-primary");
  await page.waitForSelector(".scene, .ending");
  assert.equal(await stored(page), newer);
  await page.goto(`${env.site.url}#/module/de-escalation`);
  await page.waitForSelector(".content-note");
  await page.click(".actions .button-primary");
  await page.waitForSelector(".scene");
  assert.equal(await stored(page), newer, "starting over does not touch it either");
  await page.context().close();
});

test("two tabs: a note written in one survives a step taken in the other", async () => {
  const first = await openWith({}, "#/play/de-escalation");
  await first.waitForSelector(".scene");
  const second = await first.context().newPage();
  await second.goto(`${env.site.url}#/play/de-escalation`);
  await second.waitForSelector(".scene");
  // The first tab finishes and writes a note; the second, opened on the same attempt,
  // follows it to the ending rather than letting the learner decide a step twice.
  await playOn(first);
  await first.locator(".reflection textarea").first().fill("Written in the first tab.");
  await second.waitForSelector(".ending");
  await second.click("text=Play again");
  await second.click(".choice:not([disabled])");
  await second.waitForSelector(".feedback");
  await second.waitForFunction(
    (key) => JSON.parse(localStorage.getItem(key))?.current?.session?.decisions?.length === 1,
    KEY,
  );
  const saved = await storedJson(second);
  assert.equal(saved.attempts.length, 1, "the first tab's finished attempt is kept");
  assert.equal(Object.values(saved.reflections)[0]?.text, "Written in the first tab.");
  assert.equal(saved.current.session.decisions.length, 1, "the second tab's step is saved");
  await first.context().close();
});

test("import: a malformed file changes nothing; a good one merges", async () => {
  const saved = JSON.stringify(record([{ scene: "arrival", choice: "stop-at-distance" }]));
  const page = await openWith({ [KEY]: saved }, "#/progress");
  await page.waitForSelector(".history");
  const snapshot = () => page.evaluate(() => JSON.stringify({ ...localStorage }));
  const before = await snapshot();
  const upload = (name, text) =>
    page.setInputFiles('input[type="file"]', { name, mimeType: "application/json", buffer: Buffer.from(text) });

  await upload("notes.json", "this is not json");
  await page.waitForSelector(".notice-problem");
  assert.match(await page.locator(".notice-problem").innerText(), /could not be read as PeerPath progress.*Nothing was changed/s);
  await upload("other.json", JSON.stringify({ kind: "Something else", version: 1, exported_at: 0, modules: [] }));
  await page.waitForSelector("text=not a PeerPath progress export");
  await upload("newer.json", JSON.stringify({ kind: "PeerPath progress", version: 7, exported_at: 0, modules: [] }));
  await page.waitForSelector("text=exported by a newer version of PeerPath");
  assert.equal(await snapshot(), before, "nothing changed");

  const incoming = record([], { revision: 1 });
  incoming.current = null;
  incoming.attempts = [{ ...incoming.attempts[0], id: "from-another-device", finished_at: 1764400000000, outcome: "strong", ending: "steady-ground" }];
  incoming.reflections = { "steady-ground/0": { text: "From my laptop.", updated_at: 1764400000000 } };
  await upload("progress.json", JSON.stringify({ kind: "PeerPath progress", version: 1, exported_at: 1, modules: [incoming] }));
  await page.waitForSelector("text=Imported progress for 1 module");
  const merged = await storedJson(page);
  assert.deepEqual(merged.attempts.map((a) => a.id).sort(), ["earlier-attempt", "from-another-device"]);
  assert.equal(merged.current.id, "saved-attempt", "the place on this device is kept");
  assert.equal(merged.reflections["steady-ground/0"].text, "From my laptop.");
  assert.equal(await page.locator(".history tbody tr").count(), 2);
  await page.context().close();
});

test("reset asks first, then removes one module's progress", async () => {
  const saved = JSON.stringify(record([]));
  const page = await openWith({ [KEY]: saved }, "#/progress");
  await page.waitForSelector(".history");
  await page.click("text=Reset this module");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Cancel", "focus on the safe choice");
  await page.click("text=Cancel");
  assert.equal(await stored(page), saved);
  await page.click("text=Reset this module");
  await page.click("text=Yes, reset it");
  await page.waitForSelector("text=was reset");
  assert.equal(await stored(page), null);
  await page.context().close();
});
