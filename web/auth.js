// Onboarding (first visit: the setup form, or the sample database) and sign-in (later visits).
import { Api, ApiError, header } from './api.js';
import { h, field, errorBox } from './dom.js';
import { KEYS, loadJSON, saveJSON } from './storage_keys.js';
import { generateSampleData } from './sample_data.js';
import { RETENTION_CHOICES } from './retention.js';

// The sample's credentials (scripts/serve.mjs and the README print the same ones).
export const SAMPLE = { username: 'admin', password: 'tidewater-sample', org: 'sample-org', bucket: 'sample' };

const SESSION_COOKIE = 'influxdb-oss-session';

function remember({ credential, user, org, bucket, token }) {
  saveJSON(KEYS.credential, credential);
  if (user) localStorage.setItem(KEYS.user, user);
  if (org) saveJSON(KEYS.org, org);
  if (bucket) localStorage.setItem(KEYS.bucket, bucket);
  if (token) localStorage.setItem(KEYS.token, token);
}

export function forget() {
  localStorage.removeItem(KEYS.credential);
}

async function setupAllowed(api) {
  const res = await api.raw('GET', '/api/v2/setup', { auth: false });
  if (res.status !== 200) throw new ApiError(res.status, '', `GET /api/v2/setup answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body).allowed === true;
}

async function runSetup(api, { username, password, org, bucket, retentionPeriodSeconds }) {
  const out = await api.json('POST', '/api/v2/setup', { username, password, org, bucket, retentionPeriodSeconds }, { auth: false });
  const token = out.auth.token;
  // Store the token before anything else can fail: it is shown once, and without it this
  // browser would be locked out of its own database.
  remember({
    credential: { kind: 'token', token }, user: username, token,
    org: { name: out.org.name ?? org, id: out.org.id }, bucket: out.bucket?.name ?? bucket,
  });
  api.credential = { kind: 'token', token };
  return token;
}

// Writes the sample data. Separate from setup so that a first visit interrupted in between is
// finished by the next one.
async function seedSample(api) {
  const started = performance.now();
  const sample = generateSampleData();
  await api.write({ org: SAMPLE.org, bucket: SAMPLE.bucket, precision: sample.precision }, sample.lineProtocol);
  localStorage.removeItem(KEYS.samplePending);
  return { samplePoints: sample.points, seedMs: Math.round(performance.now() - started) };
}

async function createSample(api) {
  const started = performance.now();
  localStorage.setItem(KEYS.samplePending, 'true');
  const token = await runSetup(api, { ...SAMPLE });
  const setupMs = Math.round(performance.now() - started);
  return { token, setupMs, ...(await seedSample(api)) };
}

/** The org of the signed-in user: the API's first org, else what setup stored here. */
async function resolveOrg(api) {
  try {
    const { orgs } = await api.get('/api/v2/orgs');
    const stored = loadJSON(KEYS.org);
    const org = orgs?.find((o) => o.id === stored?.id) ?? orgs?.[0];
    if (org) {
      saveJSON(KEYS.org, { name: org.name, id: org.id });
      return { name: org.name, id: org.id };
    }
  } catch {
    // /api/v2/orgs not available (yet): use the stored one.
  }
  return loadJSON(KEYS.org) ?? { name: SAMPLE.org };
}

// A stored credential still valid? /api/v2/me says so; if the engine has no /me yet, trust it.
async function credentialWorks(api) {
  const res = await api.raw('GET', '/api/v2/me');
  return res.status !== 401 && res.status !== 403;
}

function retentionSelect(id) {
  return h('select', { id },
    RETENTION_CHOICES.map(([label, seconds]) => h('option', { value: String(seconds) }, label)));
}

// The first-visit form. Resolves with the setup answer once the database exists.
function setupForm(view, api, markInteractive) {
  return new Promise((resolve) => {
    const err = errorBox('setup-error');
    const username = h('input', { id: 'setup-username', autocomplete: 'username', required: true, value: 'admin' });
    const password = h('input', { id: 'setup-password', type: 'password', autocomplete: 'new-password', required: true, minlength: '8' });
    const confirm = h('input', { id: 'setup-confirm', type: 'password', autocomplete: 'new-password', required: true, minlength: '8' });
    const org = h('input', { id: 'setup-org', required: true, autocomplete: 'organization' });
    const bucket = h('input', { id: 'setup-bucket', required: true });
    const retention = retentionSelect('setup-retention');
    const submit = h('button', { type: 'submit', id: 'setup-submit' }, 'Continue');
    const sampleButton = h('button', { type: 'button', id: 'load-sample', class: 'secondary' }, 'Load sample data');
    const busy = (on) => { submit.disabled = on; sampleButton.disabled = on; };

    const form = h('form', { id: 'setup-form', class: 'card narrow', novalidate: false },
      h('h2', {}, 'Welcome to Tidewater'),
      h('p', { class: 'muted' }, 'Set up your initial user, organization and bucket. Everything stays in this browser.'),
      field('Username', username),
      field('Password', password, 'At least 8 characters.'),
      field('Confirm password', confirm),
      field('Initial organization name', org),
      field('Initial bucket name', bucket),
      field('Delete data older than', retention),
      err,
      h('div', { class: 'row' }, submit),
      h('hr'),
      h('p', { class: 'muted' }, 'Or explore first: a sample database with user ', h('code', {}, SAMPLE.username),
        ', password ', h('code', {}, SAMPLE.password), ', org ', h('code', {}, SAMPLE.org),
        ' and bucket ', h('code', {}, SAMPLE.bucket), ' filled with three days of data.'),
      h('div', { class: 'row' }, sampleButton));

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (password.value !== confirm.value) return err.show('The passwords do not match.');
      if (password.value.length < 8) return err.show('The password must be at least 8 characters.');
      err.show('');
      busy(true);
      try {
        const started = performance.now();
        const token = await runSetup(api, {
          username: username.value.trim(), password: password.value, org: org.value.trim(),
          bucket: bucket.value.trim(), retentionPeriodSeconds: Number(retention.value),
        });
        resolve({ token, created: true, setupMs: Math.round(performance.now() - started), samplePoints: 0, seedMs: 0 });
      } catch (ex) {
        err.show(`Setup failed: ${ex.message}`);
        busy(false);
      }
    });
    sampleButton.addEventListener('click', async () => {
      err.show('');
      busy(true);
      sampleButton.textContent = 'Creating the sample database…';
      try {
        resolve({ created: true, sample: true, ...(await createSample(api)) });
      } catch (ex) {
        err.show(`Could not create the sample database: ${ex.message}`);
        sampleButton.textContent = 'Load sample data';
        busy(false);
      }
    });
    view.replaceChildren(form);
    markInteractive();
    username.focus();
  });
}

// The sign-in form for later visits: POST /api/v2/signin (Basic auth → session cookie); when the
// engine has no /signin, the token stored in this browser by setup stands in for the password.
function signInForm(view, api, markInteractive) {
  return new Promise((resolve) => {
    const err = errorBox('signin-error');
    const username = h('input', { id: 'signin-username', autocomplete: 'username', required: true, value: localStorage.getItem(KEYS.user) ?? '' });
    const password = h('input', { id: 'signin-password', type: 'password', autocomplete: 'current-password', required: true });
    const submit = h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in');
    const tokenInput = h('input', { id: 'signin-token', type: 'password', autocomplete: 'off' });
    const tokenButton = h('button', { type: 'button', id: 'signin-token-submit', class: 'secondary' }, 'Use token');

    const form = h('form', { id: 'signin-form', class: 'card narrow' },
      h('h2', {}, 'Sign in to Tidewater'),
      field('Username', username),
      field('Password', password),
      err,
      h('div', { class: 'row' }, submit),
      h('details', {},
        h('summary', {}, 'Sign in with an API token'),
        field('Token', tokenInput),
        h('div', { class: 'row' }, tokenButton)));

    async function useToken(token, user) {
      api.credential = { kind: 'token', token };
      if (!(await credentialWorks(api))) throw new Error('That token is not valid.');
      remember({ credential: api.credential, user });
      resolve({ created: false });
    }

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      err.show('');
      submit.disabled = true;
      const user = username.value.trim();
      try {
        const basic = btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password.value}`)));
        const res = await api.raw('POST', '/api/v2/signin', { auth: false, headers: [['authorization', `Basic ${basic}`]] });
        if (res.status === 204 || res.status === 200) {
          const cookie = (header(res, 'set-cookie') ?? '').split(';')[0];
          if (!cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error('Signed in, but the answer carried no session cookie.');
          api.credential = { kind: 'session', cookie, user };
          remember({ credential: api.credential, user });
          return resolve({ created: false });
        }
        if (res.status === 404 || res.status === 405) {
          // No /api/v2/signin in this engine: fall back to the operator token stored at setup.
          const stored = localStorage.getItem(KEYS.token);
          if (stored && user === localStorage.getItem(KEYS.user)) return await useToken(stored, user);
          throw new Error('Password sign-in is not available in this version and no token for this user is stored in this browser: use an API token.');
        }
        let message = `HTTP ${res.status}`;
        try { message = JSON.parse(res.body).message || message; } catch {}
        throw new Error(res.status === 401 ? `Wrong username or password (${message}).` : message);
      } catch (ex) {
        err.show(ex.message);
        submit.disabled = false;
      }
    });
    tokenButton.addEventListener('click', async () => {
      err.show('');
      try {
        await useToken(tokenInput.value.trim(), username.value.trim() || localStorage.getItem(KEYS.user) || '');
      } catch (ex) {
        err.show(ex.message);
      }
    });
    view.replaceChildren(form);
    markInteractive();
    (username.value ? password : username).focus();
  });
}

