// Query rows → an HTML table. Values go in as text nodes only: data must never become markup.

const MAX_ROWS = 1000;  // a bigger DOM table helps nobody; the chart shows everything

function columnsOf(rows) {
  const columns = [];
  const seen = new Set();
  for (const row of rows) {
    for (const k of Object.keys(row)) {
      if (!seen.has(k)) { seen.add(k); columns.push(k); }
    }
  }
  return columns;
}

function cell(tag, text) {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

/** Fills table (thead + tbody) with rows; returns how many rows were rendered. */
export function renderResultsTable(table, rows) {
  const columns = columnsOf(rows);
  const headRow = document.createElement('tr');
  for (const c of columns) headRow.append(cell('th', c));
  table.tHead.replaceChildren(...(columns.length ? [headRow] : []));

  const shown = rows.slice(0, MAX_ROWS).map((row) => {
    const tr = document.createElement('tr');
    for (const c of columns) tr.append(cell('td', row[c] === null || row[c] === undefined ? '' : String(row[c])));
    return tr;
  });
  table.tBodies[0].replaceChildren(...shown);
  return shown.length;
}

export { MAX_ROWS };
