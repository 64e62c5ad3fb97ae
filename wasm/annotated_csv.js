// Annotated CSV → plain row objects, typed like the official client's collectRows():
// double/long/unsignedLong → number, boolean → boolean, dateTime and string → string.

export function parseCsvRecords(text) {
  const records = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); records.push(row); }
  return records;
}

function convert(type, value) {
  if (value === '') return null;
  switch (type) {
    case 'double': return value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : Number(value);
    case 'long':
    case 'unsignedLong': return Number(value);
    case 'boolean': return value === 'true';
    default: return value;
  }
}

export function annotatedCsvToRows(text) {
  const rows = [];
  let types = null;
  let defaults = null;
  let header = null;
  for (const rec of parseCsvRecords(text)) {
    if (rec.length === 1 && rec[0] === '') { header = null; continue; }  // blank line: new table block
    const first = rec[0];
    if (first === '#datatype') { types = rec; header = null; continue; }
    if (first === '#default') { defaults = rec; continue; }
    if (first.startsWith('#')) continue;
    if (!header) { header = rec; continue; }
    const obj = {};
    for (let i = 1; i < header.length; i++) {
      const raw = rec[i] === '' && defaults ? defaults[i] ?? '' : rec[i] ?? '';
      obj[header[i]] = types ? convert(types[i], raw) : raw;
    }
    rows.push(obj);
  }
  return rows;
}
