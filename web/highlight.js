// A small syntax highlighter for Flux and InfluxQL: text → [kind, text] tokens, and tokens →
// DOM spans (text nodes only, so a query can never become markup). Good enough to colour an
// editor; the engine's parser stays the judge of what is valid.

const FLUX_KEYWORDS = new Set(['import', 'package', 'option', 'builtin', 'testcase', 'return', 'if', 'then', 'else',
  'and', 'or', 'not', 'exists', 'with']);
const FLUX_CONSTANTS = new Set(['true', 'false']);
const INFLUXQL_KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'ORDER', 'LIMIT', 'OFFSET', 'SLIMIT',
  'SOFFSET', 'FILL', 'AND', 'OR', 'NOT', 'AS', 'ASC', 'DESC', 'INTO', 'SHOW', 'DATABASES', 'MEASUREMENTS', 'MEASUREMENT',
  'TAG', 'KEYS', 'KEY', 'VALUES', 'FIELD', 'SERIES', 'RETENTION', 'POLICIES', 'ON', 'WITH', 'TZ', 'DELETE', 'DROP',
  'CREATE', 'DATABASE', 'EXPLAIN', 'ANALYZE', 'NULL', 'NONE', 'PREVIOUS', 'LINEAR', 'TRUE', 'FALSE', 'CARDINALITY']);

// One regex per token kind, tried in order at each position (sticky). Durations and dates come
// before plain numbers; regex literals only where an operand is expected (see below).
const FLUX_RULES = [
  ['comment', /\/\/[^\n]*/y],
  ['string', /"(?:[^"\\]|\\.)*"?/y],
  ['time', /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?/y],
  ['duration', /\d+(?:mo|ms|us|µs|ns|y|w|d|h|m|s)(?:\d+(?:mo|ms|us|µs|ns|y|w|d|h|m|s))*/y],
  ['number', /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
  ['pipe', /\|>/y],
  ['ident', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['operator', /=~|!~|==|!=|<=|>=|=>|<-|[-+*/%^<>=?]/y],
  ['punct', /[()[\]{},.:]/y],
  ['space', /\s+/y],
];
const FLUX_REGEX = /\/(?:[^/\\\n]|\\.)+\//y;

const INFLUXQL_RULES = [
  ['comment', /--[^\n]*/y],
  ['string', /'(?:[^'\\]|\\.)*'?/y],
  ['ident', /"(?:[^"\\]|\\.)*"?/y],
  ['duration', /\d+(?:ns|u|µ|ms|s|m|h|d|w)\b/y],
  ['number', /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
  ['word', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['operator', /=~|!~|<>|!=|<=|>=|[-+*/%<>=]/y],
  ['regex', /\/(?:[^/\\\n]|\\.)+\//y],
  ['punct', /[(),.;:]/y],
  ['space', /\s+/y],
];

function tokenizeFlux(text) {
  const out = [];
  let pos = 0;
  let prev = '';  // the previous significant token's kind + text: decides "/" as regex or divide
  while (pos < text.length) {
    let kind = 'other';
    let len = 1;
    const expectsOperand = prev === '' || /^(operator|pipe|punct:[(,[{:])/.test(prev) || prev === 'keyword';
    if (text[pos] === '/' && text[pos + 1] !== '/' && expectsOperand) {
      FLUX_REGEX.lastIndex = pos;
      const m = FLUX_REGEX.exec(text);
      if (m) { kind = 'regex'; len = m[0].length; }
    }
    if (kind === 'other') {
      for (const [k, re] of FLUX_RULES) {
        re.lastIndex = pos;
        const m = re.exec(text);
        if (m && m[0].length) { kind = k; len = m[0].length; break; }
      }
    }
    const piece = text.slice(pos, pos + len);
    if (kind === 'ident') {
      if (FLUX_KEYWORDS.has(piece)) kind = 'keyword';
      else if (FLUX_CONSTANTS.has(piece)) kind = 'constant';
      else if (/^\s*\(/.test(text.slice(pos + len, pos + len + 20))) kind = 'function';
    }
    out.push([kind, piece]);
    if (kind !== 'space' && kind !== 'comment') prev = kind === 'punct' ? `punct:${piece}` : kind;
    pos += len;
  }
  return out;
}

function tokenizeInfluxQL(text) {
  const out = [];
  let pos = 0;
  while (pos < text.length) {
    let kind = 'other';
    let len = 1;
    for (const [k, re] of INFLUXQL_RULES) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m && m[0].length) { kind = k; len = m[0].length; break; }
    }
    const piece = text.slice(pos, pos + len);
    if (kind === 'word') {
      if (INFLUXQL_KEYWORDS.has(piece.toUpperCase())) kind = 'keyword';
      else if (/^\s*\(/.test(text.slice(pos + len, pos + len + 20))) kind = 'function';
      else kind = 'ident';
    }
    out.push([kind, piece]);
    pos += len;
  }
  return out;
}

/** text → [[kind, text], ...]; the pieces concatenate back to the text exactly. */
export function tokenize(text, language = 'flux') {
  return language === 'influxql' ? tokenizeInfluxQL(text) : tokenizeFlux(text);
}

/**
 * Fills `target` with spans for the tokens of `text`; [markStart, markEnd) (character offsets)
 * is wrapped in <mark class="tok-error"> (an empty range marks one character, or a space at
 * the end of the text, so the spot stays visible).
 */
export function renderHighlight(target, text, language = 'flux', mark = null) {
  const nodes = [];
  let offset = 0;
  let markStart = -1;
  let markEnd = -1;
  if (mark) {
    markStart = Math.max(0, Math.min(mark.start, text.length));
    markEnd = Math.max(markStart + 1, Math.min(mark.end, text.length));
  }
  const pushText = (kind, piece, start) => {
    // Split a token at the mark's edges so the mark can wrap exactly its characters.
    const cuts = [0, piece.length];
    for (const edge of [markStart, markEnd]) if (edge > start && edge < start + piece.length) cuts.push(edge - start);
    cuts.sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const part = piece.slice(cuts[i], cuts[i + 1]);
      const at = start + cuts[i];
      const span = document.createElement('span');
      span.className = `tok-${kind}`;
      span.textContent = part;
      if (at >= markStart && at < markEnd) {
        const m = document.createElement('mark');
        m.className = 'tok-error';
        m.append(span);
        nodes.push(m);
      } else {
        nodes.push(span);
      }
    }
  };
  for (const [kind, piece] of tokenize(text, language)) {
    pushText(kind, piece, offset);
    offset += piece.length;
  }
  if (markStart >= text.length && mark) {
    const m = document.createElement('mark');
    m.className = 'tok-error';
    m.textContent = ' ';
    nodes.push(m);
  }
  // A trailing newline needs a character after it, or the overlay is one line short.
  nodes.push(document.createTextNode('\n'));
  target.replaceChildren(...nodes);
}
