// `npm run build` (after the wasm): copies the dashboard into web-dist/, a folder any static
// host can serve as it is (relative URLs, no server code), with the Service Worker's
// precache manifest (sw-manifest.json) written next to it.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { appFiles, repoRoot, swManifest } from './web_files.mjs';

const out = resolve(repoRoot, process.argv[2] ?? 'web-dist');
const files = await appFiles();
if (!files.some((f) => f.url === 'wasm/dist/tidewater.wasm')) {
  console.error('wasm/dist/tidewater.wasm is missing: run bash scripts/build.sh wasm first');
  process.exit(1);
}
await rm(out, { recursive: true, force: true });
for (const { url, file } of files) {
  const target = join(out, url);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(file, target);
}
const manifest = await swManifest(files);
await writeFile(join(out, 'sw-manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`web-dist: ${files.length} files, version ${manifest.version} → ${out}`);
