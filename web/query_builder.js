// The Data Explorer's query builder: bucket → measurement → field → tag filters (key, searched
// values) → aggregate + window, writing
// Flux with v.timeRangeStart / v.timeRangeStop / v.windowPeriod. Measurements and fields come from
// Flux (keep + group + distinct) over the picked time range, as InfluxDB's builder lists them.
import { h, field } from './dom.js';
import { fluxString, rangeValues } from './flux_vars.js';
import { withExtern } from './flux_extern.js';
import { tagFilterCard } from './tag_filter.js';

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

  const cards = [];
  const tagCards = h('div', { class: 'qb-tags', id: 'qb-tags' });
  const addTag = h('button', { type: 'button', class: 'secondary small', id: 'qb-add-tag' }, 'Add tag filter');

  const element = h('details', { class: 'builder card', id: 'query-builder' },
    h('summary', {}, 'Query builder'),
    h('div', { class: 'builder-grid' },
      field('Bucket', bucket), field('Measurement', measurement), field('Field', fieldSel),
      field('Aggregate', aggregate), field('Window', every)),
    tagCards, addTag,
    h('div', { class: 'row' }, submit, note));

  const measurementFilter = () => (measurement.value ? `\n  |> filter(fn: (r) => r._measurement == ${fluxString(measurement.value)})` : '');
  // Tag keys of the picked measurement: the group key columns from() gives, minus _start & co.
  async function tagKeys() {
    if (!bucket.value) return [];
    const sent = withExtern(`from(bucket: ${fluxString(bucket.value)})
  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)${measurementFilter()}
  |> keys()
  |> keep(columns: ["_value"])
  |> group()
  |> distinct()`, rangeValues(getRange(), '1m'));
    const rows = await api.query(orgRef, sent.query, sent.extern);
    return [...new Set(rows.map((row) => String(row._value ?? '')).filter((k) => k && !k.startsWith('_')))].sort();
  }
  function addCard() {
    const card = tagFilterCard({
      listKeys: tagKeys,
      listValues: (key) => distinct(key, measurementFilter()),
      onRemove: () => cards.splice(cards.indexOf(card), 1),
    });
    cards.push(card);
    tagCards.append(card.element);
    return card.reload();
  }
  addTag.addEventListener('click', () => addCard());
  const reloadCards = () => Promise.all(cards.map((c) => c.reload()));

  // Distinct values of one column over the picked range, through the engine's own Flux.
  async function distinct(column, filters = '') {
    const r = getRange();
    const sent = withExtern(`from(bucket: ${fluxString(bucket.value)})
  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)${filters}
  |> keep(columns: [${fluxString(column)}])
  |> group()
  |> distinct(column: ${fluxString(column)})`, rangeValues(r, '1m'));
    const rows = await api.query(orgRef, sent.query, sent.extern);
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

  bucket.addEventListener('change', async () => { await loadMeasurements(); await reloadCards(); });
  measurement.addEventListener('change', async () => { await loadFields(); await reloadCards(); });
  submit.addEventListener('click', () => {
    if (!bucket.value) { note.textContent = 'Choose a bucket.'; return; }
    const lines = [`from(bucket: ${fluxString(bucket.value)})`, '  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)'];
    if (measurement.value) lines.push(`  |> filter(fn: (r) => r._measurement == ${fluxString(measurement.value)})`);
    if (fieldSel.value) lines.push(`  |> filter(fn: (r) => r._field == ${fluxString(fieldSel.value)})`);
    for (const card of cards) if (card.flux()) lines.push(card.flux());
    if (aggregate.value) {
      const w = every.value === 'auto' ? 'v.windowPeriod' : every.value;
      lines.push(`  |> aggregateWindow(every: ${w}, fn: ${aggregate.value}, createEmpty: false)`);
    }
    lines.push('  |> yield(name: "results")');
    note.textContent = '';
    onGenerate(lines.join('\n'));
  });

  let loaded = false;
  element.addEventListener('toggle', async () => {
    if (!element.open || loaded) return;
    loaded = true;
    await loadBuckets();
    await addCard();
  });

  return {
    element,
    /** Re-reads the lists (called when the page is shown and when the time range changes). */
    async refresh() { if (loaded) { await loadBuckets(); await reloadCards(); } },
  };
}
