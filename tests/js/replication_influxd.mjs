// Helpers of the replication tests: Debian's InfluxDB 1.6.7 on a port chosen ahead (so a
// replication can point at it while it is still down), and the test's points.
import { freePort, startInfluxd } from '../differential/run.mjs';

export { freePort };

// influxd with only HTTP on 127.0.0.1:port (the differential suite's configuration), the
// databases created, and an InfluxQL helper for the checks.
export async function startInfluxdOn(port, databases) {
  const influxd = await startInfluxd({ port });
  const query = async (q, db = '') => {
    const r = await fetch(`${influxd.url}/query?db=${encodeURIComponent(db)}&epoch=ns&q=${encodeURIComponent(q)}`, { method: 'POST' });
    return r.json();
  };
  for (const db of databases) await query(`CREATE DATABASE "${db}"`);
  return { ...influxd, query };
}

export const BASE_NS = 1_700_000_000_000_000_000n;

// Point i of a measurement: a tag, an integer, a float, a string and a boolean field.
export function pointLine(measurement, i) {
  return `${measurement},host=h${i % 10} n=${i}i,x=${i / 4},s="p${i}",b=${i % 2 === 0} ${BASE_NS + BigInt(i) * 1_000_000_000n}`;
}

export function pointLines(measurement, from, to) {
  const out = [];
  for (let i = from; i < to; i++) out.push(pointLine(measurement, i));
  return out.join('\n');
}

// The InfluxQL checks of a replicated measurement of n points: counts, first/last, exact values.
export async function remoteSummary(influxd, db, measurement) {
  const one = async (q) => (await influxd.query(q, db)).results?.[0]?.series?.[0]?.values ?? [];
  const [count] = await one(`SELECT count(n), count(x), count(s), count(b) FROM "${measurement}"`);
  const [first] = await one(`SELECT first(n), last(n) FROM "${measurement}"`);
  const series = (await influxd.query(`SHOW SERIES FROM "${measurement}"`, db)).results?.[0]?.series?.[0]?.values?.length ?? 0;
  return { counts: count?.slice(1) ?? [0, 0, 0, 0], firstLast: first?.slice(1) ?? [], series, one };
}

export async function waitFor(what, check, { timeoutMs = 30_000, everyMs = 50 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
