// Lighthouse (mobile preset: a mid-range phone on a slow 4G link, simulated) against the
// release build served with brotli on loopback: performance score and layout shift for the
// catalog and for playing a built-in module. Prints one JSON object on stdout.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

import { serve } from "../tests/e2e/server.mjs";

const DIST = new URL("../dist/", import.meta.url).pathname;
const PAGES = { catalog: "", play: "#/play/de-escalation" };

const site = await serve(DIST, { brotli: true });
const chrome = await chromeLauncher.launch({
  chromePath: "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const result = {};
try {
  for (const [name, hash] of Object.entries(PAGES)) {
    const runs = [];
    for (let run = 0; run < 3; run++) {
      const { lhr } = await lighthouse(`${site.url}${hash}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance"],
      });
      runs.push({
        score: Math.round(lhr.categories.performance.score * 100),
        lcp_ms: lhr.audits["largest-contentful-paint"].numericValue,
        fcp_ms: lhr.audits["first-contentful-paint"].numericValue,
        cls: lhr.audits["cumulative-layout-shift"].numericValue,
        tbt_ms: lhr.audits["total-blocking-time"].numericValue,
      });
    }
    runs.sort((a, b) => a.score - b.score);
    result[name] = { median: runs[1], runs };
  }
} finally {
  await chrome.kill();
  await site.close();
}
console.log(JSON.stringify(result));
