// Alerts (InfluxDB's "Alerts" page): checks with their current status, notification endpoints
// and notification rules, as three tabs. Through /api/v2/checks, /notificationEndpoints and
// /notificationRules; a check's current status is its latest row in the _monitoring bucket's
// "statuses" measurement (written when the engine runs the check). The history tabs list the
// statuses and the notifications log (alert_history.js).
import { h, errorBox, statusLine } from '../dom.js';
import { activeSwitch, deleteButton, listTable, smallButton, timeText } from '../definition_rows.js';
import { checkEditor } from '../check_editor.js';
import { endpointEditor, ruleEditor } from '../notification_forms.js';
import { statusHistory, notificationLog } from '../alert_history.js';

const LATEST_STATUSES = `from(bucket: "_monitoring")
  |> range(start: -7d)
  |> filter(fn: (r) => r._measurement == "statuses" and r._field == "_message")
  |> group(columns: ["_check_id"])
  |> sort(columns: ["_time"])
  |> last()`;

export function createPage({ api, org }) {
  const orgQuery = new URLSearchParams(org.id ? { orgID: org.id } : { org: org.name });
  orgQuery.set('limit', '100');
  const error = errorBox('alerts-error');
  const status = statusLine('alerts-status');
  const opts = { reload: () => load(), onError: (m) => error.show(m) };

  async function save(collection, doc, editing) {
    if (editing) await api.json('PUT', `/api/v2/${collection}/${encodeURIComponent(editing.id)}`, doc);
    else await api.json('POST', `/api/v2/${collection}`, { ...doc, orgID: org.id, status: 'active' });
    status.finish('ok', 'Saved.');
    await load();
  }

  // Checks.
  const checks = listTable('checks-table', ['Name', 'Type', 'Query', 'Every', 'Current status', 'Active', 'Actions']);
  const checkForm = checkEditor({ onSave: (doc, editing) => save('checks', doc, editing) });
  // Notification endpoints.
  const endpoints = listTable('endpoints-table', ['Name', 'Type', 'Target', 'Active', 'Actions']);
  const endpointForm = endpointEditor({ onSave: (doc, editing) => save('notificationEndpoints', doc, editing) });
  // Notification rules.
  const rules = listTable('rules-table', ['Name', 'Endpoint', 'Every', 'Conditions', 'Active', 'Actions']);
  const ruleForm = ruleEditor({ onSave: (doc, editing) => save('notificationRules', doc, editing) });

  const panels = {
    checks: { label: 'Checks', body: [h('div', { class: 'row' }, h('button', { type: 'button', id: 'check-create', onclick: () => checkForm.open(null) }, 'Create check')), checkForm.element, checks.wrap] },
    endpoints: { label: 'Notification Endpoints', body: [h('div', { class: 'row' }, h('button', { type: 'button', id: 'endpoint-create', onclick: () => endpointForm.open(null) }, 'Create endpoint')), endpointForm.element, endpoints.wrap] },
    rules: { label: 'Notification Rules', body: [h('div', { class: 'row' }, h('button', { type: 'button', id: 'rule-create', onclick: () => ruleForm.open(null) }, 'Create rule')), ruleForm.element, rules.wrap] },
    history: { label: 'Status History', ...statusHistory() },
    log: { label: 'Notification Log', ...notificationLog() },
  };
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Alerts' });
  const sections = [];
  for (const [key, p] of Object.entries(panels)) {
    const tab = h('button', { type: 'button', role: 'tab', id: `alerts-tab-${key}`, 'aria-controls': `alerts-${key}`, 'aria-selected': String(key === 'checks') }, p.label);
    const section = h('div', { role: 'tabpanel', id: `alerts-${key}`, 'aria-labelledby': `alerts-tab-${key}`, hidden: key !== 'checks' }, p.body);
    tab.addEventListener('click', () => {
      for (const t of tabs.children) t.setAttribute('aria-selected', String(t === tab));
      for (const s of sections) s.hidden = s !== section;
    });
    tabs.append(tab);
    sections.push(section);
  }
  const element = h('section', { 'aria-labelledby': 'alerts-title' },
    h('div', { class: 'page-head' }, h('h2', { id: 'alerts-title', tabindex: '-1' }, 'Alerts')),
    tabs, status, error, ...sections);

  async function currentLevels() {
    try {
      const rows = await api.query(org.id ? { orgID: org.id } : { org: org.name }, LATEST_STATUSES);
      return new Map(rows.map((r) => [r._check_id, { level: r._level, time: r._time, message: r._value }]));
    } catch {
      return new Map();  // no statuses written yet
    }
  }

  function checkRow(c, levels) {
    const path = `/api/v2/checks/${encodeURIComponent(c.id)}`;
    const cfg = c.query?.builderConfig ?? {};
    const tag = (key) => cfg.tags?.find((t) => t.key === key)?.values?.join(', ') ?? '';
    const now = levels.get(c.id);
    return h('tr', { dataset: { id: c.id, name: c.name } },
      h('td', {}, h('strong', {}, c.name)),
      h('td', {}, c.type),
      h('td', { class: 'small wrap' }, cfg.buckets?.length ? `${cfg.buckets[0]} · ${tag('_measurement')} · ${tag('_field')}` : (c.query?.text ?? '')),
      h('td', {}, c.every ?? ''),
      h('td', { class: 'check-level' }, now
        ? [h('span', { class: `level level-${now.level}` }, now.level), ' ', h('span', { class: 'muted small' }, timeText(now.time))]
        : h('span', { class: 'level level-unknown' }, 'no status yet')),
      h('td', {}, activeSwitch(api, path, c, opts)),
      h('td', { class: 'actions' }, smallButton('Edit', 'edit', () => checkForm.open(c)), ' ', deleteButton(api, path, c, 'check', opts)));
  }

  function endpointRow(e) {
    const path = `/api/v2/notificationEndpoints/${encodeURIComponent(e.id)}`;
    return h('tr', { dataset: { id: e.id, name: e.name } },
      h('td', {}, h('strong', {}, e.name)), h('td', {}, e.type),
      h('td', { class: 'small wrap' }, e.url ?? e.clientURL ?? (e.channel ? `channel ${e.channel}` : '')),
      h('td', {}, activeSwitch(api, path, e, opts)),
      h('td', { class: 'actions' }, smallButton('Edit', 'edit', () => endpointForm.open(e)), ' ', deleteButton(api, path, e, 'endpoint', opts)));
  }

  function ruleRow(r, byId) {
    const path = `/api/v2/notificationRules/${encodeURIComponent(r.id)}`;
    const conditions = [
      ...(r.statusRules ?? []).map((s) => `${s.previousLevel ? `${s.previousLevel} → ` : ''}${s.currentLevel}`),
      ...(r.tagRules ?? []).map((t) => `${t.key} ${{ equal: '==', notequal: '!=', equalregex: '=~', notequalregex: '!~' }[t.operator]} ${t.value}`),
    ].join(', ');
    return h('tr', { dataset: { id: r.id, name: r.name } },
      h('td', {}, h('strong', {}, r.name)), h('td', {}, byId.get(r.endpointID)?.name ?? r.endpointID),
      h('td', {}, r.every ?? ''), h('td', { class: 'small wrap' }, conditions),
      h('td', {}, activeSwitch(api, path, r, opts)),
      h('td', { class: 'actions' }, smallButton('Edit', 'edit', () => ruleForm.open(r)), ' ', deleteButton(api, path, r, 'rule', opts)));
  }

  const empty = (cols, text) => [h('tr', {}, h('td', { colspan: String(cols), class: 'muted' }, text))];

  async function load() {
    try {
      const [c, e, r, b, levels] = await Promise.all([
        api.get(`/api/v2/checks?${orgQuery}`), api.get(`/api/v2/notificationEndpoints?${orgQuery}`),
        api.get(`/api/v2/notificationRules?${orgQuery}`), api.get(`/api/v2/buckets?${orgQuery}`), currentLevels(),
        panels.history.load(api, org), panels.log.load(api, org)]);
      checkForm.setBuckets(b.buckets.map((x) => x.name).filter((n) => !n.startsWith('_')));
      ruleForm.setEndpoints(e.notificationEndpoints);
      const byId = new Map(e.notificationEndpoints.map((x) => [x.id, x]));
      checks.body.replaceChildren(...(c.checks.length ? c.checks.map((x) => checkRow(x, levels)) : empty(7, 'No checks yet.')));
      endpoints.body.replaceChildren(...(e.notificationEndpoints.length ? e.notificationEndpoints.map(endpointRow) : empty(5, 'No notification endpoints yet.')));
      rules.body.replaceChildren(...(r.notificationRules.length ? r.notificationRules.map((x) => ruleRow(x, byId)) : empty(6, 'No notification rules yet.')));
      error.show('');
      element.dataset.loaded = 'true';
    } catch (err) {
      error.show(`Could not list alerts: ${err.message}`);
      element.dataset.loaded = 'error';
    }
    element.dataset.seq = String(Number(element.dataset.seq ?? 0) + 1);
  }

  return { element, shown: load };
}
