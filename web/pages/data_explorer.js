// Data Explorer: a query builder and a script editor (Flux with a function list, or InfluxQL
// through the v1 /query API), a time-range picker, Run (button or Ctrl+Enter), results as a
// graph, a table and the raw answer, a download, the query's time, and "Save as dashboard cell".
//
// Test hooks: #query-status carries data-state (running|done|error), data-rows and data-run
// (the number of the run that finished); #error holds the API's message after a failure and
// #error-at the position of a Flux error.
import { csvRows } from '../csv_rows.js';
import { h, errorBox, plural } from '../dom.js';
import { timeRangePicker, windowPeriod } from '../time_range.js';
import { queryBuilder } from '../query_builder.js';
import { codeEditor } from '../code_editor.js';
import { functionList } from '../function_list.js';
import { resultsView } from '../results_view.js';
import { rangeValues, parseFluxErrorPosition, offsetOf } from '../flux_vars.js';
import { withExtern, externText } from '../flux_extern.js';
import { runInfluxQL, influxqlRows } from '../influxql_results.js';
import { saveCellDialog } from '../save_cell.js';

function defaultFlux(bucket, sample) {
  const filter = sample ? '\n  |> filter(fn: (r) => r._measurement == "home" and r._field == "temp")' : '';
  return `from(bucket: "${bucket || 'my-bucket'}")\n  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)${filter}`;
}

function defaultInfluxQL(bucket) {
  return `SHOW MEASUREMENTS ON "${bucket || 'my-bucket'}"`;
}

