// Tasks (/api/v2/tasks): `task create` from a Flux script with `option task = {...}`,
// `task list`, `task delete`, `task run` (ask for a run now, as the UI's "Run task" does) and
// `task run list` (the run history).
import { readFileSync } from 'node:fs';
import { api, orgID, withConnection } from './connection.js';
import { UsageError } from './args.js';
import { CONN, printTable, required } from './common.js';

const taskColumns = [['ID', (t) => t.id], ['Name', (t) => t.name], ['Organization ID', (t) => t.orgID],
  ['Organization', (t) => t.org], ['Status', (t) => t.status], ['Every', (t) => t.every ?? ''], ['Cron', (t) => t.cron ?? '']];
const runColumns = [['ID', (r) => r.id], ['Task ID', (r) => r.taskID], ['Status', (r) => r.status],
  ['Scheduled For', (r) => r.scheduledFor], ['Started At', (r) => r.startedAt ?? ''], ['Finished At', (r) => r.finishedAt ?? ''],
  ['Requested At', (r) => r.requestedAt ?? '']];

export const taskCommands = {
  'task create': {
    help: 'Create a task from a Flux script (--file or argument) with option task = {name, every|cron}',
    flags: { ...CONN, file: { alias: 'f' }, description: { alias: 'd' }, inactive: { boolean: true, help: 'create it inactive' } },
    run({ flags, positional, out }) {
      const flux = flags.file ? readFileSync(flags.file, 'utf8') : positional.join(' ');
      if (!flux.trim()) throw new UsageError('a Flux script is required (--file or argument)');
      return withConnection(flags, async (conn, creds) => {
        const t = await api(conn, creds, 'POST', '/api/v2/tasks', { body: { orgID: await orgID(conn, creds), flux,
          description: flags.description, status: flags.inactive ? 'inactive' : 'active' } });
        out(printTable([t], taskColumns));
      });
    },
  },
  'task list': {
    help: 'List tasks (--id for one, --name to filter)',
    flags: { ...CONN, id: { alias: 'i' }, name: { alias: 'n' }, limit: {} },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        if (flags.id) {
          out(printTable([await api(conn, creds, 'GET', `/api/v2/tasks/${encodeURIComponent(flags.id)}`)], taskColumns));
          return;
        }
        const { tasks } = await api(conn, creds, 'GET', '/api/v2/tasks',
          { query: { orgID: await orgID(conn, creds), name: flags.name, limit: flags.limit } });
        out(printTable(tasks, taskColumns));
      });
    },
  },
  'task delete': {
    help: 'Delete a task and its runs',
    flags: { ...CONN, id: { alias: 'i' } },
    run({ flags }) {
      required(flags, 'id');
      return withConnection(flags, (conn, creds) => api(conn, creds, 'DELETE', `/api/v2/tasks/${encodeURIComponent(flags.id)}`));
    },
  },
  'task run': {
    help: 'Ask for a run of a task now (--id); the scheduler runs it and records the result',
    flags: { ...CONN, id: { alias: 'i' }, 'scheduled-for': { help: 'RFC3339 time the run stands for (default now)' } },
    run({ flags, out }) {
      required(flags, 'id');
      return withConnection(flags, async (conn, creds) => {
        const body = flags['scheduled-for'] ? { scheduledFor: flags['scheduled-for'] } : {};
        const r = await api(conn, creds, 'POST', `/api/v2/tasks/${encodeURIComponent(flags.id)}/runs`, { body });
        out(printTable([r], runColumns));
      });
    },
  },
  'task run list': {
    help: 'List the runs of a task (--task-id), newest first',
    flags: { ...CONN, 'task-id': {}, limit: {}, after: {} },
    run({ flags, out }) {
      required(flags, 'task-id');
      return withConnection(flags, async (conn, creds) => {
        const { runs } = await api(conn, creds, 'GET', `/api/v2/tasks/${encodeURIComponent(flags['task-id'])}/runs`,
          { query: { limit: flags.limit, after: flags.after } });
        out(printTable(runs, runColumns));
      });
    },
  },
};
