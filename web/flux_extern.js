// v.* for a query the way InfluxDB's UI passes them: not pasted into the script but sent as
// the query's `extern`, a Flux File AST holding `option v = {timeRangeStart: ..., room: ...}`.
//
// The engine renders the extern as source lines ahead of the query (its imports, then the
// option), so two things follow: the query's own leading imports travel in the extern's import
// list (an import after the option would not parse; their lines are left blank so line numbers
// hold), and error positions come back shifted by the extern's line count, mapped back here.

const DURATION = /^(\d+)(ns|us|µs|ms|s|mo|m|h|d|w|y)/;

function durationNode(text) {
  const values = [];
  for (let rest = text; rest; ) {
    const m = DURATION.exec(rest);
    if (!m) return null;
    values.push({ magnitude: Number(m[1]), unit: m[2] });
    rest = rest.slice(m[0].length);
  }
  return { type: 'DurationLiteral', values };
}

/** A Flux literal's text, as rangeValues and the variables produce it → its AST node. */
export function literalNode(text) {
  const t = String(text).trim();
  if (t === 'now()') return { type: 'CallExpression', callee: { type: 'Identifier', name: 'now' }, arguments: [] };
  if (t === 'true' || t === 'false') return { type: 'BooleanLiteral', value: t === 'true' };
  if (/^"([^"\\]|\\.)*"$/s.test(t)) return { type: 'StringLiteral', value: t.slice(1, -1).replace(/\\(["\\$])/g, '$1') };
  if (/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(t)) return { type: 'DateTimeLiteral', value: t };
  if (/^-?\d+$/.test(t)) {
    const n = { type: 'IntegerLiteral', value: t.replace(/^-/, '') };
    return t.startsWith('-') ? { type: 'UnaryExpression', operator: '-', argument: n } : n;
  }
  if (/^-?\d+\.\d+$/.test(t)) return { type: 'FloatLiteral', value: Number(t) };
  const negative = t.startsWith('-');
  const duration = durationNode(negative ? t.slice(1) : t);
  if (duration) return negative ? { type: 'UnaryExpression', operator: '-', argument: duration } : duration;
  // Anything else is taken as a string: a variable's value is text.
  return { type: 'StringLiteral', value: t };
}

const IMPORT_LINE = /^\s*import\s+(?:([A-Za-z_][A-Za-z0-9_]*)\s+)?"([^"\\]*)"\s*$/;

/**
 * withExtern(flux, values: { name: Flux literal text }) → { query, extern, prefixLines,
 * toSource(line, column), sourceMessage(message) }: what to POST, and the way back from the
 * engine's error positions to the text the user typed.
 */
export function withExtern(flux, values) {
  const lines = flux.split('\n');
  const imports = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(\/\/.*)?$/.test(line)) continue;
    const m = IMPORT_LINE.exec(line);
    if (!m) break;
    imports.push({
      type: 'ImportDeclaration', path: { type: 'StringLiteral', value: m[2] },
      ...(m[1] ? { as: { type: 'Identifier', name: m[1] } } : {}),
    });
    lines[i] = '';
  }
  const extern = {
    type: 'File', package: null, imports,
    body: [{
      type: 'OptionStatement',
      assignment: {
        type: 'VariableAssignment', id: { type: 'Identifier', name: 'v' },
        init: {
          type: 'ObjectExpression',
          properties: Object.entries(values).map(([name, text]) => ({
            type: 'Property', key: { type: 'Identifier', name }, value: literalNode(text),
          })),
        },
      },
    }],
  };
  const prefixLines = imports.length + 1;
  const toSource = (line, column) => (line > prefixLines ? { line: line - prefixLines, column } : { line: 1, column: 1 });
  return {
    query: lines.join('\n'),
    extern,
    prefixLines,
    toSource,
    /** "error @5:3-5:8: ..." from the engine → the same message with the user's positions. */
    sourceMessage(message) {
      return String(message ?? '').replace(/error @(\d+):(\d+)-(\d+):(\d+)/, (all, l1, c1, l2, c2) => {
        const a = toSource(Number(l1), Number(c1));
        const b = toSource(Number(l2), Number(c2));
        return `error @${a.line}:${a.column}-${b.line}:${b.column}`;
      });
    },
  };
}

/** The option the extern carries, as Flux text (shown under "sent" in the Data Explorer). */
export function externText(values) {
  return `option v = {${Object.entries(values).map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}
