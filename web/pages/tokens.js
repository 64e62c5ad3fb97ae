// Load Data → API Tokens: list, create (all access, or read/write per bucket), activate and
// deactivate, delete; a new token's secret is shown once. Through /api/v2/authorizations.
import { h, field, errorBox, statusLine, confirmDialog, copyText } from '../dom.js';

// The resource types of an all-access token (InfluxDB 2.7's list, as the tutorial gives it).
const ALL_TYPES = ['authorizations', 'buckets', 'dashboards', 'orgs', 'sources', 'tasks', 'telegrafs', 'users',
  'variables', 'scrapers', 'secrets', 'labels', 'views', 'documents', 'notificationRules', 'notificationEndpoints',
  'checks', 'dbrp', 'notebooks', 'annotations', 'remotes', 'replications'];

function summary(permissions = []) {
  const types = new Set(permissions.map((p) => p.resource?.type));
  if (types.size >= 15) return 'All access';
  return permissions.map((p) => `${p.action} ${p.resource?.name ?? p.resource?.type}${p.resource?.id && !p.resource?.name ? ` ${p.resource.id}` : ''}`).join(', ');
}

export function createPage({ api, org }) {
  const orgQuery = new URLSearchParams(org.id ? { orgID: org.id } : { org: org.name });
  const error = errorBox('tokens-error');
  const status = statusLine('tokens-status');
  const list = h('tbody', { id: 'token-rows' });
  const table = h('table', { class: 'list', id: 'tokens-table' },
    h('thead', {}, h('tr', {}, ['Description', 'Permissions', 'Status', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
    list);

  const description = h('input', { id: 'token-description', autocomplete: 'off' });
  const allAccess = h('input', { type: 'radio', name: 'token-kind', value: 'all', id: 'token-all', checked: true });
  const custom = h('input', { type: 'radio', name: 'token-kind', value: 'custom', id: 'token-custom' });
  const bucketGrid = h('div', { id: 'token-buckets', class: 'perm-grid', hidden: true });
  const secret = h('div', { id: 'token-secret', class: 'banner card', hidden: true });
  const form = h('form', { id: 'token-create', class: 'card' },
    h('h3', {}, 'Generate an API token'),
    field('Description', description),
    h('fieldset', {}, h('legend', {}, 'Access'),
      h('label', { class: 'check' }, allAccess, ' All access (every resource in the org)'),
      h('label', { class: 'check' }, custom, ' Custom: read and write per bucket'),
      bucketGrid),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'token-create-submit' }, 'Generate')));

  const element = h('section', { 'aria-labelledby': 'tokens-title' },
    h('div', { class: 'page-head' }, h('h2', { id: 'tokens-title', tabindex: '-1' }, 'API Tokens')),
    secret, form, status, error, h('div', { class: 'table-wrap' }, table));

  let buckets = [];
  async function loadBuckets() {
    try {
      ({ buckets } = await api.get(`/api/v2/buckets?${orgQuery}`));
    } catch {
      buckets = [];
    }
    bucketGrid.replaceChildren(h('span', { class: 'muted small' }, 'Bucket'), h('span', { class: 'muted small' }, 'Read'), h('span', { class: 'muted small' }, 'Write'),
      ...buckets.flatMap((b) => [h('span', {}, b.name),
        h('input', { type: 'checkbox', 'aria-label': `Read ${b.name}`, dataset: { id: b.id, action: 'read' } }),
        h('input', { type: 'checkbox', 'aria-label': `Write ${b.name}`, dataset: { id: b.id, action: 'write' } })]));
    if (!buckets.length) bucketGrid.append(h('span', { class: 'muted' }, 'No buckets listed.'));
  }
  for (const r of [allAccess, custom]) r.addEventListener('change', () => { bucketGrid.hidden = !custom.checked; });

  function showSecret(token) {
    const code = h('code', { id: 'new-token' }, token);
    const copy = h('button', { type: 'button', id: 'copy-new-token' }, 'Copy');
    copy.addEventListener('click', async () => { copy.textContent = (await copyText(token, code)) ? 'Copied' : 'Press Ctrl+C'; });
    secret.replaceChildren(h('p', {}, 'Copy this token now: it will not be shown again.'),
      h('div', { class: 'row' }, code, copy, h('button', { type: 'button', class: 'secondary', onclick: () => { secret.hidden = true; secret.replaceChildren(); } }, 'Done')));
    secret.hidden = false;
  }

  function row(a) {
    const active = a.status !== 'inactive';
    const toggle = h('button', { type: 'button', class: 'secondary small' }, active ? 'Deactivate' : 'Activate');
    toggle.addEventListener('click', async () => {
      try {
        await api.json('PATCH', `/api/v2/authorizations/${encodeURIComponent(a.id)}`, { status: active ? 'inactive' : 'active' });
        await load();
      } catch (err) { error.show(`Could not change ${a.description || a.id}: ${err.message}`); }
    });
    const del = h('button', { type: 'button', class: 'danger small' }, 'Delete');
    del.addEventListener('click', async () => {
      if (!(await confirmDialog(`Delete the token "${a.description || a.id}"? Anything using it stops working.`, 'Delete token'))) return;
      try {
        await api.json('DELETE', `/api/v2/authorizations/${encodeURIComponent(a.id)}`);
        await load();
      } catch (err) { error.show(`Could not delete ${a.description || a.id}: ${err.message}`); }
    });
    return h('tr', { dataset: { id: a.id } },
      h('td', {}, a.description || h('span', { class: 'muted' }, '(no description)')),
      h('td', { class: 'wrap' }, summary(a.permissions)),
      h('td', {}, active ? 'active' : 'inactive'),
      h('td', { class: 'actions' }, toggle, ' ', del));
  }

  async function load() {
    try {
      const { authorizations } = await api.get(`/api/v2/authorizations?${orgQuery}`);
      list.replaceChildren(...authorizations.map(row));
      error.show('');
      element.dataset.loaded = 'true';
    } catch (err) {
      list.replaceChildren();
      error.show(`Could not list tokens: ${err.message}`);
      element.dataset.loaded = 'error';
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!org.id) return error.show('The org ID is unknown (no /api/v2/orgs): cannot create tokens.');
    let permissions;
    if (allAccess.checked) {
      permissions = ALL_TYPES.flatMap((type) => ['read', 'write'].map((action) => ({ action, resource: { type, orgID: org.id } })));
    } else {
      permissions = [...bucketGrid.querySelectorAll('input:checked')].map((c) => ({
        action: c.dataset.action, resource: { type: 'buckets', id: c.dataset.id, orgID: org.id },
      }));
      if (!permissions.length) return error.show('Tick at least one read or write box.');
    }
    status.busy('Generating…');
    try {
      const made = await api.json('POST', '/api/v2/authorizations', { orgID: org.id, description: description.value.trim(), permissions });
      showSecret(made.token);
      description.value = '';
      status.finish('ok', 'Token generated.');
      await load();
    } catch (err) {
      error.show(`Could not generate the token: ${err.message}`);
      status.finish('error', 'Failed.');
    }
  });

  return { element, async shown() { await Promise.all([load(), loadBuckets()]); } };
}
