// Data commands: `write` (line protocol or annotated CSV; argument, --file or stdin; batched
// with a progress report), `query` (Flux; tables or --raw annotated CSV) and `delete`.
import { readFileSync } from 'node:fs';
import { api, withConnection } from './connection.js';
import { UsageError } from './args.js';
import { CONN, required } from './common.js';
import { formatTables } from './table_format.js';
import { openInput, writeBatches } from './line_input.js';
import { csvLinesToLineProtocol } from './csv_to_lp.js';
import { Progress } from './progress.js';
import { timeFlag } from './time_text.js';

const PRECISIONS = new Set(['ns', 'us', 'ms', 's']);

// Writes numbered line-protocol lines to the bucket named by the flags; returns the count.
export async function writeLineProtocol(conn, creds, flags, lines, { fraction, precision = flags.precision, verb } = {}) {
  const bucket = flags.bucket ?? flags['bucket-id'];
  const progress = new Progress({ enabled: flags.progress || undefined, verb });
  const send = (body) => api(conn, creds, 'POST', '/api/v2/write', { contentType: 'text/plain; charset=utf-8', body,
    query: { org: creds.org, orgID: creds.orgID, bucket, precision } });
  return writeBatches(lines, { send, progress, fraction });
}

async function* prepend(headers, lines) {
  let n = 0;
  for (const h of headers) yield [h, --n];
  yield* lines;
}

export const dataCommands = {
  write: {
    help: 'Write line protocol or annotated CSV (argument, --file or stdin) to a bucket',
    flags: { ...CONN, bucket: { alias: 'b' }, 'bucket-id': {}, precision: { alias: 'p', help: 'ns (default), us, ms or s' },
      file: { alias: 'f', help: 'read this file (gzip is detected); "-" is stdin' },
      format: { help: 'lp or csv (default: csv for *.csv files, else lp)' },
      header: { multiple: true, help: 'a line to put before the CSV data, e.g. "#datatype measurement,tag,double"' },
      compression: { help: 'none or gzip (for stdin; files are detected)' },
      progress: { boolean: true, help: 'report lines/s on stderr (default: when stderr is a terminal)' } },
    run({ flags, positional }) {
      if (!flags.bucket && !flags['bucket-id']) throw new UsageError('a bucket is required: --bucket or --bucket-id');
      if (flags.precision !== undefined && !PRECISIONS.has(flags.precision)) {
        throw new UsageError(`invalid precision "${flags.precision}": must be one of ns, us, ms, s`);
      }
      const format = flags.format ?? (/\.csv(\.gz)?$/i.test(flags.file ?? '') ? 'csv' : 'lp');
      if (format !== 'lp' && format !== 'csv') throw new UsageError(`unsupported format "${format}": use lp or csv`);
      if (flags.compression !== undefined && !['none', 'gzip'].includes(flags.compression)) {
        throw new UsageError(`unsupported compression "${flags.compression}": use none or gzip`);
      }
      const input = openInput({ file: flags.file, text: flags.file ? undefined : positional.length ? positional.join('\n') : undefined,
        compression: flags.compression });
      const showProgress = { ...flags, progress: flags.progress || (process.stderr.isTTY && positional.length === 0) };
      let lines = input.lines;
      // CSV becomes line protocol with nanosecond timestamps, as csv2lp writes it.
      if (format === 'csv') lines = csvLinesToLineProtocol(prepend(flags.header ?? [], lines));
      return withConnection(flags, (conn, creds) => writeLineProtocol(conn, creds, showProgress, lines,
        { fraction: input.fraction, precision: format === 'csv' ? 'ns' : flags.precision }));
    },
  },

  query: {
    help: 'Run a Flux query (argument or --file); prints tables, or annotated CSV with --raw',
    flags: { ...CONN, file: { alias: 'f' }, raw: { alias: 'r', boolean: true } },
    run({ flags, positional, out }) {
      const query = flags.file ? readFileSync(flags.file, 'utf8') : positional.join(' ');
      if (!query.trim()) throw new UsageError('a query is required (argument or --file)');
      return withConnection(flags, async (conn, creds) => {
        const csv = await api(conn, creds, 'POST', '/api/v2/query', { query: { org: creds.org, orgID: creds.orgID },
          body: { query, type: 'flux', dialect: { header: true, annotations: ['datatype', 'group', 'default'] } } });
        out(flags.raw ? csv : formatTables(csv));
      });
    },
  },

  delete: {
    help: 'Delete points of a bucket between --start and --stop that match --predicate',
    flags: { ...CONN, bucket: { alias: 'b' }, 'bucket-id': {}, start: { help: 'RFC3339 time (inclusive)' },
      stop: { help: 'RFC3339 time (inclusive)' }, predicate: { alias: 'p', help: 'e.g. _measurement="home" AND room="Kitchen"' } },
    run({ flags }) {
      if (!flags.bucket && !flags['bucket-id']) throw new UsageError('a bucket is required: --bucket or --bucket-id');
      required(flags, 'start', 'stop');
      const start = timeFlag(flags.start);
      const stop = timeFlag(flags.stop);
      if (start === null) throw new UsageError(`invalid --start "${flags.start}": use RFC3339, e.g. 2022-01-01T00:00:00Z`);
      if (stop === null) throw new UsageError(`invalid --stop "${flags.stop}": use RFC3339, e.g. 2022-01-01T00:00:00Z`);
      return withConnection(flags, (conn, creds) => api(conn, creds, 'POST', '/api/v2/delete', {
        query: { org: creds.org, orgID: creds.orgID, bucket: flags.bucket, bucketID: flags['bucket-id'] },
        body: { start, stop, predicate: flags.predicate ?? '' } }));
    },
  },
};
