// One dashboard: its time range and auto-refresh (remembered per dashboard in this browser),
// variable drop-downs, and the grid of cells, each running its Flux with v.timeRangeStart,
// v.timeRangeStop, v.windowPeriod (one window per pixel of the cell) and the variables.
//
// Test hooks: each .cell has data-state (loading|done|error), data-run (runs finished), data-rows,
// data-query-ms, data-draw-ms (from the query's answer to the cell drawn) and data-parse-ms (the
// part of it spent reading the CSV); #dashboard has data-loaded.
import { h, errorBox, confirmDialog, promptDialog } from './dom.js';
import { timeRangePicker, windowPeriod } from './time_range.js';
import { rangeValues } from './flux_vars.js';
import { withExtern } from './flux_extern.js';
import { csvRows, csvSeries } from './csv_rows.js';
import { seriesLabel } from './chart.js';
import { dashboardGrid } from './dashboard_grid.js';
import { nextSlot } from './grid_layout.js';
import { renderCell, defaultProperties, GRAPH_TYPES } from './cells/index.js';
import { cellEditor } from './cell_editor.js';
import { variablesBar, usedVariableNames } from './variables.js';
import { exportDashboard } from './dashboards_api.js';
import { downloadText } from './results_view.js';

const REFRESH = [['0', 'Auto-refresh off'], ['5000', 'Every 5s'], ['10000', 'Every 10s'], ['30000', 'Every 30s'], ['60000', 'Every 1m'], ['300000', 'Every 5m']];

const pickPosition = ({ x, y, w, h }) => ({ x, y, w, h });
const cellQueries = (dashboard) => dashboard.cells.map((c) => c.view.properties?.queries?.[0]?.text ?? '');

/** Saves a dashboard (with the variables its queries use) as InfluxDB's export JSON. */
export function downloadDashboard(dashboard, variables) {
  const names = usedVariableNames(cellQueries(dashboard));
  const json = exportDashboard(dashboard, variables.filter((v) => names.has(v.name)));
  downloadText(`${JSON.stringify(json, null, 2)}\n`, `${dashboard.name.replace(/[^\w.-]+/g, '_')}.json`, 'application/json');
}

