// Dashboards, cells, views and variables through InfluxDB 2.7's API (/api/v2/dashboards,
// /api/v2/variables), and the dashboard JSON InfluxDB's UI exports and imports.

export class DashboardsApi {
  constructor(api, org) {
    this.api = api;
    this.org = org;
  }

  get #orgQuery() {
    return new URLSearchParams(this.org.id ? { orgID: this.org.id } : { org: this.org.name });
  }

  async list() {
    const { dashboards } = await this.api.get(`/api/v2/dashboards?${this.#orgQuery}&limit=100`);
    return dashboards.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A dashboard with each cell's view ({ ...cell, view: { name, properties } }), in one call. */
  async get(id) {
    const d = await this.api.get(`/api/v2/dashboards/${encodeURIComponent(id)}?include=properties`);
    const cells = (d.cells ?? []).map(({ name, properties, ...cell }) => ({ ...cell, view: { name: name ?? '', properties: properties ?? {} } }));
    return { ...d, cells };
  }

  create({ name, description = '' }) {
    return this.api.json('POST', '/api/v2/dashboards', { orgID: this.org.id, name, description });
  }

  update(id, patch) {
    return this.api.json('PATCH', `/api/v2/dashboards/${encodeURIComponent(id)}`, patch);
  }

  remove(id) {
    return this.api.json('DELETE', `/api/v2/dashboards/${encodeURIComponent(id)}`);
  }

  /** A cell at {x, y, w, h} with its view { name, properties }; resolves to the cell with its view. */
  async addCell(dashboardID, { x, y, w, h }, view) {
    const base = `/api/v2/dashboards/${encodeURIComponent(dashboardID)}/cells`;
    const cell = await this.api.json('POST', base, { name: view.name, x, y, w, h });
    const saved = await this.api.json('PATCH', `${base}/${encodeURIComponent(cell.id)}/view`, view);
    return { ...cell, view: saved };
  }

  saveView(dashboardID, cellID, view) {
    return this.api.json('PATCH', `/api/v2/dashboards/${encodeURIComponent(dashboardID)}/cells/${encodeURIComponent(cellID)}/view`, view);
  }

  removeCell(dashboardID, cellID) {
    return this.api.json('DELETE', `/api/v2/dashboards/${encodeURIComponent(dashboardID)}/cells/${encodeURIComponent(cellID)}`);
  }

  /** Saves every cell's position and size at once (PUT replaces the layout). */
  saveLayout(dashboardID, cells) {
    return this.api.json('PUT', `/api/v2/dashboards/${encodeURIComponent(dashboardID)}/cells`,
      cells.map(({ id, x, y, w, h }) => ({ id, x, y, w, h })));
  }

  /** A new dashboard with the same cells and views (InfluxDB's UI clones client-side too). */
  async clone(id, name) {
    const source = await this.get(id);
    const copy = await this.create({ name, description: source.description ?? '' });
    for (const cell of source.cells) await this.addCell(copy.id, cell, { name: cell.view.name, properties: cell.view.properties });
    return copy;
  }

  // Variables (the org's; a dashboard uses those its queries name as v.<name>).
  async variables() {
    const { variables } = await this.api.get(`/api/v2/variables?${this.#orgQuery}`);
    return variables.sort((a, b) => a.name.localeCompare(b.name));
  }

  createVariable({ name, description = '', arguments: args, selected }) {
    return this.api.json('POST', '/api/v2/variables', { orgID: this.org.id, name, description, arguments: args, selected });
  }

  updateVariable(id, patch) {
    return this.api.json('PATCH', `/api/v2/variables/${encodeURIComponent(id)}`, patch);
  }

  removeVariable(id) {
    return this.api.json('DELETE', `/api/v2/variables/${encodeURIComponent(id)}`);
  }
}

/**
 * A dashboard → the JSON InfluxDB's UI exports (meta + content.data + content.included with
 * cells, views and the variables its queries use).
 */
export function exportDashboard(dashboard, variables = []) {
  const cellRefs = dashboard.cells.map((c) => ({ type: 'cell', id: c.id }));
  const included = dashboard.cells.flatMap((c) => [
    { type: 'cell', id: c.id, attributes: { x: c.x, y: c.y, w: c.w, h: c.h }, relationships: { view: { data: { type: 'view', id: c.id } } } },
    { type: 'view', id: c.id, attributes: { name: c.view.name, properties: c.view.properties } },
  ]);
  for (const v of variables) {
    included.push({ type: 'variable', id: v.id, attributes: { name: v.name, arguments: v.arguments, selected: v.selected ?? null } });
  }
  return {
    meta: { version: '1', type: 'dashboard', name: `${dashboard.name}-Template`, description: `template created from dashboard: ${dashboard.name}` },
    content: {
      data: {
        type: 'dashboard',
        attributes: { name: dashboard.name, description: dashboard.description ?? '' },
        relationships: {
          label: { data: [] },
          cell: { data: cellRefs },
          variable: { data: variables.map((v) => ({ type: 'variable', id: v.id })) },
        },
      },
      included,
    },
  };
}

/** Exported JSON → { name, description, cells: [{x, y, w, h, view}], variables: [...] }; throws on other shapes. */
export function parseDashboardExport(json) {
  const data = json?.content?.data;
  if (data?.type !== 'dashboard' || !Array.isArray(json.content.included)) {
    throw new Error('Not an InfluxDB dashboard export (expected content.data.type "dashboard").');
  }
  const byKey = new Map(json.content.included.map((item) => [`${item.type}:${item.id}`, item]));
  const cells = (data.relationships?.cell?.data ?? []).map((ref) => {
    const cell = byKey.get(`cell:${ref.id}`);
    if (!cell) throw new Error(`The export names cell ${ref.id} but does not include it.`);
    const viewRef = cell.relationships?.view?.data;
    const view = viewRef && byKey.get(`view:${viewRef.id}`);
    const { x = 0, y = 0, w = 4, h = 4 } = cell.attributes ?? {};
    return { x, y, w, h, view: { name: view?.attributes?.name ?? 'Cell', properties: view?.attributes?.properties ?? { type: 'markdown', note: '' } } };
  });
  const variables = json.content.included.filter((i) => i.type === 'variable').map((i) => i.attributes);
  return { name: data.attributes?.name ?? 'Imported dashboard', description: data.attributes?.description ?? '', cells, variables };
}
