// cmi5 packages against a real LRS: Ralph (PyPI) keeps the statements, and a small stub LMS
// on the packages' origin does the LMS's part of a launch (the token, once; LMS.LaunchData;
// the unit's state documents, which Ralph does not serve) and passes statements through to
// Ralph. Every shipped module is packaged by `peerpath package --format cmi5`, launched as an
// LMS launches it, played to an ending across a pause and a relaunch, and what Ralph holds is
// read back: each statement valid (@learninglocker/xapi-validation), in cmi5's order, each
// fact once. The LRS is also stopped mid-play and started again: every statement arrives,
// exactly once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { openPage, assertAccessible, playOn as playOnWith } from "./helpers.mjs";
import { startLrs } from "./lrs.mjs";

/** This file's path through a module: alternating the first and the last choice. */
const playOn = (frame, decisions = Infinity) => playOnWith(frame, { decisions, pick: (made, count) => (made % 2 === 0 ? count - 1 : 0) });

const require = createRequire(import.meta.url);
const validate = require("@learninglocker/xapi-validation").default;
const ROOT = new URL("../../", import.meta.url).pathname;
const VERB = "http://adlnet.gov/expapi/verbs/";
const SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const ACTOR = { objectType: "Agent", name: "Sam Learner", account: { homePage: "https://lms.example.org", name: "sam-42" } };

let folder;
let files;
let lms;
let lrs;
let browser;
let modules;

