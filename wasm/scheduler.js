// Drives the engine's task scheduler (core/process/task_runner.h): once when the database
// opens, so runs missed while it was closed are caught up, then on a timer while it is open.
// It lives with the EngineHost, so it runs wherever the engine does: in the engine Worker in
// browsers, in-process in Node and under `tidewater serve`. The engine decides what is due;
// this only says what time it is.
import { isHostDelivered, deliverInHost } from './notification_delivery.js';

export class TaskScheduler {
  #runDue;
  #takeNotifications;
  #report;
  #send;
  #afterRuns;
  #now;
  #intervalMs;
  #timer = null;
  #listeners = new Set();

  // runDue(nowMs) → [{kind, taskID, runID, status, error, scheduledFor, manual, outbox}]
  // (synchronous); afterRuns(runs) → promise: persists what the runs wrote; send(request) →
  // promise: delivers one notification request (fetch by default). takeNotifications() → the
  // requests queries queued (slack.message, http.post, monitor.notify), sent on the same tick
  // as one run of kind "notifications"; report(request, result) hands each outcome back to the
  // engine, which writes the request's notifications row (_sent true only when delivered).
  constructor({ runDue, afterRuns = async () => {}, now = Date.now, intervalMs = 1000, send = sendNotification,
    takeNotifications = () => [], report = () => {} }) {
    this.#runDue = runDue;
    this.#takeNotifications = takeNotifications;
    this.#report = report;
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
  async #persist(runs) {
    try {
      await this.#afterRuns(runs);
    } catch {
      // Persisting failed (e.g. IndexedDB quota): the next write or tick persists again.
    }
  }

  async tick(nowMs = this.#now()) {
    let runs;
    try {
      runs = this.#runDue(nowMs);
    } catch (err) {
      runs = [{ taskID: '', runID: '', status: 'failed', error: `scheduler: ${err?.message ?? err}`, scheduledFor: nowMs, manual: false }];
    }
    let queued = [];
    try {
      queued = this.#takeNotifications() ?? [];
    } catch {
      // The engine could not hand them over (closed): nothing to send this tick.
    }
    if (queued.length > 0) runs.push({ kind: 'notifications', taskID: '', runID: '', status: 'success', error: '', scheduledFor: nowMs, manual: false, outbox: queued });
    if (runs.length === 0) return runs;
    await this.#persist(runs);
    // Notification requests: sent after the statuses are stored; a failed delivery (offline,
    // refused, CORS) is reported on the run and to the engine, never thrown.
    const requests = runs.flatMap((run) => run.outbox ?? []);
    await Promise.all(requests.map(async (request) => {
      request.result = await this.#send(request).catch((err) => ({ sent: false, reason: String(err?.message ?? err) }));
      try {
        const error = this.#report(request, request.result);
        if (error) request.result.logError = error;
      } catch (err) {
        request.result.logError = String(err?.message ?? err);
      }
    }));
    if (requests.length > 0) await this.#persist(runs);  // the notifications rows the reports wrote
    for (const listener of this.#listeners) {
      try { listener(runs); } catch { /* a listener's failure is its own */ }
    }
    return runs;
  }
}

// Sends one request with fetch: { sent: true, status } or { sent: false, reason }. Requests of
// our offline endpoint types need no network (notification_delivery.js).
export async function sendNotification(request) {
  const { url, method = 'POST', headers = {}, body } = request;
  if (isHostDelivered(request)) return deliverInHost(request);
  if (typeof fetch !== 'function') return { sent: false, reason: 'fetch is not available' };
  try {
    const res = await fetch(url, { method, headers, body: method === 'GET' ? undefined : body });
    await res.arrayBuffer().catch(() => {});
    return res.ok ? { sent: true, status: res.status } : { sent: false, status: res.status, reason: `HTTP ${res.status}` };
  } catch (err) {
    return { sent: false, reason: String(err?.cause?.message ?? err?.message ?? err) };
  }
}
