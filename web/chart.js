// Query rows → a uPlot line chart: one series per Flux table, x = _time, y = _value.
import uPlot from './vendor/uplot/uPlot.esm.js';

export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
// Columns that describe a table but are not part of its name in the legend.
const NON_LABEL_COLUMNS = new Set(['result', 'table', '_start', '_stop', '_time', '_value']);

// A series name from the row's group: measurement, field, then tag=value pairs.
export function seriesLabel(row) {
  const parts = [row._measurement, row._field].filter((p) => p !== undefined && p !== null);
  for (const [k, v] of Object.entries(row)) {
    if (!NON_LABEL_COLUMNS.has(k) && !k.startsWith('_')) parts.push(`${k}=${v}`);
  }
  return parts.join(' ') || `table ${row.table}`;
}

// Groups rows into numeric series keyed by (result, table): [{ label, result, xs, ys }] with x
// in seconds (uPlot's time axis). Non-numeric values are skipped: a string or boolean field
// cannot be drawn as a line.
export function toSeries(rows) {
  const byTable = new Map();
  for (const row of rows) {
    if (typeof row._value !== 'number' || typeof row._time !== 'string') continue;
    const key = `${row.result}\u0000${row.table}`;
    let s = byTable.get(key);
    if (!s) byTable.set(key, (s = { label: seriesLabel(row), result: row.result, xs: [], ys: [] }));
    s.xs.push(Date.parse(row._time) / 1000);
    s.ys.push(row._value);
  }
  return [...byTable.values()];
}

const increasing = (xs) => {
  for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1])) return false;
  return true;
};
const sameXs = (a, b) => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

// uPlot wants one shared, sorted x array. Series of one aggregateWindow usually share their
// times: then their arrays go in as they are. Otherwise join them on the union of times with
// nulls where a series has no point (spanGaps draws across them); a repeated time keeps its
// last value.
export function alignedData(series) {
  if (series.length && increasing(series[0].xs) && series.every((s) => sameXs(s.xs, series[0].xs))) {
    return [series[0].xs, ...series.map((s) => s.ys)];
  }
  const all = new Float64Array(series.reduce((n, s) => n + s.xs.length, 0));
  let k = 0;
  for (const s of series) for (const x of s.xs) all[k++] = x;
  all.sort();
  const xs = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) xs.push(all[i]);
  const index = new Map(xs.map((x, i) => [x, i]));
  return [xs, ...series.map((s) => {
    const col = new Array(xs.length).fill(null);
    for (let i = 0; i < s.xs.length; i++) col[index.get(s.xs[i])] = s.ys[i];
    return col;
  })];
}

// The x range: uPlot's own fit to the data, except when every point has the same time (one
// point, say), where it would pick a span of years; then use the query's _start.._stop window.
export function xRange(rows, xs) {
  if (xs.length === 0 || xs[0] !== xs[xs.length - 1]) return undefined;
  const starts = rows.map((r) => Date.parse(r._start) / 1000).filter(Number.isFinite);
  const stops = rows.map((r) => Date.parse(r._stop) / 1000).filter(Number.isFinite);
  if (starts.length === 0 || stops.length === 0) return [xs[0] - 3600, xs[0] + 3600];
  return [Math.min(...starts), Math.max(...stops)];
}

// uPlot paints on a canvas, so CSS colors must be handed to it explicitly.
export function themeColors(container) {
  const style = getComputedStyle(container);
  return { text: style.getPropertyValue('--fg').trim() || '#222', grid: style.getPropertyValue('--grid').trim() || '#ddd' };
}

export class ResultsChart {
  #container;
  #plot = null;
  #rows = [];

  constructor(container) {
    this.#container = container;
    new ResizeObserver(() => { if (container.clientWidth > 0) this.#plot?.setSize(this.#size()); }).observe(container);
    // Canvas colors come from CSS variables: redraw when the theme changes.
    window.addEventListener('tidewater:theme', () => { if (this.#plot) this.render(this.#rows); });
  }

  #size() {
    return { width: Math.max(200, this.#container.clientWidth), height: 300 };
  }

  /** Draws rows; returns the number of series drawn (0 clears the chart). */
  render(rows) {
    this.#plot?.destroy();
    this.#plot = null;
    this.#rows = rows;
    const series = toSeries(rows);
    if (series.length === 0) return 0;
    const { text, grid } = themeColors(this.#container);
    const axis = { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid } };
    const data = alignedData(series);
    const range = xRange(rows, data[0]);
    this.#plot = new uPlot({
      ...this.#size(),
      scales: range ? { x: { time: true, range } } : {},
      series: [
        {},
        ...series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: true })),
      ],
      axes: [axis, axis],
    }, data, this.#container);
    return series.length;
  }
}
