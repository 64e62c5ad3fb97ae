// "Delete data" from a bucket: a time range and an optional predicate (InfluxDB's delete syntax,
// e.g. _measurement="home" AND room="Kitchen"), sent as POST /api/v2/delete.
import { h, field } from '../dom.js';

const toInput = (d) => d.toISOString().slice(0, 19);

/** Opens the dialog; resolves to a message (deleted or failed) or null when cancelled. */
export function deleteDataDialog(api, org, bucket) {
  return new Promise((resolve) => {
    const now = new Date();
    const start = h('input', { type: 'datetime-local', step: '1', id: 'delete-start', required: true, value: toInput(new Date(now - 86400e3)) });
    const stop = h('input', { type: 'datetime-local', step: '1', id: 'delete-stop', required: true, value: toInput(now) });
    const predicate = h('input', { id: 'delete-predicate', autocomplete: 'off', placeholder: '_measurement="home" AND room="Kitchen"' });
    const err = h('p', { class: 'error', role: 'alert', hidden: true, id: 'delete-error' });
    const submit = h('button', { type: 'submit', class: 'danger', id: 'delete-submit' }, 'Delete data');
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const form = h('form', {},
      h('h3', {}, `Delete data from ${bucket.name}`),
      h('p', { class: 'muted small' }, 'Times are UTC. Points with start ≤ time ≤ stop that match the predicate are deleted for good.'),
      field('Start (UTC)', start), field('Stop (UTC)', stop),
      field('Predicate (optional)', predicate, 'key="value" conditions joined by AND; empty deletes everything in the range.'),
      err,
      h('div', { class: 'row end' }, cancel, submit));
    const dlg = h('dialog', { class: 'confirm wide', 'aria-label': `Delete data from ${bucket.name}` }, form);
    const close = (value) => { dlg.close(); dlg.remove(); resolve(value); };
    cancel.addEventListener('click', () => close(null));
    dlg.addEventListener('cancel', () => { dlg.remove(); resolve(null); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const q = new URLSearchParams(org.id ? { orgID: org.id } : { org: org.name });
      q.set('bucket', bucket.name);
      const body = { start: `${start.value.length === 16 ? `${start.value}:00` : start.value}Z`, stop: `${stop.value.length === 16 ? `${stop.value}:00` : stop.value}Z` };
      if (predicate.value.trim()) body.predicate = predicate.value.trim();
      submit.disabled = true;
      try {
        await api.json('POST', `/api/v2/delete?${q}`, body);
        close(`Deleted data from ${bucket.name} between ${body.start} and ${body.stop}${body.predicate ? ` where ${body.predicate}` : ''}.`);
      } catch (ex) {
        err.textContent = ex.message;
        err.hidden = false;
        submit.disabled = false;
      }
    });
    document.body.append(dlg);
    dlg.showModal();
  });
}
