// Drives the engine's task scheduler (core/process/task_runner.h): once when the database
// opens, so runs missed while it was closed are caught up, then on a timer while it is open.
// It lives with the EngineHost, so it runs wherever the engine does: in the engine Worker in
// browsers, in-process in Node and under `tidewater serve`. The engine decides what is due;
// this only says what time it is.
export class TaskScheduler {
  #runDue;
  #send;
  #afterRuns;
  #now;
  #intervalMs;
  #timer = null;
  #listeners = new Set();

  // runDue(nowMs) → [{kind, taskID, runID, status, error, scheduledFor, manual, outbox}]
  // (synchronous); afterRuns(runs) → promise: persists what the runs wrote; send(request) →
  // promise: delivers one notification request (fetch by default).
  constructor({ runDue, afterRuns = async () => {}, now = Date.now, intervalMs = 1000, send = sendNotification }) {
    this.#runDue = runDue;
    this.#send = send;
    this.#afterRuns = afterRuns;
    this.#now = now;
    this.#intervalMs = intervalMs;
  }

  start() {
    if (this.#timer) return;
    // A timer's tick has no caller to reject to: whatever escapes it is dropped, not left as an
    // unhandled rejection that would end a Node process.
    const tick = () => { this.tick().catch(() => {}); };
    tick();
    this.#timer = setInterval(tick, this.#intervalMs);
    this.#timer.unref?.();  // Node: an open database alone does not keep the process alive
  }

  stop() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  // Calls listener(runs) after each tick that ran something; returns the unsubscribe function.
  onRuns(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // Runs what is due at nowMs (the clock's time by default). Never throws: a failure of the
  // tick itself becomes one failed entry.
  async tick(nowMs = this.#now()) {
    let runs;
    try {
      runs = this.#runDue(nowMs);
    } catch (err) {
      runs = [{ taskID: '', runID: '', status: 'failed', error: `scheduler: ${err?.message ?? err}`, scheduledFor: nowMs, manual: false }];
    }
    if (runs.length === 0) return runs;
    try {
      await this.#afterRuns(runs);
    } catch {
      // Persisting failed (e.g. IndexedDB quota): the next write or tick persists again.
    }
    // Notification rules' requests: sent after the statuses are stored; a failed delivery
    // (offline, refused, CORS) is reported on the run, never thrown.
    await Promise.all(runs.flatMap((run) => (run.outbox ?? []).map(async (request) => {
      request.result = await this.#send(request).catch((err) => ({ sent: false, reason: String(err?.message ?? err) }));
    })));
    for (const listener of this.#listeners) {
      try { listener(runs); } catch { /* a listener's failure is its own */ }
    }
    return runs;
  }
}

// Sends one request with fetch: { sent: true, status } or { sent: false, reason }.
export async function sendNotification({ url, method = 'POST', headers = {}, body }) {
  if (typeof fetch !== 'function') return { sent: false, reason: 'fetch is not available' };
  try {
    const res = await fetch(url, { method, headers, body: method === 'GET' ? undefined : body });
    await res.arrayBuffer().catch(() => {});
    return res.ok ? { sent: true, status: res.status } : { sent: false, status: res.status, reason: `HTTP ${res.status}` };
  } catch (err) {
    return { sent: false, reason: String(err?.cause?.message ?? err?.message ?? err) };
  }
}
