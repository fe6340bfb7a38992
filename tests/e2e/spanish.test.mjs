// The whole learner's flow in Spanish: the language follows the browser, the interface and the
// translated modules are in Spanish with <html lang="es"> and no axe-core violations, a module
// without a translation says so and is marked as English, the choice of language is
// remembered and followed by other tabs, an embed can set it in its address, and progress is
// one and the same in both languages.
import { test } from "node:test";
import assert from "node:assert/strict";

import { builtSite, openPage, assertAccessible, playOn, at } from "./helpers.mjs";

const env = builtSite();

/** English words that never occur in Spanish text: one of them outside an element marked
 *  `lang="en"` (or a cited source, whose title is the document's own) is English left in a
 *  Spanish page. */
const ENGLISH = /\b(the|and|your|you|with|this|that|what|Step|Continue|Start|Pause|Choose|module|progress)\b/;

/** The page's visible text that claims to be Spanish: everything outside `lang="en"`. */
function spanishText(page) {
  return page.evaluate(() => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest('[lang="en"], .references, .visually-hidden script, noscript')) continue;
      if (!element.checkVisibility?.()) continue;
      parts.push(node.textContent);
    }
    return parts.join(" ").replace(/\s+/g, " ");
  });
}

async function assertSpanish(page, label) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), "es", `${label}: <html lang>`);
  const text = await spanishText(page);
  const found = text.match(ENGLISH);
  assert.equal(found, null, `${label}: English left in a Spanish page: “…${found ? text.slice(Math.max(0, found.index - 60), found.index + 60) : ""}…”`);
  await assertAccessible(page, `${label} (Spanish)`);
}

test("a Spanish-speaking learner gets the catalog, a module and its debrief in Spanish", async () => {
  const page = await openPage(env.browser, { locale: "es-MX", viewport: { width: 390, height: 844 } });
  await page.goto(env.site.url);
  await page.waitForSelector(".card-title a");
  assert.match(await page.locator("h1").innerText(), /Módulos de práctica/);
  await assertSpanish(page, "the catalog");
  // A translated module shows its Spanish card; one without a translation says so.
  const spanishCard = page.locator(".card", { has: page.locator('a[href$="/module/de-escalation"]') });
  assert.match(await spanishCard.locator(".card-title").innerText(), /Desescalada/);
  const englishCard = page.locator(".card", { has: page.locator('a[href$="/module/shared-crisis"]') });
  assert.equal(await englishCard.locator(".card-title").getAttribute("lang"), "en");
  assert.match(await englishCard.innerText(), /Solo en inglés/);

  await spanishCard.locator(".card-title a").click();
  await page.waitForSelector(".content-note");
  await assertSpanish(page, "the module intro");
  await page.click(".actions .button-primary");
  await page.waitForSelector(".scene");
  await assertSpanish(page, "a scene");
  await page.locator(".choice:not([disabled])").first().click();
  await page.waitForSelector(".feedback");
  await assertSpanish(page, "feedback");
  await playOn(page);
  await page.waitForSelector(".ending");
  await assertSpanish(page, "the ending and its debrief");

  // My progress, on the tools page, in Spanish too.
  await page.goto(at(env.site.url, "#/progress"));
  await page.waitForSelector("h1");
  await page.waitForFunction(() => document.documentElement.lang === "es");
  await assertSpanish(page, "My progress");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the language can be switched on any page, is remembered, and other tabs follow", async () => {
  const context = await env.browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await page.goto(env.site.url);
  await page.waitForSelector(".card-title a");
  const other = await context.newPage();
  await other.goto(`${env.site.url}#/module/role-boundaries`);
  await other.waitForSelector(".content-note");
  assert.equal(await other.evaluate(() => document.documentElement.lang), "es");
  assert.match(await other.locator("h1").innerText(), /Sostener el rol de par/);

  // Each language is named in itself and marked with its own lang.
  const english = page.locator('.language-switcher button[lang="en"]');
  assert.equal(await english.innerText(), "English");
  assert.equal(await page.locator('.language-switcher button[lang="es"]').getAttribute("aria-pressed"), "true");
  await english.click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.match(await page.locator("h1").innerText(), /Practice modules/);
  assert.equal(await english.getAttribute("aria-pressed"), "true");
  // The other tab follows, module text included.
  await other.waitForFunction(() => document.documentElement.lang === "en");
  await other.waitForFunction(() => /Holding the peer role/.test(document.querySelector("h1")?.textContent ?? ""));
  // Remembered over the browser's own preference.
  await page.reload();
  await page.waitForSelector(".card-title a");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await page.locator('.language-switcher button[lang="es"]').click();
  await page.waitForFunction(() => document.documentElement.lang === "es");
  await context.close();
});

