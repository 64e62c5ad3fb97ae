// Tiny DOM helpers. Everything that can hold data goes in as text nodes (textContent), never as
// markup: tag names and values from the database must not become HTML.

/**
 * h('button', { type: 'button', onclick: fn, class: 'x', dataset: { a: '1' } }, 'text', child...)
 * Strings and numbers become text nodes; null/undefined/false children are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const $ = (id) => document.getElementById(id);

/** A label + control pair; returns the wrapper. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = `f-${Math.random().toString(36).slice(2, 9)}`;
  return h('div', { class: 'field' },
    h('label', { for: control.id }, labelText),
    control,
    hint ? h('small', { class: 'hint' }, hint) : null);
}

/** A status line that tests can wait on: data-state and a data-seq counter bumped on finish. */
export function statusLine(id) {
  const el = h('output', { id, 'aria-live': 'polite', class: 'status' });
  let seq = 0;
  el.busy = (text) => { el.dataset.state = 'busy'; el.textContent = text; };
  el.finish = (state, text) => {
    el.dataset.state = state;
    el.dataset.seq = String(++seq);
    el.textContent = text;
  };
  return el;
}

/** An error box for the API's {code, message}; hidden when empty. */
export function errorBox(id) {
  const el = h('p', { id, role: 'alert', class: 'error', hidden: true });
  el.show = (message) => { el.textContent = message ?? ''; el.hidden = !message; };
  return el;
}

/** A modal confirmation (a <dialog>, so Escape and focus handling come from the browser). */
export function confirmDialog(message, confirmLabel = 'Delete') {
  return new Promise((resolve) => {
    const dlg = h('dialog', { class: 'confirm', 'aria-label': 'Confirm' },
      h('form', { method: 'dialog' },
        h('p', {}, message),
        h('div', { class: 'row end' },
          h('button', { value: 'cancel', class: 'secondary' }, 'Cancel'),
          h('button', { value: 'ok', class: 'danger', id: 'confirm-ok' }, confirmLabel))));
    dlg.addEventListener('close', () => { dlg.remove(); resolve(dlg.returnValue === 'ok'); });
    document.body.append(dlg);
    dlg.showModal();
  });
}

/** A modal text prompt (a <dialog> with one input); resolves to the text, or null when cancelled. */
export function promptDialog(label, value = '', id = 'prompt-input') {
  return new Promise((resolve) => {
    const input = h('input', { id, value, required: true });
    const dlg = h('dialog', { class: 'confirm', 'aria-label': label },
      h('form', { method: 'dialog' },
        field(label, input),
        h('div', { class: 'row end' },
          h('button', { value: 'cancel', class: 'secondary', formnovalidate: true }, 'Cancel'),
          h('button', { value: 'ok', id: `${id}-ok` }, 'Save'))));
    dlg.addEventListener('close', () => { dlg.remove(); resolve(dlg.returnValue === 'ok' ? input.value.trim() : null); });
    document.body.append(dlg);
    dlg.showModal();
    input.select();
  });
}

/** Copies text; falls back to selecting `el` so Ctrl+C works. Returns true if copied. */
export async function copyText(text, el) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (el) getSelection().selectAllChildren(el);
    return false;
  }
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
