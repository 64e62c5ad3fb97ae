// The Alerts page's history tabs, read from the _monitoring bucket: "Status History" (the
// statuses checks wrote, newest first) and "Notification Log" (every notification with whether
// the host delivered it: _sent, and _reason when not). The notifications rows are the in-app
// log: an "in-app-log" endpoint only keeps its messages here, which works offline.
import { h } from './dom.js';
import { listTable, timeText } from './definition_rows.js';

const STATUS_HISTORY = `from(bucket: "_monitoring")
  |> range(start: -7d)
  |> filter(fn: (r) => r._measurement == "statuses" and r._field == "_message")
  |> group()
  |> sort(columns: ["_time"], desc: true)
  |> limit(n: 100)`;

const NOTIFICATION_LOG = `from(bucket: "_monitoring")
  |> range(start: -7d)
  |> filter(fn: (r) => r._measurement == "notifications" and (r._field == "_message" or r._field == "_reason"))
  |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
  |> group()
  |> sort(columns: ["_time"], desc: true)
  |> limit(n: 100)`;

const cell = (text, cls) => h('td', cls ? { class: cls } : {}, text ?? '');

function historyTab(id, headers, flux, row, emptyText) {
  const list = listTable(id, headers);
  return {
    body: [list.wrap],
    async load(api, org) {
      let rows = [];
      try {
        rows = await api.query(org.id ? { orgID: org.id } : { org: org.name }, flux);
      } catch {
        rows = [];  // nothing written to _monitoring yet
      }
      list.body.replaceChildren(...(rows.length ? rows.map(row)
        : [h('tr', {}, h('td', { colspan: String(headers.length), class: 'muted' }, emptyText))]));
      list.table.dataset.rows = String(rows.length);
    },
  };
}

/** statusHistory() → { body, load(api, org) }: the latest statuses of every check. */
export function statusHistory() {
  return historyTab('status-history', ['Time', 'Check', 'Level', 'Message'], STATUS_HISTORY,
    (r) => h('tr', { dataset: { check: r._check_name ?? '', level: r._level ?? '' } },
      cell(timeText(r._time), 'small'), cell(r._check_name), cell(r._level, `level level-${r._level}`), cell(r._value, 'wrap')),
    'No statuses yet: checks write them when they run.');
}

/** notificationLog() → { body, load(api, org) }: the notifications sent, or not, and why. */
export function notificationLog() {
  return historyTab('notification-log', ['Time', 'Rule', 'Endpoint', 'Level', 'Message', 'Sent'], NOTIFICATION_LOG,
    (r) => h('tr', { dataset: { sent: r._sent ?? '' } },
      cell(timeText(r._time), 'small'), cell(r._notification_rule_name), cell(r._notification_endpoint_name), cell(r._level),
      cell(r._message, 'wrap'), cell(r._sent === 'true' ? 'sent' : `not sent${r._reason ? `: ${r._reason}` : ''}`, 'small')),
    'No notifications yet.');
}
