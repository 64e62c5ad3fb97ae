// The Data Explorer's query builder: bucket → measurement → field → aggregate + window, writing
// Flux with v.timeRangeStart / v.timeRangeStop / v.windowPeriod. Measurements and fields come from
// Flux (keep + group + distinct) over the picked time range, as InfluxDB's builder lists them.
import { h, field } from './dom.js';
import { substituteVariables } from './time_range.js';
import { fluxString } from './flux_vars.js';

const AGGREGATES = ['mean', 'median', 'max', 'min', 'sum', 'count', 'first', 'last'];
const WINDOWS = [['auto', 'auto (v.windowPeriod)'], ['10s', '10s'], ['1m', '1m'], ['5m', '5m'], ['15m', '15m'], ['1h', '1h'], ['6h', '6h'], ['1d', '1d']];

function options(select, values, placeholder) {
  select.replaceChildren(h('option', { value: '' }, placeholder), ...values.map((v) => h('option', { value: v }, v)));
}

export function queryBuilder({ api, org, defaultBucket, getRange, onGenerate }) {
  const bucket = h('select', { id: 'qb-bucket' });
  const measurement = h('select', { id: 'qb-measurement', disabled: true });
  const fieldSel = h('select', { id: 'qb-field', disabled: true });
  const aggregate = h('select', { id: 'qb-aggregate' },
    h('option', { value: '' }, 'none (raw points)'), AGGREGATES.map((a) => h('option', { value: a, selected: a === 'mean' }, a)));
  const every = h('select', { id: 'qb-window' }, WINDOWS.map(([v, label]) => h('option', { value: v }, label)));
  const submit = h('button', { type: 'button', id: 'qb-submit' }, 'Build and run');
  const note = h('output', { id: 'qb-status', class: 'status muted' });
  const orgRef = org.id ? { orgID: org.id } : { org: org.name };

  const element = h('details', { class: 'builder card', id: 'query-builder' },
    h('summary', {}, 'Query builder'),
    h('div', { class: 'builder-grid' },
      field('Bucket', bucket), field('Measurement', measurement), field('Field', fieldSel),
      field('Aggregate', aggregate), field('Window', every)),
    h('div', { class: 'row' }, submit, note));

  // Distinct values of one column over the picked range, through the engine's own Flux.
  async function distinct(column, filters = '') {
    const r = getRange();
    const flux = substituteVariables(`from(bucket: ${fluxString(bucket.value)})
  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)${filters}
  |> keep(columns: [${fluxString(column)}])
  |> group()
  |> distinct(column: ${fluxString(column)})`, { ...r, windowPeriod: '1m' });
    const rows = await api.query(orgRef, flux);
    return [...new Set(rows.map((row) => row._value).filter((v) => v !== null && v !== undefined).map(String))].sort();
  }

  async function loadBuckets() {
    let names = [];
    try {
      const { buckets } = await api.get(`/api/v2/buckets?${new URLSearchParams(orgRef)}`);
      names = buckets.filter((b) => !b.name.startsWith('_')).map((b) => b.name).sort();
    } catch {
      names = defaultBucket ? [defaultBucket] : [];  // no /api/v2/buckets (yet)
    }
    const keep = bucket.value || defaultBucket;
    options(bucket, names, 'Choose a bucket');
    if (names.includes(keep)) bucket.value = keep;
    if (bucket.value) await loadMeasurements();
  }

  // Lists are re-read when the page is shown or the range changes: keep what was picked.
  async function loadMeasurements() {
    const keepMeasurement = measurement.value;
    const keepField = fieldSel.value;
    options(measurement, [], 'Loading…');
    options(fieldSel, [], 'Choose a measurement first');
    measurement.disabled = fieldSel.disabled = true;
    if (!bucket.value) return;
    try {
      const values = await distinct('_measurement');
      options(measurement, values, values.length ? 'Choose a measurement' : 'No data in this time range');
      measurement.disabled = values.length === 0;
      note.textContent = '';
      if (values.includes(keepMeasurement)) {
        measurement.value = keepMeasurement;
        await loadFields();
        if ([...fieldSel.options].some((o) => o.value === keepField)) fieldSel.value = keepField;
      }
    } catch (err) {
      options(measurement, [], 'Could not list measurements');
      note.textContent = err.message;
    }
  }

  async function loadFields() {
    options(fieldSel, [], 'Loading…');
    fieldSel.disabled = true;
    if (!measurement.value) return;
    try {
      const values = await distinct('_field', `\n  |> filter(fn: (r) => r._measurement == ${fluxString(measurement.value)})`);
      options(fieldSel, values, 'All fields');
      fieldSel.disabled = false;
    } catch (err) {
      note.textContent = err.message;
    }
  }

  bucket.addEventListener('change', loadMeasurements);
  measurement.addEventListener('change', loadFields);
  submit.addEventListener('click', () => {
    if (!bucket.value) { note.textContent = 'Choose a bucket.'; return; }
    const lines = [`from(bucket: ${fluxString(bucket.value)})`, '  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)'];
    if (measurement.value) lines.push(`  |> filter(fn: (r) => r._measurement == ${fluxString(measurement.value)})`);
    if (fieldSel.value) lines.push(`  |> filter(fn: (r) => r._field == ${fluxString(fieldSel.value)})`);
    if (aggregate.value) {
      const w = every.value === 'auto' ? 'v.windowPeriod' : every.value;
      lines.push(`  |> aggregateWindow(every: ${w}, fn: ${aggregate.value}, createEmpty: false)`);
    }
    lines.push('  |> yield(name: "results")');
    note.textContent = '';
    onGenerate(lines.join('\n'));
  });

  let loaded = false;
  element.addEventListener('toggle', () => { if (element.open && !loaded) { loaded = true; loadBuckets(); } });

  return {
    element,
    /** Re-reads the lists (called when the page is shown and when the time range changes). */
    refresh() { if (loaded) loadBuckets(); },
  };
}