/** The stub LMS: packages under /pkg/, the cmi5 endpoints under /lms/. */
function stubLms(filesUrl) {
  const tokens = new Map(); // fetch key -> { used }
  const launches = new Map(); // registration -> LaunchData
  const states = new Map(); // stateId|activityId|agent|registration -> text
  const sessions = new Map(); // registration -> the session the LMS launched last
  const failingStates = new Set(); // registrations whose unit state answers 500
  const requests = [];
  const notFound = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const body = await new Promise((resolve) => {
      let text = "";
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => resolve(text));
    });
    requests.push(`${req.method} ${url.pathname}`);
    const reply = (status, value, type = "application/json") => {
      if (status === 404) notFound.push(`${req.method} ${url.pathname}?stateId=${url.searchParams.get("stateId")}`);
      res.writeHead(status, { "content-type": type }).end(typeof value === "string" ? value : JSON.stringify(value));
    };
    if (url.pathname.startsWith("/pkg/")) {
      // The package files, from the test's static server.
      const answer = await fetch(new URL(url.pathname.slice(5) + url.search, filesUrl));
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/octet-stream" });
      res.end(Buffer.from(await answer.arrayBuffer()));
      return;
    }
    const fetchKey = url.pathname.match(/^\/lms\/fetch\/(.+)$/)?.[1];
    if (fetchKey) {
      if (req.method !== "POST") return reply(405, { error: "POST only" });
      const token = tokens.get(fetchKey);
      if (!token) return reply(200, { "error-code": "2", "error-text": "unknown launch" });
      if (token.used) return reply(200, { "error-code": "1", "error-text": "already used" });
      token.used = true;
      return reply(200, { "auth-token": lrs.authorization.replace(/^Basic /, "") });
    }
    if (url.pathname === "/lms/returned") {
      return reply(200, "<!doctype html><html lang=\"en\"><title>Course</title><h1>Back in the course</h1></html>", "text/html");
    }
    if (!url.pathname.startsWith("/lms/xapi/")) return reply(404, { error: "not found" });
    if (req.headers.authorization !== lrs.authorization) return reply(401, { error: "no token" });
    if (!req.headers["x-experience-api-version"]) return reply(400, { error: "no X-Experience-API-Version" });
    const resource = url.pathname.slice("/lms/xapi/".length);
    const q = url.searchParams;
    if (resource === "activities/state") {
      const key = [q.get("stateId"), q.get("activityId"), q.get("agent"), q.get("registration")].join("|");
      if (q.get("stateId") === "LMS.LaunchData") {
        const data = launches.get(q.get("registration"));
        if (req.method !== "GET") return reply(403, { error: "the unit must not change LMS.LaunchData" });
        return data ? reply(200, data) : reply(404, { error: "no launch data" });
      }
      if (failingStates.has(q.get("registration"))) return reply(500, { error: "the state store is down" });
      if (req.method === "PUT") {
        JSON.parse(body);
        states.set(key, body);
        return res.writeHead(204).end();
      }
      return states.has(key) ? reply(200, states.get(key)) : reply(404, { error: "no state" });
    }
    if (resource === "agents/profile") {
      // An LMS keeps the learner's preferences (cmi5 §11).
      return q.get("profileId") === "cmi5LearnerPreferences"
        ? reply(200, { languagePreference: "en-US", audioPreference: "on" })
        : reply(404, { error: "no profile" });
    }
    if (resource === "statements") {
      // An LMS abandons a session when it launches the next one (cmi5 §9.3.6): statements of
      // an earlier session are refused, as a strict LMS does.
      if (req.method === "PUT" || req.method === "POST") {
        const statements = [JSON.parse(body)].flat();
        for (const statement of statements) {
          const current = sessions.get(statement.context?.registration);
          const session = statement.context?.extensions?.[SESSION];
          if (current && session !== current) return reply(403, { error: "that session was abandoned" });
        }
      }
      // Passed through to Ralph as is.
      try {
        const answer = await fetch(`${lrs.url}statements${url.search}`, {
          method: req.method,
          headers: { authorization: req.headers.authorization, "content-type": "application/json", "x-experience-api-version": req.headers["x-experience-api-version"] },
          body: req.method === "GET" ? undefined : body,
        });
        res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
        res.end(await answer.text());
      } catch {
        reply(502, { error: "the LRS is down" });
      }
      return;
    }
    reply(404, { error: "not found" });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      resolve({
        base,
        requests,
        notFound,
        /** Prepares a launch of module `id` as an LMS does; returns its address. */
        launchUrl(id, { registration, mode = "Normal", mastery, returnURL, stateFails = false } = {}) {
          const key = randomUUID();
          const session = randomUUID();
          sessions.set(registration, session);
          if (stateFails) failingStates.add(registration);
          tokens.set(key, { used: false });
          const activityId = `https://lms.example.org/activities/${id}`;
          launches.set(registration, {
            contextTemplate: {
              extensions: { [SESSION]: session },
              contextActivities: { grouping: [{ id: `urn:peerpath:module:${id}`, objectType: "Activity" }] },
            },
            launchMode: mode,
            moveOn: "CompletedOrPassed",
            ...(mastery === undefined ? {} : { masteryScore: mastery }),
            ...(returnURL === undefined ? {} : { returnURL }),
          });
          const params = new URLSearchParams({
            endpoint: `${base}/lms/xapi/`,
            fetch: `${base}/lms/fetch/${key}`,
            actor: JSON.stringify(ACTOR),
            registration,
            activityId,
          });
          return { url: `${base}/pkg/${id}/cmi5.html?${params}`, session, activityId };
        },
        close: () => new Promise((resolve) => server.close(resolve)),
      });
    }),
  );
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), "peerpath-cmi5-"));
  const out = join(folder, "zips");
  execFileSync("cargo", ["run", "-q", "-p", "peerpath-cli", "--", "package", "--dist", join(ROOT, "dist"), "--format", "cmi5", "--out", out], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  for (const zip of readdirSync(out)) {
    execFileSync("python3", ["-m", "zipfile", "-e", join(out, zip), join(folder, "pkg", zip.replace("-cmi5.zip", ""))]);
  }
  modules = readdirSync(join(folder, "pkg")).sort();
  files = await serve(join(folder, "pkg"));
  lrs = await startLrs();
  lms = await stubLms(files.url);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await lms?.close();
  await files?.close();
  await lrs?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** A page's problems, less the one 404 the State API answers by design: the unit's own
 *  state document does not exist before the first launch of a registration (the stub records
 *  every 404 it answers, and the test checks those separately). */
function problems(page) {
  return page.problems.filter((p) => !/status of 404/.test(p));
}

/** Opens a launch; resolves once the page shows the module (or a problem). */
async function open(url, viewport = { width: 1280, height: 900 }) {
  const page = await openPage(browser, { viewport });
  await page.goto(url);
  await page.waitForSelector(".content-note, .notice-problem");
  return page;
}


/** Waits until the page's outbox is empty (the status line counts what waits). */
async function delivered(page) {
  await page.waitForFunction(() => !/waiting to be sent/.test(document.querySelector(".launch-status")?.textContent ?? ""), null, { timeout: 60_000 });
}

/** Waits until Ralph holds `count` statements of `registration`; returns them. */
async function held(registration, count) {
  for (let i = 0; i < 200; i++) {
    const statements = await lrs.statements({ registration });
    if (statements.length >= count) {
      // A moment more, so a late duplicate would show.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return lrs.statements({ registration });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const statements = await lrs.statements({ registration });
  assert.fail(`Ralph holds ${statements.length} statements of ${registration}, expected ${count}`);
}

const verb = (s) => s.verb.id.replace(VERB, "");

/** Checks one session's statements against cmi5's rules. */
function checkSession(statements, label) {
  assert.equal(verb(statements[0]), "initialized", `${label}: initialized first`);
  assert.equal(verb(statements.at(-1)), "terminated", `${label}: terminated last`);
  const defined = statements.filter((s) => verb(s) !== "answered").map(verb);
  assert.equal(new Set(defined).size, defined.length, `${label}: no cmi5 defined verb twice in a session`);
}

// Ensures each shipped module, launched by a cmi5 LMS, reports a whole play-through across a
// pause and a relaunch: valid statements, in order, each fact once, and resume from the
// unit's own state.
test("cmi5: every shipped module reports a play-through across a relaunch to a real LRS", async () => {
  assert.equal(modules.length, 7, "seven shipped modules packaged");
  for (const id of modules) {
    const registration = randomUUID();
    const first = lms.launchUrl(id, { registration });
    let page = await open(first.url);
    assert.match(await page.locator(".launch-status").innerText(), /reported to your organization's learning platform \(cmi5\)/);
    if (id === modules[0]) await assertAccessible(page, "cmi5 launch page");
    await page.click(".actions .button-primary");
    assert.equal(await playOn(page, 2), 2);
    const pausedAt = await page.locator(".scene h2").innerText();
    await page.click(".pause");
    await delivered(page);
    assert.deepEqual(problems(page), [], `${id}: no errors in the page`);
    assert.deepEqual(lms.notFound.splice(0), ["GET /lms/xapi/activities/state?stateId=https://peerpath.example/xapi/state/progress"], `${id}: the only 404 is the first read of the unit's state`);
    await page.close({ runBeforeUnload: true });
    await held(registration, 4); // initialized, 2 answered, terminated

    const second = lms.launchUrl(id, { registration });
    page = await open(second.url);
    assert.equal(await page.locator(".actions .button-primary").innerText(), "Resume");
    await page.click(".actions .button-primary");
    await page.waitForSelector(".scene");
    assert.equal(await page.locator(".scene h2").innerText(), pausedAt, `${id}: resumed where paused`);
    const more = await playOn(page);
    const decisions = 2 + more;
    const passed = /outcome-(strong|mixed)/.test(await page.locator(".ending [class*='outcome-']").getAttribute("class"));
    await delivered(page);
    assert.deepEqual(page.problems, [], `${id}: no errors in the page`);
    assert.deepEqual(lms.notFound.splice(0), [], `${id}: the relaunch reads the unit's state`);
    await page.close({ runBeforeUnload: true });

    // initialized ×2, answered per decision, completed, passed|failed, terminated ×2.
    const statements = await held(registration, decisions + 6);
    assert.equal(statements.length, decisions + 6, `${id}: each fact once`);
    // Each fact once: an LRS keeps one statement per id, so a fact sent twice would show as
    // two statements with different ids about the same scene or verb.
    const answeredScenes = statements.filter((s) => verb(s) === "answered").map((s) => s.object.id);
    assert.equal(new Set(answeredScenes).size, answeredScenes.length, `${id}: no decision answered twice`);
    for (const statement of statements) {
      const { stored, authority, version, ...sent } = statement;
      assert.deepEqual(validate(sent).map((w) => `${w.path?.join?.(".")}: ${w.message ?? w}`), [], `${id}: ${verb(statement)} is valid xAPI`);
      assert.deepEqual(statement.actor, ACTOR);
      assert.equal(statement.context.registration, registration);
      assert.ok([first.session, second.session].includes(statement.context.extensions[SESSION]), `${id}: the session id from the context template`);
      assert.equal(statement.context.contextActivities.grouping[0].id, `urn:peerpath:module:${id}`);
    }
    const bySession = (session) => statements.filter((s) => s.context.extensions[SESSION] === session);
    checkSession(bySession(first.session), `${id} first session`);
    checkSession(bySession(second.session), `${id} second session`);
    assert.equal(statements.filter((s) => verb(s) === "answered").length, decisions, `${id}: one answered per decision`);
    const completed = statements.filter((s) => verb(s) === "completed");
    assert.equal(completed.length, 1);
    assert.equal(completed[0].result.completion, true);
    assert.equal(completed[0].result.score, undefined, "completed has no score");
    const verdicts = statements.filter((s) => ["passed", "failed"].includes(verb(s)));
    assert.deepEqual(verdicts.map(verb), [passed ? "passed" : "failed"], `${id}: the verdict`);
    assert.equal(verdicts[0].result.success, passed);
    assert.ok(verdicts[0].result.score.scaled >= 0 && verdicts[0].result.score.scaled <= 1);
    for (const s of [...completed, ...verdicts]) {
      const categories = s.context.contextActivities.category.map((c) => c.id);
      assert.ok(categories.includes("https://w3id.org/xapi/cmi5/context/categories/moveon"));
      assert.equal(s.object.id, first.activityId);
    }
    const answered = statements.filter((s) => verb(s) === "answered");
    for (const s of answered) {
      assert.equal(s.object.definition.interactionType, "choice");
      assert.match(s.object.id, new RegExp(`^${first.activityId}/scenes/[a-z0-9-]+$`));
      assert.equal(s.context.contextActivities.category, undefined, "answered is not a cmi5 defined statement");
    }
  }
});

// Ensures Browse mode reports only initialized and terminated, whatever the learner does.
test("cmi5: a Browse launch reports only initialized and terminated", async () => {
  const registration = randomUUID();
  const { url } = lms.launchUrl("de-escalation", { registration, mode: "Browse" });
  const page = await open(url);
  await page.click(".actions .button-primary");
  await playOn(page, 3);
  await page.close({ runBeforeUnload: true });
  const statements = await held(registration, 2);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual((await lrs.statements({ registration })).map(verb), ["initialized", "terminated"]);
  assert.equal(statements.length, 2);
});

// Ensures statements wait in the browser while the LRS is down and each arrives exactly once
// when it is back.
test("cmi5: the LRS goes down mid-play and comes back; every statement arrives exactly once", async () => {
  const registration = randomUUID();
  const { url } = lms.launchUrl("role-boundaries", { registration });
  const page = await open(url, { width: 390, height: 844 });
  await page.click(".actions .button-primary");
  await playOn(page, 2);
  await delivered(page);
  await lrs.stop();
  await playOn(page, 5);
  await page.waitForFunction(() => /waiting to be sent/.test(document.querySelector(".launch-status")?.textContent ?? ""));
  assert.match(await page.locator(".launch-status").innerText(), /kept in this browser until the platform confirms/);
  await lrs.start();
  // The outbox retries with backoff (1 s, 2 s, 4 s …); going online sends at once.
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await delivered(page);
  await page.close({ runBeforeUnload: true });
  const statements = await held(registration, 1 + 7 + 1);
  assert.equal(statements.filter((s) => verb(s) === "answered").length, 7);
  const answeredScenes = statements.filter((s) => verb(s) === "answered").map((s) => s.object.id);
  assert.equal(new Set(answeredScenes).size, 7, "no decision answered twice");
  assert.equal(statements.length, 9);
});

// Ensures a launch address that is not a cmi5 launch says so and still plays.
test("cmi5: a package opened with a broken launch address says why and plays unreported", async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(`${lms.base}/pkg/de-escalation/cmi5.html?endpoint=${encodeURIComponent(`${lms.base}/lms/xapi/`)}&fetch=x&actor=%7B%7D&registration=nope&activityId=a`);
  await page.waitForSelector(".content-note");
  assert.match(await page.locator(".launch-status").innerText(), /No learning platform found.*`fetch` is not an http\(s\) address/s);
  await page.click(".actions .button-primary");
  await page.waitForSelector(".scene");
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Ensures a learner who leaves through the LMS's return address ends the session there, with
// terminated sent first.
test("cmi5: Return to your course ends the session and goes to the LMS's return address", async () => {
  const registration = randomUUID();
  const { url } = lms.launchUrl("trauma-informed-supervision", { registration, returnURL: `${lms.base}/lms/returned` });
  const page = await open(url);
  await page.click(".actions .button-primary");
  assert.equal(await playOn(page, 1), 1);
  await page.click(".pause");
  await page.click(".leave");
  await page.waitForURL(`${lms.base}/lms/returned`);
  assert.equal(await page.locator("h1").innerText(), "Back in the course");
  const statements = await held(registration, 3);
  assert.deepEqual(statements.map(verb), ["initialized", "answered", "terminated"]);
  await page.close();
});

// Ensures statements left from a session the LMS has since abandoned (the LRS was down when
// the window closed) never hold up the next session's: a strict LMS refuses them.
test("cmi5: leftovers of an abandoned session never block the next session", async () => {
  const registration = randomUUID();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let page = await context.newPage();
  await page.goto(lms.launchUrl("community-partnering", { registration }).url);
  await page.waitForSelector(".content-note");
  await page.click(".actions .button-primary");
  await playOn(page, 1);
  await delivered(page);
  await lrs.stop();
  await playOn(page, 2);
  await page.close({ runBeforeUnload: true });
  await lrs.start();
  const second = lms.launchUrl("community-partnering", { registration });
  page = await context.newPage();
  await page.goto(second.url);
  await page.waitForSelector(".content-note");
  await delivered(page);
  assert.doesNotMatch(await page.locator(".launch-status").innerText(), /refused/);
  const statements = await held(registration, 3);
  const secondSession = statements.filter((s) => s.context.extensions[SESSION] === second.session);
  assert.deepEqual(secondSession.map(verb), ["initialized"], "the new session's statements arrive");
  await context.close();
});

// Ensures a unit whose saved place cannot be read (the LMS's state store fails) reports
// nothing and changes nothing, rather than starting over on top of it.
test("cmi5: an unreadable saved place changes nothing and says why", async () => {
  const registration = randomUUID();
  const { url } = lms.launchUrl("de-escalation", { registration, stateFails: true });
  const page = await open(url);
  assert.match(await page.locator(".launch-status").innerText(), /saved place could not be read \(HTTP 500\)/);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(await lrs.statements({ registration }), [], "nothing was reported");
  await page.close();
});
