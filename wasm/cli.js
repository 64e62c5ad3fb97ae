#!/usr/bin/env node
// The `tidewater` command. This first version answers the API over a data directory:
//   tidewater serve  --dir D [--host 127.0.0.1] [--port 8086] [--allowed-origins a,b]
//   tidewater setup  --dir D --username U --password P --org O --bucket B
//   tidewater write  --dir D --token T --org O --bucket B [--precision s] (line protocol from stdin or --file F)
//   tidewater query  --dir D --token T --org O 'flux'   (annotated CSV on stdout)
// Flags shaped like `influx`; the full CLI (serve, config, buckets, auth, ...) comes later.
import { readFileSync } from 'node:fs';
import { Tidewater, TidewaterError } from './index.js';

function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      flags[k] = v ?? argv[++i];
    } else positional.push(a);
  }
  return { flags, positional };
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { flags, positional } = parseArgs(rest);
  const dir = flags.dir ?? process.env.TIDEWATER_DIR ?? '.tidewater';
  const token = flags.token ?? process.env.INFLUX_TOKEN;
  const org = flags.org ?? process.env.INFLUX_ORG;
  if (!['serve', 'setup', 'write', 'query'].includes(command)) {
    process.stderr.write('usage: tidewater serve|setup|write|query [--dir D] [flags]\n');
    return 2;
  }
  const db = await Tidewater.open({ name: 'cli', storage: { directory: dir } });
  if (command === 'serve') {
    const { serve } = await import('./server.js');
    const { url, shutdown } = await serve(db, {
      host: flags.host ?? '127.0.0.1',
      port: flags.port !== undefined ? Number(flags.port) : 8086,
      allowedOrigins: (flags['allowed-origins'] ?? '*').split(','),
    });
    process.stdout.write(`Tidewater API listening on ${url} (data in ${dir})\n`);
    await new Promise((resolve) => {
      for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, resolve);
    });
    await shutdown();
    return 0;
  }
  try {
    if (command === 'setup') {
      const r = await db.setup({ username: flags.username, password: flags.password, org: flags.org, bucket: flags.bucket,
        retentionPeriodSeconds: flags.retention ? Number(flags.retention) : 0 });
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    } else if (command === 'write') {
      const data = flags.file ? readFileSync(flags.file, 'utf8') : positional[0] ?? readFileSync(0, 'utf8');
      await db.write(token, { org, bucket: flags.bucket, precision: flags.precision }, data);
    } else {
      const flux = flags.file ? readFileSync(flags.file, 'utf8') : positional[0];
      process.stdout.write(await db.queryCSV(token, { org }, flux));
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then((code) => { process.exitCode = code; }, (err) => {
  process.stderr.write(`Error: ${err instanceof TidewaterError ? `${err.message} (${err.code})` : err.stack ?? err}\n`);
  process.exitCode = 1;
});
