// The dashboard's Service Worker: after the first visit the app shell, uPlot and the wasm come
// from a versioned cache, so a reload works with the network off.
//
// sw-manifest.json lists every file and a version (a hash of their contents). Install caches
// that version. Each page load is answered from the cache at once while the manifest is checked
// in the background; a different version is downloaded into a new cache and used from the next
// load on (the old cache is then dropped). Anything not in the manifest goes to the network.
const PREFIX = 'tidewater-app-';
const scopeURL = new URL(self.registration.scope);

async function fetchManifest() {
  const res = await fetch(new URL('sw-manifest.json', scopeURL), { cache: 'no-store' });
  if (!res.ok) throw new Error(`sw-manifest.json: HTTP ${res.status}`);
  return res.json();
}

// Fills cache `tidewater-app-<version>` with every file; a partial cache is deleted.
async function precache(manifest) {
  const name = PREFIX + manifest.version;
  if (await caches.has(name)) {
    const cache = await caches.open(name);
    if ((await cache.keys()).length >= manifest.files.length) return name;
  }
  const cache = await caches.open(name);
  try {
    await cache.addAll(manifest.files.map((f) => new Request(new URL(f, scopeURL), { cache: 'no-cache' })));
  } catch (err) {
    await caches.delete(name);
    throw err;
  }
  return name;
}

// The cache this worker answers from: the newest complete one, remembered in a tiny record.
const META = 'tidewater-app-meta';
async function currentCacheName() {
  const meta = await caches.open(META);
  const res = await meta.match('current');
  return res ? res.text() : null;
}
async function setCurrent(name) {
  const meta = await caches.open(META);
  await meta.put('current', new Response(name));
  for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== name && key !== META) await caches.delete(key);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    await setCurrent(await precache(await fetchManifest()));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// A newer version on the server is cached now and used from the next load.
let checking = null;
function checkForUpdate() {
  checking ??= (async () => {
    try {
      const manifest = await fetchManifest();
      if (PREFIX + manifest.version !== await currentCacheName()) await setCurrent(await precache(manifest));
    } catch { /* offline or a half-deployed site: keep what we have */ }
    checking = null;
  })();
  return checking;
}

self.addEventListener('message', (event) => {
  if (event.data === 'check-update') event.waitUntil(checkForUpdate());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== scopeURL.origin || !url.pathname.startsWith(scopeURL.pathname)) return;
  const path = url.pathname.slice(scopeURL.pathname.length);
  if (path === 'sw-manifest.json' || path === 'sw.js') return;
  event.respondWith((async () => {
    const name = await currentCacheName();
    if (req.mode === 'navigate') event.waitUntil(checkForUpdate());
    if (name) {
      // Navigations (any query string, e.g. ?sample=1) get the app shell. caches.match with a
      // cacheName never creates a cache (caches.open would resurrect one just dropped).
      const key = req.mode === 'navigate' ? new URL('./', scopeURL).href : req;
      const hit = await caches.match(key, { cacheName: name, ignoreSearch: req.mode === 'navigate' });
      if (hit) return hit;
    }
    return fetch(req);
  })());
});
