// Markdown note cells: a small Markdown subset (headings, paragraphs, lists, code blocks, quotes;
// **bold**, *italic*, `code`, [links](https://...)) built as DOM nodes. Nothing is ever parsed
// as HTML: a note containing <img onerror=...> shows those characters.
import { h } from '../dom.js';

// _emphasis_ only between non-word characters, as CommonMark does (snake_case and __x stay text).
const INLINE = /(\*\*([^*]+)\*\*|\*([^*]+)\*|(?<!\w)_([^_]+)_(?!\w)|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\))/g;

// Only web links and in-page anchors become links; anything else (javascript:, data:) stays text.
const safeHref = (url) => /^(https?:\/\/|#|\.{0,2}\/)/i.test(url);

function inline(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[2] !== undefined) out.push(h('strong', {}, m[2]));
    else if (m[3] !== undefined || m[4] !== undefined) out.push(h('em', {}, m[3] ?? m[4]));
    else if (m[5] !== undefined) out.push(h('code', {}, m[5]));
    else if (safeHref(m[7])) out.push(h('a', { href: m[7], target: '_blank', rel: 'noopener noreferrer' }, m[6]));
    else out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Markdown text → a <div class="markdown"> of DOM nodes. */
export function markdownToDom(source) {
  const root = h('div', { class: 'markdown' });
  const lines = String(source ?? '').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^```/.test(line)) {
      const code = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      i++;
      root.append(h('pre', {}, h('code', {}, code.join('\n'))));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      root.append(h(`h${Math.min(6, heading[1].length + 2)}`, {}, inline(heading[2])));
      i++;
      continue;
    }
    if (/^\s*([-*+]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const list = h(ordered ? 'ol' : 'ul');
      for (; i < lines.length && /^\s*([-*+]|\d+\.)\s+/.test(lines[i]); i++) {
        list.append(h('li', {}, inline(lines[i].replace(/^\s*([-*+]|\d+\.)\s+/, ''))));
      }
      root.append(list);
      continue;
    }
    if (/^>\s?/.test(line)) {
      const quote = [];
      for (; i < lines.length && /^>\s?/.test(lines[i]); i++) quote.push(lines[i].replace(/^>\s?/, ''));
      root.append(h('blockquote', {}, inline(quote.join(' '))));
      continue;
    }
    if (!line.trim()) { i++; continue; }
    const para = [];
    for (; i < lines.length && lines[i].trim() && !/^(#{1,6}\s|```|>|\s*([-*+]|\d+\.)\s)/.test(lines[i]); i++) para.push(lines[i]);
    root.append(h('p', {}, inline(para.join(' '))));
  }
  return root;
}

export function renderMarkdown(container, properties) {
  container.replaceChildren(markdownToDom(properties.note ?? ''));
  return { series: 0, destroy() {}, resize() {} };
}
