// Issue 9, "one source of truth", as a learner, an embedding intranet page and a trainer see
// it: hostile progress files leave earlier progress intact and the pages working, every
// finished attempt is reported exactly once, routes and trainer votes follow the module and
// path on screen, notes survive playing again, deployments keep to themselves, and author
// files cannot overflow the stack or point images outside the site.
//
// Progress is seeded through the UI only (playing, typing notes, importing files), never by
// writing storage keys, so these tests hold however storage is laid out.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { at, openPage, assertAccessible } from "./helpers.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;

// A small module with two paths whose second scenes share their choice ids (as authors often
// write them), a reflection prompt at each ending, and a Markdown link to another module.
const WALK = `format = 1
id = "short-walk"
title = "A short walk"
topic = "Testing"
audience = ["peer-worker"]
minutes = 2
content_note = "An everyday conversation. Nothing difficult."
objectives = ["Notice what a person needs."]
start = "door"

[[scenes]]
id = "door"
text = "Someone is waiting at the door. [Try the second walk](#/play/second-walk) instead."

  [[scenes.choices]]
  id = "greet"
  label = "Greet them by name."
  goto = "hall"
  feedback = "A warm greeting helps."
  rating = "recommended"

  [[scenes.choices]]
  id = "wait"
  label = "Wait for them to speak first."
  goto = "yard"
  feedback = "Waiting can feel cold."
  rating = "acceptable"

[[scenes]]
id = "hall"
text = "In the hall, they look tired."

  [[scenes.choices]]
  id = "ask"
  label = "Ask how they are doing."
  goto = "stay-end"
  feedback = "Asking opens the door."
  rating = "recommended"

  [[scenes.choices]]
  id = "tell"
  label = "Tell them where to sit."
  goto = "stay-end"
  feedback = "Directions help, but ask too."
  rating = "acceptable"

[[scenes]]
id = "yard"
text = "Out in the yard, they keep their distance."

  [[scenes.choices]]
  id = "ask"
  label = "Ask whether they want company."
  goto = "leave-end"
  feedback = "A fair question, late."
  rating = "acceptable"

  [[scenes.choices]]
  id = "tell"
  label = "Tell them the group is starting."
  goto = "leave-end"
  feedback = "It sounds like pressure."
  rating = "risky"

[[endings]]
id = "stay-end"
title = "They stay"
outcome = "strong"
text = "They stay for the group."
reflection = ["What helped them stay?"]

[[endings]]
id = "leave-end"
title = "They leave"
outcome = "difficult"
text = "They leave before the group starts."
reflection = ["What would you try next time?"]
`;

const SECOND = `format = 1
id = "second-walk"
title = "A second walk"
topic = "Testing"
audience = ["peer-worker"]
minutes = 1
content_note = "A short walk to a gate."
objectives = ["Walk on."]
start = "gate"

[[scenes]]
id = "gate"
text = "A second walk begins at the gate."

  [[scenes.choices]]
  id = "go"
  label = "Go through the gate."
  goto = "through"
  feedback = "On you go."
  rating = "recommended"

[[endings]]
id = "through"
title = "Through the gate"
outcome = "strong"
text = "You are through."
`;

const twin = (title) => SECOND.replace('id = "second-walk"', 'id = "twin"').replace('title = "A second walk"', `title = "${title}"`);

let root;
let intranet; // the embedding page's server, on its own origin
let site; // a deployment that lists the intranet in allowed_parent_origins
let unlisted; // a deployment with no allowed_parent_origins
let twins; // a deployment listing two files that declare the same module id
let shared; // one origin serving two deployments, at /a/ and /b/
let browser;

/** A deployment: a copy of the build in `folder`, with extra module files and a site.toml. */
async function deploy(folder, modules, siteToml) {
  await mkdir(folder, { recursive: true });
  await cp(DIST, folder, { recursive: true });
  for (const [name, text] of Object.entries(modules)) await writeFile(join(folder, "modules", name), text);
  if (siteToml !== undefined) await writeFile(join(folder, "site.toml"), siteToml);
}

