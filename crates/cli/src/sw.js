// PeerPath's service worker, written by `peerpath build` (crates/cli/src/sw.js): it lets a
// learner who visited once play every listed module with the network off.
//
// - The files this build needs to play (the page, the player's wasm, the styles, the icons,
//   the catalog and every module as learners play it) are downloaded when the worker
//   installs, into a cache named after this build. They are answered from that cache.
// - Other files whose names carry a content hash (the tools page's wasm, the module reader,
//   trainer modules) are cached the first time they are fetched, and answered from there.
// - Files an administrator edits without rebuilding (site.toml, the site's own modules, its
//   logo) come from the network first, with the last copy as the fallback offline.
// - A new build waits: the page shows "A new version is ready" and only the learner's
//   "Update now" makes this worker step aside. Nothing here calls skipWaiting() unasked.
//
// Caches are named `peerpath:<scope path>:…`, so two PeerPath sites on one host never touch
// each other's. Requests to other origins (an LRS) and anything but GET pass through.

const BUILD = "__BUILD__";
// Downloaded at install: paths relative to this file.
const PRECACHE = __PRECACHE__;
// Every hashed file this build has: runtime copies of any other hashed file (an older build's)
// are dropped when this build takes over.
const HASHED_FILES = __HASHED_FILES__;
// Files fetched network-first even though they are precached: the administrator edits them.
const NETWORK_FIRST = ["site.toml"];
// How long a weak signal may hang before the cached copy is used.
const NETWORK_TIMEOUT_MS = 4000;

const SCOPE = new URL(self.registration.scope).pathname;
const PREFIX = `peerpath:${SCOPE}:`;
const SHELL = `${PREFIX}${BUILD}`;
const RUNTIME = `${PREFIX}runtime`;
const HASHED = /[.-][0-9a-f]{12,16}(_bg|_start|_loader)?\.(js|wasm|css|svg|png|ppm)$/;
const MANIFEST = "manifest.webmanifest";

/** The path of a URL relative to the scope, or null when it is outside it. */
function relative(url) {
  const parsed = new URL(url, self.registration.scope);
  if (parsed.origin !== self.location.origin || !parsed.pathname.startsWith(SCOPE)) return null;
  return parsed.pathname.slice(SCOPE.length);
}

function absolute(path) {
  return new URL(path, self.registration.scope).href;
}

self.addEventListener("install", (event) => {
  // `reload`: past the HTTP cache, so a host's stale copy never lands in a new build's cache.
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(absolute(path), { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== SHELL && name !== RUNTIME) await caches.delete(name);
      }
      const runtime = await caches.open(RUNTIME);
      const known = new Set(HASHED_FILES);
      for (const request of await runtime.keys()) {
        const path = relative(request.url);
        if (path !== null && HASHED.test(path) && !known.has(path)) await runtime.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (typeof data !== "object" || data === null) return;
  if (data.type === "skip-waiting") self.skipWaiting();
  else if (data.type === "keep" && Array.isArray(data.urls)) event.waitUntil(keep(data.urls));
  else if (data.type === "site") event.waitUntil(siteManifest(data));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  let path = relative(request.url);
  if (path === null || path === "sw.js") return;
  if (request.mode === "navigate" && path === "") path = "index.html";
  event.respondWith(answer(request, path));
});

async function answer(request, path) {
  const shell = await caches.open(SHELL);
  const navigate = request.mode === "navigate";
  if (path === MANIFEST) {
    const site = await (await caches.open(RUNTIME)).match(absolute(MANIFEST));
    if (site) return site;
  }
  if (PRECACHE.includes(path) && !NETWORK_FIRST.includes(path)) {
    const hit = await shell.match(absolute(path), { ignoreSearch: navigate });
    if (hit) return hit;
  }
  if (HASHED.test(path)) return cacheFirst(request, path);
  return networkFirst(request, path, shell);
}

/** A file named by its content never changes: the cached copy, else the network's, kept. */
async function cacheFirst(request, path) {
  const runtime = await caches.open(RUNTIME);
  const hit = await runtime.match(absolute(path));
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await runtime.put(absolute(path), response.clone());
  return response;
}

/** The network's copy (kept for later), or the last one kept when the network fails or is
 *  slower than NETWORK_TIMEOUT_MS and a copy exists. */
async function networkFirst(request, path, shell) {
  const runtime = await caches.open(RUNTIME);
  const kept = async () =>
    (await runtime.match(absolute(path), { ignoreSearch: request.mode === "navigate" })) ??
    (await shell.match(absolute(path), { ignoreSearch: request.mode === "navigate" }));
  const network = fetch(request).then(async (response) => {
    if (response.ok) await runtime.put(absolute(path), response.clone());
    return response;
  });
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, NETWORK_TIMEOUT_MS, "slow");
  });
  try {
    const first = await Promise.race([network, slow]);
    if (first !== "slow") return first;
    const copy = await kept();
    return copy ?? (await network);
  } catch (error) {
    const copy = await kept();
    if (copy) return copy;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the files the page names (the site's own modules, its logo, the module reader),
 *  which it fetched before this worker controlled it. Only files in scope; failures skip. */
async function keep(urls) {
  const runtime = await caches.open(RUNTIME);
  for (const url of urls.slice(0, 200)) {
    if (typeof url !== "string") continue;
    const path = relative(url);
    if (path === null || path === "" || path === "sw.js") continue;
    if (await runtime.match(absolute(path))) continue;
    try {
      const response = await fetch(absolute(path));
      if (response.ok) await runtime.put(absolute(path), response);
    } catch {
      // Offline or gone: tried again on the next visit.
    }
  }
}

/** The install name and colours come from site.toml, which the page reads: serves this
 *  build's manifest with them from now on. */
async function siteManifest(site) {
  const built = await (await caches.open(SHELL)).match(absolute(MANIFEST));
  if (!built) return;
  const manifest = await built.json();
  const text = (value, max) => (typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, max) : null);
  const colour = (value) => (typeof value === "string" && /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : null);
  manifest.name = text(site.name, 80) ?? manifest.name;
  manifest.short_name = text(site.short_name, 30) ?? manifest.short_name;
  manifest.theme_color = colour(site.theme_color) ?? manifest.theme_color;
  manifest.lang = text(site.lang, 8) ?? manifest.lang;
  const body = JSON.stringify(manifest);
  await (await caches.open(RUNTIME)).put(
    absolute(MANIFEST),
    new Response(body, { headers: { "content-type": "application/manifest+json" } }),
  );
}
