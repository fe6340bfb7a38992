// A real LRS for the tests: Ralph (PyPI ralph-malph), from the venv scripts/setup.sh makes,
// on a loopback port, with one user and its data in a temporary folder. Started and stopped by
// the tests that need it; `stop` and `start` again keep the data (the "LRS goes down" test).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const PYTHON = join(ROOT, ".venv-ralph/bin/python");
const RALPH = join(ROOT, ".venv-ralph/bin/ralph");

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts Ralph allowing CORS from `origins`. Resolves to { url, authorization, stop, start,
 *  statements(query), close }; `url` is the xAPI base (…/xAPI/). */
export async function startLrs({ origins = [] } = {}) {
  const folder = mkdtempSync(join(tmpdir(), "peerpath-ralph-"));
  const port = await freePort();
  const env = {
    ...process.env,
    RALPH_RUNSERVER_BACKEND: "fs",
    RALPH_AUTH_FILE: join(folder, "auth.json"),
    RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH: join(folder, "data"),
    RALPH_RUNSERVER_CORS_ALLOW_ORIGINS: JSON.stringify(origins),
  };
  execFileSync(RALPH, ["auth", "-u", "peerpath", "-p", "peerpath-secret", "-s", "all", "-A", "peerpath-tests", "https://peerpath.example", "-w"], { env, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  const authorization = `Basic ${Buffer.from("peerpath:peerpath-secret").toString("base64")}`;
  let child = null;

  async function start() {
    child = spawn(PYTHON, [join(ROOT, "tests/ralph_lrs.py"), "127.0.0.1", String(port)], { env, detached: true, stdio: "ignore" });
    for (let i = 0; i < 300; i++) {
      try {
        const answer = await fetch(`${base}/__heartbeat__`);
        if (answer.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("Ralph did not start within 30 s");
  }

  async function stop() {
    if (!child) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await exited;
    child = null;
  }

  /** Every statement the LRS holds matching `query` (e.g. { registration }), in the order
   *  the LRS stored them (Ralph's fs backend ignores `ascending`, so they are sorted here). */
  async function statements(query = {}) {
    const all = [];
    let url = `${base}/xAPI/statements?${new URLSearchParams({ limit: "500", ascending: "true", ...query })}`;
    while (url) {
      const answer = await fetch(url, { headers: { authorization, "x-experience-api-version": "1.0.3" } });
      if (!answer.ok) throw new Error(`Ralph answered ${answer.status}: ${await answer.text()}`);
      const page = await answer.json();
      all.push(...page.statements);
      url = page.more ? new URL(page.more, base).href : null;
    }
    return all.sort((a, b) => a.stored.localeCompare(b.stored));
  }

  await start();
  return {
    url: `${base}/xAPI/`,
    origin: base,
    authorization,
    start,
    stop,
    statements,
    close: async () => {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
