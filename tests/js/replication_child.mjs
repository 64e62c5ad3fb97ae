// The Tidewater process of the replication kill test: serves a data directory (and so sends
// its replications) until killed. Small batches so that a kill lands mid-send.
// Usage: node replication_child.mjs DIR PORT
import { Tidewater } from '../../wasm/index.js';
import { serve } from '../../wasm/server.js';

const [dir, port] = process.argv.slice(2);
const db = await Tidewater.open({ name: 'repl', storage: { directory: dir } });
const s = await serve(db, { port: Number(port), replication: { batchBytes: 64 * 1024, intervalMs: 100, minBackoffMs: 100, maxBackoffMs: 500 } });
s.replication.onEvent((e) => { if (e.code >= 300 || e.error) process.stderr.write(`${JSON.stringify(e)}\n`); });
process.stdout.write(`ready ${s.url}\n`);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => s.shutdown().then(() => process.exit(0)));
