// Pieces shared by the Tasks and Alerts lists (tasks, checks, notification endpoints and rules
// all carry status active|inactive and are changed with PATCH, deleted with DELETE).
import { h, confirmDialog } from './dom.js';

/** A Flux duration literal (1h, 10m, 1h30m): what every, offset and the like take. */
export const isDuration = (s) => /^(\d+(ns|us|µs|ms|s|m|h|d|w|mo|y))+$/.test(s);

/** An "Active" switch: PATCH {status} on change, then reload; errors go to onError. */
export function activeSwitch(api, path, item, { reload, onError }) {
  const box = h('input', {
    type: 'checkbox', role: 'switch', class: 'active-toggle', checked: item.status !== 'inactive',
    'aria-label': `Active: ${item.name}`,
  });
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      await api.json('PATCH', path, { status: box.checked ? 'active' : 'inactive' });
      await reload();
    } catch (err) {
      box.checked = !box.checked;
      onError(`Could not change ${item.name}: ${err.message}`);
    } finally {
      box.disabled = false;
    }
  });
  return h('label', { class: 'check switch' }, box, ' ', box.checked ? 'active' : 'inactive');
}

/** A Delete button that asks first. */
export function deleteButton(api, path, item, what, { reload, onError }) {
  const del = h('button', { type: 'button', class: 'danger small', dataset: { action: 'delete' } }, 'Delete');
  del.addEventListener('click', async () => {
    if (!(await confirmDialog(`Delete the ${what} "${item.name}"?`, `Delete ${what}`))) return;
    try {
      await api.json('DELETE', path);
      await reload();
    } catch (err) { onError(`Could not delete ${item.name}: ${err.message}`); }
  });
  return del;
}

export function smallButton(label, action, onclick) {
  return h('button', { type: 'button', class: 'secondary small', dataset: { action }, onclick }, label);
}

/** A list table: header names, body id; returns { table, body }. */
export function listTable(id, headers) {
  const body = h('tbody', { id: `${id}-rows` });
  const table = h('table', { class: 'list', id },
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))), body);
  return { table, body, wrap: h('div', { class: 'table-wrap' }, table) };
}

/** "3m ago"-style age of an RFC3339 time, or '' when absent. */
export function timeText(rfc3339) {
  if (!rfc3339) return '';
  const d = new Date(rfc3339);
  return Number.isNaN(d.getTime()) ? rfc3339 : d.toISOString().replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}