export function createPage({ api, org, defaultBucket, sample }) {
  const orgRef = org.id ? { orgID: org.id } : { org: org.name };
  const editor = codeEditor({ id: 'flux', label: 'Flux script', value: defaultFlux(defaultBucket, sample), rows: 8 });
  const functions = functionList(editor);
  let language = 'flux';
  const scripts = { flux: editor.value, influxql: defaultInfluxQL(defaultBucket) };

  const range = timeRangePicker({ initial: '7d', onChange: () => builder?.refresh() });
  const modeFlux = h('button', { type: 'button', id: 'mode-flux', 'aria-pressed': 'true', class: 'segment' }, 'Flux');
  const modeQL = h('button', { type: 'button', id: 'mode-influxql', 'aria-pressed': 'false', class: 'segment' }, 'InfluxQL');
  const dbInput = h('input', { id: 'influxql-db', list: 'influxql-dbs', value: defaultBucket || '', 'aria-label': 'Database (bucket)', size: '16' });
  const dbList = h('datalist', { id: 'influxql-dbs' });
  const dbField = h('span', { class: 'row inline', hidden: true }, h('label', { for: 'influxql-db' }, 'Database'), dbInput, dbList);
  const run = h('button', { type: 'button', id: 'run', title: 'Run (Ctrl+Enter)' }, 'Run');
  const status = h('output', { id: 'query-status', 'aria-live': 'polite', class: 'status' });
  const error = errorBox('error');
  const errorAt = h('button', { type: 'button', id: 'error-at', class: 'link', hidden: true });
  const results = resultsView();
  const saveCell = h('button', { type: 'button', id: 'save-cell', class: 'secondary' }, 'Save as dashboard cell');
  const saveNote = h('output', { id: 'save-cell-status', class: 'status' });
  const sent = h('details', { class: 'sent' }, h('summary', {}, 'Query sent to the engine'), h('pre', { id: 'sent-flux' }));

  const builder = queryBuilder({
    api, org, defaultBucket,
    getRange: () => range.value(),
    onGenerate: (text) => { if (language !== 'flux') setLanguage('flux'); editor.setValue(text); run.click(); },
  });

  const element = h('section', { 'aria-labelledby': 'de-title' },
    h('div', { class: 'page-head' },
      h('h2', { id: 'de-title', tabindex: '-1' }, 'Data Explorer'),
      h('div', { class: 'row' }, h('span', { class: 'segmented', role: 'group', 'aria-label': 'Query language' }, modeFlux, modeQL),
        range.element, saveCell)),
    builder.element,
    h('div', { class: 'editor-grid' },
      h('div', { class: 'editor-main' },
        h('div', { class: 'row editor-head' }, h('label', { for: 'flux', id: 'editor-label' }, 'Script editor (Flux)'), dbField),
        editor.element,
        h('div', { class: 'row' }, run, status, h('span', { class: 'spacer' }), results.download)),
      functions.element),
    saveNote,
    sent,
    error,
    errorAt,
    results.element);

  let latestRun = 0;
  let ranOnce = false;

  function setLanguage(next) {
    scripts[language] = editor.value;
    language = next;
    modeFlux.setAttribute('aria-pressed', String(next === 'flux'));
    modeQL.setAttribute('aria-pressed', String(next === 'influxql'));
    editor.setLanguage(next);
    editor.setValue(scripts[next]);
    editor.textarea.setAttribute('aria-label', next === 'flux' ? 'Flux script' : 'InfluxQL query');
    element.querySelector('#editor-label').textContent = next === 'flux' ? 'Script editor (Flux)' : 'Script editor (InfluxQL)';
    functions.element.hidden = next !== 'flux';
    builder.element.hidden = next !== 'flux';
    dbField.hidden = next !== 'influxql';
    if (next === 'influxql') loadDatabases();
  }
  modeFlux.addEventListener('click', () => setLanguage('flux'));
  modeQL.addEventListener('click', () => setLanguage('influxql'));

  async function loadDatabases() {
    try {
      const { buckets } = await api.get(`/api/v2/buckets?${new URLSearchParams(orgRef)}`);
      dbList.replaceChildren(...buckets.filter((b) => !b.name.startsWith('_')).map((b) => h('option', { value: b.name })));
    } catch { /* the input still takes any name */ }
  }

  function finish(runNumber, state, text, rows = 0) {
    status.textContent = text;
    status.dataset.state = state;
    status.dataset.rows = String(rows);
    status.dataset.run = String(runNumber);
  }

  function showError(runNumber, engineMessage, started, mapped) {
    results.clear();
    // Positions in the engine's message count the extern's lines: map them to the editor's.
    const message = mapped ? mapped.sourceMessage(engineMessage) : engineMessage;
    error.show(`Query failed: ${message}`);
    const pos = language === 'flux' ? parseFluxErrorPosition(message) : null;
    if (pos && mapped) {
      const { start, end } = pos;
      editor.markError({ start, end });
      errorAt.textContent = `Go to line ${start.line}, column ${start.column}`;
      errorAt.dataset.line = String(start.line);
      errorAt.dataset.column = String(start.column);
      errorAt.hidden = false;
    }
    finish(runNumber, 'error', `Query failed after ${Math.round(performance.now() - started)} ms.`);
  }

  async function runQuery() {
    const runNumber = ++latestRun;
    ranOnce = true;
    status.dataset.state = 'running';
    status.textContent = 'Running…';
    errorAt.hidden = true;
    editor.markError(null);
    let mapped = null;
    try {
      if (language === 'flux') {
        const r = range.value();
        const every = windowPeriod(r.durationMs, Math.max(100, results.chartBox.clientWidth || 600));
        const values = rangeValues(r, every);
        mapped = { ...withExtern(editor.value, values), shown: `${externText(values)}\n\n${editor.value}` };
      }
    } catch (err) {  // an invalid custom range: nothing is sent
      results.clear();
      error.show(err.message);
      finish(runNumber, 'error', 'Not run.');
      return;
    }
    sent.lastElementChild.textContent = mapped ? mapped.shown : editor.value;
    const started = performance.now();
    let answer;
    try {
      if (language === 'flux') {
        const csv = await api.queryCSV(orgRef, mapped.query, mapped.extern);
        answer = { raw: csv, rows: csvRows(csv), kind: 'csv' };
      } else {
        const { json, text } = await runInfluxQL(api, dbInput.value.trim(), editor.value);
        answer = { raw: text, ...influxqlRows(json), kind: 'json' };
      }
    } catch (err) {
      if (runNumber === latestRun) showError(runNumber, err.message, started, mapped);
      return;
    }
    if (runNumber !== latestRun) return;  // a newer run owns the output
    const queryMs = Math.round(performance.now() - started);
    error.show('');
    const drawStarted = performance.now();
    const { rows } = answer;
    const tables = new Set((answer.chartRows ?? rows).map((r) => `${r.result}\u0000${r.table}`)).size;
    const series = results.show(answer);
    const drawMs = Math.round(performance.now() - drawStarted);
    finish(runNumber, 'done', `${plural(rows.length, 'row')} in ${plural(tables, 'table')} (${series} charted); `
      + `query ${queryMs} ms, drawn in ${drawMs} ms.`, rows.length);
    status.dataset.queryMs = String(queryMs);
  }

  errorAt.addEventListener('click', () => {
    const mark = editor.errorOffsets();
    const at = mark ?? { start: offsetOf(editor.value, Number(errorAt.dataset.line), Number(errorAt.dataset.column)) };
    editor.select(at.start, at.end ?? at.start);
  });
  run.addEventListener('click', runQuery);
  saveCell.addEventListener('click', async () => {
    if (language !== 'flux') { saveNote.textContent = 'Dashboard cells run Flux: switch to Flux to save this query.'; return; }
    const saved = await saveCellDialog({ api, org, query: editor.value });
    if (!saved) return;
    saveNote.replaceChildren('Saved. ', h('a', { href: `#/dashboards?id=${encodeURIComponent(saved.dashboardID)}`, id: 'save-cell-open' }, 'Open the dashboard'));
  });
  editor.textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runQuery(); }
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
