// The org's variables on the Dashboards page: list, create (Query, CSV, Map, Constant), delete.
// Stored through /api/v2/variables in InfluxDB's shapes: query {query, language: 'flux'},
// constant [values] (CSV, and Constant as a list of one), map {key: value}.
import { h, field, confirmDialog, statusLine } from './dom.js';
import { codeEditor } from './code_editor.js';
import { variableKind } from './variables.js';

// "a, b, c" or one per line → ["a", "b", "c"] (quotes around a value are dropped, as in InfluxDB's CSV box).
export function parseCsvValues(text) {
  return text.split(/[\n,]/).map((v) => v.trim().replace(/^"(.*)"$/, '$1')).filter((v) => v !== '');
}

// One "key,value" (or key=value) per line → { key: value }.
export function parseMapValues(text) {
  const out = {};
  text.split('\n').map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
    const m = /^"?([^",=]+)"?\s*[,=]\s*"?(.*?)"?$/.exec(line);
    if (!m) throw new Error(`Map line ${i + 1}: write key,value`);
    out[m[1].trim()] = m[2];
  });
  return out;
}

function summary(v) {
  const { type, values } = v.arguments ?? {};
  if (type === 'query') return values?.query ?? '';
  if (type === 'map') return Object.entries(values ?? {}).map(([k, x]) => `${k} → ${x}`).join(', ');
  return (values ?? []).join(', ');
}

export function variablesPanel({ dashApi }) {
  const rows = h('tbody', { id: 'variable-rows' });
  const name = h('input', { id: 'variable-name', placeholder: 'room', required: true, pattern: '[A-Za-z_][A-Za-z0-9_]*' });
  const kind = h('select', { id: 'variable-type' }, ['Query', 'CSV', 'Map', 'Constant'].map((k) => h('option', { value: k }, k)));
  const query = codeEditor({ id: 'variable-query', label: 'Variable query (Flux)', rows: 4,
    value: 'import "influxdata/influxdb/schema"\nschema.tagValues(bucket: "my-bucket", tag: "host", start: time(v: 0))' });
  const values = h('textarea', { id: 'variable-values', rows: '3', 'aria-label': 'Values' });
  const hint = h('small', { class: 'hint', id: 'variable-hint' });
  const status = statusLine('variables-status');
  const form = h('form', { class: 'card', id: 'variable-form' },
    h('h3', {}, 'New variable'),
    h('div', { class: 'builder-grid' }, field('Name (used as v.name)', name), field('Type', kind)),
    h('div', { id: 'variable-query-field' }, h('label', { for: 'variable-query' }, 'Query (Flux: the _value column gives the choices)'), query.element),
    h('div', { id: 'variable-values-field' }, values, hint),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'variable-create' }, 'Create variable'), status));
  const element = h('div', { class: 'variables', id: 'variables' },
    h('h3', { class: 'section-title' }, 'Variables'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Type'), h('th', {}, 'Values'), h('th', {}, 'Actions'))), rows)),
    form);

  const hints = { CSV: 'Comma-separated values, e.g. Kitchen, Living Room', Map: 'One key,value per line; the key is shown, the value is used',
    Constant: 'One value' };
  function showKind() {
    const k = kind.value;
    form.querySelector('#variable-query-field').hidden = k !== 'Query';
    form.querySelector('#variable-values-field').hidden = k === 'Query';
    hint.textContent = hints[k] ?? '';
  }
  kind.addEventListener('change', showKind);
  showKind();

  async function load() {
    try {
      const list = await dashApi.variables();
      rows.replaceChildren(...list.map((v) => h('tr', { dataset: { variable: v.name } },
        h('td', {}, h('code', {}, v.name)), h('td', {}, variableKind(v)), h('td', { class: 'wrap' }, summary(v)),
        h('td', { class: 'actions' }, h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete variable ${v.name}`,
          onclick: async () => {
            if (!(await confirmDialog(`Delete the variable "${v.name}"?`))) return;
            try { await dashApi.removeVariable(v.id); status.finish('ok', `Deleted ${v.name}.`); } catch (err) { status.finish('error', err.message); }
            await load();
          } }, 'Delete')))));
      if (!list.length) rows.append(h('tr', {}, h('td', { colspan: '4', class: 'muted' }, 'No variables yet.')));
    } catch (err) {
      rows.replaceChildren(h('tr', {}, h('td', { colspan: '4', class: 'error' }, `Could not list variables: ${err.message}`)));
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.busy('Creating…');
    try {
      const k = kind.value;
      let args;
      if (k === 'Query') args = { type: 'query', values: { query: query.value, language: 'flux' } };
      else if (k === 'Map') args = { type: 'map', values: parseMapValues(values.value) };
      else {
        const list = parseCsvValues(values.value);
        if (k === 'Constant' && list.length !== 1) throw new Error('A constant has exactly one value.');
        args = { type: 'constant', values: list };
      }
      await dashApi.createVariable({ name: name.value.trim(), arguments: args });
      status.finish('ok', `Created v.${name.value.trim()}.`);
      name.value = '';
      values.value = '';
    } catch (err) {
      status.finish('error', err.message);
    }
    await load();
  });

  return { element, load };
}
