// The check editor: the query (bucket, measurement, field, aggregate per check interval) and
// either thresholds (CRIT/WARN/INFO/OK: above, below, inside or outside a range) or a deadman
// (no data for timeSince → level; stale after staleTime). Writes InfluxDB's check JSON with
// query.text and query.builderConfig, so the same check opens back in the editor.
import { h, field, errorBox } from './dom.js';
import { fluxString } from './flux_vars.js';
import { isDuration } from './definition_rows.js';

const LEVELS = ['CRIT', 'WARN', 'INFO', 'OK'];
const FUNCTIONS = ['mean', 'last', 'max', 'min', 'sum', 'count', 'median'];

function select(id, values, value, label) {
  return h('select', { id, 'aria-label': label }, values.map((v) => h('option', { value: v, selected: v === value }, v)));
}

export function checkQueryText({ bucket, measurement, fieldName, fn, every }) {
  return `from(bucket: ${fluxString(bucket)})
  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)
  |> filter(fn: (r) => r["_measurement"] == ${fluxString(measurement)})
  |> filter(fn: (r) => r["_field"] == ${fluxString(fieldName)})
  |> aggregateWindow(every: ${every}, fn: ${fn}, createEmpty: false)
  |> yield(name: "${fn}")`;
}

// One threshold row: level, kind (above / below / inside / outside) and its value(s).
function thresholdRow(t = { type: 'greater', level: 'CRIT', value: 0 }) {
  const kind = t.type === 'range' ? (t.within ? 'inside' : 'outside') : t.type === 'lesser' ? 'below' : 'above';
  const level = select('', LEVELS, t.level ?? 'CRIT', 'Level');
  const how = select('', ['above', 'below', 'inside', 'outside'], kind, 'When the value is');
  const value = h('input', { type: 'number', step: 'any', value: String(t.value ?? 0), 'aria-label': 'Value', class: 'th-value' });
  const min = h('input', { type: 'number', step: 'any', value: String(t.min ?? 0), 'aria-label': 'Minimum', class: 'th-min' });
  const max = h('input', { type: 'number', step: 'any', value: String(t.max ?? 100), 'aria-label': 'Maximum', class: 'th-max' });
  const el = h('div', { class: 'row threshold' }, level, how, value, min, max,
    h('button', { type: 'button', class: 'secondary small', 'aria-label': 'Remove threshold', onclick: () => el.remove() }, '×'));
  const sync = () => {
    const range = how.value === 'inside' || how.value === 'outside';
    value.hidden = range;
    min.hidden = max.hidden = !range;
  };
  how.addEventListener('change', sync);
  sync();
  el.read = () => {
    if (how.value === 'inside' || how.value === 'outside') {
      return { type: 'range', level: level.value, min: Number(min.value), max: Number(max.value), within: how.value === 'inside' };
    }
    return { type: how.value === 'above' ? 'greater' : 'lesser', level: level.value, value: Number(value.value) };
  };
  return el;
}

