// A code editor without a framework: a plain <textarea> (so typing, undo, selection, IME and
// screen readers all behave as the browser makes them) over a highlighted <pre> that mirrors
// its text. The textarea's text is transparent; its caret and selection stay visible.
import { h } from './dom.js';
import { renderHighlight } from './highlight.js';
import { offsetOf } from './flux_vars.js';

/**
 * codeEditor({ id, label, language: 'flux' | 'influxql', value, rows })
 * → { element, textarea, value, setValue(text), setLanguage(l), markError(range|null),
 *     insert(fn(text, cursor) → { text, cursor }), select(start, end) }
 * markError takes { start: {line, column}, end: {line, column} } (Flux's 1-based positions).
 */
export function codeEditor({ id, label, language = 'flux', value = '', rows = 8 }) {
  const textarea = h('textarea', {
    id, rows: String(rows), spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
    wrap: 'off', 'aria-label': label, class: 'code-input',
  });
  textarea.value = value;
  const overlay = h('pre', { class: 'code-highlight', 'aria-hidden': 'true' });
  const element = h('div', { class: 'code-editor' }, overlay, textarea);
  let lang = language;
  let mark = null;  // { start, end } character offsets of the error

  function paint() {
    renderHighlight(overlay, textarea.value, lang, mark);
    overlay.scrollTop = textarea.scrollTop;
    overlay.scrollLeft = textarea.scrollLeft;
  }
  textarea.addEventListener('input', () => { mark = null; paint(); });
  textarea.addEventListener('scroll', () => {
    overlay.scrollTop = textarea.scrollTop;
    overlay.scrollLeft = textarea.scrollLeft;
  });
  // Tab indents (two spaces) instead of leaving the editor; Escape then Tab still leaves it,
  // so keyboard users are never trapped.
  let escaped = false;
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { escaped = true; return; }
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !escaped) {
      e.preventDefault();
      textarea.setRangeText('  ', textarea.selectionStart, textarea.selectionEnd, 'end');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }
    escaped = false;
  });
  paint();  // the overlay follows the textarea's size (the user may resize it) through CSS inset: 0

  const editor = {
    element,
    textarea,
    get value() { return textarea.value; },
    setValue(text) {
      textarea.value = text;
      mark = null;
      paint();
    },
    setLanguage(l) {
      lang = l;
      paint();
    },
    markError(range) {
      if (!range) { mark = null; paint(); return; }
      const text = textarea.value;
      const start = offsetOf(text, range.start.line, range.start.column);
      // Flux's end column is one past the span's last character (an empty span is a point).
      const end = Math.max(start + 1, offsetOf(text, range.end.line, range.end.column));
      mark = { start, end };
      paint();
    },
    select(start, end) {
      textarea.focus();
      textarea.setSelectionRange(start, end);
    },
    /** Replaces the text through edit(text, cursor) and puts the caret where it says. */
    insert(edit) {
      const { text, cursor } = edit(textarea.value, textarea.selectionStart);
      textarea.focus();
      textarea.setRangeText(text, 0, textarea.value.length, 'end');
      textarea.setSelectionRange(cursor, cursor);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    },
    errorOffsets() { return mark; },
  };
  return editor;
}
