// RFC3339 timestamps ↔ nanoseconds since the epoch (BigInt), without losing the nanoseconds
// that Date cannot hold.

// "2022-01-01T08:00:00.123456789Z" or "...+01:00" → BigInt ns; null when it is not RFC3339.
// A time without zone is read at tzOffsetMinutes east of UTC.
export function rfc3339ToNanos(text, tzOffsetMinutes = 0) {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d:\d\d)?$/i.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return null;
  let offset = tzOffsetMinutes;
  if (zone && zone.toUpperCase() !== 'Z') offset = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  else if (zone) offset = 0;
  return (BigInt(ms) - BigInt(offset) * 60000n) * 1000000n + BigInt(frac.padEnd(9, '0'));
}

// BigInt ns → "2022-01-01T08:00:00.123456789Z" (fraction only as long as needed, like Flux).
export function nanosToRfc3339(ns) {
  const sec = ns >= 0n ? ns / 1000000000n : -((-ns + 999999999n) / 1000000000n);
  const frac = ns - sec * 1000000000n;
  const base = new Date(Number(sec) * 1000).toISOString().slice(0, 19);
  return frac === 0n ? `${base}Z` : `${base}.${frac.toString().padStart(9, '0').replace(/0+$/, '')}Z`;
}

// A flag value: RFC3339, or an integer of nanoseconds → RFC3339 for the API.
export function timeFlag(text) {
  if (/^-?\d+$/.test(text)) return nanosToRfc3339(BigInt(text));
  if (rfc3339ToNanos(text) === null) return null;
  return text;
}
