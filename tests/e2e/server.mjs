// A tiny static file server for the browser tests and the benchmark: serves a folder on a
// loopback port, optionally under a sub-path, with the right content types.
import { createServer } from "node:http";
import zlib from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".toml": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

/** Types a static host compresses; images and wasm-compressed data are left as they are. */
const COMPRESSED = new Set([".html", ".js", ".wasm", ".css", ".svg", ".toml", ".json", ".ppm", ".md", ".webmanifest"]);

/** Serves `root` at http://127.0.0.1:<port><base>. Resolves to { url, close, requests }.
 *  With `brotli`, answers a request that accepts it with the body brotli-compressed at the
 *  highest quality, as a static host serving precompressed files does (the benchmark). */
export async function serve(root, { base = "/", headers = {}, port = 0, brotli = false } = {}) {
  const requests = [];
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    if (!path.startsWith(base)) {
      res.writeHead(404).end("not found");
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      let body = await readFile(file);
      const extra = {};
      if (brotli && COMPRESSED.has(extname(file)) && /\bbr\b/.test(req.headers["accept-encoding"] ?? "")) {
        if (!compressed.has(file)) {
          compressed.set(file, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        }
        body = compressed.get(file);
        extra["content-encoding"] = "br";
        extra["vary"] = "accept-encoding";
      }
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        ...extra,
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}
