// Dashboard variables as drop-downs: which ones a dashboard's queries use (v.<name>), their
// choices (a Query variable runs its Flux; CSV/Constant list values; a Map shows its keys and
// substitutes the mapped value), the selection (kept per dashboard in this browser) and the
// Flux literals the queries get.
import { h } from './dom.js';
import { fluxString, rangeValues } from './flux_vars.js';
import { withExtern } from './flux_extern.js';
import { windowPeriod } from './time_range.js';

const RANGE_NAMES = new Set(['timeRangeStart', 'timeRangeStop', 'windowPeriod']);

/** Names used as v.<name> in any of the texts, except the time range's. */
export function usedVariableNames(texts) {
  const names = new Set();
  for (const t of texts) for (const m of String(t).matchAll(/\bv\.([A-Za-z_][A-Za-z0-9_]*)/g)) if (!RANGE_NAMES.has(m[1])) names.add(m[1]);
  return names;
}

/** A variable's kind as the UI names it: Query, Map, CSV, or Constant (a constant list of one). */
export function variableKind(variable) {
  const { type, values } = variable.arguments ?? {};
  if (type === 'query') return 'Query';
  if (type === 'map') return 'Map';
  return Array.isArray(values) && values.length === 1 ? 'Constant' : 'CSV';
}

/** [{ label, value }] choices of a variable; a Query variable runs its Flux over `range`. */
export async function variableChoices(variable, { api, orgRef, range }) {
  const { type, values } = variable.arguments ?? {};
  if (type === 'map') return Object.entries(values ?? {}).map(([label, value]) => ({ label, value }));
  if (type === 'constant') return (values ?? []).map((v) => ({ label: v, value: v }));
  const sent = withExtern(values?.query ?? '', rangeValues(range, windowPeriod(range.durationMs)));
  const rows = await api.query(orgRef, sent.query, sent.extern);
  const seen = new Set();
  for (const r of rows) if (r._value !== null && r._value !== undefined) seen.add(String(r._value));
  return [...seen].map((v) => ({ label: v, value: v }));
}

/**
 * The drop-down bar. variablesBar({ api, orgRef, storageKey, onChange }) →
 * { element, load(variables, names, range), values() → { name: Flux literal } }.
 */
export function variablesBar({ api, orgRef, storageKey, onChange }) {
  const element = h('div', { class: 'variables-bar row', id: 'variables-bar', hidden: true, 'aria-label': 'Variables', role: 'group' });
  let chosen = {};
  try { chosen = JSON.parse(localStorage.getItem(storageKey) ?? '{}') ?? {}; } catch { chosen = {}; }
  let current = {};  // name → Flux literal

  async function load(variables, names, range) {
    const used = variables.filter((v) => names.has(v.name));
    const controls = [];
    const next = {};
    for (const variable of used) {
      const select = h('select', { id: `var-${variable.name}`, 'aria-label': `Variable ${variable.name}`, dataset: { variable: variable.name } });
      let choices = [];
      let problem = '';
      try {
        choices = await variableChoices(variable, { api, orgRef, range });
      } catch (err) {
        problem = err.message;
      }
      select.replaceChildren(...choices.map((c) => h('option', { value: c.label }, c.label)));
      if (!choices.length) select.append(h('option', { value: '' }, problem ? 'Could not load' : 'No values'));
      const keep = chosen[variable.name] ?? variable.selected?.[0];
      const pick = choices.find((c) => c.label === keep) ?? choices[0];
      if (pick) {
        select.value = pick.label;
        next[variable.name] = fluxString(pick.value);
      }
      select.addEventListener('change', () => {
        const c = choices.find((x) => x.label === select.value);
        if (!c) return;
        chosen[variable.name] = c.label;
        localStorage.setItem(storageKey, JSON.stringify(chosen));
        current[variable.name] = fluxString(c.value);
        onChange();
      });
      controls.push(h('span', { class: 'variable' }, h('label', { for: select.id }, `v.${variable.name}`), select,
        problem ? h('small', { class: 'error-inline', title: problem }, '⚠') : null));
    }
    current = next;
    element.replaceChildren(...controls);
    element.hidden = controls.length === 0;
  }

  return { element, load, values: () => ({ ...current }) };
}
