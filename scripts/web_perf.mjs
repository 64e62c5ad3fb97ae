#!/usr/bin/env node
// Reproducible dashboard performance figures in headless Chromium (not a test: no budgets
// asserted, numbers printed):
//   - cold load to interactive: a fresh profile's first visit, --runs times;
//   - a Graph cell over the devops data (../shared/bench/gen_devops.py, --hosts 100 = the medium
//     set, 24 h), usage_user of every host with v.windowPeriod from the cell's width: query time,
//     CSV read, and drawn (uPlot's canvas committed) after the answer, --runs page loads.
// The ingested profile is kept in --profile (default /tmp/tidewater-webperf-<hosts>h), so only
// the first run pays for loading the data (the data belongs to the origin: a fixed --port). --profile-cpu DIR writes Chromium CPU profiles
// (.cpuprofile, open in Chrome DevTools) of one cold load and one graph run, and prints the
// functions with the most self time.
//
// Usage: node scripts/web_perf.mjs [--hosts 100] [--runs 5] [--dist] [--port 18086] [--profile DIR] [--profile-cpu DIR]
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, bindUi, openBrowser, repoRoot } from '../tests/browser/fixtures/web/harness.mjs';
import { createDevopsDashboard, devopsFile, serveFile, writeDevopsThroughUi } from '../tests/browser/fixtures/web/devops.mjs';

const { values: opts } = parseArgs({
  options: {
    hosts: { type: 'string', default: '100' }, runs: { type: 'string', default: '5' },
    dist: { type: 'boolean', default: false }, profile: { type: 'string' }, 'profile-cpu': { type: 'string' },
    port: { type: 'string', default: '18086' },
  },
});
const HOSTS = Number(opts.hosts);
const RUNS = Number(opts.runs);
const PROFILE = opts.profile ?? join(tmpdir(), `tidewater-webperf-${HOSTS}h`);
const LONG = { timeout: 30 * 60_000 };

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]} ms, min ${s[0]}, max ${s[s.length - 1]} (${s.join(', ')})`;
};

// CPU profile around fn: saved as .cpuprofile; returns the top self-time functions.
async function profiled(page, name, fn) {
  if (!opts['profile-cpu']) return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  await mkdir(opts['profile-cpu'], { recursive: true });
  const file = join(opts['profile-cpu'], `${name}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`  CPU profile ${file}; most self time:\n${top.map(([k, ms]) => `    ${ms.toFixed(1).padStart(8)} ms  ${k}`).join('\n')}`);
  return result;
}

async function coldLoads(baseURL) {
  const times = [];
  const engine = [];
  for (let i = 0; i < RUNS; i++) {
    const b = await openBrowser(`webperf-cold-${i}`);
    try {
      const ms = await profiled(b.page, 'cold-load', async () => {
        await b.page.goto(baseURL);
        await b.page.waitForSelector('body[data-interactive="true"]', { timeout: 60_000 });
        return (await b.page.evaluate(() => window.tidewaterInteractive)).ms;
      });
      times.push(ms);
      await b.page.waitForFunction(() => window.tidewaterEngineReady, null, { timeout: 60_000 });
      engine.push(await b.page.evaluate(() => window.tidewaterEngineReady.ms));
    } finally {
      await b.close();
    }
  }
  console.log(`cold load to interactive (setup form usable): ${stats(times)}`);
  console.log(`engine up (Worker, wasm compiled, IndexedDB open): ${stats(engine)}`);
}

