// The dashboard grid's rules, as InfluxDB's UI lays cells out: 12 columns, rows of fixed height,
// cells as {x, y, w, h} in grid units, and vertical compaction (every cell floats up until it
// touches another), so moving or growing one cell pushes the ones below it down.

export const COLUMNS = 12;
export const ROW_HEIGHT = 84;  // px per grid row
export const MIN_W = 2;
export const MIN_H = 2;

const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Keeps a cell inside the grid and at least MIN_W × MIN_H. Returns a new object. */
export function clampCell(cell) {
  const w = Math.max(MIN_W, Math.min(COLUMNS, Math.round(cell.w)));
  const h = Math.max(MIN_H, Math.round(cell.h));
  const x = Math.max(0, Math.min(COLUMNS - w, Math.round(cell.x)));
  const y = Math.max(0, Math.round(cell.y));
  return { ...cell, x, y, w, h };
}

/**
 * Lays cells out without overlaps: `pinned` (the cell being moved, if any) keeps its place,
 * the others keep their order by (y, x), are pushed below anything they would overlap and
 * then float up as far as they can. Returns new cell objects in the input order.
 */
export function compact(cells, pinnedId = null) {
  const placed = [];
  const pinned = cells.find((c) => c.id === pinnedId);
  if (pinned) placed.push(clampCell(pinned));
  const others = cells.filter((c) => c !== pinned).map(clampCell)
    .sort((a, b) => a.y - b.y || a.x - b.x);
  for (const cell of others) {
    let c = { ...cell };
    // Push below whatever it overlaps, then float up while nothing is in the way.
    for (let guard = 0; guard < 1000; guard++) {
      const hit = placed.find((p) => overlaps(p, c));
      if (!hit) break;
      c.y = hit.y + hit.h;
    }
    while (c.y > 0 && !placed.some((p) => overlaps(p, { ...c, y: c.y - 1 }))) c.y--;
    placed.push(c);
  }
  const byId = new Map(placed.map((c) => [c.id, c]));
  return cells.map((c) => byId.get(c.id));
}

/** Where a new w × h cell goes: right of the bottom row's cells if it fits, else below everything. */
export function nextSlot(cells, w = 6, h = 4) {
  const bottom = cells.reduce((max, c) => Math.max(max, c.y + c.h), 0);
  const lastRow = cells.filter((c) => c.y + c.h === bottom);
  const right = lastRow.reduce((max, c) => Math.max(max, c.x + c.w), 0);
  if (lastRow.length && right + w <= COLUMNS) {
    const top = Math.min(...lastRow.map((c) => c.y));
    const slot = { x: right, y: top, w, h };
    if (!cells.some((c) => overlaps(c, slot))) return slot;
  }
  return { x: 0, y: bottom, w, h };
}

/** Has anything changed between two layouts (same ids)? */
export function layoutChanged(before, after) {
  const old = new Map(before.map((c) => [c.id, c]));
  return after.some((c) => {
    const o = old.get(c.id);
    return !o || o.x !== c.x || o.y !== c.y || o.w !== c.w || o.h !== c.h;
  });
}
