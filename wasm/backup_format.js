// The backup file: every file of a database directory packed into one self-describing archive,
// gzip-compressed or not. Little-endian throughout.
//
//   header   "TWBACKUP" | u32 version (1) | u32 entry count | f64 created (Unix ms)
//   entry    u8 kind (0 file, 1 directory) | u16 path length | path (UTF-8, relative, '/')
//            | u64 size | u32 CRC32 of the data | data
//   trailer  "TWBKEND\0" | u32 entry count | u64 data bytes | u32 CRC32 of everything before it
//
// decodeBackup() checks the whole file (every CRC, the counts, every path) before it returns
// anything, so a restore never writes a byte of a damaged or hostile file.
import { InvalidError } from './errors.js';

const MAGIC = 'TWBACKUP';
const TRAILER_MAGIC = 'TWBKEND\0';
export const BACKUP_VERSION = 1;
const HEADER_BYTES = 24;
const TRAILER_BYTES = 24;
const KIND_FILE = 0;
const KIND_DIR = 1;
const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

// CRC-32 (IEEE, as zip and gzip use); crc: the running value for data read in pieces.
export function crc32(bytes, crc = 0) {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const corrupt = (what) => new InvalidError(`not a valid Tidewater backup: ${what}`);

// A path inside the database directory: relative, '/'-separated, no '.', '..' or empty parts.
export function safeBackupPath(path) {
  if (typeof path !== 'string' || path === '' || path.length > 4096) return false;
  if (path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * entries: [{ path, directory?: true, data?: Uint8Array }] → the backup file's bytes.
 * createdMs: when the backup was taken.
 */
export function encodeBackup(entries, createdMs = Date.now()) {
  const paths = entries.map((e) => {
    if (!safeBackupPath(e.path)) throw new InvalidError(`cannot back up the path ${JSON.stringify(e.path)}`);
    return utf8.encode(e.path);
  });
  let total = HEADER_BYTES + TRAILER_BYTES;
  entries.forEach((e, i) => { total += 15 + paths[i].length + (e.directory ? 0 : e.data.length); });
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(utf8.encode(MAGIC), 0);
  view.setUint32(8, BACKUP_VERSION, true);
  view.setUint32(12, entries.length, true);
  view.setFloat64(16, createdMs, true);
  let at = HEADER_BYTES;
  let dataBytes = 0;
  entries.forEach((e, i) => {
    const data = e.directory ? new Uint8Array(0) : e.data;
    out[at] = e.directory ? KIND_DIR : KIND_FILE;
    view.setUint16(at + 1, paths[i].length, true);
    out.set(paths[i], at + 3);
    at += 3 + paths[i].length;
    view.setBigUint64(at, BigInt(data.length), true);
    view.setUint32(at + 8, crc32(data), true);
    out.set(data, at + 12);
    at += 12 + data.length;
    dataBytes += data.length;
  });
  out.set(utf8.encode(TRAILER_MAGIC), at);
  view.setUint32(at + 8, entries.length, true);
  view.setBigUint64(at + 12, BigInt(dataBytes), true);
  view.setUint32(at + 20, crc32(out.subarray(0, at)), true);
  return out;
}

const isGzip = (bytes) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

async function pipeBytes(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export const gzipBytes = (bytes) => pipeBytes(bytes, new CompressionStream('gzip'));

// Uint8Array | ArrayBuffer | Blob, gzip-compressed or not → the archive's bytes.
export async function backupBytes(input) {
  let bytes;
  if (input instanceof Uint8Array) bytes = input;
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else if (typeof Blob !== 'undefined' && input instanceof Blob) bytes = new Uint8Array(await input.arrayBuffer());
  else throw new InvalidError('a backup is a Uint8Array, an ArrayBuffer or a Blob');
  if (!isGzip(bytes)) return bytes;
  try {
    return await pipeBytes(bytes, new DecompressionStream('gzip'));
  } catch (err) {
    throw corrupt(`its gzip compression is damaged (${err.message})`);
  }
}

/**
 * The archive's bytes → { version, createdMs, entries: [{ path, directory, data }] }, after
 * checking all of it; InvalidError says what is wrong.
 */
export function decodeBackup(bytes) {
  if (bytes.length < HEADER_BYTES + TRAILER_BYTES) throw corrupt(`it is too short (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at, n) => String.fromCharCode(...bytes.subarray(at, at + n));
  if (text(0, 8) !== MAGIC) throw corrupt('it does not start with "TWBACKUP"');
  const version = view.getUint32(8, true);
  if (version !== BACKUP_VERSION) throw corrupt(`version ${version} is not supported (this build reads ${BACKUP_VERSION})`);
  const trailerAt = bytes.length - TRAILER_BYTES;
  if (text(trailerAt, 8) !== TRAILER_MAGIC) throw corrupt('its end marker is missing (a truncated file?)');
  const storedCrc = view.getUint32(trailerAt + 20, true);
  if (crc32(bytes.subarray(0, trailerAt)) !== storedCrc) throw corrupt('its checksum does not match (the file is damaged)');
  const count = view.getUint32(12, true);
  if (view.getUint32(trailerAt + 8, true) !== count) throw corrupt('its header and trailer disagree on the file count');
  const entries = [];
  const seen = new Set();
  let at = HEADER_BYTES;
  let dataBytes = 0;
  for (let i = 0; i < count; i++) {
    if (at + 15 > trailerAt) throw corrupt(`entry ${i + 1} runs past the end`);
    const kind = bytes[at];
    const pathLength = view.getUint16(at + 1, true);
    if (kind !== KIND_FILE && kind !== KIND_DIR) throw corrupt(`entry ${i + 1} has an unknown kind ${kind}`);
    if (at + 15 + pathLength > trailerAt) throw corrupt(`entry ${i + 1} runs past the end`);
    let path;
    try {
      path = utf8Strict.decode(bytes.subarray(at + 3, at + 3 + pathLength));
    } catch {
      throw corrupt(`entry ${i + 1}'s path is not UTF-8`);
    }
    if (!safeBackupPath(path)) throw corrupt(`entry ${i + 1} has an unsafe path ${JSON.stringify(path)}`);
    if (seen.has(path)) throw corrupt(`${JSON.stringify(path)} appears twice`);
    seen.add(path);
    at += 3 + pathLength;
    const size = view.getBigUint64(at, true);
    const crc = view.getUint32(at + 8, true);
    if (size > BigInt(trailerAt - at - 12)) throw corrupt(`${JSON.stringify(path)} runs past the end`);
    const data = bytes.subarray(at + 12, at + 12 + Number(size));
    if (kind === KIND_DIR && data.length) throw corrupt(`directory ${JSON.stringify(path)} has data`);
    if (crc32(data) !== crc) throw corrupt(`${JSON.stringify(path)} fails its CRC32 check`);
    at += 12 + data.length;
    dataBytes += data.length;
    entries.push({ path, directory: kind === KIND_DIR, data });
  }
  if (at !== trailerAt) throw corrupt(`${trailerAt - at} unexpected bytes before the end marker`);
  const files = new Set(entries.filter((e) => !e.directory).map((e) => e.path));
  for (const { path } of entries) {
    const parts = path.split('/');
    for (let n = 1; n < parts.length; n++) {
      if (files.has(parts.slice(0, n).join('/'))) throw corrupt(`${JSON.stringify(path)} lies inside a file`);
    }
  }
  if (Number(view.getBigUint64(trailerAt + 12, true)) !== dataBytes) throw corrupt('its trailer has the wrong data size');
  return { version, createdMs: view.getFloat64(16, true), entries };
}
