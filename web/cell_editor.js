// The cell editor: a dialog to create or edit a dashboard cell — name, type, the Flux query (with
// the highlighting editor and function list), and the options of the chosen type. Resolves to
// { name, properties } in InfluxDB 2.7's view shapes, or null when cancelled.
import { h, field } from './dom.js';
import { codeEditor } from './code_editor.js';
import { functionList } from './function_list.js';
import { CELL_TYPES, GEOMS, defaultProperties } from './cells/index.js';

// Threshold lines "value #hex" ↔ InfluxDB colors of type text (single stat) or threshold (gauge).
function thresholdsText(colors = []) {
  return colors.filter((c) => c.type === 'text' || c.type === 'background' || c.type === 'threshold')
    .map((c) => `${c.value ?? 0} ${c.hex}`).join('\n');
}
function parseThresholds(text, type) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line, i) => {
    const [value, hex] = line.split(/\s+/);
    if (!/^#[0-9a-fA-F]{6}$/.test(hex ?? '') || !Number.isFinite(Number(value))) {
      throw new Error(`Threshold line ${i + 1}: write "<value> <#rrggbb>", e.g. "25 #F95F53".`);
    }
    return { id: `t${i}`, type, hex, name: hex, value: Number(value) };
  });
}

export function cellEditor({ title = 'Configure cell', name = '', properties = defaultProperties('xy') } = {}) {
  return new Promise((resolve) => {
    const nameInput = h('input', { id: 'cell-name', value: name || 'Name this cell', required: true });
    const type = h('select', { id: 'cell-type' }, CELL_TYPES.map(([v, label]) => h('option', { value: v, selected: v === properties.type }, label)));
    const query = codeEditor({ id: 'cell-query', label: 'Cell query (Flux)', value: properties.queries?.[0]?.text ?? '', rows: 7 });
    const fns = functionList(query);
    const note = h('textarea', { id: 'cell-note', rows: '6', 'aria-label': 'Note (Markdown)' });
    note.value = properties.note ?? '';
    const geom = h('select', { id: 'cell-geom' }, GEOMS.map(([v, label]) => h('option', { value: v, selected: v === (properties.geom ?? 'line') }, label)));
    const prefix = h('input', { id: 'cell-prefix', value: properties.prefix ?? '' });
    const suffix = h('input', { id: 'cell-suffix', value: properties.suffix ?? '' });
    const decimals = h('input', { id: 'cell-decimals', type: 'number', min: '0', max: '10', value: String(properties.decimalPlaces?.digits ?? 2) });
    const thresholds = h('textarea', { id: 'cell-thresholds', rows: '3', placeholder: '0 #00C9FF\n25 #F95F53' });
    thresholds.value = thresholdsText(properties.colors);
    const colorsOf = (t) => (properties.colors ?? []).find((c) => c.type === t)?.value;
    const min = h('input', { id: 'cell-min', type: 'number', value: String(colorsOf('min') ?? 0) });
    const max = h('input', { id: 'cell-max', type: 'number', value: String(colorsOf('max') ?? 100) });
    const bins = h('input', { id: 'cell-bins', type: 'number', min: '1', max: '200', value: String(properties.binCount ?? 30) });
    const upper = h('input', { id: 'cell-upper', value: properties.upperColumn ?? 'max' });
    const main = h('input', { id: 'cell-main', value: properties.mainColumn ?? 'mean' });
    const lower = h('input', { id: 'cell-lower', value: properties.lowerColumn ?? 'min' });
    const error = h('p', { class: 'error', role: 'alert', id: 'cell-error', hidden: true });

    const sections = {
      query: h('div', { class: 'editor-grid' }, h('div', {}, h('label', { for: 'cell-query' }, 'Query (Flux)'), query.element), fns.element),
      note: field('Note (Markdown)', note),
      geom: field('Line style', geom),
      stat: h('div', { class: 'builder-grid' }, field('Prefix', prefix), field('Suffix', suffix), field('Decimal places', decimals)),
      thresholds: field('Thresholds (one per line: value #colour)', thresholds),
      gauge: h('div', { class: 'builder-grid' }, field('Minimum', min), field('Maximum', max)),
      bins: field('Bins', bins),
      band: h('div', { class: 'builder-grid' }, field('Upper (result name)', upper), field('Main', main), field('Lower', lower)),
    };
    const uses = {
      xy: ['query', 'geom'], 'line-plus-single-stat': ['query', 'geom', 'stat'], 'single-stat': ['query', 'stat', 'thresholds'],
      gauge: ['query', 'stat', 'gauge', 'thresholds'], table: ['query'], histogram: ['query', 'bins'], heatmap: ['query'],
      band: ['query', 'band'], markdown: ['note'],
    };
    const show = () => { for (const [k, el] of Object.entries(sections)) el.hidden = !uses[type.value].includes(k); };
    type.addEventListener('change', show);
    show();

    const form = h('form', { method: 'dialog', class: 'cell-editor' },
      h('h2', {}, title),
      h('div', { class: 'builder-grid' }, field('Name', nameInput), field('Type', type)),
      ...Object.values(sections),
      error,
      h('div', { class: 'row end' },
        h('button', { value: 'cancel', class: 'secondary', formnovalidate: true, id: 'cell-cancel' }, 'Cancel'),
        h('button', { value: 'save', id: 'cell-save' }, 'Save')));
    const dlg = h('dialog', { class: 'wide cell-dialog', 'aria-label': title }, form);

    function build() {
      const t = type.value;
      const props = { ...defaultProperties(t, query.value), ...(properties.type === t ? pick(properties) : {}) };
      if (t !== 'markdown') props.queries = [{ ...(props.queries?.[0] ?? {}), text: query.value, editMode: 'advanced' }];
      props.note = note.value;
      if (uses[t].includes('geom')) props.geom = geom.value;
      if (uses[t].includes('stat')) {
        props.prefix = prefix.value;
        props.suffix = suffix.value;
        props.decimalPlaces = { isEnforced: true, digits: Math.max(0, Math.min(10, Number(decimals.value) || 0)) };
      }
      if (t === 'single-stat') props.colors = parseThresholds(thresholds.value, 'text');
      if (t === 'gauge') {
        props.colors = [{ id: 'min', type: 'min', hex: '#00C9FF', name: 'min', value: Number(min.value) },
          ...parseThresholds(thresholds.value, 'threshold'),
          { id: 'max', type: 'max', hex: '#9394FF', name: 'max', value: Number(max.value) }];
      }
      if (t === 'histogram') props.binCount = Number(bins.value) || 30;
      if (t === 'band') Object.assign(props, { upperColumn: upper.value, mainColumn: main.value, lowerColumn: lower.value });
      return props;
    }

    form.addEventListener('submit', (e) => {
      if (e.submitter?.value !== 'save') return;
      try {
        const result = { name: nameInput.value.trim() || 'Cell', properties: build() };
        dlg.result = result;
      } catch (err) {
        e.preventDefault();
        error.textContent = err.message;
        error.hidden = false;
      }
    });
    dlg.addEventListener('close', () => { dlg.remove(); resolve(dlg.returnValue === 'save' ? dlg.result ?? null : null); });
    document.body.append(dlg);
    dlg.showModal();
    nameInput.select();
  });
}

// What carries over from the old properties of the same type (colours, axes, options we do not edit).
function pick(properties) {
  const { queries, ...rest } = properties;
  return rest;
}
