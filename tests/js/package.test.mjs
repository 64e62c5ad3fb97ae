// The npm package as a user gets it: packed, installed from the tarball into a scratch project
// outside the repo, imported by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));

test('npm pack → install the tarball → import "tidewater" → write and query', { timeout: 180_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tidewater-pkg-'));
  try {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: repo, encoding: 'utf8' });
    const [{ filename, files }] = JSON.parse(out);
    const packed = files.map((f) => f.path);
    for (const f of ['wasm/index.js', 'wasm/index.d.ts', 'wasm/dist/tidewater.js', 'wasm/dist/tidewater.wasm', 'wasm/cli.js', 'wasm/cli/commands.js', 'wasm/transport.js'])
      assert.ok(packed.includes(f), `${f} is in the package`);
    assert.ok(!packed.some((f) => f.startsWith('core/') || f.startsWith('tests/')), 'no sources or tests in the package');

    const app = join(scratch, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(scratch, filename)], { cwd: app, stdio: 'pipe' });
    writeFileSync(join(app, 'main.mjs'), `
      import { Tidewater, NotFoundError } from 'tidewater';
      const db = await Tidewater.open({ name: 'pkg' });
      const { token } = await db.setup({ username: 'u', password: 'password1', org: 'o', bucket: 'b' });
      await db.write(token, { org: 'o', bucket: 'b', precision: 's' }, 'm,t=x v=1.25 1700000000\\nm,t=x v=2.5 1700000001');
      const rows = await db.query(token, { org: 'o' }, 'from(bucket: "b") |> range(start: 2023-11-14T00:00:00Z, stop: 2023-11-15T00:00:00Z)');
      let notFound = false;
      try { await db.write(token, { org: 'o', bucket: 'missing' }, 'm v=1'); } catch (e) { notFound = e instanceof NotFoundError; }
      await db.close();
      console.log(JSON.stringify({ values: rows.map((r) => r._value), notFound }));
    `);
    const result = JSON.parse(execFileSync('node', ['main.mjs'], { cwd: app, encoding: 'utf8' }).trim());
    assert.deepEqual(result, { values: [1.25, 2.5], notFound: true });
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', 'tidewater', 'package.json'), 'utf8'));
    assert.equal(installed.name, 'tidewater');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
