// Input for `write` and `import`: text given on the command line, a file (plain or gzip) or
// stdin, read as numbered lines without holding a large file in memory, and sent to the
// write API in batches with a progress report.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';

function isGzipFile(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

// Returns { lines: async iterable of [text, lineNumber], fraction: () => 0..1 | null }.
// compression: 'gzip', 'none' or undefined (files: detected from their first bytes).
export function openInput({ file, text, compression }) {
  let raw;
  let total = null;
  let read = 0;
  if (text !== undefined) raw = Readable.from([Buffer.from(text)]);
  else if (file && file !== '-') {
    raw = createReadStream(file);
    total = statSync(file).size;
    compression ??= isGzipFile(file) ? 'gzip' : 'none';
  } else raw = process.stdin;
  // Counts bytes as they pass (a 'data' listener would start the flow before anyone reads).
  const counted = raw.pipe(new Transform({ transform(chunk, _enc, done) { read += chunk.length; done(null, chunk); } }));
  const input = compression === 'gzip' ? counted.pipe(createGunzip()) : counted;
  raw.on('error', (err) => input.destroy(err));
  if (input !== counted) counted.on('error', (err) => input.destroy(err));
  async function* numbered() {
    let n = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) yield [line, ++n];
  }
  return { lines: numbered(), fraction: () => (total ? read / total : null) };
}

// Server messages count lines within one batch; point them at the line of the input instead.
function renumber(message, numbers) {
  return message.replace(/\bline (\d+)\b/g, (all, n) => (numbers[n - 1] ? `line ${numbers[n - 1]}` : all));
}

// Sends [lineProtocol, inputLineNumber] pairs in batches through send(body); returns the
// number of lines written. Blank lines and comments are skipped, as the write API does.
export async function writeBatches(lines, { send, progress, fraction = () => null, maxLines = 5000, maxBytes = 4 << 20 }) {
  let batch = [];
  let numbers = [];
  let bytes = 0;
  let written = 0;
  const flush = async () => {
    if (!batch.length) return;
    try {
      await send(batch.join('\n'));
    } catch (err) {
      err.message = renumber(err.message, numbers);
      throw err;
    }
    written += batch.length;
    batch = [];
    numbers = [];
    bytes = 0;
    progress?.update(written, fraction());
  };
  for await (const [line, n] of lines) {
    const t = line.trimStart();
    if (t === '' || t.startsWith('#')) continue;
    batch.push(line);
    numbers.push(n);
    bytes += line.length + 1;
    if (batch.length >= maxLines || bytes >= maxBytes) await flush();
  }
  await flush();
  progress?.finish();
  return written;
}
