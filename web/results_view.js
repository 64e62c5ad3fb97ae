// The Data Explorer's results: Graph, Table and Raw tabs, and a download of the raw answer
// (annotated CSV for Flux, JSON for InfluxQL).
import { h } from './dom.js';
import { ResultsChart } from './chart.js';
import { renderResultsTable, MAX_ROWS } from './results_table.js';

const RAW_SHOWN = 200_000;  // characters of the raw answer put in the page; the download has all

/** Accessible tabs: [[id, label, panel], ...] → { list, panels }; arrow keys move between tabs. */
export function tabs(items, label = 'Result views') {
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': label });
  const panels = [];
  items.forEach(([id, text, panel], i) => {
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': panel.id, 'aria-selected': String(i === 0) }, text);
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.hidden = i !== 0;
    tab.addEventListener('click', () => {
      for (const t of list.children) t.setAttribute('aria-selected', String(t === tab));
      for (const p of panels) p.hidden = p !== panel;
    });
    tab.addEventListener('keydown', (e) => {
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

/** Saves text as a file through a temporary link. */
export function downloadText(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function resultsView() {
  const chartBox = h('div', { id: 'chart' });
  const table = h('table', { id: 'results' }, h('thead'), h('tbody'));
  const tableNote = h('p', { class: 'muted small', id: 'table-note' });
  const raw = h('pre', { id: 'raw-csv', tabindex: '0', 'aria-label': 'Raw answer' });
  const download = h('button', { type: 'button', id: 'download-csv', class: 'secondary', disabled: true }, 'Download CSV');
  const graphPanel = h('div', { id: 'panel-graph' }, chartBox);
  const tablePanel = h('div', { id: 'panel-table' }, h('div', { class: 'table-wrap' }, table), tableNote);
  const rawPanel = h('div', { id: 'panel-raw' }, raw);
  const views = tabs([['graph', 'Graph', graphPanel], ['table', 'Table', tablePanel], ['raw', 'Raw Data', rawPanel]]);
  const element = h('div', { class: 'results' }, views.list, ...views.panels);
  const chart = new ResultsChart(chartBox);
  let last = { text: '', filename: '', type: '' };

  download.addEventListener('click', () => downloadText(last.text, last.filename, last.type));

  return {
    element,
    download,
    chartBox,
    /** rows: table rows; chartRows: Flux-shaped rows to draw; raw: the answer's text. */
    show({ rows, chartRows = rows, raw: text, kind = 'csv' }) {
      const series = chart.render(chartRows);
      const shown = renderResultsTable(table, rows);
      tableNote.textContent = shown < rows.length ? `The table shows the first ${MAX_ROWS} of ${rows.length} rows; the download has all.` : '';
      raw.textContent = text.length > RAW_SHOWN ? `${text.slice(0, RAW_SHOWN)}\n… (${text.length - RAW_SHOWN} more characters in the download)` : text;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      last = kind === 'json'
        ? { text, filename: `tidewater-query-${stamp}.json`, type: 'application/json' }
        : { text, filename: `tidewater-query-${stamp}.csv`, type: 'text/csv' };
      download.textContent = kind === 'json' ? 'Download JSON' : 'Download CSV';
      download.disabled = text.length === 0;
      return series;
    },
    clear() {
      chart.render([]);
      renderResultsTable(table, []);
      raw.textContent = '';
      tableNote.textContent = '';
      last = { text: '', filename: '', type: '' };
      download.disabled = true;
    },
  };
}
