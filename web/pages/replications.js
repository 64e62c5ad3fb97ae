// Load Data → Replications: remote InfluxDB connections and the replications that copy a local
// bucket into a remote one (InfluxDB 2.x's edge data replication). Lists both with each
// replication's queue size, status and last error; creates and deletes them. Only through
// /api/v2/remotes and /api/v2/replications; everything shown is set as text.
import { h, field, errorBox, statusLine, confirmDialog } from '../dom.js';
import { isStoppedCode } from '../wasm/replication_sender.js';

const MIB = 1024 * 1024;
const bytesText = (n) => (n >= MIB ? `${(n / MIB).toFixed(1)} MiB` : `${n} B`);

// A replication's state as the API reports it: the sender's own rule says whether an error
// stopped it or is retried with backoff.
function replicationStatus(r) {
  const code = r.latestResponseCode;
  if (r.latestErrorMessage) return `${isStoppedCode(code) ? 'stopped' : 'retrying'}: ${code ? `HTTP ${code}, ` : ''}${r.latestErrorMessage}`;
  if (r.currentQueueSizeBytes > 0) return r.latestResponseCode ? `sending (last HTTP ${r.latestResponseCode})` : 'queued';
  return r.latestResponseCode ? `in sync (HTTP ${r.latestResponseCode})` : 'in sync';
}

const table = (id, titles, body) => h('table', { class: 'list', id },
  h('thead', {}, h('tr', {}, titles.map((t) => h('th', { scope: 'col' }, t)))), body);

