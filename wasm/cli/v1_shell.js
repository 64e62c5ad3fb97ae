// `tidewater v1 shell`: an InfluxQL REPL shaped like the 1.x `influx` shell. Statements go to
// /query with the current database, retention policy and precision; results print as that
// shell's columns ("name: home", a header, dashes, rows). Lines are kept in a history file
// ($TIDEWATER_HISTORY_FILE, default ~/.tidewater/influxql_history) across sessions.
import { createInterface } from 'node:readline';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const PRECISIONS = new Set(['rfc3339', 'h', 'm', 's', 'ms', 'u', 'ns']);
const HISTORY_SIZE = 1000;
const HELP = `Usage:
  use <db>[.<rp>]     set the current database (and retention policy)
  precision <format>  rfc3339, h, m, s, ms, u or ns: how times are shown
  settings            show the current database, retention policy and precision
  history             show the statements entered so far
  exit | quit         leave the shell
  <InfluxQL>          run a statement, e.g. SELECT * FROM home LIMIT 5, SHOW MEASUREMENTS
`;

function historyPath() {
  return process.env.TIDEWATER_HISTORY_FILE ?? join(homedir(), '.tidewater', 'influxql_history');
}

function loadHistory() {
  try {
    return readFileSync(historyPath(), 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE);
  } catch {
    return [];
  }
}

function saveHistory(newestFirst) {
  const path = historyPath();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${[...newestFirst].reverse().join('\n')}\n`, { mode: 0o600 });
}

// One series as the 1.x shell's column format.
export function formatSeries(s) {
  const lines = [`name: ${s.name ?? ''}`];
  if (s.tags && Object.keys(s.tags).length) {
    lines.push(`tags: ${Object.entries(s.tags).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  const cell = (v) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const rows = (s.values ?? []).map((r) => r.map(cell));
  const widths = s.columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' ').trimEnd();
  lines.push(line(s.columns), line(s.columns.map((c) => '-'.repeat(c.length))), ...rows.map(line));
  return `${lines.join('\n')}\n`;
}

// Parses "db", "db.rp", "\"my db\".\"rp\"" → [db, rp|undefined].
function parseUse(arg) {
  const parts = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|([^."\s]+))\s*(\.|$)/gy;
  let m;
  while (parts.length < 2 && (m = re.exec(arg))) {
    parts.push((m[1] ?? m[2]).replace(/\\(.)/g, '$1'));
    if (m[3] !== '.') break;
  }
  return parts;
}

export async function runShell(conn, creds, flags, out) {
  const state = { db: flags.database, rp: flags['retention-policy'], precision: flags.precision ?? 'rfc3339' };
  if (!PRECISIONS.has(state.precision)) throw new Error(`unknown precision "${state.precision}": use rfc3339, h, m, s, ms, u or ns`);

  async function query(q) {
    const params = new URLSearchParams({ q });
    if (state.db) params.set('db', state.db);
    if (state.rp) params.set('rp', state.rp);
    if (state.precision !== 'rfc3339') params.set('epoch', state.precision);
    const headers = creds.token ? { authorization: `Token ${creds.token}` } : {};
    const res = await conn.fetch(`/query?${params}`, { method: 'POST', headers });
    const text = await res.text();
    let body;
    try { body = JSON.parse(text); } catch { return { error: `received status code ${res.status} from server` }; }
    if (res.status >= 300 || body.error) return { error: body.error ?? body.message ?? `status ${res.status}` };
    return body;
  }

  // Runs one statement and prints its results; returns false when it failed.
  async function execute(q) {
    const body = await query(q);
    if (body.error) { out(`ERR: ${body.error}\n`); return false; }
    let ok = true;
    for (const r of body.results ?? []) {
      if (r.error) { out(`ERR: ${r.error}\n`); ok = false; continue; }
      for (const s of r.series ?? []) out(`${formatSeries(s)}\n`);
    }
    return ok;
  }

  async function use(arg) {
    const [db, rp] = parseUse(arg);
    if (!db) { out('ERR: usage: use <database>[.<retention policy>]\n'); return false; }
    const shown = await query('SHOW DATABASES');
    const names = shown.results?.[0]?.series?.[0]?.values?.map((v) => v[0]);
    if (names && !names.includes(db)) {
      out(`ERR: Database ${db} doesn't exist. Run SHOW DATABASES for a list of existing databases.\n`);
      return false;
    }
    state.db = db;
    state.rp = rp;
    out(`Using database ${db}\n`);
    if (rp) out(`Using retention policy ${rp}\n`);
    return true;
  }

  // A shell command or a statement; returns 'exit', true (ok) or false (failed).
  async function handle(line, history) {
    const text = line.trim();
    const [word, ...rest] = text.split(/\s+/);
    const cmd = word?.toLowerCase();
    if (text === '') return true;
    if (cmd === 'exit' || cmd === 'quit') return 'exit';
    if (cmd === 'help') { out(HELP); return true; }
    if (cmd === 'use') return use(rest.join(' '));
    if (cmd === 'precision') {
      const p = rest[0]?.toLowerCase();
      if (!PRECISIONS.has(p)) { out(`ERR: unknown precision "${rest[0] ?? ''}": use rfc3339, h, m, s, ms, u or ns\n`); return false; }
      state.precision = p;
      return true;
    }
    if (cmd === 'settings') {
      out(`Database: ${state.db ?? ''}\nRetention Policy: ${state.rp ?? ''}\nPrecision: ${state.precision}\n`);
      return true;
    }
    if (cmd === 'history') { out([...history].reverse().map((h) => `${h}\n`).join('')); return true; }
    return execute(text);
  }

  if (flags.execute !== undefined) {
    const ok = await handle(flags.execute, []);
    return { exitCode: ok === false ? 1 : 0 };
  }

  const interactive = !!process.stdin.isTTY;
  const history = loadHistory().reverse();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, prompt: '> ',
    history, historySize: HISTORY_SIZE, removeHistoryDuplicates: true });
  if (!interactive) {
    // Piped statements: no prompt, each line recorded in the history as a terminal would.
    rl.on('line', (l) => { if (l.trim() && history[0] !== l) history.unshift(l); });
  }
  rl.on('history', (h) => saveHistory(h));
  rl.on('SIGINT', () => { out('\n'); rl.close(); });  // Ctrl-C leaves, like Ctrl-D
  if (interactive) {
    const ping = await conn.fetch('/ping');
    out(`InfluxQL Shell (Tidewater), connected to ${creds.host ?? creds.dir} version ${ping.headers.get('x-influxdb-version') ?? 'unknown'}\n`);
    out('Enter an InfluxQL query, "help" for help, "exit" to leave.\n');
    rl.prompt();
  }
  let failed = false;
  for await (const line of rl) {
    const r = await handle(line, interactive ? rl.history : history);
    if (r === 'exit') break;
    if (r === false) failed = true;
    if (interactive) rl.prompt();
  }
  rl.close();
  if (!interactive) saveHistory(history.slice(0, HISTORY_SIZE));
  // Piped statements report a failure in the exit status, as `influx -execute` does.
  return { exitCode: !interactive && failed ? 1 : 0 };
}
