// The engine Worker: owns one EngineHost so that queries and writes never block the page.
// Messages: { id, op: 'open' | 'request' | 'flush' | 'close', args } → { id, result } | { id, error }.
import { EngineHost } from './engine_host.js';
import { serializeError } from './errors.js';

let host = null;

const ops = {
  async open(options) {
    if (host) throw new Error('this worker already hosts a database');
    host = await EngineHost.create(options);
    return true;
  },
  request(method, target, headers, body) {
    return host.request(method, target, headers, body);
  },
  flush() {
    return host.flush();
  },
  async close() {
    await host?.close();
    host = null;
    return true;
  },
};

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    const result = await ops[op](...args);
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, error: serializeError(err) });
  }
};