export function dashboardView({ api, org, dashApi, id }) {
  const orgRef = org.id ? { orgID: org.id } : { org: org.name };
  const settingsKey = `tidewater.dashboard.${id}`;
  const title = h('h2', { id: 'dashboard-name', tabindex: '-1' }, 'Dashboard');
  const range = timeRangePicker({ initial: '1h', idPrefix: 'dash-', onChange: () => { remember(); refreshAll(true); } });
  const refresh = h('select', { id: 'dash-refresh', 'aria-label': 'Auto-refresh' }, REFRESH.map(([v, l]) => h('option', { value: v }, l)));
  const refreshNow = h('button', { type: 'button', class: 'secondary', id: 'dash-refresh-now', title: 'Run every cell again' }, 'Refresh');
  const addCell = h('button', { type: 'button', id: 'add-cell' }, 'Add cell');
  const addNote = h('button', { type: 'button', class: 'secondary', id: 'add-note' }, 'Add note');
  const rename = h('button', { type: 'button', class: 'secondary', id: 'rename-dashboard' }, 'Rename');
  const exportBtn = h('button', { type: 'button', class: 'secondary', id: 'export-dashboard' }, 'Export');
  const error = errorBox('dashboard-error');
  const vars = variablesBar({ api, orgRef, storageKey: `${settingsKey}.variables`, onChange: () => refreshAll(false) });
  const grid = dashboardGrid({
    onLayout: (cells) => {
      // The grid hands back copies: keep the dashboard's own cells in step, then save.
      const byId = new Map(cells.map((c) => [c.id, c]));
      for (const c of dashboard.cells) Object.assign(c, pickPosition(byId.get(c.id) ?? c));
      dashApi.saveLayout(id, cells).catch((err) => error.show(`Could not save the layout: ${err.message}`));
    },
    onResize: (cellId) => drawn.get(cellId)?.resize(grid.bodySize(cellId)),
  });
  const element = h('section', { id: 'dashboard', 'aria-labelledby': 'dashboard-name' },
    h('div', { class: 'page-head' },
      h('div', { class: 'row' }, h('a', { href: '#/dashboards', id: 'dashboards-back' }, '← Dashboards'), title),
      h('div', { class: 'row' }, range.element, refresh, refreshNow, addCell, addNote, rename, exportBtn)),
    vars.element, error, grid.element,
    h('p', { class: 'muted small', id: 'dashboard-empty', hidden: true }, 'This dashboard has no cells yet: add one, or save a query from the Data Explorer.'));

  let dashboard = null;
  let variables = [];
  let timer = null;
  const drawn = new Map();  // cell id → the renderer's { resize, destroy }
  const runs = new Map();   // cell id → run counter (a newer run wins)
  const lastRows = new Map();  // cell id → the { rows, series } drawn, to redraw in the other theme's colours

  function remember() {
    try {
      localStorage.setItem(settingsKey, JSON.stringify({ range: range.state(), refresh: refresh.value }));
    } catch { /* an invalid custom range is not remembered */ }
  }
  function restore() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(settingsKey) ?? 'null'); } catch { saved = null; }
    if (saved?.range) range.restore(saved.range);
    refresh.value = REFRESH.some(([v]) => v === saved?.refresh) ? saved.refresh : '0';
  }
  function schedule() {
    clearInterval(timer);
    timer = null;
    const every = Number(refresh.value);
    if (every > 0 && dashboard) timer = setInterval(() => { if (element.isConnected && !element.closest('[hidden]')) refreshAll(false); }, every);
  }
  refresh.addEventListener('change', () => { remember(); schedule(); });
  // Canvas colours come from CSS variables at drawing time: redraw when the theme changes.
  const redraw = () => {
    if (!dashboard) return;
    for (const c of dashboard.cells) {
      const data = lastRows.get(c.id);
      const body = grid.element.querySelector(`.cell[data-cell-id="${CSS.escape(c.id)}"] .cell-body`);
      if (!data || !body) continue;
      drawn.get(c.id)?.destroy();
      drawn.set(c.id, renderCell(body, data.rows, c.view.properties ?? {}, grid.bodySize(c.id), data.series));
    }
  };
  window.addEventListener('tidewater:theme', redraw);
  refreshNow.addEventListener('click', () => refreshAll(true));

  async function runCell(cell, node) {
    const body = node.querySelector('.cell-body');
    const props = cell.view.properties ?? {};
    const text = props.queries?.[0]?.text ?? '';
    const n = (runs.get(cell.id) ?? 0) + 1;
    runs.set(cell.id, n);
    node.dataset.state = 'loading';
    const size = grid.bodySize(cell.id);
    if (props.type === 'markdown' || !text.trim()) {
      drawn.get(cell.id)?.destroy();
      drawn.set(cell.id, renderCell(body, [], props, size));
      node.dataset.state = 'done';
      node.dataset.rows = '0';
      node.dataset.run = String(n);
      return;
    }
    let r;
    try {
      r = range.value();
    } catch (err) {
      body.replaceChildren(h('p', { class: 'cell-error' }, err.message));
      node.dataset.state = 'error';
      return;
    }
    // One window per pixel of this cell: a cell over millions of points draws at once.
    // v.* travel in the query's extern, as InfluxDB's UI sends them.
    const sent = withExtern(text, { ...rangeValues(r, windowPeriod(r.durationMs, size.width)), ...vars.values() });
    const started = performance.now();
    let csv;
    try {
      csv = await api.queryCSV(orgRef, sent.query, sent.extern);
    } catch (err) {
      if (runs.get(cell.id) !== n) return;
      drawn.get(cell.id)?.destroy();
      drawn.delete(cell.id);
      const message = sent.sourceMessage(err.message);
      body.replaceChildren(h('p', { class: 'cell-error', role: 'alert' }, message));
      node.dataset.state = 'error';
      node.dataset.error = message;
      node.dataset.run = String(n);
      return;
    }
    if (runs.get(cell.id) !== n) return;
    const answered = performance.now();
    // Graphs read their series straight from the CSV: no object per point.
    const data = GRAPH_TYPES.has(props.type ?? 'xy') ? csvSeries(csv, seriesLabel) : { rows: csvRows(csv), series: null };
    const parsed = performance.now();
    drawn.get(cell.id)?.destroy();
    drawn.set(cell.id, renderCell(body, data.rows, props, grid.bodySize(cell.id), data.series));
    lastRows.set(cell.id, data);
    // uPlot paints in a microtask its constructor queued: let it run before taking the time.
    await Promise.resolve();
    const count = data.series ? data.series.reduce((n, s) => n + s.xs.length, 0) : data.rows.length;
    node.dataset.queryMs = String(Math.round(answered - started));
    node.dataset.drawMs = String(Math.round(performance.now() - answered));
    node.dataset.parseMs = String(Math.round(parsed - answered));
    node.dataset.rows = String(count);
    node.dataset.state = 'done';
    node.dataset.run = String(n);
    delete node.dataset.error;
  }

  async function refreshAll(reloadVariables) {
    if (!dashboard) return;
    if (reloadVariables) {
      try {
        const names = usedVariableNames(cellQueries(dashboard));
        await vars.load(variables, names, range.value());
      } catch (err) {
        error.show(err.message);
      }
    }
    await Promise.all(dashboard.cells.map((c) => {
      const node = grid.element.querySelector(`.cell[data-cell-id="${CSS.escape(c.id)}"]`);
      return node ? runCell(c, node) : null;
    }));
  }

  function renderCellFrame(cell) {
    const name = h('h3', { class: 'cell-name' }, cell.view.name || 'Cell');
    const handle = h('div', { class: 'cell-head', tabindex: '0', role: 'group',
      'aria-label': `${cell.view.name || 'Cell'}: arrow keys move the cell, Shift+arrow keys resize it`,
      'aria-roledescription': 'draggable cell' },
    name,
    h('span', { class: 'cell-actions' },
      h('button', { type: 'button', class: 'secondary small', 'aria-label': `Configure ${cell.view.name}`, onclick: () => editCell(cell) }, 'Configure'),
      h('button', { type: 'button', class: 'secondary small', 'aria-label': `Delete ${cell.view.name}`, onclick: () => deleteCell(cell) }, 'Delete')));
    const resizer = h('div', { class: 'cell-resize', title: 'Drag to resize', 'aria-hidden': 'true' });
    const element = h('article', { class: 'cell', dataset: { cellId: cell.id, type: cell.view.properties?.type ?? '' } },
      handle, h('div', { class: 'cell-body' }), resizer);
    return { element, handle, resizer };
  }

  function show() {
    title.textContent = dashboard.name;
    document.title = `${dashboard.name} · Tidewater`;
    for (const d of drawn.values()) d.destroy();
    drawn.clear();
    grid.setCells(dashboard.cells, renderCellFrame);
    element.querySelector('#dashboard-empty').hidden = dashboard.cells.length > 0;
  }

  async function reload() {
    dashboard = await dashApi.get(id);
    try { variables = await dashApi.variables(); } catch { variables = []; }
    show();
    await refreshAll(true);
  }

  async function editCell(shown) {
    const cell = dashboard.cells.find((c) => c.id === shown.id);
    const result = await cellEditor({ title: `Configure ${cell.view.name}`, name: cell.view.name, properties: cell.view.properties });
    if (!result) return;
    try {
      cell.view = await dashApi.saveView(id, cell.id, result);
      show();
      await refreshAll(true);
    } catch (err) {
      error.show(`Could not save the cell: ${err.message}`);
    }
  }

  async function deleteCell(shown) {
    const cell = dashboard.cells.find((c) => c.id === shown.id);
    if (!(await confirmDialog(`Delete the cell "${cell.view.name}"?`))) return;
    try {
      await dashApi.removeCell(id, cell.id);
      dashboard.cells = dashboard.cells.filter((c) => c.id !== cell.id);
      show();
      await refreshAll(false);
    } catch (err) {
      error.show(`Could not delete the cell: ${err.message}`);
    }
  }

  async function create(type) {
    const result = await cellEditor({ title: type === 'markdown' ? 'Add a note' : 'Add a cell', name: type === 'markdown' ? 'Note' : '', properties: defaultProperties(type) });
    if (!result) return;
    try {
      const slot = nextSlot(grid.cells(), result.properties.type === 'markdown' ? 4 : 6, 4);
      const cell = await dashApi.addCell(id, slot, result);
      dashboard.cells.push(cell);
      show();
      await refreshAll(true);
    } catch (err) {
      error.show(`Could not add the cell: ${err.message}`);
    }
  }
  addCell.addEventListener('click', () => create('xy'));
  addNote.addEventListener('click', () => create('markdown'));

  rename.addEventListener('click', async () => {
    const name = await promptDialog('Dashboard name', dashboard.name, 'dashboard-rename');
    if (!name || name === dashboard.name) return;
    try {
      await dashApi.update(id, { name });
      dashboard.name = name;
      title.textContent = name;
    } catch (err) {
      error.show(`Could not rename: ${err.message}`);
    }
  });

  exportBtn.addEventListener('click', () => downloadDashboard(dashboard, variables));

  return {
    element,
    async open() {
      restore();
      error.show('');
      try {
        await reload();
        element.dataset.loaded = 'true';
      } catch (err) {
        error.show(`Could not open the dashboard: ${err.message}`);
        element.dataset.loaded = 'error';
      }
      schedule();
    },
    close() {
      clearInterval(timer);
      window.removeEventListener('tidewater:theme', redraw);
      for (const d of drawn.values()) d.destroy();
      drawn.clear();
    },
  };
}
