// Histogram (bars of value counts, one series per table) and Heatmap (time × value density on a
// canvas) cells, InfluxDB's "histogram" and "heatmap" views.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { PALETTE, themeColors, seriesLabel } from '../chart.js';
import { h } from '../dom.js';

const HEAT = ['#000004', '#3b0f70', '#8c2981', '#de4968', '#fe9f6d', '#fcfdbf'];  // magma-like

const empty = (container) => {
  container.replaceChildren(h('p', { class: 'cell-empty' }, 'No results'));
  return { series: 0, destroy() {}, resize() {} };
};

function numbers(rows, column) {
  return rows.filter((r) => typeof r[column] === 'number');
}

export function renderHistogram(container, rows, properties, size) {
  container.replaceChildren();
  const column = properties.xColumn || '_value';
  const points = numbers(rows, column);
  if (!points.length) return empty(container);
  const bins = Math.max(1, Math.min(200, Number(properties.binCount) || 30));
  let min = Infinity;
  let max = -Infinity;
  for (const r of points) { min = Math.min(min, r[column]); max = Math.max(max, r[column]); }
  const width = (max - min) / bins || 1;
  const tables = new Map();
  for (const r of points) {
    const key = `${r.result}\u0000${r.table}`;
    if (!tables.has(key)) tables.set(key, { label: seriesLabel(r), counts: new Array(bins).fill(0) });
    const bin = Math.min(bins - 1, Math.floor((r[column] - min) / width));
    tables.get(key).counts[bin]++;
  }
  const xs = Array.from({ length: bins }, (_, i) => min + i * width);
  const series = [...tables.values()];
  // Stacked bars: each series sits on the ones before it.
  const below = new Array(bins).fill(0);
  const data = [xs, ...series.map((s) => s.counts.map((c, i) => (below[i] += c)))];
  const { text, grid } = themeColors(container);
  const axis = { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid } };
  const plot = new uPlot({
    width: size.width, height: size.height,
    scales: { x: { time: false } },
    series: [{ label: column }, ...series.map((s, i) => ({
      label: s.label, stroke: PALETTE[i % PALETTE.length], fill: `${PALETTE[i % PALETTE.length]}88`,
      paths: uPlot.paths.bars({ size: [1, Infinity], align: 1 }),
    }))],
    axes: [axis, axis],
  }, data, container);
  return { series: series.length, plot, destroy() { plot.destroy(); }, resize(next) { plot.setSize(next); } };
}

function heatColor(palette, fraction) {
  return palette[Math.min(palette.length - 1, Math.floor(fraction * palette.length))];
}

export function renderHeatmap(container, rows, properties, size) {
  const xCol = properties.xColumn || '_time';
  const yCol = properties.yColumn || '_value';
  const points = rows.map((r) => [xCol === '_time' ? Date.parse(r[xCol]) : r[xCol], r[yCol]])
    .filter(([x, y]) => Number.isFinite(x) && typeof y === 'number');
  if (!points.length) return empty(container);
  const palette = (properties.colors ?? []).filter((c) => typeof c === 'string' && c.startsWith('#'));
  const colors = palette.length >= 2 ? palette : HEAT;
  const canvas = h('canvas', { class: 'heatmap', role: 'img', 'aria-label': `Heatmap of ${points.length} points` });
  container.replaceChildren(canvas);

  function draw({ width, height }) {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    const bin = Math.max(4, Number(properties.binSize) || 10);
    const cols = Math.max(1, Math.floor(width / bin));
    const rowsN = Math.max(1, Math.floor((height - 16) / bin));
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const [x, y] of points) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    const counts = new Array(cols * rowsN).fill(0);
    for (const [x, y] of points) {
      const cx = Math.min(cols - 1, Math.floor(((x - x0) / (x1 - x0 || 1)) * cols));
      const cy = Math.min(rowsN - 1, Math.floor(((y - y0) / (y1 - y0 || 1)) * rowsN));
      counts[cy * cols + cx]++;
    }
    const most = Math.max(...counts);
    for (let cy = 0; cy < rowsN; cy++) {
      for (let cx = 0; cx < cols; cx++) {
        const n = counts[cy * cols + cx];
        if (!n) continue;
        ctx.fillStyle = heatColor(colors, n / most);
        ctx.fillRect(cx * bin, (rowsN - 1 - cy) * bin, bin - 1, bin - 1);
      }
    }
    const { text } = themeColors(container);
    ctx.fillStyle = text;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText(`${yCol} ${y0.toPrecision(3)} … ${y1.toPrecision(3)}`, 2, height - 3);
  }
  draw(size);
  return { series: 1, destroy() {}, resize: draw };
}
