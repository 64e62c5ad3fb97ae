// InfluxQL against the real InfluxDB 1.6.7 (Debian's influxd on 127.0.0.1 in a temporary
// folder): every query of tests/differential/queries.txt must answer as influxd does, apart
// from the intended 1.6-vs-2.7 differences listed there with their reasons. Without influxd
// the test fails (scripts/setup.sh installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { influxdPath, loadQueries, runSuite } from '../differential/run.mjs';

test('InfluxQL differential suite against InfluxDB 1.6.7', { timeout: 300_000 }, async (t) => {
  assert.ok(influxdPath(), 'influxd is not installed: the differential suite needs Debian\'s "influxdb" package (bash scripts/setup.sh installs it)');
  assert.ok(loadQueries().length >= 150, 'the suite has at least 150 queries');
  const r = await runSuite({ log: (m) => t.diagnostic(m) });
  const report = r.failures.map((f) => `queries.txt:${f.line}: ${f.query}${f.why ? ` (${f.why})` : ''}\n  tidewater: ${f.ours}\n  influxd:   ${f.theirs}`);
  assert.equal(r.failures.length, 0, `${r.failures.length} of ${r.total} queries differ:\n${report.join('\n')}`);
});
