// tidewater/sw: a Service Worker that answers the InfluxDB API on its origin (/api/v2/*, /query,
// /write, /health, /ping) for the pages it controls, so that plain fetch('/api/v2/...') and
// the official browser client with a normal URL reach the database.
//
// It never opens the database itself (two copies of the IDBFS files would overwrite each
// other): it forwards each request to a page that owns the engine and announced itself with
// serveServiceWorkerRequests(db) (service_worker_client.js), and returns that page's answer.
//
// Use it as the worker script, or import it from your own: `import 'tidewater/sw';` (module
// workers) or `importScripts('<path>/service_worker.js')` (classic workers: it has no imports).
//
// One origin path has one Service Worker, so it composes with the site's own worker instead of
// competing for the scope. The dashboard (web/) registers only web/sw.js, its offline app
// cache: its pages reach the database in-page (db.fetch), so it needs no API worker. A site
// that wants both on one scope loads this file first in its own worker: this file's fetch
// listener answers the API paths, and respondWith() stops the event's propagation (Service
// Workers spec), so the site's listeners registered after it (e.g. a cache-first handler like
// web/sw.js) never see API requests; every other request passes through untouched.
// (tests/browser/service_worker.test.mjs checks this composition.)

const API = /^\/(api\/v2(\/|$)|query$|write$|health$|ping$)/;
const owners = new Set();  // client IDs of pages that serve requests
let announced = null;       // resolves when some owner announces itself

self.addEventListener('install', () => self.skipWaiting());
// Claim open pages at once, so the very first load is served too.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'tidewater:serve' || !event.source) return;
  owners.add(event.source.id);
  announced?.resolve();
});

function unavailable(message) {
  return new Response(JSON.stringify({ code: 'unavailable', message }), {
    status: 503, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

// An owner that is still open, preferring the page that made the request.
async function findOwner(preferredId) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const ids = preferredId && owners.has(preferredId) ? [preferredId, ...owners] : [...owners];
    for (const id of ids) {
      const client = await self.clients.get(id);
      if (client) return client;
      owners.delete(id);
    }
    // This worker may have been restarted and forgotten its owners: ask the pages again.
    let resolve;
    const wait = new Promise((r) => { resolve = r; });
    announced = { resolve };
    for (const c of await self.clients.matchAll({ type: 'window' })) c.postMessage({ type: 'tidewater:who' });
    await Promise.race([wait, new Promise((r) => setTimeout(r, 1000))]);
    announced = null;
  }
  return null;
}

async function forward(event) {
  const owner = await findOwner(event.clientId);
  if (!owner) return unavailable('no page on this origin has an open Tidewater database serving requests');
  const req = event.request;
  const body = req.method === 'GET' || req.method === 'HEAD' ? null : await req.arrayBuffer();
  const channel = new MessageChannel();
  const reply = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
  owner.postMessage({ type: 'tidewater:request', method: req.method, url: req.url, headers: [...req.headers], body },
    [channel.port2, ...(body ? [body] : [])]);
  const { status, headers, body: out, error } = await reply;
  if (error) return unavailable(error);
  return new Response(status === 204 || status === 304 || req.method === 'HEAD' ? null : out, { status, headers });
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !API.test(url.pathname)) return;
  event.respondWith(forward(event));
});