/**
 * Signs in, running setup first if the database is new. With { sample: true } (the `?sample=1`
 * URL) a new database becomes the sample one without asking.
 * Resolves to { api, org, user, created, token?, samplePoints, setupMs, seedMs }.
 */
export async function authenticate(db, view, { sample = false, markInteractive = () => {}, firstVisit = false } = {}) {
  const api = new Api(db);
  let outcome = { created: false, samplePoints: 0, setupMs: 0, seedMs: 0 };
  // A browser that never signed in here most likely has no database yet: the setup form is shown
  // (and can be filled in) while the engine is still starting; its Continue waits for the engine.
  // Should the engine say a database exists after all, the sign-in form below replaces it.
  const earlyForm = firstVisit && !sample ? setupForm(view, api, markInteractive) : null;
  if (await setupAllowed(api)) {
    localStorage.removeItem(KEYS.credential);  // a new database (e.g. IndexedDB was cleared)
    outcome = sample
      ? { created: true, sample: true, ...(await createSample(api)) }
      : await (earlyForm ?? setupForm(view, api, markInteractive));
  } else {
    const stored = loadJSON(KEYS.credential);
    api.credential = stored;
    let works = !!stored && await credentialWorks(api);
    if (!works && stored?.kind === 'session') {
      // The engine keeps sign-in sessions in memory, so a reload ends them. The operator token
      // this browser stored at setup, for the same user, keeps them signed in until they sign out.
      const token = localStorage.getItem(KEYS.token);
      if (token && stored.user && stored.user === localStorage.getItem(KEYS.user)) {
        api.credential = { kind: 'token', token, user: stored.user };
        works = await credentialWorks(api);
        if (works) saveJSON(KEYS.credential, api.credential);
      }
    }
    if (!works) {
      api.credential = null;
      forget();
      outcome = { ...outcome, ...(await signInForm(view, api, markInteractive)) };
    }
    if (localStorage.getItem(KEYS.samplePending) === 'true') Object.assign(outcome, await seedSample(api));
  }
  const org = await resolveOrg(api);
  return { api, org, user: localStorage.getItem(KEYS.user) ?? '', ...outcome };
}

/** Ends the session (the API's /signout for a session) and forgets the credential here. */
export async function signOut(api) {
  if (api.credential?.kind === 'session') {
    try { await api.raw('POST', '/api/v2/signout'); } catch {}
  }
  forget();
}