export function createPage({ api, org }) {
  const orgQuery = new URLSearchParams(org.id ? { orgID: org.id } : { org: org.name });
  const error = errorBox('replications-error');
  const status = statusLine('replications-status');
  const remoteRows = h('tbody', { id: 'remote-rows' });
  const replicationRows = h('tbody', { id: 'replication-rows' });

  const remoteName = h('input', { id: 'remote-name', required: true, autocomplete: 'off' });
  const remoteURL = h('input', { id: 'remote-url', type: 'url', required: true, placeholder: 'https://influxdb.example.com:8086' });
  const remoteToken = h('input', { id: 'remote-token', type: 'password', required: true, autocomplete: 'off' });
  const remoteOrgID = h('input', { id: 'remote-org-id', autocomplete: 'off' });
  const remoteVersion = h('select', { id: 'remote-api-version' },
    h('option', { value: 'v2' }, 'InfluxDB 2.x / Cloud (/api/v2/write)'), h('option', { value: 'v1' }, 'InfluxDB 1.x (/write)'));
  const remoteForm = h('form', { id: 'remote-create', class: 'card' },
    h('h3', {}, 'Add a remote'),
    field('Name', remoteName), field('URL', remoteURL),
    field('API', remoteVersion),
    field('Token', remoteToken, 'An API token of the remote; for InfluxDB 1.x, username:password.'),
    field('Remote org ID', remoteOrgID, 'InfluxDB 2.x and Cloud: the org that owns the remote bucket.'),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'remote-create-submit' }, 'Add remote')));

  const replName = h('input', { id: 'replication-name', required: true, autocomplete: 'off' });
  const replRemote = h('select', { id: 'replication-remote', required: true });
  const replBucket = h('select', { id: 'replication-local-bucket', required: true });
  const replRemoteBucket = h('input', { id: 'replication-remote-bucket', required: true, autocomplete: 'off' });
  const replMaxQueue = h('input', { id: 'replication-max-queue', type: 'number', min: '32', step: '1', value: '64' });
  const replDrop = h('input', { id: 'replication-drop-non-retryable', type: 'checkbox' });
  const replForm = h('form', { id: 'replication-create', class: 'card' },
    h('h3', {}, 'Add a replication'),
    field('Name', replName), field('Remote', replRemote), field('Local bucket', replBucket),
    field('Remote bucket (name)', replRemoteBucket),
    field('Max queue size (MiB)', replMaxQueue, 'Points wait in a durable queue while the remote is unreachable; past this size the oldest are dropped. At least 32 MiB, as in InfluxDB.'),
    h('label', { class: 'check' }, replDrop, ' Drop data the remote refuses (other than 429/503) instead of stopping'),
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'replication-create-submit' }, 'Add replication')));

  const element = h('section', { 'aria-labelledby': 'replications-title' },
    h('div', { class: 'page-head' }, h('h2', { id: 'replications-title', tabindex: '-1' }, 'Replications')),
    h('p', { class: 'muted small' }, 'Copy a bucket to a real InfluxDB as it is written. The database sends while it is open '
      + 'and online; the remote must allow this site\'s origin (CORS) when it runs in a browser.'),
    status, error,
    h('h3', {}, 'Remotes'),
    h('div', { class: 'table-wrap' }, table('remotes-table', ['Name', 'URL', 'API', 'Remote org ID', 'Actions'], remoteRows)),
    h('h3', {}, 'Replications'),
    h('div', { class: 'table-wrap' }, table('replications-table',
      ['Name', 'Local bucket', 'Remote', 'Remote bucket', 'Queue', 'Max queue', 'Status', 'Actions'], replicationRows)),
    h('div', { class: 'grid-2' }, remoteForm, replForm));

  let remotes = [];
  let buckets = [];

  const deleteButton = (what, label, path) => {
    const del = h('button', { type: 'button', class: 'danger small' }, 'Delete');
    del.addEventListener('click', async () => {
      if (!(await confirmDialog(`Delete the ${what} "${label}"?`, `Delete ${what}`))) return;
      try {
        await api.json('DELETE', path);
        status.finish('ok', `Deleted the ${what} "${label}".`);
        await load();
      } catch (err) { error.show(`Could not delete ${label}: ${err.message}`); }
    });
    return del;
  };

  const remoteRow = (r) => h('tr', { dataset: { id: r.id } },
    h('td', {}, r.name), h('td', { class: 'wrap' }, r.remoteURL), h('td', {}, r.remoteAPIVersion || 'v2'),
    h('td', {}, r.remoteOrgID || ''),
    h('td', { class: 'actions' }, deleteButton('remote', r.name, `/api/v2/remotes/${encodeURIComponent(r.id)}`)));

  const replicationRow = (r) => h('tr', { dataset: { id: r.id } },
    h('td', {}, r.name),
    h('td', {}, buckets.find((b) => b.id === r.localBucketID)?.name ?? r.localBucketID),
    h('td', {}, remotes.find((x) => x.id === r.remoteID)?.name ?? r.remoteID),
    h('td', {}, r.remoteBucketName || r.remoteBucketID || ''),
    h('td', { class: 'num', dataset: { field: 'queue' } }, bytesText(r.currentQueueSizeBytes ?? 0)),
    h('td', { class: 'num' }, bytesText(r.maxQueueSizeBytes ?? 0)),
    h('td', { class: 'wrap', dataset: { field: 'status' } }, replicationStatus(r)),
    h('td', { class: 'actions' }, deleteButton('replication', r.name, `/api/v2/replications/${encodeURIComponent(r.id)}`)));

  const options = (select, items, text) => {
    const kept = select.value;
    select.replaceChildren(...items.map((x) => h('option', { value: x.id }, text(x))));
    if (items.some((x) => x.id === kept)) select.value = kept;
  };

  async function load() {
    try {
      const [r, b, p] = await Promise.all([api.get(`/api/v2/remotes?${orgQuery}`), api.get(`/api/v2/buckets?${orgQuery}`),
        api.get(`/api/v2/replications?${orgQuery}`)]);
      remotes = r.remotes ?? [];
      buckets = (b.buckets ?? []).filter((x) => !x.name.startsWith('_'));
      remoteRows.replaceChildren(...(remotes.length ? remotes.map(remoteRow)
        : [h('tr', {}, h('td', { colspan: '5', class: 'muted' }, 'No remotes yet.'))]));
      const replications = p.replications ?? [];
      replicationRows.replaceChildren(...(replications.length ? replications.map(replicationRow)
        : [h('tr', {}, h('td', { colspan: '8', class: 'muted' }, 'No replications yet.'))]));
      options(replRemote, remotes, (x) => x.name);
      options(replBucket, buckets, (x) => x.name);
      error.show('');
      element.dataset.loaded = String(Date.now());
    } catch (err) {
      error.show(`Could not list remotes and replications: ${err.message}`);
      element.dataset.loaded = 'error';
    }
  }

  const submitting = (form, what, create) => form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!org.id) return error.show('The org ID is unknown: cannot create it.');
    error.show('');
    status.busy(`Adding the ${what}…`);
    try {
      const made = await create();
      status.finish('ok', `Added the ${what} "${made.name}".`);
      form.reset();
      await load();
    } catch (err) {
      status.finish('error', `Could not add the ${what}: ${err.message}`);
    }
  });
  submitting(remoteForm, 'remote', () => api.json('POST', '/api/v2/remotes', {
    orgID: org.id, name: remoteName.value.trim(), remoteURL: remoteURL.value.trim(), remoteAPIToken: remoteToken.value,
    remoteOrgID: remoteOrgID.value.trim() || undefined, remoteAPIVersion: remoteVersion.value }));
  submitting(replForm, 'replication', () => api.json('POST', '/api/v2/replications', {
    orgID: org.id, name: replName.value.trim(), remoteID: replRemote.value, localBucketID: replBucket.value,
    remoteBucketName: replRemoteBucket.value.trim(), maxQueueSizeBytes: Math.round(Number(replMaxQueue.value) * MIB),
    dropNonRetryableData: replDrop.checked }));

  return { element, shown: load };
}
