// The router behind the standard fetch signature: fetch(input, init) → Response.
// Used by db.fetch, the official client's transport, the Service Worker and `tidewater serve`.
// Like an HTTP server it answers rather than rejects: an engine failure that carries an
// InfluxDB code and status (TidewaterError: storage full → 507, database closed → 503) becomes
// that status with InfluxDB's {code, message} body, so clients see what a server would send.
import { TidewaterError } from './errors.js';

const BASE = 'http://tidewater.local';
const NO_BODY = new Set([101, 204, 205, 304]);

async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function jsonError(status, code, message) {
  return new Response(JSON.stringify({ code, message }), {
    status, headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

// request(method, target, headerPairs, body, signal) → { status, headers, body }: the engine
// call; signal (init.signal, or the Request's own) is passed only when the caller gave one.
export function createFetch(request) {
  return async function fetch(input, init) {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, BASE);
    const req = new Request(url, init ?? (input instanceof Request ? input : undefined));
    const signal = init?.signal ?? (input instanceof Request && !init ? input.signal : undefined);
    if (signal?.aborted) throw signal.reason;
    let body = req.body ? new Uint8Array(await req.arrayBuffer()) : '';
    const headers = [];
    let gzipped = false;
    for (const [k, v] of req.headers) {
      if (k === 'content-encoding' && v.trim().toLowerCase() === 'gzip') gzipped = true;
      else headers.push([k, v]);
    }
    if (gzipped && body) {
      try {
        body = await gunzip(body);
      } catch {
        return jsonError(400, 'invalid', 'failed to read request body: gzip: invalid header');
      }
    }
    let res;
    try {
      res = await request(req.method, url.pathname + url.search, headers, body, signal ?? undefined);
    } catch (err) {
      if (err instanceof TidewaterError) return jsonError(err.status, err.code, err.message);
      throw err;
    }
    return new Response(NO_BODY.has(res.status) || req.method === 'HEAD' ? null : res.body, {
      status: res.status, headers: res.headers,
    });
  };
}