/** An "intranet" page that embeds `?app=<address>` in an iframe and records every message
 *  the frame sends; a `{ barrier }` message (posted by the test from inside the frame) marks
 *  that everything the frame sent before it has arrived. */
async function intranetServer() {
  const server = createServer((req, res) => {
    const app = new URL(req.url, "http://x").searchParams.get("app") ?? "";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><title>Intranet</title>
      <script>
        window.__messages = [];
        window.__barriers = [];
        window.addEventListener("message", (e) => {
          if (e.source !== document.getElementById("frame").contentWindow) return;
          if (e.data && e.data.barrier) window.__barriers.push(e.data.barrier);
          else window.__messages.push(e.data);
        });
      </script></head><body>
      <h1>Our intranet</h1>
      <iframe id="frame" src="${app.replace(/"/g, "&quot;")}" title="Training" width="100%" height="640"></iframe>
    </body></html>`);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    embedding: (app) => `${origin}/?app=${encodeURIComponent(app)}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), "peerpath-truth-"));
  intranet = await intranetServer();
  await deploy(
    join(root, "site"),
    { "short-walk.toml": WALK, "second-walk.toml": SECOND },
    `title = "Acme Peer Training"
modules = ["short-walk.toml", "second-walk.toml", "de-escalation.toml"]
allowed_parent_origins = ["${intranet.origin}"]
`,
  );
  await deploy(join(root, "unlisted"), { "short-walk.toml": WALK }, `title = "Unlisted"\nmodules = ["short-walk.toml"]\n`);
  await deploy(
    join(root, "twins"),
    { "twin-one.toml": twin("Twin one"), "twin-two.toml": twin("Twin two") },
    `title = "Twins"\nmodules = ["de-escalation.toml", "twin-one.toml", "twin-two.toml"]\n`,
  );
  await deploy(join(root, "shared", "a"), {});
  await deploy(join(root, "shared", "b"), {});
  site = await serve(join(root, "site"));
  unlisted = await serve(join(root, "unlisted"));
  twins = await serve(join(root, "twins"));
  shared = await serve(join(root, "shared"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const server of [site, unlisted, twins, shared, intranet]) await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A fresh browser context and page, quick to report a selector that never comes. */
async function fresh(options) {
  const page = await openPage(browser, options);
  page.setDefaultTimeout(10_000);
  return page;
}

/** Waits for `selector`, or for an uncaught exception, whichever comes first (a page whose
 *  rendering threw never shows the selector, and the exception says more than a timeout). */
async function settle(page, selector) {
  let stop;
  const thrown = new Promise((resolve) => {
    stop = () => page.off("pageerror", resolve);
    page.on("pageerror", resolve);
  });
  try {
    await Promise.race([page.waitForSelector(selector), thrown]);
  } finally {
    stop();
  }
}

/** Plays on in `scope` (a page or a frame), taking the `nth` available choice each time,
 *  until an ending shows. Returns the number of decisions made. */
async function playToEnding(scope, nth = 0) {
  let decisions = 0;
  for (let guard = 0; guard < 40; guard++) {
    if (await scope.locator(".ending").count()) return decisions;
    if (await scope.locator(".scene").count()) {
      await scope.locator(".choice:not([disabled])").nth(nth).click();
      await scope.locator(".feedback").waitFor();
      decisions += 1;
    } else if (await scope.locator(".feedback").count()) {
      await scope.locator(".feedback .button-primary").click();
      await scope.locator(".scene, .ending").first().waitFor();
    } else {
      await scope.locator(".scene, .feedback, .ending").first().waitFor();
    }
  }
  assert.fail("no ending after 40 steps");
}

/** A module's section on My progress, found by its heading. */
const historyOf = (page, title) =>
  page.locator("section.history").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

/** Clicks Export and returns the downloaded file's text. */
async function exportProgress(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=Export my progress")]);
  return readFile(await download.path(), "utf8");
}

/** Imports a progress file through the file input on My progress and waits for the answer. */
async function importProgress(page, name, file) {
  await page.setInputFiles('.transfer input[type="file"]', {
    name,
    mimeType: "application/json",
    buffer: Buffer.from(typeof file === "string" ? file : JSON.stringify(file)),
  });
  await settle(page, ".my-progress .notice");
}

/** Plays "A short walk" to its first ending and writes a reflection note; checks that Export
 *  holds both, and returns the finished attempt's id as exported. */
async function seedFinishedAttemptWithNote(page, note) {
  await page.goto(`${site.url}#/play/short-walk`);
  await page.waitForSelector(".scene");
  await playToEnding(page);
  await page.locator(".reflection textarea").first().fill(note);
  await page.goto(at(site.url, "#/progress"));
  await page.waitForSelector(".history");
  const exported = JSON.parse(await exportProgress(page));
  const walk = exported.modules.find((m) => m.module === "short-walk");
  assert.equal(walk.attempts.length, 1, "the seeded attempt is exported");
  assert.deepEqual(Object.values(walk.reflections).map((r) => r.text), [note], "the seeded note is exported");
  await page.reload(); // clears the export's message, so the next notice is the import's
  await page.waitForSelector(".history");
  return { attemptId: walk.attempts[0].id };
}

/** A progress file holding one record for "A short walk". */
function progressFile(record) {
  return {
    kind: "PeerPath progress",
    version: 1,
    exported_at: 1764460800000,
    modules: [
      {
        version: 1,
        module: "short-walk",
        revision: 1,
        current: null,
        attempts: [],
        reflections: {},
        ...record,
      },
    ],
  };
}

/** An attempt that reached the second ending, "They leave". */
const leftAttempt = (extra) => ({
  id: "from-another-device",
  started_at: 1764460000000,
  finished_at: 1764460800000,
  active_ms: 60000,
  ending: "leave-end",
  outcome: "difficult",
  decisions: [
    { scene: "door", choice: "wait" },
    { scene: "yard", choice: "ask" },
  ],
  ...extra,
});

/** Asserts that My progress still shows the seeded attempt ("They stay") and its note. */
async function assertSeededProgressShown(page, when) {
  const walk = historyOf(page, "A short walk");
  await walk.waitFor();
  const text = await walk.innerText();
  assert.match(text, /Completed/, `the module still counts as completed ${when}`);
  assert.ok(
    (await walk.locator("tbody tr", { hasText: "They stay" }).count()) >= 1,
    `the earlier finished attempt is still listed ${when}; the section reads: ${text}`,
  );
  assert.match(text, /1 reflection note saved/, `the earlier note is still there ${when}`);
}

// Ensures a record at revision 2^53 - 1 neither wipes earlier progress nor empties Export.
test("importing a record at revision 2^53 - 1 keeps earlier attempts and notes, and Export keeps them", async () => {
  const page = await fresh();
  const { attemptId } = await seedFinishedAttemptWithNote(page, "Earlier note.");
  await assertSeededProgressShown(page, "before the import");

  await importProgress(page, "huge-revision.json", progressFile({ revision: 9007199254740991, attempts: [leftAttempt()] }));
  assert.match(await page.locator(".my-progress .notice").first().innerText(), /\S/, "the import is answered");
  await assertSeededProgressShown(page, "after the import");
  await page.reload();
  await page.waitForSelector(".history");
  await assertSeededProgressShown(page, "after a reload");
  await assertAccessible(page, "My progress after a hostile import");

  const text = await exportProgress(page);
  assert.notEqual(text.trim(), "", "the export is not empty");
  const exported = JSON.parse(text);
  assert.equal(exported.kind, "PeerPath progress");
  const walk = exported.modules.find((m) => m.module === "short-walk");
  assert.ok(walk, `the export holds "short-walk" (it holds: ${exported.modules.map((m) => m.module).join(", ") || "nothing"})`);
  assert.ok(walk.attempts.some((a) => a.id === attemptId), "the export holds the earlier attempt");
  assert.ok(Object.values(walk.reflections).some((r) => r.text === "Earlier note."), "the export holds the earlier note");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures a date past what a JS Date holds breaks neither My progress nor the summary, ever.
test("an imported finished_at of 1e16 leaves My progress and the summary working", async () => {
  const page = await fresh();
  await seedFinishedAttemptWithNote(page, "A note to keep.");
  await importProgress(
    page,
    "far-future.json",
    progressFile({ attempts: [leftAttempt({ id: "far-future", started_at: 1e16 - 60000, finished_at: 1e16 })] }),
  );
  assert.deepEqual(page.problems, [], "no uncaught exception after the import");
  await assertSeededProgressShown(page, "after the import");

  await page.reload();
  await settle(page, ".history");
  assert.deepEqual(page.problems, [], "no uncaught exception on a later visit");
  assert.equal(await page.locator("h1").innerText(), "My progress");
  await assertSeededProgressShown(page, "after a reload");

  await page.goto(at(site.url, "#/summary/short-walk"));
  await settle(page, ".summary-facts");
  assert.deepEqual(page.problems, [], "no uncaught exception on the summary");
  assert.equal(await page.locator("h1").innerText(), "Completion summary");
  assert.match(await page.locator(".summary-facts").innerText(), /A short walk/);
  await assertAccessible(page, "the completion summary after a hostile import");
  await page.context().close();
});

/** The embedding page's view of one embedded module: its frame, and every message so far
 *  (kept across reloads of the embedding page). */
async function embedded(deployment) {
  const page = await fresh();
  const log = [];
  const frameScope = page.frameLocator("#frame");
  const appFrame = () => page.frames().find((f) => f !== page.mainFrame());
  /** Everything the frame has sent up to now: a marker posted from inside the frame arrives
   *  after every message the frame sent before it. */
  const heard = async () => {
    const token = `barrier-${log.length}-${Math.random()}`;
    await appFrame().evaluate((t) => window.parent.postMessage({ barrier: t }, "*"), token);
    await page.waitForFunction((t) => window.__barriers.includes(t), token);
    log.push(...(await page.evaluate(() => window.__messages.splice(0))));
    return log;
  };
  const load = async () => {
    await page.goto(intranet.embedding(`${deployment.url}#/embed/short-walk`));
    await frameScope.locator(".content-note").waitFor();
  };
  const reload = async () => {
    await heard();
    await page.reload();
    await frameScope.locator(".content-note").waitFor();
  };
  return { page, frame: frameScope, heard, load, reload };
}

/** One line per PeerPath event, for readable failure messages. */
const transcript = (events) =>
  events
    .filter((e) => e.type !== "peerpath:resize")
    .map((e) => `${e.type.replace("peerpath:", "")}${e.scene ? ` ${e.scene}` : ""}${e.choice ? `/${e.choice}` : ""}${e.ending ? ` ${e.ending}` : ""}`)
    .join(", ");

// Ensures one `completed` per finished attempt and no repeated decision, whatever remounts.
test("embedded: one completed per finished attempt, no repeated decisions", async () => {
  const check = await fresh();
  await check.goto(`${site.url}#/embed/short-walk`);
  await check.waitForSelector(".content-note");
  await assertAccessible(check, "the embedded module's intro");
  await check.context().close();

  const { page, frame, heard, load, reload } = await embedded(site);
  await load();
  let decisions = 0;
  let finished = 0;
  const choose = async () => {
    await frame.locator(".choice:not([disabled])").first().click();
    await frame.locator(".feedback").waitFor();
    decisions += 1;
  };
  const proceed = async (then) => {
    await frame.locator(".feedback .button-primary").click();
    await frame.locator(then).waitFor();
  };
  const pauseAndResume = async (then) => {
    await frame.locator(".pause").click();
    await frame.locator(".content-note").waitFor();
    await frame.locator(".actions .button-primary").click();
    await frame.locator(then).waitFor();
  };

  await frame.locator(".actions .button-primary").click(); // Start
  await frame.locator(".scene").waitFor();
  await choose(); // feedback on the first decision
  await pauseAndResume(".feedback");
  await reload();
  await frame.locator(".actions .button-primary").click(); // Resume, at the feedback
  await frame.locator(".feedback").waitFor();
  await proceed(".scene");
  await reload();
  await frame.locator(".actions .button-primary").click(); // Resume, at the second scene
  await frame.locator(".scene").waitFor();
  await choose();
  await proceed(".ending");
  finished += 1;
  await pauseAndResume(".ending");
  await reload();
  // Start again on a finished module: its last debrief, or a new attempt.
  await frame.locator(".actions .button-primary").click();
  await frame.locator(".scene, .ending").first().waitFor();
  if (await frame.locator(".ending").count()) {
    await frame.locator(".ending .actions .button-primary").click(); // Play again
    await frame.locator(".scene").waitFor();
  }
  decisions += await playToEnding(frame);
  finished += 1;
  await frame.locator(".ending .actions .button-primary").click(); // Play again, left unfinished
  await frame.locator(".scene").waitFor();

  const log = await heard();
  const events = log.filter((e) => e.type !== "peerpath:resize");
  assert.ok(events.some((e) => e.type === "peerpath:ready"), "the embedding page heard peerpath:ready");
  const completed = events.filter((e) => e.type === "peerpath:completed");
  const decided = events.filter((e) => e.type === "peerpath:decision");
  assert.equal(completed.length, finished, `one completed per finished attempt; heard: ${transcript(events)}`);
  assert.equal(decided.length, decisions, `each decision heard once; heard: ${transcript(events)}`);
  // Per attempt: the decisions heard before each completion match its ratings, none twice.
  let since = [];
  for (const event of events) {
    if (event.type === "peerpath:decision") {
      assert.ok(!since.some((d) => d.scene === event.scene), `decision at “${event.scene}” repeated in one attempt; heard: ${transcript(events)}`);
      since.push(event);
    } else if (event.type === "peerpath:completed") {
      assert.equal(event.ratings.length, since.length, `the completion's ratings match the attempt's decisions; heard: ${transcript(events)}`);
      since = [];
    }
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures an unconfigured site tells any embedding page only `ready` and `resize`.
test("embedded with no allowed_parent_origins: only ready and resize reach the parent", async () => {
  const { page, frame, heard, load } = await embedded(unlisted);
  await load();
  await page.waitForFunction(() => window.__messages.some((m) => m?.type === "peerpath:ready"));
  await frame.locator(".actions .button-primary").click();
  await frame.locator(".scene").waitFor();
  await playToEnding(frame);
  const log = await heard();
  const types = [...new Set(log.map((m) => m?.type))].sort();
  assert.ok(types.includes("peerpath:ready"), "ready is still sent");
  assert.deepEqual(
    types.filter((t) => t !== "peerpath:ready" && t !== "peerpath:resize"),
    [],
    `nothing about the learner reaches an unlisted page; heard: ${transcript(log)}`,
  );
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures a route change between modules shows, plays and saves the new module.
test("moving from one module's address to another's shows the other module", async () => {
  const page = await fresh();
  await page.goto(`${site.url}#/module/short-walk`);
  await page.waitForSelector(".content-note");
  assert.equal(await page.locator("h1").innerText(), "A short walk");
  await page.evaluate(() => (location.hash = "#/module/second-walk"));
  await page.waitForFunction(() => location.hash === "#/module/second-walk");
  await page.waitForSelector(".content-note");
  assert.equal(await page.locator("h1").innerText(), "A second walk", "the intro shows the new module");
  assert.match(await page.locator(".content-note").innerText(), /A short walk to a gate/);

  await page.goto(`${site.url}#/play/short-walk`);
  await page.waitForSelector(".scene");
  assert.equal(await page.locator(".play-title").innerText(), "A short walk");
  await page.click('.scene-text a[href="#/play/second-walk"]'); // the link in the scene's text
  await page.waitForFunction(() => location.hash === "#/play/second-walk");
  await page.waitForSelector(".scene");
  assert.equal(await page.locator(".play-title").innerText(), "A second walk", "the player shows the new module's title");
  assert.match(await page.locator(".scene-text").innerText(), /begins at the gate/, "and its first scene");
  await assertAccessible(page, "a module reached by a link from another");
  await page.click(".choice:not([disabled])");
  await page.waitForSelector(".feedback");
  assert.match(await page.locator(".chosen").innerText(), /Go through the gate/);
  await page.goto(at(site.url, "#/progress"));
  await page.waitForSelector(".history");
  assert.match(await historyOf(page, "A second walk").innerText(), /In progress: at step 2/, "the step is saved for the new module");
  assert.doesNotMatch(await historyOf(page, "A short walk").innerText(), /at step 2/, "and not for the old one");

  await page.goto(at(site.url, "#/trainer/short-walk"));
  await page.waitForSelector(".presenter-panel");
  await page.evaluate(() => (location.hash = "#/trainer/second-walk"));
  await page.waitForSelector('.trainer-title:has-text("A second walk")');
  assert.match(await page.locator(".audience-preview").innerText(), /begins at the gate/, "the trainer's stage shows the new module");
  await page.click('.presenter-choices button:has-text("Group takes 1")');
  await page.waitForSelector(".audience-preview blockquote.chosen, .trainer .notice-problem");
  assert.equal(await page.locator(".trainer .notice-problem").count(), 0, "taking an option of the new module works");
  assert.match(await page.locator(".audience-preview blockquote.chosen").innerText(), /Go through the gate/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures a reflection note is shown and kept when Play again reaches the same ending.
test("a reflection note survives Play again and is added to, not overwritten", async () => {
  const page = await fresh();
  await page.goto(`${site.url}#/play/short-walk`);
  await page.waitForSelector(".scene");
  await playToEnding(page);
  const note = page.locator(".reflection textarea").first();
  await note.fill("Asking first helped.");
  await page.click('.ending .actions button:has-text("Play again")');
  await page.waitForSelector(".scene");
  assert.equal(await page.locator(".scene h2").innerText(), "Step 1", "a new attempt starts");
  await playToEnding(page);
  assert.equal(await page.locator(".ending h2").innerText(), "They stay", "the same ending again");
  assert.equal(await note.inputValue(), "Asking first helped.", "the field shows the saved note");
  await note.press("End");
  await note.pressSequentially("!");
  assert.equal(await note.inputValue(), "Asking first helped.!");
  await page.reload();
  await page.waitForSelector(".reflection textarea");
  assert.equal(await note.inputValue(), "Asking first helped.!", "the old text and the new character are saved");
  await assertAccessible(page, "the debrief after Play again");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures votes cast at one scene never show at another scene with the same step number.
test("trainer votes stay with the scene they were cast in", async () => {
  const page = await fresh({ viewport: { width: 1280, height: 720 } });
  await page.goto(at(site.url, "#/trainer/short-walk"));
  await page.waitForSelector(".presenter-panel");
  const take = (n) => page.click(`.presenter-choices button:has-text("Group takes ${n}")`);
  const stage = page.locator(".audience-preview");
  const voteCounts = () => page.locator(".presenter-choices input.vote-count").evaluateAll((inputs) => inputs.map((i) => i.value));

  await take(1); // greet → hall
  await page.click('.presenter-panel button:has-text("Continue")');
  await page.waitForSelector('.audience-preview .stage-text:has-text("In the hall")');
  await page.fill(".presenter-choices tbody tr:nth-child(1) input", "7");
  await page.fill(".presenter-choices tbody tr:nth-child(2) input", "3");
  await page.click('.presenter-panel button:has-text("Show the tally")');
  await page.waitForSelector(".audience-preview .tally");
  assert.deepEqual(await stage.locator(".tally-count").allInnerTexts(), ["7 votes", "3 votes"], "the votes show where they were cast");

  await page.click("text=Go back to an earlier step");
  await page.click('.jump-list button:has-text("Step 1")');
  await page.waitForSelector('.audience-preview .stage-text:has-text("waiting at the door")');
  await take(2); // wait → yard: a different scene at step 2
  await page.click('.presenter-panel button:has-text("Continue")');
  await page.waitForSelector('.audience-preview .stage-text:has-text("Out in the yard")');
  assert.deepEqual(await voteCounts(), ["0", "0"], "no votes are counted yet in this scene");
  await page.click('.presenter-panel button:has-text("Show the tally")');
  await page.waitForSelector(".audience-preview .tally");
  assert.deepEqual(await stage.locator(".tally-count").allInnerTexts(), ["0 votes", "0 votes"], "the room sees no phantom votes");
  await assertAccessible(page, "the presenter view after a jump back");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures two module files with the same id are reported, naming the id and both files.
test("two module files with the same id are reported", async () => {
  const page = await fresh();
  await page.goto(twins.url);
  await page.waitForSelector(".card");
  const reports = await page
    .locator(".card-broken, .notice")
    .filter({ hasText: "twin-one.toml" })
    .filter({ hasText: "twin-two.toml" })
    .filter({ hasText: /\btwin\b(?![-.])/ })
    .allInnerTexts();
  const cards = await page.locator(".cards > li").allInnerTexts();
  assert.ok(
    reports.length >= 1,
    `a card or notice names the id “twin” and both files; the catalog shows: ${cards.map((c) => c.split("\n")[0]).join(" | ")}`,
  );
  assert.equal(await page.locator('.card-title a[href*="de-escalation"]').count(), 1, "the other modules are listed as before");
  await assertAccessible(page, "the catalog reporting a duplicate id");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Ensures two deployments under different sub-paths of one origin keep separate progress.
test("two deployments on one origin do not share progress", async () => {
  const page = await fresh();
  await page.goto(`${shared.url}a/#/play/de-escalation`);
  await page.waitForSelector(".scene");
  await page.click(".choice:not([disabled])");
  await page.waitForSelector(".feedback");
  await page.goto(at(`${shared.url}a/`, "#/progress"));
  await page.waitForSelector(".history");
  const title = "De-escalation in a crisis encounter";
  assert.match(await historyOf(page, title).innerText(), /In progress: at step 2/, "progress under /a/ is kept");

  await page.goto(at(`${shared.url}b/`, "#/progress"));
  await page.waitForSelector(".history");
  assert.match(await historyOf(page, title).innerText(), /Not started/, "progress made under /a/ does not show under /b/");
  await page.goto(`${shared.url}b/`);
  await page.waitForSelector(".card");
  assert.deepEqual(
    (await page.locator(".card-status").allInnerTexts()).filter((s) => /progress/i.test(s)),
    [],
    "the catalog under /b/ shows nothing in progress",
  );
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** Hostile nesting, 5,000 levels. (`*a *a … b**` nests emphasis; `*_*_…` and `[[[…`
 *  look deep but parse shallow, and are here as stress.) */
const DEPTH = 5000;
const DEEP_PROSE = [
  `${"> ".repeat(DEPTH)}a deep quote`,
  `${"- ".repeat(DEPTH)}a deep list`,
  `${"1. ".repeat(DEPTH)}a deep numbered list`,
  `${"*a ".repeat(DEPTH)}deep emphasis${"*".repeat(DEPTH)}`,
  `${"*a _a ".repeat(DEPTH / 2)}deep mixed emphasis${"_*".repeat(DEPTH / 2)}`,
  `${"**a ".repeat(DEPTH)}deep strong${"**".repeat(DEPTH)}`,
  `${"*_".repeat(DEPTH)}stacked delimiters${"_*".repeat(DEPTH)}`,
  `${"[".repeat(DEPTH)}deep brackets${"]".repeat(DEPTH)}`,
  `${"[a ".repeat(DEPTH)}deep links${"](#)".repeat(DEPTH)}`,
].join("\n\n");

const DEEP = `format = 1
id = "deep"
title = "Deep nesting"
topic = "Testing"
audience = ["peer-worker"]
minutes = 1
content_note = '''
${DEEP_PROSE}
'''
objectives = ["Survive."]
start = "s"

[[scenes]]
id = "s"
text = '''
${DEEP_PROSE}
'''

  [[scenes.choices]]
  id = "go"
  label = "Go on."
  goto = "end"
  feedback = '''
${DEEP_PROSE}
'''
  rating = "acceptable"

[[endings]]
id = "end"
title = "Still standing"
outcome = "mixed"
text = '''
${DEEP_PROSE}
'''
reflection = ['''
${DEEP_PROSE}
''']
`;

/** Opens `text` as `name` in the author preview and waits for the checker's answer. */
async function preview(page, name, text) {
  await page.setInputFiles("#module-file", { name, mimeType: "text/plain", buffer: Buffer.from(text) });
  await settle(page, `.preview-result:has(#result-heading:text-is("${name}")) [role="status"]`);
}

// Ensures deeply nested Markdown in a previewed module cannot overflow the stack.
test("deep Markdown nesting in a previewed file is checked and plays without a crash", async () => {
  const page = await fresh();
  await page.goto(at(site.url, "#/preview"));
  await page.waitForSelector("#module-file");
  await preview(page, "deep.toml", DEEP);
  assert.deepEqual(page.problems, [], "checking the file threw nothing");
  assert.match(await page.locator(".preview-result [role=status]").innerText(), /no problems|No errors/, "the file is valid");
  await page.click("text=Play “Deep nesting”");
  await settle(page, ".scene");
  assert.deepEqual(page.problems, [], "the scene rendered without an exception");
  await page.click(".choice:not([disabled])");
  await settle(page, ".feedback");
  await page.click(".feedback .button-primary");
  await settle(page, ".ending");
  assert.equal(await page.locator(".crash").count(), 0, "no crash notice");
  assert.deepEqual(page.problems, [], "no uncaught exception");
  assert.equal(await page.locator(".ending h2").innerText(), "Still standing");
  await page.context().close();
});

/** A module whose first scene shows the image at `src`. */
const withImage = (src) =>
  SECOND.replace('text = "A second walk begins at the gate."', `text = "A second walk begins at the gate."\nimage = { src = "${src}", alt = "The gate, seen from the path" }`);

// Ensures a scene image outside the site is a checker error that blocks playing.
test("a scene image outside the site is an error in the preview, and the module is not playable", async () => {
  const page = await fresh();
  await page.goto(at(site.url, "#/preview"));
  await page.waitForSelector("#module-file");
  await preview(page, "inside.toml", withImage("images/gate.svg"));
  assert.equal(await page.locator(".preview-result [role=status]").innerText(), "The checker found no problems.", "an image inside the site is fine");
  assert.equal(await page.locator('button:has-text("Play “A second walk”")').count(), 1);

  const outside = ["https://evil.example/x.png", "//host/x.png", "javascript:alert(1)", "../../x.png"];
  const missed = [];
  for (const [index, src] of outside.entries()) {
    const name = `outside-${index}.toml`;
    await preview(page, name, withImage(src));
    const status = await page.locator(".preview-result [role=status]").innerText();
    const listed = (await page.locator(".preview-result .diagnostics").count()) ? await page.locator(".preview-result .diagnostics").innerText() : "";
    const playable = await page.locator('button:has-text("Play “A second walk”")').count();
    if (!/\berrors? to fix\b/.test(status) || !/image|src/i.test(listed) || playable) {
      missed.push(`${src}: “${status}”${playable ? ", playable" : ""}`);
    }
  }
  assert.deepEqual(missed, [], "every image outside the site is an error and blocks playing");
  await assertAccessible(page, "the preview reporting an image outside the site");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
