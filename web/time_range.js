// The Data Explorer's time range (past 5m … 30d, or a custom absolute range) and the dashboard
// variables it feeds: v.timeRangeStart, v.timeRangeStop, v.windowPeriod.
import { h } from './dom.js';

export const PRESETS = [
  ['5m', 'Past 5m', 5 * 60e3], ['15m', 'Past 15m', 15 * 60e3], ['1h', 'Past 1h', 3600e3], ['6h', 'Past 6h', 6 * 3600e3],
  ['24h', 'Past 24h', 86400e3], ['2d', 'Past 2d', 2 * 86400e3], ['7d', 'Past 7d', 7 * 86400e3], ['30d', 'Past 30d', 30 * 86400e3],
];

// "2022-01-01T08:00:00Z" (no milliseconds when they are zero, like InfluxDB prints times).
export function rfc3339(date) {
  return date.toISOString().replace('.000Z', 'Z');
}

// datetime-local value ("2022-01-01T08:00" or with seconds) → Date, read as UTC or local time.
function parseLocalInput(value, utc) {
  if (!value) return null;
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  const d = new Date(utc ? `${withSeconds}Z` : withSeconds);
  return Number.isNaN(d.getTime()) ? null : d;
}

function toLocalInput(date, utc) {
  const shifted = utc ? date : new Date(date.getTime() - date.getTimezoneOffset() * 60e3);
  return shifted.toISOString().slice(0, 19);
}

/**
 * A range picker: a <select> of presets plus "Custom", and start/stop inputs (UTC or local).
 * picker.value() → { start, stop, durationMs, label } with Flux literals for start and stop,
 * or throws Error when the custom range is invalid.
 */
export function timeRangePicker({ initial = '1h', onChange = () => {}, idPrefix = '' } = {}) {
  const id = (name) => `${idPrefix}${name}`;
  const select = h('select', { id: id('time-range'), 'aria-label': 'Time range' },
    PRESETS.map(([v, label]) => h('option', { value: v, selected: v === initial }, label)),
    h('option', { value: 'custom' }, 'Custom time range'));
  const now = new Date();
  const startInput = h('input', { type: 'datetime-local', id: id('range-start'), step: '1', 'aria-label': 'Start',
    value: toLocalInput(new Date(now.getTime() - 3600e3), true) });
  const stopInput = h('input', { type: 'datetime-local', id: id('range-stop'), step: '1', 'aria-label': 'Stop', value: toLocalInput(now, true) });
  const utc = h('input', { type: 'checkbox', id: id('range-utc'), checked: true });
  const custom = h('span', { class: 'custom-range', hidden: true },
    h('label', { for: id('range-start') }, 'From'), startInput,
    h('label', { for: id('range-stop') }, 'to'), stopInput,
    h('label', { class: 'check' }, utc, ' UTC'));
  const element = h('span', { class: 'time-range row' }, select, custom);

  select.addEventListener('change', () => { custom.hidden = select.value !== 'custom'; onChange(); });
  utc.addEventListener('change', () => {
    // Keep the same instants when switching between UTC and local time.
    for (const input of [startInput, stopInput]) {
      const d = parseLocalInput(input.value, !utc.checked);
      if (d) input.value = toLocalInput(d, utc.checked);
    }
  });
  for (const input of [startInput, stopInput]) input.addEventListener('change', onChange);

  function value() {
    if (select.value !== 'custom') {
      const [v, label, ms] = PRESETS.find(([p]) => p === select.value);
      return { start: `-${v}`, stop: 'now()', durationMs: ms, label };
    }
    const start = parseLocalInput(startInput.value, utc.checked);
    const stop = parseLocalInput(stopInput.value, utc.checked);
    if (!start || !stop) throw new Error('Choose both a start and a stop time.');
    if (stop <= start) throw new Error('The stop time must be after the start time.');
    return {
      start: rfc3339(start), stop: rfc3339(stop), durationMs: stop - start,
      label: `${rfc3339(start)} to ${rfc3339(stop)}`,
    };
  }

  /** Sets a custom absolute range (Dates or RFC3339 strings), shown in UTC. */
  function setCustom(start, stop) {
    select.value = 'custom';
    custom.hidden = false;
    utc.checked = true;
    startInput.value = toLocalInput(new Date(start), true);
    stopInput.value = toLocalInput(new Date(stop), true);
  }

  /** What to remember (preset or custom instants) and how to put it back. */
  function state() {
    if (select.value !== 'custom') return { preset: select.value };
    const { start, stop } = value();
    return { start, stop };
  }
  function restore(saved) {
    if (saved?.preset && PRESETS.some(([p]) => p === saved.preset)) {
      select.value = saved.preset;
      custom.hidden = true;
    } else if (saved?.start && saved?.stop) {
      setCustom(saved.start, saved.stop);
    }
  }

  return { element, value, setCustom, select, state, restore };
}

/** About one window per pixel: the range split into `points` windows, at least 1s. */
export function windowPeriod(durationMs, points = 600) {
  const seconds = Math.max(1, Math.ceil(durationMs / points / 1000));
  return `${seconds}s`;
}
