// The script editor's side panel: Flux functions by category with a filter; a click (or Enter)
// inserts the function at the editor's cursor.
import { h } from './dom.js';
import { FLUX_FUNCTIONS, insertFunction } from './flux_functions.js';

const CATEGORIES = [...new Set(FLUX_FUNCTIONS.map((fn) => fn.category))];

export function functionList(editor) {
  const filter = h('input', { type: 'search', id: 'fn-filter', placeholder: 'Filter functions', 'aria-label': 'Filter functions' });
  const list = h('ul', { class: 'fn-list', id: 'fn-list' });
  const element = h('aside', { class: 'fn-panel', 'aria-label': 'Flux functions' },
    h('h3', {}, 'Functions'), filter, list);

  function render() {
    const q = filter.value.trim().toLowerCase();
    const items = [];
    for (const category of CATEGORIES) {
      const fns = FLUX_FUNCTIONS.filter((fn) => fn.category === category
        && (!q || fn.name.toLowerCase().includes(q) || category.toLowerCase().includes(q)));
      if (fns.length) items.push(h('li', { class: 'fn-category' }, category));
      for (const fn of fns) items.push(h('li', {}, h('button', {
        type: 'button', class: 'fn', title: `${fn.description}\n${fn.snippet}`, dataset: { fn: fn.name },
        onclick: () => editor.insert((text, cursor) => insertFunction(text, cursor, fn)),
      }, fn.name)));
    }
    list.replaceChildren(...items);
  }
  filter.addEventListener('input', render);
  render();
  return { element };
}
