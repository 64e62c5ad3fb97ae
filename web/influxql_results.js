// InfluxQL through the v1 API (GET /query?db=...&q=...) and its JSON answer turned into what
// the Data Explorer shows: table rows (one per point, columns as InfluxDB names them) and chart
// rows (one series per measurement + tag set + numeric column, shaped like Flux rows).
import { ApiError } from './api.js';

/** Runs InfluxQL; resolves to { json, text } or throws ApiError (HTTP errors and statement errors). */
export async function runInfluxQL(api, db, q) {
  const params = new URLSearchParams({ db, q });
  const res = await api.raw('GET', `/query?${params}`, { headers: [['accept', 'application/json']] });
  let json = null;
  try { json = JSON.parse(res.body); } catch { /* not JSON: reported below */ }
  if (res.status < 200 || res.status >= 300 || !json) {
    throw new ApiError(res.status, '', json?.error || json?.message || String(res.body || `HTTP ${res.status}`).slice(0, 500));
  }
  if (json.error) throw new ApiError(res.status, '', json.error);
  const failed = (json.results ?? []).find((r) => r.error);
  if (failed) throw new ApiError(res.status, '', `statement ${failed.statement_id}: ${failed.error}`);
  return { json, text: res.body };
}

/** v1 JSON → { rows (for the table), chartRows (Flux-shaped, for the chart) }. */
export function influxqlRows(json) {
  const rows = [];
  const chartRows = [];
  let table = 0;
  for (const result of json.results ?? []) {
    for (const series of result.series ?? []) {
      const tags = series.tags ?? {};
      const columns = series.columns ?? [];
      const timeAt = columns.indexOf('time');
      for (const values of series.values ?? []) {
        const row = { statement: result.statement_id, name: series.name, ...tags };
        columns.forEach((c, i) => { row[c] = values[i]; });
        rows.push(row);
      }
      if (timeAt < 0) continue;
      columns.forEach((c, i) => {
        if (i === timeAt) return;
        const t = table++;
        for (const values of series.values ?? []) {
          if (typeof values[i] !== 'number') continue;
          chartRows.push({ result: String(result.statement_id), table: t, _measurement: series.name, _field: c,
            ...tags, _time: typeof values[timeAt] === 'number' ? new Date(values[timeAt]).toISOString() : values[timeAt], _value: values[i] });
        }
      });
    }
  }
  return { rows, chartRows };
}