// The same work on an answer of the devops cell's shape (HOSTS tables of 513 windows, ten
// tags) made in the page: CSV read + uPlot drawn, without the engine. Isolates the UI's share.
async function syntheticDraws(baseURL) {
  const b = await openBrowser('webperf-synthetic');
  try {
    await b.page.goto(baseURL);
    await b.page.waitForSelector('body[data-interactive="true"]', { timeout: 60_000 });
    const times = await profiled(b.page, 'synthetic-draw', () => b.page.evaluate(async ({ hosts, runs }) => {
      const { csvSeries } = await import('./csv_rows.js');
      const { seriesLabel } = await import('./chart.js');
      const { renderGraph } = await import('./cells/graph.js');
      const tags = ['hostname', 'region', 'datacenter', 'rack', 'os', 'arch', 'team', 'service', 'service_version', 'service_environment'];
      const parts = [`#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string${',string'.repeat(tags.length)}
#group,false,false,true,true,false,false,true,true${',true'.repeat(tags.length)}
#default,_result,,,,,,,${','.repeat(tags.length)}
,result,table,_start,_stop,_time,_value,_field,_measurement,${tags.join(',')}
`];
      for (let t = 0; t < hosts; t++) {
        const tv = tags.map((k) => `${k}_${t}`).join(',');
        for (let i = 0; i < 513; i++) {
          const time = new Date(Date.UTC(2016, 0, 1) + (i + 1) * 168_000).toISOString().replace('.000Z', 'Z');
          parts.push(`,,${t},2016-01-01T00:00:00Z,2016-01-02T00:00:00Z,${time},${(Math.sin(i / 20 + t) * 40 + 50).toFixed(12)},usage_user,cpu,${tv}\n`);
        }
      }
      const csv = parts.join('');
      const box = document.createElement('div');
      box.style.width = '1000px';
      document.body.append(box);
      const out = [];
      for (let r = 0; r < runs; r++) {
        const started = performance.now();
        const data = csvSeries(csv, seriesLabel);
        const g = renderGraph(box, data.rows, { type: 'xy', geom: 'line' }, { width: 1000, height: 300 }, data.series);
        await Promise.resolve();  // uPlot paints in a microtask
        out.push(Math.round(performance.now() - started));
        g.destroy();
      }
      return out;
    }, { hosts: HOSTS, runs: RUNS }));
    console.log(`synthetic answer (${HOSTS} series x 513 windows): CSV read + drawn ${stats(times)}`);
  } finally {
    await b.close();
  }
}

// Sets the kept profile up once: user, devops data through Line Protocol, the dashboard.
async function prepare(page, baseURL, ui) {
  const marker = join(PROFILE, 'webperf.json');
  if (existsSync(marker)) return JSON.parse(await readFile(marker, 'utf8'));
  const data = await serveFile(devopsFile(HOSTS));
  try {
    await ui.setupThroughForm(baseURL, { username: 'bench', password: 'bench-password', org: 'bench-org', bucket: 'devops' });
    const started = Date.now();
    const { state, text } = await writeDevopsThroughUi(page, ui, data.url);
    if (state !== 'ok') throw new Error(`ingest failed: ${text}`);
    console.log(`ingest (once, kept in ${PROFILE}): ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    data.close();
  }
  await createDevopsDashboard(page, ui);
  await page.waitForSelector('.cell[data-state="done"]', LONG);
  const info = { hash: await page.evaluate(() => location.hash) };
  await writeFile(marker, JSON.stringify(info));
  return info;
}

async function graphRuns(baseURL) {
  await mkdir(PROFILE, { recursive: true });
  const context = await chromium.launchPersistentContext(PROFILE, CHROMIUM);
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (err) => console.log(`  [page error] ${err}`));
  try {
    const ui = bindUi(page);
    const { hash } = await prepare(page, baseURL, ui);
    const rows = [];
    for (let i = 0; i < RUNS; i++) {
      const d = await profiled(page, 'graph-cell', async () => {
        await page.goto('about:blank');  // a real load each run (same-URL goto only moves the hash)
        await page.goto(`${baseURL}${hash}`);
        await page.waitForSelector('body[data-ready="true"]', LONG);
        const cell = await page.locator('.cell').first().elementHandle(LONG);
        await page.waitForFunction((el) => el.dataset.run && el.dataset.state !== 'loading', cell, LONG);
        return cell.evaluate((el) => ({ ...el.dataset }));
      });
      if (d.state !== 'done') throw new Error(`cell failed: ${d.error}`);
      rows.push(d);
      console.log(`  run ${i + 1}: query ${d.queryMs} ms, CSV read ${d.parseMs} ms, drawn ${d.drawMs} ms after the answer (${d.rows} points)`);
    }
    console.log(`Graph cell, ${HOSTS} series of usage_user over 24 h: drawn after the answer ${stats(rows.map((d) => Number(d.drawMs)))}; query ${stats(rows.map((d) => Number(d.queryMs)))}`);
  } finally {
    await context.close();
  }
}

// scripts/serve.mjs on the fixed port; resolves { child, baseURL }.
function startServer(args) {
  return new Promise((resolve, reject) => {
    const child = fork(join(repoRoot, 'scripts/serve.mjs'), ['--port', opts.port, ...args], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (msg) => resolve({ child, baseURL: `http://127.0.0.1:${msg.port}/` }));
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

let buildDir;
if (opts.dist) {
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  buildDir = join(repoRoot, 'web-dist');
}
const server = await startServer(buildDir ? ['--root', buildDir] : []);
try {
  console.log(`serving ${buildDir ?? 'the checkout'} at ${server.baseURL}; ${HOSTS} hosts, ${RUNS} runs`);
  await coldLoads(server.baseURL);
  await syntheticDraws(server.baseURL);
  await graphRuns(server.baseURL);
} finally {
  server.child.kill('SIGTERM');
}
