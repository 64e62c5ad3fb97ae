// The page side of tidewater/sw: answers the Service Worker's forwarded API requests from this
// page's database.
//
//   const db = await Tidewater.open({ name: 'metrics', storage: 'indexeddb' });
//   await serveServiceWorkerRequests(db, { scriptURL: '/sw.js', type: 'module' });
//   await fetch('/api/v2/write?org=...&bucket=...', { method: 'POST', headers: { Authorization: ... }, body });
//
// Only the page that owns the database should call it. Resolves once a Service Worker
// controls the page, so fetches from then on are answered.

export async function serveServiceWorkerRequests(db, { scriptURL, scope, type } = {}) {
  const sw = navigator.serviceWorker;
  if (!sw) throw new Error('Service Workers are not available here (they need a secure context such as http://127.0.0.1)');
  const announce = async () => (await sw.ready).active?.postMessage({ type: 'tidewater:serve' });

  sw.addEventListener('message', async (event) => {
    const msg = event.data;
    if (msg?.type === 'tidewater:who') {
      announce();
      return;
    }
    if (msg?.type !== 'tidewater:request') return;
    const [port] = event.ports;
    try {
      const res = await db.fetch(msg.url, { method: msg.method, headers: msg.headers, body: msg.body ?? undefined });
      const body = await res.arrayBuffer();
      port.postMessage({ status: res.status, headers: [...res.headers], body }, [body]);
    } catch (err) {
      port.postMessage({ error: String(err?.message ?? err) });
    }
  });
  sw.startMessages();
  sw.addEventListener('controllerchange', announce);

  if (scriptURL) await sw.register(scriptURL, { scope, type });
  await announce();
  if (!sw.controller) {
    await new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
  }
}
