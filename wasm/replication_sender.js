// Sends the replication queues (core/replication/) to remote InfluxDB servers: batches of line
// protocol, gzip-compressed, to /api/v2/write (InfluxDB 2.x, Cloud) or /write (InfluxDB 1.x and
// 2.x's v1 API). C++ makes no HTTP requests, so this runs beside the engine: in-process under
// `tidewater serve`, and in the engine Worker in browsers while online.
//
// Delivery is at least once and in order: a batch is acknowledged (committed in the queue) only
// after the remote accepted it, one batch at a time per replication. 429 and 503 wait for their
// Retry-After, other failures back off exponentially; a 4xx other than 408/429 stops the
// replication with the error recorded (visible as latestResponseCode/latestErrorMessage in
// /api/v2/replications) until the replication is edited, or, with dropNonRetryableData, drops
// the batch and goes on.
//
// outbox: { targets(), nextBatch(id, maxBytes), report(id, end, acknowledge, code, message) },
// each returning a promise (EngineHost.replicationOutbox()).

const RETRY_LATER = new Set([429, 503]);

export function isStoppedCode(code) {
  return code >= 400 && code < 500 && code !== 408 && code !== 429;
}

// Seconds ("120") or an HTTP date; milliseconds to wait, or null.
export function retryAfterMs(header, now = Date.now()) {
  if (header == null || header === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

async function gzipText(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64(text) {
  if (typeof btoa === 'function') return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  return Buffer.from(text).toString('base64');
}

// The URL and headers of a write of this replication's batches.
export function writeRequest(target) {
  const { remote } = target;
  const base = remote.remoteURL.replace(/\/+$/, '');
  const headers = { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'gzip' };
  const token = remote.remoteAPIToken ?? '';
  if (remote.remoteAPIVersion === 'v1') {
    const [db, ...rp] = (target.remoteBucketName || target.remoteBucketID).split('/');
    const params = new URLSearchParams({ db, precision: 'ns' });
    if (rp.length) params.set('rp', rp.join('/'));
    if (token.includes(':')) headers.authorization = `Basic ${base64(token)}`;
    else if (token) headers.authorization = `Token ${token}`;
    return { url: `${base}/write?${params}`, headers };
  }
  const params = new URLSearchParams({ bucket: target.remoteBucketID || target.remoteBucketName, precision: 'ns' });
  if (remote.remoteOrgID) params.set('orgID', remote.remoteOrgID);
  if (token) headers.authorization = `Token ${token}`;
  return { url: `${base}/api/v2/write?${params}`, headers };
}

export class ReplicationSender {
  #outbox;
  #fetch;
  #isOnline;
  #batchBytes;
  #intervalMs;
  #minBackoffMs;
  #maxBackoffMs;
  #now;
  #timer = null;
  #running = null;      // the promise of the pass under way
  #stopped = false;
  #retry = new Map();   // replication ID → { at, backoffMs }
  #listeners = new Set();
  sent = { batches: 0, points: 0, bytes: 0 };

  constructor({ outbox, fetch = globalThis.fetch?.bind(globalThis), isOnline = () => true, batchBytes = 1 << 20,
    intervalMs = 1000, minBackoffMs = 1000, maxBackoffMs = 60_000, now = Date.now } = {}) {
    this.#outbox = outbox;
    this.#fetch = fetch;
    this.#isOnline = isOnline;
    this.#batchBytes = batchBytes;
    this.#intervalMs = intervalMs;
    this.#minBackoffMs = minBackoffMs;
    this.#maxBackoffMs = maxBackoffMs;
    this.#now = now;
  }

  start() {
    if (this.#timer || this.#stopped) return this;
    this.#timer = setInterval(() => this.poke(), this.#intervalMs);
    this.#timer.unref?.();  // Node: replication alone does not keep the process alive
    this.poke();
    return this;
  }

  // Starts a pass now unless one runs (new data, back online).
  poke() {
    if (this.#running || this.#stopped) return this.#running;
    this.#running = this.runOnce().catch((err) => this.#emit({ error: String(err?.message ?? err) }))
      .finally(() => { this.#running = null; });
    return this.#running;
  }

  // Stops the timer and waits for the batch in flight (it is acknowledged or sent again later).
  async stop() {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  // listener({ replicationID, code, message, records, bytes, error }) after each attempt.
  onEvent(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event) {
    for (const l of this.#listeners) l(event);
  }

  // One pass: every replication that is not stopped or waiting sends until its queue is
  // empty or a send fails. Returns how many batches were acknowledged.
  async runOnce() {
    if (!this.#isOnline()) return 0;
    const { replications = [], error } = await this.#outbox.targets();
    if (error) throw new Error(error);
    let acknowledged = 0;
    for (const target of replications) {
      if (this.#stopped || !this.#isOnline()) break;
      if (isStoppedCode(target.latestResponseCode) && !target.dropNonRetryableData) continue;
      const retry = this.#retry.get(target.id);
      if (retry && retry.at > this.#now()) continue;
      acknowledged += await this.#drain(target);
    }
    return acknowledged;
  }

  async #drain(target) {
    let acknowledged = 0;
    while (!this.#stopped) {
      const batch = await this.#outbox.nextBatch(target.id, this.#batchBytes);
      if (batch.error) throw new Error(`replication ${target.id}: ${batch.error}`);
      if (!batch.lines) return acknowledged;
      const outcome = await this.#send(target, batch);
      this.#emit({ replicationID: target.id, records: batch.records, bytes: batch.lines.length, ...outcome });
      if (outcome.acknowledge) {
        const err = await this.#outbox.report(target.id, batch.end, true, outcome.code, outcome.message);
        if (err) throw new Error(`replication ${target.id}: ${err}`);
        this.#retry.delete(target.id);
        if (outcome.code < 300) {
          this.sent.batches++;
          this.sent.bytes += batch.lines.length;
          this.sent.points += countLines(batch.lines);
        }
        acknowledged++;
        continue;
      }
      await this.#outbox.report(target.id, '', false, outcome.code, outcome.message);
      if (!outcome.stop) {
        const prev = this.#retry.get(target.id)?.backoffMs ?? 0;
        const backoffMs = Math.min(this.#maxBackoffMs, Math.max(this.#minBackoffMs, prev * 2));
        this.#retry.set(target.id, { at: this.#now() + Math.max(backoffMs, outcome.retryAfterMs ?? 0), backoffMs });
      }
      return acknowledged;
    }
    return acknowledged;
  }

  // → { code, message, acknowledge, stop, retryAfterMs }
  async #send(target, batch) {
    const { url, headers } = writeRequest(target);
    let res;
    try {
      res = await this.#fetch(url, { method: 'POST', headers, body: await gzipText(batch.lines) });
    } catch (err) {
      return { code: 0, message: `network error: ${err?.cause?.message ?? err?.message ?? err}`, acknowledge: false };
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) return { code: res.status, message: '', acknowledge: true };
    let message = text;
    try {
      const body = JSON.parse(text);
      message = body.message ?? body.error ?? text;
    } catch { /* not JSON: keep the text */ }
    message = `${res.status}: ${message}`.slice(0, 1000);
    if (RETRY_LATER.has(res.status)) {
      return { code: res.status, message, acknowledge: false, retryAfterMs: retryAfterMs(res.headers.get('retry-after'), this.#now()) };
    }
    if (isStoppedCode(res.status)) {
      // The remote will never take this batch: drop it when asked to, else stop here.
      return { code: res.status, message, acknowledge: target.dropNonRetryableData === true, stop: true };
    }
    return { code: res.status, message, acknowledge: false };
  }
}

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
