// Notification endpoints that work offline, delivered by the host itself instead of an HTTP
// request: "browser-notification" shows the message with the browser's Notification API (when
// the page granted the permission), "in-app-log" only keeps it, as the notifications row the
// engine writes on the report (the Alerts page lists them). Both answer like sendNotification:
// { sent: true, status } or { sent: false, reason }, never throwing.
const HOST_TYPES = new Set(['browser-notification', 'in-app-log']);

export function isHostDelivered(request) {
  return HOST_TYPES.has(request?.type);
}

export async function deliverInHost({ type, title, message }) {
  if (type === 'in-app-log') return { sent: true, status: 'logged' };
  const NotificationApi = globalThis.Notification;
  if (typeof NotificationApi !== 'function') return { sent: false, reason: 'the Notification API is not available here' };
  if (NotificationApi.permission !== 'granted') {
    return { sent: false, reason: `notification permission is ${NotificationApi.permission}` };
  }
  try {
    // eslint-disable-next-line no-new
    new NotificationApi(title || 'Tidewater alert', { body: message ?? '', tag: `tidewater-${Date.now()}` });
    return { sent: true, status: 'shown' };
  } catch (err) {
    return { sent: false, reason: String(err?.message ?? err) };
  }
}
