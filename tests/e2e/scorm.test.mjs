// SCORM 1.2 and SCORM 2004 packages in a real SCORM runtime: scorm-again (npm) plays the LMS
// in the parent page, as an LMS's player does, and each package's launch page runs in a frame.
// Every shipped module is packaged by `peerpath package`, played to an ending with a pause and
// a relaunch in between, and everything the LMS holds is checked: statuses, score,
// interactions, suspend data (and SCORM 1.2's 4,096-character limit, which scorm-again does not
// enforce), bookmark, session time, and resume. The values the package sends are recorded as
// sent, because scorm-again quietly rewrites some (2004's `incorrect` in 1.2).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { openPage, assertAccessible, playOn as playOnWith } from "./helpers.mjs";

/** This file's path through a module: alternating the first and the last choice. */
const playOn = (frame, decisions = Infinity) => playOnWith(frame, { decisions, pick: (made, count) => (made % 2 === 0 ? 0 : count - 1) });

const ROOT = new URL("../../", import.meta.url).pathname;
const FORMATS = ["scorm12", "scorm2004"];
let folder;
let lms;
let browser;
let modules;

// The LMS side. It keeps what the package sets, and on a relaunch starts from what an LMS
// would have kept (`window.__kept`), with entry = resume after a suspend.
const HARNESS = `
const params = new URLSearchParams(location.search);
const v12 = params.get("version") === "scorm12";
const api = v12
  ? new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 })
  : new Scorm2004API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
if (window.__kept) api.loadFromJSON(window.__kept);
window.sent = [];
window.calls = [];
api.on(v12 ? "LMSSetValue.cmi.*" : "SetValue.cmi.*", (element, value) => window.sent.push([element, value]));
for (const name of v12 ? ["LMSInitialize", "LMSCommit", "LMSFinish"] : ["Initialize", "Commit", "Terminate"]) {
  api.on(name, () => window.calls.push(name));
}
window.held = () => JSON.parse(JSON.stringify(api.cmi.toJSON()));
if (v12) window.API = api; else window.API_1484_11 = api;
const frame = document.createElement("iframe");
frame.id = "sco";
frame.title = "Course";
frame.style.cssText = "width: 100%; height: 90vh; border: 0";
frame.src = params.get("sco");
document.body.append(frame);
`;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), "peerpath-scorm-"));
  for (const format of FORMATS) {
    const out = join(folder, "zips", format);
    execFileSync("cargo", ["run", "-q", "-p", "peerpath-cli", "--", "package", "--dist", join(ROOT, "dist"), "--format", format, "--out", out], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    for (const zip of readdirSync(out)) {
      const id = zip.replace(`-${format}.zip`, "");
      execFileSync("python3", ["-m", "zipfile", "-e", join(out, zip), join(folder, "lms", format, id)]);
    }
  }
  modules = readdirSync(join(folder, "lms", "scorm12")).sort();
  // The classic-script build, which sets window.Scorm12API and window.Scorm2004API.
  copyFileSync(join(ROOT, "node_modules/scorm-again/dist/scorm-again.js"), join(folder, "lms", "scorm-again.js"));
  writeFileSync(join(folder, "lms", "harness.js"), HARNESS);
  writeFileSync(
    join(folder, "lms", "lms.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A learning platform</title>
<script src="scorm-again.js"></script><script defer src="harness.js"></script></head><body><main><h1>Course</h1></main></body></html>`,
  );
  lms = await serve(join(folder, "lms"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await lms?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Opens the LMS with the package of `id` in its frame, starting from `kept` (a relaunch). */
async function openLms(format, id, kept) {
  const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  if (kept) await page.addInitScript((kept) => (window.__kept = kept), kept);
  await page.goto(`${lms.url}lms.html?version=${format}&sco=${format}/${id}/scorm.html`);
  const sco = await (await page.waitForSelector("#sco")).contentFrame();
  await sco.waitForSelector(".content-note, .notice-problem");
  return { page, sco };
}


/** What an LMS keeps for the next launch: everything it holds, entry = resume after suspend. */
function forRelaunch(format, held) {
  const kept = structuredClone(held);
  if (format === "scorm12") {
    kept.core.entry = held.core.exit === "suspend" ? "resume" : "";
    kept.core.exit = "";
  } else {
    kept.entry = held.exit === "suspend" ? "resume" : "";
    kept.exit = "";
  }
  return kept;
}

/** Ends the session as closing the LMS's player does: the frame goes away. */
async function closeFrame(page) {
  await page.evaluate(() => document.getElementById("sco").remove());
  await page.waitForFunction(() => window.calls.some((c) => c === "LMSFinish" || c === "Terminate"));
}

const TIMESPAN_12 = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?Z$/;

for (const format of FORMATS) {
  const v12 = format === "scorm12";
  const prefix = v12 ? "cmi.core." : "cmi.";

  // Ensures each shipped module's package reports a whole play-through, across a pause and
  // a relaunch, exactly as the standard asks.
  test(`${format}: every shipped module plays to an ending across a pause and relaunch, and the LMS holds it all`, async () => {
    assert.equal(modules.length, 7, "seven shipped modules packaged");
    for (const id of modules) {
      // First session: start, decide three times, pause.
      const first = await openLms(format, id);
      await assertAccessible(first.sco, `${format} ${id} launch page`);
      assert.match(await first.sco.locator(".launch-status").innerText(), /reported to your organization's learning platform/);
      await first.sco.click(".actions .button-primary");
      assert.equal(await playOn(first.sco, 3), 3);
      const pausedAt = await first.sco.locator(".scene h2").innerText();
      await first.sco.click(".pause");
      await first.sco.waitForSelector(".content-note");
      let held = await first.page.evaluate(() => window.held());
      assert.equal(v12 ? held.core.exit : held.exit, "suspend", `${id}: paused means suspend`);
      assert.equal(v12 ? held.core.lesson_status : held.completion_status, "incomplete");
      await closeFrame(first.page);
      const firstSent = await first.page.evaluate(() => window.sent);
      const firstCalls = await first.page.evaluate(() => window.calls);
      held = await first.page.evaluate(() => window.held());
      await first.page.context().close();

      // Relaunch: resumes at the same scene, with no decision reported twice.
      const second = await openLms(format, id, forRelaunch(format, held));
      assert.equal(await second.sco.locator(".actions .button-primary").innerText(), "Resume");
      await second.sco.click(".actions .button-primary");
      await second.sco.waitForSelector(".scene");
      assert.equal(await second.sco.locator(".scene h2").innerText(), pausedAt, `${id}: resumed where paused`);
      const more = await playOn(second.sco);
      const outcome = await second.sco.locator(".ending [class*='outcome-']").getAttribute("class");
      const ratings = await second.sco.locator(".decision-list [class*='rating-']").evaluateAll((badges) =>
        badges.map((b) => b.className.match(/rating-(\w+)/)[1]),
      );
      assert.equal(ratings.length, 3 + more, `${id}: the debrief lists every decision`);
      await closeFrame(second.page);
      const secondSent = await second.page.evaluate(() => window.sent);
      const secondCalls = await second.page.evaluate(() => window.calls);
      held = await second.page.evaluate(() => window.held());
      assert.deepEqual(second.page.problems, [], `${id}: no errors in the page`);
      await second.page.context().close();

      // Exactly one initialize and one finish per session, nothing after the finish.
      for (const calls of [firstCalls, secondCalls]) {
        assert.equal(calls.filter((c) => /Initialize/.test(c)).length, 1);
        assert.equal(calls.filter((c) => /Finish|Terminate/.test(c)).length, 1);
        assert.match(calls.at(-1), /Finish|Terminate/);
      }

      // Completion, success and score, from what the learner saw.
      const passed = /outcome-(strong|mixed)/.test(outcome);
      const good = ratings.filter((r) => r === "recommended" || r === "acceptable").length;
      if (v12) {
        assert.equal(held.core.lesson_status, passed ? "passed" : "failed", `${id}: lesson status`);
        assert.equal(held.core.score.raw, String(Math.round((100 * good) / ratings.length)));
        assert.equal(held.core.score.min, "0");
        assert.equal(held.core.score.max, "100");
        assert.equal(held.core.exit, "");
      } else {
        assert.equal(held.completion_status, "completed");
        assert.equal(held.success_status, passed ? "passed" : "failed", `${id}: success status`);
        assert.equal(held.score.raw, String(good));
        assert.equal(held.score.max, String(ratings.length));
        assert.ok(Math.abs(Number(held.score.scaled) - good / ratings.length) < 1e-4);
        assert.equal(held.exit, "normal");
      }

      // One interaction per decision, across both sessions, in this version's vocabulary.
      const interactions = Object.values(held.interactions);
      assert.equal(interactions.length, ratings.length, `${id}: one interaction per decision`);
      assert.equal(new Set(interactions.map((i) => i.id)).size, interactions.length, `${id}: no interaction twice`);
      const sent = [...firstSent, ...secondSent];
      const results = sent.filter(([e]) => /^cmi\.interactions\.\d+\.result$/.test(e)).map(([, v]) => v);
      assert.deepEqual(
        results,
        ratings.map((r) => (r === "recommended" || r === "acceptable" ? "correct" : v12 ? "wrong" : "incorrect")),
        `${id}: results as sent`,
      );
      for (const [element, value] of sent) {
        if (/\.type$/.test(element)) assert.equal(value, "choice");
        if (/\.latency$/.test(element)) assert.match(value, v12 ? TIMESPAN_12 : DURATION, element);
        if (v12 && /\.time$/.test(element)) assert.match(value, /^\d{2}:\d{2}:\d{2}$/, element);
        if (!v12 && /\.timestamp$/.test(element)) assert.match(value, TIMESTAMP, element);
        if (v12 && /^cmi\.interactions\.\d+\.id$/.test(element)) assert.match(value, /^[A-Za-z0-9_-]{1,255}$/, element);
        if (element === "cmi.suspend_data" && v12) assert.ok(value.length <= 4096, `${id}: ${value.length} characters of suspend data`);
        if (element.endsWith("session_time")) assert.match(value, v12 ? TIMESPAN_12 : DURATION, element);
      }
      for (const session of [firstSent, secondSent]) {
        assert.equal(session.filter(([e]) => e === `${prefix}session_time`).length, 1, `${id}: one session time per session`);
      }
      // The bookmark is the last decision scene shown; the suspend data resumes there.
      const location = v12 ? held.core.lesson_location : held.location;
      assert.match(location, /^[a-z][a-z0-9-]*$/);
      const resume = JSON.parse(held.suspend_data);
      assert.equal(resume.session.module, id);
      assert.equal(resume.session.decisions.length, ratings.length);
    }
  });

  // Ensures what an LMS kept but PeerPath cannot read is reported, and left as it was until
  // the learner chooses to start again.
  test(`${format}: damaged suspend data is reported and left alone until the learner starts again`, async () => {
    const kept = v12
      ? { core: { entry: "resume", lesson_status: "incomplete" }, suspend_data: '{"attempt":"<script>"' }
      : { entry: "resume", completion_status: "incomplete", suspend_data: '{"attempt":"<script>"' };
    const { page, sco } = await openLms(format, "de-escalation", kept);
    assert.match(await sco.locator(".notice-problem").innerText(), /cannot read.*Nothing has been changed/s);
    const sent = await page.evaluate(() => window.sent);
    assert.deepEqual(sent.filter(([e]) => e === "cmi.suspend_data"), [], "nothing overwrote it");
    await sco.click("text=Start from the beginning");
    await sco.click(".actions .button-primary");
    await sco.waitForSelector(".scene");
    const after = await page.evaluate(() => window.sent);
    assert.ok(after.some(([e]) => e === "cmi.suspend_data"), "a fresh start saves a fresh place");
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

for (const format of FORMATS) {
  const v12 = format === "scorm12";

  // Ensures a browse or review launch records nothing, whatever the learner does.
  test(`${format}: a review launch records nothing`, async () => {
    const kept = v12
      ? { core: { lesson_mode: "review", lesson_status: "passed" } }
      : { mode: "review", completion_status: "completed", success_status: "passed" };
    const { page, sco } = await openLms(format, "shared-crisis", kept);
    assert.match(await sco.locator(".launch-status").innerText(), /nothing you do here is recorded/);
    await sco.click(".actions .button-primary");
    assert.equal(await playOn(sco, 2), 2);
    await closeFrame(page);
    const sent = await page.evaluate(() => window.sent);
    assert.deepEqual(sent.filter(([element]) => !element.endsWith("session_time")), [], "only the session time");
    await page.context().close();
  });
}

// Ensures a package opened with no LMS around still plays, and says nothing is reported.
test("a package with no LMS plays and says that nothing is reported", async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${lms.url}scorm12/de-escalation/scorm.html`);
  await page.waitForSelector(".content-note");
  assert.match(await page.locator(".launch-status").innerText(), /No learning platform found/);
  await page.click(".actions .button-primary");
  await page.waitForSelector(".scene");
  assert.equal(await page.locator(".pause").count(), 1, "Pause is in view");
  await assertAccessible(page, "package without an LMS");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
