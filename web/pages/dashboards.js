// Dashboards: not built yet. The page says so and points at the Data Explorer.
import { h } from '../dom.js';

export function createPage() {
  return {
    element: h('section', { 'aria-labelledby': 'dash-title' },
      h('div', { class: 'page-head' }, h('h2', { id: 'dash-title', tabindex: '-1' }, 'Dashboards')),
      h('p', { class: 'card' }, 'Dashboards are coming: cells, variables and auto-refresh, saved through /api/v2/dashboards. '
        + 'Until then, explore your data in the ', h('a', { href: '#/data-explorer' }, 'Data Explorer'), '.')),
  };
}
