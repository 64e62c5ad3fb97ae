// Annotated CSV → line protocol, the way `influx write --format csv` reads it (InfluxDB's csv2lp):
// Flux query results (#datatype/#group/#default, _measurement/_field/_value/_time columns) and
// extended annotated CSV (#datatype measurement,tag,double,dateTime:RFC3339..., #constant,
// #timezone, "name|type|default" headers, a "sep=;" first line). Errors name the CSV line and
// column like csv2lp does.
import { rfc3339ToNanos } from './time_text.js';

const LINE_PARTS = { measurement: 'measurement', tag: 'tag', time: 'time', dateTime: 'time', field: 'field',
  ignore: 'ignored', ignored: 'ignored' };
const TYPES = new Set(['', 'string', 'double', 'boolean', 'long', 'unsignedLong', 'duration', 'dateTime', 'base64Binary']);

class ColumnError extends Error {}

function setupType(col, text) {
  const colon = text.indexOf(':');
  const type = colon < 0 ? text : text.slice(0, colon);
  col.format = colon < 0 ? '' : text.slice(colon + 1);
  if (LINE_PARTS[type]) {
    col.part = LINE_PARTS[type];
    col.type = col.part === 'time' ? 'dateTime' : '';
  } else col.type = type;
}

const escMeasurement = (s) => s.replace(/[, ]/g, '\\$&');
const escKey = (s) => s.replace(/[, =]/g, '\\$&');
const escString = (s) => s.replace(/["\\]/g, '\\$&');

// Go's strconv wording, which csv2lp passes through.
const syntaxError = (fn, v) => new ColumnError(`strconv.${fn}: parsing ${JSON.stringify(v)}: invalid syntax`);

// A float as Go's strconv.FormatFloat(v, 'f', -1, 64) writes it: shortest digits, no exponent.
export function plainFloat(text) {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new ColumnError(n !== n ? 'value is NaN' : 'value is Infinite');  // eslint-disable-line no-self-compare
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s === '-0' ? '-0' : s;
  const sign = s[0] === '-' ? '-' : '';
  const mantissa = s.slice(sign.length, e).replace('.', '');
  const point = (s.slice(sign.length, e).indexOf('.') + 1 || e - sign.length + 1) - 1 + Number(s.slice(e + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${mantissa}`;
  return `${sign}${mantissa.padEnd(point, '0')}${point < mantissa.length ? `.${mantissa.slice(point)}` : ''}`;
}

function normalizeNumber(v, col, dropFraction) {
  const format = col.format || '. \n\t\r_';
  const [fraction, ...ignored] = [...format];
  let out = '';
  for (const c of v) {
    if (ignored.includes(c)) continue;
    if (c === fraction) { if (dropFraction) return out; out += '.'; continue; }
    out += c;
  }
  return out;
}

const DURATION_NS = { ns: 1n, us: 1000n, µs: 1000n, ms: 1000000n, s: 1000000000n, m: 60000000000n, h: 3600000000000n };

function durationNanos(v) {
  const m = /^([+-]?)((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(v);
  if (!m) throw new ColumnError(`time: invalid duration ${JSON.stringify(v)}`);
  let total = 0;
  for (const [, num, unit] of m[2].matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(num) * Number(DURATION_NS[unit]);
  return `${m[1] === '-' ? '-' : ''}${Math.round(total)}i`;
}

function timeNanos(v, col, tzOffsetMinutes) {
  if (col.format === 'number' || (col.format === '' && /^-?\d+$/.test(v))) {
    if (!/^-?\d+$/.test(v)) throw syntaxError('ParseInt', v);
    return v;
  }
  if (col.format && col.format !== 'RFC3339' && col.format !== 'RFC3339Nano') {
    throw new ColumnError(`unsupported dateTime format "${col.format}" (use RFC3339, RFC3339Nano or number)`);
  }
  const ns = rfc3339ToNanos(v, tzOffsetMinutes);
  if (ns === null) throw new ColumnError(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  return ns.toString();
}

function convert(v, col) {
  switch (col.type) {
    case '': return v;
    case 'string': return `"${escString(v)}"`;
    case 'double': {
      const n = normalizeNumber(v, col, false);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(n)) throw syntaxError('ParseFloat', n);
      return plainFloat(n);
    }
    case 'long':
    case 'unsignedLong': {
      const n = normalizeNumber(v, col, true);
      const unsigned = col.type === 'unsignedLong';
      if (!(unsigned ? /^\+?\d+$/ : /^[+-]?\d+$/).test(n)) throw syntaxError(unsigned ? 'ParseUint' : 'ParseInt', n);
      const big = BigInt(n);
      if (unsigned ? big > 18446744073709551615n : big < -9223372036854775808n || big > 9223372036854775807n) {
        throw new ColumnError(`strconv.${unsigned ? 'ParseUint' : 'ParseInt'}: parsing ${JSON.stringify(n)}: value out of range`);
      }
      return `${big}${unsigned ? 'u' : 'i'}`;
    }
    case 'boolean':
      if (/^[tTyY1]/.test(v)) return 'true';
      if (/^[fFnN0]/.test(v)) return 'false';
      throw new ColumnError(`Unsupported boolean value '${v}' , first character is expected to be 't','f','0','1','y','n'`);
    case 'duration': return durationNanos(v);
    default: throw new ColumnError(`data type '${col.type}' is not supported`);
  }
}

// Splits one CSV line; returns null when a quoted value continues on the next line.
export function splitCsvLine(text, sep = ',') {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false; } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { out.push(field); field = ''; } else field += c;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

export class CsvToLineProtocol {
  #columns = [];       // from annotations and the header row
  #extra = [];         // #constant columns
  #annotated = false;  // column annotations seen since the last header
  #haveHeader = false;
  #sep = ',';
  #first = true;
  #pending = '';       // a record whose quoted value spans lines
  #pendingLine = 0;
  #tz = 0;
  #plan = null;
  #emptyStrings;

  // emptyStrings: an empty _value of a string column is the empty string (exports of raw data,
  // where no value is null), not a missing value as csv2lp reads it.
  constructor({ emptyStrings = false } = {}) {
    this.#emptyStrings = emptyStrings;
  }

  // Feeds one input line; returns a line of protocol, or null for annotation/header/blank lines.
  push(text, lineNumber) {
    if (this.#first) {
      this.#first = false;
      const sep = /^sep=(.)$/.exec(text);
      if (sep) { this.#sep = sep[1]; return null; }
    }
    if (this.#pending) { text = `${this.#pending}\n${text}`; lineNumber = this.#pendingLine; }
    const row = splitCsvLine(text, this.#sep);
    if (row === null) { this.#pending = text; this.#pendingLine = lineNumber; return null; }
    this.#pending = '';
    if (row.length === 1 && row[0] === '') return null;
    try {
      return this.#row(row);
    } catch (err) {
      if (err instanceof ColumnError) throw new Error(`line ${lineNumber}: ${err.message}`);
      throw err;
    }
  }

  #row(row) {
    const first = row[0];
    if (first.startsWith('#')) { this.#annotation(row); return null; }
    if (!this.#haveHeader) { this.#header(row); return null; }
    return this.#line(row);
  }

  #annotation(row) {
    const lower = row[0].toLowerCase();
    const name = ['#group', '#datatype', '#default', '#constant', '#timezone'].find((a) => lower === a || lower.startsWith(`${a} `));
    if (!name) return;  // comments and unknown annotations
    // "#datatype measurement,tag" keeps its first value after a space in the first cell.
    const cells = [row[0].slice(name.length).trimStart(), ...row.slice(1)];
    const firstCellUsed = row[0].length > name.length;
    if (name === '#constant') { this.#constant(firstCellUsed ? cells : cells.slice(1)); return; }
    if (name === '#timezone') { this.#timezone(firstCellUsed ? cells[0] : cells[1] ?? ''); return; }
    if (!this.#annotated || this.#haveHeader) {
      this.#columns = row.map((_, i) => ({ index: i, label: '', type: '', format: '', part: '', def: '' }));
      this.#extra = this.#haveHeader ? [] : this.#extra;
      this.#annotated = true;
      this.#haveHeader = false;
      this.#plan = null;
    }
    this.#columns.forEach((col, i) => {
      const v = i === 0 ? (firstCellUsed ? cells[0] : '') : row[i] ?? '';
      if (name === '#datatype') setupType(col, v);
      else if (name === '#group') { if (v.endsWith('true') && !col.part) col.part = 'tag'; } else col.def = v;
    });
  }

  #constant(cells) {
    const col = { index: -1, label: '', type: '', format: '', part: '', def: '' };
    setupType(col, cells[0] ?? '');
    col.label = cells[1] ?? '';
    col.def = cells[2] ?? '';
    if ((col.part === 'measurement' || col.part === 'time') && col.def === '') { col.def = col.label; col.label = `#constant ${col.type || col.part}`; }
    this.#extra.push(col);
    this.#plan = null;
  }

  #timezone(v) {
    const m = /^([+-])(\d\d)(\d\d)$/.exec(v);
    if (v === '' || /^utc$/i.test(v)) this.#tz = 0;
    else if (m) this.#tz = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    else throw new ColumnError(`#timezone annotation: timezone '${v}' is not  +hhmm or -hhmm`);
  }

  #header(row) {
    if (!this.#annotated) this.#columns = row.map((_, i) => ({ index: i, label: '', type: '', format: '', part: '', def: '' }));
    for (const col of this.#columns) {
      let label = row[col.index] ?? '';
      const bar = label.indexOf('|');
      if (bar >= 0 && !col.type && !col.part) {
        const [, type, def] = label.split('|');
        setupType(col, type);
        if (def !== undefined) col.def = def;
        label = label.slice(0, bar);
      }
      col.label = label;
    }
    this.#haveHeader = true;
    this.#plan = null;
  }

  // Which column is the measurement, the time, the tags and the fields (csv2lp's rules).
  #computePlan() {
    const plan = { measurement: null, time: null, fieldName: null, fieldValue: null, tags: new Map(), fields: [] };
    const defaultIsField = !this.#columns.some((c) => c.label === '_field');
    for (const col of [...this.#columns, ...this.#extra]) {
      if (col.label === '_measurement' || col.part === 'measurement') plan.measurement = col;
      else if (col.label === '_time' || col.part === 'time') plan.time = col;
      else if (col.label.trim() === '' || col.part === 'ignored') continue;
      else if (col.label === '_field') plan.fieldName = col;
      else if (col.label === '_value') plan.fieldValue = col;
      else if (col.part === 'tag') plan.tags.set(col.label, col);
      else if (col.part === 'field' || defaultIsField) plan.fields.push(col);
    }
    plan.tags = [...plan.tags.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    for (const c of [plan.fieldValue, ...plan.fields]) {
      if (c && !TYPES.has(c.type)) throw new ColumnError(`column '${c.label}': data type '${c.type}' is not supported`);
    }
    return plan;
  }

  #line(row) {
    this.#plan ??= this.#computePlan();
    const p = this.#plan;
    const value = (col) => { const v = col.index >= 0 ? row[col.index] ?? '' : ''; return v === '' ? col.def : v; };
    const inColumn = (col, fn) => { try { return fn(); } catch (e) { if (e instanceof ColumnError) throw new ColumnError(`column '${col.label}': ${e.message}`); throw e; } };
    if (!p.measurement) throw new ColumnError('no measurement column found');
    const measurement = value(p.measurement);
    if (measurement === '') throw new ColumnError(`column '${p.measurement.label}': no measurement supplied`);
    let out = escMeasurement(measurement);
    for (const tag of p.tags) {
      const v = value(tag);
      if (v !== '') out += `,${escKey(tag.label)}=${escKey(v)}`;
    }
    const fields = [];
    if (p.fieldName && p.fieldValue) {
      const name = value(p.fieldName);
      const v = value(p.fieldValue);
      if (name !== '' && (v !== '' || (this.#emptyStrings && p.fieldValue.type === 'string'))) fields.push(`${escKey(name)}=${inColumn(p.fieldName, () => convert(v, p.fieldValue))}`);
    }
    for (const f of p.fields) {
      const v = value(f);
      if (v !== '') fields.push(`${escKey(f.label)}=${inColumn(f, () => convert(v, f))}`);
    }
    if (!fields.length) throw new ColumnError('no field data found');
    out += ` ${fields.join(',')}`;
    if (p.time) {
      const t = value(p.time);
      if (t !== '') out += ` ${inColumn(p.time, () => timeNanos(t, p.time, this.#tz))}`;
    }
    return out;
  }
}

// Converts numbered CSV lines into numbered line-protocol lines (for writeBatches).
export async function* csvLinesToLineProtocol(lines) {
  const converter = new CsvToLineProtocol();
  for await (const [text, n] of lines) {
    const lp = converter.push(text, n);
    if (lp !== null) yield [lp, n];
  }
}