/** checkEditor({ buckets, onSave(json) }) → { element, open(check|null) } */
export function checkEditor({ onSave, onCancel }) {
  const name = h('input', { id: 'check-name', required: true, autocomplete: 'off' });
  const type = select('check-type', ['threshold', 'deadman'], 'threshold', 'Check type');
  const bucket = h('select', { id: 'check-bucket' });
  const measurement = h('input', { id: 'check-measurement', required: true, autocomplete: 'off' });
  const fieldName = h('input', { id: 'check-field', required: true, autocomplete: 'off' });
  const fn = select('check-fn', FUNCTIONS, 'mean', 'Aggregate');
  const every = h('input', { id: 'check-every', value: '1m', required: true, autocomplete: 'off' });
  const offset = h('input', { id: 'check-offset', value: '0s', autocomplete: 'off' });
  const message = h('input', { id: 'check-message', value: 'Check: ${ r._check_name } is: ${ r._level }', autocomplete: 'off' });
  const thresholds = h('div', { id: 'check-thresholds' });
  const addThreshold = h('button', { type: 'button', class: 'secondary small', id: 'check-add-threshold', onclick: () => thresholds.append(thresholdRow()) }, 'Add threshold');
  const thresholdBox = h('fieldset', { id: 'check-threshold-box' }, h('legend', {}, 'Thresholds'), thresholds, addThreshold);
  const timeSince = h('input', { id: 'check-time-since', value: '90s', autocomplete: 'off' });
  const staleTime = h('input', { id: 'check-stale-time', value: '10m', autocomplete: 'off' });
  const deadLevel = select('check-dead-level', LEVELS, 'CRIT', 'Level');
  const reportZero = h('input', { type: 'checkbox', id: 'check-report-zero' });
  const deadmanBox = h('fieldset', { id: 'check-deadman-box', hidden: true }, h('legend', {}, 'Deadman'),
    h('div', { class: 'row fields' }, field('for (no data for)', timeSince), field('set status to', deadLevel), field('stop checking after', staleTime)),
    h('label', { class: 'check' }, reportZero, ' Report zero'));
  const title = h('h3', { id: 'check-form-title' }, 'Create check');
  const error = errorBox('check-form-error');
  const element = h('form', { id: 'check-form', class: 'card', hidden: true, 'aria-labelledby': 'check-form-title' },
    title,
    h('div', { class: 'row fields' }, field('Name', name), field('Type', type)),
    h('div', { class: 'row fields' }, field('Bucket', bucket), field('Measurement', measurement), field('Field', fieldName),
      field('Aggregate', fn), field('Every', every), field('Offset', offset)),
    thresholdBox, deadmanBox,
    field('Status message', message),
    error,
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'check-save' }, 'Save check'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { element.hidden = true; onCancel?.(); } }, 'Cancel')));
  let editing = null;

  const syncType = () => { thresholdBox.hidden = type.value !== 'threshold'; deadmanBox.hidden = type.value !== 'deadman'; };
  type.addEventListener('change', syncType);

  element.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const [input, what] of [[every, 'Every'], [offset, 'Offset'], [timeSince, 'The deadman time'], [staleTime, 'The stale time']]) {
      if (input.value.trim() && !isDuration(input.value.trim())) return error.show(`${what} must be a duration such as 1m.`);
    }
    const q = { bucket: bucket.value, measurement: measurement.value.trim(), fieldName: fieldName.value.trim(), fn: fn.value, every: every.value.trim() };
    const check = {
      ...(editing ?? {}),
      name: name.value.trim(), type: type.value, every: q.every, offset: offset.value.trim() || '0s',
      statusMessageTemplate: message.value, tags: editing?.tags ?? [],
      query: {
        text: checkQueryText(q), editMode: 'builder',
        builderConfig: {
          buckets: [q.bucket],
          tags: [{ key: '_measurement', values: [q.measurement] }, { key: '_field', values: [q.fieldName] }],
          functions: [{ name: q.fn }],
          aggregateWindow: { period: q.every },
        },
      },
    };
    if (type.value === 'threshold') {
      check.thresholds = [...thresholds.children].map((r) => r.read());
      delete check.timeSince; delete check.staleTime; delete check.level; delete check.reportZero;
    } else {
      Object.assign(check, { timeSince: timeSince.value.trim(), staleTime: staleTime.value.trim(), level: deadLevel.value, reportZero: reportZero.checked });
      delete check.thresholds;
    }
    for (const k of ['links', 'labels', 'latestCompleted', 'latestScheduled', 'lastRunStatus', 'lastRunError', 'createdAt', 'updatedAt']) delete check[k];
    try {
      await onSave(check, editing);
      element.hidden = true;
    } catch (err) { error.show(err.message); }
  });

  return {
    element,
    setBuckets(names) {
      const current = bucket.value;
      bucket.replaceChildren(...names.map((n) => h('option', { value: n }, n)));
      if (names.includes(current)) bucket.value = current;
    },
    open(check) {
      editing = check;
      const cfg = check?.query?.builderConfig ?? {};
      const tag = (key) => cfg.tags?.find((t) => t.key === key)?.values?.[0] ?? '';
      title.textContent = check ? `Edit ${check.name}` : 'Create check';
      name.value = check?.name ?? '';
      type.value = check?.type ?? 'threshold';
      if (cfg.buckets?.[0]) {
        if (![...bucket.options].some((o) => o.value === cfg.buckets[0])) bucket.append(h('option', { value: cfg.buckets[0] }, cfg.buckets[0]));
        bucket.value = cfg.buckets[0];
      }
      measurement.value = tag('_measurement');
      fieldName.value = tag('_field');
      fn.value = cfg.functions?.[0]?.name ?? 'mean';
      every.value = check?.every ?? '1m';
      offset.value = check?.offset ?? '0s';
      if (check?.statusMessageTemplate !== undefined) message.value = check.statusMessageTemplate;
      thresholds.replaceChildren(...(check?.thresholds ?? [{ type: 'greater', level: 'CRIT', value: 0 }]).map(thresholdRow));
      timeSince.value = check?.timeSince ?? '90s';
      staleTime.value = check?.staleTime ?? '10m';
      deadLevel.value = check?.level ?? 'CRIT';
      reportZero.checked = !!check?.reportZero;
      syncType();
      error.show('');
      element.hidden = false;
      name.focus();
    },
  };
}
