// `export`: a bucket's points over a time range as line protocol (a file, optionally gzip, or
// stdout); `import`: such a file (gzip detected) written back into a bucket. A round trip keeps
// every point with its tags, field types and nanosecond time.
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';
import { api, withConnection } from './connection.js';
import { UsageError } from './args.js';
import { CONN, required } from './common.js';
import { exportBucket } from './bucket_export.js';
import { openInput } from './line_input.js';
import { writeLineProtocol } from './cmd_data.js';
import { Progress } from './progress.js';
import { rfc3339ToNanos } from './time_text.js';

// The whole range InfluxDB can store, in ns.
const MIN_TIME = -9223372036854775806n;
const MAX_TIME = 9223372036854775806n;
const nanosFlag = (text, fallback) => (text === undefined ? fallback : /^-?\d+$/.test(text) ? BigInt(text) : rfc3339ToNanos(text));

function openOutput(file, gzip) {
  const target = file && file !== '-' ? createWriteStream(file) : process.stdout;
  const stream = gzip ? createGzip() : target;
  if (gzip) stream.pipe(target);
  return {
    async write(text) { if (!stream.write(text)) await once(stream, 'drain'); },
    async close() {
      if (target === process.stdout && !gzip) return;
      stream.end();
      await once(target, target === process.stdout ? 'drain' : 'finish').catch(() => {});
    },
  };
}

export const transferCommands = {
  export: {
    help: 'Export a bucket (or a time range of it) as line protocol; gzip with --compression or a .gz file',
    flags: { ...CONN, bucket: { alias: 'b' }, 'bucket-id': {}, start: { help: 'RFC3339 (default: the earliest time)' },
      stop: { help: 'RFC3339, exclusive (default: the latest time)' }, file: { alias: 'f', help: 'output file (default stdout)' },
      compression: { help: 'none or gzip (default: gzip for *.gz files)' },
      progress: { boolean: true, help: 'report lines/s on stderr (default: when stderr is a terminal and output is a file)' } },
    run({ flags }) {
      if (!flags.bucket && !flags['bucket-id']) throw new UsageError('a bucket is required: --bucket or --bucket-id');
      const start = nanosFlag(flags.start, MIN_TIME);
      const stop = nanosFlag(flags.stop, MAX_TIME);
      if (start === null || stop === null) throw new UsageError('--start and --stop must be RFC3339 times, e.g. 2022-01-01T00:00:00Z');
      const gzip = (flags.compression ?? (/\.gz$/.test(flags.file ?? '') ? 'gzip' : 'none')) === 'gzip';
      const toFile = flags.file && flags.file !== '-';
      const progress = new Progress({ enabled: flags.progress || (toFile && process.stderr.isTTY) || false, verb: 'exported' });
      return withConnection(flags, async (conn, creds) => {
        let bucket = flags.bucket;
        if (!bucket) bucket = (await api(conn, creds, 'GET', `/api/v2/buckets/${encodeURIComponent(flags['bucket-id'])}`)).name;
        const output = openOutput(flags.file, gzip);
        await exportBucket(conn, creds, { bucket, start, stop,
          emit: (lines) => output.write(`${lines.join('\n')}\n`),
          onProgress: (n, f) => progress.update(n, f) });
        await output.close();
        progress.finish();
      });
    },
  },

  import: {
    help: 'Write a line-protocol export (plain or gzip, file or stdin) into a bucket',
    flags: { ...CONN, bucket: { alias: 'b' }, 'bucket-id': {}, file: { alias: 'f', help: 'input file (default stdin)' },
      precision: { alias: 'p', help: 'timestamps of the file: ns (default, as export writes), us, ms or s' },
      compression: { help: 'none or gzip (for stdin; files are detected)' },
      progress: { boolean: true, help: 'report lines/s on stderr (default: when stderr is a terminal)' } },
    run({ flags }) {
      if (!flags.bucket && !flags['bucket-id']) throw new UsageError('a bucket is required: --bucket or --bucket-id');
      required(flags, 'file');
      const input = openInput({ file: flags.file, compression: flags.compression });
      return withConnection(flags, (conn, creds) => writeLineProtocol(conn, creds,
        { ...flags, progress: flags.progress || process.stderr.isTTY }, input.lines,
        { fraction: input.fraction, precision: flags.precision ?? 'ns', verb: 'imported' }));
    },
  },
};
