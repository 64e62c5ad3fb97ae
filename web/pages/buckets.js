// Load Data → Buckets: list (name, retention, ID), create with retention, delete with
// confirmation, all through /api/v2/buckets. When the engine has no such endpoint yet, the
// API's {code, message} is shown instead.
import { h, field, errorBox, statusLine, confirmDialog } from '../dom.js';
import { RETENTION_CHOICES, retentionText } from '../retention.js';
import { deleteDataDialog } from './delete_data.js';

// The Line Protocol page picks this bucket up when it is shown (from a row's "Add data").
export const LP_BUCKET_KEY = 'tidewater.lp.bucket';

export function createPage({ api, org }) {
  const orgQuery = new URLSearchParams(org.id ? { orgID: org.id } : { org: org.name });
  const error = errorBox('buckets-error');
  const status = statusLine('buckets-status');
  const list = h('tbody', { id: 'bucket-rows' });
  const table = h('table', { id: 'buckets-table', class: 'list' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Retention'),
      h('th', { scope: 'col' }, 'ID'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    list);

  const name = h('input', { id: 'bucket-name', required: true, autocomplete: 'off' });
  const retention = h('select', { id: 'bucket-retention' },
    RETENTION_CHOICES.map(([label, seconds]) => h('option', { value: String(seconds) }, label)));
  const create = h('form', { id: 'bucket-create', class: 'row fields card' },
    field('New bucket name', name), field('Delete data older than', retention),
    h('button', { type: 'submit', id: 'bucket-create-submit' }, 'Create bucket'));

  const element = h('section', { 'aria-labelledby': 'buckets-title' },
    h('div', { class: 'page-head' }, h('h2', { id: 'buckets-title', tabindex: '-1' }, 'Buckets')),
    h('p', { class: 'muted' }, 'A bucket is a named place for time series, with a retention period.'),
    create, status, error, h('div', { class: 'table-wrap' }, table));

  function row(b) {
    const del = h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete bucket ${b.name}`, dataset: { bucket: b.name } }, 'Delete');
    del.addEventListener('click', async () => {
      if (!(await confirmDialog(`Delete the bucket "${b.name}" and all its data? This cannot be undone.`, 'Delete bucket'))) return;
      try {
        await api.json('DELETE', `/api/v2/buckets/${encodeURIComponent(b.id)}`);
        status.finish('ok', `Deleted ${b.name}.`);
        await load();
      } catch (err) {
        error.show(`Could not delete ${b.name}: ${err.message}`);
        status.finish('error', 'Delete failed.');
      }
    });
    const system = b.type === 'system' || b.name.startsWith('_');
    const edit = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Edit bucket ${b.name}` }, 'Edit');
    const add = h('a', { href: '#/load-data/line-protocol', class: 'small', onclick: () => sessionStorage.setItem(LP_BUCKET_KEY, b.name) }, 'Add data');
    const delData = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Delete data from ${b.name}` }, 'Delete data');
    delData.addEventListener('click', async () => {
      const message = await deleteDataDialog(api, org, b);
      if (message) status.finish('ok', message);
    });
    const tr = h('tr', { dataset: { bucket: b.name } },
      h('td', {}, b.name), h('td', {}, retentionText(b.retentionRules)), h('td', {}, h('code', {}, b.id ?? '')),
      h('td', { class: 'actions' }, system ? h('span', { class: 'muted small' }, 'system') : [add, ' ', delData, ' ', edit, ' ', del]));
    edit.addEventListener('click', () => tr.replaceWith(editRow(b)));
    return tr;
  }

  // Rename and change retention in place: PATCH /api/v2/buckets/{id}.
  function editRow(b) {
    const newName = h('input', { value: b.name, 'aria-label': 'Bucket name', class: 'edit-name' });
    const every = (b.retentionRules ?? []).find((r) => r.type === 'expire')?.everySeconds ?? 0;
    const newRetention = h('select', { 'aria-label': 'Retention', class: 'edit-retention' },
      RETENTION_CHOICES.map(([label, seconds]) => h('option', { value: String(seconds), selected: seconds === every }, label)));
    if (!RETENTION_CHOICES.some(([, s]) => s === every)) {
      newRetention.append(h('option', { value: String(every), selected: true }, retentionText(b.retentionRules)));
    }
    const save = h('button', { type: 'button', class: 'small' }, 'Save');
    const cancel = h('button', { type: 'button', class: 'secondary small', onclick: () => load() }, 'Cancel');
    save.addEventListener('click', async () => {
      const seconds = Number(newRetention.value);
      try {
        await api.json('PATCH', `/api/v2/buckets/${encodeURIComponent(b.id)}`, {
          name: newName.value.trim(),
          retentionRules: seconds ? [{ type: 'expire', everySeconds: seconds }] : [],
        });
        status.finish('ok', `Saved ${newName.value.trim()}.`);
        await load();
      } catch (err) {
        error.show(`Could not change ${b.name}: ${err.message}`);
        status.finish('error', 'Save failed.');
      }
    });
    const tr = h('tr', { dataset: { bucket: b.name, editing: 'true' } },
      h('td', {}, newName), h('td', {}, newRetention), h('td', {}, h('code', {}, b.id ?? '')),
      h('td', { class: 'actions' }, save, ' ', cancel));
    queueMicrotask(() => newName.focus());
    return tr;
  }

  async function load() {
    try {
      const { buckets } = await api.get(`/api/v2/buckets?${orgQuery}`);
      list.replaceChildren(...buckets.sort((a, b) => a.name.localeCompare(b.name)).map(row));
      if (!buckets.length) list.append(h('tr', {}, h('td', { colspan: '4', class: 'muted' }, 'No buckets.')));
      error.show('');
      element.dataset.loaded = 'true';
    } catch (err) {
      list.replaceChildren();
      error.show(`Could not list buckets: ${err.message}`);
      element.dataset.loaded = 'error';
    }
  }

  create.addEventListener('submit', async (e) => {
    e.preventDefault();
    const seconds = Number(retention.value);
    const body = {
      name: name.value.trim(),
      retentionRules: seconds ? [{ type: 'expire', everySeconds: seconds }] : [],
      ...(org.id ? { orgID: org.id } : {}),
    };
    if (!body.orgID) {
      error.show('The org ID is unknown (no /api/v2/orgs): cannot create buckets.');
      return;
    }
    status.busy('Creating…');
    try {
      const made = await api.json('POST', '/api/v2/buckets', body);
      status.finish('ok', `Created ${made?.name ?? body.name}.`);
      name.value = '';
      await load();
    } catch (err) {
      error.show(`Could not create ${body.name}: ${err.message}`);
      status.finish('error', 'Create failed.');
    }
  });

  return { element, shown: load };
}
