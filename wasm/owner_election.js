// One owner per database among the tabs of a browser profile, elected with Web Locks.
//
// Every context that opens the database is a candidate: it waits for the owner lock. The
// winner starts the engine (startEngine(), e.g. a Worker holding the engine lock), announces a
// fresh owner id on the BroadcastChannel 'tidewater:<name>' and serves the requests the other
// contexts forward there. When the owner goes away (tab closed, close()), the browser hands the
// lock to the next candidate, which opens the files from IndexedDB as the last sync left them
// and announces itself; the others then resend what the old owner never answered.
//
// Resending is safe for reads, queries and line-protocol writes: writing the same points again
// stores the same values (a point without a timestamp gets the new owner's clock). Any other
// request left unanswered by a vanished owner fails with UnavailableError, since it may or may
// not have been applied.
import { UnavailableError, deserializeError, serializeError } from './errors.js';
import { holdLock, ownerLockName } from './owner_lock.js';

const channelName = (name) => `tidewater:${name}`;

function safeToResend(op, [method = '', target = ''] = []) {
  if (op !== 'request') return true;  // flush
  const m = String(method).toUpperCase();
  const path = String(target).split('?')[0];
  return m === 'GET' || m === 'HEAD' || path === '/api/v2/write' || path === '/api/v2/query'
    || path === '/write' || path === '/query' || path === '/api/v2/query/analyze';
}

export class ElectedEngine {
  #name;
  #startEngine;
  #discard;
  #channel;
  #clientId = crypto.randomUUID();
  #engine = null;          // the local engine while this context is the owner
  #ownId = null;           // this context's owner id while it is the owner
  #ownTerm = 0;
  #accepting = false;      // serving forwarded requests (false while closing)
  #ownerId = null;         // the current owner, as last announced
  #ownerTerm = 0;          // when it took over (ms): a late announcement of an older owner is ignored
  #release = null;         // gives the owner lock back
  #candidacy = new AbortController();
  #next = 1;
  #forwarded = new Map();  // id → { op, args, resolve, reject, retry, sentTo }
  #serving = new Set();    // promises of forwarded requests this owner is running
  #opened;                 // settles once an owner is known (or our engine failed to start)
  #closed = false;

  // Resolves once some owner (this context or another) can take requests.
  // startEngine() opens the engine once elected; discard() frees what it would have used when
  // this context closes without ever owning the database.
  static async open({ name, startEngine, discard = () => {} }) {
    const engine = new ElectedEngine(name, startEngine, discard);
    try {
      await engine.#opened.promise;
    } catch (err) {
      engine.#closed = true;
      engine.#channel.close();
      throw err;
    }
    return engine;
  }

  constructor(name, startEngine, discard) {
    this.#name = name;
    this.#startEngine = startEngine;
    this.#discard = discard;
    this.#opened = resolvers();
    this.#channel = new BroadcastChannel(channelName(name));
    this.#channel.onmessage = ({ data }) => this.#onMessage(data);
    this.#channel.postMessage({ t: 'who' });
    this.#campaign();
  }