test("an embed sets the language in its address, without changing the learner's choice", async () => {
  const page = await openPage(env.browser, { locale: "en-US" });
  await page.goto(`${env.site.url}#/embed/de-escalation?lang=es`);
  await page.waitForSelector(".content-note");
  await page.click(".actions .button-primary");
  await page.waitForSelector(".scene");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "es");
  const spanish = await page.locator(".scene-text").innerText();
  await assertSpanish(page, "an embedded scene");
  // Not saved: the site itself stays in the browser's language.
  await page.goto(env.site.url);
  await page.reload();
  await page.waitForSelector(".card-title a");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  // And the embed in English shows the same scene in English.
  await page.goto(`${env.site.url}#/embed/de-escalation?lang=en`);
  await page.reload();
  await page.waitForSelector(".content-note, .scene");
  if (await page.locator(".actions .button-primary").count()) await page.click(".actions .button-primary");
  await page.waitForSelector(".scene");
  assert.notEqual(await page.locator(".scene-text").innerText(), spanish);
  // The snippet page sets it for the administrator: the learner's own, or one fixed.
  await page.goto(at(env.site.url, "#/share/de-escalation"));
  await page.waitForSelector("#snippet");
  assert.match(await page.locator("#snippet").inputValue(), /#\/embed\/de-escalation"/);
  await page.selectOption("#embed-language", "es");
  assert.match(await page.locator("#snippet").inputValue(), /#\/embed\/de-escalation\?lang=es"/);
  await assertAccessible(page, "the embed snippet with a language");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("progress is one and the same in both languages", async () => {
  const context = await env.browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await page.goto(`${env.site.url}#/play/role-boundaries`);
  await page.waitForSelector(".choice:not([disabled])");
  await playOn(page, { decisions: 3 });
  await page.waitForSelector(".scene, .feedback");
  const stepSpanish = await page.locator(".scene h2, .feedback h2").first().innerText();
  // Switch to English on the intro, and carry on where the Spanish attempt stood.
  await page.goto(`${env.site.url}#/module/role-boundaries`);
  await page.waitForSelector(".content-note");
  await page.locator('.language-switcher button[lang="en"]').click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.click(".actions .button-primary");
  await page.waitForSelector(".scene, .feedback");
  const stepEnglish = await page.locator(".scene h2, .feedback h2").first().innerText();
  assert.equal(stepEnglish.replace(/\D/g, ""), stepSpanish.replace(/\D/g, ""), "the same step in both languages");
  await context.close();
});

test("a site's own module and its translation, listed in site.toml, show in Spanish; a broken translation says why", async () => {
  const { cp, mkdtemp, readFile, rm, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { serve } = await import("./server.mjs");
  const folder = await mkdtemp(join(tmpdir(), "peerpath-own-es-"));
  const modules = new URL("../../modules/", import.meta.url).pathname;
  await cp(new URL("../../dist/", import.meta.url).pathname, folder, { recursive: true });
  const rename = (text, from, to) => text.replace(`id = "${from}"`, `id = "${to}"`).replace(`module = "${from}"`, `module = "${to}"`);
  await writeFile(join(folder, "modules/our-boundaries.toml"), rename(await readFile(join(modules, "role-boundaries.toml"), "utf8"), "role-boundaries", "our-boundaries"));
  await writeFile(join(folder, "modules/our-boundaries.es.toml"), rename(await readFile(join(modules, "role-boundaries.es.toml"), "utf8"), "role-boundaries", "our-boundaries"));
  await writeFile(join(folder, "modules/our-circle.toml"), rename(await readFile(join(modules, "circle-of-influence.toml"), "utf8"), "circle-of-influence", "our-circle"));
  await writeFile(join(folder, "modules/our-circle.es.toml"), 'format = 1\nmodule = "our-circle"\nlanguage = "es"\ntitle = "Círculo"\ngoto = "end"\n');
  const siteToml = await readFile(join(folder, "site.toml"), "utf8");
  await writeFile(
    join(folder, "site.toml"),
    `modules = ["de-escalation.toml", "our-boundaries.toml", "our-boundaries.es.toml", "our-circle.toml", "our-circle.es.toml"]\n${siteToml}`,
  );
  const site = await serve(folder);
  try {
    // In English, no translation is fetched.
    const english = await openPage(env.browser, { locale: "en-US" });
    await english.goto(site.url);
    await english.waitForSelector('.card-title a[href$="/module/our-boundaries"]');
    assert.equal(await english.locator(".card").count(), 3, "translations are not cards of their own");
    assert.ok(!site.requests.some((path) => path.endsWith(".es.toml")), site.requests.join(" "));
    await english.context().close();

    const page = await openPage(env.browser, { locale: "es-MX", serviceWorkers: "block" });
    await page.goto(site.url);
    const ours = page.locator(".card", { has: page.locator('a[href$="/module/our-boundaries"]') });
    await ours.locator(".card-title", { hasText: "Sostener el rol de par" }).waitFor();
    assert.equal(await ours.locator(".card-title").getAttribute("lang"), null);
    const broken = page.locator(".card", { has: page.locator('a[href$="/module/our-circle"]') });
    await broken.locator(".card-problem").waitFor();
    assert.equal(await broken.locator(".card-title").getAttribute("lang"), "en");
    assert.match(await broken.locator(".card-problem").innerText(), /our-circle\.es\.toml/);
    assert.match(await broken.locator(".card-problem").innerText(), /E001|goto/);
    await assertSpanish(page, "the catalog with a site's own translated module");
    await page.goto(`${site.url}#/play/our-boundaries`);
    await page.waitForSelector(".choice:not([disabled])");
    await assertSpanish(page, "a site's own module, translated");
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await site.close();
    await rm(folder, { recursive: true, force: true });
  }
});
