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

// Groups rows into numeric series keyed by (result, table). Non-numeric values are skipped:
// a string or boolean field cannot be drawn as a line.
export function toSeries(rows) {
  const byTable = new Map();
  for (const row of rows) {
    if (typeof row._value !== 'number' || typeof row._time !== 'string') continue;
    const key = `${row.result}\u0000${row.table}`;
    let s = byTable.get(key);
    if (!s) byTable.set(key, (s = { label: seriesLabel(row), result: row.result, points: new Map() }));
    s.points.set(Date.parse(row._time) / 1000, row._value);  // uPlot's time axis is in seconds
  }
  return [...byTable.values()];
}

// uPlot wants one shared, sorted x array; tables rarely share timestamps, so join them on the
// union of times with nulls where a table has no point (and spanGaps draws across them).
export function alignedData(series) {
  const xs = [...new Set(series.flatMap((s) => [...s.points.keys()]))].sort((a, b) => a - b);
  return [xs, ...series.map((s) => xs.map((x) => s.points.get(x) ?? null))];
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
