// Cell types by InfluxDB view type, and the one entry point that draws a cell's results.
import { h } from '../dom.js';
import { renderGraph } from './graph.js';
import { renderSingleStat, renderGauge } from './stat.js';
import { renderMarkdown } from './markdown.js';
import { renderHistogram, renderHeatmap } from './distribution.js';
import { renderResultsTable, MAX_ROWS } from '../results_table.js';

// [view type, label in the cell editor]
export const CELL_TYPES = [
  ['xy', 'Graph'], ['line-plus-single-stat', 'Graph + Single Stat'], ['single-stat', 'Single Stat'], ['gauge', 'Gauge'],
  ['table', 'Table'], ['histogram', 'Histogram'], ['heatmap', 'Heatmap'], ['band', 'Band'], ['markdown', 'Note (Markdown)'],
];

export const GEOMS = [['line', 'Line'], ['step', 'Step'], ['stacked', 'Stacked'], ['bar', 'Bar']];

function renderTable(container, rows) {
  const table = h('table', { class: 'cell-table' }, h('thead'), h('tbody'));
  renderResultsTable(table, rows);
  container.replaceChildren(h('div', { class: 'cell-table-wrap' }, table),
    rows.length > MAX_ROWS ? h('p', { class: 'muted small' }, `First ${MAX_ROWS} of ${rows.length} rows.`) : null);
  return { series: rows.length ? 1 : 0, destroy() {}, resize() {} };
}

// View types drawn from series (csv_rows.js csvSeries) rather than rows.
export const GRAPH_TYPES = new Set(['xy', 'line-plus-single-stat', 'band']);

/** Draws rows into container by the view's type; returns { series, destroy(), resize(size) }. */
export function renderCell(container, rows, properties, size, series = null) {
  container.style.background = '';
  switch (properties.type) {
    case 'single-stat': return renderSingleStat(container, rows, properties);
    case 'gauge': return renderGauge(container, rows, properties);
    case 'table': return renderTable(container, rows);
    case 'markdown': return renderMarkdown(container, properties);
    case 'histogram': return renderHistogram(container, rows, properties, size);
    case 'heatmap': return renderHeatmap(container, rows, properties, size);
    default: return renderGraph(container, rows, properties, size, series);  // xy, line-plus-single-stat, band
  }
}

/** Properties for a new view of `type` with one Flux query, in InfluxDB 2.7's shapes. */
export function defaultProperties(type, query = '') {
  const queries = [{ text: query, editMode: 'advanced', name: '', builderConfig: { buckets: [], tags: [], functions: [], aggregateWindow: { period: 'auto', fillValues: false } } }];
  const base = { type, queries, shape: 'chronograf-v2', note: '', showNoteWhenEmpty: false };
  const scale = [{ id: 'c0', type: 'scale', hex: '#31C0F6', name: 'Nineteen Eighty Four', value: 0 },
    { id: 'c1', type: 'scale', hex: '#A500A5', name: 'Nineteen Eighty Four', value: 0 },
    { id: 'c2', type: 'scale', hex: '#FF7E27', name: 'Nineteen Eighty Four', value: 0 }];
  const decimalPlaces = { isEnforced: true, digits: 2 };
  switch (type) {
    case 'markdown': return { type, shape: 'chronograf-v2', note: '' };
    case 'single-stat':
      return { ...base, prefix: '', suffix: '', tickPrefix: '', tickSuffix: '', decimalPlaces,
        colors: [{ id: 'base', type: 'text', hex: '#00C9FF', name: 'laser', value: 0 }] };
    case 'gauge':
      return { ...base, prefix: '', suffix: '', tickPrefix: '', tickSuffix: '', decimalPlaces,
        colors: [{ id: '0', type: 'min', hex: '#00C9FF', name: 'laser', value: 0 }, { id: '1', type: 'max', hex: '#9394FF', name: 'comet', value: 100 }] };
    case 'table':
      return { ...base, colors: [], tableOptions: { verticalTimeAxis: true, sortBy: { internalName: '', displayName: '', visible: false }, fixFirstColumn: false },
        fieldOptions: [], timeFormat: 'YYYY-MM-DD HH:mm:ss', decimalPlaces: { isEnforced: false, digits: 2 } };
    case 'histogram': return { ...base, colors: scale, xColumn: '_value', fillColumns: [], xAxisLabel: '', position: 'stacked', binCount: 30 };
    case 'heatmap': return { ...base, colors: ['#000004', '#3b0f70', '#8c2981', '#de4968', '#fe9f6d', '#fcfdbf'], xColumn: '_time', yColumn: '_value', binSize: 10 };
    case 'band': return { ...base, colors: scale, geom: 'line', upperColumn: 'max', mainColumn: 'mean', lowerColumn: 'min', axes: defaultAxes() };
    case 'line-plus-single-stat':
      return { ...base, colors: scale, geom: 'line', position: 'overlaid', prefix: '', suffix: '', decimalPlaces, axes: defaultAxes() };
    default: return { ...base, type: 'xy', colors: scale, geom: 'line', position: 'overlaid', axes: defaultAxes(), legend: {} };
  }
}

function defaultAxes() {
  const axis = { bounds: ['', ''], label: '', prefix: '', suffix: '', base: '10', scale: 'linear' };
  return { x: { ...axis }, y: { ...axis } };
}
