// Data Explorer: a Flux script editor with a time-range picker, Run (button or Ctrl+Enter),
// results as a graph, a table and the raw annotated CSV, CSV download, and the query's time.
//
// Test hooks: #query-status carries data-state (running|done|error), data-rows and data-run
// (the number of the run that finished); #error holds the API's message after a failure.
import { annotatedCsvToRows } from '../wasm/index.js';
import { h, errorBox, plural } from '../dom.js';
import { ResultsChart } from '../chart.js';
import { renderResultsTable, MAX_ROWS } from '../results_table.js';
import { timeRangePicker, substituteVariables, windowPeriod } from '../time_range.js';
import { queryBuilder } from '../query_builder.js';

const RAW_CSV_SHOWN = 200_000;  // characters of raw CSV put in the page; the download has all

function defaultFlux(bucket, sample) {
  const filter = sample ? '\n  |> filter(fn: (r) => r._measurement == "home" and r._field == "temp")' : '';
  return `from(bucket: "${bucket || 'my-bucket'}")\n  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)${filter}`;
}

function tabs(items) {
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Result views' });
  const panels = [];
  items.forEach(([id, label, panel], i) => {
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': panel.id, 'aria-selected': String(i === 0) }, label);
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.hidden = i !== 0;
    tab.addEventListener('click', () => {
      for (const t of list.children) t.setAttribute('aria-selected', String(t === tab));
      for (const p of panels) p.hidden = p !== panel;
    });
    tab.addEventListener('keydown', (e) => {  // arrow keys move between tabs
      const dir = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!dir) return;
      const all = [...list.children];
      const next = all[(all.indexOf(tab) + dir + all.length) % all.length];
      next.focus();
      next.click();
    });
    list.append(tab);
    panels.push(panel);
  });
  return { list, panels };
}

export function createPage({ api, org, defaultBucket, sample }) {
  const flux = h('textarea', { id: 'flux', rows: '7', spellcheck: 'false', 'aria-label': 'Flux script' });
  flux.value = defaultFlux(defaultBucket, sample);
  const range = timeRangePicker({ initial: '7d', onChange: () => builder?.refresh() });
  const run = h('button', { type: 'button', id: 'run', title: 'Run (Ctrl+Enter)' }, 'Run');
  const status = h('output', { id: 'query-status', 'aria-live': 'polite', class: 'status' });
  const error = errorBox('error');
  const chartBox = h('div', { id: 'chart' });
  const table = h('table', { id: 'results' }, h('thead'), h('tbody'));
  const tableNote = h('p', { class: 'muted small', id: 'table-note' });
  const raw = h('pre', { id: 'raw-csv', tabindex: '0' });
  const download = h('button', { type: 'button', id: 'download-csv', class: 'secondary', disabled: true }, 'Download CSV');
  const sent = h('details', { class: 'sent' }, h('summary', {}, 'Query sent to the engine'), h('pre', { id: 'sent-flux' }));

  const tablePanel = h('div', { id: 'panel-table' }, h('div', { class: 'table-wrap' }, table), tableNote);
  const rawPanel = h('div', { id: 'panel-raw' }, raw);
  const views = tabs([['table', 'Table', tablePanel], ['raw', 'Raw CSV', rawPanel]]);

  const builder = queryBuilder({
    api, org, defaultBucket,
    getRange: () => range.value(),
    onGenerate: (text) => { flux.value = text; run.click(); },
  });

  const element = h('section', { 'aria-labelledby': 'de-title' },
    h('div', { class: 'page-head' },
      h('h2', { id: 'de-title', tabindex: '-1' }, 'Data Explorer'),
      range.element),
    builder.element,
    h('label', { for: 'flux' }, 'Script editor (Flux) — ', h('code', {}, 'v.timeRangeStart'), ', ',
      h('code', {}, 'v.timeRangeStop'), ' and ', h('code', {}, 'v.windowPeriod'), ' come from the time range'),
    flux,
    h('div', { class: 'row' }, run, status, h('span', { class: 'spacer' }), download),
    sent,
    error,
    chartBox,
    views.list,
    ...views.panels);

  const chart = new ResultsChart(chartBox);
  let latestRun = 0;
  let lastCSV = '';
  let ranOnce = false;

  function clearResults() {
    chart.render([]);
    renderResultsTable(table, []);
    raw.textContent = '';
    tableNote.textContent = '';
    lastCSV = '';
    download.disabled = true;
  }

  async function runQuery() {
    const runNumber = ++latestRun;
    ranOnce = true;
    status.dataset.state = 'running';
    status.textContent = 'Running…';
    let text;
    try {
      const r = range.value();
      text = substituteVariables(flux.value, { ...r, windowPeriod: windowPeriod(r.durationMs, Math.max(100, chartBox.clientWidth || 600)) });
    } catch (err) {
      error.show(err.message);
      status.dataset.state = 'error';
      status.textContent = 'Not run.';
      status.dataset.rows = '0';
      status.dataset.run = String(runNumber);
      return;
    }
    sent.lastElementChild.textContent = text;
    const started = performance.now();
    let csv;
    try {
      csv = await api.queryCSV(org.id ? { orgID: org.id } : { org: org.name }, text);
    } catch (err) {
      if (runNumber !== latestRun) return;  // a newer run owns the output
      clearResults();
      error.show(`Query failed: ${err.message}`);
      status.textContent = `Query failed after ${Math.round(performance.now() - started)} ms.`;
      status.dataset.state = 'error';
      status.dataset.rows = '0';
      status.dataset.run = String(runNumber);
      return;
    }
    if (runNumber !== latestRun) return;
    const queryMs = Math.round(performance.now() - started);
    const rows = annotatedCsvToRows(csv);
    error.show('');
    const drawStarted = performance.now();
    const tables = new Set(rows.map((r) => `${r.result}\u0000${r.table}`)).size;
    const series = chart.render(rows);
    const shown = renderResultsTable(table, rows);
    const drawMs = Math.round(performance.now() - drawStarted);
    tableNote.textContent = shown < rows.length ? `The table shows the first ${MAX_ROWS} of ${rows.length} rows; the download has all.` : '';
    lastCSV = csv;
    raw.textContent = csv.length > RAW_CSV_SHOWN ? `${csv.slice(0, RAW_CSV_SHOWN)}\n… (${csv.length - RAW_CSV_SHOWN} more characters in the download)` : csv;
    download.disabled = csv.length === 0;
    status.textContent = `${plural(rows.length, 'row')} in ${plural(tables, 'table')} (${series} charted); `
      + `query ${queryMs} ms, drawn in ${drawMs} ms.`;
    status.dataset.state = 'done';
    status.dataset.rows = String(rows.length);
    status.dataset.queryMs = String(queryMs);
    status.dataset.run = String(runNumber);
  }

  run.addEventListener('click', runQuery);
  flux.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runQuery(); }
  });
  download.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([lastCSV], { type: 'text/csv' }));
    const a = h('a', { href: url, download: `tidewater-query-${new Date().toISOString().replace(/[:.]/g, '-')}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });

  return {
    element,
    // The first visit runs the prefilled query by itself (not awaited: the page is usable at once).
    shown() {
      builder.refresh();
      if (!ranOnce) runQuery();
    },
  };
}
