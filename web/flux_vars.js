// v.name in Flux: the time range (v.timeRangeStart, v.timeRangeStop, v.windowPeriod) and
// dashboard variables (v.room, ...) as Flux literal text; flux_extern.js sends them as the
// query's extern. Also: Flux string literals, line:column ↔ offset, error positions.

/** A Flux string literal. */
export const fluxString = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '\\${')}"`;

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
