// Dashboards: the list (create, open, clone, delete, import/export JSON) and the org's
// variables (Query, CSV, Map, Constant); #/dashboards?id=<id> opens one dashboard.
//
// Test hooks: #dashboard-rows tr[data-dashboard="<name>"], #variable-rows tr[data-variable="<name>"],
// the page's data-loaded ("true" or "error").
import { h, field, errorBox, confirmDialog, statusLine } from '../dom.js';
import { DashboardsApi, parseDashboardExport } from '../dashboards_api.js';
import { dashboardView, downloadDashboard } from '../dashboard_view.js';
import { variablesPanel } from '../variables_panel.js';

export function createPage({ api, org }) {
  const dashApi = new DashboardsApi(api, org);
  const rows = h('tbody', { id: 'dashboard-rows' });
  const nameInput = h('input', { id: 'dashboard-new-name', placeholder: 'Name this dashboard', required: true });
  const create = h('button', { type: 'submit', id: 'dashboard-create' }, 'Create dashboard');
  const importFile = h('input', { type: 'file', id: 'dashboard-import', accept: '.json,application/json', 'aria-label': 'Import dashboard JSON' });
  const status = statusLine('dashboards-status');
  const error = errorBox('dashboards-error');
  const variables = variablesPanel({ api, org, dashApi });
  const list = h('div', { id: 'dashboards-list' },
    h('div', { class: 'page-head' }, h('h2', { id: 'dash-title', tabindex: '-1' }, 'Dashboards')),
    h('form', { class: 'card row fields', id: 'dashboard-create-form' },
      field('New dashboard', nameInput), create,
      h('span', { class: 'spacer' }),
      h('label', { class: 'file-button secondary', for: 'dashboard-import' }, 'Import JSON…'), importFile),
    status, error,
    h('div', { class: 'table-wrap' }, h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Cells'), h('th', {}, 'Modified'), h('th', {}, 'Actions'))), rows)),
    variables.element);
  const viewHost = h('div', { id: 'dashboard-host' });
  const element = h('section', { 'aria-labelledby': 'dash-title' }, list, viewHost);
  let view = null;

  async function load() {
    try {
      const dashboards = await dashApi.list();
      rows.replaceChildren(...dashboards.map(row));
      if (!dashboards.length) rows.append(h('tr', {}, h('td', { colspan: '4', class: 'muted' }, 'No dashboards yet.')));
      error.show('');
      element.dataset.loaded = 'true';
    } catch (err) {
      error.show(`Could not list dashboards: ${err.message}`);
      element.dataset.loaded = 'error';
    }
    await variables.load();
  }

  function row(d) {
    const open = h('a', { href: `#/dashboards?id=${encodeURIComponent(d.id)}` }, d.name);
    return h('tr', { dataset: { dashboard: d.name, id: d.id } },
      h('td', { class: 'wrap' }, open, d.description ? h('div', { class: 'muted small' }, d.description) : null),
      h('td', {}, String(d.cells?.length ?? 0)),
      h('td', {}, d.meta?.updatedAt ? new Date(d.meta.updatedAt).toLocaleString() : ''),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary small', onclick: () => clone(d) }, 'Clone'),
        h('button', { type: 'button', class: 'secondary small', onclick: () => exportOne(d) }, 'Export'),
        h('button', { type: 'button', class: 'danger small', onclick: () => remove(d) }, 'Delete')));
  }

  async function act(busy, done, fn) {
    status.busy(busy);
    try {
      await fn();
      status.finish('ok', done);
    } catch (err) {
      status.finish('error', err.message);
    }
    await load();
  }

  list.querySelector('form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = nameInput.value.trim();
    if (!name) return;
    act('Creating…', `Created ${name}.`, async () => {
      const d = await dashApi.create({ name });
      nameInput.value = '';
      location.hash = `#/dashboards?id=${encodeURIComponent(d.id)}`;
    });
  });

  const clone = (d) => act('Cloning…', `Cloned ${d.name}.`, () => dashApi.clone(d.id, `${d.name} (clone)`));
  const remove = async (d) => {
    if (!(await confirmDialog(`Delete the dashboard "${d.name}" and its cells?`))) return;
    await act('Deleting…', `Deleted ${d.name}.`, () => dashApi.remove(d.id));
  };
  async function exportOne(d) {
    downloadDashboard(await dashApi.get(d.id), await dashApi.variables().catch(() => []));
  }

  importFile.addEventListener('change', async () => {
    const file = importFile.files?.[0];
    if (!file) return;
    await act('Importing…', `Imported ${file.name}.`, async () => {
      const parsed = parseDashboardExport(JSON.parse(await file.text()));
      const existing = new Set((await dashApi.variables().catch(() => [])).map((v) => v.name));
      for (const v of parsed.variables) if (!existing.has(v.name)) await dashApi.createVariable(v);
      const d = await dashApi.create({ name: parsed.name, description: parsed.description });
      for (const cell of parsed.cells) await dashApi.addCell(d.id, cell, cell.view);
    });
    importFile.value = '';
  });

  return {
    element,
    async shown(params) {
      const id = params?.get('id');
      view?.close();
      view = null;
      list.hidden = !!id;
      viewHost.replaceChildren();
      if (id) {
        view = dashboardView({ api, org, dashApi, id });
        viewHost.append(view.element);
        await view.open();
      } else {
        document.title = 'Dashboards · Tidewater';
        await load();
      }
    },
  };
}