  /** True while this context hosts the engine. */
  get isOwner() { return this.#engine !== null; }

  async #campaign() {
    let release;
    try {
      release = await holdLock(ownerLockName(this.#name), { signal: this.#candidacy.signal });
    } catch (err) {
      if (err?.name !== 'AbortError') this.#opened.reject(err);
      return;
    }
    if (this.#closed) { release(); return; }
    let engine;
    try {
      engine = await this.#startEngine();
    } catch (err) {
      // Give the lock back so another tab can try; this tab's callers learn why.
      release();
      this.#opened.reject(err);
      for (const [id, entry] of this.#forwarded) { this.#forwarded.delete(id); entry.reject(err); }
      return;
    }
    if (this.#closed) {  // close() ran while the engine started: hand the database on at once
      await engine.close().catch(() => {});
      release();
      return;
    }
    this.#engine = engine;
    this.#release = release;
    this.#ownId = crypto.randomUUID();
    this.#accepting = true;
    this.#ownTerm = Math.max(Date.now(), this.#ownerTerm + 1);
    this.#announce();
    this.#onOwner(this.#ownId, this.#ownTerm);
  }

  #announce() {
    this.#channel.postMessage({ t: 'owner', owner: this.#ownId, term: this.#ownTerm });
  }

  #onMessage(m) {
    if (!m || typeof m !== 'object') return;
    if (m.t === 'who') {
      if (this.#accepting) this.#announce();
    } else if (m.t === 'owner') {
      this.#onOwner(m.owner, m.term);
    } else if (m.t === 'req') {
      if (this.#accepting && m.owner === this.#ownId) this.#serve(m);
    } else if (m.t === 'res' && m.to === this.#clientId) {
      const entry = this.#forwarded.get(m.id);
      if (!entry) return;  // answered already (a resend raced a late answer)
      this.#forwarded.delete(m.id);
      if (m.error) entry.reject(deserializeError(m.error));
      else entry.resolve(m.result);
    }
  }

  // A (new) owner is known: send it what is waiting, resend what the old owner left unanswered.
  #onOwner(ownerId, term) {
    if (!ownerId || ownerId === this.#ownerId || !(term >= this.#ownerTerm)) return;
    this.#ownerId = ownerId;
    this.#ownerTerm = term;
    this.#opened.resolve();
    for (const [id, entry] of this.#forwarded) {
      if (entry.sentTo && !entry.retry) {
        this.#forwarded.delete(id);
        entry.reject(new UnavailableError('the database owner (another tab) went away while this request was in '
          + 'flight; it may or may not have been applied', { status: 503 }));
      } else {
        this.#send(id, entry);
      }
    }
  }

  #send(id, entry) {
    if (this.#engine) {
      this.#forwarded.delete(id);
      this.#engine[entry.op](...entry.args).then(entry.resolve, entry.reject);
    } else if (this.#ownerId) {
      entry.sentTo = this.#ownerId;
      this.#channel.postMessage({ t: 'req', from: this.#clientId, id, owner: this.#ownerId, op: entry.op, args: entry.args });
    }  // else: sent when an owner announces itself
  }

  #serve({ from, id, op, args }) {
    if (op !== 'request' && op !== 'flush') return;
    const done = this.#engine[op](...args).then(
      (result) => this.#channel.postMessage({ t: 'res', to: from, id, result }),
      (err) => this.#channel.postMessage({ t: 'res', to: from, id, error: serializeError(err) }),
    ).finally(() => this.#serving.delete(done));
    this.#serving.add(done);
  }

  #call(op, args) {
    if (this.#closed) return Promise.reject(new UnavailableError('database is closed', { status: 503 }));
    if (this.#engine) return this.#engine[op](...args);
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      const entry = { op, args, resolve, reject, retry: safeToResend(op, args), sentTo: null };
      this.#forwarded.set(id, entry);
      this.#send(id, entry);
    });
  }

  request(...args) { return this.#call('request', args); }
  flush() { return this.#call('flush', []); }

  // Hands the database over: finishes what this context accepted, closes the engine (flushes
  // and syncs), then releases the owner lock so the next candidate takes over.
  async close() {
    if (this.#closed) return;
    await Promise.allSettled([...this.#forwarded.values()].map((e) => new Promise((r) => {
      const { resolve, reject } = e;
      e.resolve = (v) => { resolve(v); r(); };
      e.reject = (err) => { reject(err); r(); };
    })));
    this.#closed = true;
    this.#candidacy.abort();
    try {
      if (this.#engine) {
        this.#accepting = false;
        await Promise.allSettled([...this.#serving]);
        await this.#engine.close();
      } else {
        this.#discard();
      }
    } finally {
      this.#engine = null;
      this.#release?.();
      this.#channel.close();
    }
  }
}

function resolvers() {
  let resolve, reject;
  const promise = new Promise((a, b) => { resolve = a; reject = b; });
  return { promise, resolve, reject };
}
