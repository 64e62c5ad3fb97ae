// `tidewater serve`: the InfluxDB HTTP API over node:http, answered by the same router as
// every other surface (db.fetch). Gzip request bodies are inflated (in db.fetch), responses are
// gzipped when the client asks, CORS is answered for browser clients, bodies over the limit get
// 413 before they are buffered, and SIGINT/SIGTERM close the server and flush the database.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { startReplicationSender } from './replication_outbox.js';

const CORS_ALLOW_HEADERS = 'Accept, Accept-Encoding, Authorization, Content-Encoding, Content-Type, User-Agent, Zap-Trace-Span';
const CORS_ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

function sendJsonError(res, status, code, message, extraHeaders = {}) {
  const body = JSON.stringify({ code, message });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...extraHeaders });
  res.end(body);
}

function corsHeaders(req, allowedOrigins) {
  const origin = req.headers.origin;
  if (!origin) return {};
  if (!allowedOrigins.includes('*') && !allowedOrigins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'Content-Type, Retry-After, X-Influxdb-Version, X-Influxdb-Build',
    vary: 'Origin',
  };
}

export function createApiServer(db, { allowedOrigins = ['*'], maxBodyBytes = 50 * 1024 * 1024 } = {}) {
  return createServer(async (req, res) => {
    const cors = corsHeaders(req, allowedOrigins);
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'access-control-allow-methods': CORS_ALLOW_METHODS,
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? CORS_ALLOW_HEADERS,
          'access-control-max-age': '600' });
        res.end();
        return;
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      const chunks = [];
      let size = 0;
      let tooLarge = declared > maxBodyBytes;
      // Past the limit the rest is read and dropped rather than the socket reset: a client still
      // uploading would otherwise see a connection error instead of the 413.
      for await (const chunk of req) {
        size += chunk.length;
        if (size > maxBodyBytes) tooLarge = true;
        if (!tooLarge) chunks.push(chunk);
        else chunks.length = 0;
      }
      if (tooLarge) {
        sendJsonError(res, 413, 'request too large', `request body exceeds the limit of ${maxBodyBytes} bytes`,
          { ...cors, connection: 'close' });
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (k === 'host' || k === 'connection' || k === 'content-length' || k === 'transfer-encoding') continue;
        headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && size > 0;
      const response = await db.fetch(`http://127.0.0.1${req.url}`, {
        method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined,
      });
      let body = Buffer.from(await response.arrayBuffer());
      const out = { ...cors };
      response.headers.forEach((v, k) => { out[k] = v; });
      if (body.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body);
        out['content-encoding'] = 'gzip';
        out.vary = out.vary ? `${out.vary}, Accept-Encoding` : 'Accept-Encoding';
      }
      if (response.status !== 204 && response.status !== 304) out['content-length'] = body.length;
      res.writeHead(response.status, out);
      res.end(req.method === 'HEAD' || response.status === 204 ? undefined : body);
    } catch (err) {
      if (!res.headersSent) sendJsonError(res, 500, 'internal error', String(err?.message ?? err), cors);
      else res.destroy();
    }
  });
}

// Serves until SIGINT/SIGTERM, then closes connections and flushes the database. Replications
// are sent while it serves (replication: ReplicationSender options, or false for none).
export async function serve(db, { host = '127.0.0.1', port = 8086, replication = {}, ...options } = {}) {
  const server = createApiServer(db, options);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address();
  const sender = replication === false ? null : startReplicationSender(db, replication);
  let closing = null;
  const shutdown = () => {
    closing ??= (async () => {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeIdleConnections?.();
      });
      await sender?.stop();
      await db.close();
    })();
    return closing;
  };
  return { server, url: `http://${host}:${bound}`, port: bound, shutdown, replication: sender };
}
