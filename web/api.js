// The InfluxDB v2 HTTP API, in process: db.request(method, target, headerPairs, body) with the
// signed-in credential attached. db.request (not db.fetch) because a Response built by fetch
// drops Set-Cookie, and sign-in needs the session cookie.
import { annotatedCsvToRows } from './wasm/index.js';

/** An API answer that is not 2xx, carrying InfluxDB's {code, message}. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

function parseError(res) {
  let code = '';
  let message = '';
  try {
    const body = JSON.parse(res.body);
    code = body.code ?? '';
    message = body.message ?? '';
  } catch {
    message = String(res.body ?? '').slice(0, 500);
  }
  if (!message) message = res.status === 404 ? 'not found' : `HTTP ${res.status}`;
  return new ApiError(res.status, code, message);
}

export const ANNOTATIONS = ['datatype', 'group', 'default'];

export class Api {
  /** credential: { kind: 'token', token } or { kind: 'session', cookie: 'name=value' } */
  constructor(db, credential = null) {
    this.db = db;
    this.credential = credential;
  }

  authHeaders() {
    const c = this.credential;
    if (!c) return [];
    if (c.kind === 'session') return [['cookie', c.cookie]];
    return [['authorization', `Token ${c.token}`]];
  }

  /** The raw answer, whatever its status. */
  raw(method, target, { headers = [], body = '', auth = true } = {}) {
    return this.db.request(method, target, [...(auth ? this.authHeaders() : []), ...headers], body);
  }

  /** JSON in, JSON out; throws ApiError on a non-2xx answer. Resolves to null on 204. */
  async json(method, target, payload, options = {}) {
    const headers = [...(options.headers ?? [])];
    let body = '';
    if (payload !== undefined) {
      headers.push(['content-type', 'application/json']);
      body = JSON.stringify(payload);
    }
    const res = await this.raw(method, target, { ...options, headers, body });
    if (res.status < 200 || res.status >= 300) throw parseError(res);
    if (!res.body) return null;
    try {
      return JSON.parse(res.body);
    } catch {
      return res.body;
    }
  }

  get(target) { return this.json('GET', target); }

  /** Line protocol → 204, or throws ApiError (400 parse errors, 422 rejected points, ...). */
  async write({ org, orgID, bucket, precision }, lineProtocol) {
    const q = new URLSearchParams();
    if (orgID) q.set('orgID', orgID); else if (org) q.set('org', org);
    q.set('bucket', bucket);
    if (precision) q.set('precision', precision);
    const res = await this.raw('POST', `/api/v2/write?${q}`, {
      headers: [['content-type', 'text/plain; charset=utf-8']], body: lineProtocol,
    });
    if (res.status !== 204 && res.status !== 200) throw parseError(res);
  }

  /**
   * Flux → annotated CSV text; throws ApiError. `extern` (a Flux File AST, see flux_extern.js)
   * carries option v = {...} as InfluxDB's UI sends it.
   */
  async queryCSV({ org, orgID }, flux, extern = undefined) {
    const q = new URLSearchParams();
    if (orgID) q.set('orgID', orgID); else if (org) q.set('org', org);
    const res = await this.raw('POST', `/api/v2/query?${q}`, {
      headers: [['content-type', 'application/json'], ['accept', 'application/csv']],
      body: JSON.stringify({
        query: flux, type: 'flux', ...(extern ? { extern } : {}),
        dialect: { header: true, delimiter: ',', annotations: ANNOTATIONS },
      }),
    });
    if (res.status !== 200) throw parseError(res);
    return res.body;
  }

  async query(orgRef, flux, extern = undefined) {
    return annotatedCsvToRows(await this.queryCSV(orgRef, flux, extern));
  }
}

/** Header value from a header-pair list (case-insensitive), or undefined. */
export function header(res, name) {
  const lower = name.toLowerCase();
  const hit = (res.headers ?? []).find(([k]) => k.toLowerCase() === lower);
  return hit?.[1];
}
