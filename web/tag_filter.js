// The query builder's tag filter cards, as in InfluxDB's builder: pick a tag key, narrow its
// values with a search box, tick the values to keep. Ticked values stay ticked while the search
// hides them. Values are shown as text only (they come from the data).
import { h } from './dom.js';
import { fluxString } from './flux_vars.js';

let nextCard = 0;

/**
 * tagFilterCard({ listKeys() → Promise<string[]>, listValues(key) → Promise<string[]>, onRemove })
 * → { element, reload(), flux() → a `|> filter(...)` line or '' , state() }
 */
export function tagFilterCard({ listKeys, listValues, onRemove }) {
  const n = nextCard++;
  const key = h('select', { id: `qb-tag-key-${n}`, class: 'qb-tag-key', 'aria-label': 'Tag key' });
  const search = h('input', { type: 'search', id: `qb-tag-search-${n}`, class: 'qb-tag-search', placeholder: 'Search tag values', 'aria-label': 'Search tag values', autocomplete: 'off' });
  const list = h('div', { class: 'qb-tag-values', role: 'group', 'aria-label': 'Tag values' });
  const count = h('small', { class: 'muted qb-tag-count' });
  const remove = h('button', { type: 'button', class: 'secondary small', 'aria-label': 'Remove tag filter', onclick: () => { element.remove(); onRemove?.(); } }, '×');
  const element = h('div', { class: 'qb-tag-card card', dataset: { card: String(n) } },
    h('div', { class: 'row inline' }, key, remove), search, list, count);
  const picked = new Set();
  let values = [];

  function render() {
    const needle = search.value.trim().toLowerCase();
    const shown = values.filter((v) => v.toLowerCase().includes(needle));
    list.replaceChildren(...shown.map((v) => {
      const box = h('input', { type: 'checkbox', value: v, checked: picked.has(v) });
      box.addEventListener('change', () => { if (box.checked) picked.add(v); else picked.delete(v); updateCount(); });
      return h('label', { class: 'check' }, box, ' ', v);
    }));
    if (!shown.length) list.append(h('span', { class: 'muted small' }, values.length ? 'No value matches.' : 'No values.'));
    list.dataset.shown = String(shown.length);
    updateCount();
  }
  function updateCount() {
    count.textContent = picked.size ? `${picked.size} selected` : '';
  }

  async function loadValues() {
    picked.clear();
    values = [];
    search.value = '';
    if (!key.value) { render(); return; }
    list.replaceChildren(h('span', { class: 'muted small' }, 'Loading…'));
    try {
      values = await listValues(key.value);
    } catch (err) {
      list.replaceChildren(h('span', { class: 'error small' }, err.message));
      return;
    }
    render();
    list.dataset.loaded = key.value;
  }
  key.addEventListener('change', loadValues);
  search.addEventListener('input', render);

  return {
    element,
    /** Re-reads the keys (and values, keeping the ticks that still exist). */
    async reload() {
      const keep = key.value;
      const keepPicked = new Set(picked);
      let keys = [];
      try { keys = await listKeys(); } catch { keys = []; }
      key.replaceChildren(h('option', { value: '' }, keys.length ? 'Filter by tag' : 'No tags'), ...keys.map((k) => h('option', { value: k }, k)));
      key.dataset.loaded = 'true';
      if (keys.includes(keep)) {
        key.value = keep;
        await loadValues();
        for (const v of keepPicked) if (values.includes(v)) picked.add(v);
        render();
      } else {
        values = [];
        picked.clear();
        render();
      }
    },
    flux() {
      if (!key.value || !picked.size) return '';
      const k = fluxString(key.value);
      return `  |> filter(fn: (r) => ${[...picked].sort().map((v) => `r[${k}] == ${fluxString(v)}`).join(' or ')})`;
    },
  };
}
