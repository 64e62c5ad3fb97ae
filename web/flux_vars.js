// v.name in Flux: the time range (v.timeRangeStart, v.timeRangeStop, v.windowPeriod) and
// dashboard variables (v.room, ...), substituted as Flux literals before the query is sent.
//
// The engine does not take InfluxDB's `extern` record the UI sends alongside a query, so the
// values go in as text. Errors then point into the substituted text: `toSource` maps their
// line:column back to the script the user typed.

/** A Flux string literal. */
export const fluxString = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '\\${')}"`;

/**
 * Replaces every v.<name> whose name is in `values` (name → Flux literal text).
 * Returns { text, toSource(line, column) → { line, column } } (1-based, as Flux reports them).
 */
export function substitute(flux, values) {
  const segments = [];  // [outStart, outEnd, srcStart, srcEnd] for each replacement
  let out = '';
  let last = 0;
  for (const m of flux.matchAll(/\bv\.([A-Za-z_][A-Za-z0-9_]*)\b/g)) {
    if (!Object.hasOwn(values, m[1])) continue;
    out += flux.slice(last, m.index);
    const literal = String(values[m[1]]);
    segments.push([out.length, out.length + literal.length, m.index, m.index + m[0].length]);
    out += literal;
    last = m.index + m[0].length;
  }
  out += flux.slice(last);

  function toSourceOffset(offset) {
    let shift = 0;
    for (const [outStart, outEnd, srcStart, srcEnd] of segments) {
      if (offset < outStart) break;
      if (offset < outEnd) return srcStart;  // inside a substituted value: its v.name
      shift = srcEnd - outEnd;
    }
    return offset + shift;
  }
  return {
    text: out,
    toSource(line, column) {
      const offset = offsetOf(out, line, column);
      return positionOf(flux, toSourceOffset(offset));
    },
  };
}

/** Character offset of a 1-based line:column in text. */
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** 1-based line:column of a character offset. */
export function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** "error @3:5-3:9: msg" → { start: {line, column}, end: {line, column}, message } or null. */
export function parseFluxErrorPosition(message) {
  const m = /error @(\d+):(\d+)-(\d+):(\d+): ?([\s\S]*)/.exec(message ?? '');
  if (!m) return null;
  return {
    start: { line: Number(m[1]), column: Number(m[2]) },
    end: { line: Number(m[3]), column: Number(m[4]) },
    message: m[5],
  };
}

/** The time range's variables: { timeRangeStart, timeRangeStop, windowPeriod }. */
export function rangeValues({ start, stop }, windowPeriod) {
  return { timeRangeStart: start, timeRangeStop: stop, windowPeriod };
}
