// One task's run history (/api/v2/tasks/{id}/runs, newest first) and a run's log events
// (/runs/{runID}/logs), as InfluxDB's "Runs" view of a task shows them. While open it
// refreshes every REFRESH_MS, so scheduled runs show up as they happen.
import { h, errorBox } from './dom.js';
import { listTable, smallButton, timeText } from './definition_rows.js';

const REFRESH_MS = 2000;

function duration(run) {
  if (!run.startedAt || !run.finishedAt) return '';
  const ms = new Date(run.finishedAt) - new Date(run.startedAt);
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s` : '';
}

export function taskRunsPanel(api) {
  const title = h('h3', { id: 'task-runs-title' }, 'Runs');
  const error = errorBox('task-runs-error');
  const { body, wrap } = listTable('task-runs', ['Status', 'Scheduled for', 'Started', 'Duration', '']);
  const logs = h('div', { id: 'task-run-logs', hidden: true });
  const refresh = smallButton('Refresh', 'refresh', () => load());
  const close = smallButton('Close', 'close', () => { element.hidden = true; task = null; });
  const element = h('section', { class: 'card', id: 'task-runs', 'aria-labelledby': 'task-runs-title', hidden: true },
    h('div', { class: 'page-head' }, title, h('div', { class: 'row inline' }, refresh, close)),
    error, wrap, logs);
  let task = null;

  async function showLogs(run) {
    try {
      const { events } = await api.get(`/api/v2/tasks/${encodeURIComponent(task.id)}/runs/${encodeURIComponent(run.id)}/logs`);
      logs.replaceChildren(h('h4', {}, `Logs of run ${run.id}`),
        events.length
          ? h('ul', { class: 'log-lines' }, events.map((e) => h('li', {}, h('span', { class: 'muted' }, timeText(e.time)), ' ', e.message)))
          : h('p', { class: 'muted' }, 'No log events yet.'));
      logs.hidden = false;
      logs.dataset.run = run.id;
    } catch (err) { error.show(`Could not read the logs: ${err.message}`); }
  }

  function row(run) {
    return h('tr', { dataset: { id: run.id, status: run.status } },
      h('td', {}, h('span', { class: `level level-${run.status}` }, run.status)),
      h('td', {}, timeText(run.scheduledFor)),
      h('td', {}, timeText(run.startedAt)),
      h('td', {}, duration(run)),
      h('td', { class: 'actions' }, smallButton('Logs', 'logs', () => showLogs(run))));
  }

  async function load() {
    if (!task) return;
    try {
      const { runs } = await api.get(`/api/v2/tasks/${encodeURIComponent(task.id)}/runs?limit=100`);
      runs.sort((a, b) => String(b.scheduledFor).localeCompare(String(a.scheduledFor)) || String(b.id).localeCompare(String(a.id)));
      body.replaceChildren(...(runs.length ? runs.map(row) : [h('tr', {}, h('td', { colspan: '5', class: 'muted' }, 'No runs yet.'))]));
      error.show('');
      element.dataset.count = String(runs.length);
    } catch (err) {
      error.show(`Could not list the runs: ${err.message}`);
    }
    element.dataset.seq = String(Number(element.dataset.seq ?? 0) + 1);
  }

  // While the panel is open, runs the scheduler makes appear without a click.
  let timer = null;
  function follow() {
    clearInterval(timer);
    timer = setInterval(() => {
      if (element.hidden || !element.isConnected) {
        clearInterval(timer);
        timer = null;
        return;
      }
      load();
    }, REFRESH_MS);
  }

  return {
    element,
    get taskId() { return task?.id; },
    async show(t) {
      task = t;
      title.textContent = `Runs of ${t.name}`;
      logs.hidden = true;
      element.hidden = false;
      follow();
      await load();
    },
    reload: load,
  };
}
