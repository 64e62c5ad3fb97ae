// Editors for notification endpoints (http, slack, pagerduty, telegram, and our offline
// browser-notification and in-app-log: where to send) and
// notification rules (which check statuses, with which tags, go to which endpoint, how often).
// Secrets come back from the API as "secret: ..." references; sending one back keeps the secret.
import { h, field, errorBox } from './dom.js';
import { isDuration } from './definition_rows.js';

const ENDPOINT_FIELDS = {
  http: [['url', 'URL'], ['method', 'Method', ['POST', 'GET', 'PUT']], ['authMethod', 'Auth', ['none', 'basic', 'bearer']],
    ['username', 'Username'], ['password', 'Password'], ['token', 'Token']],
  slack: [['url', 'Incoming webhook URL'], ['token', 'Token (optional)']],
  pagerduty: [['clientURL', 'Client URL'], ['routingKey', 'Routing key']],
  telegram: [['token', 'Bot token'], ['channel', 'Channel ID']],
  // Ours, delivered by the browser itself (offline too): a system notification, or the log only.
  'browser-notification': [],
  'in-app-log': [],
};
const LEVELS = ['CRIT', 'WARN', 'INFO', 'OK', 'UNKNOWN', 'ANY'];

function control(id, key, label, choices, value) {
  const el = choices
    ? h('select', { id }, choices.map((c) => h('option', { value: c, selected: c === value }, c)))
    : h('input', { id, value: value ?? '', autocomplete: 'off', type: /password|token|routingKey/i.test(key) ? 'password' : 'text' });
  el.dataset.key = key;
  return field(label, el);
}

// A small form shell: title, body, error, Save/Cancel; submit → onSubmit() (throws to show).
function formShell(id, titleText, body, onSubmit) {
  const title = h('h3', { id: `${id}-title` }, titleText);
  const error = errorBox(`${id}-error`);
  const element = h('form', { id, class: 'card', hidden: true, 'aria-labelledby': `${id}-title` }, title, body, error,
    h('div', { class: 'row' }, h('button', { type: 'submit', id: `${id}-save` }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { element.hidden = true; } }, 'Cancel')));
  element.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await onSubmit();
      element.hidden = true;
    } catch (err) { error.show(err.message); }
  });
  return { element, title, error };
}

/** endpointEditor({ onSave(json, editing) }) → { element, open(endpoint|null) } */
export function endpointEditor({ onSave }) {
  const name = h('input', { id: 'endpoint-name', required: true, autocomplete: 'off' });
  const type = h('select', { id: 'endpoint-type' }, Object.keys(ENDPOINT_FIELDS).map((t) => h('option', { value: t }, t)));
  const description = h('input', { id: 'endpoint-description', autocomplete: 'off' });
  const fields = h('div', { class: 'row fields', id: 'endpoint-fields' });
  let editing = null;
  const render = () => fields.replaceChildren(...ENDPOINT_FIELDS[type.value].map(([key, label, choices]) =>
    control(`endpoint-${key}`, key, label, choices, editing?.type === type.value ? editing[key] : undefined)));
  type.addEventListener('change', render);
  const shell = formShell('endpoint-form', 'Create notification endpoint',
    [h('div', { class: 'row fields' }, field('Name', name), field('Type', type)), field('Description', description), fields],
    () => {
      const doc = { ...(editing ?? {}), name: name.value.trim(), type: type.value, description: description.value.trim() };
      for (const [key] of Object.values(ENDPOINT_FIELDS).flat()) if (!ENDPOINT_FIELDS[type.value].some(([k]) => k === key)) delete doc[key];
      for (const el of fields.querySelectorAll('[data-key]')) {
        if (el.value.trim() || el.tagName === 'SELECT') doc[el.dataset.key] = el.value.trim(); else delete doc[el.dataset.key];
      }
      delete doc.links; delete doc.labels;
      return onSave(doc, editing);
    });
  return {
    element: shell.element,
    open(endpoint) {
      editing = endpoint;
      shell.title.textContent = endpoint ? `Edit ${endpoint.name}` : 'Create notification endpoint';
      name.value = endpoint?.name ?? '';
      type.value = endpoint?.type ?? 'http';
      type.disabled = !!endpoint;  // rules point at it by type
      description.value = endpoint?.description ?? '';
      render();
      shell.error.show('');
      shell.element.hidden = false;
      name.focus();
    },
  };
}

function statusRuleRow(r = { currentLevel: 'CRIT' }) {
  const from = h('select', { 'aria-label': 'Previous level', class: 'sr-prev' }, h('option', { value: '' }, 'any previous'),
    LEVELS.filter((l) => l !== 'ANY').map((l) => h('option', { value: l, selected: l === r.previousLevel }, `from ${l}`)));
  const to = h('select', { 'aria-label': 'Current level', class: 'sr-current' }, LEVELS.map((l) => h('option', { value: l, selected: l === r.currentLevel }, l)));
  const el = h('div', { class: 'row status-rule' }, 'When status is', to, from,
    h('button', { type: 'button', class: 'secondary small', 'aria-label': 'Remove status rule', onclick: () => el.remove() }, '×'));
  el.read = () => ({ currentLevel: to.value, ...(from.value ? { previousLevel: from.value } : {}) });
  return el;
}

