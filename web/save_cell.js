// "Save as dashboard cell" from the Data Explorer: the current Flux goes into a new Graph cell
// on an existing dashboard or a new one (InfluxDB's "Save As → Dashboard Cell").
import { h, field } from './dom.js';
import { DashboardsApi } from './dashboards_api.js';
import { defaultProperties } from './cells/index.js';
import { nextSlot } from './grid_layout.js';

const NEW = '__new__';

/** Resolves to { dashboardID } once saved, or null when cancelled. */
export async function saveCellDialog({ api, org, query }) {
  const dashApi = new DashboardsApi(api, org);
  let dashboards = [];
  let loadError = '';
  try { dashboards = await dashApi.list(); } catch (err) { loadError = err.message; }
  return new Promise((resolve) => {
    const target = h('select', { id: 'save-cell-dashboard' },
      dashboards.map((d) => h('option', { value: d.id }, d.name)), h('option', { value: NEW }, '+ Create a new dashboard'));
    const newName = h('input', { id: 'save-cell-new', placeholder: 'Name of the new dashboard' });
    const cellName = h('input', { id: 'save-cell-name', value: 'Graph', required: true });
    const error = h('p', { class: 'error', role: 'alert', id: 'save-cell-error', hidden: !loadError }, loadError);
    const newField = field('New dashboard name', newName);
    const showNew = () => { newField.hidden = target.value !== NEW; };
    target.addEventListener('change', showNew);
    showNew();
    const save = h('button', { type: 'submit', id: 'save-cell-submit' }, 'Save');
    const form = h('form', { class: 'save-cell' },
      h('h2', {}, 'Save as dashboard cell'),
      field('Dashboard', target), newField, field('Cell name', cellName), error,
      h('div', { class: 'row end' },
        h('button', { type: 'button', class: 'secondary', id: 'save-cell-cancel', onclick: () => dlg.close('cancel') }, 'Cancel'), save));
    const dlg = h('dialog', { class: 'wide', 'aria-label': 'Save as dashboard cell' }, form);
    let saved = null;

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      save.disabled = true;
      try {
        let id = target.value;
        if (id === NEW) {
          const name = newName.value.trim();
          if (!name) throw new Error('Name the new dashboard.');
          id = (await dashApi.create({ name })).id;
        }
        const dashboard = await dashApi.get(id);
        const name = cellName.value.trim() || 'Graph';
        await dashApi.addCell(id, nextSlot(dashboard.cells, 6, 4), { name, properties: defaultProperties('xy', query) });
        saved = { dashboardID: id };
        dlg.close('saved');
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
      } finally {
        save.disabled = false;
      }
    });
    dlg.addEventListener('close', () => { dlg.remove(); resolve(saved); });
    document.body.append(dlg);
    dlg.showModal();
    cellName.select();
  });
}
