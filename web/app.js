// The dashboard: opens the sample database in this browser (IndexedDB), creates and fills it on
// the first visit, then lets you write line protocol and run Flux.
//
// Test hooks: <body data-ready="true"> and window.tidewaterReady = { ms, ... } once the database
// is open and signed in; #write-status and #query-status carry data-state and a data-seq/data-run
// counter that changes when an operation finishes.
import { Tidewater } from './wasm/index.js';
import { generateSampleData } from './sample_data.js';
import { ResultsChart } from './chart.js';
import { renderResultsTable, MAX_ROWS } from './results_table.js';

// The sample's credentials (scripts/serve.mjs prints the same ones).
const SAMPLE = { name: 'sample', username: 'admin', password: 'tidewater-sample', org: 'sample-org', bucket: 'sample' };
const TOKEN_KEY = 'tidewater.sample.token';
const SEEDED_KEY = 'tidewater.sample.seeded';

const $ = (id) => document.getElementById(id);
const elapsed = (since) => `${Math.round(performance.now() - since)} ms`;

function setStatus(text) {
  $('status').textContent = text;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

// IDBFS has no multi-tab safety (a second tab's sync deletes the first tab's files), so only
// one tab may own the database: hold a Web Lock for the page's lifetime. Waiting (rather than
// failing) also covers a reload, where the old page may release the lock a moment late.
async function acquireDatabaseLock(name) {
  if (!navigator.locks) return;
  const waitingNote = setTimeout(() => setStatus('Waiting: the sample database is open in another tab…'), 1000);
  await new Promise((acquired) => {
    navigator.locks.request(`tidewater:${name}`, () => {
      acquired();
      return new Promise(() => {});  // never settles: the lock is released when the page goes away
    });
  });
  clearTimeout(waitingNote);
}

async function setupAllowed(db) {
  const res = await db.request('GET', '/api/v2/setup');
  if (res.status !== 200) throw new Error(`GET /api/v2/setup answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body).allowed === true;
}

// First visit: setup + sample data. Later visits: the token stored in localStorage (a real
// password sign-in is a later issue). Returns { token, created, samplePoints, setupMs, seedMs }.
async function signIn(db) {
  let created = false;
  let setupMs = 0;
  let seedMs = 0;
  const setupStarted = performance.now();
  if (await setupAllowed(db)) {
    const { token } = await db.setup({
      username: SAMPLE.username, password: SAMPLE.password, org: SAMPLE.org, bucket: SAMPLE.bucket,
    });
    // Store the token before anything else can fail: without it the sample is locked out.
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.removeItem(SEEDED_KEY);  // a new database (e.g. IndexedDB was cleared) needs new data
    created = true;
    setupMs = Math.round(performance.now() - setupStarted);
  }
  const token = localStorage.getItem(TOKEN_KEY);
  if (!token) {
    throw new Error("The sample database exists but its token is not in this browser's localStorage. "
      + 'Clear all site data for this page to start over.');
  }
  // Seeding is separate from setup so that a first visit interrupted in between is finished by
  // the next one (a retry within the same hour rewrites the same points; a later one only adds
  // a few more hours of sample data).
  let samplePoints = 0;
  if (localStorage.getItem(SEEDED_KEY) !== 'true') {
    const seedStarted = performance.now();
    const sample = generateSampleData();
    await db.write(token, { org: SAMPLE.org, bucket: SAMPLE.bucket, precision: sample.precision }, sample.lineProtocol);
    localStorage.setItem(SEEDED_KEY, 'true');
    samplePoints = sample.points;
    seedMs = Math.round(performance.now() - seedStarted);
  }
  return { token, created, samplePoints, setupMs, seedMs };
}

function showTokenOnce(token) {
  $('token').textContent = token;
  $('token-panel').hidden = false;
  $('copy-token').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(token);
      $('copy-token').textContent = 'Copied';
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      getSelection().selectAllChildren($('token'));
    }
  });
}

function countLines(lineProtocol) {
  return lineProtocol.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#')).length;
}

function wireWrite(db, token) {
  const status = $('write-status');
  let seq = 0;
  const finish = (state, text) => {
    status.dataset.state = state;
    status.dataset.seq = String(++seq);
    status.textContent = text;
  };
  $('write').addEventListener('click', async () => {
    const text = $('lp').value;
    if (countLines(text) === 0) return finish('error', 'Nothing to write.');
    $('write').disabled = true;
    status.dataset.state = 'busy';
    status.textContent = 'Writing…';
    const started = performance.now();
    try {
      await db.write(token, { org: SAMPLE.org, bucket: SAMPLE.bucket, precision: $('precision').value }, text);
      const n = countLines(text);
      finish('ok', `Wrote ${n} line${n === 1 ? '' : 's'} in ${elapsed(started)}.`);
    } catch (err) {
      finish('error', err.message);  // e.g. "unable to parse '…': …: line 2, column 14"
    } finally {
      $('write').disabled = false;
    }
  });
  $('write').disabled = false;
}

function wireQuery(db, token) {
  const status = $('query-status');
  const chart = new ResultsChart($('chart'));
  let latestRun = 0;

  async function run() {
    const runNumber = ++latestRun;
    status.dataset.state = 'running';
    status.textContent = 'Running…';
    const started = performance.now();
    let rows;
    try {
      rows = await db.query(token, { org: SAMPLE.org }, $('flux').value);
    } catch (err) {
      if (runNumber !== latestRun) return;  // a newer run owns the output
      chart.render([]);
      renderResultsTable($('results'), []);
      showError(`Query failed: ${err.message}`);
      status.textContent = 'Query failed.';
      status.dataset.state = 'error';
      status.dataset.rows = '0';
      status.dataset.run = String(runNumber);
      return;
    }
    if (runNumber !== latestRun) return;
    showError('');
    const tables = new Set(rows.map((r) => `${r.result}\u0000${r.table}`)).size;
    const series = chart.render(rows);
    const shown = renderResultsTable($('results'), rows);
    status.textContent = `${rows.length} row${rows.length === 1 ? '' : 's'} in ${tables} table${tables === 1 ? '' : 's'}`
      + ` (${series} charted) in ${elapsed(started)}${shown < rows.length ? `; the table shows the first ${MAX_ROWS}` : ''}.`;
    status.dataset.state = 'done';
    status.dataset.rows = String(rows.length);
    status.dataset.run = String(runNumber);
  }

  $('run').addEventListener('click', run);
  $('flux').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  $('run').disabled = false;
  return run;
}

async function main() {
  await acquireDatabaseLock(SAMPLE.name);
  const openStarted = performance.now();
  const db = await Tidewater.open({ name: SAMPLE.name, storage: 'indexeddb' });
  const openMs = Math.round(performance.now() - openStarted);
  const { token, created, samplePoints, setupMs, seedMs } = await signIn(db);

  const ms = Math.round(performance.now());  // performance.now() counts from navigation start
  window.tidewaterReady = { ms, openMs, setupMs, seedMs, firstVisit: created, samplePoints };
  document.body.dataset.ready = 'true';
  setStatus(`Ready in ${ms} ms: signed in as ${SAMPLE.username} (org ${SAMPLE.org}, bucket ${SAMPLE.bucket})`
    + (samplePoints ? `; wrote ${samplePoints} sample points.` : '.'));
  if (created) showTokenOnce(token);

  wireWrite(db, token);
  const runQuery = wireQuery(db, token);
  await runQuery();
}

main().catch((err) => {
  console.error(err);
  setStatus('Not ready.');
  showError(`Could not open the database: ${err.message}`);
});
