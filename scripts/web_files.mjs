// What the dashboard is made of, as URL path → file on disk: web/ at the root, the package's
// browser JS and wasm under wasm/, uPlot under vendor/uplot/. Used by scripts/serve.mjs (serving
// the checkout), scripts/build_web.mjs (copying it into web-dist/) and both to write the
// Service Worker's precache manifest (sw-manifest.json: every file and a version hash).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// URL prefix → folder; the first matching prefix wins.
export const MOUNTS = [
  ['wasm/', join(repoRoot, 'wasm')],
  ['vendor/uplot/', join(repoRoot, 'node_modules', 'uplot', 'dist')],
  ['', join(repoRoot, 'web')],
];

// The files each mount contributes to the app (the wasm folder also holds Node-only code).
const PICK = {
  'wasm/': (rel) => (/^[^/]+\.js$/.test(rel) && !['cli.js', 'server.js'].includes(rel)) || /^dist\/tidewater\.(js|wasm)$/.test(rel),
  'vendor/uplot/': (rel) => rel === 'uPlot.esm.js' || rel === 'uPlot.min.css',
  '': (rel) => !rel.startsWith('vendor/') && !rel.endsWith('.md'),
};

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** [{ url: 'pages/buckets.js', file: '/abs/web/pages/buckets.js' }, ...] sorted by url. */
export async function appFiles() {
  const files = [];
  for (const [prefix, dir] of MOUNTS) {
    let found = [];
    try { found = await walk(dir); } catch { continue; }
    for (const file of found) {
      const rel = relative(dir, file).split(sep).join('/');
      if (PICK[prefix](rel)) files.push({ url: prefix + rel, file });
    }
  }
  return files.sort((a, b) => a.url.localeCompare(b.url));
}

/** The precache manifest: { version, files: ['./', 'index.html', ...] } (URLs relative to the app root). */
export async function swManifest(files) {
  const hash = createHash('sha256');
  for (const { url, file } of files) {
    hash.update(url);
    hash.update(await readFile(file));
  }
  const urls = files.map((f) => f.url).filter((u) => u !== 'sw.js');
  return { version: hash.digest('hex').slice(0, 16), files: ['./', ...urls] };
}