function tagRuleRow(r = { key: '', value: '', operator: 'equal' }) {
  const key = h('input', { 'aria-label': 'Tag key', value: r.key, class: 'tr-key', required: true });
  const op = h('select', { 'aria-label': 'Operator', class: 'tr-op' },
    [['equal', '=='], ['notequal', '!='], ['equalregex', '=~'], ['notequalregex', '!~']].map(([v, t]) => h('option', { value: v, selected: v === r.operator }, t)));
  const value = h('input', { 'aria-label': 'Tag value', value: r.value, class: 'tr-value', required: true });
  const el = h('div', { class: 'row tag-rule' }, key, op, value,
    h('button', { type: 'button', class: 'secondary small', 'aria-label': 'Remove tag rule', onclick: () => el.remove() }, '×'));
  el.read = () => ({ key: key.value.trim(), value: value.value, operator: op.value });
  return el;
}

/** ruleEditor({ onSave(json, editing) }) → { element, setEndpoints([...]), open(rule|null) } */
export function ruleEditor({ onSave }) {
  const name = h('input', { id: 'rule-name', required: true, autocomplete: 'off' });
  const endpoint = h('select', { id: 'rule-endpoint', required: true });
  const every = h('input', { id: 'rule-every', value: '10m', autocomplete: 'off' });
  const offset = h('input', { id: 'rule-offset', value: '0s', autocomplete: 'off' });
  const message = h('textarea', { id: 'rule-message', rows: '2' });
  const channel = h('input', { id: 'rule-channel', autocomplete: 'off', placeholder: 'slack channel (optional)' });
  const statusRules = h('div', { id: 'rule-status-rules' });
  const tagRules = h('div', { id: 'rule-tag-rules' });
  let endpoints = [];
  let editing = null;
  const shell = formShell('rule-form', 'Create notification rule', [
    h('div', { class: 'row fields' }, field('Name', name), field('Endpoint', endpoint), field('Every', every), field('Offset', offset)),
    h('fieldset', {}, h('legend', {}, 'Conditions'), statusRules,
      h('button', { type: 'button', class: 'secondary small', onclick: () => statusRules.append(statusRuleRow()) }, 'Add status rule'),
      tagRules, h('button', { type: 'button', class: 'secondary small', onclick: () => tagRules.append(tagRuleRow()) }, 'Add tag filter')),
    field('Message', message, 'Flux string interpolation, e.g. ${r._check_name} is ${r._level}'),
    field('Channel', channel),
  ], () => {
    for (const [input, what] of [[every, 'Every'], [offset, 'Offset']]) {
      if (!isDuration(input.value.trim())) throw new Error(`${what} must be a duration such as 10m.`);
    }
    const target = endpoints.find((e) => e.id === endpoint.value);
    if (!target) throw new Error('Create a notification endpoint first.');
    const doc = {
      ...(editing ?? {}), name: name.value.trim(), type: target.type, endpointID: target.id,
      every: every.value.trim(), offset: offset.value.trim(),
      statusRules: [...statusRules.children].map((r) => r.read()),
      tagRules: [...tagRules.children].map((r) => r.read()),
    };
    if (message.value.trim()) doc.messageTemplate = message.value; else delete doc.messageTemplate;
    if (channel.value.trim() && target.type === 'slack') doc.channel = channel.value.trim(); else delete doc.channel;
    for (const k of ['links', 'labels', 'latestCompleted', 'latestScheduled', 'lastRunStatus', 'lastRunError', 'createdAt', 'updatedAt']) delete doc[k];
    return onSave(doc, editing);
  });
  return {
    element: shell.element,
    setEndpoints(list) {
      endpoints = list;
      endpoint.replaceChildren(...list.map((e) => h('option', { value: e.id }, `${e.name} (${e.type})`)));
    },
    open(rule) {
      editing = rule;
      shell.title.textContent = rule ? `Edit ${rule.name}` : 'Create notification rule';
      name.value = rule?.name ?? '';
      if (rule) endpoint.value = rule.endpointID;
      every.value = rule?.every ?? '10m';
      offset.value = rule?.offset ?? '0s';
      message.value = rule?.messageTemplate ?? 'Notification Rule: ${ r._notification_rule_name } triggered by check: ${ r._check_name }: ${ r._message }';
      channel.value = rule?.channel ?? '';
      statusRules.replaceChildren(...(rule?.statusRules ?? [{ currentLevel: 'CRIT' }]).map(statusRuleRow));
      tagRules.replaceChildren(...(rule?.tagRules ?? []).map(tagRuleRow));
      shell.error.show('');
      shell.element.hidden = false;
      name.focus();
    },
  };
}
