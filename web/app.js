// The dashboard's entry point: opens the database in this browser (IndexedDB, engine in a
// Worker), signs in (setup form on a first visit, `?sample=1` or the "Load sample data" button
// for the sample database), then shows the shell: left nav + hash-routed pages.
//
// Test hooks: <body data-interactive="true"> once the first form or page can be used,
// window.tidewaterEngineReady = { ms, openMs } once the engine is up,
// <body data-ready="true"> and window.tidewaterReady = { ms, openMs, ... } once signed in.
import { Tidewater } from './wasm/index.js';
import { authenticate, signOut, SAMPLE } from './auth.js';
import { Router } from './router.js';
import { wireThemeToggle } from './theme.js';
import { $, h, copyText } from './dom.js';
import { KEYS } from './storage_keys.js';

const DB_NAME = 'tidewater';

const ROUTES = {
  '/load-data/buckets': { title: 'Buckets', load: () => import('./pages/buckets.js') },
  '/load-data/line-protocol': { title: 'Line Protocol', load: () => import('./pages/line_protocol.js') },
  '/load-data/tokens': { title: 'API Tokens', load: () => import('./pages/tokens.js') },
  '/load-data/replications': { title: 'Replications', load: () => import('./pages/replications.js') },
  '/data-explorer': { title: 'Data Explorer', load: () => import('./pages/data_explorer.js') },
  '/dashboards': { title: 'Dashboards', load: () => import('./pages/dashboards.js') },
  '/tasks': { title: 'Tasks', load: () => import('./pages/tasks.js') },
  '/alerts': { title: 'Alerts', load: () => import('./pages/alerts.js') },
  '/settings': { title: 'Settings', load: () => import('./pages/settings.js') },
};

function setStatus(text) {
  $('status').textContent = text;
}

let interactiveMarked = false;
function markInteractive() {
  if (interactiveMarked) return;
  interactiveMarked = true;
  window.tidewaterInteractive = { ms: Math.round(performance.now()) };
  document.body.dataset.interactive = 'true';
}

// The operator token right after setup: shown once, with a copy button.
function tokenBanner(token) {
  const code = h('code', { id: 'token' }, token);
  const copy = h('button', { type: 'button', id: 'copy-token' }, 'Copy');
  copy.addEventListener('click', async () => { copy.textContent = (await copyText(token, code)) ? 'Copied' : 'Press Ctrl+C'; });
  const panel = h('section', { id: 'token-panel', class: 'banner card', 'aria-labelledby': 'token-title' },
    h('h2', { id: 'token-title' }, 'Your operator token'),
    h('p', {}, 'It can do everything in this database. It is shown only now: copy it if you want to use it with the CLI '
      + 'or a client library. This browser keeps it to sign you in.'),
    h('div', { class: 'row' }, code, copy,
      h('button', { type: 'button', class: 'secondary', onclick: () => panel.remove() }, 'Dismiss')));
  return panel;
}

// Offline after the first visit (sw.js). Registered once the page is ready so that caching the
// app never competes with the first load; on the static host's root or any sub-folder.
function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('./sw.js').catch((err) => console.warn(`Service Worker not registered: ${err.message}`));
}

async function main() {
  wireThemeToggle($('theme-toggle'));
  const params = new URLSearchParams(location.search);
  const sample = params.get('sample') === '1' || params.get('sample') === 'true';
  if (params.has('sample')) {  // one-shot: a reload must not look like a new request
    params.delete('sample');
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}${location.hash}`);
  }

  // The engine (Worker, wasm compile, IndexedDB) starts now; requests made before it is up wait
  // for it, so a first visit's setup form is usable at once.
  const openStarted = performance.now();
  let openMs = 0;
  const opening = Tidewater.open({ name: DB_NAME, storage: 'indexeddb' }).then((engine) => {
    openMs = Math.round(performance.now() - openStarted);
    window.tidewaterEngineReady = { ms: Math.round(performance.now()), openMs };
    setStatus('');
    return engine;
  });
  const db = {
    request: async (...args) => (await opening).request(...args),
  };
  const firstVisit = !localStorage.getItem(KEYS.user) && !localStorage.getItem(KEYS.credential);

  const view = $('view');
  const session = await authenticate(db, view, { sample, markInteractive, firstVisit });
  const { api, org, user } = session;
  const ctx = {
    api, org, user,
    // Settings' restore closes the database before it replaces it (backup_panel.js).
    database: { name: DB_NAME, close: async () => (await opening).close() },
    defaultBucket: localStorage.getItem(KEYS.bucket) ?? '',
    // The sample database (made now, or on an earlier visit): the Data Explorer opens on its data.
    sample: !!session.sample || (org.name === SAMPLE.org && localStorage.getItem(KEYS.bucket) === SAMPLE.bucket),
  };

  $('account-name').textContent = `${user || 'signed in'} · ${org.name}`;
  $('account').hidden = false;
  $('sign-out').addEventListener('click', async () => {
    await signOut(api);
    location.replace(location.pathname);  // a fresh page asks to sign in
  });
  $('nav').hidden = false;
  view.replaceChildren();
  if (session.created && session.token) view.append(tokenBanner(session.token));

  const router = new Router(view, ROUTES, ctx, '/data-explorer');
  await router.start();

  const ms = Math.round(performance.now());  // performance.now() counts from navigation start
  window.tidewaterReady = {
    ms, openMs, setupMs: session.setupMs, seedMs: session.seedMs, firstVisit: session.created,
    samplePoints: session.samplePoints,
  };
  markInteractive();
  document.body.dataset.ready = 'true';
  registerServiceWorker();
  setStatus(session.samplePoints ? `Wrote ${session.samplePoints} sample points.` : '');
}

main().catch((err) => {
  console.error(err);
  setStatus('Not ready.');
  $('fatal').textContent = `Could not open the database: ${err.message}`;
  $('fatal').hidden = false;
});
