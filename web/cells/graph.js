// Graph cells with uPlot: InfluxDB's "xy" view (geom line, step, stacked, bar; legend; hover
// crosshair), "line-plus-single-stat" (the graph with the last value on top) and "band" (a main
// line between an upper and a lower series, picked by result name).
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { PALETTE, toSeries, alignedData, xRange, themeColors } from '../chart.js';
import { h } from '../dom.js';
import { singleStatValue, formatStat } from './stat.js';

// Running totals down the series, for geom "stacked": each series is drawn on top of the ones
// before it (nulls count as 0, as InfluxDB's stacked graph does).
function stack(data) {
  const out = [data[0]];
  let below = data[0].map(() => 0);
  for (let i = 1; i < data.length; i++) {
    const col = data[i].map((v, j) => (v === null ? null : below[j] + v));
    below = below.map((b, j) => b + (data[i][j] ?? 0));
    out.push(col);
  }
  return out;
}

function pathsFor(geom) {
  if (geom === 'step') return uPlot.paths.stepped({ align: 1 });
  if (geom === 'bar') return uPlot.paths.bars({ size: [0.8, 64] });
  return undefined;  // uPlot's linear default
}

// Band: series grouped by their label (measurement, field, tags); within a group the upper,
// main and lower lines are the results named by the view (InfluxDB's band uses one yield each).
function bandLayout(series, { upperColumn, mainColumn, lowerColumn }) {
  const names = { upper: upperColumn || 'max', main: mainColumn || 'mean', lower: lowerColumn || 'min' };
  const groups = new Map();
  for (const s of series) {
    for (const [role, name] of Object.entries(names)) {
      if (s.result !== name) continue;
      if (!groups.has(s.label)) groups.set(s.label, {});
      groups.get(s.label)[role] = s;
    }
  }
  const ordered = [];
  const widths = [];
  const bands = [];
  let group = 0;
  for (const g of groups.values()) {
    if (!g.main) continue;
    ordered.push(g.main);
    widths.push({ width: 2, group });
    if (g.upper && g.lower) {
      ordered.push(g.upper, g.lower);
      widths.push({ width: 0.5, group }, { width: 0.5, group });
      bands.push({ series: [ordered.length - 1, ordered.length], group });  // uPlot indexes include x
    }
    group++;
  }
  return { ordered, widths, bands };
}

/**
 * A graph cell; `size` is { width, height } of its body; `parsed` the series when the caller
 * read them straight from the CSV (csvSeries). Returns { series, plot, destroy, resize }.
 */
export function renderGraph(container, rows, properties, size, parsed = null) {
  container.replaceChildren();
  let series = parsed ?? toSeries(rows);
  if (series.length === 0) {
    container.append(h('p', { class: 'cell-empty' }, 'No results'));
    return { series: 0, destroy() {}, resize() {} };
  }
  const { text, grid } = themeColors(container);
  const axis = { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid }, size: 40 };
  const colors = (properties.colors ?? []).map((c) => c.hex).filter(Boolean);
  const color = (i) => (colors.length ? colors[i % colors.length] : PALETTE[i % PALETTE.length]);
  const geom = properties.geom ?? 'line';
  const stacked = properties.type !== 'band' && (geom === 'stacked' || properties.position === 'stacked');
  let bands;
  let uSeries;
  let data;

  if (properties.type === 'band') {
    const layout = bandLayout(series, properties);
    if (layout.ordered.length) series = layout.ordered;
    data = alignedData(series);
    uSeries = series.map((s, i) => {
      const { width = 1.5, group = i } = layout.widths[i] ?? {};
      return { label: `${s.result} ${s.label}`, stroke: color(group), width, spanGaps: true };
    });
    bands = layout.bands.map((b) => ({ series: b.series, fill: `${color(b.group)}33` }));
  } else {
    data = alignedData(series);
    if (stacked) data = stack(data);
    uSeries = series.map((s, i) => ({
      label: s.label, stroke: color(i), width: 1.5, spanGaps: true, paths: pathsFor(geom),
      fill: stacked || geom === 'bar' ? `${color(i)}55` : undefined,
    }));
    // Stacked areas fill down to the series below: uPlot bands between neighbours.
    if (stacked) bands = uSeries.slice(1).map((_, i) => ({ series: [i + 2, i + 1] }));
  }
  const range = xRange(rows, data[0]);
  const plot = new uPlot({
    width: size.width, height: size.height,
    scales: range ? { x: { time: true, range } } : {},
    series: [{}, ...uSeries],
    bands,
    axes: [axis, { ...axis, size: 50 }],
    // A legend of dozens of series would fill the cell: then the crosshair's values alone.
    legend: { show: properties.legend?.show !== false && properties.legendOpacity !== 0 && series.length <= 12, live: true },
    cursor: { drag: { x: true, y: false } },
  }, data, container);

  let statEl = null;
  if (properties.type === 'line-plus-single-stat') {
    const v = singleStatValue(rows);
    statEl = h('div', { class: 'stat-overlay' }, formatStat(v, properties));
    container.append(statEl);
  }
  return {
    series: series.length,
    plot,
    destroy() { plot.destroy(); },
    resize(next) { plot.setSize(next); },
  };
}
