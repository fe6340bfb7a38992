// Prints the Content-Security-Policy for the site built in dist/ (or the folder given):
// everything from the site itself, WebAssembly allowed to compile, and the one inline
// loader script trunk writes, by its hash. No 'unsafe-inline', no 'unsafe-eval'.
//   node scripts/csp.mjs [dist] [frame-ancestor origin ...]
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The policy for the index.html text, allowing `ancestors` to embed the site. */
export function policy(indexHtml, ancestors = []) {
  const hashes = [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    // The service worker (sw.js) and the install manifest: the site's own files only.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    `frame-ancestors 'self' ${ancestors.join(" ")}`.trim(),
  ].join("; ");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [folder = "dist", ...ancestors] = process.argv.slice(2);
  console.log(policy(readFileSync(join(folder, "index.html"), "utf8"), ancestors));
}
