// The dashboard's grid on screen: cells absolutely placed from {x, y, w, h}, moved by dragging
// their title bar and resized by the corner handle (pointer events), or from the keyboard on
// the focused title bar (arrows move, Shift+arrows resize). Other cells make room (compact()).
import { h } from './dom.js';
import { COLUMNS, ROW_HEIGHT, compact, layoutChanged } from './grid_layout.js';

const GAP = 8;

/**
 * dashboardGrid({ onLayout(cells), onResize(cellId) }) →
 * { element, setCells(cells, renderCell(cell) → { element, handle, resizer }), cells(), bodySize(cellId) }
 */
export function dashboardGrid({ onLayout, onResize }) {
  const element = h('div', { class: 'dash-grid', id: 'dash-grid' });
  let cells = [];               // [{ id, x, y, w, h, ... }]
  const nodes = new Map();      // id → { element, handle, resizer }

  const colWidth = () => (element.clientWidth + GAP) / COLUMNS;

  function place() {
    const cw = colWidth();
    let bottom = 0;
    for (const c of cells) {
      const n = nodes.get(c.id);
      if (!n) continue;
      Object.assign(n.element.style, {
        left: `${c.x * cw}px`, top: `${c.y * ROW_HEIGHT}px`,
        width: `${c.w * cw - GAP}px`, height: `${c.h * ROW_HEIGHT - GAP}px`,
      });
      n.element.dataset.x = c.x; n.element.dataset.y = c.y; n.element.dataset.w = c.w; n.element.dataset.h = c.h;
      bottom = Math.max(bottom, c.y + c.h);
    }
    element.style.height = `${bottom * ROW_HEIGHT}px`;
  }

  // Applies a proposed position/size for one cell, pushing the others; returns whether it moved.
  function propose(id, change) {
    const next = compact(cells.map((c) => (c.id === id ? { ...c, ...change } : c)), id);
    const before = cells;
    cells = next;
    place();
    const resized = before.find((c) => c.id === id);
    const now = cells.find((c) => c.id === id);
    if (resized && (resized.w !== now.w || resized.h !== now.h)) onResize?.(id);
    return layoutChanged(before, next);
  }

  function drag(id, mode, startEvent) {
    const start = cells.find((c) => c.id === id);
    const original = cells;
    const cw = colWidth();
    const node = nodes.get(id).element;
    node.classList.add('dragging');
    const move = (e) => {
      const dx = Math.round((e.clientX - startEvent.clientX) / cw);
      const dy = Math.round((e.clientY - startEvent.clientY) / ROW_HEIGHT);
      propose(id, mode === 'move' ? { x: start.x + dx, y: start.y + dy } : { w: start.w + dx, h: start.h + dy });
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      node.classList.remove('dragging');
      if (layoutChanged(original, cells)) onLayout(cells);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  function wire(id, { handle, resizer }) {
    handle.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || e.target.closest('button, a, select, input')) return;
      e.preventDefault();
      drag(id, 'move', e);
    });
    resizer.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.stopPropagation();
      drag(id, 'resize', e);
    });
    const keys = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    handle.addEventListener('keydown', (e) => {
      const d = keys[e.key];
      if (!d || e.target !== handle) return;
      e.preventDefault();
      const c = cells.find((x) => x.id === id);
      const change = e.shiftKey ? { w: c.w + d[0], h: c.h + d[1] } : { x: c.x + d[0], y: c.y + d[1] };
      if (propose(id, change)) onLayout(cells);
      handle.focus();
    });
  }

  new ResizeObserver(() => { if (element.clientWidth > 0) { place(); for (const c of cells) onResize?.(c.id); } }).observe(element);

  return {
    element,
    /** Replaces all cells; render(cell) builds each cell's DOM. */
    setCells(list, render) {
      cells = compact(list);
      nodes.clear();
      element.replaceChildren();
      for (const c of cells) {
        const n = render(c);
        nodes.set(c.id, n);
        element.append(n.element);
        wire(c.id, n);
      }
      place();
      if (layoutChanged(list, cells)) onLayout(cells);
    },
    cells: () => cells,
    /** The drawing area of a cell's body, for charts and v.windowPeriod. */
    bodySize(id) {
      const body = nodes.get(id)?.element.querySelector('.cell-body');
      return { width: Math.max(120, body?.clientWidth ?? 300), height: Math.max(60, (body?.clientHeight ?? 200) - 48) };  // room for the legend
    },
  };
}
