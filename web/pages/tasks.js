// Tasks: list, create and edit (name, schedule and offset as fields; the Flux body in the code
// editor), enable/disable, run now, delete, and each task's run history with its logs.
// Through /api/v2/tasks and /runs; running them is the engine's scheduler's job.
import { h, field, errorBox, statusLine } from '../dom.js';
import { codeEditor } from '../code_editor.js';
import { composeTaskScript, taskBody } from '../task_script.js';
import { activeSwitch, deleteButton, isDuration, listTable, smallButton, timeText } from '../definition_rows.js';
import { taskRunsPanel } from '../task_runs.js';


function schedule(t) {
  if (t.cron) return `cron ${t.cron}`;
  return `every ${t.every ?? '?'}${t.offset ? `, offset ${t.offset}` : ''}`;
}

export function createPage({ api, org, defaultBucket }) {
  const orgQuery = new URLSearchParams(org.id ? { orgID: org.id } : { org: org.name });
  const error = errorBox('tasks-error');
  const status = statusLine('tasks-status');
  const { body: rows, wrap } = listTable('tasks-table', ['Name', 'Schedule', 'Status', 'Last run', 'Actions']);
  const runs = taskRunsPanel(api);

  // The editor (create and edit).
  const name = h('input', { id: 'task-name', required: true, autocomplete: 'off' });
  const kind = h('select', { id: 'task-schedule-kind' }, h('option', { value: 'every' }, 'Every'), h('option', { value: 'cron' }, 'Cron'));
  const when = h('input', { id: 'task-schedule', value: '1h', required: true, autocomplete: 'off' });
  const offset = h('input', { id: 'task-offset', placeholder: '0m', autocomplete: 'off' });
  const description = h('input', { id: 'task-description', autocomplete: 'off' });
  const bucket = defaultBucket || 'my-bucket';
  const script = codeEditor({
    id: 'task-script', label: 'Task script', rows: 9,
    value: `from(bucket: "${bucket}")\n  |> range(start: -task.every)\n  |> filter(fn: (r) => r._measurement == "home")\n  |> aggregateWindow(every: 1h, fn: mean)\n  |> to(bucket: "${bucket}-downsampled")`,
  });
  const formTitle = h('h3', { id: 'task-form-title' }, 'Create task');
  const formError = errorBox('task-form-error');
  const form = h('form', { id: 'task-form', class: 'card', hidden: true, 'aria-labelledby': 'task-form-title' },
    formTitle,
    h('div', { class: 'row fields' }, field('Name', name), field('Schedule', kind), field(' ', when, 'a duration (1h) or a cron line'), field('Offset', offset)),
    field('Description', description),
    h('label', { for: 'task-script' }, 'Script (Flux, without the option task line)'), script.element,
    formError,
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'task-save' }, 'Save task'),
      h('button', { type: 'button', class: 'secondary', id: 'task-cancel', onclick: () => closeForm() }, 'Cancel')));
  let editing = null;  // the task being edited, or null when creating

  const create = h('button', { type: 'button', id: 'task-create' }, 'Create task');
  const element = h('section', { 'aria-labelledby': 'tasks-title' },
    h('div', { class: 'page-head' }, h('h2', { id: 'tasks-title', tabindex: '-1' }, 'Tasks'), create),
    form, status, error, wrap, runs.element);

  function openForm(task) {
    editing = task;
    formTitle.textContent = task ? `Edit ${task.name}` : 'Create task';
    name.value = task?.name ?? '';
    kind.value = task?.cron ? 'cron' : 'every';
    when.value = task ? (task.cron ?? task.every ?? '') : '1h';
    offset.value = task?.offset ?? '';
    description.value = task?.description ?? '';
    if (task) script.setValue(taskBody(task.flux));
    formError.show('');
    form.hidden = false;
    name.focus();
  }
  function closeForm() {
    form.hidden = true;
    editing = null;
  }
  create.addEventListener('click', () => openForm(null));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const every = when.value.trim();
    if (kind.value === 'every' && !isDuration(every)) return formError.show('The schedule must be a duration such as 1h or 10m.');
    if (offset.value.trim() && !isDuration(offset.value.trim())) return formError.show('The offset must be a duration such as 5m.');
    const flux = composeTaskScript({
      name: name.value.trim(), offset: offset.value.trim(),
      ...(kind.value === 'cron' ? { cron: every } : { every }),
    }, script.value);
    status.busy('Saving…');
    try {
      if (editing) {
        await api.json('PATCH', `/api/v2/tasks/${encodeURIComponent(editing.id)}`, { flux, description: description.value.trim() });
      } else {
        await api.json('POST', '/api/v2/tasks', { orgID: org.id, org: org.name, flux, description: description.value.trim(), status: 'active' });
      }
      status.finish('ok', editing ? 'Task saved.' : 'Task created.');
      closeForm();
      await load();
    } catch (err) {
      formError.show(err.message);
      status.finish('error', 'Failed.');
    }
  });

  async function runNow(task) {
    status.busy(`Starting ${task.name}…`);
    try {
      const run = await api.json('POST', `/api/v2/tasks/${encodeURIComponent(task.id)}/runs`, {});
      status.finish('ok', `Run ${run.id} of ${task.name}: ${run.status}.`);
      await runs.show(task);
    } catch (err) {
      error.show(`Could not run ${task.name}: ${err.message}`);
      status.finish('error', 'Failed.');
    }
  }

  function row(t) {
    const path = `/api/v2/tasks/${encodeURIComponent(t.id)}`;
    const opts = { reload: load, onError: (m) => error.show(m) };
    const last = t.lastRunStatus ? `${t.lastRunStatus} · ${timeText(t.latestCompleted)}` : '';
    return h('tr', { dataset: { id: t.id, name: t.name } },
      h('td', {}, h('strong', {}, t.name), t.description ? h('div', { class: 'muted small' }, t.description) : null),
      h('td', {}, schedule(t)),
      h('td', {}, activeSwitch(api, path, t, opts)),
      h('td', { class: 'small' }, last || h('span', { class: 'muted' }, 'never run'),
        t.lastRunError ? h('div', { class: 'error small' }, t.lastRunError) : null),
      h('td', { class: 'actions' },
        smallButton('Run now', 'run', () => runNow(t)), ' ',
        smallButton('Runs', 'runs', () => runs.show(t)), ' ',
        smallButton('Edit', 'edit', () => openForm(t)), ' ',
        deleteButton(api, path, t, 'task', opts)));
  }

  async function load() {
    try {
      const { tasks } = await api.get(`/api/v2/tasks?${orgQuery}&limit=500`);
      tasks.sort((a, b) => a.name.localeCompare(b.name));
      rows.replaceChildren(...(tasks.length ? tasks.map(row) : [h('tr', {}, h('td', { colspan: '5', class: 'muted' }, 'No tasks yet: create one to run Flux on a schedule.'))]));
      error.show('');
      element.dataset.loaded = 'true';
      const shown = tasks.find((t) => t.id === runs.taskId);
      if (shown) await runs.reload();
    } catch (err) {
      error.show(`Could not list tasks: ${err.message}`);
      element.dataset.loaded = 'error';
    }
  }

  return { element, shown: load };
}
