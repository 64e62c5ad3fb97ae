// Shared by the cli*.test.mjs files: runs the `tidewater` command in a child process, starts
// `tidewater serve` on a free port, and runs one test body against both targets (a data
// directory and a server), each in a fresh temporary directory with its own configs file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

export const cli = resolve(fileURLToPath(new URL('../../wasm/cli.js', import.meta.url)));
export const sharedDir = resolve(fileURLToPath(new URL('../../../shared', import.meta.url)));

export function runCli(env, args, input) {
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, input, encoding: 'utf8',
    maxBuffer: 256 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export async function startServe(dataDir) {
  const server = spawn(process.execPath, [cli, 'serve', '--dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  let url;
  for await (const chunk of server.stdout) {
    text += chunk;
    url = text.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    if (url) break;
  }
  if (!url) throw new Error(`tidewater serve did not start: ${text}`);
  return {
    url,
    async stop() {
      server.kill('SIGTERM');
      if (server.exitCode === null) await once(server, 'exit');
    },
  };
}

// Defines two tests, "<name> (directory)" and "<name> (serve)". body({ run, where, tmp, url })
// gets `run(args, input)` with the temporary configs file set, and `where`: the flags that
// pick the target (for `setup`). After `setup`, the saved config supplies target, org, token.
export function testBothTargets(name, body, { timeout = 180_000 } = {}) {
  for (const target of ['directory', 'serve']) {
    test(`${name} (${target})`, { timeout }, async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'tidewater-cli-'));
      const server = target === 'serve' ? await startServe(join(tmp, 'data')) : null;
      const env = { TIDEWATER_CONFIGS_PATH: join(tmp, 'configs.json') };
      try {
        const run = (args, input, extraEnv = {}) => runCli({ ...env, ...extraEnv }, args, input);
        const where = server ? ['--host', server.url] : ['--dir', join(tmp, 'data')];
        await body({ run, where, tmp, url: server?.url, target });
      } finally {
        await server?.stop();
        rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
}

// The tutorial's onboarding through the CLI; returns nothing, asserts it worked.
export function setupTutorial(run, where) {
  const r = run(['setup', ...where, '--username', 'ada', '--password', 'lovelace-1815', '--org', 'home-org',
    '--bucket', 'get-started', '--retention', '0']);
  assert.equal(r.code, 0, r.err);
}

// Data rows of annotated CSV (lines that start with ",,").
export const csvRows = (csv) => csv.split(/\r?\n/).filter((l) => l.startsWith(',,'));
