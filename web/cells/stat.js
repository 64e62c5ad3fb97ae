// Single Stat and Gauge cells: the last value of the first table, coloured by thresholds as
// InfluxDB's views describe them (colors: [{type: 'text'|'background'|'min'|'max'|'threshold',
// hex, value}]). The gauge is SVG; every text goes in through textContent.
import { h } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The value a stat shows: the last row (by time) of the first table with a numeric _value. */
export function singleStatValue(rows) {
  let first = null;
  let best = null;
  for (const r of rows) {
    if (typeof r._value !== 'number') continue;
    const key = `${r.result}\u0000${r.table}`;
    if (first === null) first = key;
    if (key !== first) continue;
    if (best === null || String(r._time ?? '') >= String(best._time ?? '')) best = r;
  }
  return best ? best._value : null;
}

/** prefix + value with the view's decimal places + suffix. */
export function formatStat(value, properties = {}) {
  if (value === null || value === undefined) return 'No value';
  const digits = properties.decimalPlaces?.isEnforced ? properties.decimalPlaces.digits ?? 2 : null;
  let text;
  if (digits !== null) text = value.toFixed(digits);
  else text = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return `${properties.prefix ?? ''}${text}${properties.suffix ?? ''}`;
}

/** The threshold colour for a value: the highest threshold at or below it, else the lowest. */
export function thresholdColor(colors, value) {
  const steps = (colors ?? []).filter((c) => ['text', 'background', 'threshold', 'min'].includes(c.type) && c.hex)
    .map((c) => ({ ...c, value: Number(c.value ?? -Infinity) }))
    .sort((a, b) => a.value - b.value);
  if (!steps.length || value === null) return null;
  let pick = steps[0];
  for (const s of steps) if (value >= s.value) pick = s;
  return pick;
}

export function renderSingleStat(container, rows, properties) {
  const value = singleStatValue(rows);
  const color = thresholdColor(properties.colors, value);
  const el = h('div', { class: 'single-stat', dataset: { value: value === null ? '' : String(value) } }, formatStat(value, properties));
  if (color?.type === 'background') {
    container.style.background = color.hex;
    el.style.color = '#fff';
  } else {
    container.style.background = '';
    if (color) el.style.color = color.hex;
  }
  if (color) el.dataset.color = color.hex;
  container.replaceChildren(el);
  return { series: value === null ? 0 : 1, destroy() {}, resize() {} };
}

// A point on the gauge's arc: fraction 0 (left) … 1 (right) of a half circle, plus a bit.
const START = Math.PI * 0.8;
const SWEEP = Math.PI * 1.4;
function arcPoint(cx, cy, r, fraction) {
  const a = START + SWEEP * fraction;
  return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
}
function arcPath(cx, cy, r, from, to) {
  const [x1, y1] = arcPoint(cx, cy, r, from);
  const [x2, y2] = arcPoint(cx, cy, r, to);
  const large = SWEEP * (to - from) > Math.PI ? 1 : 0;
  return `M ${x1} ${y1} A ${r} ${r} 0 ${large} 1 ${x2} ${y2}`;
}

export function renderGauge(container, rows, properties) {
  const value = singleStatValue(rows);
  const colors = properties.colors ?? [];
  const min = Number(colors.find((c) => c.type === 'min')?.value ?? 0);
  const max = Number(colors.find((c) => c.type === 'max')?.value ?? 100);
  const span = max - min || 1;
  const frac = (v) => Math.max(0, Math.min(1, (v - min) / span));
  const root = svg('svg', { viewBox: '0 0 200 160', class: 'gauge', role: 'img', 'aria-label': `Gauge: ${formatStat(value, properties)}` });
  // Coloured segments from each threshold to the next (min's colour from the start).
  const steps = colors.filter((c) => c.type === 'min' || c.type === 'threshold').map((c) => ({ hex: c.hex, at: frac(Number(c.value)) }))
    .sort((a, b) => a.at - b.at);
  if (!steps.length) steps.push({ hex: '#4caf50', at: 0 });
  steps.forEach((s, i) => {
    const to = i + 1 < steps.length ? steps[i + 1].at : 1;
    if (to > s.at) root.append(svg('path', { d: arcPath(100, 95, 70, s.at, to), stroke: s.hex, 'stroke-width': 14, fill: 'none' }));
  });
  if (value !== null) {
    const [nx, ny] = arcPoint(100, 95, 58, frac(value));
    root.append(svg('line', { x1: 100, y1: 95, x2: nx, y2: ny, stroke: 'currentColor', 'stroke-width': 3, 'stroke-linecap': 'round', class: 'needle' }));
  }
  root.append(svg('circle', { cx: 100, cy: 95, r: 5, fill: 'currentColor' }));
  root.append(svg('text', { x: 100, y: 140, 'text-anchor': 'middle', class: 'gauge-value', fill: 'currentColor' }, formatStat(value, properties)));
  const [lx, ly] = arcPoint(100, 95, 70, 0);
  const [rx, ry] = arcPoint(100, 95, 70, 1);
  root.append(svg('text', { x: lx, y: ly + 16, 'text-anchor': 'middle', class: 'gauge-tick', fill: 'currentColor' }, `${properties.tickPrefix ?? ''}${min}${properties.tickSuffix ?? ''}`));
  root.append(svg('text', { x: rx, y: ry + 16, 'text-anchor': 'middle', class: 'gauge-tick', fill: 'currentColor' }, `${properties.tickPrefix ?? ''}${max}${properties.tickSuffix ?? ''}`));
  container.replaceChildren(root);
  container.dataset.value = value === null ? '' : String(value);
  return { series: value === null ? 0 : 1, destroy() {}, resize() {} };
}
